"""Externe inhuur: hired staff per reason (ZIEK, PIEK, SPECIFIEK) and supply type, with the
previous plan and the latest prognosis per line; every total is computed.

`data/<org>/<year>/inhuur.csv` (or .xlsx), one line per row, as a controller exports it:

```
reden;omschrijving;uitzendkrachten;payrolling;detachering;overheden;vorig plan;prognose;\
  verklaring verschil;toelichting;maatregelen
ZIEK;Ziekteverzuim;€ -;€ 99.539;€ 292.296;;€ 275.000;€ 350.333;;Extra inhuur;Verzuim omlaag
```
(one header line in the file; broken here for width)
Amounts in whole euros (Dutch notation; `€ -` or empty is zero). Next to it, optionally,
`inhuur.yaml` with the reasons' descriptions, the column labels and the tariff effect:

```yaml
redenen:
  ZIEK: opvangen van onvoorziene capaciteitsproblemen, zoals verzuim, zwangerschapsverlof, etc.
kolommen: {vorig plan: Jaarplan 2018, prognose: Prognose Berap 2018}
tariefeffect: {omschrijving: Effect van de nieuwe tarieven, bedrag: 135177}   # + is duurder
```
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks.datasets import sibling
from pcdocs.blocks.spec import (
    BlockSpec,
    Comparing,
    MacroSpec,
    TableTemplate,
    TemplateColumn,
    Wording,
)
from pcdocs.errors import DataError
from pcdocs.model import fmt, tables
from pcdocs.model.facts import Fact, canonical
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.organisation import slugify
from pcdocs.model.schema import Reader
from pcdocs.render import charts, html, textfields
from pcdocs.render.page import PageContext

SUPPLY: dict[str, str] = {
    "uitzendkrachten": "Uitzendkrachten",
    "payrolling": "Payrolling",
    "detachering": "Detachering externe bureaus",
    "overheden": "Gemeenten, provincies en GR's",
}
REASONS: dict[str, str] = {
    "ZIEK": "opvangen van onvoorziene capaciteitsproblemen, zoals verzuim, "
            "zwangerschapsverlof, etc.",
    "PIEK": "opvangen van piekwerkzaamheden die niet met de bestaande capaciteit kunnen "
            "worden ingevuld",
    "SPECIFIEK": "vanwege specialistische en vakmatige kennis die de gemeente redelijkerwijs "
                 "niet volledig in huis beschikbaar heeft of wil hebben",
}
TEXTS = {"verklaring verschil": "Verklaring verschil", "toelichting": "Toelichting",
         "maatregelen": "Maatregelen om inhuur terug te dringen"}
SETTINGS = ("inhuur.yaml",)


@dataclass(frozen=True)
class Line:
    reason: str
    name: str
    amounts: dict[str, Decimal]
    previous: Decimal | None
    prognosis: Decimal | None
    texts: dict[str, str]
    source: Source

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), Decimal(0))


@dataclass(frozen=True)
class Inhuur:
    lines: tuple[Line, ...]
    reasons: dict[str, str]
    labels: dict[str, str]
    tariff: Figure | None
    file: str

    def reason_lines(self, reason: str) -> list[Line]:
        return [ln for ln in self.lines if ln.reason == reason]


def load(path: Path, rel: str) -> Inhuur:
    reasons, labels, tariff = dict(REASONS), {"vorig plan": "Vorig plan",
                                              "prognose": "Prognose"}, None
    found = sibling(path, rel, SETTINGS)
    if found:
        reasons, labels, tariff = _settings(*found, reasons, labels)
    table = tables.read_table(path, rel)
    tables.require_columns(table, ["reden", "omschrijving", *SUPPLY],
                           ["totaal", "vorig plan", "prognose", *TEXTS])
    lines: list[Line] = []
    for row in table.rows:
        reason = tables.text(table, row, "reden").upper()
        if reason not in reasons:
            raise DataError(f"{table.where(row, 'reden')}: onbekende reden '{reason}'",
                            file=rel, line=row.line, key="reden", code="onbekende-waarde",
                            hint="kies uit " + ", ".join(reasons))
        amounts = {k: tables.number(table, row, k, empty=Decimal(0), decimals=False)
                   for k in SUPPLY}
        optional = {k: (tables.number(table, row, k, decimals=False)
                        if str(row.cells.get(k, "")).strip()
                        else None) for k in ("vorig plan", "prognose")}
        line = Line(reason, tables.text(table, row, "omschrijving"), amounts,
                    optional["vorig plan"], optional["prognose"],
                    {k: tables.text(table, row, k, required=False) for k in TEXTS},
                    Source(rel, row.line, "omschrijving"))
        if str(row.cells.get("totaal", "")).strip():
            typed = tables.number(table, row, "totaal", decimals=False)
            if typed != line.total:
                raise DataError(
                    f"{table.where(row, 'totaal')}: {fmt.euro(typed)} is niet de som van de "
                    f"bedragen ({fmt.euro(line.total)})", file=rel, line=row.line, key="totaal",
                    code="telt-niet-op",
                    hint="laat de kolom totaal leeg of weg: pcdocs telt zelf op")
        if any(ln.slug == line.slug for ln in lines):
            raise DataError(f"regel '{line.name}' staat dubbel", file=rel, line=row.line,
                            code="dubbele-code", hint="geef elke regel een eigen omschrijving")
        lines.append(line)
    if not lines:
        raise DataError("het overzicht heeft geen regels", file=rel, line=1, code="lege-lijst",
                        hint="zet onder de kop ten minste één regel inhuur")
    return Inhuur(tuple(lines), reasons, labels, tariff, rel)


def _settings(path: Path, rel: str, reasons: dict[str, str], labels: dict[str, str]
              ) -> tuple[dict[str, str], dict[str, str], Figure | None]:
    r = Reader(load_yaml(path, rel), rel)
    redenen = r.opt_map("redenen")
    if redenen is not None:
        reasons = {str(k).upper(): redenen.text(k) for k in redenen.key_list()}
        redenen.done()
    kolommen = r.opt_map("kolommen")
    if kolommen is not None:
        for key in kolommen.key_list():
            if key not in labels:
                raise kolommen.error(key, "onbekende kolom", code="onbekende-sleutel",
                                     hint="mogelijk: " + ", ".join(labels))
            labels[key] = kolommen.text(key)
        kolommen.done()
    tariff = None
    t = r.opt_map("tariefeffect")
    if t is not None:
        amount = t.decimal("bedrag")
        tariff = Figure(amount, Unit.EURO, (t.source("bedrag"),),
                        t.opt_text("omschrijving") or "Effect van de tarieven", decimals=0)
        t.done()
    r.done()
    return reasons, labels, tariff


def _pick(line: Line, column: str) -> Decimal:
    if column == "totaal":
        return line.total
    if column == "vorig plan":
        return line.previous or Decimal(0)
    if column == "prognose":
        return line.prognosis or Decimal(0)
    return line.amounts[column]


def _sum(lines: list[Line] | tuple[Line, ...], column: str) -> Decimal:
    return sum((_pick(ln, column) for ln in lines), Decimal(0))


def figures(r: Inhuur) -> dict[str, Figure]:
    every = tuple(ln.source for ln in r.lines)

    def euro(value: Decimal, sources: tuple[Source, ...], label: str, how: str) -> Figure:
        return Figure(value, Unit.EURO, sources, label, computed=how, decimals=0)

    result = {"totaal": euro(_sum(r.lines, "totaal"), every, "Totale verwachting externe inhuur",
                             "som van alle regels")}
    for key, label in SUPPLY.items():
        result[f"totaal.{key}"] = euro(_sum(r.lines, key), every, f"Totaal {label.lower()}",
                                       "som van de kolom")
    result["vorig_plan"] = euro(_sum(r.lines, "vorig plan"), every, r.labels["vorig plan"],
                                "som van de kolom")
    result["prognose"] = euro(_sum(r.lines, "prognose"), every, r.labels["prognose"],
                              "som van de kolom")
    for reason in r.reasons:
        own = r.reason_lines(reason)
        if own:
            result[f"reden.{reason.lower()}"] = euro(
                _sum(own, "totaal"), tuple(ln.source for ln in own), f"Totaal {reason}",
                "som van de regels")
    for ln in r.lines:
        result[f"regel.{ln.slug}"] = euro(
            ln.total, (ln.source,), f"Totaal {ln.name}",
            " + ".join(fmt.number(v) for v in ln.amounts.values()))
    if r.tariff is not None:
        result["tariefeffect"] = r.tariff
    return result


def _money(value: Decimal | None, source: Source, label: str, computed: str | None = None
           ) -> Markup:
    if value is None:
        return Markup("–")
    if value == 0 and computed is None:
        return Markup('<span data-source="{}">–</span>').format(source.ref())
    return Figure(value, Unit.EURO, (source,), label, computed=computed, decimals=0).html()


def macro_inhuur_tabel(ctx: PageContext) -> Markup:
    """The overview: lines per reason, amounts per supply type, totals computed; the three
    text columns follow as numbered notes, so the table stays readable on a phone and paper."""
    r: Inhuur = ctx.record(SPEC)
    figs = figures(r)
    year = ctx.year
    columns = [html.Column("Soort externe inhuur"),
               *(html.Column(label, numeric=True) for label in SUPPLY.values()),
               html.Column(f"Totale verwachting {year or ''}".strip(), numeric=True),
               html.Column(r.labels["vorig plan"], numeric=True),
               html.Column(r.labels["prognose"], numeric=True)]
    rows: list[html.Row] = []
    notes: list[html.Content] = []
    used = [reason for reason in r.reasons if r.reason_lines(reason)]
    legend = [Markup("<strong>{}</strong>: {}").format(
        reason, r.reasons[reason] + ("" if r.reasons[reason].endswith(".") else "."))
        for reason in used]
    for reason in used:
        own = r.reason_lines(reason)
        rows.append(html.Row([html.text(reason)], kind="group"))
        for ln in own:
            name = html.text(ln.name)
            texts = [(TEXTS[k], v) for k, v in ln.texts.items() if v]
            if texts:
                notes.append(_note(ctx, len(notes) + 1, ln, texts))
                name = Markup('{} <sup class="pc-noot">({})</sup>').format(name, len(notes))
            rows.append(html.Row(
                [name, *(_money(ln.amounts[k], ln.source, f"{ln.name}: {SUPPLY[k].lower()}")
                         for k in SUPPLY),
                 figs[f"regel.{ln.slug}"].html(),
                 _money(ln.previous, ln.source, f"{ln.name}: {r.labels['vorig plan']}"),
                 _money(ln.prognosis, ln.source, f"{ln.name}: {r.labels['prognose']}")],
                raw=[ln.name, *ln.amounts.values(), ln.total, ln.previous, ln.prognosis]))
    rows.append(html.Row(
        [Markup("<strong>Totaal</strong>"),
         *(figs[f"totaal.{k}"].html() for k in SUPPLY), figs["totaal"].html(),
         figs["vorig_plan"].html(), figs["prognose"].html()], kind="total",
        raw=["Totaal", *(_sum(r.lines, k) for k in SUPPLY), _sum(r.lines, "totaal"),
             _sum(r.lines, "vorig plan"), _sum(r.lines, "prognose")]))
    return ctx.table(f"Externe inhuur {year or ''} per reden en soort (bedragen in euro)".replace(
        "  ", " "), columns, rows, cls="pc-inhuur", notes=[*legend, *notes],
        name="externe-inhuur")


def _note(ctx: PageContext, number: int, line: Line, texts: list[tuple[str, str]]) -> Markup:
    parts = Markup("<br>").join(
        Markup("<em>{}:</em> {}").format(label, textfields.inline(ctx, value, line.source))
        for label, value in texts)
    return Markup("({}) <strong>{}</strong><br>{}").format(number, line.name, parts)


def macro_inhuur_grafiek(ctx: PageContext) -> Markup:
    """Stacked bars: the total per reason, split by supply type."""
    r: Inhuur = ctx.record(SPEC)
    stacks = [charts.Stack(reason, tuple(_sum(r.reason_lines(reason), k) for k in SUPPLY))
              for reason in r.reasons if r.reason_lines(reason)]
    title = f"Externe inhuur {ctx.year or ''} per reden en soort".replace("  ", " ")
    labels = list(SUPPLY.values())
    key, svg = charts.cached(ctx.session.chart_cache, "stacked",
                             [charts.payload(stacks), labels, title, r.file],
                             lambda: charts.stacked_bars(stacks, labels, title, r.file))
    name = ctx.asset(f"grafiek-inhuur-{key[:8]}.svg", svg)
    columns = [html.Column("Reden"), *(html.Column(v, numeric=True) for v in labels),
               html.Column("Totaal", numeric=True)]
    rows = [html.Row([html.text(s.label), *(html.text(fmt.euro(a)) for a in s.amounts),
                      html.text(fmt.euro(sum(s.amounts, Decimal(0))))],
                     raw=[s.label, *s.amounts, sum(s.amounts, Decimal(0))]) for s in stacks]
    data = ctx.table(title, columns, rows, cls="pc-compact", name="grafiek-inhuur")
    biggest = max(stacks, key=lambda s: sum(s.amounts, Decimal(0)))
    alt = (f"Gestapeld staafdiagram van de externe inhuur per reden ({len(stacks)} redenen), "
           f"verdeeld naar soort; de grootste is {biggest.label} met "
           f"{fmt.euro(sum(biggest.amounts, Decimal(0)))}. De cijfers staan in de tabel onder "
           "de grafiek.")
    return ctx.chart(name, svg, alt, title + ".", r.file, data)


def category(key: str, fig: Figure) -> tuple[str, str | None]:
    return "inhuur", None


def facts(record: Inhuur, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """Every amount of every line, so a comparison names the line and the kind."""
    found = []
    for line in record.lines:
        for kind, amount in line.amounts.items():
            label = f"Externe inhuur {line.name}, {record.labels.get(kind, kind)}"
            found.append(Fact("inhuur", f"regel.{slugify(line.name)}.{kind}", "inhuur",
                              label, canonical(amount), fmt.euro(amount)))
    return found, set()


TEMPLATE = TableTemplate(
    file="inhuur",
    columns=(
        TemplateColumn("reden", "ZIEK, PIEK of SPECIFIEK (of een reden uit inhuur.yaml)."),
        TemplateColumn("omschrijving", "Waarvoor is ingehuurd; elke regel een eigen "
                       "omschrijving."),
        *(TemplateColumn(column, f"{label}: bedrag in hele euro's (leeg is nul).", "bedrag")
          for column, label in SUPPLY.items()),
        TemplateColumn("vorig plan", "Het bedrag in het vorige plan (optioneel).", "bedrag",
                       required=False),
        TemplateColumn("prognose", "De laatste prognose (optioneel).", "bedrag",
                       required=False),
        *(TemplateColumn(column, f"{label} (optioneel).", required=False)
          for column, label in TEXTS.items()),
    ),
    example=("ZIEK", "Ziekteverzuim", 0, 99539, 292296, None, 275000, 350333, None,
             "Tijdelijk extra inhuur bij verzuim", "Verzuim omlaag brengen"),
    explanation="Elke rij is één regel externe inhuur, met het bedrag per soort inhuur. "
                "Totalen rekent pcdocs zelf uit; zet ze niet in het bestand.",
)

SPEC = BlockSpec(
    kind="inhuur",
    label="Externe inhuur",
    summary="Externe inhuur per reden en soort, met vorig plan, prognose en toelichting",
    extensions=("csv", "xlsx"),
    load=load,
    figures=figures,
    companions=SETTINGS,
    facts=facts,
    category=category,
    wording=(Wording("inhuur", changed="{label}: van {old} naar {new}{delta}."),),
    chart="inhuur_grafiek",
    templates=(TEMPLATE,),
    macros=(
        MacroSpec("inhuur_tabel", macro_inhuur_tabel,
                  "Tabel: externe inhuur per reden en soort, met totalen, vorig plan, "
                  "prognose en de toelichtingen als noten.",
                  "{{ inhuur_tabel() }}"),
        MacroSpec("inhuur_grafiek", macro_inhuur_grafiek,
                  "Grafiek: externe inhuur per reden, gestapeld naar soort.",
                  "{{ inhuur_grafiek() }}"),
    ),
)
