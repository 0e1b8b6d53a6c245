"""A fact: one figure of a document as a comparison sees it. Blocks state their facts
(`BlockSpec.facts`); `compare/` compares the facts of two versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pcdocs.model.figures import Figure


@dataclass(frozen=True)
class Fact:
    """One figure of a document, as the comparison sees it."""

    block: str  # dataset kind: indicatoren, formatie, risicos, ...
    key: str  # the figure's key within the dataset, e.g. "wmo-tijdig.norm.2024"
    category: str  # what changes to it mean: norm, status, risico, actie, indicator, cijfer
    label: str  # Dutch description, e.g. "Norm wmo-tijdig 2024"
    value: str  # canonical value (a decimal without exponent, or text)
    text: str  # as the document writes it: "38,09 fte"
    parent: str | None = None  # key of the fact this one belongs to (indicator, risk)
    weight: Decimal | None = None  # what the fact weighs in euro (a risk's expected loss):
    # orders the fact's addition, removal or re-rating among others, largest effect first

    @property
    def number(self) -> Decimal | None:
        try:
            return Decimal(self.value)
        except (InvalidOperation, ValueError):
            return None



def canonical(value: object) -> str:
    """A value as comparable text: decimals without exponent or trailing zeros."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def from_figure(block: str, key: str, fig: Figure, category: str,
                parent: str | None = None) -> Fact:
    try:
        text = fig.text()
    except ArithmeticError:  # too large for Dutch text (decimal's precision): by value
        text = canonical(fig.value)
    return Fact(block, key, category, fig.label or key, canonical(fig.value), text, parent)
