"""Money in financial tables: sign convention and unit are data; rounding is stated."""

from decimal import Decimal

import pytest

from pcdocs.model.geld import Money, effect


@pytest.mark.parametrize(("convention", "lasten", "baten"), [
    ("lasten-negatief", Decimal(-1000), Decimal(400)),
    ("baten-negatief", Decimal(1000), Decimal(-400)),
    ("positief", Decimal(1000), Decimal(400)),
])
def test_each_convention_shows_and_reads_back_the_same_amount(
        convention: str, lasten: Decimal, baten: Decimal) -> None:
    money = Money(convention, "euro")
    assert money.shown(Decimal(1000), "lasten") == lasten
    assert money.shown(Decimal(400), "baten") == baten
    assert money.canonical(lasten, "lasten") == Decimal(1000)
    assert money.canonical(baten, "baten") == Decimal(400)


def test_rounding_half_away_from_zero_in_the_tables_unit() -> None:
    thousands = Money("positief", "duizend")
    assert thousands.rounded(Decimal(2_639_500)) == 2640
    assert thousands.rounded(Decimal(2_639_499)) == 2639
    assert thousands.rounded(Decimal(-1_500)) == -2
    assert thousands.text(Decimal(41_673_000)) == "41.673"
    assert thousands.text(Decimal(400)) == "–"  # rounds to zero: shown as a dash
    assert Money("positief", "euro").text(Decimal(5_123_960)) == "5.123.960"
    assert thousands.label == "bedragen x € 1.000"


def test_effect_on_the_saldo() -> None:
    assert effect("lasten", Decimal(-125_000)) == "voordeel"
    assert effect("lasten", Decimal(85_000)) == "nadeel"
    assert effect("baten", Decimal(85_000)) == "voordeel"
    assert effect("baten", Decimal(-16_000)) == "nadeel"
