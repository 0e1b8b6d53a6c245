"""What the rest of pcdocs knows about a building block: one `BlockSpec` per data file kind.

A spec says which file it reads (kind, extensions, companions), how to load it into a typed
record, how to check that record against its organisation and documents (run by `pcdocs
check` on every data file, whether or not a page shows it), its named figures, how its
figures compare between versions, and the macros authors write to show it. The specs are
listed once, in `pcdocs.blocks.registry.SPECS`; nothing registers itself on import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from pcdocs.errors import Finding
from pcdocs.model.figures import Figure

if TYPE_CHECKING:
    from pcdocs.compare.model import Fact
    from pcdocs.model.organisation import Organisation
    from pcdocs.model.repository import Document

R = TypeVar("R")
T = TypeVar("T")


@dataclass(frozen=True)
class MacroSpec:
    """A macro authors write in Markdown: `name(...)`, with its summary and an example the
    author guide shows."""

    name: str
    func: Callable[..., Any]
    summary: str
    example: str


@dataclass(frozen=True)
class Checking:
    """What a data file is checked against: its organisation, the documents that read it
    (through their data folder, or the organisation folder when theirs has no such file), and
    `record(spec)`: another file read next to it (same folder, then the organisation folder),
    None when it is absent or broken (that file reports its own errors)."""

    organisation: Organisation
    documents: tuple[Document, ...]
    read: Callable[[BlockSpec[Any]], object | None]

    def record(self, spec: BlockSpec[T]) -> T | None:
        return cast("T | None", self.read(spec))


Facts = Callable[[R, "str | None", Any], "tuple[list[Fact], set[str]]"]
"""(record, edition, risicoprofiel) -> (facts beyond the named figures, figure keys to skip)."""

Category = Callable[[str, Figure], "tuple[str, str | None]"]
"""(figure key, figure) -> (comparison category, parent key)."""


def no_figures(record: object) -> dict[str, Figure]:
    return {}


def no_findings(record: object, checking: Checking) -> list[Finding]:
    return []


@dataclass(frozen=True)
class BlockSpec(Generic[R]):
    """One data file kind: `data/<org>/<year>/<kind>.<ext>` (or `data/<org>/<kind>.<ext>`).

    - `label`: the block's name in comparisons ("Ziekteverzuim");
    - `load(path, rel)`: the typed record, or a `PcdocsError` at the file and line;
    - `validate(record, checking)`: the problems of a record that loads, against its
      organisation, its documents and the files next to it;
    - `figures(record)`: the named figures `cijfer('<kind>.<name>')` shows;
    - `facts`/`category`: what a comparison sees beyond, and how it files, those figures;
      `compared`: False for a file that only helps to read another (risicoprofiel);
    - `macros`: what authors write to show it, documented in the author guide;
    - `chart`: the name of its macro that draws a chart, if any.
    """

    kind: str
    label: str
    summary: str
    extensions: tuple[str, ...]
    load: Callable[[Path, str], R]
    figures: Callable[[R], dict[str, Figure]] = no_figures
    companions: tuple[str, ...] = ()
    validate: Callable[[R, Checking], list[Finding]] = no_findings
    facts: Facts[R] | None = None
    category: Category | None = None
    compared: bool = True
    macros: tuple[MacroSpec, ...] = ()
    chart: str | None = None

    @property
    def file_names(self) -> tuple[str, ...]:
        return tuple(f"{self.kind}.{ext}" for ext in self.extensions)
