"""`pcdocs sjabloon <soort>`: write the Excel template of a table file kind.

The template (`render/workbooks.py`) is written as `<soort>.xlsx` in the folder given
(default: the current folder), so once it is filled in and saved in a data folder it is the
data file itself. Nothing is overwritten: a `<soort>.xlsx` or `<soort>.csv` already in the
folder is an error (a second file with the same data would be one too: `dubbele-bron`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pcdocs.blocks.spec import TableTemplate
from pcdocs.commands.scaffold import TargetExists
from pcdocs.errors import MacroError, UsageError
from pcdocs.render import workbooks


@dataclass(frozen=True)
class Written:
    path: Path
    template: TableTemplate


def kinds() -> list[str]:
    """The file kinds that have a template, in the registry's order."""
    return list(workbooks.templates())


def write_template(kind: str, folder: Path) -> Written:
    """Write the template of `kind` into `folder` (made when missing); returns where."""
    try:
        template = workbooks.find(kind)
    except MacroError as exc:
        raise UsageError(f"er is geen sjabloon voor '{kind}'", code="gebruik",
                         hint=exc.finding.hint) from None
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is geen map", code="gebruik",
                         hint="noem met --map de map waarin het sjabloon komt")
    target = folder / workbooks.file_name(template)
    for existing in (target, folder / f"{template.file}.csv"):
        if existing.exists():
            raise TargetExists(f"{existing.name} bestaat al in deze map; pcdocs "
                               "overschrijft geen gegevens",
                               file=str(existing),
                               hint="kies met --map een andere map, of verwijder of hernoem "
                                    "het bestaande bestand eerst")
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.deel")
    try:
        partial.write_bytes(workbooks.workbook(template))
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return Written(target, template)


def summary(written: Written) -> list[str]:
    """What the command prints, in Dutch."""
    template = written.template
    required = [c.name for c in template.columns if c.required]
    optional = [c.name for c in template.columns if not c.required]
    lines = [f"Sjabloon geschreven: {written.path}",
             f"Kolommen: {', '.join(required)}"
             + (f" (optioneel: {', '.join(optional)})" if optional else "")]
    return lines + workbooks.instructions(template)
