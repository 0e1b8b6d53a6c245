"""Every finding code pcdocs reports, in one registry.

A finding (``pcdocs check``, the build, the preview, the other commands) carries one of
these codes. `Code` is the closed set: `Finding.code` and `PcdocsError(code=...)` are typed
with it, so mypy refuses a code that is not registered here. `CODES` gives each code its
default severity, a short Dutch title and a Dutch explanation for authors; the author guide
shows that table (macro ``meldingen()``, docs/handleiding/meldingen.md).

Every code is produced by at least one case of the bad-input corpus (tests/data/onjuist/),
or, when ``pcdocs check`` cannot produce it (only the build, the preview or another command
does), it is in `PRODUCED_ELSEWHERE` with the test that produces it
(tests/test_codes.py checks both).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

Code = Literal[
    "aanhalingsteken",
    "adres-bezet",
    "afgebroken",
    "al-gepubliceerd",
    "andere-soort",
    "archief",
    "archief-gewijzigd",
    "bandbreedte",
    "besluit-verschilt",
    "bestaat-al",
    "bestand-niet-toegestaan",
    "bestand-ontbreekt",
    "bestandsfout",
    "binair",
    "bron-wijkt-af",
    "buiten-bereik",
    "build",
    "cijfer-met-de-hand",
    "codering",
    "concept",
    "concept-niet-gemarkeerd",
    "configuratie",
    "delen-door-nul",
    "dubbele-code",
    "dubbele-bron",
    "dubbele-kolom",
    "dubbele-sleutel",
    "dubbele-soort",
    "dubbelzinnig-getal",
    "externe-koppeling",
    "formule",
    "formule-eenheid",
    "formule-functie",
    "formule-lus",
    "formule-onbekend",
    "formule-syntax",
    "formule-te-groot",
    "formule-zonder-waarde",
    "front-matter",
    "gebruik",
    "gedeelde-gegevens",
    "geen-analyse",
    "geen-bedrag",
    "geen-band",
    "geen-bestand",
    "geen-datum",
    "geen-gegevens",
    "geen-geheel-getal",
    "geen-getal",
    "geen-ja-nee",
    "geen-jaar",
    "geen-norm",
    "geen-organisatie",
    "geen-periode",
    "geen-realisatie",
    "geen-regeleinde",
    "geen-repository",
    "geen-schrijfrecht",
    "geen-shard",
    "geen-termijn",
    "gemeente-ontbreekt",
    "git",
    "git-revisie",
    "html-niet-toegestaan",
    "interne-fout",
    "klassentabel",
    "kolommen",
    "leeg-bestand",
    "lege-lijst",
    "lege-waarde",
    "link-naar-buiten",
    "los-bestand",
    "macro-argumenten",
    "macro-fout",
    "macro-limiet",
    "macro-syntax",
    "map-ontbreekt",
    "meerdere-realisaties",
    "mkdocs",
    "naam-te-lang",
    "niet-honderd-procent",
    "niet-toegelicht",
    "niet-toegestaan",
    "niet-vastgelegd",
    "nummering-uit",
    "omrekening",
    "onbekend-bestand",
    "onbekend-cijfer",
    "onbekend-document",
    "onbekend-taakveld",
    "onbekende-code",
    "onbekende-dataset",
    "onbekende-datum",
    "onbekende-editie",
    "onbekende-eenheid",
    "onbekende-gemeente",
    "onbekende-invulplaats",
    "onbekende-klasse",
    "onbekende-kolom",
    "onbekende-lijst",
    "onbekende-macro",
    "onbekende-sleutel",
    "onbekende-verwijzing",
    "onbekende-soort",
    "onbekende-verdeelsleutel",
    "onbekende-vorm",
    "onbekende-waarde",
    "ongeldige-code",
    "ongeldige-waarde",
    "onleesbaar",
    "ontbreekt",
    "ontbrekende-kolom",
    "ontbrekende-sleutel",
    "onveilige-werkmap",
    "organisatie-fout",
    "organisatie-ontbreekt",
    "pad-buiten-data",
    "pagina-te-complex",
    "pdf-afgesneden",
    "pdf-bron-geweigerd",
    "realisatie-leeg",
    "rekenen-in-pagina",
    "samenhang",
    "scheidingsteken",
    "schijf-vol",
    "schijffout",
    "schrijven",
    "shard",
    "shard-dubbel",
    "shard-ontbreekt",
    "shard-verschil",
    "sleutel-lus",
    "sluit-niet-aan",
    "stuurteken",
    "te-diep",
    "te-groot",
    "te-veel-bestanden",
    "te-veel-kolommen",
    "te-veel-rijen",
    "te-veel-waarden",
    "tekst-opmaak",
    "telt-niet-op",
    "toelichting-ontbreekt",
    "totaal-nul",
    "trekkingen",
    "verkeerd-type",
    "verwijzing-lus",
    "waarschijnlijk-fractie",
    "weerstand-onder-norm",
    "werkblad",
    "yaml-syntax",
]


@dataclass(frozen=True)
class CodeInfo:
    """What a code means, for the guide: severity as pcdocs reports it (``--strict`` makes
    every warning an error), a short title and an explanation (what it means, what to do)."""

    severity: Severity
    title: str
    explanation: str


def _error(title: str, explanation: str) -> CodeInfo:
    return CodeInfo("error", title, explanation)


def _warning(title: str, explanation: str) -> CodeInfo:
    return CodeInfo("warning", title, explanation)


CODES: dict[Code, CodeInfo] = {
    # -- files -------------------------------------------------------------------------
    "bestand-ontbreekt": _error(
        "Bestand ontbreekt",
        "Een gegevensbestand dat een document of macro nodig heeft, bestaat niet. Zet het "
        "bestand in `data/<organisatie>/<jaar>/` of controleer de naam."),
    "dubbele-bron": _error(
        "Dezelfde gegevens twee keer",
        "Naast elkaar staan een CSV- en een XLSX-bestand (of twee tabellen) met dezelfde "
        "naam, zodat niet duidelijk is welke geldt. Verwijder een van de twee."),
    "geen-bestand": _error(
        "Map in plaats van bestand",
        "Waar een bestand hoort, staat een map. Verwijder of hernoem de map en zet het "
        "bestand ervoor in de plaats."),
    "leeg-bestand": _error(
        "Leeg bestand",
        "Het bestand is leeg, bevat alleen commentaar of alleen een kopregel. Vul de "
        "gegevens in of verwijder het bestand."),
    "te-groot": _error(
        "Bestand te groot",
        "Een bestand is groter dan pcdocs leest (20 MiB). Splits het bestand of haal er "
        "uit wat het document niet gebruikt."),
    "onleesbaar": _error(
        "Bestand onleesbaar",
        "Het bestand kan niet worden gelezen (geen leesrecht, of een beschadigde werkmap). "
        "Controleer de rechten, of open en bewaar het bestand opnieuw."),
    "binair": _error(
        "Geen tekstbestand",
        "Het bestand bevat binaire gegevens, geen tekst. Bewaar het opnieuw als YAML, CSV "
        "of Markdown, of als XLSX met de extensie .xlsx."),
    "codering": _error(
        "Tekencodering onjuist",
        "De tekst is geen geldige UTF-8 (CSV uit Excel mag ook Windows-1252 zijn). Bewaar "
        "het bestand als UTF-8."),
    "stuurteken": _error(
        "Onzichtbaar stuurteken",
        "Het bestand bevat een onzichtbaar stuurteken, vaak meegekopieerd uit een ander "
        "programma. Verwijder het teken op de genoemde regel."),
    "afgebroken": _error(
        "Bestand afgebroken",
        "Het bestand houdt midden in een regel of waarde op: het is waarschijnlijk "
        "onvolledig gekopieerd of opgeslagen. Vergelijk het met het origineel."),
    "geen-regeleinde": _warning(
        "Laatste regel zonder regeleinde",
        "De laatste regel eindigt niet met een regeleinde, de andere wel: het bestand is "
        "misschien afgebroken. Vergelijk het met het origineel."),
    "link-naar-buiten": _error(
        "Snelkoppeling naar buiten",
        "Een snelkoppeling (symlink) in data/, docs/ of archief/ wijst naar een plaats "
        "buiten die map. Zet het bestand zelf in de map."),
    "pad-buiten-data": _error(
        "Pad buiten data/",
        "Een pad in de front matter of de gegevens wijst buiten data/. Noem een map of "
        "bestand binnen data/."),
    "map-ontbreekt": _error(
        "Gegevensmap ontbreekt",
        "De gegevensmap die de front matter noemt (data:), bestaat niet. Maak de map aan "
        "of verbeter de naam."),
    "bestand-niet-toegestaan": _error(
        "Bestand niet toegestaan in docs/",
        "In docs/ staan alleen pagina's (.md), afbeeldingen en downloads; een SVG moet een "
        "platte tekening zijn. Verwijder het bestand of bewaar het in een toegestane vorm."),
    "onbekend-bestand": _warning(
        "Onbekend gegevensbestand",
        "pcdocs kent dit gegevensbestand niet en leest het niet. Controleer de naam (de "
        "melding noemt de bekende namen) of verwijder het bestand."),
    "los-bestand": _warning(
        "Los bestand",
        "Dit bestand wordt alleen gelezen naast een ander bestand dat ontbreekt. Maak dat "
        "bestand aan of verwijder dit."),
    "geen-organisatie": _warning(
        "Map zonder organisatie",
        "Een map in data/ heeft geen organisatie.yaml. Beschrijf de organisatie of "
        "verwijder de map."),
    # -- YAML, CSV and XLSX ------------------------------------------------------------
    "yaml-syntax": _error(
        "YAML niet te lezen",
        "De schrijfwijze van het YAML-bestand klopt niet: inspringing, een dubbele punt, "
        "een tab of een aanhalingsteken. De melding noemt de regel."),
    "dubbele-sleutel": _error(
        "Dubbele sleutel",
        "Een sleutel staat twee keer in hetzelfde blok; alleen één kan gelden. Verwijder "
        "of hernoem een van beide."),
    "verwijzing-lus": _error(
        "Verwijzing naar zichzelf",
        "Een YAML-verwijzing (&anker en *anker) verwijst naar zichzelf. Schrijf de waarde "
        "uit in plaats van te verwijzen."),
    "te-diep": _error(
        "Te diep genest",
        "De gegevens zitten dieper in elkaar dan het bestand mag (ook: acties kunnen twee "
        "niveaus diep). Controleer de inspringing en de haakjes."),
    "te-veel-waarden": _error(
        "Te veel waarden",
        "Het bestand bevat meer waarden dan pcdocs leest (vaak door verwijzingen die "
        "elkaar vermenigvuldigen). Schrijf de gegevens eenvoudig uit."),
    "verkeerd-type": _error(
        "Verkeerde soort waarde",
        "Waar tekst, een getal, een lijst of een groep hoort, staat iets anders. De "
        "melding zegt wat er hoort."),
    "kolommen": _error(
        "Aantal cellen klopt niet",
        "Een rij van het CSV-bestand heeft meer of minder cellen dan de kop. Controleer het "
        "scheidingsteken en de aanhalingstekens in die rij."),
    "scheidingsteken": _error(
        "Scheidingsteken wisselt",
        "Het CSV-bestand gebruikt niet overal hetzelfde scheidingsteken (; of ,). Kies er "
        "één."),
    "aanhalingsteken": _error(
        "Aanhalingsteken niet gesloten",
        "Een cel in het CSV-bestand begint met een aanhalingsteken dat niet wordt "
        "gesloten. Sluit het aanhalingsteken of haal het weg."),
    "dubbele-kolom": _error(
        "Dubbele kolom",
        "Twee kolommen in de kop hebben dezelfde naam. Geef elke kolom een eigen naam."),
    "ontbrekende-kolom": _error(
        "Kolom ontbreekt",
        "Een verplichte kolom staat niet in de kop. De melding noemt de kolommen die "
        "horen."),
    "onbekende-kolom": _error(
        "Onbekende kolom",
        "De kop heeft een kolom die pcdocs niet kent, meestal een tikfout. De melding noemt "
        "de bedoelde kolom."),
    "werkblad": _error(
        "Werkblad bestaat niet",
        "Het genoemde werkblad staat niet in de werkmap. De melding noemt de werkbladen "
        "die er wel zijn."),
    "te-veel-rijen": _error(
        "Te veel rijen",
        "Het werkblad heeft meer rijen dan pcdocs leest. Haal er uit wat het document niet "
        "gebruikt."),
    "te-veel-kolommen": _error(
        "Te veel kolommen",
        "Het werkblad is breder dan pcdocs leest. Haal er uit wat het document niet "
        "gebruikt."),
    "formule-zonder-waarde": _error(
        "Formule zonder uitkomst",
        "Een cel bevat een formule waarvan Excel de uitkomst niet heeft bewaard. Open de "
        "werkmap in Excel en sla hem op."),
    "externe-koppeling": _error(
        "Koppeling naar andere werkmap",
        "Een cel haalt zijn waarde uit een andere werkmap; pcdocs ziet alleen wat Excel de "
        "laatste keer overnam. Plak de waarde in de cel."),
    "onveilige-werkmap": _error(
        "Onveilige werkmap",
        "De werkmap bevat iets wat Excel nooit schrijft (zoals een DOCTYPE of een "
        "uitpakbom). Bewaar de werkmap opnieuw vanuit Excel."),
    # -- values ------------------------------------------------------------------------
    "geen-getal": _error(
        "Geen getal",
        "Waar een getal hoort, staat iets anders. Schrijf een getal met een punt of komma "
        "als decimaalteken, zonder duizendtallen-punt, bijv. 38,09 of 1500."),
    "geen-geheel-getal": _error(
        "Geen heel getal",
        "Een aantal moet een heel getal zijn. Verbeter de waarde."),
    "dubbelzinnig-getal": _error(
        "Getal dubbelzinnig",
        "Een getal met een punt kan een decimaalteken of een duizendtallen-punt zijn. "
        "Schrijf het zonder duizendtallen-punt, met een komma als decimaalteken."),
    "buiten-bereik": _error(
        "Waarde buiten bereik",
        "De waarde kan niet kloppen: een percentage tussen 0 en 100, fte, dagen en bedragen "
        "niet negatief, een jaar van vier cijfers. De melding noemt wat mag."),
    "waarschijnlijk-fractie": _error(
        "Waarschijnlijk een fractie",
        "Een percentage als 0,96 tussen waarden van 90 en meer is vast 96% bedoeld. Is het "
        "echt zo klein, schrijf dan '0,8%' met het procentteken."),
    "geen-datum": _error(
        "Geen geldige datum",
        "De datum bestaat niet of is niet als datum geschreven. Schrijf bijv. 2024-01-31."),
    "geen-jaar": _error(
        "Geen jaar",
        "Er is een jaar nodig (van vier cijfers) en er is er geen, of het is geen jaartal. "
        "Geef het jaar op."),
    "geen-periode": _error(
        "Geen periode",
        "Een periode is een jaar of twee jaren met een streepje, bijv. 2024 of 2023-2026."),
    "geen-ja-nee": _error(
        "Geen ja of nee",
        "Deze sleutel is ja of nee. Schrijf ja of nee."),
    "lege-waarde": _error(
        "Lege waarde",
        "Een verplichte waarde is leeg. Vul haar in (0 als het nul is)."),
    "lege-lijst": _error(
        "Lege lijst",
        "Een lijst die ten minste één regel moet hebben, is leeg. Zet er een regel in die "
        "begint met '- '."),
    "ongeldige-code": _error(
        "Ongeldige code",
        "Een code bestaat uit letters, cijfers, '.', '_' en '-' (geen spaties of haakjes), "
        "bijv. lo-8wk of M1."),
    "ongeldige-waarde": _error(
        "Ongeldige waarde",
        "Een waarde past niet bij wat de sleutel verwacht. De melding zegt wat er hoort."),
    # -- content -----------------------------------------------------------------------
    "ontbrekende-sleutel": _error(
        "Verplichte sleutel ontbreekt",
        "Een verplicht veld ontbreekt. Voeg de sleutel toe die de melding noemt."),
    "onbekende-sleutel": _error(
        "Onbekende sleutel",
        "pcdocs kent deze sleutel niet, meestal een tikfout. De melding noemt de bedoelde "
        "sleutel."),
    "onbekende-waarde": _error(
        "Onbekende waarde",
        "De waarde is niet een van de toegestane (zoals een status of reden). De melding "
        "noemt de toegestane waarden."),
    "dubbele-code": _error(
        "Dubbele code",
        "Een code (van een indicator, risico, regeling ...) staat twee keer in het bestand. "
        "Geef elke regel een eigen code."),
    "onbekende-klasse": _error(
        "Onbekende risicoklasse",
        "Een risico noemt een klasse die de risicomatrix niet kent. Kies een klasse uit de "
        "matrix."),
    # -- the risk simulation (pcdocs/model/simulation.py) -------------------------------
    "bandbreedte": _error(
        "Bandbreedte onjuist",
        "Bij een risico is het minimum groter dan het maximum, of ligt het meest "
        "waarschijnlijke bedrag niet tussen minimum en maximum. Verbeter de bedragen."),
    "samenhang": _error(
        "Samenhang onjuist",
        "Een samenhang tussen risico's noemt een risico dat niet in het register staat, "
        "minder dan twee risico's, of een risico dat al in een andere samenhang staat. "
        "Verbeter de codes of voeg de groepen samen."),
    "trekkingen": _error(
        "Aantal trekkingen onjuist",
        "Het aantal trekkingen van de risicosimulatie ligt niet tussen 1.000 en 10 miljoen. "
        "De standaard is 100.000; meer voegt weinig toe en kost veel rekentijd."),
    "klassentabel": _error(
        "Klassentabel onjuist",
        "De tabel die de ratio van het weerstandsvermogen indeelt, moet bij 0 beginnen, "
        "oplopende ondergrenzen hebben en elke klasse één keer noemen, met een omschrijving."),
    "weerstand-onder-norm": _warning(
        "Ratio onder de eigen norm",
        "De beschikbare weerstandscapaciteit gedeeld door de gesimuleerde benodigde capaciteit "
        "ligt onder de norm die de organisatie zelf stelt (de norm bij het weerstandsvermogen). "
        "De gegevens kunnen kloppen: benoem in de paragraaf weerstandsvermogen hoe de ratio "
        "weer op de norm komt."),
    "formule": _error(
        "Formule onjuist",
        "Een kerncijfer is een formule over andere kerncijfers van het bestand, bijv. "
        "'a.totaal - a.deel' of 'a.lasten / a.aantal'. De melding noemt het onbekende "
        "cijfer, het teken waar de formule niet te lezen is of de eenheid die niet past. "
        "Verbeter de formule."),
    # -- verdeelsleutels (pcdocs/blocks/verdeelsleutels.py) ----------------------------
    "gemeente-ontbreekt": _error(
        "Gemeente ontbreekt in verdeelsleutel",
        "Een verdeelsleutel noemt niet elke gemeente van de organisatie (organisatie.yaml). "
        "Vul het aantal of percentage van de genoemde gemeente aan."),
    "niet-honderd-procent": _error(
        "Percentages niet samen 100",
        "De vaste percentages van een verdeelsleutel tellen niet op tot precies 100. De "
        "melding noemt de som; verbeter de percentages."),
    "totaal-nul": _error(
        "Verdeelsleutel telt op tot nul",
        "De aantallen of gewichten van een verdeelsleutel tellen op tot 0, dus er valt "
        "niets naar te verdelen. Vul de aantallen of gewichten in."),
    "sleutel-lus": _error(
        "Verdeelsleutels in een kring",
        "Een gemengde verdeelsleutel bevat (via andere) zichzelf. Meng alleen sleutels met "
        "aantallen of percentages; de melding noemt elke sleutel in de kring."),
    "onbekende-verdeelsleutel": _error(
        "Onbekende verdeelsleutel",
        "Een macro of een gemengde sleutel noemt een verdeelsleutel die niet in "
        "verdeelsleutels.yaml staat. De melding noemt de bedoelde of de bekende sleutels."),
    "geen-bedrag": _error(
        "Geen bedrag",
        "Een verdeling of bijdrage verdeelt een bedrag, maar het genoemde cijfer is geen "
        "bedrag in euro. Noem een cijfer met eenheid euro."),
    # -- formulas (pcdocs/model/formula.py) ---------------------------------------------
    "formule-syntax": _error(
        "Formule niet te lezen",
        "De schrijfwijze van een formule klopt niet; de melding noemt het teken waar het "
        "misgaat. Een getal heeft een komma als decimaalteken en geen duizendtallen-punt, "
        "argumenten worden gescheiden met ';', bijv. afronden(a.b / c.d; 1)."),
    "formule-onbekend": _error(
        "Onbekend cijfer in formule",
        "Een formule noemt een cijfer dat niet in de gegevens staat (of niet voor dat "
        "jaar). De melding noemt het bedoelde cijfer."),
    "formule-functie": _error(
        "Functie onbekend of verkeerd gebruikt",
        "Een formule gebruikt een functie die niet bestaat, of geeft een functie te "
        "weinig of te veel argumenten. De melding toont hoe de functie wordt geschreven."),
    "formule-eenheid": _error(
        "Eenheden passen niet",
        "Een formule telt cijfers met verschillende eenheden op (zoals fte en euro) of "
        "rekent met iets wat geen getal is. Reken met cijfers van dezelfde eenheid, of "
        "deel ze als u een verhouding bedoelt (euro per fte)."),
    "delen-door-nul": _error(
        "Delen door nul",
        "Een formule deelt door een cijfer dat 0 is (ook een aandeel van een totaal 0, of "
        "een verandering vanaf 0). Controleer de gegevens."),
    "formule-lus": _error(
        "Formules verwijzen in een kring",
        "Formules verwijzen (via elkaar) naar hun eigen uitkomst. De melding noemt elke "
        "formule in de kring met bestand en regel; reken er een uit gegeven cijfers."),
    "formule-te-groot": _error(
        "Formule te groot",
        "Een formule is te lang, heeft te veel delen of te veel haakjes in elkaar, of haar "
        "uitkomst wordt te groot. Splits haar in kleinere formules met een eigen naam."),
    "onbekende-datum": _error(
        "Onbekende peildatum",
        "Een controle of mutatie in de formatieanalyse noemt een peildatum die niet in de "
        "analyse staat. Gebruik een van de peildata."),
    # -- sums --------------------------------------------------------------------------
    "telt-niet-op": _error(
        "Totaal telt niet op",
        "Een getypt totaal is niet de som van de regels. Verbeter het totaal of laat het "
        "weg: pcdocs rekent het uit."),
    "bron-wijkt-af": _warning(
        "Bron wijkt af van de berekening",
        "Een bron (CSV of Excel) van tabellen.yaml noemt een eigen totaal, of een eigen "
        "waarde in een kolom die pcdocs berekent, en die verschilt van wat pcdocs uit de "
        "regels berekent. De tabel toont de berekende waarde en meldt het verschil openlijk. "
        "Verbeter de regels of het getal in de bron."),
    "toelichting-ontbreekt": _warning(
        "Toelichting ontbreekt",
        "Een realisatie haalt de norm niet en heeft geen toelichting. Voeg 'toelichting:' "
        "toe aan de realisatie."),
    "sluit-niet-aan": _warning(
        "Cijfers sluiten niet aan",
        "Twee gegevens over dezelfde formatie verschillen: de formatie per functie "
        "(functies.csv) en de totale formatie (formatie.yaml), de fte van een eenheid in het "
        "organogram en haar afdeling in functies.csv, of een opgegeven totaal in het "
        "organogram en de som van de eenheden. pcdocs toont beide waarden in het document; "
        "maak ze gelijk."),
    "niet-toegelicht": _warning(
        "Afwijking niet toegelicht",
        "Een mutatie boven de drempel is niet (helemaal) toegelicht. Vul de toelichting "
        "aan tot het hele bedrag is verklaard."),
    "realisatie-leeg": _warning(
        "Realisatie nog leeg",
        "Een realisatie is nog niet ingevuld (zoals pcdocs new haar klaarzet). Vul de "
        "realisatie in voordat het document wordt vastgesteld."),
    "besluit-verschilt": _error(
        "Besluit verschilt",
        "Het notanummer of besluit in de gegevens verschilt van dat in de front matter. "
        "Maak ze gelijk."),
    # -- macros and references ---------------------------------------------------------
    "macro-syntax": _error(
        "Macro-syntaxis klopt niet",
        "Een macro staat niet goed tussen dubbele accolades, of een blok (if, for) is niet "
        "gesloten. Wilt u accolades letterlijk tonen, zet de tekst dan in een raw-blok "
        "(zie Wat een pagina mag)."),
    "onbekende-macro": _error(
        "Onbekende macro",
        "De pagina gebruikt een macro of naam die niet bestaat, meestal een tikfout. De "
        "melding noemt de bedoelde macro."),
    "macro-argumenten": _error(
        "Argumenten kloppen niet",
        "Een macro krijgt te weinig, te veel of onbekende argumenten. De melding toont hoe "
        "de macro wordt geschreven."),
    "onbekende-verwijzing": _error(
        "Onbekende verwijzing",
        "verwijzing() noemt een tabel of figuur die niet op de pagina staat. De melding "
        "noemt de bedoelde naam; de naam van een tabel is die van haar CSV-download."),
    "nummering-uit": _error(
        "Nummering staat uit",
        "verwijzing() werkt alleen in een document met genummerde tabellen en figuren. Zet "
        "nummering: ja in de front matter."),
    "rekenen-in-pagina": _error(
        "Rekenen in een pagina",
        "Een pagina rekent met de uitkomst van een macro, bijv. `cijfer('a') / "
        "cijfer('b')`: een macro toont een cijfer als tekst met zijn bron, en een pagina "
        "rekent niet. Zet de formule in `berekeningen.yaml` bij de gegevens en toon de "
        "uitkomst met `cijfer('berekeningen.naam')`."),
    "macro-fout": _error(
        "Macro niet uit te rekenen",
        "Een berekening in een macro kan niet (zoals delen door nul, of rekenen met een "
        "cijfer met eenheid). Reken alleen met getallen."),
    "onbekende-dataset": _error(
        "Onbekende dataset",
        "Een macro noemt een soort gegevens die pcdocs niet kent. De melding noemt de "
        "bedoelde."),
    "onbekend-cijfer": _error(
        "Onbekend cijfer",
        "Het cijfer dat een macro vraagt (zoals 'formatie.fte'), bestaat niet in de "
        "gegevens. De melding noemt de bedoelde sleutel."),
    "onbekende-code": _error(
        "Onbekende code",
        "Een macro noemt een code (indicator, risico, organisatie ...) die niet in de "
        "gegevens staat. De melding noemt de beschikbare."),
    "onbekende-gemeente": _error(
        "Onbekende gemeente",
        "Een gemeente hoort niet bij deze organisatie (organisatie.yaml). Gebruik de naam "
        "zoals daar."),
    "onbekende-lijst": _error(
        "Onbekende lijst",
        "De lijst die een macro vraagt, bestaat niet in de gegevens. De melding noemt de "
        "bedoelde lijst."),
    "onbekend-taakveld": _error(
        "Onbekend taakveld",
        "Een taakveld staat niet in de taakveldenbegroting. Gebruik een taakveld uit de "
        "begroting."),
    "onbekende-invulplaats": _error(
        "Onbekende invulplaats",
        "Een tekst noemt een invulplaats tussen accolades die niet bestaat. De melding "
        "noemt de mogelijke."),
    "onbekende-vorm": _error(
        "Onbekende vorm",
        "Een macro krijgt een vorm (weergave) die niet bestaat. De melding noemt de "
        "mogelijke vormen."),
    "onbekende-eenheid": _error(
        "Onbekende eenheid",
        "Een macro vraagt een eenheid die bij dit cijfer niet kan."),
    "omrekening": _error(
        "Omrekenen kan niet",
        "Een cijfer kan niet naar de gevraagde eenheid worden omgerekend (alleen tussen "
        "dagen en weken)."),
    "geen-gegevens": _error(
        "Geen gegevens",
        "De pagina heeft geen gegevensmap, of de gegevens bevatten niets om te tonen. Zet "
        "data: in de front matter of vul de gegevens aan."),
    "geen-norm": _error(
        "Geen norm",
        "Een macro vraagt de norm van een indicator voor een jaar waarvoor geen norm is "
        "vastgelegd. Vul de norm aan of kies een ander jaar."),
    "geen-realisatie": _error(
        "Geen realisatie",
        "Een macro vraagt een realisatie die er niet is. Vul de realisatie aan of kies een "
        "ander jaar."),
    "meerdere-realisaties": _error(
        "Meerdere realisaties",
        "Voor een indicator en jaar zijn meerdere realisaties (per gemeente of onderdeel). "
        "Noem in de macro welke bedoeld is."),
    "geen-termijn": _error(
        "Geen termijn",
        "Een macro vraagt de termijn van een indicator die geen termijn heeft."),
    "geen-analyse": _error(
        "Geen formatieanalyse",
        "Een macro vraagt de formatieanalyse, maar de gegevens hebben er geen. Zet de "
        "mutaties in de formatiegegevens."),
    "geen-band": _error(
        "Doelgroep zonder band",
        "Een macro vraagt de werkfit-band van een doelgroep die geen band heeft."),
    "cijfer-met-de-hand": _warning(
        "Cijfer met de hand",
        "Een getal in de lopende tekst staat ook in de gegevens. Schrijf de macro die de "
        "melding noemt, dan blijven tekst en gegevens gelijk."),
    # -- documents ---------------------------------------------------------------------
    "front-matter": _error(
        "Front matter klopt niet",
        "De gegevens bovenaan het document (tussen de regels ---) ontbreken, zijn geen "
        "YAML of passen niet bij de map van het document."),
    "onbekende-soort": _error(
        "Onbekende documentsoort",
        "De soort in de front matter is geen documentsoort van de organisatie. Kies een "
        "soort uit de melding, of geef een nieuwe soort op in organisatie.yaml onder "
        "documentsoorten (zie Documentsoorten in de handleiding)."),
    "dubbele-soort": _error(
        "Documentsoort dubbel",
        "Twee documentsoorten van een organisatie hebben dezelfde naam of hetzelfde "
        "meervoud, zodat hun titels en reeksen niet te onderscheiden zijn. Gebruik de "
        "bestaande soort, of geef de nieuwe een eigen naam."),
    "concept-niet-gemarkeerd": _error(
        "Concept niet gemarkeerd",
        "Een versie 0.x is een concept. Zet status: concept in de front matter."),
    "organisatie-ontbreekt": _error(
        "Organisatie ontbreekt",
        "Er zijn documenten voor een organisatie zonder `data/<organisatie>/organisatie.yaml`. "
        "Beschrijf de organisatie (naam, gemeenten, huiskleur)."),
    "organisatie-fout": _error(
        "Organisatiebestand bevat een fout",
        "Het document wordt niet gemaakt, omdat organisatie.yaml van de organisatie een "
        "fout bevat. Los eerst die melding op."),
    "gedeelde-gegevens": _error(
        "Gedeelde gegevensmap",
        "pcdocs new kan een gegevensmap zonder jaartal niet voor een nieuw jaar kopiëren. "
        "Maak de map voor het nieuwe jaar zelf aan."),
    # -- safety ------------------------------------------------------------------------
    "niet-toegestaan": _error(
        "Niet toegestaan in een pagina",
        "Een pagina gebruikt iets wat niet mag (zoals import, include, een naam met _ of een "
        "methode van een waarde). Gebruik alleen de macro's uit de handleiding."),
    "macro-limiet": _error(
        "Te veel rekenwerk",
        "Een pagina rekent te lang of maakt een te grote tekst of lijst. Vereenvoudig de "
        "macro."),
    "html-niet-toegestaan": _error(
        "HTML niet toegestaan",
        "De pagina bevat HTML die niet mag (zoals `<script>`, style of onclick). Schrijf "
        "Markdown; wat mag, staat in de handleiding."),
    "pagina-te-complex": _error(
        "Pagina te complex",
        "De pagina bevat zoveel of zo diep geneste opmaak dat die niet op tijd kan worden "
        "verwerkt. Vereenvoudig de opmaak of verdeel de tekst."),
    "tekst-opmaak": _error(
        "Opmaak in gegevenstekst",
        "Een tekst uit de gegevens bevat opmaak die daar niet mag (een afbeelding, een "
        "link met een ander adres, een attribuutlijst). Gebruik nadruk, lijsten en "
        "gewone links."),
    # -- building, publishing, other commands ------------------------------------------
    "configuratie": _error(
        "Configuratie onbruikbaar",
        "mkdocs.yml kan niet worden gelezen of noemt Markdown-extensies die niet kunnen "
        "worden geladen. Verbeter mkdocs.yml; de melding noemt de regel of sleutel."),
    "mkdocs": _warning(
        "Melding van MkDocs",
        "MkDocs meldt een probleem bij het bouwen, meestal een link naar een pagina die "
        "niet bestaat. Controleer de link of mkdocs.yml."),
    "build": _error(
        "Build afgebroken",
        "De build heeft fouten gevonden en publiceert niets; de vorige site blijft staan. "
        "Los de meldingen erboven op."),
    "pdf-afgesneden": _error(
        "PDF afgesneden",
        "Iets in de PDF valt buiten het papier, ook na kleinere tekst, liggend drukken en "
        "splitsen. Maak de tabel smaller of splits haar."),
    "pdf-bron-geweigerd": _error(
        "PDF-bron geweigerd",
        "De PDF wil een bestand van buiten de gebouwde site laden. Gebruik alleen "
        "afbeeldingen in docs/."),
    "ontbreekt": _error(
        "Onderdeel ontbreekt",
        "mkdocs.yml, docs/ of data/ ontbreekt: zonder kan het voorbeeld niet worden "
        "gebouwd. Zet het terug, bijvoorbeeld met git checkout."),
    "andere-soort": _error(
        "Andere documentsoort",
        "pcdocs compare vergelijkt alleen documenten van dezelfde soort (een reeks). "
        "Vergelijk twee jaren of versies van hetzelfde document."),
    "onbekend-document": _error(
        "Onbekend document",
        "Het genoemde document bestaat niet. Noem een document als iasz/2024/jaarplan."),
    "interne-fout": _error(
        "Interne fout",
        "Een fout in pcdocs, MkDocs of een plugin. Meld dit aan de beheerder van pcdocs."),
    "adres-bezet": _error(
        "Adres bezet",
        "Het adres van het live voorbeeld is al in gebruik. Stop het andere voorbeeld of "
        "kies een ander adres."),
    "gebruik": _error(
        "Opdracht verkeerd gebruikt",
        "De opdracht op de opdrachtregel klopt niet. Zie pcdocs --help."),
    "geen-repository": _error(
        "Geen repository",
        "De map is geen pcdocs-repository (geen mkdocs.yml, docs/ en data/). Ga naar de "
        "repository of noem haar met -C."),
    "bestaat-al": _error(
        "Bestaat al",
        "pcdocs new maakt niets wat er al is. Kies een ander jaar of document, of "
        "verwijder het bestaande eerst."),
    "schrijven": _error(
        "Schrijven mislukt",
        "Een bestand kon niet worden geschreven; er is niets half achtergebleven. "
        "Controleer de map en de rechten."),
    "schijf-vol": _error(
        "Schijf vol",
        "De schijf of uw quotum is vol. Maak ruimte vrij (bijvoorbeeld .pcdocs-cache/) en "
        "probeer het opnieuw."),
    "geen-schrijfrecht": _error(
        "Geen schrijfrecht",
        "U mag hier niet schrijven. Controleer de rechten van de map of werk in een kopie."),
    "te-veel-bestanden": _error(
        "Te veel open bestanden",
        "Er staan te veel bestanden tegelijk open. Probeer het opnieuw met minder "
        "processen (--processen 1)."),
    "naam-te-lang": _error(
        "Naam te lang",
        "De naam van een bestand of map is te lang voor het systeem. Kies kortere namen."),
    "schijffout": _error(
        "Schijffout",
        "De schijf gaf een lees- of schrijffout. Probeer het opnieuw of vraag de "
        "beheerder."),
    "bestandsfout": _error(
        "Bestandsfout",
        "Een bestand kon niet worden gelezen of geschreven. De melding geeft wat het "
        "systeem meldt."),
    "archief": _error(
        "Archief onleesbaar",
        "De publicatiegegevens van een gepubliceerde versie kunnen niet worden gelezen. "
        "Herstel het bestand uit git."),
    "archief-gewijzigd": _error(
        "Archief gewijzigd",
        "Een bestand van een gepubliceerde versie ontbreekt, is gewijzigd of hoort er niet "
        "bij. Herstel archief/ uit git: een publicatie verandert nooit."),
    "concept": _error(
        "Concept niet vrijgegeven",
        "pcdocs publish publiceert een concept alleen als het uitdrukkelijk is vrijgegeven "
        "(--vrijgeven)."),
    "al-gepubliceerd": _error(
        "Al gepubliceerd",
        "Deze versie is al gepubliceerd en verandert niet meer. Verhoog de versie."),
    "git": _error(
        "Git-fout",
        "git ontbreekt of gaf een fout. Installeer git of los de melding van git op."),
    "niet-vastgelegd": _error(
        "Niet vastgelegd",
        "Er zijn wijzigingen die niet in een commit staan; een publicatie moet naar één "
        "commit verwijzen. Leg de wijzigingen vast."),
    "git-revisie": _error(
        "Git-revisie onbekend",
        "pcdocs compare kan de genoemde revisie niet lezen, of daar staat het document "
        "niet. Noem een bestaande commit, tag of tak."),
    "onbekende-editie": _error(
        "Onbekende editie",
        "Het document heeft geen editie voor deze gemeente. De melding noemt de edities."),
    "shard": _error(
        "Deel onjuist",
        "--shard is een deel als K/N, bijv. 2/3: het tweede van drie delen."),
    "geen-shard": _error(
        "Geen deel van een build",
        "pcdocs merge kreeg een map die niet de uitvoer is van pcdocs build --shard."),
    "shard-ontbreekt": _error(
        "Deel ontbreekt",
        "pcdocs merge mist een of meer delen. Noem de uitvoer van alle delen."),
    "shard-dubbel": _error(
        "Deel dubbel",
        "pcdocs merge kreeg hetzelfde deel twee keer. Noem elk deel één keer."),
    "shard-verschil": _error(
        "Delen verschillen",
        "Twee delen schreven hetzelfde bestand verschillend. Bouw alle delen van dezelfde "
        "commit, met dezelfde versie van pcdocs."),
}

GUIDE = "docs/handleiding/meldingen.md"
TABLE_START = "<!-- codes: begin (gemaakt uit pcdocs/codes.py) -->"
TABLE_END = "<!-- codes: einde -->"


def guide_table() -> str:
    """The table of every code for the author guide (GUIDE, between TABLE_START and
    TABLE_END), alphabetical; `python -m pcdocs.codes` prints it."""
    severity = {"error": "fout", "warning": "waarschuwing"}
    rows = [f"| `{code}` | {severity[info.severity]} | **{info.title}.** "
            f"{info.explanation.replace('|', '/')} |" for code, info in sorted(CODES.items())]
    return "\n".join(["| Code | Ernst | Betekenis |", "| --- | --- | --- |", *rows])


# Codes `pcdocs check` cannot produce on the bad-input corpus (only the build, the
# preview or another command reports them), each with the test that does produce it:
# "tests/<file>.py::<function>". tests/test_codes.py checks that the test exists and
# names the code.
PRODUCED_ELSEWHERE: dict[Code, str] = {
    "adres-bezet":
        "tests/test_codes_commands.py::test_a_preview_address_in_use_is_adres_bezet",
    "al-gepubliceerd":
        "tests/test_codes_commands.py::test_publishing_a_published_version_again_is_al_gepubliceerd",
    "archief":
        "tests/test_codes_commands.py::test_compare_with_a_damaged_publication_record_is_archief",
    "archief-gewijzigd":
        "tests/test_versions.py::test_a_changed_published_file_fails_the_build",
    "besluit-verschilt":
        "tests/test_block_errors.py::test_nota_and_front_matter_must_agree_on_the_decision",
    "bestaat-al":
        "tests/test_scaffold.py::test_running_twice_fails_and_changes_nothing",
    "bestand-niet-toegestaan":
        "tests/test_safety.py::test_what_the_red_team_found_in_files_and_front_matter",
    "bestandsfout":
        "tests/test_codes.py::test_an_os_error_has_its_code",
    "bandbreedte":
        "tests/test_simulation.py::test_input_the_simulation_cannot_mean_is_refused",
    "samenhang":
        "tests/test_simulation.py::test_input_the_simulation_cannot_mean_is_refused",
    "trekkingen":
        "tests/test_simulation.py::test_input_the_simulation_cannot_mean_is_refused",
    "klassentabel":
        "tests/test_simulation.py::test_a_class_table_must_cover_zero_to_infinity_in_order",
    "build":
        "tests/test_codes_commands.py::test_a_build_with_errors_is_build_and_names_every_finding",
    "cijfer-met-de-hand":
        "tests/test_lint.py::test_a_hand_typed_data_figure_is_a_warning_at_its_line",
    "concept":
        "tests/test_codes_commands.py::test_publishing_a_concept_without_release_is_concept",
    "configuratie":
        "tests/test_library_api.py::test_broken_markdown_extensions_fail_the_comparison",
    "gebruik":
        "tests/test_codes_commands.py::test_wrong_use_of_the_command_line_is_gebruik_with_exit_2",
    "gedeelde-gegevens":
        "tests/test_codes_commands.py::test_new_from_a_document_with_a_shared_data_folder_is_gedeelde_gegevens",
    "geen-repository":
        "tests/test_codes_commands.py::test_a_folder_that_is_no_repository_is_geen_repository",
    "geen-bedrag":
        "tests/test_verdeling.py::test_dividing_a_figure_that_is_no_amount_is_geen_bedrag",
    "delen-door-nul":
        "tests/test_formula.py::test_division_by_zero_names_the_divisor_and_the_line",
    "formule-eenheid":
        "tests/test_formula.py::test_adding_different_units_names_both_units",
    "formule-functie":
        "tests/test_formula.py::test_an_unknown_function_or_wrong_arguments_is_refused",
    "formule-lus":
        "tests/test_formula.py::test_a_cycle_names_every_formula_in_it_with_file_and_line",
    "formule-onbekend":
        "tests/test_formula.py::test_an_unknown_figure_suggests_the_closest_name",
    "formule-syntax":
        "tests/test_formula.py::test_a_syntax_error_names_the_column",
    "formule-te-groot":
        "tests/test_formula.py::test_a_huge_formula_is_refused_quickly",
    "geen-schrijfrecht":
        "tests/test_safety_loop.py::test_any_command_that_cannot_read_or_write_says_so_in_dutch",
    "geen-shard":
        "tests/test_shard.py::test_merge_refuses_incomplete_or_mixed_shards_and_keeps_the_old_site",
    "git":
        "tests/test_codes_commands.py::test_publishing_outside_git_is_git",
    "git-revisie":
        "tests/test_codes_commands.py::test_compare_with_a_revision_that_does_not_exist_is_git_revisie",
    "html-niet-toegestaan":
        "tests/test_safety.py::test_html_a_page_may_not_hold_is_refused_at_its_line",
    "interne-fout":
        "tests/test_safety_loop.py::test_an_exception_in_a_plugin_is_a_message_and_the_preview_recovers",
    "macro-limiet":
        "tests/test_sandbox.py::test_a_page_cannot_hang_or_exhaust_the_build",
    "mkdocs":
        "tests/test_safety_loop.py::test_a_broken_mkdocs_yml_is_a_message_and_the_preview_recovers",
    "naam-te-lang":
        "tests/test_codes.py::test_an_os_error_has_its_code",
    "niet-toegelicht":
        "tests/test_block_errors.py::test_an_unexplained_deviation_above_the_threshold_is_reported",
    "niet-vastgelegd":
        "tests/test_codes_commands.py::test_publishing_with_uncommitted_changes_is_niet_vastgelegd",
    "onbekend-bestand":
        "tests/test_cli.py::test_check_warns_about_unknown_data_files",
    "onbekend-document":
        "tests/test_safety_loop.py::test_preflight_names_what_is_missing",
    "onbekend-taakveld":
        "tests/test_taakvelden.py::test_an_unknown_taakveld_names_the_row",
    "andere-soort":
        "tests/test_kinds.py::test_compare_refuses_two_documents_of_different_kinds",
    "onbekende-editie":
        "tests/test_codes_commands.py::test_compare_of_an_edition_that_does_not_exist_is_onbekende_editie",
    "onbekende-invulplaats":
        "tests/test_taakvelden.py::test_an_unknown_placeholder_in_an_explanation",
    "onbekende-klasse":
        "tests/test_risico.py::test_an_unknown_class_names_file_and_line",
    "ontbreekt":
        "tests/test_safety_loop.py::test_a_deleted_data_folder_is_answered_at_once_and_watched_again_when_it_returns",
    "pagina-te-complex":
        "tests/test_safety.py::test_what_the_red_team_found_in_files_and_front_matter",
    "pdf-afgesneden":
        "tests/test_print_fit.py::test_what_the_ladder_cannot_fix_is_reported",
    "pdf-bron-geweigerd":
        "tests/test_safety_pdf.py::test_a_file_outside_the_site_never_reaches_the_pdf",
    "realisatie-leeg":
        "tests/test_scaffold.py::test_cli_summary_and_check_flags_the_empty_slots",
    "schijf-vol":
        "tests/test_safety_loop.py::test_a_full_disk_is_a_message_exit_1_and_the_old_site_stays",
    "schijffout":
        "tests/test_codes.py::test_an_os_error_has_its_code",
    "schrijven":
        "tests/test_codes_commands.py::test_new_that_cannot_write_is_schrijven_and_leaves_nothing",
    "shard":
        "tests/test_codes_commands.py::test_a_wrong_shard_is_shard_with_exit_2",
    "shard-dubbel":
        "tests/test_shard.py::test_merge_refuses_incomplete_or_mixed_shards_and_keeps_the_old_site",
    "shard-ontbreekt":
        "tests/test_codes_commands.py::test_merging_without_every_shard_is_shard_ontbreekt",
    "shard-verschil":
        "tests/test_shard.py::test_merge_refuses_incomplete_or_mixed_shards_and_keeps_the_old_site",
    "te-veel-bestanden":
        "tests/test_codes.py::test_an_os_error_has_its_code",
    "tekst-opmaak":
        "tests/test_safety.py::test_markdown_in_a_data_text_is_a_subset",
    "werkblad":
        "tests/test_codes_commands.py::test_a_sheet_that_is_not_in_the_workbook_is_werkblad",
}

# Codes that no test produces yet (a known gap, to be closed by a corpus case or a test;
# tests/test_bad_input.py fails when one of them is produced after all, so the list only
# shrinks).
NOT_YET_PRODUCED: frozenset[Code] = frozenset()


if __name__ == "__main__":
    print(guide_table())
