"""`diff(old, new)`: typed change records for figures and text, largest changes first.

Facts are matched by dataset and key. Years in keys are taken relative to each document's
own year, so the norm of the plan year in the 2024 plan (`x.norm.2024`) is compared with the
norm of the plan year in the 2025 plan (`x.norm.2025`). When a fact that others belong to
(their `parent`: an indicator, a risk) is added or dropped, that is one record, not one per
figure it carries. How a change is named and worded is its category's `Wording`, from the
spec of the block that files facts in it (`BlockSpec.wording`); a figure of no such
category is a plain figure (`cijfer`) or a computed one (`totaal`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from pcdocs.blocks.spec import Wording
from pcdocs.compare.model import Change, Comparison, Snapshot
from pcdocs.compare.text import diff_sections
from pcdocs.model import fmt
from pcdocs.model.facts import Fact

_YEAR = re.compile(r"(?<![\d])(19[5-9]\d|20\d\d|21\d\d)(?![\d])")

FIGURE = Wording("cijfer", changed="{label}: van {old} naar {new}{delta}.",
                 added="Nieuw cijfer: {label}, {text}.",
                 dropped="Cijfer vervallen: {label} (was {text}).")
"""A figure as the data gives it (and the sentence of any category that leaves one out)."""
COMPUTED = Wording("totaal", changed="Berekend: {label}, van {old} naar {new}{delta}.")
"""A figure pcdocs computes (a total, a difference, a share)."""
_OWN = {w.category: w for w in (FIGURE, COMPUTED)}


def wording(category: str) -> Wording:
    """How a change to a fact of `category` is named and worded."""
    from pcdocs.blocks.registry import WORDING

    return _OWN.get(category) or WORDING.get(category) or FIGURE


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
            continue  # part of a fact that was added or dropped as a whole
        change = _change(was, now)
        if change is not None:
            changes.append(change)
    return tuple(sorted(changes, key=_order))


def _order(change: Change) -> tuple[int, Decimal, str, str]:
    """Numeric changes by relative size (largest first); then the changes to weighed facts
    (risks added, dropped or re-rated) by their effect in euro, largest first; then the others
    by block and key."""
    if change.magnitude is not None:
        return 0, -change.magnitude, change.block, change.key
    if change.effect is not None:
        return 1, -change.effect, change.block, change.key
    return 2, Decimal(0), change.block, change.key


def _effect(was: Fact | None, now: Fact | None) -> Decimal | None:
    """How much a weighed fact's change weighs: its weight when added or dropped, the change
    of its weight when re-rated."""
    before = None if was is None else was.weight
    after = None if now is None else now.weight
    if before is None and after is None:
        return None
    return abs((after or Decimal(0)) - (before or Decimal(0)))


def _change(was: Fact | None, now: Fact | None) -> Change | None:
    if was is not None and now is not None:
        if was.value == now.value:
            return None
        return _changed(was, now)
    fact = now or was
    assert fact is not None
    added = was is None
    kind = f"{fact.category}-{'toegevoegd' if added else 'vervallen'}"
    own = wording(fact.category)
    template = (own.added or FIGURE.added) if added else (own.dropped or FIGURE.dropped)
    assert template is not None
    message = template.format(label=fact.label, text=fact.text)
    return Change(kind, fact.block, fact.key, was.text if was else None,
                  now.text if now else None, message,
                  was.value if was else None, now.value if now else None,
                  effect=_effect(was, now))


def _changed(was: Fact, now: Fact) -> Change:
    category = now.category
    own = wording(category)
    kind, template = own.kind or f"{category}-gewijzigd", own.changed
    if now.value in own.done:
        kind, template = f"{category}-afgerond", own.finished
    template = template or FIGURE.changed
    assert template is not None
    magnitude, delta = _size(was, now)
    message = template.format(label=now.label, old=was.text, new=now.text,
                              delta=f" ({delta})" if delta else "")
    return Change(kind, now.block, now.key, was.text, now.text, message, was.value,
                  now.value, magnitude, None if magnitude is not None else _effect(was, now))


def _size(was: Fact, now: Fact) -> tuple[Decimal | None, str]:
    """Relative size of a numeric change and its description ('+2,5; +7,1%')."""
    a, b = was.number, now.number
    if a is None or b is None or not wording(was.category).measured:
        return None, ""
    delta = b - a
    sign = "+" if delta > 0 else "−"
    places = max(fmt.decimals_of(a), fmt.decimals_of(b))
    text = f"{sign}{fmt.number(abs(delta), places)}"
    if a == 0:
        return Decimal("Infinity"), text
    relative = abs(delta) / abs(a)
    return relative, f"{text}; {sign}{fmt.number(relative * 100, 1)}%"
