"""Regelingen per gemeente: which regelingen each gemeente has, and amounts that differ.

`data/<org>/<year>/regelingen.yaml`:

```yaml
titel: Regelingen Landgraaf en Brunssum
regelingen:
  - naam: Uitstroompremie
    omschrijving: ... De premie is {bedrag}.   # {bedrag}: the one amount of this regeling
    bedrag: 1500
  - naam: Bijdrage eigen risico zorgverzekering
    omschrijving: Er is onder voorwaarden een bijdrage voor het eigen risico beschikbaar.
    bedragen: {brunssum: 150, landgraaf: 90}   # an amount per gemeente
  - naam: Mantelzorgcompliment
    omschrijving: Het geven van een mantelzorgcompliment.
    gemeenten: [landgraaf]                     # only these gemeenten (default: all)
```
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks import organisatie
from pcdocs.blocks.spec import BlockSpec, Checking, MacroSpec
from pcdocs.errors import DataError, Finding, MacroError
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.organisation import Organisation, slugify
from pcdocs.model.schema import Reader, suggest
from pcdocs.render import html, textfields
from pcdocs.render.page import PageContext


@dataclass(frozen=True)
class Regeling:
    name: str
    text: str
    amount: Decimal | None
    amounts: dict[str, tuple[Decimal, Source]]
    only: tuple[str, ...]  # empty: every gemeente
    source: Source

    @property
    def slug(self) -> str:
        return slugify(self.name)

    def applies(self, gemeente: str) -> bool:
        return not self.only or gemeente in self.only


@dataclass(frozen=True)
class Regelingen:
    title: str
    items: tuple[Regeling, ...]
    file: str


def load(path: Path, rel: str) -> Regelingen:
    r = Reader(load_yaml(path, rel), rel)
    items: list[Regeling] = []
    for item in r.items("regelingen"):
        amounts: dict[str, tuple[Decimal, Source]] = {}
        b = item.opt_map("bedragen")
        if b is not None:
            for key in b.key_list():
                amounts[str(key)] = (b.decimal(key), b.source(key))
            b.done()
        only = tuple(t for t, _ in item.texts("gemeenten")) if item.has("gemeenten") else ()
        item.optional("gemeenten")
        reg = Regeling(item.text("naam"), item.text("omschrijving"), item.opt_decimal("bedrag"),
                       amounts, only, Source(rel, item.line, item.path))
        if "{bedrag}" in reg.text and reg.amount is None:
            raise item.error("omschrijving", "de tekst noemt {bedrag}, maar er is geen 'bedrag'",
                             code="ontbrekende-sleutel")
        if any(x.slug == reg.slug for x in items):
            raise item.error("naam", f"regeling '{reg.name}' staat dubbel", code="dubbele-code")
        items.append(reg)
        item.done()
    result = Regelingen(r.text("titel"), tuple(items), rel)
    r.done()
    return result


def gemeente_problems(reg: Regelingen, org: Organisation) -> list[DataError]:
    """Every gemeente the file names that is not one of the organisation's."""
    known = [g.slug for g in org.gemeenten]
    problems = []
    for item in reg.items:
        for slug in (*item.only, *item.amounts):
            if slug not in known:
                guess = suggest(slug, known)
                problems.append(DataError(
                    f"{item.name}: gemeente '{slug}' hoort niet bij {org.korte_naam}",
                    file=item.source.file, line=item.source.line, key="gemeente",
                    code="onbekende-gemeente",
                    hint=f"bedoelde u '{guess}'?" if guess else "gemeenten: " + ", ".join(known)))
    return problems


def check_gemeenten(reg: Regelingen, org: Organisation) -> None:
    for problem in gemeente_problems(reg, org)[:1]:
        raise problem


def validate(reg: Regelingen, checking: Checking) -> list[Finding]:
    return [p.finding for p in gemeente_problems(reg, checking.organisation)]


def figures(reg: Regelingen) -> dict[str, Figure]:
    result: dict[str, Figure] = {}
    for item in reg.items:
        if item.amount is not None:
            result[f"{item.slug}.bedrag"] = Figure(item.amount, Unit.EURO, (item.source,),
                                                   f"{item.name}: bedrag")
        for gemeente, (amount, source) in item.amounts.items():
            result[f"{item.slug}.{gemeente}"] = Figure(amount, Unit.EURO, (source,),
                                                       f"{item.name}: {gemeente}")
    return result


def _text(ctx: PageContext, item: Regeling) -> Markup:
    text = textfields.inline(ctx, item.text, item.source)
    if item.amount is not None:
        amount = Figure(item.amount, Unit.EURO, (item.source,), f"{item.name}: bedrag").html()
        text = Markup(str(text).replace("{bedrag}", str(amount)))
    return text


def macro_regelingen(ctx: PageContext, gemeente: str | None = None) -> Markup:
    """Regeling, what it is, and per gemeente whether it exists and for how much."""
    reg: Regelingen = ctx.record(SPEC)
    org: Organisation = ctx.record(organisatie.SPEC)
    check_gemeenten(reg, org)
    gemeenten = list(org.gemeenten)
    gemeente = gemeente if gemeente is not None else ctx.edition  # an edition: its own
    if gemeente is not None:
        found = org.gemeente(gemeente)
        if found is None:
            raise MacroError(f"gemeente '{gemeente}' hoort niet bij {org.korte_naam}",
                             code="onbekende-gemeente", key=str(gemeente),
                             hint="gemeenten: " + ", ".join(g.slug for g in org.gemeenten))
        gemeenten = [found]
    columns = [html.Column("Regeling"), html.Column("Omschrijving"),
               *(html.Column(g.naam) for g in gemeenten)]
    rows = []
    for item in reg.items:
        if gemeente is not None and not item.applies(gemeente):
            continue
        cells: list[html.Content] = []
        raw: list[object] = []
        for g in gemeenten:
            if not item.applies(g.slug):
                cells.append(Markup('<span class="pc-nee">–<span class="pc-sr"> niet in {}'
                                    "</span></span>").format(g.naam))
                raw.append("nee")
            elif g.slug in item.amounts:
                amount, source = item.amounts[g.slug]
                cells.append(Figure(amount, Unit.EURO, (source,), f"{item.name}: {g.naam}")
                             .html())
                raw.append(amount)
            else:
                cells.append(Markup('<span class="pc-ja">✓ ja</span>'))
                raw.append("ja")
        rows.append(html.Row([html.text(item.name), _text(ctx, item), *cells],
                             raw=[item.name, item.text, *raw]))
    title = reg.title if gemeente is None else f"{reg.title}: {gemeenten[0].naam}"
    return ctx.table(title, columns, rows, cls="pc-regelingen",
                     name="regelingen" + (f"-{gemeente}" if gemeente else ""))


SPEC = BlockSpec(
    kind="regelingen",
    label="Regelingen",
    summary="Regelingen per gemeente: welke er zijn en bedragen die per gemeente verschillen",
    extensions=("yaml",),
    load=load,
    figures=figures,
    validate=validate,
    macros=(
        MacroSpec("regelingen", macro_regelingen,
                  "Tabel: de regelingen met per gemeente of ze er zijn en voor welk bedrag.",
                  "{{ regelingen() }}"),
    ),
)
