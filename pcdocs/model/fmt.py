"""Dutch formatting of numbers, money, percentages and dates, through babel (nl_NL).

Only this module decides how a value looks on the page: 38,09 fte; € 4.076.005; 7,5%;
26 januari 2021.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "nl_NL"
NBSP = "\u00a0"

Number = Decimal | int

# Dutch style writes small whole numbers in words; "één" carries its accents.
_WORDS = [
    "nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
    "negentien", "twintig",
]


def decimals_of(value: Number) -> int:
    """How many decimals the value was written with (Decimal keeps '5.50' as 2)."""
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def number(value: Number, decimals: int | None = None) -> str:
    """A plain number: 1.234,5 (decimals as written unless given)."""
    places = decimals_of(value) if decimals is None else decimals
    return format_decimal(value, format=_pattern(places), locale=LOCALE)


def fte(value: Number) -> str:
    """Formatie in fte, always two decimals: 38,09 fte."""
    return f"{number(value, 2)}{NBSP}fte"


def percent(value: Number, decimals: int | None = None) -> str:
    """A percentage given in percent units (7.5 -> 7,5%)."""
    places = decimals_of(value) if decimals is None else decimals
    fraction = Decimal(value) / 100
    return format_percent(fraction, format=_pattern(places) + "%", locale=LOCALE)


def euro(value: Number, decimals: int | None = None) -> str:
    """An amount in euros: € 4.076.005 (whole euros unless the data carries cents)."""
    places = decimals_of(value) if decimals is None else decimals
    pattern = f"¤{NBSP}{_pattern(places)};¤{NBSP}-{_pattern(places)}"
    return format_currency(value, "EUR", format=pattern, currency_digits=False, locale=LOCALE)


def word(value: int) -> str:
    """A whole number in Dutch words up to twenty, digits above: 2 -> 'twee'."""
    if 0 <= value < len(_WORDS):
        return _WORDS[value]
    return number(value)


def count(value: int, singular: str | None = None, plural: str | None = None) -> str:
    """A count with an optional noun in the right number: '1 week', '8 weken'."""
    text = number(value)
    if singular is None:
        return text
    noun = singular if value == 1 else (plural or singular)
    return f"{text}{NBSP}{noun}"


def long_date(value: dt.date) -> str:
    """26 januari 2021."""
    return format_date(value, format="long", locale=LOCALE)


def month_year(value: dt.date) -> str:
    """januari 2024."""
    return format_skeleton("yMMMM", value, locale=LOCALE)


def day_month(value: dt.date) -> str:
    """15 augustus."""
    return format_skeleton("MMMMd", value, locale=LOCALE)


def short_date(value: dt.date) -> str:
    """26-01-2021, as Dutch decision lists write dates."""
    return value.strftime("%d-%m-%Y")


def enumeration(items: list[str]) -> str:
    """'a, b en c'."""
    return format_list(items, locale=LOCALE) if items else ""
