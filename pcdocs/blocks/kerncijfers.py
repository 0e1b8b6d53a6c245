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

from pathlib import Path

from pcdocs.blocks.values import QUALIFIERS
from pcdocs.datasets import Block, register
from pcdocs.figures import Figure, Unit
from pcdocs.fmt import decimals_of
from pcdocs.load import load_yaml
from pcdocs.schema import Reader, to_bool, to_decimal


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
    source = (r.source("waarde"),)
    raw = r.raw("waarde")
    qualifier = r.opt_choice("kwalificatie", {q: q for q in QUALIFIERS})
    extra = {"bron": r.text("bron")} if r.has("bron") else {}
    r.optional("bron")
    decimals = r.opt_integer("decimalen", minimum=0)
    if unit is Unit.TEXT:
        fig = Figure(r.text("waarde"), unit, source, label)
    elif unit is Unit.BOOL:
        fig = Figure(to_bool(raw, lambda m, h: r.error("waarde", m, hint=h)), unit, source, label)
    elif unit is Unit.DATE:
        date, month_only = r.partial_date("waarde")
        fig = Figure(date, unit, source, label, month_precision=month_only)
    else:
        number = to_decimal(raw, lambda m, h: r.error("waarde", m, hint=h, code="geen-getal"))
        whole = number == number.to_integral_value()
        if unit in (Unit.COUNT, Unit.YEAR) and not whole:
            raise r.error("waarde", f"'{raw}' moet een heel getal zijn",
                          code="geen-geheel-getal")
        value: int | object = int(number) if unit in (Unit.COUNT, Unit.YEAR, Unit.DAYS,
                                                      Unit.WEEKS) and whole else number
        fig = Figure(value, unit, source, label,  # type: ignore[arg-type]
                     decimals=decimals if decimals is not None else decimals_of(number))
    r.done()
    return Figure(fig.value, fig.unit, fig.sources, label, qualifier=qualifier,
                  decimals=fig.decimals, month_precision=fig.month_precision, extra=extra)


def figures(record: dict[str, Figure]) -> dict[str, Figure]:
    return record


BLOCK = register(Block(
    kind="kerncijfers",
    summary="Losse kerncijfers (ontwikkelingen, drempels, termijnen) met eenheid en bron",
    extensions=("yaml",),
    load=load,
    figures=figures,
))

