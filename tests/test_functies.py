"""Formatie per functie (pcdocs/blocks/functies.py): the totals and vacancies are computed from
the rows (checked against an independent sum of the CSV), the total reconciles with
formatie.yaml or says openly that it does not, every mistake an author can make in the file
is a finding at its row and column, the table shows groups, subtotals and boventallig, and a
comparison names each function's changes."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pcdocs.blocks import formatie, functies
from pcdocs.blocks.spec import Comparing
from pcdocs.compare.diff import diff_facts
from pcdocs.compare.facts import facts_of
from pcdocs.errors import DataError, MacroError
from pcdocs.model.organisation import slugify
from pcdocs.model.repository import Repository
from pcdocs.output.session import BuildSession
from pcdocs.render.page import PageContext

from .conftest import ROOT

EXAMPLE = "data/isd-bol/2025/functies.csv"
HEAD = "afdeling;functie;schaal;formatie;bezetting\n"


def example() -> functies.Functies:
    return functies.load(ROOT / EXAMPLE, EXAMPLE)


def csv_sums() -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """The oracle: formatie and bezetting per afdeling, read with the csv module."""
    formatie_: dict[str, Decimal] = {}
    bezetting: dict[str, Decimal] = {}
    with (ROOT / EXAMPLE).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            for column, sums in (("formatie", formatie_), ("bezetting", bezetting)):
                sums[row["afdeling"]] = sums.get(row["afdeling"], Decimal(0)) + Decimal(
                    row[column].replace(",", "."))
    return formatie_, bezetting


def load_text(tmp_path: Path, text: str) -> functies.Functies:
    path = tmp_path / "functies.csv"
    path.write_text(text, encoding="utf-8")
    return functies.load(path, "data/t/2025/functies.csv")


def refused(tmp_path: Path, text: str) -> DataError:
    with pytest.raises(DataError) as info:
        load_text(tmp_path, text)
    return info.value


# -- computations ------------------------------------------------------------------------------

def test_every_total_and_vacancy_is_computed_from_the_rows() -> None:
    record = example()
    figures = functies.figures(record)
    formatie_, bezetting = csv_sums()
    assert figures["formatie"].value == sum(formatie_.values()) == Decimal("60.45")
    assert figures["bezetting"].value == sum(bezetting.values()) == Decimal("57.07")
    assert figures["vacature"].value == Decimal("3.38")
    assert figures["vacature"].text() == "3,38\u00a0fte"
    for afdeling, expected in formatie_.items():
        slug = slugify(afdeling)
        assert figures[f"afdeling.{slug}.formatie"].value == expected, afdeling
        assert figures[f"afdeling.{slug}.vacature"].value == expected - bezetting[afdeling]
    # one function above its formatie: boventallig, and a negative vacancy of its own
    assert figures["boventallig"].value == Decimal("0.78")
    assert figures["functie.uitkeringen.consulent-inkomen.vacature"].value == Decimal("-0.78")
    assert figures["afdeling.uitkeringen.vacature"].value == Decimal("-0.34")
    # provenance: a total names every row it was computed from
    assert len(figures["formatie"].sources) == len(record.functies) == 25
    assert figures["afdeling.werk.formatie"].sources[0].ref() == f"{EXAMPLE}:12"


def test_the_afdelingen_keep_the_order_of_the_file() -> None:
    assert [a.naam for a in example().afdelingen] == [
        "Directie", "Bedrijfsvoering", "Werk", "Inkomen", "Uitkeringen", "Minima en schulden",
        "Handhaving en terugvordering"]


def test_without_an_afdeling_column_there_are_no_groups(tmp_path: Path) -> None:
    record = load_text(tmp_path, "functie;schaal;formatie;bezetting\n"
                                 "Consulent;9;2,50;3,00\nJurist;10;1,00;0,50\n")
    assert record.afdelingen == ()
    figures = functies.figures(record)
    assert figures["vacature"].value == Decimal("0.00")
    assert figures["boventallig"].value == Decimal("0.50")
    assert figures["functie.consulent.vacature"].value == Decimal("-0.50")
    assert not any(k.startswith("afdeling.") for k in figures)


@pytest.mark.parametrize(("written", "shown"), [
    ("9", "9"), ("schaal 11", "11"), ("8-9", "8-9"), ("8 – 9", "8-9"), ("Schaal 1", "1"),
    ("18", "18")])
def test_a_scale_is_a_number_or_a_range(tmp_path: Path, written: str, shown: str) -> None:
    record = load_text(tmp_path, HEAD + f"Werk;Consulent;{written};1;1\n")
    assert record.functies[0].schaal.text() == shown


# -- reconciling with formatie.yaml -------------------------------------------------------------

def organisation_formatie(tmp_path: Path, fte: str) -> formatie.Formatie:
    path = tmp_path / "formatie.yaml"
    path.write_text(f"peildatum: 2025-01-01\ntotaal_fte: {fte}\n", encoding="utf-8")
    return formatie.load(path, "data/t/2025/formatie.yaml")


def test_the_example_reconciles_with_its_formatie() -> None:
    own = formatie.load(ROOT / "data/isd-bol/2025/formatie.yaml",
                        "data/isd-bol/2025/formatie.yaml")
    assert functies.reconcile(example(), own) == []
    found = functies.aansluiting(example(), own)
    assert found is not None and found.agrees


def test_a_difference_with_formatie_yaml_is_a_warning_naming_both_values(
        tmp_path: Path) -> None:
    findings = functies.reconcile(example(), organisation_formatie(tmp_path, "61.00"))
    assert len(findings) == 1
    f = findings[0]
    assert (f.severity, f.code, f.file, f.line) == ("warning", "sluit-niet-aan", EXAMPLE, None)
    assert "60,45\u00a0fte" in f.message and "61,00\u00a0fte" in f.message
    assert "verschil -0,55\u00a0fte" in f.message
    assert "data/t/2025/formatie.yaml, regel 2" in f.message
    assert f.hint
    # and under the table, openly
    found = functies.aansluiting(example(), organisation_formatie(tmp_path, "61.00"))
    assert found is not None
    note = BeautifulSoup(functies.reconciliation_note(found), "html.parser").get_text()
    assert note.startswith("Sluit niet aan:")
    assert "60,45\u00a0fte" in note and "61,00\u00a0fte" in note and "-0,55" in note


def test_no_formatie_yaml_no_reconciliation() -> None:
    assert functies.reconcile(example(), None) == []
    assert functies.aansluiting(example(), None) is None


# -- validation --------------------------------------------------------------------------------

def test_text_in_an_fte_column_is_geen_getal_at_its_row_and_column(tmp_path: Path) -> None:
    error = refused(tmp_path, HEAD + "Werk;Consulent;9;2,00;2,00\nWerk;Jurist;10;twee;1\n")
    f = error.finding
    assert (f.file, f.line, f.key, f.code) == ("data/t/2025/functies.csv", 3, "formatie",
                                               "geen-getal")
    assert "rij 3, kolom 'formatie'" in f.message and f.hint


def test_a_negative_fte_is_out_of_range(tmp_path: Path) -> None:
    f = refused(tmp_path, HEAD + "Werk;Consulent;9;2,00;-1,00\n").finding
    assert (f.line, f.key, f.code) == (2, "bezetting", "buiten-bereik")
    assert "-1,00 fte kan niet" in f.message and "vacature" in (f.hint or "")


@pytest.mark.parametrize("scale", ["A9", "19", "0", "10-9", "9 10", "schaal", "9,5"])
def test_an_unknown_scale_format_is_refused_with_an_example(tmp_path: Path, scale: str) -> None:
    f = refused(tmp_path, HEAD + f"Werk;Consulent;{scale};2,00;2,00\n").finding
    assert (f.line, f.key, f.code) == (2, "schaal", "ongeldige-waarde"), f.message
    assert "8-9" in (f.hint or "")


def test_an_empty_scale_or_afdeling_is_lege_waarde(tmp_path: Path) -> None:
    assert refused(tmp_path, HEAD + "Werk;Consulent;;2;2\n").finding.code == "lege-waarde"
    f = refused(tmp_path, HEAD + "Werk;Consulent;9;2;2\n;Jurist;10;1;1\n").finding
    assert (f.line, f.key, f.code) == (3, "afdeling", "lege-waarde")


def test_a_function_twice_in_one_afdeling_is_a_duplicate(tmp_path: Path) -> None:
    f = refused(tmp_path, HEAD + "Werk;Consulent;9;2;2\nInkomen;Consulent;9;1;1\n"
                                 "Werk;consulent ;9;1;1\n").finding
    assert (f.line, f.key, f.code) == (4, "functie", "dubbele-code")
    assert "staat al op rij 2" in f.message and "afdeling Werk" in f.message
    # the same function in another afdeling is another row of the formatie
    record = load_text(tmp_path, HEAD + "Werk;Consulent;9;2;2\nInkomen;Consulent;9;1;1\n")
    assert len(record.functies) == 2


def test_an_afdeling_is_written_the_same_everywhere(tmp_path: Path) -> None:
    f = refused(tmp_path, HEAD + "Werk;Consulent;9;2;2\nwerk;Jurist;10;1;1\n").finding
    assert (f.line, f.key, f.code) == (3, "afdeling", "ongeldige-waarde")
    assert "'werk' is anders geschreven dan 'Werk' op rij 2" in f.message


def test_an_unknown_column_suggests_the_right_one(tmp_path: Path) -> None:
    f = refused(tmp_path, "afdeling;functie;schaal;formatie;bezeting\nWerk;C;9;1;1\n").finding
    assert f.code == "onbekende-kolom" and "bezetting" in (f.hint or "")


# -- the table ---------------------------------------------------------------------------------

def guide_page() -> PageContext:
    """The author guide's page, whose data is isd-bol/2025 (nothing is written)."""
    session = BuildSession(Repository.find(ROOT), use_cache=False)
    return session.begin_page("handleiding/formatie-en-organogram.md")


def test_the_table_has_afdeling_groups_subtotals_a_total_and_the_reconciliation() -> None:
    ctx = guide_page()
    soup = BeautifulSoup(functies.macro_functies(ctx), "html.parser")
    table = soup.find("table")
    assert table is not None and table.caption is not None
    assert table.caption.get_text() == "Formatie en bezetting per functie 2025 (fte)"
    groups = [th.get_text() for th in soup.select("tr.pc-groep th[scope=rowgroup]")]
    assert groups[:3] == ["Directie", "Bedrijfsvoering", "Werk"] and len(groups) == 7
    assert len(soup.select("tr.pc-subtotaal")) == 7
    total = soup.select("tr.pc-totaal")
    assert len(total) == 1
    assert [td.get_text() for td in total[0].find_all("td")][-3:] == ["60,45", "57,07", "3,38"]
    over = [tr for tr in soup.select("tbody tr") if "boventallig" in tr.get_text()]
    assert [tr.find("th").get_text() for tr in over] == ["Consulent inkomen",  # type: ignore[union-attr]
                                                         "Subtotaal Uitkeringen"]
    assert over[0].find_all("td")[-1].get_text() == "0,78 boventallig"
    notes = soup.select(".pc-tabelnoten li")
    assert "sluit aan op de totale formatie" in notes[-1].get_text()
    assert "csv" in soup.select_one(".pc-download a")["href"]  # type: ignore[index]
    assert ctx.findings == []
    assert "data/isd-bol/2025/formatie.yaml" in ctx.sources()


def test_one_afdeling_or_a_flat_list() -> None:
    ctx = guide_page()
    soup = BeautifulSoup(functies.macro_functies(ctx, afdeling="werk"), "html.parser")
    assert [th.get_text() for th in soup.select("tbody th[scope=row]")] == [
        "Teamleider Werk", "Klantmanager werk", "Consulent inburgering", "Jobcoach",
        "Werkgeversadviseur", "Totaal Werk"]
    assert "sluit aan" not in soup.get_text()  # the reconciliation is of the whole formatie
    flat = BeautifulSoup(functies.macro_functies(ctx, per_afdeling=False), "html.parser")
    assert not flat.select("tr.pc-groep") and not flat.select("tr.pc-subtotaal")
    assert [th.get_text() for th in flat.select("thead th")][:3] == ["Functie", "Afdeling",
                                                                    "Schaal"]
    with pytest.raises(MacroError) as info:
        functies.macro_functies(ctx, afdeling="Wrek")
    assert info.value.finding.code == "onbekende-code"
    assert "Werk" in (info.value.finding.hint or "")


def test_the_page_warns_and_shows_a_difference(tmp_path: Path) -> None:
    """A repository whose formatie.yaml says 61,00 fte: the table says so under it and the
    page carries the warning."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/p.md").write_text("---\ndata: t/2025\n---\n\n# P\n", encoding="utf-8")
    data = tmp_path / "data/t/2025"
    data.mkdir(parents=True)
    shutil.copy(ROOT / "data/isd-bol/organisatie.yaml", tmp_path / "data/t/organisatie.yaml")
    shutil.copy(ROOT / EXAMPLE, data / "functies.csv")
    (data / "formatie.yaml").write_text("peildatum: 2025-01-01\ntotaal_fte: 61.00\n",
                                        encoding="utf-8")
    ctx = BuildSession(Repository.find(tmp_path), use_cache=False).begin_page("p.md")
    soup = BeautifulSoup(functies.macro_functies(ctx), "html.parser")
    note = soup.select(".pc-tabelnoten li")[-1]
    assert note.strong is not None and note.strong.get_text() == "Sluit niet aan:"
    assert [(f.code, f.severity, f.file) for f in ctx.findings] == [
        ("sluit-niet-aan", "warning", "data/t/2025/functies.csv")]


# -- comparing ---------------------------------------------------------------------------------

def test_a_comparison_names_each_function_that_changed(tmp_path: Path) -> None:
    old = example()
    text = (ROOT / EXAMPLE).read_text(encoding="utf-8")
    text = text.replace("Werk;Klantmanager werk;9;9,00;8,11", "Werk;Klantmanager werk;9;10,00;9,11")
    text = text.replace("Werk;Jobcoach;8-9;3,00;3,00", "Werk;Jobcoach;9;3,00;3,00")
    text = text.replace("Werk;Werkgeversadviseur;9;2,00;1,00\n", "")
    text += "Werk;Participatiecoach;8;1,50;0,00\n"
    new = load_text(tmp_path, text)
    none = Comparing(None, lambda spec: None)
    changes = diff_facts(facts_of(functies.SPEC, old), facts_of(functies.SPEC, new), 2025, 2025)
    messages = {c.message for c in changes}
    assert "Formatie Klantmanager werk (Werk): van 9,00\u00a0fte naar 10,00\u00a0fte " \
           "(+1,00; +11,1%)." in messages
    assert "Bezetting Klantmanager werk (Werk): van 8,11\u00a0fte naar 9,11\u00a0fte " \
           "(+1,00; +12,3%)." in messages
    assert "Functie Jobcoach (Werk): van schaal 8-9, formatie 3,00\u00a0fte naar schaal 9, " \
           "formatie 3,00\u00a0fte." in messages
    assert "Nieuwe functie: Functie Participatiecoach (Werk), schaal 8, formatie " \
           "1,50\u00a0fte." in messages
    assert "Functie vervallen: Functie Werkgeversadviseur (Werk) (was schaal 9, formatie " \
           "2,00\u00a0fte)." in messages
    # a function added or dropped is one record, not one per figure it carries
    assert not any("Participatiecoach" in m for m in messages if not m.startswith("Nieuwe"))
    # and the totals that changed, computed
    assert "Berekend: Formatie per functie, totaal, van 60,45\u00a0fte naar 60,95\u00a0fte " \
           "(+0,50; +0,8%)." in messages
    assert "Berekend: Formatie afdeling Werk, van 17,00\u00a0fte naar 17,50\u00a0fte " \
           "(+0,5; +2,9%)." in messages
    assert functies.facts(old, none)[1] == {"functie"}
