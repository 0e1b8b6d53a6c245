"""Reading a figure from data: a plain number, or a mapping with waarde, eenheid and
kwalificatie ('iets meer dan', 'ongeveer') for figures a source states approximately."""

from __future__ import annotations

from typing import Any

from pcdocs.figures import Figure, Unit
from pcdocs.fmt import decimals_of
from pcdocs.schema import Reader, to_bool, to_decimal

QUALIFIERS = ("ongeveer", "circa", "iets meer dan", "iets minder dan", "ruim", "bijna",
              "meer dan", "minder dan", "maximaal", "minimaal")


def read_figure(r: Reader, key: Any, unit: Unit, label: str) -> Figure:
    """`key: 38.09` or `key: {waarde: 9, kwalificatie: iets meer dan}`."""
    raw = r.raw(key)
    if isinstance(raw, dict):
        sub = r.map(key)
        fig = value_figure(sub, "waarde", sub.unit("eenheid", unit), label)
        qualifier = sub.opt_choice("kwalificatie", {q: q for q in QUALIFIERS})
        decimals = sub.opt_integer("decimalen", minimum=0)
        sub.done()
        return Figure(fig.value, fig.unit, fig.sources, label, qualifier=qualifier,
                      decimals=decimals if decimals is not None else fig.decimals)
    return value_figure(r, key, unit, label)


def value_figure(r: Reader, key: Any, unit: Unit, label: str) -> Figure:
    """The value under `key`, read and checked as `unit` (text, ja/nee, date or number)."""
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
    number = to_decimal(raw, lambda m, h: r.error(key, m, hint=h, code="geen-getal"))
    if unit in (Unit.COUNT, Unit.YEAR) or (unit in (Unit.DAYS, Unit.WEEKS, Unit.MONTHS)
                                          and number == number.to_integral_value()):
        if number != number.to_integral_value():
            raise r.error(key, f"'{raw}' moet een heel getal zijn", code="geen-geheel-getal")
        return Figure(int(number), unit, source, label)
    return Figure(number, unit, source, label, decimals=decimals_of(number))
