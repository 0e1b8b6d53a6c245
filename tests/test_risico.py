from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.blocks import risicoprofiel, risicos
from pcdocs.errors import DataError

from .conftest import ROOT

PROFILE = risicoprofiel.load(ROOT / "data/szmh/risicoprofiel.yaml",
                              "data/szmh/risicoprofiel.yaml")
REGISTER = risicos.load(ROOT / "data/szmh/2019/risicos.yaml",
                                "data/szmh/2019/risicos.yaml")


def test_every_risk_lands_in_exactly_one_cell_of_the_seed_matrix() -> None:
    placed = {r.code: (k, b) for r, k, b in risicos.placed(REGISTER, PROFILE)}
    assert placed == {"M1": (3, 5), "M2": (2, 4), "M3": (2, 3), "M4": (3, 3), "M5": (3, 3),
                      "I1": (1, 1), "I2": (2, 1), "I3": (2, 3), "I4": (1, 1), "I5": (1, 1),
                      "I6": (2, 2)}


def test_band_labels_in_millions() -> None:
    labels = [PROFILE.omvang[k].label() for k in sorted(PROFILE.omvang)]
    assert labels == ["< €\u00a00,25 mln.", "€\u00a00,25 mln. – €\u00a01,0 mln.",
                      "€\u00a01,0 mln. – €\u00a02,5 mln.", "€\u00a02,5 mln. – €\u00a05,0 mln.",
                      "> €\u00a05,0 mln."]


def register(tmp_path: Path, body: str) -> risicos.Register:
    path = tmp_path / "risicos.yaml"
    path.write_text("risicos:\n" + body, encoding="utf-8")
    return risicos.load(path, "data/t/2019/risicos.yaml")


ONE = ("  - code: M9\n    titel: T\n    soort: materieel\n    kans: {kans}\n    {omvang}\n"
       "    omschrijving: x\n    beheersmaatregel: y\n")


def test_an_unknown_class_names_file_and_line(tmp_path: Path) -> None:
    reg = register(tmp_path, ONE.format(kans=4, omvang="omvang: 2"))
    with pytest.raises(DataError) as info:
        risicos.placed(reg, PROFILE)
    f = info.value.finding
    assert (f.file, f.line, f.code) == ("data/t/2019/risicos.yaml", 5, "onbekende-klasse")
    assert "1 Klein, 2 Gemiddeld, 3 Hoog" in (f.hint or "")


def test_an_amount_finds_its_band(tmp_path: Path) -> None:
    reg = register(tmp_path, ONE.format(kans=2, omvang="bedrag: 1000000"))
    ((_, kans, band),) = risicos.placed(reg, PROFILE)
    assert (kans, band) == (2, 3)
    assert risicos.figures(reg)["m9.bedrag"].value == Decimal(1000000)


def test_omvang_and_bedrag_are_exclusive(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        register(tmp_path, ONE.format(kans=2, omvang="omvang: 2\n    bedrag: 5"))
    f = info.value.finding
    assert (f.file, f.line, f.code) == ("data/t/2019/risicos.yaml", 6, "ontbrekende-sleutel")
    assert "óf 'omvang'" in f.message and "óf 'bedrag'" in f.message


def test_duplicate_codes(tmp_path: Path) -> None:
    one = ONE.format(kans=1, omvang="omvang: 1")
    with pytest.raises(DataError) as info:
        register(tmp_path, one + one)
    assert info.value.finding.code == "dubbele-code"
