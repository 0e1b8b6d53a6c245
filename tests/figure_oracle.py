"""An oracle for the figures a rendered page shows, independent of how pcdocs reads its data.

Every figure on a page is a `<span class="pc-cijfer" data-source="file:line" title="label /
Bron: file, regel N (key) / Berekend: ...">`. The oracle reads the data files itself (YAML
composed into bare nodes with the line of every key, every scalar kept as the text the author
typed; CSV split as Excel writes it) and checks each figure against what the file says:

- a plain figure shows the value written at its key and line, in Dutch formatting (rounded
  to the decimals shown; the `absoluut` form may drop the sign), where a number is a number as
  a person reads it (`010` is ten, `38:09` is no number at all);
- a computed figure is recomputed from the file: sums (one column of a CSV, or the YAML values
  named), row totals (their terms must be the row's cells in order), a formatie stand
  (beginstand plus every mutation up to the date), the difference between norm and
  realisation, a unit conversion, a count of list items, an indicator status and the counts
  of met and missed norms (with every realisation of the year counted);
- a typed total in the data (formatie `standen`) must still add up;
- every CSV row with data is the source of some figure (no row silently dropped);
- figures from files the oracle does not read must be exactly those of the undamaged page.

`problems(...)` returns what is wrong, as sentences; an empty list means the page is right.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from pathlib import Path

import yaml
from bs4 import BeautifulSoup, Tag

# -- what the page shows ---------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    file: str
    line: int


@dataclass(frozen=True)
class Shown:
    text: str
    computed: bool
    textual: bool
    refs: tuple[Ref, ...]  # data-source
    keys: tuple[tuple[Ref, str], ...]  # (file:line, key) from the tooltip's "Bron:" lines
    label: str
    calc: str | None  # the tooltip's "Berekend:" text

    def describe(self) -> str:
        where = " ".join(f"{r.file}:{r.line}" for r in self.refs)
        return f"'{self.text}' ({self.label}; {where})"


@dataclass(frozen=True)
class Page:
    figures: tuple[Shown, ...]
    badges: tuple[tuple[tuple[int, ...], str], ...]  # (figure indexes in the row, status)


_BRON = re.compile(r"^Bron: (?P<file>\S+?)(?:, regel (?P<line>\d+))?(?: \((?P<key>.*)\))?$")


def read_page(markdown: str) -> Page:
    soup = BeautifulSoup(markdown, "html.parser")
    spans = soup.select("span.pc-cijfer")
    position = {id(span): i for i, span in enumerate(spans)}
    figures = tuple(_shown(span) for span in spans)
    badges = []
    for row in soup.find_all("tr"):
        badge = row.select_one("span.pc-status")
        if badge is None:
            continue
        for hidden in badge.select('[aria-hidden="true"]'):
            hidden.extract()
        inside = tuple(position[id(s)] for s in row.select("span.pc-cijfer"))
        badges.append((inside, " ".join(badge.get_text().split())))
    return Page(figures, tuple(badges))


def _shown(span: Tag) -> Shown:
    classes = span.get_attribute_list("class")
    refs = tuple(Ref(ref.rsplit(":", 1)[0], int(ref.rsplit(":", 1)[1]))
                 for ref in str(span.get("data-source", "")).split() if ":" in ref)
    label, calc, keys = "", None, []
    for n, line in enumerate(str(span.get("title", "")).split("\n")):
        bron = _BRON.match(line)
        if bron and bron["line"] and bron["key"]:
            keys.append((Ref(bron["file"], int(bron["line"])), bron["key"]))
        elif line.startswith("Berekend: "):
            calc = line.removeprefix("Berekend: ")
        elif n == 0 and not bron:
            label = line
    return Shown(" ".join(span.get_text().split()), "pc-berekend" in classes,
                 "pc-tekst" in classes, refs, tuple(keys), label, calc)


# -- what the files say ----------------------------------------------------------------------


def decode(raw: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


class YamlData:
    """A YAML file as bare nodes: every scalar is the text as typed, with its line."""

    def __init__(self, text: str) -> None:
        self.root = yaml.compose(text, Loader=yaml.BaseLoader)

    def resolve(self, key: str) -> tuple[int, yaml.Node] | None:
        """(line of the key or list item, value node) for a key path like `a[2].b.2024`."""
        node, line = self.root, 0
        for index, name in re.findall(r"\[(\d+)\]|([^.\[\]]+)", key):
            if index:
                if not isinstance(node, yaml.SequenceNode) or int(index) > len(node.value):
                    return None
                node = node.value[int(index) - 1]
                line = node.start_mark.line + 1
                continue
            pair = child(node, name)
            if pair is None:
                return None
            line, node = pair
        return (line, node) if node is not None else None

    def values_on(self, line: int) -> list[str]:
        """The scalar values whose key (or list item) stands on `line`."""
        found: list[str] = []
        for key_line, node in _pairs(self.root):
            if key_line == line and isinstance(node, yaml.ScalarNode):
                found.append(str(node.value))
        return found


def child(node: yaml.Node | None, name: str) -> tuple[int, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key.start_mark.line + 1, value
    return None


def scalar(node: yaml.Node | None, name: str | None = None) -> str | None:
    if name is not None:
        pair = child(node, name)
        node = pair[1] if pair else None
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else None


def _pairs(node: yaml.Node | None) -> Iterator[tuple[int, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key.start_mark.line + 1, value
            yield from _pairs(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield item.start_mark.line + 1, item
            yield from _pairs(item)


class CsvData:
    """A CSV table as Excel writes it: the cells of every record, by the line it starts on."""

    def __init__(self, text: str) -> None:
        first = next((ln for ln in text.splitlines() if ln.strip()), "")
        separator = ";" if first.count(";") >= first.count(",") else ","
        self.text = text
        self.separator = separator
        self.dutch = separator == ";"
        self.header: list[str] = []
        self.rows: dict[int, list[str]] = {}
        if unclosed_quote(text, separator):
            raise ValueError("een aanhalingsteken wordt niet gesloten: de rijen erna zijn weg")
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        previous = 0
        for record in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if not self.header:
                self.header = [" ".join(c.split()).lower() for c in record]
            else:
                self.rows[start] = [c.strip() for c in record]

    def number(self, cell: str) -> Decimal | None:
        return cell_number(cell, dutch=self.dutch)

    def cell(self, line: int, column: str) -> str | None:
        if column not in self.header or line not in self.rows:
            return None
        cells = self.rows[line]
        i = self.header.index(column)
        return cells[i] if i < len(cells) else ""


def unclosed_quote(text: str, separator: str) -> bool:
    """A quoted cell that never ends takes every line after it along (Excel never writes
    that); the csv module reads it without complaint unless strict."""
    try:
        for _ in csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


Data = YamlData | CsvData


def load(root: Path, files: tuple[str, ...]) -> dict[str, Data | None]:
    """The oracle's own reading of `files`; None when the file is not readable at all."""
    result: dict[str, Data | None] = {}
    for file in files:
        text = decode((root / file).read_bytes()) if (root / file).is_file() else None
        try:
            if text is None:
                result[file] = None
            elif file.endswith(".csv"):
                result[file] = CsvData(text)
            else:
                result[file] = YamlData(text)
        except (yaml.YAMLError, ValueError):
            result[file] = None
    return result


# -- numbers as people write them ------------------------------------------------------------

_PLAIN = re.compile(r"[-+]?(\d[\d_]*(\.[\d_]*)?|\.\d+)([eE][-+]?\d+)?")


def file_number(text: str | None) -> Decimal | None:
    """A number in YAML as a person reads it: 38.09, 38,09, 1_500, -2. `010` is ten;
    `38:09`, `0x1F` and `.inf` are no numbers."""
    if text is None:
        return None
    t = text.strip()
    if _PLAIN.fullmatch(t):
        t = t.replace("_", "")
    elif re.fullmatch(r"-?\d+,\d+", t):
        t = t.replace(",", ".")
    else:
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def cell_number(text: str, *, dutch: bool) -> Decimal | None:
    """A CSV cell as a person reads it, by the Excel conventions the example data uses
    ('€ 99.539', '-/- 1,75', '(1.000)', '€ -'), worked out digit by digit.

    Deliberately not pcdocs' code (`tables.parse_number`: regular expressions, then the
    rewritten string to Decimal): here the cell is cut into its sign, whole part and fraction
    by hand, each part is checked on its own, and the value is put together from the digits.
    At most one sign form: '-/-', a leading '-' or parentheses; a lone '-' or '–' is Excel's
    zero. `;`-tables (`dutch`) write a decimal comma and optional thousands dots in groups of
    three; `,`-tables a decimal point and no thousands separator.
    """
    body = "".join(ch for ch in text if ch not in " \u00a0€").strip()
    if body in ("-", "–"):
        return Decimal(0)
    negative = False
    for start, end in (("-/-", ""), ("(", ")"), ("-", "")):
        if len(body) > len(start) + len(end) and body.startswith(start) and body.endswith(end):
            negative, body = True, body[len(start):len(body) - len(end)]
            break
    magnitude = _dutch_magnitude(body) if dutch else _point_magnitude(body)
    if magnitude is None:
        return None
    return -magnitude if negative else magnitude


def _digits(part: str) -> bool:
    return part != "" and all(ch in "0123456789" for ch in part)


def _compose(whole: str, fraction: str) -> Decimal:
    """The number with these (checked) digits before and after the decimal separator."""
    with localcontext() as exact:  # every digit counts, however many
        exact.prec = len(whole) + len(fraction) + 2
        value = Decimal(whole)
        if fraction:
            value += Decimal(fraction).scaleb(-len(fraction))
        return value


def _dutch_magnitude(body: str) -> Decimal | None:
    whole, comma, fraction = body.partition(",")
    if comma and not _digits(fraction):
        return None
    groups = whole.split(".")
    if not all(_digits(g) for g in groups):
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    return _compose("".join(groups), fraction)


def _point_magnitude(body: str) -> Decimal | None:
    whole, point, fraction = body.partition(".")
    if not _digits(whole) or (point and not _digits(fraction)):
        return None
    return _compose(whole, fraction)


_WORDS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
          "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
          "achttien", "negentien", "twintig")
_SHOWN_NUMBER = re.compile(r"[-−]?\d+(?:\.\d{3})*(?:,\d+)?")
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december")
_SHOWN_DATE = re.compile(r"(?:(\d{1,2}) )?(" + "|".join(_MONTHS) + r")(?: (\d{4}))?")
_YES = {"ja", "yes", "true", "on", "waar", "j"}
_NO = {"nee", "no", "false", "off", "onwaar", "n"}


def shown_number(text: str) -> Decimal | None:
    """The number in a figure's Dutch text: '€ 1.228.487', 'iets meer dan 9%', 'twee weken'."""
    matches = _SHOWN_NUMBER.findall(text)
    if matches:
        return Decimal(matches[-1].replace("−", "-").replace(".", "").replace(",", "."))
    words = text.split()
    return Decimal(_WORDS.index(words[0])) if words and words[0] in _WORDS else None


def same(shown: Decimal, value: Decimal, *, signed: bool = False) -> bool:
    """`value` written with the decimals `shown` has (half up or half even), or its absolute
    value (the `absoluut` form) unless `signed`."""
    exponent = shown.as_tuple().exponent
    step = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    for candidate in {value} if signed else {value, abs(value)}:
        for rounding in (ROUND_HALF_UP, ROUND_HALF_EVEN):
            try:
                if candidate.quantize(step, rounding) == shown:
                    return True
            except InvalidOperation:
                continue
    return False


def file_date(text: str | None) -> dt.date | None:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime((text or "").strip(), pattern).date()
        except ValueError:
            continue
    return None


def matches(shown: str, written: str | None) -> bool:
    """Does the plain figure text `shown` say what `written` (a YAML scalar) says?"""
    if written is None:
        return False
    low = shown.strip().lower()
    if low in ("ja", "nee"):
        return written.lower() in (_YES if low == "ja" else _NO)
    date = _SHOWN_DATE.fullmatch(low)
    if date:
        value = file_date(written)
        return value is not None and (
            (date[1] is None or int(date[1]) == value.day)
            and _MONTHS.index(date[2]) + 1 == value.month
            and (date[3] is None or int(date[3]) == value.year))
    number, expected = shown_number(shown), file_number(written)
    return number is not None and expected is not None and same(number, expected)
