"""The oracle's rules: each figure on a page against the oracle's own reading of the data.

See tests/figure_oracle.py for what is read and how; `Checker(...).problems()` lists what is
wrong with a page, as sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal

import yaml

from .figure_oracle import (
    CsvData,
    Data,
    Page,
    Ref,
    Shown,
    YamlData,
    cell_number,
    child,
    file_date,
    file_number,
    matches,
    same,
    scalar,
    shown_number,
)

_STAND = re.compile(r"^(?:Stand|Formatie) per (\d\d-\d\d-\d{4})$")
_TERMS = re.compile(r"^-?[\d.,]+(?: \+ -?[\d.,]+)+$")
_CONVERSION = re.compile(r"^\S+ (dagen|weken) omgerekend naar (dagen|weken)$")
_REALISATION = re.compile(r"^(indicatoren\[\d+\])\.realisaties\[\d+\](?:\.waarde)?$")
UP = {"gestegen", "toenemen", "stijgt", "duurder", "hoger"}
DOWN = {"gedaald", "afnemen", "daalt", "goedkoper", "lager"}
LEVEL = {"gelijk gebleven", "gelijk blijven", "gelijk", "blijft gelijk", "even duur"}
_DAYS = {"dagen": 1, "weken": 7}
_OPS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "minimaal": lambda v, n: v >= n, "maximaal": lambda v, n: v <= n,
    "meer-dan": lambda v, n: v > n, "minder-dan": lambda v, n: v < n,
    "gelijk": lambda v, n: v == n,
}


class Checker:
    """Checks `page` against `data` (the files the oracle reads); figures from other files
    must be exactly those of `base`, the page before the damage."""

    def __init__(self, data: dict[str, Data | None], base: Page, page: Page) -> None:
        self.data = data
        self.base = base
        self.page = page

    def problems(self) -> list[str]:
        found: list[str] = []
        unread: dict[str, int] = {}
        for fig in self.page.figures:
            if not any(r.file in self.data for r in fig.refs):
                continue
            broken = {r.file for r in fig.refs if r.file in self.data
                      and self.data[r.file] is None}
            for file in broken:
                unread[file] = unread.get(file, 0) + 1
            if not broken:
                found += [f"{fig.describe()}: {p}" for p in self._figure(fig)]
        found += [f"{file} is niet eenduidig te lezen, toch staan er {n} cijfers uit op de "
                  "pagina" for file, n in unread.items()]
        found += self._badges() + self._elsewhere() + self._typed_totals() + self._rows_shown()
        return found

    # -- one figure ----------------------------------------------------------------------------

    def _figure(self, fig: Shown) -> Iterator[str]:
        for ref, key in fig.keys:
            yield from self._provenance(ref, key)
        if fig.textual:
            yield from self._text(fig)
            return
        if not fig.computed:
            yield from self._plain(fig)
            return
        rule = self._rule(fig)
        if rule is None:
            yield "geen regel in het orakel voor dit berekende cijfer"
        else:
            yield from rule(fig)

    def _provenance(self, ref: Ref, key: str) -> Iterator[str]:
        data = self.data.get(ref.file)
        if isinstance(data, YamlData):
            found = data.resolve(key)
            if found is None:
                yield f"sleutel {key} staat niet in {ref.file}"
            elif found[0] != ref.line:
                yield f"bron zegt regel {ref.line}, maar {key} staat op regel {found[0]}"
        elif isinstance(data, CsvData) and ref.line not in data.rows:
            yield f"regel {ref.line} is geen rij met gegevens in {ref.file}"

    def _plain(self, fig: Shown) -> Iterator[str]:
        if len(fig.refs) != 1:
            yield "een niet-berekend cijfer met meer dan één bron"
            return
        ref = fig.refs[0]
        data = self.data[ref.file]
        if isinstance(data, CsvData):
            number = shown_number(fig.text)
            cells = self._cells(data, ref, fig)
            if number is None or not any(
                    (v := data.number(c)) is not None and same(number, v) for c in cells):
                yield f"rij {ref.line} zegt {cells}"
            return
        assert isinstance(data, YamlData)
        written = [scalar(self._node(data, ref, key)) for _, key in fig.keys] or \
            data.values_on(ref.line)
        if not any(matches(fig.text, w) for w in written):
            yield f"het bestand zegt {written} op regel {ref.line}"

    def _text(self, fig: Shown) -> Iterator[str]:
        """A text figure ('2 vacatures voor een consulent'): every number in it is written in
        the data it names."""
        written = " ".join(s for ref, key in fig.keys if isinstance(
            data := self.data.get(ref.file), YamlData) for s in _texts(self._node(data, ref, key)))
        if fig.keys and any(number not in written for number in re.findall(r"\d+", fig.text)):
            yield f"de tekst heeft een getal dat niet in de gegevens staat: {written!r}"

    def _cells(self, data: CsvData, ref: Ref, fig: Shown) -> list[str]:
        named = [data.cell(ref.line, key) for _, key in fig.keys]
        if named and all(c is not None and data.number(c) is not None for c in named):
            return [c for c in named if c is not None]
        return data.rows.get(ref.line, [])

    @staticmethod
    def _node(data: YamlData, ref: Ref, key: str) -> yaml.Node | None:
        found = data.resolve(key)
        return found[1] if found else None

    # -- computed figures ----------------------------------------------------------------------

    def _rule(self, fig: Shown) -> Callable[[Shown], Iterator[str]] | None:
        word = fig.text.lower()
        if fig.label.startswith("Verschil tussen norm en realisatie"):
            return self._difference
        if fig.calc and _CONVERSION.match(fig.calc):
            return self._conversion
        if fig.label.startswith("Aantal realisaties "):
            return self._counts
        if fig.label.startswith("Aantal: "):
            return self._items
        if _STAND.match(fig.label):
            return self._stand
        if word in UP | DOWN | LEVEL:
            return self._direction
        if fig.calc and _TERMS.match(fig.calc) and len(fig.refs) == 1 \
                and isinstance(self.data.get(fig.refs[0].file), CsvData):
            return self._row_total
        if shown_number(fig.text) is not None:
            return self._sum
        return None

    def _values(self, fig: Shown) -> list[Decimal | None]:
        """The YAML values a computed figure names in its sources, in order."""
        return [file_number(scalar(self._node(data, ref, key)))
                if isinstance(data := self.data.get(ref.file), YamlData) else None
                for ref, key in fig.keys]

    def _difference(self, fig: Shown) -> Iterator[str]:
        values, number = self._values(fig), shown_number(fig.text)
        if len(values) != 2 or None in values or number is None:
            yield f"verschil van {values}?"
        elif not same(number, abs(values[0] - values[1]), signed=True):  # type: ignore[operator]
            yield f"|{values[0]} - {values[1]}| is niet {number}"

    def _conversion(self, fig: Shown) -> Iterator[str]:
        assert fig.calc is not None
        match = _CONVERSION.match(fig.calc)
        assert match is not None
        values, number = self._values(fig), shown_number(fig.text)
        factor = Decimal(_DAYS[match[1]]) / _DAYS[match[2]]
        if len(values) != 1 or values[0] is None or number is None \
                or not same(number, values[0] * factor, signed=True):
            yield f"{values} {match[1]} is niet {number} {match[2]}"

    def _items(self, fig: Shown) -> Iterator[str]:
        number = shown_number(fig.text)
        counts = []
        for ref, key in fig.keys:
            data = self.data.get(ref.file)
            node = self._node(data, ref, key) if isinstance(data, YamlData) else None
            items = child(node, "items")
            seq = items[1] if items else node
            counts.append(len(seq.value) if isinstance(seq, yaml.SequenceNode) else None)
        if len(counts) != 1 or counts[0] is None or number != counts[0]:
            yield f"de lijst telt {counts} items"

    def _counts(self, fig: Shown) -> Iterator[str]:
        year = fig.label.removeprefix("Aantal realisaties ").split(":")[0]
        what = fig.label.split(": ", 1)[1]
        statuses = [self._status(ref.file, key) for ref, key in fig.keys]
        expected = {"totaal": len(statuses), "behaald": statuses.count("behaald"),
                    "niet behaald": statuses.count("niet behaald")}.get(what)
        if shown_number(fig.text) != expected:
            yield f"verwacht {expected} ({what}; statussen {statuses})"
        for ref, _ in fig.keys[:1]:
            every = set(self._realisations(ref.file, year))
            if every != {key for _, key in fig.keys}:
                yield f"niet elke realisatie van {year} is meegeteld: {sorted(every)}"

    def _realisations(self, file: str, year: str) -> Iterator[str]:
        data = self.data.get(file)
        found = data.resolve("indicatoren") if isinstance(data, YamlData) else None
        if found is None or not isinstance(found[1], yaml.SequenceNode):
            return
        for i, ind in enumerate(found[1].value, start=1):
            reals = child(ind, "realisaties")
            if reals is None or not isinstance(reals[1], yaml.SequenceNode):
                continue
            for j, real in enumerate(reals[1].value, start=1):
                if scalar(real, "jaar") == year:
                    yield f"indicatoren[{i}].realisaties[{j}]"

    def _status(self, file: str, key: str) -> str | None:
        """The status of a realisation, computed here from its norm and comparison."""
        data, match = self.data.get(file), _REALISATION.match(key)
        if not isinstance(data, YamlData) or match is None:
            return None
        ind = self._node(data, Ref(file, 0), match[1])
        real = self._node(data, Ref(file, 0), key.removesuffix(".waarde"))
        norms = child(ind, "normen")
        norm = child(norms[1] if norms else None, scalar(real, "jaar") or "")
        if norm is None:
            return "geen norm"
        comparison = scalar(ind, "vergelijking") or "gelijk"
        target: yaml.Node | None = norm[1]
        if isinstance(target, yaml.MappingNode):
            comparison = scalar(target, "vergelijking") or comparison
            inner = child(target, "waarde")
            target = inner[1] if inner else None
        written, value = scalar(target), scalar(real, "waarde")
        if written is not None and written.lower() == "nog te bepalen":
            return "norm nog te bepalen"
        if value is None:
            return "nog geen realisatie"
        if scalar(ind, "eenheid") == "ja/nee":
            yes = {"ja", "yes", "true", "on", "waar", "j"}
            met = (value.lower() in yes) == ((written or "").lower() in yes)
        else:
            v, n = file_number(value), file_number(written)
            met = v is not None and n is not None and _OPS[comparison](v, n)
        return "behaald" if met else "niet behaald"

    def _stand(self, fig: Shown) -> Iterator[str]:
        match = _STAND.match(fig.label)
        assert match is not None
        expected = self._formatie_at(fig.refs[0].file, match[1])
        number = shown_number(fig.text)
        if expected is None or number is None or not same(number, expected, signed=True):
            yield f"beginstand plus mutaties tot {match[1]} is {expected}"

    def _formatie_at(self, yaml_file: str, date: str) -> Decimal | None:
        """Beginstand plus every mutation in formatieanalyse.csv up to `date`."""
        data = self.data.get(yaml_file)
        table = self.data.get(yaml_file.rsplit("/", 1)[0] + "/formatieanalyse.csv")
        until = file_date(date)
        begin = file_number(scalar(self._node(data, Ref(yaml_file, 0), "beginstand.fte"))) \
            if isinstance(data, YamlData) else None
        if begin is None or until is None or not isinstance(table, CsvData):
            return None
        total = begin
        for line in table.rows:
            when = file_date(table.cell(line, "peildatum"))
            fte = table.number(table.cell(line, "fte") or "")
            if when is None or fte is None:
                return None
            total += fte if when <= until else 0
        return total

    def _direction(self, fig: Shown) -> Iterator[str]:
        totals = self._sums(fig)
        word = fig.text.lower()
        wanted = 1 if word in UP else -1 if word in DOWN else 0
        if not any((t > 0) - (t < 0) == wanted for t in totals):
            yield f"het teken van {totals} past niet bij '{fig.text}'"

    def _row_total(self, fig: Shown) -> Iterator[str]:
        assert fig.calc is not None
        data = self.data[fig.refs[0].file]
        assert isinstance(data, CsvData)
        terms = [cell_number(t, dutch=True) for t in fig.calc.split(" + ")]
        cells = [Decimal(0) if not c else data.number(c)
                 for c in data.rows.get(fig.refs[0].line, [])]
        number = shown_number(fig.text)
        windows = [cells[i:i + len(terms)] for i in range(len(cells) - len(terms) + 1)]
        if None in terms or terms not in windows:
            yield f"de termen {fig.calc} zijn niet de cellen van de rij: {cells}"
        elif number is None or not same(number, sum(filter(None, terms), Decimal(0))):
            yield f"{fig.calc} is niet {number}"

    def _sum(self, fig: Shown) -> Iterator[str]:
        number = shown_number(fig.text)
        totals = self._sums(fig)
        if number is None or not any(same(number, t) for t in totals):
            yield f"de som van de bronnen is {sorted(set(totals))[:6]}"

    def _sums(self, fig: Shown) -> list[Decimal]:
        """Candidate totals of a figure's sources: the YAML values it names plus, per CSV,
        one column (the one its keys name) or a run of adjacent columns."""
        named = dict(fig.keys)
        base = Decimal(0)
        csv_lines: dict[str, list[int]] = {}
        for ref in fig.refs:
            data = self.data.get(ref.file)
            if isinstance(data, CsvData):
                csv_lines.setdefault(ref.file, []).append(ref.line)
                continue
            key = named.get(ref)
            written = [scalar(self._node(data, ref, key))] if key and isinstance(
                data, YamlData) else (data.values_on(ref.line) if isinstance(data, YamlData)
                                      else [])
            numbers = [n for w in written if (n := file_number(w)) is not None]
            base += numbers[0] if len(numbers) == 1 else Decimal("NaN")
        totals = [base]
        for file, lines in csv_lines.items():
            totals = [t + s for t in totals for s in self._column_sums(file, lines)]
        return [t for t in totals if t.is_finite()]

    def _column_sums(self, file: str, lines: list[int]) -> list[Decimal]:
        data = self.data[file]
        assert isinstance(data, CsvData)
        width = len(data.header)

        def column(i: int) -> list[Decimal | None]:
            cells = [data.rows[ln][i] if ln in data.rows and i < len(data.rows[ln]) else ""
                     for ln in lines]
            return [Decimal(0) if not c else data.number(c) for c in cells]

        columns = [column(i) for i in range(width)]
        keyed = [i for i, name in enumerate(data.header) if name in self._key_columns(file)
                 and None not in columns[i]]
        spans = [(i, i + 1) for i in keyed] or [
            (a, b) for a in range(width) for b in range(a + 1, width + 1)
            if all(None not in columns[i] for i in range(a, b))]
        return [sum((v for i in range(a, b) for v in columns[i] if v is not None), Decimal(0))
                for a, b in spans]

    def _key_columns(self, file: str) -> set[str]:
        return {key for fig in self.page.figures for ref, key in fig.keys if ref.file == file}

    # -- the page as a whole -------------------------------------------------------------------

    def _badges(self) -> list[str]:
        found = []
        for indexes, text in self.page.badges:
            for i in indexes:
                fig = self.page.figures[i]
                for ref, key in fig.keys:
                    if ref.file in self.data and _REALISATION.match(key) and key.endswith(
                            ".waarde"):
                        status = self._status(ref.file, key)
                        if status != text:
                            found.append(f"status '{text}' bij {fig.describe()}; "
                                         f"norm en realisatie geven '{status}'")
        return found

    def _elsewhere(self) -> list[str]:
        def others(page: Page) -> list[tuple[str, tuple[Ref, ...]]]:
            return [(f.text, f.refs) for f in page.figures
                    if f.refs and not any(r.file in self.data for r in f.refs)]

        if others(self.page) != others(self.base):
            return ["cijfers uit andere bestanden zijn veranderd"]
        return []

    def _typed_totals(self) -> list[str]:
        """Typed formatie `standen` must be beginstand plus mutations up to their date."""
        found = []
        for file, data in self.data.items():
            if not isinstance(data, YamlData) or not file.endswith("formatie.yaml"):
                continue
            standen = data.resolve("standen")
            if standen is None or not isinstance(standen[1], yaml.MappingNode):
                continue
            for key, value in standen[1].value:
                typed, date = file_number(scalar(value)), file_date(key.value)
                computed = self._formatie_at(file, date.strftime("%d-%m-%Y")) if date else None
                if typed is None or computed != typed:
                    found.append(f"{file}: getypte stand {key.value}: {value.value} telt niet "
                                 f"op (beginstand plus mutaties: {computed})")
        return found

    def _rows_shown(self) -> list[str]:
        """Every CSV row with data is read whole (Excel writes every cell of a row, empty or
        not) and is the source of some figure."""
        shown = {r for f in self.page.figures for r in f.refs}
        found = []
        for file, data in self.data.items():
            if not isinstance(data, CsvData):
                continue
            for line, cells in data.rows.items():
                if Ref(file, line) not in shown:
                    found.append(f"{file}:{line}: rij {cells} staat in geen enkel cijfer")
                if len(cells) < len(data.header):
                    found.append(f"{file}:{line}: de rij heeft {len(cells)} cellen, de kop "
                                 f"{len(data.header)}: de rest is als leeg gelezen")
        return found


def _texts(node: yaml.Node | None) -> Iterator[str]:
    if isinstance(node, yaml.ScalarNode):
        yield str(node.value)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _texts(key)
            yield from _texts(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _texts(item)


# -- one value changed in place --------------------------------------------------------------


def change_problems(base: Page, page: Page, before: Data | None, after: Data | None,
                    file: str, offset: int) -> list[str]:
    """A value rewritten at character `offset` of `file`: every figure that reads it shows the
    new value and no longer the old one, and every total that adds it changes by as much."""
    if isinstance(before, YamlData) and isinstance(after, YamlData):
        return _yaml_change(base, page, before, after, file, offset)
    if isinstance(before, CsvData) and isinstance(after, CsvData):
        return _csv_change(base, page, before, after, file, offset)
    return []


def _scalar_at(node: yaml.Node | None, offset: int) -> tuple[yaml.ScalarNode, bool] | None:
    """The scalar node (and whether it is a key) whose text contains `offset`."""
    stack: list[tuple[yaml.Node, bool]] = [(node, False)] if node is not None else []
    while stack:
        current, is_key = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            if current.start_mark.index <= offset < max(current.end_mark.index,
                                                         current.start_mark.index + 1):
                return current, is_key
        elif isinstance(current, yaml.MappingNode):
            stack += [(n, k) for key, value in current.value for n, k in ((key, True),
                                                                          (value, False))]
        elif isinstance(current, yaml.SequenceNode):
            stack += [(item, False) for item in current.value]
    return None


def _paired(base: Page, page: Page) -> Iterator[tuple[Shown | None, Shown]]:
    """Each figure of `page` with the figure of `base` that has the same label and sources
    (the n-th such figure with the n-th)."""
    seen: dict[tuple[str, tuple[Ref, ...]], int] = {}
    earlier: dict[tuple[str, tuple[Ref, ...]], list[Shown]] = {}
    for fig in base.figures:
        earlier.setdefault((fig.label, fig.refs), []).append(fig)
    for fig in page.figures:
        key = (fig.label, fig.refs)
        n = seen[key] = seen.get(key, -1) + 1
        candidates = earlier.get(key, [])
        yield (candidates[n] if n < len(candidates) else None), fig


def _yaml_change(base: Page, page: Page, before: YamlData, after: YamlData, file: str,
                 offset: int) -> list[str]:
    old_at, new_at = _scalar_at(before.root, offset), _scalar_at(after.root, offset)
    if old_at is None or new_at is None or new_at[1]:
        return []  # a comment, or a key: the other rules judge that
    old, new = str(old_at[0].value), str(new_at[0].value)
    delta = (n - o) if (n := file_number(new)) is not None and (
        o := file_number(old)) is not None else None
    found = []
    for earlier, fig in _paired(base, page):
        reads = [ref for ref, key in fig.keys if ref.file == file
                 and (hit := after.resolve(key)) is not None and hit[1] is new_at[0]]
        if not reads or fig.textual:
            continue
        if not fig.computed and not matches(fig.text, new):
            found.append(f"{fig.describe()}: de waarde is nu '{new}' (was '{old}')")
        elif fig.computed and delta is not None and earlier is not None:
            found += _moved_by(earlier, fig, delta)
    return found


def _moved_by(earlier: Shown, fig: Shown, delta: Decimal) -> list[str]:
    """A total that adds the changed value moves by the same amount (to the shown precision)."""
    was, now = shown_number(earlier.text), shown_number(fig.text)
    if was is None or now is None or not _summed(fig):
        return []
    moved = now - was
    exponent = now.as_tuple().exponent
    unit = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    if min(abs(moved - delta), abs(moved + delta)) > unit:
        return [f"{fig.describe()}: was '{earlier.text}', de waarde veranderde met {delta}"]
    return []


def _summed(fig: Shown) -> bool:
    """A total that adds its sources (not a difference, count or conversion)."""
    return not (fig.label.startswith(("Verschil", "Aantal realisaties", "Aantal: "))
                or (fig.calc is not None and "omgerekend" in fig.calc))


def _csv_change(base: Page, page: Page, before: CsvData, after: CsvData, file: str,
                offset: int) -> list[str]:
    text = after.text
    line = text.count("\n", 0, offset) + 1
    column = text[text.rfind("\n", 0, offset) + 1:offset].count(after.separator)
    old_row, new_row = before.rows.get(line), after.rows.get(line)
    if old_row is None or new_row is None or column >= min(len(old_row), len(new_row)):
        return []
    old, new = old_row[column], new_row[column]
    new_value = after.number(new)
    found = []
    ref = Ref(file, line)
    pairs = list(_paired(base, page))
    dropped = [f for f in base.figures if f.refs == (ref,) and not f.computed]
    for earlier in dropped:
        number = shown_number(earlier.text)
        hits = [i for i, c in enumerate(old_row)
                if number is not None and (v := before.number(c)) is not None and same(number, v)]
        if hits != [column]:
            continue  # this figure showed another cell
        now = next((fig for was, fig in pairs if was is earlier), None)
        if now is None and new_value != 0:
            found.append(f"{earlier.describe()}: staat niet meer op de pagina; de cel is nu "
                         f"'{new}' (was '{old}')")
        elif now is not None and (new_value is None or not same(
                shown_number(now.text) or Decimal("NaN"), new_value)):
            found.append(f"{now.describe()}: de cel is nu '{new}' (was '{old}')")
    return found
