"""Verdeelsleutels and the allocation of amounts over gemeenten: the largest remainder method
(exact to the unit, its tie rule, refunds), a table divided with every row and column exact,
the data file's checks, the macros on the whole document and on a gemeente's edition, and
what a comparison sees."""

from __future__ import annotations

import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from pcdocs.blocks import verdeelsleutels
from pcdocs.blocks.spec import Checking
from pcdocs.blocks.verdeelsleutels import (
    SPEC,
    macro_bijdrage,
    macro_verdeelsleutel,
    macro_verdeling,
)
from pcdocs.compare.diff import diff_facts
from pcdocs.compare.facts import facts_of
from pcdocs.errors import DataError, MacroError
from pcdocs.model import allocation
from pcdocs.model.allocation import CENT, UNITS, allocate, allocate_rows, largest_remainder
from pcdocs.model.organisation import Organisation, load_organisation
from pcdocs.model.repository import Repository
from pcdocs.output.session import BuildSession

from .conftest import ROOT

EXAMPLE = ROOT / "data/isd-bol/2025/verdeelsleutels.yaml"
EXAMPLE_REL = "data/isd-bol/2025/verdeelsleutels.yaml"

# -- the largest remainder method ------------------------------------------------------------

names = st.text(alphabet="abcdefghij", min_size=1, max_size=5)
weights = st.dictionaries(names, st.integers(0, 10**6), min_size=1, max_size=8).filter(
    lambda w: sum(w.values()) > 0)
amounts = st.decimals(min_value=-10**10, max_value=10**10, places=3, allow_nan=False,
                      allow_infinity=False)
units = st.sampled_from([u for u, _ in UNITS.values()])


@settings(max_examples=400, deadline=None)
@given(amounts, weights, units)
def test_the_parts_always_add_up_to_the_total_each_within_one_unit(
        amount: Decimal, weight: dict[str, int], unit: Decimal) -> None:
    result = allocate(amount, weight, unit)
    assert sum(p.amount for p in result.parts) == result.total
    # the total is the amount in whole units, rounded half away from zero
    assert abs(Fraction(result.total) - Fraction(amount)) <= Fraction(unit) / 2
    assert result.total % unit == 0
    total_weight = sum(weight.values())
    for part in result.parts:
        assert part.amount % unit == 0
        assert part.exact == Fraction(result.total) * weight[part.name] / total_weight
        assert abs(part.difference) < Fraction(unit)
        if weight[part.name] == 0:
            assert part.amount == 0


@settings(max_examples=200, deadline=None)
@given(amounts, weights, units)
def test_the_result_is_deterministic_and_a_refund_mirrors_a_charge(
        amount: Decimal, weight: dict[str, int], unit: Decimal) -> None:
    result = allocate(amount, weight, unit).amounts
    assert allocate(amount, weight, unit).amounts == result
    backwards = dict(reversed(list(weight.items())))
    assert allocate(amount, backwards, unit).amounts == result  # order does not matter
    assert allocate(-amount, weight, unit).amounts == {n: -a for n, a in result.items()}


def test_three_equal_shares_of_a_hundred_lose_no_cent() -> None:
    result = allocate(Decimal("100.00"), {"c": 1, "b": 1, "a": 1})
    assert result.amounts == {"c": Decimal("33.33"), "b": Decimal("33.33"),
                              "a": Decimal("33.34")}  # the tie goes to the first name
    assert [p.extra for p in result.parts] == [False, False, True]


def test_at_an_equal_remainder_the_larger_weight_goes_first_then_the_name() -> None:
    # 2 cents over 1:3 is 0,5 and 1,5 cent: equal remainders, so the larger weight gets it,
    # although its name sorts last
    assert allocate(Decimal("0.02"), {"aa": 1, "zz": 3}).amounts == {
        "aa": Decimal("0.00"), "zz": Decimal("0.02")}
    # equal weights: the name that sorts first
    assert largest_remainder(1, {"landgraaf": 5, "brunssum": 5}) == {"landgraaf": 0,
                                                                     "brunssum": 1}
    # the largest remainder wins before any weight: 10 over 1:2 is 3,33 and 6,67
    assert largest_remainder(10, {"a": 2, "b": 1}) == {"a": 7, "b": 3}


def test_a_refund_gives_back_the_extra_cent_where_a_charge_takes_it() -> None:
    charge = allocate(Decimal("0.05"), {"brunssum": 1, "landgraaf": 1})
    refund = allocate(Decimal("-0.05"), {"brunssum": 1, "landgraaf": 1})
    assert charge.amounts == {"brunssum": Decimal("0.03"), "landgraaf": Decimal("0.02")}
    assert refund.amounts == {"brunssum": Decimal("-0.03"), "landgraaf": Decimal("-0.02")}
    assert refund.total == Decimal("-0.05")


def test_other_units_and_a_total_finer_than_the_unit() -> None:
    assert allocate(Decimal("1234567.891"), {"a": 1, "b": 2}).total == Decimal("1234567.89")
    result = allocate(Decimal("1234567.89"), {"a": 1, "b": 2}, UNITS["duizend"][0])
    assert result.total == Decimal(1235000)
    assert result.amounts == {"a": Decimal(412000), "b": Decimal(823000)}
    assert allocate(Decimal("2.5"), {"a": 1}, Decimal(1)).total == 3  # half away from zero
    assert allocate(Decimal("-2.5"), {"a": 1}, Decimal(1)).total == -3


def test_shares_are_exact_fractions_shown_as_percentages() -> None:
    share = allocation.shares({"brunssum": 27614, "landgraaf": 37297})
    assert share["brunssum"] == Fraction(27614, 64911)
    assert sum(share.values()) == 1
    assert allocation.percent(Fraction(1, 4)) == Decimal(25)
    assert allocation.percent(Fraction(1, 3)) == Decimal("33.33333333333333333333")
    assert allocation.rounded_percent(Fraction(2, 3), 2) == Decimal("66.67")
    mix = allocation.mixed([(50, {"a": Fraction(1, 4), "b": Fraction(3, 4)}),
                            (50, {"a": Fraction(1, 2), "b": Fraction(1, 2)})])
    assert mix == {"a": Fraction(3, 8), "b": Fraction(5, 8)}
    with pytest.raises(ValueError):
        allocation.shares({"a": 0, "b": 0})
    with pytest.raises(ValueError):
        allocation.shares({"a": -1, "b": 2})


# -- a table: every row and every column exact ---------------------------------------------------

rows_strategy = st.lists(st.decimals(min_value=-10**6, max_value=10**6, places=2,
                                     allow_nan=False, allow_infinity=False), max_size=12)


@settings(max_examples=300, deadline=None)
@given(rows_strategy, st.dictionaries(names, st.integers(0, 1000), min_size=1, max_size=6)
       .filter(lambda w: sum(w.values()) > 0))
def test_a_table_keeps_every_row_and_every_column_exact(rows: list[Decimal],
                                                        weight: dict[str, int]) -> None:
    table = allocate_rows(rows, weight)
    share = allocation.shares(weight)
    assert table.row_totals == tuple(rows)
    for row, total in zip(table.cells, table.row_totals, strict=True):
        assert sum(row) == total
    grand = allocate(sum(rows, Decimal(0)), weight).amounts
    assert table.column_totals == tuple(grand[n] for n in table.names)
    assert sum(table.column_totals) == table.total == sum(rows, Decimal(0))
    for i, row in enumerate(table.cells):
        for j, value in enumerate(row):
            distance = abs(Fraction(value) - Fraction(rows[i]) * share[table.names[j]])
            assert distance < (2 if (i, j) in table.wide else 1) * Fraction(CENT)


def test_a_column_that_row_by_row_rounding_misses_is_put_right() -> None:
    # each row alone: 0,01 over two equal gemeenten gives the cent to 'a' every time, so
    # column a would be 0,03 and b 0; the total 0,03 gives a 0,02 and b 0,01
    table = allocate_rows([Decimal("0.01")] * 3, {"a": 1, "b": 1})
    assert table.column_totals == (Decimal("0.02"), Decimal("0.01"))
    assert [sum(r) for r in table.cells] == [Decimal("0.01")] * 3
    assert table.wide == ()


def test_where_no_table_within_one_unit_exists_the_cell_is_listed() -> None:
    # row 1 is whole in the first three columns, row 2 in the last two; the columns' parts
    # of the total (6, 6, 3, 3, 10) need three units up in row 2, which has two to give
    weight = {"g1": Fraction(4, 20), "g2": Fraction(4, 20), "g3": Fraction(2, 20),
              "g4": Fraction(1, 8), "g5": Fraction(3, 8)}
    table = allocate_rows([Decimal(20), Decimal(8)], weight, Decimal(1))
    assert table.column_totals == tuple(Decimal(n) for n in (6, 6, 3, 3, 10))
    assert [sum(r) for r in table.cells] == [20, 8]
    assert len(table.wide) == 1


# -- the data file ------------------------------------------------------------------------------


def _record() -> verdeelsleutels.Verdeelsleutels:
    return verdeelsleutels.load(EXAMPLE, EXAMPLE_REL)


def _organisation() -> Organisation:
    return load_organisation(ROOT / "data/isd-bol/organisatie.yaml",
                             "data/isd-bol/organisatie.yaml", "isd-bol")


def test_the_example_gives_shares_counts_and_dates_as_figures() -> None:
    figures = verdeelsleutels.figures(_record())
    brunssum = figures["inwoners.brunssum.aandeel"]
    assert brunssum.text() == "42,54%"
    assert brunssum.value == allocation.percent(Fraction(27614, 64911))
    assert [s.ref() for s in brunssum.sources][:1] == [f"{EXAMPLE_REL}:8"]
    assert figures["inwoners.totaal"].value == 64911
    assert figures["inwoners.peildatum"].text() == "1 januari 2024"
    assert figures["vast.landgraaf.aandeel"].text() == "55,00%"
    mix = figures["gemengd.brunssum.aandeel"]
    assert mix.value == allocation.percent(
        (Fraction(27614, 64911) + Fraction(1312, 2358)) / 2)
    assert mix.computed is not None and "(inwoners)" in mix.computed
    assert f"{EXAMPLE_REL}:26" in {s.ref() for s in mix.sources}  # the delen line
    checking = Checking(_organisation(), (), lambda spec: None)
    assert verdeelsleutels.validate(_record(), checking) == []


def _load(tmp_path: Path, text: str) -> verdeelsleutels.Verdeelsleutels:
    path = tmp_path / "verdeelsleutels.yaml"
    path.write_text(text, encoding="utf-8")
    return verdeelsleutels.load(path, "data/x/2025/verdeelsleutels.yaml")


def _error(tmp_path: Path, text: str) -> DataError:
    with pytest.raises(DataError) as caught:
        _load(tmp_path, text)
    return caught.value


COUNTS = ("inwoners:\n  peildatum: 2024-01-01\n  bron: CBS\n  aantallen:\n"
          "    brunssum: 27614\n    landgraaf: 37297\n")


def test_fixed_percentages_must_add_up_to_100_named_at_their_line(tmp_path: Path) -> None:
    error = _error(tmp_path, "vast:\n  percentages:\n    brunssum: 45\n    landgraaf: 54.5\n")
    assert error.finding.code == "niet-honderd-procent"
    assert error.finding.line == 2
    assert "99,5%" in error.message and error.finding.hint and "0,5" in error.finding.hint


def test_a_key_that_adds_up_to_zero_is_refused(tmp_path: Path) -> None:
    error = _error(tmp_path, "inwoners:\n  peildatum: 2024-01-01\n  bron: CBS\n"
                             "  aantallen: {brunssum: 0, landgraaf: 0}\n")
    assert (error.finding.code, error.finding.line) == ("totaal-nul", 4)
    error = _error(tmp_path, COUNTS + "mix:\n  delen:\n    - {sleutel: inwoners, gewicht: 0}\n")
    assert (error.finding.code, error.finding.line) == ("totaal-nul", 8)


def test_mixes_that_contain_themselves_are_a_cycle_naming_each_key(tmp_path: Path) -> None:
    error = _error(tmp_path, COUNTS + "a:\n  delen:\n    - {sleutel: b, gewicht: 1}\n"
                             "b:\n  delen:\n    - {sleutel: inwoners, gewicht: 1}\n"
                             "    - {sleutel: a, gewicht: 1}\n")
    assert error.finding.code == "sleutel-lus"
    assert error.finding.line == 7
    assert "a → b → a" in error.message
    assert error.finding.hint and error.finding.hint.endswith("a (regel 7), b (regel 10)")


def test_a_mix_of_an_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    error = _error(tmp_path, COUNTS + "mix:\n  delen:\n    - {sleutel: inwonres, gewicht: 1}\n")
    assert (error.finding.code, error.finding.line) == ("onbekende-verdeelsleutel", 9)
    assert error.finding.hint == "bedoelde u 'inwoners'?"


@pytest.mark.parametrize(("text", "code", "line"), [
    ("Inwoners:\n  percentages: {a: 100}\n", "ongeldige-code", 1),
    ("inwoners:\n  bron: CBS\n  aantallen: {a: 1}\n", "ontbrekende-sleutel", 1),  # peildatum
    ("inwoners:\n  omschrijving: x\n", "ontbrekende-sleutel", 1),
    ("inwoners:\n  percentages: {a: 100}\n  delen: [{sleutel: x, gewicht: 1}]\n",
     "ongeldige-waarde", 1),
    ("inwoners:\n  peildatum: 2024-01-01\n  bron: CBS\n  aantallen: {a: 2.5}\n",
     "geen-geheel-getal", 4),
    ("inwoners:\n  peildatum: 2024-01-01\n  bron: CBS\n  aantallen: {a: -3}\n",
     "buiten-bereik", 4),
    ("mix:\n  delen:\n    - {sleutel: a, gewicht: 1}\n    - {sleutel: a, gewicht: 2}\n"
     "a:\n  percentages: {x: 100}\n", "dubbele-code", 4),
    ("inwoners:\n  percentages: {a: 100}\n  tellen: 3\n", "onbekende-sleutel", 3),
    ("# alleen commentaar\n{}\n", "lege-lijst", 1),
])
def test_what_makes_a_key_impossible_is_an_error_at_its_line(
        tmp_path: Path, text: str, code: str, line: int) -> None:
    error = _error(tmp_path, text)
    assert (error.finding.code, error.finding.line) == (code, line), error


def test_every_gemeente_of_the_organisation_exactly_once(tmp_path: Path) -> None:
    record = _load(tmp_path, "inwoners:\n  peildatum: 2024-01-01\n  bron: CBS\n"
                             "  aantallen:\n    brunsum: 27614\n    heerlen: 86000\n"
                             "vast:\n  percentages: {brunssum: 40, landgraaf: 60}\n")
    findings = verdeelsleutels.validate(record, Checking(_organisation(), (), lambda s: None))
    by_code = {(f.code, f.line): f for f in findings}
    assert set(by_code) == {("onbekende-gemeente", 5), ("onbekende-gemeente", 6),
                            ("gemeente-ontbreekt", 4)}
    assert by_code[("onbekende-gemeente", 5)].hint == "bedoelde u 'brunssum'?"
    missing = by_code[("gemeente-ontbreekt", 4)]
    assert "brunssum en landgraaf ontbreken" in missing.message
    # a key twice for one gemeente is a YAML error at its line
    error = _error(tmp_path, "vast:\n  percentages:\n    brunssum: 40\n    brunssum: 60\n")
    assert (error.finding.code, error.finding.line) == ("dubbele-sleutel", 4)


# -- the macros, on the whole document and on a gemeente's edition ----------------------------

AMOUNTS = """bijdrage_totaal:
  waarde: 1234567.89
  eenheid: euro
  omschrijving: Bijdrage van de gemeenten
teruggave:
  waarde: -1000.01
  eenheid: euro
  omschrijving: Teruggave aan de gemeenten
formatie: {waarde: 38, eenheid: fte}
"""
PAGE = """---
organisatie: isd-bol
soort: jaarplan
periode: 2025
versie: "1.0"
status: vastgesteld
datum: 2024-11
---

## Bijdragen

De bijdrage is {{ bijdrage('kerncijfers.bijdrage_totaal', 'inwoners') }}.

{{ verdeling('kerncijfers.bijdrage_totaal', 'gemengd') }}
"""


@pytest.fixture
def session(tmp_path: Path) -> BuildSession:
    """A small repository: ISD BOL with the example keys, and amounts of our own."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs/isd-bol/2025").mkdir(parents=True)
    (tmp_path / "docs/isd-bol/2025/jaarplan.md").write_text(PAGE, encoding="utf-8")
    (tmp_path / "data/isd-bol/2025").mkdir(parents=True)
    shutil.copy(ROOT / "data/isd-bol/organisatie.yaml", tmp_path / "data/isd-bol")
    shutil.copy(EXAMPLE, tmp_path / EXAMPLE_REL)
    (tmp_path / "data/isd-bol/2025/kerncijfers.yaml").write_text(AMOUNTS, encoding="utf-8")
    return BuildSession(Repository.find(tmp_path), use_cache=False)


def _rows(markup: str) -> list[list[str]]:
    soup = BeautifulSoup(markup, "html.parser")
    return [[c.get_text().replace("\xa0", " ") for c in tr.find_all(["th", "td"])]
            for tr in soup.find_all("tr")]


def test_verdeling_divides_the_figure_exactly_and_names_key_and_method(
        session: BuildSession) -> None:
    ctx = session.begin_page("isd-bol/2025/jaarplan.md")
    assert ctx.edition is None
    table = macro_verdeling(ctx, "kerncijfers.bijdrage_totaal", "inwoners")
    rows = _rows(table)
    assert rows == [["Gemeente", "Aandeel", "Bedrag"],
                    ["Brunssum", "42,54%", "€ 525.201,55"],
                    ["Landgraaf", "57,46%", "€ 709.366,34"],
                    ["Totaal", "100,00%", "€ 1.234.567,89"]]
    caption = BeautifulSoup(table, "html.parser").caption
    assert caption is not None
    assert "verdeelsleutel inwoners" in caption.text and "grootste resten" in caption.text
    assert "op hele centen" in caption.text
    parts = allocate(Decimal("1234567.89"), {"brunssum": 27614, "landgraaf": 37297})
    assert sum(parts.amounts.values()) == Decimal("1234567.89")
    assert parts.amounts == {"brunssum": Decimal("525201.55"),
                             "landgraaf": Decimal("709366.34")}
    euros = _rows(macro_verdeling(ctx, "kerncijfers.teruggave", "vast", afronding="euro"))
    assert euros[1:] == [["Brunssum", "45,00%", "€ -450"], ["Landgraaf", "55,00%", "€ -550"],
                         ["Totaal", "100,00%", "€ -1.000"]]
    notes = BeautifulSoup(macro_verdeling(ctx, "kerncijfers.teruggave", "vast", afronding="euro"),
                          "html.parser").get_text().replace("\xa0", " ")
    assert "Het bedrag € -1.000,01 is eerst afgerond op hele euro's: € -1.000." in notes


def test_bijdrage_on_the_whole_document_needs_the_gemeente(session: BuildSession) -> None:
    ctx = session.begin_page("isd-bol/2025/jaarplan.md")
    with pytest.raises(MacroError) as caught:
        macro_bijdrage(ctx, "kerncijfers.bijdrage_totaal", "inwoners")
    assert caught.value.finding.code == "macro-argumenten"
    assert caught.value.finding.hint and "gemeente='brunssum'" in caught.value.finding.hint
    figure = BeautifulSoup(macro_bijdrage(ctx, "kerncijfers.bijdrage_totaal", "inwoners",
                                          gemeente="landgraaf"), "html.parser").span
    assert figure is not None and figure.text.replace("\xa0", " ") == "€ 709.366,34"
    with pytest.raises(MacroError) as caught:
        macro_bijdrage(ctx, "kerncijfers.bijdrage_totaal", "inwoners", gemeente="landgraf")
    assert caught.value.finding.code == "onbekende-gemeente"
    assert caught.value.finding.hint == "bedoelde u 'landgraaf'?"


def test_on_an_edition_bijdrage_is_the_gemeentes_own_with_its_sources(
        session: BuildSession) -> None:
    ctx = session.begin_page("isd-bol/2025/jaarplan/brunssum.md")
    assert ctx.edition == "brunssum"
    span = BeautifulSoup(macro_bijdrage(ctx, "kerncijfers.bijdrage_totaal", "inwoners"),
                         "html.parser").span
    assert span is not None and span.text.replace("\xa0", " ") == "€ 525.201,55"
    title = str(span["title"]).replace("\xa0", " ")
    assert "Bijdrage Brunssum" in title
    assert "aandeel 42,54% van € 1.234.567,89 (Bijdrage van de gemeenten) volgens " \
           "verdeelsleutel inwoners" in title
    sources = str(span["data-source"]).split()
    assert sources[0] == "data/isd-bol/2025/kerncijfers.yaml:2"  # the total's line
    assert {f"{EXAMPLE_REL}:8", f"{EXAMPLE_REL}:9"} <= set(sources)  # the key's lines
    # the tables show every gemeente, the edition's own in bold
    table = macro_verdeelsleutel(ctx, "inwoners")
    own = BeautifulSoup(table, "html.parser").find("strong", class_="pc-eigen")
    assert own is not None and own.text == "Brunssum"
    assert "peildatum 1 januari 2024" in table and "bron: CBS StatLine" in table
    landgraaf = session.begin_page("isd-bol/2025/jaarplan/landgraaf.md")
    span = BeautifulSoup(macro_bijdrage(landgraaf, "kerncijfers.bijdrage_totaal", "inwoners"),
                         "html.parser").span
    assert span is not None and span.text.replace("\xa0", " ") == "€ 709.366,34"


def test_verdeelsleutel_shows_counts_shares_and_a_total_row(session: BuildSession) -> None:
    ctx = session.begin_page("isd-bol/2025/jaarplan.md")
    assert _rows(macro_verdeelsleutel(ctx, "inwoners")) == [
        ["Gemeente", "Aantal inwoners", "Aandeel"], ["Brunssum", "27.614", "42,54%"],
        ["Landgraaf", "37.297", "57,46%"], ["Totaal", "64.911", "100,00%"]]
    mix = _rows(macro_verdeelsleutel(ctx, "gemengd"))
    assert mix[0] == ["Gemeente", "Aandeel inwoners (gewicht 50)",
                      "Aandeel uitkeringen (gewicht 50)", "Aandeel"]
    assert mix[1] == ["Brunssum", "42,54%", "55,64%", "49,09%"]
    with pytest.raises(MacroError) as caught:
        macro_verdeelsleutel(ctx, "inwonres")
    assert caught.value.finding.code == "onbekende-verdeelsleutel"
    assert caught.value.finding.hint == "bedoelde u 'inwoners'?"


def test_dividing_a_figure_that_is_no_amount_is_geen_bedrag(session: BuildSession) -> None:
    ctx = session.begin_page("isd-bol/2025/jaarplan.md")
    with pytest.raises(MacroError) as caught:
        macro_verdeling(ctx, "kerncijfers.formatie", "inwoners")
    assert caught.value.finding.code == "geen-bedrag"
    with pytest.raises(MacroError) as caught:
        macro_verdeling(ctx, "kerncijfers.bijdrage_totaal", "inwoners", afronding="dubbeltje")
    assert caught.value.finding.code == "onbekende-waarde"


def test_a_page_renders_the_macros_and_reports_a_missing_gemeente_at_its_line(
        session: BuildSession, tmp_path: Path) -> None:
    _, markdown, problems = session.render_page("isd-bol/2025/jaarplan/landgraaf.md")
    assert problems == [] and markdown is not None
    assert "€\xa0709.366,34" in markdown
    assert "Bijdrage van de gemeenten" in markdown
    assert ": verdeling volgens verdeelsleutel" in markdown
    ctx, markdown, _ = session.render_page("isd-bol/2025/jaarplan.md")
    assert markdown is not None and "pc-fout" in markdown
    [finding] = ctx.findings
    assert (finding.code, finding.page_line) == ("macro-argumenten", 12)


# -- comparison ---------------------------------------------------------------------------------


def test_compare_sees_each_gemeentes_share_and_counts(tmp_path: Path) -> None:
    old = _record()
    changed = EXAMPLE.read_text(encoding="utf-8").replace("brunssum: 27614", "brunssum: 28614")
    new = _load(tmp_path, changed)
    old_facts = facts_of(SPEC, old)
    keys = {f.key for f in old_facts}
    assert {"inwoners.brunssum.aandeel", "inwoners.brunssum.aantal",
            "gemengd.landgraaf.aandeel", "inwoners.totaal"} <= keys
    share = next(f for f in old_facts if f.key == "inwoners.brunssum.aandeel")
    assert (share.category, share.value, share.text) == ("aandeel", "42.54", "42,54%")
    changes = {c.key: c for c in diff_facts(old_facts, facts_of(SPEC, new), 2025, 2025)}
    assert changes["inwoners.brunssum.aandeel"].message.replace("\xa0", " ") == (
        "Ander aandeel: brunssum in verdeelsleutel inwoners, van 42,54% naar 43,41% "
        "(+0,87; +2,0%).")
    assert "inwoners.brunssum.aantal" in changes and "gemengd.brunssum.aandeel" in changes
    assert "vast.brunssum.aandeel" not in changes
    # an edition compares its own gemeente only
    edition = {f.key for f in facts_of(SPEC, old, edition="landgraaf")}
    assert "inwoners.landgraaf.aandeel" in edition and "inwoners.landgraaf.aantal" in edition
    assert not any(".brunssum." in k for k in edition)
    # a change too small to show is no change
    tiny = _load(tmp_path, EXAMPLE.read_text(encoding="utf-8").replace("27614", "27615"))
    moved = {c.key for c in diff_facts(old_facts, facts_of(SPEC, tiny), 2025, 2025)}
    assert "inwoners.brunssum.aandeel" not in moved and "inwoners.brunssum.aantal" in moved
