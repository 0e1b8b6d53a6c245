"""Doelgroepen: target groups, some defined by a band of work-fitness (1–30% werkfit ...).

`data/<org>/<year>/doelgroepen.yaml`:

```yaml
inleiding: Aan de poort onderscheiden wij met behulp van CompetenSYS de volgende doelgroepen.
doelgroepen:
  - {code: dao, naam: Duurzaam Arbeids- en trajectOngeschikt, afkorting: DAO}
  - code: werkfit-80-100
    naam: werkfit
    van: 80                     # a band: van..tot percent
    tot: 100
    omschrijving: kandidaten zijn ... direct bemiddelbaar naar de arbeidsmarkt
    verantwoordelijk: BB en MOBL matchen en plaatsen; ...
```
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks.spec import BlockSpec, MacroSpec
from pcdocs.errors import MacroError
from pcdocs.model import fmt
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader, suggest
from pcdocs.render import html, textfields
from pcdocs.render.page import PageContext


@dataclass(frozen=True)
class Group:
    code: str
    name: str
    abbreviation: str | None
    low: Decimal | None
    high: Decimal | None
    description: str | None
    responsible: str | None
    source: Source

    def band(self) -> str | None:
        if self.low is None or self.high is None:
            return None
        return f"{fmt.number(self.low)}–{fmt.percent(self.high)}"

    def label(self) -> str:
        band = self.band()
        text = f"{band} {self.name}" if band else self.name
        return f"{text} ({self.abbreviation})" if self.abbreviation else text


@dataclass(frozen=True)
class Doelgroepen:
    intro: str | None
    groups: tuple[Group, ...]
    file: str


def load(path: Path, rel: str) -> Doelgroepen:
    r = Reader(load_yaml(path, rel), rel)
    groups: list[Group] = []
    for item in r.items("doelgroepen"):
        group = Group(item.code("code"), item.text("naam"), item.opt_text("afkorting"),
                      item.opt_measure("van", Unit.PERCENT), item.opt_measure("tot", Unit.PERCENT),
                      item.opt_text("omschrijving"), item.opt_text("verantwoordelijk"),
                      Source(rel, item.line, item.path))
        if (group.low is None) != (group.high is None):
            raise item.error("van", "een band heeft 'van' en 'tot'", code="ontbrekende-sleutel")
        if group.low is not None and group.high is not None and group.low >= group.high:
            raise item.error("tot", "'tot' moet groter zijn dan 'van'", code="buiten-bereik")
        if any(g.code == group.code for g in groups):
            raise item.error("code", f"doelgroep '{group.code}' staat dubbel",
                             code="dubbele-code")
        groups.append(group)
        item.done()
    result = Doelgroepen(r.opt_text("inleiding"), tuple(groups), rel)
    r.done()
    return result


def figures(d: Doelgroepen) -> dict[str, Figure]:
    result = {"aantal": Figure(len(d.groups), Unit.COUNT, tuple(g.source for g in d.groups),
                               "Aantal doelgroepen", computed="geteld")}
    for g in d.groups:
        if g.low is not None and g.high is not None:
            result[f"{g.code}.van"] = Figure(g.low, Unit.PERCENT, (g.source,), f"{g.name} van")
            result[f"{g.code}.tot"] = Figure(g.high, Unit.PERCENT, (g.source,), f"{g.name} tot")
    return result


def macro_doelgroepen(ctx: PageContext) -> Markup:
    """The target groups with what defines them and who is responsible."""
    d: Doelgroepen = ctx.record(SPEC)
    items = []
    for g in d.groups:
        parts = [Markup("<strong>{}</strong>").format(g.label())]
        if g.description:
            parts.append(Markup(": {}").format(textfields.inline(ctx, g.description, g.source)))
        if g.responsible:
            parts.append(Markup('<br><span class="pc-klein">Verantwoordelijk: {}</span>').format(
                textfields.inline(ctx, g.responsible, g.source)))
        items.append(Markup('<span data-source="{}">{}</span>').format(
            g.source.ref(), Markup("").join(parts)))
    intro = Markup("<p>{}</p>").format(d.intro) if d.intro else Markup("")
    return intro + html.bullet_list(items, cls="pc-doelgroepen")


def macro_doelgroep(ctx: PageContext, code: str, alleen_band: bool = False) -> Markup:
    """One target group's name, e.g. '80–100% werkfit' (or only the band '80–100%')."""
    d: Doelgroepen = ctx.record(SPEC)
    group = next((g for g in d.groups if g.code == code), None)
    if group is None:
        guess = suggest(code, [g.code for g in d.groups])
        raise MacroError(f"doelgroep '{code}' bestaat niet", code="onbekende-code", key=code,
                         hint=f"bedoelde u '{guess}'?" if guess else None)
    text = group.band() if alleen_band else group.label()
    if text is None:
        raise MacroError(f"doelgroep '{code}' heeft geen band", code="geen-band",
                         hint="laat alleen_band weg, of geef de doelgroep 'van' en 'tot'")
    return Markup('<span class="pc-cijfer" data-source="{}" title="{}">{}</span>').format(
        group.source.ref(), f"Doelgroep {group.name}; bron: {group.source.describe()}", text)


SPEC = BlockSpec(
    kind="doelgroepen",
    label="Doelgroepen",
    summary="Doelgroepen, ook naar werkfitheid (band van procenten), met verantwoordelijke",
    extensions=("yaml",),
    load=load,
    figures=figures,
    macros=(
        MacroSpec("doelgroepen", macro_doelgroepen,
                  "De doelgroepen, ook naar werkfitheid.",
                  "{{ doelgroepen() }}"),
        MacroSpec("doelgroep", macro_doelgroep,
                  "De naam (of alleen de band) van één doelgroep.",
                  "{{ doelgroep('werkfit-80-100', alleen_band=True) }}"),
    ),
)
