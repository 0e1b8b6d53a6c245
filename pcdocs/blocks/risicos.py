"""Risico's: a register (code, title, kind, description, control measure, kans and
financial impact) and the kans x omvang matrix computed from it with the organisation's
classes (`risicoprofiel.py`); and the register as the risk simulation of the paragraaf
weerstandsvermogen needs it (`simulated`, used by `weerstandsvermogen.py`).

The register per year, `data/<org>/<year>/risicos.yaml`:

```yaml
risicos:
  - code: M1
    titel: Open einde regelingen
    soort: materieel             # materieel | immaterieel
    kans: 3                      # a class of the profile, or a percentage: kans: 30%
    omvang: 5                    # a band of the profile, or an amount: bedrag: 6000000,
                                 # or a range: bedrag: {minimum: 1000000,
                                 #   waarschijnlijk: 2500000, maximum: 6000000}
    structureel: ja              # optional: structureel (ja) or incidenteel (nee)
    samenhang: {met: M2, mate: 50%}   # optional: goes together with another risk
    omschrijving: |              # Markdown (paragraphs, lists, bold); no HTML
      ...
    beheersmaatregel: |
      ...
```

**The simulation's reading** (`simulated`): only materiële risico's count (an immaterieel
risk has no amount the weerstandscapaciteit covers). The kans is the percentage, or the
`kans` of its class in the profile. The impact is the amount (`Fixed`), the range
(`Uniform` between minimum and maximum, `Triangular` when the most likely amount is given),
or the band of its omvang class as a range: every amount in the band equally likely
(`Uniform` from `van`, or 0, up to `tot`, or the band's `bovengrens`): the band says no more
than that the amount lies in it. A risk with a percentage is placed in the matrix in the
lowest kans class whose `kans` is at least its percentage (as in the usual tables where class
2 is "11-30%", simulated at 30%), above every class in the highest; a range by its expected
amount (the middle of a uniform range, (minimum + most likely + maximum) / 3 of a
triangular one). `samenhang` links risks into groups (`simulation.Dependence`): linked risks
form one group, whose links must all give the same `mate`.
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
from pcdocs.model import fmt, simulation
from pcdocs.model.facts import Fact, from_figure
from pcdocs.model.figures import Figure, Kind, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader
from pcdocs.model.values import percent_value
from pcdocs.render import charts, html, textfields
from pcdocs.render.page import PageContext

KINDS = {"materieel": "Materiële risico's", "immaterieel": "Immateriële risico's"}


@dataclass(frozen=True)
class Link:
    """`samenhang: {met: M2, mate: 50%}`: this risk goes together with another."""

    code: str
    percent: Decimal  # the mate, 0..100
    source: Source


@dataclass(frozen=True)
class Risk:
    code: str
    titel: str
    soort: str
    kans: int | None  # a class of the profile, or None when a percentage is given
    kans_source: Source
    omvang: int | None  # band, or None when an amount or a range is given
    bedrag: Decimal | None
    omvang_source: Source
    omschrijving: str
    beheersmaatregel: str
    source: Source
    kans_procent: Decimal | None = None  # `kans: 30%`
    minimum: Decimal | None = None  # a range, `bedrag: {minimum, waarschijnlijk, maximum}`
    waarschijnlijk: Decimal | None = None
    maximum: Decimal | None = None
    structureel: bool | None = None  # None: not stated (simulated as incidenteel)
    samenhang: Link | None = None

    @property
    def ranged(self) -> bool:
        return self.minimum is not None


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
        ranged = isinstance(item.optional("bedrag"), dict)
        amount = None if ranged else item.opt_measure("bedrag", Unit.EURO, Kind.MAGNITUDE)
        if (band is None) == (amount is None and not ranged):
            raise item.error("omvang", "geef óf 'omvang' (een klasse) óf 'bedrag' (in euro)",
                             code="ontbrekende-sleutel")
        low, likely, high = _range(item) if ranged else (None, None, None)
        klasse, percent = _kans(item)
        risks.append(Risk(
            code=code, titel=item.text("titel"),
            soort=item.choice("soort", {k: k for k in KINDS}),
            kans=klasse, kans_source=item.source("kans"),
            omvang=band, bedrag=amount,
            omvang_source=item.source("omvang" if band is not None else "bedrag"),
            omschrijving=item.text("omschrijving"),
            beheersmaatregel=item.text("beheersmaatregel"),
            source=Source(rel, item.line, item.path),
            kans_procent=percent, minimum=low, waarschijnlijk=likely, maximum=high,
            structureel=_structural(item),
            samenhang=_link(item, code)))
        item.done()
    r.done()
    _links_known(risks)
    return Register(tuple(risks), rel)


def _structural(item: Reader) -> bool | None:
    """`structureel: ja` or `nee` (incidenteel); None when the register does not say."""
    if not item.has("structureel"):
        item.optional("structureel")
        return None
    return item.boolean("structureel")


def _kans(item: Reader) -> tuple[int | None, Decimal | None]:
    """`kans: 3` (a class of the profile) or `kans: 30%` (a percentage, with its sign)."""
    raw = item.raw("kans")
    if isinstance(raw, str) and raw.strip().endswith("%"):
        return None, percent_value(item, "kans", "Kans")
    if isinstance(raw, str | int) and not isinstance(raw, bool) and str(raw).strip().isdigit():
        return item.integer("kans", minimum=1), None
    if isinstance(raw, Decimal):
        raise item.error("kans", f"'{raw}' is geen kansklasse en geen percentage",
                         code="ongeldige-waarde",
                         hint="schrijf een klasse (een heel getal, bijv. 3) of een percentage "
                              f"met procentteken, bijv. '{fmt.number(raw * 100)}%'"
                         if raw < 1 else "schrijf een klasse (een heel getal) of een "
                                         "percentage met procentteken, bijv. '30%'")
    return item.integer("kans", minimum=1), None


def _range(item: Reader) -> tuple[Decimal, Decimal | None, Decimal]:
    """`bedrag: {minimum: .., waarschijnlijk: .., maximum: ..}` (waarschijnlijk optional),
    minimum <= waarschijnlijk <= maximum."""
    sub = item.map("bedrag")
    low = sub.measure("minimum", Unit.EURO, Kind.MAGNITUDE)
    likely = sub.opt_measure("waarschijnlijk", Unit.EURO, Kind.MAGNITUDE)
    high = sub.measure("maximum", Unit.EURO, Kind.MAGNITUDE)
    sub.done()
    if low > high:
        raise sub.error("minimum", f"het minimum ({fmt.euro(low, 0)}) is groter dan het "
                                   f"maximum ({fmt.euro(high, 0)})", code="bandbreedte",
                        hint="minimum ≤ waarschijnlijk ≤ maximum")
    if likely is not None and not low <= likely <= high:
        raise sub.error("waarschijnlijk", f"het meest waarschijnlijke bedrag "
                                          f"({fmt.euro(likely, 0)}) ligt niet tussen minimum "
                                          "en maximum", code="bandbreedte",
                        hint="minimum ≤ waarschijnlijk ≤ maximum")
    return low, likely, high


def _link(item: Reader, code: str) -> Link | None:
    sub = item.opt_map("samenhang")
    if sub is None:
        return None
    other = sub.code("met").upper()
    if other == code:
        raise sub.error("met", f"risico {code} kan niet met zichzelf samenhangen",
                        code="samenhang", hint="noem de code van een ander risico")
    link = Link(other, percent_value(sub, "mate", "Mate van samenhang"), sub.source("met"))
    sub.done()
    return link


def _links_known(risks: list[Risk]) -> None:
    codes = [r.code for r in risks]
    for risk in risks:
        link = risk.samenhang
        if link is not None and link.code not in codes:
            s = link.source
            raise DataError(f"{risk.code}: samenhang met risico {link.code}, dat niet in het "
                            "register staat", file=s.file, line=s.line, key=s.key,
                            code="samenhang", hint="bekend: " + ", ".join(codes[:12])
                            + (" …" if len(codes) > 12 else ""))


def kans_class(risk: Risk, profile: Profile) -> int:
    """The risk's kans class: its own, or for a percentage the lowest class whose `kans` is
    at least the percentage (above every class: the highest)."""
    s = risk.kans_source
    if risk.kans is not None:
        if risk.kans not in profile.kans:
            raise DataError(f"{risk.code}: kansklasse {risk.kans} bestaat niet", file=s.file,
                            line=s.line, key=s.key, code="onbekende-klasse",
                            hint=f"klassen in {profile.file}: " + ", ".join(
                                f"{k} {n}" for k, (n, _) in profile.kans.items()))
        return risk.kans
    assert risk.kans_procent is not None
    if not profile.chances:
        raise DataError(f"{risk.code}: kans {fmt.percent(risk.kans_procent)} past in geen "
                        f"kansklasse: {profile.file} geeft de klassen geen kans", file=s.file,
                        line=s.line, key=s.key, code="onbekende-klasse",
                        hint=f"zet bij elke kansklasse in {profile.file} een kans, bijv. "
                             "'{klasse: 1, naam: Klein, kans: 10%}'")
    ordered = sorted(profile.chances.items())
    return next((k for k, c in ordered if c.percent >= risk.kans_procent), ordered[-1][0])


def expected_amount(risk: Risk) -> Decimal | None:
    """The amount a risk costs on average when it happens (exact): its amount, the middle of
    a uniform range, the average of minimum, most likely and maximum of a triangular one;
    None for a band (its amount depends on the profile, `simulated`)."""
    if risk.bedrag is not None:
        return risk.bedrag
    if risk.minimum is not None and risk.maximum is not None:
        if risk.waarschijnlijk is None:
            return (risk.minimum + risk.maximum) / 2
        return (risk.minimum + risk.waarschijnlijk + risk.maximum) / 3
    return None


def placed(register: Register, profile: Profile) -> list[tuple[Risk, int, int]]:
    """Each risk with its kans class and omvang band, checked against the profile."""
    result = []
    for risk in register.risks:
        kans = kans_class(risk, profile)
        band = risk.omvang
        if band is None:
            amount = expected_amount(risk)
            assert amount is not None
            band = next((b.klasse for b in profile.omvang.values() if b.holds(amount)), None)
        if band is None or band not in profile.omvang:
            s = risk.omvang_source
            raise DataError(f"{risk.code}: omvang past in geen klasse van {profile.file}",
                            file=s.file, line=s.line, key=s.key, code="onbekende-klasse",
                            hint="klassen: " + ", ".join(
                                f"{k} ({b.label()})" for k, b in profile.omvang.items()))
        result.append((risk, kans, band))
    return result


# -- the register as the simulation reads it --------------------------------------------------


@dataclass(frozen=True)
class Simulated:
    """One risk as the simulation reads it: the register's risk, the simulation's input and
    how the kans and the amount were read (for tables and comparisons)."""

    risk: Risk
    input: simulation.Risk
    kans_text: str  # "30%" or "30% (klasse 2 Gemiddeld)"
    impact_text: str  # "€ 100.000 – € 400.000 (gelijk verdeeld)"
    sources: tuple[Source, ...]  # the risk's line, and the profile lines it was read with


@dataclass(frozen=True)
class Simulation:
    """The register for the simulation: the materiële risico's in register order, their
    groups, and the codes of the risks left out (immaterieel)."""

    risks: tuple[Simulated, ...]
    dependences: tuple[simulation.Dependence, ...]
    left_out: tuple[str, ...]


def _missing(source: Source, message: str, hint: str) -> DataError:
    return DataError(message, file=source.file, line=source.line, key=source.key,
                     code="ontbrekende-sleutel", hint=hint)


def _euro(amount: Decimal) -> str:
    return fmt.euro(amount, 0)


def _simulated(risk: Risk, profile: Profile | None) -> Simulated:
    sources = [risk.source]
    if risk.kans_procent is not None:
        kans, kans_text = risk.kans_procent, fmt.percent(risk.kans_procent)
    else:
        if profile is None:
            raise _missing(risk.kans_source, f"{risk.code}: kansklasse {risk.kans} zonder "
                           "risicoprofiel.yaml", "maak risicoprofiel.yaml met de kansklassen "
                           "en hun kans, of schrijf de kans als percentage, bijv. 'kans: 30%'")
        klasse = kans_class(risk, profile)
        chance = profile.chances.get(klasse)
        name, line = profile.kans[klasse]
        if chance is None:
            raise _missing(line, f"kansklasse {klasse} ({name}) heeft geen kans; de "
                                 f"risicosimulatie heeft die nodig voor risico {risk.code}",
                           f"zet bij de klasse in {profile.file} de kans in procenten, bijv. "
                           f"'{{klasse: {klasse}, naam: {name}, kans: 30%}}'")
        kans = chance.percent
        kans_text = f"{fmt.percent(chance.percent)} (klasse {klasse} {name})"
        sources.append(chance.source)
    impact: simulation.Impact
    if risk.bedrag is not None:
        impact, impact_text = simulation.Fixed(risk.bedrag), _euro(risk.bedrag)
    elif risk.minimum is not None and risk.maximum is not None:
        span = f"{_euro(risk.minimum)} – {_euro(risk.maximum)}"
        if risk.waarschijnlijk is None:
            impact, impact_text = simulation.Uniform(risk.minimum, risk.maximum), \
                f"{span} (gelijk verdeeld)"
        else:
            impact = simulation.Triangular(risk.minimum, risk.waarschijnlijk, risk.maximum)
            impact_text = f"{span} (meest waarschijnlijk {_euro(risk.waarschijnlijk)})"
    else:
        if profile is None:
            raise _missing(risk.omvang_source, f"{risk.code}: omvangklasse {risk.omvang} "
                           "zonder risicoprofiel.yaml", "maak risicoprofiel.yaml met de "
                           "omvangklassen, of geef een bedrag")
        band = profile.omvang.get(risk.omvang or 0)
        if band is None:
            placed(Register((risk,), risk.source.file), profile)  # raises with the classes
            raise AssertionError  # (unreachable: placed found no band)
        high = band.high if band.high is not None else band.cap
        if high is None:
            raise _missing(band.source, f"omvangklasse {band.klasse} ({band.label()}) heeft "
                                        "geen bovengrens; de risicosimulatie heeft die nodig "
                                        f"voor risico {risk.code}",
                           "zet bij de klasse 'bovengrens: <bedrag>': het hoogste bedrag dat "
                           "u bij deze klasse voor mogelijk houdt")
        low = band.low or Decimal(0)
        impact = simulation.Uniform(low, high)
        impact_text = f"{_euro(low)} – {_euro(high)} (omvangklasse {band.klasse}, gelijk " \
                      "verdeeld)"
        sources.append(band.source)
    sim = simulation.Risk(risk.code, kans / 100, impact, bool(risk.structureel), risk.source)
    return Simulated(risk, sim, kans_text, impact_text, tuple(sources))


def simulated(register: Register, profile: Profile | None) -> Simulation:
    """The register as the simulation reads it (see the module's text); a DataError at the
    line that lacks what the simulation needs (a class without kans, an open band without
    bovengrens, a samenhang with an immaterieel risk or with two different mates)."""
    own = [risk for risk in register.risks if risk.soort == "materieel"]
    risks = tuple(_simulated(risk, profile) for risk in own)
    codes = [r.code for r in own]
    root = {code: code for code in codes}  # union of the links: each group's first code

    def find(code: str) -> str:
        while root[code] != code:
            code = root[code]
        return code

    linked = [r for r in own if r.samenhang is not None]
    for risk in linked:
        link = risk.samenhang
        assert link is not None
        if link.code not in root:
            s = link.source
            raise DataError(f"{risk.code}: samenhang met {link.code}, dat geen materieel risico "
                            "is en niet in de simulatie telt", file=s.file, line=s.line,
                            key=s.key, code="samenhang",
                            hint="alleen materiële risico's hangen in de simulatie samen")
        a, b = find(risk.code), find(link.code)
        if a != b:
            root[max(a, b, key=codes.index)] = min(a, b, key=codes.index)
    dependences = []
    for head in dict.fromkeys(find(r.code) for r in linked):
        group = [c for c in codes if find(c) == head]
        links = [r.samenhang for r in linked if find(r.code) == head]
        first = links[0]
        assert first is not None
        for link in links[1:]:
            assert link is not None
            if link.percent != first.percent:
                s = link.source
                raise DataError(f"samenhang met mate {fmt.percent(link.percent)}, terwijl de "
                                f"groep {fmt.enumeration(group)} elders mate "
                                f"{fmt.percent(first.percent)} heeft", file=s.file,
                                line=s.line, key=s.key, code="samenhang",
                                hint="risico's die samenhangen vormen één groep met één mate: "
                                     "geef elke samenhang in de groep dezelfde mate")
        dependences.append(simulation.Dependence(tuple(group), first.percent / 100,
                                                 first.source))
    left = tuple(r.code for r in register.risks if r.soort != "materieel")
    return Simulation(risks, tuple(dependences), left)


def figures(register: Register) -> dict[str, Figure]:
    result = {"aantal": Figure(len(register.risks), Unit.COUNT,
                               tuple(r.source for r in register.risks), "Aantal risico's",
                               computed="geteld in het register")}
    for risk in register.risks:
        result.update(_risk_figures(risk))
    return result


_PARTS = ("kans", "omvang", "bedrag", "minimum", "waarschijnlijk", "maximum")


def _risk_figures(risk: Risk) -> dict[str, Figure]:
    """`<code>.kans` (a class, or a percentage), and `<code>.omvang` (a class), `.bedrag`
    (an amount) or `.minimum`, `.waarschijnlijk`, `.maximum` (a range)."""
    code, found = risk.code.lower(), {}
    if risk.kans is not None:
        found[f"{code}.kans"] = Figure(risk.kans, Unit.COUNT, (risk.kans_source,),
                                       f"Kansklasse {risk.code}")
    else:
        found[f"{code}.kans"] = Figure(risk.kans_procent, Unit.PERCENT, (risk.kans_source,),
                                       f"Kans {risk.code}")
    if risk.omvang is not None:
        found[f"{code}.omvang"] = Figure(risk.omvang, Unit.COUNT, (risk.omvang_source,),
                                         f"Omvangklasse {risk.code}")
    elif risk.bedrag is not None:
        found[f"{code}.bedrag"] = Figure(risk.bedrag, Unit.EURO, (risk.omvang_source,),
                                         f"Netto verwachte omvang {risk.code}", decimals=0)
    else:
        for part, value in (("minimum", risk.minimum), ("waarschijnlijk", risk.waarschijnlijk),
                            ("maximum", risk.maximum)):
            if value is not None:
                found[f"{code}.{part}"] = Figure(
                    value, Unit.EURO, (risk.omvang_source,),
                    f"{'Meest waarschijnlijk' if part == 'waarschijnlijk' else part.capitalize()}"
                    f" bedrag {risk.code}", decimals=0)
    return found


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
            kans_text = f"{kans} {profile.kans[kans][0]}"
            if risk.kans_procent is not None:
                kans_text = f"{fmt.percent(risk.kans_procent)} (klasse {kans_text})"
            kans_fig = Figure(kans_text, Unit.TEXT, (risk.kans_source,), f"Kans {risk.code}")
            omvang_fig = Figure(f"{band} ({profile.omvang[band].label()})", Unit.TEXT,
                                (risk.omvang_source,), f"Netto verwachte omvang {risk.code}")
            out.append(generated.heading(ctx, level + 1, f"{risk.code} {risk.titel}",
                                         risk.source, anchor(risk)) + "\n")
            out.append(f'<p class="pc-risico-meta">Kans: {kans_fig.html()} · Netto verwachte '
                       f"omvang: {omvang_fig.html()}{_extra_meta(risk)}</p>\n")
            out.append(textfields.markdown_source(ctx, risk.omschrijving, risk.source) + "\n")
            out.append("*Beheersmaatregel:* " + textfields.markdown_source(
                ctx, risk.beheersmaatregel, risk.source) + "\n")
    return "\n".join(out)


def _extra_meta(risk: Risk) -> str:
    """What the register adds for the simulation, when it says it: the range of the amount,
    structureel or incidenteel."""
    parts: list[str] = []
    if risk.minimum is not None and risk.maximum is not None:
        text = f"{_euro(risk.minimum)} – {_euro(risk.maximum)}"
        if risk.waarschijnlijk is not None:
            text += f", meest waarschijnlijk {_euro(risk.waarschijnlijk)}"
        parts.append("Bandbreedte: " + str(Figure(text, Unit.TEXT, (risk.omvang_source,),
                                                  f"Bandbreedte {risk.code}").html()))
    if risk.structureel is not None:
        parts.append("structureel" if risk.structureel else "incidenteel")
    return "".join(f" · {p}" for p in parts)


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
        amount = expected_amount(risk)
        if band is None and profile is not None and amount is not None:
            band = next((b.klasse for b in profile.omvang.values() if b.holds(amount)), None)
        kans: object = risk.kans
        if kans is None:
            try:
                kans = kans_class(risk, profile) if profile is not None else None
            except DataError:
                kans = None
        cell = f"kans {kans if kans is not None else '?'} × omvang " \
               f"{band if band is not None else '?'}"
        found.append(Fact("risicos", code, "risico", f"Risico {risk.code} ({risk.titel})",
                          cell, cell))
        for key, fig in _risk_figures(risk).items():
            part = key.rsplit(".", 1)[1]
            if part not in ("kans", "omvang") or (part == "kans" and risk.kans is None):
                found.append(from_figure("risicos", key, fig, "cijfer", code))
    skip = {f"{r.code.lower()}.{part}" for r in register.risks for part in _PARTS}
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
