"""Texts from data files: escaped, may cite figures, and (where documented) Markdown.

A data text can cite any figure of the page's data as `{dataset.key}`, e.g.
`{organisatie.gemeenten}` or `{verzuim.2018.percentage}`: the figure is filled in with its
provenance, so a number in a data text need not be typed twice. HTML in a data text is shown
as text, never as markup.
"""

from __future__ import annotations

import re

import markdown as md
from markupsafe import Markup, escape

from pcdocs.errors import DataError, PcdocsError
from pcdocs.figures import Source
from pcdocs.page import PageContext

_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[A-Za-z0-9_\-]+)+)\}")


def _fill(ctx: PageContext, escaped: str, source: Source) -> str:
    def figure(match: re.Match[str]) -> str:
        try:
            return str(ctx.figure(match.group(1)).html())
        except PcdocsError as exc:
            raise DataError(
                f"{source.key or 'tekst'}: {{{match.group(1)}}} kan niet worden ingevuld: "
                f"{exc.finding.message}", file=source.file, line=source.line, key=source.key,
                code="onbekend-cijfer", hint=exc.finding.hint) from None

    return _PLACEHOLDER.sub(figure, escaped)


def inline(ctx: PageContext, text: str, source: Source) -> Markup:
    """One line of data text as HTML: escaped, with figures filled in."""
    return Markup(_fill(ctx, str(escape(text)), source))


def markdown_source(ctx: PageContext, text: str, source: Source) -> str:
    """Data text for the page's Markdown: its Markdown works, its HTML does not."""
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _fill(ctx, safe, source)


def block(ctx: PageContext, text: str, source: Source) -> Markup:
    """Data text as HTML blocks (paragraphs, lists, bold), for use inside an HTML element."""
    html = md.markdown(markdown_source(ctx, text, source), extensions=["sane_lists"])
    return Markup(html.replace("\n", " "))
