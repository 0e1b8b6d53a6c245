"""What the rest of pcdocs knows about a building block: one `BlockSpec` per data file kind.

A spec says which file it reads (kind, extensions, companions), how to load it into a typed
record, how to check that record against its organisation and documents (run by `pcdocs
check` on every data file, whether or not a page shows it), its named figures, how its
figures compare between versions and how a comparison words their changes, how `pcdocs new`
carries the file into the next year, and the macros authors write to show it. The specs are
listed once, in `pcdocs.blocks.registry.SPECS`; nothing registers itself on import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast

from pcdocs.errors import Finding
from pcdocs.model.figures import Figure

if TYPE_CHECKING:
    from pcdocs.model.facts import Fact
    from pcdocs.model.frontmatter import Period
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


@dataclass(frozen=True)
class Comparing:
    """What a block's comparison facts see: the gemeente whose edition is compared (None:
    the whole document), and `record(spec)`: another file the same page read (one that only
    helps to read this one, such as its classes), None when the page read none."""

    edition: str | None
    read: Callable[[BlockSpec[Any]], object | None]

    def record(self, spec: BlockSpec[T]) -> T | None:
        return cast("T | None", self.read(spec))


Facts = Callable[[R, Comparing], "tuple[list[Fact], set[str]]"]
"""(record, comparing) -> (facts beyond the named figures, figure keys to skip)."""

Category = Callable[[str, Figure], "tuple[str, str | None]"]
"""(figure key, figure) -> (comparison category, parent key)."""


@dataclass(frozen=True)
class Wording:
    """How a comparison names and words a change to the facts of one category
    (`Fact.category`, from the block's `facts` or `category`). The sentences take `{label}`,
    and `{old}`, `{new}` and `{delta}` (the size of a numeric change) when a fact changes, or
    `{text}` when it is added or dropped; one left None is the plain figure's sentence.

    - `kind`: the change record's kind when a fact changes (default `<category>-gewijzigd`);
    - `measured`: False for a state or a text, whose change has no size;
    - `done`: values that finish it: the record is then `<category>-afgerond`, worded by
      `finished`.
    """

    category: str
    changed: str | None = None
    added: str | None = None
    dropped: str | None = None
    kind: str | None = None
    measured: bool = True
    done: frozenset[str] = frozenset()
    finished: str | None = None


@dataclass(frozen=True)
class Slot:
    """An empty value `pcdocs new` left in a data file for the author to fill in (`pcdocs
    check` flags it until it is filled)."""

    code: str
    year: int
    file: str
    line: int


@dataclass(frozen=True)
class Carry:
    """A data file `pcdocs new` carries into the next document's data folder: the source
    (`path`, `rel`), the new file's name (`target`), the source document's period and the
    new one, and the year just ended (`ended`), whose values the author fills in."""

    path: Path
    rel: str
    target: str
    old: Period
    new: Period
    ended: int


@dataclass(frozen=True)
class Carried:
    """The new file's text, how many values it offers from the source period (norms), and
    the empty values left to fill in."""

    text: str
    offered: int = 0
    slots: tuple[Slot, ...] = ()


@dataclass(frozen=True)
class TemplateColumn:
    """One column of a table an author fills in Excel: its header (as the loader reads it),
    whether the loader requires it, what a cell holds (`tekst`, `getal`, `bedrag` in euros,
    `datum`), the values it may take (a list to choose from in Excel), and a short Dutch
    explanation for the template's sheet "Toelichting"."""

    name: str
    explanation: str
    kind: Literal["tekst", "getal", "bedrag", "datum"] = "tekst"
    required: bool = True
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableTemplate:
    """An Excel template of a CSV/XLSX file kind (`pcdocs sjabloon <file>`): the file's name
    without extension (the block's kind, or a companion's: `formatieanalyse`), its columns
    in the order of the header row, one example row (a value per column: str, int, Decimal
    or date; None leaves the cell empty) and what the file is, in a sentence or two."""

    file: str
    columns: tuple[TemplateColumn, ...]
    example: tuple[object, ...]
    explanation: str

    def __post_init__(self) -> None:
        assert len(self.example) == len(self.columns), f"{self.file}: one example per column"


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
      `wording`: how a comparison words a change in each category of its own they use
      (`cijfer` and `totaal` are every block's);
      `compared`: False for a file that only helps to read another (its facts' `record`);
    - `carry`: how `pcdocs new` carries the file into the next year (None: byte for byte);
    - `names(path)`: the files next to it that a file of this kind names and reads (a
      table's source): with the `companions`, `read_with(path)`;
    - `macros`: what authors write to show it, documented in the author guide;
    - `chart`: the name of its macro that draws a chart, if any;
    - `templates`: the Excel templates of its CSV/XLSX files (its own, or a companion's
      such as `formatieanalyse`), written by `pcdocs sjabloon` and offered in the guide.
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
    wording: tuple[Wording, ...] = ()
    compared: bool = True
    carry: Callable[[Carry], Carried] | None = None
    macros: tuple[MacroSpec, ...] = ()
    chart: str | None = None
    templates: tuple[TableTemplate, ...] = ()
    names: Callable[[Path], tuple[str, ...]] | None = None

    def read_with(self, path: Path) -> tuple[str, ...]:
        """The names of the files next to `path` read with it (its companions and the files
        it names): the caches key them too, a page that reads it lists them as its sources,
        and `check` does not call them unknown."""
        return self.companions + (self.names(path) if self.names is not None else ())

    @property
    def file_names(self) -> tuple[str, ...]:
        return tuple(f"{self.kind}.{ext}" for ext in self.extensions)
