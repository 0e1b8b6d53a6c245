"""What `tabellen.yaml` says (pcdocs.blocks.tabellen): the record of its tables, and reading
each table's definition and its source.

The record: a `Tabel` has its columns (`Kolom`: code, header in the source, header shown,
kind, money unit and sign, formula, whether it gets a total), its rows (`Rij`: a key, a label,
a `Cel` per column with its value and provenance), its totals and subtotals (`Som`, per
gemeente too) and its threshold (`Drempel`). pcdocs.model.tablebuild makes it; these types are
what the data cache keeps (pcdocs.blocks.datasets).

Reading: `read(path, rel)` gives each table's `Definition` (the options, columns not yet
matched against the source) and its source as a `TableData`: a CSV or XLSX file next to
tabellen.yaml (`bron`, `werkblad`) or the rows in the YAML itself (`rijen`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pcdocs.errors import DataError
from pcdocs.model import tables
from pcdocs.model.columns import KINDS, NUMERIC, WHAT, column_code, valid_code
from pcdocs.model.figures import Source, Unit
from pcdocs.model.geld import CONVENTIONS, Money
from pcdocs.model.load import YList, load_yaml
from pcdocs.model.schema import Reader, suggest, to_bool

SOURCES = (".csv", ".xlsx")
MONEY_UNITS = {"euro": "euro", "duizend": "duizend", "duizend euro": "duizend",
               "miljoen": "miljoen", "miljoen euro": "miljoen"}
CellValue = Decimal | str | dt.date | None


# -- the record --------------------------------------------------------------------------

@dataclass(frozen=True)
class Kolom:
    """A column: its code (for formulas, keys and options), its header in the source, what
    the table shows above it, its kind, and for a computed column the formula."""

    code: str
    name: str
    header: str
    unit: Unit
    money: Money | None
    sign: str | None
    decimals: int | None
    formula: str | None
    total: bool
    source: Source
    change: bool = False  # `verandering: ja`: a count, fte or percentage may be negative
    formula_source: Source | None = None  # the line of `formule`
    stated: bool = False  # a computed column the source has too: its cells are checked

    @property
    def computed(self) -> bool:
        return self.formula is not None

    @property
    def places(self) -> int:
        """Decimals a figure of this column shows."""
        if self.decimals is not None:
            return self.decimals
        return {Unit.FTE: 2, Unit.PERCENT: 1}.get(self.unit, 0)


@dataclass(frozen=True)
class Cel:
    """A cell: its value, where it comes from and how it was computed; `stated` is what
    the source says instead (a difference), `reason` why a computed cell has no value."""

    value: CellValue
    sources: tuple[Source, ...]
    how: str | None = None
    stated: Decimal | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Rij:
    key: str
    label: str
    cells: dict[str, Cel]
    group: str | None
    gemeente: str | None
    line: int
    over: bool = False


@dataclass(frozen=True)
class Som:
    """The total (group None) or a group's subtotal, over the whole table (gemeente None)
    or over what one gemeente's edition shows; `stated_line`: the source's own total row."""

    gemeente: str | None
    group: str | None
    cells: dict[str, Cel]
    rows: int
    stated_line: int | None = None


@dataclass(frozen=True)
class Drempel:
    column: str
    amount: Decimal | None
    percent: Decimal | None
    basis: str | None
    both: bool
    source: Source


@dataclass(frozen=True)
class Tabel:
    code: str
    title: str
    file: str  # the source (tabellen.yaml itself for rows written there)
    columns: tuple[Kolom, ...]
    rows: tuple[Rij, ...]
    sums: tuple[Som, ...]
    group: str | None
    gemeente: str | None
    threshold: Drempel | None
    source: Source

    def column(self, code: str) -> Kolom:
        return next(c for c in self.columns if c.code == code)

    def groups(self, rows: tuple[Rij, ...] | list[Rij] | None = None) -> list[str | None]:
        seen = dict.fromkeys(r.group for r in (self.rows if rows is None else rows))
        return list(seen)

    def som(self, gemeente: str | None, group: str | None) -> Som | None:
        return next((s for s in self.sums if (s.gemeente, s.group) == (gemeente, group)), None)

    def shown(self, edition: str | None) -> list[Rij]:
        """The rows an edition shows: its gemeente's and those of no gemeente."""
        if edition is None or self.gemeente is None:
            return list(self.rows)
        return [r for r in self.rows if r.gemeente in (None, edition)]


@dataclass(frozen=True)
class Tabellen:
    tables: dict[str, Tabel]
    file: str


# -- reading the definitions ----------------------------------------------------------------

@dataclass
class Definition:
    """One table's options, as tabellen.yaml gives them (codes resolved later)."""

    code: str
    title: str
    columns: list[Kolom]
    key: list[tuple[str, Source]] = field(default_factory=list)
    group: tuple[str, Source] | None = None
    gemeente: tuple[str, Source] | None = None
    totals: tuple[list[tuple[str, Source]] | bool, Source] | None = None
    threshold: Reader | None = None
    source: Source | None = None


def read(path: Path, rel: str) -> Iterator[tuple[Definition, tables.TableData]]:
    """Each table of tabellen.yaml: its definition and its source."""
    r = Reader(load_yaml(path, rel), rel)
    count = 0
    for code, value in r.entries():
        if not isinstance(code, str) or not valid_code(code):
            raise r.error(code, f"'{code}' is geen geldige naam voor een tabel",
                          hint="een naam begint met een letter en heeft letters, cijfers en "
                               "'_', bijv. lasten_baten", code="ongeldige-code")
        if not isinstance(value, Reader):
            raise r.error(code, "een tabel heeft titel, bron (of rijen) en kolommen",
                          hint="zie de handleiding, Tabellen", code="verkeerd-type")
        count += 1
        yield _table(code, value, path, rel)
    if not count:
        raise DataError("tabellen.yaml beschrijft geen tabel", file=rel, line=1,
                        code="lege-lijst", hint="zet er ten minste één tabel in")


def _table(code: str, r: Reader, path: Path, rel: str
           ) -> tuple[Definition, tables.TableData]:
    data = _source(r, path, rel)
    money = (r.choice("eenheid", MONEY_UNITS) if r.has("eenheid") else "euro",
             r.opt_choice("teken", {c: c for c in CONVENTIONS}))
    r.optional("eenheid")
    columns = [_column(item, money) for item in r.items("kolommen")]
    if not columns:
        raise r.error("kolommen", "de tabel heeft geen kolommen", code="lege-lijst",
                      hint="zet onder 'kolommen:' ten minste één kolom met naam")
    definition = Definition(code, r.text("titel"), columns, source=Source(r.file, r.line, code))
    _options(r, definition)
    r.done()
    return definition, data


def _source(r: Reader, path: Path, rel: str) -> tables.TableData:
    if r.has("bron") == r.has("rijen"):
        raise r.error("bron",
                      "een tabel heeft óf een bron (een CSV- of XLSX-bestand) óf rijen",
                      code="ontbrekende-sleutel" if not r.has("bron") else "ongeldige-waarde",
                      hint="schrijf 'bron: bestand.xlsx' of zet de rijen onder 'rijen:'")
    if r.has("rijen"):
        if r.has("werkblad"):
            raise r.error("werkblad", "een werkblad hoort bij een XLSX-bron",
                          code="ongeldige-waarde", hint="verwijder werkblad")
        return _inline(r)
    name = r.text("bron")
    suffix = Path(name).suffix.lower()
    if "/" in name or "\\" in name or name.startswith("."):
        raise r.error("bron", f"'{name}' is geen bestand naast tabellen.yaml",
                      code="pad-buiten-data",
                      hint="zet het bestand in dezelfde map en noem alleen de bestandsnaam")
    if suffix not in SOURCES:
        raise r.error("bron", f"'{name}' is geen CSV- of XLSX-bestand", code="ongeldige-waarde",
                      hint="bewaar de tabel in Excel als .xlsx of als CSV (puntkomma)")
    file = path.with_name(name)
    source_rel = rel.rsplit("/", 1)[0] + "/" + name if "/" in rel else name
    if not file.is_file():
        present = sorted(p.name for p in path.parent.iterdir() if p.suffix.lower() in SOURCES)
        guess = suggest(name, present)
        raise r.error("bron", f"het bestand {name} staat niet naast tabellen.yaml",
                      code="bestand-ontbreekt",
                      hint=f"bedoelde u '{guess}'?" if guess else
                      "zet het bestand in " + rel.rsplit("/", 1)[0] + "/")
    if file.resolve().parent != path.resolve().parent:
        raise r.error("bron", f"{name} is een snelkoppeling naar een bestand elders",
                      code="pad-buiten-data", hint="zet het bestand zelf naast tabellen.yaml")
    sheet = r.opt_text("werkblad")
    if sheet is not None and suffix != ".xlsx":
        raise r.error("werkblad", "alleen een XLSX-bestand heeft werkbladen",
                      code="ongeldige-waarde", hint="verwijder werkblad, of gebruik de .xlsx")
    if suffix == ".csv":
        return tables.read_csv(file, source_rel)
    try:
        return tables.read_xlsx(file, source_rel, sheet=sheet)
    except DataError as exc:
        if exc.finding.code != "werkblad":
            raise
        raise r.error("werkblad", exc.finding.message, hint=exc.finding.hint,
                      code="werkblad") from None


def _inline(r: Reader) -> tables.TableData:
    """`rijen:` a list of mappings, column -> value, as a table with the YAML's lines."""
    items = r.seq("rijen")
    header: list[str] = []
    rows: list[tables.TableRow] = []
    for index, item in enumerate(items):
        line = items.line_of(index) if isinstance(items, YList) else r.line_of("rijen")
        if not isinstance(item, Mapping):
            raise DataError(f"rijen[{index + 1}]: een rij is een groep 'kolom: waarde'",
                            file=r.file, line=line, key=f"rijen[{index + 1}]",
                            code="verkeerd-type", hint="schrijf bijv. - {programma: Inkomen, "
                                                      "begroting: 1500000}")
        cells: dict[str, Any] = {}
        for key, value in item.items():
            name = " ".join(str(key).strip().lower().split())
            header += [name] if name not in header else []
            cells[name] = "" if value is None else value
        rows.append(tables.TableRow(line or 0, cells))
    if not rows:
        raise r.error("rijen", "de tabel heeft geen rijen", code="lege-lijst",
                      hint="zet onder 'rijen:' ten minste één rij '- {kolom: waarde, ...}'")
    if len(rows) > tables.MAX_ROWS:
        raise r.error("rijen", f"meer dan {tables.MAX_ROWS} rijen", code="te-veel-rijen",
                      hint="zet een grote tabel in een CSV- of XLSX-bestand")
    return tables.TableData(r.file, header, rows, True, {})


def _column(item: Reader, money: tuple[str, str | None]) -> Kolom:
    name = item.text("naam")
    code = column_code(name)
    if not valid_code(code):
        raise item.error("naam", f"'{name}' is geen bruikbare kolomnaam", code="ongeldige-code",
                         hint="een kolomnaam begint met een letter, bijv. 'begroting 2025'")
    unit = item.choice("soort", KINDS) if item.has("soort") else Unit.TEXT
    item.optional("soort")
    formula = item.opt_text("formule")
    if formula is not None and unit not in NUMERIC:
        raise item.error("formule", f"een berekende kolom is geen {WHAT[unit][4:]}",
                         code="ongeldige-waarde",
                         hint="geef de kolom soort: bedrag, aantal, fte of procent")
    unit_name = item.choice("eenheid", MONEY_UNITS) if item.has("eenheid") else None
    item.optional("eenheid")
    sign = item.opt_choice("teken", {c: c for c in CONVENTIONS})
    if unit is not Unit.EURO and (unit_name or sign):
        raise item.error("eenheid" if unit_name else "teken", "eenheid en teken horen bij een "
                         "kolom met soort: bedrag", code="ongeldige-waarde",
                         hint="verwijder ze, of geef de kolom soort: bedrag")
    decimals = item.opt_integer("decimalen", minimum=0)
    if decimals is not None and decimals > 10:
        raise item.error("decimalen", "ten hoogste 10 decimalen", code="buiten-bereik")
    change = item.boolean("verandering", default=False)
    header = item.opt_text("kop") or name[:1].upper() + name[1:]
    item.done()
    money_of = Money(sign or money[1] or "positief", unit_name or money[0]) \
        if unit is Unit.EURO else None
    return Kolom(code, name, header, unit, money_of, (sign or money[1]) if money_of else None,
                 decimals, formula, False, item.source("naam"), change,
                 item.source("formule") if formula is not None else None)


def _refs(r: Reader, key: str) -> list[tuple[str, Source]]:
    raw = r.raw(key)
    names = raw if isinstance(raw, list) else [raw]
    if not names or any(isinstance(n, Mapping | list) or not str(n).strip() for n in names):
        raise r.error(key, "noem een kolom, of een lijst van kolommen", code="verkeerd-type",
                      hint=f"schrijf bijv. {key}: programma")
    return [(str(n).strip(), r.source(key)) for n in names]


def _options(r: Reader, d: Definition) -> None:
    if r.has("sleutel"):
        d.key = _refs(r, "sleutel")
    for key in ("groep", "gemeente"):
        if r.has(key):
            refs = _refs(r, key)
            if len(refs) > 1:
                raise r.error(key, "noem één kolom", code="verkeerd-type")
            setattr(d, "group" if key == "groep" else key, refs[0])
        r.optional(key)
    r.optional("sleutel")
    if r.has("totaal"):
        raw = r.raw("totaal")
        if isinstance(raw, list):
            d.totals = (_refs(r, "totaal"), r.source("totaal"))
        else:
            d.totals = (to_bool(raw, lambda m, h: r.error("totaal", m, hint="schrijf ja, nee "
                                                           "of een lijst van kolommen",
                                                           code="geen-ja-nee")),
                        r.source("totaal"))
    r.optional("totaal")
    d.threshold = r.opt_map("drempel")
