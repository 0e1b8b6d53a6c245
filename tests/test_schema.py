from decimal import Decimal

import pytest

from pcdocs.errors import DataError
from pcdocs.model.load import parse_yaml
from pcdocs.model.schema import Reader


def reader(text: str) -> Reader:
    return Reader(parse_yaml(text, "data/x.yaml"), "data/x.yaml")


def test_a_word_where_a_number_belongs_names_file_line_key_and_fix() -> None:
    r = reader("naam: x\nfte: vier\n")
    with pytest.raises(DataError) as info:
        r.decimal("fte")
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == ("data/x.yaml", 2, "fte", "geen-getal")
    assert "'vier' is geen getal" in f.message
    assert f.hint and "38,09" in f.hint


@pytest.mark.parametrize(("raw", "expected"), [("38.09", "38.09"), ('"38,09"', "38.09"),
                                               ("42", "42")])
def test_numbers_accept_a_decimal_comma(raw: str, expected: str) -> None:
    assert reader(f"v: {raw}\n").decimal("v") == Decimal(expected)


@pytest.mark.parametrize("raw", ['"1.234,5"', '"3.809"', "ja", '"38,09 fte"'])
def test_ambiguous_or_wrong_numbers_are_errors_not_guesses(raw: str) -> None:
    with pytest.raises(DataError) as info:
        reader(f"v: {raw}\n").decimal("v")
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == ("data/x.yaml", 1, "v", "geen-getal")


def test_unknown_key_suggests_the_intended_one() -> None:
    r = reader("functie: x\nfnctie: y\n")
    r.text("functie")
    with pytest.raises(DataError) as info:
        r.done()
    f = info.value.finding
    assert (f.line, f.code) == (2, "onbekende-sleutel")
    assert f.hint == "bedoelde u 'functie'?"


def test_missing_key_names_the_mapping() -> None:
    r = reader("a: 1\n")
    with pytest.raises(DataError) as info:
        r.text("naam")
    assert info.value.finding.code == "ontbrekende-sleutel"
    assert "naam" in info.value.finding.message


def test_list_items_have_their_own_lines_and_paths() -> None:
    r = reader("vacatures:\n  - functie: a\n    aantal: 1\n  - functie: b\n    aantal: twee\n")
    items = list(r.items("vacatures"))
    assert [i.line for i in items] == [2, 4]
    with pytest.raises(DataError) as info:
        items[1].integer("aantal")
    assert info.value.finding.key == "vacatures[2].aantal"
    assert info.value.finding.line == 5
    assert info.value.finding.code == "geen-getal"


def test_choice_suggests_a_close_value() -> None:
    with pytest.raises(DataError) as info:
        reader("status: vastgsteld\n").choice("status", {"concept": 1, "vastgesteld": 2})
    assert info.value.finding.hint == "bedoelde u 'vastgesteld'?"
    assert (info.value.finding.line, info.value.finding.code) == (1, "onbekende-waarde")
