"""The risk simulation of the weerstandsvermogen (pcdocs/model/simulation.py), held against
exact answers.

**How a simulated percentile is judged.** The simulation reports the k-th smallest of N
simulated totals, k = ceil(p x N) (the percentile definition of the module, numpy's
`inverted_cdf` in exact arithmetic). Its exact distribution is known for ANY distribution F of
the total, without approximation: the k-th smallest is below x exactly when at least k of the
N independent totals are below x, and the number of totals below x is binomial. So, with Q the
exact quantile function (Q(a) = the smallest x with F(x) >= a):

- P(k-th smallest < Q(a)) <= P(Binomial(N, a) >= k), because P(total < Q(a)) <= a;
- P(k-th smallest > Q(b)) <= P(Binomial(N, b) <= k - 1), because P(total <= Q(b)) >= b.

`rank_interval` finds the largest a and the smallest b that make both tails at most DELTA / 2
(bisection on exact binomial tails summed in log space), so the reported percentile lies in
[Q(a), Q(b)] with probability at least 1 - DELTA: the tolerance is derived from the number of
draws (about +-4,9 standard deviations of the rank, ±0,46 percentage point at p = 0,90 and
N = 100.000) and mapped through the exact quantile function, so it is exact for fixed amounts
(a step function: usually a single possible value) and for continuous ranges alike. Results are
whole euros: a continuous percentile may differ by 0,5 from its float. The seeds are fixed, so
the tests are deterministic; DELTA = 1e-6 says that a correct simulation would fail a check for
at most one seed in a million, so a passing check is not a lucky seed.

The whole cumulative distribution (the chart's points) is judged by the
Dvoretzky-Kiefer-Wolfowitz inequality (Massart's constant): sup |F_N - F| > eps with
probability at most 2 exp(-2 N eps^2), so eps = sqrt(ln(2 / DELTA) / (2 N)). The average by
Bernstein's inequality (a bounded total with known variance) or Hoeffding's (bounded total).

The exact distributions: independent fixed amounts by exact convolution over every outcome
(fractions, no floats); a uniform or triangular range by its distribution function, inverted
by bisection (not by the module's formula); dependent risks as the exact mixture of the
comonotone and the independent distribution.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction
from functools import cache
from itertools import pairwise, product

import numpy as np
import pytest
from numpy.typing import NDArray

from pcdocs.errors import DataError
from pcdocs.model import simulation
from pcdocs.model.figures import Source
from pcdocs.model.simulation import (
    DEFAULT_CLASSES,
    MAX_DRAWS,
    PERCENTILES,
    Dependence,
    Fixed,
    Result,
    Risk,
    Triangular,
    Uniform,
    class_table,
    percentile,
    rank,
    ratio_class,
    shares_to_euros,
    simulate,
    totals,
)

from .conftest import ROOT

D = Decimal
N = simulation.DEFAULT_DRAWS
DELTA = 1e-6
SEED = 20250101

Dist = dict[Fraction, Fraction]  # total -> probability
Quantile = Callable[[float], float]

# Ten independent risks with fixed amounts: 2^10 outcomes.
FIXED = [("R1", "0.10", 120_000), ("R2", "0.25", 250_000), ("R3", "0.50", 75_000),
         ("R4", "0.05", 500_000), ("R5", "0.75", 40_000), ("R6", "0.10", 900_000),
         ("R7", "0.30", 310_000), ("R8", "0.90", 60_000), ("R9", "0.02", 1_500_000),
         ("R10", "0.40", 200_000)]


def fixed_register(rows: Sequence[tuple[str, str, int]] = FIXED) -> list[Risk]:
    return [Risk(code, D(kans), Fixed(D(amount))) for code, kans, amount in rows]


# -- exact answers -------------------------------------------------------------------------

def convolve(x: Dist, y: Dist) -> Dist:
    out: Dist = {}
    for a, pa in x.items():
        for b, pb in y.items():
            out[a + b] = out.get(a + b, Fraction(0)) + pa * pb
    return out


def independent(rows: Sequence[tuple[str, str, int]]) -> Dist:
    """The exact distribution of the total of independent fixed-amount risks."""
    dist: Dist = {Fraction(0): Fraction(1)}
    for _, kans, amount in rows:
        p = Fraction(kans)
        dist = convolve(dist, {Fraction(0): 1 - p} if amount == 0 else
                        {Fraction(0): 1 - p, Fraction(amount): p})
    return dist


def comonotone(rows: Sequence[tuple[str, str, int]]) -> Dist:
    """The exact distribution when the risks share one uniform number U: risk i happens when
    U >= 1 - kans_i, so on each interval between the thresholds the total is constant."""
    cuts = sorted({Fraction(0), Fraction(1), *(1 - Fraction(k) for _, k, _ in rows)})
    dist: Dist = {}
    for low, high in pairwise(cuts):
        total = Fraction(sum(a for _, k, a in rows if 1 - Fraction(k) <= low))
        dist[total] = dist.get(total, Fraction(0)) + (high - low)
    return dist


def mixture(w: Fraction, x: Dist, y: Dist) -> Dist:
    out: Dist = {}
    for dist, weight in ((x, w), (y, 1 - w)):
        for a, p in dist.items():
            out[a] = out.get(a, Fraction(0)) + weight * p
    return out


def discrete_quantile(dist: Dist) -> Quantile:
    """Q(a): the smallest total whose cumulative probability is at least a."""
    steps, cumulative = [], Fraction(0)
    for amount in sorted(dist):
        cumulative += dist[amount]
        steps.append((amount, cumulative))

    def q(a: float) -> float:
        return float(next(x for x, c in steps if c >= Fraction(a)))
    return q


def discrete_cdf(dist: Dist) -> Callable[[float], float]:
    return lambda x: float(sum((p for a, p in dist.items() if a <= Fraction(x)), Fraction(0)))


def uniform_cdf(kans: float, lo: float, hi: float) -> Callable[[float], float]:
    def f(x: float) -> float:
        if x < 0:
            return 0.0
        return 1 - kans + kans * min(max((x - lo) / (hi - lo), 0.0), 1.0)
    return f


def triangular_cdf(kans: float, lo: float, mode: float, hi: float) -> Callable[[float], float]:
    def f(x: float) -> float:
        if x < 0:
            return 0.0
        if x <= lo:
            g = 0.0
        elif x <= mode:
            g = (x - lo) ** 2 / ((hi - lo) * (mode - lo))
        elif x < hi:
            g = 1 - (hi - x) ** 2 / ((hi - lo) * (hi - mode))
        else:
            g = 1.0
        return 1 - kans + kans * g
    return f


def fixed_cdf(kans: float, amount: float) -> Callable[[float], float]:
    return lambda x: 0.0 if x < 0 else (1 - kans if x < amount else 1.0)


def inverted(cdf: Callable[[float], float], top: float) -> Quantile:
    """Q(a) = the smallest x with cdf(x) >= a, by bisection on [-1, top + 1]."""
    def q(a: float) -> float:
        lo, hi = -1.0, top + 1.0
        for _ in range(200):
            mid = (lo + hi) / 2
            if cdf(mid) >= a:
                hi = mid
            else:
                lo = mid
        return hi
    return q


# -- tolerances ----------------------------------------------------------------------------

@cache
def _log_factorials(n: int) -> NDArray[np.float64]:
    return np.array([math.lgamma(j + 1) for j in range(n + 1)], dtype=np.float64)


def _binomial_mass(n: int, p: float, js: NDArray[np.int64]) -> float:
    """P(Binomial(n, p) in js), summed in log space."""
    if p <= 0:
        return float(np.any(js == 0))
    if p >= 1:
        return float(np.any(js == n))
    lf = _log_factorials(n)
    log = lf[n] - lf[js] - lf[n - js] + js * math.log(p) + (n - js) * math.log1p(-p)
    top = float(log.max())
    return math.exp(top) * float(np.exp(log - top).sum())


@cache
def rank_interval(n: int, k: int, delta: float = DELTA) -> tuple[float, float]:
    """(a, b) with P(Binomial(n, a) >= k) <= delta/2 and P(Binomial(n, b) <= k-1) <= delta/2,
    a as large and b as small as bisection finds: the k-th smallest of n draws lies in
    [Q(a), Q(b)] with probability at least 1 - delta (module docstring)."""
    at_least_k = np.arange(k, n + 1, dtype=np.int64)
    below_k = np.arange(0, k, dtype=np.int64)
    lo, hi = 0.0, k / n  # P(Bin(n, a) >= k) rises with a
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _binomial_mass(n, mid, at_least_k) <= delta / 2 else (lo, mid)
    a = lo
    lo, hi = (k - 1) / n, 1.0  # P(Bin(n, b) <= k - 1) falls with b
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if _binomial_mass(n, mid, below_k) <= delta / 2 else (mid, hi)
    return a, hi


def dkw(n: int, delta: float = DELTA) -> float:
    return math.sqrt(math.log(2 / delta) / (2 * n))


def hoeffding(width: float, n: int, delta: float = DELTA) -> float:
    return width * math.sqrt(math.log(2 / delta) / (2 * n))


def bernstein(variance: float, width: float, n: int, delta: float = DELTA) -> float:
    """t with P(|mean - mu| >= t) <= delta for n draws with |X - mu| <= width:
    2 exp(-n t^2 / (2 variance + 2 width t / 3)) = delta, solved for t."""
    log = math.log(2 / delta)
    b = 2 * width * log / 3
    return (b + math.sqrt(b * b + 8 * n * variance * log)) / (2 * n)


def assert_percentiles(result: Result, q: Quantile, slack: float = 0.0) -> None:
    """Every reported percentile, and the benodigde capaciteit, inside its derived interval
    (slack: 0,5 for amounts rounded to whole euros from a continuous distribution)."""
    asked = [(D(p) / 100, result.percentiles[p], f"P{p}") for p in PERCENTILES]
    for p, value, label in [*asked, (result.certainty, result.required, "benodigd")]:
        a, b = rank_interval(result.draws, rank(result.draws, p))
        low, high = q(a) - slack, q(b) + slack
        assert low <= float(value) <= high, (label, float(value), low, high)


def assert_cdf(result: Result, cdf: Callable[[float], float], slack: float = 0.0) -> None:
    eps = dkw(result.draws) + 5e-7  # the share is written with 6 decimals
    assert result.cdf[-1].count == result.draws
    for point in result.cdf:
        x = float(point.amount)
        assert cdf(x - slack) - eps <= float(point.share) <= cdf(x + slack) + eps, point
        assert point.share == (D(point.count) / result.draws).quantize(D("0.000001"))


def mean_and_variance(dist: Dist) -> tuple[float, float]:
    mean = sum((a * p for a, p in dist.items()), Fraction(0))
    return float(mean), float(sum(((a - mean) ** 2 * p for a, p in dist.items()), Fraction(0)))


# -- exact answers -------------------------------------------------------------------------

def test_independent_fixed_amounts_match_the_exact_convolution() -> None:
    """Ten risks, 1.024 outcomes: every percentile, the benodigde capaciteit, the average and
    the whole cumulative distribution against the exact distribution."""
    exact = independent(FIXED)
    result = simulate(fixed_register(), seed=SEED)
    assert result.draws == N and result.certainty == D("0.90")
    assert_percentiles(result, discrete_quantile(exact))
    assert_cdf(result, discrete_cdf(exact))
    mean, variance = mean_and_variance(exact)
    width = max(float(max(exact)) - mean, mean)
    assert abs(float(result.expected) - mean) <= bernstein(variance, width, N) + 0.5


def test_a_single_fixed_risk_is_exact() -> None:
    """One risk, kans 0,25: 0 up to the 75th percentile, the amount above it (no draw can
    make P80 anything else: the derived interval is a single value)."""
    result = simulate([Risk("A", D("0.25"), Fixed(D(1000)))], seed=SEED)
    assert result.percentiles == {50: 0, 70: 0, 80: 1000, 90: 1000, 95: 1000, 99: 1000}
    assert result.required == 1000 and result.tail_mean == 1000
    assert_cdf(result, fixed_cdf(0.25, 1000))


@pytest.mark.parametrize("kans", ["1", "0.45"])
def test_a_single_uniform_risk(kans: str) -> None:
    p, lo, hi = float(kans), 10_000.0, 250_000.0
    cdf = uniform_cdf(p, lo, hi)
    result = simulate([Risk("U", D(kans), Uniform(D(10_000), D(250_000)))], seed=SEED)
    assert_percentiles(result, inverted(cdf, hi), slack=0.5)
    assert_cdf(result, cdf, slack=0.5)
    assert abs(float(result.expected) - p * (lo + hi) / 2) <= hoeffding(hi, N) + 0.5


@pytest.mark.parametrize("kans", ["1", "0.35"])
def test_a_single_triangular_risk(kans: str) -> None:
    p, lo, mode, hi = float(kans), 50_000.0, 80_000.0, 400_000.0
    cdf = triangular_cdf(p, lo, mode, hi)
    result = simulate([Risk("T", D(kans), Triangular(D(50_000), D(80_000), D(400_000)))],
                      seed=SEED)
    assert_percentiles(result, inverted(cdf, hi), slack=0.5)
    assert_cdf(result, cdf, slack=0.5)
    assert abs(float(result.expected) - p * (lo + mode + hi) / 3) <= hoeffding(hi, N) + 0.5


def test_risks_that_always_go_together_add_their_quantiles() -> None:
    """Coefficient 1: one uniform number drives every risk (comonotone), so the total's
    quantile function is the sum of the risks' quantile functions, exactly."""
    shapes: list[tuple[float, simulation.Impact, Callable[[float], float], float]] = [
        (0.40, Uniform(D(10_000), D(90_000)), uniform_cdf(0.40, 10_000, 90_000), 90_000.0),
        (0.25, Triangular(D(100_000), D(150_000), D(600_000)),
         triangular_cdf(0.25, 100_000, 150_000, 600_000), 600_000.0),
        (0.15, Fixed(D(250_000)), fixed_cdf(0.15, 250_000), 250_000.0),
    ]
    risks = [Risk(f"S{i}", D(str(p)), impact) for i, (p, impact, _, _) in enumerate(shapes)]
    parts = [inverted(cdf, top) for _, _, cdf, top in shapes]
    result = simulate(risks, seed=SEED,
                      dependences=[Dependence(tuple(r.code for r in risks), D(1))])
    assert_percentiles(result, lambda a: sum(q(a) for q in parts), slack=0.5 + 1e-6)


def test_partly_dependent_risks_match_the_exact_mixture() -> None:
    """Coefficient 0,5 over three of five fixed risks: the exact distribution is half the
    comonotone group (with the other two independent) and half all independent. The exact
    answer differs from independence, so passing it shows the dependence works."""
    group, rest = FIXED[:3], FIXED[3:5]
    rows = group + rest
    exact = mixture(Fraction(1, 2), convolve(comonotone(group), independent(rest)),
                    independent(rows))
    assert discrete_quantile(exact)(0.8) != discrete_quantile(independent(rows))(0.8)
    result = simulate(fixed_register(rows), seed=SEED,
                      dependences=[Dependence(tuple(c for c, _, _ in group), D("0.5"))])
    assert_percentiles(result, discrete_quantile(exact))
    assert_cdf(result, discrete_cdf(exact))


def test_a_coefficient_of_zero_is_independence_draw_for_draw() -> None:
    risks = fixed_register()
    alone = totals(risks, draws=20_000, seed=SEED)
    grouped = totals(risks, draws=20_000, seed=SEED,
                     dependences=[Dependence(("R1", "R2", "R3"), D(0))])
    assert np.array_equal(alone, grouped)


# -- contributions -------------------------------------------------------------------------

def test_contributions_add_up_and_match_the_exact_tail() -> None:
    """Each risk's contribution is its average in the years with a total of at least the
    benodigde capaciteit v. Exactly: E[amount_i | total >= v], by enumerating the 1.024
    outcomes. Tolerance: v is one of the m possible totals in the derived interval of the
    90th percentile (asserted; outside it with probability at most DELTA). For each of those
    m values w, the years with total >= w are independent draws from the distribution given
    total >= w, so the average of risk i over them is within Hoeffding's bound for their
    number, except with probability DELTA; one euro more for rounding. A union over the m
    values and the interval: a correct simulation fails with probability at most
    (m + 1) x DELTA per risk."""
    result = simulate(fixed_register(), seed=SEED)
    exact_total = independent(FIXED)
    q = discrete_quantile(exact_total)
    a, b = rank_interval(N, rank(N, D("0.9")))
    v = float(result.required)
    candidates = [x for x in exact_total if q(a) <= x <= q(b)]
    assert Fraction(v) in candidates and len(candidates) < 10
    tail_p = Fraction(0)
    tail_amount = [Fraction(0)] * len(FIXED)
    for happens in product((False, True), repeat=len(FIXED)):
        p = Fraction(1)
        for (_, kans, _), h in zip(FIXED, happens, strict=True):
            p *= Fraction(kans) if h else 1 - Fraction(kans)
        if sum(amount for (_, _, amount), h in zip(FIXED, happens, strict=True) if h) >= v:
            tail_p += p
            for i, ((_, _, amount), h) in enumerate(zip(FIXED, happens, strict=True)):
                tail_amount[i] += p * amount * h
    for (code, _, amount), c, exact in zip(FIXED, result.contributions, tail_amount,
                                           strict=True):
        assert c.code == code
        bound = hoeffding(amount, result.tail_draws) + 1
        assert abs(float(c.tail) - float(exact / tail_p)) <= bound, (code, c.tail)
    assert sum(c.tail for c in result.contributions) == result.tail_mean >= result.required
    assert sum(c.expected for c in result.contributions) == result.expected


def test_contributions_add_up_for_ranges_and_dependence() -> None:
    risks = [Risk("A", D("0.3"), Triangular(D(1), D(2_000), D(90_001))),
             Risk("B", D("0.6"), Uniform(D("0.5"), D("12345.5"))),
             Risk("C", D("0.1"), Fixed(D(77_777))), Risk("Z", D(0), Fixed(D(10**6)))]
    result = simulate(risks, seed=3, certainty=D("0.95"),
                      dependences=[Dependence(("A", "C"), D("0.7"))])
    assert sum(c.tail for c in result.contributions) == result.tail_mean
    assert sum(c.expected for c in result.contributions) == result.expected
    assert result.contributions[-1] == simulation.Contribution("Z", D(0), D(0))
    assert result.tail_mean >= result.required == result.percentiles[95]
    assert result.tail_draws >= N // 20


def test_rounding_to_whole_euros_keeps_the_sum() -> None:
    assert shares_to_euros([0.5, 0.5, 0.5], D(2)) == [1, 1, 0]
    assert shares_to_euros([10.2, 20.3, 30.4], D(61)) == [10, 20, 31]
    assert shares_to_euros([10.7, 0.9], D(11)) == [10, 1]  # floats a hair off: take back
    assert shares_to_euros([3.9999999, 0.0], D(3)) == [3, 0]
    assert simulation.euros(2.5) == 3 and simulation.euros(-2.5) == -3


# -- the percentile definition -------------------------------------------------------------

def test_the_percentile_is_the_smallest_value_with_at_least_p_at_or_below() -> None:
    values = np.arange(1, 11, dtype=np.float64)
    assert [percentile(values, D(p) / 100) for p in (10, 15, 50, 90, 91, 99, 100)] == \
        [1, 2, 5, 9, 10, 10, 10]
    assert percentile(values, D("0.0001")) == 1
    assert rank(100_000, D("0.9")) == 90_000 and rank(100, D("0.07")) == 7
    rng = np.random.default_rng(5)
    for n in (1, 2, 7, 100, 1001):
        sample = np.sort(rng.integers(0, 50, n).astype(np.float64))
        for p in (1, 3, 255, 512, 1000, 1023):  # p / 1024: exact in floats, as numpy needs
            expected = np.quantile(sample, p / 1024, method="inverted_cdf")
            assert percentile(sample, D(p) / 1024) == expected, (n, p)


# -- determinism ---------------------------------------------------------------------------

def mixed_register() -> list[Risk]:
    return [Risk("A", D("0.3"), Triangular(D(1_000), D(2_000), D(90_000))),
            Risk("B", D("0.6"), Uniform(D(500), D(12_345))), *fixed_register()[:4]]


def test_the_same_seed_gives_the_same_draws_and_bytes_another_seed_others() -> None:
    risks = mixed_register()
    first, second = totals(risks, seed=7), totals(risks, seed=7)
    assert first.tobytes() == second.tobytes()
    assert not np.array_equal(first, totals(risks, seed=8))
    one, two = simulate(risks, seed=7), simulate(risks, seed=7)
    assert one == two and one.as_json() == two.as_json()
    assert simulate(risks, seed=8).as_json() != one.as_json()


def test_chunks_do_not_change_the_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    risks = mixed_register()
    deps = [Dependence(("A", "R1"), D("0.4"))]
    whole = totals(risks, draws=20_011, seed=1, dependences=deps)
    integral = simulate(fixed_register(), draws=20_011, seed=1)
    monkeypatch.setattr(simulation, "CHUNK", 4093)
    assert totals(risks, draws=20_011, seed=1, dependences=deps).tobytes() == whole.tobytes()
    assert simulate(fixed_register(), draws=20_011, seed=1) == integral


def test_a_risk_added_leaves_the_draws_of_the_others() -> None:
    """Every risk has its own stream: the totals with a new risk are the old totals plus its
    losses, draw for draw, and the order of the register does not matter."""
    risks = mixed_register()
    old = totals(risks[:-1], draws=10_000, seed=4)
    new = totals(risks, draws=10_000, seed=4)
    assert np.array_equal(new, old + totals(risks[-1:], draws=10_000, seed=4))
    reordered = simulate(fixed_register()[::-1], seed=4)
    straight = simulate(fixed_register(), seed=4)
    assert reordered.percentiles == straight.percentiles
    assert reordered.contributions == straight.contributions[::-1]


SCRIPT = """
from pcdocs.model.simulation import simulate, Dependence
from decimal import Decimal
from tests.test_simulation import mixed_register
print(simulate(mixed_register(), seed=11,
               dependences=[Dependence(("A", "B"), Decimal("0.5"))]).as_json())
"""


def test_the_bytes_do_not_depend_on_the_process_or_threads() -> None:
    expected = simulate(mixed_register(), seed=11,
                        dependences=[Dependence(("A", "B"), D("0.5"))]).as_json()
    for hashseed, threads in (("1", "1"), ("2", "2")):
        env = {**os.environ, "PYTHONHASHSEED": hashseed, "OMP_NUM_THREADS": threads,
               "OPENBLAS_NUM_THREADS": threads}
        out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, check=True,
                             capture_output=True, text=True).stdout
        assert out.strip() == expected


def test_memory_is_bounded_by_the_chunks_not_the_draws() -> None:
    """A million years of five risks: the totals and their sorted copy (16 MB) and a few
    chunks, never a million-by-five matrix (40 MB more) or its temporaries."""
    risks = mixed_register()[:5]
    tracemalloc.start()
    try:
        simulate(risks, draws=1_000_000, seed=2)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20, peak


def test_the_cdf_points_rise_and_number_about_two_hundred() -> None:
    result = simulate(mixed_register(), seed=9)
    amounts = [p.amount for p in result.cdf]
    counts = [p.count for p in result.cdf]
    assert amounts == sorted(set(amounts)) and counts == sorted(counts)
    assert 100 <= len(result.cdf) <= simulation.CDF_POINTS + 1
    assert result.cdf[-1].share == 1 and result.cdf[-1].count == result.draws
    assert result.cdf[-1].amount >= result.percentiles[99] >= result.cdf[0].amount


# -- the class table -----------------------------------------------------------------------

@pytest.mark.parametrize(("ratio", "klasse"), [
    ("0", "F"), ("0.59", "F"), ("0.6", "E"), ("0.79", "E"), ("0.8", "D"), ("0.99", "D"),
    ("1.0", "C"), ("1", "C"), ("1.39", "C"), ("1.4", "B"), ("1.40", "B"), ("1.99", "B"),
    ("2.0", "A"), ("2.01", "A"), ("1000", "A"), ("Infinity", "A")])
def test_a_ratio_on_a_boundary_is_the_higher_class(ratio: str, klasse: str) -> None:
    assert ratio_class(D(ratio)).klasse == klasse
    assert ratio_class(D(ratio), DEFAULT_CLASSES) == ratio_class(D(ratio))


def test_the_default_table_and_an_organisations_own() -> None:
    assert [(r.klasse, r.label) for r in DEFAULT_CLASSES] == [
        ("F", "ruim onvoldoende"), ("E", "onvoldoende"), ("D", "matig"), ("C", "voldoende"),
        ("B", "ruim voldoende"), ("A", "uitstekend")]
    own = [(D(0), "rood", "te weinig"), (D(1), "oranje", "krap"), (D("1.5"), "groen", "goed")]
    assert ratio_class(D("1.2"), own).label == "krap"
    assert ratio_class(D("1.5"), own).klasse == "groen"
    assert ratio_class(0, own).klasse == "rood"


@pytest.mark.parametrize("rows", [
    [],
    [(D("0.5"), "A", "a"), (D(1), "B", "b")],  # does not start at 0
    [(D(0), "A", "a"), (D(2), "B", "b"), (D(1), "C", "c")],  # not rising
    [(D(0), "A", "a"), (D(1), "B", "b"), (D(1), "C", "c")],  # equal bounds: an empty class
    [(D(0), "A", "a"), (D(1), "A", "b")],  # a class twice
    [(D(0), "A", ""), (D(1), "B", "b")],  # no label
    [(0.0, "A", "a")],  # a float: 1,4 is not exact in floats
    [(D("NaN"), "A", "a")],
    [(D(0), "A")],
])
def test_a_class_table_must_cover_zero_to_infinity_in_order(rows: list[tuple[Decimal, str, str]]
                                                            ) -> None:
    with pytest.raises(DataError) as caught:
        class_table(rows, Source("data/x/2026/weerstand.yaml", 4, "klassen"))
    assert caught.value.finding.code == "klassentabel"
    with pytest.raises(DataError):
        ratio_class(D(1), rows)


def test_a_ratio_must_be_a_number_of_at_least_zero() -> None:
    with pytest.raises(DataError) as negative:
        ratio_class(D("-0.1"))
    assert negative.value.finding.code == "buiten-bereik"
    with pytest.raises(DataError) as nan:
        ratio_class(D("NaN"))
    assert nan.value.finding.code == "geen-getal"


# -- input the simulation refuses ----------------------------------------------------------

SOURCE = Source("data/x/2026/risicos.yaml", 12, "kans")
OK = Risk("A", D("0.5"), Fixed(D(100)))


def bad(kans: object = D("0.5"), impact: object = None) -> Risk:
    """A risk at SOURCE, wrong as the arguments say (the types are wrong on purpose)."""
    return Risk("A", kans, impact or Fixed(D(1)), source=SOURCE)  # type: ignore[arg-type]


# (label, arguments changed, code, whether the finding names SOURCE)
BAD: list[tuple[str, dict[str, object], str, bool]] = [
    ("kans boven 1", {"risks": [bad(D("1.5"))]}, "buiten-bereik", True),
    ("kans negatief", {"risks": [bad(D("-0.1"))]}, "buiten-bereik", True),
    ("kans NaN", {"risks": [bad(D("NaN"))]}, "buiten-bereik", True),
    ("kans als float", {"risks": [bad(0.5)]}, "geen-getal", True),
    ("bedrag negatief", {"risks": [bad(impact=Fixed(D(-1)))]}, "buiten-bereik", True),
    ("minimum boven maximum", {"risks": [bad(impact=Uniform(D(200), D(100)))]},
     "bandbreedte", True),
    ("meest waarschijnlijk buiten", {"risks": [bad(impact=Triangular(D(100), D(300), D(200)))]},
     "bandbreedte", True),
    ("onmogelijk groot", {"risks": [bad(impact=Fixed(D(10) ** 14))]}, "buiten-bereik", True),
    ("dubbele code", {"risks": [OK, bad()]}, "dubbele-code", True),
    ("leeg register", {"risks": []}, "lege-lijst", False),
    ("te veel trekkingen", {"draws": MAX_DRAWS + 1}, "trekkingen", False),
    ("te weinig trekkingen", {"draws": 999}, "trekkingen", False),
    ("trekkingen als float", {"draws": 1e5}, "trekkingen", False),
    ("seed negatief", {"seed": -1}, "buiten-bereik", False),
    ("zekerheid 1", {"certainty": D(1)}, "buiten-bereik", False),
    ("zekerheid 0", {"certainty": D(0)}, "buiten-bereik", False),
    ("samenhang met onbekend risico",
     {"dependences": [Dependence(("A", "X"), D("0.5"), SOURCE)]}, "samenhang", True),
    ("samenhang van één risico", {"dependences": [Dependence(("A", "A"), D("0.5"), SOURCE)]},
     "samenhang", True),
    ("risico in twee samenhangen",
     {"risks": [OK, Risk("B", D("0.1"), Fixed(D(1))), Risk("C", D("0.1"), Fixed(D(1)))],
      "dependences": [Dependence(("A", "B"), D("0.5")), Dependence(("B", "C"), D(1), SOURCE)]},
     "samenhang", True),
    ("coëfficiënt boven 1", {"risks": [OK, Risk("B", D("0.1"), Fixed(D(1)))],
                             "dependences": [Dependence(("A", "B"), D("1.2"), SOURCE)]},
     "buiten-bereik", True),
]


@pytest.mark.parametrize(("label", "change", "code", "located"), BAD, ids=[b[0] for b in BAD])
def test_input_the_simulation_cannot_mean_is_refused(label: str, change: dict[str, object],
                                                     code: str, located: bool) -> None:
    """Codes: buiten-bereik, geen-getal, bandbreedte, dubbele-code, lege-lijst, trekkingen,
    samenhang; refused before anything is drawn (ten million and one draws fail at once),
    at the data line when the input names one."""
    arguments: dict[str, object] = {"risks": [OK], **change}
    with pytest.raises(DataError) as caught:
        simulate(**arguments)  # type: ignore[arg-type]
    finding = caught.value.finding
    assert finding.code == code, (label, finding)
    if located:
        assert (finding.file, finding.line) == (SOURCE.file, SOURCE.line), finding
