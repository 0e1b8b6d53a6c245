"""No wrong figure passes without a finding (issue 17): every number read from data lies in
the range of its unit and kind (figures.RANGES and figures.EXCEPTIONS, the one table), a
percentage typed as a fraction is caught, typed labels (period, year, code) are checked where
they are read, and data written into generated Markdown cannot change the heading it is in.

The case folders tests/data/onjuist/130-... to 142-... cover the same classes end to end
(`pcdocs check` on a copy of the example, file, line and code asserted)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from pcdocs.blocks import doelgroepen, formatie, indicatoren, kerncijfers, risicoprofiel, verzuim
from pcdocs.blocks.generated import literal
from pcdocs.errors import DataError, PcdocsError
from pcdocs.model.figures import EXCEPTIONS, RANGES, Kind, Unit, allowed, kind_of, range_problem
from pcdocs.model.repository import Repository
from pcdocs.model.schema import Reader
from pcdocs.output.session import BuildSession

from .conftest import ROOT

D = Decimal


def finding(exc: pytest.ExceptionInfo[DataError]) -> tuple[str, int | None, str]:
    f = exc.value.finding
    assert f.hint, f"{f.code} zonder hint"
    return f.file or "", f.line, f.code


def write(tmp_path: Path, name: str, text: str) -> tuple[Path, str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, f"data/t/2024/{name}"


# -- the table ---------------------------------------------------------------------------

def test_the_range_table_covers_every_measuring_unit() -> None:
    measuring = set(Unit) - {Unit.BOOL, Unit.TEXT, Unit.DATE}
    assert set(RANGES) == measuring
    assert allowed(Unit.PERCENT) == allowed(Unit.PERCENT, Kind.LEVEL)
    assert (allowed(Unit.PERCENT).low, allowed(Unit.PERCENT).high) == (D(0), D(100))
    assert allowed(Unit.COUNT).whole and allowed(Unit.COUNT).low == 0
    for unit in (Unit.FTE, Unit.DAYS, Unit.WEEKS, Unit.MONTHS):
        assert allowed(unit).low == 0 and allowed(unit).high is None
    assert allowed(Unit.EURO).low is None and allowed(Unit.EURO).high is None
    # every exception widens or narrows a unit on purpose: none repeats the default
    for (unit, _kind), rng in EXCEPTIONS.items():
        assert rng != RANGES[unit]


@pytest.mark.parametrize(("value", "unit", "kind", "code"), [
    (D(-96), Unit.PERCENT, Kind.LEVEL, "buiten-bereik"),
    (D(960), Unit.PERCENT, Kind.LEVEL, "buiten-bereik"),
    (D("-0.5"), Unit.FTE, Kind.LEVEL, "buiten-bereik"),
    (D(-6), Unit.WEEKS, Kind.LEVEL, "buiten-bereik"),
    (D(-1), Unit.COUNT, Kind.LEVEL, "buiten-bereik"),
    (D("2.5"), Unit.COUNT, Kind.LEVEL, "geen-geheel-getal"),
    (D(11), Unit.GRADE, Kind.LEVEL, "buiten-bereik"),
    (D(-101), Unit.PERCENT, Kind.CHANGE, "buiten-bereik"),
    (D(-1), Unit.EURO, Kind.MAGNITUDE, "buiten-bereik"),
    (D("-0.1"), Unit.NUMBER, Kind.MAGNITUDE, "buiten-bereik"),
])
def test_a_value_out_of_range_is_a_problem(value: Decimal, unit: Unit, kind: Kind,
                                           code: str) -> None:
    problem = range_problem(value, unit, kind)
    assert problem is not None and problem[0] == code and problem[2]


@pytest.mark.parametrize(("value", "unit", "kind"), [
    (D(0), Unit.PERCENT, Kind.LEVEL), (D(100), Unit.PERCENT, Kind.LEVEL),
    (D("-2.4"), Unit.PERCENT, Kind.CHANGE), (D(250), Unit.PERCENT, Kind.CHANGE),
    (D("-4.5"), Unit.FTE, Kind.CHANGE), (D(-550000), Unit.EURO, Kind.LEVEL),
    (D(0), Unit.WEEKS, Kind.LEVEL), (D("7.5"), Unit.GRADE, Kind.LEVEL),
])
def test_a_value_in_range_is_none(value: Decimal, unit: Unit, kind: Kind) -> None:
    assert range_problem(value, unit, kind) is None


def test_a_description_that_names_a_change_makes_a_change() -> None:
    assert kind_of("ontwikkeling uitkeringsbestand") is Kind.CHANGE
    assert kind_of("Groei van het aantal aanvragen") is Kind.CHANGE
    assert kind_of("aandeel toegekende aanvragen") is Kind.LEVEL
    assert kind_of("cliënten met een ontwikkelingsplan") is Kind.LEVEL  # whole words only


# -- indicatoren -------------------------------------------------------------------------

INDICATOR = """groepen: {{g: {{titel: G}}}}
indicatoren:
  - code: x
    groep: g
    omschrijving: {omschrijving}
    eenheid: procent
    vergelijking: minimaal{soort}
    normen: {{2023: {norm}}}
    realisaties:
      - jaar: 2023
        waarde: {waarde}
"""


def indicator(tmp_path: Path, waarde: object, *, norm: object = 100, soort: str = "",
              omschrijving: str = "aanvragen binnen de termijn") -> indicatoren.Indicatoren:
    text = INDICATOR.format(waarde=waarde, norm=norm, omschrijving=omschrijving,
                            soort=f"\n    soort: {soort}" if soort else "")
    return indicatoren.load(*write(tmp_path, "indicatoren.yaml", text))


@pytest.mark.parametrize(("waarde", "line", "code"), [
    (-96, 11, "buiten-bereik"), (960, 11, "buiten-bereik"),
    ("0,96", 11, "waarschijnlijk-fractie"), ("0.96", 11, "waarschijnlijk-fractie"),
])
def test_a_wrong_realisation_is_an_error_at_its_line(tmp_path: Path, waarde: object,
                                                     line: int, code: str) -> None:
    with pytest.raises(DataError) as info:
        indicator(tmp_path, waarde)
    assert finding(info) == ("data/t/2024/indicatoren.yaml", line, code)


def test_the_difference_in_an_explanation_cannot_exceed_100_percent(tmp_path: Path) -> None:
    record = indicator(tmp_path, 96)
    ind = record.indicators[0]
    diff = indicatoren.difference(ind, ind.realisations[0])
    assert diff is not None and diff.text() == "4%"
    with pytest.raises(DataError) as info:  # before: -96 was read and the difference was 196%
        indicator(tmp_path, -96)
    assert finding(info) == ("data/t/2024/indicatoren.yaml", 11, "buiten-bereik")


def test_a_percentage_with_its_sign_is_meant_as_a_percentage(tmp_path: Path) -> None:
    record = indicator(tmp_path, "'0,8%'", norm=5)
    real = record.indicators[0].realisations[0]
    assert real.value is not None and real.value.numeric() == D("0.8")
    assert real.value.text() == "0,8%"


def test_a_norm_as_fraction_is_caught_too(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        indicator(tmp_path, 96, norm="0.95")
    assert finding(info) == ("data/t/2024/indicatoren.yaml", 8, "waarschijnlijk-fractie")


def test_a_change_indicator_may_be_negative_and_says_so(tmp_path: Path) -> None:
    # the SZMH example: 'ontwikkeling uitkeringsbestand', norm maximaal -2,4%
    record = indicator(tmp_path, "-3.1", norm="-2.4", omschrijving="ontwikkeling bestand")
    assert record.indicators[0].norms[2023].value is not None
    indicator(tmp_path, -3, norm=-2, soort="verandering")
    with pytest.raises(DataError) as info:  # the data's word wins over the description
        indicator(tmp_path, "-3.1", norm="-2.4", omschrijving="ontwikkeling", soort="stand")
    assert finding(info) == ("data/t/2024/indicatoren.yaml", 9, "buiten-bereik")
    with pytest.raises(DataError) as info:  # a change of a share cannot fall below -100
        indicator(tmp_path, -150, norm=-2, soort="verandering")
    assert finding(info) == ("data/t/2024/indicatoren.yaml", 12, "buiten-bereik")


def test_a_negative_term_is_an_error(tmp_path: Path) -> None:
    text = INDICATOR.format(waarde=96, norm=100, omschrijving="binnen {termijn}", soort="")
    text = text.replace("    eenheid: procent\n",
                        "    eenheid: procent\n    termijn: {waarde: -8, eenheid: weken}\n")
    with pytest.raises(DataError) as info:
        indicatoren.load(*write(tmp_path, "indicatoren.yaml", text))
    assert finding(info) == ("data/t/2024/indicatoren.yaml", 7, "buiten-bereik")


# -- verzuim -----------------------------------------------------------------------------

VERZUIM = """langdurig_vanaf: {{waarde: {vanaf}, eenheid: weken}}
norm: {{percentage: 5.5, meldingsfrequentie: {freq}}}
perioden:
  - periode: {periode}
    percentage: {pct}
    langdurig: 2
"""


def verzuim_file(tmp_path: Path, *, vanaf: object = 6, periode: object = 2023,
                 pct: object = 7, freq: object = 1.2) -> verzuim.Verzuim:
    text = VERZUIM.format(vanaf=vanaf, periode=periode, pct=pct, freq=freq)
    return verzuim.load(*write(tmp_path, "verzuim.yaml", text))


@pytest.mark.parametrize(("kwargs", "line", "code"), [
    ({"vanaf": -6}, 1, "buiten-bereik"),
    ({"periode": "vier"}, 4, "geen-periode"),
    ({"periode": "2026-2023"}, 4, "geen-periode"),
    ({"pct": "0.07"}, 5, "waarschijnlijk-fractie"),
    ({"pct": 107}, 5, "buiten-bereik"),
    ({"freq": "-1.2"}, 2, "buiten-bereik"),
])
def test_wrong_verzuim_data_is_an_error_at_its_line(tmp_path: Path, kwargs: dict[str, Any],
                                                    line: int, code: str) -> None:
    with pytest.raises(DataError) as info:
        verzuim_file(tmp_path, **kwargs)
    assert finding(info) == ("data/t/2024/verzuim.yaml", line, code)


def test_a_period_label_is_a_year_or_years(tmp_path: Path) -> None:
    assert verzuim_file(tmp_path, periode="2023-2026").periods[0].key == "2023-2026"
    assert verzuim_file(tmp_path, periode=2018).periods[0].key == "2018"


# -- typed labels in schema.Reader -------------------------------------------------------

def reader(text: str) -> Reader:
    from pcdocs.model.load import parse_yaml

    return Reader(parse_yaml(text, "data/t/x.yaml"), "data/t/x.yaml")


@pytest.mark.parametrize(("text", "method", "code"), [
    ("a: 1\nk: vier\n", "period", "geen-periode"),
    ("a: 1\nk: 2023-2040\n", "period", "geen-periode"),
    ("a: 1\nk: 20233\n", "year", "geen-jaar"),
    ("a: 1\nk: ja\n", "year", "geen-jaar"),
    ("a: 1\nk: 'M1 {#x}'\n", "code", "ongeldige-code"),
    ("a: 1\nk: '-a'\n", "code", "ongeldige-code"),
])
def test_a_typed_label_is_checked_where_it_is_read(text: str, method: str, code: str) -> None:
    with pytest.raises(DataError) as info:
        getattr(reader(text), method)("k")
    assert finding(info) == ("data/t/x.yaml", 2, code)


def test_typed_labels_that_are_right() -> None:
    r = reader("p: 2023 - 2026\nq: 2024\ny: 2024\nc: '7.02'\nd: lo-8wk\n")
    assert (r.period("p"), r.period("q"), r.year("y"), r.code("c"), r.code("d")) == (
        "2023-2026", "2024", 2024, "7.02", "lo-8wk")


def test_measure_reads_a_number_in_its_range() -> None:
    r = reader("a: 38,09\nb: -1\n")
    assert r.measure("a", Unit.FTE) == D("38.09")
    with pytest.raises(DataError) as info:
        r.measure("b", Unit.FTE)
    assert finding(info) == ("data/t/x.yaml", 2, "buiten-bereik")


# -- other blocks that read numbers ------------------------------------------------------

def test_kerncijfers_a_share_is_0_to_100_a_change_may_be_negative(tmp_path: Path) -> None:
    text = ("a:\n  deel: {waarde: 150, eenheid: procent, omschrijving: Deel van het tekort}\n")
    with pytest.raises(DataError) as info:
        kerncijfers.load(*write(tmp_path, "kerncijfers.yaml", text))
    assert finding(info) == ("data/t/2024/kerncijfers.yaml", 2, "buiten-bereik")
    text = ("a:\n  groei: {waarde: -2, eenheid: procent, omschrijving: Ontwikkeling bestand}\n"
            "  b: {waarde: -2, eenheid: procent, soort: verandering}\n")
    figs = kerncijfers.load(*write(tmp_path, "kerncijfers.yaml", text))
    assert figs["a.groei"].numeric() == -2 and figs["a.b"].numeric() == -2


def test_risk_amounts_and_bands_have_no_sign(tmp_path: Path) -> None:
    text = "kans: [{klasse: 1, naam: K}]\nomvang:\n  - {klasse: 1, tot: -250000}\n"
    with pytest.raises(DataError) as info:
        risicoprofiel.load(*write(tmp_path, "risicoprofiel.yaml", text))
    assert finding(info) == ("data/t/2024/risicoprofiel.yaml", 3, "buiten-bereik")


def test_doelgroep_bands_are_percentages(tmp_path: Path) -> None:
    text = "doelgroepen:\n  - {code: a, naam: A, van: 80, tot: 1000}\n"
    with pytest.raises(DataError) as info:
        doelgroepen.load(*write(tmp_path, "doelgroepen.yaml", text))
    assert finding(info) == ("data/t/2024/doelgroepen.yaml", 2, "buiten-bereik")


def test_a_formatie_stand_below_zero_is_an_error_at_the_mutation(tmp_path: Path) -> None:
    folder = tmp_path / "data/t/2019"
    folder.mkdir(parents=True)
    (folder / "formatie.yaml").write_text(
        "beginstand: {peildatum: 2018-01-01, fte: 2}\n", encoding="utf-8")
    (folder / "formatieanalyse.csv").write_text(
        "peildatum;reden;functie;schaal;fte;uitleg\n1-9-2018;Bezuiniging;Consulent;9;-1,50;\n"
        "1-9-2018;Bezuiniging;Adviseur;10;-1,00;\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        formatie.load(folder / "formatie.yaml", "data/t/2019/formatie.yaml")
    assert finding(info) == ("data/t/2019/formatieanalyse.csv", 3, "buiten-bereik")


# -- data in generated Markdown ----------------------------------------------------------

EXTENSIONS = ["toc", "attr_list", "md_in_html", "footnotes", "tables", "admonition",
              "def_list"]


def test_literal_keeps_a_heading_what_it_is() -> None:
    for title in ("Open einde {regelingen}", "Risico {.rood}", "Titel #", "twee\nregels",
                  'A "b" <script>x</script>'):
        html = markdown.markdown(f"### {literal(title)} {{#anker}}", extensions=EXTENSIONS)
        assert html.startswith('<h3 id="anker">'), html
        assert "<script>" not in html


def _copy(tmp_path: Path, org: str, year: int) -> Path:
    for name in ("mkdocs.yml", "macros", f"data/{org}", f"docs/{org}/{year}"):
        source, dest = ROOT / name, tmp_path / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest)
    return tmp_path


def _page_html(root: Path, page: str) -> str:
    session = BuildSession(Repository.find(root))
    try:
        _, rendered, problems = session.render_page(page)
    except PcdocsError as exc:
        raise AssertionError(exc.finding.format()) from exc
    errors = [f.format() for f in [*session.all_findings(), *problems]
              if f.severity == "error"]
    assert rendered is not None and not errors, errors
    return markdown.markdown(rendered, extensions=EXTENSIONS)


def test_a_risk_title_with_braces_keeps_its_anchor_and_the_matrix_links(tmp_path: Path
                                                                          ) -> None:
    root = _copy(tmp_path, "szmh", 2019)
    path = root / "data/szmh/2019/risicos.yaml"
    data = path.read_text(encoding="utf-8")
    assert data.count("titel: Open einde regelingen\n") == 1
    path.write_text(data.replace("titel: Open einde regelingen\n",
                                 "titel: \"Open einde regelingen {.rood} #\"\n"),
                    encoding="utf-8")
    html = _page_html(root, "szmh/2019/jaarplan.md")
    ids = set(re.findall(r'id="([^"]+)"', html))
    targets = set(re.findall(r'href="#(risico-[^"]+)"', html))
    codes = [r["code"].lower() for r in yaml.safe_load(data)["risicos"]]
    assert targets == {f"risico-{c}" for c in codes}
    assert targets <= ids, sorted(targets - ids)
    heading = re.search(r'<h4 id="risico-m1">(.*?)</h4>', html)
    assert heading is not None and "&#123;.rood&#125; &#35;" in heading.group(1)


def test_an_explanation_of_two_paragraphs_stays_in_its_footnote(tmp_path: Path) -> None:
    root = _copy(tmp_path, "iasz", 2024)
    path = root / "data/iasz/2024/indicatoren.yaml"
    data = path.read_text(encoding="utf-8")
    old = "        waarde: 96\n        toelichting: >-\n          In {verschil} van de gevallen"
    assert data.count(old) == 1
    path.write_text(data.replace(old, "        waarde: 96\n        toelichting: |-\n"
                                      "          Eerste alinea.\n\n"
                                      "          In {verschil} van de gevallen"), "utf-8")
    html = _page_html(root, "iasz/2024/jaarplan.md")
    note = re.search(r'<li id="fn:pc-lo-8wk-2023">(.*?)</li>', html, re.S)
    assert note is not None and "Eerste alinea." in note.group(1)
    assert "van de gevallen" in note.group(1)


def test_data_in_generated_markdown_stays_text(tmp_path: Path) -> None:
    """A deviation's subject (afwijkingen.yaml) and a topic's title (onderwerpen.yaml) are
    written into Markdown that pcdocs generates: their HTML and braces are text there."""
    root = _copy(tmp_path, "pijnacker-nootdorp", 2022)
    path = root / "data/pijnacker-nootdorp/2022/afwijkingen.yaml"
    data = path.read_text(encoding="utf-8")
    assert data.count("onderwerp: Energietoeslag\n") == 1
    path.write_text(data.replace("onderwerp: Energietoeslag\n",
                                 "onderwerp: \"Energietoeslag <script>x()</script>\"\n"), "utf-8")
    html = _page_html(root, "pijnacker-nootdorp/2022/voortgangsrapportage.md")
    assert "<script>x()" not in html and "&lt;script&gt;x()" in html
    root = _copy(tmp_path / "d", "deventer", 2021)
    path = root / "data/deventer/2021/onderwerpen.yaml"
    data = path.read_text(encoding="utf-8")
    old = "        titel: Implementatie Inzet op maat 2021\n"
    assert data.count(old) == 1
    path.write_text(data.replace(old, "        titel: \"Inzet op maat {: #elders} #\"\n"),
                    "utf-8")
    html = _page_html(root, "deventer/2021/uitvoeringsplan.md")
    assert 'id="elders"' not in html and "Inzet op maat &#123;: &#35;elders&#125; &#35;" in html


def test_a_small_real_percentage_is_no_fraction() -> None:
    """A foutscore of 0,3% against a norm of at most 1% is a real small percentage (the scale
    corpus has such indicators); 0,96 next to a norm of 95 is a fraction."""
    from pcdocs.model.figures import probably_fraction

    assert not probably_fraction(Decimal("0.3"), [Decimal("1.0"), Decimal("1.5")])
    assert probably_fraction(Decimal("0.96"), [Decimal("95"), Decimal("97")])
    assert probably_fraction(Decimal("0.09"), [Decimal("5.5"), Decimal("6.1")])
