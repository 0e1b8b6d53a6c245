"""Reading a figure from data: a plain number, or a mapping with waarde, eenheid and
kwalificatie ('iets meer dan', 'ongeveer') for figures a source states approximately.

Every number read here is checked against the range its unit and kind allow
(`figures.RANGES` and `figures.EXCEPTIONS`, the one table of allowed values), at the line
of the value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pcdocs.errors import DataError
from pcdocs.model import fmt
from pcdocs.model.figures import Figure, Kind, Unit, probably_fraction, range_problem
from pcdocs.model.fmt import decimals_of
from pcdocs.model.schema import Reader, to_bool, to_decimal

QUALIFIERS = ("ongeveer", "circa", "iets meer dan", "iets minder dan", "ruim", "bijna",
              "meer dan", "minder dan", "maximaal", "minimaal")

# A percentage written with its sign ('0,8%') says it is meant as a percentage: it is
# never taken for a fraction.
PERCENT_SIGN = "procentteken"


def read_figure(r: Reader, key: Any, unit: Unit, label: str,
                kind: Kind = Kind.LEVEL) -> Figure:
    """`key: 38.09` or `key: {waarde: 9, kwalificatie: iets meer dan}`."""
    raw = r.raw(key)
    if isinstance(raw, dict):
        sub = r.map(key)
        fig = value_figure(sub, "waarde", sub.unit("eenheid", unit), label, kind)
        qualifier = sub.opt_choice("kwalificatie", {q: q for q in QUALIFIERS})
        decimals = sub.opt_integer("decimalen", minimum=0)
        sub.done()
        return Figure(fig.value, fig.unit, fig.sources, label, qualifier=qualifier,
                      decimals=decimals if decimals is not None else fig.decimals,
                      extra=fig.extra)
    return value_figure(r, key, unit, label, kind)


def value_figure(r: Reader, key: Any, unit: Unit, label: str,
                 kind: Kind = Kind.LEVEL) -> Figure:
    """The value under `key`, read and checked as `unit` (text, ja/nee, date or number),
    within the range `unit` and `kind` allow."""
    source = (r.source(key),)
    raw = r.raw(key)
    if unit is Unit.TEXT:
        return Figure(r.text(key), unit, source, label)
    if unit is Unit.BOOL:
        value = to_bool(raw, lambda m, h: r.error(key, m, hint=h, code="geen-ja-nee"))
        return Figure(value, unit, source, label)
    if unit is Unit.DATE:
        date, month_only = r.partial_date(key)
        return Figure(date, unit, source, label, month_precision=month_only)
    extra: dict[str, str] = {}
    if unit is Unit.PERCENT and isinstance(raw, str) and raw.strip().endswith("%"):
        raw, extra = raw.strip()[:-1].strip(), {PERCENT_SIGN: "ja"}
    number = to_decimal(raw, lambda m, h: r.error(key, m, hint=h, code="geen-getal"))
    problem = range_problem(number, unit, kind)
    if problem is not None:
        code, message, hint = problem
        raise r.error(key, message, hint=hint, code=code)
    if unit in (Unit.COUNT, Unit.YEAR) or (unit in (Unit.DAYS, Unit.WEEKS, Unit.MONTHS)
                                          and number == number.to_integral_value()):
        if number != number.to_integral_value():
            raise r.error(key, f"'{raw}' moet een heel getal zijn", code="geen-geheel-getal")
        return Figure(int(number), unit, source, label)
    return Figure(number, unit, source, label, decimals=decimals_of(number), extra=extra)


def percent_value(r: Reader, key: str, what: str) -> Decimal:
    """A single percentage 0..100 (`30%` or 30). Below 1 without its sign it is most likely
    a fraction (0,3 for 30%): an error at its line that offers both readings."""
    fig = value_figure(r, key, Unit.PERCENT, what)
    value = fig.numeric()
    assert value is not None
    if 0 < value < 1 and not fig.extra.get(PERCENT_SIGN):
        shown = fmt.number(value * 100)
        raise r.error(key, f"{fmt.number(value)} is waarschijnlijk een fractie",
                      code="waarschijnlijk-fractie",
                      hint=f"bedoelt u {shown}%, schrijf dan '{shown}%'; is het echt "
                           f"{fmt.number(value)}%, schrijf dan '{fmt.number(value)}%'")
    return value


def check_fractions(series: list[Figure], what: str) -> None:
    """A percentage of `series` (a norm and its realisations, or one measure over periods)
    between 0 and 1 while every other one is 1 or more was most likely typed as a fraction
    (0,96 for 96%): an error at its line. Written with its sign ('0,8%') it stands."""
    numbers = [(fig, fig.numeric()) for fig in series if fig.unit is Unit.PERCENT]
    known = [(fig, n) for fig, n in numbers if n is not None]
    for fig, value in known:
        if fig.extra.get(PERCENT_SIGN):
            continue
        others = [n for other, n in known if other is not fig and n != 0]
        if probably_fraction(value, others):
            src = fig.sources[0]
            meant, typed = fmt.number((value * 100).normalize()), fmt.number(value)
            rest = ", ".join(fmt.number(o) for o in sorted(set(others))[:3])
            raise DataError(
                f"{src.key or what}: {typed} is waarschijnlijk een fractie, terwijl {what} "
                f"verder in procenten staat ({rest})",
                file=src.file, line=src.line, key=src.key, code="waarschijnlijk-fractie",
                hint=f"bedoelt u {meant}%, schrijf dan {meant}; is het echt {typed}%, schrijf "
                     f"dan '{typed}%' met het procentteken")

