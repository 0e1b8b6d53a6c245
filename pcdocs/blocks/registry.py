"""Every building block pcdocs knows, listed once. Adding a block: its module (with `SPEC`),
one line here, and one section in the author guide (`docs/handleiding/`)."""

from __future__ import annotations

from typing import Any

from pcdocs.blocks import (
    afwijkingen,
    begroting,
    berekeningen,
    doelgroepen,
    financien,
    formatie,
    functies,
    indicatoren,
    inhuur,
    kerncijfers,
    lijsten,
    nota,
    onderwerpen,
    organisatie,
    organogram,
    overeenkomsten,
    pc_kalender,
    projecten,
    regelingen,
    risicoprofiel,
    risicos,
    speerpunten,
    tabellen,
    verdeelsleutels,
    verzuim,
    voortgang,
    weerstandsvermogen,
    wetten,
)
from pcdocs.blocks.spec import BlockSpec, MacroSpec, Wording

SPECS: tuple[BlockSpec[Any], ...] = (
    doelgroepen.SPEC,
    financien.SPEC,
    formatie.SPEC,
    functies.SPEC,
    organogram.SPEC,
    indicatoren.SPEC,
    inhuur.SPEC,
    kerncijfers.SPEC,
    berekeningen.SPEC,
    lijsten.SPEC,
    nota.SPEC,
    voortgang.SPEC,
    speerpunten.SPEC,
    onderwerpen.SPEC,
    organisatie.SPEC,
    pc_kalender.SPEC,
    overeenkomsten.SPEC,
    projecten.SPEC,
    regelingen.SPEC,
    risicoprofiel.SPEC,
    risicos.SPEC,
    weerstandsvermogen.SPEC,
    begroting.SPEC,
    afwijkingen.SPEC,
    verzuim.SPEC,
    verdeelsleutels.SPEC,
    wetten.SPEC,
    tabellen.SPEC,
)

BY_KIND: dict[str, BlockSpec[Any]] = {spec.kind: spec for spec in SPECS}
assert len(BY_KIND) == len(SPECS), "two specs read the same file kind"

MACROS: tuple[MacroSpec, ...] = tuple(m for spec in SPECS for m in spec.macros)


def _wording() -> dict[str, Wording]:
    """How a comparison words a change, by fact category, from every spec's `wording`;
    blocks that file facts in the same category share one `Wording`."""
    found: dict[str, Wording] = {}
    for spec in SPECS:
        for wording in spec.wording:
            assert found.setdefault(wording.category, wording) is wording, \
                f"{spec.kind} words the category {wording.category} as another block does not"
    return found


WORDING: dict[str, Wording] = _wording()
