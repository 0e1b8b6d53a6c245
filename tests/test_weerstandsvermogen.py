"""The paragraaf weerstandsvermogen (pcdocs/blocks/weerstandsvermogen.py): the register as
the simulation reads it (risicos.py, risicoprofiel.py), the figures and how they say where
they come from, the ratio, its class and the organisation's norm, the tables and the chart
with their text alternatives, the cache of simulation results, each gemeente's share, what
a comparison reports, the data errors at their lines, and `pcdocs cijfers` for an auditor.

The simulation itself (its model, percentiles, contributions) is tested against exact
answers in tests/test_simulation.py; here it is taken as given.
"""

from __future__ import annotations

import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from pcdocs.blocks import risicoprofiel, risicos, weerstandsvermogen
from pcdocs.blocks.datasets import DataStore
from pcdocs.blocks.spec import BlockSpec
from pcdocs.blocks.weerstandsvermogen import (
    SPEC,
    analysis,
    macro_weerstand_bijdragen,
    macro_weerstand_capaciteit,
    macro_weerstand_grafiek,
    macro_weerstand_klassen,
    macro_weerstand_zekerheid,
    macro_weerstandsvermogen,
    result_from_json,
)
from pcdocs.commands.figures import list_figures
from pcdocs.compare.diff import diff_facts
from pcdocs.compare.facts import facts_of
from pcdocs.errors import DataError, MacroError, PcdocsError
from pcdocs.model import allocation, simulation
from pcdocs.model.repository import Repository
from pcdocs.output.session import BuildSession
from pcdocs.support import cache
from pcdocs.support.cache import SECRET_VARIABLE, DiskCache

from .conftest import ROOT, run_cli

FOLDER = "isd-bol/2025"
FILES = ("risicos.yaml", "risicoprofiel.yaml", "weerstandsvermogen.yaml",
         "verdeelsleutels.yaml")
OWN = f"data/{FOLDER}/weerstandsvermogen.yaml"
MADE = f"gesimuleerd: 100.000 trekkingen, zaad 2025, uit {OWN}:3"


def _data(root: Path, folder: str = FOLDER, files: tuple[str, ...] = FILES) -> Path:
    """The example's files for the simulation, copied under `root/data/`."""
    target = root / "data" / folder
    target.mkdir(parents=True, exist_ok=True)
    for name in files:
        shutil.copy(ROOT / "data" / folder / name, target / name)
    org = folder.split("/")[0]
    shutil.copy(ROOT / "data" / org / "organisatie.yaml", root / "data" / org)
    return target


def _record(root: Path, store: DataStore | None = None
            ) -> weerstandsvermogen.Weerstandsvermogen:
    store = store or DataStore(root)
    path = root / OWN
    return store.load(SPEC, path, OWN)


def _analysis(root: Path, store: DataStore | None = None) -> weerstandsvermogen.Analysis:
    record = _record(root, store)
    assert record.place is not None
    return analysis(record, record.place.scope())


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _text(markup: str) -> str:
    return BeautifulSoup(markup, "html.parser").get_text(" ").replace("\xa0", " ")


def _rows(markup: str) -> list[list[str]]:
    soup = BeautifulSoup(markup, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with(" ")
    return [[" ".join(c.get_text().replace("\xa0", " ").split())
             for c in tr.find_all(["th", "td"])] for tr in soup.find_all("tr")]


def _n(text: object) -> str:
    return str(text).replace("\xa0", " ")


def _euros(text: str) -> Decimal:
    return Decimal(text.replace("€", "").replace(".", "").replace(" ", ""))


# -- the register as the simulation reads it -----------------------------------------------


def test_the_szmh_register_simulates_unchanged_from_its_classes_and_bands() -> None:
    """SZMH's register names only classes: the kans of the class, every amount of the band
    equally likely (the open top band up to its bovengrens); immaterial risks are left
    out."""
    profile = risicoprofiel.load(ROOT / "data/szmh/risicoprofiel.yaml",
                                 "data/szmh/risicoprofiel.yaml")
    register = risicos.load(ROOT / "data/szmh/2019/risicos.yaml", "data/szmh/2019/risicos.yaml")
    sim = risicos.simulated(register, profile)
    read = {r.input.code: (r.input.kans, r.input.impact) for r in sim.risks}
    assert read == {
        "M1": (Decimal("0.5"), simulation.Uniform(Decimal(5_000_000), Decimal(10_000_000))),
        "M2": (Decimal("0.3"), simulation.Uniform(Decimal(2_500_000), Decimal(5_000_000))),
        "M3": (Decimal("0.3"), simulation.Uniform(Decimal(1_000_000), Decimal(2_500_000))),
        "M4": (Decimal("0.5"), simulation.Uniform(Decimal(1_000_000), Decimal(2_500_000))),
        "M5": (Decimal("0.5"), simulation.Uniform(Decimal(1_000_000), Decimal(2_500_000))),
    }
    assert sim.left_out == ("I1", "I2", "I3", "I4", "I5", "I6")
    assert sim.dependences == ()
    m3 = next(r for r in sim.risks if r.input.code == "M3")
    assert m3.kans_text == "30% (klasse 2 Gemiddeld)"
    assert _n(m3.impact_text) == "€ 1.000.000 – € 2.500.000 (omvangklasse 3, gelijk verdeeld)"
    # the lines it was read from: the risk, the class's kans, the band
    assert [s.ref() for s in m3.sources] == ["data/szmh/2019/risicos.yaml:33",
                                             "data/szmh/risicoprofiel.yaml:7",
                                             "data/szmh/risicoprofiel.yaml:12"]


def test_amounts_ranges_percentages_and_groups_of_the_isd_bol_register() -> None:
    register = risicos.load(ROOT / f"data/{FOLDER}/risicos.yaml", f"data/{FOLDER}/risicos.yaml")
    profile = risicoprofiel.load(ROOT / f"data/{FOLDER}/risicoprofiel.yaml",
                                 f"data/{FOLDER}/risicoprofiel.yaml")
    sim = risicos.simulated(register, profile)
    read = {r.input.code: r for r in sim.risks}
    assert read["R01"].input.impact == simulation.Triangular(
        Decimal(250_000), Decimal(700_000), Decimal(1_800_000))
    assert read["R01"].input.kans == Decimal("0.5") and read["R01"].input.structural
    assert read["R04"].input.impact == simulation.Uniform(Decimal(100_000), Decimal(400_000))
    assert read["R06"].input.impact == simulation.Fixed(Decimal(150_000))
    assert read["R12"].input.impact == simulation.Uniform(Decimal(0), Decimal(100_000))
    assert read["R05"].input.kans == Decimal("0.1") and not read["R05"].input.structural
    assert sim.left_out == ("I01",)
    [group] = sim.dependences
    assert group.codes == ("R01", "R02", "R08") and group.coefficient == Decimal("0.6")
    # the matrix: a percentage in the lowest class with at least that kans, a range by its
    # expected amount
    cells = {r.code: (k, b) for r, k, b in risicos.placed(register, profile)}
    assert cells["R01"] == (3, 4)  # 50%; (250.000 + 700.000 + 1.800.000) / 3 = 916.667
    assert cells["R05"] == (1, 2)  # 10%; 200.000
    assert cells["R09"] == (1, 5)  # 5% is below the lowest class: the lowest
    assert cells["R08"] == (2, 2)  # 30%; 166.667


# -- figures and where they come from ------------------------------------------------------


def test_the_figures_say_they_were_simulated_with_which_draws_seed_and_line(
        tmp_path: Path) -> None:
    _data(tmp_path)
    a = _analysis(tmp_path)
    figs = a.figures
    res = a.result
    # the same inputs through the simulation directly give the same figures
    direct = simulation.simulate([r.input for r in a.sim.risks], 100_000, 2025,
                                 Decimal("0.9"), a.sim.dependences)
    assert direct.as_json() == res.as_json()
    assert figs["benodigd"].value == res.required == res.percentiles[90]
    assert figs["verwacht"].value == res.expected
    assert [figs[f"p{p}"].value for p in simulation.PERCENTILES] == \
        [res.percentiles[p] for p in simulation.PERCENTILES]
    for key in ("benodigd", "verwacht", "p50", "p99", "risico.r01.bijdrage"):
        assert figs[key].computed == MADE, key
    refs = [s.ref() for s in figs["benodigd"].sources]
    assert refs[:3] == [f"{OWN}:3", f"{OWN}:4", f"{OWN}:5"]  # zaad, trekkingen, zekerheid
    assert f"data/{FOLDER}/risicos.yaml:6" in refs  # the first risk
    assert f"data/{FOLDER}/risicoprofiel.yaml:7" in refs  # the kans of class 3 (R02)
    tooltip = str(figs["benodigd"].tooltip())
    assert f"Berekend: {MADE}" in tooltip
    # beschikbaar: the parts, one of them half usable
    assert figs["beschikbaar"].value == Decimal(1_750_000 + 800_000 + 60_000)
    assert figs["capaciteit.bestemmingsreserve_inkomensdeel"].value == Decimal(800_000)
    assert _n(figs["capaciteit.bestemmingsreserve_inkomensdeel"].computed) == \
        "50% van € 1.600.000"
    ratio = (Decimal(2_610_000) / res.required).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert figs["ratio"].value == ratio and figs["ratio"].text() == "1,15"
    assert _n(figs["ratio"].computed).startswith("€ 2.610.000 / € 2.262.009; " + MADE)
    assert (figs["klasse"].value, figs["betekenis"].value) == ("C", "voldoende")
    assert figs["zekerheid"].text() == "90%" and figs["trekkingen"].text() == "100.000"
    assert figs["zaad"].text() == "2025" and figs["risicos"].value == 12
    # the contributions add up to the average of the unfavourable years
    parts = [figs[f"risico.r{i:02d}.bijdrage"].numeric() for i in range(1, 13)]
    assert sum(p for p in parts if p is not None) == res.tail_mean == \
        figs["staartgemiddelde"].value


def test_a_ratio_on_a_bound_belongs_to_the_higher_class_as_shown(tmp_path: Path) -> None:
    """The class is that of the ratio as the text shows it: 1,3996 is written 1,40 and is
    B (ruim voldoende), not C."""
    _data(tmp_path)
    required = _analysis(tmp_path).result.required
    available = (required * Decimal("1.3996")).quantize(Decimal(1))
    assert (available / required) < Decimal("1.4")
    own = tmp_path / OWN
    text = own.read_text(encoding="utf-8")
    start = text.index("beschikbaar:")
    own.write_text(text[:start] + f"beschikbaar:\n  - naam: Algemene reserve\n"
                                  f"    bedrag: {available}\n", encoding="utf-8")
    figs = _analysis(tmp_path).figures
    assert figs["ratio"].text() == "1,40"
    assert (figs["klasse"].value, figs["betekenis"].value) == ("B", "ruim voldoende")


def test_a_ratio_below_the_norm_is_a_warning_at_the_norm(tmp_path: Path) -> None:
    _data(tmp_path)
    store = DataStore(tmp_path)
    record = _record(tmp_path, store)
    assert SPEC.validate(record, _checking()) == []
    _edit(tmp_path / OWN, "norm: 1.0 ", "norm: 1.2 ")
    record = _record(tmp_path, DataStore(tmp_path))
    [finding] = SPEC.validate(record, _checking())
    assert (finding.severity, finding.code, finding.file, finding.line) == (
        "warning", "weerstand-onder-norm", OWN, 6)
    assert "de ratio weerstandsvermogen 1,15 ligt onder de eigen norm van 1,20" in \
        finding.message
    assert finding.hint


def _checking() -> Any:
    from pcdocs.blocks.spec import Checking

    def read(spec: BlockSpec[Any]) -> object | None:
        return None

    return Checking(None, (), read)  # type: ignore[arg-type]


def test_an_own_class_table_and_no_beschikbaar(tmp_path: Path) -> None:
    _data(tmp_path)
    own = tmp_path / OWN
    text = own.read_text(encoding="utf-8")
    own.write_text(text + "klassen:\n  - {vanaf: 0, klasse: laag, betekenis: te weinig}\n"
                          "  - {vanaf: 1.1, klasse: hoog, betekenis: genoeg}\n",
                   encoding="utf-8")
    figs = _analysis(tmp_path).figures
    assert (figs["klasse"].value, figs["betekenis"].value) == ("hoog", "genoeg")
    assert f"{OWN}:19" in [s.ref() for s in figs["klasse"].sources]  # the table's line
    own.write_text("zaad: 7\n", encoding="utf-8")
    figs = _analysis(tmp_path).figures
    assert "benodigd" in figs and "ratio" not in figs and "klasse" not in figs
    assert "beschikbaar" not in figs and figs["zekerheid"].computed == "standaard"


# -- errors at their line ------------------------------------------------------------------


REGISTER_ERRORS = [
    ("    kans: 50%\n    bedrag: {minimum: 250000", "    kans: 0.5\n    bedrag: {minimum: 250000",
     9, "ongeldige-waarde"),
    ("bedrag: {minimum: 250000, waarschijnlijk: 700000, maximum: 1800000}",
     "bedrag: {minimum: 2500000, waarschijnlijk: 700000, maximum: 1800000}", 10, "bandbreedte"),
    ("bedrag: {minimum: 250000, waarschijnlijk: 700000, maximum: 1800000}",
     "bedrag: {minimum: 250000, waarschijnlijk: 1900000, maximum: 1800000}", 10, "bandbreedte"),
    ("    samenhang: {met: R01, mate: 60%}\n    omschrijving: |\n      Op de bijzondere",
     "    samenhang: {met: R99, mate: 60%}\n    omschrijving: |\n      Op de bijzondere",
     27, "samenhang"),
    ("    samenhang: {met: R01, mate: 60%}\n    omschrijving: |\n      Op de bijzondere",
     "    samenhang: {met: R01, mate: 0.6}\n    omschrijving: |\n      Op de bijzondere",
     27, "waarschijnlijk-fractie"),
    ("    kans: 30%\n    bedrag: {minimum: 50000, waarschijnlijk: 150000",
     "    kans: 130%\n    bedrag: {minimum: 50000, waarschijnlijk: 150000", 102,
     "buiten-bereik"),
]


@pytest.mark.parametrize(("old", "new", "line", "code"), REGISTER_ERRORS)
def test_what_the_register_cannot_mean_is_refused_at_its_line(
        tmp_path: Path, old: str, new: str, line: int, code: str) -> None:
    path = _data(tmp_path) / "risicos.yaml"
    _edit(path, old, new)
    with pytest.raises(PcdocsError) as caught:
        risicos.load(path, f"data/{FOLDER}/risicos.yaml")
    f = caught.value.finding
    assert (f.file, f.line, f.code) == (f"data/{FOLDER}/risicos.yaml", line, code)
    assert f.hint


SIMULATION_ERRORS = [
    # two mates in one group: at the second link
    ("risicos.yaml", "    samenhang: {met: R01, mate: 60%}\n    omschrijving: |\n      Hogere",
     "    samenhang: {met: R01, mate: 40%}\n    omschrijving: |\n      Hogere",
     "risicos.yaml", 105, "samenhang"),
    # a samenhang with an immaterial risk
    ("risicos.yaml", "    samenhang: {met: R01, mate: 60%}\n    omschrijving: |\n      Hogere",
     "    samenhang: {met: I01, mate: 60%}\n    omschrijving: |\n      Hogere",
     "risicos.yaml", 105, "samenhang"),
    # a class without kans, at the profile's line
    ("risicoprofiel.yaml", "{klasse: 3, naam: Gemiddeld, kans: 50%}",
     "{klasse: 3, naam: Gemiddeld}", "risicoprofiel.yaml", 7, "ontbrekende-sleutel"),
    # the open band without bovengrens (R09 is 5%, but R?? uses band 5: none; make one)
    ("risicoprofiel.yaml", "{klasse: 5, van: 1000000, bovengrens: 3000000}",
     "{klasse: 5, van: 1000000}", "risicoprofiel.yaml", 15, "ontbrekende-sleutel"),
    ("weerstandsvermogen.yaml", "verdeelsleutel: inwoners", "verdeelsleutel: inwonres",
     "weerstandsvermogen.yaml", 7, "onbekende-verdeelsleutel"),
    ("weerstandsvermogen.yaml", "    bedrag: 60000\n", "    cijfer: kerncijfers.onvoorzien\n",
     "weerstandsvermogen.yaml", 16, "bestand-ontbreekt"),
]


@pytest.mark.parametrize(("file", "old", "new", "where", "line", "code"), SIMULATION_ERRORS)
def test_what_the_simulation_cannot_use_is_found_by_check_at_its_line(
        tmp_path: Path, file: str, old: str, new: str, where: str, line: int,
        code: str) -> None:
    folder = _data(tmp_path)
    if file == "risicoprofiel.yaml" and "bovengrens" in old:
        _edit(folder / "risicos.yaml", "    kans: 2\n    omvang: 1\n    structureel: nee",
              "    kans: 2\n    omvang: 5\n    structureel: nee")
    _edit(folder / file, old, new)
    record = _record(tmp_path)
    findings = SPEC.validate(record, _checking())
    assert [(f.file, f.line, f.code) for f in findings] == [
        (f"data/{FOLDER}/{where}", line, code)], findings
    assert findings[0].hint


SETTINGS_ERRORS = [
    ("zaad: 2025 ", "zaadje: 2025 ", 3, "ontbrekende-sleutel"),
    ("trekkingen: 100000 ", "trekkingen: 500 ", 4, "trekkingen"),
    ("zekerheid: 90% ", "zekerheid: 0.9 ", 5, "waarschijnlijk-fractie"),
    ("zekerheid: 90% ", "zekerheid: 100% ", 5, "buiten-bereik"),
    ("    bedrag: 60000\n", "    bedrag: 60000\n    cijfer: kerncijfers.x\n", 16,
     "ontbrekende-sleutel"),
]


@pytest.mark.parametrize(("old", "new", "line", "code"), SETTINGS_ERRORS)
def test_settings_that_cannot_be_are_refused_at_their_line(
        tmp_path: Path, old: str, new: str, line: int, code: str) -> None:
    _data(tmp_path)
    _edit(tmp_path / OWN, old, new)
    with pytest.raises(DataError) as caught:
        weerstandsvermogen.load(tmp_path / OWN, OWN)
    f = caught.value.finding
    assert (f.file, f.line, f.code) == (OWN, line, code)


def test_a_class_table_with_a_gap_and_a_figure_that_is_no_amount(tmp_path: Path) -> None:
    _data(tmp_path)
    own = tmp_path / OWN
    own.write_text("zaad: 1\nklassen:\n  - {vanaf: 0.5, klasse: A, betekenis: x}\n",
                   encoding="utf-8")
    with pytest.raises(DataError) as caught:
        weerstandsvermogen.load(own, OWN)
    assert (caught.value.finding.line, caught.value.finding.code) == (2, "klassentabel")
    (tmp_path / f"data/{FOLDER}/kerncijfers.yaml").write_text(
        "formatie: {waarde: 38, eenheid: fte}\nreserve: {waarde: 100000, eenheid: euro}\n",
        encoding="utf-8")
    own.write_text("zaad: 1\nbeschikbaar:\n  - naam: Formatie\n    cijfer: kerncijfers.formatie\n",
                   encoding="utf-8")
    [finding] = SPEC.validate(_record(tmp_path), _checking())
    assert (finding.line, finding.code) == (3, "geen-bedrag")
    own.write_text("zaad: 1\nbeschikbaar:\n  - naam: Reserve\n    cijfer: kerncijfers.reserve\n"
                   "    inzetbaar: 25%\n", encoding="utf-8")
    figs = _analysis(tmp_path).figures
    reserve = figs["capaciteit.reserve"]
    assert reserve.value == Decimal(25_000) and _n(reserve.computed) == "25% van € 100.000"
    assert [s.ref() for s in reserve.sources] == [f"{OWN}:3",
                                                  f"data/{FOLDER}/kerncijfers.yaml:2"]


# -- the tables and the chart --------------------------------------------------------------


PAGE = """---
organisatie: isd-bol
soort: jaarplan
periode: 2025
versie: "1.0"
status: vastgesteld
datum: 2024-11
---

## Weerstandsvermogen

De ratio is {{ cijfer('weerstandsvermogen.ratio') }}.

{{ weerstandsvermogen() }}

{{ weerstand_grafiek() }}
"""


@pytest.fixture
def session(tmp_path: Path) -> BuildSession:
    """ISD BOL with the example register, profile, settings and verdeelsleutels."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "docs/isd-bol/2025").mkdir(parents=True)
    (tmp_path / "docs/isd-bol/2025/jaarplan.md").write_text(PAGE, encoding="utf-8")
    _data(tmp_path)
    return BuildSession(Repository.find(tmp_path), use_cache=False)


def test_the_summary_table_and_on_an_edition_the_gemeentes_share(
        session: BuildSession) -> None:
    ctx = session.begin_page("isd-bol/2025/jaarplan.md")
    rows = _rows(macro_weerstandsvermogen(ctx))
    assert rows == [
        ["Onderdeel", "Waarde"],
        ["Benodigde weerstandscapaciteit (90% zekerheid)", "€ 2.262.009"],
        ["Beschikbare weerstandscapaciteit", "€ 2.610.000"],
        ["Ratio weerstandsvermogen (beschikbaar / benodigd)", "1,15"],
        ["Klasse", "C (voldoende)"],
        ["Eigen norm (minimale ratio)", "1,00 ✓ gehaald"],
        ["Verwachte waarde van de risico's per jaar", "€ 1.190.486"]]
    assert "weerstandsvermogen.csv" in ctx.assets
    shares = {}
    for slug, name in (("brunssum", "Brunssum"), ("landgraaf", "Landgraaf")):
        edition = session.begin_page(f"isd-bol/2025/jaarplan/{slug}.md")
        assert edition.edition == slug
        own = _rows(macro_weerstandsvermogen(edition))
        [row] = [r for r in own if r[0].startswith("Aandeel")]
        assert row[0].startswith(f"Aandeel {name} in de benodigde capaciteit (verdeelsleutel "
                                 "inwoners, ")
        shares[slug] = _euros(row[1])
    # largest remainder over the inwoners, whole euros, adding up exactly
    expected = allocation.allocate(Decimal(2_262_009), {"brunssum": 27614, "landgraaf": 37297},
                                   Decimal(1))
    assert shares == expected.amounts
    assert sum(shares.values()) == Decimal(2_262_009)


def test_the_chart_has_its_text_alternative_its_figures_and_its_csv(
        session: BuildSession) -> None:
    ctx = session.begin_page("isd-bol/2025/jaarplan.md")
    soup = BeautifulSoup(macro_weerstand_grafiek(ctx), "html.parser")
    img = soup.find("img")
    assert img is not None
    alt = str(img["alt"]).replace("\xa0", " ")
    assert "100.000 gesimuleerde jaren" in alt and "90% zekerheid" in alt
    assert "€ 2.262.009" in alt and "€ 1.190.486" in alt and "€ 2.610.000" in alt
    svg = ctx.assets[str(img["src"])]
    assert svg.startswith(b"<?xml") and b"</svg>" in svg
    assert "90% zekerheid: € 2,3 mln. nodig" in svg.decode().replace("\xa0", " ")
    assert "beschikbaar: € 2,6 mln." in svg.decode().replace("\xa0", " ")
    rows = _rows(str(soup.find("details")))
    assert rows[0] == ["Deel van de jaren", "Totaal ten hoogste"]
    by_share = {r[0]: r[1] for r in rows[1:]}
    assert by_share["90%"] == "€ 2.262.009" and by_share["50%"] == "€ 1.056.011"
    csv = ctx.assets["weerstand-verdeling.csv"].decode("utf-8-sig").splitlines()
    assert csv[0] == "Totaal (euro);Aantal jaren;Deel van de jaren (%)"
    assert len(csv) > 150 and csv[-1].split(";")[1] == "100000"


def test_the_contributions_table_adds_up_and_explains_itself(session: BuildSession) -> None:
    ctx = session.begin_page("isd-bol/2025/jaarplan.md")
    table = macro_weerstand_bijdragen(ctx, aantal=3)
    rows = _rows(table)
    assert rows[0] == ["Risico", "Bijdrage", "Per jaar"]
    assert rows[1][0].startswith("R01 Tekort op het budget inkomensdeel (BUIG) kans 50%; "
                                 "€ 250.000 – € 1.800.000 (meest waarschijnlijk € 700.000)")
    assert [r[0].split()[0] for r in rows[1:4]] == ["R01", "R02", "R09"]  # largest first
    assert rows[4][0].startswith("Overige risico's (9)")
    assert rows[-1][0] == "Totaal" and rows[-1][1].endswith(" 100,0%")
    amounts = [r[1].rsplit(" ", 1) for r in rows[1:]]
    assert sum(_euros(amount) for amount, _ in amounts[:-1]) == _euros(amounts[-1][0])
    assert sum(Decimal(share.rstrip("%").replace(",", ".")) for _, share in amounts[:-1]) == 100
    assert sum(_euros(r[2]) for r in rows[1:-1]) == _euros(rows[-1][2])
    text = _text(table)
    assert "de 10.001 gesimuleerde jaren (10,0%) waarin de risico's samen ten minste de " \
           "benodigde capaciteit (€ 2.262.009) kostten" in text
    csv = ctx.assets["weerstand-bijdragen.csv"].decode("utf-8-sig").splitlines()
    assert csv[0] == ("soort regel;Risico;Kans;Bedrag als het gebeurt;Bijdrage;Aandeel (%);"
                      "Gemiddeld per jaar")
    with pytest.raises(MacroError):
        macro_weerstand_bijdragen(ctx, aantal=0)


def test_the_certainty_capacity_and_class_tables(session: BuildSession) -> None:
    ctx = session.begin_page("isd-bol/2025/jaarplan.md")
    rows = _rows(macro_weerstand_zekerheid(ctx))
    assert rows[0] == ["Zekerheid", "Benodigde capaciteit", "Ratio", "Klasse"]
    assert [r[0] for r in rows[1:]] == ["50%", "70%", "80%", "90% (gekozen)", "95%", "99%"]
    chosen = rows[4]
    assert chosen == ["90% (gekozen)", "€ 2.262.009", "1,15", "C"]
    assert rows[6][2:] == ["0,83", "D"]  # 2.610.000 / 3.158.168
    assert "<strong>90% (gekozen)</strong>" in macro_weerstand_zekerheid(ctx)
    capacity = _rows(macro_weerstand_capaciteit(ctx))
    assert capacity[2] == ["Bestemmingsreserve inkomensdeel inzetbaar 50%; Geprognosticeerde "
                           "balans 1 januari 2025; de helft is vrij inzetbaar (fictief)",
                           "€ 800.000"]
    assert capacity[-1] == ["Beschikbare weerstandscapaciteit", "€ 2.610.000"]
    classes = _rows(macro_weerstand_klassen(ctx))
    assert classes[4] == ["C", "1,0 tot 1,4", "voldoende", "ratio 1,15"]
    assert classes[6] == ["A", "2,0 of meer", "uitstekend", ""]


def test_the_page_reads_the_register_and_profile_so_the_pdf_attaches_them(
        session: BuildSession) -> None:
    ctx, markdown, problems = session.render_page("isd-bol/2025/jaarplan.md")
    assert problems == [] and markdown is not None
    assert "De ratio is" in markdown and "1,15" in markdown
    assert {f"data/{FOLDER}/{name}" for name in FILES} <= set(ctx.sources())


def test_the_szmh_plan_shows_the_simulation_as_an_addition_by_pcdocs() -> None:
    text = (ROOT / "docs/szmh/2019/jaarplan.md").read_text(encoding="utf-8")
    chapter = text[text.index("### Risicosimulatie (toegevoegd door pcdocs)"):]
    assert chapter.index('!!! verschil "Toegevoegd door pcdocs') < chapter.index(
        "{{ weerstandsvermogen() }}")
    assert "geen risicosimulatie" in chapter
    store = DataStore(ROOT)
    record = store.load(SPEC, ROOT / "data/szmh/2019/weerstandsvermogen.yaml",
                        "data/szmh/2019/weerstandsvermogen.yaml")
    assert record.components == () and record.place is not None
    figs = analysis(record, record.place.scope()).figures
    assert "ratio" not in figs and figs["risicos"].value == 5


# -- the cache -----------------------------------------------------------------------------


def test_a_cached_result_gives_the_same_bytes_without_simulating(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_VARIABLE, "x" * 40)
    _data(tmp_path)
    first = _analysis(tmp_path, DataStore(tmp_path, DiskCache(tmp_path)))
    stored = list((tmp_path / ".pcdocs-cache" / weerstandsvermogen.RESULTS).rglob("*"))
    assert [p for p in stored if p.is_file()]

    def no_simulation(*args: object, **kwargs: object) -> None:
        raise AssertionError("simulated again")

    monkeypatch.setattr(simulation, "simulate", no_simulation)
    disk = DiskCache(tmp_path)
    second = _analysis(tmp_path, DataStore(tmp_path, disk))
    assert disk.hits[weerstandsvermogen.RESULTS] == 1
    assert second.result.as_json() == first.result.as_json()
    assert result_from_json(first.result.as_json().encode()) == first.result
    assert {k: f.text() for k, f in second.figures.items()} == \
        {k: f.text() for k, f in first.figures.items()}
    # another seed is another key: simulated (and here refused)
    _edit(tmp_path / OWN, "zaad: 2025 ", "zaad: 2026 ")
    with pytest.raises(AssertionError, match="simulated again"):
        _analysis(tmp_path, DataStore(tmp_path, DiskCache(tmp_path)))


def test_a_damaged_cache_entry_is_simulated_again(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_VARIABLE, "x" * 40)
    _data(tmp_path)
    first = _analysis(tmp_path, DataStore(tmp_path, DiskCache(tmp_path)))
    record = _record(tmp_path)
    name = weerstandsvermogen.cache_name(record, first.sim)
    disk = DiskCache(tmp_path)
    disk.put(weerstandsvermogen.RESULTS, cache.key(weerstandsvermogen.RESULTS, name),
             b'{"draws": 1}')
    again = _analysis(tmp_path, DataStore(tmp_path, disk))
    assert disk.repaired[weerstandsvermogen.RESULTS] == 1
    assert again.result.as_json() == first.result.as_json()


# -- comparing -----------------------------------------------------------------------------


def test_compare_reports_ratio_class_capacity_and_risks_largest_first(tmp_path: Path) -> None:
    old_root, new_root = tmp_path / "oud", tmp_path / "nieuw"
    _data(old_root)
    folder = _data(new_root)
    register = folder / "risicos.yaml"
    _edit(register, "    kans: 50%\n    bedrag: {minimum: 250000, waarschijnlijk: 700000",
          "    kans: 90%\n    bedrag: {minimum: 250000, waarschijnlijk: 700000")  # R01
    text = register.read_text(encoding="utf-8")
    start = text.index("  - code: R12\n")
    register.write_text(text[:start] + text[text.index("  - code: I01\n"):].replace(
        "  - code: I01\n", "  - code: R13\n    titel: Nieuw risico\n    soort: materieel\n"
        "    kans: 40%\n    bedrag: 90000\n    omschrijving: x\n    beheersmaatregel: y\n\n"
        "  - code: I01\n"), encoding="utf-8")
    _edit(folder / "weerstandsvermogen.yaml", "bedrag: 1750000", "bedrag: 1250000")
    old = facts_of(SPEC, _record(old_root))
    new = facts_of(SPEC, _record(new_root))
    assert {f.category for f in new} <= {"weerstand", "weerstand-klasse", "weerstand-risico",
                                         "cijfer"}
    changes = [c for c in diff_facts(old, new, 2025, 2025) if c.block == "weerstandsvermogen"]
    by_key = {c.key: c for c in changes}
    assert by_key["risico.r01"].kind == "risico-anders-ingeschat"
    assert by_key["risico.r01"].message.replace("\xa0", " ") == (
        "Risico R01 (Tekort op het budget inkomensdeel (BUIG)) is anders ingeschat: kans 50%, "
        "bedrag € 250.000 – € 1.800.000 (meest waarschijnlijk € 700.000) werd kans 90%, "
        "bedrag € 250.000 – € 1.800.000 (meest waarschijnlijk € 700.000).")
    assert by_key["risico.r12"].kind == "weerstand-risico-vervallen"
    assert by_key["risico.r13"].kind == "weerstand-risico-toegevoegd"
    assert by_key["risico.r13"].message.replace("\xa0", " ") == (
        "Nieuw in de risicosimulatie: Risico R13 (Nieuw risico), kans 40%, bedrag € 90.000.")
    assert "risico.r12.verwacht" not in by_key and "risico.r13.verwacht" not in by_key
    assert by_key["risico.r01.verwacht"].message.replace("\xa0", " ").startswith(
        "Verwachte schade per jaar van risico R01 (kans × gemiddeld bedrag): van € 458.333 "
        "naar € 825.000 (+366.667; +80,0%).")
    for key in ("benodigd", "beschikbaar", "capaciteit.algemene_reserve", "ratio", "klasse"):
        assert key in by_key, key
    assert by_key["klasse"].message == "Klasse weerstandsvermogen: van C naar D."
    # the numeric changes first, the largest (relative) change first
    sizes = [c.magnitude for c in changes if c.magnitude is not None]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) >= 4
    assert changes[0].key == "risico.r01.verwacht"
    # then the risks added, dropped or re-rated, by their effect in euro on the expected loss
    weighed = [c for c in changes if c.effect is not None]
    assert [c.key for c in weighed] == ["risico.r01", "risico.r13", "risico.r12"]
    assert by_key["risico.r01"].effect == Decimal(366667)  # 825.000 - 458.333
    assert by_key["risico.r13"].effect == Decimal(36000)  # 40% x 90.000
    effects = [c.effect for c in weighed if c.effect is not None]
    assert effects == sorted(effects, reverse=True)
    assert by_key["risico.r13"].as_json()["effect"] == 36000.0
    # an edition compares its own share only
    edition = {f.key for f in facts_of(SPEC, _record(old_root), edition="brunssum")}
    assert "aandeel.brunssum" in edition and "aandeel.landgraaf" not in edition


# -- rerunning the figures from the data alone ---------------------------------------------


def test_an_auditor_reruns_the_figures_from_the_attached_files(tmp_path: Path) -> None:
    """Only the files a PDF attaches, in a folder without site, documents or mkdocs.yml."""
    _data(tmp_path)
    run = run_cli("-C", str(tmp_path), "cijfers", FOLDER, "weerstandsvermogen")
    assert run.code == 0, run.err
    lines = run.out.replace("\xa0", " ").splitlines()
    assert f"weerstandsvermogen.benodigd: € 2.262.009 ({MADE}; bron: {OWN}:3 en 19 meer)" \
        in lines
    assert "weerstandsvermogen.ratio: 1,15 (€ 2.610.000 / € 2.262.009; " + MADE + \
        f"; bron: {OWN}:9 en 22 meer)" in lines
    assert "weerstandsvermogen.klasse: C (" in run.out
    listed = list_figures(tmp_path, FOLDER)
    assert {item.kind: len(item.figures) > 0 for item in listed} == {
        "organisatie": True, "risicoprofiel": False, "risicos": True, "weerstandsvermogen": True,
        "verdeelsleutels": True}  # (a profile has no figures of its own)
    wrong = run_cli("-C", str(tmp_path), "cijfers", FOLDER, "weerstand")
    assert wrong.code == 2 and "bedoelde u 'weerstandsvermogen'?" in wrong.err
    _edit(tmp_path / OWN, "zekerheid: 90% ", "zekerheid: 0.9 ")
    broken = run_cli("-C", str(tmp_path), "cijfers", FOLDER, "weerstandsvermogen")
    assert broken.code == 1
    assert f"FOUT {OWN}:5: waarschijnlijk-fractie" in broken.err
