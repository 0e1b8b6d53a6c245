"""The data of a generated meerjarenbeleidsplan, uitvoeringsplan and voortgangsrapportage.

Totals are never typed: financial frameworks are sums pcdocs computes, the taakvelden
table's last column group is voor + mutatie, and every mutation is the sum of its explained
deviations plus a rest below the threshold.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from corpus_model import Org, csv_text, dump_yaml, nl_int, pick
from corpus_pools_plannen import (
    ACTIVITIES,
    DEVELOPMENT,
    INTROS,
    MORE_STAND,
    MORE_STATUS,
    REASONS,
    REGELINGEN,
    SPEERPUNTEN,
    STATUS_TEXTS,
    TAAKVELDEN,
    TOPICS,
    WETTEN,
)


@dataclass
class Plan:
    year: int
    files: dict[str, str] = field(default_factory=dict)
    kerncijfers: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)  # what the text needs to know


def _key(slug: str) -> str:
    return slug.replace("-", "_")


# -- meerjarenbeleidsplan --------------------------------------------------------------------

def meerjarenplan(org: Org) -> Plan:
    rng = org.rng("meerjarenplan")
    plan = Plan(org.year - 1)
    low, high = rng.choice((25, 30, 35)), rng.choice((70, 75, 80))
    groups = [
        {"code": "dao", "naam": "Duurzaam arbeids- en trajectongeschikt", "afkorting": "DAO"},
        {"code": "tao", "naam": "Tijdelijk arbeids- en trajectongeschikt", "afkorting": "TAO"},
        {"code": "werkfit-laag", "naam": "werkfit", "van": 1, "tot": low,
         "omschrijving": "kandidaten zijn na een eerste diagnose niet bemiddelbaar",
         "verantwoordelijk": org.kort},
        {"code": "werkfit-midden", "naam": "werkfit", "van": low, "tot": high,
         "omschrijving": "kandidaten zijn na een eerste diagnose niet direct bemiddelbaar",
         "verantwoordelijk": "het werkbedrijf (traject); de uitkering blijft bij " + org.kort},
        {"code": "werkfit-hoog", "naam": "werkfit", "van": high, "tot": 100,
         "omschrijving": "kandidaten zijn direct bemiddelbaar naar de arbeidsmarkt",
         "verantwoordelijk": "het werkgeversservicepunt en " + org.kort}]
    folder = str(plan.year)
    plan.files[f"{folder}/doelgroepen.yaml"] = dump_yaml(
        {"inleiding": "Aan de poort onderscheiden wij de volgende doelgroepen.",
         "doelgroepen": groups}, "Doelgroepen naar werkfitheid (fictief).")
    plan.files[f"{folder}/wetten.yaml"] = dump_yaml(
        {"wetten": [{"naam": n, "omschrijving": o} for n, o in WETTEN]},
        "Landelijke wetten die de organisatie uitvoert.")
    regelingen = _regelingen(org, rng)
    plan.files[f"{folder}/regelingen.yaml"] = dump_yaml(
        regelingen, "Regelingen per gemeente (fictieve bedragen).")
    plan.files[f"{folder}/speerpunten.yaml"] = dump_yaml(
        {"inleiding": f"Voor de periode {plan.year}–{plan.year + 3} zijn dit onze speerpunten.",
         "speerpunten": [{"titel": t} for t in pick(rng, SPEERPUNTEN, 7, 10)
                         if "werkcoaches" not in t or not org.is_gemeente]},
        "Speerpunten van het meerjarenbeleidsplan (fictief).")
    plan.kerncijfers = _mjbp_kerncijfers(org, rng)
    plan.facts = {"concept": rng.random() < 0.35, "regelingen": regelingen["regelingen"]}
    return plan


def _regelingen(org: Org, rng: random.Random) -> dict[str, Any]:
    items = []
    for naam, omschrijving, soort in pick(rng, REGELINGEN, 7, 10):
        item: dict[str, Any] = {"naam": naam, "omschrijving": omschrijving}
        if soort == "bedrag":
            item["bedrag"] = rng.randint(4, 30) * 50
        elif soort == "bedragen" and not org.is_gemeente:
            item["bedragen"] = {g.slug: rng.randint(2, 40) * 10 for g in org.gemeenten}
        elif soort == "enkele" and not org.is_gemeente:
            item["gemeenten"] = [rng.choice(org.gemeenten).slug]
        items.append(item)
    names = " en ".join(g.naam for g in org.gemeenten)
    return {"titel": f"Regelingen {names}", "regelingen": items}


def _mjbp_kerncijfers(org: Org, rng: random.Random) -> dict[str, Any]:
    totaal = rng.randint(3000, 9000) * org.size  # hundredths of an fte
    result: dict[str, Any] = {"formatie": {
        "fte_totaal": {"omschrijving": "Formatie bij de start van het plan",
                       "waarde": totaal / 100, "eenheid": "fte"},
        "fte_direct": {"omschrijving": "Waarvan direct in de uitvoering",
                       "waarde": round(totaal * rng.uniform(0.55, 0.75)) / 100, "eenheid": "fte"},
        "fte_indirect": {"omschrijving": "Indirect personeel en overhead",
                         "formule": "formatie.fte_totaal - formatie.fte_direct",
                         "eenheid": "fte"}}}
    pilot = {f"werkcoaches_{_key(g.slug)}": {
        "omschrijving": f"Werkcoaches in de pilot voor cliënten uit {g.naam}",
        "waarde": rng.randint(1, 4), "eenheid": "aantal"} for g in org.gemeenten}
    if not org.is_gemeente:
        pilot["werkcoaches_totaal"] = {
            "omschrijving": "Werkcoaches in de pilot", "eenheid": "aantal",
            "formule": " + ".join(f"pilot.{k}" for k in pilot)}
    result["pilot"] = pilot
    result["bereik"] = {"minimaregelingen": {
        "omschrijving": "Streefwaarde voor het bereik van de minimaregelingen",
        "waarde": rng.choice((60, 65, 70, 75)), "eenheid": "procent"}}
    return result


# -- uitvoeringsplan ---------------------------------------------------------------------------

def uitvoeringsplan(org: Org) -> Plan:
    rng = org.rng("uitvoeringsplan")
    plan = Plan(org.year)
    year = plan.year
    datum = dt.date(year, 1, rng.randint(8, 15))
    besluit = datum + dt.timedelta(days=7)
    nummer = f"{year}-{rng.randint(100, 9999):06d}"
    # the nota is a B&W nota; an organisation of several gemeenten has its plan adopted by
    # the college of its centrumgemeente (the first)
    orgaan = "College van B&W" + ("" if org.is_gemeente else f" {org.gemeenten[0].naam}")
    plan.facts = {"besluit": {"orgaan": orgaan, "datum": besluit, "nummer": nummer},
                  "datum": datum}
    plan.files[f"{year}/nota.yaml"] = dump_yaml(
        _nota(org, rng, datum, besluit, nummer), "Voorblad van de besluitnota (fictief).")
    themes = []
    for code, title in (("3.1", "Werk en arbeidsmarkt"), ("3.2", "Inkomen en rechtmatigheid"),
                        ("3.3", "Minima en schuldhulpverlening")):
        topics = pick(rng, TOPICS[code], 3, 4)
        themes.append({"code": code, "titel": title, "onderwerpen": [
            _topic(rng, t, f"{code}.{i}") for i, t in enumerate(topics, start=1)]})
    themes.append({"code": "5", "titel": "Ontwikkeling programma",
                   "inleiding": f"Als programma willen wij ons in {year} op deze punten "
                                "ontwikkelen.",
                   "onderwerpen": [_topic(rng, t, None) for t in pick(rng, DEVELOPMENT, 2, 3)]})
    plan.files[f"{year}/onderwerpen.yaml"] = dump_yaml(
        {"themas": themes}, "Onderwerpen met stand van zaken, acties en aandachtspunten "
                            "(fictief).")
    plan.files[f"{year}/financien.yaml"] = dump_yaml(
        _financien(org, rng, year), "Financiële kaders in hele euro's; lasten zijn kosten, "
                                    "baten inkomsten (fictief).")
    plan.kerncijfers = {"doelen": {
        "sroi_plaatsingen": {"omschrijving": "Plaatsingen via social return (minimaal)",
                             "waarde": rng.randint(12, 40) * 5 * org.size, "eenheid": "aantal"},
        "lks_plaatsingen": {"omschrijving": "Plaatsingen met loonkostensubsidie (minimaal)",
                            "waarde": rng.randint(6, 20) * 5 * org.size, "eenheid": "aantal"},
        "opbrengst_tv": {"omschrijving": "Verwachte opbrengst terugvordering en verhaal",
                         "waarde": rng.randint(20, 90) * 5000 * org.size, "eenheid": "euro"}}}
    return plan


def _topic(rng: random.Random, topic: tuple[str, str, tuple[str, ...], str],
           code: str | None) -> dict[str, Any]:
    titel, stand, acties, aandacht = topic
    item: dict[str, Any] = {"code": code} if code else {}
    item["titel"] = titel
    if rng.random() < 0.5:
        item["inleiding"] = rng.choice(INTROS)
    item["stand_van_zaken"] = f"{stand}\n\n{rng.choice(MORE_STAND)}"
    if rng.random() < 0.5:
        item["acties_inleiding"] = "Dit jaar doen wij het volgende:"
    item |= {"acties": list(acties), "aandachtspunten": aandacht}
    if code and rng.random() < 0.25:
        item["bouwstenen"] = {"titel": "Bouwstenen voor de afspraken met de uitvoering",
                              "groepen": [list(acties[:2]), ["Periodieke voortgangsgesprekken",
                                                             "Afspraken over monitoring"]]}
    return item


def _nota(org: Org, rng: random.Random, datum: dt.date, besluit: dt.date,
          nummer: str) -> dict[str, Any]:
    college = ["Burgemeester",
               *(f"Weth. {x}. Voorbeeld-{y}" for x, y in zip("ABCD", ("Noord", "Oost", "Zuid",
                                                                      "West"), strict=True))]
    day = dt.timedelta(days=1)
    return {
        "soort": "Nota voor burgemeester en wethouders",
        "team": f"{org.kort.split()[0].upper()}-WI",
        "onderwerp": f"Uitvoeringsplan {datum.year} Werk en inkomen",
        "nummer": nummer, "datum": datum, "programma": "07 Werk en inkomen",
        "portefeuillehouders": college[1:3],
        "bestuursorgaan": [{"orgaan": "B & W", "aangekruist": "ja", "datum": besluit},
                           {"orgaan": "Raad", "aangekruist": "nee"}],
        "college": college,
        "besluitenlijst": [{"soort": "Akkoordstukken", "aangekruist": "nee"},
                           {"soort": "Openbaar", "aangekruist": "ja", "datum": besluit}],
        "routing": [{"functie": "Programmamanager", "datum": datum},
                    {"functie": "Wethouder", "datum": datum + day},
                    {"functie": "secretaris", "datum": datum + 2 * day, "paraaf": "ja"}],
        "bis": "Openbaar", "status": {"tekst": "Definitief", "datum": besluit + day},
        "bijlagen": [f"Uitvoeringsplan Werk en inkomen {datum.year}"],
        "besluit": {"datum": besluit, "punten": [
            f"Het Uitvoeringsplan Werk en inkomen {datum.year} vast te stellen;",
            "De nota en het besluit openbaar te maken."]},
        "vragen": [{"rubriek": "Financiële aspecten", "vraag": "Begrotingswijziging",
                    "antwoord": "Nee"},
                   {"rubriek": "Adviesraden", "vraag": "Is de adviesraad gehoord?",
                    "antwoord": rng.choice(("Ja", "Nee"))}],
        "openbaarmaking": {"kop": "Voorstel openbaarmaking",
                           "keuze": "De nota en het besluit openbaar te maken",
                           "opties": ["De nota en het besluit openbaar te maken",
                                      "De nota en het besluit niet openbaar te maken"]}}


def _financien(org: Org, rng: random.Random, year: int) -> dict[str, Any]:
    scale = org.size * rng.randint(8, 20)

    def amount(low: int, high: int) -> int:
        return rng.randint(low, high) * scale * 1000 + rng.randint(0, 999)

    rijk = amount(900, 1200)
    buig = [{"code": "volume", "omschrijving": "Raming gemiddeld volume",
             "aantal": rng.randint(50, 80) * scale},
            {"groep": "baten", "omschrijving": "Baten"},
            {"code": "rijksbijdrage", "omschrijving": "Rijksbijdrage", "kant": "baten",
             "bedrag": rijk},
            {"groep": "lasten", "omschrijving": "Lasten"},
            {"code": "uitkeringen", "omschrijving": "Uitkeringen Participatiewet",
             "kant": "lasten", "bedrag": round(rijk * rng.uniform(0.88, 1.02))},
            {"code": "lks", "omschrijving": "Loonkostensubsidie", "kant": "lasten",
             "bedrag": amount(20, 50)},
            {"code": "ioaw", "omschrijving": "IOAW, IOAZ en Bbz", "kant": "lasten",
             "bedrag": amount(30, 70)},
            {"code": "terugvordering", "omschrijving": "Terugvordering en verhaal",
             "kant": "lasten", "bedrag": -amount(10, 20)},
            {"code": "saldo", "omschrijving": "Saldo", "som": ["baten", "lasten"]},
            {"code": "dekking", "omschrijving": "Dekking uit algemene middelen",
             "som": ["saldo"]},
            {"code": "rest", "omschrijving": "Resterend", "som": ["saldo", "-dekking"]}]
    reintegratie = [
        {"groep": "dekking", "omschrijving": "Financieel kader"},
        *({"code": c, "omschrijving": o, "kant": "baten", "bedrag": amount(lo, hi)}
          for c, o, lo, hi in (("algemene_middelen", "Algemene middelen", 80, 120),
                               ("participatie", "Integratie-uitkering participatie", 250, 400),
                               ("overig", "Overige vergoedingen", 5, 20))),
        {"code": "kader", "omschrijving": "Totaal financieel kader", "som": ["dekking"]},
        {"groep": "uitgaven", "omschrijving": "Lasten"},
        *({"code": c, "omschrijving": o, "kant": "lasten", "bedrag": amount(lo, hi)}
          for c, o, lo, hi in (("wsw", "Sociale werkvoorziening", 200, 320),
                               ("trajecten", "Re-integratietrajecten", 60, 100),
                               ("beschut", "Begeleiding beschut werk", 5, 15),
                               ("apparaat", "Apparaatslasten", 10, 25))),
        {"code": "lasten", "omschrijving": "Totaal lasten", "som": ["uitgaven"]}]
    minima = [
        {"groep": "dekking", "omschrijving": "Financieel kader"},
        {"code": "algemene_middelen", "omschrijving": "Algemene middelen", "kant": "baten",
         "bedrag": amount(80, 120)},
        {"code": "kader", "omschrijving": "Totaal financieel kader", "som": ["dekking"]},
        {"groep": "uitgaven", "omschrijving": "Lasten"},
        *({"code": c, "omschrijving": o, "kant": "lasten", "bedrag": amount(lo, hi)}
          for c, o, lo, hi in (("bijzondere_bijstand", "Bijzondere bijstand", 15, 30),
                               ("bewind", "Beschermingsbewind", 15, 30),
                               ("iit", "Individuele inkomenstoeslag", 8, 15),
                               ("zorgverzekering", "Collectieve zorgverzekering", 10, 20),
                               ("kinderen", "Regelingen voor kinderen", 8, 15))),
        {"code": "lasten", "omschrijving": "Totaal lasten", "som": ["uitgaven"]}]
    column = str(year)
    return {"tabellen": {
        "buig": {"titel": "Inkomensdeel (BUIG)", "kolom": column, "eenheid": "duizend",
                 "teken": "baten-negatief", "regels": buig},
        "reintegratie": {"titel": "Re-integratie en sociale werkvoorziening", "kolom": column,
                         "eenheid": "duizend", "teken": "positief", "regels": reintegratie},
        "minimabeleid": {"titel": "Minimabeleid", "kolom": column, "eenheid": "euro",
                         "teken": "positief", "regels": minima}}}


# -- voortgangsrapportage ----------------------------------------------------------------------

def voortgang(org: Org) -> Plan:
    rng = org.rng("voortgang")
    plan = Plan(org.year - 1)
    year = plan.year
    mains = []
    for number, (naam, activities) in enumerate(pick(rng, ACTIVITIES, 6, 8), start=1):
        items = []
        for activiteit, resultaat in pick(rng, list(activities), 2, 3):
            status = rng.choices(list(STATUS_TEXTS), weights=(55, 22, 14, 6, 3))[0]
            items.append({"activiteit": activiteit, "resultaat": resultaat, "status": status,
                          "toelichting": f"{rng.choice(STATUS_TEXTS[status])} "
                                         f"{rng.choice(MORE_STATUS)}"})
        mains.append({"code": f"7.{number:02d}", "naam": naam, "activiteiten": items})
    plan.files[f"{year}/voortgang.yaml"] = dump_yaml(
        {"programma": {"nummer": "07", "naam": "Sociaal domein"}, "hoofdactiviteiten": mains},
        "Voortgang per hoofdactiviteit (fictief).")
    drempel = 25000 if org.size <= 2 else 50000
    rows, deviations = _begroting(org, rng, drempel)
    plan.files[f"{year}/begroting.csv"] = csv_text(
        ["soort", "taakveld", "naam", "lasten voor", "baten voor", "lasten mutatie",
         "baten mutatie", "lasten na", "baten na"], rows)
    plan.files[f"{year}/begroting.yaml"] = dump_yaml(
        {"programma": "7 Sociaal domein", "teken": "lasten-negatief", "eenheid": "duizend",
         "kolommen": {"voor": f"Begroting inclusief mutaties Kadernota {year}",
                      "mutatie": f"Mutaties Najaarsnota {year}",
                      "na": f"Begroting inclusief mutaties Najaarsnota {year}"}},
        "Hoe begroting.csv te lezen: bedragen in euro, lasten negatief (fictief).")
    plan.files[f"{year}/afwijkingen.yaml"] = dump_yaml(
        {"drempel": drempel, "afwijkingen": deviations},
        "Toelichting op de afwijkingen: + is hogere lasten of hogere baten (fictief).")
    plan.kerncijfers = {"participatie": {
        "begeleid": {"omschrijving": "Inwoners met een arbeidsbeperking die worden begeleid",
                     "waarde": rng.randint(40, 160) * org.size, "eenheid": "aantal"},
        "loonkostensubsidie": {"omschrijving": "Inwoners die werken met loonkostensubsidie",
                               "waarde": rng.randint(15, 39) * org.size, "eenheid": "aantal"}}}
    return plan


def _begroting(org: Org, rng: random.Random, drempel: int
               ) -> tuple[list[list[str]], list[dict[str, Any]]]:
    total = rng.randint(25, 45) * org.size * 1_000_000
    rows, reserves, deviations = [], [], []
    for code, naam, share, baten_share, subjects in TAAKVELDEN:
        lasten = round(total * share / 100, -3)
        baten = round(lasten * baten_share, -3)
        changes = {"lasten": 0, "baten": 0, "reserve_baten": 0}
        for subject in pick(rng, subjects, 1, 3) if rng.random() < 0.85 else []:
            item = _deviation(rng, code, subject, drempel, org.size)
            deviations.append(item)
            for key in changes:
                changes[key] += item.get(key, 0)
        for key in ("lasten", "baten"):  # a rest below the threshold stays unexplained
            changes[key] += rng.randint(-(drempel // 1000) + 1, drempel // 1000 - 1) * 1000 \
                if changes[key] else 0
        rows.append(_row("taakveld", code, naam, (int(lasten), int(baten)),
                         (changes["lasten"], changes["baten"])))
        reserve_voor = rng.choice((0, 0, rng.randint(1, 60) * 10000))
        reserves.append(_row("reserve", code, naam, (0, reserve_voor),
                             (0, changes["reserve_baten"])))
    return rows + reserves, deviations


def _row(kind: str, code: str, naam: str, voor: tuple[int, int],
         mutatie: tuple[int, int]) -> list[str]:
    """A CSV row with lasten negative (the source's sign); amounts in ordinary meaning."""
    lasten_na, baten_na = voor[0] + mutatie[0], voor[1] + mutatie[1]
    return [kind, code, naam, nl_int(-voor[0]), nl_int(voor[1]), nl_int(-mutatie[0]),
            nl_int(mutatie[1]), nl_int(-lasten_na), nl_int(baten_na)]


def _deviation(rng: random.Random, code: str, subject: str, drempel: int,
               size: int) -> dict[str, Any]:
    lasten = rng.choice((-1, 1)) * rng.randint(drempel // 1000 + 5, 400) * 1000 * size
    item: dict[str, Any] = {"taakveld": int(code), "onderwerp": subject, "lasten": lasten}
    direction = "naar boven" if lasten > 0 else "naar beneden"
    text = [rng.choice(REASONS),
            f"De lasten worden {direction} bijgesteld met {{lasten}} ({{lasten_effect}})."]
    kind = rng.random()
    if kind < 0.2:
        item["baten"] = int(round(lasten * rng.uniform(0.3, 1.0), -3))
        more = "hogere" if lasten > 0 else "lagere"
        text.append(f"Daar staan {more} baten van {{baten}} tegenover ({{baten_effect}}).")
    elif kind < 0.35 and lasten > 0:
        item["reserve_baten"] = lasten
        text.append("Dit wordt gedekt door een onttrekking van {reserve_baten} aan de "
                    "bestemmingsreserve sociaal domein ({reserve_baten_effect}).")
    item["tekst"] = " ".join(text)
    return item
