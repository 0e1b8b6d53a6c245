"""Building blocks of the jaarplan data: indicator definitions, risks, projects, actions.

Generic Dutch example text, clearly invented. No text here types a figure that the data also
holds: where a figure belongs in a text, it is a placeholder filled from the data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    groep: str
    omschrijving: str
    eenheid: str  # procent, aantal, cijfer or ja/nee
    vergelijking: str | None  # minimaal or maximaal (None for ja/nee)
    termijn: tuple[int, str, bool] | None  # waarde, eenheid, wettelijk
    norms: tuple[float, ...]
    spread: tuple[float, float]  # the realisation lies this far from the norm
    decimals: int = 0
    per_gemeente: bool = False
    tekst: str = ""  # ja/nee: the sentence of the realisation
    zin: str = ""  # a sentence for the text: $waarde the realisation, $termijn the termijn

    def norm_value(self, rng: random.Random) -> Any:
        if self.eenheid == "ja/nee":
            return "ja"
        value = rng.choice(self.norms)
        return int(value) if self.decimals == 0 else value

    def realised(self, rng: random.Random, norm: Any) -> Any:
        low, high = self.spread
        value = float(norm) + rng.uniform(low, high)
        if self.eenheid == "procent":
            value = min(100.0, max(0.0, value))
        value = max(0.0, value)
        return round(value) if self.decimals == 0 else round(value, self.decimals)

    def holds(self, value: Any, norm: Any) -> bool:
        if self.vergelijking == "maximaal":
            return bool(value <= norm)
        return bool(value >= norm)


INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("fin-pc-producties", "financieel", "Tijdig alle producties voor de P&C-cyclus "
                  "van de gemeenten geleverd", "ja/nee", None, None, (), (0, 0),
                  tekst="Alle producties voor de P&C-cyclus zijn tijdig geleverd."),
    IndicatorSpec("fin-kwartaal", "financieel", "Na ieder kwartaal financiële gegevens "
                  "geleverd aan de portefeuillehouders", "ja/nee", None, None, (), (0, 0),
                  tekst="Na ieder kwartaal zijn de financiële gegevens geleverd."),
    IndicatorSpec("bestuur-overleg", "bestuur", "Formele portefeuillehoudersoverleggen per jaar",
                  "aantal", "minimaal", None, (2, 3, 4), (-1, 2),
                  zin="Er zijn $waarde formele portefeuillehoudersoverleggen gevoerd."),
    IndicatorSpec("lo-4wk", "tempo", "Aanvragen levensonderhoud beschikt binnen {termijn} na de "
                  "aanvraagdatum", "procent", "minimaal", (4, "weken", False), (50, 60, 70, 75),
                  (-8, 25),
                  zin="$waarde van de aanvragen levensonderhoud is binnen $termijn beschikt."),
    IndicatorSpec("lo-8wk", "tempo", "Aanvragen levensonderhoud beschikt binnen {termijn} "
                  "(wettelijke termijn)", "procent", "minimaal", (8, "weken", True), (100,),
                  (-6, 0.4), zin="$waarde van de aanvragen levensonderhoud is binnen de "
                  "wettelijke termijn van $termijn beschikt."),
    IndicatorSpec("bb-8wk", "tempo", "Aanvragen bijzondere bijstand beschikt binnen {termijn}",
                  "procent", "minimaal", (8, "weken", True), (95, 100), (-5, 3),
                  zin="$waarde van de aanvragen bijzondere bijstand is binnen $termijn beschikt."),
    IndicatorSpec("shv-4wk", "tempo", "Eerste gesprek schuldhulpverlening binnen {termijn} na "
                  "de aanmelding", "procent", "minimaal", (4, "weken", True), (90, 95),
                  (-7, 8), zin="$waarde van de aanmelders voor schuldhulpverlening had binnen "
                  "$termijn een eerste gesprek."),
    IndicatorSpec("uitstroom-werk", "werk", "Uitstroom naar betaald werk als deel van de totale "
                  "uitstroom", "procent", "minimaal", None, (30, 35, 40, 45), (-8, 12),
                  per_gemeente=True,
                  zin="$waarde van de uitstroom was uitstroom naar betaald werk."),
    IndicatorSpec("parttime", "werk", "Cliënten met inkomsten uit parttime werk als deel van "
                  "alle cliënten", "procent", "minimaal", None, (8, 10, 12), (-3, 5),
                  per_gemeente=True,
                  zin="$waarde van de cliënten had inkomsten uit parttime werk."),
    IndicatorSpec("trajectplan", "werk", "Een trajectplan voor iedereen in de bijstand met een "
                  "arbeidsverplichting", "ja/nee", None, None, (), (0, 0),
                  tekst="Iedereen met een arbeidsverplichting heeft een trajectplan."),
    IndicatorSpec("bezwaar-gegrond", "kwaliteit", "Gegronde bezwaarschriften als deel van alle "
                  "bezwaarschriften", "procent", "maximaal", None, (10, 15, 20), (-8, 5),
                  zin="$waarde van de bezwaarschriften was gegrond."),
    IndicatorSpec("klachten", "kwaliteit", "Gegronde klachten per jaar", "aantal", "maximaal",
                  None, (10, 15, 20, 25), (-9, 6),
                  zin="Er zijn $waarde gegronde klachten ontvangen."),
    IndicatorSpec("tevredenheid", "kwaliteit", "Rapportcijfer van klanten voor de "
                  "dienstverlening", "cijfer", "minimaal", None, (7.0, 7.2, 7.5), (-0.6, 0.9),
                  decimals=1, zin="Klanten gaven de dienstverlening gemiddeld een $waarde."),
    IndicatorSpec("foutscore", "kwaliteit", "Foutscore in de interne controle op "
                  "rechtmatigheid", "procent", "maximaal", None, (1.0, 1.5, 2.0), (-0.8, 0.6),
                  decimals=1, zin="De foutscore in de interne controle was $waarde."),
)

MISSED = (
    "De norm van {norm} is met {realisatie} niet gehaald. In het tweede halfjaar was de "
    "bezetting lager door verloop; met tijdelijke inhuur is de achterstand ingelopen.",
    "Het verschil met de norm is {verschil}. Een deel van de aanvragen was onvolledig en wachtte "
    "op aanvullende stukken van de klant; de hersteltermijn telt mee in de doorlooptijd.",
    "De realisatie van {realisatie} wijkt {verschil} af van de norm. Oorzaak is de invoering "
    "van een nieuw zaaksysteem in het voorjaar; inmiddels is de werkvoorraad weer op peil.",
    "De norm ({norm}) is niet gehaald door een piek in de aanvragen na landelijke maatregelen. "
    "Wij sturen hier maandelijks op en verwachten de norm dit jaar weer te halen.",
)

FUNCTIONS: tuple[tuple[str, int], ...] = (
    ("Consulent werk en inkomen", 9), ("Consulent bijzondere bijstand", 8),
    ("Klantmanager participatie", 9), ("Schuldhulpverlener", 9),
    ("Medewerker uitkeringsadministratie", 6), ("Beleidsmedewerker", 10),
    ("Handhaver", 8), ("Functioneel beheerder", 9), ("Jobcoach", 8),
    ("Medewerker klantcontactcentrum", 6), ("Controller", 11), ("Teamleider", 11),
    ("Juridisch medewerker", 9), ("Medewerker inburgering", 8),
)

HIRE_LINES: tuple[tuple[str, str, str, str], ...] = (
    ("SPECIFIEK", "Projecten", "Tijdelijke projecten met eigen budget", "Meerjarige opdrachten"),
    ("SPECIFIEK", "Regulier werk", "Openstaande vacatures tijdelijk ingevuld",
     "Vacatures vast invullen"),
    ("SPECIFIEK", "Klussen", "Administratieve achterstanden wegwerken", "Geen"),
    ("SPECIFIEK", "Verloop en mobiliteit", "Overbrugging bij vertrek van medewerkers",
     "Eerder werven"),
    ("SPECIFIEK", "Nieuwe wetgeving", "Invoering van nieuwe wetten en regelingen",
     "Kennis opbouwen in vaste formatie"),
)

RISKS: tuple[tuple[str, str, str, str], ...] = (
    ("Open-einderegelingen", "materieel",
     "Op de bijstand en de bijzondere bijstand kan iedereen een beroep doen die aan de "
     "voorwaarden voldoet. Een stijging van het aantal aanvragen leidt direct tot hogere "
     "uitgaven voor de {organisatie.gemeenten} gemeenten.",
     "De uitgaven maandelijks volgen en grote verschillen tijdig melden aan de "
     "portefeuillehouders."),
    ("Tekort op het BUIG-budget", "materieel",
     "Het rijksbudget voor de uitkeringen sluit niet altijd aan op de werkelijke uitgaven. Een "
     "tekort komt ten laste van de gemeenten.",
     "Sturen op uitstroom en zo nodig tijdig een vangnetuitkering aanvragen."),
    ("Terugvordering en invordering", "materieel",
     "Teruggevorderde bedragen worden niet altijd geïnd, bijvoorbeeld bij schulden of vertrek "
     "naar het buitenland.",
     "Invordering strak bewaken en afspraken maken met de klant over aflossing."),
    ("Kosten van de ICT-vervanging", "materieel",
     "De aanbesteding van nieuwe software kan duurder uitvallen dan begroot.",
     "Een reserve aanhouden en de aanbesteding gefaseerd uitvoeren."),
    ("Energietoeslag en andere tijdelijke regelingen", "materieel",
     "Het rijk vraagt gemeenten regelingen snel uit te voeren; de uitvoeringskosten worden niet "
     "altijd volledig vergoed.",
     "Uitvoeringskosten apart registreren en bij het rijk melden."),
    ("Agressie tegen medewerkers", "immaterieel",
     "Medewerkers krijgen soms te maken met (verbale) agressie; dat tast het gevoel van "
     "veiligheid aan.",
     "Medewerkers trainen, incidenten registreren en bij wangedrag direct optreden."),
    ("Privacy en informatiebeveiliging", "immaterieel",
     "Wij verwerken veel gevoelige persoonsgegevens. Een datalek schaadt inwoners en het "
     "vertrouwen in de organisatie.",
     "Bewustwording vergroten, toegangsrechten periodiek controleren en datalekken melden."),
    ("Afhankelijkheid van sleutelfuncties", "immaterieel",
     "Specialistische kennis zit bij enkele medewerkers; uitval of vertrek raakt de continuïteit.",
     "Kennis vastleggen in werkinstructies en collega's inwerken in elkaars taken."),
    ("Bestuurlijke afstemming", "immaterieel",
     "Wij werken voor {organisatie.gemeenten} gemeenten met elk een eigen college; afstemming "
     "kost tijd en kan besluiten vertragen.",
     "Een gezamenlijke beleids- en uitvoeringskalender en vaste overlegmomenten."),
    ("Mismatch in competenties", "immaterieel",
     "Integraal werken vraagt andere vaardigheden dan voorheen; niet iedereen maakt die stap "
     "even snel.",
     "Investeren in opleiding en de ontwikkeling bespreken in de gesprekscyclus."),
)

PROJECTS: tuple[tuple[str, str, list[str], list[str]], ...] = (
    ("Aanbesteding software sociaal domein",
     "Het huidige systeem is aan vervanging toe; de leverancier ontwikkelt het niet verder.",
     ["Betere ondersteuning van de consulenten", "Minder handmatig werk"],
     ["Nieuwe software aanbesteed", "Gegevens overgezet"]),
    ("Digitaal aanvragen bijzondere bijstand",
     "Inwoners willen hun aanvraag digitaal kunnen indienen en de voortgang kunnen volgen.",
     ["Snellere afhandeling", "Minder papieren post"],
     ["Digitaal formulier in gebruik", "Koppeling met het zaaksysteem"]),
    ("Dashboard sturingsinformatie",
     "Management en bestuur vragen actuele cijfers over instroom, uitstroom en doorlooptijden.",
     ["Beter zicht op de uitvoering"], ["Dashboard per gemeente", "Maandelijkse rapportage"]),
    ("Digitalisering archief",
     "Het papieren archief neemt ruimte in en is slecht doorzoekbaar.",
     ["Dossiers overal beschikbaar"], ["Archief gedigitaliseerd", "Papieren archief vernietigd"]),
)

ACTIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Dienstverlening", ("Eén aanspreekpunt voor elke inwoner",
                         "Werken met de omgekeerde toets",
                         "Vereenvoudigen van formulieren en brieven",
                         "Vaker op huisbezoek bij nieuwe aanvragen"),
     ("heldere brieven", "digitale aanvragen", "telefonische bereikbaarheid")),
    ("Werk en participatie", ("Intensievere begeleiding van jongeren",
                              "Samenwerking met werkgevers in de regio",
                              "Meer inzet op parttime werk",
                              "Nazorg na uitstroom naar werk"),
     ("jobcoaching", "werkervaringsplaatsen", "scholing")),
    ("Armoede en schulden", ("Vroegsignalering van betalingsachterstanden",
                             "Vergroten van het bereik van minimaregelingen",
                             "Preventie van schulden bij jongeren"),
     ("voorlichting op scholen", "samenwerking met woningcorporaties", "budgetcursussen")),
    ("Organisatie", ("Opleidingsplan voor alle medewerkers",
                     "Terugdringen van het verzuim",
                     "Procesverbetering volgens de LEAN-methode",
                     "Actualiseren van de werkinstructies"),
     ("teamtrainingen", "gesprekscyclus", "intervisie")),
)

PRODUCTIONS: tuple[str, ...] = (
    "Jaarplan $jaar", "Jaarverslag en jaarrekening $jaar", "Beleidsregels bijzondere bijstand",
    "Re-integratieverordening", "Beleidsregels terugvordering en verhaal",
    "Uitvoeringsplan energietoeslag", "Evaluatie minimabeleid", "Subsidie sociaal raadslieden",
    "Subsidie vroegsignalering", "Aanvraag vangnetuitkering", "Beleidsplan schuldhulpverlening",
    "Verordening cliëntenparticipatie", "Klanttevredenheidsonderzoek",
    "Dienstverleningsovereenkomst inburgering",
)
