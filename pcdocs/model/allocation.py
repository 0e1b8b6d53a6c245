"""Splitting an exact amount over gemeenten by a verdeelsleutel, so that the parts add up.

A joint service (a gemeenschappelijke regeling, a centrumgemeente) divides its costs over
its gemeenten by weights: inwoners, uitkeringen, fixed percentages. Each gemeente's exact
share is a fraction (27.214 / 64.367); its amount must be whole cents (or whole euros,
thousands), and the amounts must add up to the total exactly. Rounding each share on its
own does not do that (three equal shares of € 100 are 33,33 three times: one cent lost).

The method: largest remainder (Hamilton)
----------------------------------------

1. The total is written in whole units (`unit`: a cent, a euro, a thousand); a total with a
   finer precision is first rounded to the unit, halves away from zero, as the rest of
   pcdocs rounds (`Allocation.total`; the parts add up to that).
2. Each gemeente's exact part is total x weight / sum of weights (an exact `Fraction`). Each
   gets that part rounded down to a whole unit.
3. The units left over (fewer than the number of gemeenten) go one each to the gemeenten
   with the largest remainder (what rounding down took off).
4. Ties: at an equal remainder, the gemeente with the larger weight goes first, and at an
   equal weight the name that sorts first (alphabetically: 'brunssum' before 'landgraaf').

So every part lies within one unit of its exact share, the parts add up to the total, and
the result depends only on the amounts and weights (never on the order they are given in).

A negative total (a refund) is divided as its positive counterpart with every sign turned
around: `allocate(-x)` is exactly `-allocate(x)` (the gemeente that gets the extra cent of
a charge gives back the extra cent of a refund).

A table: every row and every column exact
-----------------------------------------

`allocate_rows` divides each line of a table (row amounts, each rounded to the unit; the
grand total is their sum) and keeps every total exact at once:

- every row adds up to its own amount (each row is divided by largest remainder);
- every gemeente's column adds up to exactly its part of the grand total as `allocate` gives
  it (so the table agrees, cent for cent, with the bijdrage of the total);
- each cell lies within one unit of its exact share (rounded down or up), whenever such a
  table exists.

Dividing every row on its own keeps the rows exact, but the columns may then miss the
gemeente's part of the grand total by a unit or more. The columns are then put right by
moving single units within a row, from a gemeente whose column is too high to one whose
column is too low (directly, or through a chain of gemeenten: an augmenting path), each time
in the row where the move changes the cells least (the cell rounded up by the smallest
remainder goes down, the cell rounded down by the largest remainder goes up); each moved
cell stays rounded down or up. Rarely no such table exists (a row whose cells are whole
already, next to rows whose remainders all point the same way); then a unit is moved
where it changes a cell least and that cell lies one unit or more from its exact share: it
is listed in `TableAllocation.wide`, so a table can say so.

Every value is exact: `Fraction` for shares, `Decimal` for amounts; no float is used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor

Weight = Decimal | int | Fraction

CENT = Decimal("0.01")

# The units an allocation can round to: name -> (size in euro, how a caption says it).
UNITS: dict[str, tuple[Decimal, str]] = {
    "cent": (CENT, "op hele centen"),
    "euro": (Decimal(1), "op hele euro's"),
    "duizend": (Decimal(1000), "op duizenden euro's"),
    "miljoen": (Decimal(1_000_000), "op miljoenen euro's"),
}

PERCENT_PLACES = 20  # the decimals a share keeps as a percentage (formula.GUARD)


# -- shares -----------------------------------------------------------------------------------


def shares(weights: Mapping[str, Weight]) -> dict[str, Fraction]:
    """Each name's exact share of the total weight; the shares add up to exactly 1.

    ValueError for a negative weight or a total weight of zero (the data file's reader
    refuses both first, at their line)."""
    exact = {name: Fraction(w) for name, w in weights.items()}
    if any(w < 0 for w in exact.values()):
        raise ValueError("a weight is negative")
    total = sum(exact.values(), Fraction(0))
    if total == 0:
        raise ValueError("the weights add up to zero")
    return {name: w / total for name, w in exact.items()}


def mixed(parts: Sequence[tuple[Weight, Mapping[str, Fraction]]]) -> dict[str, Fraction]:
    """The weighted mix of other shares: sum of weight x share, divided by the sum of the
    weights (a name missing from a part has share 0 there)."""
    weights = [Fraction(w) for w, _ in parts]
    total = sum(weights, Fraction(0))
    if total <= 0 or any(w < 0 for w in weights):
        raise ValueError("the weights of a mix must be 0 or more and add up to more than 0")
    names: list[str] = []
    for _, part in parts:
        names += [n for n in part if n not in names]
    return {n: sum((w * part.get(n, Fraction(0)) for w, (_, part) in zip(weights, parts,
                                                                          strict=True)),
                   Fraction(0)) / total for n in names}


def percent(share: Fraction, places: int = PERCENT_PLACES) -> Decimal:
    """A share as a percentage (1/4 -> 25): exact when it ends within `places` decimals,
    else rounded there (half away from zero); without trailing zeros."""
    number = rounded_percent(share, places).normalize()
    exponent = number.as_tuple().exponent
    return number.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else number


def rounded_percent(share: Fraction, places: int) -> Decimal:
    """A share as a percentage rounded (half away from zero) to `places` decimals."""
    return _round_fraction(share * 100 * 10 ** places).scaleb(-places)


# -- one amount -------------------------------------------------------------------------------


def to_units(amount: Decimal, unit: Decimal) -> int:
    """How many whole units `amount` is, rounded half away from zero."""
    if unit <= 0:
        raise ValueError("the unit must be more than 0")
    return int(_round_fraction(Fraction(amount) / Fraction(unit)))


def _round_fraction(value: Fraction) -> Decimal:
    """A fraction rounded to a whole number, halves away from zero."""
    magnitude = abs(value)
    whole = floor(magnitude)
    if magnitude - whole >= Fraction(1, 2):
        whole += 1
    return Decimal(whole if value >= 0 else -whole)


def largest_remainder(units: int, weights: Mapping[str, Weight]) -> dict[str, int]:
    """`units` whole units over the names by weight (Hamilton): each its exact part rounded
    down, then one unit each to the largest remainders; ties by larger weight, then by name.
    A negative number of units is divided as the positive one, with the signs turned."""
    share = shares(weights)
    size = abs(units)
    exact = {name: size * s for name, s in share.items()}
    result = {name: floor(value) for name, value in exact.items()}
    left = size - sum(result.values())
    order = sorted(exact, key=lambda n: (-(exact[n] - result[n]), -Fraction(weights[n]), n))
    for name in order[:left]:
        result[name] += 1
    sign = -1 if units < 0 else 1
    return {name: sign * value for name, value in result.items()}


@dataclass(frozen=True)
class Part:
    """One gemeente's part: its weight, exact share and exact amount, and the amount it gets
    (`extra`: one unit more than its exact amount rounded towards zero)."""

    name: str
    weight: Fraction
    share: Fraction
    exact: Fraction  # total x share, in euro (exact)
    amount: Decimal  # a whole number of units, in euro
    extra: bool

    @property
    def difference(self) -> Fraction:
        """The amount minus the exact part (less than one unit either way)."""
        return Fraction(self.amount) - self.exact


@dataclass(frozen=True)
class Allocation:
    """An amount divided: `total` (the amount rounded to `unit`) is exactly the sum of the
    parts' amounts; the parts in the order of the weights."""

    amount: Decimal
    total: Decimal
    unit: Decimal
    parts: tuple[Part, ...]

    def __getitem__(self, name: str) -> Decimal:
        for part in self.parts:
            if part.name == name:
                return part.amount
        raise KeyError(name)

    def part(self, name: str) -> Part:
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(name)

    @property
    def amounts(self) -> dict[str, Decimal]:
        return {p.name: p.amount for p in self.parts}


def _euro(units: int, unit: Decimal) -> Decimal:
    """A whole number of units in euro, written with the unit's decimals (0,01 -> 2)."""
    value = Decimal(units) * unit
    exponent = unit.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return value.quantize(Decimal(1).scaleb(-places))


def allocate(amount: Decimal, weights: Mapping[str, Weight], unit: Decimal = CENT
             ) -> Allocation:
    """`amount` over the names by weight, in whole `unit`s, adding up exactly (see the module
    documentation for the method and its tie rule)."""
    units = to_units(amount, unit)
    share = shares(weights)
    split = largest_remainder(units, weights)
    total_units = Fraction(units)
    parts = []
    for name, s in share.items():
        exact_units = total_units * s
        towards_zero = floor(abs(exact_units))
        parts.append(Part(name, Fraction(weights[name]), s, exact_units * Fraction(unit),
                          _euro(split[name], unit), abs(split[name]) > towards_zero))
    return Allocation(amount, _euro(units, unit), unit, tuple(parts))


# -- a table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableAllocation:
    """Every row of a table divided over the names (`cells[row][column]`, columns in the
    order of `names`): each row adds up to `row_totals[row]`, each column to
    `column_totals[column]` (exactly `allocate(total)`), and both to `total`. `wide` lists
    the cells (row, column) that lie one unit or more from their exact share (only where no
    table within one unit exists)."""

    names: tuple[str, ...]
    unit: Decimal
    cells: tuple[tuple[Decimal, ...], ...]
    row_totals: tuple[Decimal, ...]
    column_totals: tuple[Decimal, ...]
    total: Decimal
    wide: tuple[tuple[int, int], ...]


def allocate_rows(amounts: Sequence[Decimal], weights: Mapping[str, Weight],
                  unit: Decimal = CENT) -> TableAllocation:
    """Each row amount over the names by weight, keeping every row total, every column total
    and the grand total exact (see the module documentation)."""
    names = tuple(weights)
    share = shares(weights)
    rows = [to_units(a, unit) for a in amounts]
    exact = [[Fraction(r) * share[n] for n in names] for r in rows]
    cells = []
    for r in rows:
        split = largest_remainder(r, weights)
        cells.append([split[n] for n in names])
    total = sum(rows)
    target = largest_remainder(total, weights)
    _balance(cells, exact, [target[n] for n in names])
    wide = tuple((i, j) for i, row in enumerate(cells) for j, value in enumerate(row)
                 if abs(value - exact[i][j]) >= 1)
    columns = [sum(row[j] for row in cells) for j in range(len(names))]
    return TableAllocation(
        names, unit, tuple(tuple(_euro(v, unit) for v in row) for row in cells),
        tuple(_euro(r, unit) for r in rows), tuple(_euro(c, unit) for c in columns),
        _euro(total, unit), wide)


def _can_lower(value: int, exact: Fraction) -> bool:
    """The cell is rounded up (not whole) and may go down to its rounded-down value."""
    return value > floor(exact)


def _can_raise(value: int, exact: Fraction) -> bool:
    return value < -floor(-exact)  # below the rounded-up value


def _remainder(exact: Fraction) -> Fraction:
    return exact - floor(exact)


def _balance(cells: list[list[int]], exact: list[list[Fraction]], target: list[int]) -> None:
    """Move single units within rows until every column adds up to its target (the row sums
    stay as they are). Each round moves one unit along the shortest chain of columns from
    one that is too high to one that is too low, keeping every cell rounded down or up; when
    there is none, one unit directly, where it changes a cell least."""
    width = len(target)
    while True:
        excess = [sum(row[j] for row in cells) - target[j] for j in range(width)]
        if not any(excess):
            return
        path = _chain(cells, exact, excess)
        if path is None:
            path = [_direct(cells, exact, excess)]
        for row, source, sink in path:
            cells[row][source] -= 1
            cells[row][sink] += 1


def _best_row(cells: list[list[int]], exact: list[list[Fraction]], source: int,
              sink: int) -> int | None:
    """The row where moving a unit from column `source` to `sink` keeps both cells rounded
    down or up and changes them least (the smallest remainder goes down, the largest up)."""
    best: tuple[Fraction, int] | None = None
    for i, row in enumerate(cells):
        if _can_lower(row[source], exact[i][source]) and _can_raise(row[sink], exact[i][sink]):
            cost = _remainder(exact[i][source]) - _remainder(exact[i][sink])
            if best is None or cost < best[0]:
                best = (cost, i)
    return None if best is None else best[1]


def _chain(cells: list[list[int]], exact: list[list[Fraction]], excess: list[int]
           ) -> list[tuple[int, int, int]] | None:
    """The shortest chain of moves (row, from column, to column) from a column that is too
    high to one that is too low, each move keeping its cells rounded down or up (breadth
    first, columns in their order)."""
    width = len(excess)
    start = [j for j in range(width) if excess[j] > 0]
    came: dict[int, tuple[int, int] | None] = dict.fromkeys(start)
    queue = list(start)
    while queue:
        column = queue.pop(0)
        for other in range(width):
            if other in came:
                continue
            row = _best_row(cells, exact, column, other)
            if row is None:
                continue
            came[other] = (column, row)
            if excess[other] < 0:
                path = []
                at = other
                while (step := came[at]) is not None:
                    path.append((step[1], step[0], at))
                    at = step[0]
                return path[::-1]
            queue.append(other)
    return None


def _direct(cells: list[list[int]], exact: list[list[Fraction]], excess: list[int]
            ) -> tuple[int, int, int]:
    """One move from the first column that is too high to the first that is too low, in the
    row where the largest distance of the two cells to their exact share stays smallest."""
    source = next(j for j, e in enumerate(excess) if e > 0)
    sink = next(j for j, e in enumerate(excess) if e < 0)

    def cost(i: int) -> tuple[Fraction, Fraction, int]:
        down = abs(cells[i][source] - 1 - exact[i][source])
        up = abs(cells[i][sink] + 1 - exact[i][sink])
        return max(down, up), down + up, i

    row = min(range(len(cells)), key=cost)
    return row, source, sink
