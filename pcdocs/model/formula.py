"""Formulas in data: a small, safe calculation language with units and provenance.

A data file may compute a figure from other figures, e.g. the cost per fte:

    afronden(begroting.personeel / formatie.fte; 0)

This module reads such a formula with its own tokenizer and recursive-descent parser (never
`eval`, never Python's own parser), computes it with exact decimals, checks the units and
keeps, for the result, every figure it used with the file and line it came from.

The language (for authors; in the order of precedence)
------------------------------------------------------

- **Numbers** are written as Dutch writes them, with a decimal comma: `0,5`, `38,09`, `1500`.
  A point in a number is refused (`1.234` could mean 1234 or 1,234): write thousands
  without a separator and decimals with a comma. A number may end in `%`: `5%` is 5 percent
  (0,05), `7,5%` is 7,5 percent. No exponents (`1e5`), at most 15 digits before and 10
  after the comma.
- **Figures** are named as pages name them, with dots: `formatie.fte`,
  `kerncijfers.bijstand.heemstede`. A name starts with a letter; its parts hold letters,
  digits and `_` (not at the start of a part). Another year is named with the year and a
  colon in front, without spaces: `2023:formatie.fte`.
- **Functions** (the names as Dutch Excel writes them; upper or lower case), their arguments
  separated by a **semicolon**, as in Dutch Excel, because the comma is the decimal comma:
  - `afronden(x; n)`: x rounded to n decimals (n from -15 to 10; -3 rounds to thousands).
    Halves are rounded away from zero, as Dutch financial practice does (commercial
    rounding): 2,5 becomes 3, -2,5 becomes -3, 1,005 with 2 decimals becomes 1,01. A
    percentage is rounded as it is shown: `afronden(aandeel(1; 3); 1)` is 33,3%.
  - `min(a; b; ...)`, `max(a; b; ...)`, `som(a; b; ...)`, `gemiddelde(a; b; ...)`: two
    or more values of one unit.
  - `abs(x)`: x without its sign.
  - `aandeel(deel; totaal)`: deel as a percentage of totaal (same unit).
  - `verandering(oud; nieuw)`: the change from oud to nieuw as a percentage of oud:
    (nieuw - oud) / |oud|, so the improvement of a negative balance is a rise.
  - `procent(x)`: the plain number x as a percentage (`procent(7,5)` is 7,5%).
  There are no comparisons and so no `als(...)`: a choice belongs in the data.
- **Unary minus**: `-a.b`, `-(a + b)`; it binds more strongly than `*` and `/`.
- `*` and `/`, then `+` and `-`; each level from left to right (`10 - 2 - 3` is 5,
  `8 / 4 / 2` is 1). Parentheses group. `×`, `÷`, `−` and `–` (as a word processor writes
  them) are read as `*`, `/` and `-`.

Anything else is refused with the column where it stands: a comma outside a number, a
name starting with `_`, a string, brackets, a point after a name part, a call of
something that is not one of the functions above. In a YAML file, quote a formula that
starts with `-` or `%`.

Exactness and rounding
----------------------

Every value is a `decimal.Decimal`; no float is used. Arithmetic runs in an explicit
context (`CONTEXT`) of 50 significant digits with half-even rounding, so only a division
that does not end (1/3) is rounded, at the 50th digit. A result is then rounded to 20
decimals (`GUARD`), which removes those last digits: `1 / 3 * 3` is exactly 1 and
`0,1 + 0,2` exactly 0,3. The same rounding is applied before `afronden` rounds (so
`afronden(10 / 3 * 0,75; 0)` is 3, like 2,5) and before a divisor is tested for zero (a
divisor that rounds to 0 at 20 decimals is 0). Otherwise a result keeps the decimals the
arithmetic gives (`5% * 3200000` is 160000,00): `afronden` decides what a page shows.

Units
-----

Each value has a `units.Dimension`: a product of base units (euro, fte, aantal, dagen,
weken, maanden, cijfer) with whole exponents, or a plain number, possibly shown as a
percentage. `fte + euro` is refused, `euro / fte` is euro per fte, `euro / euro` a plain
number; `aandeel` and `verandering` give a percentage. See pcdocs.model.units.

A number written in the formula has no unit; where it is added to, subtracted from or
compared with a figure that has one (`+ - min max som gemiddelde aandeel verandering`), it
takes that unit: `formatie.fte + 2` is 2 fte more, `max(saldo; 0)` is an amount. Not with a
percentage: `verzuim.percentage + 1` is refused (1 would be 100%); write `+ 1%`. A plain
number from the data (unit `getal`) never takes another unit.

Limits
------

A formula has at most `MAX_LENGTH` characters, `MAX_TOKENS` parts (numbers, names,
operators, parentheses) and `MAX_DEPTH` nested parentheses or function calls; a result
lies below 10^60. Beyond that the formula is refused at once with `formule-te-groot`.

API
---

- `parse(text, source) -> Formula`: the syntax checked; `Formula.references` lists the
  figures it names.
- `evaluate(text, source, resolver) -> Computed`: the result with its unit and inputs.
- `evaluate_all({name: (text, source)}, resolver) -> {name: Computed}`: formulas that may
  name each other, in dependency order; a cycle is refused naming each formula in it.
- A `Resolver` finds a figure by `Reference` (name and year) and lists the names it knows
  (for 'bedoelde u ...?'); `MappingResolver` is one over dictionaries.

Every error is a `FormulaError` (a `DataError`) at the file and line of the formula, with a
Dutch message and hint; a syntax error also names the column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)
from typing import NoReturn, Protocol

from pcdocs.codes import Code
from pcdocs.errors import DataError
from pcdocs.model import fmt
from pcdocs.model.figures import Source, Unit
from pcdocs.model.schema import suggest
from pcdocs.model.units import NOT_NUMERIC, NUMBER, PERCENT, Dimension, dimension

MAX_LENGTH = 2000
MAX_TOKENS = 500
MAX_DEPTH = 30
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 10
MIN_ROUND, MAX_ROUND = -15, 10
GUARD = 20  # decimals a result keeps; the digits beyond only guard against rounding
YEARS = range(1900, 2101)

# Arithmetic: 50 significant digits; a result of 10^60 or more is refused (Overflow).
CONTEXT = Context(prec=50, rounding=ROUND_HALF_EVEN, Emax=60, Emin=-60,
                  traps=[InvalidOperation, DivisionByZero, Overflow])
# For rounding to a number of decimals: wide enough for any value CONTEXT allows.
_WIDE = Context(prec=200, rounding=ROUND_HALF_EVEN, Emax=999, Emin=-999,
                traps=[InvalidOperation, DivisionByZero, Overflow])


class FormulaError(DataError):
    """A formula that cannot be read or computed, at the file and line of the formula;
    `column` (1-based) is where in the formula a syntax error stands."""

    def __init__(self, message: str, *, source: Source, code: Code, hint: str | None = None,
                 column: int | None = None) -> None:
        super().__init__(message, file=source.file, line=source.line, key=source.key,
                         hint=hint, code=code)
        self.column = column


# -- references and resolvers ----------------------------------------------------------


@dataclass(frozen=True, order=True)
class Reference:
    """A figure a formula names: `formatie.fte` (year None: the document's year) or
    `2023:formatie.fte`."""

    name: str
    year: int | None = None

    def __str__(self) -> str:
        return f"{self.year}:{self.name}" if self.year is not None else self.name


@dataclass(frozen=True)
class Resolved:
    """What a resolver gives for a reference: the value as figures write it (a percentage
    in percent: 7.5 for 7,5%), its unit, where it comes from, and, for a computed figure,
    how it was computed."""

    value: Decimal | int
    unit: Unit | Dimension
    source: Source
    computed: Computed | None = None


class Resolver(Protocol):
    """Finds the figures a formula names (blocks and the repository plug in here)."""

    def __call__(self, ref: Reference) -> Resolved | None:
        """The figure, or None when there is none by that name (and year)."""

    def names(self, year: int | None) -> Iterable[str]:
        """The names known for a year (None: the document's year), for suggestions."""


class MappingResolver:
    """A resolver over dictionaries: the document's year, and other years by number."""

    def __init__(self, current: Mapping[str, Resolved],
                 years: Mapping[int, Mapping[str, Resolved]] | None = None) -> None:
        self.current = current
        self.years = years or {}

    def _table(self, year: int | None) -> Mapping[str, Resolved]:
        return self.current if year is None else self.years.get(year, {})

    def __call__(self, ref: Reference) -> Resolved | None:
        return self._table(ref.year).get(ref.name)

    def names(self, year: int | None) -> Iterable[str]:
        return self._table(year).keys()


# -- provenance -------------------------------------------------------------------------


@dataclass(frozen=True)
class Input:
    """One figure a result was computed from: its name, value (as figures write it), unit
    and source, and for a computed figure how that was computed."""

    name: str
    year: int | None
    value: Decimal
    unit: Dimension
    source: Source
    computed: Computed | None = None

    @property
    def reference(self) -> Reference:
        return Reference(self.name, self.year)


@dataclass(frozen=True)
class Computed:
    """The result of a formula: the value as figures write it (a percentage in percent: 25
    for 25%), its unit, the formula and where it stands, and every figure it used."""

    value: Decimal
    unit: Dimension
    formula: str
    source: Source
    inputs: tuple[Input, ...] = field(default=())

    def unit_name(self) -> str:
        """The unit in Dutch: 'euro per fte', 'procent', 'getal'."""
        return self.unit.name()

    def text(self) -> str:
        """The value in Dutch with its unit: '€ 1.234', '25%', '3.200 euro per fte'."""
        return show(self.value, self.unit)

    def sources(self) -> tuple[Source, ...]:
        """The formula's line, then every line its inputs come from (through computed
        inputs down to the data), each once."""
        seen: dict[Source, None] = {self.source: None}
        for item in self.inputs:
            for src in item.computed.sources() if item.computed else (item.source,):
                seen.setdefault(src, None)
        return tuple(seen)

    def describe(self) -> str:
        """'a.b / c.d = 25% met a.b = 10 (file:3), c.d = 40 (file:4)', for a tooltip."""
        text = f"{self.formula} = {self.text()}"
        if self.inputs:
            text += " met " + ", ".join(
                f"{item.reference} = {show(item.value, item.unit)} ({item.source.ref()})"
                for item in self.inputs)
        return text


def show(value: Decimal, unit: Dimension) -> str:
    """A value as the page writes it, with a compound unit spelled out."""
    simple = unit.unit()
    if simple is Unit.PERCENT:
        return fmt.percent(value)
    if simple is Unit.EURO:
        return fmt.euro(value)
    if simple is Unit.NUMBER:
        return fmt.number(value)
    return f"{fmt.number(value)}{fmt.NBSP}{unit.name()}"


# -- tokens -----------------------------------------------------------------------------

_OPERATORS = {"+": "+", "-": "-", "−": "-", "–": "-", "*": "*", "×": "*", "/": "/",
              "÷": "/", "(": "(", ")": ")", ";": ";", "%": "%"}


@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "name", "end", or the operator itself ("+", "(", ";" ...)
    start: int  # 0-based index in the text
    end: int
    number: Decimal | None = None
    name: str = ""
    year: int | None = None


def _is_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_part(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def _is_digit(ch: str) -> bool:
    return ch.isascii() and ch.isdigit()


class _Reader:
    """Turns a formula into tokens (one pass, no regular expressions over author text)."""

    def __init__(self, formula: Formula) -> None:
        self.formula = formula
        self.text = formula.text

    def fail(self, at: int, message: str, hint: str) -> NoReturn:
        self.formula.syntax_error(at, message, hint)

    def tokens(self) -> list[_Token]:
        text, i, out = self.text, 0, []
        while i < len(text):
            ch = text[i]
            if ch.isspace():
                i += 1
                continue
            if _is_digit(ch):
                token = self._number(i)
            elif _is_letter(ch):
                token = self._name(i, None)
            elif ch in _OPERATORS:
                token = _Token(_OPERATORS[ch], i, i + 1)
            else:
                self._unexpected(i)
            out.append(token)
            if len(out) > MAX_TOKENS:
                self.formula.fail(
                    f"de formule heeft meer dan {MAX_TOKENS} delen (getallen, namen, "
                    "rekentekens en haakjes)", "formule-te-groot",
                    "splits de formule in kleinere formules met een eigen naam")
            i = token.end
        out.append(_Token("end", len(text), len(text)))
        return out

    def _unexpected(self, i: int) -> NoReturn:
        ch = self.text[i]
        if ch == ",":
            self.fail(i, "een komma staat hier niet in een getal",
                      "schrijf de komma alleen als decimaalteken (1,5); scheid de "
                      "argumenten van een functie met ';', zoals in Excel: afronden(x; 2)")
        if ch == "_":
            self.fail(i, "een naam begint hier met '_'",
                      "een naam begint met een letter, bijv. formatie.fte")
        if ch == ".":
            self.fail(i, "een punt staat hier los",
                      "een punt hoort alleen tussen de delen van een naam (formatie.fte); "
                      "een decimaalteken is een komma")
        if ch in "'\"‘’“”":
            self.fail(i, "een formule bevat geen tekst tussen aanhalingstekens",
                      "noem cijfers bij hun naam, zonder aanhalingstekens")
        if ch == ":":
            self.fail(i, "een dubbele punt staat hier niet na een jaartal",
                      "noem een cijfer van een ander jaar als 2023:formatie.fte")
        shown = ch if ch.isprintable() else f"U+{ord(ch):04X}"
        self.fail(i, f"het teken '{shown}' hoort niet in een formule",
                  "een formule bevat getallen, namen van cijfers, + - * /, haakjes en de "
                  "functies uit de handleiding")

    def _digits(self, i: int) -> int:
        while i < len(self.text) and _is_digit(self.text[i]):
            i += 1
        return i

    def _number(self, start: int) -> _Token:
        text = self.text
        i = self._digits(start)
        whole, fraction = text[start:i], ""
        if i < len(text) and text[i] == ":":
            return self._year(start, i)
        if i + 1 < len(text) and text[i] == "," and _is_digit(text[i + 1]):
            end = self._digits(i + 1)
            fraction, i = text[i + 1:end], end
            if i < len(text) and text[i] == ",":
                self.fail(i, f"het getal '{text[start:i]},…' heeft een tweede komma",
                          "een getal heeft één komma, als decimaalteken (1234,5); scheid de "
                          "argumenten van een functie met ';', zoals in Excel: afronden(x; 2)")
        if i < len(text) and text[i] == ".":
            self.fail(i, f"het getal '{text[start:i]}.…' heeft een punt",
                      "schrijf in een formule een komma als decimaalteken (0,5) en geen "
                      "punt voor duizendtallen (1234 of 1234,5)")
        if i < len(text) and _is_part(text[i]):
            self.fail(i, f"na het getal '{text[start:i]}' volgt direct '{text[i]}'",
                      "zet een rekenteken tussen een getal en een naam, bijv. 2 * a.b; "
                      "schrijf geen eenheid achter een getal")
        if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS or len(fraction) > MAX_DECIMALS:
            self.fail(start, f"het getal '{text[start:i]}' heeft te veel cijfers",
                      f"ten hoogste {MAX_INTEGER_DIGITS} cijfers voor en {MAX_DECIMALS} na "
                      "de komma")
        value = Decimal(f"{whole}.{fraction}" if fraction else whole)
        return _Token("num", start, i, number=value)

    def _year(self, start: int, colon: int) -> _Token:
        digits = self.text[start:colon]
        if len(digits) != 4 or int(digits) not in YEARS:
            self.fail(start, f"'{digits}:' is geen jaartal voor een cijfer",
                      "noem een cijfer van een ander jaar als 2023:formatie.fte")
        if colon + 1 >= len(self.text) or not _is_letter(self.text[colon + 1]):
            self.fail(colon + 1, f"na '{digits}:' hoort direct de naam van een cijfer",
                      "schrijf bijv. 2023:formatie.fte, zonder spatie")
        token = self._name(colon + 1, int(digits))
        return _Token("name", start, token.end, name=token.name, year=token.year)

    def _name(self, start: int, year: int | None) -> _Token:
        text, i = self.text, start
        while True:
            while i < len(text) and _is_part(text[i]):
                i += 1
            if i < len(text) and text[i] == ".":
                if i + 1 < len(text) and text[i + 1] == "_":
                    self.fail(i + 1, "een deel van een naam begint met '_'",
                              "een deel van een naam begint met een letter of cijfer")
                if i + 1 >= len(text) or not _is_part(text[i + 1]):
                    self.fail(i, f"na '{text[start:i + 1]}' hoort nog een deel van de naam",
                              "schrijf een naam als formatie.fte, zonder punt aan het eind")
                i += 1
                continue
            return _Token("name", start, i, name=text[start:i], year=year)


# -- the tree ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Node:
    start: int
    end: int


@dataclass(frozen=True)
class _Number(_Node):
    value: Decimal
    percent: bool


@dataclass(frozen=True)
class _Ref(_Node):
    ref: Reference


@dataclass(frozen=True)
class _Negate(_Node):
    operand: _Node


@dataclass(frozen=True)
class _Chain(_Node):
    """first (op operand)*, evaluated from left to right: one level of + - or * /."""

    first: _Node
    rest: tuple[tuple[str, _Node], ...]


@dataclass(frozen=True)
class _Call(_Node):
    function: str
    args: tuple[_Node, ...]


# name -> (fewest arguments, most arguments or None, how it is written)
FUNCTIONS: dict[str, tuple[int, int | None, str]] = {
    "afronden": (2, 2, "afronden(waarde; decimalen)"),
    "min": (2, None, "min(a; b; ...)"),
    "max": (2, None, "max(a; b; ...)"),
    "som": (2, None, "som(a; b; ...)"),
    "gemiddelde": (2, None, "gemiddelde(a; b; ...)"),
    "abs": (1, 1, "abs(waarde)"),
    "aandeel": (2, 2, "aandeel(deel; totaal)"),
    "verandering": (2, 2, "verandering(oud; nieuw)"),
    "procent": (1, 1, "procent(getal)"),
}


class _Parser:
    """Recursive descent over the tokens; nesting is counted, so it never runs deep."""

    def __init__(self, formula: Formula, tokens: list[_Token]) -> None:
        self.formula = formula
        self.tokens = tokens
        self.at = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.at]

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def fail(self, token: _Token, message: str, hint: str) -> NoReturn:
        self.formula.syntax_error(token.start, message, hint)

    def formula_tree(self) -> _Node:
        if self.token.kind == "end":
            self.fail(self.token, "de formule is leeg", "schrijf bijv. a.totaal - a.deel")
        node = self.sum()
        if self.token.kind != "end":
            self.after_operand(self.token)
        return node

    def after_operand(self, token: _Token) -> NoReturn:
        """What may not follow a complete value."""
        if token.kind == ")":
            self.fail(token, "er staat een ')' zonder '(' ervoor",
                      "tel de haakjes: elk '(' heeft één ')'")
        if token.kind == ";":
            self.fail(token, "een ';' staat buiten de haakjes van een functie",
                      "';' scheidt de argumenten van een functie, bijv. min(a; b)")
        if token.kind == "%":
            self.fail(token, "'%' staat niet direct na een getal",
                      "schrijf 5% na een getal, of procent(...) om een uitkomst als "
                      "percentage te tonen")
        shown = self.formula.text[token.start:token.end]
        self.fail(token, f"voor '{shown}' ontbreekt een rekenteken",
                  "zet +, -, * of / tussen twee waarden")

    def sum(self) -> _Node:
        return self.chain("+-", self.product)

    def product(self) -> _Node:
        return self.chain("*/", self.unary)

    def chain(self, ops: str, operand: Callable[[], _Node]) -> _Node:
        first = operand()
        rest: list[tuple[str, _Node]] = []
        while self.token.kind in ops:
            op = self.take().kind
            rest.append((op, operand()))
        if not rest:
            return first
        return _Chain(first.start, rest[-1][1].end, first, tuple(rest))

    def unary(self) -> _Node:
        start, negate = self.token.start, False
        while self.token.kind == "-":
            self.take()
            negate = not negate
        node = self.primary()
        return _Negate(start, node.end, node) if negate else node

    def primary(self) -> _Node:
        token = self.take()
        if token.kind == "num":
            assert token.number is not None
            if self.token.kind == "%":
                return _Number(token.start, self.take().end, token.number, True)
            return _Number(token.start, token.end, token.number, False)
        if token.kind == "name":
            if self.token.kind == "(":
                return self.call(token)
            if token.year is None and token.name.lower() in FUNCTIONS:
                self.fail(token, f"'{token.name}' is een functie en staat zonder haakjes",
                          f"schrijf {FUNCTIONS[token.name.lower()][2]}")
            return _Ref(token.start, token.end, Reference(token.name, token.year))
        if token.kind == "(":
            self.enter(token)
            node = self.sum()
            close = self.closing(token)
            self.depth -= 1
            return _group(node, token.start, close.end)
        raise self.formula.syntax(token.start, *self.expected_operand(token))

    def expected_operand(self, token: _Token) -> tuple[str, str]:
        """(message, hint) for a token where a value should begin."""
        if token.kind == "end":
            return ("de formule houdt op waar nog een getal of naam hoort",
                    "maak de formule af of haal het laatste rekenteken weg")
        if token.kind == ")":
            return ("er staat een ')' waar een getal of naam hoort",
                    "haakjes omsluiten een berekening, bijv. (a + b) * 2")
        if token.kind == ";":
            return ("er staat een ';' waar een getal of naam hoort",
                    "geef elk argument een waarde, bijv. min(a; b)")
        if token.kind == "+":
            return ("een '+' staat waar een getal of naam hoort",
                    "schrijf een getal zonder plusteken, en geen twee rekentekens na elkaar")
        shown = self.formula.text[token.start:token.end]
        return (f"'{shown}' staat waar een getal of naam hoort",
                "twee rekentekens na elkaar? schrijf bijv. a * (b + c)")

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.formula.fail(
                f"de formule heeft meer dan {MAX_DEPTH} haakjes of functies in elkaar "
                f"(teken {token.start + 1})", "formule-te-groot",
                "splits de formule in kleinere formules met een eigen naam")

    def closing(self, opening: _Token) -> _Token:
        if self.token.kind != ")":
            if self.token.kind == "end":
                self.fail(opening, "dit '(' wordt niet gesloten",
                          "zet een ')' waar de berekening tussen haakjes ophoudt")
            self.after_operand(self.token)
        return self.take()

    def call(self, name: _Token) -> _Node:
        function = name.name.lower()
        if name.year is not None or "." in name.name:
            self.fail(name, f"'{self.formula.text[name.start:name.end]}' is een cijfer, "
                            "geen functie, en kan niet worden aangeroepen",
                      "functies zijn " + ", ".join(FUNCTIONS))
        if function not in FUNCTIONS:
            guess = suggest(function, list(FUNCTIONS))
            self.formula.fail(
                f"'{name.name}' is geen functie (teken {name.start + 1})", "formule-functie",
                f"bedoelde u {FUNCTIONS[guess][2]}?" if guess
                else "functies zijn " + ", ".join(FUNCTIONS))
        opening = self.take()
        self.enter(opening)
        args = [self.sum()] if self.token.kind != ")" else []
        while self.token.kind == ";":
            self.take()
            args.append(self.sum())
        close = self.closing(opening)
        self.depth -= 1
        fewest, most, usage = FUNCTIONS[function]
        if len(args) < fewest or (most is not None and len(args) > most):
            count = "geen" if not args else str(len(args))
            self.formula.fail(
                f"{function} krijgt {count} argument{'en' if len(args) != 1 else ''} "
                f"(teken {name.start + 1})", "formule-functie",
                f"schrijf {usage}; scheid de argumenten met ';' (een komma is een "
                "decimaalteken)")
        return _Call(name.start, close.end, function, tuple(args))


def _group(node: _Node, start: int, end: int) -> _Node:
    """A node in parentheses: the same node, spanning the parentheses (for messages)."""
    if isinstance(node, _Number):
        return _Number(start, end, node.value, node.percent)
    if isinstance(node, _Ref):
        return _Ref(start, end, node.ref)
    if isinstance(node, _Negate):
        return _Negate(start, end, node.operand)
    if isinstance(node, _Chain):
        return _Chain(start, end, node.first, node.rest)
    assert isinstance(node, _Call)
    return _Call(start, end, node.function, node.args)


# -- values -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Quantity:
    value: Decimal  # a percentage as a fraction: 0.25 for 25%
    unit: Dimension
    literal: bool = False  # written as numbers only (2, 2 * 3): takes the unit it meets


def _clean(value: Decimal) -> Decimal:
    """A value rounded to GUARD decimals when it has more (the guard digits of a division
    fall off: 0.999...9 becomes 1), with no exponent above 0 and no negative zero."""
    if _exponent(value) < -GUARD:
        value = value.quantize(Decimal(1).scaleb(-GUARD), context=_WIDE).normalize(_WIDE)
    if _exponent(value) > 0:
        value = value.quantize(Decimal(1), context=_WIDE)
    return value.copy_abs() if value.is_zero() else value


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite value
    return exponent


def _shown(q: _Quantity) -> Decimal:
    """The value as figures write it (a percentage in percent), cleaned."""
    return _clean(q.value.scaleb(2, _WIDE) if q.unit.percent else q.value)


# -- formulas ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Formula:
    """A formula whose syntax is checked; `references` are the figures it names, each
    once, in the order they appear."""

    text: str
    source: Source
    tree: _Node | None = field(default=None, repr=False, compare=False)
    references: tuple[Reference, ...] = ()

    def excerpt(self, at: int | None = None) -> str:
        """The formula for a message, cut around `at` when it is long."""
        text = " ".join(self.text.split()) if at is None else self.text
        if len(text) <= 80:
            return text
        if at is None:
            return text[:77] + "…"
        start = max(0, at - 35)
        return ("…" if start else "") + text[start:start + 70] + "…"

    def error(self, message: str, code: Code, hint: str) -> FormulaError:
        """An error in this formula, at its file and line."""
        return FormulaError(f"formule '{self.excerpt()}': {message}", source=self.source,
                            code=code, hint=hint)

    def fail(self, message: str, code: Code, hint: str) -> NoReturn:
        raise self.error(message, code, hint)

    def syntax(self, at: int, message: str, hint: str) -> FormulaError:
        """A syntax error at index `at` (the message says column at + 1)."""
        return FormulaError(
            f"formule '{self.excerpt(at)}', teken {at + 1}: {message}", source=self.source,
            code="formule-syntax", hint=hint, column=at + 1)

    def syntax_error(self, at: int, message: str, hint: str) -> NoReturn:
        raise self.syntax(at, message, hint)

    def evaluate(self, resolver: Resolver) -> Computed:
        """The formula's value, unit and inputs; every figure it names comes from
        `resolver`."""
        assert self.tree is not None
        run = _Evaluation(self, resolver)
        try:
            result = run.value(self.tree)
            shown = _shown(result)
        except Overflow:
            self.fail("de uitkomst wordt te groot (10^60 of meer)", "formule-te-groot",
                      "controleer de formule en de eenheden van de cijfers die ze noemt")
        return Computed(shown, result.unit, self.text, self.source, tuple(run.inputs.values()))


def parse(text: str, source: Source) -> Formula:
    """The formula read and its syntax checked (FormulaError at `source` when not)."""
    empty = Formula(text, source)
    if len(text) > MAX_LENGTH:
        raise FormulaError(
            f"de formule is {fmt.number(len(text))} tekens lang, meer dan de "
            f"{fmt.number(MAX_LENGTH)} die een formule mag hebben", source=source,
            code="formule-te-groot",
            hint="splits de formule in kleinere formules met een eigen naam")
    tokens = _Reader(empty).tokens()
    tree = _Parser(empty, tokens).formula_tree()
    refs = dict.fromkeys(Reference(t.name, t.year) for t in tokens
                         if t.kind == "name" and (t.year is not None or "." in t.name
                                                  or t.name.lower() not in FUNCTIONS))
    return Formula(text, source, tree, tuple(refs))


def evaluate(text: str, source: Source, resolver: Resolver) -> Computed:
    """Read and compute one formula; see the module's documentation for the language."""
    return parse(text, source).evaluate(resolver)


class _Evaluation:
    """One run of a formula: its tree against a resolver, collecting the inputs."""

    def __init__(self, formula: Formula, resolver: Resolver) -> None:
        self.formula = formula
        self.resolver = resolver
        self.inputs: dict[Reference, Input] = {}
        self.ctx = CONTEXT.copy()  # its own flags: formulas may run side by side

    def part(self, node: _Node) -> str:
        return " ".join(self.formula.text[node.start:node.end].split())

    def fail(self, message: str, code: Code, hint: str) -> NoReturn:
        self.formula.fail(message, code, hint)

    def value(self, node: _Node) -> _Quantity:
        if isinstance(node, _Number):
            if node.percent:
                return _Quantity(node.value.scaleb(-2, _WIDE), PERCENT)
            return _Quantity(node.value, NUMBER, literal=True)
        if isinstance(node, _Ref):
            return self.reference(node)
        if isinstance(node, _Negate):
            q = self.value(node.operand)
            return _Quantity(self.ctx.minus(q.value), q.unit, q.literal)
        if isinstance(node, _Chain):
            return self.chain(node)
        assert isinstance(node, _Call)
        return self.call(node)

    def reference(self, node: _Ref) -> _Quantity:
        ref = node.ref
        found = self.resolver(ref)
        if found is None:
            self.unknown(ref)
        unit = found.unit if isinstance(found.unit, Dimension) else dimension(found.unit)
        if unit is None:
            assert isinstance(found.unit, Unit)
            self.fail(f"'{ref}' is {NOT_NUMERIC[found.unit]} en geen getal", "formule-eenheid",
                      "een formule rekent alleen met getallen: bedragen, fte, aantallen, "
                      "dagen, percentages")
        value = found.value
        if isinstance(value, bool) or not isinstance(value, Decimal | int) or (
                isinstance(value, Decimal) and not value.is_finite()):
            self.fail(f"'{ref}' heeft geen getal als waarde", "formule-eenheid",
                      f"vul een getal in bij {found.source.describe()}")
        value = Decimal(value)
        self.inputs.setdefault(ref, Input(ref.name, ref.year, value, unit, found.source,
                                          found.computed))
        return _Quantity(value.scaleb(-2, _WIDE) if unit.percent else value, unit)

    def unknown(self, ref: Reference) -> NoReturn:
        known = sorted(self.resolver.names(ref.year))
        guess = suggest(ref.name, known)
        if ref.year is not None and self.resolver(Reference(ref.name)) is not None:
            message = f"'{ref.name}' bestaat niet voor {ref.year}"
        else:
            message = f"'{ref}' is geen bekend cijfer"
        if guess:
            shown = Reference(guess, ref.year)
            hint = f"bedoelde u '{shown}'?"
        elif known:
            hint = "bekende cijfers zijn bijv. " + ", ".join(known[:5])
        else:
            hint = "noem een cijfer uit de gegevens, bijv. formatie.fte"
        self.fail(message, "formule-onbekend", hint)

    def same_unit(self, a: _Quantity, b: _Quantity, left: _Node, right: _Node,
                  what: str) -> Dimension:
        """The unit both have; a number written in the formula takes the unit of the
        figure it meets (formatie.fte + 2 is 2 fte more), except a percentage's."""
        if a.unit == b.unit:
            return a.unit
        if a.literal and not b.unit.plain:
            return b.unit
        if b.literal and not a.unit.plain:
            return a.unit
        if (a.literal or b.literal) and (a.unit.percent or b.unit.percent):
            hint = ("schrijf een getal bij een percentage met het procentteken, bijv. "
                    "verzuim.percentage + 1% (1 is 100%)")
        elif a.unit.plain and b.unit.plain:
            hint = ("een percentage en een gewoon getal verschillen: schrijf 1 als 100%, "
                    "of maak van het getal een percentage met procent(...)")
        else:
            hint = ("reken alleen met cijfers van dezelfde eenheid; deel eerst als u een "
                    "verhouding bedoelt, bijv. a.euro / b.fte geeft euro per fte")
        raise self.formula.error(
            f"'{self.part(left)}' ({a.unit.name()}) en '{self.part(right)}' "
            f"({b.unit.name()}) kunnen niet {what}: de eenheden verschillen",
            "formule-eenheid", hint)

    def nonzero(self, q: _Quantity, node: _Node, hint: str) -> None:
        if _clean(q.value).is_zero():
            self.fail(f"delen door nul: '{self.part(node)}' is 0", "delen-door-nul", hint)

    def chain(self, node: _Chain) -> _Quantity:
        acc = self.value(node.first)
        left: _Node = node.first
        for op, operand in node.rest:
            q = self.value(operand)
            if op in "+-":
                unit = self.same_unit(acc, q, left, operand,
                                      "worden opgeteld" if op == "+" else "van elkaar "
                                      "worden afgetrokken")
                value = (self.ctx.add if op == "+" else self.ctx.subtract)(acc.value, q.value)
            elif op == "*":
                value, unit = self.ctx.multiply(acc.value, q.value), acc.unit.times(q.unit)
            else:
                self.nonzero(q, operand, "controleer de gegevens, of reken het cijfer alleen "
                                         "uit als de deler er is")
                value, unit = self.ctx.divide(acc.value, q.value), acc.unit.per(q.unit)
            acc = _Quantity(value, unit, acc.literal and q.literal)
            left = _Node(node.first.start, operand.end)
        return acc

    def call(self, node: _Call) -> _Quantity:
        args = [self.value(arg) for arg in node.args]
        name = node.function
        if name in ("min", "max", "som", "gemiddelde"):
            common = args[0]
            for arg, q in zip(node.args[1:], args[1:], strict=True):
                unit = self.same_unit(common, q, node.args[0], arg,
                                      f"samen in {name}(...) staan")
                common = _Quantity(common.value, unit, common.literal and q.literal)
            if name in ("min", "max"):
                chosen = (min if name == "min" else max)(args, key=lambda q: q.value)
                return _Quantity(chosen.value, common.unit)
            total = args[0].value
            for q in args[1:]:
                total = self.ctx.add(total, q.value)
            if name == "gemiddelde":
                total = self.ctx.divide(total, Decimal(len(args)))
            return _Quantity(total, common.unit)
        if name == "abs":
            return _Quantity(self.ctx.abs(args[0].value), args[0].unit)
        if name == "afronden":
            return self.rounded(node, args[0], args[1])
        if name == "procent":
            q = args[0]
            if q.unit != NUMBER:
                self.fail(f"procent(...) maakt van een gewoon getal een percentage; "
                          f"'{self.part(node.args[0])}' is {q.unit.name()}",
                          "formule-eenheid", "gebruik aandeel(deel; totaal) voor een "
                          "percentage van twee cijfers met een eenheid")
            return _Quantity(q.value.scaleb(-2, _WIDE), PERCENT)
        first, second = args
        self.same_unit(first, second, node.args[0], node.args[1],
                       f"in {name}(...) met elkaar worden vergeleken")
        if name == "aandeel":
            self.nonzero(second, node.args[1], "een aandeel van een totaal van 0 bestaat "
                                               "niet; controleer het totaal")
            return _Quantity(self.ctx.divide(first.value, second.value), PERCENT)
        assert name == "verandering"
        self.nonzero(first, node.args[0], "een verandering vanaf 0 is geen percentage; "
                                          "toon het verschil nieuw - oud")
        change = self.ctx.subtract(second.value, first.value)
        return _Quantity(self.ctx.divide(change, self.ctx.abs(first.value)), PERCENT)

    def rounded(self, node: _Call, q: _Quantity, places: _Quantity) -> _Quantity:
        n = _clean(places.value)
        if places.unit != NUMBER or n != n.to_integral_value() or not (
                MIN_ROUND <= n <= MAX_ROUND):
            self.fail(f"het aantal decimalen van afronden ('{self.part(node.args[1])}') is "
                      f"geen heel getal van {MIN_ROUND} tot en met {MAX_ROUND}",
                      "formule-functie", "schrijf bijv. afronden(a.b; 2) voor twee "
                                         "decimalen, afronden(a.b; -3) voor duizendtallen")
        digits = int(n) + (2 if q.unit.percent else 0)
        value = _clean(q.value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP,
                                         context=_WIDE)
        return _Quantity(value, q.unit)


# -- sets of formulas -------------------------------------------------------------------


class _WithResults:
    """A resolver that knows the formulas computed so far (the document's year), and asks
    the given resolver for everything else."""

    def __init__(self, base: Resolver, results: dict[str, Computed],
                 formulas: Mapping[str, Formula]) -> None:
        self.base = base
        self.results = results
        self.formulas = formulas

    def __call__(self, ref: Reference) -> Resolved | None:
        done = self.results.get(ref.name) if ref.year is None else None
        if done is not None:
            return Resolved(done.value, done.unit, done.source, done)
        return self.base(ref)

    def names(self, year: int | None) -> Iterable[str]:
        names = list(self.base.names(year))
        return names + list(self.formulas) if year is None else names


def evaluate_all(formulas: Mapping[str, tuple[str, Source]], resolver: Resolver
                 ) -> dict[str, Computed]:
    """Formulas that may name each other (and the figures of `resolver`), computed in
    dependency order; a name of one of these formulas (without a year) means that formula,
    before any figure of the resolver with the same name. A cycle is refused with a
    FormulaError at the first formula of it that `formulas` lists, naming each formula in
    the cycle with its file and line. The result lists the formulas in the given order."""
    parsed = {name: parse(text, source) for name, (text, source) in formulas.items()}
    results: dict[str, Computed] = {}
    chained = _WithResults(resolver, results, parsed)
    for name in _dependency_order(parsed):
        results[name] = parsed[name].evaluate(chained)
    return {name: results[name] for name in formulas}


def _dependency_order(formulas: Mapping[str, Formula]) -> Iterator[str]:
    """Every formula after the formulas it names; iterative depth-first search."""
    needs = {name: [r.name for r in f.references if r.year is None and r.name in formulas]
             for name, f in formulas.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in formulas:
        if root in state:
            continue
        path = [root]
        todo = [iter(needs[root])]
        state[root] = 1
        while todo:
            following = next(todo[-1], None)
            if following is None:
                done = path.pop()
                todo.pop()
                state[done] = 2
                yield done
            elif state.get(following) == 1:
                _cycle(formulas, path[path.index(following):])
            elif following not in state:
                state[following] = 1
                path.append(following)
                todo.append(iter(needs[following]))


def _cycle(formulas: Mapping[str, Formula], cycle: list[str]) -> NoReturn:
    order = list(formulas)
    first = min(range(len(cycle)), key=lambda i: order.index(cycle[i]))
    cycle = cycle[first:] + cycle[:first]
    steps = [f"{name} ({formulas[name].source.ref()})" for name in cycle]
    steps.append(cycle[0])
    what = (f"formule {cycle[0]} verwijst naar zichzelf" if len(cycle) == 1
            else f"de formules {fmt.enumeration(cycle)} verwijzen in een kring naar elkaar")
    raise FormulaError(
        f"{what}: " + " → ".join(steps), source=formulas[cycle[0]].source,
        code="formule-lus",
        hint="een formule kan niet (via andere formules) van haar eigen uitkomst afhangen; "
             "reken een van deze cijfers uit gegeven cijfers")
