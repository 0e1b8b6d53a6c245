"""The formula language for data (pcdocs/model/formula.py, pcdocs/model/units.py): what an
author writes, what it computes (exactly, with units), what it refuses (with the file, line
and column, in Dutch), and that no formula can run code or exhaust the build.

The property test compares the evaluator with an oracle written here: random expressions
over small whole numbers, built as trees, written as text with only the parentheses they
need, and computed with `fractions.Fraction` straight from the tree (not through pcdocs).
"""

from __future__ import annotations

import ast
import builtins
import time
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pcdocs.codes import CODES
from pcdocs.errors import DataError
from pcdocs.model import formula as formula_module
from pcdocs.model.figures import Source, Unit
from pcdocs.model.formula import (
    CONTEXT,
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_TOKENS,
    Computed,
    FormulaError,
    MappingResolver,
    Reference,
    Resolved,
    evaluate,
    evaluate_all,
    parse,
)
from pcdocs.model.units import NUMBER, PERCENT, Dimension, dimension

from .conftest import ROOT

D = Decimal
HERE = Source("data/iasz/2024/kerncijfers.yaml", 7, "kosten.per_fte")
WHERE = "data/iasz/2024/kerncijfers.yaml:7"
FORMATIE = Source("data/iasz/2024/formatie.yaml", 3, "totaal_fte")
BEGROTING = Source("data/iasz/2024/begroting.yaml", 12, "personeel")

FIGURES = {
    "formatie.fte": Resolved(D("38.09"), Unit.FTE, FORMATIE),
    "begroting.personeel": Resolved(D(3200000), Unit.EURO, BEGROTING),
    "begroting.materieel": Resolved(D(800000), Unit.EURO, Source("data/b.yaml", 13)),
    "kerncijfers.uitkeringen_2024": Resolved(410, Unit.COUNT, Source("data/k.yaml", 4)),
    "kerncijfers.uitkeringen_nul": Resolved(0, Unit.COUNT, Source("data/k.yaml", 5)),
    "verzuim.percentage": Resolved(D("7.5"), Unit.PERCENT, Source("data/v.yaml", 2)),
    "verzuim.dagen": Resolved(D(12), Unit.DAYS, Source("data/v.yaml", 3)),
    "verzuim.weken": Resolved(D(2), Unit.WEEKS, Source("data/v.yaml", 4)),
    "verzuim.frequentie": Resolved(D("1.2"), Unit.NUMBER, Source("data/v.yaml", 5)),
    "saldo": Resolved(D(-100), Unit.EURO, Source("data/s.yaml", 1)),
    "nieuw_saldo": Resolved(D(-50), Unit.EURO, Source("data/s.yaml", 2)),
    "organisatie.naam": Resolved(D(1), Unit.TEXT, Source("data/o.yaml", 1)),
    "jaar.start": Resolved(2024, Unit.YEAR, Source("data/o.yaml", 2)),
}
LAST_YEAR = {"formatie.fte": Resolved(D(36), Unit.FTE, Source("data/iasz/2023/formatie.yaml", 3))}
RESOLVER = MappingResolver(FIGURES, {2023: LAST_YEAR})


def value(text: str) -> Decimal:
    return evaluate(text, HERE, RESOLVER).value


def error(text: str) -> FormulaError:
    with pytest.raises(FormulaError) as caught:
        evaluate(text, HERE, RESOLVER)
    err = caught.value
    assert isinstance(err, DataError)
    assert err.finding.code in CODES
    assert err.finding.file == HERE.file and err.finding.line == HERE.line
    assert str(err).startswith(f"{WHERE}: {err.finding.code}: ")
    return err


# -- arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("10 - 2 - 3", 5),
    ("8 / 4 / 2", 1),
    ("2 * 3 + 4", 10),
    ("2 + 3 * 4", 14),
    ("-2 * 3", -6),
    ("2 * -3", -6),
    ("(1 + 2) * 3", 9),
    ("10 - (2 - 3)", 11),
    ("-(2 - 5)", 3),
    ("--5", 5),
    ("12 / 2 * 3", 18),
    ("1 − 2", -1),  # U+2212, as a word processor writes a minus
    ("6 ÷ 3 × 2", 4),
    ("  7\u00a0+\t1 ", 8),
])
def test_precedence_and_associativity(text: str, expected: int) -> None:
    assert value(text) == expected


def test_decimals_are_exact_and_never_floats() -> None:
    assert value("0,1 + 0,2") == D("0.3")
    assert str(value("0,1 + 0,2")) == "0.3"
    assert value("1 / 3 * 3") == 1
    assert value("1 / 3 * 3 - 1") == 0
    assert value("2 / 3") == D("0.66666666666666666667")  # 20 decimals, half-even
    assert value("38,09 + 1,91") == D("40.00")  # the decimals written are kept
    assert value("1,005 * 1000") == 1005
    assert CONTEXT.prec >= 28
    result = evaluate("formatie.fte / 3", HERE, RESOLVER)
    assert isinstance(result.value, Decimal)
    source = (ROOT / "pcdocs/model/formula.py").read_text(encoding="utf-8")
    assert "float" not in {n.id for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Name)}


@pytest.mark.parametrize(("text", "expected"), [
    ("afronden(2,5; 0)", "3"),
    ("afronden(-2,5; 0)", "-3"),
    ("afronden(0,5; 0)", "1"),
    ("afronden(1,5; 0)", "2"),
    ("afronden(2,4999; 0)", "2"),
    ("afronden(2,45; 1)", "2.5"),
    ("afronden(-2,45; 1)", "-2.5"),
    ("afronden(1,005; 2)", "1.01"),  # a float would give 1.0
    ("afronden(123456; -3)", "123000"),
    ("afronden(1500; -3)", "2000"),
    ("afronden(10 / 3 * 0,75; 0)", "3"),  # 2,5 after the guard digits fall off
    ("afronden(38,09; 1)", "38.1"),
    ("AFRONDEN(2,5; 0)", "3"),  # as Dutch Excel writes it
    ("afronden(aandeel(1; 3); 1)", "33.3"),  # a percentage is rounded as it is shown
    ("afronden(aandeel(1; 8); 0)", "13"),
])
def test_rounding_is_commercial_halves_away_from_zero(text: str, expected: str) -> None:
    assert str(value(text)) == expected


def test_the_functions() -> None:
    assert value("min(3; 1; 2)") == 1
    assert value("max(3; 1; 2)") == 3
    assert value("som(1; 2; 3,5)") == D("6.5")
    assert value("gemiddelde(1; 2; 4)") == D("2.33333333333333333333")
    assert value("abs(-4,5)") == D("4.5")
    assert value("aandeel(1; 4)") == 25
    assert value("verandering(80; 100)") == 25
    assert value("verandering(100; 80)") == -20
    assert value("procent(7,5)") == D("7.5")
    assert value("5%") == 5
    assert value("som(begroting.personeel; begroting.materieel)") == 4000000
    assert value("max(2023:formatie.fte; formatie.fte)") == D("38.09")


# -- units ----------------------------------------------------------------------------


def unit_of(text: str) -> str:
    return evaluate(text, HERE, RESOLVER).unit_name()


def test_euro_per_fte_is_a_compound_unit() -> None:
    result = evaluate("afronden(begroting.personeel / formatie.fte; 0)", HERE, RESOLVER)
    assert result.value == 84012
    assert result.unit_name() == "euro per fte"
    assert result.unit.unit() is None  # no figure unit of its own
    assert result.text() == "84.012\u00a0euro per fte"


def test_units_multiply_and_divide_with_exponents() -> None:
    assert unit_of("begroting.personeel / begroting.materieel") == "getal"
    assert value("begroting.personeel / begroting.materieel") == 4
    assert unit_of("formatie.fte * verzuim.dagen") == "fte × dagen"
    assert unit_of("formatie.fte * formatie.fte") == "fte²"
    assert unit_of("1 / formatie.fte") == "per fte"
    assert unit_of("kerncijfers.uitkeringen_2024 / formatie.fte / verzuim.dagen") == \
        "aantal per fte per dag"
    assert unit_of("begroting.personeel / kerncijfers.uitkeringen_2024") == "euro per stuk"
    assert unit_of("begroting.personeel / formatie.fte * formatie.fte") == "euro"
    assert evaluate("begroting.personeel / formatie.fte * formatie.fte", HERE,
                    RESOLVER).unit.unit() is Unit.EURO
    assert unit_of("2 * formatie.fte") == "fte"
    assert unit_of("abs(saldo)") == "euro"
    assert unit_of("min(formatie.fte; 2023:formatie.fte)") == "fte"


def test_shares_and_changes_are_percentages() -> None:
    share = evaluate("aandeel(begroting.materieel; begroting.personeel)", HERE, RESOLVER)
    assert (share.value, share.unit, share.text()) == (D(25), PERCENT, "25%")
    change = evaluate("verandering(2023:formatie.fte; formatie.fte)", HERE, RESOLVER)
    assert change.unit is not None and change.unit.unit() is Unit.PERCENT
    assert value("afronden(verandering(2023:formatie.fte; formatie.fte); 2)") == D("5.81")
    # a deficit that halves is a rise: divided by |oud|
    assert value("verandering(saldo; nieuw_saldo)") == 50


def test_a_percentage_computes_as_a_fraction_and_shows_as_percent() -> None:
    assert value("verzuim.percentage * begroting.personeel") == 240000
    assert unit_of("verzuim.percentage * begroting.personeel") == "euro"
    assert value("verzuim.percentage + 1%") == D("8.5")
    assert unit_of("verzuim.percentage + 1%") == "procent"
    assert (value("2 * 5%"), unit_of("2 * 5%")) == (D(10), "procent")
    assert (value("5% / 2"), unit_of("5% / 2")) == (D("2.5"), "procent")
    assert (value("10% / 5%"), unit_of("10% / 5%")) == (D(2), "getal")
    assert (value("100% - verzuim.percentage"), unit_of("100% - 5%")) == (D("92.5"), "procent")


def test_unit_names_and_the_figure_units() -> None:
    euro, fte = dimension(Unit.EURO), dimension(Unit.FTE)
    assert euro is not None and fte is not None
    assert euro.per(fte).name() == "euro per fte"
    assert euro.per(euro) == NUMBER and NUMBER.name() == "getal"
    assert PERCENT.name() == "procent" and str(euro.times(euro)) == "euro²"
    assert euro.per(fte.times(fte)).name() == "euro per fte²"
    assert NUMBER.per(fte).per(fte).name() == "per fte²"
    for unit in (Unit.EURO, Unit.FTE, Unit.COUNT, Unit.DAYS, Unit.WEEKS, Unit.MONTHS,
                 Unit.GRADE, Unit.PERCENT, Unit.NUMBER):
        dim = dimension(unit)
        assert dim is not None and dim.unit() is unit
    assert [dimension(u) for u in (Unit.TEXT, Unit.BOOL, Unit.DATE, Unit.YEAR)] == [None] * 4
    with pytest.raises(ValueError, match="percentage"):
        Dimension((("euro", 1),), percent=True)


def test_a_number_written_in_the_formula_takes_the_unit_it_meets() -> None:
    assert (value("formatie.fte + 2"), unit_of("formatie.fte + 2")) == (D("40.09"), "fte")
    assert (value("2 + formatie.fte"), unit_of("2 + formatie.fte")) == (D("40.09"), "fte")
    assert (value("max(saldo; 0)"), unit_of("max(saldo; 0)")) == (D(0), "euro")
    assert unit_of("min(0; saldo; -200)") == "euro"
    assert unit_of("begroting.personeel - 1000 * 2") == "euro"
    assert unit_of("begroting.personeel / formatie.fte - 100") == "euro per fte"
    assert unit_of("verandering(100; begroting.personeel)") == "procent"
    assert unit_of("verzuim.frequentie + 1") == "getal"
    assert unit_of("2 * 3 + 1") == "getal"


@pytest.mark.parametrize(("text", "named"), [
    ("formatie.fte + begroting.personeel", ["(fte)", "(euro)", "opgeteld"]),
    ("begroting.personeel - formatie.fte", ["(euro)", "(fte)", "afgetrokken"]),
    ("verzuim.dagen + verzuim.weken", ["(dagen)", "(weken)"]),
    ("verzuim.percentage + 1", ["(procent)", "(getal)", "100%"]),
    ("begroting.personeel / formatie.fte + begroting.personeel",
     ["(euro per fte)", "(euro)"]),
    ("min(formatie.fte; begroting.personeel)", ["(fte)", "(euro)"]),
    ("aandeel(formatie.fte; begroting.personeel)", ["(fte)", "(euro)"]),
    ("verandering(verzuim.percentage; 8)", ["(procent)", "(getal)", "1%"]),
    ("formatie.fte + verzuim.frequentie", ["(fte)", "(getal)"]),
    ("afronden(2,5; 0) + formatie.fte", ["(getal)", "(fte)"]),
    ("procent(formatie.fte)", ["fte"]),
    ("procent(5%)", ["procent"]),
    ("organisatie.naam * 2", ["een tekst"]),
    ("jaar.start + 1", ["een jaartal"]),
])
def test_adding_different_units_names_both_units(text: str, named: list[str]) -> None:
    err = error(text)
    assert err.finding.code == "formule-eenheid"
    for part in named:
        assert part in str(err), (part, str(err))


# -- errors -----------------------------------------------------------------------------


def test_an_unknown_figure_suggests_the_closest_name() -> None:
    err = error("begroting.personeel / formatie.ftee")
    assert err.finding.code == "formule-onbekend"
    assert "'formatie.ftee' is geen bekend cijfer" in err.message
    assert err.finding.hint == "bedoelde u 'formatie.fte'?"
    assert WHERE in str(err)
    err = error("2023:formatie.ft")
    assert err.finding.code == "formule-onbekend" and "'2023:formatie.fte'" in str(err)
    err = error("2023:begroting.personeel")
    assert "'begroting.personeel' bestaat niet voor 2023" in err.message
    empty = MappingResolver({})
    with pytest.raises(FormulaError, match=r"bijv\. formatie\.fte"):
        evaluate("x.y", HERE, empty)


def test_division_by_zero_names_the_divisor_and_the_line() -> None:
    for text, divisor in [
        ("begroting.personeel / (formatie.fte - formatie.fte)",
         "'(formatie.fte - formatie.fte)' is 0"),
        ("1 / kerncijfers.uitkeringen_nul", "'kerncijfers.uitkeringen_nul' is 0"),
        ("1 / (1 / 3 * 3 - 1)", "'(1 / 3 * 3 - 1)' is 0"),
        ("aandeel(kerncijfers.uitkeringen_2024; kerncijfers.uitkeringen_nul)",
         "'kerncijfers.uitkeringen_nul' is 0"),
        ("verandering(kerncijfers.uitkeringen_nul; kerncijfers.uitkeringen_2024)",
         "'kerncijfers.uitkeringen_nul' is 0"),
    ]:
        err = error(text)
        assert err.finding.code == "delen-door-nul"
        assert divisor in err.message and "delen door nul" in err.message
        assert str(err).startswith(f"{WHERE}: delen-door-nul: formule '")


@pytest.mark.parametrize(("text", "column", "words"), [
    ("a.b + * c.d", 7, "waar een getal of naam hoort"),
    ("1 +", 4, "houdt op"),
    ("(1 + 2", 1, "niet gesloten"),
    ("1 + 2)", 6, "')' zonder '('"),
    ("a.b c.d", 5, "ontbreekt een rekenteken"),
    ("1.234", 2, "punt"),  # 1234 or 1,234? refused
    ("1.234,5", 2, "punt"),
    ("0.5", 2, "punt"),
    ("1,2,3", 4, "tweede komma"),
    ("afronden(a.b, 2)", 13, "komma"),  # a comma separates no arguments
    (",5", 1, "komma"),
    ("5fte", 2, "direct 'f'"),
    ("1e5", 2, "direct 'e'"),
    ("5 %% 3", 4, "'%'"),
    ("a.b%", 4, "'%'"),
    ("a.", 2, "nog een deel"),
    ("a..b", 2, "nog een deel"),
    ("som", 1, "zonder haakjes"),
    ("20231:a.b", 1, "jaartal"),
    ("2023: a.b", 6, "direct de naam"),
    ("1 ; 2", 3, "';'"),
    ("min(1;)", 7, "')' waar een getal"),
    ("", 1, "leeg"),
    ("   ", 4, "leeg"),
    ("1 + é", 5, "'é'"),
    ("1 + \x07", 5, "U+0007"),
    ("1234567890123456", 1, "te veel cijfers"),
    ("0,12345678901", 1, "te veel cijfers"),
    ("+1", 1, "'+'"),
])
def test_a_syntax_error_names_the_column(text: str, column: int, words: str) -> None:
    err = error(text)
    assert err.finding.code == "formule-syntax"
    assert err.column == column
    assert f"teken {column}:" in err.message
    assert words in str(err), str(err)


def test_an_unknown_function_or_wrong_arguments_is_refused() -> None:
    err = error("wortel(formatie.fte)")
    assert err.finding.code == "formule-functie" and "'wortel' is geen functie" in err.message
    err = error("afrond(formatie.fte; 1)")
    assert err.finding.hint is not None and "afronden(waarde; decimalen)" in err.finding.hint
    for text, words in [
        ("som(1)", "som krijgt 1 argument"),
        ("max(1,5)", "max krijgt 1 argument"),  # 1,5 is one number: write max(1; 5)
        ("afronden(1)", "afronden krijgt 1 argument"),
        ("abs(1; 2)", "abs krijgt 2 argumenten"),
        ("min()", "min krijgt geen argumenten"),
        ("afronden(1; 0,5)", "geen heel getal"),
        ("afronden(1; 11)", "geen heel getal van -15 tot en met 10"),
        ("afronden(1; formatie.fte)", "geen heel getal"),
        ("afronden(1; 5%)", "geen heel getal"),
    ]:
        err = error(text)
        assert err.finding.code == "formule-functie", text
        assert words in err.message, err.message
        assert WHERE in str(err)


def test_a_huge_formula_is_refused_quickly() -> None:
    cases = [
        ("1 + " * 25000 + "1", "100.001 tekens"),
        ("(" * 10000 + "1" + ")" * 10000, "20.001 tekens"),
        ("x" * 100000, "100.000 tekens"),
        ("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1), f"meer dan {MAX_DEPTH}"),
        ("abs(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1), f"meer dan {MAX_DEPTH}"),
        ("1+" * MAX_TOKENS + "1", f"meer dan {MAX_TOKENS} delen"),
        ("-" * (MAX_LENGTH - 1) + "1", f"meer dan {MAX_TOKENS} delen"),
        ("999999999999999" + " * 999999999999999" * 4, "te groot"),
    ]
    for text, words in cases:
        start = time.perf_counter()
        err = error(text)
        assert time.perf_counter() - start < 0.5, text[:20]
        assert err.finding.code == "formule-te-groot"
        assert words in err.message, err.message
        assert len(str(err)) < 400  # the message quotes an excerpt, not the formula
    # what is allowed still computes: the deepest nesting and the most tokens
    assert value("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH) == 1
    assert value("1+" * ((MAX_TOKENS - 1) // 2) + "1") == (MAX_TOKENS - 1) // 2 + 1
    assert value("-" * (MAX_TOKENS - 2) + "1") == 1


def test_a_cycle_names_every_formula_in_it_with_file_and_line() -> None:
    def at(line: int) -> Source:
        return Source("data/iasz/2024/kerncijfers.yaml", line)

    formulas = {
        "kosten.totaal": ("begroting.personeel + begroting.materieel", at(2)),
        "a": ("b + 1", at(10)),
        "b": ("c * 2", at(11)),
        "c": ("a - kosten.totaal / begroting.personeel", at(12)),
    }
    with pytest.raises(FormulaError) as caught:
        evaluate_all(formulas, RESOLVER)
    err = caught.value
    assert err.finding.code == "formule-lus"
    assert (err.finding.file, err.finding.line) == ("data/iasz/2024/kerncijfers.yaml", 10)
    assert ("a (data/iasz/2024/kerncijfers.yaml:10) → b (data/iasz/2024/kerncijfers.yaml:11) "
            "→ c (data/iasz/2024/kerncijfers.yaml:12) → a") in err.message
    assert "kosten.totaal" not in err.message
    # the cycle is named from the formula listed first, wherever the search found it
    with pytest.raises(FormulaError, match=r"^data/iasz/2024/kerncijfers.yaml:12: .*: c \(.*:12\) "
                                           r"→ a \(.*:10\) → b \(.*:11\) → c "):
        evaluate_all({"c": formulas["c"], "b": formulas["b"], "a": formulas["a"]}, RESOLVER)
    with pytest.raises(FormulaError, match="verwijst naar zichzelf: zelf"):
        evaluate_all({"zelf": ("zelf + 1", at(4))}, RESOLVER)
    # a year names last year's figure, not the formula: no cycle
    done = evaluate_all({"formatie.fte": ("2023:formatie.fte + 1,5", at(5))}, RESOLVER)
    assert (done["formatie.fte"].value, done["formatie.fte"].unit_name()) == (D("37.5"), "fte")


def test_formulas_are_computed_in_dependency_order_with_their_provenance() -> None:
    formulas = {
        "per_fte": ("afronden(kosten / formatie.fte; 0)", Source("data/k.yaml", 9)),
        "kosten": ("som(begroting.personeel; begroting.materieel)", Source("data/k.yaml", 8)),
        "aandeel_personeel": ("aandeel(begroting.personeel; kosten)", Source("data/k.yaml", 10)),
    }
    results = evaluate_all(formulas, RESOLVER)
    assert list(results) == ["per_fte", "kosten", "aandeel_personeel"]
    assert results["kosten"].value == 4000000 and results["kosten"].unit_name() == "euro"
    assert results["per_fte"].value == 105014  # 4.000.000 / 38,09 = 105.014,44
    assert results["per_fte"].unit_name() == "euro per fte"
    assert results["aandeel_personeel"].text() == "80%"
    per_fte = results["per_fte"]
    assert [i.name for i in per_fte.inputs] == ["kosten", "formatie.fte"]
    assert per_fte.inputs[0].computed == results["kosten"]
    assert per_fte.sources() == (Source("data/k.yaml", 9), Source("data/k.yaml", 8), BEGROTING,
                                 Source("data/b.yaml", 13), FORMATIE)
    # a computed percentage goes on as a percentage
    rest = {"rest": ("100% - aandeel_personeel", Source("data/k.yaml", 11))}
    more = evaluate_all(formulas | rest, RESOLVER)
    assert more["rest"].text() == "20%"
    # an error in one formula names that formula's line
    with pytest.raises(FormulaError, match=r"^data/k.yaml:9: formule-onbekend: .*'kosten'"):
        evaluate_all({"x": ("1", Source("data/k.yaml", 8)),
                      "y": ("kostenn + 1", Source("data/k.yaml", 9)),
                      "kosten": ("2", Source("data/k.yaml", 10))}, RESOLVER)


def test_the_result_carries_the_formula_and_every_input_with_its_source() -> None:
    text = "afronden((begroting.personeel + begroting.personeel) / formatie.fte; 2)"
    result = evaluate(text, HERE, RESOLVER)
    assert isinstance(result, Computed)
    assert (result.formula, result.source) == (text, HERE)
    assert [(i.name, i.year, i.value, i.source) for i in result.inputs] == [
        ("begroting.personeel", None, D(3200000), BEGROTING),
        ("formatie.fte", None, D("38.09"), FORMATIE)]  # each once
    assert result.sources() == (HERE, BEGROTING, FORMATIE)
    described = result.describe()
    assert described.startswith(text + " = ")
    assert "begroting.personeel = €\u00a03.200.000 (data/iasz/2024/begroting.yaml:12)" in described
    assert "formatie.fte = 38,09\u00a0fte" in described
    last = evaluate("2023:formatie.fte", HERE, RESOLVER)
    assert last.inputs[0].reference == Reference("formatie.fte", 2023)
    assert last.inputs[0].source.file == "data/iasz/2023/formatie.yaml"
    pct = evaluate("verzuim.percentage", HERE, RESOLVER)
    assert (pct.value, pct.inputs[0].value, pct.text()) == (D("7.5"), D("7.5"), "7,5%")


def test_references_are_listed_without_computing() -> None:
    parsed = parse("afronden(a.b / 2023:a.b; 1) + som(x.y; a.b; X.Y)", HERE)
    assert parsed.references == (Reference("a.b"), Reference("a.b", 2023), Reference("x.y"),
                                 Reference("X.Y"))


# -- safety -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "__import__('os')",
    "__import__",
    "().__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "lambda x: x",
    "a.__class__",
    "a.b.__dict__",
    "a.b()",
    "formatie.fte.real()",
    "a[0]",
    "'x' * 2",
    '"x"',
    "1 if 1 else 2",
    "2 ** 10",
    "{}",
    "a = 1",
    "a.b; import os",
    "x@y",
    "open('f')",
    "exec(1)",  # only the functions of the language exist
])
def test_no_formula_runs_code(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("een formule riep eval, exec, compile of __import__ aan")

    before = {name: getattr(builtins, name) for name in ("eval", "exec", "compile")}
    for name in before:
        monkeypatch.setattr(builtins, name, forbidden)
    err = error(text)
    assert err.finding.code in ("formule-syntax", "formule-functie")


def test_the_module_has_no_way_to_run_text() -> None:
    tree = ast.parse((ROOT / "pcdocs/model/formula.py").read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert names.isdisjoint({"eval", "exec", "compile", "__import__", "getattr", "float"})
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)
                for a in n.names} | {n.module for n in ast.walk(tree)
                                     if isinstance(n, ast.ImportFrom) and n.module}
    assert imported.isdisjoint({"ast", "builtins", "importlib", "operator"})
    assert formula_module.FUNCTIONS.keys() == {
        "afronden", "min", "max", "som", "gemiddelde", "abs", "aandeel", "verandering",
        "procent"}


# -- property: the evaluator against an oracle written here ----------------------------

Tree = tuple[Any, ...]


def _trees() -> st.SearchStrategy[Tree]:
    leaves = st.integers(0, 9).map(lambda n: ("num", n))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            inner.map(lambda t: ("neg", t)),
            st.tuples(st.sampled_from("+-*/"), inner, inner),
            inner.map(lambda t: ("paren", t)),
        ),
        max_leaves=12,
    )


def oracle(tree: Tree) -> Fraction:
    """The exact value, by the rules of school arithmetic (ZeroDivisionError on 0)."""
    kind = tree[0]
    if kind == "num":
        return Fraction(tree[1])
    if kind == "neg":
        return -oracle(tree[1])
    if kind == "paren":
        return oracle(tree[1])
    left, right = oracle(tree[1]), oracle(tree[2])
    if kind == "+":
        return left + right
    if kind == "-":
        return left - right
    if kind == "*":
        return left * right
    return left / right


_LEVEL = {"+": 1, "-": 1, "*": 2, "/": 2}


def written(tree: Tree) -> str:
    """The tree as an author writes it, with only the parentheses the rules need (and the
    redundant ones the tree asks for): the left operand in parentheses when it binds less
    strongly, the right one also when it binds equally (left to right)."""
    kind = tree[0]
    if kind == "num":
        return str(tree[1])
    if kind == "paren":
        return f"({written(tree[1])})"
    if kind == "neg":
        inner = tree[1]
        text = written(inner)
        return f"-{text}" if inner[0] in ("num", "paren", "neg") else f"-({text})"
    level = _LEVEL[kind]
    left, right = written(tree[1]), written(tree[2])
    if tree[1][0] in _LEVEL and _LEVEL[tree[1][0]] < level:
        left = f"({left})"
    if tree[2][0] in _LEVEL and _LEVEL[tree[2][0]] <= level:
        right = f"({right})"
    return f"{left} {kind} {right}"


def _finite_within(value: Fraction, places: int) -> bool:
    """Whether the value has a decimal expansion of at most `places` decimals."""
    return (value * Fraction(10) ** places).denominator == 1


@settings(derandomize=True, deadline=None, database=None, max_examples=400)
@given(_trees())
def test_the_evaluator_agrees_with_exact_fractions(tree: Tree) -> None:
    text = written(tree)
    try:
        want = oracle(tree)
    except ZeroDivisionError:
        with pytest.raises(FormulaError) as caught:
            evaluate(text, HERE, RESOLVER)
        assert caught.value.finding.code == "delen-door-nul", text
        return
    result = evaluate(text, HERE, RESOLVER)
    got = Fraction(result.value)
    assert result.unit == NUMBER
    if _finite_within(want, 20):
        assert got == want, (text, got, want)
    else:
        assert abs(got - want) <= Fraction(1, 10 ** 19), (text, got, want)


def test_the_oracle_writes_what_it_means() -> None:
    minus = ("-", ("-", ("num", 10), ("num", 2)), ("num", 3))
    assert (written(minus), oracle(minus)) == ("10 - 2 - 3", Fraction(5))
    right = ("-", ("num", 10), ("-", ("num", 2), ("num", 3)))
    assert (written(right), oracle(right)) == ("10 - (2 - 3)", Fraction(11))
    mixed = ("*", ("+", ("num", 1), ("num", 2)), ("neg", ("num", 3)))
    assert (written(mixed), oracle(mixed)) == ("(1 + 2) * -3", Fraction(-9))
