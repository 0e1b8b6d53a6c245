"""Tables as controllers keep them: CSV exported by (Dutch) Excel, or an XLSX workbook.

CSV: UTF-8 with or without BOM, or cp1252 when the file is not UTF-8 and every non-ASCII
byte is a letter or sign Dutch text uses; `;` or `,` as separator. With `;` the Dutch
conventions hold (decimal comma, thousands dot, `€ -` for zero, `-/-` for minus); with `,`
numbers use a decimal point and no thousands separator. A cell that is not a number where a
number belongs is an error that names the row and the column; never a silent string and never
a wrong magnitude ("38.09" in a Dutch file is refused, not read as 3809).

XLSX: the first sheet (or the named one); the first row holds the headers.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pcdocs.errors import DataError
from pcdocs.load import MAX_BYTES, number_problem

_CP1252_DUTCH = set("éèëêïíóöôüúàáâçñ€–—‘’“”…ÉÈËÏÖÜ°½¼")
_DUTCH_NUMBER = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_POINT_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class TableRow:
    line: int  # the line in the CSV file, or the row number in the sheet
    cells: dict[str, Any]


@dataclass(frozen=True)
class TableData:
    file: str
    header: list[str]
    rows: list[TableRow]
    dutch: bool  # decimal comma (CSV with ';', and XLSX text cells)
    letters: dict[str, str]  # column name -> spreadsheet letter (XLSX), for messages

    def where(self, row: TableRow, column: str) -> str:
        letter = self.letters.get(column)
        col = f"kolom {letter} ({column})" if letter else f"kolom '{column}'"
        return f"rij {row.line}, {col}"


def _decode(raw: bytes, rel: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = raw.decode("cp1252", errors="replace")
        odd = {ch for ch in text if ord(ch) > 127} - _CP1252_DUTCH
        if "\ufffd" not in text and not odd:
            return text
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            "bestand is geen UTF-8 en ook niet met zekerheid Windows-1252", file=rel, line=line,
            code="codering", hint="sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'",
        ) from None


def read_csv(path: Path, rel: str) -> TableData:
    raw = _read_bytes(path, rel)
    text = _decode(raw, rel)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if not first:
        raise DataError("bestand is leeg", file=rel, line=1, code="leeg-bestand",
                        hint="zet op de eerste regel de kolomnamen")
    separator = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    header: list[str] = []
    rows: list[TableRow] = []
    previous = 0
    for record in _records(reader, rel):
        start, previous = previous + 1, reader.line_num  # a quoted cell may span lines
        if not any(cell.strip() for cell in record):
            continue
        if not header:
            header = [_column_name(c) for c in record]
            continue
        _check_cells(record, header, separator, rel, start)
        cells = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header)}
        rows.append(TableRow(start, cells))
    _check_header(header, rel)
    return TableData(rel, header, rows, separator == ";", {})


def _records(reader: Any, rel: str) -> Iterator[list[str]]:
    """The reader's records; a quote that is never closed is an error at the line where the
    record began, never a cell that silently swallows the rest of the file."""
    line = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise DataError("een aanhalingsteken (\") wordt niet gesloten", file=rel,
                            line=line + 1, code="aanhalingsteken",
                            hint="sluit de tekst met een tweede \" of verwijder het teken; "
                                 "een \" in tekst schrijft u als \"\"") from None
        line = reader.line_num
        yield record


def _check_cells(record: list[str], header: list[str], separator: str, rel: str,
                 line: int) -> None:
    """A row split into as many cells as the header has (empty cells past it are allowed)."""
    other = "," if separator == ";" else ";"
    if 2 * len(record) < len(header) and sum(c.count(other) for c in record) >= \
            len(header) - len(record):  # the row was not split: it uses another separator
        raise DataError(f"rij {line} gebruikt '{other}' als scheidingsteken, de kop "
                        f"'{separator}'", file=rel, line=line, code="scheidingsteken",
                        hint=f"scheid alle cellen met '{separator}', zoals in de kop; "
                             "exporteer het blad opnieuw uit Excel")
    long = len(record) > len(header) and any(c.strip() for c in record[len(header):])
    if long or len(record) < len(header):  # Excel writes every cell, empty ones too
        raise DataError(f"rij {line} heeft {len(record)} cellen, de kop {len(header)}",
                        file=rel, line=line, code="kolommen",
                        hint=f"controleer het scheidingsteken ('{separator}'), of de rij "
                             "afgebroken is, en aanhalingstekens rond tekst met dat teken")


def read_xlsx(path: Path, rel: str, sheet: str | None = None) -> TableData:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    _read_bytes(path, rel)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DataError(f"werkmap is niet te lezen ({type(exc).__name__})", file=rel,
                        code="onleesbaar", hint="open en bewaar het bestand opnieuw in Excel") \
            from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataError(f"werkblad '{sheet}' bestaat niet", file=rel, code="werkblad",
                            hint="werkbladen: " + ", ".join(book.sheetnames))
        ws = book[sheet] if sheet else book.worksheets[0]
        header: list[str] = []
        letters: dict[str, str] = {}
        rows: list[TableRow] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if not any(v is not None and str(v).strip() for v in values):
                continue
            if not header:
                header = [_column_name(str(v or "")) for v in values]
                letters = {h: get_column_letter(i + 1) for i, h in enumerate(header)}
                continue
            cells = {h: _xlsx_value(values[i] if i < len(values) else None)
                     for i, h in enumerate(header) if h}
            rows.append(TableRow(number, cells))
    finally:
        book.close()
    if not header:
        raise DataError("werkblad is leeg", file=rel, line=1, code="leeg-bestand",
                        hint="zet op de eerste rij van het eerste werkblad de kolomnamen")
    header = [h for h in header if h]
    _check_header(header, rel)
    return TableData(rel, header, rows, True, letters)


def read_table(path: Path, rel: str) -> TableData:
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path, rel)
    return read_csv(path, rel)


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dt.datetime):
        return value.date()
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else value


def _read_bytes(path: Path, rel: str) -> bytes:
    from pcdocs.load import read_text

    if not path.exists() or path.is_dir() or path.stat().st_size > MAX_BYTES:
        read_text(path, rel)  # raises the matching clear error
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) and path.suffix.lower() != ".xlsx":
        raise DataError("bestand is opgeslagen als UTF-16 ('Unicode-tekst')", file=rel, line=1,
                        code="codering",
                        hint="sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'")
    if b"\x00" in raw and path.suffix.lower() != ".xlsx":
        raise DataError("bestand bevat binaire gegevens, geen tekst", file=rel, code="binair",
                        line=raw[: raw.index(b"\x00")].count(b"\n") + 1,
                        hint="exporteer als CSV of bewaar als .xlsx")
    return raw


def _column_name(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.strip().lower())


def _check_header(header: list[str], rel: str) -> None:
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise DataError(f"kolom '{name}' staat dubbel in de kop", file=rel, line=1,
                            code="dubbele-kolom", hint="geef elke kolom een eigen naam")
        seen.add(name)


def require_columns(table: TableData, required: list[str], optional: list[str]) -> None:
    """Known columns only; every required one present. A typo gets a suggestion."""
    from pcdocs.schema import suggest

    known = required + optional
    for name in table.header:
        if name and name not in known:
            guess = suggest(name, known)
            raise DataError(f"onbekende kolom '{name}'", file=table.file, line=1,
                            code="onbekende-kolom",
                            hint=f"bedoelde u '{guess}'?" if guess else
                            "toegestaan: " + ", ".join(known))
    for name in required:
        if name not in table.header:
            raise DataError(f"kolom '{name}' ontbreekt", file=table.file, line=1,
                            code="ontbrekende-kolom", hint="kolommen: " + ", ".join(required))


def number(table: TableData, row: TableRow, column: str, *, empty: Decimal | None = None
           ) -> Decimal:
    """A number from a cell, by the file's conventions; `empty` is used for a blank cell."""
    raw = row.cells.get(column, "")
    if isinstance(raw, bool):
        raise _not_a_number(table, row, column, raw)
    text = str(raw).strip()
    if isinstance(raw, int | Decimal):
        value: Decimal | None = Decimal(raw)
    elif not text:
        if empty is None:
            raise DataError(f"{table.where(row, column)} is leeg", file=table.file,
                            line=row.line, key=column, code="lege-waarde",
                            hint="vul een getal in (0 als het nul is)")
        return empty
    else:
        value = parse_number(text, dutch=table.dutch)
    if value is None:
        raise _not_a_number(table, row, column, text)
    problem = number_problem(value)
    if problem is not None:
        raise DataError(f"{table.where(row, column)}: '{text}' {problem}", file=table.file,
                        line=row.line, key=column, code="buiten-bereik",
                        hint="controleer de cel; een bedrag staat in hele euro's of centen")
    return value


def parse_number(text: str, *, dutch: bool) -> Decimal | None:
    """'€ 99.539' -> 99539; '-/- 1,75' -> -1.75; '€ -' -> 0. None when it is no number."""
    t = text.replace("\u00a0", " ").replace("€", "").replace(" ", "").strip()
    negative = False
    if t.startswith("-/-"):
        negative, t = True, t[3:]
    if t in ("-", "–"):
        return Decimal(0)
    if t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1]
    pattern = _DUTCH_NUMBER if dutch else _POINT_NUMBER
    if not pattern.match(t):
        return None
    if dutch:
        t = t.replace(".", "").replace(",", ".")
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    return -value if negative else value


def _not_a_number(table: TableData, row: TableRow, column: str, raw: object) -> DataError:
    conventions = ("met komma als decimaalteken en punt voor duizendtallen, bijv. 1.234,56"
                   if table.dutch else "met punt als decimaalteken, bijv. 1234.56")
    return DataError(f"{table.where(row, column)}: '{raw}' is geen getal", file=table.file,
                     line=row.line, key=column, code="geen-getal",
                     hint=f"schrijf een getal {conventions}")


def text(table: TableData, row: TableRow, column: str, *, required: bool = True) -> str:
    value = str(row.cells.get(column, "") or "").strip()
    if required and not value:
        raise DataError(f"{table.where(row, column)} is leeg", file=table.file, line=row.line,
                        key=column, code="lege-waarde", hint="vul de cel in")
    return value
