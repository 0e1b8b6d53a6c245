"""Reading data files safely, keeping the line of every value so errors can point at it.

YAML is read with a safe loader only; floats become exact `Decimal`s (38.09 stays 38.09);
duplicate keys are an error; every mapping remembers the line of each key and every list
the line of each item.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from pcdocs.codes import Code
from pcdocs.errors import DataError, Finding

MAX_BYTES = 20 * 1024 * 1024  # a P&C data file is small; anything larger is a mistake
MAX_NUMBER = Decimal(10) ** 15  # more than any amount in cents a sociale dienst budgets
MAX_DECIMALS = 10
# What one YAML file may expand to: the largest example file holds about 500 values and
# nests 11 deep; aliases count at the size of what they repeat. Beyond these a file is a
# mistake or an attack (a 2 KB file of nested aliases expands to millions of values).
MAX_VALUES = 100_000
MAX_DEPTH = 40


class YMap(dict[Any, Any]):
    """A mapping from YAML that knows its own line and the line of each key."""

    line: int = 0
    key_lines: dict[Any, int]

    def __init__(self) -> None:
        super().__init__()
        self.key_lines = {}

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class YList(list[Any]):
    """A sequence from YAML that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def __init__(self) -> None:
        super().__init__()
        self.item_lines = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _PositionLoader(yaml.SafeLoader):
    """SafeLoader that builds YMap/YList and exact decimals. Never constructs objects.

    It also bounds what a small file can ask of the machine, while the document is composed
    and before anything is constructed: aliases (`*naam`) are counted at the size of what they
    repeat, so a few lines of nested aliases cannot expand to millions of values; nesting is
    limited, so a deep file is a finding and not a RecursionError; an alias inside its own
    anchor (a loop) is refused.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0  # nodes open above the one being composed
        self._values = 0  # nodes of the document as it will be constructed (aliases expanded)
        self._open: set[str] = set()  # anchors whose node is still being composed
        self._extent: dict[int, tuple[int, int]] = {}  # id(node) -> (size, height), expanded

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        line = event.start_mark.line + 1 if event.start_mark else 0
        if isinstance(event, yaml.AliasEvent):
            if event.anchor in self._open:
                raise _BadValue(f"de verwijzing *{event.anchor} staat binnen &{event.anchor} "
                                "zelf en verwijst zo naar zichzelf", line, "verwijzing-lus",
                                "schrijf de waarde zelf in plaats van een verwijzing met *")
            node = super().compose_node(parent, index)  # (an unknown alias raises here)
            if node is None:
                return None
            size, height = self._measure(node)
            self._grow(size, self._depth + height, line, f"de verwijzing *{event.anchor}")
            return node
        self._grow(1, self._depth + 1, line, None)
        anchor = event.anchor if isinstance(event, yaml.NodeEvent) else None
        if anchor is not None:
            self._open.add(anchor)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
            if anchor is not None:
                self._open.discard(anchor)

    def _grow(self, size: int, depth: int, line: int, alias: str | None) -> None:
        """Count `size` more values at nesting `depth`; refuse past the limits."""
        self._values += size
        if depth > MAX_DEPTH:
            what = f"{alias} maakt" if alias else "het bestand heeft"
            raise _BadValue(f"{what} groepen en lijsten meer dan {MAX_DEPTH} niveaus diep "
                            "in elkaar", line, "te-diep",
                            "een gegevensbestand heeft een paar niveaus; controleer de "
                            "inspringing en de haakjes [ ] en { }")
        if self._values > MAX_VALUES:
            if alias:
                message = (f"{alias} herhaalt zoveel dat het bestand meer dan "
                           f"{MAX_VALUES:_} waarden zou krijgen".replace("_", "."))
                hint = "schrijf de waarden zelf in plaats van verwijzingen met * en &"
            else:
                message = f"het bestand heeft meer dan {MAX_VALUES:_} waarden".replace("_", ".")
                hint = "splits het bestand of controleer of dit het juiste bestand is"
            raise _BadValue(message, line, "te-veel-waarden", hint)

    def _measure(self, node: yaml.Node) -> tuple[int, int]:
        """(values, nesting) of a composed node with its aliases expanded; memoised, so a
        node repeated many times is measured once. Its nesting is within the limit (it was
        checked while composing), so the recursion is shallow."""
        known = self._extent.get(id(node))
        if known is not None:
            return known
        size, height = 1, 1
        children: list[yaml.Node] = []
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        for child in children:
            child_size, child_height = self._measure(child)
            size = min(size + child_size, MAX_VALUES + 1)
            height = max(height, child_height + 1)
        self._extent[id(node)] = (size, height)
        return size, height


def _construct_map(loader: _PositionLoader, node: yaml.MappingNode) -> Any:
    loader.flatten_mapping(node)
    result = YMap()
    result.line = node.start_mark.line + 1
    yield result
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "een sleutel moet een eenvoudige waarde zijn", key_node.start_mark
            ) from None
        if key in result:
            raise _DuplicateKey(key, line, result.key_lines[key])
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line


def _construct_seq(loader: _PositionLoader, node: yaml.SequenceNode) -> Any:
    result = YList()
    result.line = node.start_mark.line + 1
    yield result
    for item in node.value:
        result.append(loader.construct_object(item, deep=True))
        result.item_lines.append(item.start_mark.line + 1)


def number_problem(value: Decimal) -> str | None:
    """Why a number cannot be a figure (infinite, absurdly large, too many decimals), or
    None. Such a value is a typing mistake, and formatting it would fail or fill a page."""
    if not value.is_finite():
        return "is geen eindig getal"
    if abs(value) >= MAX_NUMBER:
        return "is te groot voor een cijfer (meer dan 15 cijfers voor de komma)"
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        return f"heeft te veel decimalen (meer dan {MAX_DECIMALS})"
    return None


def _checked_number(node: yaml.ScalarNode, value: Decimal) -> None:
    problem = number_problem(value)
    if problem is not None:
        raise _BadValue(f"'{node.value}' {problem}", node.start_mark.line + 1,
                        "geen-getal" if not value.is_finite() else "buiten-bereik",
                        "schrijf een gewoon getal, bijv. 38.09 of 1500")


def _construct_float(loader: _PositionLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(node.value).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    _checked_number(node, value)
    return value


_PLAIN_INT = re.compile(r"[-+]?[0-9][0-9_]*")


def _construct_int(loader: _PositionLoader, node: yaml.ScalarNode) -> int:
    """Whole numbers as written: '010' is ten. YAML 1.1's other forms ('38:09' read as
    2289, '0x32' as 50, '0b11') are refused: no author means those numbers."""
    text = str(node.value)
    if not _PLAIN_INT.fullmatch(text):
        raise _BadValue(f"'{text}' is geen getal", node.start_mark.line + 1, "geen-getal",
                        "schrijf een getal met alleen cijfers en eventueel een punt of komma "
                        "als decimaalteken, bijv. 38,09 of 1500; een tijd of code tussen "
                        "aanhalingstekens")
    value = int(text.replace("_", ""))
    _checked_number(node, Decimal(value))
    return value


def _construct_timestamp(loader: _PositionLoader, node: yaml.ScalarNode) -> Any:
    """A date as YAML reads it; a day or month that does not exist is the author's mistake."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        raise _BadValue(f"'{node.value}' is geen bestaande datum", node.start_mark.line + 1,
                        "geen-datum", "schrijf jjjj-mm-dd met een bestaande maand en dag, "
                        "bijv. 2024-01-31") from None


_PositionLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_PositionLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_PositionLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_PositionLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_PositionLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first_line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.first_line = first_line


class _BadValue(Exception):
    """A value YAML can read but no data file may hold (a date that does not exist, ...)."""

    def __init__(self, message: str, line: int, code: Code, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code
        self.hint = hint


def outside(path: Path, base: Path) -> bool:
    """Whether `path` (a file, folder or symlink that exists as an entry) leads out of `base`
    (already resolved) once symlinks are followed: the one test for data/ and docs/."""
    return (path.is_symlink() or path.exists()) and not path.resolve().is_relative_to(base)


def read_text(path: Path, rel: str) -> str:
    """The text of a data or document file, with clear errors for every way that fails."""
    if not path.exists():
        raise DataError(
            "bestand ontbreekt",
            file=rel,
            code="bestand-ontbreekt",
            hint="maak het bestand aan of controleer de naam en de map",
        )
    if path.is_dir():
        raise DataError(
            "dit is een map, geen bestand", file=rel, code="geen-bestand",
            hint="verwijder of hernoem de map",
        )
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DataError(
            f"bestand is te groot ({-(-size // (1024 * 1024))} MiB; de grens is "
            f"{MAX_BYTES // (1024 * 1024)} MiB)",
            file=rel,
            code="te-groot",
            hint="splits het bestand of controleer of dit het juiste bestand is",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = "geen leesrechten" if isinstance(exc, PermissionError) else exc.strerror
        raise DataError(
            f"bestand is niet leesbaar ({reason})", file=rel, code="onleesbaar",
            hint="controleer de rechten op het bestand",
        ) from None
    if b"\x00" in raw:
        raise DataError(
            "bestand bevat binaire gegevens, geen tekst", file=rel, code="binair",
            line=raw[: raw.index(b"\x00")].count(b"\n") + 1,
            hint="sla het bestand op als tekst (UTF-8)",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            "bestand is geen geldige UTF-8-tekst", file=rel, line=line, code="codering",
            hint="sla het bestand op als UTF-8",
        ) from None


# PyYAML's problems in Dutch, each with what to do; matched on the start of the problem.
_YAML_PROBLEMS: tuple[tuple[str, str, str], ...] = (
    ("could not find expected ':'", "de dubbele punt na de sleutel ontbreekt",
     "schrijf 'sleutel: waarde', met een spatie na de dubbele punt"),
    ("found unexpected end of stream", "een aanhalingsteken wordt niet gesloten",
     "sluit de tekst af met hetzelfde aanhalingsteken als waarmee hij begint"),
    ("mapping values are not allowed here", "een dubbele punt op een plek waar die niet kan",
     "controleer de inspringing; zet een tekst met ': ' erin tussen aanhalingstekens"),
    ("found character '\\t'", "er staat een tab in de inspringing",
     "spring in met spaties, niet met tabs"),
    ("expected <block end>", "de inspringing klopt niet",
     "zet de sleutels van één groep precies onder elkaar, ingesprongen met spaties"),
    ("expected ',' or ']'", "een lijst tussen [ ] wordt niet goed gesloten",
     "scheid de items met komma's en sluit af met ]"),
    ("expected ',' or '}'", "een groep tussen { } wordt niet goed gesloten",
     "scheid de paren met komma's en sluit af met }"),
    ("found undefined alias", "een verwijzing met * naar iets dat niet bestaat",
     "schrijf de waarde zelf in plaats van een verwijzing met * of &"),
    ("could not determine a constructor for the tag", "een tag (!!...) is niet toegestaan",
     "haal de tag weg: gegevens bevatten alleen tekst, getallen, datums, lijsten en groepen"),
    ("found unknown escape character", "een backslash (\\) tussen dubbele aanhalingstekens "
     "vormt geen geldig teken", "gebruik enkele aanhalingstekens of schrijf \\\\"),
    ("een sleutel moet", "een sleutel moet een eenvoudige waarde zijn",
     "schrijf als sleutel een woord, getal of datum, geen lijst of groep"),
)
_SEE_CONTEXT = ("while scanning a simple key", "while scanning a quoted scalar",
                "while parsing a flow")


def _yaml_problem(exc: yaml.MarkedYAMLError) -> tuple[str, str, int | None]:
    """(Dutch message, hint, line) for a YAML syntax error, at the line the author wrote
    wrong: for an unclosed quote or bracket and a key without colon that is where it began."""
    problem = exc.problem or exc.context or ""
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and context.startswith(_SEE_CONTEXT):
        mark = exc.context_mark
    line = mark.line + 1 if mark else None
    for start, message, hint in _YAML_PROBLEMS:
        if problem.startswith(start):
            if start.startswith("could not determine"):
                tag = problem.rsplit(" ", 1)[-1].strip("'").replace("tag:yaml.org,2002:", "!!")
                message = f"de tag '{tag}' is niet toegestaan"
            return message, hint, line
    return (f"ongeldige YAML ({problem or 'onbekende fout'})",
            "controleer inspringing, dubbele punten en aanhalingstekens", line)


def parse_yaml(text: str, rel: str, *, line_offset: int = 0) -> Any:
    """Parse YAML text; every position (and error line) is shifted by `line_offset`."""
    source = "\n" * line_offset + text
    try:
        return yaml.load(source, Loader=_PositionLoader)
    except _DuplicateKey as dup:
        raise DataError(
            f"sleutel '{dup.key}' staat dubbel (eerder op regel {dup.first_line})",
            file=rel,
            line=dup.line,
            key=str(dup.key),
            code="dubbele-sleutel",
            hint="verwijder of hernoem een van beide",
        ) from None
    except _BadValue as bad:
        raise DataError(bad.message, file=rel, line=bad.line, code=bad.code,
                        hint=bad.hint) from None
    except yaml.MarkedYAMLError as exc:
        message, hint, line = _yaml_problem(exc)
        raise DataError(f"YAML is niet te lezen: {message}", file=rel, line=line,
                        code="yaml-syntax", hint=hint) from None
    except yaml.reader.ReaderError as exc:
        line = source[: exc.position].count("\n") + 1
        raise DataError(
            f"het bestand bevat een onzichtbaar stuurteken (code {exc.character:#04x})",
            file=rel, line=line, code="stuurteken",
            hint="verwijder het teken; het komt vaak mee bij kopiëren uit Word of een PDF",
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(
            f"YAML is niet te lezen ({exc})", file=rel, code="yaml-syntax",
            hint="controleer inspringing, dubbele punten en aanhalingstekens",
        ) from None


def ends_mid_line(text: str) -> bool:
    """Whether a text whose lines end in line breaks stops in the middle of its last line:
    the trace of a copy that was cut off (a failed transfer, a full disk). A one-line file
    without a break says nothing."""
    body = text.rstrip(" \t")
    return bool(body) and body[-1] not in "\r\n" and ("\n" in body or "\r" in body)


def cut_off(path: Path, rel: str) -> Finding | None:
    """A warning for a YAML or CSV data file that stops in the middle of a line, or None.

    A warning, not an error: an honest file saved by an editor that writes no final line
    break (or exported by a tool that writes none) looks the same. What a cut at the end of a
    line dropped cannot be seen here; the schema's required keys and the tables' control
    totals catch part of that. Meant to be called by `check` for every data file: a loader
    cannot pass on a warning, and its result is cached."""
    if path.suffix.lower() not in (".yaml", ".yml", ".csv") or not path.is_file():
        return None
    try:
        if path.stat().st_size > MAX_BYTES:
            return None  # refused by the loader already
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None  # the loader reports it
    if not ends_mid_line(text):
        return None
    return Finding("warning", "geen-regeleinde", rel, len(text.splitlines()),
                   "de laatste regel eindigt niet met een regeleinde, de andere regels wel: "
                   "het bestand is misschien afgebroken (onvolledig gekopieerd of opgeslagen)",
                   hint="vergelijk het bestand met het origineel; is het volledig, sluit dan "
                        "de laatste regel af met Enter")


def load_yaml(path: Path, rel: str) -> Any:
    """Read and parse a YAML data file; an empty file is an error, and so is a syntax error
    on a last line that stops midway (reported as a cut-off file, the likelier cause)."""
    text = read_text(path, rel)
    try:
        data = parse_yaml(text, rel)
    except DataError as exc:
        last = len(text.splitlines())
        if exc.finding.code == "yaml-syntax" and ends_mid_line(text) and \
                exc.finding.line is not None and exc.finding.line >= last:
            raise DataError(f"{exc.finding.message}; het bestand houdt midden in regel "
                            f"{last} op en is misschien afgebroken", file=rel, line=last,
                            code="afgebroken",
                            hint="is het bij kopiëren of opslaan afgebroken, zet dan het "
                                 f"volledige bestand terug; anders: {exc.finding.hint}") \
                from None
        raise
    if data is None:
        raise DataError(
            "bestand is leeg", file=rel, line=1, code="leeg-bestand",
            hint="vul het bestand of verwijder het",
        )
    return data
