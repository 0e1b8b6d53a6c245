"""Organisations, described in `data/<org>/organisatie.yaml`: name, gemeenten, house colour,
and the document kinds it declares besides pcdocs' own (`documentsoorten:`, see kinds.py)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from pcdocs.errors import DataError
from pcdocs.model import fmt
from pcdocs.model.figures import Source
from pcdocs.model.kinds import SECTION, DocumentKind, builtin_kinds, read_kinds
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader

ORG_FILE = "organisatie.yaml"
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def slugify(text: str) -> str:
    """'Valkenburg aan de Geul' -> 'valkenburg-aan-de-geul' (lower case, hyphens, ascii)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class Gemeente:
    slug: str
    naam: str
    source: Source


@dataclass(frozen=True)
class Organisation:
    slug: str
    naam: str
    korte_naam: str
    soort: str | None
    gemeenten: tuple[Gemeente, ...]
    huiskleur: str
    file: str
    # every kind its documents may be: pcdocs' own, with the organisation's laid over them
    kinds: tuple[DocumentKind, ...] = field(
        default_factory=lambda: tuple(builtin_kinds().values()))

    @property
    def kind_map(self) -> dict[str, DocumentKind]:
        """The organisation's document kinds by key (the file name), built-ins first."""
        return {k.key: k for k in self.kinds}

    def kind(self, key: str) -> DocumentKind | None:
        return next((k for k in self.kinds if k.key == key), None)

    @property
    def display_name(self) -> str:
        """'Intergemeentelijke Afdeling Sociale Zaken (IASZ)'; 'Gemeente Deventer'."""
        if self.korte_naam and self.korte_naam not in self.naam:
            return f"{self.naam} ({self.korte_naam})"
        return self.naam

    @property
    def is_gemeente(self) -> bool:
        """The organisation is the one municipality it serves (an afdeling of a gemeente)."""
        return len(self.gemeenten) == 1 and self.gemeenten[0].naam in self.naam

    def gemeenten_text(self) -> str:
        return fmt.enumeration([g.naam for g in self.gemeenten])

    def gemeente(self, slug: str) -> Gemeente | None:
        return next((g for g in self.gemeenten if g.slug == slug), None)

    def text_colour(self) -> str:
        """Black or white, whichever reads better on the house colour (WCAG contrast)."""
        lum = _luminance(self.huiskleur)
        on_white = (lum + 0.05) / 0.05
        on_black = 1.05 / (lum + 0.05)
        return "#000000" if on_white > on_black else "#ffffff"


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def load_organisation(path: Path, rel: str, slug: str) -> Organisation:
    r = Reader(load_yaml(path, rel), rel)
    gemeenten = []
    for item in r.items("gemeenten"):
        naam = item.text("naam")
        code = item.opt_text("slug") or slugify(naam)
        if code != slugify(code):
            raise item.error("slug", f"'{code}' is geen geldige code",
                             hint=f"gebruik kleine letters en streepjes, bijv. '{slugify(code)}'")
        item.done()
        gemeenten.append(Gemeente(code, naam, Source(rel, item.line, item.path)))
    if not gemeenten:
        raise r.error("gemeenten", "noem ten minste één gemeente", code="lege-lijst")
    seen: dict[str, Gemeente] = {}
    for g in gemeenten:
        if g.slug in seen:
            raise DataError(f"gemeente '{g.slug}' staat dubbel", file=rel, line=g.source.line,
                            code="dubbele-code", hint="noem elke gemeente één keer")
        seen[g.slug] = g
    if "huiskleur" in r.data and r.data["huiskleur"] is None:  # `huiskleur: #1d5e8c`
        raise r.error("huiskleur", "heeft geen waarde", code="lege-waarde",
                      hint='zet de kleur tussen aanhalingstekens, bijv. huiskleur: "#1d5e8c"; '
                           "zonder aanhalingstekens begint # een commentaar")
    colour = r.text("huiskleur")
    if not _COLOUR.match(colour):
        raise r.error("huiskleur", f"'{colour}' is geen kleur",
                      hint="schrijf een kleur als \"#1d5e8c\" (tussen aanhalingstekens)")
    section = r.opt_map(SECTION)
    kinds = builtin_kinds() if section is None else read_kinds(section, builtin_kinds(), rel)
    org = Organisation(
        slug=slug,
        naam=r.text("naam"),
        korte_naam=r.opt_text("korte_naam") or r.text("naam"),
        soort=r.opt_text("soort"),
        gemeenten=tuple(gemeenten),
        huiskleur=colour.lower(),
        file=rel,
        kinds=tuple(kinds.values()),
    )
    r.done()
    return org
