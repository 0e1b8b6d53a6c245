"""Overeenkomsten: the dienstverleningsovereenkomsten with their status.

`data/<org>/<year>/overeenkomsten.yaml`:

```yaml
overeenkomsten:
  - naam: Uitvoering Participatiewet Maastricht Heuvelland
    status: Voorlopig vastgesteld in PHO SOZA
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks.spec import BlockSpec, MacroSpec
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader
from pcdocs.render import html
from pcdocs.render.page import PageContext


@dataclass(frozen=True)
class Agreement:
    naam: str
    status: str
    source: Source


def load(path: Path, rel: str) -> list[Agreement]:
    r = Reader(load_yaml(path, rel), rel)
    items = []
    for item in r.items("overeenkomsten"):
        items.append(Agreement(item.text("naam"), item.text("status"),
                               Source(rel, item.line, item.path)))
        item.done()
    r.done()
    return items


def figures(items: list[Agreement]) -> dict[str, Figure]:
    return {"aantal": Figure(len(items), Unit.COUNT, tuple(a.source for a in items),
                             "Aantal overeenkomsten", computed="geteld")}


def macro_overeenkomsten(ctx: PageContext) -> Markup:
    """The dienstverleningsovereenkomsten with their status."""
    items: list[Agreement] = ctx.record(SPEC)
    entries = [Markup('<span data-source="{}"><strong>{}</strong><br>{}</span>').format(
        a.source.ref(), a.naam, a.status) for a in items]
    return html.bullet_list(entries, cls="pc-overeenkomsten")


SPEC = BlockSpec(
    kind="overeenkomsten",
    label="Overeenkomsten",
    summary="Dienstverleningsovereenkomsten met hun status",
    extensions=("yaml",),
    load=load,
    figures=figures,
    macros=(
        MacroSpec("overeenkomsten", macro_overeenkomsten,
                  "De dienstverleningsovereenkomsten met hun status.",
                  "{{ overeenkomsten() }}"),
    ),
)
