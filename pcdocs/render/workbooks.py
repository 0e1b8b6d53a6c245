"""Excel templates (sjablonen) of the table file kinds an author fills in Excel.

Every CSV/XLSX file kind whose spec states its columns (`BlockSpec.templates`, a
`TableTemplate`: the block's own table, or a companion's such as `formatieanalyse`) has a
template, found through the registry: a new kind gets one as soon as its spec says its
columns. A template is an .xlsx workbook whose first sheet (the one `model/tables.py` reads)
holds the header row and one example row, and whose second sheet "Toelichting" says what
each column holds and what to do; a filled-in template is a data file as it is.

The bytes are the same on every run (fixed dates in the workbook's properties and in its
zip entries), so a template in the site or in a repository only changes when its columns do.
`pcdocs sjabloon` writes one (`commands/templates.py`); the macros `sjabloon()` and
`sjablonen()` offer them for download on a page of the author guide.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from pcdocs.blocks.spec import BlockSpec, TableTemplate, TemplateColumn
from pcdocs.errors import MacroError
from pcdocs.model.schema import suggest
from pcdocs.render import html
from pcdocs.render.page import PageContext

FIXED_TIME = dt.datetime(2024, 1, 1)  # the workbook's created/modified: never the clock
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
FORMATTED_ROWS = 200  # rows below the header that get the column's number format
SHEET_NOTES = "Toelichting"
_FORMATS = {"tekst": "@", "getal": "General", "bedrag": '"€" #,##0;"€" -#,##0',
            "datum": "dd-mm-yyyy"}
_KIND_WORDS = {"tekst": "tekst", "getal": "getal", "bedrag": "bedrag in euro's",
               "datum": "datum (dd-mm-jjjj)"}


def templates() -> dict[str, tuple[BlockSpec[Any], TableTemplate]]:
    """Every template by its file name (without extension), in the registry's order."""
    from pcdocs.blocks.registry import SPECS

    return {t.file: (spec, t) for spec in SPECS for t in spec.templates}


def find(name: str) -> TableTemplate:
    """The template of `name` (`inhuur`, `inhuur.xlsx`, `formatieanalyse.csv`), or a
    MacroError that names the closest one."""
    known = templates()
    stem = name.strip().lower().removesuffix(".xlsx").removesuffix(".csv")
    if stem in known:
        return known[stem][1]
    guess = suggest(stem, list(known))
    raise MacroError(f"er is geen sjabloon '{name}'", code="onbekende-dataset", key=name,
                     hint=f"bedoelde u '{guess}'?" if guess else
                     "sjablonen: " + ", ".join(known))


def file_name(template: TableTemplate) -> str:
    return f"{template.file}.xlsx"


def workbook(template: TableTemplate) -> bytes:
    """The template as .xlsx bytes, the same on every run."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.properties.creator = "pcdocs"
    book.properties.title = f"Sjabloon {file_name(template)}"
    book.properties.created = book.properties.modified = FIXED_TIME
    sheet = book.active
    assert sheet is not None
    sheet.title = template.file[:31]
    sheet.append([c.name for c in template.columns])
    sheet.append([_cell(value) for value in template.example])
    bold = Font(bold=True)
    for index, column in enumerate(template.columns, start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index).font = bold
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.name) + 4))
        for row in range(2, FORMATTED_ROWS + 2):
            sheet.cell(row=row, column=index).number_format = _FORMATS[column.kind]
        if column.choices:
            choice = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"',
                                    allow_blank=True, showErrorMessage=True,
                                    errorTitle=column.name,
                                    error="kies uit: " + ", ".join(column.choices))
            choice.add(f"{letter}2:{letter}{FORMATTED_ROWS + 1}")
            sheet.add_data_validation(choice)
    sheet.freeze_panes = "A2"
    _notes(book.create_sheet(SHEET_NOTES), template, bold)
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue())


def _cell(value: object) -> object:
    """An example value as Excel keeps it: a Decimal as a number, a date as a date."""
    if isinstance(value, Decimal):
        return float(value)
    return value


def _notes(sheet: Any, template: TableTemplate, bold: Any) -> None:
    from openpyxl.styles import Font

    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 11
    sheet.column_dimensions["C"].width = 20
    sheet.column_dimensions["D"].width = 80
    sheet.append([f"Sjabloon {file_name(template)}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([template.explanation])
    sheet.append([])
    for line in instructions(template):
        sheet.append([line])
    sheet.append([])
    sheet.append(["Kolom", "Verplicht", "Soort", "Uitleg"])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for column in template.columns:
        sheet.append([column.name, "ja" if column.required else "nee", column_kind(column),
                      column.explanation])


def column_kind(column: TemplateColumn) -> str:
    words = _KIND_WORDS[column.kind]
    return f"{words}: {' of '.join(column.choices)}" if column.choices else words


def instructions(template: TableTemplate) -> list[str]:
    """What to do with the template, in Dutch (the sheet "Toelichting" and the guide)."""
    first = template.file[:31]
    return [
        f"Vul het werkblad '{first}' in: de kop in rij 1 blijft zoals hij is, rij 2 is een "
        "voorbeeld. Vervang die rij door uw eigen gegevens en zet elke volgende regel in de "
        "rij eronder.",
        "Zet geen totalen of subtotalen in het blad: pcdocs rekent ze zelf uit.",
        f"Bewaar het bestand als {file_name(template)} in de gegevensmap van het document "
        f"(data/<organisatie>/<jaar>/). Zet er geen {template.file}.csv naast: twee bestanden "
        "met dezelfde gegevens zijn een fout.",
        "Dit werkblad (Toelichting) leest pcdocs niet; u mag het laten staan of verwijderen.",
    ]


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry's date, and the workbook's modified date, fixed
    (openpyxl stamps the clock on both when it saves)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>" + FIXED_TIME.strftime(
                    "%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()


# -- the macros of the author guide ------------------------------------------------------

def macro_sjabloon(ctx: PageContext, soort: str) -> Markup:
    """A download link to the template of `soort`, written next to the page."""
    template = find(soort)
    name = ctx.asset(file_name(template), workbook(template))
    return Markup('<a class="pc-sjabloon" href="{}" download>Sjabloon {} (Excel)</a>').format(
        name, file_name(template))


def macro_sjablonen(ctx: PageContext) -> Markup:
    """Every template: its file, what it holds, its columns and a download link."""
    rows = []
    for spec, template in templates().values():
        name = ctx.asset(file_name(template), workbook(template))
        columns = ", ".join(c.name if c.required else f"{c.name} (optioneel)"
                            for c in template.columns)
        rows.append(html.Row([
            Markup('<a class="pc-sjabloon" href="{}" download>{}</a>').format(
                name, file_name(template)),
            html.text(spec.label), html.text(template.explanation), html.text(columns)]))
    return html.table("Sjablonen voor tabellen uit Excel",
                      [html.Column("Sjabloon"), html.Column("Bouwsteen"),
                       html.Column("Wat erin staat"), html.Column("Kolommen")], rows,
                      cls="pc-sjablonen")
