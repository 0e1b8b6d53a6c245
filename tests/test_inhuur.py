from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.blocks import inhuur
from pcdocs.errors import DataError

from .conftest import ROOT

HEAD = ("reden;omschrijving;uitzendkrachten;payrolling;detachering;overheden;vorig plan;"
        "prognose;verklaring verschil;toelichting;maatregelen\n")


def test_szmh_totals_are_sums_of_their_parts() -> None:
    r = inhuur.load(ROOT / "data/szmh/2019/inhuur.csv", "data/szmh/2019/inhuur.csv")
    f = inhuur.figures(r)
    assert f["totaal"].text() == "€\u00a04.076.005"
    assert f["totaal.uitzendkrachten"].value == Decimal(591088)
    assert f["totaal.payrolling"].value == Decimal(909187)
    assert f["totaal.detachering"].value == Decimal(2575730)
    assert f["totaal.overheden"].value == 0
    assert f["vorig_plan"].value == Decimal(3700000)
    assert f["prognose"].value == Decimal(4508090)
    assert f["regel.verloop-en-mobiliteit"].value == Decimal(993938)
    assert f["regel.draaiknoppen"].value == Decimal(317792)
    assert f["reden.specifiek"].value == Decimal(3365261)
    assert f["tariefeffect"].value == Decimal(135177)
    assert r.labels == {"vorig plan": "Jaarplan 2018", "prognose": "Prognose Berap 2018"}


def test_unknown_reason_and_bad_amount(tmp_path: Path) -> None:
    path = tmp_path / "inhuur.csv"
    path.write_text(HEAD + "ZIK;A;1;2;3;;;;;;\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        inhuur.load(path, "data/t/inhuur.csv")
    assert (info.value.finding.line, info.value.finding.code) == (2, "onbekende-waarde")
    path.write_text(HEAD + "ZIEK;A;1;€ 2.00;3;;;;;;\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        inhuur.load(path, "data/t/inhuur.csv")
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == ("data/t/inhuur.csv", 2, "payrolling", "geen-getal")


def test_defaults_without_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "inhuur.csv"
    path.write_text(HEAD + "PIEK;Pieken;€ 10;;€ 5;;;;;;\n", encoding="utf-8")
    r = inhuur.load(path, "x/inhuur.csv")
    assert set(r.reasons) == {"ZIEK", "PIEK", "SPECIFIEK"}
    assert inhuur.figures(r)["totaal"].value == Decimal(15)
    assert "tariefeffect" not in inhuur.figures(r)


def test_a_typed_line_total_must_reconcile(tmp_path: Path) -> None:
    path = tmp_path / "inhuur.csv"
    path.write_text(HEAD.replace("overheden;", "overheden;totaal;") +
                    "ZIEK;A;€ 10;€ 5;;;€ 16;;;;;\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        inhuur.load(path, "data/t/inhuur.csv")
    f = info.value.finding
    assert (f.line, f.key, f.code) == (2, "totaal", "telt-niet-op")
    assert "is niet de som van de bedragen (€\u00a015)" in f.message
