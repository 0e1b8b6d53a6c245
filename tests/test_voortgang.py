"""Voortgang: status per activity from a fixed set, counted per hoofdactiviteit."""

from pathlib import Path

import pytest

from pcdocs.blocks import voortgang
from pcdocs.errors import DataError

from .conftest import ROOT

REL = "data/pijnacker-nootdorp/2022/voortgang.yaml"
SEED = voortgang.load(ROOT / REL, REL)


def test_pijnacker_counts_per_status_and_programme() -> None:
    counts = SEED.counts()
    assert (counts["op schema"], counts["vertraagd"], sum(counts.values())) == (9, 3, 12)
    per_main = {m.code: sum(SEED.counts((m,)).values()) for m in SEED.mains}
    assert per_main == {"7.01": 1, "7.02": 1, "7.03": 1, "7.04": 4, "7.05": 1, "7.06": 4}
    figures = voortgang.figures(SEED)
    assert figures["status.vertraagd"].value == 3
    assert figures["activiteiten"].value == 12


def test_badges_carry_symbol_and_word() -> None:
    html = str(voortgang.badge("vertraagd"))
    assert "▲" in html and "vertraagd" in html


BODY = ("programma: {{nummer: '07', naam: P}}\nhoofdactiviteiten:\n  - code: '7.01'\n"
        "    naam: H\n    activiteiten:\n      - activiteit: A\n        resultaat: R\n"
        "        status: {status}\n        toelichting: T\n")


def test_a_status_outside_the_set_names_file_line_and_choices(tmp_path: Path) -> None:
    path = tmp_path / "voortgang.yaml"
    path.write_text(BODY.format(status="loopt"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        voortgang.load(path, "data/t/2022/voortgang.yaml")
    f = info.value.finding
    assert (f.file, f.line, f.code) == ("data/t/2022/voortgang.yaml", 8, "onbekende-waarde")
    assert "op schema" in (f.hint or "") and "vertraagd" in (f.hint or "")
    path.write_text(BODY.format(status="gereed"), encoding="utf-8")
    assert voortgang.load(path, "x/voortgang.yaml").counts()["gereed"] == 1
