"""Wetten: an overview of the national laws an organisation carries out.

`data/<org>/<year>/wetten.yaml`:

```yaml
wetten:
  - naam: Participatiewet
    omschrijving: De wet regelt financiële bijstand voor mensen die ...
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
from pcdocs.render import html, textfields
from pcdocs.render.page import PageContext


@dataclass(frozen=True)
class Law:
    name: str
    text: str
    source: Source


def load(path: Path, rel: str) -> list[Law]:
    r = Reader(load_yaml(path, rel), rel)
    laws = []
    for item in r.items("wetten"):
        laws.append(Law(item.text("naam"), item.text("omschrijving"),
                        Source(rel, item.line, item.path)))
        item.done()
    r.done()
    return laws


def macro_wetten(ctx: PageContext) -> Markup:
    """Each law with what it regulates (rows, so it reads on a phone)."""
    laws: list[Law] = ctx.record(SPEC)
    rows = [html.Row([html.text(law.name), textfields.inline(ctx, law.text, law.source)],
                     raw=[law.name, law.text]) for law in laws]
    return ctx.table("Landelijke wetten", [html.Column("Wet"), html.Column("Wat de wet regelt")],
                     rows, cls="pc-wetten", name="wetten")


SPEC = BlockSpec(
    kind="wetten",
    label="Wetten",
    summary="Overzicht van de landelijke wetten die de organisatie uitvoert",
    extensions=("yaml",),
    load=load,
    figures=lambda laws: {"aantal": Figure(len(laws), Unit.COUNT, tuple(x.source for x in laws),
                                           "Aantal wetten", computed="geteld")},
    macros=(
        MacroSpec("wetten", macro_wetten,
                  "Tabel: de landelijke wetten en wat ze regelen.",
                  "{{ wetten() }}"),
    ),
)
