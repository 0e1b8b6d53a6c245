"""`pcdocs cijfers <map> [soort]`: every named figure of a data folder, with where it comes
from, computed by pcdocs alone, without a site, documents or mkdocs.yml.

For an auditor who reruns the figures of a published PDF: the PDF attaches the data files
its document read (`data/<org>/<year>/...`); put them in a folder `data/` under any folder,
at the paths the attachments name, and ask for the figures of that data folder. A simulated
figure (the paragraaf weerstandsvermogen) names its draws, its seed and its settings' line,
so the same files give the same figures.

The folder given is a data folder under `<root>/data/` (`isd-bol/2025`), read as a page
with `data: isd-bol/2025` reads it: the year folder first, then the organisation folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pcdocs.blocks.datasets import DataScope, DataStore, blocks
from pcdocs.errors import PcdocsError, UsageError
from pcdocs.model.figures import Figure
from pcdocs.model.schema import suggest


@dataclass(frozen=True)
class Listed:
    """The figures of one data file kind, or why it has none."""

    kind: str
    figures: dict[str, Figure]
    error: PcdocsError | None = None


def list_figures(root: Path, folder: str, kind: str | None = None) -> list[Listed]:
    """The figures of every data file kind the folder has (or only `kind`), in the order of
    the registry; a file that does not compute gives its error instead."""
    data = root / "data"
    if not data.is_dir():
        raise UsageError(f"{root} heeft geen map data/", code="gebruik",
                         hint="noem met -C de map waarin data/<organisatie>/<jaar>/ staat")
    try:
        scope = DataScope(DataStore(root), data, folder.strip("/"), "(opdrachtregel)")
    except PcdocsError as exc:
        raise UsageError(exc.finding.message, code="gebruik",
                         hint="noem een gegevensmap onder data/, bijv. isd-bol/2025") from None
    known = blocks()
    if kind is not None and kind not in known:
        guess = suggest(kind, list(known))
        raise UsageError(f"onbekende soort gegevens '{kind}'", code="gebruik",
                         hint=f"bedoelde u '{guess}'?" if guess else
                         "bekend: " + ", ".join(known))
    chosen = [known[kind]] if kind is not None else list(known.values())
    found = []
    for spec in chosen:
        if scope.locate(spec) is None:
            if kind is not None:
                raise UsageError(f"data/{folder.strip('/')}/ heeft geen {spec.kind}."
                                 f"{spec.extensions[0]}", code="gebruik",
                                 hint="zet het bestand (en de bestanden die het leest) in de "
                                      "map")
            continue
        try:
            found.append(Listed(spec.kind, scope.figures(spec.kind)))
        except PcdocsError as exc:
            found.append(Listed(spec.kind, {}, exc))
    return found


def provenance(fig: Figure, most: int = 3) -> str:
    """How a figure was made and where it comes from, on one line (a computed figure: how,
    and its first source)."""
    refs = [s.ref() for s in fig.sources]
    if fig.computed:
        most = 1
    shown = ", ".join(refs[:most]) + (f" en {len(refs) - most} meer" if len(refs) > most
                                      else "")
    return f"{fig.computed}; bron: {shown}" if fig.computed else f"bron: {shown}"


def lines(listed: list[Listed]) -> list[str]:
    """What the command prints: one figure a line, `soort.naam: tekst (herkomst)`."""
    out = []
    for item in listed:
        if item.error is not None:
            out.append(f"FOUT {item.error.finding.format()}")
            continue
        for name, fig in item.figures.items():
            out.append(f"{item.kind}.{name}: {fig.text()} ({provenance(fig)})")
    return out
