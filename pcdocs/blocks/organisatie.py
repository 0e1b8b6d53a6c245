"""The organisation as a dataset, so texts can cite it: `{organisatie.gemeenten}` -> 6."""

from __future__ import annotations

from pathlib import Path

from pcdocs.blocks.spec import BlockSpec
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.organisation import ORG_FILE, Organisation, load_organisation


def load(path: Path, rel: str) -> Organisation:
    return load_organisation(path, rel, path.parent.name)


def figures(org: Organisation) -> dict[str, Figure]:
    src = (Source(org.file, 1, "organisatie"),)
    every = tuple(g.source for g in org.gemeenten)
    return {
        "naam": Figure(org.naam, Unit.TEXT, src, "Naam van de organisatie"),
        "korte_naam": Figure(org.korte_naam, Unit.TEXT, src, "Korte naam"),
        "gemeenten": Figure(len(org.gemeenten), Unit.COUNT, every, "Aantal gemeenten",
                            computed="geteld in " + ORG_FILE),
        "gemeenten.namen": Figure(org.gemeenten_text(), Unit.TEXT, every, "De gemeenten"),
    }


SPEC = BlockSpec(
    kind="organisatie",
    label="Organisatie",
    summary="De organisatie zelf: naam en gemeenten (uit organisatie.yaml)",
    extensions=("yaml",),
    load=load,
    figures=figures,
)
