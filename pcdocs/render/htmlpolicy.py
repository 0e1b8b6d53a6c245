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
addresses that climb out of the site. Each refusal is a finding with the page's file and,
where the text occurs there, its line.
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


DATA_ATTRIBUTES = frozenset({"data-source", "data-gemeente", "data-toc-label"})


def _data_attribute(name: str) -> bool:
    """pcdocs' own data attributes (the theme's scripts act on others: `data-md-*`,
    `data-clipboard-text`)."""
    return name in DATA_ATTRIBUTES or name.startswith("data-pc-")


def check(html: str, page_path: str) -> list[Refusal]:
    """Everything in `html` (a page's content, written at `page_path` in the site, e.g.
    `iasz/2024/jaarplan/index.html`) that the policy refuses; empty when all is allowed."""
    parser = _Policy(page_path)
    parser.feed(html)
    parser.close()
    return parser.refusals


class _Policy(HTMLParser):
    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.folder = posixpath.dirname(page_path)
        self.refusals: list[Refusal] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.refusals.append(Refusal(f"het HTML-element <{tag}> is niet toegestaan",
                                         f"<{tag}"))
            return
        allowed = ATTRIBUTES.get(tag, frozenset())
        for name, value in attrs:
            if name == "style":
                if not _HOUSE_STYLE.fullmatch(value or ""):
                    self.refusals.append(Refusal("het attribuut 'style' is niet toegestaan",
                                                 "style"))
            elif name.startswith("aria-") or _data_attribute(name):
                continue
            elif name in ("id", "for") and (value or "").startswith("_"):
                self.refusals.append(Refusal(  # the theme's own elements: __config, __search
                    f"een {name} die met _ begint is niet toegestaan", value or name))
            elif name not in GLOBAL_ATTRIBUTES and name not in allowed:
                self.refusals.append(Refusal(
                    f"het attribuut '{name}' is niet toegestaan op <{tag}>", name))
            elif name in ("href", "src"):
                problem = self._address(value or "", image=name == "src")
                if problem:
                    self.refusals.append(Refusal(problem, (value or "").strip()[:40]))

    handle_startendtag = handle_starttag

    # Browsers and HTML parsers disagree on odd comments and declarations (`<!-->`,
    # `<![CDATA[ > ... ]]>`): what this parser takes for a comment, a browser may end early
    # and then run the rest. Only plain comments pass.
    def handle_comment(self, data: str) -> None:
        if data.startswith((">", "->")) or "--!" in data or "<" in data or ">" in data:
            self.refusals.append(Refusal("een HTML-opmerking met < of > is niet toegestaan",
                                         "<!--"))

    def handle_decl(self, decl: str) -> None:
        self.refusals.append(Refusal("een HTML-declaratie is niet toegestaan", "<!"))

    def unknown_decl(self, data: str) -> None:
        self.refusals.append(Refusal("een HTML-declaratie (CDATA) is niet toegestaan", "<!["))

    def handle_pi(self, data: str) -> None:
        self.refusals.append(Refusal("een HTML-verwerkingsinstructie is niet toegestaan", "<?"))

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
