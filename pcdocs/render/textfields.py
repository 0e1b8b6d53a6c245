"""Texts from data files: escaped, may cite figures, and (where documented) Markdown.

A data text can cite any figure of the page's data as `{dataset.key}`, e.g.
`{organisatie.gemeenten}` or `{verzuim.2018.percentage}`: the figure is filled in with its
provenance, so a number in a data text need not be typed twice. HTML in a data text is shown
as text, never as markup. Where a data text is Markdown, it is a subset: emphasis, lists and
links to http, https, mailto or a place on the same page (`#...`); images and attribute
lists (`{: ...}`, `{#id}`, `{onclick=...}`) are refused with a finding at the text's line.
"""

from __future__ import annotations

import re

import markdown as md
from markupsafe import Markup, escape

from pcdocs.errors import DataError, PcdocsError
from pcdocs.model.figures import Source
from pcdocs.render.page import PageContext

_PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[A-Za-z0-9_\-]+)+)\}")
_IMAGE = re.compile(r"!\[")
_LINK_TARGETS = (re.compile(r"\]\(\s*<?([^)\s>]*)"),  # [tekst](adres)
                 re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.M))  # [1]: adres
_ATTR_LIST = re.compile(r"\{:?\s*(?:[#.][\w-]|[\w-]+\s*=)")
_SCHEMES = ("http://", "https://", "mailto:")
_HINT = "een tekst uit de gegevens mag nadruk, opsommingen en links (http, https, mailto) bevatten"


def _refuse(source: Source, message: str) -> DataError:
    return DataError(f"{source.key or 'tekst'}: {message}", file=source.file, line=source.line,
                     key=source.key, code="tekst-opmaak", hint=_HINT)


def check_markdown(text: str, source: Source) -> None:
    """Refuse what a Markdown data text may not do (see the module's docstring)."""
    if text.count("[") > 1_000:
        raise _refuse(source, "meer dan 1.000 keer '[' in één tekst kan niet op tijd worden "
                              "verwerkt")
    if _IMAGE.search(text):
        raise _refuse(source, "een afbeelding kan niet in een tekst uit de gegevens; zet haar "
                              "in de pagina zelf")
    for pattern in _LINK_TARGETS:
        for match in pattern.finditer(text):
            target = "".join(match.group(1).split()).lower()
            if not target.startswith(("#", *_SCHEMES)):
                raise _refuse(source, f"link naar '{match.group(1)[:60]}' is niet toegestaan")
    if _ATTR_LIST.search(text):
        raise _refuse(source, "een attribuutlijst ({: ...}) is niet toegestaan")


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
    """Data text for the page's Markdown: its Markdown works (the subset above), its HTML
    does not."""
    check_markdown(text, source)
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _fill(ctx, safe, source)


def block(ctx: PageContext, text: str, source: Source) -> Markup:
    """Data text as HTML blocks (paragraphs, lists, bold), for use inside an HTML element."""
    html = md.markdown(markdown_source(ctx, text, source), extensions=["sane_lists"])
    return Markup(html.replace("\n", " "))
