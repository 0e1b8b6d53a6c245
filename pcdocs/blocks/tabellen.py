"""Tabellen: tables an author defines, with columns of their own, computed columns, totals
and subtotals, from an Excel workbook, a CSV file or rows in the YAML itself.

`data/<org>/<year>/tabellen.yaml`, one entry per table (its name is the table's code):

```yaml
realisatie:
  titel: Lasten per programma 2023
  bron: realisatie.csv            # a CSV or XLSX file next to it (or `rijen:` in the YAML)
  werkblad: Programma's           # XLSX only: the sheet (default: the first)
  eenheid: duizend                # bedrag columns: euro | duizend | miljoen (display unit)
  teken: positief                 # bedrag columns: lasten-negatief | baten-negatief | positief
  sleutel: programma              # the column(s) whose text keys a row (default: the first)
  groep: soort                    # optional: rows grouped by this column, with subtotals
  gemeente: gemeente              # optional: per-gemeente editions show only their rows
  totaal: ja                      # ja, or the columns that get a total
  drempel: {kolom: verschil, bedrag: 100000, procent: 10}
  kolommen:
    - {naam: programma, kop: Programma}
    - {naam: begroting na wijziging, kop: Begroting na wijziging, soort: bedrag}
    - {naam: realisatie, soort: bedrag}
    - {naam: verschil, soort: bedrag, formule: realisatie - begroting_na_wijziging}
    - {naam: procent, soort: procent, formule: aandeel(verschil; begroting_na_wijziging)}
```
Amounts in the source are euros (ordinary meaning; `teken` says how the source writes lasten
and baten and the table says so). Formulas are pcdocs.model.formula's, over the row's
columns (pcdocs.model.columns); a computed column's total is its formula over the totals. A
row of the source whose first (or key) cell starts with `Totaal` or `Subtotaal` is the
source's own total: it is never shown, but checked against the computed one (a difference
is a warning at that row and is shown on the page). Named figures:
`tabellen.<tabel>.<rij>.<kolom>`, `tabellen.<tabel>.totaal.<kolom>`,
`tabellen.<tabel>.subtotaal.<groep>.<kolom>`, per gemeente `tabellen.<tabel>.<gemeente>.`
before the row or `totaal`, and `tabellen.<tabel>.drempel.aantal`.

What the file says and its record: pcdocs.model.tabledef; building the tables:
pcdocs.model.tablebuild; kinds of columns and formulas over a row: pcdocs.model.columns.
This module is the block: its spec, its checks against the organisation, its comparison
facts, the files it reads, and the macro `tabel()` with its CSV download.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks import organisatie
from pcdocs.blocks.spec import BlockSpec, Checking, Comparing, MacroSpec, Wording
from pcdocs.errors import DataError, Finding, MacroError, PcdocsError
from pcdocs.model import fmt, tables
from pcdocs.model.columns import NUMERIC, column_code
from pcdocs.model.facts import Fact
from pcdocs.model.figures import Figure, Unit
from pcdocs.model.geld import RULE, UNITS
from pcdocs.model.load import load_yaml
from pcdocs.model.organisation import Organisation
from pcdocs.model.schema import suggest
from pcdocs.model.tablebuild import figure, table_figures
from pcdocs.model.tablebuild import load as load  # the spec's
from pcdocs.model.tabledef import SOURCES, Cel, CellValue, Drempel, Kolom, Rij, Som, Tabel, Tabellen
from pcdocs.render import html
from pcdocs.render.page import PageContext

_NAME = re.compile(r"\b[a-z][a-z0-9_]*\b(?!\s*\()")  # a name in a formula, no function
OVER, STATED, NOT_COMPUTED = "▲", "≠", "n.v.t."


# -- figures and checks ------------------------------------------------------------------

def figures(record: Tabellen) -> dict[str, Figure]:
    return {key: fig for table in record.tables.values() for key, fig in table_figures(table)}


def validate(record: Tabellen, checking: Checking) -> list[Finding]:
    """Gemeenten that are not the organisation's (errors), and every difference between
    the source's own totals or computed columns and pcdocs' (warnings)."""
    found: list[Finding] = []
    for table in record.tables.values():
        found += _gemeente_problems(table, checking.organisation)
        found += differences(table)
    return found


def _gemeente_problems(table: Tabel, org: Organisation) -> list[Finding]:
    if table.gemeente is None:
        return []
    known = [g.slug for g in org.gemeenten]
    column = table.column(table.gemeente)
    problems = []
    for row in table.rows:
        if row.gemeente is not None and row.gemeente not in known:
            guess = suggest(row.gemeente, known)
            problems.append(DataError(
                f"{table.code}: gemeente '{row.gemeente}' hoort niet bij {org.korte_naam}",
                file=table.file, line=row.line, key=column.name, code="onbekende-gemeente",
                hint=f"bedoelde u '{guess}'?" if guess else "gemeenten: " + ", ".join(known)
            ).finding)
    return problems


def differences(table: Tabel) -> list[Finding]:
    """A warning at the source's row for each value it states that pcdocs computes
    otherwise (a total, or a cell of a computed column)."""
    found = []
    for row in table.rows:
        for column in table.columns:
            cell = row.cells[column.code]
            if cell.stated is not None:
                found.append(_difference(table, column, cell, row.line, f"rij {row.line} "
                                         f"({row.label})"))
    for som in table.sums:
        for code, cell in som.cells.items():
            if cell.stated is not None and som.stated_line is not None:
                found.append(_difference(table, table.column(code), cell, som.stated_line,
                                         f"de totaalrij ({_scope_text(som)})"))
    return found


def _difference(table: Tabel, column: Kolom, cell: Cel, line: int, where: str) -> Finding:
    assert cell.stated is not None
    return Finding(
        "warning", "bron-wijkt-af", table.file, line,
        f"{table.code}, {where}: de bron noemt bij ‘{column.header}’ "
        f"{_plain(column, cell.stated)}, pcdocs berekent {_plain(column, cell.value)}",
        hint="de tabel toont de berekende waarde en meldt het verschil; verbeter de regels "
             "of het getal in de bron", key=column.name)


def _scope_text(som: Som) -> str:
    parts = [f"groep {som.group}" if som.group else "totaal"]
    if som.gemeente:
        parts.append(f"gemeente {som.gemeente}")
    return ", ".join(parts)


def _plain(column: Kolom, value: CellValue) -> str:
    """A value in a message: € 1.234.567, 12,5%, 3,50 fte; 'geen waarde'."""
    if not isinstance(value, Decimal):
        return "geen waarde"
    if column.unit is Unit.EURO:
        return fmt.euro(value)
    if column.unit is Unit.PERCENT:
        return fmt.percent(value)
    return fmt.number(value)


# -- comparing ---------------------------------------------------------------------------

def facts(record: Tabellen, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """Every cell and total is a named figure and so a fact; an edition skips the other
    gemeenten's rows and totals. A row above or below the threshold is a fact of its own."""
    found: list[Fact] = []
    skip: set[str] = set()
    for table in record.tables.values():
        if comparing.edition is not None and table.gemeente is not None:
            others = {column_code(r.gemeente) for r in table.rows
                      if r.gemeente not in (None, comparing.edition)}
            skip |= {f"{table.code}.{g}" for g in others}
            if table.group == table.gemeente:  # their subtotals are theirs too
                skip |= {f"{table.code}.subtotaal.{g}" for g in others}
        if table.threshold is None:
            continue
        for row in table.shown(comparing.edition):
            state = "boven de drempel" if row.over else "binnen de drempel"
            found.append(Fact("tabellen", f"{table.code}.{row.key}.drempel", "tabel-drempel",
                              f"{table.title}: {row.label}", "ja" if row.over else "nee",
                              state))
    return found, skip


# -- the files a tabellen.yaml reads -------------------------------------------------------

def named(path: Path) -> tuple[str, ...]:
    """The sources tabellen.yaml names (`bron:`), for the caches and `check`; nothing when
    the file cannot be read (its loader then says why)."""
    try:
        stat = path.stat()
    except OSError:
        return ()
    return _named(path, stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _named(path: Path, size: int, modified: int) -> tuple[str, ...]:
    try:
        data = load_yaml(path, path.name)
    except PcdocsError:
        return ()
    names: list[str] = []
    for value in data.values() if isinstance(data, Mapping) else ():
        bron = value.get("bron") if isinstance(value, Mapping) else None
        if isinstance(bron, str) and bron.strip() and "/" not in bron and "\\" not in bron \
                and Path(bron.strip()).suffix.lower() in SOURCES:
            names.append(bron.strip())
    return tuple(dict.fromkeys(names))


# -- rendering ---------------------------------------------------------------------------

def _get(ctx: PageContext, name: str) -> Tabel:
    record: Tabellen = ctx.record(SPEC)
    if name not in record.tables:
        guess = suggest(name, list(record.tables))
        raise MacroError(f"tabel '{name}' bestaat niet in {record.file}", code="onbekende-code",
                         key=name, hint=f"bedoelde u '{guess}'?" if guess else
                         "tabellen: " + ", ".join(record.tables))
    return record.tables[name]


def _span(fig: Figure, text: str) -> Markup:
    """A cell's value as the table writes it, with its provenance (as Figure.html)."""
    cls = " pc-berekend" if fig.computed else " pc-tekst" if fig.unit is Unit.TEXT else ""
    return Markup('<span class="pc-cijfer{}" data-source="{}" title="{}">{}</span>').format(
        cls, " ".join(s.ref() for s in fig.sources), fig.tooltip(), text)


def _text(column: Kolom, value: CellValue) -> str:
    """A value as the table shows it: amounts in the column's unit, bare numbers."""
    if isinstance(value, dt.date):
        return fmt.short_date(value)
    if not isinstance(value, Decimal):
        return "" if value is None else str(value)
    if column.money is not None:
        return column.money.text(value)
    if column.unit is Unit.PERCENT:
        return fmt.percent(value, column.places)
    return fmt.number(value, column.places)


def _cell(table: Tabel, column: Kolom, cell: Cel, label: str, over: bool = False) -> Markup:
    """A cell: its value with provenance (or n.v.t. with the reason), then in text what the
    source says instead and whether it is above the threshold."""
    fig = figure(table, column, cell, label)
    if cell.value is None and cell.reason is not None:
        content = Markup('<span class="pc-nvt" title="Niet te berekenen: {}">{}<span '
                         'class="pc-sr"> (niet te berekenen: {})</span></span>').format(
            cell.reason, NOT_COMPUTED, cell.reason)
    else:
        content = Markup("") if fig is None else _span(fig, _text(column, cell.value))
    if cell.stated is not None:
        content += Markup(' <span class="pc-bronverschil"><span aria-hidden="true">{} bron {}'
                          '</span><span class="pc-sr"> (de bron noemt {})</span></span>').format(
            STATED, _text(column, cell.stated), _text(column, cell.stated))
    if over:
        content += Markup(' <span class="pc-drempel"><span aria-hidden="true">{}</span>'
                          '<span class="pc-sr"> boven de drempel</span></span>').format(OVER)
    return content


def _data_row(table: Tabel, shown: list[Kolom], row: Rij) -> html.Row:
    cells = [_cell(table, c, row.cells[c.code], row.label,
                   row.over and table.threshold is not None and table.threshold.column == c.code)
             for c in shown]
    return html.Row(cells)


def _sum_row(table: Tabel, shown: list[Kolom], som: Som, label: str) -> html.Row:
    cells: list[html.Content] = [Markup("<strong>{}</strong>").format(label)]
    for column in shown[1:]:
        cell = som.cells.get(column.code)
        cells.append(Markup("") if cell is None else _cell(table, column, cell, label))
    return html.Row(cells, kind="subtotal" if som.group else "total")


def _notes(table: Tabel, shown: list[Kolom], sums: list[Som], rows: list[Rij]) -> list[Markup]:
    notes: list[Markup] = []
    money = {(c.money.unit, c.sign) for c in shown if c.money is not None}
    for unit, sign in sorted(money, key=lambda m: (m[0], m[1] or "")):
        named = [c.header for c in shown if c.money is not None and
                 (c.money.unit, c.sign) == (unit, sign)]
        text = UNITS[unit][1].capitalize()
        if sign is not None:
            text += "; " + {"lasten-negatief": "lasten negatief, baten positief",
                            "baten-negatief": "baten negatief, lasten positief",
                            "positief": "lasten en baten positief"}[sign]
        prefix = "" if len(money) == 1 else "‘" + "’, ‘".join(named) + "’: "
        notes.append(Markup("{}{}.").format(prefix, text))
    if money:
        notes.append(html.text(RULE))
    for column in shown:
        if column.formula is not None:
            notes.append(Markup("‘{}’ is berekend: {}.{}").format(
                column.header, _readable(table, column.formula),
                " In de (sub)totalen is het de formule over de totalen." if column.total
                and column.unit is Unit.PERCENT else ""))
    if table.threshold is not None and any(r.over for r in rows):
        notes.append(Markup('<span aria-hidden="true">{}</span> {}').format(
            OVER, _threshold_text(table, table.threshold)))
    for som in sums:
        for code, cell in som.cells.items():
            if cell.stated is not None and som.stated_line is not None:
                column = table.column(code)
                notes.append(Markup(
                    '<span aria-hidden="true">{}</span> Let op: de bron ({}, rij {}) noemt als '
                    "{} van ‘{}’ {}; berekend uit de regels is dat {}. De tabel toont het "
                    "berekende getal.").format(
                    STATED, table.file.rsplit("/", 1)[-1], som.stated_line,
                    "subtotaal" if som.group else "totaal", column.header,
                    _plain(column, cell.stated), _plain(column, cell.value)))
    if any(r.cells[c.code].stated is not None for r in rows for c in shown):
        notes.append(Markup('<span aria-hidden="true">{}</span> De bron noemt bij deze regels '
                            "een ander getal dan pcdocs berekent; de tabel toont het "
                            "berekende getal.").format(STATED))
    if any(c.value is None and c.reason for r in rows for c in r.cells.values()):
        notes.append(Markup("{}: niet te berekenen (bijvoorbeeld een deling door nul).")
                     .format(NOT_COMPUTED))
    return notes


def _readable(table: Tabel, formula: str) -> str:
    """A formula with each column's header for its code: ‘Realisatie’ − ‘Begroting’."""
    headers = {c.code: c.header for c in table.columns}
    return _NAME.sub(lambda m: f"‘{headers[m[0]]}’" if m[0] in headers else m[0], formula)


def _threshold_text(table: Tabel, t: Drempel) -> str:
    column = table.column(t.column)
    parts = []
    if t.amount is not None:
        parts.append(f"groter dan {_plain(column, t.amount)}")
    if t.percent is not None and t.basis is not None:
        parts.append(f"groter dan {fmt.percent(t.percent)} van ‘{table.column(t.basis).header}’")
    return (f"Boven de drempel: ‘{column.header}’ " + (" en " if t.both else " of ")
            .join(parts) + ".")


def csv_download(table: Tabel, edition: str | None) -> bytes:
    """The rows an edition shows, in the source's own format: its columns and headers, the
    values as the source gives them (no totals, no computed columns: pcdocs makes those),
    as Dutch Excel writes a CSV; `tables.read_csv` reads it back to the same values."""
    columns = [c for c in table.columns if not c.computed]
    rows = [[html.csv_cell(html.csv_value(row.cells[c.code].value)) for c in columns]
            for row in table.shown(edition)]
    return tables.write_csv([c.name for c in columns], rows)


def macro_tabel(ctx: PageContext, naam: str, gemeente: str | None = None) -> Markup:
    """A table from tabellen.yaml: its columns, groups with subtotals, the total, computed
    columns, rows above the threshold and differences with the source marked in text."""
    table = _get(ctx, naam)
    if gemeente is not None and table.gemeente is None:
        raise MacroError(f"tabel '{naam}' heeft geen kolom per gemeente",
                         code="onbekende-gemeente", key=str(gemeente),
                         hint="laat gemeente= weg, of geef de tabel 'gemeente: <kolom>'")
    edition = (gemeente if gemeente is not None else ctx.edition) if table.gemeente else None
    caption = table.title
    if edition is not None:
        org: Organisation = ctx.record(organisatie.SPEC)
        found = org.gemeente(edition)
        if found is None:
            raise MacroError(f"gemeente '{edition}' hoort niet bij {org.korte_naam}",
                             code="onbekende-gemeente", key=str(edition),
                             hint="gemeenten: " + ", ".join(g.slug for g in org.gemeenten))
        caption = f"{table.title}, alleen gemeente {found.naam}"
    shown = [c for c in table.columns if c.code != table.group]
    columns = [html.Column(c.header, numeric=c.unit in NUMERIC) for c in shown]
    rows: list[html.Row] = []
    visible = table.shown(edition)
    sums: list[Som] = []
    for group in table.groups(visible):
        members = [r for r in visible if r.group == group]
        if group is not None:
            rows.append(html.Row([html.text(group[:1].upper() + group[1:])], kind="group"))
        rows += [_data_row(table, shown, r) for r in members]
        som = table.som(edition, group) if group is not None else None
        if som is not None:
            rows.append(_sum_row(table, shown, som, f"Subtotaal {group}"))
            sums.append(som)
    total = table.som(edition, None)
    if total is not None:
        rows.append(_sum_row(table, shown, total, "Totaal"))
        sums.append(total)
    for finding in differences(table):  # (check reports them too; the build shows them)
        ctx.warn(finding)
    stem = f"tabel-{table.code}" + (f"-{edition}" if edition else "")
    link = ctx.asset(f"{stem}.csv", csv_download(table, edition))
    return html.table(caption, columns, rows, cls="pc-tabellen",
                      notes=_notes(table, shown, sums, visible), download=link)


SPEC = BlockSpec(
    kind="tabellen",
    label="Tabellen",
    summary="Tabellen met eigen kolommen uit Excel, CSV of YAML: berekende kolommen, "
            "(sub)totalen, meerdere jaren, een drempel en edities per gemeente",
    extensions=("yaml",),
    load=load,
    figures=figures,
    validate=validate,
    facts=facts,
    wording=(Wording("tabel-drempel", changed="{label}: van {old} naar {new}.",
                     measured=False),),
    names=named,
    macros=(
        MacroSpec("tabel", macro_tabel,
                  "Tabel: een tabel uit tabellen.yaml met berekende kolommen, (sub)totalen, "
                  "de drempel en de gegevens als CSV; in een editie alleen die gemeente.",
                  "{{ tabel('lasten_baten') }}"),
    ),
)
