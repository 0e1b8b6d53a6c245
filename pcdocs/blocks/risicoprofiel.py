"""Risicoprofiel: the kans classes and the netto-verwachte-omvang bands an organisation
places its risks in (`risicos.py` reads the register and computes the matrix from it).

The classes and bands are data per organisation, `data/<org>/risicoprofiel.yaml` (or per
year, `data/<org>/<year>/risicoprofiel.yaml`):

```yaml
kans:
  - {klasse: 1, naam: Klein, kans: 10%}      # kans: optional, what the simulation uses
  - {klasse: 2, naam: Gemiddeld, kans: 30%}
  - {klasse: 3, naam: Hoog, kans: 50%}
omvang:                          # euro; 'tot' is exclusive
  - {klasse: 1, tot: 250000}
  - {klasse: 2, van: 250000, tot: 1000000}
  - {klasse: 5, van: 5000000, bovengrens: 10000000}   # bovengrens: only for the simulation
```

A kans class's `kans` is the probability the risk simulation of the paragraaf
weerstandsvermogen uses for a risk of that class (`weerstandsvermogen.py`); the
probabilities rise with the class. The open top band's `bovengrens` is the highest amount the
simulation draws for a risk in it (a band without `tot` has no end of its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from pcdocs.blocks.spec import BlockSpec
from pcdocs.errors import DataError
from pcdocs.model import fmt
from pcdocs.model.figures import Kind, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader
from pcdocs.model.values import PERCENT_SIGN, value_figure


@dataclass(frozen=True)
class Band:
    klasse: int
    low: Decimal | None
    high: Decimal | None
    source: Source
    cap: Decimal | None = None  # `bovengrens`: the simulation's end of an open top band

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
class Chance:
    """The probability of a kans class, in percent (`kans: 30%`), and its line."""

    percent: Decimal
    source: Source


@dataclass(frozen=True)
class Profile:
    kans: dict[int, tuple[str, Source]]
    omvang: dict[int, Band]
    file: str
    chances: dict[int, Chance] = field(default_factory=dict)  # kans class -> probability


def _chance(item: Reader, klasse: int) -> Chance | None:
    """The optional `kans` of a class: a percentage above 0 and at most 100 ('30%' or 30);
    a number below 1 without the sign is most likely a fraction."""
    if not item.has("kans"):
        item.optional("kans")
        return None
    fig = value_figure(item, "kans", Unit.PERCENT, f"Kans klasse {klasse}")
    value = fig.numeric()
    assert value is not None
    if value <= 0:
        raise item.error("kans", "een kansklasse heeft een kans boven 0%", code="buiten-bereik",
                         hint="schrijf de kans als percentage, bijv. 10%")
    if value < 1 and not fig.extra.get(PERCENT_SIGN):
        raise item.error("kans", f"{fmt.number(value)} is waarschijnlijk een fractie",
                         code="waarschijnlijk-fractie",
                         hint=f"bedoelt u {fmt.number(value * 100)}%, schrijf dan "
                              f"'{fmt.number(value * 100)}%'; is het echt "
                              f"{fmt.number(value)}%, schrijf dan '{fmt.number(value)}%'")
    return Chance(value, item.source("kans"))


def load(path: Path, rel: str) -> Profile:
    r = Reader(load_yaml(path, rel), rel)
    kans: dict[int, tuple[str, Source]] = {}
    chances: dict[int, Chance] = {}
    for item in r.items("kans"):
        klasse = item.integer("klasse", minimum=1)
        if klasse in kans:
            raise item.error("klasse", f"kansklasse {klasse} staat dubbel", code="dubbele-code")
        kans[klasse] = (item.text("naam"), Source(rel, item.line, item.path))
        chance = _chance(item, klasse)
        if chance is not None:
            chances[klasse] = chance
        item.done()
    _rising(chances)
    omvang: dict[int, Band] = {}
    for item in r.items("omvang"):
        klasse = item.integer("klasse", minimum=1)
        band = Band(klasse, item.opt_measure("van", Unit.EURO, Kind.MAGNITUDE),
                    item.opt_measure("tot", Unit.EURO, Kind.MAGNITUDE),
                    Source(rel, item.line, item.path),
                    item.opt_measure("bovengrens", Unit.EURO, Kind.MAGNITUDE))
        if band.low is None and band.high is None:
            raise item.error("van", "een klasse heeft 'van', 'tot' of beide",
                             code="ontbrekende-sleutel")
        if band.cap is not None and band.high is not None:
            raise item.error("bovengrens", "een bovengrens hoort alleen bij een klasse zonder "
                                           "'tot' (de hoogste, open klasse)",
                             code="ongeldige-waarde",
                             hint="laat 'bovengrens' weg: de simulatie gebruikt 'tot'")
        if band.cap is not None and band.low is not None and band.cap <= band.low:
            raise item.error("bovengrens", f"de bovengrens {fmt.euro(band.cap, 0)} ligt niet "
                                           f"boven 'van' ({fmt.euro(band.low, 0)})",
                             code="bandbreedte", hint="kies een bovengrens boven 'van'")
        if klasse in omvang:
            raise item.error("klasse", f"omvangklasse {klasse} staat dubbel",
                             code="dubbele-code")
        omvang[klasse] = band
        item.done()
    r.done()
    return Profile(kans, omvang, rel, chances)


def _rising(chances: dict[int, Chance]) -> None:
    """A higher kans class has a higher probability (a risk's class then follows from its
    percentage, `risicos.kans_class`)."""
    ordered = sorted(chances.items())
    for (low, a), (high, b) in pairwise(ordered):
        if b.percent <= a.percent:
            raise DataError(f"kansklasse {high} heeft een kans van {fmt.percent(b.percent)}, "
                            f"niet meer dan klasse {low} ({fmt.percent(a.percent)})",
                            file=b.source.file, line=b.source.line, key=b.source.key,
                            code="ongeldige-waarde",
                            hint="een hogere kansklasse heeft een hogere kans")


SPEC = BlockSpec(
    kind="risicoprofiel",
    label="Risicoprofiel",
    summary="Klassen voor kans en netto verwachte omvang van risico's (per organisatie)",
    extensions=("yaml",),
    load=load,
    compared=False,
)
