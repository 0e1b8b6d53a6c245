"""Risicoprofiel: the kans classes and the netto-verwachte-omvang bands an organisation
places its risks in (`risicos.py` reads the register and computes the matrix from it).

The classes and bands are data per organisation, `data/<org>/risicoprofiel.yaml`:

```yaml
kans:
  - {klasse: 1, naam: Klein}
  - {klasse: 2, naam: Gemiddeld}
  - {klasse: 3, naam: Hoog}
omvang:                          # euro; 'tot' is exclusive
  - {klasse: 1, tot: 250000}
  - {klasse: 2, van: 250000, tot: 1000000}
  - {klasse: 5, van: 5000000}
```
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pcdocs.blocks.spec import BlockSpec
from pcdocs.model import fmt
from pcdocs.model.figures import Kind, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader


@dataclass(frozen=True)
class Band:
    klasse: int
    low: Decimal | None
    high: Decimal | None
    source: Source

    def label(self) -> str:
        def mln(v: Decimal) -> str:
            millions = v / Decimal(1_000_000)
            places = 2 if millions != millions.quantize(Decimal("0.1")) else 1
            return f"{fmt.euro(millions, places)} mln."

        if self.low is None and self.high is not None:
            return f"< {mln(self.high)}"
        if self.high is None and self.low is not None:
            return f"> {mln(self.low)}"
        assert self.low is not None and self.high is not None
        return f"{mln(self.low)} – {mln(self.high)}"

    def holds(self, amount: Decimal) -> bool:
        return (self.low is None or amount >= self.low) and (self.high is None
                                                             or amount < self.high)


@dataclass(frozen=True)
class Profile:
    kans: dict[int, tuple[str, Source]]
    omvang: dict[int, Band]
    file: str


def load(path: Path, rel: str) -> Profile:
    r = Reader(load_yaml(path, rel), rel)
    kans: dict[int, tuple[str, Source]] = {}
    for item in r.items("kans"):
        klasse = item.integer("klasse", minimum=1)
        if klasse in kans:
            raise item.error("klasse", f"kansklasse {klasse} staat dubbel", code="dubbele-code")
        kans[klasse] = (item.text("naam"), Source(rel, item.line, item.path))
        item.done()
    omvang: dict[int, Band] = {}
    for item in r.items("omvang"):
        klasse = item.integer("klasse", minimum=1)
        band = Band(klasse, item.opt_measure("van", Unit.EURO, Kind.MAGNITUDE),
                    item.opt_measure("tot", Unit.EURO, Kind.MAGNITUDE),
                    Source(rel, item.line, item.path))
        if band.low is None and band.high is None:
            raise item.error("van", "een klasse heeft 'van', 'tot' of beide",
                             code="ontbrekende-sleutel")
        if klasse in omvang:
            raise item.error("klasse", f"omvangklasse {klasse} staat dubbel",
                             code="dubbele-code")
        omvang[klasse] = band
        item.done()
    r.done()
    return Profile(kans, omvang, rel)


SPEC = BlockSpec(
    kind="risicoprofiel",
    label="Risicoprofiel",
    summary="Klassen voor kans en netto verwachte omvang van risico's (per organisatie)",
    extensions=("yaml",),
    load=load,
    compared=False,
)
