"""The macros authors write in Markdown: one registry, used by MkDocs and by `pcdocs check`.

Each macro receives the page's context first; the wrapper made by `bind` checks the
arguments, turns an author's mistake into a finding at the right line of the page, and
returns a visible marker so the remaining errors on the page are found too.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from pcdocs import portal
from pcdocs.blocks import (
    doelgroepen,
    financien,
    formatie,
    indicatoren,
    inhuur,
    lijsten,
    nota,
    onderwerpen,
    planning,
    projecten,
    regelingen,
    risico,
    speerpunten,
    taakvelden,
    verzuim,
    voortgang,
    wetten,
)
from pcdocs.errors import MacroError, PcdocsError
from pcdocs.figures import FORMS
from pcdocs.page import PageContext


@dataclass(frozen=True)
class MacroSpec:
    name: str
    func: Callable[..., Any]
    summary: str
    example: str


def macro_cijfer(ctx: PageContext, sleutel: str, vorm: str | None = None) -> Markup:
    return ctx.figure(sleutel).html(vorm)


def macro_richting(ctx: PageContext, sleutel: str, stijging: str = "gestegen",
                   daling: str = "gedaald", gelijk: str = "gelijk gebleven") -> Markup:
    fig = ctx.figure(sleutel)
    value = fig.numeric()
    if value is None:
        raise MacroError(f"'{sleutel}' is geen getal, dus er is geen richting",
                         code="geen-getal", key=sleutel)
    word = stijging if value > 0 else daling if value < 0 else gelijk
    return Markup('<span class="pc-cijfer pc-berekend" data-source="{}" title="{}">{}</span>'
                  ).format(" ".join(s.ref() for s in fig.sources),
                           "Afgeleid uit het teken van " + sleutel, word)


def macro_aantal(ctx: PageContext, naam: str) -> Markup:
    return ctx.figure(f"lijsten.{naam}.aantal").html()


MACROS: tuple[MacroSpec, ...] = (
    MacroSpec("cijfer", macro_cijfer,
              "Eén cijfer uit de gegevens, in Nederlandse notatie en met bron.",
              "{{ cijfer('formatie.fte') }}"),
    MacroSpec("richting", macro_richting,
              "Een woord dat volgt uit het teken van een cijfer (gestegen/gedaald).",
              "{{ richting('kerncijfers.bijstand.heemstede') }}"),
    MacroSpec("vacatures", formatie.macro_vacatures,
              "De openstaande vacatures als opsomming.",
              "{{ vacatures() }}"),
    MacroSpec("formatieanalyse", formatie.macro_formatieanalyse,
              "Tabel: de formatieanalyse, met subtotalen per reden en de stand per peildatum.",
              "{{ formatieanalyse() }}"),
    MacroSpec("formatie_grafiek", formatie.macro_formatie_grafiek,
              "Grafiek: watervaldiagram van beginstand via de mutaties naar de eindstand.",
              "{{ formatie_grafiek() }}"),
    MacroSpec("verzuim_tabel", verzuim.macro_verzuim_tabel,
              "Tabel: verzuim per periode tegen de norm.",
              "{{ verzuim_tabel() }}"),
    MacroSpec("verzuim_grafiek", verzuim.macro_verzuim_grafiek,
              "Grafiek: verzuim per periode, het langdurige deel en de norm.",
              "{{ verzuim_grafiek() }}"),
    MacroSpec("inhuur_tabel", inhuur.macro_inhuur_tabel,
              "Tabel: externe inhuur per reden en soort, met totalen, vorig plan, prognose "
              "en de toelichtingen als noten.",
              "{{ inhuur_tabel() }}"),
    MacroSpec("inhuur_grafiek", inhuur.macro_inhuur_grafiek,
              "Grafiek: externe inhuur per reden, gestapeld naar soort.",
              "{{ inhuur_grafiek() }}"),
    MacroSpec("risicoregister", risico.macro_risicoregister,
              "Het risicoregister als paragrafen per soort, elk risico met kans, omvang en "
              "beheersmaatregel.",
              "{{ risicoregister() }}"),
    MacroSpec("risicomatrix", risico.macro_risicomatrix,
              "Tabel: de risicomatrix kans × netto verwachte omvang, berekend uit het register.",
              "{{ risicomatrix() }}"),
    MacroSpec("risico_grafiek", risico.macro_risico_grafiek,
              "Grafiek: de risicomatrix als warmtekaart.",
              "{{ risico_grafiek() }}"),
    MacroSpec("projectkaarten", projecten.macro_projectkaarten,
              "De projectkaarten (I&A-opgaven).",
              "{{ projectkaarten() }}"),
    MacroSpec("speerpunten", speerpunten.macro_speerpunten,
              "Tabel: speerpunten met hun concrete acties.",
              "{{ speerpunten() }}"),
    MacroSpec("pc_kalender", planning.macro_pc_kalender,
              "Tabel: de documenten van de P&C-cyclus, wanneer vastgesteld en voor wie.",
              "{{ pc_kalender() }}"),
    MacroSpec("overeenkomsten", planning.macro_overeenkomsten,
              "De dienstverleningsovereenkomsten met hun status.",
              "{{ overeenkomsten() }}"),
    MacroSpec("norm", indicatoren.macro_norm,
              "De norm van een indicator (standaard voor het jaar van het document).",
              "{{ norm('lo-4wk') }}"),
    MacroSpec("termijn", indicatoren.macro_termijn,
              "De termijn van een indicator, eventueel omgerekend (dagen/weken).",
              "{{ termijn('wmo-14d', eenheid='weken') }}"),
    MacroSpec("realisatie", indicatoren.macro_realisatie,
              "De realisatie van een indicator in een jaar, met voetnoot als de norm "
              "niet is gehaald.",
              "{{ realisatie('lo-8wk', vorig_jaar) }}"),
    MacroSpec("indicatoren_tabel", indicatoren.macro_indicatoren_tabel,
              "Tabel: de normen van een jaar, per groep.",
              "{{ indicatoren_tabel() }}"),
    MacroSpec("verantwoording_tabel", indicatoren.macro_verantwoording_tabel,
              "Tabel: norm, realisatie en berekende status per indicator.",
              "{{ verantwoording_tabel(vorig_jaar) }}"),
    MacroSpec("indicatoren_samenvatting", indicatoren.macro_indicatoren_samenvatting,
              "Zin: hoeveel indicatoren zijn behaald en hoeveel niet.",
              "{{ indicatoren_samenvatting(vorig_jaar) }}"),
    MacroSpec("realisatie_grafiek", indicatoren.macro_realisatie_grafiek,
              "Grafiek: realisaties in procenten tegen de norm, met tekstalternatief.",
              "{{ realisatie_grafiek(vorig_jaar) }}"),
    MacroSpec("lijst", lijsten.macro_lijst,
              "Een benoemde lijst uit lijsten.yaml als opsommingslijst.",
              "{{ lijst('bestuurlijke_producties') }}"),
    MacroSpec("opsomming", lijsten.macro_opsomming,
              "Een benoemde lijst als lopende tekst: 'a, b en c'.",
              "{{ opsomming('pc_producten') }}"),
    MacroSpec("aantal", macro_aantal,
              "Het aantal items in een benoemde lijst.",
              "{{ aantal('bestuurlijke_producties') }}"),
    MacroSpec("nota", nota.macro_nota,
              "Het voorblad van een besluitnota (B&W): nummer, routing, besluit, openbaarmaking.",
              "{{ nota() }}"),
    MacroSpec("onderwerpen", onderwerpen.macro_onderwerpen,
              "De onderwerpen van een thema: stand van zaken, acties en aandachtspunten.",
              "{{ onderwerpen('3.1') }}"),
    MacroSpec("financieel_kader", financien.macro_financieel_kader,
              "Tabel: een financieel kader met berekende totalen en saldi, in de eenheid en "
              "met het teken van de bron.",
              "{{ financieel_kader('buig') }}"),
    MacroSpec("taakvelden_tabel", taakvelden.macro_taakvelden_tabel,
              "Tabel: lasten, baten en saldo per taakveld vóór, door en na de mutaties, met de "
              "mutaties van de reserves.",
              "{{ taakvelden_tabel() }}"),
    MacroSpec("afwijkingen", taakvelden.macro_afwijkingen,
              "De toelichting op de afwijkingen, per taakveld.",
              "{{ afwijkingen() }}"),
    MacroSpec("afwijkingen_tabel", taakvelden.macro_afwijkingen_tabel,
              "Tabel: aansluiting van de toelichtingen op de mutaties, met de drempel.",
              "{{ afwijkingen_tabel() }}"),
    MacroSpec("begroting_grafiek", taakvelden.macro_begroting_grafiek,
              "Grafiek: lasten en baten per taakveld.",
              "{{ begroting_grafiek() }}"),
    MacroSpec("mutatie_grafiek", taakvelden.macro_mutatie_grafiek,
              "Grafiek: het effect van de mutaties op het saldo, per taakveld.",
              "{{ mutatie_grafiek() }}"),
    MacroSpec("voortgang", voortgang.macro_voortgang,
              "Per hoofdactiviteit de activiteiten met beoogd resultaat, status en toelichting.",
              "{{ voortgang() }}"),
    MacroSpec("voortgang_samenvatting", voortgang.macro_voortgang_samenvatting,
              "Tabel: het aantal activiteiten per status, per hoofdactiviteit en totaal.",
              "{{ voortgang_samenvatting() }}"),
    MacroSpec("status_grafiek", voortgang.macro_status_grafiek,
              "Grafiek: het aantal activiteiten per status.",
              "{{ status_grafiek() }}"),
    MacroSpec("regelingen", regelingen.macro_regelingen,
              "Tabel: de regelingen met per gemeente of ze er zijn en voor welk bedrag.",
              "{{ regelingen() }}"),
    MacroSpec("doelgroepen", doelgroepen.macro_doelgroepen,
              "De doelgroepen, ook naar werkfitheid.",
              "{{ doelgroepen() }}"),
    MacroSpec("doelgroep", doelgroepen.macro_doelgroep,
              "De naam (of alleen de band) van één doelgroep.",
              "{{ doelgroep('werkfit-80-100', alleen_band=True) }}"),
    MacroSpec("wetten", wetten.macro_wetten,
              "Tabel: de landelijke wetten en wat ze regelen.",
              "{{ wetten() }}"),
    MacroSpec("portaal", portal.macro_portaal,
              "Het overzicht van alle organisaties, jaren en documenten.",
              "{{ portaal() }}"),
    MacroSpec("organisatie_overzicht", portal.macro_organisatie_overzicht,
              "Het overzicht van één organisatie: gemeenten en documenten.",
              "{{ organisatie_overzicht('iasz') }}"),
)

VARIABLES: dict[str, str] = {
    "jaar": "het (eerste) jaar van het document, bijv. 2024",
    "vorig_jaar": "het jaar ervoor (het jaar van de verantwoording)",
    "volgend_jaar": "het jaar erna",
    "looptijd": "de periode als tekst, bijv. 2024 of 2023–2026",
    "organisatie_kort": "de korte naam van de organisatie, bijv. IASZ",
    "organisatie_naam": "de volledige naam van de organisatie",
    "gemeenten": "de gemeenten als opsomming, bijv. 'Bloemendaal en Heemstede'",
}


def page_variables(ctx: PageContext) -> dict[str, Any]:
    """The variables a page can use, as mkdocs-macros sees them: ours, then the page's own
    front matter keys (which mkdocs-macros also offers as variables)."""
    values: dict[str, Any] = dict.fromkeys(VARIABLES)
    year = ctx.year
    if year is not None:
        values.update(jaar=year, vorig_jaar=year - 1, volgend_jaar=year + 1, looptijd=str(year))
    if ctx.document is not None:
        org = ctx.document.organisation
        values.update(looptijd=ctx.document.meta.period.label, organisatie_kort=org.korte_naam,
                      organisatie_naam=org.naam, gemeenten=org.gemeenten_text())
    return values


def allowed_names(front_matter: Mapping[str, Any] | None = None) -> set[str]:
    return {m.name for m in MACROS} | set(VARIABLES) | set(front_matter or {}) | {"range"}


def _call_text(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _check_arguments(spec: MacroSpec, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    signature = inspect.signature(spec.func)
    try:
        bound = signature.bind(None, *args, **kwargs)
    except TypeError as exc:
        params = [p for p in signature.parameters if p != "ctx"]
        raise MacroError(f"verkeerde argumenten voor {spec.name}(): {_dutch(str(exc))}",
                         code="macro-argumenten",
                         hint=f"gebruik {spec.name}({', '.join(params)}), bijv. {spec.example}"
                         ) from None
    year = bound.arguments.get("jaar")
    if year is not None and not (isinstance(year, int) or str(year).isdigit()):
        raise MacroError(f"jaar '{year}' is geen jaartal", code="macro-argumenten",
                         hint="schrijf bijv. 2023 of vorig_jaar")
    form = bound.arguments.get("vorm")
    if form is not None and form not in FORMS:
        raise MacroError(f"vorm '{form}' bestaat niet", code="onbekende-vorm",
                         hint="kies uit " + ", ".join(FORMS))


def _dutch(message: str) -> str:
    """Python's argument errors in Dutch."""
    name = message.rsplit(" ", 1)[-1].strip("'")
    if message.startswith("missing a required argument"):
        return f"argument '{name}' ontbreekt"
    if message.startswith("got an unexpected keyword argument"):
        return f"onbekend argument '{name}'"
    if message.startswith("too many positional arguments"):
        return "te veel argumenten"
    if message.startswith("multiple values for argument"):
        return f"argument '{name}' is twee keer gegeven"
    return message


def bind(spec: MacroSpec, current: Callable[[], PageContext | None]) -> Callable[..., Markup]:
    """The function Jinja calls: checks, runs, and reports errors at the page's line."""

    def call(*args: Any, **kwargs: Any) -> Markup:
        ctx = current()
        if ctx is None:
            return Markup("")
        text = _call_text(spec.name, args, kwargs)
        try:
            _check_arguments(spec, args, kwargs)
            if "jaar" in kwargs and kwargs["jaar"] is not None:
                kwargs["jaar"] = int(kwargs["jaar"])
            return Markup(spec.func(ctx, *args, **kwargs))
        except PcdocsError as exc:
            return ctx.report(exc, text)

    call.__name__ = spec.name
    call.__doc__ = spec.summary
    return call
