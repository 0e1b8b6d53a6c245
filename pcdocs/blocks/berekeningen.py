"""Berekeningen: figures computed by a formula from other figures of the organisation.

`data/<org>/<year>/berekeningen.yaml` names figures that follow from figures already in the
data, so no percentage, share or cost per unit is typed by hand:

```yaml
kosten_per_fte:
  label: Personeelslasten per fte
  formule: kerncijfers.personeelslasten / formatie.fte
  decimalen: 0                 # optional: how many decimals the page shows
  eenheid: euro per fte        # optional: checked against the unit the formula gives
  toelichting: Alle lasten van het eigen personeel, gedeeld door de formatie.
aandeel_personeel:
  label: Aandeel personeelslasten in de totale lasten
  formule: aandeel(kerncijfers.personeelslasten; kerncijfers.totale_lasten)
verandering_uitkeringen:
  label: Verandering aantal uitkeringen ten opzichte van 2024
  formule: verandering(2024:kerncijfers.uitkeringen; kerncijfers.uitkeringen)
```

A page writes `{{ cijfer('berekeningen.kosten_per_fte') }}`; entries may be grouped as in
kerncijfers.yaml (`berekeningen.kosten_per_inwoner.brunssum`). The formula language is
`pcdocs.model.formula`'s; a formula names any figure the page's data folder offers
(`formatie.fte`, `kerncijfers.x`, another berekening) and, with the year in front, a figure
of the same organisation in another year (`2024:kerncijfers.x`, from `data/<org>/2024/`).

A page computes a figure lazily through its own `DataScope` (only the one it shows, and
what that needs; every file read is one of the page's sources). `check` computes every
entry, with the data of each document that reads the file (or the file's own folder), so an
unknown name, a unit that does not fit, a division by zero or a cycle is found whether or
not a page shows the figure. The computed figure's sources are the formula's line, then
every line it was computed from (through other berekeningen down to the data); its tooltip
names the formula and each input with its value and line.

`eenheid` is a check and names what is counted: `euro per fte`, `procent`, `getal`, or a
count with its own noun, `euro per inwoner` (euro per aantal) or `uitkeringen per fte`. The
page then writes '€ 61.583 per fte', '€ 165 per inwoner', '7,5%'. Without `decimalen` a
figure shows as many decimals as the figures it comes from, unless the result has more: then
euro 0, procent 1, fte 2, getal 2, others 1 (halves rounded away from zero).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path, PurePosixPath

from pcdocs.blocks.datasets import DataScope, DataStore, Placed, blocks
from pcdocs.blocks.spec import BlockSpec, Carried, Carry, Checking
from pcdocs.errors import DataError, Finding, PcdocsError
from pcdocs.model import fmt
from pcdocs.model.figures import EXPLANATION, Figure, Source, Unit
from pcdocs.model.formula import (
    Computed,
    FormulaError,
    Reference,
    Resolved,
    evaluate_all,
    parse,
)
from pcdocs.model.load import load_yaml, number_problem
from pcdocs.model.schema import Reader
from pcdocs.model.units import NUMBER, PERCENT, Dimension

KIND = "berekeningen"
PREFIX = f"{KIND}."
_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9_]*")
_ENTRY_KEYS = ("formule", "label", "decimalen", "eenheid", "toelichting")
MAX_DECIMALS = 10


# -- the record ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Berekening:
    """One named figure: its formula (and the formula's line), label and display."""

    name: str
    formula: str
    source: Source
    label: str
    decimals: int | None = None
    unit: str | None = None  # `eenheid:` as written
    unit_source: Source | None = None
    explanation: str | None = None


class _Place(Placed):
    """Where a loaded record lies and the store that reads its inputs (not a record field
    the disk cache writes: `DataStore.load` binds it after loading)."""

    def __init__(self, store: DataStore, path: Path) -> None:
        super().__init__(store, path, KIND)


@dataclass(frozen=True)
class Berekeningen:
    """The berekeningen of one file; `place` is set once the store has loaded it."""

    file: str
    entries: tuple[Berekening, ...]
    place: _Place | None = field(default=None, compare=False, repr=False)

    def bound(self, store: DataStore, path: Path) -> Berekeningen:
        return replace(self, place=_Place(store, path))

    def names(self) -> list[str]:
        return [entry.name for entry in self.entries]

    def compute(self, scope: DataScope, name: str) -> Figure:
        return _Evaluation(self, scope).result(name)[0]


# -- loading ------------------------------------------------------------------------------


def load(path: Path, rel: str) -> Berekeningen:
    reader = Reader(load_yaml(path, rel), rel)
    entries: list[Berekening] = []
    _walk(reader, "", entries)
    return Berekeningen(rel, tuple(entries))


def _walk(r: Reader, prefix: str, out: list[Berekening]) -> None:
    for key, value in r.entries():
        name = f"{prefix}.{key}" if prefix else str(key)
        if not _PART.fullmatch(str(key)) or (not prefix and not str(key)[0].isalpha()):
            raise r.error(key, f"'{key}' kan geen naam in een formule zijn",
                          hint="een naam bestaat uit letters, cijfers en '_' en begint met "
                               "een letter, bijv. kosten_per_fte", code="ongeldige-waarde")
        if not isinstance(value, Reader):
            raise r.error(key, "een berekening is een groep met ten minste 'formule' en "
                               "'label'",
                          hint=f"schrijf bijv. '{key}: {{label: ..., formule: "
                               "kerncijfers.a / formatie.fte}'", code="verkeerd-type")
        if any(k in value.data for k in _ENTRY_KEYS):
            out.append(_entry(value, name))
        else:
            _walk(value, name, out)


def _entry(r: Reader, name: str) -> Berekening:
    formula = r.text("formule")
    source = r.source("formule")
    label = r.text("label")
    decimals = r.opt_integer("decimalen", minimum=0)
    if decimals is not None and decimals > MAX_DECIMALS:
        raise r.error("decimalen", f"{decimals} decimalen is meer dan een pagina toont",
                      hint=f"kies 0 tot en met {MAX_DECIMALS}", code="buiten-bereik")
    unit = r.opt_text("eenheid")
    if unit is not None:
        problem = read_unit(unit)
        if isinstance(problem, str):
            raise r.error("eenheid", problem, code="onbekende-waarde",
                          hint="schrijf bijv. euro, procent, getal, fte, euro per fte, "
                               "euro per inwoner of uitkeringen per fte")
    explanation = r.opt_text("toelichting")
    r.done()
    return Berekening(name, formula, source, label, decimals, unit,
                      r.source("eenheid") if unit is not None else None, explanation)


# -- units: what `eenheid:` says and how a compound unit is written ------------------------

_BASE_WORDS = {"euro": "euro", "€": "euro", "fte": "fte", "aantal": "aantal", "stuk": "aantal",
               "stuks": "aantal", "dag": "dagen", "dagen": "dagen", "week": "weken",
               "weken": "weken", "maand": "maanden", "maanden": "maanden", "cijfer": "cijfer"}
_NOUN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BY_BASE = {"euro": Unit.EURO, "fte": Unit.FTE, "aantal": Unit.COUNT, "dagen": Unit.DAYS,
            "weken": Unit.WEEKS, "maanden": Unit.MONTHS, "cijfer": Unit.GRADE}


@dataclass(frozen=True)
class ReadUnit:
    """An `eenheid:` read: its dimension, the noun of a counted numerator ('uitkeringen'),
    and the words after each 'per' as written ('inwoner', 'fte')."""

    dimension: Dimension
    noun: str | None = None
    per: tuple[str, ...] = ()


def read_unit(text: str) -> ReadUnit | str:
    """`eenheid:` as a dimension, or what is wrong with it (Dutch)."""
    words = " ".join(text.lower().replace("€", " euro ").replace("%", " procent ").split())
    if words in ("procent", "getal"):
        return ReadUnit(PERCENT if words == "procent" else NUMBER)
    head, *rest = f" {words}".split(" per ")
    powers: dict[str, int] = {}
    noun = None
    numerator = head.split()
    if numerator[:1] == ["aantal"] and len(numerator) == 2:
        numerator = numerator[1:]
    if len(numerator) > 1:
        return f"eenheid '{text}' heeft voor 'per' meer dan één woord"
    if numerator:
        base = _BASE_WORDS.get(numerator[0])
        if base is None and not _NOUN.fullmatch(numerator[0]):
            return f"eenheid '{text}' kan pcdocs niet lezen"
        if base is None:
            noun = numerator[0]
        powers[base or "aantal"] = 1
    per: list[str] = []
    for word in rest:
        if len(word.split()) != 1 or not (word in _BASE_WORDS or _NOUN.fullmatch(word)):
            return f"eenheid '{text}': na 'per' hoort één woord, bijv. per fte of per inwoner"
        base = _BASE_WORDS.get(word, "aantal")
        powers[base] = powers.get(base, 0) - 1
        per.append(word)
    if not numerator and not per:
        return f"eenheid '{text}' is leeg"
    return ReadUnit(Dimension.of(powers), noun, tuple(per))


def figure_unit(dimension: Dimension, unit: ReadUnit | None = None) -> tuple[Unit, str | None]:
    """The figure unit a computed dimension is written with, and the words after the value:
    euro per fte is (euro, 'per fte'); with `eenheid: euro per inwoner`, (euro,
    'per inwoner'); a unit without one plain numerator (euro²) is a number and its name."""
    simple = dimension.unit()
    upper = {b: e for b, e in dimension.powers if e > 0}
    lower = {b: e for b, e in dimension.powers if e < 0}
    if simple is None and (len(upper) > 1 or any(e != 1 for e in upper.values())):
        return Unit.NUMBER, dimension.name()
    main = _BY_BASE[next(iter(upper))] if upper else (simple or Unit.NUMBER)
    if unit is not None:
        words = ([unit.noun] if unit.noun else []) + [f"per {w}" for w in unit.per]
        return main, " ".join(words) or None
    return main, Dimension.of(lower).name() if lower else None


# -- display: decimals and rounding -------------------------------------------------------

DEFAULT_DECIMALS = {Unit.EURO: 0, Unit.PERCENT: 1, Unit.FTE: 2, Unit.NUMBER: 2}
_WIDE = Context(prec=200)  # rounding any value a formula may give (below 10^60), exactly


def written_decimals(fig: Figure) -> int:
    """The decimals a figure was written with (its own setting, else its value's)."""
    if fig.decimals is not None:
        return fig.decimals
    value = fig.numeric()
    return fmt.decimals_of(value) if value is not None else 0


def display(value: Decimal, unit: Unit, decimals: int | None, inputs: Iterable[Figure]
            ) -> tuple[Decimal | int, int]:
    """A computed value as the figure keeps it, and its decimals: `decimals` when given
    (rounded, halves away from zero), else as many as its inputs were written with when the
    result needs no more (kept as computed), else the unit's default (rounded)."""
    if decimals is None:
        written = max((written_decimals(f) for f in inputs), default=0)
        if fmt.decimals_of(value.normalize(_WIDE)) <= written:
            return _whole(value, unit), written
        decimals = DEFAULT_DECIMALS.get(unit, 1)
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP,
                             context=_WIDE)
    return _whole(rounded, unit), decimals


def _whole(value: Decimal, unit: Unit) -> Decimal | int:
    """A count that is whole as an int, as the data gives counts."""
    if unit is Unit.COUNT and value == value.to_integral_value():
        return int(value)
    return value


def resolved(fig: Figure, fallback: Source) -> Resolved:
    """A figure as a formula sees it (a value that is no number: NaN, which the formula
    refuses with the figure's name)."""
    value = fig.numeric()
    return Resolved(Decimal("NaN") if value is None else value, fig.unit,
                    fig.sources[0] if fig.sources else fallback)


# -- computing ----------------------------------------------------------------------------

# The berekeningen being computed now, across files (another year's file may name this
# one's figures): (folder, name, formula line). A repeat is a cycle across files.
_ACTIVE: ContextVar[tuple[tuple[str, str, Source], ...]] = ContextVar("berekeningen",
                                                                     default=())


class _Evaluation:
    """Figures of one berekeningen file computed with the figures of one scope."""

    def __init__(self, record: Berekeningen, scope: DataScope) -> None:
        self.record = record
        self.scope = scope
        self.entries = {entry.name: entry for entry in record.entries}
        self.inputs: dict[Reference, Figure] = {}  # figures read from the data, by reference
        self.made: dict[str, tuple[Figure, Computed]] = {}

    def result(self, name: str) -> tuple[Figure, Computed]:
        """The figure `name` (and how it was computed), with every berekening it needs."""
        entry = self.entries[name]
        active = _ACTIVE.get()
        if any((folder, other) == (self.scope.folder, name) for folder, other, _ in active):
            self._cycle(active, entry)
        token = _ACTIVE.set((*active, (self.scope.folder, name, entry.source)))
        try:
            needed = self._closure(name)
            self._check_years(needed)
            formulas = {PREFIX + n: (self.entries[n].formula, self.entries[n].source)
                        for n in needed}
            results = evaluate_all(formulas, _Resolver(self))
        finally:
            _ACTIVE.reset(token)
        return self._figure(name, results)

    def _closure(self, name: str) -> list[str]:
        """`name` and the berekeningen of this file it names, directly or not, in file
        order (a cycle among them is `evaluate_all`'s to report)."""
        seen, todo = {name}, [name]
        while todo:
            entry = self.entries[todo.pop()]
            for ref in parse(entry.formula, entry.source).references:
                other = ref.name.removeprefix(PREFIX)
                if ref.year is None and ref.name.startswith(PREFIX) and other in self.entries \
                        and other not in seen:
                    seen.add(other)
                    todo.append(other)
        return [n for n in self.entries if n in seen]

    def _check_years(self, names: list[str]) -> None:
        org = PurePosixPath(self.scope.folder).parts[0]
        for name in names:
            entry = self.entries[name]
            formula = parse(entry.formula, entry.source)
            for ref in formula.references:
                if ref.year is not None and not (self.scope.data_dir / org / str(ref.year)
                                                 ).is_dir():
                    raise formula.error(
                        f"'{ref}': er zijn geen gegevens van {ref.year} (data/{org}/"
                        f"{ref.year}/ bestaat niet)", "formule-onbekend",
                        "noem een jaar waarvan de organisatie een gegevensmap heeft")

    def _cycle(self, active: tuple[tuple[str, str, Source], ...], entry: Berekening
               ) -> None:
        start = next(i for i, (folder, name, _) in enumerate(active)
                     if (folder, name) == (self.scope.folder, entry.name))
        steps = [f"{_year_name(folder, name)} ({source.ref()})"
                 for folder, name, source in active[start:]]
        steps.append(_year_name(self.scope.folder, entry.name))
        raise FormulaError(
            "de formules verwijzen over de jaren heen in een kring naar elkaar: "
            + " → ".join(steps), source=entry.source, code="formule-lus",
            hint="een formule kan niet (via andere formules) van haar eigen uitkomst "
                 "afhangen; reken een van deze cijfers uit gegeven cijfers")

    def _figure(self, name: str, results: dict[str, Computed]) -> tuple[Figure, Computed]:
        if name in self.made:
            return self.made[name]
        entry = self.entries[name]
        computed = results[PREFIX + name]
        sources: dict[Source, None] = {computed.source: None}
        inputs: list[Figure] = []
        parts: list[str] = []
        for item in computed.inputs:
            ref = item.reference
            if ref.year is None and str(ref) in results:
                fig = self._figure(str(ref).removeprefix(PREFIX), results)[0]
            else:
                fig = self.inputs[ref]
            inputs.append(fig)
            sources.update(dict.fromkeys(fig.sources))
            where = _where(fig.sources[:1] if item.computed else fig.sources)
            parts.append(f"{ref} = {fig.text()}{where}")
        unit, suffix = self._unit(entry, computed)
        value, decimals = display(computed.value, unit, entry.decimals, inputs)
        problem = number_problem(Decimal(value))
        if problem is not None:
            raise parse(entry.formula, entry.source).error(
                f"de uitkomst {problem}", "formule-te-groot",
                "controleer de formule en de eenheden van de cijfers die ze noemt")
        description = " ".join(entry.formula.split())
        if parts:
            description += "; met " + ", ".join(parts)
        extra = {EXPLANATION: entry.explanation} if entry.explanation else {}
        fig = Figure(value, unit, tuple(sources), entry.label, computed=description,
                     decimals=decimals, extra=extra, suffix=suffix)
        self.made[name] = (fig, computed)
        return self.made[name]

    def _unit(self, entry: Berekening, computed: Computed) -> tuple[Unit, str | None]:
        """The figure's unit; a stated `eenheid` must be the one the formula gives."""
        if entry.unit is None:
            return figure_unit(computed.unit)
        stated = read_unit(entry.unit)
        assert not isinstance(stated, str)  # (read when the file was loaded)
        if stated.dimension != computed.unit:
            where = entry.unit_source or entry.source
            raise DataError(
                f"{entry.name}: eenheid '{entry.unit}' past niet bij de formule: die geeft "
                f"{computed.unit_name()}", file=where.file, line=where.line, key=where.key,
                code="formule-eenheid",
                hint=f"schrijf 'eenheid: {computed.unit_name()}' of laat eenheid weg; of "
                     "verbeter de formule")
        return figure_unit(computed.unit, stated)


def _where(sources: tuple[Source, ...]) -> str:
    """' (file:3)', or for a figure summed from more lines ' (file:19, 23, 27)'."""
    if not sources:
        return ""
    files: dict[str, list[str]] = {}
    for src in sources:
        files.setdefault(src.file, []).append(str(src.line) if src.line else "")
    return " (" + "; ".join(f"{file}:{', '.join(lines)}" if any(lines) else file
                            for file, lines in files.items()) + ")"


def _year_name(folder: str, name: str) -> str:
    parts = PurePosixPath(folder).parts
    return f"{parts[1]}:{PREFIX}{name}" if len(parts) > 1 else PREFIX + name


class _Resolver:
    """What a formula's names mean: `kind.name` is the figure `{{ cijfer('kind.name') }}`
    shows with the evaluation's scope; `2024:kind.name` the same in data/<org>/2024/."""

    def __init__(self, run: _Evaluation) -> None:
        self.run = run

    def scope(self, year: int | None) -> DataScope | None:
        scope = self.run.scope
        if year is None:
            return scope
        org = PurePosixPath(scope.folder).parts[0]
        folder = f"{org}/{year}"
        if folder == scope.folder:
            return scope
        if not (scope.data_dir / org / str(year)).is_dir():
            return None
        other = DataScope(scope.store, scope.data_dir, folder, self.run.record.file)
        other.used = scope.used  # what it reads is read by the page
        return other

    def __call__(self, ref: Reference) -> Resolved | None:
        scope = self.scope(ref.year)
        kind, _, name = ref.name.partition(".")
        block = blocks().get(kind)
        if scope is None or block is None or not name or scope.locate(block) is None:
            return None
        record = scope.record(block)
        fallback = Source(scope.rel(scope.locate(block) or scope.path))
        if isinstance(record, Berekeningen):
            if ref.year is None or name not in record.names():
                return None  # (this file's own are the formulas being computed)
            fig, computed = _Evaluation(record, scope).result(name)
            self.run.inputs[ref] = fig
            return Resolved(computed.value, computed.unit, computed.source, computed)
        found = block.figures(record).get(name)
        if found is None:
            return None
        self.run.inputs[ref] = found
        return resolved(found, fallback)

    def names(self, year: int | None) -> Iterable[str]:
        """Every figure the scope of `year` offers (for 'bedoelde u ...?')."""
        scope = self.scope(year)
        return [] if scope is None else list(_known(scope))


def _known(scope: DataScope) -> Iterator[str]:
    for kind, block in blocks().items():
        path = scope.locate(block)
        if path is None:
            continue
        try:  # read without making the file one of the page's sources
            record = scope.store.load(block, path, scope.rel(path))
            names = record.names() if isinstance(record, Berekeningen) \
                else list(block.figures(record))
        except PcdocsError:
            continue
        yield from (f"{kind}.{name}" for name in names)


# -- the spec: figures, checks, the next year ---------------------------------------------


def figures(record: Berekeningen) -> dict[str, Figure]:
    """The figures computed with the data of the file's own folder (those that compute:
    `check` reports the others)."""
    if record.place is None:
        return {}
    scope = record.place.scope()
    found = {}
    for name in record.names():
        try:
            found[name] = record.compute(scope, name)
        except PcdocsError:
            continue
    return found


def validate(record: Berekeningen, checking: Checking) -> list[Finding]:
    """Every entry computed with the data of each document that reads the file (or of the
    file's own folder): each problem of this file once, at its line. A problem of another
    data file is reported with that file."""
    if record.place is None:
        return []
    own = record.place.folder()
    folders = sorted({d.data_folder for d in checking.documents}) or [own]
    found: dict[tuple[object, ...], Finding] = {}
    for folder in folders:
        try:
            scope = record.place.scope(folder)
        except PcdocsError:
            continue  # (the document reports its missing data folder)
        for name in record.names():
            try:
                record.compute(scope, name)
            except PcdocsError as exc:
                finding = exc.finding
                if finding.file != record.file:
                    continue
                if folder != own:
                    finding = replace(finding, message=f"{finding.message} (met de "
                                                       f"gegevens van data/{folder}/)")
                found.setdefault((finding.line, finding.code, finding.message), finding)
    return list(found.values())


_YEAR_REF = re.compile(r"(?<![\w.,])(\d{4}):(?=[A-Za-z])")


def carry(c: Carry) -> Carried:
    """The file for the next document: every other year a formula names moves along with
    the document (`2024:kerncijfers.x` in the 2025 file becomes `2025:kerncijfers.x`), so
    'the year before' stays the year before; everything else as it was."""
    shift = c.new.start - c.old.start
    lines = c.path.read_text(encoding="utf-8").splitlines(keepends=True)
    moved = [_YEAR_REF.sub(lambda m: f"{int(m.group(1)) + shift}:", line)
             if "formule" in line else line for line in lines]
    return Carried("".join(moved))


SPEC = BlockSpec(
    kind=KIND,
    label="Berekeningen",
    summary="Cijfers die pcdocs met een formule uit andere cijfers berekent: kengetallen, "
            "aandelen, veranderingen",
    extensions=("yaml",),
    load=load,
    figures=figures,
    validate=validate,
    carry=carry,
)
