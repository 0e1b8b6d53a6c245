"""Data written into the Markdown that a macro generates (headings, admonition titles).

A data text is Markdown source there, so a title could otherwise add Markdown of its own:
`{...}` at the end of a heading is read by attr_list as the heading's attributes (and the
anchor pcdocs gives it is lost, with every link to it), a trailing `#` is taken for a
closing mark, a line break ends the heading, a `"` ends an admonition title. Every helper
here keeps a data text to exactly the text it is: HTML escaped (as `textfields`), braces,
`#` and quotes as character references, one line; `{dataset.key}` figures still filled in.
"""

from __future__ import annotations

import re

from pcdocs.model.figures import Source
from pcdocs.render import html, textfields
from pcdocs.render.page import PageContext, template_line

# the figure placeholders that textfields fills in (`{verzuim.2018.percentage}`)
_PLACEHOLDER = textfields._PLACEHOLDER  # one definition of the syntax
literal = html.markdown_literal  # (one definition, shared with the generated pages)


def inline(ctx: PageContext, text: str, source: Source) -> str:
    """A data text for one line of generated Markdown (a heading, an admonition title, a
    bold lead): literal text with its `{dataset.key}` figures filled in."""
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(literal(text[position:match.start()]))
        parts.append(textfields.markdown_source(ctx, match.group(0), source))
        position = match.end()
    parts.append(literal(text[position:]))
    return "".join(parts).strip()


def heading(ctx: PageContext, level: int, text: str, source: Source,
            anchor: str | None = None) -> str:
    """`### text {#anchor}`: the text can never change the heading or its anchor."""
    body = inline(ctx, text, source)
    return f"{'#' * level} {body}" + (f" {{#{anchor}}}" if anchor else "")


_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def level_below_context(ctx: PageContext, highest: int = 5) -> int:
    """The heading level one below the last Markdown heading above the running macro call
    (2 when there is none): the default `niveau` of a macro that writes sections, so its
    headings never skip a level (`## 5.` then `{{ onderwerpen('5') }}` gives `###`)."""
    line = template_line()
    above = (ctx.markdown or "").splitlines()[: (line or 1) - 1]
    level, fence = 1, ""
    for text in above:
        opened = _FENCE.match(text)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        found = _ATX.match(text)
        if found:
            level = len(found.group(1))
    return max(2, min(level + 1, highest))
