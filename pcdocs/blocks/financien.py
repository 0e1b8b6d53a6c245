"""Financiële kaders: small budget tables (lines of lasten and baten, computed totals and
saldi), each with its display unit and sign convention as data (see `geld.py`).

`data/<org>/<year>/financien.yaml`:

```yaml
tabellen:
  buig:
    titel: Inkomen
    kolom: "2021"
    eenheid: duizend                 # euro | duizend | miljoen
    teken: baten-negatief            # lasten-negatief | baten-negatief | positief
    regels:
      - {code: volume, omschrijving: Raming gemiddeld volume, aantal: 2875}
      - {groep: baten, omschrijving: Baten}
      - {code: rijksbijdrage, omschrijving: Rijksbijdrage, kant: baten, bedrag: 41673000}
      - {groep: lasten, omschrijving: Lasten}
      - {code: wwb, omschrijving: Lasten WWB, kant: lasten, bedrag: 41137000}
      - {code: saldo, omschrijving: Saldo, som: [baten, lasten]}
```
Amounts in euros, ordinary meaning (lasten positive is a cost). A computed row (`som`) adds
the values as the table shows them, of rows or groups named by code; `-code` subtracts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from markupsafe import Markup

from pcdocs.blocks.spec import BlockSpec, MacroSpec
from pcdocs.errors import DataError, MacroError
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.geld import CONVENTIONS, RULE, UNITS, Money, Side
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader, suggest
from pcdocs.render import html
from pcdocs.render.page import PageContext

SIDES: dict[str, Side] = {"lasten": "lasten", "baten": "baten"}


@dataclass(frozen=True)
class Line:
    code: str | None
    label: str
    kind: str  # group | amount | count | sum
    side: Side | None
    amount: Decimal | None  # euros, ordinary meaning (amount lines); count for count lines
    terms: tuple[tuple[int, str], ...]  # for sums: (sign, code)
    group: str | None  # the group an amount line belongs to
    source: Source


@dataclass(frozen=True)
class Table:
    code: str
    title: str
    column: str
    money: Money
    lines: tuple[Line, ...]
    source: Source

    def values(self) -> dict[str, tuple[Decimal, tuple[Source, ...], str]]:
        """Every coded row and group: (value as shown, unrounded euros; sources; how)."""
        result: dict[str, tuple[Decimal, tuple[Source, ...], str]] = {}
        groups: dict[str, list[tuple[Decimal, Source]]] = {}
        for line in self.lines:
            if line.kind == "amount":
                assert line.amount is not None and line.side is not None
                shown = self.money.shown(line.amount, line.side)
                if line.code:
                    result[line.code] = (shown, (line.source,), "")
                if line.group:
                    groups.setdefault(line.group, []).append((shown, line.source))
            elif line.kind == "group" and line.code:
                groups.setdefault(line.code, [])
            elif line.kind == "sum":
                total, sources = Decimal(0), list[Source]()
                for sign, ref in line.terms:
                    if ref in result:
                        value, srcs, _ = result[ref]
                    elif ref in groups:
                        value = sum((v for v, _ in groups[ref]), Decimal(0))
                        srcs = tuple(s for _, s in groups[ref])
                    else:
                        raise DataError(f"{self.code}: '{ref}' staat niet boven deze regel",
                                        file=line.source.file, line=line.source.line,
                                        code="onbekende-code",
                                        hint="een som telt regels en groepen die erboven staan")
                    total += sign * value
                    sources += srcs
                how = " ".join(("− " if s < 0 else "+ ") + r for s, r in line.terms).lstrip("+ ")
                result[line.code or line.label] = (total, tuple(sources), how)
                if line.group:
                    groups.setdefault(line.group, []).append((total, line.source))
        for code, members in groups.items():
            result.setdefault(code, (sum((v for v, _ in members), Decimal(0)),
                                     tuple(s for _, s in members), "som van de groep"))
        return result


def _line(item: Reader, current_group: str | None) -> Line:
    source = Source(item.file, item.line, item.path)
    label = item.text("omschrijving")
    if item.has("groep"):
        group = item.text("groep")
        item.done()
        return Line(group, label, "group", None, None, (), None, source)
    code = item.opt_code("code")
    if item.has("aantal"):
        count = item.measure("aantal", Unit.COUNT)
        item.done()
        return Line(code, label, "count", None, count, (), None, source)
    if item.has("som"):
        terms = []
        for ref in item.seq("som"):
            text = str(ref).strip()
            terms.append((-1, text[1:].strip()) if text.startswith("-") else (1, text))
        if not terms:
            raise item.error("som", "een som heeft ten minste één regel", code="lege-lijst")
        in_group = item.boolean("in_groep", default=False)
        item.done()
        return Line(code, label, "sum", None, None, tuple(terms),
                    current_group if in_group else None, source)
    side = item.choice("kant", SIDES)
    amount = item.decimal("bedrag")
    item.done()
    return Line(code, label, "amount", side, amount, (), current_group, source)


def _table(code: str, r: Reader) -> Table:
    unit = r.choice("eenheid", {k: k for k in UNITS})
    convention = r.choice("teken", {k: k for k in CONVENTIONS})
    lines: list[Line] = []
    group: str | None = None
    for item in r.items("regels"):
        line = _line(item, group)
        if line.kind == "group":
            group = line.code
        elif line.kind == "sum" and line.group is None:
            group = None  # a total closes the group above it
        if line.code and any(x.code == line.code for x in lines):
            raise item.error("code", f"code '{line.code}' staat dubbel", code="dubbele-code")
        lines.append(line)
    table = Table(code, r.text("titel"), r.opt_text("kolom") or "", Money(convention, unit),
                  tuple(lines), Source(r.file, r.line, r.path))
    r.done()
    table.values()  # every sum must refer to rows above it
    return table


def load(path: Path, rel: str) -> dict[str, Table]:
    r = Reader(load_yaml(path, rel), rel)
    tables = {}
    for code, value in r.map("tabellen").entries():
        if not isinstance(value, Reader):
            raise r.error("tabellen", f"tabel '{code}' moet titel, eenheid, teken en regels "
                                      "hebben", code="verkeerd-type")
        tables[str(code)] = _table(str(code), value)
    r.done()
    return tables


def figures(tables: dict[str, Table]) -> dict[str, Figure]:
    result: dict[str, Figure] = {}
    for code, table in tables.items():
        for key, (value, sources, how) in table.values().items():
            label = next((ln.label for ln in table.lines if ln.code == key), key)
            result[f"{code}.{key}"] = Figure(value, Unit.EURO, sources,
                                             f"{table.title}: {label}",
                                             computed=how or None, decimals=0)
        for line in table.lines:
            if line.kind == "count" and line.code and line.amount is not None:
                result[f"{code}.{line.code}"] = Figure(int(line.amount), Unit.COUNT,
                                                       (line.source,), line.label)
    return result


def _cell(table: Table, value: Decimal, sources: tuple[Source, ...], label: str,
          how: str | None) -> Markup:
    tip = Figure(value, Unit.EURO, sources, label, computed=how or None, decimals=0)
    return Markup('<span class="pc-cijfer{}" data-source="{}" title="{}">{}</span>').format(
        " pc-berekend" if how else "", " ".join(s.ref() for s in sources), tip.tooltip(),
        table.money.text(value))


def macro_financieel_kader(ctx: PageContext, tabel: str) -> Markup:
    """One financial frame table with its unit, sign convention and computed rows."""
    tables: dict[str, Table] = ctx.record(SPEC)
    if tabel not in tables:
        guess = suggest(tabel, list(tables))
        raise MacroError(f"tabel '{tabel}' bestaat niet", code="onbekende-code", key=tabel,
                         hint=f"bedoelde u '{guess}'?" if guess else
                         "tabellen: " + ", ".join(tables))
    table = tables[tabel]
    values = table.values()
    columns = [html.Column(f"{table.title} ({table.money.label})"),
               html.Column(table.column or "Bedrag", numeric=True)]
    rows: list[html.Row] = []
    for line in table.lines:
        if line.kind == "group":
            rows.append(html.Row([html.text(line.label)], kind="group"))
        elif line.kind == "count":
            assert line.amount is not None
            shown = Figure(int(line.amount), Unit.COUNT, (line.source,), line.label).html()
            rows.append(html.Row([html.text(line.label), shown],
                                 raw=[line.label, line.amount]))
        else:
            key = line.code or line.label
            value, sources, how = values[key]
            kind: Any = "total" if line.kind == "sum" else "data"
            rows.append(html.Row([html.text(line.label),
                                  _cell(table, value, sources, line.label, how)], kind=kind,
                                 raw=[line.label, table.money.rounded(value)]))
    convention = {"lasten-negatief": "lasten negatief, baten positief",
                  "baten-negatief": "baten negatief, lasten positief",
                  "positief": "lasten en baten positief"}[table.money.convention]
    notes = [Markup("{}; {}. {}").format(table.money.label.capitalize(), convention, RULE)]
    return ctx.table(f"{table.title} {table.column}".strip(), columns, rows,
                     cls="pc-financien", notes=notes, name=f"financien-{table.code}")


SPEC = BlockSpec(
    kind="financien",
    label="Financiën",
    summary="Financiële kaders: regels met lasten en baten, berekende totalen en saldi",
    extensions=("yaml",),
    load=load,
    figures=figures,
    macros=(
        MacroSpec("financieel_kader", macro_financieel_kader,
                  "Tabel: een financieel kader met berekende totalen en saldi, in de "
                  "eenheid en met het teken van de bron.",
                  "{{ financieel_kader('buig') }}"),
    ),
)
