"""Running a page's macros: the one function that `check`, the build and the preview call.

The page's Markdown is checked statically first (syntax, names, filters; nothing of a refused
page runs), then rendered in the page sandbox (`sandbox.PageEnvironment`) with the registered
macros bound to the page's context, and its footnotes are appended. Every problem becomes a
finding at its page line; nothing here raises for an author's mistake.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import markdown
import yaml
from markupsafe import Markup

from pcdocs.errors import Finding, TemplateError
from pcdocs.render import authoring, htmlpolicy, templating
from pcdocs.render.page import PageContext

_REFUSED = ("macro-syntax", "niet-toegestaan", "macro-limiet")


def render(ctx: PageContext, body: str) -> tuple[str | None, list[Finding]]:
    """The page's Markdown with its macros run (None when they cannot run), and the static
    problems found on the way. Names already reported as unknown render as nothing, so the
    later mistakes of the page are found too."""
    ctx.markdown = body
    if not templating.has_macros(body):
        too_much = _too_complex(ctx, body, body)
        return (body, []) if too_much is None else (None, [too_much])
    allowed = authoring.allowed_names(ctx.front)
    problems = templating.check_source(body, ctx.file, ctx.line_offset, allowed)
    if any(p.code in _REFUSED for p in problems):
        return None, problems  # nothing of a refused page runs
    functions = {spec.name: authoring.bind(spec, lambda: ctx) for spec in authoring.MACROS}
    unknown = dict.fromkeys(templating.unknown_names(body, allowed), _nothing)
    variables = {**authoring.page_variables(ctx), **ctx.front}  # as mkdocs-macros merges them
    try:
        rendered = templating.render_source(body, {**unknown, **functions}, variables)
    except TemplateError as exc:
        # after a reported unknown name this is a consequence of it; otherwise the page's own
        line = exc.finding.line + ctx.line_offset if exc.finding.line else None
        failure = replace(exc.finding, file=exc.finding.file or ctx.file, line=line)
        return None, problems or [failure]
    too_much = _too_complex(ctx, body, rendered)
    if too_much is not None:
        return None, [*problems, too_much]
    return ctx.finish_markdown(rendered), problems


# Python-Markdown takes time quadratic in the number of `[` (link syntax) and of unclosed
# raw HTML tags on a page: 20.000 of them took 37 s. The example pages have at most 259 `[`.
MAX_BRACKETS = 3_000
MAX_TAGS = 3_000


def _too_complex(ctx: PageContext, body: str, rendered: str) -> Finding | None:
    """A finding when the page has more link or HTML syntax than Markdown can take in time
    (macros' own HTML is not counted: it is made by pcdocs)."""
    brackets, tags = rendered.count("["), body.count("<")
    if brackets <= MAX_BRACKETS and tags <= MAX_TAGS:
        return None
    what = (f"{brackets} keer '['" if brackets > MAX_BRACKETS else f"{tags} keer '<'")
    return Finding("error", "pagina-te-complex", ctx.file, None,
                   f"deze pagina bevat {what}; zoveel opmaak kan niet op tijd worden verwerkt",
                   hint=f"houd het onder {MAX_BRACKETS:,} per pagina".replace(",", ".")
                   + ", of verdeel de tekst over meer pagina's")


def page_markdown(ctx: PageContext, body: str) -> str:
    """What the site shows for a page: its rendered Markdown, or, when its macros failed,
    the list of its findings (which the build also reports and fails on)."""
    rendered, problems = render(ctx, body)
    for problem in problems:
        ctx.warn(problem)
    if rendered is not None and not problems:
        return rendered
    listing = "\n".join(f"    - `{p.format()}`" for p in ctx.findings
                        if p.severity == "error") or "    - de macro's konden niet draaien"
    return f'!!! failure "Deze pagina bevat fouten"\n\n{listing}\n'


def refused_html(ctx: PageContext, html: str, page_path: str) -> str | None:
    """None when the page's content keeps to the HTML policy (`htmlpolicy`); otherwise
    every refusal becomes a finding at its page line and the content a list of them."""
    refusals = htmlpolicy.check(html, page_path)
    if not refusals:
        return None
    for refusal in refusals:
        ctx.warn(Finding("error", "html-niet-toegestaan", ctx.file,
                         _line_of(ctx, refusal.needle), refusal.message,
                         hint="schrijf Markdown; welke HTML een pagina mag bevatten staat in "
                              "de handleiding (Wat HTML in een pagina mag)"))
    items = Markup("").join(Markup("<li><code>{}</code></li>").format(f.format())
                            for f in ctx.findings if f.code == "html-niet-toegestaan")
    return str(Markup('<div class="admonition failure"><p class="admonition-title">Deze '
                      "pagina bevat HTML die niet is toegestaan</p><ul>{}</ul></div>"
                      ).format(items))


def page_html(root: Path, rendered: str) -> str | None:
    """A rendered page's Markdown as HTML, with the Markdown extensions of the site's
    mkdocs.yml: what `check` holds against the HTML policy, as the build does (None when
    Markdown cannot take it: nesting too deep for Python)."""
    names, configs = _extensions(root / "mkdocs.yml")
    try:
        return markdown.markdown(rendered, extensions=names, extension_configs=configs)
    except RecursionError:
        return None


@functools.cache
def _extensions(config: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for item in data.get("markdown_extensions", []) if isinstance(data, dict) else []:
        name, options = (next(iter(item.items())) if isinstance(item, dict) else (item, None))
        names.append(str(name))
        if isinstance(options, dict):
            configs[str(name)] = options
    return names, configs


def _line_of(ctx: PageContext, needle: str) -> int | None:
    """The file line of the first line of the page's Markdown that holds `needle`."""
    if not needle or ctx.markdown is None:
        return None
    lines = ctx.markdown.lower().splitlines()
    # the text as written, else its longest pieces (entities and tabs change in the HTML)
    pieces = sorted((p for p in re.split(r"[\s:&;#]+", needle.lower()) if len(p) >= 4),
                    key=len, reverse=True)
    for candidate in (needle.lower(), *pieces):
        for number, line in enumerate(lines, start=1):
            if candidate in line:
                return number + ctx.line_offset
    return None


def _nothing(*args: object, **kwargs: object) -> str:
    return ""
