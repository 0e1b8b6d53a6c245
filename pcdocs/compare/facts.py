"""Every figure a dataset holds, as `Fact`s a comparison can match by key.

Most facts come from the building block's own named figures (the ones authors use in
macros), so anything a document can show can be compared. Some blocks add facts that only
make sense as a whole (their spec's `facts`: an indicator added or dropped, a risk's cell in
the kans x omvang matrix, an action and its status) and file their figures in categories of
their own (their spec's `category`, worded by its `wording`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pcdocs.blocks.spec import BlockSpec, Comparing
from pcdocs.model.facts import Fact, from_figure
from pcdocs.model.figures import Figure


def _category(block: BlockSpec[Any], key: str, fig: Figure) -> tuple[str, str | None]:
    """(category, parent) of a named figure: the block's own rule, or a computed total
    versus a figure as the data gives it."""
    if block.category is not None:
        return block.category(key, fig)
    return ("totaal" if fig.computed else "cijfer"), None


def _none(spec: BlockSpec[Any]) -> object | None:
    return None


def facts_of(block: BlockSpec[Any], record: Any, *, edition: str | None = None,
             read: Callable[[BlockSpec[Any]], object | None] = _none) -> list[Fact]:
    """All facts of one loaded dataset (`read(spec)`: another file the page read, or None):
    those the block adds as a whole (`BlockSpec.facts`), then its named figures."""
    kind = block.kind
    skip: set[str] = set()
    extra: list[Fact] = []
    if block.facts is not None:
        extra, skip = block.facts(record, Comparing(edition, read))
    facts = []
    for key, fig in block.figures(record).items():
        if key in skip or any(key.startswith(f"{s}.") for s in skip):
            continue
        fact = from_figure(kind, key, fig, *_category(block, key, fig))
        if fact.parent and fact.parent not in fact.label:
            fact = replace(fact, label=f"{fact.label} ({fact.parent})")
        facts.append(fact)
    return [*extra, *facts]
