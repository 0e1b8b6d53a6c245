"""Wide content on paper: every column of every table reaches the sheet.

A table's width is only known once WeasyPrint has laid it out, so the print is laid out,
each table is measured (`measure`: its box against the block it stands in, and the width of
every column), and a table that is wider than the room it has gets the first step of the
ladder it needs (`plan`), chosen from the measured widths:

  a. a smaller type, 7.5 pt (from 8.5 pt), with narrower cell padding;
  b. a landscape page (`@page breed`, A4 landscape; a named page starts a new sheet);
  c. the columns split over two or more tables on landscape pages, each repeating the label
     (first) column and the header rows, the later ones titled "(vervolg: kolommen …)";
  d. a column that does not fit even alone may break its words anywhere.

`apply` makes those changes in the print HTML (`printing.compose` calls it); the print is
laid out again and measured again until nothing overflows or the ladder has no step left.
What still reaches past a page's content area after that is `cut_off`: the build reports it
(`pdf-afgesneden`) instead of publishing a PDF that silently loses a column.

`dangling` finds a page that ends with a heading or a table title (the title is then moved
to the next page on the next layout, see `printing.compose`).

Everything is deterministic: the same print HTML gives the same measurements, the same
plan and the same bytes. Lengths are CSS pixels (1 px = 0.75 pt), as WeasyPrint uses them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bs4 import BeautifulSoup, Tag

TABLE_ATTR = "data-pc-druk"  # a table's number in the print HTML ("7")
PART_ATTR = "data-pc-deel"  # the part of a table whose columns were split ("1", "2")
BLOCK_ATTR = "data-pc-blok"  # a heading's or table title's number (for `dangling`)

PX_PER_PT = 4 / 3
PX_PER_MM = 96 / 25.4
TOLERANCE = 0.5 * PX_PER_PT  # what a box may reach past its room (0.5 pt)
# the content widths of print.css' pages: A4 portrait (margins 22 + 20 mm) and `@page breed`
# (A4 landscape, margins 18 + 18 mm)
PORTRAIT_WIDTH = (210 - 22 - 20) * PX_PER_MM
LANDSCAPE_WIDTH = (297 - 18 - 18) * PX_PER_MM
SMALL_PT = 7.5  # table text after step a: the floor (never below 7 pt, see print.css)
SMALL_PADDING = 2 * 1.0 * PX_PER_MM  # a cell's left + right padding after step a
MAX_LAYOUTS = 5  # the first layout and at most four more
LONG_FIGURE = 20  # characters: longer text in a figures' column may wrap

SMALL, BREAK = "pc-druk-klein", "pc-druk-breken"
LANDSCAPE = "pc-druk-breed"
NEW_PAGE = "pc-druk-nieuwe-pagina"


@dataclass(frozen=True)
class Fit:
    """What the print does to one table so that all of it reaches the paper."""

    small: bool = False  # step a
    landscape: bool = False  # step b
    groups: tuple[tuple[int, ...], ...] = ()  # step c: the columns of each part (0 first)
    wrap: bool = False  # step d

    @property
    def steps(self) -> str:
        """'a', 'ab', 'abc', 'abcd': the steps this fit takes (for reports)."""
        return "".join(s for s, on in (("a", self.small), ("b", self.landscape),
                                       ("c", bool(self.groups)), ("d", self.wrap)) if on)


@dataclass(frozen=True)
class Measure:
    """One table (or one part of a split table) as it was laid out."""

    key: str  # "7", or "7/1" for the second part of table 7
    page: int  # the first page it is on (1-based)
    width: float  # its border box (px)
    available: float  # the content width of the block it stands in (px)
    columns: tuple[float, ...]  # every column's width (px)
    font_pt: float  # its text size
    padding: float  # a cell's left + right padding (px)
    landscape: bool  # laid out on a landscape page
    overflow: bool  # the table or something in it reaches past its room

    @property
    def table(self) -> str:
        return self.key.split("/")[0]


@dataclass(frozen=True)
class CutOff:
    """A box that reaches past its page's content area in the final layout."""

    page: int  # 1-based
    element: str  # 'table "Inhuur 2019"', 'img (grafiek.svg)'
    points: float  # how far it reaches past the edge (pt)

    def describe(self) -> str:
        return f"pagina {self.page}: {self.element} ({self.points:.1f} pt te breed)"


@dataclass
class Layout:
    """What the fit loop knows between two layouts of one document."""

    fits: dict[str, Fit] = field(default_factory=dict)  # by table number
    breaks: set[str] = field(default_factory=set)  # headings/titles that start a new page
    layouts: int = 0


# -- measuring --------------------------------------------------------------------------

def _boxes() -> Any:
    from weasyprint.formatting_structure import boxes

    return boxes


def _children(box: Any) -> list[Any]:
    boxes = _boxes()
    if isinstance(box, boxes.TableBox):
        return [c for c in box.all_children() if not isinstance(
            c, (boxes.TableColumnGroupBox, boxes.TableColumnBox))]
    return list(getattr(box, "children", ()) or ())


def _flow(page: Any) -> list[Any]:
    """The page's own boxes: the document's flow and the footnote area, not the running
    header and footer (margin boxes)."""
    boxes = _boxes()
    return [c for c in page._page_box.children if not isinstance(c, boxes.MarginBox)]


def _right(box: Any) -> float:
    return float(box.border_box_x() + box.border_width())


def _reach(box: Any) -> float:
    """The right edge of the box and of everything in it."""
    edge = _right(box)
    for child in _children(box):
        edge = max(edge, _reach(child))
    return edge


def _attr(box: Any, name: str) -> str | None:
    element = getattr(box, "element", None)
    return None if element is None else element.get(name)


def _content_right(box: Any) -> float:
    return float(box.content_box_x() + box.width)


def _landscape(page: Any) -> bool:
    return bool(page.width > page.height)


def measure(document: Any) -> dict[str, Measure]:
    """Every numbered table (and part) of a laid-out WeasyPrint document, by key."""
    boxes = _boxes()
    found: dict[str, Measure] = {}

    def visit(box: Any, limit: float, number: int, landscape: bool) -> None:
        for child in _children(box):
            if isinstance(child, boxes.TableBox) and _attr(child, TABLE_ATTR) is not None:
                key = str(_attr(child, TABLE_ATTR))
                part = _attr(child, PART_ATTR)
                if part is not None:
                    key = f"{key}/{part}"
                over = _reach(child) > limit + TOLERANCE
                before = found.get(key)
                if before is None:
                    found[key] = Measure(
                        key, number, float(child.border_width()),
                        limit - float(child.border_box_x()),
                        tuple(float(w) for w in getattr(child, "column_widths", ()) or ()),
                        float(child.style["font_size"]) / PX_PER_PT, _padding(child),
                        landscape, over)
                elif over and not before.overflow:
                    found[key] = replace(before, overflow=True)
            if isinstance(child, boxes.ParentBox) and not isinstance(child, boxes.LineBox):
                inner = limit
                if isinstance(child, (boxes.BlockContainerBox, boxes.FlexBox, boxes.GridBox)) \
                        and not isinstance(child, boxes.TableCellBox):
                    inner = min(limit, _content_right(child))
                visit(child, inner, number, landscape)

    for number, page in enumerate(document.pages, 1):
        limit = _content_right(page._page_box)
        for root in _flow(page):
            visit(root, limit, number, _landscape(page))
    return found


def _padding(table: Any) -> float:
    boxes = _boxes()
    for group in table.children:
        for row in getattr(group, "children", ()):
            for cell in getattr(row, "children", ()):
                if isinstance(cell, boxes.TableCellBox):
                    return float(cell.padding_left + cell.padding_right)
    return 0.0


# -- choosing -----------------------------------------------------------------------------

def _small(columns: Iterable[float], m: Measure) -> list[float]:
    """The columns' widths predicted at SMALL_PT (text scales, padding shrinks)."""
    if m.font_pt <= SMALL_PT:
        return list(columns)
    scale = SMALL_PT / m.font_pt
    return [max(0.0, w - m.padding) * scale + min(m.padding, SMALL_PADDING) for w in columns]


def _groups(columns: list[float], room: float) -> tuple[tuple[int, ...], ...]:
    """The columns after the first in order, in as few parts as fit `room` each with the
    first (label) column; a column too wide even alone is a part of its own."""
    groups: list[list[int]] = []
    used = room  # the current part is full
    for index, width in enumerate(columns[1:], 1):
        if groups and used + width <= room:
            groups[-1].append(index)
            used += width
        else:
            groups.append([0, index])
            used = columns[0] + width
    return tuple(tuple(g) for g in groups)


def _step(fit: Fit, measures: list[Measure]) -> Fit:
    """The next step of the ladder for a table that overflows with `fit` (its parts'
    measures, in part order)."""
    first = measures[0]
    if fit.groups:  # measured per part: put the original columns back together
        widths: dict[int, float] = {}
        for group, m in zip(fit.groups, measures, strict=False):
            for index, width in zip(group, m.columns, strict=False):
                widths[index] = max(widths.get(index, 0.0), width)
        columns = [widths.get(i, 0.0) for i in range(max(widths, default=0) + 1)]
    else:
        columns = list(first.columns)
    extra = max(0.0, first.width - sum(first.columns)) if not fit.groups else 0.0
    available = first.available
    room = available if first.landscape else available + (LANDSCAPE_WIDTH - PORTRAIT_WIDTH)
    small = _small(columns, first)
    if not (fit.small or fit.landscape or fit.groups) and sum(small) + extra <= available:
        return Fit(small=True)
    if not (fit.landscape or fit.groups) and not first.landscape:
        if not fit.small and sum(columns) + extra <= room:
            return Fit(landscape=True)
        if sum(small) + extra <= room:
            return Fit(small=True, landscape=True)
    if len(columns) < 3 or (fit.groups and fit.wrap):
        return replace(fit, small=True, wrap=True)  # nothing left to split
    groups = _groups(small, room - extra)
    if fit.groups and groups == fit.groups:
        return replace(fit, small=True, landscape=not first.landscape or fit.landscape,
                       wrap=True)
    wrap = fit.wrap or any(sum(small[i] for i in g) + extra > room for g in groups)
    return Fit(small=True, landscape=not first.landscape or fit.landscape, groups=groups,
               wrap=wrap)


def plan(measures: Mapping[str, Measure], fits: Mapping[str, Fit]) -> dict[str, Fit]:
    """The fits for the next layout: every table that overflows goes one step further up
    the ladder (or more, when its widths show that the next step cannot be enough)."""
    result = dict(fits)
    by_table: dict[str, list[Measure]] = {}
    for key in sorted(measures, key=_order):
        by_table.setdefault(measures[key].table, []).append(measures[key])
    for table, parts in by_table.items():
        if any(m.overflow for m in parts):
            fit = fits.get(table, Fit())
            after = _step(fit, parts)
            if after != fit:
                result[table] = after
    return result


def _order(key: str) -> tuple[int, ...]:
    return tuple(int(p) for p in key.split("/") if p.isdigit())


# -- changing the print HTML ----------------------------------------------------------------

def number(main: Tag) -> None:
    """Number every table (TABLE_ATTR), and every heading and table title (BLOCK_ATTR), in
    document order."""
    for index, table in enumerate(main.find_all("table")):
        table[TABLE_ATTR] = str(index)
    for cell in main.select("td.pc-num, th.pc-num"):
        # a figure never breaks (white-space: nowrap); a sentence in a figures' column (a
        # comparison's old and new text, "n.v.t. wegens ...") may
        text = cell.get_text(" ", strip=True)
        if len(text) > LONG_FIGURE or len(text.split()) > 3:
            _add_class(cell, "pc-num-tekst")
    for paragraph in main.find_all("p"):
        # a paragraph that is one bold phrase ("a. financiële indicatoren:") is a heading
        parts = [c for c in paragraph.contents if not (isinstance(c, str) and not c.strip())]
        if len(parts) == 1 and isinstance(parts[0], Tag) and parts[0].name in ("strong", "b"):
            _add_class(paragraph, "pc-tussenkop")
    for index, block in enumerate(main.find_all(
            lambda t: t.name in ("h2", "h3", "h4", "h5", "h6", "caption")
            or bool({"pc-tabeltitel", "pc-tussenkop"} & set(t.get("class") or ())))):
        block[BLOCK_ATTR] = str(index)


def apply(main: Tag, fits: Mapping[str, Fit], breaks: Iterable[str] = ()) -> None:
    """Make the fits in the numbered print HTML: classes for steps a and d, a landscape
    wrapper for b, the split tables for c; `breaks`: blocks that start a new page."""
    soup = _soup(main)
    pushed = set(breaks)
    if pushed:
        for block in main.select(f"[{BLOCK_ATTR}]"):
            if str(block[BLOCK_ATTR]) in pushed:
                if block.name == "caption" and block.parent is not None:
                    block = block.parent  # the table starts the page, with its caption
                _add_class(_headings_before(block)[0], NEW_PAGE)
    for table in list(main.find_all("table", attrs={TABLE_ATTR: True})):
        fit = fits.get(str(table[TABLE_ATTR]))
        if fit is None:
            continue
        parts = [table]
        if fit.groups:
            parts = _split(soup, table, fit.groups)
        for part in parts:
            if fit.small:
                _add_class(part, SMALL)
            if fit.wrap:
                _add_class(part, BREAK)
        if fit.landscape:
            # the headings right above the table go with it: a named page starts a new
            # sheet, and a heading must not stay behind at the foot of the page before
            holder = _holder(parts[0])
            moved = _headings_before(holder)
            wrapper = soup.new_tag("div", attrs={"class": LANDSCAPE})
            moved[0].insert_before(wrapper)
            for node in moved:
                wrapper.append(node.extract())


def _soup(tag: Tag) -> BeautifulSoup:
    node: Any = tag
    while node.parent is not None:
        node = node.parent
    assert isinstance(node, BeautifulSoup)
    return node


def _add_class(tag: Tag, name: str) -> None:
    classes = [str(c) for c in tag.get_attribute_list("class") if c]
    if name not in classes:
        tag["class"] = " ".join([*classes, name])


def _headings_before(block: Tag) -> list[Tag]:
    """`block` and the headings (h2-h6, bold-phrase paragraphs) right before it."""
    found = [block]
    node = block.previous_sibling
    while node is not None:
        if isinstance(node, Tag):
            if node.name not in ("h2", "h3", "h4", "h5", "h6") and \
                    "pc-tussenkop" not in (node.get("class") or ()):
                break
            found.insert(0, node)
        elif str(node).strip():
            break
        node = node.previous_sibling
    return found


def _holder(table: Tag) -> Tag:
    """What goes onto the landscape page: the table's block (title, table, notes) when it
    has one, else the table itself (and its split parts, which follow it)."""
    block = table.find_parent("div", class_="pc-tabel")
    if block is not None:
        return block
    parts = table.find_parent("div", class_="pc-druk-delen")
    return parts if parts is not None else table


def _rows(table: Tag) -> Iterator[Tag]:
    for row in table.find_all("tr"):
        if row.find_parent("table") is table:
            yield row


def _split(soup: BeautifulSoup, table: Tag, groups: tuple[tuple[int, ...], ...]) -> list[Tag]:
    """Replace `table` by one table per column group (each keeps the header rows, the label
    column, the caption), inside one `div.pc-druk-delen`."""
    names = _column_names(table)
    holder = soup.new_tag("div", attrs={"class": "pc-druk-delen"})
    parts = []
    for number, group in enumerate(groups):
        part = copy.copy(table)
        part[PART_ATTR] = str(number)
        _keep_columns(part, set(group))
        for col in part.find_all(["colgroup", "col"]):
            col.decompose()
        if number:
            shown = [names[i] for i in group[1:] if i < len(names) and names[i]]
            note = f"(vervolg: kolommen {', '.join(shown)})" if shown else "(vervolg)"
            caption = part.find("caption")
            if caption is None:
                caption = soup.new_tag("caption")
                part.insert(0, caption)
            else:
                caption.append(" ")
            span = soup.new_tag("span", attrs={"class": "pc-druk-vervolg"})
            span.string = note
            caption.append(span)
        parts.append(part)
        holder.append(part)
    table.replace_with(holder)
    return parts


def _column_names(table: Tag) -> list[str]:
    """The header text of every column (the last header row that names it)."""
    names: dict[int, str] = {}
    head = [r for r in _rows(table) if r.find_parent("thead") is not None] or \
        list(_rows(table))[:1]
    for row, cells in _grid(head):
        del row
        for cell, start, span in cells:
            text = " ".join(cell.get_text(" ", strip=True).split())
            if span == 1:
                names[start] = text
            else:
                for i in range(start, start + span):
                    names.setdefault(i, text)
    return [names.get(i, "") for i in range(max(names, default=-1) + 1)]


def _grid(rows: list[Tag]) -> Iterator[tuple[Tag, list[tuple[Tag, int, int]]]]:
    """Each row with its cells and the column each starts in and spans (rowspans counted)."""
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        column, cells = 0, []
        for cell in row.find_all(["th", "td"], recursive=False):
            while (r, column) in taken:
                column += 1
            span = _int(cell.get("colspan"))
            for down in range(1, _int(cell.get("rowspan"))):
                for c in range(column, column + span):
                    taken.add((r + down, c))
            cells.append((cell, column, span))
            column += span
        yield row, cells


def _int(value: Any) -> int:
    try:
        return max(1, int(str(value)))
    except (TypeError, ValueError):
        return 1


def _keep_columns(table: Tag, keep: set[int]) -> None:
    for _, cells in _grid(list(_rows(table))):
        for cell, start, span in cells:
            kept = sum(1 for c in range(start, start + span) if c in keep)
            if not kept:
                cell.decompose()
            elif kept != span:
                if kept == 1:
                    del cell["colspan"]
                else:
                    cell["colspan"] = str(kept)


# -- what is left after the last layout --------------------------------------------------

def _describe(box: Any) -> str:
    element = getattr(box, "element", None)
    if element is None:
        return "inhoud"
    tag = str(getattr(element, "tag", "?")).split("}")[-1]
    classes = (element.get("class") or "").split()
    shown = tag + "".join(f".{c}" for c in classes[:2] if not c.startswith("pc-druk"))
    if tag == "img":
        src = str(element.get("src") or "")
        return f"{shown} ({src.rsplit('/', 1)[-1][:60]})"
    text = " ".join("".join(element.itertext()).split())
    caption = element.find("caption") if tag == "table" else None
    if caption is not None:
        text = " ".join("".join(caption.itertext()).split())
    return f'{shown} "{text[:60]}{"…" if len(text) > 60 else ""}"' if text else shown


def cut_off(document: Any) -> list[CutOff]:
    """Every outermost box that reaches past its page's content area (left or right, more
    than TOLERANCE): what the reader of the PDF does not get to see."""
    boxes = _boxes()
    found: list[CutOff] = []

    def visit(box: Any, left: float, right: float, number: int) -> None:
        for child in _children(box):
            if isinstance(child, (boxes.TableColumnGroupBox, boxes.TableColumnBox)):
                continue
            x = float(child.border_box_x())
            over = max(_right(child) - right, left - x)
            if over > TOLERANCE and (child.border_width() > 0 or _children(child)):
                found.append(CutOff(number, _describe(child), over / PX_PER_PT))
                continue
            visit(child, left, right, number)

    for number, page in enumerate(document.pages, 1):
        box = page._page_box
        left = float(box.content_box_x())
        for root in _flow(page):
            visit(root, left, left + float(box.width), number)
    return found


def dangling(document: Any) -> list[str]:
    """The numbers (BLOCK_ATTR) of the headings and table titles that end a page: the last
    line of text in the page's flow belongs to one of them."""
    boxes = _boxes()
    result: list[str] = []
    for page in document.pages:
        flow = [b for b in _flow(page) if not isinstance(b, boxes.FootnoteAreaBox)]
        last: tuple[Any, list[Any]] | None = None

        def visit(box: Any, trail: list[Any]) -> None:
            nonlocal last
            for child in _children(box):
                if isinstance(child, (boxes.LineBox, boxes.ReplacedBox)):
                    last = (child, trail)
                elif isinstance(child, boxes.TableRowBox):
                    last = (child, trail)
                    continue
                else:
                    visit(child, [*trail, child])

        for root in flow:
            visit(root, [root])
        if last is None:
            continue
        for holder in reversed(last[1]):
            number_ = _attr(holder, BLOCK_ATTR)
            if number_ is not None:
                result.append(number_)
                break
    return result
