"""Lijsten: named lists of items (bestuurlijke producties, P&C-producten, ...).

`data/<org>/<year>/lijsten.yaml`:

```yaml
bestuurlijke_producties:
  omschrijving: Bestuurlijke producties 2023
  items:
    - Begroting 2024 Spaarne Werkt
    - Jaarrekening 2022 Spaarne Werkt
pc_producten:
  items:
    - de jaarrekening 2023
    - de begroting 2025
```
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks.spec import BlockSpec, MacroSpec
from pcdocs.errors import MacroError
from pcdocs.model import fmt
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader, suggest
from pcdocs.render import html
from pcdocs.render.page import PageContext


@dataclass(frozen=True)
class NamedList:
    name: str
    label: str
    items: tuple[tuple[str, Source], ...]
    source: Source


def load(path: Path, rel: str) -> dict[str, NamedList]:
    r = Reader(load_yaml(path, rel), rel)
    result = {}
    for key, value in r.entries():
        if not isinstance(value, Reader):
            raise r.error(key, "een lijst heeft 'items' (en eventueel 'omschrijving')",
                          code="verkeerd-type")
        items = value.texts("items")
        if not items:
            raise value.error("items", "de lijst is leeg", code="lege-lijst",
                              hint="zet onder 'items:' ten minste één regel die begint met '- '")
        label = value.opt_text("omschrijving") or str(key).replace("_", " ")
        value.done()
        result[str(key)] = NamedList(str(key), label, tuple(items), r.source(key))
    return result


def figures(lists: dict[str, NamedList]) -> dict[str, Figure]:
    return {
        f"{name}.aantal": Figure(len(lst.items), Unit.COUNT, (lst.source,),
                                 f"Aantal: {lst.label}",
                                 computed=f"geteld: {len(lst.items)} items")
        for name, lst in lists.items()
    }


def _get(ctx: PageContext, name: str) -> NamedList:
    lists: dict[str, NamedList] = ctx.record(SPEC)
    if name not in lists:
        guess = suggest(name, list(lists))
        raise MacroError(f"lijst '{name}' bestaat niet", code="onbekende-lijst", key=name,
                         hint=f"bedoelde u '{guess}'?" if guess else
                         "beschikbaar: " + ", ".join(lists))
    return lists[name]


def _item(text: str, source: Source) -> Markup:
    return Markup('<span data-source="{}">{}</span>').format(source.ref(), text)


def macro_lijst(ctx: PageContext, naam: str) -> Markup:
    lst = _get(ctx, naam)
    return html.bullet_list([_item(t, s) for t, s in lst.items], cls="pc-lijst")


def macro_opsomming(ctx: PageContext, naam: str) -> Markup:
    lst = _get(ctx, naam)
    return Markup(fmt.enumeration([str(_item(t, s)) for t, s in lst.items]))


def macro_aantal(ctx: PageContext, naam: str) -> Markup:
    return ctx.figure(f"lijsten.{naam}.aantal").html()


SPEC = BlockSpec(
    kind="lijsten",
    label="Lijsten",
    summary="Benoemde lijsten, zoals bestuurlijke producties en P&C-producten",
    extensions=("yaml",),
    load=load,
    figures=figures,
    macros=(
        MacroSpec("lijst", macro_lijst,
                  "Een benoemde lijst uit lijsten.yaml als opsommingslijst.",
                  "{{ lijst('bestuurlijke_producties') }}"),
        MacroSpec("opsomming", macro_opsomming,
                  "Een benoemde lijst als lopende tekst: 'a, b en c'.",
                  "{{ opsomming('pc_producten') }}"),
        MacroSpec("aantal", macro_aantal,
                  "Het aantal items in een benoemde lijst.",
                  "{{ aantal('bestuurlijke_producties') }}"),
    ),
)
