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
The page asks for `cijfer('kerncijfers.bijstand.heemstede')`. A value lies in the range of its
unit (figures.RANGES: a percentage 0-100, an aantal whole and 0 or more); a change may be
negative (from -100% up) when the omschrijving names one ('Ontwikkeling ...') or the figure
says `soort: verandering` (`soort: stand` makes it a state whatever the omschrijving says).
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from pcdocs.blocks.spec import BlockSpec
from pcdocs.model.figures import KINDS, Figure, Source, Unit, kind_of
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader, suggest
from pcdocs.model.values import QUALIFIERS, value_figure

_TERM = re.compile(r"\s*([+-]?)\s*([a-z0-9_]+(?:\.[a-z0-9_]+)+)\s*", re.I)


def load(path: Path, rel: str) -> dict[str, Figure]:
    result: dict[str, Figure] = {}
    formulas: list[tuple[str, Reader]] = []
    _walk(Reader(load_yaml(path, rel), rel), "", result, formulas)
    for name, r in formulas:
        _formula(name, r, result, {n for n, _ in formulas})
    return result


def _formula(name: str, r: Reader, out: dict[str, Figure], pending: set[str]) -> None:
    """`formule: a.b - a.c`: a sum or difference of other kerncijfers, same unit."""
    if name in out:
        return
    text = r.text("formule")
    terms: list[tuple[int, str]] = []
    position = 0
    while position < len(text):
        match = _TERM.match(text, position)
        if not match or (terms and not match.group(1)):
            raise r.error("formule", f"'{text}' is geen geldige formule",
                          hint="schrijf kerncijfers met + en -, bijv. 'a.totaal - a.deel'",
                          code="formule")
        terms.append((-1 if match.group(1) == "-" else 1, match.group(2)))
        position = match.end()
    unit = r.unit("eenheid", Unit.NUMBER)
    total = Decimal(0)
    sources: list[Source] = []
    for sign, key in terms:
        if key not in out and key in pending and key != name:
            raise r.error("formule", f"'{key}' is zelf een formule; reken met gegeven cijfers",
                          code="formule")
        fig = out.get(key)
        if fig is None or fig.numeric() is None:
            guess = suggest(key, list(out))
            raise r.error("formule", f"'{key}' is geen kerncijfer met een getal",
                          hint=f"bedoelde u '{guess}'?" if guess else None, code="formule")
        if fig.unit is not unit:
            raise r.error("formule", f"'{key}' heeft eenheid {fig.unit.value}, de formule "
                                     f"{unit.value}", code="formule")
        total += sign * (fig.numeric() or Decimal(0))
        sources += fig.sources
    label = r.opt_text("omschrijving") or name
    r.done()
    decimals = max((out[k].decimals or 0 for _, k in terms), default=0)
    value: Decimal | int = int(total) if unit in (Unit.COUNT, Unit.YEAR) else total
    out[name] = Figure(value, unit, tuple(sources), label, computed=text, decimals=decimals)


def _walk(r: Reader, prefix: str, out: dict[str, Figure],
          formulas: list[tuple[str, Reader]]) -> None:
    if "formule" in r.data:
        formulas.append((prefix, r))
        return
    if "waarde" in r.data:
        out[prefix] = _leaf(r, prefix)
        return
    for key, value in r.entries():
        name = f"{prefix}.{key}" if prefix else str(key)
        if not isinstance(value, Reader):
            raise r.error(key, "een kerncijfer is een groep met ten minste 'waarde' (of "
                               "'formule') en 'eenheid'",
                          hint=f"schrijf bijv. '{key}: {{waarde: {value}, eenheid: aantal}}'",
                          code="verkeerd-type")
        _walk(value, name, out, formulas)


def _leaf(r: Reader, name: str) -> Figure:
    unit = r.unit("eenheid", Unit.NUMBER)
    label = r.opt_text("omschrijving") or name
    kind = r.opt_choice("soort", KINDS) or kind_of(label)
    fig = value_figure(r, "waarde", unit, label, kind)
    qualifier = r.opt_choice("kwalificatie", {q: q for q in QUALIFIERS})
    extra = {"bron": r.text("bron")} if r.has("bron") else {}
    r.optional("bron")
    decimals = r.opt_integer("decimalen", minimum=0)
    r.done()
    return replace(fig, qualifier=qualifier, extra=extra,
                   decimals=decimals if decimals is not None else fig.decimals)


def figures(record: dict[str, Figure]) -> dict[str, Figure]:
    return record


SPEC = BlockSpec(
    kind="kerncijfers",
    label="Kerncijfers",
    summary="Losse kerncijfers (ontwikkelingen, drempels, termijnen) met eenheid en bron",
    extensions=("yaml",),
    load=load,
    figures=figures,
)

