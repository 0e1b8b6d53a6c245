"""Soft hyphens in the long words of headings, so that a phone breaks them with a hyphen.

Dutch makes long compounds ("Voortgangsrapportage", "Dienstverleningsovereenkomsten") that do
not fit one line of a large heading on a 390 px screen. Browsers then break them anywhere and
without a hyphen (the theme's `overflow-wrap: break-word`), and CSS `hyphens: auto` depends on
a Dutch dictionary in the browser, which many lack (headless chromium does). So the build puts
a soft hyphen (U+00AD, invisible unless the line breaks there) at the Dutch hyphenation points
(pyphen's nl_NL patterns, shipped with WeasyPrint's dependency pyphen) of every word of at
least MIN_LETTERS letters in the text of h1-h3 elements. Only text between tags changes: tags,
attributes (ids, hrefs), numbers, code, the figures of `.pc-cijfer` and the heading's
permalink stay byte for byte as they were.

Called on the finished page (`on_post_page`), after the search plugin has read the page, so
the search index, the anchors and the PDF (made from the content before) keep plain words.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pyphen  # type: ignore[import-untyped]

SHY = "\u00ad"
MIN_LETTERS = 12
EDGE = 3  # letters kept together at either end of a word

_HEADING = re.compile(r"(<h([1-3])(?:\s[^>]*)?>)(.*?)(</h\2\s*>)", re.S | re.I)
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
# a run of letters only: not part of a longer token with digits or underscores, nor the name
# of a character reference (`&shy;`, `&#173;`), nor a word already hyphenated by hand
_WORD = re.compile(rf"(?<![\w&#;{SHY}])[^\W\d_]{{{MIN_LETTERS},}}(?![\w;{SHY}])")
_SKIP = re.compile(r'^<\s*(code|kbd|pre|script|style|svg|math)\b|class="[^"]*\b(pc-cijfer|'
                   r'headerlink)\b', re.I)
_VOID = frozenset({"br", "img", "wbr", "hr", "input", "meta", "link", "source"})


@cache
def _dictionary() -> Any:
    return pyphen.Pyphen(lang="nl_NL", left=EDGE, right=EDGE)


@cache
def word(text: str) -> str:
    """`text` (letters only) with a soft hyphen at each Dutch hyphenation point."""
    hyphenated: str = _dictionary().inserted(text, hyphen=SHY)
    return hyphenated


def text(plain: str) -> str:
    """HTML text (no tags) with its long words hyphenated."""
    return _WORD.sub(lambda m: word(m.group(0)), plain)


def inline(html: str) -> str:
    """The content of a heading: the text between its tags hyphenated, except inside
    elements that hold code, figures or the permalink."""
    parts = _TAG.split(html)
    stack: list[tuple[str, bool]] = []  # open elements: (name, skipped)
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            found = _TAG_NAME.match(part)
            if found is None or part.endswith("/>"):
                continue
            closing, name = found.group(1) == "/", found.group(2).lower()
            if closing:
                while stack:
                    if stack.pop()[0] == name:
                        break
            elif name not in _VOID:
                stack.append((name, bool(_SKIP.search(part))))
        elif part and not any(skipped for _, skipped in stack):
            parts[i] = text(part)
    return "".join(parts)


def headings(page_html: str) -> str:
    """A page with the long words of its h1, h2 and h3 headings soft-hyphenated."""
    return _HEADING.sub(lambda m: m.group(1) + inline(m.group(3)) + m.group(4), page_html)
