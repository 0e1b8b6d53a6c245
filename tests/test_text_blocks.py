"""Projectkaarten, speerpunten, planning: loading and validation."""

from pathlib import Path

import pytest

from pcdocs.blocks import overeenkomsten, pc_kalender, projecten, speerpunten
from pcdocs.errors import DataError

from .conftest import ROOT

DATA = ROOT / "data/szmh/2019"


def test_szmh_cards() -> None:
    cards = projecten.load(DATA / "projecten.yaml", "data/szmh/2019/projecten.yaml")
    assert [c.nummer for c in cards] == ["19-27", "19-29", "19-32"]
    assert cards[1].kosten["structureel"].amount == "n.v.t."
    assert cards[0].kosten["incidenteel"].amount == "PM"
    assert cards[2].kwaliteitsborger == "CZ – Albert Royen"


def test_card_amount_must_be_pm_nvt_or_a_number(tmp_path: Path) -> None:
    path = tmp_path / "projecten.yaml"
    path.write_text("opgaven:\n  - nummer: '1'\n    naam: a\n    aanleiding: b\n"
                    "    opdrachtgever: c\n    planning: d\n    kosten:\n"
                    "      incidenteel: {bedrag: veel}\n      structureel: {bedrag: PM}\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        projecten.load(path, "p.yaml")
    assert (info.value.finding.line, info.value.finding.code) == (8, "geen-getal")


def test_szmh_speerpunten_nesting() -> None:
    s = speerpunten.load(DATA / "speerpunten.yaml", "data/szmh/2019/speerpunten.yaml")
    assert s.items[0].titel == "Transformatie"
    assert len(s.items) == 5
    assert sum(len(p.acties) for p in s.items) == 38
    assert sum(len(a.sub) for p in s.items for a in p.acties) == 36


def test_actions_go_two_levels_deep_at_most(tmp_path: Path) -> None:
    path = tmp_path / "speerpunten.yaml"
    path.write_text("speerpunten:\n  - titel: T\n    acties:\n      - actie: a\n        acties:\n"
                    "          - actie: b\n            acties: [c]\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        speerpunten.load(path, "s.yaml")
    assert info.value.finding.code == "te-diep"


def test_calendar_and_agreements() -> None:
    cal = pc_kalender.load(DATA / "pc_kalender.yaml", "c.yaml")
    assert [c.document for c in cal] == ["jaarplan SZMH", "rapportages en evaluaties"]
    dvo = overeenkomsten.load(DATA / "overeenkomsten.yaml", "o.yaml")
    assert len(dvo) == 3 and dvo[0].status == "Voorlopig vastgesteld in PHO SOZA"
