"""P&C-kalender: the documents of the planning and control cycle, when each is adopted and
for whom.

`data/<org>/<year>/pc_kalender.yaml`:

```yaml
documenten:
  - document: jaarplan SZMH
    toelichting: Uitwerking van het beleid en de begrotingsafspraken ...   # Markdown
    uiterlijk_vastgesteld: december voorafgaand aan het begrotingsjaar
    voor_wie: portefeuillehouders, management en medewerkers
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
class CalendarItem:
    document: str
    toelichting: str
    uiterlijk: str
    voor_wie: str
    source: Source


def load(path: Path, rel: str) -> list[CalendarItem]:
    r = Reader(load_yaml(path, rel), rel)
    items = []
    for item in r.items("documenten"):
        items.append(CalendarItem(item.text("document"), item.text("toelichting"),
                                  item.text("uiterlijk_vastgesteld"), item.text("voor_wie"),
                                  Source(rel, item.line, item.path)))
        item.done()
    r.done()
    return items


def figures(items: list[CalendarItem]) -> dict[str, Figure]:
    return {"aantal": Figure(len(items), Unit.COUNT, tuple(i.source for i in items),
                             "Aantal P&C-documenten", computed="geteld")}


def macro_pc_kalender(ctx: PageContext) -> Markup:
    """Document, toelichting, uiterlijk vastgesteld, voor wie."""
    items: list[CalendarItem] = ctx.record(SPEC)
    rows = [html.Row([html.text(i.document), textfields.block(ctx, i.toelichting, i.source),
                      textfields.block(ctx, i.uiterlijk, i.source),
                      textfields.inline(ctx, i.voor_wie, i.source)],
                     raw=[i.document, i.toelichting, i.uiterlijk, i.voor_wie]) for i in items]
    return ctx.table("Documenten en proces van planning en control",
                     [html.Column("Document"), html.Column("Toelichting"),
                      html.Column("Uiterlijk vastgesteld"), html.Column("Voor wie bestemd?")],
                     rows, cls="pc-kalender", name="pc-kalender")


SPEC = BlockSpec(
    kind="pc_kalender",
    label="P&C-kalender",
    summary="Kalender van P&C-documenten: document, toelichting, uiterlijk vastgesteld, voor wie",
    extensions=("yaml",),
    load=load,
    figures=figures,
    macros=(
        MacroSpec("pc_kalender", macro_pc_kalender,
                  "Tabel: de documenten van de P&C-cyclus, wanneer vastgesteld en voor wie.",
                  "{{ pc_kalender() }}"),
    ),
)
