"""`diff(old, new)`: typed change records for figures and text, largest changes first.

Facts are matched by dataset and key. Years in keys are taken relative to each document's
own year, so the norm of the plan year in the 2024 plan (`x.norm.2024`) is compared with the
norm of the plan year in the 2025 plan (`x.norm.2025`). When an indicator or a risk is added
or dropped, that is one record, not one per figure it carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from pcdocs.compare.model import Change, Comparison, Fact, Snapshot
from pcdocs.compare.text import diff_sections
from pcdocs.model import fmt

_YEAR = re.compile(r"(?<![\d])(19[5-9]\d|20\d\d|21\d\d)(?![\d])")
DONE = {"gereed", "afgerond"}


def relative_key(fact: Fact, year: int) -> tuple[str, str]:
    """(block, key) with every year written relative to the document's year."""
    key = _YEAR.sub(lambda m: f"<j{int(m.group(1)) - year:+d}>", fact.key)
    return fact.block, key


def diff(old: Snapshot, new: Snapshot) -> Comparison:
    changes = diff_facts(old.facts, new.facts, old.year, new.year)
    text = diff_sections(old.sections, new.sections, old.year, new.year)
    return Comparison(old, new, changes, text)


def diff_facts(old: Iterable[Fact], new: Iterable[Fact], old_year: int,
               new_year: int) -> tuple[Change, ...]:
    before = {relative_key(f, old_year): f for f in old}
    after = {relative_key(f, new_year): f for f in new}
    changes: list[Change] = []
    gone_parents = {(f.block, f.key) for key, f in before.items() if key not in after}
    new_parents = {(f.block, f.key) for key, f in after.items() if key not in before}
    for key in [*before, *(k for k in after if k not in before)]:
        was, now = before.get(key), after.get(key)
        fact = now or was
        assert fact is not None
        if fact.parent is not None and (
                (was is None and (fact.block, fact.parent) in new_parents)
                or (now is None and (fact.block, fact.parent) in gone_parents)):
            continue  # part of an indicator or risk that was added or dropped as a whole
        change = _change(was, now)
        if change is not None:
            changes.append(change)
    return tuple(sorted(changes, key=_order))


def _order(change: Change) -> tuple[int, Decimal, str, str]:
    """Numeric changes by size (largest first), then the others by block and key."""
    if change.magnitude is not None:
        return 0, -change.magnitude, change.block, change.key
    return 1, Decimal(0), change.block, change.key


def _change(was: Fact | None, now: Fact | None) -> Change | None:
    if was is not None and now is not None:
        if was.value == now.value:
            return None
        return _changed(was, now)
    fact = now or was
    assert fact is not None
    suffix = "toegevoegd" if was is None else "vervallen"
    kind = f"{fact.category}-{suffix}"
    message = _MESSAGES_PRESENCE.get(kind, _MESSAGES_PRESENCE[f"cijfer-{suffix}"]).format(
        label=fact.label, text=fact.text)
    return Change(kind, fact.block, fact.key, was.text if was else None,
                  now.text if now else None, message,
                  was.value if was else None, now.value if now else None)


def _changed(was: Fact, now: Fact) -> Change:
    category = now.category
    kind = _KINDS.get(category, f"{category}-gewijzigd")
    if category == "actie" and now.value in DONE:
        kind = "actie-afgerond"
    template = _MESSAGES_CHANGE.get(kind, _MESSAGES_CHANGE["cijfer-gewijzigd"])
    magnitude, delta = _size(was, now)
    message = template.format(label=now.label, old=was.text, new=now.text,
                              delta=f" ({delta})" if delta else "")
    return Change(kind, now.block, now.key, was.text, now.text, message, was.value,
                  now.value, magnitude)


def _size(was: Fact, now: Fact) -> tuple[Decimal | None, str]:
    """Relative size of a numeric change and its description ('+2,5; +7,1%')."""
    a, b = was.number, now.number
    if a is None or b is None or was.category in ("status", "actie", "risico", "indicator"):
        return None, ""
    delta = b - a
    sign = "+" if delta > 0 else "−"
    places = max(fmt.decimals_of(a), fmt.decimals_of(b))
    text = f"{sign}{fmt.number(abs(delta), places)}"
    if a == 0:
        return Decimal("Infinity"), text
    relative = abs(delta) / abs(a)
    return relative, f"{text}; {sign}{fmt.number(relative * 100, 1)}%"


_KINDS = {"status": "status-omgeslagen", "risico": "risico-verplaatst",
          "actie": "actie-status-gewijzigd", "indicator": "indicator-gewijzigd"}

_MESSAGES_CHANGE = {
    "norm-gewijzigd": "De norm is gewijzigd: {label}, van {old} naar {new}{delta}.",
    "status-omgeslagen": "De status is omgeslagen: {label}, van {old} naar {new}.",
    "realisatie-gewijzigd": "Andere realisatie: {label}, van {old} naar {new}{delta}.",
    "risico-verplaatst": "{label} staat in een andere cel van de risicomatrix: van {old} "
                         "naar {new}.",
    "actie-afgerond": "Actie afgerond: {label} (was: {old}).",
    "actie-status-gewijzigd": "De status van de actie is gewijzigd: {label}, van {old} "
                              "naar {new}.",
    "indicator-gewijzigd": "De omschrijving van {label} is gewijzigd: van “{old}” naar "
                           "“{new}”.",
    "mutatie-gewijzigd": "Formatiemutatie gewijzigd: {label}, van {old} naar {new}{delta}.",
    "formatie-gewijzigd": "Formatie gewijzigd: {label}, van {old} naar {new}{delta}.",
    "inhuur-gewijzigd": "{label}: van {old} naar {new}{delta}.",
    "begroting-gewijzigd": "Begroting gewijzigd: {label}, van {old} naar {new}{delta}.",
    "totaal-gewijzigd": "Berekend: {label}, van {old} naar {new}{delta}.",
    "cijfer-gewijzigd": "{label}: van {old} naar {new}{delta}.",
}

_MESSAGES_PRESENCE = {
    "indicator-toegevoegd": "Nieuwe indicator: {label}, “{text}”.",
    "indicator-vervallen": "Indicator vervallen: {label}, “{text}”.",
    "norm-toegevoegd": "Nieuwe norm: {label}, {text}.",
    "realisatie-toegevoegd": "Nieuwe realisatie: {label}, {text}.",
    "realisatie-vervallen": "Realisatie vervallen: {label} (was {text}).",
    "status-toegevoegd": "Nieuwe status: {label}, {text}.",
    "status-vervallen": "Status vervallen: {label} (was {text}).",
    "norm-vervallen": "Norm vervallen: {label} (was {text}).",
    "risico-toegevoegd": "Nieuw risico: {label}, in de matrix op {text}.",
    "risico-vervallen": "Risico vervallen: {label} (stond op {text}).",
    "actie-toegevoegd": "Nieuwe actie: {label} ({text}).",
    "actie-vervallen": "Actie vervallen: {label} (was: {text}).",
    "mutatie-toegevoegd": "Nieuwe formatiemutatie: {label}, {text}.",
    "mutatie-vervallen": "Formatiemutatie vervallen: {label} (was {text}).",
    "cijfer-toegevoegd": "Nieuw cijfer: {label}, {text}.",
    "cijfer-vervallen": "Cijfer vervallen: {label} (was {text}).",
}
