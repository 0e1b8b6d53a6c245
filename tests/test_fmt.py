import datetime as dt
from decimal import Decimal

import pytest

from pcdocs.model import fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("38.09"), "38,09\u00a0fte"),
        (Decimal("353.5"), "353,50\u00a0fte"),
        (Decimal("1234.5"), "1.234,50\u00a0fte"),
    ],
)
def test_fte_always_has_two_decimals(value: Decimal, expected: str) -> None:
    assert fmt.fte(value) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(Decimal("7.5"), None, "7,5%"), (Decimal("9"), None, "9%"), (Decimal("12.5"), None, "12,5%"),
     (Decimal("-2.4"), None, "-2,4%"), (Decimal("5.5"), 2, "5,50%")],
)
def test_percent_keeps_the_decimals_of_the_data(value: Decimal, decimals: int | None,
                                                 expected: str) -> None:
    assert fmt.percent(value, decimals) == expected


def test_euro_uses_thousands_dot_and_no_cents_for_whole_amounts() -> None:
    assert fmt.euro(Decimal("4076005")) == "€\u00a04.076.005"
    assert fmt.euro(Decimal("17.65")) == "€\u00a017,65"


def test_dates_in_dutch() -> None:
    assert fmt.long_date(dt.date(2021, 1, 26)) == "26 januari 2021"
    assert fmt.month_year(dt.date(2023, 12, 1)) == "december 2023"
    assert fmt.day_month(dt.date(2024, 8, 15)) == "15 augustus"
    assert fmt.short_date(dt.date(2021, 1, 26)) == "26-01-2021"


def test_words_and_counts() -> None:
    assert fmt.word(1) == "één"
    assert fmt.word(2) == "twee"
    assert fmt.word(21) == "21"
    assert fmt.count(1, "week", "weken") == "1\u00a0week"
    assert fmt.count(8, "week", "weken") == "8\u00a0weken"


def test_enumeration_in_dutch() -> None:
    assert fmt.enumeration(["a", "b", "c"]) == "a, b en c"
    assert fmt.enumeration(["a"]) == "a"
    assert fmt.enumeration([]) == ""


def test_negative_euros_keep_the_sign_after_the_currency() -> None:
    assert fmt.euro(Decimal("-35413000")) == "€\u00a0-35.413.000"
