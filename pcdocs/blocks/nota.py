"""Nota: the cover sheet of a decision note for the college (B&W nota): numbers, dates,
routing, decision points, questions and openbaarmaking. Its decision must agree with the
document's front matter.

`data/<org>/<year>/nota.yaml`:

```yaml
soort: Nota voor burgemeester en wethouders
onderwerp: "Uitvoeringsplan programma 7: Inkomensvoorziening en arbeidsmarkt"
nummer: "2021-000112"
datum: 2021-01-19
team: DEV-BLD
programma: 07 Inkomensvoorziening en arbeidsmarkt
portefeuillehouders: [Weth. De Geest, Weth. Walder]
bestuursorgaan:
  - {orgaan: B & W, aangekruist: ja, datum: 2021-01-26}
  - {orgaan: Raad, aangekruist: nee}
college: [Burgemeester, Weth. Grijsen]
besluitenlijst:
  - {soort: Openbaar, aangekruist: ja, datum: 2021-01-26}
routing:
  - {functie: Programmamanager, datum: 2021-01-19}
  - {functie: gem.secr., datum: 2021-01-21, paraaf: ja}
bis: Openbaar
status: {tekst: Definitief, datum: 2021-01-27}
bijlagen: [Uitvoeringsplan Inkomensvoorziening en arbeidsmarkt 2021]
besluit:
  datum: 2021-01-26
  punten: [Het Uitvoeringsplan programma 7 vast te stellen;, De nota openbaar te maken.]
vragen:
  - {rubriek: Financiële aspecten, vraag: Financiële gevolgen voor de gemeente?, antwoord: Nee}
openbaarmaking:
  kop: Voorstel openbaarmaking conform Wet Openbaarheid Bestuur (Wob)
  keuze: De nota en het besluit openbaar te maken
  opties: [De nota en het besluit openbaar te maken, ...]
```
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks.spec import BlockSpec, Checking, MacroSpec
from pcdocs.errors import DataError, Finding
from pcdocs.model import fmt
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.load import load_yaml
from pcdocs.model.repository import Document
from pcdocs.model.schema import Reader
from pcdocs.render import html
from pcdocs.render.page import PageContext


@dataclass(frozen=True)
class Box:
    label: str
    ticked: bool
    date: dt.date | None
    paraaf: bool


@dataclass(frozen=True)
class Nota:
    kind: str
    subject: str
    number: str
    number_source: Source
    date: dt.date
    fields: tuple[tuple[str, str], ...]
    bodies: tuple[Box, ...]
    college: tuple[str, ...]
    decision_list: tuple[Box, ...]
    routing: tuple[Box, ...]
    status: tuple[str, dt.date | None]
    attachments: tuple[str, ...]
    decision_date: dt.date
    decision_source: Source
    points: tuple[str, ...]
    questions: tuple[tuple[str, str, str], ...]
    publication: tuple[str, str, tuple[str, ...]] | None
    file: str


def _boxes(r: Reader, key: str, label_key: str) -> tuple[Box, ...]:
    boxes = []
    for item in r.items(key, required=False):
        boxes.append(Box(item.text(label_key), item.boolean("aangekruist", default=True),
                         item.date("datum") if item.has("datum") else None,
                         item.boolean("paraaf", default=False)))
        item.optional("datum")
        item.done()
    return tuple(boxes)


def _texts(r: Reader, key: str) -> tuple[str, ...]:
    if not r.has(key):
        r.optional(key)
        return ()
    return tuple(t for t, _ in r.texts(key))


def load(path: Path, rel: str) -> Nota:
    r = Reader(load_yaml(path, rel), rel)
    fields = tuple((label, r.text(key)) for key, label in (
        ("team", "Team"), ("programma", "Programma"), ("bis", "BIS")) if r.has(key))
    for key in ("team", "programma", "bis"):
        r.optional(key)
    holders = _texts(r, "portefeuillehouders")
    if holders:
        fields += (("Portefeuillehouder", ", ".join(holders)),)
    s = r.map("status")
    status = (s.text("tekst"), s.date("datum") if s.has("datum") else None)
    s.optional("datum")
    s.done()
    b = r.map("besluit")
    decision = (b.date("datum"), b.source("datum"), tuple(t for t, _ in b.texts("punten")))
    b.done()
    questions = []
    for q in r.items("vragen", required=False):
        questions.append((q.text("rubriek"), q.text("vraag"), q.text("antwoord")))
        q.done()
    publication = None
    o = r.opt_map("openbaarmaking")
    if o is not None:
        options = tuple(t for t, _ in o.texts("opties"))
        choice = o.text("keuze")
        if choice not in options:
            raise o.error("keuze", "de keuze staat niet tussen de opties",
                          hint="schrijf de keuze precies zoals een van de opties",
                          code="onbekende-waarde")
        publication = (o.text("kop"), choice, options)
        o.done()
    nota = Nota(
        kind=r.text("soort"), subject=r.text("onderwerp"), number=r.text("nummer"),
        number_source=r.source("nummer"), date=r.date("datum"), fields=fields,
        bodies=_boxes(r, "bestuursorgaan", "orgaan"), college=_texts(r, "college"),
        decision_list=_boxes(r, "besluitenlijst", "soort"), routing=_boxes(r, "routing",
                                                                          "functie"),
        status=status, attachments=_texts(r, "bijlagen"), decision_date=decision[0],
        decision_source=decision[1], points=decision[2], questions=tuple(questions),
        publication=publication, file=rel)
    r.done()
    return nota


def figures(n: Nota) -> dict[str, Figure]:
    return {
        "nummer": Figure(n.number, Unit.TEXT, (n.number_source,), "Notanummer"),
        "besluitdatum": Figure(n.decision_date, Unit.DATE, (n.decision_source,),
                               "Datum van het besluit"),
    }


def decision_problems(n: Nota, document: Document) -> list[DataError]:
    """The front matter's decision and the nota must say the same."""
    decision = document.meta.decision
    if decision is None:
        return []
    problems = []
    if decision.nummer and decision.nummer != n.number:
        problems.append(DataError(
            f"notanummer {n.number} verschilt van het besluit in {document.file} "
            f"({decision.nummer})", file=n.file, line=n.number_source.line, key="nummer",
            code="besluit-verschilt",
            hint="het besluit in de front matter en de nota moeten overeenkomen"))
    if decision.datum != n.decision_date:
        problems.append(DataError(
            f"besluitdatum {fmt.short_date(n.decision_date)} verschilt van het besluit in "
            f"{document.file} ({fmt.short_date(decision.datum)})", file=n.file,
            line=n.decision_source.line, key="besluit.datum", code="besluit-verschilt",
            hint="het besluit in de front matter en de nota moeten overeenkomen"))
    return problems


def validate(n: Nota, checking: Checking) -> list[Finding]:
    """The decision of every document that reads this nota."""
    return [p.finding for document in checking.documents
            for p in decision_problems(n, document)]


def _check_decision(ctx: PageContext, n: Nota) -> None:
    for problem in (decision_problems(n, ctx.document) if ctx.document else [])[:1]:
        raise problem


def _date(value: dt.date | None) -> str:
    return fmt.short_date(value) if value else "--"


def _box(box: Box, with_date: bool = True) -> Markup:
    mark = "☑" if box.ticked else "☐"
    state = "aangekruist" if box.ticked else "niet aangekruist"
    date = Markup(' <span class="pc-nota__datum">{}</span>').format(_date(box.date)) \
        if with_date else Markup("")
    return Markup('<li><span class="pc-vink" role="img" aria-label="{}">{}</span> {}{}{}</li>'
                  ).format(state, mark, box.label, date,
                           Markup(" (paraaf)") if box.paraaf else "")


def _section(title: str, body: Markup) -> Markup:
    return Markup('<section class="pc-nota__vak">{}{}</section>').format(
        html.heading(1, title, "pc-nota__kop"), body)


def macro_nota(ctx: PageContext) -> Markup:
    """The decision note's cover sheet."""
    n: Nota = ctx.record(SPEC)
    _check_decision(ctx, n)
    number = Figure(n.number, Unit.TEXT, (n.number_source,), "Notanummer").html()
    facts = [("Notanummer", number), ("Datum", html.text(fmt.short_date(n.date))),
             *((k, html.text(v)) for k, v in n.fields)]
    dl = Markup("").join(Markup("<div><dt>{}</dt><dd>{}</dd></div>").format(k, v)
                         for k, v in facts)
    boxes = [_section("Bestuursorgaan", Markup('<ul class="pc-vinkjes">{}</ul>').format(
        Markup("").join(_box(b) for b in n.bodies)))]
    if n.decision_list:
        boxes.append(_section("Besluitenlijst", Markup('<ul class="pc-vinkjes">{}</ul>').format(
            Markup("").join(_box(b) for b in n.decision_list))))
    if n.routing:
        boxes.append(_section("Routing", Markup('<ul class="pc-vinkjes">{}</ul>').format(
            Markup("").join(_box(b) for b in n.routing))))
    if n.college:
        boxes.append(_section("College van B&W", html.bullet_list(list(n.college),
                                                                  cls="pc-nota__namen")))
    status = Markup("{} {}").format(n.status[0], _date(n.status[1]) if n.status[1] else "")
    decided = Figure(n.decision_date, Unit.DATE, (n.decision_source,), "Besluitdatum").html()
    points = Markup("").join(Markup("<li>{}</li>").format(p) for p in n.points)
    questions = Markup("").join(Markup("<tr><th scope=\"row\">{}</th><td>{}</td></tr>").format(
        q, a) for _, q, a in n.questions)
    publication = Markup("")
    if n.publication is not None:
        head, choice, options = n.publication
        publication = _section(head, Markup('<ul class="pc-vinkjes">{}</ul>').format(
            Markup("").join(_box(Box(o, o == choice, None, False), with_date=False)
                            for o in options)))
    attachments = html.bullet_list(list(n.attachments)) if n.attachments else Markup("–")
    return Markup(
        '<div class="pc-nota" data-source="{}"><p class="pc-nota__soort">{}</p>'
        '<p class="pc-nota__onderwerp"><strong>Onderwerp:</strong> {}</p>'
        '<dl class="pc-nota__feiten">{}<div><dt>Status</dt><dd>{}</dd></div></dl>'
        '<div class="pc-nota__vakken">{}</div>'
        '<section class="pc-nota__besluit">{}<ol>{}</ol></section>'
        '<table class="pc-nota__vragen"><caption class="pc-sr">Vragen bij de nota</caption>'
        "<tbody>{}</tbody></table>{}"
        "{}</div>"
    ).format(n.file, n.kind, n.subject, dl, status, Markup("").join(boxes),
             html.heading(1, Markup("B&amp;W d.d. {}: besloten wordt").format(decided),
                          "pc-nota__kop"), points, questions, publication,
             _section("Bijlagen", attachments))


SPEC = BlockSpec(
    kind="nota",
    label="Nota",
    summary="Voorblad van een besluitnota (B&W): nummers, routing, besluit, openbaarmaking",
    extensions=("yaml",),
    load=load,
    figures=figures,
    validate=validate,
    macros=(
        MacroSpec("nota", macro_nota,
                  "Het voorblad van een besluitnota (B&W): nummer, routing, besluit, "
                  "openbaarmaking.",
                  "{{ nota() }}"),
    ),
)
