"""Weerstandsvermogen: the benodigde weerstandscapaciteit simulated from the risk register,
the beschikbare capaciteit, their ratio and its class (the paragraaf weerstandsvermogen).

`data/<org>/<year>/weerstandsvermogen.yaml` holds the settings of the simulation and the
beschikbare weerstandscapaciteit; the risks come from `risicos.yaml` next to it, read with
the classes of `risicoprofiel.yaml` (`risicos.simulated`: which risks count and how a class
or a band becomes a probability and an amount):

```yaml
zaad: 2025                      # the seed: the same data and seed give the same figures
trekkingen: 100000              # optional, default 100.000 simulated years
zekerheid: 90%                  # optional, default 90%
norm: 1.0                       # optional: the organisation's own minimum ratio
verdeelsleutel: inwoners        # optional: each gemeente's share (verdeelsleutels.yaml)
beschikbaar:                    # optional: the beschikbare weerstandscapaciteit
  - naam: Algemene reserve
    bedrag: 1450000
    bron: Jaarrekening 2023, balans
  - naam: Bestemmingsreserve sociaal domein
    cijfer: kerncijfers.reserves.sociaal_domein     # a money figure of the data
    inzetbaar: 50%                                  # optional: the part that counts
klassen:                        # optional: the organisation's own class table
  - {vanaf: 0, klasse: F, betekenis: ruim onvoldoende}
  - ...
```

The simulation is `pcdocs.model.simulation.simulate` (its module text gives the model, the
percentile and the contribution of a risk). Its result is kept in the build cache under the
hash of its inputs (the risks as the simulation reads them, the settings and numpy's
version), so a rebuild without changes simulates nothing (kind `simulaties`, as the charts
are kept under `grafieken`).

The ratio is beschikbare / benodigde capaciteit rounded to 2 decimals (half away from zero),
classified as written (a ratio on a bound belongs to the higher class). A ratio below the
`norm` is a warning (`weerstand-onder-norm`) at the norm's line.

The figures are computed through the page's data scope (a `Derived` record, as berekeningen
are), so `risicos.yaml` and `risicoprofiel.yaml` are sources of every page that shows one of
them, and the PDF attaches them. Each simulated figure names how it was made: "gesimuleerd:
100.000 trekkingen, zaad 2025, uit data/<org>/<year>/weerstandsvermogen.yaml:<line>".
"""

from __future__ import annotations

import hashlib
import json
import weakref
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
from markupsafe import Markup

from pcdocs.blocks import organisatie, risicoprofiel, risicos, verdeelsleutels
from pcdocs.blocks.datasets import DataScope, DataStore, Placed
from pcdocs.blocks.spec import BlockSpec, Checking, Comparing, MacroSpec, Wording
from pcdocs.errors import DataError, Finding, MacroError, PcdocsError
from pcdocs.model import allocation, fmt, simulation
from pcdocs.model.facts import Fact, canonical
from pcdocs.model.figures import Figure, Kind, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.organisation import Organisation, slugify
from pcdocs.model.schema import Reader, suggest
from pcdocs.model.values import percent_value
from pcdocs.render import charts, html
from pcdocs.render.page import PageContext
from pcdocs.support import cache
from pcdocs.support.cache import Layered

KIND = "weerstandsvermogen"
RESULTS = "simulaties"  # the build cache's kind for simulation results
_EURO = Decimal(1)
_RATIO = Decimal("0.01")


# -- the record ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Component:
    """One part of the beschikbare weerstandscapaciteit: an amount, or a money figure of the
    data (`cijfer`), of which the part `inzetbaar` (percent) counts."""

    naam: str
    bedrag: Decimal | None
    cijfer: str | None
    inzetbaar: Decimal | None
    bron: str | None
    source: Source

    @property
    def slug(self) -> str:
        return slugify(self.naam).replace("-", "_")


class _Place(Placed):
    """Where a loaded record lies, the store that reads what it is computed from, and the
    simulation results (the build cache's, and decoded in memory). Not a record field the
    disk cache writes: `DataStore.load` binds it after loading."""

    def __init__(self, store: DataStore, path: Path) -> None:
        super().__init__(store, path, KIND)
        self.results: MutableMapping[str, bytes] = Layered(store.disk, RESULTS)
        self.decoded: dict[str, simulation.Result] = {}
        self.analyses: weakref.WeakKeyDictionary[DataScope, Analysis] = \
            weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Weerstandsvermogen:
    file: str
    seed: int
    seed_source: Source
    draws: int
    draws_source: Source | None
    certainty: Decimal  # a fraction, 0.90
    certainty_source: Source | None
    norm: Decimal | None
    norm_source: Source | None
    verdeelsleutel: str | None
    verdeelsleutel_source: Source | None
    components: tuple[Component, ...]
    classes: tuple[tuple[Decimal, str, str], ...] | None  # (vanaf, klasse, betekenis)
    classes_source: Source | None
    place: _Place | None = field(default=None, compare=False, repr=False)

    # -- Derived (pcdocs.blocks.datasets) ------------------------------------------------
    def bound(self, store: DataStore, path: Path) -> Weerstandsvermogen:
        return replace(self, place=_Place(store, path))

    def names(self) -> list[str]:
        """The names of the figures, as the file's own folder gives them (the static ones
        when that folder's data does not compute: asking for one then says why)."""
        if self.place is not None:
            try:
                return list(analysis(self, self.place.scope()).figures)
            except PcdocsError:
                pass
        return ["benodigd", "verwacht", *(f"p{p}" for p in simulation.PERCENTILES)]

    def compute(self, scope: DataScope, name: str) -> Figure:
        found = analysis(self, scope).figures
        if name not in found:
            guess = suggest(name, list(found))
            raise MacroError(f"cijfer '{KIND}.{name}' bestaat niet in de gegevens",
                             code="onbekend-cijfer", key=f"{KIND}.{name}",
                             hint=f"bedoelde u '{KIND}.{guess}'?" if guess else
                             "beschikbaar: " + ", ".join(f"{KIND}.{k}" for k in list(found)[:12]))
        return found[name]

    @property
    def provenance(self) -> str:
        return (f"gesimuleerd: {fmt.number(self.draws, 0)} trekkingen, zaad {self.seed}, "
                f"uit {self.seed_source.ref()}")


# -- reading ------------------------------------------------------------------------------


def _percent(r: Reader, key: str, what: str) -> tuple[Decimal, Source]:
    """A percentage (`90%` or 90) and its line."""
    return percent_value(r, key, what), r.source(key)


def _seed(r: Reader) -> int:
    value = r.integer("zaad", minimum=0)
    if value > simulation.MAX_SEED:
        raise r.error("zaad", f"{value} is te groot voor een zaad", code="buiten-bereik",
                      hint="kies een geheel getal tot 9,2 triljoen, bijv. het jaar: 2025")
    return value


def _draws(r: Reader) -> tuple[int, Source | None]:
    if not r.has("trekkingen"):
        r.optional("trekkingen")
        return simulation.DEFAULT_DRAWS, None
    value = r.integer("trekkingen")
    if not simulation.MIN_DRAWS <= value <= simulation.MAX_DRAWS:
        raise r.error("trekkingen", f"{fmt.number(value, 0)} trekkingen ligt niet tussen "
                                    f"{fmt.number(simulation.MIN_DRAWS, 0)} en "
                                    f"{fmt.number(simulation.MAX_DRAWS, 0)}",
                      code="trekkingen", hint="de standaard is 100.000; laat 'trekkingen' weg "
                                              "of kies een getal in dat bereik")
    return value, r.source("trekkingen")


def _certainty(r: Reader) -> tuple[Decimal, Source | None]:
    if not r.has("zekerheid"):
        r.optional("zekerheid")
        return simulation.DEFAULT_CERTAINTY, None
    value, source = _percent(r, "zekerheid", "Zekerheid")
    if not 0 < value < 100:
        raise r.error("zekerheid", f"een zekerheid van {fmt.percent(value)} kan niet",
                      code="buiten-bereik", hint="kies een percentage tussen 0% en 100%, "
                                                 "meestal 90%")
    return value / 100, source


def _component(item: Reader) -> Component:
    naam = item.text("naam")
    amount = item.opt_measure("bedrag", Unit.EURO, Kind.MAGNITUDE)
    ref = item.opt_text("cijfer")
    if (amount is None) == (ref is None):
        raise item.error("naam", f"{naam}: geef óf 'bedrag' (in euro) óf 'cijfer' (een "
                                 "bedrag uit de gegevens)", code="ontbrekende-sleutel",
                         hint="bijv. 'bedrag: 1450000' of 'cijfer: kerncijfers.reserves."
                              "algemeen'")
    usable = None
    if item.has("inzetbaar"):
        usable, _ = _percent(item, "inzetbaar", "Inzetbaar deel")
    else:
        item.optional("inzetbaar")
    bron = item.opt_text("bron")
    item.done()
    return Component(naam, amount, ref, usable, bron, Source(item.file, item.line, item.path))


def _classes(r: Reader) -> tuple[tuple[tuple[Decimal, str, str], ...] | None, Source | None]:
    if not r.has("klassen"):
        r.optional("klassen")
        return None, None
    rows = []
    for item in r.items("klassen"):
        rows.append((item.measure("vanaf", Unit.NUMBER, Kind.MAGNITUDE), item.text("klasse"),
                     item.text("betekenis")))
        item.done()
    source = r.source("klassen")
    simulation.class_table(rows, source)  # refused at the table's line
    return tuple(rows), source


def load(path: Path, rel: str) -> Weerstandsvermogen:
    r = Reader(load_yaml(path, rel), rel)
    seed = _seed(r)
    draws, draws_source = _draws(r)
    certainty, certainty_source = _certainty(r)
    norm = r.opt_measure("norm", Unit.NUMBER, Kind.MAGNITUDE)
    key = r.opt_code("verdeelsleutel")
    components = tuple(_component(item) for item in r.items("beschikbaar", required=False))
    names = [c.slug for c in components]
    for component, name in zip(components, names, strict=True):
        if names.count(name) > 1:
            s = component.source
            raise DataError(f"beschikbaar: '{component.naam}' staat dubbel", file=s.file,
                            line=s.line, key=s.key, code="dubbele-code",
                            hint="geef elk onderdeel van de capaciteit een eigen naam")
    classes, classes_source = _classes(r)
    r.done()
    return Weerstandsvermogen(
        rel, seed, r.source("zaad"), draws, draws_source, certainty, certainty_source,
        norm, r.source("norm") if norm is not None else None, key,
        r.source("verdeelsleutel") if key is not None else None, components, classes,
        classes_source)


# -- the simulation and its cache ---------------------------------------------------------


def _impact_json(impact: simulation.Impact) -> list[str]:
    if isinstance(impact, simulation.Fixed):
        return ["vast", str(impact.amount)]
    if isinstance(impact, simulation.Uniform):
        return ["uniform", str(impact.minimum), str(impact.maximum)]
    return ["driehoek", str(impact.minimum), str(impact.most_likely), str(impact.maximum)]


def cache_name(record: Weerstandsvermogen, sim: risicos.Simulation) -> str:
    """The content key of a simulation: the risks as the simulation reads them, their
    groups, the settings and numpy's version (numpy does not promise the same random
    numbers across versions)."""
    payload = {
        "risks": [[r.input.code, str(r.input.kans), _impact_json(r.input.impact)]
                  for r in sim.risks],
        "groups": [[list(d.codes), str(d.coefficient)] for d in sim.dependences],
        "draws": record.draws, "seed": record.seed, "certainty": str(record.certainty),
        "numpy": np.__version__,
    }
    blob = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


def result_from_json(data: bytes) -> simulation.Result:
    """The result `Result.as_json` wrote (ValueError, KeyError or TypeError for anything
    else); its `as_json()` gives the same bytes back."""
    raw = json.loads(data)
    if not isinstance(raw, dict):
        raise ValueError("not a simulation result")
    result = simulation.Result(
        draws=int(raw["draws"]), seed=int(raw["seed"]), certainty=Decimal(raw["certainty"]),
        expected=Decimal(raw["expected"]),
        percentiles={int(p): Decimal(v) for p, v in raw["percentiles"].items()},
        required=Decimal(raw["required"]), tail_mean=Decimal(raw["tail_mean"]),
        tail_draws=int(raw["tail_draws"]),
        contributions=tuple(simulation.Contribution(c["code"], Decimal(c["tail"]),
                                                    Decimal(c["expected"]))
                            for c in raw["contributions"]),
        cdf=tuple(simulation.CdfPoint(Decimal(a), int(n), Decimal(s)) for a, n, s in raw["cdf"]),
        numpy_version=str(raw["numpy"]))
    if result.as_json().encode() != data:
        raise ValueError("not in the canonical form")
    return result


def simulate(record: Weerstandsvermogen, sim: risicos.Simulation) -> simulation.Result:
    """The simulation of these risks with the record's settings, from the cache when these
    exact inputs were simulated before."""
    place = record.place
    name = cache_name(record, sim)
    if place is not None and name in place.decoded:
        return place.decoded[name]
    if place is not None and name in place.results:
        try:
            result = result_from_json(place.results[name])
        except (ValueError, KeyError, TypeError, ArithmeticError):
            # signed by this machine but not a result this code reads: made again
            place.store.disk.reject(RESULTS, cache.key(RESULTS, name))
            del place.results[name]
        else:
            place.decoded[name] = result
            return result
    inputs = [r.input for r in sim.risks]
    try:
        result = simulation.simulate(inputs, record.draws, record.seed, record.certainty,
                                     sim.dependences)
    except DataError as exc:
        f = exc.finding
        if f.file is None:  # a setting (draws, seed): at the file's settings
            raise DataError(f.message, file=record.file, line=record.seed_source.line,
                            key=f.key, code=f.code, hint=f.hint) from None
        raise
    if place is not None:
        place.results[name] = result.as_json().encode()
        place.decoded[name] = result
    return result


# -- the analysis: everything a page shows ------------------------------------------------


@dataclass(frozen=True)
class Capacity:
    component: Component
    amount: Decimal  # whole euros
    figure: Figure


@dataclass(frozen=True)
class Analysis:
    record: Weerstandsvermogen
    register: risicos.Register
    sim: risicos.Simulation
    result: simulation.Result
    capacity: tuple[Capacity, ...]
    available: Decimal | None  # None without `beschikbaar`
    ratio: Decimal | None  # None without capacity, or when nothing is needed
    klasse: simulation.RatioClass | None
    table: tuple[simulation.RatioClass, ...]
    shares: dict[str, Decimal]  # gemeente slug -> part of the benodigde capaciteit
    share_of: dict[str, Fraction]  # gemeente slug -> share in the verdeelsleutel
    names: dict[str, str]  # gemeente slug -> name
    figures: dict[str, Figure]

    @property
    def sources(self) -> tuple[Source, ...]:
        """The settings' lines, then every line the risks were read from."""
        r = self.record
        own = [s for s in (r.seed_source, r.draws_source, r.certainty_source) if s is not None]
        return tuple(dict.fromkeys([*own, *(s for x in self.sim.risks
                                            for s in x.sources)]))

    def ratio_at(self, amount: Decimal) -> Decimal | None:
        if self.available is None or amount <= 0:
            return None
        return (self.available / amount).quantize(_RATIO, rounding=ROUND_HALF_UP)

    def risk(self, code: str) -> risicos.Simulated:
        return next(r for r in self.sim.risks if r.input.code == code)


def analysis(record: Weerstandsvermogen, scope: DataScope) -> Analysis:
    """The simulation and everything computed from it, with the data `scope` reads (the
    register, the profile, the figures the capacity names, the verdeelsleutel)."""
    place = record.place
    if place is not None and scope in place.analyses:
        return place.analyses[scope]
    register = scope.record(risicos.SPEC)
    profile = _profile(scope)
    sim = risicos.simulated(register, profile)
    if not sim.risks:
        raise DataError(f"{register.file} heeft geen materiële risico's om te simuleren",
                        file=record.file, line=record.seed_source.line, key="zaad",
                        code="lege-lijst",
                        hint="de simulatie telt de materiële risico's van het register")
    result = simulate(record, sim)
    capacity = tuple(_capacity(c, scope) for c in record.components)
    available = sum((c.amount for c in capacity), Decimal(0)) if capacity else None
    table = simulation.class_table(record.classes, record.classes_source) \
        if record.classes is not None else simulation.DEFAULT_CLASSES
    ratio = klasse = None
    if available is not None and result.required > 0:
        ratio = (available / result.required).quantize(_RATIO, rounding=ROUND_HALF_UP)
        klasse = simulation.ratio_class(ratio, table)
    elif available is not None:
        klasse = table[-1]  # nothing needed: an infinite ratio
    share_of, names = _key(record, scope)
    shares = {}
    if share_of:
        split = allocation.allocate(result.required, share_of, _EURO)
        shares = split.amounts
    found = Analysis(record, register, sim, result, capacity, available, ratio, klasse, table,
                     shares, share_of, names, {})
    found = replace(found, figures=_figures(found))
    if place is not None:
        place.analyses[scope] = found
    return found


def _profile(scope: DataScope) -> risicoprofiel.Profile | None:
    """The profile, when there is one (a register of percentages and amounts needs none)."""
    if scope.locate(risicoprofiel.SPEC) is None:
        return None
    return scope.record(risicoprofiel.SPEC)


_NAMED_WRONG = frozenset({"onbekend-cijfer", "onbekende-dataset", "bestand-ontbreekt"})


def _capacity(component: Component, scope: DataScope) -> Capacity:
    s = component.source
    label = f"Beschikbare capaciteit: {component.naam}"
    if component.bedrag is not None:
        fig = Figure(component.bedrag, Unit.EURO, (s,), label, decimals=0)
        value = component.bedrag
    else:
        assert component.cijfer is not None
        try:
            fig = scope.figure(component.cijfer)
        except PcdocsError as exc:  # an unknown figure or file: at the component's line
            f = exc.finding
            if f.code not in _NAMED_WRONG:
                raise  # (the file it names is broken: at that file's line)
            raise DataError(f"{component.naam}: {f.message}", file=s.file, line=s.line,
                            key=s.key, code=f.code, hint=f.hint) from None
        number = fig.numeric()
        if fig.unit is not Unit.EURO or number is None:
            raise DataError(f"{component.naam}: '{component.cijfer}' is geen bedrag in euro",
                            file=s.file, line=s.line, key=s.key, code="geen-bedrag",
                            hint="noem een cijfer met eenheid euro")
        if number < 0:
            raise DataError(f"{component.naam}: '{component.cijfer}' is negatief "
                            f"({fmt.euro(number)})", file=s.file, line=s.line, key=s.key,
                            code="buiten-bereik",
                            hint="de beschikbare capaciteit telt wat er is: laat een tekort "
                                 "weg of noem het in de tekst")
        value = number
        fig = replace(fig, sources=(s, *fig.sources))
    if component.inzetbaar is not None:
        part = (value * component.inzetbaar / 100).quantize(_EURO, rounding=ROUND_HALF_UP)
        fig = Figure(part, Unit.EURO, fig.sources, label, decimals=0,
                     computed=f"{fmt.percent(component.inzetbaar)} van {fmt.euro(value)}")
        value = part
    amount = value.quantize(_EURO, rounding=ROUND_HALF_UP)
    if amount != value:
        fig = replace(fig, value=amount, decimals=0,
                      computed=((fig.computed + "; ") if fig.computed else "")
                      + "afgerond op hele euro's")
    return Capacity(component, amount, replace(fig, label=label))


def _key(record: Weerstandsvermogen, scope: DataScope
         ) -> tuple[dict[str, Fraction], dict[str, str]]:
    """Each gemeente's share in the record's verdeelsleutel, and its name."""
    if record.verdeelsleutel is None:
        return {}, {}
    keys = scope.record(verdeelsleutels.SPEC)
    key = keys.get(record.verdeelsleutel)
    s = record.verdeelsleutel_source
    assert s is not None
    if key is None:
        guess = suggest(record.verdeelsleutel, keys.names)
        raise DataError(f"verdeelsleutel '{record.verdeelsleutel}' staat niet in {keys.file}",
                        file=s.file, line=s.line, key=s.key, code="onbekende-verdeelsleutel",
                        hint=f"bedoelde u '{guess}'?" if guess else
                        "bekend zijn: " + ", ".join(keys.names))
    shares = verdeelsleutels.shares_of(keys, key.name)
    org = _organisation(scope)
    names = {slug: _gemeente(org, slug) for slug in shares}
    return dict(shares), names


def _organisation(scope: DataScope) -> Organisation | None:
    if scope.locate(organisatie.SPEC) is None:
        return None
    return scope.record(organisatie.SPEC)


def _gemeente(org: Organisation | None, slug: str) -> str:
    found = org.gemeente(slug) if org is not None else None
    return found.naam if found is not None else slug.capitalize()


# -- figures ------------------------------------------------------------------------------


def as_percent(fraction: Decimal) -> Decimal:
    """0.90 -> 90 (no trailing zeros, no exponent)."""
    value = (fraction * 100).normalize()
    exponent = value.as_tuple().exponent
    return value.quantize(_EURO) if isinstance(exponent, int) and exponent > 0 else value


def percent_text(fraction: Decimal) -> str:
    """0.90 -> '90%', 0.975 -> '97,5%'."""
    return fmt.percent(as_percent(fraction))


def _figures(a: Analysis) -> dict[str, Figure]:
    r, res = a.record, a.result
    sources, made = a.sources, r.provenance
    certainty = percent_text(r.certainty)

    def simulated(value: Decimal, label: str) -> Figure:
        return Figure(value, Unit.EURO, sources, label, computed=made, decimals=0)

    found = {
        "benodigd": simulated(res.required, f"Benodigde weerstandscapaciteit ({certainty} "
                                            "zekerheid)"),
        "verwacht": simulated(res.expected, "Verwachte waarde van de risico's per jaar "
                                            "(gemiddelde van alle gesimuleerde jaren)"),
        **{f"p{p}": simulated(v, f"Benodigde weerstandscapaciteit bij "
                                 f"{fmt.percent(Decimal(p))} zekerheid")
           for p, v in res.percentiles.items()},
        "staartgemiddelde": simulated(res.tail_mean, "Gemiddelde van de gesimuleerde jaren "
                                                     "vanaf de benodigde capaciteit"),
        "zekerheid": Figure(as_percent(r.certainty), Unit.PERCENT,
                            (r.certainty_source or r.seed_source,), "Zekerheid",
                            computed=None if r.certainty_source else "standaard"),
        "trekkingen": Figure(r.draws, Unit.COUNT, (r.draws_source or r.seed_source,),
                             "Aantal trekkingen (gesimuleerde jaren)",
                             computed=None if r.draws_source else "standaard"),
        "zaad": Figure(str(r.seed), Unit.TEXT, (r.seed_source,), "Zaad van de simulatie"),
        "risicos": Figure(len(a.sim.risks), Unit.COUNT,
                          tuple(x.risk.source for x in a.sim.risks),
                          "Aantal gesimuleerde risico's",
                          computed="de materiële risico's van het register"),
    }
    for c in res.contributions:
        code = c.code.lower()
        found[f"risico.{code}.bijdrage"] = simulated(
            c.tail, f"Bijdrage van risico {c.code} aan de ongunstigste jaren")
        found[f"risico.{code}.gemiddeld"] = simulated(
            c.expected, f"Gemiddeld bedrag per jaar van risico {c.code}")
    if a.available is not None:
        parts = tuple(s for c in a.capacity for s in c.figure.sources)
        found["beschikbaar"] = Figure(
            a.available, Unit.EURO, parts, "Beschikbare weerstandscapaciteit", decimals=0,
            computed=" + ".join(c.component.naam for c in a.capacity))
        for part in a.capacity:
            found[f"capaciteit.{part.component.slug}"] = part.figure
    if a.ratio is not None:
        found["ratio"] = Figure(a.ratio, Unit.NUMBER, (*found["beschikbaar"].sources,
                                                       *sources),
                                "Ratio weerstandsvermogen (beschikbaar / benodigd)",
                                computed=f"{fmt.euro(a.available or 0, 0)} / "
                                         f"{fmt.euro(res.required, 0)}; {made}", decimals=2)
    if a.klasse is not None:
        why = (f"ratio {fmt.number(a.ratio, 2)} in de klassentabel" if a.ratio is not None
               else "er is geen benodigde capaciteit")
        table = (r.classes_source,) if r.classes_source else ()
        found["klasse"] = Figure(a.klasse.klasse, Unit.TEXT, (*table, *sources),
                                 "Klasse weerstandsvermogen", computed=f"{why}; {made}")
        found["betekenis"] = Figure(a.klasse.label, Unit.TEXT, (*table, *sources),
                                    "Betekenis van de klasse", computed=f"{why}; {made}")
    if r.norm is not None and r.norm_source is not None:
        found["norm"] = Figure(r.norm, Unit.NUMBER, (r.norm_source,),
                               "Eigen norm voor de ratio weerstandsvermogen",
                               decimals=max(2, fmt.decimals_of(r.norm)))
    for slug, amount in a.shares.items():
        share = allocation.percent(a.share_of[slug], 2)
        found[f"aandeel.{slug}"] = Figure(
            amount, Unit.EURO, (*sources, *(() if r.verdeelsleutel_source is None
                                            else (r.verdeelsleutel_source,))),
            f"Aandeel {a.names[slug]} in de benodigde weerstandscapaciteit", decimals=0,
            computed=f"{fmt.percent(share, 2)} van {fmt.euro(res.required, 0)} volgens "
                     f"verdeelsleutel {r.verdeelsleutel} ({verdeelsleutels.METHOD}, op hele "
                     f"euro's); {made}")
    return found


def figures(record: Weerstandsvermogen) -> dict[str, Figure]:
    """The figures computed with the data of the file's own folder (none when they do not
    compute: `check` says why)."""
    if record.place is None:
        return {}
    try:
        return dict(analysis(record, record.place.scope()).figures)
    except PcdocsError:
        return {}


# -- checking -----------------------------------------------------------------------------


def validate(record: Weerstandsvermogen, checking: Checking) -> list[Finding]:
    """The simulation run with the data of each document that reads the file (or of its own
    folder): each problem once, at its line (in this file, the register or the profile); a
    ratio below the organisation's own norm is a warning at the norm."""
    if record.place is None:
        return []
    own = record.place.folder()
    folders = sorted({d.data_folder for d in checking.documents}) or [own]
    found: dict[tuple[object, ...], Finding] = {}
    for folder in folders:
        try:
            scope = record.place.scope(folder)
            result = analysis(record, scope)
        except PcdocsError as exc:
            f = exc.finding
            found.setdefault((f.file, f.line, f.code, f.message), f)
            continue
        if record.norm is not None and result.ratio is not None and result.ratio < record.norm:
            s = record.norm_source
            assert s is not None
            where = "" if folder == own else f" (met de gegevens van data/{folder}/)"
            f = Finding("warning", "weerstand-onder-norm", s.file, s.line,
                        f"de ratio weerstandsvermogen {fmt.number(result.ratio, 2)} ligt onder "
                        f"de eigen norm van {fmt.number(record.norm, 2)}{where}", key=s.key,
                        hint="benoem in de paragraaf weerstandsvermogen hoe de organisatie de "
                             "ratio weer op de norm brengt (meer capaciteit of minder risico)")
            found.setdefault((f.file, f.line, f.code, f.message), f)
    return list(found.values())


# -- comparing ----------------------------------------------------------------------------


_SETTINGS_FIGURES = ("zekerheid", "trekkingen", "zaad")


def category(key: str, fig: Figure) -> tuple[str, str | None]:
    if key == "klasse":
        return "weerstand-klasse", None
    if key in _SETTINGS_FIGURES:
        return "cijfer", None
    return "weerstand", None


def _expected_loss(r: risicos.Simulated) -> Decimal:
    """kans x average amount, exact, in whole euros: a risk's size that changes only when
    the risk itself does (the simulated averages move a little with every other risk)."""
    impact = r.input.impact
    if isinstance(impact, simulation.Fixed):
        mean = impact.amount
    elif isinstance(impact, simulation.Uniform):
        mean = (impact.minimum + impact.maximum) / 2
    else:
        mean = (impact.minimum + impact.most_likely + impact.maximum) / 3
    return (r.input.kans * mean).quantize(_EURO, rounding=ROUND_HALF_UP)


def facts(record: Weerstandsvermogen, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """The ratio, its class, the benodigde and beschikbare capaciteit (as named figures), and
    each simulated risk: how it is read (kans and amount: added, dropped or re-rated) and
    its expected loss (kans x average amount), which also weighs the risk's addition, removal
    or re-rating, so that the largest effect is listed first. On a
    gemeente's edition only its own share."""
    skip = {"betekenis", "staartgemiddelde", "risicos", "risico",
            *(f"p{p}" for p in simulation.PERCENTILES)}
    if record.place is None:
        return [], skip
    try:
        a = analysis(record, record.place.scope())
    except PcdocsError:
        return [], skip
    if comparing.edition is not None:
        skip |= {f"aandeel.{slug}" for slug in a.shares if slug != comparing.edition}
    found = []
    for r in a.sim.risks:
        code = r.input.code
        label = f"Risico {code} ({r.risk.titel})"
        text = f"kans {r.kans_text}, bedrag {r.impact_text}"
        loss = _expected_loss(r)
        found.append(Fact(KIND, f"risico.{code.lower()}", "weerstand-risico", label, text, text,
                          weight=loss))
        found.append(Fact(KIND, f"risico.{code.lower()}.verwacht", "weerstand",
                          f"Verwachte schade per jaar van risico {code} (kans × gemiddeld "
                          "bedrag)", canonical(loss), fmt.euro(loss, 0),
                          f"risico.{code.lower()}"))
    return found, skip


# -- the chart ----------------------------------------------------------------------------


def _scale(top: Decimal) -> tuple[Decimal, str]:
    """(divisor, unit words) for the amounts of a chart axis."""
    if top >= 1_000_000:
        return Decimal(1_000_000), "mln."
    return Decimal(1000), "duizend"


def _short(amount: Decimal, top: Decimal) -> str:
    """'€ 2,6 mln.' or '€ 450 duizend'."""
    divisor, words = _scale(top)
    places = 1 if divisor > 1000 else 0
    return f"{fmt.euro((amount / divisor).quantize(Decimal(1).scaleb(-places)), places)} " \
           f"{words}"


def cumulative_chart(points: Sequence[tuple[Decimal, Decimal]], required: Decimal,
                     certainty: Decimal, available: Decimal | None, title: str,
                     source: str) -> bytes:
    """The cumulative distribution of the simulated totals (a step line: the share of the
    years, 0-100%, with a total of at most each amount), the chosen certainty marked by a
    dotted line to the benodigde capaciteit and a labelled marker, and the beschikbare
    capaciteit as a dashed vertical line with its label (line styles and words, not colour
    alone). Drawn in the house style of `pcdocs.render.charts`."""
    from matplotlib.lines import Line2D

    plt = charts._pyplot()
    with plt.rc_context(charts.RC):
        top = max([points[-1][0], required, available or Decimal(0)])
        divisor, words = _scale(top)
        xs = [float(a / divisor) for a, _ in points]
        ys = [float(s * 100) for _, s in points]
        right = float(top / divisor) * 1.08 or 1.0
        fig, ax = plt.subplots(figsize=(charts.WIDTH_IN, 4.3))
        ax.step([xs[0], *xs, right], [0.0, *ys, 100.0], where="post", color=charts.BLUE,
                linewidth=2)
        need, level = float(required / divisor), float(certainty * 100)
        ax.plot([0, need], [level, level], color=charts.TEXT, linestyle=":", linewidth=1.2)
        ax.plot([need, need], [0, level], color=charts.TEXT, linestyle=":", linewidth=1.2)
        ax.plot([need], [level], marker="o", color=charts.VERMILLION, markersize=7)
        handles = [Line2D([0], [0], color=charts.TEXT, linestyle=":", marker="o",
                          markerfacecolor=charts.VERMILLION, markeredgecolor=charts.VERMILLION,
                          label=f"{percent_text(certainty)} zekerheid: "
                                f"{_short(required, top)} nodig")]
        if available is not None:
            have = float(available / divisor)
            ax.axvline(have, color=charts.GREEN, linestyle="--", linewidth=1.6)
            handles.append(Line2D([0], [0], color=charts.GREEN, linestyle="--",
                                  linewidth=1.6,
                                  label=f"beschikbaar: {_short(available, top)}"))
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=1,
                  frameon=False, fontsize=charts.FONT, borderaxespad=0.2)
        ax.set_xlim(0, right)
        ax.set_ylim(0, 102)
        ax.set_yticks([0, 25, 50, 75, 100],
                      [fmt.percent(Decimal(v)) for v in (0, 25, 50, 75, 100)])
        ax.xaxis.set_major_locator(charts._few_ticks(5))
        ax.xaxis.set_major_formatter(charts._formatter(1 if right < 10 else 0))
        unit = "miljoenen" if words == "mln." else "duizenden"
        ax.set_xlabel(f"Totaal per jaar (in {unit} euro's)", loc="left")
        ax.set_ylabel("Jaren met ten hoogste dit totaal", loc="top")
        charts._frame(fig, title, f"Bron: {source}")
        return charts._save(fig)


# -- macros -------------------------------------------------------------------------------


def _analysis(ctx: PageContext) -> Analysis:
    record: Weerstandsvermogen = ctx.record(SPEC)
    return analysis(record, ctx.require_scope())


def _cell(a: Analysis, key: str, form: str | None = None) -> Markup:
    return a.figures[key].html(form)


def _method_note(a: Analysis) -> Markup:
    r = a.record
    left = (Markup(" Niet gesimuleerd (immaterieel): {}.").format(
        fmt.enumeration(list(a.sim.left_out))) if a.sim.left_out else Markup(""))
    return Markup("Gesimuleerd met {} trekkingen (gesimuleerde jaren) en zaad {} uit {}; "
                  "{} risico's uit {}.{}").format(
        fmt.number(r.draws, 0), r.seed, r.seed_source.ref(), len(a.sim.risks),
        a.register.file, left)


def macro_weerstandsvermogen(ctx: PageContext) -> Markup:
    """The summary: benodigde and beschikbare capaciteit, the ratio, its class and the norm;
    on a gemeente's edition also its share of the benodigde capaciteit."""
    a = _analysis(ctx)
    certainty = percent_text(a.record.certainty)
    rows = [html.Row([html.text(f"Benodigde weerstandscapaciteit ({certainty} zekerheid)"),
                      _cell(a, "benodigd")], raw=["Benodigde weerstandscapaciteit",
                                                   a.result.required])]
    if a.available is not None:
        rows.append(html.Row([html.text("Beschikbare weerstandscapaciteit"),
                              _cell(a, "beschikbaar")],
                             raw=["Beschikbare weerstandscapaciteit", a.available]))
    if a.ratio is not None:
        rows.append(html.Row([html.text("Ratio weerstandsvermogen (beschikbaar / benodigd)"),
                              _cell(a, "ratio")], kind="total",
                             raw=["Ratio weerstandsvermogen", a.ratio]))
    if a.klasse is not None:
        rows.append(html.Row([html.text("Klasse"), Markup("{} ({})").format(
            _cell(a, "klasse"), _cell(a, "betekenis"))],
            raw=["Klasse", f"{a.klasse.klasse} ({a.klasse.label})"]))
    if "norm" in a.figures and a.ratio is not None and a.record.norm is not None:
        met = a.ratio >= a.record.norm
        rows.append(html.Row([html.text("Eigen norm (minimale ratio)"), Markup("{} {}").format(
            _cell(a, "norm"), html.badge("gehaald" if met else "niet gehaald",
                                         "behaald" if met else "niet-behaald"))],
            raw=["Eigen norm", a.record.norm]))
    edition = ctx.edition
    if edition is not None and edition in a.shares:
        share = fmt.percent(allocation.percent(a.share_of[edition], 2), 2)
        label = (f"Aandeel {a.names[edition]} in de benodigde capaciteit (verdeelsleutel "
                 f"{a.record.verdeelsleutel}, {share})")
        rows.append(html.Row([html.text(label), _cell(a, f"aandeel.{edition}")],
                             raw=[label, a.shares[edition]]))
    rows.append(html.Row([html.text("Verwachte waarde van de risico's per jaar"),
                          _cell(a, "verwacht")], raw=["Verwachte waarde per jaar",
                                                      a.result.expected]))
    notes = [_method_note(a)]
    if a.ratio is None and a.available is not None:
        notes.append(Markup("De risico's vragen bij deze zekerheid geen capaciteit: de ratio "
                            "is onbegrensd en valt in de hoogste klasse."))
    caption = ("Weerstandsvermogen: beschikbare tegenover benodigde capaciteit"
               if a.available is not None else "Benodigde weerstandscapaciteit")
    return ctx.table(caption,
                     [html.Column("Onderdeel"), html.Column("Waarde", numeric=True)], rows,
                     cls="pc-weerstand", notes=notes, name="weerstandsvermogen")


def macro_weerstand_grafiek(ctx: PageContext) -> Markup:
    """The cumulative distribution of the simulated totals with the chosen certainty and the
    beschikbare capaciteit marked; its figures (every 5%) as a table, all points as CSV."""
    a = _analysis(ctx)
    res, r = a.result, a.record
    certainty = percent_text(r.certainty)
    title = "Hoeveel kosten de risico's samen in een jaar?"
    source = f"simulatie van {a.register.file} ({fmt.number(r.draws, 0)} trekkingen, " \
             f"zaad {r.seed})"
    points = [(p.amount, p.share) for p in res.cdf]
    payload = [[str(x), str(y)] for x, y in points] + [
        str(res.required), str(r.certainty), str(a.available), title, source]
    key, svg = charts.cached(ctx.session.chart_cache, "weerstand-verdeling", payload,
                             lambda: cumulative_chart(points, res.required, r.certainty,
                                                      a.available, title, source))
    name = ctx.asset(f"grafiek-weerstand-{key[:8]}.svg", svg)
    every = sorted({*range(5, 100, 5), 99, int(r.certainty * 100)}
                   if r.certainty * 100 == int(r.certainty * 100) else {*range(5, 100, 5), 99})
    steps = [(Decimal(p), _at(res, Decimal(p) / 100)) for p in every]
    rows = [html.Row([html.text(fmt.percent(p)), html.text(fmt.euro(amount, 0))],
                     raw=[p, amount]) for p, amount in steps]
    table = ctx.table(f"Verdeling van het totaal van de risico's ({fmt.number(r.draws, 0)} "
                      "gesimuleerde jaren)",
                      [html.Column("Deel van de jaren"), html.Column("Totaal ten hoogste",
                                                                     numeric=True)],
                      rows, cls="pc-compact", name="grafiek-weerstand",
                      notes=[Markup('Alle punten van de lijn: <a href="{}" download>verdeling '
                                    "(CSV)</a>.").format(ctx.asset(
                                        "weerstand-verdeling.csv", _cdf_csv(res)))])
    have = (f" De beschikbare capaciteit, {fmt.euro(a.available, 0)}, staat als gestreepte "
            "verticale lijn." if a.available is not None else "")
    alt = (f"Lijn die stijgt van 0% tot 100%: het deel van de {fmt.number(r.draws, 0)} "
           f"gesimuleerde jaren waarin de risico's samen ten hoogste een bedrag kosten. Bij "
           f"{certainty} zekerheid is dat {fmt.euro(res.required, 0)}, de benodigde "
           f"weerstandscapaciteit (gemarkeerd); het gemiddelde is {fmt.euro(res.expected, 0)}."
           f"{have} De cijfers staan in de tabel onder de grafiek.")
    caption = (f"Hoe vaak de risico's samen ten hoogste een bedrag kosten; bij {certainty} "
               "zekerheid is dat de benodigde weerstandscapaciteit.")
    return ctx.chart(name, svg, alt, caption, source, table)


def _at(res: simulation.Result, p: Decimal) -> Decimal:
    """The smallest CDF amount with at least `p` of the years at or below it (a chart point:
    exact at the percentiles the result gives, else the nearest point at or above)."""
    whole = p * 100
    if whole == whole.to_integral_value() and int(whole) in res.percentiles:
        return res.percentiles[int(whole)]
    if p == res.certainty:
        return res.required
    for point in res.cdf:
        if point.share >= p:
            return point.amount
    return res.cdf[-1].amount


def _cdf_csv(res: simulation.Result) -> bytes:
    rows = [html.Row([], raw=[p.amount, p.count, p.share * 100]) for p in res.cdf]
    return html.csv_bytes([html.Column("Totaal (euro)"), html.Column("Aantal jaren"),
                           html.Column("Deel van de jaren (%)")], rows)


def _share_parts(values: Sequence[Decimal], total: Decimal) -> list[Decimal]:
    """Each value's share of `total` in percent with 1 decimal, adding up to 100,0 (largest
    remainder)."""
    if total <= 0:
        return [Decimal(0) for _ in values]
    weights = {str(i): v for i, v in enumerate(values)}
    weights["rest"] = max(total - sum(values, Decimal(0)), Decimal(0))
    if sum(weights.values(), Decimal(0)) <= 0:
        return [Decimal(0) for _ in values]
    split = allocation.largest_remainder(1000, weights)
    return [Decimal(split[str(i)]) / 10 for i in range(len(values))]


def _table(ctx: PageContext, caption: str, columns: Sequence[html.Column],
           rows: Sequence[html.Row], data: tuple[Sequence[html.Column], Sequence[html.Row]],
           *, cls: str, notes: Sequence[html.Content], name: str) -> Markup:
    """A table whose CSV download has more columns than the screen shows (a phone reads the
    kans and the amount under the risk's name; a spreadsheet wants them in columns)."""
    link = ctx.asset(f"{name}.csv", html.csv_bytes(*data))
    return html.table(caption, columns, rows, cls=cls, notes=notes, download=link)


def _with_detail(text: str, detail: str) -> Markup:
    return Markup('{}<br><span class="pc-klein">{}</span>').format(text, detail) if detail \
        else html.text(text)


def _with_share(amount: Markup, share: Decimal) -> Markup:
    return Markup('{}<br><span class="pc-klein">{}</span>').format(amount,
                                                                    fmt.percent(share, 1))


def macro_weerstand_bijdragen(ctx: PageContext, aantal: int = 10) -> Markup:
    """The largest risks by their contribution to the unfavourable years (the years at or
    beyond the benodigde capaciteit), each with its kans and amount, its share and its
    average per year."""
    if isinstance(aantal, bool) or not isinstance(aantal, int) or aantal < 1:
        raise MacroError(f"aantal {aantal!r} kan niet", code="macro-argumenten",
                         hint="geef een heel getal van 1 of meer, bijv. aantal=10")
    a = _analysis(ctx)
    res = a.result
    ordered = sorted(enumerate(res.contributions), key=lambda x: (-x[1].tail, x[0]))
    shown = [c for _, c in ordered[:aantal]]
    rest = [c for _, c in ordered[aantal:]]
    rest_tail = sum((c.tail for c in rest), Decimal(0))
    rest_mean = sum((c.expected for c in rest), Decimal(0))
    shares = _share_parts([c.tail for c in shown] + ([rest_tail] if rest else []),
                          res.tail_mean)
    rows, data = [], []
    for c, share in zip(shown, shares, strict=False):
        r = a.risk(c.code)
        key = f"risico.{c.code.lower()}"
        name = f"{c.code} {r.risk.titel}"
        rows.append(html.Row([_with_detail(name, f"kans {r.kans_text}; {r.impact_text}"),
                              _with_share(_cell(a, f"{key}.bijdrage"), share),
                              _cell(a, f"{key}.gemiddeld")]))
        data.append(html.Row([], raw=[name, r.kans_text, r.impact_text, c.tail, share,
                                      c.expected]))
    if rest:
        label = f"Overige risico's ({len(rest)})"
        codes = fmt.enumeration([c.code for c in rest])
        rows.append(html.Row([_with_detail(label, codes),
                              _with_share(html.text(fmt.euro(rest_tail, 0)), shares[-1]),
                              html.text(fmt.euro(rest_mean, 0))]))
        data.append(html.Row([], raw=[f"{label}: {codes}", "", "", rest_tail, shares[-1],
                                      rest_mean]))
    rows.append(html.Row([html.text("Totaal"),
                          _with_share(_cell(a, "staartgemiddelde"), Decimal(100)),
                          _cell(a, "verwacht")], kind="total"))
    data.append(html.Row([], kind="total", raw=["Totaal", "", "", res.tail_mean,
                                                Decimal(100), res.expected]))
    tail_share = fmt.percent((Decimal(res.tail_draws) / res.draws * 100).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP), 1)
    notes = [
        Markup("Bijdrage: het gemiddelde bedrag van het risico in de ongunstigste jaren: de "
               "{} gesimuleerde jaren ({}) waarin de risico's samen ten minste de benodigde "
               "capaciteit ({}) kostten. De bijdragen tellen op tot het gemiddelde van die "
               "jaren, {}. Een groot risico met een kleine kans weegt hier zwaarder dan in "
               "zijn gemiddelde.").format(fmt.number(res.tail_draws, 0), tail_share,
                                          fmt.euro(res.required, 0), fmt.euro(res.tail_mean, 0)),
        Markup("Gemiddeld per jaar: het gemiddelde bedrag van het risico over alle "
               "gesimuleerde jaren (samen de verwachte waarde, {}).").format(
            fmt.euro(res.expected, 0)),
        _method_note(a)]
    columns = [html.Column("Risico"),
               html.Column("Bijdrage (aandeel)", numeric=True, short="Bijdrage"),
               html.Column("Gemiddeld per jaar", numeric=True, short="Per jaar")]
    csv_columns = [html.Column("Risico"), html.Column("Kans"),
                   html.Column("Bedrag als het gebeurt"), html.Column("Bijdrage"),
                   html.Column("Aandeel (%)"), html.Column("Gemiddeld per jaar")]
    title = ("De grootste risico's: bijdrage aan de ongunstigste jaren" if rest else
             "De risico's: bijdrage aan de ongunstigste jaren")
    return _table(ctx, title, columns, rows, (csv_columns, data),
                  cls="pc-weerstand-bijdragen", notes=notes, name="weerstand-bijdragen")


def macro_weerstand_zekerheid(ctx: PageContext) -> Markup:
    """The benodigde capaciteit at each certainty (50% to 99%) and the ratio the beschikbare
    capaciteit gives at that amount, with its class; the chosen certainty marked."""
    a = _analysis(ctx)
    res, r = a.result, a.record
    levels = {Decimal(p) / 100: v for p, v in res.percentiles.items()}
    levels[r.certainty] = res.required
    rows = []
    for level in sorted(levels):
        amount = levels[level]
        label = percent_text(level)
        chosen = level == r.certainty
        ratio = a.ratio_at(amount)
        klasse = simulation.ratio_class(ratio, a.table) if ratio is not None else None
        first: Markup = Markup("<strong>{} (gekozen)</strong>").format(label) if chosen \
            else html.text(label)
        cells = [first, _cell(a, "benodigd") if chosen else html.text(fmt.euro(amount, 0))]
        raw: list[object] = [label + (" (gekozen)" if chosen else ""), amount]
        if a.available is not None:
            cells += [html.text(fmt.number(ratio, 2) if ratio is not None else "–"),
                      html.text(klasse.klasse if klasse else "–")]
            raw += [ratio, klasse.klasse if klasse else ""]
        rows.append(html.Row(cells, raw=raw))
    columns = [html.Column("Zekerheid"), html.Column("Benodigde capaciteit", numeric=True)]
    if a.available is not None:
        columns += [html.Column("Ratio", numeric=True), html.Column("Klasse")]
    notes = [Markup("Zekerheid: in dit deel van de gesimuleerde jaren kosten de risico's samen "
                    "ten hoogste het bedrag ernaast.")]
    if a.available is not None:
        notes.append(Markup("Ratio: de beschikbare capaciteit ({}) gedeeld door het bedrag, "
                            "op twee decimalen; de klasse volgens de klassentabel.").format(
            fmt.euro(a.available, 0)))
    notes.append(_method_note(a))
    return ctx.table("Benodigde weerstandscapaciteit bij verschillende zekerheden", columns,
                     rows, cls="pc-weerstand-zekerheid", notes=notes, name="weerstand-zekerheid")


def macro_weerstand_capaciteit(ctx: PageContext) -> Markup:
    """The beschikbare weerstandscapaciteit: each part with its amount and source, and the
    total pcdocs computes."""
    a = _analysis(ctx)
    if a.available is None:
        raise MacroError(f"{a.record.file} noemt geen beschikbare capaciteit",
                         code="ontbrekende-sleutel",
                         hint="zet onder 'beschikbaar:' de onderdelen (naam en bedrag of "
                              "cijfer)")
    rows, data = [], []
    for c in a.capacity:
        comp = c.component
        bron = comp.bron or (f"cijfer {comp.cijfer}" if comp.cijfer else "")
        usable = f"inzetbaar {fmt.percent(comp.inzetbaar)}" if comp.inzetbaar is not None \
            else ""
        detail = "; ".join(x for x in (usable, bron) if x)
        rows.append(html.Row([_with_detail(comp.naam, detail), c.figure.html()]))
        data.append(html.Row([], raw=[comp.naam, c.amount, comp.inzetbaar, bron]))
    rows.append(html.Row([html.text("Beschikbare weerstandscapaciteit"),
                          _cell(a, "beschikbaar")], kind="total"))
    data.append(html.Row([], kind="total", raw=["Beschikbare weerstandscapaciteit",
                                                a.available, None, ""]))
    return _table(ctx, "Beschikbare weerstandscapaciteit",
                  [html.Column("Onderdeel"), html.Column("Bedrag", numeric=True)], rows,
                  ([html.Column("Onderdeel"), html.Column("Bedrag"),
                    html.Column("Inzetbaar (%)"), html.Column("Bron")], data),
                  cls="pc-weerstand-capaciteit", notes=(), name="weerstand-capaciteit")


def macro_weerstand_klassen(ctx: PageContext) -> Markup:
    """The class table (the default, or the organisation's own), the class of the ratio
    marked."""
    a = _analysis(ctx)
    rows = []
    for i, row in enumerate(a.table):
        upper = a.table[i + 1].lower if i + 1 < len(a.table) else None
        span = (f"{fmt.number(row.lower, 1)} tot {fmt.number(upper, 1)}" if upper is not None
                else f"{fmt.number(row.lower, 1)} of meer")
        own = a.klasse is not None and row.klasse == a.klasse.klasse
        mark = (f"ratio {fmt.number(a.ratio, 2)}" if a.ratio is not None else "onbegrensd") \
            if own else ""
        first: Markup = Markup("<strong>{}</strong>").format(row.klasse) if own \
            else html.text(row.klasse)
        rows.append(html.Row([first, html.text(span), html.text(row.label),
                              html.text(mark)], raw=[row.klasse, span, row.label, mark]))
    notes = [Markup("Een ratio precies op een grens valt in de hogere klasse.")]
    if a.record.classes_source is not None:
        notes.append(Markup("De eigen klassentabel uit {}.").format(a.record.classes_source.ref()))
    return ctx.table("Klassen van de ratio weerstandsvermogen",
                     [html.Column("Klasse"), html.Column("Ratio"), html.Column("Betekenis"),
                      html.Column("Deze begroting")], rows, cls="pc-weerstand-klassen",
                     notes=notes, name="weerstand-klassen")


SPEC = BlockSpec(
    kind=KIND,
    label="Weerstandsvermogen",
    summary="Risicosimulatie van de benodigde weerstandscapaciteit, de beschikbare "
            "capaciteit, de ratio en haar klasse",
    extensions=("yaml",),
    load=load,
    figures=figures,
    validate=validate,
    facts=facts,
    category=category,
    wording=(
        Wording("weerstand", changed="{label}: van {old} naar {new}{delta}.",
                added="Nieuw: {label}, {text}.", dropped="Vervallen: {label} (was {text})."),
        Wording("weerstand-klasse", measured=False,
                changed="{label}: van {old} naar {new}."),
        Wording("weerstand-risico", kind="risico-anders-ingeschat", measured=False,
                changed="{label} is anders ingeschat: {old} werd {new}.",
                added="Nieuw in de risicosimulatie: {label}, {text}.",
                dropped="Niet meer in de risicosimulatie: {label} (was {text})."),
    ),
    chart="weerstand_grafiek",
    macros=(
        MacroSpec("weerstandsvermogen", macro_weerstandsvermogen,
                  "Tabel: benodigde en beschikbare weerstandscapaciteit, de ratio, haar klasse "
                  "en de eigen norm (op een editie ook het aandeel van de gemeente).",
                  "{{ weerstandsvermogen() }}"),
        MacroSpec("weerstand_grafiek", macro_weerstand_grafiek,
                  "Grafiek: de verdeling van het gesimuleerde totaal van de risico's, met de "
                  "gekozen zekerheid en de beschikbare capaciteit.",
                  "{{ weerstand_grafiek() }}"),
        MacroSpec("weerstand_bijdragen", macro_weerstand_bijdragen,
                  "Tabel: de risico's met de grootste bijdrage aan de ongunstigste jaren.",
                  "{{ weerstand_bijdragen(aantal=10) }}"),
        MacroSpec("weerstand_zekerheid", macro_weerstand_zekerheid,
                  "Tabel: de benodigde capaciteit en de ratio bij 50% tot 99% zekerheid.",
                  "{{ weerstand_zekerheid() }}"),
        MacroSpec("weerstand_capaciteit", macro_weerstand_capaciteit,
                  "Tabel: de onderdelen van de beschikbare weerstandscapaciteit met hun bron.",
                  "{{ weerstand_capaciteit() }}"),
        MacroSpec("weerstand_klassen", macro_weerstand_klassen,
                  "Tabel: de klassentabel van de ratio, met de klasse van deze begroting.",
                  "{{ weerstand_klassen() }}"),
    ),
)

