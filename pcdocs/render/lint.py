"""A lint for figures typed by hand: a number in a page's prose that the page's data also holds.

Such a number is the start of every contradiction between text and table: next year the data
changes and the typed copy does not. `check` warns at the line, names the figure's source and
the macro that shows it (`--strict` makes it an error).

What counts as a figure: a number written the Dutch way with a decimal comma (`38,09`),
thousands dots (`99.539`), or at least three digits (`183`). Years (1900-2100), numbers
inside macros, code, links, HTML tags and comments are left alone, and so are small whole
numbers (`3 speerpunten`), which are too common to tell apart from the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pcdocs.blocks.datasets import blocks
from pcdocs.codes import Code
from pcdocs.errors import Finding, PcdocsError
from pcdocs.model.figures import Figure
from pcdocs.render.page import PageContext

CODE: Code = "cijfer-met-de-hand"

# A Dutch number: thousands dots in groups of three and/or a decimal comma, or plain digits.
_NUMBER = re.compile(r"(?<![\w.,/#-])-?(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+)(?![\w/])")
_FIGURE_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+(?:,\d+)?")

# Regions of a page that are not prose, blanked out (newlines kept, so lines stay right).
_NOT_PROSE = [
    re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S),  # fenced code
    re.compile(r"\{%\s*raw\s*%\}.*?\{%\s*endraw\s*%\}", re.S),
    re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S),  # macros
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"`[^`\n]*`"),  # inline code
    re.compile(r"\]\([^)\n]*\)"),  # link targets
    re.compile(r"<[^>\n]*>"),  # HTML tags and their attributes
    re.compile(r"\{[:#.][^}\n]*\}"),  # attribute lists, heading anchors
]


@dataclass(frozen=True)
class _Known:
    key: str  # "inhuur.totaal"
    figure: Figure


def typed_figures(ctx: PageContext, body: str) -> list[Finding]:
    """Warnings for the numbers in `body` (a page's Markdown without front matter) that the
    data of the page also holds."""
    if ctx.document is None or ctx.scope is None:
        return []
    known = _known_figures(ctx)
    if not known:
        return []
    findings = []
    prose = _prose(body)
    for number in _NUMBER.finditer(prose):
        value = _value(number.group(0))
        if value is None or not _distinctive(number.group(0), value):
            continue
        matches = known.get(value)
        if not matches:
            continue
        line = ctx.line_offset + prose.count("\n", 0, number.start()) + 1
        first = matches[0]
        source = first.figure.sources[0].ref() if first.figure.sources else "de gegevens"
        others = f" (en nog {len(matches) - 1} cijfer(s) met dezelfde waarde)" \
            if len(matches) > 1 else ""
        findings.append(Finding(
            "warning", CODE, ctx.file, line,
            f"'{number.group(0)}' staat met de hand in de tekst; hetzelfde cijfer komt uit "
            f"{source} ({first.figure.label or first.key}){others}",
            hint=f"schrijf {{{{ cijfer('{first.key}') }}}}, dan blijven tekst en gegevens "
                 "gelijk", key=first.key))
    return findings


def _known_figures(ctx: PageContext) -> dict[Decimal, list[_Known]]:
    """Every numeric figure of the datasets in the page's data folder, by the number shown."""
    scope = ctx.scope
    assert scope is not None
    index: dict[Decimal, list[_Known]] = {}
    for kind, block in sorted(blocks().items()):
        path = scope.locate(block)
        if path is None:
            continue
        try:  # read without marking the file as used by the page (that is the manifest's)
            figures = block.figures(scope.store.load(block, path, scope.rel(path)))
        except PcdocsError:
            continue  # reported with the data file itself
        for name, figure in figures.items():
            if figure.numeric() is None:
                continue
            try:
                shown = figure.text("zonder-eenheid")
            except PcdocsError:
                continue
            for token in _FIGURE_NUMBER.findall(shown):
                value = _value(token)
                if value is not None and _distinctive(token, value):
                    index.setdefault(value, []).append(_Known(f"{kind}.{name}", figure))
    return index


def _prose(body: str) -> str:
    for pattern in _NOT_PROSE:
        body = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body)
    return body


def _value(token: str) -> Decimal | None:
    try:
        return Decimal(token.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _distinctive(token: str, value: Decimal) -> bool:
    """A number specific enough that a match with the data is not a coincidence."""
    if "," in token or "." in token:
        return value != 0 and not _round(value)
    if 1900 <= value <= 2100:
        return False  # a year
    return abs(value) >= 100 and not _round(value)


def _round(value: Decimal) -> bool:
    """100, 1.000, 10.000: round numbers that prose uses for other things than the data."""
    if value != value.to_integral_value():
        return False
    return str(int(abs(value))).rstrip("0") == "1"
