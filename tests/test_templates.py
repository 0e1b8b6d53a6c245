"""Excel templates (`pcdocs sjabloon`, `sjabloon()`, `sjablonen()`): one for every CSV/XLSX
file kind of the registry, the same bytes on every run, and a filled-in template is a data
file the block itself reads."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from pcdocs.blocks.registry import SPECS
from pcdocs.blocks.spec import BlockSpec, TableTemplate
from pcdocs.commands.scaffold import TargetExists
from pcdocs.commands.templates import kinds, summary, write_template
from pcdocs.errors import DataError, MacroError, UsageError
from pcdocs.model import tables
from pcdocs.model.repository import Repository
from pcdocs.output.session import BuildSession
from pcdocs.render import workbooks

from .conftest import ROOT, run_cli

TABLE_EXTENSIONS = ("csv", "xlsx")
TEMPLATES = workbooks.templates()

# What a table needs next to it to be read (its settings, the formatie it analyses).
COMPANIONS: dict[str, dict[str, str]] = {
    "formatieanalyse": {"formatie.yaml": "beginstand: {peildatum: 2025-01-01, fte: 40.00}\n"},
    "begroting": {"begroting.yaml": "programma: 7 Sociaal domein\nteken: lasten-negatief\n"
                                    "eenheid: euro\n"},
}


def table_kinds() -> set[str]:
    """Every file kind an author can keep in Excel, from the registry: a block that reads
    CSV or XLSX, and a CSV/XLSX file read next to another one (a companion)."""
    found = {spec.kind for spec in SPECS if set(spec.extensions) & set(TABLE_EXTENSIONS)}
    found |= {name.rsplit(".", 1)[0] for spec in SPECS for name in spec.companions
              if name.rsplit(".", 1)[1] in TABLE_EXTENSIONS}
    return found


def test_every_csv_or_xlsx_kind_of_the_registry_has_a_template() -> None:
    missing = sorted(table_kinds() - set(TEMPLATES))
    assert missing == [], (
        f"geen sjabloon voor {missing}: geef de BlockSpec `templates=(TableTemplate(...),)` "
        "met de kolommen die de bouwsteen leest en een voorbeeldrij (pcdocs/blocks/spec.py)")
    assert set(TEMPLATES) <= table_kinds()
    assert {"formatieanalyse", "inhuur", "begroting"} <= set(TEMPLATES)


def _sheet(data: bytes) -> tuple[list[list[Any]], list[str]]:
    book = load_workbook(io.BytesIO(data))
    rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    return rows, book.sheetnames


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_a_template_has_the_header_an_example_and_an_explanation(name: str) -> None:
    template = TEMPLATES[name][1]
    rows, sheets = _sheet(workbooks.workbook(template))
    assert rows[0] == [c.name for c in template.columns]
    assert len([r for r in rows if any(v is not None for v in r)]) == 2  # header + example
    assert sheets == [name[:31], workbooks.SHEET_NOTES]
    notes = load_workbook(io.BytesIO(workbooks.workbook(template)))[workbooks.SHEET_NOTES]
    text = " ".join(str(c) for row in notes.iter_rows(values_only=True) for c in row if c)
    assert template.explanation in text and "voorbeeld" in text
    assert all(c.explanation in text for c in template.columns)


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_a_filled_in_template_is_read_by_its_block(name: str, tmp_path: Path) -> None:
    """The template as it is (its example row filled in) is a valid data file: the table
    reader reads the first sheet only, and the block's own loader accepts every column."""
    spec, template = TEMPLATES[name]
    path = _write(tmp_path, spec, template, workbooks.workbook(template))
    table = tables.read_table(tmp_path / f"{name}.xlsx", f"{name}.xlsx")
    assert table.header == [c.name for c in template.columns]
    assert len(table.rows) == 1
    spec.load(path, path.name)


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_the_columns_the_template_calls_required_are_the_ones_the_block_requires(
        name: str, tmp_path: Path) -> None:
    spec, template = TEMPLATES[name]
    for index, column in enumerate(template.columns):
        rows, _ = _sheet(workbooks.workbook(template))
        folder = tmp_path / column.name.replace(" ", "-")
        book = _book([[v for i, v in enumerate(r) if i != index] for r in rows])
        path = _write(folder, spec, template, book)
        if column.required:
            with pytest.raises(DataError) as caught:
                spec.load(path, path.name)
            assert caught.value.finding.code == "ontbrekende-kolom", column.name
        else:
            spec.load(path, path.name)


def _book(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


def _write(folder: Path, spec: BlockSpec[Any], template: TableTemplate, data: bytes) -> Path:
    """The workbook as `<file>.xlsx` in `folder` with what it needs next to it; the path of
    the file the block loads (the table itself, or the file it belongs to)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{template.file}.xlsx").write_bytes(data)
    for companion, text in COMPANIONS.get(template.file, {}).items():
        (folder / companion).write_text(text, encoding="utf-8")
    return folder / (f"{template.file}.xlsx" if template.file == spec.kind
                     else spec.file_names[0])


def test_the_bytes_are_the_same_on_every_run() -> None:
    """Another process (other hash seed, another second on the clock) writes the same
    bytes: the workbook's dates and its zip entries' dates are fixed."""
    here = {name: hashlib.sha256(workbooks.workbook(t)).hexdigest()
            for name, (_, t) in TEMPLATES.items()}
    code = ("from pcdocs.render import workbooks; import hashlib\n"
            "for n, (_, t) in workbooks.templates().items():\n"
            "    print(n, hashlib.sha256(workbooks.workbook(t)).hexdigest())\n")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "7"}).stdout
    assert dict(line.split() for line in out.splitlines()) == here
    data = workbooks.workbook(TEMPLATES["inhuur"][1])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2024-01-01T00:00:00Z") == 2  # created and modified


def test_a_choice_is_offered_as_a_list_in_excel() -> None:
    book = load_workbook(io.BytesIO(workbooks.workbook(TEMPLATES["begroting"][1])))
    (rule,) = book.worksheets[0].data_validations.dataValidation
    assert rule.type == "list" and rule.formula1 == '"taakveld,reserve"'
    assert str(rule.sqref).startswith("A2:")


# -- the command and the guide ----------------------------------------------------------------

def test_write_template_writes_soort_xlsx_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "data/org/2025"
    written = write_template("inhuur", folder)
    assert written.path == folder / "inhuur.xlsx"
    assert written.path.read_bytes() == workbooks.workbook(TEMPLATES["inhuur"][1])
    assert "Kolommen: reden, omschrijving" in "\n".join(summary(written))
    with pytest.raises(TargetExists) as again:
        write_template("inhuur.xlsx", folder)
    assert again.value.finding.code == "bestaat-al"
    (folder / "begroting.csv").write_text("soort;taakveld\n", encoding="utf-8")
    with pytest.raises(TargetExists):  # a CSV of the same data would be a dubbele-bron
        write_template("begroting", folder)
    assert not (folder / "begroting.xlsx").exists()
    assert sorted(p.name for p in folder.iterdir()) == ["begroting.csv", "inhuur.xlsx"]


def test_an_unknown_kind_is_a_usage_error_with_the_closest_name(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        write_template("inhuurr", tmp_path)
    assert caught.value.finding.hint == "bedoelde u 'inhuur'?"
    assert kinds() == list(TEMPLATES)
    with pytest.raises(MacroError):
        workbooks.find("formatie")  # a YAML kind has no template


def test_the_command_line(tmp_path: Path) -> None:
    run = run_cli("sjabloon", "formatieanalyse", "--map", str(tmp_path))
    assert run.code == 0, run.err
    assert (tmp_path / "formatieanalyse.xlsx").is_file()
    assert f"Sjabloon geschreven: {tmp_path / 'formatieanalyse.xlsx'}" in run.out
    again = run_cli("sjabloon", "formatieanalyse", "--map", str(tmp_path))
    assert again.code == 1 and "bestaat-al" in again.err
    unknown = run_cli("sjabloon", "begrooting")
    assert unknown.code == 2 and "bedoelde u 'begroting'?" in unknown.err
    listed = run_cli("sjabloon")
    assert listed.code == 0 and ", ".join(TEMPLATES) in listed.out


def test_the_guide_offers_every_template_for_download() -> None:
    ctx = BuildSession(Repository.find(ROOT), use_cache=False).begin_page(
        "handleiding/sjablonen.md")
    listing = workbooks.macro_sjablonen(ctx)
    for name, (_, template) in TEMPLATES.items():
        assert f'href="{name}.xlsx" download' in listing
        assert ctx.assets[f"{name}.xlsx"] == workbooks.workbook(template)
    link = workbooks.macro_sjabloon(ctx, "inhuur")
    assert link == ('<a class="pc-sjabloon" href="inhuur.xlsx" download>Sjabloon inhuur.xlsx '
                    "(Excel)</a>")
    guide = (ROOT / "docs/handleiding/sjablonen.md").read_text(encoding="utf-8")
    assert "{{ sjablonen() }}" in guide and "pcdocs sjabloon" in guide


# -- one file per kind of data: CSV and XLSX side by side is an error -------------------------

def test_csv_and_xlsx_of_the_same_data_side_by_side_is_an_error_naming_both(
        tmp_path: Path) -> None:
    """`inhuur.csv` next to `inhuur.xlsx` (a filled-in template next to the old export):
    neither silently wins; the error names both, whichever of them is read, and goes once
    one of them is removed (also in a long-running preview, whose store keeps records)."""
    from pcdocs.blocks import inhuur
    from pcdocs.blocks.datasets import DataStore

    folder = tmp_path / "data/org/2025"
    folder.mkdir(parents=True)
    csv = folder / "inhuur.csv"
    csv.write_text("reden;omschrijving;uitzendkrachten;payrolling;detachering;overheden\n"
                   "ZIEK;Ziekteverzuim;€ -;€ 99.539;€ 292.296;\n", encoding="utf-8")
    store = DataStore(tmp_path)
    assert store.load(inhuur.SPEC, csv, "data/org/2025/inhuur.csv").lines
    write_template("inhuur", tmp_path / "elders")
    (tmp_path / "elders/inhuur.xlsx").rename(folder / "inhuur.xlsx")
    for name in ("inhuur.csv", "inhuur.xlsx"):
        with pytest.raises(DataError) as caught:
            store.load(inhuur.SPEC, folder / name, f"data/org/2025/{name}")
        finding = caught.value.finding
        assert (finding.code, finding.file) == ("dubbele-bron", "data/org/2025/inhuur.csv")
        assert "data/org/2025/inhuur.csv en data/org/2025/inhuur.xlsx" in finding.message
        assert finding.hint and "verwijder een van de twee" in finding.hint
    csv.unlink()
    assert store.load(inhuur.SPEC, folder / "inhuur.xlsx", "data/org/2025/inhuur.xlsx").lines


def test_a_companion_table_twice_is_an_error_too(tmp_path: Path) -> None:
    from pcdocs.blocks import formatie
    from pcdocs.blocks.datasets import DataStore

    folder = tmp_path / "data/org/2025"
    write_template("formatieanalyse", folder)
    (folder / "formatie.yaml").write_text(COMPANIONS["formatieanalyse"]["formatie.yaml"],
                                          encoding="utf-8")
    store = DataStore(tmp_path)
    assert store.load(formatie.SPEC, folder / "formatie.yaml", "data/org/2025/formatie.yaml")
    (folder / "formatieanalyse.csv").write_text(
        "peildatum;reden;functie;schaal;fte;uitleg\n1-7-2025;Nieuw;Consulent;9;1,00;x\n",
        encoding="utf-8")
    with pytest.raises(DataError) as caught:
        store.load(formatie.SPEC, folder / "formatie.yaml", "data/org/2025/formatie.yaml")
    assert caught.value.finding.code == "dubbele-bron"
    assert "formatieanalyse.csv en data/org/2025/formatieanalyse.xlsx" in \
        caught.value.finding.message
