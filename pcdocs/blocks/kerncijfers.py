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

A figure may instead be a `formule:` over the other kerncijfers of the file, in the formula
language of `pcdocs.model.formula` (+ - * /, parentheses, percentages, the functions):

```yaml
uitkeringen:
  totaal: {formule: uitkeringen.heemstede + uitkeringen.bloemendaal, eenheid: aantal}
```
Its `eenheid` (optional: else the unit the formula gives) must be the unit the formula
gives; `decimalen` is optional. A formula that names another year, or another file, or
gives a compound unit (euro per fte) belongs in berekeningen.yaml.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from pcdocs.blocks.berekeningen import display, resolved
from pcdocs.blocks.spec import BlockSpec
from pcdocs.model.figures import KINDS, Figure, Source, Unit, kind_of
from pcdocs.model.formula import (
    Computed,
    FormulaError,
    MappingResolver,
    Reference,
    evaluate_all,
    parse,
)
from pcdocs.model.load import load_yaml, number_problem
from pcdocs.model.schema import Reader, suggest
from pcdocs.model.units import dimension
from pcdocs.model.values import QUALIFIERS, value_figure


def load(path: Path, rel: str) -> dict[str, Figure]:
    result: dict[str, Figure] = {}
    formulas: list[tuple[str, Reader]] = []
    _walk(Reader(load_yaml(path, rel), rel), "", result, formulas)
    if formulas:
        _formulas(dict(formulas), result)
    return result


def _formulas(readers: dict[str, Reader], out: dict[str, Figure]) -> None:
    """Every `formule:` computed from the kerncijfers of the file (a formula may name
    another; a cycle is refused), each added to `out` as a figure whose sources are those
    of its inputs."""
    texts: dict[str, tuple[str, Source]] = {}
    for name, r in readers.items():
        text = r.text("formule")
        source = r.source("formule")
        try:
            formula = parse(text, source)
        except FormulaError as exc:
            if exc.finding.code != "formule-syntax":
                raise
            raise r.error("formule", f"'{text}' is geen geldige formule: {_detail(exc)}",
                          hint=exc.finding.hint, code="formule") from None
        for ref in formula.references:
            _known(r, ref, out, readers)
        texts[name] = (text, source)
    leaves = {name: resolved(fig, fig.sources[0]) for name, fig in out.items()
              if fig.numeric() is not None and fig.sources}
    results = evaluate_all(texts, MappingResolver(leaves))
    for name in readers:
        _figure(name, readers, results, out)


def _detail(exc: FormulaError) -> str:
    """What a syntax error says after its formula: 'teken 5: voor ... ontbreekt ...'."""
    message = exc.finding.message
    at = message.find(f", teken {exc.column}: ")
    return message[at + 2:] if at >= 0 else message


def _known(r: Reader, ref: Reference, out: dict[str, Figure],
           formulas: dict[str, Reader]) -> None:
    """A name in a formula is a kerncijfer of this file with a number (or its formula)."""
    if ref.year is not None:
        raise r.error("formule", f"'{ref}' noemt een ander jaar; een kerncijfer rekent met de "
                                 "kerncijfers van dit bestand",
                      hint="reken met cijfers van andere jaren in berekeningen.yaml",
                      code="formule")
    fig = out.get(ref.name)
    if ref.name not in formulas and (fig is None or fig.numeric() is None):
        guess = suggest(ref.name, [*out, *formulas])
        raise r.error("formule", f"'{ref.name}' is geen kerncijfer met een getal",
                      hint=f"bedoelde u '{guess}'?" if guess else None, code="formule")


def _figure(name: str, readers: dict[str, Reader], results: dict[str, Computed],
            out: dict[str, Figure]) -> Figure:
    if name in out:
        return out[name]
    r, computed = readers[name], results[name]
    inputs = [_figure(i.name, readers, results, out) if i.name in readers else out[i.name]
              for i in computed.inputs]
    unit = _unit(r, computed)
    label = r.opt_text("omschrijving") or name
    value, decimals = display(computed.value, unit, r.opt_integer("decimalen", minimum=0),
                              inputs)
    problem = number_problem(Decimal(value))
    if problem is not None:
        raise r.error("formule", f"de uitkomst {problem}", code="formule-te-groot",
                      hint="controleer de formule en de eenheden van de cijfers die ze noemt")
    r.done()
    sources = tuple(dict.fromkeys(s for fig in inputs for s in fig.sources))
    out[name] = Figure(value, unit, sources, label, computed=r.text("formule"),
                       decimals=decimals)
    return out[name]


def _unit(r: Reader, computed: Computed) -> Unit:
    """The stated `eenheid`, which must be the one the formula gives (else that one)."""
    if not r.has("eenheid"):
        r.optional("eenheid")
        unit = computed.unit.unit()
        if unit is None:
            raise r.error("formule", f"de formule geeft {computed.unit_name()}; een kerncijfer "
                                     "heeft één eenheid", code="formule",
                          hint="reken een samengestelde eenheid (zoals euro per fte) in "
                               "berekeningen.yaml")
        return unit
    unit = r.unit("eenheid")
    if dimension(unit) == computed.unit:
        return unit
    same = all(i.unit == computed.unit for i in computed.inputs)  # a sum or difference
    culprit = computed.inputs[0] if same and computed.inputs else None
    message = (f"'{culprit.name}' heeft eenheid {culprit.unit.name()}, de formule {unit.value}"
               if culprit is not None else
               f"de formule geeft {computed.unit_name()}, de eenheid is {unit.value}")
    raise r.error("formule", message, code="formule",
                  hint=f"de formule geeft {computed.unit_name()}: pas 'eenheid' of de formule "
                       "aan")


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

