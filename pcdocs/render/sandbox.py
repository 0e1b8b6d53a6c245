"""The one Jinja environment that renders a page, in `check`, in the build and in the preview.

A page is written by an author, not by a maintainer, so its template language is closed:

- only the registered macros, the page's own `{% macro %}`s and `range` may be called; no
  method of any value (`'x'.center(...)`, `dict.update`) and no Jinja global but `range`;
- attributes and items may be read from data (mappings, sequences, dates, `loop`), never
  from a function or any other object, and a refused access raises at once (Jinja's sandbox
  turns it into an Undefined that `default()` would swallow);
- only the filters in `FILTERS` exist;
- output is escaped (autoescape): a value from data or front matter can never become HTML;
  the macros return `Markup` they escaped themselves;
- a page shows what a macro returns, never computes with it: a macro's result is a
  `MacroResult` (a figure as text with its source), and an operator, a comparison or a
  numeric filter on one raises `PageArithmetic` (the renderer reports it at the page line,
  with the formula to put in berekeningen.yaml);
- the work is bounded: every loop iteration, call, filter, operator and output piece costs a
  step from one budget per page (`Limits`), values may not grow past `Limits.size`, powers
  past `Limits.power_bits`, the output past `Limits.output`, the time past `Limits.seconds`.
  Exceeding any limit raises `LimitExceeded`, which the page renderer turns into a finding at
  the page line.
"""

from __future__ import annotations

import datetime as dt
import operator
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Macro, Undefined
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer
from markupsafe import Markup, escape

from pcdocs.errors import TemplateError

ITER = "_pc_iter"  # names the page cannot use (names with "_" are refused in a page)
CONCAT = "_pc_concat"
TEXT = "_pc_text"


@dataclass(frozen=True)
class Limits:
    steps: int = 1_000_000  # loop iterations + calls + filters + operators + output pieces
    size: int = 200_000  # characters of a text, or items (deep) of a list, made on a page
    output: int = 8_000_000  # characters of the rendered Markdown of one page
    power_bits: int = 4_096  # size of the result of `**`
    seconds: float = 10.0  # wall time of one page's macros
    depth: int = 200  # nesting of the page's own macro calls


class LimitExceeded(Exception):
    """A page asked for more work than a page may take; `message` says which, in Dutch."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


class Budget:
    """The work one render may still do."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.steps = 0
        self.depth = 0
        self.emitted = 0
        self.deadline = time.monotonic() + limits.seconds

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > self.limits.steps:
            raise LimitExceeded(
                f"deze pagina vraagt te veel rekenwerk (meer dan {self.limits.steps:,} "
                "stappen)".replace(",", "."),
                "maak lussen kleiner of haal de berekening naar de gegevens")
        if self.steps % 64 == 0 and time.monotonic() > self.deadline:
            raise LimitExceeded(
                f"de macro's van deze pagina duren langer dan {self.limits.seconds:g} seconden",
                "maak lussen kleiner of haal de berekening naar de gegevens")

    def check(self, value: Any) -> Any:
        """Refuse a value larger than a page may make (text length, or items, deep)."""
        if weight(value, self.limits.size, self) > self.limits.size:
            self.too_big()
        return value

    def too_big(self) -> None:
        raise too_big(self.limits.size)

    def emit(self, size: int) -> None:
        """Count output made anywhere (the page, a macro, a `{% set %}` block): all of it
        together may not pass the page's output limit, whatever captures it."""
        self.emitted += size
        if self.emitted > self.limits.output:
            raise LimitExceeded(
                f"deze pagina wordt te lang (meer dan {self.limits.output:,} "
                "tekens)".replace(",", "."),
                "maak lussen kleiner of verdeel de tekst over meer pagina's")


class MacroResult(Markup):
    """What an author's macro returned: HTML that shows a figure with its source. A page
    may show it and join it with text, not compute with it (`macro` names the macro)."""

    macro = ""

    def _refuse(self, other: object) -> bool:
        raise PageArithmetic("een vergelijking", self.macro)

    __lt__ = __le__ = __gt__ = __ge__ = _refuse


class PageArithmetic(TemplateError):
    """A page computes with a macro's result (`what`: the operator or filter, `macro`: the
    macro's name); `rendering` turns it into the finding with the page line and the formula."""

    def __init__(self, what: str, macro: str) -> None:
        super().__init__(f"de pagina rekent met de uitkomst van {macro}() ({what})",
                         code="rekenen-in-pagina",
                         hint="zet de formule in berekeningen.yaml bij de gegevens en toon "
                              "de uitkomst met cijfer('berekeningen.<naam>')")
        self.what, self.macro = what, macro


# filters that compute with a value (on a macro's result: arithmetic, or a silent 0)
NUMERIC_FILTERS = frozenset({"int", "float", "round", "abs", "sum", "min", "max"})


def _shown(value: Any) -> MacroResult | None:
    """The macro result in a value (itself, or an item of a list a filter adds up)."""
    if isinstance(value, MacroResult):
        return value
    if isinstance(value, list | tuple):
        return next((v for v in value if isinstance(v, MacroResult)), None)
    return None


def too_big(size: int) -> LimitExceeded:
    return LimitExceeded(f"een waarde op deze pagina wordt te groot (meer dan {size:,} "
                         "tekens of elementen)".replace(",", "."),
                         "maak de tekst of de lijst kleiner")


def weight(value: Any, limit: int, budget: Budget | None = None) -> int:
    """Characters of a text, or elements of a structure counted deep; stops past `limit`."""
    if isinstance(value, str | range):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value.bit_length() // 3  # about its decimal digits
    if isinstance(value, Mapping):
        items: Iterable[Any] = (x for pair in value.items() for x in pair)
    elif isinstance(value, Sequence | set | frozenset):
        items = value
    else:
        return 1
    total = 0
    for item in items:
        if budget is not None:
            budget.step()
        total += 1 + weight(item, limit - total, budget)
        if total > limit:
            break
    return total


class _Guard(NodeTransformer):
    """Route every loop and every `~` through the budget (Jinja has no hook for either)."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.Name(ITER, "load", lineno=node.lineno), [node.iter], [],
                               None, None, lineno=node.lineno)
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [nodes.Call(nodes.Name(TEXT, "load", lineno=n.lineno), [n], [], None, None,
                                 lineno=n.lineno) if isinstance(n, nodes.TemplateData) else n
                      for n in node.nodes]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(nodes.Name(CONCAT, "load", lineno=node.lineno), list(node.nodes),
                          [], None, None, lineno=node.lineno)


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "//": operator.floordiv, "%": operator.mod, "**": operator.pow,
}
_READABLE = (Mapping, Sequence, dt.date, dt.time, Decimal, int, float, LoopContext)
_MAPPING_METHODS = {"items", "keys", "values", "get"}


class PageEnvironment(SandboxedEnvironment):
    """A closed, bounded sandbox for one page's render (make one per render)."""

    intercepted_binops = frozenset(_BINOPS)
    intercepted_unops = frozenset({"-", "+"})

    def __init__(self, functions: Mapping[str, Callable[..., Any]],
                 limits: Limits | None = None) -> None:
        super().__init__(undefined=jinja2.StrictUndefined, autoescape=True,
                         finalize=self._finalize)
        self.budget = Budget(limits or Limits())
        self.globals.clear()  # no lipsum, cycler, joiner, namespace, dict
        self.globals.update(functions)
        self.globals.update({"range": self._range, ITER: self._iter, CONCAT: self._concat,
                             TEXT: self._text})
        self.callable_ids = {id(f) for f in self.globals.values()}
        self.macro_names = {id(f): name for name, f in functions.items()}
        self.filters = {name: self._bounded(f, name) for name, f in FILTERS.items()}

    # -- parsing: every loop and concatenation goes through the budget ----------------------
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        guarded = _Guard().visit(tree)
        assert isinstance(guarded, nodes.Template)
        return guarded

    def _range(self, *args: int) -> range:
        self.budget.step()
        try:
            numbers = range(*args)
        except TypeError:
            raise LimitExceeded("range() verwacht hele getallen",
                                "bijvoorbeeld range(1, 5)") from None
        if len(numbers) > self.budget.limits.size:
            self.budget.too_big()
        return numbers

    def _iter(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self.budget.step()
            yield item

    def _concat(self, *parts: Any) -> Markup:
        total = 0
        for part in parts:
            total += weight(part, self.budget.limits.size, self.budget)
            self.budget.step()
        if total > self.budget.limits.size:
            self.budget.too_big()
        return Markup("").join(escape(p) if not isinstance(p, Markup) else p for p in parts)

    def _finalize(self, value: Any) -> Any:
        self.budget.step()
        self.budget.emit(weight(self.budget.check(value), self.budget.limits.size))
        return value

    def _text(self, text: str) -> Markup:
        """The page's own text between macros (counted: a loop repeats it)."""
        self.budget.step()
        self.budget.emit(len(text))
        return Markup(text)

    # -- access: data only, refusals raise --------------------------------------------------
    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        raise SecurityError(f"'{attribute}' is niet toegestaan")

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.budget.step()
        if isinstance(obj, Undefined):
            return super().getattr(obj, attribute)
        if attribute.startswith("_") or not isinstance(obj, _READABLE) or isinstance(obj, str):
            raise SecurityError(f"'{attribute}' is niet toegestaan")
        if isinstance(obj, Mapping) and attribute not in _MAPPING_METHODS:
            return super().getitem(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.step()
        if isinstance(argument, str) and argument.startswith("_"):
            raise SecurityError(f"'{argument}' is niet toegestaan")
        if isinstance(obj, Undefined) or (isinstance(obj, _READABLE)
                                           and not isinstance(obj, int | float | Decimal)):
            return super().getitem(obj, argument)
        raise SecurityError(f"'{argument}' is niet toegestaan")

    def call(__self, __context: Any, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        budget = __self.budget
        budget.step()
        if not __self._may_call(__obj):
            name = getattr(__obj, "__name__", type(__obj).__name__)
            raise SecurityError(f"'{name}' kan niet worden aangeroepen; alleen de macro's "
                                "uit de handleiding")
        if __obj != __self._iter:  # (a loop's own iterable was checked when it was made)
            for value in (*args, *kwargs.values()):
                budget.check(value)
        if isinstance(__obj, LoopContext) and args:  # a recursive loop's next level
            args = (__self._iter(args[0]), *args[1:])
        budget.depth += 1
        try:
            if budget.depth > budget.limits.depth:
                raise LimitExceeded("de macro's van deze pagina roepen zichzelf te diep aan",
                                    "een eigen macro mag zichzelf niet eindeloos aanroepen")
            result = budget.check(__context.call(__obj, *args, **kwargs))
        finally:
            budget.depth -= 1
        name = __self.macro_names.get(id(__obj))
        if name is not None and isinstance(result, Markup):
            result = MacroResult(result)
            result.macro = name
        return result

    def _may_call(self, obj: Any) -> bool:
        if id(obj) in self.callable_ids or isinstance(obj, Macro | LoopContext | Undefined):
            return True
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, LoopContext):
            return getattr(obj, "__name__", "") in ("cycle", "changed")
        return isinstance(owner, Mapping) and getattr(obj, "__name__", "") in _MAPPING_METHODS

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        budget = self.budget
        budget.step()
        shown = _shown(left) or _shown(right)
        text = [isinstance(v, str) and not isinstance(v, MacroResult) for v in (left, right)]
        joined = (operator_ == "+" and any(text)) or (operator_ == "%" and text[0])
        if shown is not None and not joined:  # (text with a macro's result is text)
            raise PageArithmetic(f"'{operator_}'", shown.macro)
        if operator_ == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            bits = right * max(1, abs(left)).bit_length()
            if bits > budget.limits.power_bits:
                raise LimitExceeded("deze macro rekent een te grote macht uit",
                                    "reken met kleinere getallen")
        if operator_ == "*" and (isinstance(left, str | Sequence) or
                                 isinstance(right, str | Sequence)):
            seq, times = (left, right) if isinstance(left, str | Sequence) else (right, left)
            if isinstance(times, int) and times > 0 and \
                    weight(seq, budget.limits.size, budget) * times > budget.limits.size:
                budget.too_big()
        if operator_ == "%" and isinstance(left, str):
            raise SecurityError("'%' met tekst is niet toegestaan")
        return budget.check(_BINOPS[operator_](left, right))

    def call_unop(self, context: Any, operator_: str, arg: Any) -> Any:
        self.budget.step()
        if isinstance(arg, MacroResult):
            raise PageArithmetic(f"'{operator_}'", arg.macro)
        return operator.neg(arg) if operator_ == "-" else operator.pos(arg)

    # -- filters: an allow-list, each bounded ----------------------------------------------
    def _bounded(self, func: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        budget = self.budget
        numeric = name in NUMERIC_FILTERS

        @wraps(func)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            budget.step()
            values = [a for a in args if not isinstance(
                a, jinja2.runtime.Context | jinja2.nodes.EvalContext | jinja2.Environment)]
            shown = _shown(values[0]) if numeric and values else None
            if shown is not None:
                raise PageArithmetic(f"filter {name}", shown.macro)
            for value in (*args, *kwargs.values()):
                if not isinstance(value, jinja2.runtime.Context | jinja2.nodes.EvalContext
                                  | jinja2.Environment):
                    budget.check(value)
            return budget.check(func(*args, **kwargs))

        return bounded

    def render_bounded(self, template: jinja2.Template, variables: Mapping[str, Any]) -> str:
        """Render within the budget (every output piece is counted as it is made: `emit`)."""
        return template.render(**variables)


def _replace(value: str, old: str, new: str, count: int | None = None) -> str:
    value, old, new = str(value), str(old), str(new)
    found = value.count(old) if old else len(value) + 1
    if count is not None:
        found = min(found, count)
    if len(value) + found * (len(new) - len(old)) > Limits.size:
        raise too_big(Limits.size)
    return value.replace(old, new, -1 if count is None else count)


def _join(value: Iterable[Any], separator: str = "") -> Markup:
    parts: list[Any] = []
    size = 0
    for item in value:
        size += weight(item, Limits.size) + len(separator)
        if size > Limits.size:
            raise too_big(Limits.size)
        parts.append(item)
    return Markup(escape(separator)).join(
        p if isinstance(p, Markup) else escape(p) for p in parts)


def _round(value: Any, precision: int = 0, method: str = "common") -> Any:
    if not isinstance(precision, int) or not -20 <= precision <= 20:
        raise LimitExceeded("afronden op zo veel cijfers kan niet", "rond af op 0 tot 20 cijfers")
    builtin = jinja2.filters.FILTERS["round"]
    return builtin(value, precision, method)


def _number(convert: Callable[..., Any]) -> Callable[..., Any]:
    def number(value: Any, default: Any = 0, *args: Any) -> Any:
        if isinstance(value, str) and len(value) > 100:
            raise LimitExceeded("dit getal is te lang", "schrijf een korter getal")
        return convert(value, default, *args)

    return number


_BUILTIN = jinja2.filters.FILTERS
FILTERS: dict[str, Callable[..., Any]] = {
    **{name: _BUILTIN[name] for name in (
        "abs", "capitalize", "default", "d", "escape", "e", "first", "last", "length",
        "count", "list", "lower", "upper", "title", "trim", "max", "min", "sum", "reverse",
        "sort", "unique", "string", "truncate", "wordcount", "striptags", "dictsort",
        "items")},
    "int": _number(_BUILTIN["int"]),
    "float": _number(_BUILTIN["float"]),
    "round": _round,
    "replace": _replace,
    "join": _join,
}
"""The filters a page may use; every other Jinja filter (attr, format, map, safe, xmlattr,
indent, center, wordwrap, urlize, tojson, pprint, select/reject...) does not exist on a page."""

