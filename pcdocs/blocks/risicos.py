"""Risico's: a register (code, title, kind, description, control measure, kans class and
netto-verwachte-omvang band) and the kans x omvang matrix computed from it with the
organisation's classes (`risicoprofiel.py`).

The register per year, `data/<org>/<year>/risicos.yaml`:

```yaml
risicos:
  - code: M1
    titel: Open einde regelingen
    soort: materieel             # materieel | immaterieel
    kans: 3                      # a class of the profile
    omvang: 5                    # a band of the profile, or: bedrag: 6000000
    omschrijving: |              # Markdown (paragraphs, lists, bold); no HTML
      ...
    beheersmaatregel: |
      ...
```
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks import generated, risicoprofiel
from pcdocs.blocks.risicoprofiel import Profile
from pcdocs.blocks.spec import BlockSpec, Checking, Comparing, MacroSpec, Wording
from pcdocs.errors import DataError, Finding, MacroError
from pcdocs.model import fmt
from pcdocs.model.facts import Fact, from_figure
from pcdocs.model.figures import Figure, Kind, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader
from pcdocs.render import charts, html, textfields
from pcdocs.render.page import PageContext

KINDS = {"materieel": "Materiële risico's", "immaterieel": "Immateriële risico's"}


@dataclass(frozen=True)
class Risk:
    code: str
    titel: str
    soort: str
    kans: int
    kans_source: Source
    omvang: int | None  # band, or None when an amount is given
    bedrag: Decimal | None
    omvang_source: Source
    omschrijving: str
    beheersmaatregel: str
    source: Source


@dataclass(frozen=True)
class Register:
    risks: tuple[Risk, ...]
    file: str


def load(path: Path, rel: str) -> Register:
    r = Reader(load_yaml(path, rel), rel)
    risks: list[Risk] = []
    for item in r.items("risicos"):
        code = item.code("code").upper()
        if any(x.code == code for x in risks):
            raise item.error("code", f"code '{code}' staat dubbel", code="dubbele-code",
                             hint="geef elk risico een eigen code")
        band = item.opt_integer("omvang", minimum=1)
        amount = item.opt_measure("bedrag", Unit.EURO, Kind.MAGNITUDE)
        if (band is None) == (amount is None):
            raise item.error("omvang", "geef óf 'omvang' (een klasse) óf 'bedrag' (in euro)",
                             code="ontbrekende-sleutel")
        risks.append(Risk(
            code=code, titel=item.text("titel"),
            soort=item.choice("soort", {k: k for k in KINDS}),
            kans=item.integer("kans", minimum=1), kans_source=item.source("kans"),
            omvang=band, bedrag=amount,
            omvang_source=item.source("omvang" if band is not None else "bedrag"),
            omschrijving=item.text("omschrijving"),
            beheersmaatregel=item.text("beheersmaatregel"),
            source=Source(rel, item.line, item.path)))
        item.done()
    r.done()
    return Register(tuple(risks), rel)


def placed(register: Register, profile: Profile) -> list[tuple[Risk, int, int]]:
    """Each risk with its kans class and omvang band, checked against the profile."""
    result = []
    for risk in register.risks:
        if risk.kans not in profile.kans:
            s = risk.kans_source
            raise DataError(f"{risk.code}: kansklasse {risk.kans} bestaat niet", file=s.file,
                            line=s.line, key=s.key, code="onbekende-klasse",
                            hint=f"klassen in {profile.file}: " + ", ".join(
                                f"{k} {n}" for k, (n, _) in profile.kans.items()))
        band = risk.omvang
        if band is None:
            assert risk.bedrag is not None
            band = next((b.klasse for b in profile.omvang.values() if b.holds(risk.bedrag)),
                        None)
        if band is None or band not in profile.omvang:
            s = risk.omvang_source
            raise DataError(f"{risk.code}: omvang past in geen klasse van {profile.file}",
                            file=s.file, line=s.line, key=s.key, code="onbekende-klasse",
                            hint="klassen: " + ", ".join(
                                f"{k} ({b.label()})" for k, b in profile.omvang.items()))
        result.append((risk, risk.kans, band))
    return result


def figures(register: Register) -> dict[str, Figure]:
    result = {"aantal": Figure(len(register.risks), Unit.COUNT,
                               tuple(r.source for r in register.risks), "Aantal risico's",
                               computed="geteld in het register")}
    for risk in register.risks:
        code = risk.code.lower()
        result[f"{code}.kans"] = Figure(risk.kans, Unit.COUNT, (risk.kans_source,),
                                        f"Kansklasse {risk.code}")
        if risk.omvang is not None:
            result[f"{code}.omvang"] = Figure(risk.omvang, Unit.COUNT, (risk.omvang_source,),
                                              f"Omvangklasse {risk.code}")
        else:
            assert risk.bedrag is not None
            result[f"{code}.bedrag"] = Figure(risk.bedrag, Unit.EURO, (risk.omvang_source,),
                                              f"Netto verwachte omvang {risk.code}", decimals=0)
    return result


def _both(ctx: PageContext) -> tuple[Register, Profile, list[tuple[Risk, int, int]]]:
    register: Register = ctx.record(SPEC)
    profile: Profile = ctx.record(risicoprofiel.SPEC)
    return register, profile, placed(register, profile)


def anchor(risk: Risk) -> str:
    return f"risico-{risk.code.lower()}"


def macro_risicoregister(ctx: PageContext, niveau: int | None = None) -> str:
    """The register as sections per kind (Markdown, so every risk is in the contents)."""
    if niveau is None:  # one level below the heading above the call
        niveau = generated.level_below_context(ctx)
    if not 2 <= int(niveau) <= 5:
        raise MacroError(f"niveau {niveau} kan niet", code="macro-argumenten",
                         hint="kies een kopniveau van 2 tot en met 5")
    _, profile, rows = _both(ctx)
    out: list[str] = []
    level = int(niveau)
    for kind, title in KINDS.items():
        own = [x for x in rows if x[0].soort == kind]
        if not own:
            continue
        out.append(f"{'#' * level} {title}\n")
        for risk, kans, band in own:
            kans_fig = Figure(f"{kans} {profile.kans[kans][0]}", Unit.TEXT, (risk.kans_source,),
                              f"Kans {risk.code}")
            omvang_fig = Figure(f"{band} ({profile.omvang[band].label()})", Unit.TEXT,
                                (risk.omvang_source,), f"Netto verwachte omvang {risk.code}")
            out.append(generated.heading(ctx, level + 1, f"{risk.code} {risk.titel}",
                                         risk.source, anchor(risk)) + "\n")
            out.append(f'<p class="pc-risico-meta">Kans: {kans_fig.html()} · Netto verwachte '
                       f"omvang: {omvang_fig.html()}</p>\n")
            out.append(textfields.markdown_source(ctx, risk.omschrijving, risk.source) + "\n")
            out.append("*Beheersmaatregel:* " + textfields.markdown_source(
                ctx, risk.beheersmaatregel, risk.source) + "\n")
    return "\n".join(out)


def _cells(profile: Profile, rows: list[tuple[Risk, int, int]]) -> dict[tuple[int, int],
                                                                         list[Risk]]:
    grid: dict[tuple[int, int], list[Risk]] = {(k, b): [] for k in profile.kans
                                               for b in profile.omvang}
    for risk, kans, band in rows:
        grid[(kans, band)].append(risk)
    return grid


def macro_risicomatrix(ctx: PageContext) -> Markup:
    """Kans (rows) x netto verwachte omvang (columns); each risk in exactly one cell."""
    _, profile, rows = _both(ctx)
    grid = _cells(profile, rows)
    bands = sorted(profile.omvang.values(), key=lambda b: b.klasse)
    head = Markup("").join(Markup('<th scope="col">{}<br><span class="pc-klein">{}</span></th>'
                                  ).format(b.klasse, b.label()) for b in bands)
    body = []
    max_score = max(profile.kans) * max(profile.omvang)
    for kans in sorted(profile.kans):
        cells = []
        for band in bands:
            risks = grid[(kans, band.klasse)]
            links = Markup(" ").join(
                Markup('<a href="#{}" data-source="{}" title="{}">{}</a>').format(
                    anchor(r), r.source.ref(), r.titel, r.code) for r in risks)
            level = round(4 * kans * band.klasse / max_score)
            cells.append(Markup('<td class="pc-heat-{}">{}</td>').format(level, links))
        body.append(Markup('<tr><th scope="row">{} {}</th>{}</tr>').format(
            kans, profile.kans[kans][0], Markup("").join(cells)))
    csv_rows = [html.Row([], raw=[f"{k} {profile.kans[k][0]}",
                                  *(" ".join(r.code for r in grid[(k, b.klasse)])
                                    for b in bands)]) for k in sorted(profile.kans)]
    link = ctx.asset("risicomatrix.csv", html.csv_bytes(
        [html.Column("Kans"), *(html.Column(f"{b.klasse} {b.label()}") for b in bands)],
        csv_rows))
    caption = Markup("Risicomatrix: kans × netto verwachte omvang ({} risico's)").format(
        len(rows))
    return Markup(
        '<div class="pc-tabel pc-matrix"><p class="pc-tabeltitel" aria-hidden="true">{}</p>'
        '{}<table class="pc-t"><caption class="pc-sr">{}</caption><thead>'
        '<tr><th scope="col">Kans \\ omvang</th>{}</tr></thead><tbody>{}</tbody></table></div>'
        '<p class="pc-download"><a href="{}" download>De gegevens van deze tabel (CSV)</a></p>'
        "</div>").format(caption, html.scroll_open(caption), caption, head,
                         Markup("").join(body), link)


def macro_risico_grafiek(ctx: PageContext) -> Markup:
    """The matrix as a heat map with the codes in the cells."""
    register, profile, rows = _both(ctx)
    grid = _cells(profile, rows)
    kansen = sorted(profile.kans)
    bands = sorted(profile.omvang)
    labels = [f"{k} {profile.kans[k][0]}" for k in kansen]
    columns = [f"{b}: {profile.omvang[b].label()}" for b in bands]
    cells = [[" ".join(r.code for r in grid[(k, b)]) for b in bands] for k in kansen]
    scores = [[k * b for b in bands] for k in kansen]
    title = "Risico's naar kans en netto verwachte omvang"
    source = f"{register.file}, {profile.file}"
    key, svg = charts.cached(ctx.session.chart_cache, "heatmap",
                             [labels, columns, cells, title, source],
                             lambda: charts.heatmap(labels, columns, cells, scores, title,
                                                    source, "Kans", "Netto verwachte omvang"))
    name = ctx.asset(f"grafiek-risico-{key[:8]}.svg", svg)
    table_rows = [html.Row([html.text(labels[i]), *(html.text(c or "–") for c in cells[i])],
                           raw=[labels[i], *cells[i]]) for i in range(len(kansen))]
    data = ctx.table(title, [html.Column("Kans"), *(html.Column(c) for c in columns)],
                     table_rows, cls="pc-compact", name="grafiek-risico")
    worst = [r.code for r, k, b in rows if k * b == max(kk * bb for _, kk, bb in rows)]
    alt = (f"Warmtekaart met {len(rows)} risico's in een raster van kans ({len(kansen)} "
           f"klassen) tegen netto verwachte omvang ({len(bands)} klassen); het zwaarst weegt "
           f"{fmt.enumeration(worst)}. De codes per vak staan in de tabel onder de grafiek.")
    return ctx.chart(name, svg, alt, title + ".", source, data)


def validate(register: Register, checking: Checking) -> list[Finding]:
    """Every risk must fall in a class of the organisation's risicoprofiel (when there is
    one: without it only the macros that place risks need it, and say so)."""
    profile = checking.record(risicoprofiel.SPEC)
    if profile is None:
        return []
    try:
        placed(register, profile)
    except DataError as exc:
        return [exc.finding]
    return []


def facts(register: Register, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """Each risk as its cell in the matrix (moved, added or dropped) and its amount (its
    band from the risicoprofiel the page read, if it read one)."""
    profile = comparing.record(risicoprofiel.SPEC)
    found = []
    for risk in register.risks:
        code = risk.code.lower()
        band = risk.omvang
        if band is None and profile is not None and risk.bedrag is not None:
            band = next((b.klasse for b in profile.omvang.values() if b.holds(risk.bedrag)),
                        None)
        cell = f"kans {risk.kans} × omvang {band if band is not None else '?'}"
        found.append(Fact("risicos", code, "risico", f"Risico {risk.code} ({risk.titel})",
                          cell, cell))
        if risk.bedrag is not None:
            found.append(from_figure("risicos", f"{code}.bedrag", Figure(
                risk.bedrag, Unit.EURO, (risk.omvang_source,),
                f"Netto verwachte omvang {risk.code}", decimals=0), "cijfer", code))
    skip = {f"{r.code.lower()}.{part}" for r in register.risks
            for part in ("kans", "omvang", "bedrag")}
    return found, skip


SPEC = BlockSpec(
    kind="risicos",
    label="Risico's",
    summary="Risicoregister: code, titel, soort, omschrijving, beheersmaatregel, kans, omvang",
    extensions=("yaml",),
    load=load,
    figures=figures,
    validate=validate,
    facts=facts,
    wording=(
        Wording("risico", kind="risico-verplaatst", measured=False,
                changed="{label} staat in een andere cel van de risicomatrix: van {old} "
                        "naar {new}.",
                added="Nieuw risico: {label}, in de matrix op {text}.",
                dropped="Risico vervallen: {label} (stond op {text})."),
    ),
    chart="risico_grafiek",
    macros=(
        MacroSpec("risicoregister", macro_risicoregister,
                  "Het risicoregister als paragrafen per soort, elk risico met kans, omvang "
                  "en beheersmaatregel.",
                  "{{ risicoregister() }}"),
        MacroSpec("risicomatrix", macro_risicomatrix,
                  "Tabel: de risicomatrix kans × netto verwachte omvang, berekend uit het "
                  "register.",
                  "{{ risicomatrix() }}"),
        MacroSpec("risico_grafiek", macro_risico_grafiek,
                  "Grafiek: de risicomatrix als warmtekaart.",
                  "{{ risico_grafiek() }}"),
    ),
)
