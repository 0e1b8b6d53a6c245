"""Financiële kaders: sums over shown values, groups, units and errors with their line."""

from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.blocks import financien
from pcdocs.errors import DataError

from .conftest import ROOT

REL = "data/deventer/2021/financien.yaml"
TABLES = financien.load(ROOT / REL, REL)
FIGURES = financien.figures(TABLES)


def test_deventer_buig_saldo_is_computed_not_copied() -> None:
    # The seed prints 2.640 as saldo; its own lines add up to 2.639 (the data wins).
    assert FIGURES["buig.saldo"].value == Decimal(2_639_000)
    assert FIGURES["buig.baten"].value == Decimal(-41_673_000)  # baten-negatief
    assert FIGURES["buig.lasten"].value == Decimal(44_312_000)
    assert FIGURES["buig.rest"].value == 0
    assert FIGURES["buig.volume"].value == 2875


def test_reintegratie_and_minima_totals() -> None:
    assert FIGURES["reintegratie.kader"].value == Decimal(22_041_000)  # seed: 22.042
    assert FIGURES["reintegratie.lasten"].value == Decimal(22_042_000)
    assert FIGURES["minimabeleid.kader"].value == Decimal(5_405_443)
    assert FIGURES["minimabeleid.lasten"].value == Decimal(5_405_443)
    assert TABLES["minimabeleid"].money.label == "bedragen in euro"
    assert TABLES["buig"].money.label == "bedragen x € 1.000"


def write(tmp_path: Path, lines: str, unit: str = "duizend") -> Path:
    path = tmp_path / "financien.yaml"
    path.write_text("tabellen:\n  t:\n    titel: T\n    eenheid: " + unit +
                    "\n    teken: lasten-negatief\n    regels:\n" + lines, encoding="utf-8")
    return path


def test_a_total_is_rounded_from_unrounded_amounts(tmp_path: Path) -> None:
    path = write(tmp_path, "      - {groep: b, omschrijving: Baten}\n"
                           "      - {code: a, omschrijving: A, kant: baten, bedrag: 1400}\n"
                           "      - {code: c, omschrijving: C, kant: baten, bedrag: 1400}\n"
                           "      - {code: tot, omschrijving: Totaal, som: [b]}\n")
    table = financien.load(path, "data/t/financien.yaml")["t"]
    values = table.values()
    assert [table.money.text(values[k][0]) for k in ("a", "c", "tot")] == ["1", "1", "3"]


def test_a_sum_must_refer_to_lines_above_it(tmp_path: Path) -> None:
    path = write(tmp_path, "      - {code: tot, omschrijving: Totaal, som: [a]}\n"
                           "      - {code: a, omschrijving: A, kant: lasten, bedrag: 5}\n")
    with pytest.raises(DataError) as info:
        financien.load(path, "data/t/financien.yaml")
    f = info.value.finding
    assert (f.file, f.line, f.code) == ("data/t/financien.yaml", 7, "onbekende-code")
    assert "'a' staat niet boven deze regel" in f.message


def test_an_unknown_unit_or_side_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        financien.load(write(tmp_path, "      - {omschrijving: A, kant: baten, bedrag: 1}\n",
                             unit="honderd"), "data/t/financien.yaml")
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == ("data/t/financien.yaml", 4, "tabellen.t.eenheid",
                                               "onbekende-waarde")
    with pytest.raises(DataError) as info:
        financien.load(write(tmp_path, "      - {omschrijving: A, kant: kosten, bedrag: 1}\n"),
                       "data/t/financien.yaml")
    f = info.value.finding
    assert f.line == 7 and (f.key or "").endswith(".kant") and "lasten" in (f.hint or "")
    assert f.code == "onbekende-waarde"
