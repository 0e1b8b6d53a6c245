"""Verdeelsleutels: how a joint service divides its costs over its gemeenten.

`data/<org>/<year>/verdeelsleutels.yaml` names keys of three sorts:

```yaml
inwoners:                          # a count per gemeente, with its date and source
  omschrijving: Aantal inwoners
  peildatum: 2024-01-01
  bron: CBS Statline, bevolking op 1 januari
  aantallen: {brunssum: 27614, landgraaf: 37297}
vast:                              # fixed percentages (together exactly 100)
  omschrijving: Vaste verdeling volgens de regeling
  percentages: {brunssum: 45, landgraaf: 55}
gemengd:                           # a weighted mix of other keys
  delen:
    - {sleutel: inwoners, gewicht: 50}
    - {sleutel: uitkeringen, gewicht: 50}
```

Loading refuses what makes a key impossible (percentages that do not add up to 100, a
total of zero, a mix naming an unknown key or itself through others); `validate` holds each
key against the organisation's gemeenten (each exactly once). The shares are exact
fractions (`pcdocs.model.allocation`); the figures `verdeelsleutels.<key>.<gemeente>.aandeel`
show them as percentages. The macros show a key, divide a money figure of the page by it
(largest remainder, exact to the cent) and give one gemeente's part, on its own edition
without naming it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks import organisatie
from pcdocs.blocks.spec import BlockSpec, Checking, Comparing, MacroSpec, Wording
from pcdocs.errors import DataError, Finding, MacroError
from pcdocs.model import allocation, fmt
from pcdocs.model.facts import Fact, canonical
from pcdocs.model.figures import Figure, Kind, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.organisation import Organisation
from pcdocs.model.schema import Reader, suggest
from pcdocs.render import html
from pcdocs.render.page import PageContext

SORTS = ("aantallen", "percentages", "delen")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
DEFAULT_DECIMALS = 2
METHOD = "methode van de grootste resten"


@dataclass(frozen=True)
class Weight:
    """One gemeente's count or percentage in a key."""

    gemeente: str
    value: Decimal
    source: Source


@dataclass(frozen=True)
class Share:
    """One part of a mixed key: another key with its weight."""

    key: str
    weight: Decimal
    source: Source


@dataclass(frozen=True)
class Sleutel:
    name: str
    sort: str  # one of SORTS
    label: str  # the omschrijving, or the name
    peildatum: dt.date | None
    month_only: bool
    dated: Source | None  # the line of the peildatum
    bron: str | None
    weights: tuple[Weight, ...]  # aantallen or percentages
    parts: tuple[Share, ...]  # delen
    decimals: int  # of a share shown as a percentage
    source: Source  # the key's own line
    values: Source  # the line of `aantallen`, `percentages` or `delen`


@dataclass(frozen=True)
class Verdeelsleutels:
    keys: tuple[Sleutel, ...]
    file: str

    def get(self, name: str) -> Sleutel | None:
        return next((k for k in self.keys if k.name == name), None)

    @property
    def names(self) -> list[str]:
        return [k.name for k in self.keys]


# -- reading ---------------------------------------------------------------------------------


def load(path: Path, rel: str) -> Verdeelsleutels:
    r = Reader(load_yaml(path, rel), rel)
    keys: list[Sleutel] = []
    for name, value in r.entries():
        if not _NAME.match(str(name)):
            raise r.error(name, f"'{name}' is geen geldige naam voor een verdeelsleutel",
                          hint="schrijf kleine letters, cijfers en _, beginnend met een "
                               "letter, bijv. inwoners of bijstand_2023",
                          code="ongeldige-code")
        if not isinstance(value, Reader):
            raise r.error(name, "een verdeelsleutel is een groep met aantallen, percentages "
                                "of delen",
                          hint=f"schrijf bijv. '{name}:' met daaronder 'aantallen: "
                               "{brunssum: 27614, landgraaf: 37297}'",
                          code="verkeerd-type")
        keys.append(_key(str(name), value))
    if not keys:
        raise DataError("het bestand noemt geen verdeelsleutel", file=rel, line=1,
                        code="lege-lijst",
                        hint="zet er ten minste één in, bijv. 'inwoners:' met 'aantallen:'")
    record = Verdeelsleutels(tuple(keys), rel)
    _check_mixes(record)
    return record


def _key(name: str, r: Reader) -> Sleutel:
    present = [s for s in SORTS if s in r.data]
    if len(present) != 1:
        found = " en ".join(present)
        raise DataError(
            f"{name}: noem precies één van aantallen, percentages of delen"
            + (f", niet {found}" if present else ""),
            file=r.file, line=r.line, key=name,
            code="ontbrekende-sleutel" if not present else "ongeldige-waarde",
            hint="een sleutel telt (aantallen per gemeente), ligt vast (percentages) of "
                 "mengt andere sleutels (delen)")
    sort = present[0]
    label = r.opt_text("omschrijving") or name
    decimals = r.opt_integer("decimalen", minimum=0)
    if decimals is not None and decimals > 6:
        raise r.error("decimalen", f"{decimals} decimalen is te veel voor een aandeel",
                      hint="kies 0 tot en met 6", code="buiten-bereik")
    peildatum: dt.date | None = None
    month_only = False
    dated: Source | None = None
    bron: str | None = None
    weights: tuple[Weight, ...] = ()
    parts: tuple[Share, ...] = ()
    if sort == "delen":
        parts = _parts(name, r)
    else:
        if sort == "aantallen" or r.has("peildatum"):
            peildatum, month_only = r.partial_date("peildatum")
            dated = r.source("peildatum")
        else:
            r.optional("peildatum")
        bron = r.text("bron") if sort == "aantallen" or r.has("bron") else None
        r.optional("bron")
        weights = _weights(name, r, sort)
    r.done()
    return Sleutel(name, sort, label, peildatum, month_only, dated, bron, weights, parts,
                   DEFAULT_DECIMALS if decimals is None else decimals,
                   Source(r.file, r.line, name), r.source(sort))


def _weights(name: str, r: Reader, sort: str) -> tuple[Weight, ...]:
    m = r.map(sort)
    unit = Unit.COUNT if sort == "aantallen" else Unit.PERCENT
    weights = []
    for gemeente in m.key_list():
        value = m.measure(gemeente, unit)
        if unit is Unit.COUNT and value != value.to_integral_value():
            raise m.error(gemeente, f"{fmt.number(value)} is geen heel getal",
                          hint="een aantal is een heel getal", code="geen-geheel-getal")
        weights.append(Weight(str(gemeente), value, m.source(gemeente)))
    if not weights:
        raise r.error(sort, "noemt geen gemeente", code="lege-lijst",
                      hint="noem elke gemeente met haar " + ("aantal" if unit is Unit.COUNT
                                                              else "percentage"))
    total = sum((w.value for w in weights), Decimal(0))
    if sort == "percentages" and total != 100:
        raise r.error(sort, f"de percentages tellen op tot {fmt.number(total)}%, niet tot 100%",
                      hint=f"maak ze samen precies 100 (het verschil is "
                           f"{fmt.number(abs(100 - total))})",
                      code="niet-honderd-procent")
    if total == 0:
        raise r.error(sort, "de aantallen tellen op tot 0: er valt niets naar te verdelen",
                      hint="vul de aantallen per gemeente in", code="totaal-nul")
    return tuple(weights)


def _parts(name: str, r: Reader) -> tuple[Share, ...]:
    parts: list[Share] = []
    for item in r.items("delen"):
        key = item.text("sleutel")
        weight = item.measure("gewicht", Unit.NUMBER, Kind.MAGNITUDE)
        if any(p.key == key for p in parts):
            raise item.error("sleutel", f"'{key}' staat twee keer in de delen van {name}",
                             hint="tel de gewichten op tot één deel", code="dubbele-code")
        parts.append(Share(key, weight, item.source("sleutel")))
        item.done()
    if not parts:
        raise r.error("delen", "noemt geen sleutel", code="lege-lijst",
                      hint="schrijf bijv. '- {sleutel: inwoners, gewicht: 50}'")
    if sum((p.weight for p in parts), Decimal(0)) == 0:
        raise r.error("delen", "de gewichten tellen op tot 0: er valt niets naar te verdelen",
                      hint="geef ten minste één deel een gewicht groter dan 0",
                      code="totaal-nul")
    return tuple(parts)


def _check_mixes(record: Verdeelsleutels) -> None:
    """Every part of a mix names a key of the file, and no mix contains itself."""
    for key in record.keys:
        for part in key.parts:
            if record.get(part.key) is None:
                others = [n for n in record.names if n != key.name]
                guess = suggest(part.key, others)
                raise DataError(
                    f"{key.name}: verdeelsleutel '{part.key}' bestaat niet in dit bestand",
                    file=part.source.file, line=part.source.line, key=part.source.key,
                    code="onbekende-verdeelsleutel",
                    hint=f"bedoelde u '{guess}'?" if guess else
                    "bekend zijn: " + ", ".join(others))
    for key in record.keys:
        cycle = _cycle(record, key.name, [])
        if cycle is not None:
            steps = [record.get(n) for n in cycle[:-1]]
            where = ", ".join(f"{k.name} (regel {k.source.line})" for k in steps if k)
            first = steps[0]
            assert first is not None
            raise DataError(
                "gemengde verdeelsleutels bevatten zichzelf: " + " → ".join(cycle),
                file=record.file, line=first.source.line, key=first.name, code="sleutel-lus",
                hint=f"meng alleen sleutels met aantallen of percentages; in de kring: {where}")


def _cycle(record: Verdeelsleutels, name: str, path: list[str]) -> list[str] | None:
    if name in path:
        return [*path[path.index(name):], name]
    key = record.get(name)
    if key is None:
        return None
    for part in key.parts:
        found = _cycle(record, part.key, [*path, name])
        if found is not None:
            return found
    return None


# -- shares ----------------------------------------------------------------------------------


def shares_of(record: Verdeelsleutels, name: str) -> dict[str, Fraction]:
    """Each gemeente's exact share in key `name` (a mix: the weighted mix of its parts)."""
    key = record.get(name)
    assert key is not None, name
    if key.sort != "delen":
        return allocation.shares({w.gemeente: w.value for w in key.weights})
    return allocation.mixed([(p.weight, shares_of(record, p.key)) for p in key.parts])


def sources_of(record: Verdeelsleutels, name: str) -> tuple[Source, ...]:
    """Every line a key's shares are computed from: its counts or percentages, and for a mix
    its parts and their keys' lines."""
    key = record.get(name)
    assert key is not None, name
    found = [w.source for w in key.weights]
    for part in key.parts:
        found.append(part.source)
        found += [s for s in sources_of(record, part.key) if s not in found]
    return tuple(found)


def _keys_in(record: Verdeelsleutels, name: str) -> list[Sleutel]:
    """The key and, for a mix, every key it is made of."""
    key = record.get(name)
    assert key is not None, name
    found = [key]
    for part in key.parts:
        found += [k for k in _keys_in(record, part.key) if k not in found]
    return found


def share_figure(record: Verdeelsleutels, key: Sleutel, gemeente: str,
                 naam: str | None = None) -> Figure:
    """A gemeente's share in `key` as a percentage figure, with the lines it comes from."""
    share = shares_of(record, key.name)[gemeente]
    value = allocation.percent(share)
    label = f"Aandeel {naam or gemeente} volgens verdeelsleutel {key.name}"
    if key.sort == "percentages":
        own = next(w.source for w in key.weights if w.gemeente == gemeente)
        return Figure(value, Unit.PERCENT, (own,), label, decimals=key.decimals)
    sources = sources_of(record, key.name)
    own_first = tuple(sorted(sources, key=lambda s: not (s.key or "").endswith(f".{gemeente}")))
    if key.sort == "aantallen":
        count = next(w.value for w in key.weights if w.gemeente == gemeente)
        total = sum((w.value for w in key.weights), Decimal(0))
        computed = f"{fmt.number(count)} van {fmt.number(total)} ({key.label})"
    else:
        total_weight = sum((p.weight for p in key.parts), Decimal(0))
        terms = []
        for p in key.parts:
            part = allocation.percent(shares_of(record, p.key).get(gemeente, Fraction(0)))
            terms.append(f"{fmt.number(p.weight)} × {fmt.percent(part, key.decimals)} ({p.key})")
        computed = " + ".join(terms) + f", gedeeld door {fmt.number(total_weight)}"
    return Figure(value, Unit.PERCENT, own_first, label, computed=computed,
                  decimals=key.decimals)


# -- checking against the organisation ----------------------------------------------------------


def gemeente_problems(record: Verdeelsleutels, org: Organisation,
                      names: list[str] | None = None) -> list[DataError]:
    """Every gemeente a key names that is not one of the organisation's, and every gemeente
    of the organisation a key leaves out (of the keys `names`, default all)."""
    known = [g.slug for g in org.gemeenten]
    problems: list[DataError] = []
    for key in record.keys:
        if key.sort == "delen" or (names is not None and key.name not in names):
            continue
        for w in key.weights:
            if w.gemeente not in known:
                guess = suggest(w.gemeente, known)
                problems.append(DataError(
                    f"{key.name}: gemeente '{w.gemeente}' hoort niet bij {org.korte_naam}",
                    file=w.source.file, line=w.source.line, key=w.source.key,
                    code="onbekende-gemeente",
                    hint=f"bedoelde u '{guess}'?" if guess else "gemeenten: " + ", ".join(known)))
        named = {w.gemeente for w in key.weights}
        missing = [g for g in org.gemeenten if g.slug not in named]
        if missing:
            problems.append(DataError(
                f"{key.name}: {fmt.enumeration([g.slug for g in missing])} "
                f"{'ontbreekt' if len(missing) == 1 else 'ontbreken'} in {key.sort}",
                file=key.values.file, line=key.values.line, key=key.values.key,
                code="gemeente-ontbreekt",
                hint=f"elke gemeente van {org.korte_naam} staat precies één keer in een "
                     "verdeelsleutel; vul " + (" en ".join(g.slug for g in missing)) + " aan"))
    return problems


def validate(record: Verdeelsleutels, checking: Checking) -> list[Finding]:
    return [p.finding for p in gemeente_problems(record, checking.organisation)]


# -- figures and comparison -------------------------------------------------------------------


def figures(record: Verdeelsleutels) -> dict[str, Figure]:
    result: dict[str, Figure] = {}
    for key in record.keys:
        for gemeente in shares_of(record, key.name):
            result[f"{key.name}.{gemeente}.aandeel"] = share_figure(record, key, gemeente)
        if key.sort == "aantallen":
            for w in key.weights:
                result[f"{key.name}.{w.gemeente}.aantal"] = Figure(
                    int(w.value), Unit.COUNT, (w.source,),
                    f"{key.label}: {w.gemeente}")
            result[f"{key.name}.totaal"] = _total_figure(key)
        if key.peildatum is not None and key.dated is not None:
            result[f"{key.name}.peildatum"] = Figure(
                key.peildatum, Unit.DATE, (key.dated,),
                f"Peildatum verdeelsleutel {key.name}", month_precision=key.month_only)
    return result


def _total_figure(key: Sleutel) -> Figure:
    total = sum((w.value for w in key.weights), Decimal(0))
    return Figure(int(total), Unit.COUNT, tuple(w.source for w in key.weights),
                  f"{key.label}: totaal", computed="som van de aantallen per gemeente")


def facts(record: Verdeelsleutels, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """Each gemeente's share as the page shows it (rounded to the key's decimals, so a
    change too small to see is no change), under its own category; on a gemeente's edition
    only that gemeente's share and counts."""
    org = comparing.record(organisatie.SPEC)
    found: list[Fact] = []
    skip: set[str] = set()
    for key in record.keys:
        for gemeente, share in shares_of(record, key.name).items():
            skip.add(f"{key.name}.{gemeente}.aandeel")
            if comparing.edition is not None and gemeente != comparing.edition:
                skip.add(f"{key.name}.{gemeente}")
                continue
            naam = _naam(org, gemeente)
            value = allocation.rounded_percent(share, key.decimals)
            fig = Figure(value, Unit.PERCENT, (), "", decimals=key.decimals)
            found.append(Fact(SPEC.kind, f"{key.name}.{gemeente}.aandeel", "aandeel",
                              f"{naam} in verdeelsleutel {key.name}", canonical(value),
                              fig.text()))
    return found, skip


def _naam(org: object | None, slug: str) -> str:
    if isinstance(org, Organisation):
        found = org.gemeente(slug)
        if found is not None:
            return found.naam
    return slug


# -- macros ------------------------------------------------------------------------------------


def _context(ctx: PageContext, naam: str) -> tuple[Verdeelsleutels, Organisation, Sleutel]:
    """The page's keys, organisation and key `naam`, its gemeenten checked."""
    record: Verdeelsleutels = ctx.record(SPEC)
    org: Organisation = ctx.record(organisatie.SPEC)
    key = record.get(str(naam))
    if key is None:
        guess = suggest(str(naam), record.names)
        raise MacroError(f"verdeelsleutel '{naam}' bestaat niet in {record.file}",
                         code="onbekende-verdeelsleutel", key=str(naam),
                         hint=f"bedoelde u '{guess}'?" if guess else
                         "bekend zijn: " + ", ".join(record.names))
    involved = [k.name for k in _keys_in(record, key.name)]
    for problem in gemeente_problems(record, org, involved)[:1]:
        raise problem
    return record, org, key


def _unit(afronding: str) -> tuple[Decimal, str]:
    found = allocation.UNITS.get(str(afronding))
    if found is None:
        raise MacroError(f"afronding '{afronding}' bestaat niet", code="onbekende-waarde",
                         key=str(afronding),
                         hint="kies uit " + ", ".join(f"'{u}'" for u in allocation.UNITS))
    return found


def _amount(ctx: PageContext, cijfer: str) -> tuple[Figure, Decimal]:
    fig = ctx.figure(str(cijfer))
    value = fig.numeric()
    if fig.unit is not Unit.EURO or value is None:
        raise MacroError(f"'{cijfer}' is geen bedrag in euro ({fig.unit.value}), dus er valt "
                         "niets te verdelen", code="geen-bedrag", key=str(cijfer),
                         hint="noem een cijfer met eenheid euro, bijv. een totaal van de "
                              "begroting")
    return fig, value


def _decimals(unit: Decimal) -> int:
    return 2 if unit < 1 else 0


def _method(words: str) -> str:
    return f"afgerond {words} met de {METHOD}"


def _name_cell(ctx: PageContext, naam: str, slug: str) -> Markup:
    if ctx.edition == slug:  # the gemeente whose edition this is
        return Markup('<strong class="pc-eigen">{}</strong>').format(naam)
    return html.text(naam)


def _percent_figure(value: Decimal, sources: tuple[Source, ...], label: str, key: Sleutel,
                    computed: str | None = None) -> Figure:
    return Figure(value, Unit.PERCENT, sources, label, computed=computed, decimals=key.decimals)


def _rounding_note(record: Verdeelsleutels, key: Sleutel) -> list[str]:
    shown = sum((allocation.rounded_percent(s, key.decimals)
                 for s in shares_of(record, key.name).values()), Decimal(0))
    if shown == 100:
        return []
    return [f"De aandelen zijn afgerond op {key.decimals} decimalen; opgeteld komen ze "
            f"daardoor op {fmt.percent(shown, key.decimals)} in plaats van 100%. Gerekend "
            "wordt met de precieze aandelen."]


def _caption(record: Verdeelsleutels, key: Sleutel) -> str:
    text = f"Verdeelsleutel {key.name}: {key.label}"
    if key.peildatum is not None:
        when = fmt.month_year(key.peildatum) if key.month_only else fmt.long_date(key.peildatum)
        text += f", peildatum {when}"
    if key.bron:
        text += f" (bron: {key.bron})"
    if key.sort == "delen":
        text += ", gewogen: " + fmt.enumeration(
            [f"{fmt.number(p.weight)} × {p.key}" for p in key.parts])
    return text


def macro_verdeelsleutel(ctx: PageContext, naam: str) -> Markup:
    """A key as a table: per gemeente its count or percentage (a mix: the share in each of
    its parts) and its share, with a total row; peildatum and bron in the caption."""
    record, org, key = _context(ctx, naam)
    gemeenten = list(org.gemeenten)
    every = sources_of(record, key.name)
    columns = [html.Column("Gemeente")]
    if key.sort == "aantallen":
        columns.append(html.Column(key.label, numeric=True))
    parts = [(p, record.get(p.key)) for p in key.parts]
    columns += [html.Column(f"Aandeel {p.key} (gewicht {fmt.number(p.weight)})", numeric=True)
                for p, _ in parts]
    columns.append(html.Column("Aandeel", numeric=True))
    rows = []
    for g in gemeenten:
        cells: list[html.Content] = [_name_cell(ctx, g.naam, g.slug)]
        raw: list[object] = [g.naam]
        if key.sort == "aantallen":
            w = next(w for w in key.weights if w.gemeente == g.slug)
            cells.append(Figure(int(w.value), Unit.COUNT, (w.source,),
                                f"{key.label}: {g.naam}").html())
            raw.append(int(w.value))
        for _, part in parts:
            assert part is not None
            fig = share_figure(record, part, g.slug, g.naam)
            cells.append(fig.html())
            raw.append(fig.value)
        fig = share_figure(record, key, g.slug, g.naam)
        cells.append(fig.html())
        raw.append(fig.value)
        rows.append(html.Row(cells, raw=raw))
    total_cells: list[html.Content] = [html.text("Totaal")]
    total_raw: list[object] = ["Totaal"]
    if key.sort == "aantallen":
        total = _total_figure(key)
        total_cells.append(total.html())
        total_raw.append(total.value)
    for _, part in parts:
        assert part is not None
        fig = _percent_figure(Decimal(100), sources_of(record, part.name),
                              f"Totaal verdeelsleutel {part.name}", key, "som van de aandelen")
        total_cells.append(fig.html())
        total_raw.append(fig.value)
    whole = _percent_figure(Decimal(100), every, f"Totaal verdeelsleutel {key.name}", key,
                            "som van de aandelen")
    total_cells.append(whole.html())
    total_raw.append(whole.value)
    rows.append(html.Row(total_cells, kind="total", raw=total_raw))
    notes: list[html.Content] = list(_rounding_note(record, key))
    for _, part in parts:
        assert part is not None
        if part.peildatum is not None or part.bron:
            notes.append(_caption(record, part) + ".")
    return ctx.table(_caption(record, key), columns, rows, cls="pc-verdeelsleutel",
                     notes=notes, name=f"verdeelsleutel-{key.name}")


def _allocated(ctx: PageContext, cijfer: str, naam: str, afronding: str
               ) -> tuple[Verdeelsleutels, Organisation, Sleutel, Figure,
                          allocation.Allocation, str]:
    record, org, key = _context(ctx, naam)
    unit, words = _unit(afronding)
    fig, amount = _amount(ctx, cijfer)
    share = shares_of(record, key.name)
    result = allocation.allocate(amount, {g.slug: share[g.slug] for g in org.gemeenten}, unit)
    return record, org, key, fig, result, words


def _part_figure(record: Verdeelsleutels, key: Sleutel, fig: Figure, result:
                 allocation.Allocation, slug: str, naam: str, words: str) -> Figure:
    """One gemeente's amount: its sources are the total's and the key's lines."""
    part = result.part(slug)
    share = fmt.percent(allocation.percent(part.share), key.decimals)
    sources = (*fig.sources, *(s for s in sources_of(record, key.name) if s not in fig.sources))
    total = Figure(result.total, Unit.EURO, fig.sources, fig.label,
                   decimals=_decimals(result.unit))
    return Figure(part.amount, Unit.EURO, sources, f"Bijdrage {naam}",
                  computed=f"aandeel {share} van {total.text()} ({fig.label}) volgens "
                           f"verdeelsleutel {key.name}, {_method(words)}",
                  decimals=_decimals(result.unit))


def macro_verdeling(ctx: PageContext, cijfer: str, verdeelsleutel: str,
                    afronding: str = "cent") -> Markup:
    """A money figure of the page divided over the gemeenten by a key: per gemeente its
    share and amount, and a total row equal to the figure (rounded to the unit)."""
    record, org, key, fig, result, words = _allocated(ctx, cijfer, verdeelsleutel, afronding)
    columns = [html.Column("Gemeente"), html.Column("Aandeel", numeric=True),
               html.Column("Bedrag", numeric=True)]
    rows = []
    for g in org.gemeenten:
        share = share_figure(record, key, g.slug, g.naam)
        amount = _part_figure(record, key, fig, result, g.slug, g.naam, words)
        rows.append(html.Row([_name_cell(ctx, g.naam, g.slug), share.html(), amount.html()],
                             raw=[g.naam, share.value, amount.value]))
    whole = _percent_figure(Decimal(100), sources_of(record, key.name),
                            f"Totaal verdeelsleutel {key.name}", key, "som van de aandelen")
    rounded = result.total != result.amount
    total = Figure(result.total, Unit.EURO, fig.sources, fig.label,
                   computed=f"{fig.text()} afgerond {words}" if rounded else None,
                   decimals=_decimals(result.unit))
    rows.append(html.Row([html.text("Totaal"), whole.html(), total.html()], kind="total",
                         raw=["Totaal", whole.value, total.value]))
    caption = (f"{fig.label}: verdeling volgens verdeelsleutel {key.name} ({key.label}), "
               f"{_method(words)}")
    notes: list[html.Content] = [
        "Elke gemeente krijgt eerst haar precieze deel, naar beneden afgerond; wat dan nog "
        "over is, gaat per eenheid naar de gemeenten met de grootste afgeronde rest. Zo "
        "tellen de bedragen precies op tot het totaal."]
    if rounded:
        notes.append(f"Het bedrag {fig.text()} is eerst afgerond {words}: {total.text()}.")
    notes += _rounding_note(record, key)
    return ctx.table(caption, columns, rows, cls="pc-verdeling", notes=notes,
                     name=f"verdeling-{key.name}")


def macro_bijdrage(ctx: PageContext, cijfer: str, verdeelsleutel: str,
                   gemeente: str | None = None, afronding: str = "cent") -> Markup:
    """One gemeente's part of a money figure by a key; on a gemeente's edition its own."""
    slug = gemeente if gemeente is not None else ctx.edition
    record, org, key, fig, result, words = _allocated(ctx, cijfer, verdeelsleutel, afronding)
    if slug is None:
        example = org.gemeenten[0].slug
        raise MacroError(
            "bijdrage() op het hele document moet weten van welke gemeente",
            code="macro-argumenten",
            hint=f"schrijf bijv. bijdrage('{cijfer}', '{verdeelsleutel}', "
                 f"gemeente='{example}'); in de editie van een gemeente is het haar eigen "
                 "bijdrage")
    found = org.gemeente(str(slug))
    if found is None:
        known = [g.slug for g in org.gemeenten]
        guess = suggest(str(slug), known)
        raise MacroError(f"gemeente '{slug}' hoort niet bij {org.korte_naam}",
                         code="onbekende-gemeente", key=str(slug),
                         hint=f"bedoelde u '{guess}'?" if guess else
                         "gemeenten: " + ", ".join(known))
    return _part_figure(record, key, fig, result, found.slug, found.naam, words).html()


SPEC = BlockSpec(
    kind="verdeelsleutels",
    label="Verdeelsleutels",
    summary="Verdeelsleutels van een gemeenschappelijke regeling: aantallen, vaste "
            "percentages en mengsleutels, met het aandeel van elke gemeente",
    extensions=("yaml",),
    load=load,
    figures=figures,
    validate=validate,
    facts=facts,
    wording=(
        Wording("aandeel", changed="Ander aandeel: {label}, van {old} naar {new}{delta}.",
                added="Nieuw aandeel: {label}, {text}.",
                dropped="Aandeel vervallen: {label} (was {text})."),
    ),
    macros=(
        MacroSpec("verdeelsleutel", macro_verdeelsleutel,
                  "Tabel: een verdeelsleutel met per gemeente het aantal of percentage en "
                  "het aandeel, peildatum en bron.",
                  "{{ verdeelsleutel('inwoners') }}"),
        MacroSpec("verdeling", macro_verdeling,
                  "Tabel: een bedrag verdeeld over de gemeenten volgens een verdeelsleutel, "
                  "precies tot op de cent.",
                  "{{ verdeling('berekeningen.bijdrage_totaal', 'inwoners') }}"),
        MacroSpec("bijdrage", macro_bijdrage,
                  "Het deel van één gemeente van een bedrag volgens een verdeelsleutel; in de "
                  "editie van een gemeente haar eigen deel.",
                  "{{ bijdrage('berekeningen.bijdrage_totaal', 'inwoners') }}"),
    ),
)
