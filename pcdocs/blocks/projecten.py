"""Projectkaarten: I&A opgaven as cards (why, governance, costs, resources, planning).

`data/<org>/<year>/projecten.yaml`:

```yaml
opgaven:
  - nummer: "19-27"
    naam: Aanbesteding applicatie Leerplicht, VSV en Leerlingenvervoer
    aanleiding: |              # Markdown
      De huidige applicatie bereikt een end of life fase. ...
    beoogde_effecten: [Verbetering werkbeleving medewerkers SZMH]
    beoogde_resultaten: [Applicatie aanbesteed en geïmplementeerd]
    opdrachtgever: SZMH – Huub Seyben
    kwaliteitsborger: CZ – Albert Royen        # optional
    kosten:
      incidenteel: {bedrag: PM, dekking: Dekking ten laste van reserve productiemiddelen SZ}
      structureel: {bedrag: nvt}                # PM, nvt or an amount in euro
    lijnorganisatie: [Diverse medewerkers SZMH]
    ssc: [Serviceline SZ]
    samenwerking: []
    planning: Q1 en Q2 aanbesteding en Q3 en Q4 implementatie.
```
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks.spec import BlockSpec, MacroSpec
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader, to_decimal
from pcdocs.render import html, textfields
from pcdocs.render.page import PageContext


@dataclass(frozen=True)
class Cost:
    amount: Decimal | str  # an amount, 'PM' or 'n.v.t.'
    cover: str | None
    source: Source


@dataclass(frozen=True)
class Card:
    nummer: str
    naam: str
    aanleiding: str
    effecten: tuple[str, ...]
    resultaten: tuple[str, ...]
    opdrachtgever: str
    kwaliteitsborger: str | None
    kosten: dict[str, Cost]
    lijnorganisatie: tuple[str, ...]
    ssc: tuple[str, ...]
    samenwerking: tuple[str, ...]
    planning: str
    source: Source


def _texts(r: Reader, key: str) -> tuple[str, ...]:
    if not r.has(key):
        r.optional(key)
        return ()
    return tuple(t for t, _ in r.texts(key))


def _cost(r: Reader, key: str) -> Cost:
    c = r.map(key)
    raw = c.raw("bedrag")
    text = str(raw).strip().lower()
    amount: Decimal | str
    if text == "pm":
        amount = "PM"
    elif text in ("nvt", "n.v.t."):
        amount = "n.v.t."
    else:
        amount = to_decimal(raw, lambda m, h: c.error("bedrag", m, hint=(h or "") +
                                                      ", of PM of nvt", code="geen-getal"))
    cost = Cost(amount, c.opt_text("dekking"), c.source("bedrag"))
    c.done()
    return cost


def load(path: Path, rel: str) -> list[Card]:
    r = Reader(load_yaml(path, rel), rel)
    cards: list[Card] = []
    for item in r.items("opgaven"):
        nummer = item.code("nummer")
        if any(c.nummer == nummer for c in cards):
            raise item.error("nummer", f"opgave {nummer} staat dubbel", code="dubbele-code")
        kosten = item.map("kosten")
        costs = {k: _cost(kosten, k) for k in ("incidenteel", "structureel")}
        kosten.done()
        cards.append(Card(
            nummer=nummer, naam=item.text("naam"), aanleiding=item.text("aanleiding"),
            effecten=_texts(item, "beoogde_effecten"),
            resultaten=_texts(item, "beoogde_resultaten"),
            opdrachtgever=item.text("opdrachtgever"),
            kwaliteitsborger=item.opt_text("kwaliteitsborger"), kosten=costs,
            lijnorganisatie=_texts(item, "lijnorganisatie"), ssc=_texts(item, "ssc"),
            samenwerking=_texts(item, "samenwerking"), planning=item.text("planning"),
            source=Source(rel, item.line, item.path)))
        item.done()
    r.done()
    return cards


def figures(cards: list[Card]) -> dict[str, Figure]:
    result = {"aantal": Figure(len(cards), Unit.COUNT, tuple(c.source for c in cards),
                               "Aantal opgaven", computed="geteld")}
    for card in cards:
        for kind, cost in card.kosten.items():
            if isinstance(cost.amount, Decimal):
                result[f"{card.nummer}.{kind}"] = Figure(cost.amount, Unit.EURO,
                                                         (cost.source,),
                                                         f"Kosten {kind} {card.nummer}")
    return result


def _list(ctx: PageContext, items: tuple[str, ...], source: Source) -> Markup:
    if not items:
        return Markup('<p class="pc-leeg-veld">–</p>')
    return html.bullet_list([textfields.inline(ctx, i, source) for i in items])


def _cost_html(ctx: PageContext, cost: Cost, label: str) -> Markup:
    if isinstance(cost.amount, Decimal):
        amount = Figure(cost.amount, Unit.EURO, (cost.source,), label).html()
    else:
        amount = Markup('<span data-source="{}">{}</span>').format(cost.source.ref(),
                                                                   cost.amount)
    cover = Markup(" <span>{}</span>").format(cost.cover) if cost.cover else Markup("")
    return Markup("{}{}").format(amount, cover)


def _field(title: str, body: Markup) -> Markup:
    return Markup('<div class="pc-kaart__veld">{}{}</div>').format(
        html.heading(3, title, "pc-kaart__veldkop"), body)


def card_html(ctx: PageContext, card: Card) -> Markup:
    s = card.source
    why = Markup("").join([
        _field("Aanleiding", textfields.block(ctx, card.aanleiding, s)),
        _field("Beoogde effecten", _list(ctx, card.effecten, s)),
        _field("Beoogde resultaten", _list(ctx, card.resultaten, s)),
    ])
    governance = [_field("Opdrachtgever (gedelegeerd)",
                         Markup("<p>{}</p>").format(card.opdrachtgever))]
    if card.kwaliteitsborger:
        governance.append(_field("Kwaliteitsborger",
                                 Markup("<p>{}</p>").format(card.kwaliteitsborger)))
    for kind, cost in card.kosten.items():
        governance.append(_field(f"Kosten {kind}", Markup("<p>{}</p>").format(
            _cost_html(ctx, cost, f"Kosten {kind} {card.nummer}"))))
    resources = Markup("").join([
        _field("Lijnorganisatie", _list(ctx, card.lijnorganisatie, s)),
        _field("SSC", _list(ctx, card.ssc, s)),
        _field("Samenwerking", _list(ctx, card.samenwerking, s)),
        _field("Planning", Markup("<p>{}</p>").format(textfields.inline(ctx, card.planning, s))),
    ])
    def part(title: str, body: Markup) -> Markup:
        return Markup('<section>{}<div class="pc-kaart__raster">{}</div></section>').format(
            html.heading(2, title, "pc-kaart__kop"), body)

    return Markup(
        '<article class="pc-kaart" id="opgave-{}" data-source="{}"><header><span '
        'class="pc-kaart__nr">Opgave {}</span>{}</header>{}{}{}</article>'
    ).format(card.nummer, s.ref(), card.nummer, html.heading(1, card.naam, "pc-kaart__titel"),
             part("Waarom deze opgave?", why), part("Governance", Markup("").join(governance)),
             part("Resources", resources))


def macro_projectkaarten(ctx: PageContext) -> Markup:
    """Every opgave as a card that reads on screen and prints whole on a page."""
    cards: list[Card] = ctx.record(SPEC)
    rows = [html.Row([c.nummer], raw=[c.nummer, c.naam, c.opdrachtgever,
                                      *(c.kosten[k].amount for k in ("incidenteel",
                                                                     "structureel")),
                                      c.planning]) for c in cards]
    link = ctx.asset("projectkaarten.csv", html.csv_bytes(
        [html.Column("Nummer"), html.Column("Naam"), html.Column("Opdrachtgever"),
         html.Column("Kosten incidenteel"), html.Column("Kosten structureel"),
         html.Column("Planning")], rows))
    body = Markup("").join(card_html(ctx, c) for c in cards)
    return Markup('<div class="pc-kaarten">{}<p class="pc-download"><a href="{}" download>'
                  "Overzicht van de opgaven (CSV)</a></p></div>").format(body, link)


SPEC = BlockSpec(
    kind="projecten",
    label="Projecten",
    summary="Projectkaarten (I&A-opgaven): aanleiding, effecten, governance, kosten, planning",
    extensions=("yaml",),
    load=load,
    figures=figures,
    macros=(
        MacroSpec("projectkaarten", macro_projectkaarten,
                  "De projectkaarten (I&A-opgaven).",
                  "{{ projectkaarten() }}"),
    ),
)
