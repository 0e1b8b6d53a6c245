"""Numbered tables and figures, and references to them: "Tabel 3", "zie tabel 3".

Opt-in per document: `nummering: ja` in its front matter (`DocumentMeta.numbering`; a page
that is no document, such as a page of the guide, may say it too). Then, once the page's
HTML is complete (`output/site.py` page_content, before an edition leaves out the other
gemeenten' passages), `apply` numbers in document order

- every table block (`div.pc-tabel`: what `PageContext.table` and the blocks make), as
  "Tabel N: <title>" in its visible title and in its caption, and
- every figure with a caption (`figure` with a `figcaption`: the charts of
  `PageContext.chart`, and an author's own `<figure>`), as "Figuur N: <caption>";

a chart's figures as a table to unfold (`details.pc-grafiekdata`) belong to the chart and
are not numbered. The numbers are the document's: the site, every gemeente's edition and
the PDF (which prints the same content HTML) show the same ones.

Each numbered item has a name an author refers to it by: a table's is the name of its CSV
download without `.csv` (`formatieanalyse`, `taakvelden`), a chart's that of the table of
its figures (`grafiek-formatie`), an author's figure its `id` (`<figure id="organogram">`),
else the title in lower case with hyphens. It gets the anchor `tabel-<name>` /
`figuur-<name>` (an author's figure keeps its id). `verwijzing('<name>')` writes a
placeholder that `apply` turns into a link "tabel 3"; in print the link is an internal one
and the PDF adds the page: "tabel 3 (p. 30)" (`output/printing.py`, `print.css`). A name that
is not on the page is a finding at the macro's line with the closest name as a suggestion,
found when the page's macros have run (`PageContext.finish_markdown`, so `check` finds it
too) and again on the HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from typing import TYPE_CHECKING, Literal

from markupsafe import Markup

from pcdocs.errors import Finding, MacroError
from pcdocs.model.organisation import slugify
from pcdocs.model.schema import suggest
from pcdocs.render.html import element_end

if TYPE_CHECKING:
    from pcdocs.render.page import PageContext

Kind = Literal["tabel", "figuur"]
FRONT_KEY = "nummering"


def default_for(doc_type: str) -> bool:
    """Whether a document of this kind is numbered when its front matter does not say.

    The hook for a document kind's own default (e.g. `nummering: ja` for a kind in
    `pcdocs/reference/documentsoorten.yaml`): today every kind is unnumbered, so the
    documents written before numbering keep their output byte for byte."""
    return False


def enabled(ctx: PageContext) -> bool:
    """Whether the page numbers its tables and figures: a document by its front matter (or
    its kind's default), any other page by `nummering: ja` in its front matter."""
    if ctx.document is not None:
        meta = ctx.document.meta
        return meta.numbering if meta.numbering is not None else default_for(meta.doc_type)
    return ctx.front.get(FRONT_KEY) in (True, "ja")


@dataclass(frozen=True)
class Item:
    kind: Kind
    name: str  # what `verwijzing()` names
    number: int
    anchor: str  # the element's id
    start: int  # the element's start tag in the page
    end: int  # after the start tag
    has_id: bool  # the element had this id already

    @property
    def label(self) -> str:
        return f"{self.kind.capitalize()} {self.number}"


_BLOCK = re.compile(r'<div class="pc-tabel(?:\s[^"]*)?"[^>]*>|<figure(?=[\s>])[^>]*>')
_CHART_DATA = re.compile(r'<details class="pc-grafiekdata"[^>]*>')
_DOWNLOAD = re.compile(r'<a href="([^"]+)\.csv" download>')
_TITLE = re.compile(r'<p class="pc-tabeltitel"[^>]*>(.*?)</p>', re.S)
_CAPTION = re.compile(r'<caption class="pc-sr">')
_FIGCAPTION = re.compile(r"<figcaption(?=[\s>])[^>]*>(.*?)</figcaption>", re.S)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s*")

PLACEHOLDER = "data-pc-verwijzing="
# code in Markdown (a fenced block, a code span): an example, not a table or figure
_CODE = re.compile(r"^(```|~~~).*?^\1[ \t]*$|`[^`\n]+`", re.S | re.M)
_REFERENCE = re.compile(r'<a class="pc-verwijzing" data-pc-verwijzing="([^"]*)" '
                        r'data-pc-regel="(\d*)"( data-pc-hoofdletter="1")?>[^<]*</a>')


def items(page: str) -> list[Item]:
    """The numbered tables and figures of a page's HTML (or of its Markdown once the macros
    have run: their HTML is in it as it will be), in document order."""
    skipped = [(m.start(), element_end(page, m.start(), "details") or len(page))
               for m in _CHART_DATA.finditer(page)]
    taken = {unescape(a if a is not None else b) for a, b in _ID.findall(page)}
    found: list[Item] = []
    names: set[str] = set()
    done = 0
    counts: dict[Kind, int] = {"tabel": 0, "figuur": 0}
    for match in _BLOCK.finditer(page):
        start, tag = match.start(), match.group(0)
        if start < done or any(a <= start < b for a, b in skipped):
            continue
        kind: Kind = "figuur" if tag.startswith("<figure") else "tabel"
        end = element_end(page, start, "figure" if kind == "figuur" else "div")
        if end is None:
            continue  # never closed: not an element (an example in the text)
        body = page[start:end]
        own = _ID.search(tag)
        own_id = unescape(own.group(1) if own.group(1) is not None else own.group(2)) \
            if own else None
        if kind == "figuur":
            caption = _FIGCAPTION.search(body)
            if caption is None:
                continue  # a figure without a caption is not numbered
            name = own_id or _chart_name(page, end) or _slug(caption.group(1))
        else:
            download = _DOWNLOAD.search(body)
            title = _TITLE.search(body)
            name = own_id or (download.group(1) if download else
                              _slug(title.group(1) if title else ""))
        counts[kind] += 1
        name = _unique(name or f"{kind}-{counts[kind]}", names)
        names.add(name)
        anchor = own_id or _unique(f"{kind}-{name}", taken)
        taken.add(anchor)
        found.append(Item(kind, name, counts[kind], anchor, start, match.end(),
                          own_id is not None))
        done = end
    return found


def _chart_name(page: str, end: int) -> str | None:
    """A chart's name: that of the table of its figures, right after it."""
    after = _SPACE.match(page, end)
    position = after.end() if after else end
    data = _CHART_DATA.match(page, position)
    if data is None:
        return None
    close = element_end(page, position, "details") or len(page)
    download = _DOWNLOAD.search(page, position, close)
    return download.group(1) if download else None


def _slug(markup: str) -> str:
    return slugify(unescape(_TAGS.sub("", markup)))


def _unique(name: str, taken: set[str]) -> str:
    candidate, counter = name, 2
    while candidate in taken:
        candidate, counter = f"{name}-{counter}", counter + 1
    return candidate


def apply(page: str, file: str) -> tuple[str, list[Finding]]:
    """The page (its content HTML, from `file`) with its tables and figures numbered and
    its references resolved; a reference to a name that is not on the page becomes a
    visible error and a finding."""
    found = items(page)
    parts: list[str] = []
    done = 0
    for item in found:
        parts.append(page[done:item.start])
        parts.append(_numbered(page, item))
        done = _element_span(page, item)
    parts.append(page[done:])
    numbered = "".join(parts)
    by_name = {item.name: item for item in found}
    problems: list[Finding] = []

    def resolve(match: re.Match[str]) -> str:
        name, line = unescape(match.group(1)), int(match.group(2)) if match.group(2) else None
        item = by_name.get(name)
        if item is None:
            finding = unknown(name, line, file, list(by_name))
            problems.append(finding)
            return str(Markup('<span class="pc-fout" role="alert">Fout: {}</span>').format(
                finding.format()))
        text = f"{item.kind} {item.number}"
        if match.group(3):
            text = text.capitalize()
        return f'<a class="pc-verwijzing" href="#{escape(item.anchor)}">{text}</a>'

    if PLACEHOLDER in numbered:
        numbered = _REFERENCE.sub(resolve, numbered)
    return numbered, problems


def _element_span(page: str, item: Item) -> int:
    return element_end(page, item.start, "figure" if item.kind == "figuur" else "div") \
        or len(page)


def _numbered(page: str, item: Item) -> str:
    """One table block or figure with its id and its number in its title and caption."""
    end = _element_span(page, item)
    tag = page[item.start:item.end]
    if not item.has_id:
        tag = f'{tag[:-1]} id="{escape(item.anchor)}">'
    body = page[item.end:end]
    label = escape(item.label)
    number = f'<span class="pc-nummer">{label}:</span> '
    if item.kind == "figuur":
        body = re.sub(r"(<figcaption(?=[\s>])[^>]*>)", lambda m: m.group(1) + number, body,
                      count=1)
    else:
        body = re.sub(r'(<p class="pc-tabeltitel"[^>]*>)', lambda m: m.group(1) + number,
                      body, count=1)
        body = _CAPTION.sub(lambda m: m.group(0) + f"{label}: ", body, count=1)
    return tag + body


# -- references -------------------------------------------------------------------------

def unknown(name: str, line: int | None, file: str, known: list[str]) -> Finding:
    """The finding for `verwijzing(name)` when no table or figure on the page has it."""
    guess = suggest(name, known)
    hint = (f"bedoelde u '{guess}'?" if guess else
            "op deze pagina staan: " + ", ".join(known[:12]) + "; de naam van een tabel is "
            "die van haar CSV-download zonder .csv" if known else
            "deze pagina heeft geen genummerde tabellen of figuren")
    return Finding("error", "onbekende-verwijzing", file, line,
                   f"verwijzing('{name}'): geen tabel of figuur met die naam op de pagina",
                   hint=hint, macro=f"verwijzing({name!r})")


def unknown_references(markdown: str, file: str) -> list[Finding]:
    """The references of a page (its Markdown once the macros have run) to a name that
    none of its tables and figures has."""
    if PLACEHOLDER not in markdown:
        return []
    known = [item.name for item in items(_CODE.sub("", markdown))]
    return [unknown(unescape(m.group(1)), int(m.group(2)) if m.group(2) else None, file, known)
            for m in _REFERENCE.finditer(markdown) if unescape(m.group(1)) not in known]


def macro_verwijzing(ctx: PageContext, naam: str, hoofdletter: bool = False) -> Markup:
    """A reference to a table or figure of this page: "tabel 3" (a link; with its page in
    the PDF). Resolved when the page is complete (`apply`)."""
    from pcdocs.render.page import template_line

    if not enabled(ctx):
        raise MacroError("verwijzing() werkt alleen als tabellen en figuren genummerd zijn",
                         code="nummering-uit",
                         hint=f"zet '{FRONT_KEY}: ja' in de front matter van het document")
    line = template_line()
    page_line = line + ctx.line_offset if line else None
    return Markup('<a class="pc-verwijzing" data-pc-verwijzing="{}" data-pc-regel="{}"{}>{}</a>'
                  ).format(str(naam), page_line or "",
                           Markup(' data-pc-hoofdletter="1"') if hoofdletter else "", str(naam))
