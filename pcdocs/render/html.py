"""Small HTML builders shared by the blocks: tables, status badges, figures with charts.

All output is one line of HTML (so a macro can stand inside a list or an admonition) and
every piece of data text is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import unescape
from typing import Literal

from markupsafe import Markup, escape

Content = Markup | str


@dataclass(frozen=True)
class Column:
    label: str  # the full name (also the CSV header)
    numeric: bool = False
    short: str | None = None  # shown in the HTML header when a group row names the rest

    @property
    def shown(self) -> str:
        return self.short or self.label


@dataclass(frozen=True)
class Row:
    cells: Sequence[Content]
    kind: Literal["data", "group", "total", "subtotal"] = "data"
    raw: Sequence[object] | None = None  # the values behind the cells, for the CSV download


def _cell(content: Content, column: Column, first: bool, kind: str) -> Markup:
    classes = []
    if column.numeric and not first:
        classes.append("pc-num")
    attr = Markup(' class="{}"').format(" ".join(classes)) if classes else Markup("")
    if first:
        return Markup('<th scope="row"{}>{}</th>').format(attr, content)
    return Markup("<td{}>{}</td>").format(attr, content)


def table(
    caption: str,
    columns: Sequence[Column],
    rows: Sequence[Row],
    *,
    cls: str = "",
    notes: Sequence[Content] = (),
    download: str | None = None,
) -> Markup:
    """An accessible table: caption, column headers, row headers, group and total rows;
    `download` is the URL of the same data as CSV."""
    head = Markup("").join(
        Markup('<th scope="col"{}{}>{}</th>').format(
            Markup(' class="pc-num"') if c.numeric and i else Markup(""),
            Markup(' title="{}"').format(c.label) if c.short else Markup(""), c.shown
        )
        for i, c in enumerate(columns)
    )
    body: list[Markup] = []
    for row in rows:
        if row.kind == "group":
            # a group is a row group of its own: its header names the rows below it
            # (`rowgroup`), up to the next group; the text in a span stays in view when
            # the row scrolls sideways on a phone (pcdocs.css)
            if body:
                body.append(Markup("</tbody><tbody>"))
            body.append(Markup('<tr class="pc-groep"><th colspan="{}" scope="rowgroup">'
                               "<span>{}</span></th></tr>").format(len(columns), row.cells[0]))
            continue
        cells = Markup("").join(
            _cell(content, columns[i], i == 0, row.kind) for i, content in enumerate(row.cells)
        )
        row_cls = {"total": ' class="pc-totaal"', "subtotal": ' class="pc-subtotaal"'}.get(
            row.kind, "")
        body.append(Markup("<tr{}>{}</tr>").format(Markup(row_cls), cells))
    foot = Markup("")
    if notes:
        items = Markup("").join(Markup("<li>{}</li>").format(n) for n in notes)
        foot = Markup('<ul class="pc-tabelnoten">{}</ul>').format(items)
    if download:
        foot += Markup('<p class="pc-download"><a href="{}" download>De gegevens van deze tabel '
                       "(CSV)</a></p>").format(download)
    return Markup(
        '<div class="pc-tabel {}"><p class="pc-tabeltitel" aria-hidden="true">{}</p>{}'
        '<table class="pc-t"><caption class="pc-sr">{}</caption>'
        "<thead><tr>{}</tr></thead><tbody>{}</tbody></table></div>{}</div>"
    ).format(cls, caption, scroll_open(caption), caption, head, Markup("").join(body), foot)


def scroll_open(caption: str) -> Markup:
    """The opening tag of a table's horizontal scroll box. A wide table scrolls on a narrow
    screen, so the box takes keyboard focus (arrow keys scroll it) and is named by the
    table's caption for screen readers (WCAG 2.1.1; axe `scrollable-region-focusable`)."""
    name = caption.striptags() if isinstance(caption, Markup) else caption
    return Markup('<div class="pc-scroll" role="region" aria-label="{}" tabindex="0">').format(
        name)


STATUS_ICONS = {"behaald": "✓", "niet-behaald": "✗", "onbekend": "?", "neutraal": "–",
                "concept": "✎"}


def badge(text: str, tone: str) -> Markup:
    """A status as icon plus text (never colour alone)."""
    icon = STATUS_ICONS.get(tone, "")
    return Markup('<span class="pc-status pc-status--{}"><span aria-hidden="true">{}</span> '
                  "{}</span>").format(tone, icon, text)


def bullet_list(items: Sequence[Content], cls: str = "") -> Markup:
    body = Markup("").join(Markup("<li>{}</li>").format(i) for i in items)
    return Markup('<ul class="{}">{}</ul>').format(cls, body)


def chart_figure(src: str, alt: str, caption: str, source_note: str, data_table: Markup,
                 width: int, height: int) -> Markup:
    """A chart image with its text alternative, and right after it its figures as a table
    to unfold (a `<details>` may not stand inside a `<figure>`: HTML allows there only the
    figure's content and one caption)."""
    return Markup(
        '<figure class="pc-grafiek"><img src="{}" alt="{}" width="{}" height="{}" '
        'loading="lazy"><figcaption>{} <span class="pc-bron">Bron: {}</span></figcaption>'
        '</figure><details class="pc-grafiekdata"><summary>Cijfers bij deze grafiek</summary>'
        "{}</details>"
    ).format(src, alt, width, height, caption, source_note, data_table)


def heading(level: int, text: Content, cls: str) -> Markup:
    """A heading inside a block's HTML, `level` levels below the section the block stands in
    (1: one below). The page's own headings set that section: `tidy()` gives the heading its
    level when the page is done, so no block skips a level wherever an author puts it."""
    return Markup('<h{} class="{}" data-pc-kop="{}">{}</h{}>').format(
        min(level + 2, 6), cls, level, text, min(level + 2, 6))


def text(value: object) -> Markup:
    return escape(str(value))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d.,]*%?")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a text that starts like a formula
    (`=`, `+`, `-`, `@`, tab or line break; OWASP's CSV injection advice) gets a leading `'`,
    which Excel and LibreOffice hide and read as "this is text". Numbers (-12, +3,5%) stay."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


_LITERAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
            **{c: f"&#{ord(c)};" for c in "{}#[]\\`*_!"}}
_SPECIAL = re.compile("[" + re.escape("".join(_LITERAL)) + "]")


def markdown_literal(text: str) -> str:
    """Text from data for generated Markdown, on one line and shown exactly as written:
    never HTML, a link, emphasis, an attribute list (`{...}` after a heading would take its
    anchor), a closing `#` or a macro (each such character becomes a character reference)."""
    return _SPECIAL.sub(lambda m: _LITERAL[m.group(0)], " ".join(text.split()))


def csv_value(value: object) -> str:
    """A value as Dutch Excel reads it back: 38,09 (no thousands dot), dates as dd-mm-jjjj."""
    import datetime as dt
    from decimal import Decimal

    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal | float):
        return format(Decimal(str(value)), "f").replace(".", ",")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, Markup):
        return value.striptags()
    return str(value)


def csv_bytes(columns: Sequence[Column], rows: Sequence[Row]) -> bytes:
    """The table's data as CSV for Dutch Excel: ';', decimal comma, UTF-8 with BOM."""
    import pandas as pd

    records: list[list[str]] = []
    group = ""
    for row in rows:
        if row.kind == "group":
            group = Markup(row.cells[0]).striptags()
            continue
        values = row.raw if row.raw is not None else row.cells
        kind = {"total": "totaal", "subtotal": "subtotaal"}.get(row.kind, "")
        records.append([csv_cell(group), kind, *(csv_cell(csv_value(v)) for v in values)])
    frame = pd.DataFrame(records, columns=["groep", "soort regel",
                                           *(c.label for c in columns)])
    if not frame["groep"].astype(bool).any():
        frame = frame.drop(columns=["groep"])
    if not frame["soort regel"].astype(bool).any():
        frame = frame.drop(columns=["soort regel"])
    return frame.to_csv(sep=";", index=False, lineterminator="\r\n").encode("utf-8-sig")


_HEADING_THEN_TABLE = re.compile(
    r'(<h([2-6])[^>]*>(?P<heading>(?:(?!<h[1-6]).)*?)</h\2>\s*<div class="pc-tabel [^"]*">)'
    r'<p class="pc-tabeltitel" aria-hidden="true">(?P<title>.*?)</p>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def drop_repeated_titles(page_html: str) -> str:
    """A table's visible title that only repeats the heading right above it is dropped
    (its caption for screen readers stays)."""

    def fix(m: re.Match[str]) -> str:
        heading = unescape(_TAGS.sub("", m["heading"])).replace("¶", "").strip()
        if heading != unescape(_TAGS.sub("", m["title"])).strip():
            return m[0]
        return m[1]

    return _HEADING_THEN_TABLE.sub(fix, page_html)


# -- the page as a whole: valid HTML whatever the author put around a block ----------------

# what Python-Markdown wraps in a <p> when a macro's HTML stands in an admonition or a
# details block (only top-level raw HTML is recognised as a block there)
_BLOCK_NAMES = ("p", "div", "figure", "details", "ul", "ol", "dl", "table", "section", "article",
                "blockquote", "pre", "header", "nav", "aside", "h1", "h2", "h3", "h4", "h5",
                "h6")
_P_THEN_BLOCK = re.compile(r"<p>(?=<(?:{})[\s>])".format("|".join(_BLOCK_NAMES)))
_BLOCK_OPEN = re.compile(r"<({})(?=[\s>])".format("|".join(_BLOCK_NAMES)))
_SPACE = re.compile(r"\s*")


def _element_end(page: str, start: int, name: str) -> int | None:
    """Where the element whose start tag begins at `start` ends (after its end tag)."""
    depth = 0
    for tag in re.compile(rf"<(/?){name}(?=[\s/>])[^>]*>").finditer(page, start):
        if tag.group(1):
            depth -= 1
        elif not tag.group(0).endswith("/>"):
            depth += 1
        if depth == 0:
            return tag.end()
    return None


def element_end(page: str, start: int, name: str) -> int | None:
    """Where the element `name` whose start tag begins at `start` ends (after its end
    tag), or None when it is never closed (for `render/numbering.py`)."""
    return _element_end(page, start, name)


def unwrap_blocks(page: str) -> str:
    """`<p><div …>…</div></p>` (a table or chart macro in an admonition or `??? example`)
    becomes the blocks alone: a `<p>` cannot hold a block, so a browser closes it before the
    block and the `</p>` after it is an error. Only a paragraph that holds nothing but
    blocks is unwrapped."""
    if "<p><" not in page:
        return page
    parts: list[str] = []
    done = 0
    for match in _P_THEN_BLOCK.finditer(page):
        if match.start() < done:
            continue
        position = match.end()
        while (block := _BLOCK_OPEN.match(page, position)) is not None:
            end = _element_end(page, position, block.group(1))
            if end is None:
                break
            position = _SPACE.match(page, end).end()  # type: ignore[union-attr]
            if page.startswith("</p>", position):
                parts += [page[done:match.start()], page[match.end():position]]
                done = position + len("</p>")
                break
    parts.append(page[done:])
    return "".join(parts)


_HEADING_TAG = re.compile(r"<h([1-6])(?=[\s>])([^>]*)>")
_RELATIVE = re.compile(r'\sdata-pc-kop="(\d)"')


def fit_headings(page: str) -> str:
    """Give each block heading (`heading()`, marked `data-pc-kop="n"`) the level n below
    the last heading of the page before it, so a block never skips a level (h2 → h4) and
    never outranks the section it stands in. A page starts below its title (h1)."""
    if "data-pc-kop=" not in page:
        return page
    parts: list[str] = []
    done = 0
    current = 1
    for tag in _HEADING_TAG.finditer(page):
        if tag.start() < done:
            continue
        relative = _RELATIVE.search(tag.group(2))
        if relative is None:
            current = int(tag.group(1))
            continue
        level = min(current + int(relative.group(1)), 6)
        close = page.find(f"</h{tag.group(1)}>", tag.end())
        if close < 0:
            continue
        attributes = _RELATIVE.sub("", tag.group(2))
        parts += [page[done:tag.start()], f"<h{level}{attributes}>", page[tag.end():close],
                  f"</h{level}>"]
        done = close + len("</hN>")
    parts.append(page[done:])
    return "".join(parts)


def tidy(page: str) -> str:
    """A rendered page's content made valid HTML where its Markdown and its blocks meet:
    blocks out of paragraphs (`unwrap_blocks`), block headings at their level
    (`fit_headings`)."""
    return fit_headings(unwrap_blocks(page))
