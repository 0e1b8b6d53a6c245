"""Write the example workbook data/isd-bol/2025/programmas.xlsx (fictitious figures).

Lasten en baten per programma of the fictitious Begroting 2025 of ISD BOL with the
meerjarenraming 2026-2028, on the sheet "Programma's" after a sheet "Toelichting" (so
tabellen.yaml names the sheet), with the subtotals and the total a finance system writes
below its rows (pcdocs checks them against its own). Amounts in euros, lasten negative.

The file is the same byte for byte on every run: fixed document dates and fixed times in
the zip, no formulas (a formula written by a program has no stored value; see
pcdocs.model.tables). Run: .venv/bin/python scripts/make_example_xlsx.py
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

TARGET = Path(__file__).resolve().parents[1] / "data" / "isd-bol" / "2025" / "programmas.xlsx"
MOMENT = dt.datetime(2024, 11, 1, 9, 0, 0)
YEARS = ("Begroting 2025", "Raming 2026", "Raming 2027", "Raming 2028")

LASTEN = {
    "Inkomen": (38_450_000, 39_120_000, 39_800_000, 40_350_000),
    "Participatie": (6_210_000, 6_050_000, 5_980_000, 5_900_000),
    "Minimabeleid en schuldhulpverlening": (3_140_000, 3_190_000, 3_240_000, 3_290_000),
    "Bedrijfsvoering": (9_870_000, 10_060_000, 10_240_000, 10_410_000),
}
BATEN = {
    "Inkomen": (37_980_000, 38_600_000, 39_250_000, 39_800_000),
    "Participatie": (1_250_000, 1_200_000, 1_180_000, 1_150_000),
    "Bijdragen gemeenten": (18_440_000, 18_620_000, 18_800_000, 18_950_000),
}


def rows() -> list[list[object]]:
    """The sheet: the header, the lasten (negative) and baten, each with the subtotal the
    finance system writes, and the total (the saldo: lasten are negative)."""
    lasten = [["lasten", name, *(-a for a in amounts)] for name, amounts in LASTEN.items()]
    baten = [["baten", name, *amounts] for name, amounts in BATEN.items()]

    def column_sums(group: list[list[object]]) -> list[int]:
        return [sum(int(str(row[i])) for row in group) for i in range(2, 2 + len(YEARS))]

    return [["Soort", "Programma", *YEARS],
            *lasten, ["lasten", "Totaal lasten", *column_sums(lasten)],
            *baten, ["baten", "Totaal baten", *column_sums(baten)],
            ["", "Totaal", *column_sums(lasten + baten)]]


def workbook() -> Workbook:
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Toelichting"
    notes.append(["Begroting 2025 ISD BOL (fictief voorbeeld)"])
    notes.append(["Bedragen in euro's; lasten negatief, baten positief."])
    sheet = book.create_sheet("Programma's")
    for row in rows():
        sheet.append(row)
    book.properties.creator = "pcdocs voorbeeld"
    book.properties.created = MOMENT
    book.properties.modified = MOMENT
    return book


def xlsx_bytes() -> bytes:
    """The workbook as bytes, with the same zip entry times on every run."""
    raw = io.BytesIO()
    archive = zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)
    ExcelWriter(workbook(), archive).save()  # (closes the archive)
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=MOMENT.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(xlsx_bytes())
    print(f"geschreven: {TARGET}")


if __name__ == "__main__":
    main()
