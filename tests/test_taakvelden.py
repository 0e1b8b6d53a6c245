"""Begroting per BBV taakveld and the reconciliation of the explained deviations."""

from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.blocks import afwijkingen as afw
from pcdocs.blocks import begroting as beg
from pcdocs.errors import DataError

from .conftest import ROOT

FOLDER = ROOT / "data/pijnacker-nootdorp/2022"
BEGROTING = beg.load(FOLDER / "begroting.csv", "data/pijnacker-nootdorp/2022/begroting.csv")
AFWIJKINGEN = afw.load(FOLDER / "afwijkingen.yaml",
                       "data/pijnacker-nootdorp/2022/afwijkingen.yaml")
HEAD = ("soort;taakveld;naam;lasten voor;baten voor;lasten mutatie;baten mutatie;"
        "lasten na;baten na\n")
SETTINGS = "programma: P\nteken: lasten-negatief\neenheid: duizend\n"


def test_bbv_codes_in_their_usual_spellings() -> None:
    assert beg.bbv_code("630") == "6.3"
    assert beg.bbv_code("6.3") == "6.3"
    assert beg.bbv_code("671") == "6.71"
    assert beg.bbv_code("070") == "0.7"
    assert beg.bbv_code("699") is None


def test_pijnacker_totals_are_computed_in_the_sources_sign() -> None:
    f = beg.figures(BEGROTING)
    # the seed's totals row: mutaties -945 / 687 / -258, after -35.413 / 9.570 / -25.843
    assert [f[f"totaal.mutatie.{s}"].value for s in ("lasten", "baten", "saldo")] == [
        Decimal(-945_000), Decimal(687_000), Decimal(-258_000)]
    assert [f[f"totaal.na.{s}"].value for s in ("lasten", "baten", "saldo")] == [
        Decimal(-35_413_000), Decimal(9_570_000), Decimal(-25_843_000)]
    assert f["totaal.voor.saldo"].value == Decimal(-25_585_000)
    assert f["630.na.lasten"].value == Decimal(-11_311_000)
    assert f["630.mutatie.saldo"].value == Decimal(-914_000)
    assert f["reserve.672.mutatie.baten"].value == Decimal(350_000)


def test_mutation_bridge_of_the_taakvelden_and_reserves() -> None:
    taakveld = sum((r.saldo("mutatie") for r in BEGROTING.of("taakveld")), Decimal(0))
    reserve = sum((r.saldo("mutatie") for r in BEGROTING.of("reserve")), Decimal(0))
    assert (taakveld, reserve, taakveld + reserve) == (Decimal(-868_000), Decimal(610_000),
                                                       Decimal(-258_000))


def test_explanations_reconcile_with_small_remainders() -> None:
    rest = {(row.kind, row.code, side): mutation - explained
            for row, side, mutation, explained, _ in afw.reconcile(BEGROTING, AFWIJKINGEN)}
    assert rest[("taakveld", "630", "lasten")] == Decimal(-21_000)
    assert rest[("taakveld", "650", "lasten")] == 0
    assert rest[("reserve", "660", "baten")] == Decimal(-10_600)
    assert all(abs(v) < AFWIJKINGEN.threshold for v in rest.values())
    assert AFWIJKINGEN.threshold == Decimal(25_000)


def begroting(tmp_path: Path, rows: str) -> beg.Begroting:
    (tmp_path / "begroting.yaml").write_text(SETTINGS, encoding="utf-8")
    path = tmp_path / "begroting.csv"
    path.write_text(HEAD + rows, encoding="utf-8")
    return beg.load(path, "data/t/2022/begroting.csv")


def test_an_unknown_taakveld_names_the_row(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        begroting(tmp_path, "taakveld;630;A;-1;0;0;0;;\ntaakveld;699;B;-1;0;0;0;;\n")
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == ("data/t/2022/begroting.csv", 3, "taakveld",
                                               "onbekend-taakveld")


def test_a_typed_after_column_must_be_before_plus_mutation(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        begroting(tmp_path, "taakveld;630;A;-1.000;0;-500;0;-1.400;0\n")
    f = info.value.finding
    assert (f.line, f.key, f.code) == (2, "lasten na", "telt-niet-op")
    assert "€ -1.500" in f.message.replace("\u00a0", " ")
    assert begroting(tmp_path, "taakveld;630;A;-1.000;0;-500;0;;\n").rows[0].amounts["na"][
        "lasten"] == Decimal(1_500)


def test_settings_file_is_required(tmp_path: Path) -> None:
    path = tmp_path / "begroting.csv"
    path.write_text(HEAD + "taakveld;630;A;-1;0;0;0;;\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        beg.load(path, "data/t/2022/begroting.csv")
    assert info.value.finding.code == "bestand-ontbreekt"


def afwijkingen(tmp_path: Path, body: str) -> afw.Afwijkingen:
    path = tmp_path / "afwijkingen.yaml"
    path.write_text("drempel: 25000\nafwijkingen:\n" + body, encoding="utf-8")
    return afw.load(path, "data/t/2022/afwijkingen.yaml")


def test_an_explanation_for_a_taakveld_outside_the_budget(tmp_path: Path) -> None:
    b = begroting(tmp_path, "taakveld;630;A;-1.000;0;-500;0;;\n")
    a = afwijkingen(tmp_path, "  - taakveld: 630\n    lasten: 500\n    tekst: x\n"
                              "  - taakveld: 640\n    lasten: 10\n    tekst: y\n")
    with pytest.raises(DataError) as info:
        afw.reconcile(b, a)
    f = info.value.finding
    assert (f.line, f.code) == (6, "onbekend-taakveld")
    rest = afwijkingen(tmp_path, "  - taakveld: 630\n    lasten: 400\n    tekst: x\n")
    [(_row, side, mutation, explained, _)] = afw.reconcile(b, rest)
    assert (side, mutation - explained) == ("lasten", Decimal(100))


def test_an_unknown_placeholder_in_an_explanation(tmp_path: Path) -> None:
    with pytest.raises(DataError) as info:
        afwijkingen(tmp_path, "  - taakveld: 630\n    lasten: 5\n    tekst: met {baten}\n")
    f = info.value.finding
    assert (f.line, f.code) == (5, "onbekende-invulplaats")
    assert "{lasten}" in (f.hint or "") and "{lasten_effect}" in (f.hint or "")
    with pytest.raises(DataError) as info:
        afwijkingen(tmp_path, "  - taakveld: 999\n    lasten: 5\n    tekst: x\n")
    assert (info.value.finding.line, info.value.finding.code) == (3, "onbekend-taakveld")
