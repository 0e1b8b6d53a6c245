"""Afwijkingen: the explanations of the deviations in the begroting per taakveld
(`begroting.py`), reconciled against its mutations with a threshold.

`data/<org>/<year>/afwijkingen.yaml`:

```yaml
drempel: 25000                  # every deviation of at least this much must be explained
afwijkingen:
  - taakveld: 630
    onderwerp: Bedrijfskredieten zelfstandigen
    lasten: 40000               # the change: + is more lasten, or more baten
    baten: 14500                # also: reserve_lasten, reserve_baten (the reserve mutations)
    tekst: De lasten zijn verhoogd met {lasten} ({lasten_effect}) en de baten met {baten}.
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks import begroting, generated
from pcdocs.blocks.begroting import SIDES, Begroting, Row, bbv_code, money, shown
from pcdocs.blocks.spec import BlockSpec, Checking, MacroSpec
from pcdocs.errors import DataError, Finding, MacroError
from pcdocs.model import fmt
from pcdocs.model.figures import Figure, Kind, Source, Unit
from pcdocs.model.geld import RULE, Side, effect
from pcdocs.model.load import load_yaml
from pcdocs.model.schema import Reader
from pcdocs.render import html, textfields
from pcdocs.render.page import PageContext

AMOUNT_KEYS: dict[str, tuple[str, Side]] = {
    "lasten": ("taakveld", "lasten"),
    "baten": ("taakveld", "baten"),
    "reserve_lasten": ("reserve", "lasten"),
    "reserve_baten": ("reserve", "baten"),
}


@dataclass(frozen=True)
class Deviation:
    code: str
    amounts: dict[str, Decimal]  # key of AMOUNT_KEYS -> change, ordinary meaning
    subject: str | None
    text: str
    source: Source

    def amount(self, kind: str, side: Side) -> Decimal:
        key = next(k for k, v in AMOUNT_KEYS.items() if v == (kind, side))
        return self.amounts.get(key, Decimal(0))

    def touches(self, kind: str, side: Side) -> bool:
        key = next(k for k, v in AMOUNT_KEYS.items() if v == (kind, side))
        return key in self.amounts


@dataclass(frozen=True)
class Afwijkingen:
    threshold: Decimal
    items: tuple[Deviation, ...]
    file: str
    threshold_source: Source


def load(path: Path, rel: str) -> Afwijkingen:
    r = Reader(load_yaml(path, rel), rel)
    items = []
    for item in r.items("afwijkingen"):
        code = str(item.raw("taakveld")).strip()
        if bbv_code(code) is None:
            raise item.error("taakveld", f"'{code}' is geen BBV-taakveld", code="onbekend-taakveld")
        amounts = {k: item.decimal(k) for k in AMOUNT_KEYS if item.has(k)}
        if not amounts:
            raise item.error("lasten", "noem ten minste één bedrag: lasten, baten, "
                                       "reserve_lasten of reserve_baten",
                             code="ontbrekende-sleutel")
        text = item.text("tekst")
        allowed = {*amounts, *(f"{k}_effect" for k in amounts)}
        for name in re.findall(r"\{([^}]*)\}", text):
            if name not in allowed and "." not in name:
                raise item.error("tekst", f"onbekende invulplaats {{{name}}}",
                                 hint="mogelijk: " + ", ".join(f"{{{a}}}" for a in sorted(allowed))
                                 + " of een cijfer als {dataset.sleutel}",
                                 code="onbekende-invulplaats")
        items.append(Deviation(code, amounts, item.opt_text("onderwerp"), text,
                               Source(rel, item.line, item.path)))
        for key in AMOUNT_KEYS:
            item.optional(key)
        item.done()
    result = Afwijkingen(r.measure("drempel", Unit.EURO, Kind.MAGNITUDE), tuple(items), rel,
                         r.source("drempel"))
    r.done()
    return result


def reconcile(b: Begroting, a: Afwijkingen) -> list[tuple[Row, Side, Decimal, Decimal,
                                                           list[Deviation]]]:
    """(row, side, mutation, explained, explanations) for every mutation or explanation."""
    result = []
    for d in a.items:
        for key in d.amounts:
            kind = AMOUNT_KEYS[key][0]
            if b.find(kind, d.code) is None:
                raise DataError(f"toelichting bij {kind} {d.code}, maar dat staat niet in "
                                f"{b.file}", file=d.source.file, line=d.source.line,
                                key="taakveld", code="onbekend-taakveld",
                                hint="in de begroting: " + ", ".join(r.code for r in b.of(kind)))
    for row in b.rows:
        for side in SIDES:
            own = [d for d in a.items if d.touches(row.kind, side)
                   and (bbv_code(d.code) or d.code) == row.bbv]
            mutation = row.amounts["mutatie"][side]
            explained = sum((d.amount(row.kind, side) for d in own), Decimal(0))
            if mutation or own:
                result.append((row, side, mutation, explained, own))
    return result


def _checked(ctx: PageContext) -> tuple[Begroting, Afwijkingen,
                                        list[tuple[Row, Side, Decimal, Decimal,
                                                   list[Deviation]]]]:
    b: Begroting = ctx.record(begroting.SPEC)
    a: Afwijkingen = ctx.record(SPEC)
    rows = reconcile(b, a)
    for finding in unexplained(a, rows):
        ctx.warn(finding)
    return b, a, rows


def unexplained(a: Afwijkingen, rows: list[tuple[Row, Side, Decimal, Decimal,
                                                 list[Deviation]]]) -> list[Finding]:
    """A warning for each mutation whose explanations leave the threshold or more open."""
    findings = []
    for row, side, mutation, explained, _ in rows:
        rest = mutation - explained
        if abs(rest) >= a.threshold:
            findings.append(Finding(
                "warning", "niet-toegelicht", row.source.file, row.source.line,
                f"{row.kind} {row.code} {side}: {fmt.euro(abs(rest))} van de mutatie is niet "
                f"toegelicht (drempel {fmt.euro(a.threshold)})",
                hint=f"voeg een afwijking toe in {a.file}"))
    return findings


def validate(a: Afwijkingen, checking: Checking) -> list[Finding]:
    """The explanations reconciled with the begroting next to them (when there is one)."""
    b = checking.record(begroting.SPEC)
    if b is None:
        return []
    try:
        return unexplained(a, reconcile(b, a))
    except DataError as exc:
        return [exc.finding]


def macro_afwijkingen(ctx: PageContext, taakveld: str | None = None, niveau: int = 4) -> str:
    """The explanations per taakveld (or for one taakveld), as the source writes them
    (Markdown headings)."""
    b, a, _ = _checked(ctx)
    if not 2 <= int(niveau) <= 6:
        raise MacroError(f"niveau {niveau} kan niet", code="macro-argumenten",
                         hint="kies een kopniveau van 2 tot en met 6")
    rows = b.of("taakveld")
    if taakveld is not None:
        wanted = bbv_code(str(taakveld)) or str(taakveld)
        rows = [r for r in rows if r.bbv == wanted]
        if not rows:
            raise MacroError(f"taakveld '{taakveld}' staat niet in de begroting",
                             code="onbekend-taakveld", key=str(taakveld),
                             hint="taakvelden: " + ", ".join(r.code for r in b.of("taakveld")))
    out: list[str] = []
    for row in rows:
        own = [d for d in a.items if (bbv_code(d.code) or d.code) == row.bbv]
        if not own:
            continue
        out.append(f"{'#' * int(niveau)} {generated.literal(f'{row.code} {row.name}')}\n")
        for d in own:
            text = textfields.markdown_source(ctx, d.text, d.source)
            for key, value in d.amounts.items():
                side = AMOUNT_KEYS[key][1]
                amount = Figure(abs(value), Unit.EURO, (d.source,),
                                f"{d.subject or 'Afwijking'}: {key.replace('_', ' ')}",
                                decimals=0).html()
                word = Figure(effect(side, value), Unit.TEXT, (d.source,),
                              f"{side} {'hoger' if value > 0 else 'lager'}",
                              computed="uit kant en teken van het bedrag").html()
                text = text.replace(f"{{{key}_effect}}", str(word))
                text = text.replace(f"{{{key}}}", str(amount))
            lead = f"**{generated.inline(ctx, d.subject, d.source)}**: " if d.subject else ""
            out.append(lead + text + "\n")
    return "\n".join(out)


def macro_afwijkingen_tabel(ctx: PageContext) -> Markup:
    """Mutation against the explained deviations per taakveld and side; the remainder and
    whether it stays under the threshold."""
    b, a, rows = _checked(ctx)
    columns = [html.Column("Taakveld"), html.Column("Kant"),
               html.Column("Mutatie", numeric=True), html.Column("Toegelicht", numeric=True),
               html.Column("Niet toegelicht", numeric=True), html.Column("Drempel")]
    table_rows = []
    for row, side, mutation, explained, own in rows:
        rest = mutation - explained
        within = abs(rest) < a.threshold
        sources = (row.source, *(d.source for d in own))
        badge = html.badge("binnen drempel" if within else "boven drempel",
                           "behaald" if within else "niet-behaald")
        label = f"{row.code} {row.name}" + (" (reserve)" if row.kind == "reserve" else "")
        table_rows.append(html.Row(
            [html.text(label), html.text(side),
             money(b, mutation, side, (row.source,), f"Mutatie {side}"),
             money(b, explained, side, tuple(d.source for d in own) or (row.source,),
                    f"Toegelicht {side}", "som van de toelichtingen"),
             money(b, rest, side, sources, f"Niet toegelicht {side}", "mutatie − toegelicht"),
             badge],
            raw=[label, side, b.money.rounded(shown(b, mutation, side)),
                 b.money.rounded(shown(b, explained, side)),
                 b.money.rounded(shown(b, rest, side)),
                 "binnen drempel" if within else "boven drempel"]))
    notes = [Markup("Elke afwijking van {} of meer wordt toegelicht (drempel uit {}). {}"
                    ).format(fmt.euro(a.threshold), a.file, RULE)]
    return ctx.table(f"Aansluiting toelichtingen en mutaties ({b.money.label})", columns,
                     table_rows, cls="pc-aansluiting", notes=notes, name="aansluiting")

SPEC = BlockSpec(
    kind="afwijkingen",
    label="Afwijkingen",
    summary="Toelichting op de afwijkingen per taakveld, met drempel",
    extensions=("yaml",),
    load=load,
    figures=lambda a: {"drempel": Figure(a.threshold, Unit.EURO, (a.threshold_source,),
                                         "Drempel voor toelichting", decimals=0)},
    validate=validate,
    macros=(
        MacroSpec("afwijkingen", macro_afwijkingen,
                  "De toelichting op de afwijkingen, per taakveld.",
                  "{{ afwijkingen() }}"),
        MacroSpec("afwijkingen_tabel", macro_afwijkingen_tabel,
                  "Tabel: aansluiting van de toelichtingen op de mutaties, met de drempel.",
                  "{{ afwijkingen_tabel() }}"),
    ),
)
