"""Layout invariants of the laid-out PDF pages, read back from the files themselves.

Every check takes a *site folder* (a built `site/`), so the same code runs in the test suite
(on the session's build) and from a script against any other build. Each check returns a list
of `Problem`s: every violation found, never only the first.

Reading the pages
    Glyphs (with their boxes, size, font and marked-content id), images and paths are read with
    pdfium (`pypdfium2`, the renderer pdfplumber itself depends on) and the tagged structure tree
    with pikepdf. pdfplumber (pdfminer) gives the same glyph boxes but needs about 0.45 s a page
    (17 s for one 37-page SZMH PDF, some 4 minutes for the example site); pdfium reads all of
    them in about 10 s. Each PDF is read once per process (`read_pdf` is cached).
    Coordinates below are PDF points with the origin at the top left of the page (like
    pdfplumber's `top`/`bottom`); x grows to the right.

(a) Inside the page, inside the content area (`check_bounds`)
    The content area of a page is its size minus the margins of the `@page` rule that lays it
    out, read from `pcdocs/output/assets/print.css` (`page_rules`): the first page of every PDF
    is the cover (`@page omslag`), a page whose size is that of another named rule (landscape:
    `@page breed`) is laid out by that rule, every other page by the default `@page`. Named
    rules inherit size and margins they do not set from the default rule. (A PDF does not say
    which rule laid out a page: a new named rule with the default size but other margins needs
    `rule_for` taught how to recognise its pages.)
    Violations:
    - a glyph, image or path (line, rectangle) that is not completely inside the page box:
      pdfium (like pdfplumber) still reports content the page box clips off; only a path or
      image covering the whole page (a background) may extend beyond it;
    - a glyph beyond the left or right edge of the content area (cut-off or overflowing text;
      the running header and footer boxes lie between the side margins too);
    - a glyph in the top or bottom margin band that is part of the body: it reaches into the
      content area (overflow) or it belongs to the structure tree. Glyphs wholly inside a margin
      band that are not in the tree are the running header and footer (`@top-*`,
      `@bottom-*`, which WeasyPrint leaves out of the tree) and are allowed there;
    - a tagged image or drawing (a chart: a path or image whose marked content is in the
      structure tree) outside the content area. Untagged paths (table rules, backgrounds,
      borders: artifacts) are held to the page box only.
    The diagonal CONCEPT watermark (text larger than 50 pt, like `test_pdf.watermarks`) is only
    held to the page box. Tolerance: 1 pt.

(b) No page ends with a heading or a table title (`check_page_ends`)
    Decided on the tagged structure tree rather than on fonts: WeasyPrint writes every block as
    a structure element (`/H2`, `/P`, `/Table`, `/Caption`, …) whose marked content (page +
    MCID) is in reading order; the running header and footer are not in the tree, the footnote
    area comes after the body (`Content.footnote`) and is left out. For every page except the
    last, take the last body content on the page (in reading order) that has visible glyphs
    (inside the page box, larger than 1 pt, not a watermark). The page ends badly when that
    content
    - belongs to a heading (`/H`, `/H1`…`/H6`) or a table's `/Caption` (a figure's caption
      sits under its figure and may end a page), or
    - is a table title: a `/P` set wholly in bold whose next content in reading order belongs to
      a `/Table` (that is how `.pc-tabeltitel` prints: a bold paragraph before its table;
      WeasyPrint does not keep class names in the tree).
    Fonts would be fragile (h4 and table titles are 10–10.5 pt, bold like table headers and
    labels); the tree says what a block *is*. Pages without tagged content are not judged.

(c) Every figure reaches the PDF (`check_figures`)
    Every `span.pc-cijfer` of a document's page (`manifest.json` `html`, within the article)
    must be legible in its PDF (`pdf`), editions included, except the spans inside an element
    matched by one of the given `screen_only` selectors (`pcdocs.output.printing.SCREEN_ONLY`). Both
    sides are compared without any whitespace (spaces, non-breaking and thin spaces, line
    breaks: a figure may wrap), soft hyphens and with U+2212 read as '-'. Only glyphs inside the
    page box count. A figure that occurs n times on the page must occur at least n times in the
    PDF text.
"""

from __future__ import annotations

import ctypes
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from bs4 import BeautifulSoup

PRINT_CSS = Path(__file__).resolve().parents[1] / "pcdocs" / "output" / "assets" / "print.css"
TOLERANCE = 1.0  # pt
WATERMARK_PT = 50.0
MM = 72 / 25.4
PAPER = {"A3": (297.0, 420.0), "A4": (210.0, 297.0), "A5": (148.0, 210.0)}  # mm, portrait
HEADINGS = {"/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6"}

# pdfium page object types
_TEXT, _PATH, _IMAGE, _SHADING, _FORM = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Problem:
    pdf: str  # site-relative path
    page: int  # 1-based, 0 for the whole file
    what: str

    def __str__(self) -> str:
        where = f"{self.pdf} p. {self.page}" if self.page else self.pdf
        return f"{where}: {self.what}"


# -- print.css -----------------------------------------------------------------------------

@dataclass(frozen=True)
class PageRule:
    name: str  # "" for the default @page
    width: float  # pt
    height: float
    top: float
    right: float
    bottom: float
    left: float


def _length(value: str) -> float:
    match = re.fullmatch(r"(-?[\d.]+)(mm|cm|in|pt|px)?", value.strip())
    if not match:
        raise ValueError(f"print.css: lengte niet te lezen: {value!r}")
    number, unit = float(match[1]), match[2] or "px"
    if number == 0:
        return 0.0
    return number * {"mm": MM, "cm": 10 * MM, "in": 72.0, "pt": 1.0, "px": 0.75}[unit]


def _declarations(body: str) -> dict[str, str]:
    body = re.sub(r"@[\w-]+\s*\{[^}]*\}", "", body)  # margin boxes
    return {k.strip(): v.strip() for k, v in re.findall(r"([\w-]+)\s*:\s*([^;]+);?", body)}


def page_rules(css: str | None = None) -> dict[str, PageRule]:
    """The `@page` rules of print.css by name ("" = default), with inherited size/margins."""
    css = re.sub(r"/\*.*?\*/", "", PRINT_CSS.read_text("utf-8") if css is None else css,
                 flags=re.S)
    found: dict[str, dict[str, str]] = {}
    for match in re.finditer(r"@page\s*([\w-]*)\s*\{", css):
        depth, i = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(css[i], 0)
            i += 1
        found.setdefault(match[1], {}).update(_declarations(css[match.end():i - 1]))
    if "" not in found:
        raise ValueError("print.css heeft geen @page-regel")
    rules = {}
    for name, decl in found.items():
        merged = {**found[""], **decl}
        words = merged.get("size", "A4").split()
        w_mm, h_mm = PAPER[next((w for w in words if w in PAPER), "A4")]
        if "landscape" in words:
            w_mm, h_mm = h_mm, w_mm
        sides = [_length(v) for v in merged.get("margin", "0").split()]
        top = sides[0]  # CSS shorthand: 1 to 4 values
        right = sides[1] if len(sides) > 1 else top
        bottom = sides[2] if len(sides) > 2 else top
        left = sides[3] if len(sides) > 3 else right
        rules[name] = PageRule(name, w_mm * MM, h_mm * MM, top, right, bottom, left)
    return rules


def rule_for(rules: dict[str, PageRule], number: int, width: float, height: float) -> PageRule:
    """Which @page rule laid out page `number`: page 1 is the cover, a landscape page is the
    landscape rule, other pages the default rule."""
    if number == 1 and "omslag" in rules:
        return rules["omslag"]
    for rule in rules.values():
        if rule.name not in ("", "omslag") and _same_size(rule, width, height):
            return rule
    return rules[""]


def _same_size(rule: PageRule, width: float, height: float) -> bool:
    return abs(rule.width - width) < 2 and abs(rule.height - height) < 2


# -- reading a PDF -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Glyph:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # pt, after the text and page matrices
    bold: bool
    mcid: int  # -1: not marked

    @property
    def watermark(self) -> bool:
        return self.size > WATERMARK_PT


@dataclass(frozen=True)
class Shape:
    kind: str  # "path" | "image" | "shading" | "form"
    x0: float
    top: float
    x1: float
    bottom: float
    mcid: int


@dataclass
class Page:
    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    shapes: list[Shape]
    _legible: list[Glyph] | None = field(default=None, repr=False)

    def inside(self, g: Glyph | Shape, tolerance: float = TOLERANCE) -> bool:
        return (g.x0 >= -tolerance and g.top >= -tolerance and g.x1 <= self.width + tolerance
                and g.bottom <= self.height + tolerance)

    def legible(self) -> list[Glyph]:
        """Glyphs a reader sees: inside the page box, larger than 1 pt, not blank."""
        if self._legible is None:
            self._legible = [g for g in self.glyphs
                             if g.size > 1 and not g.text.isspace() and self.inside(g)]
        return self._legible


@dataclass(frozen=True)
class Content:
    """One marked-content reference of the structure tree, in reading order."""
    page: int
    mcid: int
    tags: tuple[str, ...]  # structure types from the root to this content
    elements: tuple[tuple[int, int], ...]  # object ids of the same elements

    @property
    def footnote(self) -> bool:
        """In a page's footnote area: WeasyPrint tags a footnote (`float: footnote`) as an
        inline /Span in a /NonStruct right under the root, after the page's body; pcdocs'
        finisher (pcdocs/output/pdfpost.py) makes that /Span a /Note."""
        return self.tags[1:2] == ("/NonStruct",) and self.tags[2:3] in (("/Span",), ("/Note",))


@dataclass
class PdfFile:
    path: Path
    pages: list[Page]
    content: list[Content] = field(default_factory=list)  # reading order


def _mark_names(obj: Any) -> list[str]:
    names = []
    buffer = (ctypes.c_ushort * 128)()
    length = ctypes.c_ulong()
    for i in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, i)
        pdfium_c.FPDFPageObjMark_GetName(mark, buffer, ctypes.sizeof(buffer), ctypes.byref(length))
        names.append(bytes(buffer)[:length.value].decode("utf-16-le").rstrip("\0"))
    return names


def _read_page(page: Any, number: int) -> Page:
    width, height = (float(v) for v in page.get_size())
    textpage = page.get_textpage()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    matrix = pdfium_c.FS_MATRIX()
    font = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    count = textpage.count_chars()
    units = (ctypes.c_ushort * (count + 1))()
    pdfium_c.FPDFText_GetText(textpage, 0, count, units)  # one UTF-16 unit per character
    per_object: dict[int | None, tuple[int, bool, float]] = {}
    glyphs = []
    for i in range(count):
        # characters pdfium generates (spaces, line ends) have no object: mcid -1, blank
        pdfium_c.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
        obj = pdfium_c.FPDFText_GetTextObject(textpage, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value
        if key not in per_object:
            pdfium_c.FPDFText_GetFontInfo(textpage, i, font, ctypes.sizeof(font), flags)
            pdfium_c.FPDFText_GetMatrix(textpage, i, matrix)
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
            per_object[key] = (pdfium_c.FPDFPageObj_GetMarkedContentID(obj) if obj else -1,
                               b"Bold" in font.value or b"bold" in font.value,
                               pdfium_c.FPDFText_GetFontSize(textpage, i) * scale if obj else 0)
        mcid, bold, size = per_object[key]
        glyphs.append(Glyph(chr(units[i]), left.value, height - top.value, right.value,
                            height - bottom.value, size, bold, mcid))
    shapes = []
    kinds = {_PATH: "path", _IMAGE: "image", _SHADING: "shading", _FORM: "form"}
    for obj in page.get_objects(max_depth=0):
        if obj.type in kinds:
            x0, y0, x1, y1 = obj.get_bounds()
            shapes.append(Shape(kinds[obj.type], x0, height - y1, x1, height - y0,
                                pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)))
    return Page(number, width, height, glyphs, shapes)


def _structure(path: Path) -> list[Content]:
    found: list[Content] = []
    with pikepdf.open(path) as pdf:
        numbers: dict[tuple[int, int], int] = {
            (int(p.objgen[0]), int(p.objgen[1])): i + 1 for i, p in enumerate(pdf.pages)}
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return found

        def walk(node: Any, page: int, tags: tuple[str, ...],
                 ids: tuple[tuple[int, int], ...]) -> None:
            if "/Pg" in node:
                page = numbers.get(node.Pg.objgen, page)
            if "/S" in node:
                tags, ids = (*tags, str(node.S)), (*ids, node.objgen)
            kids = node.get("/K")
            for kid in (list(kids) if isinstance(kids, pikepdf.Array)
                        else [] if kids is None else [kids]):
                if isinstance(kid, int):
                    found.append(Content(page, int(kid), tags, ids))
                elif isinstance(kid, pikepdf.Dictionary):
                    if kid.get("/Type") == "/MCR":
                        pg: Any = kid.Pg if "/Pg" in kid else None
                        where = page if pg is None else numbers.get(tuple(pg.objgen), page)
                        found.append(Content(where, int(kid.MCID), tags, ids))
                    elif "/S" in kid:
                        walk(kid, page, tags, ids)

        walk(tree, 0, (), ())
    return found


@cache
def read_pdf(path: Path) -> PdfFile:
    """Every page's glyphs and shapes, and the structure tree's content in reading order."""
    document = pdfium.PdfDocument(str(path))
    try:
        pages = [_read_page(document[i], i + 1) for i in range(len(document))]
    finally:
        document.close()
    return PdfFile(path, pages, _structure(path))


# -- the site ----------------------------------------------------------------------------------

FROZEN = ("archived versions (`versie/`) are byte-for-byte copies of the published files in "
          "archief/, checked against their sha256: a layout fix cannot and must not change them")


@dataclass(frozen=True)
class SitePdf:
    pdf: str  # site-relative
    html: str | None  # the page whose figures it prints (None: not checked for figures)
    kind: str  # "document" | "comparison" | "archived"


def site_pdfs(site: Path) -> list[SitePdf]:
    """Every PDF of the site from its manifest: documents and editions, comparisons, and the
    archived (frozen) versions."""
    manifest: dict[str, Any] = json.loads((site / "manifest.json").read_text("utf-8"))
    found = []
    for entry in manifest["documents"]:
        if entry.get("pdf"):
            archived = bool(entry.get("archived")) or "/versie/" in entry["pdf"]
            found.append(SitePdf(entry["pdf"], entry["html"],
                                 "archived" if archived else "document"))
    for entry in manifest.get("comparisons", []):
        if entry.get("pdf"):
            found.append(SitePdf(entry["pdf"], None, "comparison"))
    listed = {f.pdf for f in found}
    for path in sorted(site.glob("**/vergelijking/**/*.pdf")):  # also any the manifest misses
        name = path.relative_to(site).as_posix()
        if name not in listed:
            found.append(SitePdf(name, None, "comparison"))
    return found


def _run_text(glyphs: Iterable[Glyph], limit: int = 40) -> str:
    text = re.sub(r"\s+", " ", "".join(g.text for g in glyphs)).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _runs(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Consecutive glyphs of one marked-content sequence (a cell, a line of a paragraph)."""
    runs: list[list[Glyph]] = []
    for g in glyphs:
        if runs and runs[-1][-1].mcid == g.mcid and abs(runs[-1][-1].top - g.top) < 2 * g.size:
            runs[-1].append(g)
        else:
            runs.append([g])
    return runs


def _listed(problems: list[str], limit: int = 6) -> str:
    more = f"; and {len(problems) - limit} more" if len(problems) > limit else ""
    return "; ".join(problems[:limit]) + more


def check_bounds(site: Path, pdf: str, rules: dict[str, PageRule] | None = None) -> list[Problem]:
    """(a): glyphs, images and paths inside the page box, body glyphs inside the content area."""
    rules = rules or page_rules()
    problems = []
    document = read_pdf(site / pdf)
    tagged = {(c.page, c.mcid) for c in document.content}  # body: in the structure tree
    for page in document.pages:
        rule = rule_for(rules, page.number, page.width, page.height)
        if not _same_size(rule, page.width, page.height):
            problems.append(Problem(pdf, page.number, f"page is {page.width:.0f}×"
                                    f"{page.height:.0f} pt, @page {rule.name or '(default)'} "
                                    f"says {rule.width:.0f}×{rule.height:.0f}"))
        left, right = rule.left, page.width - rule.right
        top, bottom = rule.top, page.height - rule.bottom
        off_page, off_side, overflow = [], [], []
        for run in _runs([g for g in page.glyphs if g.size > 0]):
            text = _run_text(run)
            ink = [g for g in run if not g.text.isspace()]
            if not ink:
                continue
            x0, x1 = min(g.x0 for g in ink), max(g.x1 for g in ink)
            y0, y1 = min(g.top for g in ink), max(g.bottom for g in ink)
            if not all(page.inside(g) for g in ink):
                off_page.append(f"‘{text}’ at x={x0:.0f}–{x1:.0f}, y={y0:.0f}–{y1:.0f}")
                continue
            body = [g for g in ink if not g.watermark]
            if not body:
                continue
            x0, x1 = min(g.x0 for g in body), max(g.x1 for g in body)
            if x1 > right + TOLERANCE:
                off_side.append(f"‘{text}’ at x={x1:.0f}>{right:.0f}")
            elif x0 < left - TOLERANCE:
                off_side.append(f"‘{text}’ at x={x0:.0f}<{left:.0f}")
            for g in body:
                in_band = g.bottom <= top + TOLERANCE or g.top >= bottom - TOLERANCE
                in_area = g.top >= top - TOLERANCE and g.bottom <= bottom + TOLERANCE
                if not in_area and (not in_band or (page.number, g.mcid) in tagged):
                    overflow.append(f"‘{text}’ at y={g.top:.0f}–{g.bottom:.0f} crosses the "
                                    f"content edge (y={top:.0f}/{bottom:.0f})")
                    break
        if off_page:
            problems.append(Problem(pdf, page.number, "text beyond the page edge (clipped; "
                                    f"page {page.width:.0f}×{page.height:.0f}): "
                                    + _listed(off_page)))
        if off_side:
            problems.append(Problem(pdf, page.number, "text beyond the side margin (cut off "
                                    f"or overflowing, content x={left:.0f}–{right:.0f}): "
                                    + _listed(off_side)))
        if overflow:
            problems.append(Problem(pdf, page.number, "text overflowing into the margin: "
                                    + _listed(overflow)))
        shapes, figures = [], []
        for shape in page.shapes:
            where = (f"{shape.kind} at x={shape.x0:.0f}–{shape.x1:.0f}, "
                     f"y={shape.top:.0f}–{shape.bottom:.0f}")
            background = (shape.x0 <= TOLERANCE and shape.top <= TOLERANCE
                          and shape.x1 >= page.width - TOLERANCE
                          and shape.bottom >= page.height - TOLERANCE)
            if not background and not page.inside(shape):
                shapes.append(where)
            elif (page.number, shape.mcid) in tagged and not (
                    left - TOLERANCE <= shape.x0 and shape.x1 <= right + TOLERANCE
                    and top - TOLERANCE <= shape.top and shape.bottom <= bottom + TOLERANCE):
                figures.append(where)
        if shapes:
            problems.append(Problem(pdf, page.number, f"{len(shapes)} image(s)/line(s)/"
                                    "rectangle(s) beyond the page edge: " + _listed(shapes, 3)))
        if figures:
            problems.append(Problem(pdf, page.number, f"{len(figures)} figure part(s) (tagged "
                                    "images/drawings) outside the content area "
                                    f"x={left:.0f}–{right:.0f}, y={top:.0f}–{bottom:.0f}: "
                                    + _listed(figures, 3)))
    return problems


def check_page_ends(site: Path, pdf: str) -> list[Problem]:
    """(b): no page ends with a heading, a caption or a table title (see the module doc)."""
    document = read_pdf(site / pdf)
    visible: dict[tuple[int, int], list[Glyph]] = {}
    spelled: dict[tuple[int, int], list[Glyph]] = {}  # with the spaces, to quote
    for page in document.pages:
        for g in page.legible():
            if not g.watermark and g.mcid >= 0:
                visible.setdefault((page.number, g.mcid), []).append(g)
        for g in page.glyphs:
            spelled.setdefault((page.number, g.mcid), []).append(g)
    content = [c for c in document.content if (c.page, c.mcid) in visible and not c.footnote]
    bold: dict[tuple[int, int], bool] = {}  # per /P element: all its glyphs bold
    for c in content:
        if "/P" in c.tags:
            element = _innermost(c, {"/P"})
            bold[element] = bold.get(element, True) and all(
                g.bold for g in visible[(c.page, c.mcid)])
    last_page = len(document.pages)
    problems = []
    for i, item in enumerate(content):
        following = content[i + 1] if i + 1 < len(content) else None
        if item.page == last_page or (following is not None and following.page == item.page):
            continue  # not the last content of its page
        if following is None:
            continue
        what = _ending(item, following, bold)
        if what is None:
            continue
        element = _innermost(item, HEADINGS | {"/Caption", "/P"})
        text = _run_text((g for c in content if c.page == item.page and element in c.elements
                          for g in spelled[(c.page, c.mcid)]), 60)
        after = _run_text(spelled[(following.page, following.mcid)], 30)
        problems.append(Problem(pdf, item.page, f"page ends with {what} ‘{text}’; what it "
                                f"introduces (‘{after}’) starts on page {following.page}"))
    return problems


def _ending(item: Content, following: Content, bold: dict[tuple[int, int], bool]
            ) -> str | None:
    heading = [t for t in item.tags if t in HEADINGS]
    if heading:
        return f"heading ({heading[-1][1:]})"
    if "/Caption" in item.tags and "/Table" in item.tags:
        return "table caption"  # a figure's caption under its figure may end a page
    if "/P" in item.tags and "/Table" not in item.tags and "/Table" in following.tags:
        return "table title" if bold.get(_innermost(item, {"/P"})) else None
    return None


def _innermost(item: Content, tags: set[str]) -> tuple[int, int]:
    return item.elements[max(i for i, t in enumerate(item.tags) if t in tags)]


# -- figures ------------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Text compared without whitespace of any kind, soft hyphens and typographic minus."""
    text = text.replace("\u00ad", "").replace("\u2212", "-").replace("\x02", "")
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Figure:
    text: str  # as the page shows it
    source: str  # data-source: file and line

    @property
    def key(self) -> str:
        return normalise(self.text)


def html_figures(site: Path, html: str, screen_only: Iterable[str]) -> list[Figure]:
    """The `span.pc-cijfer` figures of a page's article, without those print leaves out."""
    return _html_figures(site / html, tuple(screen_only))


@cache
def _html_figures(path: Path, screen_only: tuple[str, ...]) -> list[Figure]:
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    root = soup.select_one("article") or soup
    left_out = {id(node) for node in root.select(", ".join(screen_only))} if screen_only else set()
    figures = []
    for span in root.select("span.pc-cijfer"):
        if any(id(parent) in left_out for parent in span.parents) or id(span) in left_out:
            continue
        figure = Figure(" ".join(span.get_text().split()), str(span.get("data-source", "?")))
        if figure.key:
            figures.append(figure)
    return figures


def pdf_text(site: Path, pdf: str) -> str:
    """The legible text of a PDF, normalised (see `normalise`)."""
    return normalise("".join(g.text for page in read_pdf(site / pdf).pages
                             for g in page.legible()))


def check_figures(site: Path, pdf: str, html: str, screen_only: Iterable[str]) -> list[Problem]:
    """(c): every figure of the page is legible in its PDF."""
    text = pdf_text(site, pdf)
    figures = html_figures(site, html, screen_only)
    wanted = Counter(f.key for f in figures)
    problems = []
    for key, count in wanted.items():
        found = text.count(key)
        if found < count:
            first = next(f for f in figures if f.key == key)
            sources = sorted({f.source for f in figures if f.key == key})
            problems.append(Problem(pdf, 0, f"figure ‘{first.text}’ ({', '.join(sources)}) is "
                                    f"{count}× on {html}, {found}× in the PDF"))
    return problems


def check_layout(site: Path, item: SitePdf, rules: dict[str, PageRule] | None = None
                 ) -> tuple[list[Problem], list[Problem]]:
    """(a) and (b) for one PDF: bounds problems, page-end problems."""
    return check_bounds(site, item.pdf, rules), check_page_ends(site, item.pdf)


def main(argv: list[str]) -> int:
    """`python -m tests.pdf_layout SITE`: every problem of a built site, and the counts."""
    from pcdocs.output import printing

    site = Path(argv[0] if argv else "site")
    selectors = getattr(printing, "SCREEN_ONLY", None)
    rules = page_rules()
    counts: Counter[str] = Counter()
    for item in site_pdfs(site):
        found = {"a": check_bounds(site, item.pdf, rules), "b": check_page_ends(site, item.pdf)}
        if item.kind == "document" and item.html and selectors is not None:
            found["c"] = check_figures(site, item.pdf, item.html, list(selectors))
        for check, problems in found.items():
            counts[f"{item.kind} ({check})"] += len(problems)
            for problem in problems:
                print(f"[{item.kind} {check}] {problem}")
    if selectors is None:
        print("(c) not checked: pcdocs.output.printing.SCREEN_ONLY is missing")
    for key, count in sorted(counts.items()):
        print(f"{key}: {count} problem(s)")
    return 1 if any(n for k, n in counts.items() if not k.startswith("archived")) else 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
