"""Reading data files safely, keeping the line of every value so errors can point at it.

YAML is read with a safe loader only; floats become exact `Decimal`s (38.09 stays 38.09);
duplicate keys are an error; every mapping remembers the line of each key and every list
the line of each item.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from pcdocs.errors import DataError

MAX_BYTES = 20 * 1024 * 1024  # a P&C data file is small; anything larger is a mistake


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
    """SafeLoader that builds YMap/YList and exact decimals. Never constructs objects."""


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


def _construct_float(loader: _PositionLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(node.value).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise yaml.constructor.ConstructorError(
            None, None, f"'{node.value}' is geen eindig getal", node.start_mark
        )
    return value


_PositionLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_PositionLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_PositionLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first_line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.first_line = first_line


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
            f"bestand is te groot ({size // (1024 * 1024)} MiB; de grens is "
            f"{MAX_BYTES // (1024 * 1024)} MiB)",
            file=rel,
            code="te-groot",
            hint="splits het bestand of controleer of dit het juiste bestand is",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(
            f"bestand is niet leesbaar ({exc.strerror})", file=rel, code="onleesbaar",
            hint="controleer de rechten op het bestand",
        ) from None
    if b"\x00" in raw:
        raise DataError(
            "bestand bevat binaire gegevens, geen tekst", file=rel, code="binair",
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


def parse_yaml(text: str, rel: str, *, line_offset: int = 0) -> Any:
    """Parse YAML text; every position (and error line) is shifted by `line_offset`."""
    try:
        return yaml.load("\n" * line_offset + text, Loader=_PositionLoader)
    except _DuplicateKey as dup:
        raise DataError(
            f"sleutel '{dup.key}' staat dubbel (eerder op regel {dup.first_line})",
            file=rel,
            line=dup.line,
            key=str(dup.key),
            code="dubbele-sleutel",
            hint="verwijder of hernoem een van beide",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "ongeldige YAML"
        raise DataError(
            f"YAML is niet te lezen: {problem}",
            file=rel,
            line=line,
            code="yaml-syntax",
            hint="controleer inspringing, dubbele punten en aanhalingstekens",
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(
            f"YAML is niet te lezen: {exc}", file=rel, code="yaml-syntax",
        ) from None


def load_yaml(path: Path, rel: str) -> Any:
    """Read and parse a YAML data file; an empty file is an error."""
    text = read_text(path, rel)
    data = parse_yaml(text, rel)
    if data is None:
        raise DataError(
            "bestand is leeg", file=rel, line=1, code="leeg-bestand",
            hint="vul het bestand of verwijder het",
        )
    return data
