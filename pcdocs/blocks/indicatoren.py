"""Indicatoren: performance indicators with a norm per year (and its comparator), and
realisations per year, per gemeente or breakdown; the status is computed, never typed.

`data/<org>/<year>/indicatoren.yaml`:

```yaml
groepen:
  tempo-levensonderhoud:
    titel: Tempo van dienstverlening levensonderhoud Participatiewet
indicatoren:
  - code: lo-8wk
    groep: tempo-levensonderhoud
    omschrijving: Aanvragen levensonderhoud beschikt binnen {termijn} (wettelijke termijn)
    eenheid: procent            # procent, aantal, euro, cijfer of ja/nee
    soort: stand                # or verandering (may be negative); default: verandering
                                # when the omschrijving says 'ontwikkeling', 'groei', ...
    vergelijking: minimaal      # minimaal, maximaal, meer-dan, minder-dan of gelijk
    termijn: {waarde: 8, eenheid: weken, wettelijk: ja}
    normen:
      2023: 100
      2024: 100                 # or: nog te bepalen
    realisaties:
      - jaar: 2023
        waarde: 96
        toelichting: In {verschil} van de gevallen is na de wettelijke termijn beschikt.
```
In `omschrijving` and `toelichting`, `{termijn}`, `{norm}`, `{realisatie}` and `{verschil}`
are filled in from the data.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup, escape

from pcdocs.blocks import organisatie
from pcdocs.blocks.spec import (
    BlockSpec,
    Carried,
    Carry,
    Checking,
    Comparing,
    MacroSpec,
    Slot,
    Wording,
)
from pcdocs.errors import DataError, Finding, MacroError
from pcdocs.model import fmt
from pcdocs.model.facts import Fact
from pcdocs.model.figures import KINDS, Figure, Kind, Source, Unit, converted, kind_of
from pcdocs.model.frontmatter import Period
from pcdocs.model.load import YList, load_yaml, parse_yaml, read_text
from pcdocs.model.organisation import Organisation, slugify
from pcdocs.model.schema import Reader, suggest
from pcdocs.model.values import check_fractions, read_figure, value_figure
from pcdocs.render import charts, html
from pcdocs.render.page import PageContext


class Comparator(Enum):
    MIN = ("minimaal", "ten minste")
    MAX = ("maximaal", "ten hoogste")
    ABOVE = ("meer-dan", "meer dan")
    BELOW = ("minder-dan", "minder dan")
    EQUAL = ("gelijk", "gelijk aan")

    def holds(self, value: Decimal, norm: Decimal) -> bool:
        return {
            Comparator.MIN: value >= norm,
            Comparator.MAX: value <= norm,
            Comparator.ABOVE: value > norm,
            Comparator.BELOW: value < norm,
            Comparator.EQUAL: value == norm,
        }[self]


COMPARATORS = {c.value[0]: c for c in Comparator}
PLACEHOLDERS = {"termijn", "norm", "realisatie", "verschil"}
TBD = "nog te bepalen"


class Status(Enum):
    MET = ("behaald", "behaald")
    NOT_MET = ("niet behaald", "niet-behaald")
    NO_NORM = ("geen norm", "neutraal")
    TBD = ("norm nog te bepalen", "onbekend")
    NO_VALUE = ("nog geen realisatie", "onbekend")

    @property
    def text(self) -> str:
        return self.value[0]

    def badge(self) -> Markup:
        return html.badge(self.text, self.value[1])


@dataclass(frozen=True)
class Norm:
    value: Figure | None  # None: nog te bepalen
    comparator: Comparator


@dataclass(frozen=True)
class Realisation:
    year: int
    value: Figure | None  # None: slot still to fill
    gemeente: str | None
    breakdown: str | None
    explanation: str | None
    statement: str | None
    source: Source
    gemeente_line: int | None = None  # the line of `gemeente:`, for an unknown gemeente

    @property
    def slug(self) -> str:
        parts = [p for p in (self.gemeente, self.breakdown) if p]
        return ".".join(slugify(p) for p in parts)


@dataclass(frozen=True)
class Indicator:
    code: str
    group: str
    description: str
    unit: Unit
    comparator: Comparator
    term: Figure | None
    statutory: bool
    gemeente: str | None
    norms: dict[int, Norm]
    realisations: tuple[Realisation, ...]
    source: Source
    footnote: str | None = None
    gemeente_line: int | None = None

    def norm(self, year: int) -> Norm | None:
        return self.norms.get(year)


@dataclass(frozen=True)
class Indicatoren:
    groups: dict[str, str]
    indicators: tuple[Indicator, ...]
    file: str

    def get(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        guess = suggest(code, [i.code for i in self.indicators])
        raise MacroError(f"indicator '{code}' bestaat niet in {self.file}", code="onbekende-code",
                         key=code, hint=f"bedoelde u '{guess}'?" if guess else None)


# -- loading -----------------------------------------------------------------------------

def load(path: Path, rel: str) -> Indicatoren:
    r = Reader(load_yaml(path, rel), rel)
    groups = {}
    for key, value in r.map("groepen").entries():
        if not isinstance(value, Reader):
            raise r.error("groepen", f"groep '{key}' heeft een 'titel' nodig",
                          code="verkeerd-type")
        groups[str(key)] = value.text("titel")
        value.done()
    indicators: list[Indicator] = []
    for item in r.items("indicatoren"):
        ind = _indicator(item, groups)
        if any(i.code == ind.code for i in indicators):
            raise item.error("code", f"code '{ind.code}' staat dubbel",
                             hint="geef elke indicator een eigen code", code="dubbele-code")
        indicators.append(ind)
    r.done()
    return Indicatoren(groups, tuple(indicators), rel)


def _indicator(r: Reader, groups: dict[str, str]) -> Indicator:
    code = r.code("code")
    group = r.text("groep")
    if group not in groups:
        guess = suggest(group, list(groups))
        raise r.error("groep", f"groep '{group}' staat niet onder 'groepen'",
                      hint=f"bedoelde u '{guess}'?" if guess else "voeg de groep toe",
                      code="onbekende-code")
    unit = r.choice("eenheid", {"procent": Unit.PERCENT, "aantal": Unit.COUNT,
                                "euro": Unit.EURO, "cijfer": Unit.GRADE, "ja/nee": Unit.BOOL})
    comparator = Comparator.EQUAL if unit is Unit.BOOL else r.choice("vergelijking", COMPARATORS)
    if unit is Unit.BOOL:
        r.optional("vergelijking")
    term, statutory = None, False
    t = r.opt_map("termijn")
    if t is not None:
        term = read_figure(t, "waarde", t.unit("eenheid", Unit.WEEKS), f"Termijn {code}")
        statutory = t.boolean("wettelijk", default=False)
        t.done()
    description = r.text("omschrijving")
    _check_placeholders(r, "omschrijving", description, {"termijn"} if term else set())
    # a state (0-100% for a percentage) unless the data or the description says it is a
    # change ('ontwikkeling uitkeringsbestand': norm maximaal -2,4%); see figures.EXCEPTIONS
    kind = r.opt_choice("soort", KINDS) or kind_of(description)
    norms = {}
    n = r.map("normen")
    for year in n.key_list():
        norms[_year(n, year)] = _norm(n, year, unit, comparator, code, kind)
    realisations = tuple(_realisation(x, unit, kind)
                         for x in r.items("realisaties", required=False))
    seen: set[tuple[int, str]] = set()
    for real in realisations:
        if (real.year, real.slug) in seen:
            raise DataError(f"realisatie {code} {real.year} {real.slug} staat dubbel",
                            file=real.source.file, line=real.source.line, code="dubbele-code",
                            hint="onderscheid ze met 'gemeente' of 'uitsplitsing'")
        seen.add((real.year, real.slug))
    if kind is Kind.LEVEL:
        check_fractions([*(n.value for n in norms.values() if n.value is not None),
                         *(x.value for x in realisations if x.value is not None)],
                        f"indicator {code}")
    ind = Indicator(code, group, description, unit, comparator, term, statutory,
                    r.opt_text("gemeente"), norms, realisations, r.source("code"),
                    r.opt_text("voetnoot"), r.line_of("gemeente"))
    r.done()
    return ind


def _year(r: Reader, key: Any) -> int:
    if isinstance(key, int) and 1990 <= key <= 2100:
        return key
    raise r.error(key, f"'{key}' is geen jaartal", hint="schrijf het jaar als sleutel, bijv. 2024",
                  code="geen-jaar")


def _norm(r: Reader, year: Any, unit: Unit, default: Comparator, code: str,
          kind: Kind) -> Norm:
    raw = r.raw(year)
    comparator = default
    sub = r
    key: Any = year
    if isinstance(raw, dict):
        sub = r.map(year)
        key = "waarde"
        comparator = sub.opt_choice("vergelijking", COMPARATORS) or default
        raw = sub.raw("waarde")
    if isinstance(raw, str) and raw.strip().lower() == TBD:
        if sub is not r:
            sub.done()
        return Norm(None, comparator)
    fig = value_figure(sub, key, unit, f"Norm {code} {year}", kind)
    if sub is not r:
        sub.done()
    return Norm(fig, comparator)


def _realisation(r: Reader, unit: Unit, kind: Kind) -> Realisation:
    year = r.year("jaar")
    value = None
    if r.has("waarde"):
        value = value_figure(r, "waarde", unit, f"Realisatie {year}", kind)
    else:
        r.optional("waarde")
    explanation = r.opt_text("toelichting")
    if explanation:
        _check_placeholders(r, "toelichting", explanation, PLACEHOLDERS)
    real = Realisation(year, value, r.opt_text("gemeente"), r.opt_text("uitsplitsing"),
                       explanation, r.opt_text("tekst"), Source(r.file, r.line, r.path),
                       r.line_of("gemeente"))
    r.done()
    return real


def _check_placeholders(r: Reader, key: str, text: str, allowed: set[str]) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError as exc:
        raise r.error(key, f"de tekst heeft een ongeldige {{...}}-plaats ({exc})",
                      hint="schrijf {norm}, {realisatie}, {verschil} of {termijn}") from None
    for name in sorted(names - allowed):
        raise r.error(key, f"onbekende invulplaats {{{name}}}",
                      hint="mogelijk: " + ", ".join(f"{{{a}}}" for a in sorted(allowed)),
                      code="onbekende-invulplaats")


# -- computations ------------------------------------------------------------------------

def status(ind: Indicator, real: Realisation) -> Status:
    norm = ind.norm(real.year)
    if norm is None:
        return Status.NO_NORM
    if norm.value is None:
        return Status.TBD
    if real.value is None:
        return Status.NO_VALUE
    if ind.unit is Unit.BOOL:
        return Status.MET if real.value.value == norm.value.value else Status.NOT_MET
    value, target = real.value.numeric(), norm.value.numeric()
    assert value is not None and target is not None
    return Status.MET if norm.comparator.holds(value, target) else Status.NOT_MET


def difference(ind: Indicator, real: Realisation) -> Figure | None:
    norm = ind.norm(real.year)
    if norm is None or norm.value is None or real.value is None or ind.unit is Unit.BOOL:
        return None
    value, target = real.value.numeric(), norm.value.numeric()
    assert value is not None and target is not None
    return Figure(abs(target - value), ind.unit, (*norm.value.sources, *real.value.sources),
                  f"Verschil tussen norm en realisatie {real.year}",
                  computed=f"|{fmt.number(target)} − {fmt.number(value)}|",
                  decimals=max(fmt.decimals_of(target), fmt.decimals_of(value)))


def for_edition(gemeente: str | None, edition: str | None) -> bool:
    """Content about one gemeente shows in the full document and in that gemeente's
    edition; content about no gemeente in particular shows everywhere."""
    return edition is None or gemeente is None or gemeente == edition


def rows_for(record: Indicatoren, year: int, edition: str | None = None
             ) -> Iterator[tuple[Indicator, Realisation]]:
    for ind in record.indicators:
        if not for_edition(ind.gemeente, edition):
            continue
        for real in ind.realisations:
            if real.year == year and for_edition(real.gemeente, edition):
                yield ind, real


def empty_slots(record: Indicatoren, year: int) -> list[Finding]:
    """A warning for each realisation without a value for a year before `year` (the
    document's): a slot, e.g. one `pcdocs new` made, that is still to be filled in."""
    return [Finding("warning", "realisatie-leeg", real.source.file, real.source.line,
                    f"realisatie {real.year} van indicator {ind.code}"
                    + "".join(f" ({x})" for x in (real.breakdown, real.gemeente) if x)
                    + " is nog niet ingevuld",
                    hint="vul de waarde in zodra de realisatie bekend is")
            for ind in record.indicators for real in ind.realisations
            if real.value is None and real.year < year]


def counts(record: Indicatoren, year: int, edition: str | None = None) -> dict[Status, int]:
    result = dict.fromkeys(Status, 0)
    for ind, real in rows_for(record, year, edition):
        result[status(ind, real)] += 1
    return result


def figures(record: Indicatoren) -> dict[str, Figure]:
    result: dict[str, Figure] = {}
    for ind in record.indicators:
        if ind.term is not None:
            result[f"{ind.code}.termijn"] = ind.term
        for year, norm in ind.norms.items():
            if norm.value is not None:
                result[f"{ind.code}.norm.{year}"] = norm.value
        for real in ind.realisations:
            key = f"{ind.code}.realisatie.{real.year}" + (f".{real.slug}" if real.slug else "")
            if real.value is not None:
                result[key] = real.value
            result[key.replace(".realisatie.", ".status.", 1)] = Figure(
                status(ind, real).text, Unit.TEXT, (real.source,), f"Status {ind.code}",
                computed="realisatie vergeleken met de norm")
    years = sorted({real.year for ind in record.indicators for real in ind.realisations})
    for year in years:
        result.update(totals(record, year))
    return result


def totals(record: Indicatoren, year: int, edition: str | None = None) -> dict[str, Figure]:
    """Realisations met, missed and counted in a year (for one gemeente's edition)."""
    c = counts(record, year, edition)
    srcs = tuple(real.source for _, real in rows_for(record, year, edition))
    return {f"totaal.{year}.{name}": Figure(
        value, Unit.COUNT, srcs, f"Aantal realisaties {year}: {name.replace('_', ' ')}",
        computed="geteld uit de realisaties en hun status")
        for name, value in (("behaald", c[Status.MET]), ("niet_behaald", c[Status.NOT_MET]),
                            ("totaal", sum(c.values())))}


# -- rendering ---------------------------------------------------------------------------

def gemeente_problems(record: Indicatoren, org: Organisation) -> list[DataError]:
    """Every gemeente the indicators name that is not one of the organisation's."""
    known = [g.slug for g in org.gemeenten]
    problems = []
    for ind in record.indicators:
        named = [(ind.gemeente, ind.gemeente_line)] + [(r.gemeente, r.gemeente_line)
                                                        for r in ind.realisations]
        for slug, line in named:
            if slug is not None and slug not in known:
                guess = suggest(slug, known)
                problems.append(DataError(
                    f"{ind.code}: gemeente '{slug}' hoort niet bij {org.korte_naam}",
                    file=record.file, line=line, key="gemeente", code="onbekende-gemeente",
                    hint=f"bedoelde u '{guess}'?" if guess else "gemeenten: " + ", ".join(known)))
    return problems


def validate(record: Indicatoren, checking: Checking) -> list[Finding]:
    """Gemeenten of the organisation only; and for each document that reads the file, the
    realisations of the years it looks back on that are still empty."""
    findings = [p.finding for p in gemeente_problems(record, checking.organisation)]
    for document in checking.documents:
        findings += empty_slots(record, document.meta.period.start)
    return findings


def _checked(ctx: PageContext) -> Indicatoren:
    """The indicators, with every gemeente they name checked against the organisation."""
    record: Indicatoren = ctx.record(SPEC)
    for problem in gemeente_problems(record, ctx.record(organisatie.SPEC))[:1]:
        raise problem
    return record


def _known_gemeente(ctx: PageContext, slug: str) -> None:
    """A gemeente named in a macro call must be one of the organisation's."""
    org = ctx.record(organisatie.SPEC)
    known = [g.slug for g in org.gemeenten]
    if slug not in known:
        guess = suggest(slug, known)
        raise MacroError(f"gemeente '{slug}' hoort niet bij {org.korte_naam}",
                         code="onbekende-gemeente", key=slug,
                         hint=f"bedoelde u '{guess}'?" if guess else
                         "gemeenten: " + ", ".join(known))


def _doc_year(ctx: PageContext, jaar: int | None) -> int:
    year = jaar if jaar is not None else ctx.year
    if year is None:
        raise MacroError("geen jaar bekend", code="geen-jaar",
                         hint="geef het jaar mee, bijv. norm('code', 2024)")
    return int(year)


def _gemeente_name(ctx: PageContext, slug: str | None) -> str | None:
    if slug is None:
        return None
    org = ctx.document.organisation if ctx.document else None
    found = org.gemeente(slug) if org else None
    return found.naam if found else slug


def describe(ctx: PageContext, ind: Indicator) -> Markup:
    text = escape(ind.description)
    if ind.term is not None:
        text = Markup(str(text).replace("{termijn}", str(ind.term.html())))
    name = _gemeente_name(ctx, ind.gemeente)
    return Markup("{} ({})").format(text, name) if name else text


def norm_text(norm: Norm | None, *, with_comparator: bool = True) -> Markup:
    if norm is None:
        return Markup("–")
    if norm.value is None:
        return Markup(TBD)
    if norm.value.unit is Unit.BOOL or not with_comparator:
        return norm.value.html()
    return Markup("{} {}").format(norm.comparator.value[1], norm.value.html())


def _note(ctx: PageContext, ind: Indicator, real: Realisation, *, link: bool) -> Markup | str:
    """The footnote that explains a missed norm (or says that no explanation was given)."""
    if status(ind, real) is not Status.NOT_MET:
        return ""
    label = f"pc-{ind.code}-{real.year}" + (f"-{slugify(real.slug)}" if real.slug else "")
    if real.explanation:
        values = {
            "realisatie": real.value.html() if real.value else "",
            "norm": norm_text(ind.norm(real.year), with_comparator=False),
            "verschil": (d.html() if (d := difference(ind, real)) else ""),
            "termijn": ind.term.html() if ind.term else "",
        }
        text = str(escape(real.explanation)).format(**{k: str(v) for k, v in values.items()})
        # a footnote's further lines and paragraphs belong to it only when indented
        text = "\n".join(("    " + line if line.strip() else "") if i else line
                         for i, line in enumerate(text.strip().splitlines()))
    else:
        text = ("De norm is niet gehaald; de gegevens bevatten hier geen toelichting "
                f"(zie {real.source.ref()}).")
        ctx.warn(Finding("warning", "toelichting-ontbreekt", real.source.file, real.source.line,
                         f"realisatie {ind.code} {real.year} haalt de norm niet en heeft geen "
                         "toelichting", hint="voeg 'toelichting:' toe aan de realisatie"))
    if link:
        return ctx.note_link(label, text)
    return ctx.note(label, text)


def find_realisation(ind: Indicator, year: int, breakdown: str | None,
                     gemeente: str | None) -> Realisation:
    matches = [r for r in ind.realisations if r.year == year
               and (breakdown is None or (r.breakdown or "").lower() == breakdown.lower())
               and (gemeente is None or r.gemeente == gemeente)]
    if len(matches) == 1:
        return matches[0]
    options = [r.breakdown or r.gemeente or "totaal" for r in ind.realisations if r.year == year]
    if not matches:
        raise MacroError(f"geen realisatie {year} voor indicator '{ind.code}'"
                         + (f" ({breakdown or gemeente})" if breakdown or gemeente else ""),
                         code="geen-realisatie", key=ind.code,
                         hint="beschikbaar: " + ", ".join(options) if options else
                         f"voeg een realisatie voor {year} toe")
    raise MacroError(f"indicator '{ind.code}' heeft meerdere realisaties in {year}",
                     code="meerdere-realisaties", key=ind.code,
                     hint="kies er één met uitsplitsing= of gemeente=: " + ", ".join(options))


def macro_norm(ctx: PageContext, code: str, jaar: int | None = None, vorm: str | None = None,
               vergelijking: bool = False) -> Markup:
    record = _checked(ctx)
    ind = record.get(code)
    year = _doc_year(ctx, jaar)
    norm = ind.norm(year)
    if norm is None:
        raise MacroError(f"indicator '{code}' heeft geen norm voor {year}", code="geen-norm",
                         hint="voeg de norm toe onder 'normen'")
    if norm.value is None:
        return Markup(TBD)
    if vergelijking:
        return norm_text(norm)
    return norm.value.html(vorm)


def macro_termijn(ctx: PageContext, code: str, eenheid: str | None = None,
                  vorm: str | None = None) -> Markup:
    record = _checked(ctx)
    ind = record.get(code)
    if ind.term is None:
        raise MacroError(f"indicator '{code}' heeft geen termijn", code="geen-termijn",
                         hint="voeg 'termijn: {waarde: ..., eenheid: weken}' toe")
    term = ind.term
    if eenheid is not None:
        units = {"dagen": Unit.DAYS, "weken": Unit.WEEKS}
        if eenheid not in units:
            raise MacroError(f"eenheid '{eenheid}' kan niet", code="onbekende-eenheid",
                             hint="kies dagen of weken")
        term = converted(term, units[eenheid])
    return term.html(vorm)


def macro_realisatie(ctx: PageContext, code: str, jaar: int, uitsplitsing: str | None = None,
                     gemeente: str | None = None, vorm: str | None = None) -> Markup:
    record = _checked(ctx)
    ind = record.get(code)
    if gemeente is not None:
        _known_gemeente(ctx, gemeente)
    real = find_realisation(ind, int(jaar), uitsplitsing, gemeente)
    if ind.unit is Unit.BOOL and real.statement:
        shown = Figure(real.statement, Unit.TEXT, (real.source,), f"Realisatie {ind.code}")
        return shown.html()
    if real.value is None:
        return Markup('<span class="pc-leeg" data-source="{}">nog niet ingevuld</span>').format(
            real.source.ref())
    return Markup("{}{}").format(real.value.html(vorm), _note(ctx, ind, real, link=False))


def _row_label(ctx: PageContext, ind: Indicator, real: Realisation) -> Markup:
    extra = [x for x in (real.breakdown, _gemeente_name(ctx, real.gemeente)) if x]
    label = describe(ctx, ind)
    return Markup("{}: {}").format(label, ", ".join(extra)) if extra else label


def macro_verantwoording_tabel(ctx: PageContext, jaar: int) -> Markup:
    """Realisation against norm per indicator, grouped, with the computed status."""
    record = _checked(ctx)
    year = int(jaar)
    columns = [html.Column("Indicator"), html.Column(f"Norm {year}"),
               html.Column(f"Realisatie {year}", numeric=True), html.Column("Status")]
    rows: list[html.Row] = []
    for group, title in record.groups.items():
        members = [(i, r) for i, r in rows_for(record, year, ctx.edition) if i.group == group]
        if not members:
            continue
        rows.append(html.Row([html.text(title)], kind="group"))
        for ind, real in members:
            shown = real.value.html() if real.value else Markup("–")
            st = status(ind, real)
            note = _note(ctx, ind, real, link=True)
            norm = ind.norm(year)
            rows.append(html.Row(
                [_row_label(ctx, ind, real), norm_text(norm), shown,
                 Markup("{} {}").format(st.badge(), note)],
                raw=[_row_label(ctx, ind, real), norm_text(norm),
                     real.value.value if real.value else None, st.text]))
    if not rows:
        raise MacroError(f"geen realisaties voor {year} in {record.file}", code="geen-realisatie")
    return ctx.table(f"Norm en realisatie {year}", columns, rows, cls="pc-verantwoording",
                     name=f"verantwoording-{year}")


def macro_indicatoren_tabel(ctx: PageContext, jaar: int | None = None,
                            groep: str | None = None) -> Markup:
    """The norms for a year: the normenkader."""
    record = _checked(ctx)
    year = _doc_year(ctx, jaar)
    if groep is not None and groep not in record.groups:
        raise MacroError(f"groep '{groep}' bestaat niet", code="onbekende-code",
                         hint="beschikbaar: " + ", ".join(record.groups))
    columns = [html.Column("Indicator"), html.Column(f"Norm {year}")]
    rows: list[html.Row] = []
    marks: dict[str, str] = {}
    for group, title in record.groups.items():
        if groep is not None and group != groep:
            continue
        members = [i for i in record.indicators if i.group == group and year in i.norms
                   and for_edition(i.gemeente, ctx.edition)]
        if not members:
            continue
        if groep is None:
            rows.append(html.Row([html.text(title)], kind="group"))
        for i in members:
            label = describe(ctx, i)
            if i.footnote:
                mark = marks.setdefault(i.footnote, "*" * (len(marks) + 1))
                label = Markup('{}<sup class="pc-noot">{}</sup>').format(label, mark)
            norm = i.norm(year)
            rows.append(html.Row([label, norm_text(norm)], raw=[
                label, TBD if norm and norm.value is None else
                (norm.value.value if norm and norm.value else None)]))
    if not rows:
        raise MacroError(f"geen normen voor {year}" + (f" in groep '{groep}'" if groep else ""),
                         code="geen-norm")
    notes = [Markup("{} {}").format(mark, text) for text, mark in marks.items()]
    caption = f"Normen {year}" + (f": {record.groups[groep]}" if groep else "")
    return ctx.table(caption, columns, rows, cls="pc-normen", notes=notes,
                     name=f"normen-{year}" + (f"-{groep}" if groep else ""))


def macro_indicatoren_samenvatting(ctx: PageContext, jaar: int) -> Markup:
    """'Van de 12 realisaties over 2023 halen er 9 de norm en 3 niet.'"""
    record = _checked(ctx)
    year = int(jaar)
    figs = totals(record, year, ctx.edition)
    total, met, missed = (figs[f"totaal.{year}.{k}"] for k in ("totaal", "behaald",
                                                                "niet_behaald"))
    if not total.value:
        raise MacroError(f"geen realisaties voor {year} in {record.file}", code="geen-realisatie")
    text = Markup("Van de {} afgesproken indicatoren met een realisatie over {} {} er {} "
                  "behaald").format(total.html(), year,
                                    "is" if met.value == 1 else "zijn", met.html())
    if missed.value:
        text += Markup(" en {} niet").format(missed.html())
    return text + Markup(".")


def macro_realisatie_grafiek(ctx: PageContext, jaar: int) -> Markup:
    """Bars of the realised percentages against their norms."""
    record = _checked(ctx)
    year = int(jaar)
    bars, table_rows = [], []
    for ind, real in rows_for(record, year, ctx.edition):
        norm = ind.norm(year)
        if ind.unit is not Unit.PERCENT or real.value is None:
            continue
        label = ind.description.replace("{termijn}", ind.term.text() if ind.term else "")
        label += "".join(f" – {x}" for x in (real.breakdown, _gemeente_name(ctx, real.gemeente))
                         if x)
        st = status(ind, real)
        value = real.value.numeric()
        assert value is not None
        bars.append(charts.Bar(label.replace(fmt.NBSP, " "), value,
                               norm.value.numeric() if norm and norm.value else None,
                               None if st not in (Status.MET, Status.NOT_MET)
                               else st is Status.MET))
        table_rows.append(html.Row([html.text(label), norm_text(norm), real.value.html(),
                                    st.badge()], raw=[label, norm_text(norm), value, st.text]))
    if not bars and any(i.unit is Unit.PERCENT for i, _ in rows_for(record, year, ctx.edition)):
        return Markup('<p class="pc-leeg">De grafiek van de realisaties {} verschijnt zodra '
                      'ze zijn ingevuld.</p>').format(year)  # only empty slots so far
    if not bars:
        raise MacroError(f"geen percentages om te tonen voor {year}", code="geen-realisatie")
    title = f"Realisatie {year} tegen de norm"
    key, svg = charts.cached(ctx.session.chart_cache, "bars_against_norm",
                             [charts.payload(bars), title, record.file],
                             lambda: charts.bars_against_norm(bars, title, record.file))
    name = ctx.asset(f"grafiek-realisatie-{year}-{key[:8]}.svg", svg)
    missed = sum(1 for b in bars if b.met is False)
    alt = (f"Staafdiagram: realisatie {year} van {len(bars)} indicatoren in procenten, met de "
           f"norm als streep; {len(bars) - missed} behaald, {missed} niet behaald. De cijfers "
           "staan in de tabel onder de grafiek.")
    data_table = ctx.table(title, [html.Column("Indicator"), html.Column("Norm"),
                                   html.Column("Realisatie", numeric=True),
                                   html.Column("Status")], table_rows, cls="pc-compact",
                           name=f"grafiek-realisatie-{year}")
    return ctx.chart(name, svg, alt, title + ".", record.file, data_table)


# -- the next year (pcdocs new) ------------------------------------------------------------

def carry(c: Carry) -> Carried:
    """The file for the next document, edited as text so the author's layout and comments
    stay: each indicator is offered the source year's norm for each new year (existing norms
    are kept, none invented) and gets an empty realisation slot for the year just ended, one
    per gemeente / uitsplitsing it had realisations for."""
    text, norms = _edit(c.path, c.rel, c.old, c.new, c.ended)
    return Carried(text, norms, tuple(_slots(text, c.target, c.ended)))


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key and isinstance(v, yaml.Node):
                return v
    return None


def _last_char(text: str, node: yaml.Node) -> int:
    """Index just after a node's last non-blank character (block nodes end late in PyYAML)."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style \
            and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1].isspace():
        end -= 1
    return end


def _line_end(text: str, index: int) -> int:
    """Where the line holding `index` ends, before its line break."""
    end = text.find("\n", index)
    if end == -1:
        return len(text)
    return end - 1 if text[end - 1] == "\r" else end


def _norm_edit(text: str, normen: yaml.Node | None, years: list[tuple[int, int]], nl: str
               ) -> tuple[int, str, int] | None:
    """(index, text to insert, norms added): each new year without a norm gets the norm
    of the year it moves on from, written as the author wrote that one."""
    if not isinstance(normen, yaml.MappingNode) or not normen.value:
        return None
    entries = {int(k.value): (k, v) for k, v in normen.value
               if isinstance(k, yaml.ScalarNode) and k.value.isdigit()}
    new = [(year, entries[old]) for year, old in years if year not in entries and old in entries]
    if not new:
        return None
    at = _last_char(text, normen.value[-1][1])
    copies = [f"{year}{text[k.end_mark.index:_last_char(text, v)]}" for year, (k, v) in new]
    if normen.flow_style:
        return at, "".join(f", {c}" for c in copies), len(new)
    indent = " " * normen.value[0][0].start_mark.column
    return _line_end(text, at), "".join(f"{nl}{indent}{c}" for c in copies), len(new)


def _scalar_text(text: str, node: yaml.Node) -> str:
    """A scalar as written, or JSON-quoted when it spans lines."""
    if node.start_mark.line == node.end_mark.line:
        return text[node.start_mark.index:_last_char(text, node)]
    return json.dumps(str(node.value), ensure_ascii=False)


def _slot_edit(text: str, reals: yaml.Node | None, ind: Indicator, year: int,
               nl: str) -> tuple[int, str] | None:
    """An empty realisation for `year` per gemeente/uitsplitsing the indicator has
    realisations for and no realisation in `year` yet."""
    if not isinstance(reals, yaml.SequenceNode) or not reals.value:
        return None
    have = {r.slug for r in ind.realisations if r.year == year}
    last = {r.slug: i for i, r in enumerate(ind.realisations) if r.slug not in have}
    items = [[("jaar", str(year)), *((k.value, _scalar_text(text, v))
                                     for k, v in reals.value[i].value
                                     if k.value in ("gemeente", "uitsplitsing"))]
             for i in last.values()]
    if not items:
        return None
    at = _last_char(text, reals.value[-1])
    if reals.flow_style:
        return at, "".join(", {" + ", ".join(f"{k}: {v}" for k, v in i) + "}" for i in items)
    dash = " " * reals.start_mark.column
    blocks = [f"{nl}{dash}- " + f"{nl}{dash}  ".join(f"{k}: {v}" for k, v in i) for i in items]
    return _line_end(text, at), "".join(blocks)


def _edit(path: Path, rel: str, old: Period, new: Period, slot_year: int) -> tuple[str, int]:
    """indicatoren.yaml with the new norms and empty slots inserted as text."""
    record = load(path, rel)  # a broken source file is reported as it is
    text = read_text(path, rel)
    nl = "\r\n" if "\r\n" in text else "\n"
    shift = new.start - old.start
    years = [(y, y - shift) for y in range(new.start, new.end + 1)]
    nodes = _child(yaml.compose(text, Loader=yaml.SafeLoader), "indicatoren")
    assert isinstance(nodes, yaml.SequenceNode)  # the loader accepted it
    edits: list[tuple[int, str]] = []
    norms = 0
    for node, ind in zip(nodes.value, record.indicators, strict=True):
        norm = _norm_edit(text, _child(node, "normen"), years, nl)
        if norm is not None:
            edits.append(norm[:2])
            norms += norm[2]
        slot = _slot_edit(text, _child(node, "realisaties"), ind, slot_year, nl)
        if slot is not None:
            edits.append(slot)
    for index, insert in sorted(edits, reverse=True):
        text = text[:index] + insert + text[index:]
    return text, norms


def _slots(text: str, rel: str, year: int) -> list[Slot]:
    """Every realisation of `year` without a value, with its line in the new file."""
    data = parse_yaml(text, rel)
    slots = []
    for ind in data["indicatoren"]:
        reals = ind.get("realisaties")
        if not isinstance(reals, YList):
            continue
        for index, real in enumerate(reals):
            if real.get("jaar") == year and real.get("waarde") is None:
                slots.append(Slot(str(ind["code"]), year, rel, reals.line_of(index)))
    return slots


# -- comparison --------------------------------------------------------------------------

_FIGURE_KEY = re.compile(r"^(?P<code>[^.]+)\.(?P<what>norm|status|realisatie|termijn)\b")


def category(key: str, fig: Figure) -> tuple[str, str | None]:
    """An indicator's norm, status, realisation or term, under the indicator's code."""
    match = _FIGURE_KEY.match(key)
    if match:
        what = match.group("what")
        return ("cijfer" if what == "termijn" else what), match.group("code")
    return "totaal", None


def facts(record: Indicatoren, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """Each indicator as a whole (added or dropped); those of other gemeenten left out."""
    found, skip = [], set()
    for ind in record.indicators:
        if not for_edition(ind.gemeente, comparing.edition):
            skip.add(ind.code)
            continue
        found.append(Fact("indicatoren", ind.code, "indicator", f"Indicator {ind.code}",
                          ind.description, ind.description))
    return found, skip


SPEC = BlockSpec(
    kind="indicatoren",
    label="Indicatoren",
    summary="Prestatie-indicatoren met norm per jaar, realisaties en berekende status",
    extensions=("yaml",),
    load=load,
    figures=figures,
    validate=validate,
    facts=facts,
    category=category,
    carry=carry,
    wording=(
        Wording("indicator", measured=False,
                changed="De omschrijving van {label} is gewijzigd: van “{old}” naar “{new}”.",
                added="Nieuwe indicator: {label}, “{text}”.",
                dropped="Indicator vervallen: {label}, “{text}”."),
        Wording("norm", changed="De norm is gewijzigd: {label}, van {old} naar {new}{delta}.",
                added="Nieuwe norm: {label}, {text}.",
                dropped="Norm vervallen: {label} (was {text})."),
        Wording("status", kind="status-omgeslagen", measured=False,
                changed="De status is omgeslagen: {label}, van {old} naar {new}.",
                added="Nieuwe status: {label}, {text}.",
                dropped="Status vervallen: {label} (was {text})."),
        Wording("realisatie", changed="Andere realisatie: {label}, van {old} naar {new}{delta}.",
                added="Nieuwe realisatie: {label}, {text}.",
                dropped="Realisatie vervallen: {label} (was {text})."),
    ),
    chart="realisatie_grafiek",
    macros=(
        MacroSpec("norm", macro_norm,
                  "De norm van een indicator (standaard voor het jaar van het document).",
                  "{{ norm('lo-4wk') }}"),
        MacroSpec("termijn", macro_termijn,
                  "De termijn van een indicator, eventueel omgerekend (dagen/weken).",
                  "{{ termijn('wmo-14d', eenheid='weken') }}"),
        MacroSpec("realisatie", macro_realisatie,
                  "De realisatie van een indicator in een jaar, met voetnoot als de norm "
                  "niet is gehaald.",
                  "{{ realisatie('lo-8wk', vorig_jaar) }}"),
        MacroSpec("indicatoren_tabel", macro_indicatoren_tabel,
                  "Tabel: de normen van een jaar, per groep.",
                  "{{ indicatoren_tabel() }}"),
        MacroSpec("verantwoording_tabel", macro_verantwoording_tabel,
                  "Tabel: norm, realisatie en berekende status per indicator.",
                  "{{ verantwoording_tabel(vorig_jaar) }}"),
        MacroSpec("indicatoren_samenvatting", macro_indicatoren_samenvatting,
                  "Zin: hoeveel indicatoren zijn behaald en hoeveel niet.",
                  "{{ indicatoren_samenvatting(vorig_jaar) }}"),
        MacroSpec("realisatie_grafiek", macro_realisatie_grafiek,
                  "Grafiek: realisaties in procenten tegen de norm, met tekstalternatief.",
                  "{{ realisatie_grafiek(vorig_jaar) }}"),
    ),
)
