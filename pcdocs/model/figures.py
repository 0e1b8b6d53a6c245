"""A figure is a value with its unit and its sources; it renders in Dutch with provenance.

Every number a page shows is a `Figure`: the HTML carries `data-source` (file:line) and a
tooltip, so an auditor can trace it back to the exact line of the data file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum

from markupsafe import Markup, escape

from pcdocs.codes import Code
from pcdocs.errors import MacroError
from pcdocs.model import fmt


@dataclass(frozen=True, order=True)
class Source:
    """Where a value comes from: a file relative to the repository root, a line, a key."""

    file: str
    line: int | None = None
    key: str | None = None

    def ref(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def describe(self) -> str:
        text = self.file
        if self.line:
            text += f", regel {self.line}"
        if self.key:
            text += f" ({self.key})"
        return text


class Unit(Enum):
    """How a value is measured, and so how it is written."""

    FTE = "fte"
    PERCENT = "procent"
    EURO = "euro"
    COUNT = "aantal"
    DAYS = "dagen"
    WEEKS = "weken"
    MONTHS = "maanden"
    GRADE = "cijfer"
    NUMBER = "getal"
    BOOL = "ja/nee"
    TEXT = "tekst"
    DATE = "datum"
    YEAR = "jaar"


UNIT_NAMES: dict[str, Unit] = {
    "fte": Unit.FTE,
    "procent": Unit.PERCENT,
    "%": Unit.PERCENT,
    "euro": Unit.EURO,
    "€": Unit.EURO,
    "aantal": Unit.COUNT,
    "dagen": Unit.DAYS,
    "weken": Unit.WEEKS,
    "maanden": Unit.MONTHS,
    "cijfer": Unit.GRADE,
    "getal": Unit.NUMBER,
    "ja/nee": Unit.BOOL,
    "tekst": Unit.TEXT,
    "datum": Unit.DATE,
    "jaar": Unit.YEAR,
}

class Kind(Enum):
    """What a value is, beyond its unit; with the unit it decides the allowed range."""

    LEVEL = "stand"  # a state: a share, a formatie, a number of cases, a term
    CHANGE = "verandering"  # a difference between two states: a mutation, a growth
    MAGNITUDE = "omvang"  # a size without a sign: a risk amount, a threshold, a frequency


@dataclass(frozen=True)
class Range:
    """The values a unit allows: bounds (inclusive; None is open) and whole or not."""

    low: Decimal | None = None
    high: Decimal | None = None
    whole: bool = False

    def describe(self) -> str:
        if self.low is not None and self.high is not None:
            return f"van {fmt.number(self.low)} tot en met {fmt.number(self.high)}"
        if self.low is not None:
            return f"{fmt.number(self.low)} of meer"
        if self.high is not None:
            return f"{fmt.number(self.high)} of minder"
        return "elke waarde"

    def holds(self, value: Decimal) -> bool:
        return (self.low is None or value >= self.low) and (self.high is None
                                                            or value <= self.high)


_ZERO, _HUNDRED = Decimal(0), Decimal(100)

# THE table of allowed values: what a value of each unit may be when it is a state (LEVEL).
# Money has any sign (each table declares its own sign convention); a plain number too.
RANGES: dict[Unit, Range] = {
    Unit.PERCENT: Range(_ZERO, _HUNDRED),
    Unit.FTE: Range(_ZERO),
    Unit.COUNT: Range(_ZERO, whole=True),
    Unit.DAYS: Range(_ZERO),
    Unit.WEEKS: Range(_ZERO),
    Unit.MONTHS: Range(_ZERO),
    Unit.GRADE: Range(Decimal(1), Decimal(10)),  # a Dutch report mark
    Unit.YEAR: Range(Decimal(1900), Decimal(2100), whole=True),
    Unit.EURO: Range(),
    Unit.NUMBER: Range(),
}

# The only exceptions, each with the blocks that use it. A kind not named here for a unit
# has the unit's range above.
EXCEPTIONS: dict[tuple[Unit, Kind], Range] = {
    # a change in percent(points): a fall cannot exceed 100, a growth can; an indicator or
    # kerncijfer is a change when its data says `soort: verandering` or its description
    # names one (CHANGE_WORDS: 'ontwikkeling uitkeringsbestand', norm maximaal -2,4%)
    (Unit.PERCENT, Kind.CHANGE): Range(-_HUNDRED),
    # mutations of the formatieanalyse, and changes of a count, go both ways
    (Unit.FTE, Kind.CHANGE): Range(),
    (Unit.COUNT, Kind.CHANGE): Range(whole=True),
    # sizes that have no sign: a risk amount and its profile's bands (risicos, risicoprofiel), the
    # threshold of unexplained deviations (afwijkingen)
    (Unit.EURO, Kind.MAGNITUDE): Range(_ZERO),
    # the meldingsfrequentie: reports per employee per year (verzuim)
    (Unit.NUMBER, Kind.MAGNITUDE): Range(_ZERO),
}


KINDS = {"stand": Kind.LEVEL, "verandering": Kind.CHANGE}

# Words that make a described value a change, as Dutch P&C documents write them.
CHANGE_WORDS = ("ontwikkeling", "verandering", "groei", "mutatie", "toename", "afname",
                "stijging", "daling")
_CHANGE = re.compile(r"\b(" + "|".join(CHANGE_WORDS) + r")\b", re.I)


def kind_of(description: str) -> Kind:
    """A change when the description names one ('ontwikkeling uitkeringsbestand'), else a
    state; data overrides this with `soort: stand` or `soort: verandering`."""
    return Kind.CHANGE if _CHANGE.search(description) else Kind.LEVEL


def allowed(unit: Unit, kind: Kind = Kind.LEVEL) -> Range:
    """The range a value of `unit` and `kind` must lie in (from RANGES and EXCEPTIONS)."""
    return EXCEPTIONS.get((unit, kind)) or RANGES.get(unit, Range())


_UNIT_WORDS = {
    Unit.PERCENT: "een percentage", Unit.FTE: "een formatie in fte", Unit.COUNT: "een aantal",
    Unit.DAYS: "een duur in dagen", Unit.WEEKS: "een duur in weken",
    Unit.MONTHS: "een duur in maanden", Unit.GRADE: "een rapportcijfer",
    Unit.YEAR: "een jaartal", Unit.EURO: "een bedrag", Unit.NUMBER: "dit getal",
}
_KIND_WORDS = {
    (Unit.PERCENT, Kind.CHANGE): "een verandering in procenten",
    (Unit.FTE, Kind.CHANGE): "een mutatie in fte",
    (Unit.COUNT, Kind.CHANGE): "een verandering van een aantal",
    (Unit.EURO, Kind.MAGNITUDE): "een bedrag zonder teken",
    (Unit.NUMBER, Kind.MAGNITUDE): "een frequentie",
}

_RANGE_HINTS = {
    Unit.PERCENT: "schrijf het percentage als getal van 0 tot en met 100, bijv. 96 voor 96%",
    Unit.FTE: "een formatie is 0 fte of meer; een afname hoort bij de mutaties",
    Unit.COUNT: "een aantal is een heel getal van 0 of meer",
    Unit.DAYS: "een duur is 0 of meer", Unit.WEEKS: "een duur is 0 of meer",
    Unit.MONTHS: "een duur is 0 of meer",
    Unit.GRADE: "een rapportcijfer ligt van 1 tot en met 10",
    Unit.YEAR: "schrijf een jaartal, bijv. 2024",
}
_KIND_HINTS = {
    (Unit.PERCENT, Kind.CHANGE): "een daling is ten hoogste 100%; schrijf bijv. -2 voor 2% "
                                 "minder",
    (Unit.EURO, Kind.MAGNITUDE): "schrijf het bedrag zonder minteken",
    (Unit.NUMBER, Kind.MAGNITUDE): "schrijf een getal van 0 of meer",
}


def range_problem(value: Decimal, unit: Unit, kind: Kind = Kind.LEVEL
                  ) -> tuple[Code, str, str] | None:
    """(code, message, hint) when `value` lies outside what `unit` and `kind` allow."""
    rng = allowed(unit, kind)
    own = (unit, kind) in EXCEPTIONS
    what = _KIND_WORDS.get((unit, kind)) if own else None
    what = what or _UNIT_WORDS.get(unit, "deze waarde")
    hint = (_KIND_HINTS.get((unit, kind)) if own else None) or _RANGE_HINTS.get(
        unit, f"toegestaan: {rng.describe()}")
    if rng.whole and value != value.to_integral_value():
        return ("geen-geheel-getal", f"{fmt.number(value)} is geen heel getal, en {what} "
                "moet dat zijn", hint)
    if not rng.holds(value):
        return ("buiten-bereik", f"{fmt.number(value)} ligt buiten het bereik van {what} "
                f"({rng.describe()})", hint)
    return None


def probably_fraction(value: Decimal, others: list[Decimal]) -> bool:
    """A percentage between 0 and 1 where the norm and the other values of its series are
    all written as percentages of 1 or more, and the value read as a fraction (x 100) falls
    among them (from half the smallest to twice the largest): most likely a fraction (0,96
    next to a norm of 95 is 96%). A foutscore of 0,3% against a norm of 1% is not: 30 is
    far from 1."""
    if not (0 < value < 1 and others and all(o >= 1 for o in others)):
        return False
    return min(others) / 2 <= value * 100 <= max(others) * 2


_NOUNS = {
    Unit.DAYS: ("dag", "dagen"),
    Unit.WEEKS: ("week", "weken"),
    Unit.MONTHS: ("maand", "maanden"),
}

Value = Decimal | int | str | bool | dt.date | None

_COUNTABLE = (Unit.COUNT, Unit.DAYS, Unit.WEEKS, Unit.MONTHS, Unit.NUMBER)

FORMS = ("absoluut", "woord", "dag-maand", "maand-jaar", "zonder-eenheid")

EXPLANATION = "toelichting"  # an `extra` the tooltip shows (a berekening's toelichting)


@dataclass(frozen=True)
class Figure:
    """A value ready for the page: unit, sources, label, and how it was computed."""

    value: Value
    unit: Unit
    sources: tuple[Source, ...]
    label: str
    qualifier: str | None = None
    computed: str | None = None
    decimals: int | None = None
    month_precision: bool = False
    extra: dict[str, str] = field(default_factory=dict, compare=False)
    # the rest of a compound unit, written after the value as its unit writes it: 'per fte'
    # makes euro per fte '€ 61.583 per fte' (berekeningen.yaml)
    suffix: str | None = None

    def numeric(self) -> Decimal | None:
        if isinstance(self.value, bool) or self.value is None:
            return None
        if isinstance(self.value, int | Decimal):
            return Decimal(self.value)
        return None

    def with_value(self, value: Value, computed: str | None = None) -> Figure:
        return replace(self, value=value, computed=computed or self.computed)

    def text(self, form: str | None = None) -> str:
        """The value as Dutch text, without HTML."""
        if form is not None and form not in FORMS:
            raise MacroError(
                f"onbekende vorm '{form}'",
                code="onbekende-vorm",
                hint="kies uit " + ", ".join(FORMS),
            )
        body = _format(self, form)
        if self.suffix and form != "zonder-eenheid" and self.numeric() is not None:
            body = f"{body}{fmt.NBSP}{self.suffix}"
        if self.qualifier and form != "zonder-eenheid":
            body = f"{self.qualifier} {body}"
        return body

    def tooltip(self) -> Markup:
        """Label, sources and computation, one per line (escaped, newlines as &#10;)."""
        lines = [self.label] if self.label else []
        lines += ["Bron: " + s.describe() for s in self.sources]
        if self.computed:
            lines.append("Berekend: " + self.computed)
        if self.extra.get(EXPLANATION):
            lines.append("Toelichting: " + self.extra[EXPLANATION])
        return Markup("&#10;").join(escape(line) for line in lines)

    def html(self, form: str | None = None) -> Markup:
        """The value in a span that carries its provenance (data-source + tooltip)."""
        refs = " ".join(s.ref() for s in self.sources)
        cls = "pc-cijfer" + (" pc-berekend" if self.computed else "")
        if self.unit is Unit.TEXT:
            cls += " pc-tekst"
        return Markup('<span class="{}" data-source="{}" title="{}">{}</span>').format(
            cls, refs, self.tooltip(), self.text(form)
        )


def _format(fig: Figure, form: str | None) -> str:
    value = fig.value
    if value is None:
        return "onbekend"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, dt.date):
        return _format_date(fig, value, form)
    if isinstance(value, str):
        return value
    if form == "absoluut" and value < 0:
        value = -value
    whole = isinstance(value, int) or value == value.to_integral_value()
    if form == "woord" and whole and fig.unit in _COUNTABLE:
        return _with_noun(fig.unit, int(value), fmt.word(int(value)))
    return _format_number(fig, value, bare=form == "zonder-eenheid")


def _format_date(fig: Figure, value: dt.date, form: str | None) -> str:
    if form == "dag-maand":
        return fmt.day_month(value)
    if form == "maand-jaar" or fig.month_precision:
        return fmt.month_year(value)
    return fmt.long_date(value)


def _with_noun(unit: Unit, amount: int, text: str) -> str:
    nouns = _NOUNS.get(unit)
    if nouns is None:
        return text
    return f"{text}{fmt.NBSP}{nouns[0] if amount == 1 else nouns[1]}"


def _format_number(fig: Figure, value: Decimal | int, *, bare: bool) -> str:
    unit = fig.unit
    if unit is Unit.FTE:
        return fmt.number(value, 2) if bare else fmt.fte(value)
    if unit is Unit.PERCENT:
        return fmt.number(value, fig.decimals) if bare else fmt.percent(value, fig.decimals)
    if unit is Unit.EURO:
        return fmt.number(value, fig.decimals) if bare else fmt.euro(value, fig.decimals)
    if unit is Unit.GRADE:
        return fmt.number(value, 1 if fig.decimals is None else fig.decimals)
    if unit is Unit.YEAR:
        return str(int(value))
    text = fmt.number(value, fig.decimals)
    if bare or unit not in _NOUNS:
        return text
    return _with_noun(unit, int(value), text)


def converted(fig: Figure, unit: Unit) -> Figure:
    """The same duration in another unit (14 dagen -> 2 weken), exact or an error."""
    factors = {Unit.DAYS: 1, Unit.WEEKS: 7}
    if fig.unit not in factors or unit not in factors:
        raise MacroError(
            f"{fig.unit.value} kan niet worden omgerekend naar {unit.value}",
            code="omrekening",
            hint="omrekenen kan alleen tussen dagen en weken",
        )
    amount = fig.numeric()
    if amount is None:
        raise MacroError("geen getal om om te rekenen", code="omrekening")
    days = amount * factors[fig.unit]
    result = days / factors[unit]
    if result != result.to_integral_value():
        raise MacroError(
            f"{fmt.number(amount)} {fig.unit.value} is geen heel aantal {unit.value}",
            code="omrekening",
        )
    return replace(
        fig,
        value=int(result),
        unit=unit,
        computed=f"{fmt.number(amount)} {fig.unit.value} omgerekend naar {unit.value}",
    )


def escape_text(value: object) -> Markup:
    """Escape any data text for HTML (a title with <script> renders as text)."""
    return escape(str(value))
