"""Money in financial tables: display unit, rounding rule and sign convention, as data.

Amounts are stored in euros with their ordinary meaning: lasten positive is a cost, baten
positive is income. A table declares how its source writes them:

- `teken: lasten-negatief` (lasten shown negative, baten positive, saldo = baten - lasten),
- `teken: baten-negatief` (baten shown negative, lasten positive, saldo = lasten - baten),
- `teken: positief` (both shown positive),

and its unit: `eenheid: euro` (whole euros), `duizend` (x € 1.000) or `miljoen`. Rounding:
half away from zero, done once on the shown value; a total is computed from the unrounded
amounts and then rounded, so it may differ by one from the sum of its rounded lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from pcdocs.model import fmt

Side = Literal["lasten", "baten", "saldo"]
CONVENTIONS = ("lasten-negatief", "baten-negatief", "positief")
UNITS: dict[str, tuple[Decimal, str]] = {
    "euro": (Decimal(1), "bedragen in euro"),
    "duizend": (Decimal(1000), "bedragen x € 1.000"),
    "miljoen": (Decimal(1_000_000), "bedragen x € 1.000.000"),
}
RULE = ("Afgerond op hele eenheden (de helft naar boven); totalen zijn berekend uit de "
        "onafgeronde bedragen en kunnen daardoor één verschillen van de som van de afgeronde "
        "regels.")


@dataclass(frozen=True)
class Money:
    convention: str
    unit: str

    @property
    def factor(self) -> Decimal:
        return UNITS[self.unit][0]

    @property
    def label(self) -> str:
        return UNITS[self.unit][1]

    def shown(self, amount: Decimal, side: Side) -> Decimal:
        """The signed euro value as the source writes it (not yet rounded)."""
        if self.convention == "positief":
            return amount
        flip = (side == "lasten") if self.convention == "lasten-negatief" else (side != "lasten")
        return -amount if flip else amount

    def canonical(self, shown: Decimal, side: Side) -> Decimal:
        """Back from the source's sign to ordinary meaning (the operation is its own inverse)."""
        return self.shown(shown, side)

    def rounded(self, value: Decimal) -> Decimal:
        return (value / self.factor).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    def text(self, value: Decimal) -> str:
        """1.234 (in the table's unit), or – for zero."""
        number = self.rounded(value)
        return "–" if number == 0 else fmt.number(number, 0)


def effect(side: Side, change: Decimal) -> str:
    """'voordeel' or 'nadeel' for a change in lasten or baten (ordinary meaning)."""
    if side == "lasten":
        return "nadeel" if change > 0 else "voordeel"
    return "voordeel" if change > 0 else "nadeel"
