"""Speerpunten with their concrete actions (actions may have sub-actions).

`data/<org>/<year>/speerpunten.yaml`:

```yaml
inleiding: De volgende speerpunten worden voor 2019 uitgelicht.    # optional
speerpunten:
  - titel: Transformatie
    acties:
      - actie: "Nieuwe samenwerkingsmodel is van kracht. Dit bestaat uit:"
        acties: [Centraal toegangsteam, Integrale gebiedsteams]
      - Omgekeerde toets en omgekeerd handhaven    # an action without sub-actions
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from pcdocs.blocks.actions import ACTIE
from pcdocs.blocks.spec import BlockSpec, Comparing, MacroSpec
from pcdocs.blocks.voortgang import STATUSES, badge
from pcdocs.errors import DataError
from pcdocs.model.facts import Fact
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import YList, load_yaml
from pcdocs.model.organisation import slugify
from pcdocs.model.schema import Reader
from pcdocs.render import html, textfields
from pcdocs.render.page import PageContext


@dataclass(frozen=True)
class Action:
    text: str
    sub: tuple[Action, ...]
    source: Source
    status: str | None = None


@dataclass(frozen=True)
class Speerpunt:
    titel: str
    acties: tuple[Action, ...]
    source: Source


@dataclass(frozen=True)
class Speerpunten:
    intro: str | None
    items: tuple[Speerpunt, ...]
    file: str


def actions(r: Reader, key: str, depth: int = 1) -> tuple[Action, ...]:
    """A list of actions: each a text, or {actie, status?, acties?} (two levels at most)."""
    return _actions(r, key, depth)


def _actions(r: Reader, key: str, depth: int) -> tuple[Action, ...]:
    value = r.seq(key)
    result = []
    for index, raw in enumerate(value):
        line = value.line_of(index) if isinstance(value, YList) else r.line
        path = f"{r.key_path(key)}[{index + 1}]"
        result.append(_action(raw, r.file, path, line, depth))
    return tuple(result)


def _action(raw: Any, file: str, path: str, line: int | None, depth: int) -> Action:
    if isinstance(raw, str) and raw.strip():
        return Action(raw.strip(), (), Source(file, line, path))
    if isinstance(raw, dict):
        a = Reader(raw, file, path, line)
        sub = _actions(a, "acties", depth + 1) if a.has("acties") else ()
        a.optional("acties")
        if sub and depth >= 2:
            raise a.error("acties", "acties kunnen twee niveaus diep, niet dieper",
                          code="te-diep")
        status = a.opt_choice("status", {s: s for s in STATUSES})
        action = Action(a.text("actie"), sub, Source(file, line, path), status)
        a.done()
        return action
    raise DataError(f"{path}: een actie is een tekst of heeft 'actie' (en eventueel 'acties')",
                    file=file, line=line, key=path, code="verkeerd-type")


def load(path: Path, rel: str) -> Speerpunten:
    r = Reader(load_yaml(path, rel), rel)
    items = []
    for item in r.items("speerpunten"):
        actions = _actions(item, "acties", 1) if item.has("acties") else ()
        item.optional("acties")
        items.append(Speerpunt(item.text("titel"), actions, Source(rel, item.line, item.path)))
        item.done()
    result = Speerpunten(r.opt_text("inleiding"), tuple(items), rel)
    r.done()
    return result


def figures(s: Speerpunten) -> dict[str, Figure]:
    srcs = tuple(p.source for p in s.items)
    count = sum(len(p.acties) for p in s.items)
    return {
        "aantal": Figure(len(s.items), Unit.COUNT, srcs, "Aantal speerpunten", computed="geteld"),
        "acties": Figure(count, Unit.COUNT, srcs, "Aantal acties", computed="geteld"),
    }


def _list(ctx: PageContext, actions: tuple[Action, ...]) -> Markup:
    items = []
    for a in actions:
        text = textfields.inline(ctx, a.text, a.source)
        if a.status:
            text = Markup("{} {}").format(text, badge(a.status))
        nested = _list(ctx, a.sub) if a.sub else Markup("")
        strong = Markup("<strong>{}</strong>").format(text) if a.sub else text
        items.append(Markup('<li data-source="{}">{}{}</li>').format(a.source.ref(), strong,
                                                                     nested))
    return Markup('<ul class="pc-acties">{}</ul>').format(Markup("").join(items))


def macro_speerpunten(ctx: PageContext) -> Markup:
    """Speerpunt | Concrete acties, one row per speerpunt."""
    s: Speerpunten = ctx.record(SPEC)
    intro = Markup("<p>{}</p>").format(s.intro) if s.intro else Markup("")
    if not any(p.acties for p in s.items):  # a plain list of speerpunten
        items = Markup("").join(Markup('<li data-source="{}">{}</li>').format(
            p.source.ref(), textfields.inline(ctx, p.titel, p.source)) for p in s.items)
        return intro + Markup('<ol class="pc-speerpuntenlijst">{}</ol>').format(items)
    rows = []
    for p in s.items:
        rows.append(html.Row(
            [textfields.inline(ctx, p.titel, p.source), _list(ctx, p.acties)],
            raw=[p.titel, " | ".join(a.text + (": " + "; ".join(x.text for x in a.sub)
                                               if a.sub else "") for a in p.acties)]))
    return intro + ctx.table("Speerpunten en concrete acties",
                             [html.Column("Speerpunt"), html.Column("Concrete acties")], rows,
                             cls="pc-speerpunten", name="speerpunten")


def _walk(items: tuple[Action, ...]) -> Iterator[Action]:
    for action in items:
        yield action
        yield from _walk(action.sub)


def facts(record: Speerpunten, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """Each speerpunt and each of its actions with its status."""
    found = []
    for point in record.items:
        parent = slugify(point.titel)[:60]
        found.append(Fact("speerpunten", parent, "actie", f"Speerpunt “{point.titel}”",
                          "opgenomen", "opgenomen"))
        for action in _walk(point.acties):
            status = action.status or "opgenomen"
            found.append(Fact("speerpunten", f"{parent}.{slugify(action.text)[:60]}",
                              "actie", f"{action.text} ({point.titel})", status, status,
                              parent))
    return found, set()


SPEC = BlockSpec(
    kind="speerpunten",
    label="Speerpunten en acties",
    summary="Speerpunten met concrete acties (en subacties)",
    extensions=("yaml",),
    load=load,
    figures=figures,
    facts=facts,
    wording=(ACTIE,),
    macros=(
        MacroSpec("speerpunten", macro_speerpunten,
                  "Tabel: speerpunten met hun concrete acties.",
                  "{{ speerpunten() }}"),
    ),
)
