"""Paragraphs of example prose for the generated documents: generic Dutch, clearly invented.

The rule of the project holds here too: no figure is typed by hand. Years come from the page
variables (`{{ jaar }}`, `{{ vorig_jaar }}`), names from `{{ organisatie_kort }}` and
`{{ gemeenten }}`, and `$gemeente` is replaced by a gemeente's name.
"""

from __future__ import annotations

NOTE = (
    '!!! note "Gegenereerd voorbeeld"\n\n'
    "    Dit document is automatisch gemaakt voor een schaaltest van pcdocs. De organisatie, "
    "de gemeenten, de tekst en alle cijfers zijn verzonnen; elke gelijkenis met een bestaande "
    "organisatie berust op toeval.\n"
)

VOORWOORD = (
    "Voor u ligt het jaarplan {{ jaar }} van {{ organisatie_kort }}, de uitvoeringsorganisatie "
    "voor werk en inkomen van {{ gemeenten }}. Dit plan beschrijft de werkzaamheden, de "
    "prestatieafspraken en de inzet van middelen voor het komende jaar.",
    "We kijken kort terug op {{ vorig_jaar }} en blikken vooruit naar {{ jaar }}. Daarbij geven "
    "we aan waar de focus ligt, zowel in de uitvoering als in het beleid.",
    "Het plan is opgesteld in overleg met de portefeuillehouders, het management en de teams. "
    "De cliëntenraad heeft meegelezen en advies gegeven over de speerpunten.",
)

TERUGBLIK = (
    "{{ vorig_jaar }} was opnieuw een bewogen jaar. Landelijke maatregelen op het gebied van "
    "bestaanszekerheid vroegen veel van de uitvoering: uitkeringen werden verhoogd en tijdelijke "
    "regelingen moesten in korte tijd worden uitgevoerd.",
    "Naast de reguliere taken, zoals inkomensondersteuning, bemiddeling naar werk en "
    "schuldhulpverlening, heeft {{ organisatie_kort }} in {{ vorig_jaar }} een aantal projecten "
    "afgerond. Het digitale aanvraagproces is uitgebreid en de samenwerking met de "
    "werkbedrijven in de regio is verstevigd.",
    "Al met al was het een intensief jaar, waarin we met elkaar veel inwoners hebben kunnen "
    "helpen. Dat is te danken aan de inzet van de medewerkers en aan de goede samenwerking met "
    "onze partners.",
    "De krapte op de arbeidsmarkt bood kansen: meer mensen dan verwacht vonden de weg naar "
    "werk. Tegelijk bleef een groep over met een grote afstand tot de arbeidsmarkt, die "
    "intensieve begeleiding nodig heeft.",
)

VOORUITBLIK = (
    "In {{ jaar }} blijven we alle reguliere taken uitvoeren. Daarnaast staat een aantal "
    "nieuwe taken op de agenda, waaronder de voorbereiding op landelijke wetswijzigingen in de "
    "Participatiewet.",
    "We evalueren het minimabeleid en komen met voorstellen om de regelingen eenvoudiger en "
    "beter bereikbaar te maken. Ook starten we met de voorbereiding van een nieuw beleidsplan "
    "schuldhulpverlening.",
    "Samenvattend wordt {{ jaar }} opnieuw een druk jaar, maar vooral een jaar waarin we voor "
    "inwoners het verschil maken.",
)

SPEERPUNTEN_INTRO = (
    "De reguliere dienstverlening aan de inwoner staat voorop. Daarnaast lichten we een aantal "
    "speerpunten uit, met de concrete acties die we in {{ jaar }} ondernemen.",
    "De speerpunten volgen uit de afspraken met de gemeenten en uit wat we het afgelopen jaar "
    "hebben geleerd. Over de voortgang rapporteren we in de bestuursrapportages.",
)

MEDEWERKERS = (
    "De medewerkers van {{ organisatie_kort }} zijn goed geschoold en zeer betrokken. Het is "
    "van belang dat zij zich blijven ontwikkelen; daarom trainen we periodiek, in groepen en "
    "individueel.",
    "Extra taken die de afgelopen jaren bijna elk jaar op ons afkwamen, proberen we binnen de "
    "bestaande formatie uit te voeren. Lukt dat niet, dan huren we tijdelijk personeel in.",
)

VERZUIM = (
    "Ziekteverzuim heeft in onze organisatie veel aandacht. Het langdurig verzuim is voor een "
    "groot deel niet werkgerelateerd; in overleg met de bedrijfsarts sturen we op inzetbaarheid, "
    "vaak in kleine stappen.",
    "We onderzoeken hoe werk en privé beter in balans kunnen blijven, onder meer met aandacht "
    "voor werkdruk in de teams met de meeste klantcontacten.",
)

INHUUR = (
    "Externe inhuur zetten we in bij verzuim, bij pieken in het werk en voor specialistische "
    "kennis die we niet zelf in huis hebben. Hieronder staat de verwachte inhuur per reden en "
    "per soort inhuur.",
)

ICT = (
    "Informatievoorziening is een voorwaarde voor goede dienstverlening. Dit jaar werken we aan "
    "de volgende opgaven.",
    "Bij elke opgave kijken we eerst of de oplossing aansluit bij de werkprocessen en bij wat "
    "de gemeenten zelf gebruiken.",
)

GEMEENTEN_INTRO = (
    "De ontwikkeling van het aantal uitkeringen verschilt per gemeente. Hieronder staat per "
    "gemeente wat dat betekent voor de uitvoering.",
)

GEMEENTE = (
    "In $gemeente gaat dit jaar extra aandacht naar jongeren zonder startkwalificatie, samen "
    "met het onderwijs en het jongerenloket.",
    "In $gemeente loopt een pilot met spreekuren in de wijk, zodat inwoners dichter bij huis "
    "terecht kunnen met vragen over werk en inkomen.",
    "$gemeente heeft gevraagd om extra inzet op vroegsignalering van schulden; die wordt "
    "bekostigd uit een eigen budget van de gemeente.",
    "In $gemeente werken we nauw samen met het lokale werkbedrijf aan trajecten voor inwoners "
    "met een grote afstand tot de arbeidsmarkt.",
)

RISICO = (
    "Risicomanagement helpt ons om tijdig bij te sturen. We hanteren een breed risicobegrip: "
    "naast financiële risico's nemen we ook risico's op voor de kwaliteit van de dienstverlening "
    "en voor de organisatie.",
    "Elk risico heeft een kans en een netto verwachte omvang; samen bepalen die de plaats in de "
    "matrix. De klassen zijn voor alle jaren gelijk.",
)

VERANTWOORDING = (
    "Wij verantwoorden ons met financiële indicatoren, bestuursindicatoren en "
    "kwaliteitsindicatoren. Een belangrijke overweging is dat we ons richten op wat de "
    "uitvoeringsorganisatie zelf in de hand heeft.",
    "Voor de doorlooptijden hanteren we strengere interne normen dan de wet voorschrijft: "
    "inwoners moeten zo snel mogelijk weten waar zij aan toe zijn.",
)

MJBP_INLEIDING = (
    "Dit is het meerjarenbeleidsplan {{ looptijd }} van {{ organisatie_kort }}. De looptijd is "
    "zoveel mogelijk gelijk aan de zittingsperiode van de gemeenteraden.",
    "In hoofdstuk 1 kijken we terug op de veranderingen van de afgelopen jaren. In hoofdstuk 2 "
    "beschrijven we onze taken, in hoofdstuk 3 de ontwikkelingen die op ons afkomen en in "
    "hoofdstuk 4 de speerpunten voor de komende jaren.",
)

MJBP_SAMENWERKING = (
    "De gemeenten hebben de re-integratie van hun inwoners grotendeels belegd bij hun eigen "
    "werkbedrijf. {{ organisatie_kort }} blijft verantwoordelijk voor het inkomen en voor de "
    "diagnose aan de poort.",
    "De taakverdeling tussen {{ organisatie_kort }} en de werkbedrijven is de afgelopen jaren "
    "scherper geworden. Daarbij geldt het principe: mens volgt werk.",
)

MJBP_LANDELIJK = (
    "Landelijke affaires rond de toeslagen hebben het denken over de uitvoering veranderd. Beleid "
    "en uitvoering worden de komende jaren permanent langs de menselijke maat gelegd.",
    "Na een periode van economische onzekerheid veerde de arbeidsmarkt snel op. Sociale diensten "
    "hebben nu vooral cliënten met een grotere afstand tot werk.",
    "De stijgende kosten van levensonderhoud raken juist de inwoners met een laag inkomen. Wij "
    "voeren de tijdelijke regelingen van het rijk uit en signaleren waar extra hulp nodig is.",
)

MJBP_BAND = (
    "Voor cliënten in deze groep is een traject richting werk op dit moment niet haalbaar. Wel "
    "verwachten we dat zij naar vermogen meedoen in de samenleving, bijvoorbeeld met "
    "vrijwilligerswerk.",
    "Deze cliënten volgen een traject bij het werkbedrijf. {{ organisatie_kort }} verstrekt "
    "tijdens het traject de uitkering en ondersteunt met administratieve taken.",
    "Deze cliënten zijn direct bemiddelbaar. Het werkgeversservicepunt zoekt samen met hen naar "
    "een passende baan, zo nodig met een arbeidsmarktinstrument.",
)

MJBP_TAKEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Handhaving en rechtmatigheid", (
        "Een rechtmatige verstrekking van uitkeringen is de basis van het vertrouwen van "
        "inwoners en gemeenten. Wij controleren aan de poort en tijdens de uitkering, met "
        "aandacht voor de menselijke maat.",
        "De sociale recherche ondersteunt de consulenten bij signalen van fraude en onderzoekt "
        "zaken waarin opzet vermoed wordt. Bij vergissingen kiezen we eerst voor een gesprek.",
        "Terugvordering en verhaal voeren we uit volgens de beleidsregels van de gemeenten. "
        "Waar een inwoner schulden heeft, stemmen we af met de schuldhulpverlening.",
    )),
    ("Administratieve ondersteuning", (
        "{{ organisatie_kort }} neemt administratieve taken over van de werkbedrijven, zodat "
        "de ontwikkelcoaches meer tijd hebben voor hun kandidaten.",
        "Wij leveren de gemeenten en de werkbedrijven periodiek cijfers over instroom, uitstroom "
        "en het bestand. De komende periode lijnen we die rapportages verder uit.",
        "De gemeenten vragen ons de opgebouwde kennis van administratie en automatisering breder "
        "in te zetten in het sociaal domein, bijvoorbeeld bij terugvordering in de Wmo.",
    )),
    ("Schuldhulpverlening en vroegsignalering", (
        "Schulden zijn vaak een belemmering om aan het werk te gaan. Medewerkers van "
        "{{ organisatie_kort }} signaleren betalingsproblemen vroeg en verwijzen door naar de "
        "schuldhulpverlening.",
        "Signalen van woningcorporaties, energie- en zorgverzekeraars volgen we op met een "
        "aanbod voor een gesprek. Het aantal signalen neemt naar verwachting nog toe.",
    )),
)

MJBP_DIENSTVERLENING = (
    "Inwoners kunnen bij ons terecht aan de balie, telefonisch en digitaal. De meeste "
    "aanvragen komen inmiddels digitaal binnen; voor wie dat niet lukt, blijft persoonlijk "
    "contact mogelijk.",
    "Voordat een uitkering wordt toegekend, brengen we bij nieuwe aanvragen een huisbezoek. "
    "Zo leren we de situatie van de inwoner kennen en kunnen we gericht doorverwijzen.",
    "Klanttevredenheid meten we periodiek. De uitkomsten bespreken we met de cliëntenraad en "
    "vertalen we in verbeteracties.",
)

MJBP_FINANCIEN = (
    "De kosten van {{ organisatie_kort }} worden verdeeld over de gemeenten naar rato van het "
    "aantal cliënten. Maatwerk voor één gemeente wordt apart verrekend.",
    "De begroting volgt de uitgangspunten van dit plan. Nieuwe taken nemen we alleen op als de "
    "financiering ervan geregeld is.",
    "De budgetten voor de uitkeringen en de re-integratie zijn van de gemeenten; "
    "{{ organisatie_kort }} voert ze uit en rapporteert er per kwartaal over.",
)

MJBP_ONTWIKKELINGEN = (
    "De ontwikkelingen in het sociaal domein volgen elkaar snel op. Gemeenten zoeken naar de "
    "meest effectieve manier van uitvoeren: wijkgericht, integraal en dicht bij de inwoner.",
    "Wanneer keuzes van gemeenten verschillen en dat gevolgen heeft voor de capaciteit, "
    "verrekenen we dat als maatwerk met de betreffende gemeente.",
    "Regionaal wordt onderzocht of de re-integratie op termijn gebundeld kan worden. Voor het "
    "werk van {{ organisatie_kort }} heeft dat naar verwachting weinig gevolgen.",
)

UP_TOELICHTING = (
    "In dit uitvoeringsplan staat waarmee het programma Werk en inkomen in {{ jaar }} aan de "
    "slag gaat. Per onderwerp beschrijven we de stand van zaken eind {{ vorig_jaar }}, de acties "
    "voor {{ jaar }} en de aandachtspunten.",
    "Het doel van dit document is om gedurende het jaar koers te houden: zijn we met de goede "
    "dingen bezig, wat loopt anders dan gedacht en wat betekent dat voor de planning?",
    "Het plan is afgestemd met de uitvoerende teams. Op onderdelen wordt advies gevraagd aan de "
    "adviesraad sociaal domein.",
)

UP_INLEIDING = (
    "In dit uitvoeringsplan zetten we uiteen wat we binnen het programma komend jaar willen "
    "realiseren, binnen de kaders die daarvoor gelden.",
    "Dit plan is tevens de basis voor de afspraken met de uitvoeringspartners: het "
    "werkbedrijf, het jongerenloket en de schuldhulpverlening.",
    "Het uitvoeringsplan gaat ter besluitvorming naar het college en ter informatie naar de "
    "raad. Gedurende het jaar actualiseren we het met beleid en uitvoering.",
)

UP_KADERS = (
    "Participatiewet", "Beleidskader re-integratie", "Beleidsregels bijzondere bijstand",
    "Handhavingsplan", "Wet gemeentelijke schuldhulpverlening", "Wet inburgering",
    "Beleidsplan minimabeleid", "Regionale arbeidsmarktagenda",
)

UP_OPGAVE = (
    "Bevorderen dat mensen uitstromen uit de uitkering;",
    "Voorkomen dat mensen instromen in de uitkering;",
    "Mensen ontwikkelen zodat zij betere kansen hebben op de arbeidsmarkt;",
    "Zoveel mogelijk inwoners zijn economisch zelfstandig;",
    "Iedere inwoner met een laag inkomen of schulden weet welke ondersteuning er is.",
)

VG_INTRO = (
    "Per hoofdactiviteit van het programma staan hieronder de activiteit, het beoogde resultaat "
    "en een toelichting op de status. De status is afgeleid uit de voortgang tot en met het "
    "derde kwartaal.",
)

VG_GEMEENTE = (
    "Voor $gemeente zijn de mutaties in lijn met de landelijke ontwikkeling; er zijn geen "
    "bijzondere afwijkingen.",
    "In $gemeente stijgt het gebruik van de Wmo-voorzieningen sneller dan gemiddeld; dat is "
    "verwerkt in de bijstelling van de taakvelden.",
)
