"""Organogram: the organisation chart as a tree of units, with leiding and formatie (fte) per
unit, every total computed, drawn as a nested list (a chart on a wide screen and on paper,
an indented tree on a phone; the list itself is the text for a screen reader).

`data/<org>/<year>/organogram.yaml`:

```yaml
titel: Organogram ISD BOL        # optional (default: Organogram <naam of the top>)
peildatum: 2025-01-01            # optional
organisatie:                     # the top unit
  naam: ISD BOL
  leiding: directeur             # a role (preferred) or a name
  afdeling: Directie             # its afdeling in functies.csv, when the names differ
  eenheden:
    - naam: Werk
      leiding: teamleider Werk
      fte: 17.00                 # the unit's OWN fte: not those of its eenheden
    - naam: Inkomen
      totaal_fte: 31.00          # optional: a stated total, checked
      eenheden: [...]
```

The rule: a unit's total is its own fte plus the totals of its eenheden. Its own fte is
`fte`, else the formatie of its afdeling in `functies.csv` next to this file (the afdeling
of the same name, or the one `afdeling` names), else 0 for a unit with eenheden (all its
staff is in them). When `fte` and functies.csv both give it, they must agree; a stated
`totaal_fte` must equal the total; an afdeling of functies.csv that no unit shows makes
the chart miss fte. Each of these is a warning (`sluit-niet-aan`), shown in the chart with
both values. A unit without eenheden and without fte is an error when the chart shows fte
elsewhere (a chart without any fte is fine).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks import functies
from pcdocs.blocks.datasets import sibling
from pcdocs.blocks.functies import fte_value
from pcdocs.blocks.spec import BlockSpec, Checking, Comparing, MacroSpec, Wording
from pcdocs.errors import DataError, Finding
from pcdocs.model import fmt
from pcdocs.model.facts import Fact
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.organisation import slugify
from pcdocs.model.schema import Reader
from pcdocs.render import html
from pcdocs.render.page import PageContext

FUNCTIES = functies.SPEC.file_names
MAX_DEPTH = 5  # the top and four levels below it
SIDE_BY_SIDE = 4  # at most this many units under the top side by side on screen
ZERO = Decimal("0.00")

# how a unit's own fte was found
STATED, FROM_FUNCTIES, NONE_OWN, UNKNOWN = "organogram", "functies", "onderdelen", "onbekend"


@dataclass(frozen=True)
class Eenheid:
    naam: str
    leiding: str | None
    eenheden: tuple[Eenheid, ...]
    source: Source  # its naam
    own: Decimal | None  # the own fte the chart uses (None: unknown)
    own_from: str  # STATED, FROM_FUNCTIES, NONE_OWN or UNKNOWN
    own_sources: tuple[Source, ...]
    stated: Decimal | None = None  # `fte` as written
    stated_source: Source | None = None
    afdeling: str | None = None  # its afdeling in functies.csv
    afdeling_fte: Decimal | None = None  # that afdeling's formatie
    afdeling_sources: tuple[Source, ...] = ()
    stated_total: Decimal | None = None  # `totaal_fte` as written
    total_source: Source | None = None

    @property
    def slug(self) -> str:
        return slugify(self.naam) or f"regel-{self.source.line}"

    @property
    def total(self) -> Decimal | None:
        """Own fte plus the totals of the eenheden; None when any of them is unknown."""
        parts = [self.own, *(e.total for e in self.eenheden)]
        if any(p is None for p in parts):
            return None
        return sum((p for p in parts if p is not None), ZERO)

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every line the total is computed from."""
        return (*self.own_sources, *(s for e in self.eenheden for s in e.sources))

    def walk(self) -> list[Eenheid]:
        return [self, *(u for e in self.eenheden for u in e.walk())]


@dataclass(frozen=True)
class Organogram:
    titel: str
    peildatum: dt.date | None
    top: Eenheid
    missing: tuple[tuple[str, Decimal, Source], ...]  # afdelingen of functies.csv not shown
    functies_file: str | None
    file: str

    @property
    def has_fte(self) -> bool:
        return any(e.own_from in (STATED, FROM_FUNCTIES) for e in self.top.walk())

    def parent_of(self) -> dict[str, Eenheid]:
        return {child.slug: e for e in self.top.walk() for child in e.eenheden}


# -- loading -------------------------------------------------------------------------------

@dataclass
class _Raw:
    """A unit as written, before its fte are resolved."""

    naam: str
    leiding: str | None
    stated: Decimal | None
    stated_source: Source | None
    stated_total: Decimal | None
    total_source: Source | None
    afdeling: str | None
    afdeling_source: Source | None
    eenheden: list[_Raw]
    source: Source


def load(path: Path, rel: str) -> Organogram:
    r = Reader(load_yaml(path, rel), rel)
    top = _unit(r.map("organisatie"), 1)
    names: dict[str, _Raw] = {}
    _unique(top, names)
    found = sibling(path, rel, FUNCTIES)
    table = functies.load(*found) if found else None
    if table is None:
        for raw in names.values():
            if raw.afdeling is not None and raw.afdeling_source is not None:
                raise DataError(
                    f"{raw.naam}: afdeling '{raw.afdeling}' verwijst naar functies.csv, maar "
                    "dat bestand staat niet naast het organogram", file=rel,
                    line=raw.afdeling_source.line, key="afdeling", code="bestand-ontbreekt",
                    hint="zet functies.csv in dezelfde map, of laat 'afdeling:' weg")
    claimed: dict[str, _Raw] = {}
    unit = _resolve(top, table, claimed, rel)
    missing: tuple[tuple[str, Decimal, Source], ...] = ()
    if table is not None:
        missing = tuple((a.naam, a.formatie, a.functies[0].source) for a in table.afdelingen
                        if a.slug not in claimed)
    record = Organogram(
        titel=r.opt_text("titel") or f"Organogram {top.naam}",
        peildatum=r.date("peildatum") if r.has("peildatum") else None,
        top=unit, missing=missing, functies_file=table.file if table else None, file=rel)
    r.optional("peildatum")
    r.done()
    if record.has_fte:
        for e in record.top.walk():
            if e.own_from == UNKNOWN:
                raise DataError(
                    f"eenheid {e.naam} heeft geen fte, de andere eenheden wel", file=rel,
                    line=e.source.line, key="fte", code="ontbrekende-sleutel",
                    hint="zet 'fte:' bij de eenheid" + (
                        ", of geef haar afdeling een regel in functies.csv"
                        if table is not None and table.grouped else ""))
    return record


def _unit(r: Reader, depth: int) -> _Raw:
    if depth > MAX_DEPTH:
        raise DataError(f"{r.path}: het organogram is dieper dan {MAX_DEPTH} niveaus",
                        file=r.file, line=r.line, key=r.path, code="te-diep",
                        hint="toon kleinere eenheden (teams) in de tekst of in functies.csv")
    naam = r.text("naam")
    afdeling = r.opt_text("afdeling")
    raw = _Raw(
        naam=naam, leiding=r.opt_text("leiding"),
        stated=r.opt_measure("fte", Unit.FTE),
        stated_source=r.source("fte") if r.has("fte") else None,
        stated_total=r.opt_measure("totaal_fte", Unit.FTE),
        total_source=r.source("totaal_fte") if r.has("totaal_fte") else None,
        afdeling=afdeling, afdeling_source=r.source("afdeling") if afdeling else None,
        eenheden=[_unit(item, depth + 1) for item in r.items("eenheden", required=False)],
        source=r.source("naam"))
    r.done()
    return raw


def _unique(raw: _Raw, seen: dict[str, _Raw]) -> None:
    slug = slugify(raw.naam)
    if slug in seen:
        raise DataError(f"eenheid '{raw.naam}' staat twee keer in het organogram (ook op regel "
                        f"{seen[slug].source.line})", file=raw.source.file,
                        line=raw.source.line, key="naam", code="dubbele-code",
                        hint="geef elke eenheid een eigen naam")
    seen[slug] = raw
    for child in raw.eenheden:
        _unique(child, seen)


def _resolve(raw: _Raw, table: functies.Functies | None, claimed: dict[str, _Raw],
             rel: str) -> Eenheid:
    """The unit with its own fte: stated, else its afdeling's formatie, else 0 (eenheden) or
    unknown (none)."""
    afdeling = _afdeling(raw, table, claimed, rel)
    children = tuple(_resolve(child, table, claimed, rel) for child in raw.eenheden)
    afdeling_fte = afdeling.formatie if afdeling else None
    afdeling_sources = tuple(f.source for f in afdeling.functies) if afdeling else ()
    own_sources: tuple[Source, ...]
    if raw.stated is not None and raw.stated_source is not None:
        own, own_from, own_sources = raw.stated, STATED, (raw.stated_source,)
    elif afdeling is not None:
        own, own_from, own_sources = afdeling.formatie, FROM_FUNCTIES, afdeling_sources
    elif children:
        own, own_from, own_sources = ZERO, NONE_OWN, ()
    else:
        own, own_from, own_sources = None, UNKNOWN, ()
    return Eenheid(
        naam=raw.naam, leiding=raw.leiding, eenheden=children, source=raw.source, own=own,
        own_from=own_from, own_sources=own_sources, stated=raw.stated,
        stated_source=raw.stated_source, afdeling=afdeling.naam if afdeling else None,
        afdeling_fte=afdeling_fte, afdeling_sources=afdeling_sources,
        stated_total=raw.stated_total, total_source=raw.total_source)


def _afdeling(raw: _Raw, table: functies.Functies | None, claimed: dict[str, _Raw],
              rel: str) -> functies.Afdeling | None:
    if table is None:
        return None
    found = table.afdeling(raw.afdeling or raw.naam)
    if found is None and raw.afdeling is not None:
        known = ", ".join(a.naam for a in table.afdelingen) or "geen (geen kolom afdeling)"
        raise DataError(f"{raw.naam}: afdeling '{raw.afdeling}' staat niet in {table.file}",
                        file=rel, line=raw.afdeling_source.line if raw.afdeling_source else None,
                        key="afdeling", code="onbekende-code", hint=f"afdelingen: {known}")
    if found is None:
        return None
    other = claimed.get(found.slug)
    if other is not None:
        raise DataError(f"eenheden {other.naam} en {raw.naam} tonen allebei afdeling "
                        f"{found.naam} uit {table.file}", file=rel, line=raw.source.line,
                        key="afdeling", code="dubbele-code",
                        hint="een afdeling hoort bij één eenheid; noem met 'afdeling:' "
                             "welke")
    claimed[found.slug] = raw
    return found


# -- checking ------------------------------------------------------------------------------

def differences(record: Organogram) -> list[Finding]:
    """What does not reconcile: a unit's fte against its afdeling in functies.csv, a stated
    total against the computed one, an afdeling of functies.csv the chart leaves out."""
    found: list[Finding] = []
    for e in record.top.walk():
        if e.stated is not None and e.afdeling_fte is not None and e.stated != e.afdeling_fte \
                and e.stated_source is not None:
            found.append(Finding(
                "warning", "sluit-niet-aan", record.file, e.stated_source.line,
                f"eenheid {e.naam}: fte {fmt.fte(e.stated)} in het organogram, maar afdeling "
                f"{e.afdeling} in {record.functies_file} heeft formatie "
                f"{fmt.fte(e.afdeling_fte)}", key="fte",
                hint="laat 'fte:' weg (dan telt functies.csv), of maak beide gelijk"))
        total = e.total
        if e.stated_total is not None and e.total_source is not None and total is not None \
                and e.stated_total != total:
            found.append(Finding(
                "warning", "sluit-niet-aan", record.file, e.total_source.line,
                f"eenheid {e.naam}: totaal_fte is {fmt.fte(e.stated_total)}, maar de eigen fte "
                f"plus de eenheden eronder is {fmt.fte(total)}", key="totaal_fte",
                hint="laat totaal_fte weg (pcdocs rekent het uit), of verbeter de fte van de "
                     "eenheden"))
    for naam, fte, source in record.missing:
        found.append(Finding(
            "warning", "sluit-niet-aan", source.file, source.line,
            f"afdeling {naam} ({fmt.fte(fte)}) staat niet in het organogram {record.file}, "
            "dus telt het organogram die fte niet mee", key="afdeling",
            hint="voeg een eenheid met die naam toe aan het organogram, of noem de afdeling "
                 "bij een eenheid met 'afdeling:'"))
    return found


def validate(record: Organogram, checking: Checking) -> list[Finding]:
    return differences(record)


# -- figures -------------------------------------------------------------------------------

def _how(e: Eenheid) -> str:
    own = "eigen " + ("?" if e.own is None else fmt.number(e.own, 2))
    parts = [own, *(f"{c.naam} {fmt.number(c.total, 2) if c.total is not None else '?'}"
                    for c in e.eenheden)]
    return " + ".join(parts)


def total_figure(e: Eenheid) -> Figure | None:
    total = e.total
    if total is None:
        return None
    if not e.eenheden:
        return Figure(total, Unit.FTE, e.own_sources, f"Formatie {e.naam}",
                      computed="formatie van de afdeling in functies.csv"
                      if e.own_from == FROM_FUNCTIES else None)
    return Figure(total, Unit.FTE, e.sources, f"Formatie {e.naam}, met de eenheden eronder",
                  computed=_how(e))


def figures(record: Organogram) -> dict[str, Figure]:
    units = record.top.walk()
    result = {"eenheden": Figure(len(units) - 1, Unit.COUNT, tuple(e.source for e in units[1:])
                                 or (record.top.source,),
                                 f"Aantal eenheden onder {record.top.naam}",
                                 computed="geteld in het organogram")}
    top = total_figure(record.top)
    if top is not None:
        result["fte"] = top
    for e in units:
        fig = total_figure(e)
        if fig is not None:
            result[f"eenheid.{e.slug}.fte"] = fig
    return result


# -- rendering -----------------------------------------------------------------------------

def _unit_html(e: Eenheid, level: int) -> Markup:
    parts = [Markup('<span class="pc-og__naam">{}</span>').format(e.naam)]
    if e.leiding:
        parts.append(Markup('<span class="pc-og__leiding">Leiding: {}</span>').format(e.leiding))
    fig = total_figure(e)
    if fig is not None:
        parts.append(Markup('<span class="pc-og__fte">{}</span>').format(fig.html()))
        if e.eenheden and e.own:
            own = Figure(e.own, Unit.FTE, e.own_sources, f"Eigen formatie {e.naam}")
            parts.append(Markup('<span class="pc-og__eigen">waarvan eigen {}</span>').format(
                own.html()))
    for note in _notes(e):
        parts.append(Markup('<span class="pc-og__verschil">{}</span>').format(note))
    box = Markup('<div class="pc-og__eenheid{}">{}</div>').format(
        " pc-og__eenheid--met-onder" if e.eenheden else "", Markup(" ").join(parts))
    below = Markup("")
    if e.eenheden:
        items = Markup("").join(_unit_html(c, level + 1) for c in e.eenheden)
        below = Markup('<ul class="pc-og__onder">{}</ul>').format(items)
    return Markup('<li class="pc-og__item pc-og__niveau-{}">{}{}</li>').format(
        min(level, 3), box, below)


def _notes(e: Eenheid) -> list[Markup]:
    """The differences of one unit, in words: both values, openly."""
    notes = []
    if e.stated is not None and e.afdeling_fte is not None and e.stated != e.afdeling_fte:
        notes.append(Markup("Sluit niet aan: functies.csv geeft afdeling {} {}").format(
            e.afdeling, Figure(e.afdeling_fte, Unit.FTE, e.afdeling_sources,
                               f"Formatie afdeling {e.afdeling}", computed="som van de "
                               "functies").html()))
    total = e.total
    if e.stated_total is not None and total is not None and e.stated_total != total:
        source = (e.total_source,) if e.total_source else ()
        notes.append(Markup("Sluit niet aan: opgegeven totaal {}").format(
            Figure(e.stated_total, Unit.FTE, source, f"Opgegeven totaal {e.naam}").html()))
    return notes


def macro_organogram(ctx: PageContext) -> Markup:
    """The chart: a nested list of units (naam, leiding, fte); CSS draws the lines."""
    record: Organogram = ctx.record(SPEC)
    for finding in differences(record):
        ctx.warn(finding)
    title = record.titel + (f" per {fmt.long_date(record.peildatum)}"
                            if record.peildatum else "")
    wide = len(record.top.eenheden) > SIDE_BY_SIDE
    tree = Markup('<ul class="pc-og" aria-label="{}">{}</ul>').format(
        title, _unit_html(record.top, 1))
    notes: list[Markup] = []
    if record.has_fte:
        source = (f"de formatie per afdeling in {record.functies_file}"
                  if record.functies_file else record.file)
        notes.append(Markup(
            "Fte: de formatie van een eenheid met de eenheden eronder; bij een eenheid met "
            "eenheden eronder staat ook haar eigen deel (leiding en staf). Bron: {}.").format(
            source))
    for naam, fte, source_line in record.missing:
        notes.append(Markup("Sluit niet aan: afdeling {} uit {} ({}) staat niet in het "
                            "organogram.").format(naam, record.functies_file,
                                                  Figure(fte, Unit.FTE, (source_line,),
                                                         f"Formatie afdeling {naam}").html()))
    foot = html.bullet_list(notes, "pc-tabelnoten") if notes else Markup("")
    return Markup('<div class="pc-organogram{}"><p class="pc-organogram__titel" '
                  'aria-hidden="true">{}</p>{}{}</div>').format(
        " pc-organogram--breed" if wide else "", title, tree, foot)


# -- comparing -----------------------------------------------------------------------------

def facts(record: Organogram, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """Each unit as a whole (added, dropped, moved, another leiding) with its total fte."""
    parents = record.parent_of()
    found: list[Fact] = []
    for e in record.top.walk():
        parent = parents.get(e.slug)
        place = f"onder {parent.naam}" if parent else "top van de organisatie"
        text = place + (f"; leiding: {e.leiding}" if e.leiding else "")
        key = f"eenheid.{e.slug}"
        found.append(Fact("organogram", key, "eenheid", f"Eenheid {e.naam}", text, text))
        total = e.total
        if total is not None:
            label = f"Formatie {e.naam}" + (" (met de eenheden eronder)" if e.eenheden else "")
            found.append(Fact("organogram", f"{key}.fte", "cijfer", label, fte_value(total),
                              fmt.fte(total), parent=key))
    return found, {"eenheid", "fte"}


SPEC = BlockSpec(
    kind="organogram",
    label="Organogram",
    summary="Organogram: eenheden met leiding en fte, totalen berekend en aansluitend op de "
            "formatie per functie",
    extensions=("yaml",),
    load=load,
    figures=figures,
    companions=FUNCTIES,
    validate=validate,
    facts=facts,
    wording=(
        Wording("eenheid", kind="eenheid-gewijzigd", measured=False,
                changed="{label}: van {old} naar {new}.",
                added="Nieuwe eenheid in het organogram: {label}, {text}.",
                dropped="Eenheid vervallen uit het organogram: {label} (was {text})."),
    ),
    macros=(
        MacroSpec("organogram", macro_organogram,
                  "Het organogram: eenheden met leiding en fte, als boom op een breed scherm "
                  "en op papier, als ingesprongen lijst op een telefoon.",
                  "{{ organogram() }}"),
    ),
)
