from pathlib import Path

import pytest

from pcdocs.blocks import indicatoren
from pcdocs.blocks.indicatoren import Status
from pcdocs.errors import DataError

from .conftest import ROOT

IASZ = ROOT / "data/iasz/2024/indicatoren.yaml"


def load_one(tmp_path: Path, indicator: str) -> indicatoren.Indicatoren:
    path = tmp_path / "indicatoren.yaml"
    path.write_text("groepen:\n  g: {titel: Groep}\nindicatoren:\n" + indicator, encoding="utf-8")
    return indicatoren.load(path, "data/t/2024/indicatoren.yaml")


def indicator(unit: str, comparator: str | None, norm: str, value: str | None) -> str:
    lines = ["  - code: x", "    groep: g", "    omschrijving: Iets", f"    eenheid: {unit}"]
    if comparator:
        lines.append(f"    vergelijking: {comparator}")
    lines.append(f"    normen: {{2023: {norm}}}")
    real = "    realisaties:\n      - jaar: 2023" + (f"\n        waarde: {value}" if value else "")
    return "\n".join(lines) + "\n" + real + "\n"


@pytest.mark.parametrize(("unit", "comparator", "norm", "value", "expected"), [
    ("procent", "minimaal", "50", "73", Status.MET),
    ("procent", "minimaal", "100", "96", Status.NOT_MET),
    ("procent", "minimaal", "100", "100", Status.MET),
    ("procent", "maximaal", "25", "25", Status.MET),
    ("procent", "maximaal", "25", "26", Status.NOT_MET),
    ("procent", "minder-dan", "10", "10", Status.NOT_MET),
    ("procent", "meer-dan", "85", "85.5", Status.MET),
    ("aantal", "minimaal", "2", "2", Status.MET),
    ("euro", "minimaal", "650000", "649999", Status.NOT_MET),
    ("cijfer", "minimaal", "7.0", "7.2", Status.MET),
    ("ja/nee", None, "ja", "ja", Status.MET),
    ("ja/nee", None, "ja", "nee", Status.NOT_MET),
    ("procent", "minimaal", "nog te bepalen", "40", Status.TBD),
    ("procent", "minimaal", "50", None, Status.NO_VALUE),
])
def test_status_is_computed_from_norm_and_realisation(
        tmp_path: Path, unit: str, comparator: str | None, norm: str, value: str | None,
        expected: Status) -> None:
    record = load_one(tmp_path, indicator(unit, comparator, norm, value))
    ind = record.indicators[0]
    assert indicatoren.status(ind, ind.realisations[0]) is expected


def test_no_norm_for_the_year_is_its_own_status(tmp_path: Path) -> None:
    record = load_one(tmp_path, indicator("procent", "minimaal", "50", "60").replace(
        "2023: 50", "2024: 50"))
    ind = record.indicators[0]
    assert indicatoren.status(ind, ind.realisations[0]) is Status.NO_NORM


def test_iasz_2023_realisations_nine_met_three_missed() -> None:
    record = indicatoren.load(IASZ, "data/iasz/2024/indicatoren.yaml")
    counts = indicatoren.counts(record, 2023)
    assert counts[Status.MET] == 9
    assert counts[Status.NOT_MET] == 3
    missed = sorted(f"{i.code}/{r.breakdown or ''}" for i, r in indicatoren.rows_for(record, 2023)
                    if indicatoren.status(i, r) is Status.NOT_MET)
    assert missed == ["bb-8wk/Bijzondere bijstand", "lo-8wk/", "wmo-14d/"]


def test_difference_is_computed_for_the_explanation() -> None:
    record = indicatoren.load(IASZ, "data/iasz/2024/indicatoren.yaml")
    lo = next(i for i in record.indicators if i.code == "lo-8wk")
    diff = indicatoren.difference(lo, lo.realisations[0])
    assert diff is not None and diff.text() == "4%"


def test_figures_offer_norms_realisations_statuses_and_counts() -> None:
    figs = indicatoren.figures(indicatoren.load(IASZ, "data/iasz/2024/indicatoren.yaml"))
    assert figs["lo-4wk.norm.2024"].text() == "50%"
    assert figs["lo-4wk.termijn"].text() == "4\u00a0weken"
    assert figs["bb-3wk.realisatie.2023.minimabeleid"].text() == "81%"
    assert figs["wmo-14d.status.2023"].value == "niet behaald"
    assert figs["totaal.2023.niet_behaald"].value == 3


@pytest.mark.parametrize(("body", "code"), [
    ("  - code: x\n    groep: h\n    omschrijving: a\n    eenheid: procent\n"
     "    vergelijking: minimaal\n    normen: {2023: 1}\n", "onbekende-code"),
    ("  - code: x\n    groep: g\n    omschrijving: a\n    eenheid: procent\n"
     "    vergelijking: ongeveer\n    normen: {2023: 1}\n", "onbekende-waarde"),
    ("  - code: x\n    groep: g\n    omschrijving: a {nrom}\n    eenheid: procent\n"
     "    vergelijking: minimaal\n    normen: {2023: 1}\n", "onbekende-invulplaats"),
    ("  - code: x\n    groep: g\n    omschrijving: a\n    eenheid: procent\n"
     "    vergelijking: minimaal\n    normen: {tweeduizend: 1}\n", "geen-jaar"),
])
def test_validation_errors(tmp_path: Path, body: str, code: str) -> None:
    with pytest.raises(DataError) as info:
        load_one(tmp_path, body)
    assert info.value.finding.code == code
    assert info.value.finding.line is not None


def test_duplicate_codes_are_refused(tmp_path: Path) -> None:
    one = indicator("procent", "minimaal", "50", "60")
    with pytest.raises(DataError) as info:
        load_one(tmp_path, one + one)
    assert info.value.finding.code == "dubbele-code"
