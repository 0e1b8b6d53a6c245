"""Typed, validated access to a YAML mapping, with errors that name file, line and key.

Blocks read their data through a `Reader`: `r.decimal("fte")`, `r.text("functie")`,
`r.items("vacatures")`, then `r.done()` reports keys nobody asked for (a misspelled key is
an error, with a suggestion).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from pcdocs.codes import Code
from pcdocs.errors import DataError, PcdocsError
from pcdocs.model.figures import UNIT_NAMES, Kind, Source, Unit, range_problem
from pcdocs.model.load import YList, YMap, number_problem

T = TypeVar("T")

_DUTCH_DECIMAL = re.compile(r"^-?\d+(,\d+)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PERIOD = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{4}))?$")
# A code names a thing in data and macros (lo-8wk, M1, 7.02) and ends up in anchors,
# footnote labels and file names: letters, digits, '.', '_' and '-', nothing else.
_CODE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,58}[A-Za-z0-9])?$")
FIRST_YEAR, LAST_YEAR = 1900, 2100


def suggest(word: str, options: list[str]) -> str | None:
    """The closest known option, for 'bedoelde u ...?' hints."""
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return match[0] if match else None


def _describe(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


class Reader:
    """Reads one YAML mapping; remembers which keys were used."""

    def __init__(self, data: Any, file: str, path: str = "", line: int | None = None) -> None:
        self.file = file
        self.path = path
        if not isinstance(data, Mapping):
            raise DataError(
                f"{path or 'het bestand'} moet een lijst van sleutels met waarden zijn, "
                f"geen {_kind(data)}",
                file=file,
                line=line or getattr(data, "line", None),
                key=path or None,
                code="verkeerd-type",
                hint="schrijf 'sleutel: waarde' per regel",
            )
        self.data = data
        self.line = line or getattr(data, "line", None)
        self._used: set[Any] = set()

    # -- places ---------------------------------------------------------------------
    def key_path(self, key: Any) -> str:
        return f"{self.path}.{key}" if self.path else str(key)

    def line_of(self, key: Any) -> int | None:
        if isinstance(self.data, YMap) and key in self.data:
            return self.data.line_of(key)
        return self.line

    def source(self, key: Any) -> Source:
        return Source(self.file, self.line_of(key), self.key_path(key))

    def error(self, key: Any, message: str, *, hint: str | None = None,
              code: Code = "ongeldige-waarde") -> PcdocsError:
        return DataError(
            f"{self.key_path(key)}: {message}",
            file=self.file,
            line=self.line_of(key),
            key=self.key_path(key),
            hint=hint,
            code=code,
        )

    # -- presence -------------------------------------------------------------------
    def has(self, key: Any) -> bool:
        return key in self.data and self.data[key] is not None

    def raw(self, key: Any) -> Any:
        if key not in self.data:
            raise DataError(
                f"{self.key_path(key)} ontbreekt",
                file=self.file,
                line=self.line,
                key=self.key_path(key),
                code="ontbrekende-sleutel",
                hint=f"voeg '{key}:' toe" + (f" onder {self.path}" if self.path else ""),
            )
        self._used.add(key)
        value = self.data[key]
        if value is None:
            raise self.error(key, "heeft geen waarde", hint="vul een waarde in",
                              code="lege-waarde")
        return value

    def optional(self, key: Any) -> Any:
        self._used.add(key)
        return self.data.get(key)

    def key_list(self) -> list[Any]:
        return list(self.data.keys())

    def done(self) -> None:
        """Every key must have been read: an unknown key is most likely a typing error."""
        known = [str(k) for k in self._used]
        for key in self.data:
            if key in self._used:
                continue
            guess = suggest(str(key), known)
            raise self.error(
                key,
                "onbekende sleutel",
                hint=f"bedoelde u '{guess}'?" if guess else
                "toegestaan zijn: " + ", ".join(sorted(known)),
                code="onbekende-sleutel",
            )

    # -- scalars --------------------------------------------------------------------
    def text(self, key: Any) -> str:
        value = self.raw(key)
        if isinstance(value, Mapping | list):
            raise self.error(key, f"moet tekst zijn, geen {_kind(value)}", code="verkeerd-type")
        text = str(value).strip()
        if not text:
            raise self.error(key, "is leeg", hint="vul een tekst in", code="lege-waarde")
        return text

    def opt_text(self, key: Any) -> str | None:
        return None if self._absent(key) else self.text(key)

    def decimal(self, key: Any) -> Decimal:
        return to_decimal(self.raw(key), lambda msg, hint: self.error(key, msg, hint=hint,
                                                                       code="geen-getal"))

    def opt_decimal(self, key: Any) -> Decimal | None:
        return None if self._absent(key) else self.decimal(key)

    def integer(self, key: Any, *, minimum: int | None = None) -> int:
        value = self.decimal(key)
        if value != value.to_integral_value():
            raise self.error(key, f"'{value}' moet een heel getal zijn", code="geen-geheel-getal")
        number = int(value)
        if minimum is not None and number < minimum:
            raise self.error(key, f"{number} is kleiner dan {minimum}", code="buiten-bereik")
        return number

    def opt_integer(self, key: Any, *, minimum: int | None = None) -> int | None:
        return None if self._absent(key) else self.integer(key, minimum=minimum)

    def measure(self, key: Any, unit: Unit, kind: Kind = Kind.LEVEL) -> Decimal:
        """A number that measures `unit`, within the range RANGES allows for it."""
        value = self.decimal(key)
        problem = range_problem(value, unit, kind)
        if problem is not None:
            code, message, hint = problem
            raise self.error(key, message, hint=hint, code=code)
        return value

    def opt_measure(self, key: Any, unit: Unit, kind: Kind = Kind.LEVEL) -> Decimal | None:
        return None if self._absent(key) else self.measure(key, unit, kind)

    # -- labels with a type -----------------------------------------------------------
    def year(self, key: Any) -> int:
        """A year: 2024."""
        value = self.raw(key)
        text = str(value).strip()
        if isinstance(value, bool) or not re.fullmatch(r"\d{4}", text) \
                or not FIRST_YEAR <= int(text) <= LAST_YEAR:
            raise self.error(key, f"'{_describe(value)}' is geen jaartal",
                             hint="schrijf een jaar met vier cijfers, bijv. 2024",
                             code="geen-jaar")
        return int(text)

    def opt_year(self, key: Any) -> int | None:
        return None if self._absent(key) else self.year(key)

    def period(self, key: Any) -> str:
        """A period label: a year (2024) or years (2023-2026), as written."""
        value = self.raw(key)
        start, end = to_period(value, lambda msg, hint: self.error(key, msg, hint=hint,
                                                                    code="geen-periode"))
        return str(start) if start == end else f"{start}-{end}"

    def code(self, key: Any) -> str:
        """A code (lo-8wk, M1, 7.02): letters, digits, '.', '_' and '-', at most 60."""
        value = self.raw(key)
        text = str(value).strip()
        if isinstance(value, Mapping | list | bool) or not _CODE.match(text):
            raise self.error(key, f"'{_describe(value)}' is geen geldige code",
                             hint="een code bestaat uit letters, cijfers, '.', '_' en '-' "
                                  "(geen spaties of haakjes), bijv. lo-8wk of M1",
                             code="ongeldige-code")
        return text

    def opt_code(self, key: Any) -> str | None:
        return None if self._absent(key) else self.code(key)

    def boolean(self, key: Any, default: bool | None = None) -> bool:
        if not self.has(key):
            if default is None:
                self.raw(key)
            self._used.add(key)
            return bool(default)
        return to_bool(self.raw(key), lambda msg, hint: self.error(key, msg, hint=hint,
                                                                    code="geen-ja-nee"))

    def date(self, key: Any) -> dt.date:
        value = self.raw(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        raise self.error(key, f"'{_describe(value)}' is geen datum",
                         hint="schrijf jjjj-mm-dd, bijv. 2021-01-26", code="geen-datum")

    def partial_date(self, key: Any) -> tuple[dt.date, bool]:
        """A full date, or a year-month ('2024-01') meaning 'januari 2024'."""
        value = self.raw(key)
        if isinstance(value, str):
            match = _YEAR_MONTH.match(value.strip())
            if match and 1 <= int(match.group(2)) <= 12:
                return dt.date(int(match.group(1)), int(match.group(2)), 1), True
        return self.date(key), False

    def choice(self, key: Any, allowed: Mapping[str, T]) -> T:
        value = self.raw(key)
        return to_choice(value, allowed, lambda msg, hint: self.error(key, msg, hint=hint,
                                                                       code="onbekende-waarde"))

    def opt_choice(self, key: Any, allowed: Mapping[str, T]) -> T | None:
        return None if self._absent(key) else self.choice(key, allowed)

    def unit(self, key: Any, default: Unit | None = None) -> Unit:
        if default is not None and not self.has(key):
            self._used.add(key)
            return default
        return self.choice(key, UNIT_NAMES)

    # -- structures -----------------------------------------------------------------
    def map(self, key: Any) -> Reader:
        return Reader(self.raw(key), self.file, self.key_path(key), self.line_of(key))

    def opt_map(self, key: Any) -> Reader | None:
        return None if self._absent(key) else self.map(key)

    def seq(self, key: Any) -> YList | list[Any]:
        value = self.raw(key)
        if not isinstance(value, list):
            raise self.error(key, f"moet een lijst zijn, geen {_kind(value)}",
                             hint="zet elk item op een eigen regel die begint met '- '",
                             code="verkeerd-type")
        return value

    def items(self, key: Any, *, required: bool = True) -> Iterator[Reader]:
        """Each mapping in a list, as a Reader with its own line."""
        if not required and not self.has(key):
            self._used.add(key)
            return
        value = self.seq(key)
        for index, item in enumerate(value):
            line = value.line_of(index) if isinstance(value, YList) else self.line_of(key)
            yield Reader(item, self.file, f"{self.key_path(key)}[{index + 1}]", line)

    def texts(self, key: Any) -> list[tuple[str, Source]]:
        """A list of plain text items with the line of each."""
        value = self.seq(key)
        result = []
        for index, item in enumerate(value):
            line = value.line_of(index) if isinstance(value, YList) else self.line_of(key)
            path = f"{self.key_path(key)}[{index + 1}]"
            if isinstance(item, Mapping | list) or item is None or not str(item).strip():
                raise DataError(f"{path}: moet een tekst zijn", file=self.file, line=line,
                                key=path, code="verkeerd-type")
            result.append((str(item).strip(), Source(self.file, line, path)))
        return result

    def entries(self) -> Iterator[tuple[Any, Reader | Any]]:
        """All (key, value) pairs; mapping values come back as Readers."""
        for key in self.data:
            self._used.add(key)
            value = self.data[key]
            if isinstance(value, Mapping):
                yield key, Reader(value, self.file, self.key_path(key), self.line_of(key))
            else:
                yield key, value

    def _absent(self, key: Any) -> bool:
        """Mark an optional key as read; True when it has no value."""
        self._used.add(key)
        return not self.has(key)


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "groep van sleutels"
    if isinstance(value, list):
        return "lijst"
    if isinstance(value, bool):
        return "ja/nee-waarde"
    if isinstance(value, int | Decimal):
        return "getal"
    if isinstance(value, dt.date):
        return "datum"
    return "tekst"


def to_decimal(value: Any, error: Any) -> Decimal:
    """A number from YAML: 38.09, 42 or the Dutch way '38,09'. Never a silent string."""
    if isinstance(value, bool):
        raise error(f"'{value}' is geen getal", "schrijf een getal, bijv. 38,09")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str) and _DUTCH_DECIMAL.match(value.strip()):
        number = Decimal(value.strip().replace(",", "."))
        problem = number_problem(number)
        if problem is not None:
            raise error(f"'{_describe(value)}' {problem}", "schrijf een gewoon getal, bijv. 38,09")
        return number
    raise error(
        f"'{_describe(value)}' is geen getal",
        "schrijf een getal met een punt of komma als decimaalteken, zonder "
        "duizendtallen-punt, bijv. 38,09 of 1500",
    )


def to_period(value: Any, error: Any) -> tuple[int, int]:
    """(first, last) year of a period written as 2024 or 2023-2026."""
    match = None if isinstance(value, bool) else _PERIOD.match(str(value).strip())
    if not match:
        raise error(f"'{_describe(value)}' is geen periode",
                    "schrijf een jaar (2024) of jaren (2023-2026)")
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start or end - start > 10 or not FIRST_YEAR <= start <= LAST_YEAR:
        raise error(f"'{_describe(value)}' is geen geldige periode",
                    "het eindjaar ligt na het beginjaar, ten hoogste tien jaar later")
    return start, end


_TRUE = {"ja", "yes", "true", "waar", "j"}
_FALSE = {"nee", "no", "false", "onwaar", "n"}


def to_bool(value: Any, error: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise error(f"'{_describe(value)}' is geen ja of nee", "schrijf ja of nee")


def to_choice(value: Any, allowed: Mapping[str, T], error: Any) -> T:
    text = str(value).strip().lower()
    if text in allowed:
        return allowed[text]
    guess = suggest(text, list(allowed))
    hint = f"bedoelde u '{guess}'?" if guess else "kies uit: " + ", ".join(allowed)
    raise error(f"'{_describe(value)}' is geen toegestane waarde", hint)
