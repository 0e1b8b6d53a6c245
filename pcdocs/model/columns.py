"""Columns of a table an author defines (`tabellen.yaml`, see pcdocs.blocks.tabellen).

- `KINDS`: what a column holds (`soort`): tekst, bedrag (or geld), aantal, fte, procent,
  datum, each as a figure unit. A total of bedrag, aantal and fte is the sum of the rows
  (`SUMMED`); a percentage, a date and a text have no sum.
- `column_code(header)`: the name formulas, keys and the other options give a column:
  'Begroting na wijziging' is `begroting_na_wijziging` (lower case, every run of other
  characters than letters and digits one `_`, accents dropped).
- `read_cell`: one cell of the source as its column's kind, with the errors of
  pcdocs.model.tables at the row and column (a text in a bedrag column, a fraction in an
  aantal column, a date that is none).
- `Formulas`: the computed columns of a table, parsed once, put in order (a formula after
  the columns it names; a cycle is an error) and tried with stand-in values, so a wrong name,
  a unit that does not fit and a result of another kind than the column are errors at the
  formula's line before any row is read. `Formulas.row(cells)` computes them over one row,
  or over a total row (the same formula over the totals of its inputs: a share of totals,
  not a sum of shares). A division by zero in one row is that cell's reason for having no
  value, not an error of the file.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pcdocs.errors import DataError
from pcdocs.model import tables
from pcdocs.model.figures import Kind, Source, Unit, range_problem
from pcdocs.model.formula import (
    Computed,
    Formula,
    FormulaError,
    MappingResolver,
    Resolved,
    parse,
)
from pcdocs.model.units import dimension

KINDS: dict[str, Unit] = {
    "tekst": Unit.TEXT, "bedrag": Unit.EURO, "geld": Unit.EURO, "aantal": Unit.COUNT,
    "fte": Unit.FTE, "procent": Unit.PERCENT, "datum": Unit.DATE,
}
SUMMED = (Unit.EURO, Unit.COUNT, Unit.FTE)
NUMERIC = (*SUMMED, Unit.PERCENT)
# what a kind is called in a sentence ("kolom 'x' is een bedrag")
WHAT: dict[Unit, str] = {
    Unit.TEXT: "een tekst", Unit.EURO: "een bedrag", Unit.COUNT: "een aantal",
    Unit.FTE: "een aantal fte", Unit.PERCENT: "een percentage", Unit.DATE: "een datum",
}

Value = Decimal | str | dt.date | None

_CODE = re.compile(r"[a-z][a-z0-9_]*")
_OTHER = re.compile(r"[^a-z0-9]+")
_DATE = (re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})"), re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"))
# a text the CSV download guarded against running as a formula ('=..., '+...): read back as is
_GUARDED = re.compile(r"'[=+\-@\t\r\n]")


def column_code(header: object) -> str:
    """'Begroting na wijziging' -> 'begroting_na_wijziging'; 'Raming 2026' -> 'raming_2026'."""
    folded = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode()
    return _OTHER.sub("_", folded.lower()).strip("_")


def valid_code(code: str) -> bool:
    """A name a formula can use: a letter, then letters, digits and '_'."""
    return bool(_CODE.fullmatch(code))


# -- cells -------------------------------------------------------------------------------

def _error(table: tables.TableData, row: tables.TableRow, column: str, message: str,
           code: Any, hint: str) -> DataError:
    return DataError(f"{table.where(row, column)}: {message}", file=table.file, line=row.line,
                     key=column, code=code, hint=hint)


def read_cell(table: tables.TableData, row: tables.TableRow, column: str, unit: Unit,
              kind: Kind = Kind.LEVEL) -> Value:
    """The cell as `unit`: a text (never None), a number (an empty bedrag, aantal or fte is
    0, as finance systems leave it; an empty percentage is None), or a date (None when
    empty)."""
    raw = row.cells.get(column, "")
    blank = raw is None or (isinstance(raw, str) and not raw.strip())
    if unit is Unit.TEXT:
        text = "" if blank else str(raw).strip()
        return text[1:] if _GUARDED.match(text) else text
    if unit is Unit.DATE:
        return None if blank else _date(table, row, column, raw)
    if blank:
        return None if unit is Unit.PERCENT else Decimal(0)
    if unit is Unit.PERCENT and isinstance(raw, str) and raw.strip().endswith("%"):
        row = tables.TableRow(row.line, {**row.cells, column: raw.strip()[:-1].strip()})
    value = tables.number(table, row, column, decimals=unit in (Unit.FTE, Unit.PERCENT))
    problem = range_problem(value, unit, kind)
    if problem is not None:
        code, message, hint = problem
        raise _error(table, row, column, message, code, hint)
    return value


def _date(table: tables.TableData, row: tables.TableRow, column: str, raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for number, pattern in enumerate(_DATE):
        match = pattern.fullmatch(text)
        if match:
            day, month, year = (int(g) for g in (match.groups() if number == 0
                                                 else reversed(match.groups())))
            try:
                return dt.date(year, month, day)
            except ValueError:
                break
    raise _error(table, row, column, f"'{text}' is geen datum", "geen-datum",
                 "schrijf een datum als dd-mm-jjjj, bijv. 31-12-2023")


# -- computed columns ----------------------------------------------------------------------

@dataclass(frozen=True)
class Computation:
    """One computed column: its name, the formula (parsed) and the unit it gives."""

    column: str
    formula: Formula
    unit: Unit

    @property
    def inputs(self) -> list[str]:
        return [ref.name for ref in self.formula.references if ref.year is None]


@dataclass(frozen=True)
class Outcome:
    """A computed cell: the result with its inputs, or why there is none."""

    computed: Computed | None
    reason: str | None = None


_STAND_INS = (3, 7, 13, 19, 29, 37, 43, 53, 61, 71, 79, 89, 97, 101, 107, 113)


class Formulas:
    """The computed columns of one table, in the order they can be computed."""

    def __init__(self, formulas: list[tuple[str, str, Source, Unit]],
                 columns: Mapping[str, Unit]) -> None:
        """`formulas`: (column, formula, where it stands, the column's unit) of each computed
        column; `columns`: the unit of every other column of the table."""
        parsed = {name: (parse(text, source), unit) for name, text, source, unit in formulas}
        self.order = [Computation(name, *parsed[name]) for name in _ordered(parsed)]
        self._check(columns)

    def __bool__(self) -> bool:
        return bool(self.order)

    def needs(self, column: str) -> set[str]:
        """Every column the computed `column` is computed from, through other formulas."""
        by_name = {c.column: c for c in self.order}
        found: set[str] = set()
        todo = [column]
        while todo:
            for name in by_name[todo.pop()].inputs:
                if name not in found:
                    found.add(name)
                    if name in by_name:
                        todo.append(name)
        return found

    def _check(self, columns: Mapping[str, Unit]) -> None:
        """Every formula once over stand-in values (a distinct number per column): names,
        units and the kind of the result are checked before any row is read."""
        cells: dict[str, Resolved] = {}
        for i, (name, unit) in enumerate(columns.items()):
            value = Decimal(_STAND_INS[i % len(_STAND_INS)] + i // len(_STAND_INS) * 127)
            cells[name] = Resolved(value if unit in NUMERIC else Decimal(0), unit,
                                   Source("(proef)", None, name))
        for item in self.order:
            try:
                result = item.formula.evaluate(MappingResolver(cells))
            except FormulaError as exc:
                if exc.finding.code != "delen-door-nul":
                    raise
                result = Computed(Decimal(1), _dimension(item.unit), item.formula.text,
                                  item.formula.source)
            if result.unit != _dimension(item.unit):
                raise item.formula.error(
                    f"kolom '{item.column}' is {WHAT[item.unit]}, maar de formule geeft "
                    f"{result.unit_name()}", "formule-eenheid",
                    "kies de soort die bij de uitkomst past (bedrag, aantal, fte of procent); "
                    "een percentage van twee bedragen is aandeel(deel; totaal)")
            cells[item.column] = Resolved(result.value, result.unit, result.source, result)

    def row(self, cells: Mapping[str, Resolved], where: str) -> dict[str, Outcome]:
        """Each computed column over one row's `cells` (name -> its value), in order; `where`
        names the row in a message ('rij 7 van realisatie.csv')."""
        known = dict(cells)
        result: dict[str, Outcome] = {}
        for item in self.order:
            empty = [name for name in item.inputs if name not in known]
            if empty:
                result[item.column] = Outcome(None, f"'{empty[0]}' heeft geen waarde")
                continue
            try:
                computed = item.formula.evaluate(MappingResolver(known))
            except FormulaError as exc:
                if exc.finding.code != "delen-door-nul":
                    raise FormulaError(f"{where}: {exc.message}", source=item.formula.source,
                                       code=exc.finding.code, hint=exc.finding.hint) from None
                result[item.column] = Outcome(None, exc.message.split(": ", 1)[-1])
                continue
            result[item.column] = Outcome(computed)
            known[item.column] = Resolved(computed.value, computed.unit, computed.source,
                                          computed)
        return result


def _dimension(unit: Unit) -> Any:
    found = dimension(unit)
    assert found is not None, unit
    return found


def _ordered(parsed: Mapping[str, tuple[Formula, Unit]]) -> list[str]:
    """The computed columns, each after those it names; a cycle is a FormulaError at the
    first formula of it, naming each column in it."""
    needs = {name: [r.name for r in f.references if r.year is None and r.name in parsed]
             for name, (f, _) in parsed.items()}
    done: list[str] = []
    for root in parsed:
        path: list[str] = []
        _visit(root, needs, path, done, parsed)
    return done


def _visit(name: str, needs: Mapping[str, list[str]], path: list[str], done: list[str],
           parsed: Mapping[str, tuple[Formula, Unit]]) -> None:
    if name in done:
        return
    if name in path:
        cycle = path[path.index(name):]
        formula = parsed[cycle[0]][0]
        shown = " → ".join([*cycle, cycle[0]])
        raise formula.error(f"de kolommen verwijzen in een kring naar elkaar: {shown}",
                            "formule-lus", "een kolom kan niet (via andere kolommen) van haar "
                                           "eigen uitkomst afhangen")
    path.append(name)
    for following in needs[name]:
        _visit(following, needs, path, done, parsed)
    path.pop()
    done.append(name)
