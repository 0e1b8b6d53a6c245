"""Voortgang: per hoofdactiviteit the activities with their intended result, a status and
its explanation, and a status summary per programme.

`data/<org>/<year>/voortgang.yaml`:

```yaml
programma: {nummer: "07", naam: Individuele voorzieningen}
hoofdactiviteiten:
  - code: "7.01"
    naam: Bepalen handhaving en fraude sociaal domein
    activiteiten:
      - activiteit: Inzet van handhavers in het sociaal domein
        resultaat: Resultaten via het jaarverslag Sociaal Domein
        status: op schema          # op schema | vertraagd | gereed | niet gestart | stopgezet
        toelichting: |             # Markdown
          ...
```
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks import generated
from pcdocs.blocks.actions import ACTIE
from pcdocs.blocks.spec import BlockSpec, Comparing, MacroSpec
from pcdocs.errors import MacroError
from pcdocs.model import fmt
from pcdocs.model.facts import Fact
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.organisation import slugify
from pcdocs.model.schema import Reader, suggest
from pcdocs.render import charts, html, textfields
from pcdocs.render.page import PageContext

# status -> (icon, tone); the icon and the word carry the meaning, the colour only repeats it
STATUSES: dict[str, tuple[str, str]] = {
    "op schema": ("●", "op-schema"),
    "vertraagd": ("▲", "vertraagd"),
    "gereed": ("✓", "gereed"),
    "niet gestart": ("○", "niet-gestart"),
    "stopgezet": ("■", "stopgezet"),
}


@dataclass(frozen=True)
class Activity:
    name: str
    result: str
    status: str
    explanation: str
    source: Source
    status_source: Source


@dataclass(frozen=True)
class Main:
    code: str
    name: str
    activities: tuple[Activity, ...]
    source: Source


@dataclass(frozen=True)
class Voortgang:
    number: str
    programme: str
    mains: tuple[Main, ...]
    file: str

    def counts(self, mains: tuple[Main, ...] | None = None) -> dict[str, int]:
        result = dict.fromkeys(STATUSES, 0)
        for main in mains if mains is not None else self.mains:
            for a in main.activities:
                result[a.status] += 1
        return result


def badge(status: str) -> Markup:
    icon, tone = STATUSES[status]
    return Markup('<span class="pc-status pc-status--{}"><span aria-hidden="true">{}</span> '
                  "{}</span>").format(tone, icon, status)


def load(path: Path, rel: str) -> Voortgang:
    r = Reader(load_yaml(path, rel), rel)
    p = r.map("programma")
    number, programme = p.code("nummer"), p.text("naam")
    p.done()
    mains: list[Main] = []
    for item in r.items("hoofdactiviteiten"):
        code = item.code("code")
        if any(m.code == code for m in mains):
            raise item.error("code", f"hoofdactiviteit {code} staat dubbel", code="dubbele-code")
        activities = []
        for a in item.items("activiteiten"):
            activities.append(Activity(
                a.text("activiteit"), a.text("resultaat"),
                a.choice("status", {s: s for s in STATUSES}), a.text("toelichting"),
                Source(rel, a.line, a.path), a.source("status")))
            a.done()
        mains.append(Main(code, item.text("naam"), tuple(activities),
                          Source(rel, item.line, item.path)))
        item.done()
    r.done()
    return Voortgang(number, programme, tuple(mains), rel)


def figures(v: Voortgang) -> dict[str, Figure]:
    sources = tuple(a.status_source for m in v.mains for a in m.activities)
    counts = v.counts()
    result = {f"status.{slugify(s)}": Figure(n, Unit.COUNT, sources, f"Activiteiten: {s}",
                                             computed="geteld uit de statussen")
              for s, n in counts.items()}
    result["activiteiten"] = Figure(sum(counts.values()), Unit.COUNT, sources,
                                    "Aantal activiteiten", computed="geteld")
    return result


def _activity(ctx: PageContext, a: Activity) -> Markup:
    status = Markup('<span data-source="{}">{}</span>').format(a.status_source.ref(),
                                                              badge(a.status))
    return Markup(
        '<div class="pc-activiteit" data-source="{}"><p class="pc-activiteit__kop"><strong>{}'
        '</strong> {}</p><p class="pc-activiteit__resultaat"><em>Beoogd resultaat:</em> {}</p>'
        '<div class="pc-activiteit__toelichting"><p class="pc-label">Toelichting status</p>{}'
        "</div></div>").format(a.source.ref(), textfields.inline(ctx, a.name, a.source), status,
                               textfields.inline(ctx, a.result, a.source),
                               textfields.block(ctx, a.explanation, a.source))


def macro_voortgang(ctx: PageContext, hoofdactiviteit: str | None = None,
                    niveau: int | None = None) -> str:
    """Every hoofdactiviteit (or the one asked for) as a section with its activities, status
    and explanation."""
    v: Voortgang = ctx.record(SPEC)
    if niveau is None:  # one level below the heading above the call
        niveau = generated.level_below_context(ctx, highest=6)
    if not 2 <= int(niveau) <= 6:
        raise MacroError(f"niveau {niveau} kan niet", code="macro-argumenten",
                         hint="kies een kopniveau van 2 tot en met 6")
    level = "#" * int(niveau)
    mains = v.mains
    if hoofdactiviteit is not None:
        mains = tuple(m for m in v.mains if m.code == str(hoofdactiviteit))
        if not mains:
            codes = [m.code for m in v.mains]
            guess = suggest(str(hoofdactiviteit), codes)
            raise MacroError(f"hoofdactiviteit '{hoofdactiviteit}' bestaat niet",
                             code="onbekende-code", key=str(hoofdactiviteit),
                             hint=f"bedoelde u '{guess}'?" if guess else
                             "hoofdactiviteiten: " + ", ".join(codes))
    out = []
    for main in mains:
        out.append(f"{level} {main.code} {main.name}\n")
        out += [str(_activity(ctx, a)) + "\n" for a in main.activities]
    return "\n".join(out)


def macro_voortgang_samenvatting(ctx: PageContext) -> Markup:
    """Per hoofdactiviteit the number of activities per status, and the programme total."""
    v: Voortgang = ctx.record(SPEC)
    used = [s for s, n in v.counts().items() if n] or list(STATUSES)
    columns = [html.Column("Hoofdactiviteit"), *(html.Column(s, numeric=True) for s in used),
               html.Column("Totaal", numeric=True)]
    rows = []
    for main in v.mains:
        counts = v.counts((main,))
        rows.append(html.Row([html.text(f"{main.code} {main.name}"),
                              *(html.text(counts[s] or "–") for s in used),
                              html.text(sum(counts.values()))],
                             raw=[f"{main.code} {main.name}", *(counts[s] for s in used),
                                  sum(counts.values())]))
    total = v.counts()
    rows.append(html.Row([Markup("<strong>Programma {} {}</strong>").format(v.number,
                                                                            v.programme),
                          *(html.text(total[s]) for s in used), html.text(sum(total.values()))],
                         kind="total", raw=[f"Programma {v.number}", *(total[s] for s in used),
                                            sum(total.values())]))
    legend = Markup(" ").join(badge(s) for s in used)
    return ctx.table(f"Stand van de activiteiten, programma {v.number} {v.programme}", columns,
                     rows, cls="pc-voortgang", notes=[Markup("Statussen: {}").format(legend)],
                     name="voortgang")


def macro_status_grafiek(ctx: PageContext) -> Markup:
    """How many activities have each status."""
    v: Voortgang = ctx.record(SPEC)
    counts = {s: n for s, n in v.counts().items() if n}
    bars = [charts.Bar(f"{STATUSES[s][0]} {s}", Decimal(n), None, None)
            for s, n in counts.items()]
    title = f"Status van de activiteiten, programma {v.number} {v.programme}"
    key, svg = charts.cached(ctx.session.chart_cache, "counts", [charts.payload(bars), title,
                                                                 v.file],
                             lambda: charts.counts(bars, title, v.file))
    name = ctx.asset(f"grafiek-status-{key[:8]}.svg", svg)
    rows = [html.Row([badge(s), html.text(n)], raw=[s, n]) for s, n in counts.items()]
    data = ctx.table(title, [html.Column("Status"), html.Column("Activiteiten", numeric=True)],
                     rows, cls="pc-compact", name="grafiek-status")
    alt = (f"Staafdiagram: {sum(counts.values())} activiteiten naar status; " +
           fmt.enumeration([f"{n} {s}" for s, n in counts.items()]) +
           ". De cijfers staan ook in de tabel onder de grafiek.")
    return ctx.chart(name, svg, alt, title + ".", v.file, data)


def facts(record: Voortgang, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """Each hoofdactiviteit, and each activity with its status."""
    found = []
    for main in record.mains:
        found.append(Fact("voortgang", main.code, "actie",
                          f"Hoofdactiviteit {main.code} {main.name}", "opgenomen", "opgenomen"))
        found += [Fact("voortgang", f"{main.code}.{slugify(a.name)[:60]}", "actie",
                       f"{a.name} ({main.name})", a.status, a.status, main.code)
                  for a in main.activities]
    return found, set()


SPEC = BlockSpec(
    kind="voortgang",
    label="Voortgang",
    summary="Voortgang per hoofdactiviteit: activiteit, beoogd resultaat, status en toelichting",
    extensions=("yaml",),
    load=load,
    figures=figures,
    facts=facts,
    wording=(ACTIE,),
    chart="status_grafiek",
    macros=(
        MacroSpec("voortgang", macro_voortgang,
                  "Per hoofdactiviteit de activiteiten met beoogd resultaat, status en "
                  "toelichting.",
                  "{{ voortgang() }}"),
        MacroSpec("voortgang_samenvatting", macro_voortgang_samenvatting,
                  "Tabel: het aantal activiteiten per status, per hoofdactiviteit en "
                  "totaal.",
                  "{{ voortgang_samenvatting() }}"),
        MacroSpec("status_grafiek", macro_status_grafiek,
                  "Grafiek: het aantal activiteiten per status.",
                  "{{ status_grafiek() }}"),
    ),
)
