"""Compound units for computed figures: euro per fte, fte × dagen, a plain number, a percentage.

A `Dimension` is a product of base units with whole exponents, like `euro¹ · fte⁻¹` (euro
per fte). The base units are the numeric units of `figures.Unit` (euro, fte, aantal, dagen,
weken, maanden, cijfer); each is its own base, so dagen and weken are not converted into
each other (a formula that adds them is refused). A dimension without base units is a
plain number; a plain number may be shown as a percentage (`percent`): its value is the
fraction (0,25) and the page shows it × 100 (25%).

The rules a formula follows (pcdocs.model.formula):

- adding, subtracting, `min`, `max`, `som`: both sides have the same dimension, and a
  percentage is not added to a plain number (`5% + 1` is refused: write `105%` or `1,05`);
  only a number written in the formula itself takes the unit of a figure it meets
  (`formatie.fte + 2`);
- multiplying adds exponents, dividing subtracts them: `euro / fte` is euro per fte,
  `euro / euro` is a plain number;
- a product is a percentage when it is a plain number and a factor is one (`2 * 5%` is
  10%); a quotient when it is a plain number and only its numerator is one (`10% / 2` is
  5%, `10% / 5%` is the plain number 2).

`name()` says the unit in Dutch: "euro per fte", "fte × dagen", "euro²", "getal",
"procent".
"""

from __future__ import annotations

from dataclasses import dataclass

from pcdocs.model.figures import Unit

# The base units, in the order a name lists them: (as a figure's unit, plural/own name,
# the singular a 'per' takes: "euro per dag", "kosten per stuk").
_BASES: tuple[tuple[Unit, str, str], ...] = (
    (Unit.EURO, "euro", "euro"),
    (Unit.FTE, "fte", "fte"),
    (Unit.COUNT, "aantal", "stuk"),
    (Unit.DAYS, "dagen", "dag"),
    (Unit.WEEKS, "weken", "week"),
    (Unit.MONTHS, "maanden", "maand"),
    (Unit.GRADE, "cijfer", "cijfer"),
)
_ORDER = {unit.value: i for i, (unit, _, _) in enumerate(_BASES)}
_PLURAL = {unit.value: plural for unit, plural, _ in _BASES}
_SINGULAR = {unit.value: singular for unit, _, singular in _BASES}
_BY_BASE = {unit.value: unit for unit, _, _ in _BASES}

# Units a formula does not compute with, and what to call them in a message.
NOT_NUMERIC: dict[Unit, str] = {
    Unit.TEXT: "een tekst", Unit.BOOL: "ja of nee", Unit.DATE: "een datum",
    Unit.YEAR: "een jaartal",
}

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class Dimension:
    """A product of base units with whole, non-zero exponents (sorted by base), and, for a
    plain number, whether it is shown as a percentage."""

    powers: tuple[tuple[str, int], ...] = ()
    percent: bool = False

    def __post_init__(self) -> None:
        if self.percent and self.powers:
            raise ValueError("alleen een getal zonder eenheid is een percentage")
        if any(exp == 0 or base not in _ORDER for base, exp in self.powers):
            raise ValueError(f"onjuiste eenheid {self.powers}")

    @staticmethod
    def of(powers: dict[str, int], *, percent: bool = False) -> Dimension:
        kept = tuple(sorted(((b, e) for b, e in powers.items() if e), key=lambda p: _ORDER[p[0]]))
        return Dimension(kept, percent and not kept)

    @property
    def plain(self) -> bool:
        """A number without base units (a percentage or a plain number)."""
        return not self.powers

    def times(self, other: Dimension) -> Dimension:
        powers = dict(self.powers)
        for base, exp in other.powers:
            powers[base] = powers.get(base, 0) + exp
        return Dimension.of(powers, percent=self.percent or other.percent)

    def per(self, other: Dimension) -> Dimension:
        powers = dict(self.powers)
        for base, exp in other.powers:
            powers[base] = powers.get(base, 0) - exp
        return Dimension.of(powers, percent=self.percent and not other.percent)

    def name(self) -> str:
        """The unit in Dutch: 'euro per fte', 'fte × dagen', 'euro²', 'getal', 'procent'."""
        if not self.powers:
            return "procent" if self.percent else "getal"
        upper = [_PLURAL[b] + _power(e) for b, e in self.powers if e > 0]
        lower = ["per " + _SINGULAR[b] + _power(-e) for b, e in self.powers if e < 0]
        return " ".join([" × ".join(upper), *lower]) if upper else " ".join(lower)

    def unit(self) -> Unit | None:
        """The figure unit this dimension is, when it is one (euro, fte, procent, getal);
        None for a compound unit like euro per fte."""
        if not self.powers:
            return Unit.PERCENT if self.percent else Unit.NUMBER
        if len(self.powers) == 1 and self.powers[0][1] == 1:
            return _BY_BASE[self.powers[0][0]]
        return None

    def __str__(self) -> str:
        return self.name()


def _power(exp: int) -> str:
    return "" if exp == 1 else str(exp).translate(_SUPERSCRIPT)


NUMBER = Dimension()
PERCENT = Dimension(percent=True)


def dimension(unit: Unit) -> Dimension | None:
    """The dimension of a figure's unit; None for a unit a formula does not compute with
    (tekst, ja/nee, datum, jaar)."""
    if unit is Unit.NUMBER:
        return NUMBER
    if unit is Unit.PERCENT:
        return PERCENT
    if unit.value in _ORDER:
        return Dimension(((unit.value, 1),))
    return None
