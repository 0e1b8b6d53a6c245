"""The data of a generated jaarplan: formatie and its analysis, verzuim, externe inhuur,
indicators with norms and realisations (per gemeente where that fits), the risk register,
I&A projects, speerpunten, the P&C calendar, agreements and lists.

Everything that adds up is generated from its parts, so the checks always reconcile; a
realisation that misses its norm always carries an explanation.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from corpus_model import Org, cents, csv_text, dump_yaml, euro_cell, nl_decimal, pick
from corpus_pools import (
    ACTIONS,
    FUNCTIONS,
    HIRE_LINES,
    INDICATORS,
    MISSED,
    PRODUCTIONS,
    PROJECTS,
    RISKS,
    IndicatorSpec,
)


@dataclass
class Jaarplan:
    """The data files of one jaarplan and what its text needs to know about them."""

    year: int
    peildata: tuple[dt.date, dt.date]
    indicators: list[tuple[IndicatorSpec, bool]] = field(default_factory=list)  # per gemeente?
    periods: tuple[int, int] = (0, 0)
    files: dict[str, str] = field(default_factory=dict)
    kerncijfers: dict[str, Any] = field(default_factory=dict)


def jaarplan(org: Org) -> Jaarplan:
    year = org.year
    plan = Jaarplan(year, (dt.date(year - 1, 9, 1), dt.date(year, 1, 1)))
    plan.periods = (year - 2, year - 1)
    formatie(org, plan)
    verzuim(org, plan)
    inhuur(org, plan)
    indicatoren(org, plan)
    risicos(org, plan)
    projecten(org, plan)
    overige(org, plan)
    return plan


# -- formatie ------------------------------------------------------------------------------

def formatie(org: Org, plan: Jaarplan) -> None:
    rng = org.rng("formatie")
    begin = rng.randint(2500, 4000) * org.size + rng.randint(0, 99)  # hundredths of an fte
    first, second = plan.peildata
    rows: list[list[str]] = []
    stand = begin
    standen: dict[dt.date, float] = {}
    for date, groups in ((first, (("Nieuwe opdrachten", 1),)),
                         (second, (("Wegvallen taken/budgetten", -1),
                                   ("Nieuwe taken/budgetten", 1),
                                   ("Wijziging schaal functie", 0)))):
        for reden, sign in groups:
            stand += _mutations(rng, date, reden, sign, rows)
        standen[date] = cents(stand)
    medewerkers = round(stand / 100 * rng.uniform(1.1, 1.25))
    vrouwen = round(medewerkers * rng.uniform(0.62, 0.8))
    vacatures = [{"functie": f.lower(), "aantal": rng.randint(1, 2)}
                 | ({"parttime": "ja"} if rng.random() < 0.3 else {})
                 for f in pick(rng, [f for f, _ in FUNCTIONS], 1, 3)]
    data = {"beginstand": {"peildatum": dt.date(first.year, 1, 1), "fte": cents(begin)},
            "standen": standen, "vacatures": vacatures,
            "medewerkers": {"vrouwen": vrouwen, "mannen": medewerkers - vrouwen},
            "stageplekken": rng.randint(1, 4)}
    folder = f"{plan.year}"
    plan.files[f"{folder}/formatie.yaml"] = dump_yaml(
        data, "Formatie: beginstand en de standen zoals vastgesteld; de mutaties staan in\n"
              "formatieanalyse.csv. Fictieve gegevens, gemaakt door scripts/make_corpus.py.")
    plan.files[f"{folder}/formatieanalyse.csv"] = csv_text(
        ["peildatum", "reden", "functie", "schaal", "fte", "uitleg"], rows)


def _mutations(rng: random.Random, date: dt.date, reden: str, sign: int,
               rows: list[list[str]]) -> int:
    """Rows for one reason; returns their total in hundredths of an fte."""
    when = f"{date.day}-{date.month}-{date.year}"
    total = 0
    for functie, schaal in pick(rng, FUNCTIONS, 2, 4):
        if sign == 0:  # the same hours on a higher scale: -x and +x
            fte = rng.randint(20, 120)
            rows.append([when, reden, functie, str(schaal), nl_decimal(-fte), ""])
            rows.append([when, reden, functie, str(schaal + 1), nl_decimal(fte), ""])
            continue
        fte = sign * rng.randint(20, 350)
        why = (("Opdracht gemeenten", "Nieuwe wetgeving", "Dienstverleningsovereenkomst",
                "Uitbreiding dienstverlening") if fte > 0 else
               ("Einde tijdelijke middelen", "Herinrichting werkproces", "Afgeronde opdracht"))
        rows.append([when, reden, functie, str(schaal), nl_decimal(fte), rng.choice(why)])
        total += fte
    return total


# -- verzuim -------------------------------------------------------------------------------

def verzuim(org: Org, plan: Jaarplan) -> None:
    rng = org.rng("verzuim")
    perioden = []
    for number, periode in enumerate(plan.periods):
        percentage = rng.randint(35, 95) / 10
        entry: dict[str, Any] = {"periode": periode}
        if number == 1:
            entry["omschrijving"] = f"{periode} t/m oktober"
        entry |= {"percentage": percentage,
                  "langdurig": round(percentage * rng.uniform(0.45, 0.8), 1),
                  "meldingsfrequentie": rng.randint(80, 160) / 100}
        perioden.append(entry)
    data = {"langdurig_vanaf": {"waarde": 6, "eenheid": "weken"},
            "norm": {"percentage": rng.choice((5.0, 5.5, 6.0)), "meldingsfrequentie": 1.2,
                     "bron": "Fictieve norm voor dit voorbeeld: gemiddeld verzuim bij "
                             "gemeenten van vergelijkbare omvang"},
            "perioden": perioden}
    plan.files[f"{plan.year}/verzuim.yaml"] = dump_yaml(
        data, "Ziekteverzuim per periode tegen de norm (fictieve gegevens).")


# -- externe inhuur ------------------------------------------------------------------------

def inhuur(org: Org, plan: Jaarplan) -> None:
    rng = org.rng("inhuur")
    rows = []
    lines = [("ZIEK", "Ziekteverzuim", "Opvang van langdurig verzuim", "Verzuimaanpak"),
             ("PIEK", "Piekwerkzaamheden", "Extra capaciteit bij pieken", "Geen"),
             *pick(rng, HIRE_LINES, 2, 4)]
    for reden, omschrijving, toelichting, maatregel in lines:
        amounts = [rng.choice((0, rng.randint(5, 90) * 1000 + rng.randint(0, 999))),
                   rng.choice((0, rng.randint(5, 90) * 1000 + rng.randint(0, 999))),
                   (rng.randint(20, 150) * 1000 + rng.randint(0, 999)) * org.size]
        vorig = int(round(sum(amounts) * rng.uniform(0.8, 1.1), -3))
        prognose = round(sum(amounts) * rng.uniform(0.95, 1.3))
        verschil = rng.choice(("", "Hogere tarieven na aanbesteding",
                               "Meer inzet dan gepland"))
        rows.append([reden, omschrijving, *(euro_cell(a) for a in amounts), "",
                     euro_cell(vorig), euro_cell(prognose), verschil, toelichting, maatregel])
    header = ["reden", "omschrijving", "uitzendkrachten", "payrolling", "detachering",
              "overheden", "vorig plan", "prognose", "verklaring verschil", "toelichting",
              "maatregelen"]
    plan.files[f"{plan.year}/inhuur.csv"] = csv_text(header, rows)
    settings = {"kolommen": {"vorig plan": f"Jaarplan {plan.year - 1}",
                             "prognose": f"Prognose {plan.year - 1}"},
                "tariefeffect": {"omschrijving": "Effect van de nieuwe tarieven na de "
                                                 "aanbesteding (positief is duurder)",
                                 "bedrag": rng.choice((-1, 1)) * rng.randint(10, 150) * 1000}}
    plan.files[f"{plan.year}/inhuur.yaml"] = dump_yaml(
        settings, "Kolomkoppen en tariefeffect bij inhuur.csv (fictieve gegevens).")


# -- indicators ----------------------------------------------------------------------------

def indicatoren(org: Org, plan: Jaarplan) -> None:
    rng = org.rng("indicatoren")
    groups = {"financieel": {"titel": "Financiële indicatoren"},
              "bestuur": {"titel": "Bestuursindicatoren"},
              "tempo": {"titel": "Tempo van dienstverlening"},
              "werk": {"titel": "Werk en participatie"},
              "kwaliteit": {"titel": "Kwaliteit en klanttevredenheid"}}
    items = []
    for spec in pick(rng, INDICATORS, 9, 13):
        per_gemeente = spec.per_gemeente and not org.is_gemeente
        plan.indicators.append((spec, per_gemeente))
        items.append(_indicator(rng, org, plan.year, spec, per_gemeente))
    used = {spec.groep for spec, _ in plan.indicators}
    data = {"groepen": {k: v for k, v in groups.items() if k in used}, "indicatoren": items}
    plan.files[f"{plan.year}/indicatoren.yaml"] = dump_yaml(
        data, "Indicatoren: normen per jaar en de realisaties van het vorige jaar.\n"
              "De status wordt berekend; een gemiste norm heeft een toelichting.")


def _indicator(rng: random.Random, org: Org, year: int, spec: IndicatorSpec,
               per_gemeente: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"code": spec.code, "groep": spec.groep,
                            "omschrijving": spec.omschrijving, "eenheid": spec.eenheid}
    if spec.vergelijking:
        item["vergelijking"] = spec.vergelijking
    if spec.termijn:
        waarde, eenheid, wettelijk = spec.termijn
        item["termijn"] = {"waarde": waarde, "eenheid": eenheid} | (
            {"wettelijk": "ja"} if wettelijk else {})
    norm = spec.norm_value(rng)
    item["normen"] = {year - 1: norm, year: spec.norm_value(rng) if rng.random() < 0.3 else norm}
    if spec.eenheid == "ja/nee":
        item["realisaties"] = [{"jaar": year - 1, "waarde": "ja", "tekst": spec.tekst}]
        return item
    targets = org.gemeenten if per_gemeente else (None,)
    item["realisaties"] = [_realisation(rng, spec, year - 1, norm, g.slug if g else None)
                           for g in targets]
    return item


def _realisation(rng: random.Random, spec: IndicatorSpec, year: int, norm: Any,
                 gemeente: str | None) -> dict[str, Any]:
    value = spec.realised(rng, norm)
    real: dict[str, Any] = {"jaar": year} | ({"gemeente": gemeente} if gemeente else {})
    real["waarde"] = value
    if not spec.holds(value, norm):
        real["toelichting"] = rng.choice(MISSED)
    return real


# -- risks, projects and the rest ----------------------------------------------------------

def risicos(org: Org, plan: Jaarplan) -> None:
    rng = org.rng("risicos")
    counters = {"materieel": 0, "immaterieel": 0}
    items = []
    for titel, soort, omschrijving, maatregel in pick(rng, RISKS, 5, 8):
        counters[soort] += 1
        risk: dict[str, Any] = {"code": f"{soort[0].upper()}{counters[soort]}", "titel": titel,
                                "soort": soort, "kans": rng.randint(1, 3)}
        if soort == "materieel" and rng.random() < 0.4:
            risk["bedrag"] = rng.randint(2, 60) * 50000 * org.size
        else:
            risk["omvang"] = rng.randint(1, 5 if soort == "materieel" else 3)
        risk |= {"omschrijving": omschrijving, "beheersmaatregel": maatregel}
        items.append(risk)
    plan.files[f"{plan.year}/risicos.yaml"] = dump_yaml(
        {"risicos": items}, "Risicoregister; kans en omvang zijn klassen uit "
                            "../risicoprofiel.yaml (fictieve gegevens).")


def projecten(org: Org, plan: Jaarplan) -> None:
    rng = org.rng("projecten")
    opgaven = []
    for number, (naam, aanleiding, effecten, resultaten) in enumerate(
            pick(rng, PROJECTS, 2, 3), start=rng.randint(11, 40)):
        incidenteel = rng.choice(("PM", rng.randint(2, 30) * 5000))
        opgaven.append({
            "nummer": f"{plan.year % 100:02d}-{number:02d}", "naam": naam,
            "aanleiding": aanleiding, "beoogde_effecten": effecten,
            "beoogde_resultaten": resultaten, "opdrachtgever": f"{org.kort} – teammanager",
            "kosten": {"incidenteel": {"bedrag": incidenteel,
                                       "dekking": "Ten laste van de reserve bedrijfsvoering"},
                       "structureel": {"bedrag": rng.choice(("nvt", "PM"))}},
            "lijnorganisatie": ["Consulenten werk en inkomen", "Functioneel beheer"],
            "ssc": ["Servicedesk ICT"], "samenwerking": rng.choice(([], ["Inkoop"])),
            "planning": rng.choice(("Eerste halfjaar voorbereiding, tweede halfjaar invoering.",
                                    "Gefaseerd, gereed voor het einde van het jaar.",
                                    "Onderzoek in het voorjaar, besluit en uitvoering daarna."))})
    plan.files[f"{plan.year}/projecten.yaml"] = dump_yaml(
        {"opgaven": opgaven}, "Opgaven informatievoorziening en automatisering (fictief).")


def overige(org: Org, plan: Jaarplan) -> None:
    rng = org.rng("overige")
    year = plan.year
    speerpunten = [{"titel": titel, "acties": [
        a if rng.random() < 0.75 else {"actie": a + ", door:", "acties": pick(rng, subs, 2, 3)}
        for a in pick(rng, acts, 2, 4)]} for titel, acts, subs in pick(rng, ACTIONS, 3, 4)]
    plan.files[f"{year}/speerpunten.yaml"] = dump_yaml(
        {"inleiding": f"De volgende speerpunten worden voor {year} uitgelicht.",
         "speerpunten": speerpunten}, "Speerpunten en concrete acties (fictief).")
    plan.files[f"{year}/overeenkomsten.yaml"] = dump_yaml({"overeenkomsten": [
        {"naam": f"Dienstverlening werk en inkomen {g.naam}",
         "status": rng.choice(("Vastgesteld", "Mondeling afgestemd", "In voorbereiding"))}
        for g in org.gemeenten]}, "Dienstverleningsovereenkomsten en hun status (fictief).")
    plan.files[f"{year}/pc_kalender.yaml"] = dump_yaml({"documenten": [
        {"document": f"jaarplan {org.kort}",
         "toelichting": "Uitwerking van het beleid en de begrotingsafspraken voor het nieuwe "
                        "begrotingsjaar.",
         "uiterlijk_vastgesteld": "december voorafgaand aan het begrotingsjaar",
         "voor_wie": "portefeuillehouders, management en medewerkers"},
        {"document": "bestuursrapportages",
         "toelichting": "Voortgang, indicatoren en financiële afwijkingen.",
         "uiterlijk_vastgesteld": "per vier maanden", "voor_wie": "portefeuillehouders"},
        {"document": "jaarverslag", "toelichting": "Verantwoording over het afgelopen jaar.",
         "uiterlijk_vastgesteld": "april na afloop van het jaar",
         "voor_wie": "portefeuillehouders en gemeenteraden"}]},
        "Documenten van de P&C-cyclus (fictief).")
    plan.files[f"{year}/lijsten.yaml"] = dump_yaml({
        "bestuurlijke_producties": {
            "omschrijving": f"Bestuurlijke producties van {org.kort} in {year - 1}",
            "items": [p.replace("$jaar", str(year - 1)) for p in pick(rng, PRODUCTIONS, 6, 11)]},
        "pc_producten": {
            "omschrijving": f"Producten voor de P&C-cyclus van de gemeenten in {year}",
            "items": [f"de jaarrekening {year - 1}", f"de kadernota {year + 1}",
                      f"de begroting {year + 1}", f"de najaarsnota {year}"]}},
        "Benoemde lijsten (fictief).")
    plan.kerncijfers = kerncijfers(org, rng, year)


def kerncijfers(org: Org, rng: random.Random, year: int) -> dict[str, Any]:
    bijstand: dict[str, Any] = {}
    for g in org.gemeenten:
        bijstand[g.slug.replace("-", "_")] = {
            "omschrijving": f"Ontwikkeling aantal bijstandsuitkeringen {g.naam}, eind "
                            f"{year - 1} ten opzichte van {year - 2}",
            "waarde": rng.choice((-1, 1)) * rng.randint(1, 9), "eenheid": "procent",
            "kwalificatie": "ongeveer"}
    bijstand["prognose"] = {"omschrijving": f"Verwachte ontwikkeling van het aantal "
                                            f"uitkeringen in {year} (fictieve prognose)",
                            "waarde": rng.choice((-1, 1)) * rng.randint(1, 4),
                            "eenheid": "procent"}
    return {"bijstand": bijstand, "clientenraad": {"vergaderingen": {
        "omschrijving": "Vergaderingen van de cliëntenraad per jaar",
        "waarde": rng.randint(4, 8), "eenheid": "aantal"}}}
