from decimal import Decimal
from pathlib import Path

from pcdocs.blocks import verzuim

from .conftest import ROOT


def test_iasz_verzuim_with_norm_and_source() -> None:
    record = verzuim.load(ROOT / "data/iasz/2024/verzuim.yaml", "data/iasz/2024/verzuim.yaml")
    figs = verzuim.figures(record)
    assert figs["2023.percentage"].text() == "iets meer dan 9%"
    assert figs["2023.langdurig"].text() == "5,5%"
    assert figs["norm.percentage"].text() == "5,5%"
    assert figs["norm.bron"].text().startswith("CBS: ziekteverzuim bij overheid")
    assert figs["langdurig_vanaf"].text() == "6\u00a0weken"
    assert verzuim.above_norm(figs["2023.percentage"], figs["2023.norm.percentage"]) is True


def test_a_period_norm_overrides_the_default(tmp_path: Path) -> None:
    path = tmp_path / "verzuim.yaml"
    path.write_text(
        "norm: {percentage: 5.5, meldingsfrequentie: 1.2}\n"
        "perioden:\n"
        "  - periode: 2017\n    percentage: 7.08\n    meldingsfrequentie: 1.28\n"
        "    norm: {percentage: 5.47}\n"
        "  - periode: 2018\n    percentage: 5.0\n",
        encoding="utf-8")
    figs = verzuim.figures(verzuim.load(path, "verzuim.yaml"))
    assert figs["2017.norm.percentage"].value == Decimal("5.47")
    assert figs["2017.norm.meldingsfrequentie"].value == Decimal("1.2")
    assert figs["2018.norm.percentage"].value == Decimal("5.5")
    assert verzuim.above_norm(figs["2018.percentage"], figs["2018.norm.percentage"]) is False
