"""Tables as controllers keep them: CSV exported by (Dutch) Excel, or an XLSX workbook.

CSV: UTF-8 with or without BOM, or cp1252 when the file is not UTF-8 and every non-ASCII
byte is a letter or sign Dutch text uses; `;` or `,` as separator. With `;` the Dutch
conventions hold (decimal comma, thousands dot, `€ -` for zero, `-/-` for minus); with `,`
numbers use a decimal point and no thousands separator. A cell that is not a number where a
number belongs is an error that names the row and the column; never a silent string and never
a wrong magnitude ("38.09" in a Dutch file is refused, not read as 3809).

XLSX: the first sheet (or the named one); the first row holds the headers. The workbook is
a zip: before openpyxl reads it, its parts are measured unpacked and every XML part is
checked for a DTD (the only way to an entity bomb or an outside file), so a small file cannot
fill the machine. A formula cell is read by the value Excel stored with it; a formula without
a stored value (as a script writes it) or one that takes its value from another workbook is
an error at the cell, never an empty or stale figure.

Limits (a P&C table has at most a few hundred rows and a few dozen columns): see MAX_ROWS and
what follows; each is a finding at the file (and row), never a slow or exhausted build.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from xml.parsers import expat
from zlib import error as zlib_error

from pcdocs.errors import DataError
from pcdocs.model.load import MAX_BYTES, ends_mid_line, number_problem

_CP1252_DUTCH = set("éèëêïíóöôüúàáâçñ€–—‘’“”…ÉÈËÏÖÜ°½¼")
_DUTCH_NUMBER = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")
_POINT_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# '1.860' in a Dutch table: one thousand eight hundred and sixty, or 1,86 typed the English
# way? Only a single dot group without a comma can be read both ways ('1.860.000' cannot).
_ONE_DOT_GROUP = re.compile(r"^-?\d{1,3}\.\d{3}$")
_DECIMAL_COMMA = re.compile(r"^-?(\d{1,3}(\.\d{3})*|\d+),\d+$")
_DOT_AND_COMMA = re.compile(r"^-?\d{1,3}(\.\d{3})+,\d+$")

MAX_ROWS = 1_000  # rows with content in one table (the examples have at most 19; a block
# checks each row against the ones before it, so time grows with the square of the rows)
MAX_COLUMNS = 100  # columns of one table or sheet (the examples have at most 11)
MAX_SHEET_ROWS = 1_048_576  # Excel's own last row; empty rows up to it are skipped
MAX_UNPACKED = 32 * 1024 * 1024  # a workbook unpacked (the examples: well under 1 MiB)
MAX_PART = 8 * 1024 * 1024  # one XML part openpyxl parses whole (styles, workbook, ...)
MAX_PARTS = 10_000  # files inside the workbook's zip (Excel writes a few dozen)
MAX_SHARED_STRINGS = 200_000  # distinct texts in a workbook
_CHUNK = 1024 * 1024
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
# A reference to another workbook as a formula is stored: [1]Blad1!A1, '[1]Blad 1'!A1, [1]!naam
_EXTERNAL = re.compile(r"(?:'\[\d+\][^']*'|\[\d+\][\w.]*)!")


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
    _decimal: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def holds_decimals(self, column: str) -> bool:
        """Whether the file itself shows `column` to hold numbers with decimals: some cell has
        a decimal comma (or a fraction, in a number cell) and none is written with both a
        thousands dot and a decimal comma (as amounts with cents are: 1.234,56)."""
        if column not in self._decimal:
            fraction = dots_and_comma = False
            for row in self.rows:
                raw = row.cells.get(column, "")
                if isinstance(raw, Decimal) and raw != raw.to_integral_value():
                    fraction = True
                elif isinstance(raw, str):
                    cell = _bare_number(raw)
                    fraction = fraction or bool(_DECIMAL_COMMA.match(cell))
                    dots_and_comma = dots_and_comma or bool(_DOT_AND_COMMA.match(cell))
            self._decimal[column] = fraction and not dots_and_comma
        return self._decimal[column]

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
    cut = ends_mid_line(text)
    last = sum(1 for _ in io.StringIO(text, newline="")) if cut else 0
    header: list[str] = []
    rows: list[TableRow] = []
    previous = 0
    for record in _records(reader, rel):
        start, previous = previous + 1, reader.line_num  # a quoted cell may span lines
        if not any(cell.strip() for cell in record):
            continue
        if not header:
            header = [_column_name(c) for c in record]
            _check_width(len(header), rel, start)
            continue
        if cut and reader.line_num == last and len(record) < len(header):
            raise DataError(f"de laatste rij ({start}) houdt halverwege op: {len(record)} van "
                            f"de {len(header)} cellen, zonder regeleinde", file=rel,
                            line=start, code="afgebroken",
                            hint="het bestand is waarschijnlijk afgebroken bij kopiëren of "
                                 "opslaan; zet het volledige bestand terug")
        _check_cells(record, header, separator, rel, start)
        _check_length(len(rows) + 1, rel, start)
        cells = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header)}
        rows.append(TableRow(start, cells))
    _check_header(header, rel)
    return TableData(rel, header, rows, separator == ";", {})


def _check_width(columns: int, rel: str, line: int) -> None:
    if columns > MAX_COLUMNS:
        raise DataError(f"de tabel heeft {columns} kolommen; de grens is {MAX_COLUMNS}",
                        file=rel, line=line, code="te-veel-kolommen",
                        hint="een tabel voor een P&C-document heeft enkele kolommen; verwijder "
                             "lege of overbodige kolommen, of controleer het scheidingsteken")


def _check_length(rows: int, rel: str, line: int) -> None:
    if rows > MAX_ROWS:
        raise DataError(f"de tabel heeft meer dan {MAX_ROWS:_} rijen".replace("_", "."),
                        file=rel, line=line, code="te-veel-rijen",
                        hint="splits de tabel of controleer of dit het juiste bestand is")


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
    from openpyxl.utils import get_column_letter

    raw = _read_bytes(path, rel)
    has_formulas = _inspect_workbook(raw, rel)
    book = _open_workbook(raw, rel)
    header: list[str] = []
    letters: dict[str, str] = {}
    rows: list[TableRow] = []
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise DataError(f"werkblad '{sheet}' bestaat niet", file=rel, code="werkblad",
                            hint="werkbladen: " + ", ".join(book.sheetnames))
        ws = book[sheet] if sheet else book.worksheets[0]
        suspect = _suspect_formulas(raw, ws._worksheet_path) if has_formulas else {}
        for number, values in _sheet_rows(ws, rel):
            if suspect:
                for i in range(len(header) if header else len(values)):
                    if (number, i + 1) in suspect and (not header or header[i]):
                        raise _formula_error(suspect[number, i + 1], rel, ws.title,
                                             f"{get_column_letter(i + 1)}{number}", number,
                                             header[i] if header else None)
            if not any(v is not None and str(v).strip() for v in values):
                continue
            if not header:
                header = [_column_name(str(v or "")) for v in values]
                letters = {h: get_column_letter(i + 1) for i, h in enumerate(header)}
                continue
            _check_length(len(rows) + 1, rel, number)
            cells = {h: _xlsx_value(values[i] if i < len(values) else None)
                     for i, h in enumerate(header) if h}
            rows.append(TableRow(number, cells))
    except DataError:
        raise
    except Exception as exc:  # a part openpyxl reads only now, while iterating the sheet
        raise _unreadable(rel, exc) from None
    finally:
        book.close()
    if not header:
        raise DataError("werkblad is leeg", file=rel, line=1, code="leeg-bestand",
                        hint="zet op de eerste rij van het eerste werkblad de kolomnamen")
    header = [h for h in header if h]
    _check_header(header, rel)
    return TableData(rel, header, rows, True, letters)


def _unreadable(rel: str, exc: BaseException) -> DataError:
    return DataError(f"werkmap is niet te lezen ({type(exc).__name__})", file=rel,
                     code="onleesbaar", hint="open en bewaar het bestand opnieuw in Excel")


def _open_workbook(raw: bytes, rel: str) -> Any:
    from openpyxl import load_workbook

    try:  # keep_links=False: a linked workbook's cached copy is never parsed
        return load_workbook(io.BytesIO(raw), read_only=True, data_only=True,
                             keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _unreadable(rel, exc) from None


def _sheet_rows(ws: Any, rel: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values as Excel stored them) for each row of the sheet, within the
    limits: at most MAX_COLUMNS columns, rows up to Excel's last one."""
    width = ws.max_column  # from the sheet's <dimension>, which Excel keeps exact
    if width is not None and width > MAX_COLUMNS:
        raise DataError(f"werkblad '{ws.title}' loopt tot kolom {_letter(width)}; de grens "
                        f"is {MAX_COLUMNS} kolommen", file=rel, code="te-veel-kolommen",
                        hint="verwijder de kolommen rechts van de tabel (ook lege met "
                             "opmaak), of zet de tabel op een eigen werkblad")
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_SHEET_ROWS:
            raise DataError(f"werkblad '{ws.title}' heeft meer rijen dan Excel kent",
                            file=rel, code="te-veel-rijen",
                            hint="open en bewaar het bestand opnieuw in Excel")
        if len(values) > MAX_COLUMNS:
            _check_width(len(values), rel, number)
        yield number, values


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column) if 0 < column <= 18_278 else str(column)


# Why a formula cell's stored value cannot be shown: it takes it from another workbook, it
# has none, or a program wrote the workbook (fullCalcOnLoad) and stored 0 for Excel to fill in.
_EXTERN, _NO_VALUE, _PROGRAM = "extern", "geen-waarde", "programma"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _recalculates(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook asks Excel to recalculate everything when opened
    (<calcPr fullCalcOnLoad="1"/>), as openpyxl and XlsxWriter write it and Excel never
    saves it. (openpyxl itself reports True for a workbook that does not say.)"""
    from xml.etree.ElementTree import fromstring

    types = fromstring(archive.read("[Content_Types].xml"))
    for override in types:
        if str(override.get("ContentType", "")).endswith(".main+xml"):
            book = fromstring(archive.read(str(override.get("PartName", "")).lstrip("/")))
            calc = book.find(f"{_MAIN}calcPr")
            return calc is not None and calc.get("fullCalcOnLoad") in ("1", "true")
    return False


def _suspect_formulas(raw: bytes, part: str) -> dict[tuple[int, int], tuple[str, str]]:
    """(row, column) -> (formula, why) for each formula cell of the sheet whose stored value
    cannot be trusted. Read from the sheet's XML itself: openpyxl gives None both for a
    formula without a stored value and for one whose result is an empty text. The parts were
    checked for a DTD before, so this parse expands no entity."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import coordinate_to_tuple

    found: dict[tuple[int, int], tuple[str, str]] = {}
    shared: dict[str, str] = {}  # a shared formula's text, by its index (same references)
    row = column = 0
    with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open(part) as stream:
        recalc = _recalculates(archive)
        data = None
        for event, el in iterparse(stream, events=("start", "end")):
            tag = el.tag.rsplit("}", 1)[-1]
            if event == "start":
                if tag == "sheetData":
                    data = el
                elif tag == "row":
                    row, column = int(el.get("r") or row + 1), 0
                continue
            if tag == "row" and data is not None:
                data.clear()  # rows already read: keep memory flat
            if tag != "c":
                continue
            ref = el.get("r")
            row, column = coordinate_to_tuple(ref) if ref else (row, column + 1)
            formula = el.find(f"{_MAIN}f")
            if formula is None:
                continue
            text = formula.text or ""
            if formula.get("t") == "shared" and formula.get("si") is not None:
                text = shared.setdefault(formula.get("si", ""), text) if text else \
                    shared.get(formula.get("si", ""), "")
            value = el.findtext(f"{_MAIN}v") or ""
            why = (_EXTERN if _EXTERNAL.search(text) else
                   _NO_VALUE if not value and el.get("t") != "str" else
                   _PROGRAM if recalc and value.strip() == "0" and el.get("t", "n") == "n"
                   else None)
            if why is not None and len(found) <= MAX_ROWS * MAX_COLUMNS:
                found[row, column] = ("=" + text.removeprefix("="), why)
    return found


def _formula_error(suspect: tuple[str, str], rel: str, sheet: str, cell: str, line: int,
                   column: str | None) -> DataError:
    formula, why = suspect
    shown = formula if len(formula) <= 60 else formula[:57] + "..."
    where = f"cel {cell} van werkblad '{sheet}'"
    if why == _EXTERN:
        return DataError(f"{where} haalt zijn waarde uit een andere werkmap ({shown}): pcdocs "
                         "ziet alleen wat Excel de laatste keer uit die werkmap overnam",
                         file=rel, line=line, key=column, code="externe-koppeling",
                         hint="kopieer de cellen en plak ze als waarden (Plakken speciaal > "
                              "Waarden), of neem de gegevens op in deze werkmap")
    what = ("zonder opgeslagen uitkomst" if why == _NO_VALUE else
            "met een uitkomst die een programma opsloeg, niet Excel (de werkmap vraagt Excel "
            "alles opnieuw te berekenen)")
    return DataError(f"{where} heeft een formule ({shown}) {what}; pcdocs zou de cel als "
                     f"{'leeg' if why == _NO_VALUE else '0'} lezen", file=rel, line=line,
                     key=column, code="formule-zonder-waarde",
                     hint="open het bestand in Excel en sla het op: dan bewaart Excel de "
                          "uitkomst van elke formule (een werkmap die een programma schreef, "
                          "heeft die niet)")


def _inspect_workbook(raw: bytes, rel: str) -> bool:
    """Measure the workbook before openpyxl parses any of it: a zip that stops halfway, too
    many or too large parts, too many texts or a DTD in any part are refused. Returns whether
    any part holds a formula (then the sheet's formulas are read too)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        if _zip_start(raw):
            raise DataError("de werkmap houdt halverwege op: het slot van het zip-bestand "
                            f"ontbreekt (het bestand is {len(raw):_} bytes)".replace("_", "."),
                            file=rel, code="afgebroken",
                            hint="het bestand is waarschijnlijk afgebroken bij kopiëren of "
                                 "opslaan; zet het volledige bestand terug") from None
        raise DataError("werkmap is niet te lezen (geen geldig .xlsx-bestand)", file=rel,
                        code="onleesbaar", hint="open en bewaar het bestand opnieuw in Excel") \
            from None
    with archive:
        parts = archive.infolist()
        unpacked = sum(p.file_size for p in parts)
        mib = 1024 * 1024
        if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED:
            raise DataError(f"de werkmap is uitgepakt {-(-unpacked // mib)} MiB in "
                            f"{len(parts)} delen; de grens is {MAX_UNPACKED // mib} MiB",
                            file=rel, code="te-groot",
                            hint="een werkmap met een tabel voor een P&C-document is klein; "
                                 "zet de tabel in een eigen werkmap of exporteer hem als CSV")
        for part in parts:
            if part.file_size > MAX_PART and _parsed_whole(part.filename):
                raise DataError(f"het deel {part.filename} van de werkmap is uitgepakt "
                                f"{-(-part.file_size // mib)} MiB; de grens is "
                                f"{MAX_PART // mib} MiB", file=rel, code="te-groot",
                                hint="open en bewaar het bestand opnieuw in Excel; helpt dat "
                                     "niet, zet de tabel in een nieuwe werkmap")
        strings, formulas = 0, False
        for part in parts:
            try:
                doctype, count, formula = _scan_part(archive, part)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, ValueError,
                    NotImplementedError, zlib_error) as exc:  # damaged or encrypted
                raise _unreadable(rel, exc) from None
            if doctype:
                raise DataError(f"het deel {part.filename} van de werkmap bevat een DTD "
                                "(<!DOCTYPE ...>); Excel schrijft die nooit, en ze kan de "
                                "bouw laten vastlopen of bestanden van buiten laten lezen",
                                file=rel, code="onveilige-werkmap",
                                hint="open het bestand in Excel en sla het opnieuw op als "
                                     "Excel-werkmap (.xlsx)")
            strings += count
            formulas = formulas or formula
            if strings > MAX_SHARED_STRINGS:
                raise DataError(f"de werkmap heeft meer dan {MAX_SHARED_STRINGS:_} "
                                "verschillende teksten".replace("_", "."), file=rel,
                                code="te-groot", hint="zet de tabel in een eigen werkmap of "
                                                      "exporteer hem als CSV")
    return formulas


def _zip_start(raw: bytes) -> bool:
    """Whether `raw` begins like a real zip (a local file header with a known method and a
    readable name) although its end is missing: a workbook cut off, not random bytes."""
    if len(raw) < 30 or not raw.startswith(b"PK\x03\x04"):
        return False
    method, name_length = struct.unpack("<H", raw[8:10])[0], struct.unpack("<H", raw[26:28])[0]
    name = raw[30:30 + name_length]  # (the cut may fall inside the name)
    return method in (0, 8) and 0 < name_length <= 255 and all(32 <= b < 127 for b in name)


def _parsed_whole(name: str) -> bool:
    """Parts openpyxl parses into a tree at once (the sheets and texts it streams)."""
    lower = name.lower()
    return lower.endswith((".xml", ".rels")) and not lower.startswith("xl/worksheets/") and \
        not lower.rsplit("/", 1)[-1].startswith("sharedstrings")


class _Stop(Exception):
    def __init__(self, doctype: bool) -> None:
        super().__init__()
        self.doctype = doctype


def _scan_part(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> tuple[bool, int, bool]:
    """(has a DTD, shared strings, has a formula) of one part, read as a stream. The DTD is
    looked for by expat itself up to the root element (where a DTD must stand), so no
    encoding, comment or padding hides it."""
    def doctype(*_: object) -> None:
        raise _Stop(True)

    def root(*_: object) -> None:
        raise _Stop(False)

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    prolog, strings, formula, tail = True, 0, False, b""
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            if prolog:
                try:
                    parser.Parse(chunk, False)
                except _Stop as stop:
                    if stop.doctype:
                        return True, 0, False
                    prolog = False
                except expat.ExpatError:
                    prolog = False  # not XML (an image, ...): openpyxl does not parse it
            text = tail + chunk
            strings += sum(1 for m in _SHARED_STRING.finditer(text) if m.end() > len(tail))
            formula = formula or bool(_FORMULA.search(text))
            tail = text[-64:]
    return False, strings, formula


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
    from pcdocs.model.load import read_text

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
    from pcdocs.model.schema import suggest

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


def number(table: TableData, row: TableRow, column: str, *, empty: Decimal | None = None,
           decimals: bool | None = None) -> Decimal:
    """A number from a cell, by the file's conventions; `empty` is used for a blank cell.

    `decimals` says what the column holds: True for numbers with decimals (fte, percentages),
    False for whole euros, cents and counts, None when the caller does not say (then the
    file decides: see TableData.holds_decimals). In a Dutch table '1.860' in a column with
    decimals is refused: it is 1860 by the Dutch convention but 1,86 typed the English way,
    and a figure a thousand times too large must not reach a council document."""
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
        if value is not None and table.dutch and _ONE_DOT_GROUP.match(_bare_number(text)) and \
                (decimals or (decimals is None and table.holds_decimals(column))):
            other = ("-" if value < 0 else "") + _bare_number(text).lstrip("-").replace(".", ",")
            raise DataError(f"{table.where(row, column)}: '{text}' is dubbelzinnig: "
                            f"volgens de Nederlandse schrijfwijze {value}, maar in deze "
                            f"kolom met decimalen is misschien {other} bedoeld (getypt met "
                            "een punt als decimaalteken)", file=table.file, line=row.line,
                            key=column, code="dubbelzinnig-getal",
                            hint=f"schrijf {other} voor een getal met decimalen, of {value} "
                                 "zonder punt voor een getal van duizend of meer")
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


def _bare_number(text: str) -> str:
    """The digits of a cell as parse_number reads them: no euro sign, spaces, '-/-' or
    parentheses."""
    t = text.replace("\u00a0", " ").replace("€", "").replace(" ", "").strip()
    t = t.removeprefix("-/-")
    return t[1:-1] if t.startswith("(") and t.endswith(")") else t


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


def write_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """A table as Dutch Excel opens it and `read_csv` reads it back: `;` between the cells,
    a line end of CR LF, UTF-8 with a BOM. The cells are written as given: the decimal comma
    (`38,09`, no thousands dot) and the guard against a text that starts like a formula are
    the caller's (pcdocs.render.html.csv_value and csv_cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
