"""Begroting per taakveld: lasten, baten and saldo per BBV taakveld before a P&C document,
its mutations and the result (computed), plus the reserve mutations (`afwijkingen.py`
explains the deviations).

`data/<org>/<year>/begroting.csv` (or .xlsx), as a finance system exports it, amounts in euros
with the signs of the source:

```
soort;taakveld;naam;lasten voor;baten voor;lasten mutatie;baten mutatie;lasten na;baten na
taakveld;630;Inkomensregelingen;-10.382.000;7.411.000;-929.000;15.000;-11.311.000;7.426.000
reserve;630;Inkomensregelingen;-546.000;568.000;0;0;-546.000;568.000
```
The `na` columns are optional; when present they must equal voor + mutatie. Next to it
`begroting.yaml` says how to read and show the amounts:

```yaml
programma: 7 Individuele voorzieningen
teken: lasten-negatief          # lasten-negatief | baten-negatief | positief
eenheid: duizend                # euro | duizend | miljoen
kolommen:
  voor: Begroting inclusief mutaties Kadernota 2022
  mutatie: Mutaties Najaarsnota 2022
  na: Begroting inclusief mutaties Najaarsnota 2022
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from markupsafe import Markup

from pcdocs.blocks.datasets import sibling
from pcdocs.blocks.spec import BlockSpec, MacroSpec, TableTemplate, TemplateColumn, Wording
from pcdocs.errors import DataError
from pcdocs.model import fmt, tables
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.geld import CONVENTIONS, RULE, UNITS, Money, Side
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader, suggest
from pcdocs.render import charts, html
from pcdocs.render.page import PageContext

SETTINGS = ("begroting.yaml",)
KINDS = {"taakveld": "taakveld", "reserve": "reserve"}
SIDES: tuple[Side, Side] = ("lasten", "baten")
STAGES = ("voor", "mutatie", "na")


@cache
def bbv() -> dict[str, str]:
    """The national list of taakvelden (BBV), code -> name."""
    text = resources.files("pcdocs").joinpath("reference/bbv_taakvelden.yaml").read_text(
        encoding="utf-8")
    data: dict[str, str] = yaml.safe_load(text)
    return data


def bbv_code(raw: str) -> str | None:
    """'630' or '6.3' -> '6.3'; '671' -> '6.71'; '070' -> '0.7'; None when not a BBV code."""
    text = raw.strip()
    if text in bbv():
        return text
    if re.fullmatch(r"\d{3}", text):
        main, rest = text[0], text[1:]
        candidates = [f"{main}.{rest}", f"{main}.{rest.rstrip('0') or '0'}"]
        return next((c for c in candidates if c in bbv()), None)
    return None


@dataclass(frozen=True)
class Row:
    kind: str
    code: str
    bbv: str
    name: str
    amounts: dict[str, dict[Side, Decimal]]  # stage -> side -> euros, ordinary meaning
    source: Source

    def saldo(self, stage: str) -> Decimal:
        return self.amounts[stage]["baten"] - self.amounts[stage]["lasten"]


@dataclass(frozen=True)
class Begroting:
    programma: str
    money: Money
    labels: dict[str, str]
    rows: tuple[Row, ...]
    file: str

    def of(self, kind: str) -> list[Row]:
        return [r for r in self.rows if r.kind == kind]

    def find(self, kind: str, code: str) -> Row | None:
        wanted = bbv_code(code) or code
        return next((r for r in self.rows if r.kind == kind and r.bbv == wanted), None)



# -- loading -----------------------------------------------------------------------------

def _settings(path: Path, rel: str) -> tuple[str, Money, dict[str, str]]:
    r = Reader(load_yaml(path, rel), rel)
    money = Money(r.choice("teken", {k: k for k in CONVENTIONS}),
                  r.choice("eenheid", {k: k for k in UNITS}))
    labels = {"voor": "Begroting", "mutatie": "Mutaties", "na": "Begroting na mutaties"}
    k = r.opt_map("kolommen")
    if k is not None:
        for key in k.key_list():
            if key not in labels:
                raise k.error(key, "onbekende kolom", hint="kolommen: voor, mutatie, na",
                              code="onbekende-sleutel")
            labels[key] = k.text(key)
        k.done()
    programma = r.text("programma")
    r.done()
    return programma, money, labels


def load(path: Path, rel: str) -> Begroting:
    found = sibling(path, rel, SETTINGS)
    if found is None:
        raise DataError("begroting.yaml ontbreekt naast dit bestand", file=rel,
                        code="bestand-ontbreekt",
                        hint="leg in begroting.yaml het teken (bijv. lasten-negatief), de "
                             "eenheid en het programma vast; zie de handleiding")
    programma, money, labels = _settings(*found)
    table = tables.read_table(path, rel)
    amount_columns = [f"{side} {stage}" for stage in STAGES for side in SIDES]
    tables.require_columns(table, ["soort", "taakveld", "naam", *amount_columns[:4]],
                           amount_columns[4:])
    rows: list[Row] = []
    for row in table.rows:
        kind = tables.text(table, row, "soort").lower()
        if kind not in KINDS:
            raise DataError(f"{table.where(row, 'soort')}: '{kind}' is geen soort", file=rel,
                            line=row.line, key="soort", code="onbekende-waarde",
                            hint="schrijf taakveld of reserve")
        code = tables.text(table, row, "taakveld")
        official = bbv_code(code)
        if official is None:
            guess = suggest(code, [c.replace(".", "") + "0" * (3 - len(c.replace(".", "")))
                                   for c in bbv()])
            raise DataError(f"{table.where(row, 'taakveld')}: '{code}' is geen BBV-taakveld",
                            file=rel, line=row.line, key="taakveld", code="onbekend-taakveld",
                            hint=f"bedoelde u {guess}?" if guess else
                            "gebruik de code van het BBV, bijv. 630 of 6.3")
        amounts: dict[str, dict[Side, Decimal]] = {}
        for stage in ("voor", "mutatie"):
            amounts[stage] = {side: money.canonical(tables.number(
                table, row, f"{side} {stage}", empty=Decimal(0), decimals=False), side)
                              for side in SIDES}
        amounts["na"] = {side: amounts["voor"][side] + amounts["mutatie"][side]
                         for side in SIDES}
        for side in SIDES:
            column = f"{side} na"
            if str(row.cells.get(column, "")).strip():
                typed = money.canonical(tables.number(table, row, column, decimals=False), side)
                if typed != amounts["na"][side]:
                    raise DataError(
                        f"{table.where(row, column)}: {fmt.euro(money.shown(typed, side))} is "
                        f"niet {side} voor + mutatie "
                        f"({fmt.euro(money.shown(amounts['na'][side], side))})", file=rel,
                        line=row.line, key=column, code="telt-niet-op",
                        hint="laat de kolom leeg of weg: pcdocs rekent hem uit")
        if any(r.kind == kind and r.bbv == official for r in rows):
            raise DataError(f"{kind} {code} staat dubbel", file=rel, line=row.line,
                            code="dubbele-code", hint="één regel per taakveld en soort")
        rows.append(Row(kind, code, official, tables.text(table, row, "naam"), amounts,
                        Source(rel, row.line, "taakveld")))
    if not rows:
        raise DataError("de begroting heeft geen regels", file=rel, line=1, code="lege-lijst",
                        hint="zet onder de kop ten minste één regel per taakveld")
    return Begroting(programma, money, labels, tuple(rows), rel)



# -- figures -----------------------------------------------------------------------------

def shown(b: Begroting, value: Decimal, side: Side) -> Decimal:
    """An amount in the ordinary meaning as the document shows it (its sign convention)."""
    return b.money.shown(value, side)


def totals(b: Begroting, rows: list[Row] | tuple[Row, ...], stage: str) -> dict[Side, Decimal]:
    return {side: sum((r.amounts[stage][side] for r in rows), Decimal(0)) for side in SIDES}


def figures(b: Begroting) -> dict[str, Figure]:
    result: dict[str, Figure] = {}

    def put(key: str, canonical: dict[Side, Decimal], sources: tuple[Source, ...], label: str,
            how: str | None) -> None:
        for side in SIDES:
            result[f"{key}.{side}"] = Figure(shown(b, canonical[side], side), Unit.EURO,
                                             sources, f"{label}: {side}", computed=how,
                                             decimals=0)
        saldo = canonical["baten"] - canonical["lasten"]
        result[f"{key}.saldo"] = Figure(shown(b, saldo, "saldo"), Unit.EURO, sources,
                                        f"{label}: saldo", computed="baten − lasten",
                                        decimals=0)

    for row in b.rows:
        prefix = row.code if row.kind == "taakveld" else f"reserve.{row.code}"
        for stage in STAGES:
            put(f"{prefix}.{stage}", row.amounts[stage], (row.source,),
                f"{row.code} {row.name}, {b.labels[stage]}",
                "voor + mutatie" if stage == "na" else None)
    every = tuple(r.source for r in b.rows)
    for stage in STAGES:
        put(f"totaal.{stage}", totals(b, b.rows, stage), every, f"Totaal, {b.labels[stage]}",
            "som van alle regels")
    return result


# -- rendering ---------------------------------------------------------------------------

def money(b: Begroting, value: Decimal, side: Side, sources: tuple[Source, ...], label: str,
          computed: str | None = None) -> Markup:
    """An amount as the document shows it, with its sources (a cell of a table)."""
    amount = shown(b, value, side)
    tip = Figure(amount, Unit.EURO, sources, label, computed=computed, decimals=0)
    return Markup('<span class="pc-cijfer{}" data-source="{}" title="{}">{}</span>').format(
        " pc-berekend" if computed else "", " ".join(s.ref() for s in sources), tip.tooltip(),
        b.money.text(amount))


def _cells(b: Begroting, amounts: dict[str, dict[Side, Decimal]], sources: tuple[Source, ...],
           label: str, computed: bool) -> tuple[list[html.Content], list[object]]:
    cells: list[html.Content] = []
    raw: list[object] = []
    for stage in STAGES:
        how = "voor + mutatie" if stage == "na" else ("som" if computed else None)
        for side in SIDES:
            value = amounts[stage][side]
            cells.append(money(b, value, side, sources, f"{label}: {side}", how))
            raw.append(b.money.rounded(shown(b, value, side)))
        saldo = amounts[stage]["baten"] - amounts[stage]["lasten"]
        cells.append(money(b, saldo, "saldo", sources, f"{label}: saldo", "baten − lasten"))
        raw.append(b.money.rounded(shown(b, saldo, "saldo")))
    return cells, raw


def macro_taakvelden_tabel(ctx: PageContext) -> Markup:
    """Lasten, baten and saldo per taakveld in three column groups; the third computed."""
    b: Begroting = ctx.record(SPEC)
    columns = [html.Column(f"Taakvelden ({b.money.label})")]
    for stage in STAGES:
        columns += [html.Column(f"Lasten – {b.labels[stage]}", numeric=True, short="Lasten"),
                    html.Column(f"Baten – {b.labels[stage]}", numeric=True, short="Baten"),
                    html.Column(f"Saldo – {b.labels[stage]}", numeric=True, short="Saldo")]
    rows: list[html.Row] = []
    for kind, title in (("taakveld", b.programma), ("reserve", "Mutaties reserves")):
        members = b.of(kind)
        if not members:
            continue
        rows.append(html.Row([html.text(title)], kind="group"))
        for row in members:
            label = f"{row.code} - {row.name}"
            cells, raw = _cells(b, row.amounts, (row.source,), label, False)
            rows.append(html.Row([html.text(label), *cells], raw=[label, *raw]))
    every = tuple(r.source for r in b.rows)
    amounts = {stage: totals(b, b.rows, stage) for stage in STAGES}
    cells, raw = _cells(b, amounts, every, "Totaal", True)
    rows.append(html.Row([Markup("<strong>Totaal</strong>"), *cells], kind="total",
                         raw=["Totaal", *raw]))
    convention = {"lasten-negatief": "lasten negatief, baten positief",
                  "baten-negatief": "baten negatief, lasten positief",
                  "positief": "lasten en baten positief"}[b.money.convention]
    notes = [Markup("{}; {}. De kolommen ‘{}’ zijn berekend als ‘{}’ plus ‘{}’. {}").format(
        b.money.label.capitalize(), convention, b.labels["na"], b.labels["voor"],
        b.labels["mutatie"], RULE)]
    table = ctx.table(f"Taakvelden per programma: {b.programma}", columns, rows,
                      cls="pc-taakvelden", notes=notes, name="taakvelden")
    head = Markup('<tr class="pc-kolomgroep"><th></th>{}</tr>').format(Markup("").join(
        Markup('<th colspan="3" scope="colgroup">{}</th>').format(b.labels[s]) for s in STAGES))
    return Markup(str(table).replace("<thead>", "<thead>" + str(head), 1))



def macro_begroting_grafiek(ctx: PageContext) -> Markup:
    """Lasten and baten per taakveld after the mutations."""
    b: Begroting = ctx.record(SPEC)
    rows = b.of("taakveld")
    stacks = [charts.Stack(f"{r.code} {r.name}", (r.amounts["na"]["lasten"],
                                                  r.amounts["na"]["baten"])) for r in rows]
    title = f"Lasten en baten per taakveld, {b.labels['na']}"
    key, svg = charts.cached(ctx.session.chart_cache, "paired", [charts.payload(stacks), title,
                                                                 b.file],
                             lambda: charts.paired_bars(stacks, ("lasten", "baten"), title,
                                                        b.file))
    name = ctx.asset(f"grafiek-taakvelden-{key[:8]}.svg", svg)
    table_rows = [html.Row([html.text(s.label), html.text(fmt.euro(s.amounts[0])),
                            html.text(fmt.euro(s.amounts[1]))],
                           raw=[s.label, *s.amounts]) for s in stacks]
    data = ctx.table(title, [html.Column("Taakveld"), html.Column("Lasten", numeric=True),
                             html.Column("Baten", numeric=True)], table_rows, cls="pc-compact",
                     name="grafiek-taakvelden")
    biggest = max(stacks, key=lambda s: s.amounts[0])
    alt = (f"Staafdiagram met lasten en baten per taakveld ({len(stacks)} taakvelden); de "
           f"grootste lasten heeft {biggest.label} ({fmt.euro(biggest.amounts[0])}). De "
           "cijfers staan in de tabel onder de grafiek.")
    return ctx.chart(name, svg, alt, title + ".", b.file, data)


def macro_mutatie_grafiek(ctx: PageContext) -> Markup:
    """The saldo's mutation per taakveld and for the reserves: gains right, losses left."""
    b: Begroting = ctx.record(SPEC)
    items = [(f"{r.code} {r.name}", shown(b, r.saldo("mutatie"), "saldo"))
             for r in b.of("taakveld")]
    reserves = sum((r.saldo("mutatie") for r in b.of("reserve")), Decimal(0))
    if b.of("reserve"):
        items.append(("Mutaties reserves", shown(b, reserves, "saldo")))
    before = shown(b, totals(b, b.rows, "voor")["baten"] - totals(b, b.rows, "voor")["lasten"],
                    "saldo")
    after = shown(b, totals(b, b.rows, "na")["baten"] - totals(b, b.rows, "na")["lasten"],
                   "saldo")
    title = f"{b.labels['mutatie']}: effect op het saldo per taakveld"
    subtitle = (f"Saldo van {fmt.euro(before)} ({b.labels['voor']}) naar {fmt.euro(after)} "
                f"({b.labels['na']})")
    bars = [charts.Bar(label, value, None, None) for label, value in items]
    key, svg = charts.cached(ctx.session.chart_cache, "diverging",
                             [charts.payload(bars), title, subtitle, b.file],
                             lambda: charts.diverging(bars, title, subtitle, b.file))
    name = ctx.asset(f"grafiek-mutaties-{key[:8]}.svg", svg)
    table_rows = [html.Row([html.text(label), html.text(fmt.euro(value))], raw=[label, value])
                  for label, value in items]
    data = ctx.table(title, [html.Column("Taakveld"), html.Column("Mutatie saldo",
                                                                  numeric=True)],
                     table_rows, cls="pc-compact", name="grafiek-mutaties")
    alt = (f"Staafdiagram van de mutaties per taakveld; {subtitle}. Positief is een voordeel, "
           "negatief een nadeel. De cijfers staan in de tabel onder de grafiek.")
    return ctx.chart(name, svg, alt, title + ".", b.file, data)


def category(key: str, fig: Figure) -> tuple[str, str | None]:
    return "begroting", None


TEMPLATE = TableTemplate(
    file="begroting",
    columns=(
        TemplateColumn("soort", "taakveld of reserve.", choices=tuple(KINDS)),
        TemplateColumn("taakveld", "De BBV-code van het taakveld, bijv. 630 of 6.3."),
        TemplateColumn("naam", "De naam van het taakveld."),
        *(TemplateColumn(f"{side} {stage}", f"{side.capitalize()} {words}, in euro's met het "
                         "teken van de bron (begroting.yaml zegt welk).", "bedrag")
          for stage, words in (("voor", "vóór de mutaties"), ("mutatie", "van de mutaties"))
          for side in SIDES),
    ),
    example=("taakveld", "630", "Inkomensregelingen", -10382000, 7411000, -929000, 15000),
    explanation="Elke rij is één taakveld (of de reserve van een taakveld): lasten en baten "
                "vóór en door de mutaties. Naast begroting.yaml, met het teken, de eenheid en "
                "het programma; de stand na de mutaties rekent pcdocs uit.",
)

SPEC = BlockSpec(
    kind="begroting",
    label="Begroting per taakveld",
    summary="Lasten, baten en saldo per BBV-taakveld: begroting, mutaties en resultaat",
    extensions=("csv", "xlsx"),
    load=load,
    figures=figures,
    companions=SETTINGS,
    category=category,
    wording=(Wording("begroting", changed="Begroting gewijzigd: {label}, van {old} naar "
                                          "{new}{delta}."),),
    chart="begroting_grafiek",
    templates=(TEMPLATE,),
    macros=(
        MacroSpec("taakvelden_tabel", macro_taakvelden_tabel,
                  "Tabel: lasten, baten en saldo per taakveld vóór, door en na de mutaties, "
                  "met de mutaties van de reserves.",
                  "{{ taakvelden_tabel() }}"),
        MacroSpec("begroting_grafiek", macro_begroting_grafiek,
                  "Grafiek: lasten en baten per taakveld.",
                  "{{ begroting_grafiek() }}"),
        MacroSpec("mutatie_grafiek", macro_mutatie_grafiek,
                  "Grafiek: het effect van de mutaties op het saldo, per taakveld.",
                  "{{ mutatie_grafiek() }}"),
    ),
)
