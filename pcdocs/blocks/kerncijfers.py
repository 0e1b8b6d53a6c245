"""Kerncijfers: simple key figures, grouped as the author likes, each with its unit.

`data/<org>/<year>/kerncijfers.yaml` (a figure is a group with `waarde`):

```yaml
bijstand:
  heemstede:
    omschrijving: Ontwikkeling aantal bijstandsuitkeringen Heemstede, eind 2023 t.o.v. 2022
    waarde: -2
    eenheid: procent
    kwalificatie: ongeveer
vangnet:
  drempel: {waarde: 7.5, eenheid: procent, omschrijving: Tekort vanaf waar het vangnet geldt}
```
The page asks for `cijfer('kerncijfers.bijstand.heemstede')`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pcdocs.blocks.values import QUALIFIERS, value_figure
from pcdocs.datasets import Block, register
from pcdocs.figures import Figure, Unit
from pcdocs.load import load_yaml
from pcdocs.schema import Reader


def load(path: Path, rel: str) -> dict[str, Figure]:
    result: dict[str, Figure] = {}
    _walk(Reader(load_yaml(path, rel), rel), "", result)
    return result


def _walk(r: Reader, prefix: str, out: dict[str, Figure]) -> None:
    if "waarde" in r.data:
        out[prefix] = _leaf(r, prefix)
        return
    for key, value in r.entries():
        name = f"{prefix}.{key}" if prefix else str(key)
        if not isinstance(value, Reader):
            raise r.error(key, "een kerncijfer is een groep met ten minste 'waarde' en "
                               "'eenheid'",
                          hint=f"schrijf bijv. '{key}: {{waarde: {value}, eenheid: aantal}}'",
                          code="verkeerd-type")
        _walk(value, name, out)


def _leaf(r: Reader, name: str) -> Figure:
    unit = r.unit("eenheid", Unit.NUMBER)
    label = r.opt_text("omschrijving") or name
    fig = value_figure(r, "waarde", unit, label)
    qualifier = r.opt_choice("kwalificatie", {q: q for q in QUALIFIERS})
    extra = {"bron": r.text("bron")} if r.has("bron") else {}
    r.optional("bron")
    decimals = r.opt_integer("decimalen", minimum=0)
    r.done()
    return replace(fig, qualifier=qualifier, extra=extra,
                   decimals=decimals if decimals is not None else fig.decimals)


def figures(record: dict[str, Figure]) -> dict[str, Figure]:
    return record


BLOCK = register(Block(
    kind="kerncijfers",
    summary="Losse kerncijfers (ontwikkelingen, drempels, termijnen) met eenheid en bron",
    extensions=("yaml",),
    load=load,
    figures=figures,
))

