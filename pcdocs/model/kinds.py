"""Document kinds (jaarplan, begroting, ...) are data: what pcdocs ships and what an
organisation declares.

The kinds pcdocs knows are in `pcdocs/reference/documentsoorten.yaml`; an organisation adds
its own, or changes a built-in one for itself, in `data/<org>/organisatie.yaml`:

```yaml
documentsoorten:
  bedrijfsplan:                  # the file name: docs/<org>/<year>/bedrijfsplan.md
    naam: Bedrijfsplan           # cover, running header, default title, PDF metadata
    meervoud: Bedrijfsplannen    # the series' overview (default: naam)
    edities: nee                 # one edition per gemeente by default? (default: ja)
    omschrijving: ...            # what it is (optional)
```

A declared kind with a built-in's key replaces the built-in for that organisation: the
fields it gives replace the built-in's, the ones it leaves out keep the built-in's values.
Two kinds of one organisation never share a naam or meervoud (the newcomer's mistake this
prevents: a document filed under the nearest kind joins that kind's series).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from pcdocs.errors import DataError
from pcdocs.model.figures import Source
from pcdocs.model.load import parse_yaml
from pcdocs.model.schema import Reader

BUILTIN_FILE = "pcdocs/reference/documentsoorten.yaml"
SECTION = "documentsoorten"  # the key in organisatie.yaml
GUIDE = "docs/handleiding/documentsoorten.md"
TABLE_START = "<!-- documentsoorten: begin (gemaakt uit pcdocs/reference/documentsoorten.yaml) -->"
TABLE_END = "<!-- documentsoorten: einde -->"

# The key is a file name and a part of every address of the kind's documents and series.
KEY = re.compile(r"[a-z][a-z0-9-]{0,39}")
# `docs/<org>/<year>/index.md` is the year's own page, never a document.
RESERVED = frozenset({"index"})
MAX_NAME = 60
FIELDS = ("naam", "meervoud", "edities", "omschrijving")


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: how its file is named and how it is called."""

    key: str  # "begroting": docs/<org>/<year>/begroting.md, `soort: begroting`
    naam: str  # "Begroting": cover, running header, default title, PDF title and subject
    meervoud: str  # "Begrotingen": the series on its overview page
    edities: bool  # per-gemeente editions unless the front matter says `edities:`
    omschrijving: str | None  # what the kind is, for the guide
    source: Source  # where it was declared (the built-in file or organisatie.yaml)

    @property
    def builtin(self) -> bool:
        return self.source.file == BUILTIN_FILE


def read_kinds(section: Reader, base: Mapping[str, DocumentKind],
               where: str) -> dict[str, DocumentKind]:
    """`base` with the kinds of `section` (a mapping key -> fields) added or laid over it.
    `where` names the file for messages ("data/iasz/organisatie.yaml")."""
    kinds = dict(base)
    declared: list[tuple[DocumentKind, Reader]] = []
    for key, value in section.entries():
        _check_key(section, key)
        if not isinstance(value, Reader):
            raise section.error(key, "moet een groep met ten minste 'naam:' zijn",
                                code="verkeerd-type",
                                hint=f"schrijf de velden ingesprongen onder '{key}:', bijv. "
                                     f"'naam: {str(key).replace('-', ' ').capitalize()}'")
        kind = _read_kind(value, str(key), base.get(str(key)))
        kinds[kind.key] = kind
        declared.append((kind, value))
    for kind, reader in declared:
        _check_unique(kind, reader, kinds, where)
    return kinds


def _check_key(section: Reader, key: object) -> None:
    text = str(key)
    if isinstance(key, str) and KEY.fullmatch(key) and key not in RESERVED:
        return
    if text in RESERVED:
        raise section.error(key, f"'{text}' kan geen documentsoort zijn: {text}.md is de "
                                 "pagina van een map", code="ongeldige-code",
                            hint="kies een andere sleutel, bijv. 'overzicht'")
    better = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    better = better if KEY.fullmatch(better) else "bedrijfsplan"
    raise section.error(
        key, f"'{text}' is geen geldige sleutel voor een documentsoort", code="ongeldige-code",
        hint="de sleutel is ook de bestandsnaam: kleine letters, cijfers en streepjes, "
             f"beginnend met een letter, ten hoogste 40 tekens, bijv. '{better}'")


def _read_kind(r: Reader, key: str, inherited: DocumentKind | None) -> DocumentKind:
    """One kind's fields; what an override of a built-in leaves out stays the built-in's."""
    r.optional("meervoud")  # (known to `done`'s suggestions, also when it is left out)
    if inherited is not None and "naam" not in r.data:
        naam, plural = inherited.naam, inherited.meervoud
    else:  # a new name is its own series' name, until a plural is given
        naam = _name(r, "naam")
        plural = naam
    meervoud = _name(r, "meervoud") if "meervoud" in r.data else plural
    editions = r.boolean("edities", True if inherited is None else inherited.edities)
    omschrijving = r.opt_text("omschrijving")
    if omschrijving is None and inherited is not None:
        omschrijving = inherited.omschrijving
    r.done()
    return DocumentKind(key, naam, meervoud, editions, omschrijving,
                        Source(r.file, r.line, r.path))


def _name(r: Reader, field: str) -> str:
    text = r.text(field)
    if len(text) > MAX_NAME or "\n" in text:
        raise r.error(field, f"is te lang voor een {field} ({len(text)} tekens)"
                      if len(text) > MAX_NAME else "moet op één regel staan",
                      hint=f"ten hoogste {MAX_NAME} tekens op één regel; wat voor document "
                           "het is, past in 'omschrijving:'")
    return text


def _check_unique(kind: DocumentKind, r: Reader, kinds: Mapping[str, DocumentKind],
                  where: str) -> None:
    """No other kind has the naam or the meervoud of a declared one (case ignored)."""
    for other in kinds.values():
        if other.key == kind.key:
            continue
        for field, the, mine, theirs in (("naam", "de", kind.naam, other.naam),
                                         ("meervoud", "het", kind.meervoud, other.meervoud)):
            if mine.lower() != theirs.lower():
                continue
            origin = "die pcdocs kent" if other.builtin else f"in {where}"
            raise DataError(
                f"{r.key_path(field)}: '{mine}' is al {the} {field} van de documentsoort "
                f"'{other.key}' ({origin})",
                file=r.file, line=r.line_of(field), key=r.key_path(field),
                code="dubbele-soort",
                hint=f"is het een {other.naam.lower()}, schrijf dan 'soort: {other.key}' en "
                     f"laat deze soort weg; kies anders een {field} die de twee soorten "
                     "onderscheidt")


@cache
def builtin_kinds() -> Mapping[str, DocumentKind]:
    """The kinds pcdocs ships (reference/documentsoorten.yaml), in the file's order."""
    text = resources.files("pcdocs").joinpath("reference/documentsoorten.yaml").read_text(
        encoding="utf-8")
    kinds = read_kinds(Reader(parse_yaml(text, BUILTIN_FILE), BUILTIN_FILE), {}, BUILTIN_FILE)
    return MappingProxyType(kinds)


def declare_hint(org: str, key: str) -> str:
    """How an author declares a new kind, for the messages that need it."""
    example = key if KEY.fullmatch(key) and key not in RESERVED else "bedrijfsplan"
    return (f"is het een nieuwe soort document, geef die dan op in "
            f"data/{org}/organisatie.yaml onder 'documentsoorten:', met de sleutel "
            f"'{example}' en ten minste 'naam:' (zie de handleiding, Documentsoorten)")


def guide_table(kinds: Mapping[str, DocumentKind] | None = None) -> str:
    """The table of the built-in kinds for the guide (between TABLE_START and TABLE_END):
    two columns, so that it fits a phone without scrolling."""
    rows = ["| Soort (bestandsnaam) | Naam, reeks, edities per gemeente en wat het is |",
            "| --- | --- |"]
    for kind in (kinds or builtin_kinds()).values():
        about = (kind.omschrijving or "").replace("|", "/")
        rows.append(f"| `{kind.key}` | **{kind.naam}**, reeks *{kind.meervoud}*, edities: "
                    f"{'ja' if kind.edities else 'nee'}. {about} |")
    return "\n".join(rows)


if __name__ == "__main__":  # `python -m pcdocs.model.kinds`: the guide's table
    print(guide_table())
