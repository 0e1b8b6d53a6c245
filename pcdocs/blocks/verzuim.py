"""Verzuim: sick-leave percentage, its long-term part and the meldingsfrequentie per period,
each against a norm (lower is better).

`data/<org>/<year>/verzuim.yaml`:

```yaml
langdurig_vanaf: {waarde: 6, eenheid: weken}
norm:                       # default norm for every period, with its source
  percentage: 5.5
  bron: "CBS: ziekteverzuim bij overheid, gegevens t/m 3e kwartaal 2023"
perioden:
  - periode: 2023
    percentage: {waarde: 9, kwalificatie: iets meer dan}
    langdurig: 5.5
  - periode: 2018
    omschrijving: 2018 t/m november
    percentage: 6.84
    meldingsfrequentie: 1.30
    norm: {percentage: 5.46, meldingsfrequentie: 1.22}   # a period's own norm
```
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks.spec import BlockSpec, MacroSpec
from pcdocs.errors import DataError, MacroError
from pcdocs.model import fmt
from pcdocs.model.figures import Figure, Kind, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader
from pcdocs.model.values import check_fractions, read_figure
from pcdocs.render import charts, html
from pcdocs.render.page import PageContext

MEASURES: dict[str, tuple[str, Unit, Kind]] = {
    "percentage": ("Ziekteverzuim", Unit.PERCENT, Kind.LEVEL),
    "langdurig": ("Langdurig verzuim", Unit.PERCENT, Kind.LEVEL),
    # reports per employee per year: 0 or more (figures.EXCEPTIONS)
    "meldingsfrequentie": ("Meldingsfrequentie", Unit.NUMBER, Kind.MAGNITUDE),
}


@dataclass(frozen=True)
class Norms:
    values: dict[str, Figure]
    bron: Figure | None


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    values: dict[str, Figure]
    norms: Norms


@dataclass(frozen=True)
class Verzuim:
    periods: tuple[Period, ...]
    norm: Norms
    langdurig_vanaf: Figure | None


def _read_norms(r: Reader | None, label: str) -> Norms:
    if r is None:
        return Norms({}, None)
    values = {
        key: read_figure(r, key, unit, f"Norm {name.lower()} {label}".strip(), kind)
        for key, (name, unit, kind) in MEASURES.items()
        if r.has(key)
    }
    bron = read_figure(r, "bron", Unit.TEXT, "Bron van de norm") if r.has("bron") else None
    r.done()
    return Norms(values, bron)


def load(path: Path, rel: str) -> Verzuim:
    r = Reader(load_yaml(path, rel), rel)
    default = _read_norms(r.opt_map("norm"), "")
    periods: list[Period] = []
    for item in r.items("perioden"):
        key = item.period("periode")
        label = item.opt_text("omschrijving") or key
        values = {
            name: read_figure(item, name, unit, f"{title} {label}", kind)
            for name, (title, unit, kind) in MEASURES.items()
            if item.has(name)
        }
        if not values:
            raise item.error("percentage", "noem ten minste het verzuimpercentage",
                             code="ontbrekende-sleutel")
        own = _read_norms(item.opt_map("norm"), label)
        norms = Norms({**default.values, **own.values}, own.bron or default.bron)
        _check_fractions([*periods, Period(key, label, values, norms)], default)
        _check_range(values, rel)
        item.done()
        if any(p.key == key for p in periods):
            raise DataError(f"periode '{key}' staat dubbel", file=rel, line=item.line,
                            code="dubbele-code", hint="noem elke periode één keer")
        periods.append(Period(key, label, values, norms))
    vanaf = read_figure(r, "langdurig_vanaf", Unit.WEEKS, "Langdurig verzuim vanaf") \
        if r.has("langdurig_vanaf") else None
    r.done()
    _check_fractions(periods, default)
    return Verzuim(tuple(periods), default, vanaf)


def _check_fractions(periods: list[Period], default: Norms) -> None:
    """Every percentage of the file has one scale (hours lost against hours available): one
    between 0 and 1 among percentages of 1 or more was typed as a fraction."""
    check_fractions([f for p in periods for f in (*p.values.values(), *p.norms.values.values())]
                    + list(default.values.values()), "het verzuim")


def _check_range(values: dict[str, Figure], rel: str) -> None:
    """The long-term part lies within the whole (each lies in 0-100: values.value_figure)."""
    total, part = values.get("percentage"), values.get("langdurig")
    if total is not None and part is not None:
        whole, share = total.numeric(), part.numeric()
        if whole is not None and share is not None and share > whole:
            raise DataError(f"langdurig: {fmt.number(share)}% is meer dan het hele verzuim "
                            f"({fmt.number(whole)}%)", file=rel, line=part.sources[0].line,
                            key="langdurig", code="telt-niet-op",
                            hint="het langdurige verzuim is een deel van het verzuimpercentage")


def figures(v: Verzuim) -> dict[str, Figure]:
    result: dict[str, Figure] = {}
    for key, fig in v.norm.values.items():
        result[f"norm.{key}"] = fig
    if v.norm.bron is not None:
        result["norm.bron"] = v.norm.bron
    if v.langdurig_vanaf is not None:
        result["langdurig_vanaf"] = v.langdurig_vanaf
    previous: Period | None = None
    for p in v.periods:
        for key, fig in p.values.items():
            result[f"{p.key}.{key}"] = fig
            before = previous.values.get(key) if previous else None
            if before is not None and previous is not None:
                now, then = fig.numeric(), before.numeric()
                assert now is not None and then is not None
                result[f"{p.key}.verandering.{key}"] = Figure(
                    now - then, fig.unit, (*before.sources, *fig.sources),
                    f"Verandering {key} van {previous.label} naar {p.label}",
                    computed=f"{fmt.number(now)} − {fmt.number(then)}",
                    decimals=max(fmt.decimals_of(now), fmt.decimals_of(then)))
        for key, fig in p.norms.values.items():
            result[f"{p.key}.norm.{key}"] = fig
        previous = p
    return result


def above_norm(value: Figure, norm: Figure | None) -> bool | None:
    """True when sick leave is above its norm (worse), None without a norm."""
    v, n = value.numeric(), norm.numeric() if norm else None
    if v is None or n is None:
        return None
    return v > n


def macro_verzuim_tabel(ctx: PageContext) -> Markup:
    """Every period with each measure against its norm."""
    record: Verzuim = ctx.record(SPEC)
    columns = [html.Column("Periode")]
    measures = [m for m in MEASURES if any(m in p.values for p in record.periods)]
    for m in measures:
        columns += [html.Column(MEASURES[m][0], numeric=True), html.Column("Norm", numeric=True)]
    rows = []
    for p in record.periods:
        cells: list[html.Content] = [html.text(p.label)]
        for m in measures:
            value, norm = p.values.get(m), p.norms.values.get(m)
            if value is None:
                cells += ["–", norm.html() if norm else "–"]
                continue
            status = above_norm(value, norm)
            flag = "" if status is None else html.badge(
                "boven norm" if status else "binnen norm",
                "niet-behaald" if status else "behaald")
            cells += [Markup("{} {}").format(value.html(), flag), norm.html() if norm else "–"]
        raw: list[object] = [p.label]
        for m in measures:
            value, norm = p.values.get(m), p.norms.values.get(m)
            raw += [value.value if value else None, norm.value if norm else None]
        rows.append(html.Row(cells, raw=raw))
    notes = [Markup("Bron van de norm: {}").format(record.norm.bron.html())] \
        if record.norm.bron else []
    return ctx.table("Ziekteverzuim tegen de norm", columns, rows, cls="pc-verzuim",
                     notes=notes, name="verzuim")


def macro_verzuim_grafiek(ctx: PageContext) -> Markup:
    """The sick-leave percentage per period, its long-term part and the norm."""
    record: Verzuim = ctx.record(SPEC)
    bars = []
    for p in record.periods:
        value = p.values.get("percentage")
        if value is None or value.numeric() is None:
            continue
        part, norm = p.values.get("langdurig"), p.norms.values.get("percentage")
        bars.append(charts.PeriodBar(p.label, value.numeric() or Decimal(0),
                                     part.numeric() if part else None,
                                     norm.numeric() if norm else None))
    if not bars:
        raise MacroError("geen verzuimpercentages om te tonen", code="geen-gegevens")
    files = sorted({s.file for p in record.periods for f in p.values.values()
                    for s in f.sources})
    source = ", ".join(files)
    title = "Ziekteverzuim per periode tegen de norm"
    key, svg = charts.cached(ctx.session.chart_cache, "periods", [charts.payload(bars), source],
                             lambda: charts.periods_against_norm(bars, title, source,
                                                                 "waarvan langdurig"))
    name = ctx.asset(f"grafiek-verzuim-{key[:8]}.svg", svg)
    rows = [html.Row([html.text(b.label), html.text(fmt.percent(b.value)),
                      html.text(fmt.percent(b.part)) if b.part is not None else "–",
                      html.text(fmt.percent(b.norm)) if b.norm is not None else "–"],
                     raw=[b.label, b.value, b.part, b.norm]) for b in bars]
    data = ctx.table(title, [html.Column("Periode"), html.Column("Verzuim", numeric=True),
                             html.Column("Waarvan langdurig", numeric=True),
                             html.Column("Norm", numeric=True)], rows, cls="pc-compact",
                     name="grafiek-verzuim")
    above = sum(1 for b in bars if b.norm is not None and b.value > b.norm)
    alt = (f"Staafdiagram van het ziekteverzuim in {len(bars)} periode(s) met de norm als "
           f"streep; in {above} periode(s) ligt het verzuim boven de norm. De cijfers staan in "
           "de tabel onder de grafiek.")
    return ctx.chart(name, svg, alt, title + ".", source, data)


SPEC = BlockSpec(
    kind="verzuim",
    label="Ziekteverzuim",
    summary="Ziekteverzuim, langdurig verzuim en meldingsfrequentie per periode, met norm en bron",
    extensions=("yaml",),
    load=load,
    figures=figures,
    chart="verzuim_grafiek",
    macros=(
        MacroSpec("verzuim_tabel", macro_verzuim_tabel,
                  "Tabel: verzuim per periode tegen de norm.",
                  "{{ verzuim_tabel() }}"),
        MacroSpec("verzuim_grafiek", macro_verzuim_grafiek,
                  "Grafiek: verzuim per periode, het langdurige deel en de norm.",
                  "{{ verzuim_grafiek() }}"),
    ),
)
