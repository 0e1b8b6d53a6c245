from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.errors import DataError
from pcdocs.model import tables


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_dutch_excel_csv_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "\ufeffnaam;bedrag;fte\nA;€ 99.539;1,86\nB;€ -;-/- 0,50\n"
                 .encode())
    t = tables.read_csv(path, "data/x.csv")
    assert t.dutch and t.header == ["naam", "bedrag", "fte"]
    assert [r.line for r in t.rows] == [2, 3]
    values = [(tables.number(t, r, "bedrag"), tables.number(t, r, "fte")) for r in t.rows]
    assert values == [(Decimal(99539), Decimal("1.86")), (Decimal(0), Decimal("-0.50"))]


@pytest.mark.parametrize("cell", ["38.09", "1.23", "12,3,4", "vier", "1 234,5x"])
def test_ambiguous_or_wrong_numbers_are_refused_with_row_and_column(tmp_path: Path,
                                                                    cell: str) -> None:
    path = write(tmp_path, "x.csv", f"naam;fte\nA;1,00\nB;{cell}\n".encode())
    t = tables.read_csv(path, "data/x.csv")
    with pytest.raises(DataError) as info:
        tables.number(t, t.rows[1], "fte")
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == ("data/x.csv", 3, "fte", "geen-getal")
    assert "rij 3, kolom 'fte'" in f.message


def test_comma_separated_files_use_a_decimal_point(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", b"naam,fte\nA,38.09\n")
    t = tables.read_csv(path, "x.csv")
    assert not t.dutch
    assert tables.number(t, t.rows[0], "fte") == Decimal("38.09")


def test_cp1252_export_is_read_when_certain(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", "functie;fte\nKlachtencoördinator;0,80\n".encode("cp1252"))
    t = tables.read_csv(path, "x.csv")
    assert t.rows[0].cells["functie"] == "Klachtencoördinator"


def test_quoted_cells_with_newlines_keep_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", b'naam;uitleg;fte\nA;"twee\nregels";1\nB;x;vijf\n')
    t = tables.read_csv(path, "x.csv")
    assert [r.line for r in t.rows] == [2, 4]
    with pytest.raises(DataError) as info:
        tables.number(t, t.rows[1], "fte")
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == ("x.csv", 4, "fte", "geen-getal")


def test_a_row_with_too_many_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", b"a;b\n1;2;3\n")
    with pytest.raises(DataError) as info:
        tables.read_csv(path, "x.csv")
    assert (info.value.finding.line, info.value.finding.code) == (2, "kolommen")


def test_unknown_and_missing_columns(tmp_path: Path) -> None:
    t = tables.read_csv(write(tmp_path, "x.csv", b"functie;ftee\nA;1\n"), "x.csv")
    with pytest.raises(DataError) as info:
        tables.require_columns(t, ["functie", "fte"], [])
    assert info.value.finding.hint == "bedoelde u 'fte'?"
    assert (info.value.finding.line, info.value.finding.code) == (1, "onbekende-kolom")


def test_xlsx_is_read_directly_with_cell_letters(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Functie", "Fte"])
    sheet.append(["Consulent", 1.86])
    sheet.append(["Beleid", "veel"])
    book.save(tmp_path / "x.xlsx")
    t = tables.read_table(tmp_path / "x.xlsx", "data/x.xlsx")
    assert tables.number(t, t.rows[0], "fte") == Decimal("1.86")
    with pytest.raises(DataError) as info:
        tables.number(t, t.rows[1], "fte")
    assert "rij 3, kolom B (fte)" in info.value.finding.message
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == ("data/x.xlsx", 3, "fte", "geen-getal")


def test_damaged_xlsx(tmp_path: Path) -> None:
    path = write(tmp_path, "x.xlsx", b"PK\x03\x04 not really a workbook")
    with pytest.raises(DataError) as info:
        tables.read_table(path, "x.xlsx")
    assert info.value.finding.code == "onleesbaar"
