"""The fictitious organisations of the scale corpus, and small helpers the generators share.

Every organisation has its own random stream, seeded from the corpus seed and its number, so
organisation 17 is the same in a corpus of 20 and of 342: a larger corpus extends a smaller
one. Names are clearly invented ("Oosterveen-fictief", "ISD Voorbeeld-Noord 017").
"""

from __future__ import annotations

import colorsys
import random
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml

T = TypeVar("T")

_PREFIXES = (
    "Ooster", "Wester", "Noorder", "Zuider", "Hoog", "Laag", "Nieuw", "Oud", "Groot", "Klein",
    "Berg", "Zand", "Veen", "Linde", "Eike", "Bever", "Rozen", "Water", "Wind", "Molen", "Kerk",
    "Brug", "Heide", "Vlas", "Hazel", "Els", "Wilg", "Kool", "Graan", "Stroom", "Duin", "Beuken",
    "Klaver", "Riet", "Mos", "Leeuw", "Hert", "Valk", "Zwanen", "Meeuw",
)
_SUFFIXES = (
    "veen", "dam", "dorp", "horst", "wijk", "hoven", "broek", "rade", "loo", "meer", "berg",
    "dal", "zijl", "kerke", "sloot", "waard", "ven", "stein", "burg", "hem", "beek", "hout",
    "haven", "rode", "lo", "weerd", "gein", "donk", "heuvel", "vliet",
)
_REGIONS = (
    "Noord", "Oost", "Zuid", "West", "Midden", "Noordoost", "Noordwest", "Zuidoost", "Zuidwest",
    "Kust", "Rivierenland", "Heuvelland", "Veenkoloniën", "Polder", "Kop", "Delta",
)
_KINDS = (
    ("Intergemeentelijke Sociale Dienst", "ISD", "gemeenschappelijke regeling"),
    ("Sociale Dienst", "SD", "gemeenschappelijke regeling"),
    ("Intergemeentelijke Afdeling Sociale Zaken", "IASZ", "intergemeentelijke afdeling"),
    ("Werkplein", "Werkplein", "uitvoeringsorganisatie sociaal domein"),
)
# how many gemeenten an organisation serves: 1 (a gemeente itself) to 4
_SIZES = ((1, 30), (2, 35), (3, 20), (4, 15))


@dataclass(frozen=True)
class Gemeente:
    naam: str
    slug: str


@dataclass(frozen=True)
class Org:
    number: int
    slug: str
    naam: str
    kort: str
    soort: str
    kleur: str
    gemeenten: tuple[Gemeente, ...]
    year: int  # the jaarplan's and uitvoeringsplan's year; the other two are a year earlier
    seed: str

    @property
    def is_gemeente(self) -> bool:
        return len(self.gemeenten) == 1

    @property
    def size(self) -> int:
        """A scale for amounts and fte: bigger organisations serve more gemeenten."""
        return len(self.gemeenten)

    def rng(self, part: str) -> random.Random:
        """A random stream of its own for each part, so changing one part leaves the rest."""
        return random.Random(f"{self.seed}/{part}")


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def make_orgs(count: int, seed: int) -> list[Org]:
    used: set[str] = set()
    return [_org(number, seed, used) for number in range(1, count + 1)]


def _gemeente(rng: random.Random, used: set[str]) -> Gemeente:
    for attempt in range(1000):
        naam = rng.choice(_PREFIXES) + rng.choice(_SUFFIXES)
        if attempt > 50:  # the combinations are running out: make it unique
            naam += rng.choice(("aan Zee", "aan de Vliet", "over Heide", "bij de Dam"))
        naam += "-fictief"
        if naam not in used:
            used.add(naam)
            return Gemeente(naam, slugify(naam))
    raise RuntimeError("geen unieke gemeentenaam meer te bedenken")


def _org(number: int, seed: int, used: set[str]) -> Org:
    key = f"pcdocs-corpus/{seed}/{number}"
    rng = random.Random(key)
    size = rng.choices([s for s, _ in _SIZES], weights=[w for _, w in _SIZES])[0]
    gemeenten = tuple(sorted((_gemeente(rng, used) for _ in range(size)), key=lambda g: g.slug))
    if size == 1:
        naam, kort, soort = f"Gemeente {gemeenten[0].naam}", gemeenten[0].naam, "gemeente"
    else:
        kind, abbr, soort = rng.choice(_KINDS)
        region = f"Voorbeeld-{rng.choice(_REGIONS)} {number:03d}"
        naam, kort = f"{kind} {region}", f"{abbr} {region}"
    hue, light, sat = rng.random(), rng.uniform(0.22, 0.36), rng.uniform(0.45, 0.8)
    red, green, blue = colorsys.hls_to_rgb(hue, light, sat)
    kleur = "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))
    return Org(number, slugify(kort), naam, kort, soort, kleur, gemeenten,
               rng.randint(2021, 2025), key)


# -- helpers for the generators ------------------------------------------------------------

def pick(rng: random.Random, pool: tuple[T, ...] | list[T], low: int, high: int) -> list[T]:
    """Between `low` and `high` different items of `pool`, in the pool's order."""
    count = min(len(pool), rng.randint(low, high))
    chosen = set(rng.sample(range(len(pool)), count))
    return [item for i, item in enumerate(pool) if i in chosen]


def cents(value: int) -> float:
    """An amount in hundredths as the float YAML writes exactly (34455 -> 344.55)."""
    return round(value / 100, 2)


def nl_decimal(hundredths: int) -> str:
    """Hundredths as a Dutch number: -175 -> '-1,75'."""
    sign = "-" if hundredths < 0 else ""
    whole, frac = divmod(abs(hundredths), 100)
    return f"{sign}{whole},{frac:02d}"


def nl_int(value: int) -> str:
    """A whole number with thousands dots: -10382000 -> '-10.382.000'."""
    return f"{value:,}".replace(",", ".")


def euro_cell(value: int) -> str:
    """A money cell as Dutch Excel exports it: '€ 99.539', '€ -' for zero."""
    return "€ -" if value == 0 else f"€ {nl_int(value)}"


def dump_yaml(data: Any, comment: str) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100,
                          default_flow_style=False)
    lines = "".join(f"# {line}\n" for line in comment.splitlines())
    return lines + body


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """Semicolon CSV as Dutch Excel writes it (no quoting needed: the generators write no ;)."""
    for row in rows:
        assert not any(";" in cell or "\n" in cell for cell in row), row
    return "".join(";".join(cells) + "\n" for cells in [header, *rows])
