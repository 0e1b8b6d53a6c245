"""Tables an author defines (tabellen.yaml): computed columns, groups and subtotals, totals
(a computed column's total is its formula over the totals), the source's own totals checked
and a difference shown and warned, the threshold marked in text, per-gemeente editions, the
CSV download in the source's format read back to the same values, several years side by
side, and every mistake an author makes as a finding at its file and line."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from bs4 import BeautifulSoup

from pcdocs.blocks import tabellen
from pcdocs.blocks.datasets import DataScope, DataStore, decode_record, encode_record
from pcdocs.blocks.spec import Checking, Comparing
from pcdocs.compare.facts import facts_of
from pcdocs.errors import DataError, Finding, MacroError
from pcdocs.model import columns, tablebuild, tabledef, tables
from pcdocs.model.figures import Kind, Source, Unit
from pcdocs.model.formula import FormulaError
from pcdocs.model.organisation import load_organisation
from pcdocs.render.page import PageContext

from .conftest import ROOT, run_cli

FOLDER = "data/isd-bol/2023"
REALISATIE = """\
programma;begroting na wijziging;realisatie
Inkomen;1.000.000;1.150.000
Participatie;400.000;380.000
Wmo;0;25.000
"""
TABLE = """\
realisatie:
  titel: Lasten per programma
  bron: bron.csv
  totaal: ja
  kolommen:
    - {naam: programma}
    - {naam: begroting na wijziging, soort: bedrag}
    - {naam: realisatie, soort: bedrag}
    - {naam: verschil, soort: bedrag, formule: realisatie - begroting_na_wijziging}
    - {naam: procent, soort: procent, formule: aandeel(verschil; begroting_na_wijziging)}
"""


def write(root: Path, yaml_text: str, source: str | bytes | None = REALISATIE,
          name: str = "bron.csv") -> Path:
    """tabellen.yaml (and its source) in data/isd-bol/2023/ under `root`, with the
    organisation next to it; returns the path of tabellen.yaml."""
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "data/isd-bol/organisatie.yaml", root / "data/isd-bol/organisatie.yaml")
    if source is not None:
        data = source.encode("utf-8") if isinstance(source, str) else source
        (folder / name).write_bytes(data)
    path = folder / "tabellen.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    return path


def load(root: Path, yaml_text: str, source: str | bytes | None = REALISATIE,
         name: str = "bron.csv") -> tabledef.Tabellen:
    write(root, yaml_text, source, name)
    return tabellen.load(root / FOLDER / "tabellen.yaml", f"{FOLDER}/tabellen.yaml")


def refused(root: Path, yaml_text: str, source: str | bytes | None = REALISATIE,
            name: str = "bron.csv") -> Finding:
    with pytest.raises(DataError) as caught:
        load(root, yaml_text, source, name)
    return caught.value.finding


def page(root: Path, edition: str | None = None) -> PageContext:
    """A page with data/isd-bol/2023 as its data, as (one gemeente's edition of) a document."""
    scope = DataScope(DataStore(root), root / "data", "isd-bol/2023", "docs/test.md")
    ctx = PageContext(cast(Any, None), "test.md", "docs/test.md", 0, None, scope)
    ctx.edition = edition
    return ctx


def text(tag: Any) -> str:
    """The text of an element that must be there."""
    assert tag is not None
    return str(tag.get_text())


def rows_of(markup: str) -> list[list[str]]:
    soup = BeautifulSoup(markup, "html.parser")
    return [[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
            for tr in soup.select("tbody tr")]


def plain(text: str) -> str:
    """A text with its no-break spaces (after €, before fte) as spaces."""
    return text.replace("\u00a0", " ")


def checking(root: Path) -> Checking:
    org = load_organisation(root / "data/isd-bol/organisatie.yaml",
                            "data/isd-bol/organisatie.yaml", "isd-bol")
    return Checking(org, (), lambda spec: None)


# -- computed columns, totals, groups -----------------------------------------------------

def test_computed_columns_name_their_inputs(tmp_path: Path) -> None:
    figs = tabellen.figures(load(tmp_path, TABLE))
    verschil = figs["realisatie.inkomen.verschil"]
    assert (verschil.value, verschil.unit, plain(verschil.text())) == (Decimal(150000), Unit.EURO,
                                                                "€ 150.000")
    assert [(s.ref(), s.key) for s in verschil.sources] == [
        (f"{FOLDER}/tabellen.yaml:9", "realisatie.kolommen[4].formule"),
        (f"{FOLDER}/bron.csv:2", "realisatie"),
        (f"{FOLDER}/bron.csv:2", "begroting na wijziging")]
    assert verschil.computed is not None and plain(verschil.computed).startswith(
        "realisatie - begroting_na_wijziging = € 150.000 met realisatie = € 1.150.000 "
        f"({FOLDER}/bron.csv:2)")
    assert figs["realisatie.participatie.procent"].text() == "-5,0%"
    given = figs["realisatie.inkomen.realisatie"]
    assert (given.computed, [s.ref() for s in given.sources]) == (None, [f"{FOLDER}/bron.csv:2"])
    assert [s.key for s in given.sources] == ["realisatie"]


def test_a_computed_total_is_the_formula_over_the_totals(tmp_path: Path) -> None:
    figs = tabellen.figures(load(tmp_path, TABLE))
    assert figs["realisatie.totaal.realisatie"].value == Decimal(1555000)
    assert figs["realisatie.totaal.verschil"].value == Decimal(155000)
    # 155.000 of 1.400.000, not the sum (or mean) of the rows' percentages
    assert figs["realisatie.totaal.procent"].text() == "11,1%"
    total = figs["realisatie.totaal.realisatie"]
    assert [s.line for s in total.sources] == [2, 3, 4]
    assert total.computed == "som van de kolom ‘Realisatie’ over 3 regels"


def test_a_division_by_zero_is_that_cell_not_the_file(tmp_path: Path) -> None:
    record = load(tmp_path, TABLE)
    cell = record.tables["realisatie"].rows[2].cells["procent"]
    assert cell.value is None and cell.reason is not None and "nul" in cell.reason
    assert "realisatie.wmo.procent" not in tabellen.figures(record)
    html = tabellen.macro_tabel(page(tmp_path), "realisatie")
    assert ["Wmo", "–", "25.000", "25.000",
            "n.v.t. (niet te berekenen: delen door nul: 'begroting_na_wijziging' is 0)"] \
        in rows_of(html)


GROUPED = """\
lasten_baten:
  titel: Lasten en baten
  bron: bron.csv
  eenheid: duizend
  teken: lasten-negatief
  sleutel: [soort, programma]
  groep: soort
  totaal: [begroting_2025, raming_2026, verschil]
  kolommen:
    - {naam: soort}
    - {naam: programma, kop: Programma}
    - {naam: begroting 2025, soort: bedrag}
    - {naam: raming 2026, soort: bedrag}
    - {naam: verschil, soort: bedrag, formule: raming_2026 - begroting_2025}
"""
GROUPED_CSV = """\
Soort;Programma;Begroting 2025;Raming 2026
lasten;Inkomen;-1.000.400;-1.100.000
baten;Inkomen;900.000;950.000
lasten;Participatie;-200.000;-210.000
baten;Bijdragen;300.000;310.000
"""


def test_groups_have_subtotals_and_the_total_is_the_saldo(tmp_path: Path) -> None:
    record = load(tmp_path, GROUPED, GROUPED_CSV)
    table = record.tables["lasten_baten"]
    assert [r.key for r in table.rows] == ["lasten.inkomen", "baten.inkomen",
                                           "lasten.participatie", "baten.bijdragen"]
    figs = tabellen.figures(record)
    assert figs["lasten_baten.subtotaal.lasten.begroting_2025"].value == Decimal(-1200400)
    assert figs["lasten_baten.subtotaal.baten.raming_2026"].value == Decimal(1260000)
    assert figs["lasten_baten.totaal.begroting_2025"].value == Decimal(-400)
    assert figs["lasten_baten.totaal.verschil"].value == Decimal(-49600)
    assert "lasten_baten.lasten.inkomen.verschil" in figs
    rows = rows_of(tabellen.macro_tabel(page(tmp_path), "lasten_baten"))
    assert rows == [
        ["Lasten"],
        ["Inkomen", "-1.000", "-1.100", "-100"],
        ["Participatie", "-200", "-210", "-10"],
        ["Subtotaal lasten", "-1.200", "-1.310", "-110"],
        ["Baten"],
        ["Inkomen", "900", "950", "50"],
        ["Bijdragen", "300", "310", "10"],
        ["Subtotaal baten", "1.200", "1.260", "60"],
        ["Totaal", "–", "-50", "-50"],
    ]
    notes = BeautifulSoup(tabellen.macro_tabel(page(tmp_path), "lasten_baten"),
                          "html.parser").select("ul.pc-tabelnoten li")
    assert notes[0].get_text() == "Bedragen x € 1.000; lasten negatief, baten positief."


def test_columns_that_cannot_be_totalled_are_refused(tmp_path: Path) -> None:
    percent = TABLE.replace("totaal: ja", "totaal: [programma]")
    finding = refused(tmp_path, percent)
    assert (finding.code, finding.line) == ("ongeldige-waarde", 4)
    assert "een tekst telt niet op" in finding.message
    shares = """\
t:
  titel: T
  bron: bron.csv
  totaal: [dubbel]
  kolommen:
    - {naam: programma}
    - {naam: score, soort: procent}
    - {naam: dubbel, soort: procent, formule: score * 2}
"""
    finding = refused(tmp_path, shares, "programma;score\nInkomen;12,5\n")
    assert finding.code == "ongeldige-waarde" and "'score', een percentage" in finding.message


def test_several_years_side_by_side_from_a_named_sheet() -> None:
    """The example Begroting 2025: the meerjarenraming from sheet 'Programma's' of
    programmas.xlsx (its first sheet is a note), each year typed and totalled; the finance
    system's own subtotals and total agree, so nothing is reported."""
    rel = "data/isd-bol/2025/tabellen.yaml"
    record = tabellen.load(ROOT / rel, rel)
    table = record.tables["lasten_baten"]
    assert table.file == "data/isd-bol/2025/programmas.xlsx"
    years = [c.code for c in table.columns if c.total]
    assert years == ["begroting_2025", "raming_2026", "raming_2027", "raming_2028",
                     "verschil_2028"]
    figs = tabellen.figures(record)
    assert [figs[f"lasten_baten.totaal.{y}"].value for y in years] == [
        0, 0, Decimal(-30000), Decimal(-50000), Decimal(-50000)]
    assert plain(figs["lasten_baten.subtotaal.lasten.raming_2028"].text()) == "€ -59.950.000"
    assert figs["lasten_baten.baten.bijdragen_gemeenten.begroting_2025"].sources[0].ref() == \
        "data/isd-bol/2025/programmas.xlsx:9"
    total = table.som(None, None)
    assert total is not None and total.stated_line == 11
    assert tabellen.differences(table) == []
    # the example agrees with itself: the bijdrage in the uitvoeringskosten (kerncijfers.yaml)
    # and the minimabeleid per gemeente add up to the baten of the meerjarenraming
    kern = ROOT / "data/isd-bol/2025/kerncijfers.yaml"
    uitvoering = yaml.safe_load(kern.read_text(encoding="utf-8"))["bijdrage"]["gemeenten"]
    assert uitvoering["waarde"] + figs["bijdragen.totaal.begroting_2025"].value == \
        figs["lasten_baten.baten.bijdragen_gemeenten.begroting_2025"].value


# -- the source's own totals ----------------------------------------------------------------

STATED = REALISATIE + "Totaal;1.400.000;1.555.001\n"


def test_a_stated_total_that_agrees_is_not_shown(tmp_path: Path) -> None:
    record = load(tmp_path, TABLE, REALISATIE + "Totaal;1.400.000;1.555.000\n")
    assert [r.key for r in record.tables["realisatie"].rows] == ["inkomen", "participatie",
                                                                  "wmo"]
    assert tabellen.differences(record.tables["realisatie"]) == []
    # the source's rounding is no difference
    rounded = load(tmp_path, TABLE.replace("bedrag}", "bedrag, decimalen: 0}"),
                   REALISATIE.replace("1.150.000", "1.150.000,40") + "Totaal;1.400.000;1.555.000\n")
    assert tabellen.differences(rounded.tables["realisatie"]) == []


def test_a_stated_total_that_differs_is_shown_and_warned(tmp_path: Path) -> None:
    record = load(tmp_path, TABLE, STATED)
    findings = tabellen.validate(record, checking(tmp_path))
    assert [(f.severity, f.code, f.file, f.line, f.key) for f in findings] == [
        ("warning", "bron-wijkt-af", f"{FOLDER}/bron.csv", 5, "realisatie")]
    assert "de bron noemt bij ‘Realisatie’ € 1.555.001, pcdocs berekent € 1.555.000" in \
        plain(findings[0].message)
    ctx = page(tmp_path)
    html = tabellen.macro_tabel(ctx, "realisatie")
    assert ctx.findings == findings  # the page reports it too (a build prints it)
    soup = BeautifulSoup(html, "html.parser")
    total = soup.select("tr.pc-totaal td")[1]
    assert total.get_text(" ", strip=True) == \
        "1.555.000 ≠ bron 1.555.001 (de bron noemt 1.555.001)"
    assert text(total.select_one(".pc-cijfer")) == "1.555.000"  # never copied
    assert text(total.select_one(".pc-sr")) == " (de bron noemt 1.555.001)"
    notes = [plain(li.get_text()) for li in soup.select("ul.pc-tabelnoten li")]
    assert "≠ Let op: de bron (bron.csv, rij 5) noemt als totaal van ‘Realisatie’ € 1.555.001; " \
           "berekend uit de regels is dat € 1.555.000. De tabel toont het berekende getal." \
           in notes


def test_a_computed_column_the_source_has_too_is_checked_cell_by_cell(tmp_path: Path) -> None:
    source = "programma;begroting na wijziging;realisatie;verschil\n" \
             "Inkomen;1.000.000;1.150.000;150.000\nParticipatie;400.000;380.000;20.000\n"
    record = load(tmp_path, TABLE.replace("  totaal: ja\n", ""), source)
    cells = [r.cells["verschil"] for r in record.tables["realisatie"].rows]
    assert [(c.value, c.stated) for c in cells] == [(Decimal(150000), None),
                                                    (Decimal(-20000), Decimal(20000))]
    findings = tabellen.differences(record.tables["realisatie"])
    assert [(f.code, f.line) for f in findings] == [("bron-wijkt-af", 3)]
    # the download holds what pcdocs reads, not the source's own computation
    assert b"verschil" not in tabellen.csv_download(record.tables["realisatie"], None)


def test_a_total_row_needs_totals_and_a_group_that_exists(tmp_path: Path) -> None:
    finding = refused(tmp_path, TABLE.replace("  totaal: ja\n", ""), STATED)
    assert (finding.code, finding.file, finding.line) == ("ongeldige-waarde",
                                                          f"{FOLDER}/bron.csv", 5)
    finding = refused(tmp_path, GROUPED, GROUPED_CSV + "reserves;Subtotaal;1;1\n")
    assert (finding.code, finding.line) == ("ongeldige-waarde", 6)
    assert "groep 'reserves'" in finding.message


# -- threshold ---------------------------------------------------------------------------

THRESHOLD = TABLE + "  drempel: {kolom: verschil, bedrag: 100000, procent: 10}\n"


def test_rows_above_the_threshold_are_marked_in_text(tmp_path: Path) -> None:
    record = load(tmp_path, THRESHOLD)
    table = record.tables["realisatie"]
    # 150.000 (15%) is above both; -20.000 (5%) neither; 25.000 of 0 is above 10%
    assert [r.over for r in table.rows] == [True, False, True]
    assert tabellen.figures(record)["realisatie.drempel.aantal"].value == 2
    soup = BeautifulSoup(tabellen.macro_tabel(page(tmp_path), "realisatie"), "html.parser")
    marked = soup.select(".pc-drempel")
    assert len(marked) == 2
    assert text(marked[0].select_one("[aria-hidden]")) == "▲"
    assert text(marked[0].select_one(".pc-sr")) == " boven de drempel"
    row = marked[0].find_parent("tr")
    assert row is not None and text(row.find("th")) == "Inkomen"
    assert "▲ Boven de drempel: ‘Verschil’ groter dan € 100.000 of groter dan 10% van " \
           "‘Begroting na wijziging’." in [plain(li.get_text())
                                           for li in soup.select(".pc-tabelnoten li")]


def test_both_limits_and_an_explicit_basis(tmp_path: Path) -> None:
    both = TABLE + ("  drempel: {kolom: verschil, bedrag: 100000, procent: 10, "
                    "combinatie: en, basis: realisatie}\n")
    table = load(tmp_path, both).tables["realisatie"]
    # 150.000 > 100.000 and > 10% of 1.150.000; 25.000 is not above 100.000
    assert [r.over for r in table.rows] == [True, False, False]


def test_a_percentage_needs_a_basis_when_the_formula_is_no_difference(tmp_path: Path) -> None:
    text = TABLE + "  drempel: {kolom: procent, procent: 10}\n"
    finding = refused(tmp_path, text)
    assert (finding.code, finding.line) == ("ontbrekende-sleutel", 11)
    assert finding.hint == "noem de kolom met 'basis:', bijv. basis: begroting"


# -- per gemeente --------------------------------------------------------------------------

GEMEENTEN = """\
afrekening:
  titel: Afrekening 2023
  gemeente: gemeente
  sleutel: onderdeel
  totaal: ja
  kolommen:
    - {naam: gemeente}
    - {naam: onderdeel}
    - {naam: voorschot, soort: bedrag}
    - {naam: werkelijk, soort: bedrag}
    - {naam: saldo, soort: bedrag, formule: voorschot - werkelijk}
  rijen:
    - {gemeente: Brunssum, onderdeel: Uitvoering, voorschot: 100, werkelijk: 90}
    - {gemeente: Landgraaf, onderdeel: Uitvoering, voorschot: 200, werkelijk: 230}
    - {gemeente: Landgraaf, onderdeel: Minima, voorschot: 50, werkelijk: 40}
    - {gemeente: "", onderdeel: Gezamenlijk, voorschot: 10, werkelijk: 10}
"""


def test_an_edition_shows_its_gemeente_only(tmp_path: Path) -> None:
    record = load(tmp_path, GEMEENTEN, None)
    figs = tabellen.figures(record)
    assert figs["afrekening.landgraaf.uitvoering.saldo"].value == Decimal(-30)
    assert figs["afrekening.totaal.saldo"].value == Decimal(-10)
    assert figs["afrekening.brunssum.totaal.saldo"].value == Decimal(10)  # with Gezamenlijk
    assert figs["afrekening.landgraaf.totaal.voorschot"].value == Decimal(260)
    whole = tabellen.macro_tabel(page(tmp_path), "afrekening")
    assert [r[1] for r in rows_of(whole)] == ["Uitvoering", "Uitvoering", "Minima",
                                              "Gezamenlijk", ""]
    edition = tabellen.macro_tabel(page(tmp_path, "landgraaf"), "afrekening")
    soup = BeautifulSoup(edition, "html.parser")
    assert text(soup.caption) == "Afrekening 2023, alleen gemeente Landgraaf"
    assert rows_of(edition) == [["Landgraaf", "Uitvoering", "200", "230", "-30"],
                                ["Landgraaf", "Minima", "50", "40", "10"],
                                ["", "Gezamenlijk", "10", "10", "–"],
                                ["Totaal", "", "260", "280", "-20"]]
    link = soup.select_one(".pc-download a")
    assert link is not None
    download = link["href"]
    assert download == "tabel-afrekening-landgraaf.csv"
    ctx = page(tmp_path, "landgraaf")
    tabellen.macro_tabel(ctx, "afrekening")
    assert b"Brunssum" not in ctx.assets["tabel-afrekening-landgraaf.csv"]
    explicit = tabellen.macro_tabel(page(tmp_path), "afrekening", gemeente="brunssum")
    assert [r[1] for r in rows_of(explicit)] == ["Uitvoering", "Gezamenlijk", ""]


def test_a_subtotal_per_gemeente_in_the_source_is_checked(tmp_path: Path) -> None:
    grouped = GEMEENTEN.replace("  totaal: ja\n", "  groep: gemeente\n  totaal: ja\n").replace(
        '{gemeente: "", onderdeel: Gezamenlijk, voorschot: 10, werkelijk: 10}',
        "{gemeente: Landgraaf, onderdeel: Subtotaal, voorschot: 251}")
    table = load(tmp_path, grouped, None).tables["afrekening"]
    assert [(f.code, f.line) for f in tabellen.differences(table)] == [("bron-wijkt-af", 17)]
    landgraaf = table.som(None, "Landgraaf")
    assert landgraaf is not None and landgraaf.cells["voorschot"].stated == Decimal(251)
    assert tabellen.figures(load(tmp_path, grouped, None))[
        "afrekening.subtotaal.landgraaf.voorschot"].value == Decimal(250)


def test_an_edition_compares_its_own_rows(tmp_path: Path) -> None:
    record = load(tmp_path, GEMEENTEN, None)
    keys = {f.key for f in facts_of(tabellen.SPEC, record, edition="brunssum")}
    assert "afrekening.brunssum.uitvoering.saldo" in keys
    assert not any(k.startswith("afrekening.landgraaf.") for k in keys)
    everything = {f.key for f in facts_of(tabellen.SPEC, record)}
    assert "afrekening.landgraaf.uitvoering.saldo" in everything


def test_a_gemeente_that_is_not_the_organisations_is_an_error(tmp_path: Path) -> None:
    record = load(tmp_path, GEMEENTEN.replace("{gemeente: Brunssum", "{gemeente: Heerlen"),
                  None)
    findings = tabellen.validate(record, checking(tmp_path))
    assert [(f.code, f.file, f.line) for f in findings] == [
        ("onbekende-gemeente", f"{FOLDER}/tabellen.yaml", 13)]
    with pytest.raises(MacroError) as caught:
        tabellen.macro_tabel(page(tmp_path), "afrekening", gemeente="heerlen")
    assert caught.value.finding.code == "onbekende-gemeente"


# -- the CSV download ------------------------------------------------------------------------

@pytest.mark.parametrize(("folder", "name"), [("data/isd-bol/2023", "realisatie"),
                                              ("data/isd-bol/2023", "afrekening"),
                                              ("data/isd-bol/2025", "lasten_baten")])
def test_the_download_reads_back_to_the_same_values(folder: str, name: str,
                                                    tmp_path: Path) -> None:
    """The CSV download of an example table, read with tables.py, has the source's columns
    and values; as the source of the same definition it makes the same table."""
    rel = f"{folder}/tabellen.yaml"
    table = tabellen.load(ROOT / rel, rel).tables[name]
    data = tabellen.csv_download(table, None)
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data and b"\r\n" in data
    (tmp_path / "download.csv").write_bytes(data)
    back = tables.read_csv(tmp_path / "download.csv", "download.csv")
    sources = [c for c in table.columns if not c.computed]
    assert back.header == [c.name for c in sources]
    for row, read in zip(table.rows, back.rows, strict=True):
        for column in sources:
            value = columns.read_cell(back, read, column.name, column.unit, Kind.CHANGE)
            assert value == row.cells[column.code].value, (row.key, column.code)
    # as the source of the same definition: the same figures
    text = (ROOT / rel).read_text(encoding="utf-8")
    again = _with_source(tmp_path, text, name, data)
    original = {k: f.value for k, f in tabellen.figures(tabellen.load(ROOT / rel, rel)).items()
                if k.startswith(f"{name}.")}
    assert {k: f.value for k, f in tabellen.figures(again).items()} == original


def _with_source(root: Path, text: str, name: str, data: bytes) -> tabledef.Tabellen:
    """The definition of table `name` alone, reading `bron: download.csv`."""
    import yaml

    definition = yaml.safe_load(text)[name]
    definition.pop("rijen", None)
    definition.pop("werkblad", None)
    definition["bron"] = "download.csv"
    return load(root, yaml.safe_dump({name: definition}, allow_unicode=True), data,
                "download.csv")


def test_a_text_that_looks_like_a_formula_is_guarded_and_read_back(tmp_path: Path) -> None:
    source = "programma;begroting na wijziging;realisatie\n=SOM(A1);1;2\n"
    table = load(tmp_path, TABLE.replace("  totaal: ja\n", ""), source).tables["realisatie"]
    data = tabellen.csv_download(table, None)
    assert b"'=SOM(A1)" in data
    (tmp_path / "terug.csv").write_bytes(data)
    back = tables.read_csv(tmp_path / "terug.csv", "terug.csv")
    assert columns.read_cell(back, back.rows[0], "programma", Unit.TEXT) == "=SOM(A1)"


# -- mistakes ----------------------------------------------------------------------------

def test_an_unknown_column_names_the_line_and_the_column_meant(tmp_path: Path) -> None:
    finding = refused(tmp_path, TABLE.replace("naam: realisatie,", "naam: realistie,"))
    assert (finding.code, finding.file, finding.line, finding.hint) == (
        "onbekende-kolom", f"{FOLDER}/tabellen.yaml", 8, "bedoelde u 'realisatie'?")
    assert finding.message == "kolom 'realistie' staat niet in bron.csv"
    finding = refused(tmp_path, TABLE + "  groep: programa\n")
    assert (finding.code, finding.line, finding.hint) == ("onbekende-kolom", 11,
                                                          "bedoelde u 'programma'?")


def test_a_text_in_a_money_column_names_row_and_column(tmp_path: Path) -> None:
    finding = refused(tmp_path, TABLE, REALISATIE.replace("1.150.000", "veel"))
    assert (finding.code, finding.file, finding.line, finding.key) == (
        "geen-getal", f"{FOLDER}/bron.csv", 2, "realisatie")
    assert finding.message == "rij 2, kolom 'realisatie': 'veel' is geen getal"


@pytest.mark.parametrize(("formula", "code", "words"), [
    ("realisatie - begroting", "formule-onbekend", "'begroting' is geen bekend cijfer"),
    ("realisatie -", "formule-syntax", "houdt op"),
    ("aandeel(realisatie; begroting_na_wijziging)", "formule-eenheid", "geeft procent"),
    ("realisatie - programma", "formule-eenheid", "'programma' is een tekst"),
    ("verschil - realisatie", "formule-lus", "verschil → verschil"),
])
def test_a_formula_error_is_at_the_line_of_the_formula(formula: str, code: str, words: str,
                                                       tmp_path: Path) -> None:
    text = TABLE.replace("formule: realisatie - begroting_na_wijziging", f"formule: {formula}")
    with pytest.raises(FormulaError) as caught:
        load(tmp_path, text)
    finding = caught.value.finding
    assert (finding.code, finding.file, finding.line) == (code, f"{FOLDER}/tabellen.yaml", 9)
    assert words in finding.message, finding.message


def test_a_formula_on_its_own_line_is_reported_there(tmp_path: Path) -> None:
    text = TABLE.replace(
        "    - {naam: verschil, soort: bedrag, formule: realisatie - begroting_na_wijziging}\n",
        "    - naam: verschil\n      soort: bedrag\n      formule: realisatie - begroting\n")
    with pytest.raises(FormulaError) as caught:
        load(tmp_path, text)
    assert caught.value.finding.line == 11


def test_a_duplicate_row_key_is_an_error_at_the_row(tmp_path: Path) -> None:
    finding = refused(tmp_path, TABLE, REALISATIE + "inkomen;1;2\n")
    assert (finding.code, finding.file, finding.line) == ("dubbele-code", f"{FOLDER}/bron.csv",
                                                          5)
    assert finding.message == "rij 5: de sleutel 'inkomen' heeft ook rij 2"
    finding = refused(tmp_path, TABLE, REALISATIE + "Drempel;1;2\n")
    assert (finding.code, finding.line) == ("ongeldige-waarde", 5)


@pytest.mark.parametrize(("change", "code", "line"), [
    (("bron: bron.csv", "bron: ander.csv"), "bestand-ontbreekt", 3),
    (("bron: bron.csv", "bron: ../2022/bron.csv"), "pad-buiten-data", 3),
    (("bron: bron.csv", "bron: bron.txt"), "ongeldige-waarde", 3),
    (("bron: bron.csv", "bron: bron.csv\n  werkblad: Blad1"), "ongeldige-waarde", 4),
    (("bron: bron.csv", "rijen: []"), "lege-lijst", 3),
    (("  bron: bron.csv\n", ""), "ontbrekende-sleutel", 1),
    (("soort: bedrag}", "soort: bedrag, eenheid: duizend euro}"), None, None),
    (("soort: procent,", "soort: procent, eenheid: euro,"), "ongeldige-waarde", 10),
    (("{naam: programma}", "{naam: 2023}"), "ongeldige-code", 6),
    (("totaal: ja", "totaal: misschien"), "geen-ja-nee", 4),
    (("{naam: programma}", "{naam: programma, sort: tekst}"), "onbekende-sleutel", 6),
])
def test_every_option_is_checked(change: tuple[str, str], code: str | None, line: int | None,
                                 tmp_path: Path) -> None:
    text = TABLE.replace(*change)
    assert text != TABLE
    if code is None:
        load(tmp_path, text)
        return
    finding = refused(tmp_path, text)
    assert (finding.code, finding.line) == (code, line), finding.message
    assert finding.hint


def test_a_sheet_that_does_not_exist_is_at_the_line_that_names_it(tmp_path: Path) -> None:
    source = (ROOT / "data/isd-bol/2025/programmas.xlsx").read_bytes()
    text = (ROOT / "data/isd-bol/2025/tabellen.yaml").read_text(encoding="utf-8")
    finding = refused(tmp_path, text.replace("werkblad: Programma's", "werkblad: Programmas"),
                      source, "programmas.xlsx")
    assert (finding.code, finding.file, finding.line, finding.hint) == (
        "werkblad", f"{FOLDER}/tabellen.yaml", 5, "werkbladen: Toelichting, Programma's")


def test_percentages_excel_keeps_as_fractions_are_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["programma", "score"], ["Inkomen", 0.075], ["Participatie", 0.5]):
        sheet.append(row)
    path = tmp_path / "score.xlsx"
    book.save(path)
    text = "t:\n  titel: T\n  bron: score.xlsx\n  kolommen:\n    - {naam: programma}\n" \
           "    - {naam: score, soort: procent}\n"
    finding = refused(tmp_path, text, path.read_bytes(), "score.xlsx")
    assert (finding.code, finding.line) == ("waarschijnlijk-fractie", 2)


def test_count_fte_and_date_columns(tmp_path: Path) -> None:
    text = """\
t:
  titel: Formatie
  bron: bron.csv
  totaal: ja
  kolommen:
    - {naam: team}
    - {naam: medewerkers, soort: aantal}
    - {naam: fte, soort: fte}
    - {naam: peildatum, soort: datum}
    - {naam: saldo klanten, soort: aantal}
"""
    source = "team;medewerkers;fte;peildatum;saldo klanten\nInkomen;12;10,5;31-12-2023;-2\n" \
             "Werk;8;7,25;2023-12-31;1\n"
    finding = refused(tmp_path, text, source)
    assert (finding.code, finding.line, finding.key) == ("buiten-bereik", 2, "saldo klanten")
    figs = tabellen.figures(load(tmp_path, text.replace("klanten, soort: aantal}",
                                                        "klanten, soort: aantal, "
                                                        "verandering: ja}"), source))
    assert figs["t.totaal.medewerkers"].value == 20
    assert plain(figs["t.totaal.fte"].text()) == "17,75 fte"
    assert figs["t.inkomen.peildatum"].text() == "31 december 2023"
    assert figs["t.werk.peildatum"].value == figs["t.inkomen.peildatum"].value
    assert "t.totaal.peildatum" not in figs
    finding = refused(tmp_path, text, source.replace("31-12-2023", "32-12-2023"))
    assert (finding.code, finding.key) == ("geen-datum", "peildatum")
    finding = refused(tmp_path, text, source.replace(";12;", ";12,5;"))
    assert (finding.code, finding.key) == ("geen-geheel-getal", "medewerkers")


# -- the files it reads: cache, check and the page's sources -----------------------------------

def test_the_source_is_read_with_tabellen_yaml(tmp_path: Path) -> None:
    """A changed source is a changed record (the caches key the source with tabellen.yaml),
    a page lists the source as read, and `check` calls only an unnamed CSV unknown."""
    path = write(tmp_path, TABLE)
    rel = f"{FOLDER}/tabellen.yaml"
    assert tabellen.named(path) == ("bron.csv",)
    assert tabellen.SPEC.read_with(path) == ("bron.csv",)
    store = DataStore(tmp_path)
    first = store.load(tabellen.SPEC, path, rel)
    (path.parent / "bron.csv").write_text(REALISATIE.replace("1.150.000", "1.250.000"),
                                          encoding="utf-8")
    again = store.load(tabellen.SPEC, path, rel)
    assert first is not again
    assert again.tables["realisatie"].rows[0].cells["realisatie"].value == Decimal(1250000)
    ctx = page(tmp_path)
    tabellen.macro_tabel(ctx, "realisatie")
    assert ctx.sources() == [f"{FOLDER}/bron.csv", rel]
    (path.parent / "los.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ndocs_dir: docs\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    run = run_cli("-C", str(tmp_path), "check")
    assert "los.csv: onbekend-bestand" in run.out
    assert "bron.csv" not in run.out, run.out
    path.write_text(": :", encoding="utf-8")
    assert tabellen.named(path) == ()


def test_the_record_survives_the_data_cache() -> None:
    rel = "data/isd-bol/2023/tabellen.yaml"
    record = tabellen.load(ROOT / rel, rel)
    assert decode_record(encode_record(record)) == record


def test_facts_cover_every_figure_and_the_threshold(tmp_path: Path) -> None:
    record = load(tmp_path, THRESHOLD)
    facts = facts_of(tabellen.SPEC, record)
    keys = {f.key for f in facts}
    assert set(tabellen.figures(record)) <= keys
    above = [f for f in facts if f.category == "tabel-drempel"]
    assert [(f.key, f.value, f.text) for f in above] == [
        ("realisatie.inkomen.drempel", "ja", "boven de drempel"),
        ("realisatie.participatie.drempel", "nee", "binnen de drempel"),
        ("realisatie.wmo.drempel", "ja", "boven de drempel")]
    extra, skip = tabellen.facts(record, Comparing(None, lambda spec: None))
    assert skip == set() and len(extra) == 3


def test_a_comparison_reports_a_changed_cell_its_total_and_the_threshold(
        tmp_path: Path) -> None:
    from pcdocs.compare.diff import diff_facts

    old = facts_of(tabellen.SPEC, load(tmp_path / "oud", THRESHOLD))
    new = facts_of(tabellen.SPEC, load(tmp_path / "nieuw", THRESHOLD,
                                       REALISATIE.replace("1.150.000", "1.050.000")))
    changes = {c.key: plain(c.message) for c in diff_facts(old, new, 2023, 2023)}
    assert changes["realisatie.inkomen.realisatie"] == (
        "Lasten per programma: Inkomen, Realisatie: van € 1.150.000 naar € 1.050.000 "
        "(−100.000; −8,7%).")
    assert changes["realisatie.totaal.verschil"].startswith("Berekend: ")
    assert changes["realisatie.inkomen.drempel"] == \
        "Lasten per programma: Inkomen: van boven de drempel naar binnen de drempel."


def test_the_examples_are_checked_clean() -> None:
    for rel in ("data/isd-bol/2023/tabellen.yaml", "data/isd-bol/2025/tabellen.yaml"):
        record = tabellen.load(ROOT / rel, rel)
        assert tabellen.validate(record, checking(ROOT)) == []


def test_the_model_modules_on_their_own() -> None:
    assert columns.column_code("Begroting na wijziging (x € 1.000)") == \
        "begroting_na_wijziging_x_1_000"
    assert columns.column_code("Raming 2026") == "raming_2026"
    assert not columns.valid_code("2026") and columns.valid_code("raming_2026")
    assert tabledef.MONEY_UNITS["duizend euro"] == "duizend"
    assert tablebuild.RESERVED == ("totaal", "subtotaal", "drempel")
    formulas = columns.Formulas(
        [("c", "a + b", Source("x.yaml", 1), Unit.EURO),
         ("d", "aandeel(c; a)", Source("x.yaml", 2), Unit.PERCENT)],
        {"a": Unit.EURO, "b": Unit.EURO})
    assert [c.column for c in formulas.order] == ["c", "d"]
    assert formulas.needs("d") == {"a", "b", "c"}
