"""Checking a page's macro syntax before anything runs, and rendering a page's macros.

Only the registered macros and page variables may be used; names starting with `_`,
imports, includes and filters outside the sandbox's list are refused. Each problem is
reported at its line in the Markdown file, in Dutch. `render_source` is the one way a page's
macros run (check, build and preview): in `sandbox.PageEnvironment`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError

from pcdocs.codes import Code
from pcdocs.errors import Finding, PcdocsError, TemplateError
from pcdocs.model.schema import suggest
from pcdocs.render.sandbox import FILTERS, LimitExceeded, Limits, PageEnvironment

FORBIDDEN_NODES: dict[type[nodes.Node], str] = {
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from ... import %}",
    nodes.Include: "{% include %}",
    nodes.Extends: "{% extends %}",
    nodes.ScopedEvalContextModifier: "{% autoescape %}",
    nodes.EvalContextModifier: "{% autoescape %}",
}
MARKERS = ("{{", "{%", "{#")


def has_macros(text: str) -> bool:
    return any(m in text for m in MARKERS)


def _names_stored(tree: nodes.Template) -> set[str]:
    stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    stored |= {m.name for m in tree.find_all(nodes.Macro)}
    return stored | {"loop", "true", "false", "none", "True", "False", "None"}


def check_source(source: str, file: str, line_offset: int,
                 allowed: Iterable[str]) -> list[Finding]:
    """All syntax problems and disallowed or unknown names in a page's Markdown."""
    env = jinja2.Environment()
    try:
        tree = env.parse(source)
    except RecursionError:
        return [TemplateError("de macro's van deze pagina zijn te diep genest",
                              file=file, line=line_offset + 1, code="macro-limiet",
                              hint="zet minder {% if %} en {% for %} in elkaar").finding]
    except jinja2.TemplateSyntaxError as exc:
        line = (exc.lineno or 1) + line_offset
        return [TemplateError(
            f"macro-syntaxis klopt niet: {exc.message}", file=file, line=line,
            code="macro-syntax",
            hint="een macro staat tussen {{ en }}; wilt u accolades letterlijk tonen, zet "
                 "de tekst dan tussen {% raw %} en {% endraw %}",
        ).finding]
    known = set(allowed)
    local = _names_stored(tree)
    findings: list[Finding] = []

    def report(node: nodes.Node, message: str, hint: str | None, code: Code) -> None:
        line = getattr(node, "lineno", 1) + line_offset
        findings.append(TemplateError(message, file=file, line=line, code=code,
                                      hint=hint).finding)

    for node_type, label in FORBIDDEN_NODES.items():
        for node in tree.find_all(node_type):
            report(node, f"{label} is niet toegestaan in een pagina", None, "niet-toegestaan")
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        attr = getattr(node, "attr", None)
        arg = getattr(node, "arg", None)
        name = attr if attr is not None else getattr(arg, "value", None)
        if isinstance(name, str) and name.startswith("_"):
            report(node, f"'{name}' is niet toegestaan", "gebruik alleen de macro's uit de "
                   "handleiding", "niet-toegestaan")
    for node in tree.find_all(nodes.Filter):
        if node.name not in FILTERS:
            report(node, f"het filter '{node.name}' is niet toegestaan",
                   "toegestaan: " + ", ".join(sorted(FILTERS)), "niet-toegestaan")
    for node in tree.find_all(nodes.Macro):
        if node.name.startswith("_"):
            report(node, f"'{node.name}' is niet toegestaan", "een naam begint niet met _",
                   "niet-toegestaan")
    for node in tree.find_all(nodes.Name):
        if node.name.startswith("_"):
            report(node, f"'{node.name}' is niet toegestaan", "een naam begint niet met _",
                   "niet-toegestaan")
        elif node.ctx == "load" and node.name not in known and node.name not in local:
            guess = suggest(node.name, sorted(known))
            report(node, f"onbekende macro of variabele '{node.name}'",
                   f"bedoelde u '{guess}'?" if guess else "zie de handleiding voor de "
                   "beschikbare macro's", "onbekende-macro")
    return findings


def unknown_names(source: str, allowed: Iterable[str]) -> set[str]:
    tree = jinja2.Environment().parse(source)
    local = _names_stored(tree)
    known = set(allowed)
    return {n.name for n in tree.find_all(nodes.Name)
            if n.ctx == "load" and n.name not in known and n.name not in local}


def render_source(source: str, functions: dict[str, Callable[..., Any]],
                  variables: dict[str, Any], limits: Limits | None = None) -> str:
    """Render a page's macros in the page sandbox (the one way pages render)."""
    env = PageEnvironment(functions, limits)
    try:
        template = env.from_string(source)
        return env.render_bounded(template, variables)
    except PcdocsError:
        raise
    except Exception as exc:
        raise macro_error(exc) from None


def macro_error(exc: BaseException) -> PcdocsError:
    """What an exception out of a page's macros means for its author (line: in the page's
    Markdown, without the front matter)."""
    line = template_line(exc)
    if isinstance(exc, PcdocsError):
        return exc
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(f"macro-syntaxis klopt niet: {exc.message}", line=exc.lineno,
                             code="macro-syntax")
    if isinstance(exc, SecurityError):  # the static check refuses most of these first
        return TemplateError(f"niet toegestaan in een pagina: {exc}", line=line,
                             code="niet-toegestaan",
                             hint="gebruik alleen de macro's uit de handleiding")
    if isinstance(exc, LimitExceeded):
        return TemplateError(exc.message, line=line, code="macro-limiet", hint=exc.hint)
    if isinstance(exc, RecursionError | MemoryError):
        return TemplateError("de macro's van deze pagina zijn te diep genest of te groot",
                             code="macro-limiet",
                             hint="een eigen macro mag zichzelf niet eindeloos aanroepen")
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(f"onbekende waarde in een macro: {exc.message}", line=line,
                             code="onbekende-macro",
                             hint="zie de handleiding voor de beschikbare macro's")
    # arithmetic on the wrong kinds of value, a division by zero
    return TemplateError(
        f"deze macro kan niet worden uitgerekend: {_CAUSES.get(type(exc), type(exc).__name__)}",
        line=line, code="macro-fout", hint="reken alleen met getallen, bijvoorbeeld "
                                           "{{ jaar - 1 }}")


_CAUSES: dict[type[BaseException], str] = {
    TypeError: "tekst en getal door elkaar (of een waarde van het verkeerde soort)",
    ZeroDivisionError: "deling door nul",
    OverflowError: "de uitkomst is te groot",
    ValueError: "een waarde die hier niet kan",
}


def template_line(exc: BaseException) -> int | None:
    """The line in the page's Markdown where the failing expression stands (Jinja maps its
    frames back to template lines)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
