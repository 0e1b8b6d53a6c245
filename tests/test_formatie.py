from pathlib import Path

import pytest

from pcdocs.blocks import formatie
from pcdocs.errors import DataError

from .conftest import ROOT

IASZ = ROOT / "data/iasz/2024/formatie.yaml"


def test_iasz_totals_are_computed_from_their_parts() -> None:
    record = formatie.load(IASZ, "data/iasz/2024/formatie.yaml")
    figs = formatie.figures(record)
    assert figs["fte"].text() == "38,09\u00a0fte"
    assert figs["medewerkers"].value == 42
    assert figs["medewerkers.vrouwen"].value == 32
    assert figs["medewerkers.mannen"].value == 10
    assert figs["vacatures"].value == 4
    assert figs["medewerkers"].computed == "32 vrouwen + 10 mannen"


def test_vacancies_read_as_dutch() -> None:
    record = formatie.load(IASZ, "data/iasz/2024/formatie.yaml")
    assert [v.text() for v in record.vacatures] == [
        "1 vacature voor een medewerker uitkeringsadministratie",
        "1 parttime vacature voor een beleidsondersteuner",
        "2 vacatures voor een consulent Werk en Inkomen",
    ]


@pytest.mark.parametrize(("text", "line", "code"), [
    ("peildatum: 2024-01-01\ntotaal_fte: 0\n", 2, "buiten-bereik"),
    ("peildatum: 2024-01-01\ntotaal_fte: 3\nvacatures:\n  - functie: x\n    aantal: twee\n",
     5, "geen-getal"),
    ("peildatum: 1 januari\ntotaal_fte: 3\n", 1, "geen-datum"),
    ("peildatum: 2024-01-01\ntotaal_fte: 3\nstage: 1\n", 3, "onbekende-sleutel"),
])
def test_validation_names_the_line(tmp_path: Path, text: str, line: int, code: str) -> None:
    path = tmp_path / "formatie.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        formatie.load(path, "data/t/2024/formatie.yaml")
    assert (info.value.finding.line, info.value.finding.code) == (line, code)
