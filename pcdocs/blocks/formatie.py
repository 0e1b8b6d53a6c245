"""Formatie: total establishment in fte, open vacancies, headcount, internships.

`data/<org>/<year>/formatie.yaml`:

```yaml
peildatum: 2024-01-01
totaal_fte: 38.09
vacatures:
  - functie: medewerker uitkeringsadministratie
    aantal: 1
  - functie: beleidsondersteuner
    aantal: 1
    parttime: ja
medewerkers:          # headcount per category; the total is computed
  vrouwen: 32
  mannen: 10
stageplekken: 1
```
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs import fmt
from pcdocs.datasets import Block, register
from pcdocs.figures import Figure, Source, Unit
from pcdocs.load import load_yaml
from pcdocs.page import PageContext
from pcdocs.schema import Reader


@dataclass(frozen=True)
class Vacancy:
    functie: str
    aantal: int
    parttime: bool
    source: Source

    def text(self) -> str:
        noun = "vacature" if self.aantal == 1 else "vacatures"
        kind = "parttime " if self.parttime else ""
        return f"{fmt.number(self.aantal)} {kind}{noun} voor een {self.functie}"


@dataclass(frozen=True)
class Formatie:
    peildatum: dt.date
    totaal_fte: Decimal
    vacatures: tuple[Vacancy, ...]
    medewerkers: tuple[tuple[str, int, Source], ...]
    stageplekken: int | None
    file: str
    sources: dict[str, Source]

    @property
    def vacature_count(self) -> int:
        return sum(v.aantal for v in self.vacatures)

    @property
    def headcount(self) -> int:
        return sum(n for _, n, _ in self.medewerkers)


def load(path: Path, rel: str) -> Formatie:
    r = Reader(load_yaml(path, rel), rel)
    vacatures = []
    for item in r.items("vacatures", required=False):
        vacatures.append(Vacancy(item.text("functie"), item.integer("aantal", minimum=1),
                                 item.boolean("parttime", default=False),
                                 Source(rel, item.line, item.path)))
        item.done()
    medewerkers = []
    m = r.opt_map("medewerkers")
    if m is not None:
        for key in m.key_list():
            medewerkers.append((str(key), m.integer(key, minimum=0), m.source(key)))
        m.done()
    fte = r.decimal("totaal_fte")
    if fte <= 0:
        raise r.error("totaal_fte", "de formatie moet groter dan 0 fte zijn",
                      code="buiten-bereik")
    record = Formatie(
        peildatum=r.date("peildatum"),
        totaal_fte=fte,
        vacatures=tuple(vacatures),
        medewerkers=tuple(medewerkers),
        stageplekken=r.opt_integer("stageplekken", minimum=0),
        file=rel,
        sources={k: r.source(k) for k in ("peildatum", "totaal_fte", "stageplekken")},
    )
    r.done()
    return record


def figures(f: Formatie) -> dict[str, Figure]:
    src = f.sources
    result = {
        "fte": Figure(f.totaal_fte, Unit.FTE, (src["totaal_fte"],), "Totale formatie"),
        "peildatum": Figure(f.peildatum, Unit.DATE, (src["peildatum"],), "Peildatum formatie"),
    }
    if f.vacatures:
        result["vacatures"] = Figure(
            f.vacature_count, Unit.COUNT, tuple(v.source for v in f.vacatures),
            "Aantal openstaande vacatures",
            computed=" + ".join(str(v.aantal) for v in f.vacatures),
        )
    if f.medewerkers:
        result["medewerkers"] = Figure(
            f.headcount, Unit.COUNT, tuple(s for _, _, s in f.medewerkers),
            "Aantal medewerkers",
            computed=" + ".join(f"{n} {name}" for name, n, _ in f.medewerkers),
        )
        for name, n, source in f.medewerkers:
            result[f"medewerkers.{name}"] = Figure(n, Unit.COUNT, (source,),
                                                   f"Aantal medewerkers: {name}")
    if f.stageplekken is not None:
        result["stageplekken"] = Figure(f.stageplekken, Unit.COUNT, (src["stageplekken"],),
                                        "Stageplekken per jaar")
    return result


def macro_vacatures(ctx: PageContext) -> Markup:
    """The open vacancies as a Dutch sentence part: '1 vacature voor ..., ... en ...'."""
    record: Formatie = ctx.record("formatie")
    if not record.vacatures:
        return Markup("geen openstaande vacatures")
    parts = [
        Figure(v.text(), Unit.TEXT, (v.source,), "Vacature").html() for v in record.vacatures
    ]
    return Markup(fmt.enumeration([str(p) for p in parts]))


BLOCK = register(Block(
    kind="formatie",
    summary="Formatie in fte, openstaande vacatures, medewerkers en stageplekken",
    extensions=("yaml",),
    load=load,
    figures=figures,
))
