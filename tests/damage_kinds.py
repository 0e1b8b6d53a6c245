"""Ways to damage a data file, as pure functions on its bytes, and hypothesis strategies that
draw them. Used by tests/test_damage.py.

Every damage is deterministic given its parameters, so a failing example can be written down
as a plain regression test.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from hypothesis import strategies as st


@dataclass(frozen=True)
class ValueChange:
    """One value rewritten in place: at byte `offset`, `old` became `new` (for the oracle)."""

    offset: int
    old: bytes
    new: bytes


@dataclass(frozen=True)
class Damage:
    kind: str
    file: str  # relative to the repository root
    data: bytes  # the damaged content
    what: str  # for failure messages
    change: ValueChange | None = None

    def __repr__(self) -> str:
        return f"Damage({self.kind}: {self.file}: {self.what})"


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _at(data: bytes, pos: int) -> str:
    """'line 3, column 7' for a byte offset."""
    line = data[:pos].count(b"\n") + 1
    column = pos - data.rfind(b"\n", 0, pos)
    return f"regel {line}, kolom {column}"


# -- the damages, one pure function each -----------------------------------------------------

def flip_byte(file: str, data: bytes, pos: int, mask: int) -> Damage:
    new = data[pos] ^ mask
    return Damage("flip", file, data[:pos] + bytes([new]) + data[pos + 1:],
                  f"byte {data[pos]:#04x} -> {new:#04x} op {_at(data, pos)}")


def insert_bytes(file: str, data: bytes, pos: int, extra: bytes, kind: str = "insert") -> Damage:
    return Damage(kind, file, data[:pos] + extra + data[pos:], f"{extra!r} ingevoegd op "
                  f"{_at(data, pos)}")


def delete_bytes(file: str, data: bytes, pos: int, count: int) -> Damage:
    return Damage("delete", file, data[:pos] + data[pos + count:],
                  f"{data[pos:pos + count]!r} verwijderd op {_at(data, pos)}")


def truncate(file: str, data: bytes, pos: int) -> Damage:
    return Damage("truncate", file, data[:pos], f"afgekapt na byte {pos} ({_at(data, pos)})")


def delete_line(file: str, data: bytes, index: int) -> Damage:
    lines = _lines(data)
    return Damage("delete-line", file, b"".join(lines[:index] + lines[index + 1:]),
                  f"regel {index + 1} verwijderd: {lines[index]!r}")


def duplicate_line(file: str, data: bytes, index: int) -> Damage:
    lines = _lines(data)
    line = lines[index] if lines[index].endswith(b"\n") else lines[index] + b"\n"
    return Damage("duplicate-line", file, b"".join([*lines[:index], line, *lines[index:]]),
                  f"regel {index + 1} verdubbeld: {lines[index]!r}")


def swap_lines(file: str, data: bytes, first: int, second: int) -> Damage:
    lines = [ln if ln.endswith(b"\n") else ln + b"\n" for ln in _lines(data)]
    lines[first], lines[second] = lines[second], lines[first]
    return Damage("swap-lines", file, b"".join(lines),
                  f"regels {first + 1} en {second + 1} verwisseld")


def reindent_line(file: str, data: bytes, index: int, delta: int) -> Damage:
    lines = _lines(data)
    body = lines[index].lstrip(b" ")
    width = max(0, len(lines[index]) - len(body) + delta)
    lines[index] = b" " * width + body
    return Damage("indent", file, b"".join(lines),
                  f"inspringing van regel {index + 1} {delta:+d}: {lines[index]!r}")


_DIGIT = re.compile(rb"\d")
_NUMBER = re.compile(rb"\d+(?:[.,]\d+)*")


def change_digit(file: str, data: bytes, pos: int, digit: int) -> Damage:
    """Replace the digit at byte `pos` by `digit` (a different one)."""
    old = data[pos:pos + 1]
    new = str(digit).encode()
    assert old.isdigit() and new != old, "choose a digit and another one"
    return Damage("digit", file, data[:pos] + new + data[pos + 1:],
                  f"cijfer {old.decode()} -> {new.decode()} op {_at(data, pos)}",
                  ValueChange(pos, old, new))


def number_to_word(file: str, data: bytes, pos: int, word: bytes) -> Damage:
    """Replace the number (digits with . or , inside) that starts at byte `pos` by a word."""
    match = _NUMBER.match(data, pos)
    assert match is not None, "no number there"
    return Damage("word", file, data[:pos] + word + data[match.end():],
                  f"getal {match.group().decode()} -> {word.decode()} op {_at(data, pos)}",
                  ValueChange(pos, match.group(), word))


def insert_tab(file: str, data: bytes, pos: int) -> Damage:
    return insert_bytes(file, data, pos, b"\t", "tab")


def insert_invalid_utf8(file: str, data: bytes, pos: int, junk: bytes) -> Damage:
    return insert_bytes(file, data, pos, junk, "utf8")


def insert_nul(file: str, data: bytes, pos: int) -> Damage:
    return insert_bytes(file, data, pos, b"\x00", "nul")


# -- strategies ------------------------------------------------------------------------------

# Bytes that make interesting damage more likely than uniform noise: digits and the signs
# that YAML, CSV and Dutch numbers give meaning to.
_SIGNIFICANT = b"0123456789.,-+:;_ \n#'\"{}[]&*!|>%@`e"
INVALID_UTF8 = (b"\xff", b"\xc3", b"\xe2\x82", b"\x80", b"\xed\xa0\x80", b"\xc0\xaf")
WORDS = (b"vier", b"tien", b"veel", b"n.v.t.", b"onbekend")

T = TypeVar("T")


class Draw(Protocol):
    """`draw` of @st.composite, or `data.draw` of st.data()."""

    def __call__(self, strategy: st.SearchStrategy[T], /) -> T: ...


Drawer = Callable[[Draw, str, bytes], Damage]


def _byte(draw: Draw) -> int:
    return draw(st.one_of(st.sampled_from(list(_SIGNIFICANT)), st.integers(0, 255)))


def _pos(draw: Draw, data: bytes, *, end: bool = False) -> int:
    return draw(st.integers(0, len(data) if end else len(data) - 1))


def _line(draw: Draw, data: bytes) -> int:
    return draw(st.integers(0, len(_lines(data)) - 1))


def _draw_flip(draw: Draw, file: str, data: bytes) -> Damage:
    pos = _pos(draw, data)
    target = _byte(draw)
    mask = data[pos] ^ target or draw(st.integers(1, 255))
    return flip_byte(file, data, pos, mask)


def _draw_insert(draw: Draw, file: str, data: bytes) -> Damage:
    extra = bytes(_byte(draw) for _ in range(draw(st.integers(1, 3))))
    return insert_bytes(file, data, _pos(draw, data, end=True), extra)


def _draw_delete(draw: Draw, file: str, data: bytes) -> Damage:
    pos = _pos(draw, data)
    return delete_bytes(file, data, pos, draw(st.integers(1, min(4, len(data) - pos))))


def _draw_swap(draw: Draw, file: str, data: bytes) -> Damage:
    first = _line(draw, data)
    second = draw(st.integers(0, len(_lines(data)) - 1).filter(lambda i: i != first))
    return swap_lines(file, data, first, second)


def _draw_digit(draw: Draw, file: str, data: bytes) -> Damage:
    pos = draw(st.sampled_from([m.start() for m in _DIGIT.finditer(data)]))
    old = int(data[pos:pos + 1])
    return change_digit(file, data, pos, draw(st.integers(0, 9).filter(lambda d: d != old)))


def _draw_word(draw: Draw, file: str, data: bytes) -> Damage:
    pos = draw(st.sampled_from([m.start() for m in _NUMBER.finditer(data)]))
    return number_to_word(file, data, pos, draw(st.sampled_from(WORDS)))


DRAWERS: dict[str, Drawer] = {
    "flip": _draw_flip,
    "insert": _draw_insert,
    "delete": _draw_delete,
    "truncate": lambda draw, f, d: truncate(f, d, _pos(draw, d)),
    "delete-line": lambda draw, f, d: delete_line(f, d, _line(draw, d)),
    "duplicate-line": lambda draw, f, d: duplicate_line(f, d, _line(draw, d)),
    "swap-lines": _draw_swap,
    "indent": lambda draw, f, d: reindent_line(
        f, d, _line(draw, d), draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))),
    "digit": _draw_digit,
    "word": _draw_word,
    "tab": lambda draw, f, d: insert_tab(f, d, _pos(draw, d, end=True)),
    "utf8": lambda draw, f, d: insert_invalid_utf8(
        f, d, _pos(draw, d, end=True), draw(st.sampled_from(INVALID_UTF8))),
    "nul": lambda draw, f, d: insert_nul(f, d, _pos(draw, d, end=True)),
}
KINDS = tuple(DRAWERS)


@st.composite
def damages(draw: Draw, files: tuple[tuple[str, bytes], ...]) -> Damage:
    """One damage of any kind to one of `files` (name, original bytes)."""
    file, data = draw(st.sampled_from(files))
    kind = draw(st.sampled_from(KINDS))
    return DRAWERS[kind](draw, file, data)
