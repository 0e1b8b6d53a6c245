from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.blocks import formatie
from pcdocs.errors import DataError
from pcdocs.render import charts

from .conftest import ROOT

SZMH = ROOT / "data/szmh/2019/formatie.yaml"


def load(folder: Path) -> formatie.Formatie:
    return formatie.load(folder / "formatie.yaml", "data/t/2019/formatie.yaml")


def test_szmh_start_plus_mutations_is_end() -> None:
    f = formatie.figures(formatie.load(SZMH, "data/szmh/2019/formatie.yaml"))
    assert f["stand.2018-01-01"].value == Decimal("344.55")
    assert f["mutatie.2018-09-01"].value == Decimal("5.36")
    assert f["stand.2018-09-01"].value == Decimal("349.91")
    assert f["mutatie.2019-01-01.wegvallen-taken-budgetten"].text() == "-4,19\u00a0fte"
    assert f["mutatie.2019-01-01.wegvallen-taken-budgetten"].text("absoluut") == "4,19\u00a0fte"
    assert f["mutatie.2019-01-01.nieuwe-taken-budgetten"].value == Decimal("7.82")
    assert f["mutatie.2019-01-01.wijziging-schaal-functie"].value == Decimal("0.00")
    assert f["fte"].text() == "353,54\u00a0fte"


def setup(tmp_path: Path, yaml: str, csv: str) -> Path:
    (tmp_path / "formatie.yaml").write_text(yaml, encoding="utf-8")
    (tmp_path / "formatieanalyse.csv").write_text(csv, encoding="utf-8")
    return tmp_path


HEAD = "peildatum;reden;functie;schaal;fte;uitleg\n"
BEGIN = "beginstand: {peildatum: 2018-01-01, fte: 10}\n"


def test_a_wrong_control_total_names_its_line(tmp_path: Path) -> None:
    folder = setup(tmp_path, BEGIN + "standen:\n  2018-09-01: 12.00\n",
                   HEAD + "1-9-2018;Nieuw;A;9;1,50;x\n")
    with pytest.raises(DataError) as info:
        load(folder)
    f = info.value.finding
    assert (f.file, f.line, f.code) == ("data/t/2019/formatie.yaml", 3, "telt-niet-op")
    assert "beginstand plus mutaties is 11,50 fte" in f.message


def test_a_bad_fte_names_row_and_column(tmp_path: Path) -> None:
    folder = setup(tmp_path, BEGIN, HEAD + "1-9-2018;Nieuw;A;9;1,50;x\n1-9-2018;Nieuw;B;9;een;y\n")
    with pytest.raises(DataError) as info:
        load(folder)
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == ("data/t/2019/formatieanalyse.csv", 3, "fte",
                                               "geen-getal")


def test_mutation_before_the_begin_date(tmp_path: Path) -> None:
    folder = setup(tmp_path, BEGIN, HEAD + "1-9-2017;Nieuw;A;9;1;x\n")
    with pytest.raises(DataError) as info:
        load(folder)
    assert info.value.finding.code == "buiten-bereik"


def test_typed_total_must_match_the_analysis(tmp_path: Path) -> None:
    folder = setup(tmp_path, BEGIN + "totaal_fte: 99\n", HEAD + "1-9-2018;Nieuw;A;9;1;x\n")
    with pytest.raises(DataError) as info:
        load(folder)
    assert info.value.finding.code == "telt-niet-op"


def test_groups_keep_file_order_and_subtotals(tmp_path: Path) -> None:
    folder = setup(tmp_path, BEGIN, HEAD + "1-9-2018;Weg;A;9;-1;x\n1-9-2018;Nieuw;B;9;2,5;y\n"
                   "1-9-2018;Weg;C;9;-0,25;z\n")
    record = load(folder)
    assert record.analysis is not None
    (period,) = record.analysis.periods
    assert [(g.reden, g.total) for g in period.groups] == [("Weg", Decimal("-1.25")),
                                                           ("Nieuw", Decimal("2.50"))]
    assert period.end == Decimal("11.25")


def test_waterfall_is_deterministic() -> None:
    steps = [charts.Step("1-1-2018", Decimal("344.55"), True),
             charts.Step("Nieuw", Decimal("5.36"), False),
             charts.Step("1-9-2018", Decimal("349.91"), True)]
    one = charts.waterfall(steps, "Formatie", "x.csv", "fte")
    assert one == charts.waterfall(steps, "Formatie", "x.csv", "fte")
    assert b"+5,36" in one and b"349,91" in one
