"""Building a table an author defines (`tabellen.yaml`) from its definition and its source:
the source's columns matched, each row read and its computed columns computed, totals and
subtotals (for the whole table and for what each gemeente's edition shows), the source's own
total rows checked against them, the rows above the threshold marked, and the figures named.

- A row of the source whose first cell (or key) starts with *Totaal* or *Subtotaal* is the
  source's own total: never shown, compared with the computed total of the same group and
  gemeente (a difference is kept in the cell's `stated`, for a warning and the page). A
  source column with the name of a computed column is compared cell by cell. The source's
  rounding is no difference (1.234 agrees with 1.234,40).
- A computed column's total is its formula over the totals (pcdocs.model.columns).
- Row keys: the key columns' values as codes ('Wet inburgering' -> `wet_inburgering`), after
  the gemeente's code in a table with a gemeente column; `totaal`, `subtotaal` and `drempel`
  are pcdocs' own. A duplicate key is an error at the row.
- Figures: `<tabel>.<rij>.<kolom>`, `<tabel>[.<gemeente>].totaal.<kolom>`,
  `<tabel>[.<gemeente>].subtotaal.<groep>.<kolom>`, `<tabel>.drempel.aantal`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from pcdocs.errors import DataError
from pcdocs.model import fmt, tables
from pcdocs.model.columns import NUMERIC, SUMMED, WHAT, Formulas, Outcome, column_code, read_cell
from pcdocs.model.figures import Figure, Kind, Source, Unit, kind_of
from pcdocs.model.formula import Computed, Resolved, show
from pcdocs.model.organisation import slugify
from pcdocs.model.schema import Reader, suggest
from pcdocs.model.tabledef import (
    Cel,
    Definition,
    Drempel,
    Kolom,
    Rij,
    Som,
    Tabel,
    Tabellen,
    read,
)

RESERVED = ("totaal", "subtotaal", "drempel")
_TOTAL_ROW = re.compile(r"(sub)?totaal\b", re.I)
_DIFFERENCE = re.compile(r"\s*([a-z][a-z0-9_]*)\s*[-−–]\s*([a-z][a-z0-9_]*)\s*")


def load(path: Path, rel: str) -> Tabellen:
    """Every table of tabellen.yaml, built from its source."""
    return Tabellen({d.code: _Builder(d, data).table() for d, data in read(path, rel)}, rel)


class _Builder:
    """One table: the definition against its source, rows read and computed, totals."""

    def __init__(self, d: Definition, data: tables.TableData) -> None:
        self.d = d
        self.data = data
        self.codes = [c.code for c in d.columns]
        seen: set[str] = set()
        for column in d.columns:
            if column.code in seen:
                raise DataError(f"kolom '{column.name}' staat dubbel in kolommen",
                                file=column.source.file, line=column.source.line,
                                code="dubbele-kolom", hint="geef elke kolom een eigen naam")
            seen.add(column.code)
        self.columns = self._match()
        self.key = [self.ref(name, src) for name, src in d.key] or [self.codes[0]]
        self.group = self.ref(*d.group) if d.group else None
        self.gemeente = self.ref(*d.gemeente) if d.gemeente else None
        self.formulas = Formulas(
            [(c.code, c.formula, self._formula_source(c), c.unit)
             for c in self.columns if c.formula is not None],
            {c.code: c.unit for c in self.columns if not c.computed})
        self.columns = self._totals()

    # -- columns ---------------------------------------------------------------------

    def ref(self, name: str, source: Source) -> str:
        """The code of a column an option names (by its name or its code)."""
        code = column_code(name)
        if code in self.codes:
            return code
        guess = suggest(code, self.codes)
        raise DataError(f"{source.key}: '{name}' is geen kolom van tabel {self.d.code}",
                        file=source.file, line=source.line, key=source.key,
                        code="onbekende-kolom",
                        hint=f"bedoelde u '{guess}'?" if guess else
                        "kolommen: " + ", ".join(self.codes))

    def _formula_source(self, column: Kolom) -> Source:
        return column.formula_source or column.source

    def _match(self) -> list[Kolom]:
        """Each source column found in the source's header (its name as the source writes
        it); a computed column the source has too is `stated`."""
        found: dict[str, str] = {}
        for header in self.data.header:
            code = column_code(header)
            if code in found:
                raise DataError(f"de kolommen '{found[code]}' en '{header}' van de bron hebben "
                                "dezelfde naam", file=self.data.file, line=1,
                                code="dubbele-kolom", hint="geef elke kolom een eigen naam")
            found[code] = header
        result = []
        for column in self.d.columns:
            if column.code in found:
                result.append(replace(column, name=found[column.code],
                                      stated=column.computed))
            elif column.computed:
                result.append(column)
            else:
                guess = suggest(column.code, list(found))
                where = self.data.file.rsplit("/", 1)[-1]
                raise DataError(
                    f"kolom '{column.name}' staat niet in {where}", file=column.source.file,
                    line=column.source.line, key=column.source.key, code="onbekende-kolom",
                    hint=f"bedoelde u '{found[guess]}'?" if guess else
                    "kolommen in de bron: " + ", ".join(self.data.header))
        return result

    def _totals(self) -> list[Kolom]:
        """The columns that get a total: `totaal: ja` (every column that can have one) or
        the ones named; one that cannot is an error."""
        if self.d.totals is None or self.d.totals[0] is False:
            return self.columns
        wanted, source = self.d.totals
        units = {c.code: c.unit for c in self.columns}

        def possible(column: Kolom) -> str | None:
            """Why `column` cannot have a total, or None."""
            if not column.computed:
                return None if column.unit in SUMMED else f"{WHAT[column.unit]} telt niet op"
            for need in sorted(self.formulas.needs(column.code)):
                if need not in [c.code for c in self.columns if c.computed] and \
                        units[need] not in SUMMED:
                    return f"de formule gebruikt '{need}', {WHAT[units[need]]}, en een " \
                           "totaal daarvan bestaat niet"
            return None

        if wanted is True:
            return [replace(c, total=possible(c) is None and c.code not in self._labels())
                    for c in self.columns]
        assert isinstance(wanted, list)
        named = {self.ref(name, src) for name, src in wanted}
        for code in named:
            why = possible(next(c for c in self.columns if c.code == code))
            if why is not None:
                raise DataError(f"totaal: kolom '{code}' kan geen totaal krijgen: {why}",
                                file=source.file, line=source.line, key=source.key,
                                code="ongeldige-waarde",
                                hint="een totaal is er van bedragen, aantallen en fte; een "
                                     "percentage in het totaal rekent u met een formule-kolom")
        return [replace(c, total=c.code in named) for c in self.columns]

    def _labels(self) -> set[str]:
        return {*self.key, self.codes[0], *(x for x in (self.group, self.gemeente) if x)}

    # -- rows ------------------------------------------------------------------------

    def table(self) -> Tabel:
        threshold = self._threshold()
        rows: list[Rij] = []
        stated: list[tuple[tables.TableRow, str | None, str | None]] = []
        keys: dict[str, int] = {}
        for row in self.data.rows:
            marker = self._marker(row)
            if marker is not None:
                stated.append((row, *self._scope(row)))
                continue
            made = self._row(row)
            if made.key in keys:
                raise DataError(f"rij {row.line}: de sleutel '{made.key}' heeft ook rij "
                                f"{keys[made.key]}", file=self.data.file, line=row.line,
                                code="dubbele-code",
                                hint="geef elke rij een eigen waarde in " +
                                     ", ".join(f"'{k}'" for k in self.key) +
                                     ", of kies met 'sleutel:' een kolom die dat heeft")
            keys[made.key] = row.line
            rows.append(made)
        if not rows:
            raise DataError(f"tabel {self.d.code}: de bron heeft geen rijen (behalve kop en "
                            "totalen)", file=self.data.file, line=1, code="lege-lijst",
                            hint="zet onder de kop ten minste één rij")
        self._fractions(rows)
        if threshold is not None:
            rows = [replace(r, over=_over(threshold, r.cells)) for r in rows]
        sums = self._sums(rows)
        for row, gemeente, group in stated:  # (grouped by gemeente: a group's subtotal)
            sums = self._check_stated(row, None if self.group == self.gemeente else gemeente,
                                      group, sums)
        columns = tuple(self.columns)
        assert self.d.source is not None
        table = Tabel(self.d.code, self.d.title, self.data.file, columns, tuple(rows),
                      tuple(sums), self.group, self.gemeente, threshold, self.d.source)
        _unique_keys(table)
        return table

    def _fractions(self, rows: list[Rij]) -> None:
        """A percentage column of a workbook whose numbers all lie between -1 and 1: Excel
        keeps a cell formatted as a percentage as its fraction (0,075 for 7,5%)."""
        if not self.data.letters:
            return
        for column in self.columns:
            if column.unit is not Unit.PERCENT or column.computed:
                continue
            found = [(r, v) for r in rows if isinstance(v := r.cells[column.code].value, Decimal)]
            if found and all(abs(v) < 1 for _, v in found) and any(v for _, v in found):
                row = next(r for r, v in found if v)
                raise DataError(
                    f"{self.data.where(tables.TableRow(row.line, {}), column.name)}: de "
                    "percentages van deze kolom liggen alle tussen -1 en 1; Excel bewaart een "
                    "cel die als percentage is opgemaakt als breuk (0,075 voor 7,5%)",
                    file=self.data.file, line=row.line, key=column.name,
                    code="waarschijnlijk-fractie",
                    hint="zet in Excel de getallen in procenten (7,5) in een kolom zonder "
                         "percentage-opmaak, of laat pcdocs het percentage berekenen met een "
                         "formule")

    def _marker(self, row: tables.TableRow) -> str | None:
        for code in dict.fromkeys([self.codes[0], *self.key]):
            column = next(c for c in self.columns if c.code == code)
            if column.unit is Unit.TEXT and not column.computed and \
                    _TOTAL_ROW.match(str(row.cells.get(column.name, "")).strip()):
                return code
        return None

    def _scope(self, row: tables.TableRow) -> tuple[str | None, str | None]:
        gemeente = group = None
        if self.gemeente is not None:
            gemeente = slugify(str(row.cells.get(self._name(self.gemeente), ""))) or None
        if self.group is not None:
            group = str(row.cells.get(self._name(self.group), "")).strip() or None
        return gemeente, group

    def _name(self, code: str) -> str:
        return next(c.name for c in self.columns if c.code == code)

    def _row(self, row: tables.TableRow) -> Rij:
        cells: dict[str, Cel] = {}
        resolved: dict[str, Resolved] = {}
        for column in self.columns:
            if column.computed:
                continue
            source = Source(self.data.file, row.line, column.name)
            value = read_cell(self.data, row, column.name, column.unit, _kind(column))
            cells[column.code] = Cel(value, (source,))
            if isinstance(value, Decimal):
                resolved[column.code] = Resolved(value, column.unit, source)
        where = f"rij {row.line} van {self.data.file.rsplit('/', 1)[-1]}"
        for code, outcome in self.formulas.row(resolved, where).items():
            cells[code] = self._computed(self.table_column(code), outcome, row)
        gemeente, group = self._scope(row)
        if self.group is not None and group is None:
            raise DataError(f"{self.data.where(row, self._name(self.group))} is leeg: de "
                            "tabel groepeert de rijen op deze kolom", file=self.data.file,
                            line=row.line, key=self._name(self.group), code="lege-waarde",
                            hint="vul de groep in")
        key, label = self._key(row, cells, gemeente)
        return Rij(key, label, cells, group, gemeente, row.line)

    def table_column(self, code: str) -> Kolom:
        return next(c for c in self.columns if c.code == code)

    def _computed(self, column: Kolom, outcome: Outcome, row: tables.TableRow | None,
                  sources: tuple[Source, ...] | None = None) -> Cel:
        computed = outcome.computed
        if computed is None:
            cell = Cel(None, (self._formula_source(column),), reason=outcome.reason)
        else:
            cell = Cel(computed.value, sources or computed.sources(), _how(computed, column))
        if row is not None and column.stated:
            cell = _compare(cell, self._stated(row, column))
        return cell

    def _stated(self, row: tables.TableRow, column: Kolom) -> Decimal | None:
        """What the source says in a column pcdocs computes (None when the cell is empty)."""
        raw = row.cells.get(column.name, "")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        value = read_cell(self.data, row, column.name, column.unit, Kind.CHANGE)
        return value if isinstance(value, Decimal) else None

    def _key(self, row: tables.TableRow, cells: dict[str, Cel], gemeente: str | None
             ) -> tuple[str, str]:
        parts: list[str] = []
        texts: list[str] = []
        for code in self.key:
            value = cells[code].value if code in cells else None
            text = fmt.short_date(value) if isinstance(value, dt.date) else \
                "" if value is None else str(value)
            part = column_code(text)
            if not part:
                raise DataError(f"{self.data.where(row, self._name(code))} is leeg: de "
                                "kolom is de sleutel van de rij", file=self.data.file,
                                line=row.line, key=self._name(code), code="lege-waarde",
                                hint="vul de cel in; elke rij heeft een eigen sleutel")
            parts.append(part)
            texts.append(text)
        if parts[0] in RESERVED:
            raise DataError(f"rij {row.line}: '{texts[0]}' kan geen sleutel van een rij zijn",
                            file=self.data.file, line=row.line, key=self._name(self.key[0]),
                            code="ongeldige-waarde",
                            hint="totaal, subtotaal en drempel zijn namen van pcdocs; kies "
                                 "een andere omschrijving of een andere 'sleutel:'")
        label = " – ".join(texts)  # the key, or a first column that describes the row
        first = cells.get(self.codes[0])
        if first is not None and isinstance(first.value, str) and first.value and \
                self.codes[0] not in (*self.key, self.group, self.gemeente):
            label = first.value
        if gemeente is not None and self.gemeente not in self.key:
            parts.insert(0, column_code(gemeente))
            label = f"{label} ({cells[str(self.gemeente)].value})"  # 'Minima (Brunssum)'
        return ".".join(parts), label

    # -- totals ----------------------------------------------------------------------

    def _sums(self, rows: list[Rij]) -> list[Som]:
        if not any(c.total for c in self.columns):
            return []
        scopes: list[str | None] = [None]
        if self.gemeente is not None:
            scopes += sorted({r.gemeente for r in rows if r.gemeente is not None})
        sums: list[Som] = []
        for scope in scopes:
            own = [r for r in rows if scope is None or r.gemeente in (None, scope)]
            if self.group is not None and (scope is None or self.group != self.gemeente):
                for group in dict.fromkeys(r.group for r in own):
                    sums.append(self._sum(scope, group, [r for r in own if r.group == group]))
            sums.append(self._sum(scope, None, own))
        return sums

    def _sum(self, gemeente: str | None, group: str | None, rows: list[Rij]) -> Som:
        cells: dict[str, Cel] = {}
        totals: dict[str, Resolved] = {}
        every: dict[str, tuple[Source, ...]] = {}
        for column in self.columns:
            if column.computed or column.unit not in SUMMED:
                continue
            value = sum((v for r in rows if isinstance(v := r.cells[column.code].value,
                                                       Decimal)), Decimal(0))
            every[column.code] = tuple(r.cells[column.code].sources[0] for r in rows)
            totals[column.code] = Resolved(value, column.unit,
                                           Source(self.data.file, None, f"totaal {column.name}"))
            if column.total:
                cells[column.code] = Cel(value, every[column.code],
                                         f"som van de kolom ‘{column.header}’ over "
                                         f"{_rows(len(rows))}")
        scope = " ".join(x for x in ("totaal", group, gemeente) if x)
        outcomes = self.formulas.row(totals, f"{scope} van {self.d.code}") if self.formulas \
            else {}
        for code, outcome in outcomes.items():
            column = self.table_column(code)
            if column.total:
                sources = (self._formula_source(column),
                           *(s for need in sorted(self.formulas.needs(code)) if need in every
                             for s in every[need]))
                cells[code] = self._computed(column, outcome, None, sources)
        return Som(gemeente, group, cells, len(rows))

    def _check_stated(self, row: tables.TableRow, gemeente: str | None, group: str | None,
                      sums: list[Som]) -> list[Som]:
        """The source's own total row against the computed total of the same rows."""
        what = f"rij {row.line} is een totaalrij"
        som = next((s for s in sums if (s.gemeente, s.group) == (gemeente, group)), None)
        if not sums:
            raise DataError(f"{what}, maar de tabel heeft geen totaal", file=self.data.file,
                            line=row.line, code="ongeldige-waarde",
                            hint="zet 'totaal: ja' bij de tabel: dan rekent pcdocs het totaal "
                                 "uit en vergelijkt het met deze rij")
        if som is None:
            scope = " en ".join(f"{k} '{v}'" for k, v in (("groep", group),
                                                           ("gemeente", gemeente)) if v)
            raise DataError(f"{what} voor {scope}, maar die heeft geen regels",
                            file=self.data.file, line=row.line, code="ongeldige-waarde",
                            hint="controleer de groep of gemeente van de totaalrij")
        if som.stated_line is not None:
            raise DataError(f"{what}, net als rij {som.stated_line}", file=self.data.file,
                            line=row.line, code="dubbele-code",
                            hint="laat één totaalrij per groep staan, of geen: pcdocs telt zelf")
        cells = dict(som.cells)
        for column in self.columns:
            raw = row.cells.get(column.name, "")
            if column.unit not in NUMERIC or raw is None or not str(raw).strip():
                continue
            if column.code not in cells:
                raise DataError(f"{self.data.where(row, column.name)}: de totaalrij noemt een "
                                f"totaal van '{column.header}', maar die kolom heeft geen "
                                "totaal", file=self.data.file, line=row.line, key=column.name,
                                code="ongeldige-waarde",
                                hint=f"zet {column.code} in 'totaal:', of maak de cel leeg")
            value = read_cell(self.data, row, column.name, column.unit, Kind.CHANGE)
            assert isinstance(value, Decimal)
            cells[column.code] = _compare(cells[column.code], value)
        changed = replace(som, cells=cells, stated_line=row.line)
        return [changed if s is som else s for s in sums]

    def _threshold(self) -> Drempel | None:
        t = self.d.threshold
        if t is None:
            return None
        column = self.table_column(self.ref(t.text("kolom"), t.source("kolom")))
        if column.unit not in NUMERIC:
            raise t.error("kolom", f"'{column.code}' is {WHAT[column.unit]}, geen getal",
                          code="ongeldige-waarde", hint="een drempel hoort bij een getal, "
                                                        "meestal een verschil")
        amount_key = "bedrag" if column.unit is Unit.EURO else "waarde"
        amount = t.opt_measure(amount_key, Unit.EURO, Kind.MAGNITUDE)
        percent = t.opt_measure("procent", Unit.NUMBER, Kind.MAGNITUDE)
        if amount is None and percent is None:
            raise t.error(amount_key, "een drempel heeft een grens", code="ontbrekende-sleutel",
                          hint=f"schrijf {amount_key}: ... en/of procent: ...")
        basis = None
        if percent is not None:
            basis = self._basis(t, column)
        both = t.choice("combinatie", {"of": False, "en": True}) if t.has("combinatie") \
            else False
        t.optional("combinatie")
        t.done()
        return Drempel(column.code, amount, percent, basis, both, Source(t.file, t.line,
                                                                          t.path))

    def _basis(self, t: Reader, column: Kolom) -> str:
        if t.has("basis"):
            basis = self.table_column(self.ref(t.text("basis"), t.source("basis")))
        else:
            match = _DIFFERENCE.fullmatch(column.formula or "")
            if match is None or match.group(2) not in self.codes:
                raise t.error("procent", "waarvan is het percentage?",
                              code="ontbrekende-sleutel",
                              hint="noem de kolom met 'basis:', bijv. basis: begroting")
            basis = self.table_column(match.group(2))
        t.optional("basis")
        if basis.unit is not column.unit:
            raise t.error("basis", f"'{basis.code}' is {WHAT[basis.unit]}, '{column.code}' "
                                   f"{WHAT[column.unit]}", code="ongeldige-waarde",
                          hint="een percentage van een verschil neemt de kolom waarvan het "
                               "verschil is")
        return basis.code


def _how(computed: Computed, column: Kolom) -> str:
    """'realisatie - begroting = € 432.450 met realisatie = € 36.912.450 (realisatie.csv:2),
    ...': the result as the column shows it (rounded), each input with its place."""
    result = Figure(computed.value, column.unit, (), "", decimals=column.places).text()
    inputs = ", ".join(f"{i.reference} = {show(i.value, i.unit)} ({i.source.ref()})"
                       for i in computed.inputs)
    return f"{computed.formula} = {result}" + (f" met {inputs}" if inputs else "")


def _kind(column: Kolom) -> Kind:
    return Kind.CHANGE if column.change else kind_of(f"{column.header} {column.name}")


def _rows(count: int) -> str:
    return "1 regel" if count == 1 else f"{count} regels"


def _compare(cell: Cel, stated: Decimal | None) -> Cel:
    """The cell with what the source states, when that differs (the source's rounding is no
    difference: 1.234 agrees with 1.234,40)."""
    if stated is None:
        return cell
    value = cell.value
    if isinstance(value, Decimal):
        exponent = stated.as_tuple().exponent
        places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
        if value.quantize(places, rounding=ROUND_HALF_UP) == stated:
            return cell
    return replace(cell, stated=stated)


def _over(t: Drempel, cells: Mapping[str, Cel]) -> bool:
    value = cells[t.column].value
    if not isinstance(value, Decimal):
        return False
    hits = []
    if t.amount is not None:
        hits.append(abs(value) > t.amount)
    if t.percent is not None and t.basis is not None:
        basis = cells[t.basis].value
        hits.append(isinstance(basis, Decimal) and abs(value) * 100 > t.percent * abs(basis))
    return all(hits) if t.both else any(hits)


def _unique_keys(table: Tabel) -> None:
    seen: dict[str, int | None] = {}
    for key, fig in table_figures(table):
        if key in seen:
            line = fig.sources[0].line if fig.sources else None
            raise DataError(f"tabel {table.code}: het cijfer '{key}' bestaat twee keer",
                            file=table.file, line=line, code="dubbele-code",
                            hint="een sleutel van een rij valt samen met een gemeente of "
                                 "met totaal; kies met 'sleutel:' een andere kolom")
        seen[key] = None


# -- figures -----------------------------------------------------------------------------

def figure(table: Tabel, column: Kolom, cell: Cel, label: str) -> Figure | None:
    value = cell.value
    if value is None or (isinstance(value, str) and not value):
        return None
    if column.unit is Unit.COUNT and isinstance(value, Decimal) and \
            value == value.to_integral_value():
        return Figure(int(value), column.unit, cell.sources,
                      f"{table.title}: {label}, {column.header}", computed=cell.how, decimals=0)
    return Figure(value, column.unit, cell.sources, f"{table.title}: {label}, {column.header}",
                  computed=cell.how, decimals=column.places if column.unit in NUMERIC else None)


def table_figures(table: Tabel) -> Iterator[tuple[str, Figure]]:
    for row in table.rows:
        for column in table.columns:
            fig = figure(table, column, row.cells[column.code], row.label)
            if fig is not None:
                yield f"{table.code}.{row.key}.{column.code}", fig
    for som in table.sums:
        prefix = table.code + (f".{column_code(som.gemeente)}" if som.gemeente else "")
        middle = f"subtotaal.{column_code(som.group)}" if som.group else "totaal"
        label = " ".join(x for x in ("Subtotaal" if som.group else "Totaal", som.group,
                                     som.gemeente) if x)
        for code, cell in som.cells.items():
            fig = figure(table, table.column(code), cell, label)
            if fig is not None:
                yield f"{prefix}.{middle}.{code}", fig
    if table.threshold is not None:
        over = [r for r in table.rows if r.over]
        yield f"{table.code}.drempel.aantal", Figure(
            len(over), Unit.COUNT, tuple(r.cells[table.threshold.column].sources[0]
                                         for r in over) or (table.threshold.source,),
            f"{table.title}: regels boven de drempel",
            computed=f"geteld: {_rows(len(over))} boven de drempel van {len(table.rows)}")
