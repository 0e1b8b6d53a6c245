"""The macros authors write in Markdown: one list, used by MkDocs and by `pcdocs check`.

The general macros (`cijfer`, `richting`, the portal) are here; every building block's own
macros come from its spec (`BlockSpec.macros`, listed by `pcdocs.blocks.registry`).

Each macro receives the page's context first; the wrapper made by `bind` checks the
arguments, turns an author's mistake into a finding at the right line of the page, and
returns a visible marker so the remaining errors on the page are found too.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup

from pcdocs.blocks.registry import MACROS as BLOCK_MACROS
from pcdocs.blocks.spec import MacroSpec
from pcdocs.errors import MacroError, PcdocsError
from pcdocs.model.figures import FORMS
from pcdocs.render import numbering, overview, workbooks
from pcdocs.render.page import PageContext


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


MACROS: tuple[MacroSpec, ...] = (
    MacroSpec("cijfer", macro_cijfer,
              "Eén cijfer uit de gegevens, in Nederlandse notatie en met bron.",
              "{{ cijfer('formatie.fte') }}"),
    MacroSpec("richting", macro_richting,
              "Een woord dat volgt uit het teken van een cijfer (gestegen/gedaald).",
              "{{ richting('kerncijfers.bijstand.heemstede') }}"),
    *BLOCK_MACROS,  # each block's own, from its spec (pcdocs.blocks.registry)
    MacroSpec("verwijzing", numbering.macro_verwijzing,
              "Een verwijzing naar een genummerde tabel of figuur van de pagina: 'tabel 3' "
              "(in de PDF met de pagina).",
              "{{ verwijzing('formatieanalyse') }}"),
    MacroSpec("sjabloon", workbooks.macro_sjabloon,
              "Een downloadlink naar het Excel-sjabloon van een tabel uit Excel.",
              "{{ sjabloon('inhuur') }}"),
    MacroSpec("sjablonen", workbooks.macro_sjablonen,
              "Alle Excel-sjablonen, met hun kolommen en een downloadlink.",
              "{{ sjablonen() }}"),
    MacroSpec("portaal", overview.macro_portaal,
              "Het overzicht van alle organisaties, jaren en documenten.",
              "{{ portaal() }}"),
    MacroSpec("organisatie_overzicht", overview.macro_organisatie_overzicht,
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
