"""Every figure a dataset holds, as `Fact`s a comparison can match by key.

Most facts come from the building block's own named figures (the ones authors use in
macros), so anything a document can show can be compared. Some blocks add facts that only
make sense as a whole: an indicator (added or dropped), a risk's cell in the kans x omvang
matrix, an action and its status.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from pcdocs.compare.model import Fact
from pcdocs.datasets import Block
from pcdocs.figures import Figure, Unit
from pcdocs.organisation import slugify

_INDICATOR_KEY = re.compile(r"^(?P<code>[^.]+)\.(?P<what>norm|status|realisatie|termijn)\b")


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
    except Exception:  # a figure that cannot be written is compared by value
        text = canonical(fig.value)
    return Fact(block, key, category, fig.label or key, canonical(fig.value), text, parent)


def _category(kind: str, key: str, fig: Figure) -> tuple[str, str | None]:
    """(category, parent) of a named figure of dataset `kind`."""
    if kind == "indicatoren":
        match = _INDICATOR_KEY.match(key)
        if match:
            what = match.group("what")
            return ("cijfer" if what == "termijn" else what), match.group("code")
        return "totaal", None
    if kind == "formatie":
        return ("mutatie" if key.startswith("mutatie.") else "formatie"), None
    if kind == "begroting":
        return "begroting", None
    if kind == "inhuur":
        return "inhuur", None
    return ("totaal" if fig.computed else "cijfer"), None


def facts_of(block: Block, record: Any, *, edition: str | None = None,
             profile: Any = None) -> list[Fact]:
    """All facts of one loaded dataset (`profile`: the organisation's risicoprofiel)."""
    kind = block.kind
    skip: set[str] = set()
    extra: list[Fact] = []
    special = _SPECIAL.get(kind)
    if special is not None:
        extra, skip = special(record, edition, profile)
    facts = []
    for key, fig in block.figures(record).items():
        if key in skip or any(key.startswith(f"{s}.") for s in skip):
            continue
        fact = from_figure(kind, key, fig, *_category(kind, key, fig))
        if fact.parent and fact.parent not in fact.label:
            fact = replace(fact, label=f"{fact.label} ({fact.parent})")
        facts.append(fact)
    return [*extra, *facts]


# -- blocks whose records say more than their figures ---------------------------------------

def _indicatoren(record: Any, edition: str | None, profile: Any) -> tuple[list[Fact], set[str]]:
    from pcdocs.blocks.indicatoren import for_edition

    facts, skip = [], set()
    for ind in record.indicators:
        if not for_edition(ind.gemeente, edition):
            skip.add(ind.code)
            continue
        facts.append(Fact("indicatoren", ind.code, "indicator", f"Indicator {ind.code}",
                          ind.description, ind.description))
    return facts, skip


def _risicos(record: Any, edition: str | None, profile: Any) -> tuple[list[Fact], set[str]]:
    facts = []
    for risk in record.risks:
        code = risk.code.lower()
        band = risk.omvang
        if band is None and profile is not None:
            band = next((b.klasse for b in profile.omvang.values() if b.holds(risk.bedrag)),
                        None)
        cell = f"kans {risk.kans} × omvang {band if band is not None else '?'}"
        facts.append(Fact("risicos", code, "risico", f"Risico {risk.code} ({risk.titel})",
                          cell, cell))
        if risk.bedrag is not None:
            skip_amount = f"{code}.bedrag"
            facts.append(from_figure("risicos", skip_amount, Figure(
                risk.bedrag, Unit.EURO, (risk.omvang_source,),
                f"Netto verwachte omvang {risk.code}", decimals=0), "cijfer", code))
    skip = {f"{r.code.lower()}.{part}" for r in record.risks
            for part in ("kans", "omvang", "bedrag")}
    return facts, skip


def _voortgang(record: Any, edition: str | None, profile: Any) -> tuple[list[Fact], set[str]]:
    facts = []
    for main in record.mains:
        facts.append(Fact("voortgang", main.code, "actie",
                          f"Hoofdactiviteit {main.code} {main.name}", "opgenomen", "opgenomen"))
        facts += [Fact("voortgang", f"{main.code}.{slugify(a.name)[:60]}", "actie",
                       f"{a.name} ({main.name})", a.status, a.status, main.code)
                  for a in main.activities]
    return facts, set()


def _speerpunten(record: Any, edition: str | None, profile: Any) -> tuple[list[Fact], set[str]]:
    facts = []
    for point in record.items:
        parent = slugify(point.titel)[:60]
        facts.append(Fact("speerpunten", parent, "actie", f"Speerpunt “{point.titel}”",
                          "opgenomen", "opgenomen"))
        for action in _walk(point.acties):
            status = action.status or "opgenomen"
            facts.append(Fact("speerpunten", f"{parent}.{slugify(action.text)[:60]}",
                              "actie", f"{action.text} ({point.titel})", status, status,
                              parent))
    return facts, set()


def _walk(actions: Iterable[Any]) -> Iterable[Any]:
    for action in actions:
        yield action
        yield from _walk(action.sub)


def _inhuur(record: Any, edition: str | None, profile: Any) -> tuple[list[Fact], set[str]]:
    facts = []
    for line in record.lines:
        for kind, amount in line.amounts.items():
            label = f"Externe inhuur {line.name}, {record.labels.get(kind, kind)}"
            value = canonical(amount)
            facts.append(Fact("inhuur", f"regel.{slugify(line.name)}.{kind}", "inhuur",
                              label, value, _euro(amount)))
    return facts, set()


def _euro(amount: Decimal) -> str:
    from pcdocs import fmt

    return fmt.euro(amount)


_SPECIAL: dict[str, Callable[[Any, str | None, Any], tuple[list[Fact], set[str]]]] = {
    "indicatoren": _indicatoren,
    "risicos": _risicos,
    "voortgang": _voortgang,
    "speerpunten": _speerpunten,
    "inhuur": _inhuur,
}
