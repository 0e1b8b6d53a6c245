"""Functies: the formatie and bezetting per function (and afdeling), with the vacancies and
every total computed, reconciled with the organisation's formatie of the same year.

`data/<org>/<year>/functies.csv` (or .xlsx), one function per row, as P&O exports it:

```
afdeling;functie;schaal;formatie;bezetting
Werk;Klantmanager werk;9;6,00;5,11
Werk;Jobcoach;8-9;3,00;3,00
Inkomen;Consulent inkomen;8;9,00;9,56
```
`afdeling` is optional (without it the table has no groups); `schaal` is a schaal of 1 to
18 ("9", "schaal 9") or a range ("8-9"); `formatie` and `bezetting` are fte, 0 or more. The
vacature of a row is formatie − bezetting: negative means boventallig, and is shown so.
The totals per afdeling and overall are computed. When `formatie.yaml` lies next to the
file, its `formatie.fte` must equal the total formatie here: a difference is a warning
(`sluit-niet-aan`) and is shown under the table, with both values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from pcdocs.blocks import formatie
from pcdocs.blocks.datasets import locate
from pcdocs.blocks.spec import (
    BlockSpec,
    Checking,
    Comparing,
    MacroSpec,
    TableTemplate,
    TemplateColumn,
    Wording,
)
from pcdocs.errors import DataError, Finding, MacroError, PcdocsError
from pcdocs.model import fmt, tables
from pcdocs.model.facts import Fact
from pcdocs.model.figures import Figure, Source, Unit
from pcdocs.model.organisation import slugify
from pcdocs.render import html
from pcdocs.render.page import PageContext

REQUIRED = ["functie", "schaal", "formatie", "bezetting"]
OPTIONAL = ["afdeling"]
LOWEST, HIGHEST = 1, 18  # the salary scales of the Cao Gemeenten
_SCALE = re.compile(r"^(?:schaal\s*)?(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?$", re.I)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Schaal:
    low: int
    high: int | None = None  # a range: 8-9

    def text(self) -> str:
        return str(self.low) if self.high is None else f"{self.low}-{self.high}"


@dataclass(frozen=True)
class Functie:
    naam: str
    afdeling: str | None
    schaal: Schaal
    formatie: Decimal
    bezetting: Decimal
    source: Source  # the row

    @property
    def vacature(self) -> Decimal:
        return self.formatie - self.bezetting

    @property
    def key(self) -> str:
        """Its figure key below `functie.`: `<afdeling>.<functie>` (or `<functie>`)."""
        own = slugify(self.naam) or f"regel-{self.source.line}"
        return own if self.afdeling is None else f"{slugify(self.afdeling)}.{own}"

    @property
    def label(self) -> str:
        return self.naam if self.afdeling is None else f"{self.naam} ({self.afdeling})"


class _Totals:
    """Formatie, bezetting and vacature summed over `functies`."""

    functies: tuple[Functie, ...]

    @property
    def formatie(self) -> Decimal:
        return total(self.functies, "formatie")

    @property
    def bezetting(self) -> Decimal:
        return total(self.functies, "bezetting")

    @property
    def vacature(self) -> Decimal:
        return self.formatie - self.bezetting


@dataclass(frozen=True)
class Afdeling(_Totals):
    """The functions of one afdeling, with their totals."""

    naam: str
    functies: tuple[Functie, ...]

    @property
    def slug(self) -> str:
        return slugify(self.naam)


@dataclass(frozen=True)
class Functies(_Totals):
    functies: tuple[Functie, ...]
    grouped: bool  # the file has an afdeling column
    file: str

    @property
    def afdelingen(self) -> tuple[Afdeling, ...]:
        """The afdelingen in the order of their first row (none without the column)."""
        if not self.grouped:
            return ()
        names = list(dict.fromkeys(f.afdeling for f in self.functies if f.afdeling))
        return tuple(Afdeling(n, tuple(f for f in self.functies if f.afdeling == n))
                     for n in names)

    def afdeling(self, name: str) -> Afdeling | None:
        wanted = slugify(name)
        return next((a for a in self.afdelingen if a.slug == wanted), None)

    @property
    def boventallig(self) -> Decimal:
        """The fte above the formatie, summed over the functions that have them."""
        return sum((-f.vacature for f in self.functies if f.vacature < 0), ZERO)


def total(rows: tuple[Functie, ...], column: str) -> Decimal:
    return sum((getattr(f, column) for f in rows), ZERO)


# -- loading -------------------------------------------------------------------------------

def load(path: Path, rel: str) -> Functies:
    table = tables.read_table(path, rel)
    tables.require_columns(table, REQUIRED, OPTIONAL)
    grouped = "afdeling" in table.header
    rows: list[Functie] = []
    seen: dict[str, Functie] = {}
    spelled: dict[str, Functie] = {}  # each afdeling's first row, by slug
    for row in table.rows:
        item = Functie(
            naam=tables.text(table, row, "functie"),
            afdeling=_afdeling(table, row) if grouped else None,
            schaal=parse_scale(table, row),
            formatie=_fte(table, row, "formatie"),
            bezetting=_fte(table, row, "bezetting"),
            source=Source(rel, row.line, "functie"))
        if item.afdeling is not None:
            other = spelled.setdefault(slugify(item.afdeling), item)
            if other.afdeling != item.afdeling:
                raise DataError(
                    f"{table.where(row, 'afdeling')}: '{item.afdeling}' is anders geschreven "
                    f"dan '{other.afdeling}' op rij {other.source.line}", file=rel,
                    line=row.line, key="afdeling", code="ongeldige-waarde",
                    hint="schrijf een afdeling overal precies hetzelfde")
        first = seen.get(item.key)
        if first is not None:
            where = f" in afdeling {item.afdeling}" if item.afdeling else ""
            raise DataError(
                f"{table.where(row, 'functie')}: functie '{item.naam}'{where} staat al op "
                f"rij {first.source.line}", file=rel, line=row.line, key="functie",
                code="dubbele-code",
                hint="tel de formatie van een functie op één rij, of geef de functies een "
                     "eigen naam (bijv. 'Consulent inkomen' en 'Consulent inkomen, "
                     "terugvordering')")
        seen[item.key] = item
        rows.append(item)
    if not rows:
        raise DataError("het overzicht heeft geen functies", file=rel, line=1,
                        code="lege-lijst", hint="zet onder de kop ten minste één functie")
    return Functies(tuple(rows), grouped, rel)


def _afdeling(table: tables.TableData, row: tables.TableRow) -> str:
    value = tables.text(table, row, "afdeling", required=False)
    if not value:
        raise DataError(f"{table.where(row, 'afdeling')} is leeg", file=table.file,
                        line=row.line, key="afdeling", code="lege-waarde",
                        hint="vul bij elke functie de afdeling in, of laat de kolom "
                             "afdeling helemaal weg")
    return value


def _fte(table: tables.TableData, row: tables.TableRow, column: str) -> Decimal:
    value = tables.number(table, row, column, decimals=True)
    if value < 0:
        raise DataError(f"{table.where(row, column)}: {fmt.number(value)} fte kan niet: "
                        f"de {column} is 0 fte of meer", file=table.file, line=row.line,
                        key=column, code="buiten-bereik",
                        hint="een tekort of overschot rekent pcdocs zelf uit (vacature = "
                             "formatie − bezetting); schrijf beide als 0 of meer")
    return value


def parse_scale(table: tables.TableData, row: tables.TableRow) -> Schaal:
    """'9', 'schaal 9', '8-9' (and a number cell of a workbook) -> a Schaal of 1 to 18."""
    raw = row.cells.get("schaal", "")
    text = str(raw).strip()
    if isinstance(raw, int | Decimal) and not isinstance(raw, bool) \
            and Decimal(raw) == Decimal(raw).to_integral_value():
        text = str(int(raw))
    match = _SCALE.match(text)
    low = int(match.group(1)) if match else 0
    high = int(match.group(2)) if match and match.group(2) else None
    if not text:
        problem = "is leeg"
    elif match is None:
        problem = f"'{text}' is geen schaal"
    elif not (LOWEST <= low <= HIGHEST and (high is None or LOWEST <= high <= HIGHEST)):
        problem = f"schaal '{text}' bestaat niet (schalen {LOWEST} tot en met {HIGHEST})"
    elif high is not None and high <= low:
        problem = f"'{text}': de tweede schaal moet hoger zijn dan de eerste"
    else:
        return Schaal(low, high)
    raise DataError(f"{table.where(row, 'schaal')}: {problem}", file=table.file,
                    line=row.line, key="schaal",
                    code="lege-waarde" if not text else "ongeldige-waarde",
                    hint=f"schrijf een schaal van {LOWEST} tot en met {HIGHEST}, bijv. 9, "
                         "of een aanloopschaal met een streepje, bijv. 8-9")


# -- figures -------------------------------------------------------------------------------

def _figures_of(prefix: str, rows: tuple[Functie, ...], label: str) -> dict[str, Figure]:
    sources = tuple(f.source for f in rows)
    formatie_ = total(rows, "formatie")
    bezetting = total(rows, "bezetting")
    how = "som van de functies" if len(rows) > 1 else None
    return {
        f"{prefix}formatie": Figure(formatie_, Unit.FTE, sources, f"Formatie {label}",
                                    computed=how),
        f"{prefix}bezetting": Figure(bezetting, Unit.FTE, sources, f"Bezetting {label}",
                                     computed=how),
        f"{prefix}vacature": Figure(
            formatie_ - bezetting, Unit.FTE, sources, f"Vacature {label} (negatief: "
            "boventallig)", computed=f"formatie {fmt.number(formatie_, 2)} − bezetting "
                                     f"{fmt.number(bezetting, 2)}"),
    }


def figures(record: Functies) -> dict[str, Figure]:
    every = record.functies
    result = _figures_of("", every, "per functie, totaal")
    over = tuple(f for f in every if f.vacature < 0)
    result["boventallig"] = Figure(
        record.boventallig, Unit.FTE, tuple(f.source for f in over) or (Source(record.file),),
        "Boventallig: bezetting boven de formatie, opgeteld over de functies",
        computed=" + ".join(fmt.number(-f.vacature, 2) for f in over) or "geen functie")
    for afdeling in record.afdelingen:
        result.update(_figures_of(f"afdeling.{afdeling.slug}.", afdeling.functies,
                                  f"afdeling {afdeling.naam}"))
    for functie in every:
        result.update(_figures_of(f"functie.{functie.key}.", (functie,),
                                  f"functie {functie.label}"))
    return result


# -- reconciling with formatie.yaml ---------------------------------------------------------

@dataclass(frozen=True)
class Aansluiting:
    """The total formatie per function next to the organisation's formatie figure."""

    functies: Decimal
    formatie: Figure  # formatie.fte

    @property
    def difference(self) -> Decimal:
        return self.functies - (self.formatie.numeric() or ZERO)

    @property
    def agrees(self) -> bool:
        return self.difference == 0

    def where(self) -> str:
        return "; ".join(f"{s.file}, regel {s.line}" if s.line else s.file
                         for s in self.formatie.sources)


def aansluiting(record: Functies, organisation_formatie: formatie.Formatie | None
                ) -> Aansluiting | None:
    if organisation_formatie is None:
        return None
    return Aansluiting(record.formatie, formatie.figures(organisation_formatie)["fte"])


def reconcile(record: Functies, organisation_formatie: formatie.Formatie | None
              ) -> list[Finding]:
    """A warning when the total formatie per function is not the organisation's formatie."""
    found = aansluiting(record, organisation_formatie)
    if found is None or found.agrees:
        return []
    return [Finding(
        "warning", "sluit-niet-aan", record.file, None,
        f"de formatie per functie telt op tot {fmt.fte(found.functies)}, maar formatie.fte "
        f"({found.where()}) is {fmt.fte(found.formatie.numeric() or ZERO)}: verschil "
        f"{fmt.fte(found.difference)}",
        hint="maak de functies en de totale formatie gelijk; het verschil staat onder de "
             "tabel functies() tot het is opgelost")]


def validate(record: Functies, checking: Checking) -> list[Finding]:
    return reconcile(record, checking.record(formatie.SPEC))


def _organisation_formatie(ctx: PageContext) -> formatie.Formatie | None:
    """formatie.yaml of the page's data, when there is one that loads (a broken one reports
    its own error)."""
    scope = ctx.require_scope()
    if locate(formatie.SPEC, (scope.path, scope.org_path)) is None:
        return None
    try:
        return ctx.record(formatie.SPEC)
    except PcdocsError:
        return None


# -- rendering -----------------------------------------------------------------------------

def _fte_cell(value: Decimal, sources: tuple[Source, ...], label: str,
              computed: str | None = None) -> Markup:
    return Figure(value, Unit.FTE, sources, label, computed=computed).html("zonder-eenheid")


def vacancy_cell(value: Decimal, sources: tuple[Source, ...], label: str,
                 computed: str) -> Markup:
    """A vacancy in fte; a negative one is boventallig and says so in words."""
    if value >= 0:
        return _fte_cell(value, sources, label, computed)
    return Markup('{} <span class="pc-boventallig">boventallig</span>').format(
        _fte_cell(-value, sources, f"{label}: boventallig", computed))


def _row(f: Functie, with_afdeling: bool) -> html.Row:
    src = (f.source,)
    cells: list[html.Content] = [html.text(f.naam)]
    raw: list[object] = [f.naam]
    if with_afdeling:
        cells.append(html.text(f.afdeling or ""))
        raw.append(f.afdeling)
    cells += [html.text(f.schaal.text()),
              _fte_cell(f.formatie, src, f"Formatie {f.label}"),
              _fte_cell(f.bezetting, src, f"Bezetting {f.label}"),
              vacancy_cell(f.vacature, src, f"Vacature {f.label}",
                           f"{fmt.number(f.formatie, 2)} − {fmt.number(f.bezetting, 2)}")]
    raw += [f.schaal.text(), f.formatie, f.bezetting, f.vacature]
    return html.Row(cells, raw=raw)


def _sum_row(label: str, rows: tuple[Functie, ...], kind: str, width: int) -> html.Row:
    sources = tuple(f.source for f in rows)
    formatie_, bezetting = total(rows, "formatie"), total(rows, "bezetting")
    how = "som van de functies"
    cells: list[html.Content] = [Markup("<strong>{}</strong>").format(label),
                                 *([""] * (width - 4)),
                                 _fte_cell(formatie_, sources, f"Formatie {label}", how),
                                 _fte_cell(bezetting, sources, f"Bezetting {label}", how),
                                 vacancy_cell(formatie_ - bezetting, sources, f"Vacature {label}",
                                              f"{fmt.number(formatie_, 2)} − "
                                              f"{fmt.number(bezetting, 2)}")]
    raw: list[object] = [label, *([None] * (width - 4)), formatie_, bezetting,
                         formatie_ - bezetting]
    return html.Row(cells, kind="total" if kind == "total" else "subtotal", raw=raw)


def reconciliation_note(found: Aansluiting) -> Markup:
    """The reconciliation with formatie.yaml, in words under the table: a difference openly."""
    own = found.formatie.numeric() or ZERO
    if found.agrees:
        return Markup("De formatie per functie ({}) sluit aan op de totale formatie: {} "
                      "volgens {}.").format(fmt.fte(found.functies), found.formatie.html(),
                                            found.where())
    return Markup('<strong class="pc-sluit-niet-aan">Sluit niet aan:</strong> de formatie per '
                  "functie telt op tot {}, de totale formatie is {} volgens {} (verschil "
                  "{}).").format(fmt.fte(found.functies), found.formatie.html(), found.where(),
                                 fmt.fte(found.functies - own))


def macro_functies(ctx: PageContext, afdeling: str | None = None,
                   per_afdeling: bool = True) -> Markup:
    """Formatie, bezetting and vacature per function, grouped per afdeling with subtotals (or
    one afdeling, or a flat list), the total, and the reconciliation with formatie.yaml."""
    record: Functies = ctx.record(SPEC)
    afdelingen = record.afdelingen
    if afdeling is not None:
        chosen = record.afdeling(str(afdeling))
        if chosen is None:
            raise MacroError(f"afdeling '{afdeling}' staat niet in {record.file}",
                             code="onbekende-code", key=str(afdeling),
                             hint="afdelingen: " + (", ".join(a.naam for a in afdelingen)
                                                    or "geen (het bestand heeft geen kolom "
                                                       "afdeling)"))
        afdelingen = (chosen,)
    grouped = bool(afdelingen) and (bool(per_afdeling) or afdeling is not None)
    flat_afdeling = bool(afdelingen) and not grouped
    columns = [html.Column("Functie"),
               *([html.Column("Afdeling")] if flat_afdeling else []),
               html.Column("Schaal"), html.Column("Formatie fte", numeric=True),
               html.Column("Bezetting fte", numeric=True),
               html.Column("Vacature fte", numeric=True)]
    rows: list[html.Row] = []
    if grouped:
        for a in afdelingen:
            rows.append(html.Row([html.text(a.naam)], kind="group"))
            rows += [_row(f, False) for f in a.functies]
            if len(afdelingen) > 1:
                rows.append(_sum_row(f"Subtotaal {a.naam}", a.functies, "subtotal",
                                     len(columns)))
    else:
        rows += [_row(f, flat_afdeling) for f in record.functies]
    shown = tuple(f for a in afdelingen for f in a.functies) if afdelingen else record.functies
    rows.append(_sum_row("Totaal" if afdeling is None else f"Totaal {afdelingen[0].naam}",
                         shown, "total", len(columns)))
    notes: list[html.Content] = [Markup(
        "Vacature = formatie − bezetting. Is de bezetting groter dan de formatie, dan staat "
        "het verschil er als <em>boventallig</em>.")]
    if afdeling is None:
        organisation_formatie = _organisation_formatie(ctx)
        found = aansluiting(record, organisation_formatie)
        if found is not None:
            for finding in reconcile(record, organisation_formatie):
                ctx.warn(finding)
            notes.append(reconciliation_note(found))
    year = ctx.year
    title = "Formatie en bezetting per functie" + (f" {year}" if year else "") + (
        f", afdeling {afdelingen[0].naam}" if afdeling is not None else "") + " (fte)"
    return ctx.table(title, columns, rows, cls="pc-functies", notes=notes,
                     name="functies" if afdeling is None else f"functies-{afdelingen[0].slug}")


# -- comparing ----------------------------------------------------------------------------

def fte_value(value: Decimal) -> str:
    """An fte as a comparison keeps it: always two decimals, so a change reads +1,00."""
    return format(value.quantize(Decimal("0.01")), "f")


def facts(record: Functies, comparing: Comparing) -> tuple[list[Fact], set[str]]:
    """Each function as a whole (added, dropped, its schaal changed), with its formatie and
    bezetting; its vacature follows from those two and is left out."""
    found: list[Fact] = []
    for f in record.functies:
        key = f"functie.{f.key}"
        found.append(Fact("functies", key, "functie", f"Functie {f.label}",
                          f"schaal {f.schaal.text()}",
                          f"schaal {f.schaal.text()}, formatie {fmt.fte(f.formatie)}"))
        for part, value in (("formatie", f.formatie), ("bezetting", f.bezetting)):
            found.append(Fact("functies", f"{key}.{part}", "cijfer",
                              f"{part.capitalize()} {f.label}", fte_value(value),
                              fmt.fte(value), parent=key))
    return found, {"functie"}


TEMPLATE = TableTemplate(  # (the Excel template, `pcdocs sjabloon functies`)
    file="functies",
    columns=(
        TemplateColumn("afdeling", "De afdeling van de functie; laat de kolom weg voor een "
                       "overzicht zonder afdelingen.", required=False),
        TemplateColumn("functie", "De naam van de functie; één rij per functie (per "
                       "afdeling)."),
        TemplateColumn("schaal", "De schaal (1 tot en met 18), of een reeks als 8-9."),
        TemplateColumn("formatie", "De formatie van de functie in fte (0 of meer).", "getal"),
        TemplateColumn("bezetting", "De bezetting in fte (0 of meer); de vacature rekent "
                       "pcdocs uit.", "getal"),
    ),
    example=("Werk", "Klantmanager werk", "9", Decimal("6.00"), Decimal("5.11")),
    explanation="Elke rij is één functie met haar formatie en bezetting. pcdocs rekent de "
                "vacatures en de totalen per afdeling uit en legt het totaal naast de "
                "formatie in formatie.yaml.",
)

SPEC = BlockSpec(
    kind="functies",
    label="Formatie per functie",
    summary="Formatie en bezetting per functie en afdeling, met vacatures en totalen, "
            "aansluitend op de formatie",
    extensions=("csv", "xlsx"),
    load=load,
    figures=figures,
    validate=validate,
    facts=facts,
    wording=(
        Wording("functie", kind="functie-schaal-gewijzigd", measured=False,
                changed="{label}: van {old} naar {new}.",
                added="Nieuwe functie: {label}, {text}.",
                dropped="Functie vervallen: {label} (was {text})."),
    ),
    templates=(TEMPLATE,),
    macros=(
        MacroSpec("functies", macro_functies,
                  "Tabel: formatie, bezetting en vacature per functie, per afdeling met "
                  "subtotalen, het totaal en de aansluiting op de formatie.",
                  "{{ functies() }}"),
    ),
)
