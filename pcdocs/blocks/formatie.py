"""Formatie: the establishment in fte, its analysis between peildata, vacancies, headcount.

`data/<org>/<year>/formatie.yaml`:

```yaml
totaal_fte: 38.09          # the formatie on the peildatum (or computed from the analysis)
peildatum: 2024-01-01
vacatures:
  - {functie: beleidsondersteuner, aantal: 1, parttime: ja}
medewerkers: {vrouwen: 32, mannen: 10}   # headcount per group; the total is computed
stageplekken: 1
# with a formatieanalyse.csv next to it:
beginstand: {peildatum: 2018-01-01, fte: 344.55}
standen: {2018-09-01: 349.91, 2019-01-01: 353.54}   # optional checks; must reconcile
```

`formatieanalyse.csv` (or .xlsx), one mutation per row, as a controller exports it:

```
peildatum;reden;functie;schaal;fte;uitleg
1-9-2018;Opdrachten Welzijn en Zorg;Consulent beschermd wonen;9;1,86;Beschermd wonen
1-1-2019;Wegvallen taken/budgetten;Consulent Participatiewet;9;-1,75;Actieplan ouderenwerkloosheid
```
`peildatum` is the date the mutation counts towards; the groups keep the order of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks.datasets import sibling
from pcdocs.blocks.spec import BlockSpec, MacroSpec, TableTemplate, TemplateColumn, Wording
from pcdocs.errors import DataError, MacroError
from pcdocs.model import fmt, tables
from pcdocs.model.figures import Figure, Source, Unit, range_problem
from pcdocs.model.load import load_yaml
from pcdocs.model.organisation import slugify
from pcdocs.model.schema import Reader
from pcdocs.render import charts, html
from pcdocs.render.page import PageContext

ANALYSIS = ("formatieanalyse.csv", "formatieanalyse.xlsx")
_DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


@dataclass(frozen=True)
class Vacancy:
    functie: str
    aantal: int
    parttime: bool
    source: Source

    def text(self) -> str:
        noun = "vacature" if self.aantal == 1 else "vacatures"
        kind = "parttime " if self.parttime else ""
        return f"{fmt.number(self.aantal)} {kind}{noun} voor een {self.functie}"


@dataclass(frozen=True)
class Mutation:
    peildatum: dt.date
    reden: str
    functie: str
    schaal: int | None
    fte: Decimal
    uitleg: str
    source: Source


@dataclass(frozen=True)
class Group:
    reden: str
    mutations: tuple[Mutation, ...]

    @property
    def slug(self) -> str:
        return slugify(self.reden)

    @property
    def total(self) -> Decimal:
        return sum((m.fte for m in self.mutations), Decimal("0.00"))


@dataclass(frozen=True)
class Period:
    peildatum: dt.date
    groups: tuple[Group, ...]
    start: Decimal
    check: tuple[Decimal, Source] | None

    @property
    def change(self) -> Decimal:
        return sum((g.total for g in self.groups), Decimal("0.00"))

    @property
    def end(self) -> Decimal:
        return self.start + self.change


@dataclass(frozen=True)
class Analysis:
    begin: dt.date
    begin_fte: Decimal
    begin_source: Source
    periods: tuple[Period, ...]
    file: str


@dataclass(frozen=True)
class Formatie:
    peildatum: dt.date | None
    totaal_fte: Decimal | None
    vacatures: tuple[Vacancy, ...]
    medewerkers: tuple[tuple[str, int, Source], ...]
    stageplekken: int | None
    analysis: Analysis | None
    file: str
    sources: dict[str, Source]

    @property
    def vacature_count(self) -> int:
        return sum(v.aantal for v in self.vacatures)

    @property
    def headcount(self) -> int:
        return sum(n for _, n, _ in self.medewerkers)


# -- loading -----------------------------------------------------------------------------

def load(path: Path, rel: str) -> Formatie:
    r = Reader(load_yaml(path, rel), rel)
    vacatures = []
    for item in r.items("vacatures", required=False):
        vacatures.append(Vacancy(item.text("functie"), item.integer("aantal", minimum=1),
                                 item.boolean("parttime", default=False),
                                 Source(rel, item.line, item.path)))
        item.done()
    medewerkers = []
    m = r.opt_map("medewerkers")
    if m is not None:
        for key in m.key_list():
            medewerkers.append((str(key), m.integer(key, minimum=0), m.source(key)))
        m.done()
    found = sibling(path, rel, ANALYSIS)
    analysis = _analysis(r, *found) if found else None
    if analysis is None:
        for key in ("beginstand", "standen"):
            if r.has(key):
                raise r.error(key, "hoort bij een formatieanalyse, maar formatieanalyse.csv "
                                   "ontbreekt naast dit bestand", code="bestand-ontbreekt")
    fte = r.opt_measure("totaal_fte", Unit.FTE)
    if analysis is None and fte is None:
        r.decimal("totaal_fte")  # raises: required without an analysis
    if fte is not None and fte <= 0:
        raise r.error("totaal_fte", "de formatie moet groter dan 0 fte zijn", code="buiten-bereik")
    if fte is not None and analysis is not None and analysis.periods \
            and fte != analysis.periods[-1].end:
        raise r.error("totaal_fte", f"{fmt.number(fte)} fte klopt niet met de formatieanalyse "
                                    f"({fmt.number(analysis.periods[-1].end)} fte)",
                      hint="laat totaal_fte weg: pcdocs rekent het uit", code="telt-niet-op")
    peildatum = r.date("peildatum") if r.has("peildatum") else (
        analysis.periods[-1].peildatum if analysis and analysis.periods else None)
    if peildatum is None:
        r.date("peildatum")
    r.optional("peildatum")
    record = Formatie(
        peildatum=peildatum, totaal_fte=fte, vacatures=tuple(vacatures),
        medewerkers=tuple(medewerkers), stageplekken=r.opt_integer("stageplekken", minimum=0),
        analysis=analysis, file=rel,
        sources={k: r.source(k) for k in ("peildatum", "totaal_fte", "stageplekken")},
    )
    r.done()
    return record


def _analysis(r: Reader, path: Path, rel: str) -> Analysis:
    b = r.map("beginstand")
    begin, begin_fte = b.date("peildatum"), b.measure("fte", Unit.FTE)
    begin_source = b.source("fte")
    b.done()
    checks: dict[dt.date, tuple[Decimal, Source]] = {}
    s = r.opt_map("standen")
    if s is not None:
        for key in s.key_list():
            if not isinstance(key, dt.date):
                raise s.error(key, f"'{key}' is geen datum", hint="schrijf jjjj-mm-dd",
                              code="geen-datum")
            checks[key] = (s.measure(key, Unit.FTE), s.source(key))
        s.done()
    table = tables.read_table(path, rel)
    tables.require_columns(table, ["peildatum", "reden", "functie", "fte"], ["schaal", "uitleg"])
    mutations = [_mutation(table, row, begin) for row in table.rows]
    if not mutations:
        raise DataError("de formatieanalyse heeft geen mutaties", file=rel, line=1,
                        code="lege-lijst", hint="zet onder de kop ten minste één mutatie")
    periods, start = [], begin_fte
    for date in sorted({m.peildatum for m in mutations}):
        rows = [m for m in mutations if m.peildatum == date]
        reasons = list(dict.fromkeys(m.reden for m in rows))
        groups = tuple(Group(reden, tuple(m for m in rows if m.reden == reden))
                       for reden in reasons)
        period = Period(date, groups, start, checks.pop(date, None))
        problem = range_problem(period.end, Unit.FTE)
        if problem is not None:  # mutations may be negative (a change), the stand may not
            last = rows[-1].source
            raise DataError(f"formatie per {fmt.short_date(date)}: beginstand plus mutaties is "
                            f"{fmt.number(period.end)} fte", file=last.file, line=last.line,
                            key="fte", code=problem[0],
                            hint="een formatie is 0 fte of meer; controleer de mutaties tot "
                                 f"{fmt.short_date(date)} en hun teken")
        if period.check is not None and period.check[0] != period.end:
            value, source = period.check
            raise DataError(
                f"standen.{date.isoformat()}: {fmt.number(value)} fte klopt niet: beginstand "
                f"plus mutaties is {fmt.number(period.end)} fte",
                file=source.file, line=source.line, key=source.key, code="telt-niet-op",
                hint=f"controleer de mutaties tot {fmt.short_date(date)} in {rel}, of "
                     "laat de stand weg: pcdocs rekent hem uit")
        periods.append(period)
        start = period.end
    for date, (_, source) in checks.items():
        raise DataError(f"standen: geen mutaties met peildatum {fmt.short_date(date)}",
                        file=source.file, line=source.line, code="onbekende-datum",
                        hint="de peildata komen uit de kolom peildatum van de analyse")
    return Analysis(begin, begin_fte, begin_source, tuple(periods), rel)


def _mutation(table: tables.TableData, row: tables.TableRow, begin: dt.date) -> Mutation:
    date = _date(table, row)
    if date <= begin:
        raise DataError(f"{table.where(row, 'peildatum')}: {fmt.short_date(date)} ligt niet na "
                        f"de beginstand ({fmt.short_date(begin)})", file=table.file,
                        line=row.line, key="peildatum", code="buiten-bereik")
    scale = None
    if str(row.cells.get("schaal", "")).strip():
        value = tables.number(table, row, "schaal", decimals=False)
        if value != value.to_integral_value():
            raise DataError(f"{table.where(row, 'schaal')}: schaal moet een heel getal zijn",
                            file=table.file, line=row.line, key="schaal", code="geen-getal")
        scale = int(value)
    return Mutation(date, tables.text(table, row, "reden"), tables.text(table, row, "functie"),
                    scale, tables.number(table, row, "fte", decimals=True),
                    tables.text(table, row, "uitleg", required=False),
                    Source(table.file, row.line, "fte"))


def _date(table: tables.TableData, row: tables.TableRow) -> dt.date:
    raw = row.cells.get("peildatum", "")
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    try:
        match = _DATE.match(text)
        if match:
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DataError(f"{table.where(row, 'peildatum')}: '{text}' is geen datum",
                        file=table.file, line=row.line, key="peildatum", code="geen-datum",
                        hint="schrijf dd-mm-jjjj, bijv. 1-9-2018") from None


# -- figures -----------------------------------------------------------------------------

def _analysis_figures(a: Analysis) -> dict[str, Figure]:
    result = {f"stand.{a.begin.isoformat()}": Figure(a.begin_fte, Unit.FTE, (a.begin_source,),
                                                     f"Formatie per {fmt.short_date(a.begin)}")}
    sources = [a.begin_source]
    for p in a.periods:
        day = p.peildatum.isoformat()
        own = tuple(m.source for g in p.groups for m in g.mutations)
        sources += own
        result[f"stand.{day}"] = Figure(
            p.end, Unit.FTE, tuple(sources), f"Formatie per {fmt.short_date(p.peildatum)}",
            computed=f"{fmt.number(p.start, 2)} + mutaties ({fmt.number(p.change, 2)})")
        result[f"mutatie.{day}"] = Figure(
            p.change, Unit.FTE, own, f"Mutaties tot {fmt.short_date(p.peildatum)}",
            computed="som van de mutaties")
        for g in p.groups:
            result[f"mutatie.{day}.{g.slug}"] = Figure(
                g.total, Unit.FTE, tuple(m.source for m in g.mutations),
                f"{g.reden} tot {fmt.short_date(p.peildatum)}",
                computed=" + ".join(fmt.number(m.fte, 2) for m in g.mutations))
    return result


def figures(f: Formatie) -> dict[str, Figure]:
    src = f.sources
    result: dict[str, Figure] = {}
    if f.analysis is not None:
        result.update(_analysis_figures(f.analysis))
        last = f.analysis.periods[-1]
        result["fte"] = result[f"stand.{last.peildatum.isoformat()}"]
    else:
        assert f.totaal_fte is not None
        result["fte"] = Figure(f.totaal_fte, Unit.FTE, (src["totaal_fte"],), "Totale formatie")
    if f.peildatum is not None:
        result["peildatum"] = Figure(f.peildatum, Unit.DATE, (src["peildatum"],),
                                     "Peildatum formatie")
    if f.vacatures:
        result["vacatures"] = Figure(
            f.vacature_count, Unit.COUNT, tuple(v.source for v in f.vacatures),
            "Aantal openstaande vacatures",
            computed=" + ".join(str(v.aantal) for v in f.vacatures))
    if f.medewerkers:
        result["medewerkers"] = Figure(
            f.headcount, Unit.COUNT, tuple(s for _, _, s in f.medewerkers), "Aantal medewerkers",
            computed=" + ".join(f"{n} {name}" for name, n, _ in f.medewerkers))
        for name, n, source in f.medewerkers:
            result[f"medewerkers.{name}"] = Figure(n, Unit.COUNT, (source,),
                                                   f"Aantal medewerkers: {name}")
    if f.stageplekken is not None:
        result["stageplekken"] = Figure(f.stageplekken, Unit.COUNT, (src["stageplekken"],),
                                        "Stageplekken per jaar")
    return result


def category(key: str, fig: Figure) -> tuple[str, str | None]:
    """Comparisons tell a mutation from the formatie itself."""
    return ("mutatie" if key.startswith("mutatie.") else "formatie"), None


# -- rendering ---------------------------------------------------------------------------

def macro_vacatures(ctx: PageContext) -> Markup:
    """The open vacancies as a Dutch sentence part: '1 vacature voor ..., ... en ...'."""
    record: Formatie = ctx.record(SPEC)
    if not record.vacatures:
        return Markup("geen openstaande vacatures")
    parts = [Figure(v.text(), Unit.TEXT, (v.source,), "Vacature").html()
             for v in record.vacatures]
    return Markup(fmt.enumeration([str(p) for p in parts]))


def _analysis_of(ctx: PageContext) -> Analysis:
    record: Formatie = ctx.record(SPEC)
    if record.analysis is None:
        raise MacroError("er is geen formatieanalyse", code="geen-analyse",
                         hint="zet formatieanalyse.csv naast formatie.yaml (zie de handleiding)")
    return record.analysis


def _fte(value: Decimal, sources: tuple[Source, ...], label: str, computed: str | None = None
         ) -> Markup:
    return Figure(value, Unit.FTE, sources, label, computed=computed).html("zonder-eenheid")


def macro_formatieanalyse(ctx: PageContext) -> Markup:
    """The analysis as the seed lays it out: stand, mutations per reason with subtotals,
    running stand at each peildatum; everything computed: start + mutations = end."""
    a = _analysis_of(ctx)
    columns = [html.Column("Formatie"), html.Column("Schaal", numeric=True),
               html.Column("Mutatie fte", numeric=True), html.Column("Stand fte", numeric=True),
               html.Column("Uitleg")]
    rows = [html.Row([Markup("<strong>{}</strong>").format(fmt.short_date(a.begin)), "", "",
                      _fte(a.begin_fte, (a.begin_source,), "Beginstand"), ""], kind="total",
                     raw=[fmt.short_date(a.begin), None, None, a.begin_fte, "beginstand"])]
    for p in a.periods:
        for g in p.groups:
            rows.append(html.Row([html.text(g.reden)], kind="group"))
            for m in g.mutations:
                rows.append(html.Row(
                    [html.text(m.functie), html.text(m.schaal if m.schaal is not None else ""),
                     _fte(m.fte, (m.source,), f"Mutatie {m.functie}"), "", html.text(m.uitleg)],
                    raw=[m.functie, m.schaal, m.fte, None, m.uitleg]))
            rows.append(html.Row(
                [Markup("Subtotaal {}").format(g.reden.lower()), "", "",
                 _fte(g.total, tuple(m.source for m in g.mutations), f"Subtotaal {g.reden}",
                      "som van de mutaties"), ""], kind="subtotal",
                raw=[f"subtotaal {g.reden}", None, None, g.total, None]))
        rows.append(html.Row(
            [Markup("<strong>{}</strong>").format(fmt.short_date(p.peildatum)), "", "",
             _fte(p.end, (a.begin_source,), f"Stand per {fmt.short_date(p.peildatum)}",
                  f"{fmt.number(p.start, 2)} + {fmt.number(p.change, 2)}"), ""], kind="total",
            raw=[fmt.short_date(p.peildatum), None, None, p.end, "stand"]))
    return ctx.table(f"Formatieanalyse {fmt.short_date(a.begin)} – "
                     f"{fmt.short_date(a.periods[-1].peildatum)} (fte)", columns, rows,
                     cls="pc-formatie", name="formatieanalyse")


def macro_formatie_grafiek(ctx: PageContext) -> Markup:
    """Waterfall from the first to the last stand, one step per reason."""
    a = _analysis_of(ctx)
    steps: list[charts.Step] = [charts.Step(fmt.short_date(a.begin), a.begin_fte, True)]
    for p in a.periods:
        steps += [charts.Step(g.reden, g.total, False) for g in p.groups]
        steps.append(charts.Step(fmt.short_date(p.peildatum), p.end, True))
    title = f"Formatie van {fmt.short_date(a.begin)} naar {fmt.short_date(a.periods[-1].peildatum)}"
    key, svg = charts.cached(ctx.session.chart_cache, "waterfall", [charts.payload(steps), title,
                                                                   a.file],
                             lambda: charts.waterfall(steps, title, a.file, "fte"))
    name = ctx.asset(f"grafiek-formatie-{key[:8]}.svg", svg)
    rows = [html.Row([html.text(s.label),
                      html.text(fmt.number(s.value, 2)) if s.total else "",
                      "" if s.total else html.text(fmt.number(s.value, 2))],
                     raw=[s.label, s.value if s.total else None, None if s.total else s.value])
            for s in steps]
    data = ctx.table(title, [html.Column("Stap"), html.Column("Stand fte", numeric=True),
                             html.Column("Mutatie fte", numeric=True)], rows, cls="pc-compact",
                     name="grafiek-formatie")
    alt = (f"Watervaldiagram: de formatie gaat van {fmt.fte(a.begin_fte)} op "
           f"{fmt.short_date(a.begin)} naar {fmt.fte(a.periods[-1].end)} op "
           f"{fmt.short_date(a.periods[-1].peildatum)}, in {len(steps)} stappen; de cijfers "
           "staan in de tabel onder de grafiek.")
    return ctx.chart(name, svg, alt, title + ".", a.file, data)


TEMPLATE = TableTemplate(
    file="formatieanalyse",
    columns=(
        TemplateColumn("peildatum", "De datum waarop de mutatie meetelt; na de beginstand in "
                       "formatie.yaml.", "datum"),
        TemplateColumn("reden", "De reden van de mutatie; mutaties met dezelfde reden vormen "
                       "een groep met een subtotaal."),
        TemplateColumn("functie", "De functie waarvan de formatie verandert."),
        TemplateColumn("schaal", "De salarisschaal, een heel getal.", "getal", required=False),
        TemplateColumn("fte", "De mutatie in fte: positief erbij, negatief eraf (-1,75).",
                       "getal"),
        TemplateColumn("uitleg", "Een korte toelichting.", required=False),
    ),
    example=(dt.date(2025, 7, 1), "Nieuwe taken", "Consulent Participatiewet", 9,
             Decimal("1.50"), "Uitbreiding team werk"),
    explanation="Elke rij is één mutatie van de formatie. Naast formatie.yaml, waarin de "
                "beginstand (peildatum en fte) staat; pcdocs rekent de standen uit.",
)

SPEC = BlockSpec(
    kind="formatie",
    label="Formatie",
    summary="Formatie in fte, formatieanalyse tussen peildata, vacatures en medewerkers",
    extensions=("yaml",),
    load=load,
    figures=figures,
    companions=ANALYSIS,
    category=category,
    wording=(
        Wording("formatie", changed="Formatie gewijzigd: {label}, van {old} naar {new}{delta}."),
        Wording("mutatie", changed="Formatiemutatie gewijzigd: {label}, van {old} naar "
                                   "{new}{delta}.",
                added="Nieuwe formatiemutatie: {label}, {text}.",
                dropped="Formatiemutatie vervallen: {label} (was {text})."),
    ),
    chart="formatie_grafiek",
    templates=(TEMPLATE,),
    macros=(
        MacroSpec("vacatures", macro_vacatures,
                  "De openstaande vacatures als opsomming.",
                  "{{ vacatures() }}"),
        MacroSpec("formatieanalyse", macro_formatieanalyse,
                  "Tabel: de formatieanalyse, met subtotalen per reden en de stand per "
                  "peildatum.",
                  "{{ formatieanalyse() }}"),
        MacroSpec("formatie_grafiek", macro_formatie_grafiek,
                  "Grafiek: watervaldiagram van beginstand via de mutaties naar de "
                  "eindstand.",
                  "{{ formatie_grafiek() }}"),
    ),
)
