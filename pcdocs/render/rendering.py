"""Running a page's macros: the one function that `check`, the build and the preview call.

The page's Markdown is checked statically first (syntax, names, filters; nothing of a refused
page runs), then rendered in the page sandbox (`sandbox.PageEnvironment`) with the registered
macros bound to the page's context, and its footnotes are appended. Every problem becomes a
finding at its page line; nothing here raises for an author's mistake.

A page shows figures and does not compute with them: arithmetic, a comparison or a numeric
filter on what a macro returns (`{{ cijfer('a') / cijfer('b') }}`) is `rekenen-in-pagina`
at its line, found in the Markdown before anything runs (every place), or by the sandbox
when the page runs (a macro's result kept in a variable); the hint gives the formula to
write in the data folder's berekeningen.yaml.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
import markdown
import yaml
from jinja2 import nodes
from markupsafe import Markup

from pcdocs.errors import Finding, TemplateError
from pcdocs.render import authoring, htmlpolicy, templating
from pcdocs.render.page import PageContext
from pcdocs.render.sandbox import NUMERIC_FILTERS, PageArithmetic

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
    problems += arithmetic(ctx, body)
    functions = {spec.name: authoring.bind(spec, lambda: ctx) for spec in authoring.MACROS}
    unknown = dict.fromkeys(templating.unknown_names(body, allowed), _nothing)
    variables = {**authoring.page_variables(ctx), **ctx.front}  # as mkdocs-macros merges them
    try:
        rendered = templating.render_source(body, {**unknown, **functions}, variables)
    except TemplateError as exc:
        # after a reported unknown name this is a consequence of it; otherwise the page's own
        line = exc.finding.line + ctx.line_offset if exc.finding.line else None
        failure = replace(exc.finding, file=exc.finding.file or ctx.file, line=line)
        if isinstance(exc, PageArithmetic):
            at = templating.template_line(exc)
            failure = _computing(ctx, at + ctx.line_offset if at else None,
                                 f"de pagina rekent met de uitkomst van {exc.macro}() "
                                 f"({exc.what})", None)
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
    lines: list[int | None] = [*htmlpolicy.source_lines(refusals, ctx.markdown, html)] \
        if ctx.markdown else [None] * len(refusals)
    for refusal, line in zip(refusals, lines, strict=True):
        ctx.warn(Finding("error", "html-niet-toegestaan", ctx.file,
                         line + ctx.line_offset if line else None, refusal.message,
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


def _nothing(*args: object, **kwargs: object) -> str:
    return ""


# -- a page that computes -------------------------------------------------------------------

_OPERATORS: dict[type[nodes.Node], str] = {
    nodes.Add: "+", nodes.Sub: "-", nodes.Mul: "*", nodes.Div: "/", nodes.FloorDiv: "//",
    nodes.Mod: "%", nodes.Pow: "**"}
_ORDERING = {"lt": "<", "gt": ">", "lteq": "<=", "gteq": ">="}


def arithmetic(ctx: PageContext, body: str) -> list[Finding]:
    """Every place the page's Markdown computes with a macro's result: an operator, a
    comparison or a numeric filter whose operand is a macro call (also through filters)."""
    try:
        tree = jinja2.Environment().parse(body)
    except (jinja2.TemplateSyntaxError, RecursionError):
        return []  # (check_source reports it)
    macros = {m.name for m in authoring.MACROS}
    found: dict[tuple[int, str], Finding] = {}
    todo: list[nodes.Node] = [tree]
    while todo:  # (an expression is reported as a whole, not each of its parts)
        node = todo.pop()
        what = _computes(node, macros)
        if what is None:
            todo.extend(reversed(list(node.iter_child_nodes())))
            continue
        line = node.lineno + ctx.line_offset
        formula = _formula(node, macros)
        message = (f"de pagina rekent met cijfers uit macro's ({formula})" if formula
                   else f"de pagina rekent met de uitkomst van {what[1]}() ({what[0]})")
        found.setdefault((line, message), _computing(ctx, line, message, formula))
    return list(found.values())


def _computing(ctx: PageContext, line: int | None, message: str,
               formula: str | None) -> Finding:
    folder = f"data/{ctx.scope.folder}" if ctx.scope is not None \
        else "data/<organisatie>/<jaar>"
    return Finding(
        "error", "rekenen-in-pagina", ctx.file, line,
        f"{message}; een pagina toont cijfers uit de gegevens en rekent er niet mee",
        hint=f"zet de formule in {folder}/berekeningen.yaml als 'naam: {{label: ..., "
             f"formule: {formula or '...'}}}' en schrijf "
             "{{ cijfer('berekeningen.naam') }}; pcdocs rekent dan met de bron erbij")


def _computes(node: nodes.Node, macros: set[str]) -> tuple[str, str] | None:
    """(what computes, the macro) when `node` computes with a macro's result."""
    if isinstance(node, nodes.BinExpr) and type(node) in _OPERATORS:
        sides = (node.left, node.right)
        text = [isinstance(s, nodes.Const) and isinstance(s.value, str) for s in sides]
        called = next((c for c in (_called(s, macros) for s in sides) if c), None)
        joined = (isinstance(node, nodes.Add) and any(text)) or (
            isinstance(node, nodes.Mod) and text[0])  # (text with a macro's result)
        if called and not joined:
            return f"'{_OPERATORS[type(node)]}'", called
    if isinstance(node, nodes.Neg | nodes.Pos):
        called = _called(node.node, macros)
        return (f"'{'-' if isinstance(node, nodes.Neg) else '+'}'", called) if called else None
    if isinstance(node, nodes.Compare):
        for op in node.ops:
            if op.op in _ORDERING:
                called = _called(node.expr, macros) or _called(op.expr, macros)
                if called:
                    return f"'{_ORDERING[op.op]}'", called
    if isinstance(node, nodes.Filter) and node.name in NUMERIC_FILTERS and node.node:
        called = _called(node.node, macros)
        if called:
            return f"filter {node.name}", called
    return None


def _called(node: nodes.Node, macros: set[str]) -> str | None:
    """The macro whose result `node` is (a call, also through filters, or computed from
    one), if any."""
    while isinstance(node, nodes.Filter) and node.node is not None:
        node = node.node
    if isinstance(node, nodes.BinExpr | nodes.Neg | nodes.Pos):
        what = _computes(node, macros)
        return what[1] if what else None
    if isinstance(node, nodes.List | nodes.Tuple):
        return next((c for c in (_called(i, macros) for i in node.items) if c), None)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) \
            and node.node.name in macros:
        return node.node.name
    return None


_PRECEDENCE: dict[type[nodes.Node], int] = {nodes.Add: 1, nodes.Sub: 1, nodes.Mul: 2,
                                            nodes.Div: 2}


def _formula(node: nodes.Node, macros: set[str]) -> str | None:
    """The expression as a formula of berekeningen.yaml, when it is one: cijfer('a.b')
    calls, numbers, + - * / and parentheses (`cijfer('a') / cijfer('b')` is 'a / b')."""
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) \
            and node.node.name == "cijfer" and len(node.args) == 1 and not node.kwargs \
            and isinstance(node.args[0], nodes.Const) and isinstance(node.args[0].value, str):
        return str(node.args[0].value)
    if isinstance(node, nodes.Const) and isinstance(node.value, int | float) \
            and not isinstance(node.value, bool):
        return str(node.value).replace(".", ",")
    if isinstance(node, nodes.Neg):
        inner = _formula(node.node, macros)
        return f"-{inner}" if inner and " " not in inner else (f"-({inner})" if inner else None)
    if isinstance(node, nodes.BinExpr) and type(node) in _PRECEDENCE:
        left, right = _formula(node.left, macros), _formula(node.right, macros)
        if left is None or right is None:
            return None
        level = _PRECEDENCE[type(node)]
        if _PRECEDENCE.get(type(node.left), 3) < level:
            left = f"({left})"
        if _PRECEDENCE.get(type(node.right), 3) <= level and isinstance(node.right, nodes.BinExpr):
            right = f"({right})"
        return f"{left} {_OPERATORS[type(node)]} {right}"
    return None
