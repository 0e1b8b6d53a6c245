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
from pathlib import Path

from markupsafe import Markup

from pcdocs import html
from pcdocs.blocks.values import read_figure
from pcdocs.datasets import Block, register
from pcdocs.errors import DataError
from pcdocs.figures import Figure, Unit
from pcdocs.load import load_yaml
from pcdocs.page import PageContext
from pcdocs.schema import Reader

MEASURES: dict[str, tuple[str, Unit]] = {
    "percentage": ("Ziekteverzuim", Unit.PERCENT),
    "langdurig": ("Langdurig verzuim", Unit.PERCENT),
    "meldingsfrequentie": ("Meldingsfrequentie", Unit.NUMBER),
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
        key: read_figure(r, key, unit, f"Norm {name.lower()} {label}".strip())
        for key, (name, unit) in MEASURES.items()
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
        key = item.text("periode")
        label = item.opt_text("omschrijving") or key
        values = {
            name: read_figure(item, name, unit, f"{title} {label}")
            for name, (title, unit) in MEASURES.items()
            if item.has(name)
        }
        if not values:
            raise item.error("percentage", "noem ten minste het verzuimpercentage",
                             code="ontbrekende-sleutel")
        own = _read_norms(item.opt_map("norm"), label)
        norms = Norms({**default.values, **own.values}, own.bron or default.bron)
        item.done()
        if any(p.key == key for p in periods):
            raise DataError(f"periode '{key}' staat dubbel", file=rel, line=item.line,
                            code="dubbele-code", hint="noem elke periode één keer")
        periods.append(Period(key, label, values, norms))
    vanaf = read_figure(r, "langdurig_vanaf", Unit.WEEKS, "Langdurig verzuim vanaf") \
        if r.has("langdurig_vanaf") else None
    r.done()
    return Verzuim(tuple(periods), default, vanaf)


def figures(v: Verzuim) -> dict[str, Figure]:
    result: dict[str, Figure] = {}
    for key, fig in v.norm.values.items():
        result[f"norm.{key}"] = fig
    if v.norm.bron is not None:
        result["norm.bron"] = v.norm.bron
    if v.langdurig_vanaf is not None:
        result["langdurig_vanaf"] = v.langdurig_vanaf
    for p in v.periods:
        for key, fig in p.values.items():
            result[f"{p.key}.{key}"] = fig
        for key, fig in p.norms.values.items():
            result[f"{p.key}.norm.{key}"] = fig
    return result


def above_norm(value: Figure, norm: Figure | None) -> bool | None:
    """True when sick leave is above its norm (worse), None without a norm."""
    v, n = value.numeric(), norm.numeric() if norm else None
    if v is None or n is None:
        return None
    return v > n


def macro_verzuim_tabel(ctx: PageContext) -> Markup:
    """Every period with each measure against its norm."""
    record: Verzuim = ctx.record("verzuim")
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
        rows.append(html.Row(cells))
    notes = [Markup("Bron van de norm: {}").format(record.norm.bron.html())] \
        if record.norm.bron else []
    return html.table("Ziekteverzuim tegen de norm", columns, rows, cls="pc-verzuim",
                      notes=notes)


BLOCK = register(Block(
    kind="verzuim",
    summary="Ziekteverzuim, langdurig verzuim en meldingsfrequentie per periode, met norm en bron",
    extensions=("yaml",),
    load=load,
    figures=figures,
))
