"""Every building block pcdocs knows, listed once. Adding a block: its module (with `SPEC`),
one line here, and one section in the author guide (`docs/handleiding/`)."""

from __future__ import annotations

from typing import Any

from pcdocs.blocks import (
    doelgroepen,
    financien,
    formatie,
    indicatoren,
    inhuur,
    kerncijfers,
    lijsten,
    nota,
    onderwerpen,
    organisatie,
    planning,
    projecten,
    regelingen,
    risico,
    speerpunten,
    taakvelden,
    verzuim,
    voortgang,
    wetten,
)
from pcdocs.blocks.spec import BlockSpec, MacroSpec

SPECS: tuple[BlockSpec[Any], ...] = (
    doelgroepen.SPEC,
    financien.SPEC,
    formatie.SPEC,
    indicatoren.SPEC,
    inhuur.SPEC,
    kerncijfers.SPEC,
    lijsten.SPEC,
    nota.SPEC,
    voortgang.SPEC,
    speerpunten.SPEC,
    onderwerpen.SPEC,
    organisatie.SPEC,
    planning.CALENDAR,
    planning.AGREEMENTS,
    projecten.SPEC,
    regelingen.SPEC,
    risico.PROFILE,
    risico.SPEC,
    taakvelden.BEGROTING,
    taakvelden.AFWIJKINGEN,
    verzuim.SPEC,
    wetten.SPEC,
)

BY_KIND: dict[str, BlockSpec[Any]] = {spec.kind: spec for spec in SPECS}
assert len(BY_KIND) == len(SPECS), "two specs read the same file kind"

MACROS: tuple[MacroSpec, ...] = tuple(m for spec in SPECS for m in spec.macros)
