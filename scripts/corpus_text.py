"""The Markdown of the four generated documents: front matter, example prose and the macros
the seeds use. Every figure in the text is a macro; the prose types none.
"""

from __future__ import annotations

import datetime as dt
import random
from string import Template
from typing import Any

import corpus_prose as prose
from corpus_jaarplan import Jaarplan
from corpus_model import Gemeente, Org, pick, slugify
from corpus_plannen import Plan

AANTAL = "aantal('bestuurlijke_producties')"
OPSOMMING = "opsomming('pc_producten')"


def m(expr: str) -> str:
    """A macro call as the author writes it: m("jaar") -> '{{ jaar }}'."""
    return "{{ " + expr + " }}"


def paragraphs(rng: random.Random, pool: tuple[str, ...], low: int, high: int) -> str:
    return "\n\n".join(pick(rng, pool, low, high))


def for_gemeente(org: Org, gemeente: Gemeente, body: str) -> str:
    """A passage for one gemeente (its own edition shows it as ordinary text); an organisation
    that is one gemeente writes it as ordinary text."""
    if org.is_gemeente:
        return body
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return f'!!! gemeente "{gemeente.naam}"\n\n{indented}'


def front(org: Org, fields: dict[str, Any]) -> str:
    lines = ["---", f"organisatie: {org.slug}"]
    for key, value in fields.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k}: {_scalar(v)}" for k, v in value.items()]
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join([*lines, "---", ""])


def _scalar(value: Any) -> str:
    if isinstance(value, dt.date | int):
        return str(value)
    return '"' + str(value).replace('"', "'") + '"'


def document(org: Org, head: dict[str, Any], sections: list[str]) -> str:
    body = "\n\n".join(s.strip("\n") for s in [prose.NOTE, *sections] if s.strip())
    return front(org, head) + "\n" + body + "\n"


# -- jaarplan ------------------------------------------------------------------------------

def jaarplan(org: Org, plan: Jaarplan) -> str:
    rng = org.rng("tekst-jaarplan")
    head = {"soort": "jaarplan", "periode": plan.year, "versie": "1.0",
            "status": "vastgesteld", "datum": dt.date(plan.year - 1, 12, rng.randint(1, 20)),
            "ondertitel": "Werk, inkomen en ondersteuning"}
    return document(org, head, [
        "## Voorwoord", paragraphs(rng, prose.VOORWOORD, 2, 3),
        f"### Terugblik op {m('vorig_jaar')}", paragraphs(rng, prose.TERUGBLIK, 2, 3),
        f"### Vooruitblik naar {m('jaar')}", paragraphs(rng, prose.VOORUITBLIK, 2, 3),
        f"*Directie {m('organisatie_kort')}*",
        f"## Speerpunten voor {m('jaar')}", paragraphs(rng, prose.SPEERPUNTEN_INTRO, 1, 2),
        m("speerpunten()"),
        "## Bedrijfsvoering", *_medewerkers(rng, plan), *_verzuim(rng, plan),
        "### Externe inhuur", paragraphs(rng, prose.INHUUR, 1, 1), m("inhuur_tabel()"),
        f"De inhuur voor {m('jaar')} wordt geraamd op {m(_c('inhuur.totaal'))}"
        f", tegen {m(_c('inhuur.vorig_plan'))} in het vorige plan. De nieuwe tarieven na de "
        f"aanbesteding maken de inhuur {m(_c('inhuur.tariefeffect', vorm='absoluut'))} "
        f"{m(_r('inhuur.tariefeffect', 'duurder', 'goedkoper', 'even duur'))}.",
        "## Informatievoorziening en automatisering", paragraphs(rng, prose.ICT, 1, 2),
        m("projectkaarten()"),
        "## Ontwikkelingen in de gemeenten", paragraphs(rng, prose.GEMEENTEN_INTRO, 1, 1),
        *_gemeenten(rng, org),
        "## Risicomanagement", paragraphs(rng, prose.RISICO, 1, 2), m("risicoregister()"),
        "### Matrix", m("risicomatrix()"), m("risico_grafiek()"),
        f"## Verantwoordingsplan {m('jaar')}", paragraphs(rng, prose.VERANTWOORDING, 1, 2),
        f"De cliëntenraad vergadert {m(_c('kerncijfers.clientenraad.vergaderingen'))} keer per "
        f"jaar. Alle normen voor {m('jaar')} op een rij, met de vergelijking die voor de status "
        "geldt:", m("indicatoren_tabel()"),
        *_verantwoording(org, plan),
        "## Dienstverleningsovereenkomsten", m("overeenkomsten()"),
        "## Planning en control", m("pc_kalender()")])


def _c(key: str, **options: str) -> str:
    extra = "".join(f", {k}='{v}'" for k, v in options.items())
    return f"cijfer('{key}'{extra})"


def _r(key: str, *words: str) -> str:
    return "richting(" + ", ".join(f"'{w}'" for w in (key, *words)) + ")"


def _medewerkers(rng: random.Random, plan: Jaarplan) -> list[str]:
    first, second = (d.isoformat() for d in plan.peildata)
    return [
        "### Medewerkers",
        f"Begin {m('jaar')} bedraagt de formatie van {m('organisatie_kort')} "
        f"{m(_c('formatie.fte'))}. Op dit moment is er sprake van {m('vacatures()')}. In totaal "
        f"werken er {m(_c('formatie.medewerkers'))} medewerkers, "
        f"{m(_c('formatie.medewerkers.vrouwen'))} vrouwen en "
        f"{m(_c('formatie.medewerkers.mannen'))} mannen. Het aantal stageplekken is "
        f"{m(_c('formatie.stageplekken'))}.",
        paragraphs(rng, prose.MEDEWERKERS, 1, 2),
        "### Formatie",
        f"De formatie per 1 september {m('vorig_jaar')} bedroeg "
        f"{m(_c('formatie.stand.' + first))}. Door het wegvallen van taken is "
        f"{m(_c(f'formatie.mutatie.{second}.wegvallen-taken-budgetten', vorm='absoluut'))} "
        f"minder nodig, door nieuwe taken "
        f"{m(_c(f'formatie.mutatie.{second}.nieuwe-taken-budgetten'))} meer. Per 1 januari "
        f"{m('jaar')} {m(_r(f'formatie.mutatie.{second}', 'stijgt', 'daalt', 'blijft gelijk'))} "
        f"de formatie daarmee naar {m(_c('formatie.fte'))}.",
        m("formatieanalyse()")]


def _verzuim(rng: random.Random, plan: Jaarplan) -> list[str]:
    before, last = plan.periods
    return [
        "### Verzuim",
        f"Het ziekteverzuim was in {m('vorig_jaar - 1')} "
        f"{m(_c(f'verzuim.{before}.percentage'))}, met een meldingsfrequentie van "
        f"{m(_c(f'verzuim.{before}.meldingsfrequentie'))}. In {m('vorig_jaar')} is "
        f"het verzuim {m(_r(f'verzuim.{last}.verandering.percentage', 'gestegen', 'gedaald'))} "
        f"naar {m(_c(f'verzuim.{last}.percentage'))}, waarvan "
        f"{m(_c(f'verzuim.{last}.langdurig'))} langdurig verzuim van "
        f"{m(_c('verzuim.langdurig_vanaf'))} of langer. We streven naar een verzuim rond de "
        f"norm van {m(_c('verzuim.norm.percentage'))} ({m(_c('verzuim.norm.bron'))}).",
        m("verzuim_tabel()"), m("verzuim_grafiek()"), paragraphs(rng, prose.VERZUIM, 1, 2)]


def _gemeenten(rng: random.Random, org: Org) -> list[str]:
    parts = []
    for g in org.gemeenten:
        key = "kerncijfers.bijstand." + g.slug.replace("-", "_")
        body = (f"### {g.naam}\n\nEind {m('vorig_jaar')} is het aantal bijstandsuitkeringen in "
                f"{g.naam} met {m(_c(key, vorm='absoluut'))} {m(_r(key))} ten opzichte van "
                f"{m('vorig_jaar - 1')}. "
                + Template(rng.choice(prose.GEMEENTE)).substitute(gemeente=g.naam))
        parts.append(for_gemeente(org, g, body))
    key = "kerncijfers.bijstand.prognose"
    parts.append(f"De verwachting is dat het aantal uitkeringen in {m('jaar')} zal "
                 f"{m(_r(key, 'toenemen', 'afnemen', 'gelijk blijven'))} met "
                 f"{m(_c(key, vorm='absoluut'))}.")
    return parts


def _verantwoording(org: Org, plan: Jaarplan) -> list[str]:
    lines = []
    for spec, per_gemeente in plan.indicators:
        call = f"realisatie('{spec.code}', vorig_jaar)"
        if spec.eenheid == "ja/nee":
            lines.append(f"- {m(call)}")
        elif not per_gemeente:
            lines.append("- " + _zin(spec.zin, spec.code, call))
    parts = [f"## Verantwoording {m('vorig_jaar')}",
             f"{m('organisatie_kort')} heeft in {m('vorig_jaar')} de volgende "
             f"{m(AANTAL)} "
             "bestuurlijke producties geleverd:", m("lijst('bestuurlijke_producties')"),
             f"Voor {m('jaar')} levert {m('organisatie_kort')} "
             f"{m(OPSOMMING)}.",
             m("indicatoren_samenvatting(vorig_jaar)"), "\n".join(lines)]
    for g in org.gemeenten:
        own = [_zin(spec.zin, spec.code,
                    f"realisatie('{spec.code}', vorig_jaar, gemeente='{g.slug}')")
               for spec, per_gemeente in plan.indicators if per_gemeente]
        if own:
            parts.append(for_gemeente(org, g, f"Resultaten in {g.naam}:\n\n"
                                      + "\n".join(f"- {line}" for line in own)))
    parts += [f"### Overzicht norm en realisatie {m('vorig_jaar')}",
              m("verantwoording_tabel(vorig_jaar)"), m("realisatie_grafiek(vorig_jaar)")]
    return parts


def _zin(template: str, code: str, call: str) -> str:
    return Template(template).substitute(waarde=m(call), termijn=m(f"termijn('{code}')"))


# -- meerjarenbeleidsplan ------------------------------------------------------------------------

def meerjarenplan(org: Org, plan: Plan) -> str:
    rng = org.rng("tekst-meerjarenplan")
    year = plan.year
    concept = bool(plan.facts["concept"])
    head: dict[str, Any] = {"soort": "meerjarenbeleidsplan", "periode": f"{year}-{year + 3}",
                            "versie": f"0.{rng.randint(2, 6)}" if concept else "1.0",
                            "status": "concept" if concept else "vastgesteld",
                            "datum": dt.date(year - 1, rng.randint(5, 11), rng.randint(1, 28))}
    if not concept:
        head["besluit"] = {"orgaan": "Gemeenteraad" if org.is_gemeente
                           else f"Algemeen bestuur {org.kort}", "datum": head["datum"]}
    head["titel"] = f"Meerjarenbeleidsplan {org.kort} {year}–{year + 3}"
    return document(org, head, [
        "## Inleiding", paragraphs(rng, prose.MJBP_INLEIDING, 2, 2),
        "## 1. Terugblik en gevolgen voor de toekomst",
        "### 1.1 Formatie",
        f"Bij de start van dit plan bedraagt de formatie "
        f"{m(_c('kerncijfers.formatie.fte_totaal'))}, waarvan "
        f"{m(_c('kerncijfers.formatie.fte_direct'))} direct in de uitvoering en "
        f"{m(_c('kerncijfers.formatie.fte_indirect'))} indirect personeel en overhead. Vacatures "
        "in indirecte functies vullen we alleen in als de formatiecalculatie daar ruimte voor "
        "geeft.",
        "### 1.2 Samenwerking met de werkbedrijven", paragraphs(rng, prose.MJBP_SAMENWERKING, 2, 2),
        *_pilot(org),
        "### 1.3 Landelijke ontwikkelingen", paragraphs(rng, prose.MJBP_LANDELIJK, 3, 3),
        "## 2. Onze taken", "### 2.1 Inkomen",
        "De primaire taak is dat alle inwoners van {{ gemeenten }} een inkomen hebben. Aan de "
        "poort stellen we naast de rechtmatigheid ook een diagnose: hoe werkfit is iemand, is er "
        "sprake van laaggeletterdheid of van schulden?", m("doelgroepen()"),
        "#### Landelijke wetten", m("wetten()"), "#### Regelingen", m("regelingen()"),
        *_regelingen(org, plan),
        "### 2.2 Werk en mensontwikkeling", paragraphs(rng, prose.MJBP_SAMENWERKING, 1, 1),
        *_bands(),
        *(part for number, (title, pool) in enumerate(prose.MJBP_TAKEN, start=3)
          for part in (f"### 2.{number} {title}", paragraphs(rng, pool, 2, 3))),
        "### 2.6 Dienstverlening aan inwoners", paragraphs(rng, prose.MJBP_DIENSTVERLENING, 3, 3),
        "## 3. Ontwikkelingen",
        "### 3.1 Sociaal domein", paragraphs(rng, prose.MJBP_ONTWIKKELINGEN, 2, 3),
        "### 3.2 Landelijke wet- en regelgeving", paragraphs(rng, prose.MJBP_LANDELIJK, 2, 3),
        "### 3.3 Financiële uitgangspunten", paragraphs(rng, prose.MJBP_FINANCIEN, 2, 3),
        "## 4. Speerpunten", m("speerpunten()")])


def _pilot(org: Org) -> list[str]:
    coaches = [(g, "kerncijfers.pilot.werkcoaches_" + g.slug.replace("-", "_"))
               for g in org.gemeenten]
    if org.is_gemeente:
        return [f"In een pilot worden {m(_c(coaches[0][1]))} werkcoaches aangestuurd door het "
                "werkbedrijf."]
    return [f"In een pilot worden {m(_c('kerncijfers.pilot.werkcoaches_totaal'))} werkcoaches "
            "aangestuurd door de werkbedrijven.",
            *(for_gemeente(org, g, f"Voor cliënten uit {g.naam} gaat het om {m(_c(key))} "
                                   "werkcoaches.") for g, key in coaches)]


def _regelingen(org: Org, plan: Plan) -> list[str]:
    parts = []
    for item in plan.facts["regelingen"]:
        slug = slugify(str(item["naam"]))
        if "bedrag" in item:
            parts.append(f"{item['naam']}: {m(_c(f'regelingen.{slug}.bedrag'))}.")
        for g in org.gemeenten:
            if g.slug in item.get("bedragen", {}):
                parts.append(for_gemeente(org, g, f"{item['naam']} in {g.naam}: "
                                                  f"{m(_c(f'regelingen.{slug}.{g.slug}'))}."))
    return parts


def _bands() -> list[str]:
    parts = []
    for code, text in zip(("werkfit-laag", "werkfit-midden", "werkfit-hoog"), prose.MJBP_BAND,
                          strict=True):
        call = "doelgroep('" + code + "', alleen_band=True)"
        parts += [f"#### {m(call)} arbeidsfit", text]
    return parts


# -- uitvoeringsplan -----------------------------------------------------------------------------

def uitvoeringsplan(org: Org, plan: Plan) -> str:
    rng = org.rng("tekst-uitvoeringsplan")
    head = {"soort": "uitvoeringsplan", "periode": plan.year, "versie": "1.0",
            "status": "vastgesteld", "datum": plan.facts["datum"],
            "titel": f"Uitvoeringsplan {plan.year} Werk en inkomen",
            "besluit": plan.facts["besluit"]}
    centrum = "" if org.is_gemeente else (
        f"{m('organisatie_kort')} werkt voor {m('gemeenten')}. Het uitvoeringsplan wordt "
        f"vastgesteld door het college van de centrumgemeente {org.gemeenten[0].naam}.")
    return document(org, head, [
        "## Nota voor burgemeester en wethouders", centrum, m("nota()"), "### Toelichting",
        "#### Inleiding", paragraphs(rng, prose.UP_TOELICHTING, 2, 3),
        "#### Kader", "\n".join(f"- {k}" for k in pick(rng, prose.UP_KADERS, 4, 7)),
        "#### Financiële consequenties",
        "Dit plan past binnen de financiële kaders van het programma; zie hoofdstuk 4.",
        "## 1. Inleiding", paragraphs(rng, prose.UP_INLEIDING, 2, 3),
        "## 2. Kaders", "### Opgave programmabegroting",
        f"Voor {m('jaar')} geldt de volgende opgave:",
        "\n".join(f"- {k}" for k in prose.UP_OPGAVE),
        "## 3. Wat gaan we doen?",
        f"Dit hoofdstuk beschrijft {m(_c('onderwerpen.onderwerpen'))} onderwerpen met samen "
        f"{m(_c('onderwerpen.acties'))} acties. Het is een momentopname en wordt gedurende het "
        "jaar geactualiseerd waar nodig.",
        *(for_gemeente(org, g, Template(rng.choice(prose.GEMEENTE)).substitute(gemeente=g.naam))
          for g in org.gemeenten if not org.is_gemeente),
        "### 3.1 Werk en arbeidsmarkt", m("onderwerpen('3.1')"),
        "### 3.2 Inkomen en rechtmatigheid", m("onderwerpen('3.2')"),
        "### 3.3 Minima en schuldhulpverlening", m("onderwerpen('3.3')"),
        "## 4. Financiën", "### 4.1 Inkomensdeel (BUIG)",
        f"De rijksbijdrage voor de uitkeringen bedraagt {m(_c('financien.buig.rijksbijdrage'))}"
        f"; het saldo van baten en lasten is {m(_c('financien.buig.saldo'))}.",
        m("financieel_kader('buig')"),
        "### 4.2 Re-integratie en sociale werkvoorziening",
        f"Het financieel kader is {m(_c('financien.reintegratie.kader'))}, de lasten zijn "
        f"{m(_c('financien.reintegratie.lasten'))}.", m("financieel_kader('reintegratie')"),
        "### 4.3 Minimabeleid", m("financieel_kader('minimabeleid')"),
        "## 5. Ontwikkeling programma", m("onderwerpen('5', niveau=3)")])


# -- voortgangsrapportage ------------------------------------------------------------------------

def voortgang(org: Org, plan: Plan) -> str:
    rng = org.rng("tekst-voortgang")
    year = plan.year
    head = {"soort": "voortgangsrapportage", "periode": year, "versie": "1.0",
            "status": "vastgesteld", "datum": dt.date(year, 10, rng.randint(1, 28)),
            "titel": f"Voortgangsrapportage Najaarsnota {year}",
            "ondertitel": "Programma 07 Sociaal domein"}
    return document(org, head, [
        "## Sociaal domein", paragraphs(rng, prose.VG_INTRO, 1, 1),
        f"Het programma telt {m(_c('voortgang.activiteiten'))} activiteiten: "
        f"{m(_c('voortgang.status.op-schema'))} op schema, {m(_c('voortgang.status.gereed'))} "
        f"gereed en {m(_c('voortgang.status.vertraagd'))} vertraagd.",
        m("voortgang_samenvatting()"), m("status_grafiek()"), m("voortgang()"),
        "## Wat gaat het kosten?",
        "De actualisatie van de begroting geeft het volgende beeld. Per saldo is het effect van "
        f"de mutaties {m(_c('begroting.totaal.mutatie.saldo'))}.", m("taakvelden_tabel()"),
        m("mutatie_grafiek()"),
        *(for_gemeente(org, g, Template(rng.choice(prose.VG_GEMEENTE)).substitute(gemeente=g.naam))
          for g in org.gemeenten if not org.is_gemeente),
        "### Toelichting op de afwijkingen",
        f"De belangrijkste afwijkingen van de mutaties Najaarsnota {m('jaar')} worden "
        "toegelicht:", m("afwijkingen()"),
        "### Aansluiting van de toelichting op de mutaties",
        "Hieronder staat per taakveld hoeveel van de mutatie is toegelicht; wat overblijft moet "
        f"onder de drempel van {m(_c('afwijkingen.drempel'))} blijven.", m("afwijkingen_tabel()")])


def index_page(count: int, seed: int) -> str:
    return (
        "---\ntitle: Overzicht\nhide:\n  - toc\n---\n\n"
        "# Schaalcorpus: fictieve P&C-documenten\n\n"
        "Dit corpus is gemaakt met `scripts/make_corpus.py` om de bouw van pcdocs op schaal te "
        f"meten (seed {seed}). Elke organisatie heeft vier documenten: een jaarplan, een "
        "meerjarenbeleidsplan, een uitvoeringsplan en een voortgangsrapportage. Organisaties, "
        "gemeenten, tekst en cijfers zijn verzonnen.\n\n"
        + m("portaal()") + "\n")
