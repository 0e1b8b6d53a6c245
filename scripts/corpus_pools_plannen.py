"""Building blocks of the meerjarenbeleidsplan, uitvoeringsplan and voortgangsrapportage data.

Generic Dutch example text, clearly invented; figures in texts are placeholders
(`{kerncijfers.groep.naam}`) filled from the data.
"""

from __future__ import annotations

# (titel, stand van zaken, acties, aandachtspunten) per theme of the uitvoeringsplan
TOPICS: dict[str, tuple[tuple[str, str, tuple[str, ...], str], ...]] = {
    "3.1": (
        ("Werkgeversdienstverlening",
         "De samenwerking met het regionale werkgeversservicepunt is het afgelopen jaar "
         "verstevigd. Werkgevers weten ons beter te vinden, maar de match met kandidaten blijft "
         "lastig in een krappe arbeidsmarkt.",
         ("Gezamenlijke werkgeversbenadering met de regio",
          "Minimaal {kerncijfers.doelen.sroi_plaatsingen} plaatsingen in het kader van social "
          "return", "Kwartaalgesprekken met de grootste werkgevers",
          "Organiseren van een banenmarkt"),
         "De krapte op de arbeidsmarkt biedt kansen, maar vraagt ook om intensievere begeleiding "
         "van kandidaten met een grotere afstand tot werk."),
        ("Loonkostensubsidie en jobcoaching",
         "Het aantal plaatsingen met loonkostensubsidie groeit langzaam. De loonwaardebepaling "
         "is uitbesteed aan een gecertificeerde partij.",
         ("Minimaal {kerncijfers.doelen.lks_plaatsingen} kandidaten plaatsen met "
          "loonkostensubsidie", "Evaluatie van de inzet van jobcoaches",
          "Afspraken met werkgevers over duurzame plaatsing"),
         "De middelen voor jobcoaching staan onder druk; een keuze in doelgroepen kan nodig "
         "zijn."),
        ("Jongeren en voortijdig schoolverlaters",
         "Samen met het onderwijs en het jongerenloket volgen wij jongeren zonder "
         "startkwalificatie. Het bereik is verbeterd, vooral bij jongeren met een uitkering.",
         ("Warme overdracht van school naar werk", "Leerwerktrajecten in de techniek en de zorg",
          "Gezamenlijk casusoverleg met het onderwijs"),
         "Een deel van de jongeren is moeilijk bereikbaar; outreachend werken kost tijd."),
        ("Beschut werk en sociale werkvoorziening",
         "Het aantal plekken beschut werk is volgens de taakstelling ingevuld. De sociale "
         "werkvoorziening krimpt geleidelijk.",
         ("Nieuwe plekken beschut werk werven", "Toekomstverkenning van het werkbedrijf"),
         "De rijksbijdrage dekt de kosten van beschut werk niet volledig."),
    ),
    "3.2": (
        ("Poortwachtersfunctie en instroom",
         "Elke nieuwe aanvraag begint met een gesprek over werk. Het aantal aanvragen is "
         "stabiel, met een lichte stijging bij zelfstandigen.",
         ("Werkintake binnen een week na de melding", "Actualiseren van de werkwijze zoektermijn",
          "Samenwerking met het UWV bij het einde van de WW"),
         "Een stijging van de instroom drukt direct op het budget voor de uitkeringen."),
        ("Dienstverlenend handhaven",
         "Wij kiezen voor voorkomen boven bestraffen: heldere informatie vooraf en een "
         "gesprek bij twijfel.",
         ("Voortijdig informeren over rechten en plichten", "Controle op maat",
          "Verwachte opbrengst terugvordering en verhaal van "
          "{kerncijfers.doelen.opbrengst_tv}"),
         "De menselijke maat vraagt ruimte voor afwegingen; die leggen wij vast in het dossier."),
        ("Herbeoordeling van het zittende bestand",
         "Door drukte bij de aanvragen is de herbeoordeling achtergebleven.",
         ("Plan van aanpak herbeoordelingen", "Themacontroles op woonsituatie en vermogen"),
         "Voor een inhaalslag is tijdelijk extra capaciteit nodig."),
        ("Klachtbehandeling",
         "Klachten worden binnen de wettelijke termijn afgehandeld; de meeste worden in een "
         "gesprek opgelost.",
         ("Elk kwartaal een analyse van de klachten", "Terugkoppeling van lessen aan de teams"),
         "Geen bijzondere aandachtspunten."),
    ),
    "3.3": (
        ("Vroegsignalering van schulden",
         "Signalen van betalingsachterstanden bij huur, energie, water en zorgverzekering komen "
         "binnen en worden opgevolgd met een aanbod voor een gesprek.",
         ("Elk signaal binnen de termijn opvolgen", "Huisbezoeken bij meervoudige signalen",
          "Afspraken met woningcorporaties over vroege melding"),
         "Bij een toename van het aantal signalen komt de termijn voor een persoonlijk aanbod "
         "onder druk."),
        ("Minimabeleid",
         "Het bereik van de minimaregelingen is verbeterd, maar nog niet iedereen die recht heeft "
         "maakt er gebruik van.",
         ("Eén aanvraagformulier voor meerdere regelingen", "Actief benaderen van werkende armen",
          "Evaluatie van de individuele inkomenstoeslag"),
         "Niet-gebruik blijft hardnekkig, vooral bij ouderen en werkenden."),
        ("Schuldhulpverlening",
         "De wachttijd voor een eerste gesprek is teruggebracht. Het aantal saneringstrajecten "
         "stijgt licht.",
         ("Nieuw beleidsplan schuldhulpverlening", "Inzet van vrijwillige budgetcoaches",
          "Samenwerking met de kredietbank"),
         "De kosten van beschermingsbewind blijven stijgen."),
    ),
}

# a second paragraph for any topic's stand van zaken, and a follow-up for a status
MORE_STAND: tuple[str, ...] = (
    "In de tweede helft van het jaar is met de uitvoeringspartners geëvalueerd wat goed ging en "
    "wat beter kan. De uitkomsten zijn verwerkt in de acties hieronder.",
    "De monitor laat zien dat de ingezette lijn werkt, al verschilt het tempo per gemeente. We "
    "blijven de ontwikkeling per kwartaal volgen.",
    "Het onderwerp is besproken met de adviesraad sociaal domein. Die vroeg vooral aandacht voor "
    "de bereikbaarheid van de dienstverlening voor kwetsbare inwoners.",
    "Corona en de krappe arbeidsmarkt hebben de uitvoering het afgelopen jaar beïnvloed; een "
    "deel van de geplande activiteiten is daardoor later gestart.",
)

INTROS: tuple[str, ...] = (
    "Dit onderwerp volgt uit de programmabegroting en uit de afspraken met de gemeenteraad. Het "
    "raakt meerdere teams en partners; daarom beschrijven we het hier apart.",
    "Landelijke wetgeving en regionale afspraken bepalen voor een groot deel wat hier moet "
    "gebeuren. De ruimte voor lokale keuzes gebruiken we om aan te sluiten bij wat inwoners "
    "nodig hebben.",
    "Het onderwerp is nieuw in dit plan. Het vorige jaar is het verkend; dit jaar volgt de "
    "uitvoering, met een evaluatie aan het eind van het jaar.",
)

MORE_STATUS: tuple[str, ...] = (
    "Over de voortgang rapporteren wij in de jaarrekening.",
    "De raad is hierover in het tweede kwartaal geïnformeerd.",
    "De uitvoering gebeurt samen met de partners in de regio.",
    "De kosten blijven binnen het beschikbare budget.",
)

DEVELOPMENT: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("Monitoring en sturing",
     "Het dashboard met sturingsinformatie is in gebruik, maar nog niet compleet.",
     ("Kwartaalgesprekken op basis van de monitor", "Doorontwikkeling van indicatoren"),
     "Tijdige aanlevering van gegevens uit het uitkeringssysteem is een voorwaarde."),
    ("Opdrachtgeverschap",
     "De afspraken met uitvoeringspartners worden scherper vastgelegd, met duidelijke rollen.",
     ("Afspraken per partner vastleggen", "Jaarplanning van de overleggen"),
     "Dit vraagt een andere manier van werken van het team."),
    ("Teamontwikkeling",
     "Het team heeft een druk jaar achter de rug met veel nieuwe collega's.",
     ("Opstellen van een teamplan", "Inwerkprogramma voor nieuwe collega's"),
     "Hybride werken blijft vragen om bewuste momenten van ontmoeting."),
)

# (naam, omschrijving, soort): plain, bedrag (one amount), bedragen (per gemeente), enkele
REGELINGEN: tuple[tuple[str, str, str], ...] = (
    ("Individuele inkomenstoeslag", "Een jaarlijkse toeslag bij een langdurig laag inkomen "
     "zonder uitzicht op verbetering.", "bedragen"),
    ("Bijdrage sport en cultuur", "Een bijdrage voor elk gezinslid om mee te doen aan sport, "
     "muziek en cultuur.", "bedragen"),
    ("Uitstroompremie", "Een premie van {bedrag} als stimulans om een betaalde baan te "
     "accepteren.", "bedrag"),
    ("Vrijlating giften", "Giften tot {bedrag} per jaar worden niet gekort op de uitkering.",
     "bedrag"),
    ("Bijdrage eigen risico zorgverzekering", "Onder voorwaarden een bijdrage in het eigen "
     "risico van de zorgverzekering.", "bedragen"),
    ("Collectieve zorgverzekering", "Een aanvullende zorgverzekering met korting voor inwoners "
     "met een laag inkomen.", "plain"),
    ("Internetabonnement", "Een bijdrage in de kosten van een internetabonnement.", "plain"),
    ("Schoolkostenregeling", "Een vergoeding voor schoolkosten van kinderen.", "bedragen"),
    ("Mantelzorgcompliment", "Een jaarlijkse blijk van waardering voor mantelzorgers.",
     "enkele"),
    ("Kledingpakket kinderen", "Via een stichting kunnen kinderen uit gezinnen met een laag "
     "inkomen een kledingpakket uitzoeken.", "enkele"),
    ("Bibliotheekabonnement", "Een gratis abonnement op de bibliotheek voor volwassenen.",
     "enkele"),
)

SPEERPUNTEN: tuple[str, ...] = (
    "Formatie in overeenstemming brengen met de formatiecalculatie.",
    "De pilot waarin {kerncijfers.pilot.werkcoaches_totaal} werkcoaches worden aangestuurd "
    "door de werkbedrijven evalueren en de uitkomsten uitvoeren.",
    "Beleid en uitvoering permanent langs de menselijke maat leggen.",
    "Overleg en informatievoorziening met de werkbedrijven en vrijwilligerscentrales "
    "structureren.",
    "Permanente screening van het bestand, met aandacht voor beschut werk.",
    "Huisbezoeken voorafgaand aan de toekenning voortzetten.",
    "Rapportages van de uitvoeringspartners op elkaar laten aansluiten.",
    "Administratieve taken in het sociaal domein overnemen waar dat de gemeenten ontzorgt.",
    "Deelnemen aan de wijkgerichte aanpak van de gemeenten.",
    "Het bereik van de minimaregelingen vergroten tot minimaal "
    "{kerncijfers.bereik.minimaregelingen}.",
    "Vroegsignalering van schulden verder uitbouwen.",
)

WETTEN: tuple[tuple[str, str], ...] = (
    ("Participatiewet", "Regelt bijstand voor wie onvoldoende inkomen of vermogen heeft om in "
     "het eigen levensonderhoud te voorzien, en ondersteuning bij het vinden van werk."),
    ("IOAW", "Inkomensvoorziening voor oudere en gedeeltelijk arbeidsongeschikte werkloze "
     "werknemers, aanvullend tot het sociaal minimum."),
    ("IOAZ", "Inkomensvoorziening voor oudere en gedeeltelijk arbeidsongeschikte gewezen "
     "zelfstandigen."),
    ("Besluit bijstandverlening zelfstandigen", "Ondersteuning van zelfstandigen met tijdelijke "
     "financiële problemen."),
    ("Wet gemeentelijke schuldhulpverlening", "Regelt de schuldhulpverlening en de "
     "vroegsignalering door gemeenten."),
    ("Wet inburgering", "Regelt de inburgering van nieuwkomers onder regie van de gemeente."),
)

# (hoofdactiviteit, ((activiteit, resultaat), ...)) for the voortgangsrapportage
ACTIVITIES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Handhaving en rechtmatigheid", (
        ("Inzet van handhavers in het sociaal domein", "Resultaten in het jaarverslag"),
        ("Themacontroles op woonsituatie", "Rapportage aan het college"))),
    ("Inkomensondersteuning", (
        ("Armoedemonitor in eigen beheer", "Inzicht in armoede en het gebruik van regelingen"),
        ("Vereenvoudigen van de aanvraag", "Eén formulier voor alle minimaregelingen"))),
    ("Re-integratie en participatie", (
        ("Maximale ondersteuning aan inwoners met een arbeidsbeperking",
         "Meer kwetsbare inwoners aan het werk"),
        ("Uitvoeren van het plan van aanpak participatie",
         "Rapportage in het jaarverslag participatie"),
        ("Uitvoeren van de Wet inburgering", "Eerste voortgangsrapportage aan de raad"))),
    ("Schuldhulpverlening", (
        ("Uitvoeren beleidsplan schuldhulpverlening", "Rapportage via de P&C-cyclus"),
        ("Vroegsignalering", "Elk signaal opgevolgd met een aanbod"))),
    ("Jeugdhulp", (
        ("Uitvoering van de regiovisie jeugdhulp", "Beheersing van de kosten van jeugdhulp"),
        ("Pilot praktijkondersteuner jeugd bij de huisarts", "Minder verwijzingen"))),
    ("Inburgering", (
        ("Uitvoering van de leerroutes", "Alle inburgeraars volgen een passende leerroute"),
        ("Participatieverklaringstraject", "Trajecten ingekocht en gestart"))),
    ("Bedrijfsvoering sociaal domein", (
        ("Aanbesteding software sociaal domein", "Nieuw systeem in gebruik"),
        ("Digitalisering van het archief", "Archief volledig digitaal"),
        ("Dashboard sturingsinformatie", "Maandelijkse rapportage per gemeente"))),
    ("Wmo en beschermd wonen", (
        ("Resultaatgericht werken bij begeleiding", "Aansturen op effectieve ondersteuning"),
        ("Transformatie beschermd wonen naar beschermd thuis", "Uitvoeringsplan regio"),
        ("Uitvoeren van het interventieplan sociaal domein", "Beheersing van de kosten"))),
)

STATUS_TEXTS: dict[str, tuple[str, ...]] = {
    "op schema": ("De uitvoering verloopt volgens plan. De raad wordt via de P&C-cyclus "
                  "geïnformeerd over de resultaten.",
                  "De activiteit loopt zoals gepland; de eerste resultaten zijn positief.",
                  "Op dit moment worden {kerncijfers.participatie.begeleid} inwoners begeleid, "
                  "van wie {kerncijfers.participatie.loonkostensubsidie} met "
                  "loonkostensubsidie."),
    "vertraagd": ("Door andere prioriteiten binnen het sociaal domein is de activiteit "
                  "vertraagd. De start is verschoven naar het volgende jaar.",
                  "De voorbereiding kost meer tijd dan verwacht; de raad wordt in het "
                  "volgende kwartaal geïnformeerd over de nieuwe planning."),
    "gereed": ("De activiteit is afgerond en het resultaat is opgeleverd.",
               "Het plan is vastgesteld en de uitvoering is overgedragen aan de lijn."),
    "niet gestart": ("De activiteit start later in het jaar, na de vaststelling van de "
                     "kaders door de raad.",),
    "stopgezet": ("De activiteit is stopgezet omdat het rijk de regeling heeft ingetrokken.",),
}

# taakveld, naam, share of the lasten, baten as share of the lasten, subjects
TAAKVELDEN: tuple[tuple[str, str, int, float, tuple[str, ...]], ...] = (
    ("630", "Inkomensregelingen", 30, 0.7,
     ("Uitkeringen Participatiewet", "Bijzondere bijstand", "Bedrijfskredieten zelfstandigen",
      "Energietoeslag")),
    ("640", "Begeleide participatie", 9, 0.0, ("Sociale werkvoorziening", "Beschut werk")),
    ("650", "Arbeidsparticipatie", 5, 0.0, ("Re-integratietrajecten", "Urenverantwoording")),
    ("660", "Maatwerkvoorzieningen (WMO)", 7, 0.03, ("Woonvoorzieningen", "Hulpmiddelen")),
    ("671", "Maatwerkdienstverlening 18+", 14, 0.05, ("Hulp bij het huishouden", "Begeleiding")),
    ("672", "Maatwerkdienstverlening 18-", 32, 0.0, ("Jeugdhulp", "Jeugdhulp met verblijf")),
    ("681", "Geëscaleerde zorg 18+", 1, 0.0, ("Beschermd wonen",)),
    ("682", "Geëscaleerde zorg 18-", 2, 0.0, ("Jeugdbescherming",)),
)

REASONS: tuple[str, ...] = (
    "Dit is het gevolg van een hoger aantal cliënten dan bij de begroting werd verwacht.",
    "De bijstelling volgt de meest recente prognose van de uitgaven.",
    "De tarieven zijn geïndexeerd en het gebruik van de voorziening is toegenomen.",
    "Door kostenbeheersingsmaatregelen blijven de uitgaven achter bij de begroting.",
    "Op basis van de gerealiseerde urenverantwoording zijn de uren opnieuw verdeeld.",
    "De rijksbijdrage is bij de meicirculaire aangepast.",
)
