"""ISD BOL building blocks: regelingen per gemeente, doelgroepen, wetten, formulas."""

from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.blocks import doelgroepen, kerncijfers, regelingen, wetten
from pcdocs.errors import DataError
from pcdocs.model.organisation import load_organisation

from .conftest import ROOT

FOLDER = ROOT / "data/isd-bol/2023"
ORG = load_organisation(ROOT / "data/isd-bol/organisatie.yaml", "data/isd-bol/organisatie.yaml",
                        "isd-bol")


def test_regelingen_differ_per_gemeente() -> None:
    reg = regelingen.load(FOLDER / "regelingen.yaml", "data/isd-bol/2023/regelingen.yaml")
    regelingen.check_gemeenten(reg, ORG)
    f = regelingen.figures(reg)
    assert f["bijdrage-eigen-risico-zorgverzekering.brunssum"].text() == "€\u00a0150"
    assert f["bijdrage-eigen-risico-zorgverzekering.landgraaf"].text() == "€\u00a0100"
    assert f["uitstroompremie.bedrag"].value == Decimal(1500)
    by_name = {r.name: r for r in reg.items}
    assert by_name["Mantelzorgcompliment"].applies("landgraaf")
    assert not by_name["Mantelzorgcompliment"].applies("brunssum")
    assert not by_name["Bibliotheekabonnement"].applies("landgraaf")
    assert by_name["Giften"].applies("brunssum") and by_name["Giften"].applies("landgraaf")


def test_a_gemeente_outside_the_organisation_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "regelingen.yaml"
    path.write_text("titel: R\nregelingen:\n  - naam: A\n    omschrijving: B\n"
                    "    gemeenten: [brunsum]\n", encoding="utf-8")
    reg = regelingen.load(path, "data/t/2023/regelingen.yaml")
    with pytest.raises(DataError) as info:
        regelingen.check_gemeenten(reg, ORG)
    f = info.value.finding
    assert (f.file, f.line, f.code) == ("data/t/2023/regelingen.yaml", 3, "onbekende-gemeente")
    assert f.hint == "bedoelde u 'brunssum'?"


def test_bedrag_placeholder_needs_an_amount(tmp_path: Path) -> None:
    path = tmp_path / "regelingen.yaml"
    path.write_text("titel: R\nregelingen:\n  - naam: A\n    omschrijving: premie {bedrag}\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        regelingen.load(path, "data/t/2023/regelingen.yaml")
    assert (info.value.finding.line, info.value.finding.code) == (4, "ontbrekende-sleutel")


def test_doelgroepen_bands_of_work_fitness() -> None:
    d = doelgroepen.load(FOLDER / "doelgroepen.yaml", "data/isd-bol/2023/doelgroepen.yaml")
    labels = [g.label() for g in d.groups]
    assert labels == ["Duurzaam Arbeids- en trajectOngeschikt (DAO)",
                      "Duurzaam Arbeids- en trajectOngeschikt UWV (DAU)",
                      "Tijdelijk Arbeids- en trajectOngeschikt (TAO)",
                      "1–30% werkfit", "30–80% werkfit", "80–100% werkfit"]
    assert d.groups[-1].band() == "80–100%"
    assert doelgroepen.figures(d)["aantal"].value == 6


def test_wetten_are_counted() -> None:
    laws = wetten.load(FOLDER / "wetten.yaml", "data/isd-bol/2023/wetten.yaml")
    assert wetten.SPEC.figures(laws)["aantal"].value == len(laws) >= 5
    assert laws[0].name == "Participatiewet"


def test_kerncijfers_formulas_compute_from_other_figures() -> None:
    f = kerncijfers.load(FOLDER / "kerncijfers.yaml", "data/isd-bol/2023/kerncijfers.yaml")
    assert f["onderbanken.fte_indirect"].text() == "2,13\u00a0fte"
    assert f["pilot.werkcoaches_totaal"].value == 4
    sources = {s.line for s in f["pilot.werkcoaches_totaal"].sources}
    assert sources == {f["pilot.werkcoaches_brunssum"].sources[0].line,
                       f["pilot.werkcoaches_landgraaf"].sources[0].line}


@pytest.mark.parametrize(("formula", "unit", "message"), [
    ("a.x - a.onbekend", "aantal", "'a.onbekend' is geen kerncijfer met een getal"),
    ("a.x a.y", "aantal", "is geen geldige formule"),
    ("a.x + a.y", "procent", "'a.x' heeft eenheid aantal"),
])
def test_bad_formulas_name_the_line(tmp_path: Path, formula: str, unit: str,
                                    message: str) -> None:
    path = tmp_path / "kerncijfers.yaml"
    path.write_text("a:\n  x: {waarde: 3, eenheid: aantal}\n  y: {waarde: 1, eenheid: aantal}\n"
                    f"  z:\n    formule: {formula}\n    eenheid: {unit}\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        kerncijfers.load(path, "data/t/2023/kerncijfers.yaml")
    f = info.value.finding
    assert (f.line, f.code) == (5, "formule")
    assert message in f.message
