"""The risk simulation of the paragraaf weerstandsvermogen: how much weerstandscapaciteit the
risks of the register need, at a chosen certainty, by Monte Carlo simulation.

**The model.** A risk happens in a year with probability `kans` (0..1), independently of the
other risks unless a `Dependence` groups them. When it happens it costs its impact:

- `Fixed(amount)`: exactly that amount;
- `Uniform(minimum, maximum)`: every amount between the two equally likely;
- `Triangular(minimum, most_likely, maximum)`: the triangular distribution. Chosen over PERT
  because its inverse distribution function has a closed form (a square root), so a risk's
  loss is one formula of one uniform number; that is what makes the dependence model below
  exact and cheap. (PERT's beta distribution has no closed-form inverse.)

One simulated year ("trekking") draws one uniform number U in [0, 1) per risk; the risk's loss
is the quantile function of its whole distribution (nothing with probability 1 - kans, the
impact otherwise) at U: zero when U < 1 - kans, else the impact's quantile at
(U - (1 - kans)) / kans. A larger U never gives a smaller loss, which is what the dependence
model uses. The total of a year is the sum of the losses, added in register order.

**Dependence ("samenhang").** A `Dependence` names two or more risks and a coefficient c in
0..1. In each year, with probability c the risks of the group go together: they all use one
common uniform number, so they happen together (the less likely one only when the more likely
one does) and with amounts at the same height of their ranges (comonotone); otherwise each uses
its own number (independent). Each risk keeps its own kans and range. c = 1 is "gebeurt samen
met", c = 0 is independent; c is the rank correlation (Spearman) of the group's random
numbers (a mixture of "together" and "independent", so every c gives an exact answer). A
negative dependence (one risk lowering another) is not modelled: it would lower the benodigde
capaciteit, and a prudent paragraph leaves it out. A risk is in at most one group.

**Random numbers and determinism.** Every risk has its own stream of random numbers,
`Generator(PCG64(SeedSequence([seed, risk code])))`, and so has every group (its common number
and its choice together/apart). Adding, removing or reordering risks therefore leaves the draws
of the other risks unchanged, so a new version of the register changes only what changed. The
draws are made in chunks of whole years, risk by risk (a stream gives the same numbers however
it is chunked), and two passes over the same streams replace a years-by-risks matrix: the
first adds up each year's total, the second, once the benodigde capaciteit is known, each
risk's share of the tail. Memory: 16 bytes per year (the totals and their sorted copy; 160 MB
at the cap of 10 million) plus a few chunks of 512 KiB, whatever the size of the register.
Only elementwise numpy operations (+, -, *, /, sqrt: correctly rounded IEEE arithmetic),
sorting and numpy's pairwise sums are used: no BLAS and no threads, so the figures do not
depend on the number of cores. The same register, seed, draws and certainty give the same
figures and the same bytes (`Result.as_json`) with the same numpy (pinned in constraints.txt;
numpy does not promise the same stream across its versions, so the result names the numpy
that made it).

**Percentile** (the definition used throughout, numpy's `method="inverted_cdf"`): the p-th
percentile of N totals is the smallest total with at least p x N of the totals at or below
it: sort the totals and take the k-th smallest, k = ceil(p x N) (exact decimal arithmetic).
The benodigde weerstandscapaciteit is this percentile at the chosen certainty (default 90%).

**Contribution of a risk** ("bijdrage"): the risk's average amount in the years whose total is
at least the benodigde capaciteit (the unfavourable tail, at or beyond the chosen percentile).
The contributions add up to the average total of those years (`tail_mean`, at least the
benodigde capaciteit): in plain Dutch, "in de jaren waarin het tegenzit, komt gemiddeld zoveel
van dit risico". This is the tail (Euler) allocation of the tail mean: a large, unlikely risk
weighs more here than in its expected value, a small frequent one less. Each risk's plain
expected value (its average over all years, adding up to `expected`) is given too.

**Rounding.** Amounts come back as Decimal in whole euros, half away from zero; the
contributions and expected values per risk are rounded so they add up exactly to their rounded
total (largest remainder: the euros lost by rounding down go to the largest remainders, ties
in register order).

**The class table** (`ratio_class`): ratio = beschikbare / benodigde weerstandscapaciteit,
classified by a table of (lower bound, class, label). A ratio equal to a lower bound belongs to
the class that starts there (the higher one): 1,4 is B (ruim voldoende), 2,0 is A. Classify
the ratio as the text shows it (rounded to the shown decimals), so figure and class agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import NamedTuple

import numpy as np
from numpy.random import PCG64, Generator, SeedSequence
from numpy.typing import NDArray

from pcdocs.errors import Code, DataError
from pcdocs.model import fmt
from pcdocs.model.figures import Source

PERCENTILES = (50, 70, 80, 90, 95, 99)
DEFAULT_DRAWS = 100_000
MIN_DRAWS = 1_000
MAX_DRAWS = 10_000_000  # 160 MB of totals; more adds nothing a paragraph can show
DEFAULT_CERTAINTY = Decimal("0.90")
MAX_SEED = 2**63 - 1
MAX_TOTAL = Decimal(10) ** 13  # the sum of every maximum: float64 totals stay exact to 0,01
CHUNK = 1 << 16  # years per chunk: 512 KiB per working array, whatever the number of draws
CDF_POINTS = 200  # points of the cumulative distribution for a chart

_RISK, _COMMON, _TOGETHER = 0, 1, 2  # stream kinds, part of the seed of every stream
_EURO = Decimal(1)
_SHARE = Decimal("0.000001")

Float = NDArray[np.float64]


# -- input ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fixed:
    """An impact of exactly `amount` euros."""

    amount: Decimal


@dataclass(frozen=True)
class Uniform:
    """An impact anywhere between `minimum` and `maximum`, every amount equally likely."""

    minimum: Decimal
    maximum: Decimal


@dataclass(frozen=True)
class Triangular:
    """An impact between `minimum` and `maximum`, most likely near `most_likely`
    (triangular distribution: its density rises in a straight line from the minimum to the
    most likely amount and falls in a straight line to the maximum)."""

    minimum: Decimal
    most_likely: Decimal
    maximum: Decimal


Impact = Fixed | Uniform | Triangular


@dataclass(frozen=True)
class Risk:
    """A risk as the simulation needs it. `kans` is a probability (0..1, not a percentage);
    `structural` (structureel, else incidenteel) does not change the simulation and is kept
    for the paragraph. `source` names the data line for messages."""

    code: str
    kans: Decimal
    impact: Impact
    structural: bool = False
    source: Source | None = None


@dataclass(frozen=True)
class Dependence:
    """Risks that go together ("samenhang"): in a share `coefficient` (0..1) of the years
    they use one common random number (together, comonotone), otherwise each its own."""

    codes: tuple[str, ...]
    coefficient: Decimal
    source: Source | None = None


# -- output --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Contribution:
    """One risk's part: `tail` is its average amount in the years at or beyond the benodigde
    capaciteit (these add up to `Result.tail_mean`), `expected` its average over all years
    (these add up to `Result.expected`). Whole euros."""

    code: str
    tail: Decimal
    expected: Decimal


@dataclass(frozen=True)
class CdfPoint:
    """A point of the cumulative distribution: `count` of the simulated years (`share` of
    them, 6 decimals) had a total of at most this simulated total (`amount`, shown in whole
    euros)."""

    amount: Decimal
    count: int
    share: Decimal


@dataclass(frozen=True)
class Result:
    draws: int
    seed: int
    certainty: Decimal
    expected: Decimal  # average total over all years
    percentiles: dict[int, Decimal]  # PERCENTILES -> total (inverted_cdf)
    required: Decimal  # benodigde weerstandscapaciteit: the percentile at `certainty`
    tail_mean: Decimal  # average total of the years with a total of at least `required`
    tail_draws: int  # how many years that is
    contributions: tuple[Contribution, ...]  # in register order
    cdf: tuple[CdfPoint, ...]  # rising amounts, for a chart
    numpy_version: str = field(default=np.__version__)

    def as_json(self) -> str:
        """The result as canonical JSON (sorted keys, Decimals as strings): the same input
        gives the same bytes."""
        data = {
            "draws": self.draws, "seed": self.seed, "certainty": str(self.certainty),
            "expected": str(self.expected),
            "percentiles": {str(p): str(v) for p, v in sorted(self.percentiles.items())},
            "required": str(self.required), "tail_mean": str(self.tail_mean),
            "tail_draws": self.tail_draws,
            "contributions": [{"code": c.code, "tail": str(c.tail),
                               "expected": str(c.expected)} for c in self.contributions],
            "cdf": [[str(p.amount), p.count, str(p.share)] for p in self.cdf],
            "numpy": self.numpy_version,
        }
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# -- checking the input --------------------------------------------------------------------

def _fail(message: str, source: Source | None, code: Code, hint: str | None = None) -> DataError:
    return DataError(message, file=source.file if source else None,
                     line=source.line if source else None,
                     key=source.key if source else None, code=code, hint=hint)


def _decimal(value: object, what: str, source: Source | None) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise _fail(f"{what}: {value!r} is geen getal", source, "geen-getal")
    number = Decimal(value)
    if not number.is_finite():
        raise _fail(f"{what}: {value} is geen eindig getal", source, "buiten-bereik")
    return number


def _bounds(impact: Impact) -> tuple[Decimal, ...]:
    if isinstance(impact, Fixed):
        return (impact.amount,)
    if isinstance(impact, Uniform):
        return (impact.minimum, impact.maximum)
    return (impact.minimum, impact.most_likely, impact.maximum)


def validate(risks: Sequence[Risk], dependences: Sequence[Dependence] = ()) -> None:
    """Refuse what the simulation cannot mean, with a DataError at the risk's line: an empty
    register, a code twice, a kans outside 0..1, a negative or huge amount, a minimum above
    the maximum or a most likely amount outside them, a group with an unknown risk, fewer
    than two risks or a risk that is already in another group, a coefficient outside 0..1."""
    if not risks:
        raise _fail("het risicoregister voor de simulatie is leeg", None, "lege-lijst",
                    "zet ten minste één risico met kans en bedrag in het register")
    seen: set[str] = set()
    total = Decimal(0)
    for risk in risks:
        s, name = risk.source, f"risico {risk.code}"
        if risk.code in seen:
            raise _fail(f"{name} staat dubbel", s, "dubbele-code", "geef elk risico een eigen code")
        seen.add(risk.code)
        kans = _decimal(risk.kans, f"{name}, kans", s)
        if not 0 <= kans <= 1:
            raise _fail(f"{name}: kans {kans} ligt niet tussen 0 en 1", s, "buiten-bereik",
                        "schrijf de kans als kansgetal, bijv. 0.25 voor 25%")
        if not isinstance(risk.impact, Fixed | Uniform | Triangular):
            raise _fail(f"{name}: onbekende soort bedrag {risk.impact!r}", s, "verkeerd-type")
        bounds = [_decimal(b, f"{name}, bedrag", s) for b in _bounds(risk.impact)]
        if min(bounds) < 0:
            raise _fail(f"{name}: een bedrag is negatief ({min(bounds)})", s, "buiten-bereik",
                        "een risico kost geld: schrijf het bedrag positief")
        if bounds != sorted(bounds):
            what = ("het minimum is groter dan het maximum" if bounds[0] > bounds[-1] else
                    "het meest waarschijnlijke bedrag ligt niet tussen minimum en maximum")
            raise _fail(f"{name}: {what} ({' / '.join(str(b) for b in bounds)})", s,
                        "bandbreedte", "minimum ≤ meest waarschijnlijk ≤ maximum")
        total += bounds[-1]
    if total > MAX_TOTAL:
        raise _fail(f"de maxima van de risico's zijn samen {fmt.number(total, 0)} euro, meer "
                    f"dan pcdocs rekent ({fmt.number(MAX_TOTAL, 0)})", risks[0].source,
                    "buiten-bereik",
                    "schrijf de bedragen in euro, niet in centen")
    grouped: dict[str, int] = {}
    for number, dep in enumerate(dependences):
        s = dep.source
        coefficient = _decimal(dep.coefficient, "samenhang, coëfficiënt", s)
        if not 0 <= coefficient <= 1:
            raise _fail(f"samenhang: coëfficiënt {coefficient} ligt niet tussen 0 en 1", s,
                        "buiten-bereik", "0 is onafhankelijk, 1 is gebeurt samen")
        if len(set(dep.codes)) < 2:
            raise _fail("een samenhang noemt ten minste twee verschillende risico's", s,
                        "samenhang")
        for code in dep.codes:
            if code not in seen:
                raise _fail(f"samenhang: risico {code} staat niet in het register", s,
                            "samenhang", "bekend: " + ", ".join(r.code for r in risks[:12])
                            + (" …" if len(risks) > 12 else ""))
            if grouped.get(code, number) != number:
                raise _fail(f"samenhang: risico {code} staat al in een andere samenhang", s,
                            "samenhang", "voeg de groepen samen tot één samenhang")
            grouped[code] = number


def _check_run(draws: int, seed: int, certainty: Decimal) -> None:
    if isinstance(draws, bool) or not isinstance(draws, int) \
            or not MIN_DRAWS <= draws <= MAX_DRAWS:
        raise _fail(f"aantal trekkingen {draws!r} ligt niet tussen {fmt.number(MIN_DRAWS, 0)} "
                    f"en {fmt.number(MAX_DRAWS, 0)}", None, "trekkingen",
                    f"de standaard is {fmt.number(DEFAULT_DRAWS, 0)}; meer voegt weinig toe")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise _fail(f"startgetal (seed) {seed!r} is geen geheel getal van 0 tot en met "
                    f"{MAX_SEED}", None, "buiten-bereik")
    c = _decimal(certainty, "zekerheid", None)
    if not 0 < c < 1:
        raise _fail(f"zekerheid {certainty} ligt niet tussen 0 en 1", None, "buiten-bereik",
                    "bijv. 0.90 voor 90%")


# -- drawing -------------------------------------------------------------------------------

def _stream(seed: int, kind: int, name: str) -> Generator:
    """The stream of one risk (or one group's common number or choice): seeded by the seed
    (two 32-bit words), the kind and the name's UTF-8 bytes (length first, so different
    names never give the same seed words)."""
    raw = name.encode("utf-8")
    padded = raw + b"\0" * (-len(raw) % 4)
    words = [int.from_bytes(padded[i:i + 4], "little") for i in range(0, len(padded), 4)]
    entropy = [seed & 0xFFFFFFFF, seed >> 32, kind, len(raw), *words]
    return Generator(PCG64(SeedSequence(entropy)))


@dataclass(frozen=True)
class _Compiled:
    """The register as floats, for numpy."""

    codes: tuple[str, ...]
    q: Float  # 1 - kans: a risk happens when its uniform number is at least q
    p: Float  # kans
    lo: Float
    mode: Float
    hi: Float
    kind: tuple[str, ...]  # "fixed", "uniform" or "triangular"
    group: tuple[int, ...]  # index into groups, or -1
    groups: tuple[tuple[str, float], ...]  # (name of the group's streams, coefficient)


def _compile(risks: Sequence[Risk], dependences: Sequence[Dependence]) -> _Compiled:
    group_of = {code: i for i, d in enumerate(dependences) for code in d.codes}
    kinds: list[str] = []
    lo, mode, hi = [], [], []
    for risk in risks:
        bounds = [float(b) for b in _bounds(risk.impact)]
        a, b = bounds[0], bounds[-1]
        c = bounds[1] if len(bounds) == 3 else a
        if a == b:
            kinds.append("fixed")
        elif isinstance(risk.impact, Uniform):
            kinds.append("uniform")
        else:
            kinds.append("triangular")
        lo.append(a)
        mode.append(c)
        hi.append(b)
    p = np.array([float(r.kans) for r in risks], dtype=np.float64)
    groups = tuple(("\0".join(sorted(set(d.codes))), float(d.coefficient)) for d in dependences)
    return _Compiled(
        codes=tuple(r.code for r in risks), q=1.0 - p, p=p,
        lo=np.array(lo, dtype=np.float64), mode=np.array(mode, dtype=np.float64),
        hi=np.array(hi, dtype=np.float64), kind=tuple(kinds),
        group=tuple(group_of.get(r.code, -1) for r in risks), groups=groups)


def _loss(m: _Compiled, i: int, u: Float) -> Float:
    """Risk i's loss for the uniform numbers u: zero below q, else the impact's quantile at
    v = (u - q) / p (the inverse distribution function; a rising function of u).

    Without branches per year (a random choice between two arrays is slow): a choice is a
    product with a 0/1 array, x * 1 + y * 0, which gives x exactly."""
    q, p, a, c, b = float(m.q[i]), float(m.p[i]), float(m.lo[i]), float(m.mode[i]), float(m.hi[i])
    happens = (u >= q).astype(np.float64)
    if m.kind[i] == "fixed":
        happens *= a
        return happens
    v = u - q
    v /= p if p > 0 else 1.0
    np.clip(v, 0.0, 1.0, out=v)  # 1 - kans is rounded in floats: keep v in [0, 1]
    if m.kind[i] == "uniform":
        amount = v * (b - a)
        amount += a
    else:
        width = b - a
        left = (v < (c - a) / width).astype(np.float64)
        right = 1.0 - left
        amount = v * (width * (c - a)) * left + (1.0 - v) * (width * (b - c)) * right
        np.sqrt(amount, out=amount)
        amount = (a + amount) * left + (b - amount) * right
    np.clip(amount, a, b, out=amount)
    amount *= happens
    return amount


def _losses(m: _Compiled, draws: int, seed: int) -> Iterator[tuple[slice, int, Float]]:
    """Every risk's losses, chunk by chunk of years and within a chunk risk by risk: (the
    years, the risk's index, its losses). Holds one chunk of each group's numbers and one
    risk's arrays at a time: memory does not grow with the draws or the register."""
    own = [_stream(seed, _RISK, code) for code in m.codes]
    common = [_stream(seed, _COMMON, name) for name, _ in m.groups]
    together = [_stream(seed, _TOGETHER, name) for name, _ in m.groups]
    for start in range(0, draws, CHUNK):
        years = slice(start, min(start + CHUNK, draws))
        size = years.stop - start
        shared = [g.random(size) for g in common]
        joint = [(t.random(size) < c).astype(np.float64)
                 for t, (_, c) in zip(together, m.groups, strict=True)]
        for i, rng in enumerate(own):
            u = rng.random(size)
            g = m.group[i]
            if g >= 0:  # the common number in the years the group goes together
                u = shared[g] * joint[g] + u * (1.0 - joint[g])
            yield years, i, _loss(m, i, u)


def totals(risks: Sequence[Risk], draws: int = DEFAULT_DRAWS, seed: int = 0,
           dependences: Sequence[Dependence] = ()) -> Float:
    """The simulated total of every year (unsorted, in draw order)."""
    validate(risks, dependences)
    _check_run(draws, seed, DEFAULT_CERTAINTY)
    return _totals(_compile(risks, dependences), draws, seed)


def _totals(m: _Compiled, draws: int, seed: int) -> Float:
    """Each year's total: 0.0 plus the risks' losses in register order."""
    out = np.zeros(draws, dtype=np.float64)
    for years, _, loss in _losses(m, draws, seed):
        out[years] += loss
    return out


# -- percentiles and the result ------------------------------------------------------------

def rank(n: int, p: Decimal) -> int:
    """The 1-based rank of the p-th percentile of n sorted values: ceil(p x n), at least 1
    (exact: p is a Decimal, so 0.9 x 100000 is 90000, not 90000.00000000001)."""
    k = int((Decimal(p) * n).to_integral_value(rounding=ROUND_CEILING))
    return min(max(k, 1), n)


def percentile(sorted_values: Float, p: Decimal) -> float:
    """The smallest value with at least p x n of the values at or below it (numpy's
    `inverted_cdf`); `sorted_values` rising."""
    return float(sorted_values[rank(len(sorted_values), p) - 1])


def euros(value: float) -> Decimal:
    """A float amount as whole euros, half away from zero (exact: no float rounding first;
    never "-0")."""
    return Decimal(value).quantize(_EURO, rounding=ROUND_HALF_UP) + 0


def shares_to_euros(parts: Sequence[float], total: Decimal) -> list[Decimal]:
    """Round `parts` to whole euros so they add up to `total` (whole euros): round every part
    down, then give the euros still missing to the largest remainders (ties: the first),
    or take the euros too many from the smallest remainders of the parts above zero."""
    exact = [Decimal(x) for x in parts]
    down = [x.to_integral_value(rounding=ROUND_FLOOR) for x in exact]
    rest = [x - d for x, d in zip(exact, down, strict=True)]
    missing = int(total - sum(down, Decimal(0)))
    order = sorted(range(len(parts)), key=lambda i: (-rest[i], i))
    for i in order[:max(missing, 0)]:
        down[i] += 1
    if missing < 0:
        for i in reversed(order):
            if missing == 0:
                break
            if down[i] > 0:
                down[i] -= 1
                missing += 1
    return down


def _cdf(sorted_totals: Float) -> tuple[CdfPoint, ...]:
    """About CDF_POINTS points of the empirical distribution: at the percentiles
    i / CDF_POINTS (and the minimum), each with the share of years at or below its amount;
    amounts in whole euros, one point per amount."""
    n = len(sorted_totals)
    ranks = sorted({1, *(-(-i * n // CDF_POINTS) for i in range(1, CDF_POINTS + 1))})
    values = sorted_totals[np.array(ranks) - 1]
    counts = np.searchsorted(sorted_totals, values, side="right")
    points: dict[Decimal, int] = {}
    for value, count in zip(values.tolist(), counts.tolist(), strict=True):
        amount = euros(value)
        points[amount] = max(points.get(amount, 0), int(count))
    return tuple(CdfPoint(a, c, (Decimal(c) / n).quantize(_SHARE, rounding=ROUND_HALF_EVEN))
                 for a, c in sorted(points.items()))


def simulate(risks: Sequence[Risk], draws: int = DEFAULT_DRAWS, seed: int = 0,
             certainty: Decimal = DEFAULT_CERTAINTY,
             dependences: Sequence[Dependence] = ()) -> Result:
    """Simulate `draws` years of the register and summarise them (see the module's text for
    the model, the percentile, the contributions and the rounding)."""
    validate(risks, dependences)
    _check_run(draws, seed, certainty)
    m = _compile(risks, dependences)
    drawn = _totals(m, draws, seed)
    ordered = np.sort(drawn, kind="stable")
    expected_total = float(ordered.mean())
    required = percentile(ordered, certainty)
    tail_draws = draws - int(np.searchsorted(ordered, required, side="left"))
    tail_mean = float(ordered[-tail_draws:].mean())
    summary = {p: euros(percentile(ordered, Decimal(p) / 100)) for p in PERCENTILES}
    cdf = _cdf(ordered)
    del ordered
    # second pass over the same streams: each risk's sums over the tail and over all years
    tail_sum = np.zeros(len(risks), dtype=np.float64)
    all_sum = np.zeros(len(risks), dtype=np.float64)
    tail = np.empty(0, dtype=np.bool_)
    for years, i, loss in _losses(m, draws, seed):
        if i == 0:  # a new chunk of years
            tail = drawn[years] >= required
        all_sum[i] += float(loss.sum())
        tail_sum[i] += float(loss[tail].sum())
    tail_euros, expected_euros = euros(tail_mean), euros(expected_total)
    tail_parts = shares_to_euros((tail_sum / tail_draws).tolist(), tail_euros)
    expected_parts = shares_to_euros((all_sum / draws).tolist(), expected_euros)
    return Result(
        draws=draws, seed=seed, certainty=Decimal(certainty), expected=expected_euros,
        percentiles=summary, required=euros(required), tail_mean=tail_euros,
        tail_draws=tail_draws,
        contributions=tuple(Contribution(code, t, e) for code, t, e in
                            zip(m.codes, tail_parts, expected_parts, strict=True)),
        cdf=cdf)


# -- the class table -----------------------------------------------------------------------

class RatioClass(NamedTuple):
    """A row of the class table: ratios from `lower` (inclusive) up to the next row's lower
    bound (exclusive; the last row has no upper bound)."""

    lower: Decimal
    klasse: str
    label: str


DEFAULT_CLASSES: tuple[RatioClass, ...] = (
    RatioClass(Decimal("0"), "F", "ruim onvoldoende"),
    RatioClass(Decimal("0.6"), "E", "onvoldoende"),
    RatioClass(Decimal("0.8"), "D", "matig"),
    RatioClass(Decimal("1.0"), "C", "voldoende"),
    RatioClass(Decimal("1.4"), "B", "ruim voldoende"),
    RatioClass(Decimal("2.0"), "A", "uitstekend"),
)


def class_table(rows: Sequence[tuple[Decimal | int, str, str]],
                source: Source | None = None) -> tuple[RatioClass, ...]:
    """An organisation's own table of (lower bound, class, label), checked: the first lower
    bound is 0, the bounds rise strictly, every class and label is given and every class is
    named once (the rows then cover 0 up to infinity without gaps or overlaps)."""
    if not rows:
        raise _fail("de klassentabel van het weerstandsvermogen is leeg", source, "klassentabel")
    table: list[RatioClass] = []
    for row in rows:
        if not isinstance(row, tuple) or len(row) != 3:
            raise _fail(f"klassentabel: {row!r} is geen (ondergrens, klasse, omschrijving)",
                        source, "klassentabel")
        lower, klasse, label = row
        if isinstance(lower, bool) or not isinstance(lower, Decimal | int) \
                or not Decimal(lower).is_finite():
            raise _fail(f"klassentabel: ondergrens {lower!r} is geen eindig getal", source,
                        "klassentabel")
        if not isinstance(klasse, str) or not klasse.strip() \
                or not isinstance(label, str) or not label.strip():
            raise _fail(f"klassentabel: bij ondergrens {lower} ontbreekt de klasse of de "
                        "omschrijving", source, "klassentabel")
        table.append(RatioClass(Decimal(lower), klasse, label))
    if table[0].lower != 0:
        raise _fail(f"klassentabel: de laagste ondergrens is {table[0].lower}, niet 0", source,
                    "klassentabel", "de tabel moet elke ratio vanaf 0 indelen")
    for before, after in pairwise(table):
        if after.lower <= before.lower:
            raise _fail(f"klassentabel: ondergrens {after.lower} (klasse {after.klasse}) is niet "
                        f"groter dan {before.lower} (klasse {before.klasse})", source,
                        "klassentabel", "zet de regels op oplopende ondergrens")
    names = [row.klasse for row in table]
    if len(set(names)) != len(names):
        raise _fail("klassentabel: een klasse staat dubbel", source, "klassentabel")
    return tuple(table)


def ratio_class(ratio: Decimal | int,
                table: Sequence[tuple[Decimal | int, str, str]] = DEFAULT_CLASSES) -> RatioClass:
    """The class of a ratio (beschikbare / benodigde weerstandscapaciteit): the last row whose
    lower bound is at most the ratio, so a ratio on a boundary belongs to the higher class
    (with the default table 1,4 is B, 1,0 is C, 2,0 is A). An infinite ratio (nothing needed)
    is the highest class."""
    rows = class_table(table)
    if isinstance(ratio, bool) or not isinstance(ratio, Decimal | int) or Decimal(ratio).is_nan():
        raise _fail(f"ratio {ratio!r} is geen getal", None, "geen-getal")
    value = Decimal(ratio)
    if value < 0:
        raise _fail(f"ratio {value} is negatief", None, "buiten-bereik",
                    "de ratio is beschikbare gedeeld door benodigde capaciteit")
    found = rows[0]
    for row in rows:
        if value >= row.lower:
            found = row
    return found
