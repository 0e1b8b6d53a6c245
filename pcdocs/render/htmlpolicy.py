"""What HTML a page may hold: an allow-list, checked on every page's content before it is
published or printed.

A page's content is the author's Markdown (which may hold HTML, attribute lists and links)
plus what the macros made. The same list applies to both, so a macro cannot slip anything
past it either. Refused: every element not in `TAGS` (script, style, iframe, object, embed,
form, link, meta, base, svg, audio, video, ...), every attribute not listed (event handlers
such as `onclick`, `srcset`, `formaction`, data attributes other than pcdocs' own, an `id`
starting with `_` like the theme's `__config`), comments with `<` or `>` and declarations
(browsers and parsers end them differently), `style` except the house colour variables
pcdocs sets itself, links with a scheme other than http, https or mailto (`javascript:`,
`data:`, `file:`, `vbscript:`), images from anywhere but the site itself, and relative
addresses that climb out of the site. Each refusal is a finding with the page's file and
its line (`source_lines`): the place in the page's Markdown where the refused element or
attribute is written, found in document order, else the line of the text right before it.

`docs/handleiding/schrijven.md` lists what an author may write; `tests/test_authoring_rules.py`
holds that page against `TAGS`, `GLOBAL_ATTRIBUTES`, `ATTRIBUTES` and `LINK_SCHEMES`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote

TAGS = frozenset({
    "a", "abbr", "article", "b", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "mark",
    "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "tabindex",
                               "hidden"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "download"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
}
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_HOUSE_STYLE = re.compile(r"(\s*--pc-[a-z-]+:\s*#[0-9a-fA-F]{3,8}\s*;?)+\s*")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Refusal:
    message: str
    needle: str  # text to look for in the page's source, to find the line
    # how it may be written in the source, the surest first (the start tag as written, the
    # attribute, its value, ...), which element of the HTML it is in (refusals of one element
    # share its line) and where that element starts in the HTML
    needles: tuple[str, ...] = ()
    element: int = -1
    position: int = 0


DATA_ATTRIBUTES = frozenset({"data-source", "data-gemeente", "data-toc-label"})


def _data_attribute(name: str) -> bool:
    """pcdocs' own data attributes (the theme's scripts act on others: `data-md-*`,
    `data-clipboard-text`)."""
    return name in DATA_ATTRIBUTES or name.startswith("data-pc-")


def check(html: str, page_path: str) -> list[Refusal]:
    """Everything in `html` (a page's content, written at `page_path` in the site, e.g.
    `iasz/2024/jaarplan/index.html`) that the policy refuses; empty when all is allowed."""
    parser = _Policy(page_path, html)
    parser.feed(html)
    parser.close()
    return parser.refusals


class _Policy(HTMLParser):
    def __init__(self, page_path: str, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.folder = posixpath.dirname(page_path)
        self.refusals: list[Refusal] = []
        self.elements = 0
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", html))]

    def _refuse(self, message: str, needle: str, *needles: str) -> None:
        line, column = self.getpos()
        position = self._line_starts[min(line, len(self._line_starts)) - 1] + column
        self.refusals.append(Refusal(message, needle, tuple(n for n in needles if n),
                                     self.elements, position))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements += 1
        written = self.get_starttag_text() or ""
        if tag not in TAGS:
            self._refuse(f"het HTML-element <{tag}> is niet toegestaan", f"<{tag}", written,
                         f"<{tag}")
            return
        allowed = ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            attribute = _attribute(written, name)
            if name == "style":
                if not _HOUSE_STYLE.fullmatch(value or ""):
                    self._refuse("het attribuut 'style' is niet toegestaan", "style", written,
                                 attribute, "style=", "style")
            elif name.startswith("aria-") or _data_attribute(name):
                continue
            elif name in ("id", "for") and (value or "").startswith("_"):
                self._refuse(  # the theme's own elements: __config, __search
                    f"een {name} die met _ begint is niet toegestaan", value or name, written,
                    attribute, value or "", name)
            elif name not in GLOBAL_ATTRIBUTES and name not in allowed:
                self._refuse(f"het attribuut '{name}' is niet toegestaan op <{tag}>", name,
                             written, attribute, name)
            elif name in ("href", "src"):
                problem = self._address(value or "", image=name == "src")
                if problem:
                    shown = (value or "").strip()[:40]
                    self._refuse(problem, shown, written, attribute, shown, *_pieces(shown))

    handle_startendtag = handle_starttag

    # Browsers and HTML parsers disagree on odd comments and declarations (`<!-->`,
    # `<![CDATA[ > ... ]]>`): what this parser takes for a comment, a browser may end early
    # and then run the rest. Only plain comments pass.
    def handle_comment(self, data: str) -> None:
        self.elements += 1
        if data.startswith((">", "->")) or "--!" in data or "<" in data or ">" in data:
            self._refuse("een HTML-opmerking met < of > is niet toegestaan", "<!--",
                         f"<!--{data}", "<!--")

    def handle_decl(self, decl: str) -> None:
        self.elements += 1
        self._refuse("een HTML-declaratie is niet toegestaan", "<!", f"<!{decl}", "<!")

    def unknown_decl(self, data: str) -> None:
        self.elements += 1
        self._refuse("een HTML-declaratie (CDATA) is niet toegestaan", "<![", f"<![{data}",
                     "<![")

    def handle_pi(self, data: str) -> None:
        self.elements += 1
        self._refuse("een HTML-verwerkingsinstructie is niet toegestaan", "<?", f"<?{data}",
                     "<?")

    def _address(self, value: str, *, image: bool) -> str | None:
        address = _INVISIBLE.sub("", unquote(value))  # (%2e%2e is .. to a browser)
        scheme = _SCHEME.match(address)
        if scheme is not None:
            if image or scheme.group(1).lower() not in LINK_SCHEMES:
                what = "afbeelding" if image else "link"
                return (f"{what} met '{scheme.group(1)}:' is niet toegestaan; "
                        + ("een afbeelding komt van de site zelf" if image else
                           "alleen http, https en mailto"))
            return None
        if address.startswith(("//", "/")) or "\\" in address:
            return f"adres '{value.strip()[:60]}' wijst buiten de site"
        path = address.split("#", 1)[0].split("?", 1)[0]
        if path and posixpath.normpath(posixpath.join(self.folder, path)).startswith(".."):
            return f"adres '{value.strip()[:60]}' wijst buiten de site"
        return None


def _attribute(tag: str, name: str) -> str:
    """An attribute as the start tag `tag` writes it (`style="color: red"`), or ""."""
    found = re.search(rf"""(?<![\w-]){re.escape(name)}\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""",
                      tag, re.I)
    return found.group(0) if found else ""


def _pieces(value: str) -> list[str]:
    """The longer pieces of an address, for a source that writes it in parts or with
    entities (`java&#x09;script:`), longest first."""
    return sorted((p for p in re.split(r"[\s:&;#/]+", value) if len(p) >= 4), key=len,
                  reverse=True)


# -- where a refusal is written in the page's source --------------------------------------

_TAGS_OR_SPACE = re.compile(r"<[^>]*>|\s+")


def source_lines(refusals: list[Refusal], markdown: str, html: str) -> list[int]:
    """For each refusal of `check(html, ...)`, the line (1-based) of the page's Markdown
    `markdown` where it is written. The refusals are in document order, and so is the
    Markdown: each is looked for from where the one before it was found (a refusal of the
    same element from that very place, the next element after it), by its surest needle
    first; one that is nowhere after it (a footnote, whose HTML comes at the end) is looked
    for from the start. HTML a macro made is not in the source as such: then the line of
    the text right before it in the HTML, and at worst the line of the refusal before it
    (or the first line)."""
    text = markdown.lower()
    starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line_at(offset: int) -> int:
        low, high = 0, len(starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1

    lines: list[int] = []
    element, found_at, found_end = None, 0, 0
    for refusal in refusals:
        origin = found_at if refusal.element == element else found_end
        place = _search(text, refusal.needles or (refusal.needle,), origin)
        if place is None:
            place = _search(text, _context(html, refusal.position), origin, nearest=False)
        if place is None:
            lines.append(lines[-1] if lines else 1)
            continue
        element, (found_at, found_end) = refusal.element, place
        lines.append(line_at(found_at))
    return lines


def _search(text: str, needles: tuple[str, ...], origin: int, *, nearest: bool = True
            ) -> tuple[int, int] | None:
    """(start, end) of the nearest of `needles` from `origin` (the surest first when two
    begin at the same place: the same start tag may come again further on; with `nearest`
    False, the first of them found), else of the surest found from the start."""
    wanted = [n.lower() for n in needles if n.strip()]
    near = [(at, -len(n)) for n in wanted if (at := text.find(n, origin)) >= 0]
    if near and not nearest:
        near = near[:1]
    if near:
        at, length = min(near)
        return at, at - length
    for needle in wanted:
        at = text.find(needle)
        if at >= 0:
            return at, at + len(needle)
    return None


def _context(html: str, position: int) -> tuple[str, ...]:
    """The text right before `position` in the HTML: its last three words, its last word."""
    words = _TAGS_OR_SPACE.sub(" ", html[max(0, position - 600):position]).split()
    words = [w for w in words if not w.startswith("&")]
    candidates = [" ".join(words[-3:])] if len(words) >= 3 else []
    candidates += [w for w in reversed(words[-3:]) if len(w) >= 4]
    return tuple(candidates)


# -- the author guide's list (docs/handleiding/schrijven.md) --------------------------------

GUIDE = "docs/handleiding/schrijven.md"
GUIDE_START = "<!-- html: begin (gemaakt uit pcdocs/render/htmlpolicy.py) -->"
GUIDE_END = "<!-- html: einde -->"


def guide_text() -> str:
    """What a page may hold, as the guide shows it between `GUIDE_START` and `GUIDE_END`
    (`python -m pcdocs.render.htmlpolicy` prints it; a test holds the guide to it)."""
    def names(values: frozenset[str]) -> str:
        return ", ".join(f"`{v}`" for v in sorted(values))

    rows = [f"| `{tag}` | {names(ATTRIBUTES[tag])} |" for tag in sorted(ATTRIBUTES)]
    return "\n".join([
        f"**Elementen** ({len(TAGS)}): {names(TAGS)}.",
        "",
        f"**Attributen op elk van die elementen**: {names(GLOBAL_ATTRIBUTES)} (een `id` "
        "niet beginnend met `_`) en `aria-…`.",
        "",
        "**Attributen die bij één element horen**:",
        "",
        "| Element | Attributen |",
        "| --- | --- |",
        *rows,
        "",
        f"**Adressen**: een link (`href`) gaat naar {names(LINK_SCHEMES)} of naar een "
        "adres binnen de site (niet met `/`, `//` of zoveel `../` dat het buiten de site "
        "komt); een afbeelding (`src`) komt van de site zelf, een bestand in `docs/`.",
    ])


if __name__ == "__main__":
    print(GUIDE_START)
    print(guide_text())
    print(GUIDE_END)
