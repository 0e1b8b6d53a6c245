from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from pcdocs.errors import MacroError
from pcdocs.model.figures import Figure, Source, Unit, converted


def fig(value: object, unit: Unit, **kw: object) -> Figure:
    return Figure(value, unit, (Source("data/x.yaml", 3, "fte"),), "Formatie", **kw)  # type: ignore[arg-type]


def test_html_carries_the_source_and_a_tooltip() -> None:
    span = BeautifulSoup(fig(Decimal("38.09"), Unit.FTE).html(), "html.parser").span
    assert span is not None
    assert span.text == "38,09\u00a0fte"
    assert span["data-source"] == "data/x.yaml:3"
    assert "Bron: data/x.yaml, regel 3 (fte)" in str(span["title"])


def test_computed_figures_say_how() -> None:
    f = Figure(42, Unit.COUNT, (Source("a.yaml", 1), Source("a.yaml", 2)), "Medewerkers",
               computed="32 vrouwen + 10 mannen")
    span = BeautifulSoup(f.html(), "html.parser").span
    assert span is not None
    assert span["data-source"] == "a.yaml:1 a.yaml:2"
    assert "Berekend: 32 vrouwen + 10 mannen" in str(span["title"])
    assert "pc-berekend" in span["class"]


def test_data_text_is_escaped() -> None:
    html = fig("<script>alert(1)</script>", Unit.TEXT).html()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(("figure", "form", "expected"), [
    (fig(Decimal("-2"), Unit.PERCENT, qualifier="ongeveer"), None, "ongeveer -2%"),
    (fig(Decimal("-2"), Unit.PERCENT, qualifier="ongeveer"), "absoluut", "ongeveer 2%"),
    (fig(2, Unit.COUNT), "woord", "twee"),
    (fig(1, Unit.WEEKS), "woord", "één\u00a0week"),
    (fig(14, Unit.DAYS), None, "14\u00a0dagen"),
    (fig(True, Unit.BOOL), None, "ja"),
])
def test_forms(figure: Figure, form: str | None, expected: str) -> None:
    assert figure.text(form) == expected


def test_unknown_form_is_a_macro_error() -> None:
    with pytest.raises(MacroError) as info:
        fig(1, Unit.COUNT).text("romeins")
    assert info.value.finding.code == "onbekende-vorm"


def test_days_convert_to_weeks_only_when_exact() -> None:
    assert converted(fig(14, Unit.DAYS), Unit.WEEKS).text() == "2\u00a0weken"
    with pytest.raises(MacroError) as info:
        converted(fig(10, Unit.DAYS), Unit.WEEKS)
    assert info.value.finding.code == "omrekening"
