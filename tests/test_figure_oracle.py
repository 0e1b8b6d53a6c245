"""The figure oracle's reading of CSV numbers (tests/figure_oracle.py `cell_number`) against
its own table of examples, and pcdocs' reading (`tables.parse_number`) against the oracle on
every cell of the example data.

The oracle is written independently of pcdocs (no shared pattern or code), so a mistake in
`tables.parse_number` shows up here as a disagreement, without building a site.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pcdocs.model import tables

from .conftest import ROOT
from .figure_oracle import CsvData, cell_number, decode

D = Decimal

# (cell as typed, a ';'-table (Dutch conventions)?, the number a person reads; None: no number)
EXAMPLES: list[tuple[str, bool, Decimal | None]] = [
    # the forms in data/**/*.csv
    ("€ 99.539", True, D(99539)),
    ("€ 1.228.487", True, D(1228487)),
    ("€ -", True, D(0)),
    ("-10.382.000", True, D(-10382000)),
    ("1,86", True, D("1.86")),
    ("-0,50", True, D("-0.50")),
    ("-1,75", True, D("-1.75")),
    ("0", True, D(0)),
    ("9", True, D(9)),
    # the other documented Excel conventions
    ("-/- 1,75", True, D("-1.75")),
    ("(1.000)", True, D(-1000)),
    ("–", True, D(0)),
    ("€\u00a01.500,25", True, D("1500.25")),
    ("12345", True, D(12345)),
    ("1.860", True, D(1860)),  # a thousands dot; check warns that it is ambiguous
    # a ','-table writes a decimal point and no thousands separator
    ("1.5", False, D("1.5")),
    ("-2.25", False, D("-2.25")),
    ("1500", False, D(1500)),
    # no numbers
    ("1,5", False, None),
    ("1.22.3", True, None),
    ("1234.567", True, None),
    ("1.5", True, None),
    ("5,", True, None),
    (",5", True, None),
    ("1,2,3", True, None),
    ("-/-", True, None),
    ("()", True, None),
    ("38:09", True, None),
    ("een", True, None),
    ("", True, None),
    ("Ziekteverzuim", True, None),
    ("1e3", False, None),
    ("0x1F", False, None),
]


@pytest.mark.parametrize(("cell", "dutch", "expected"), EXAMPLES)
def test_the_oracle_reads_a_cell_as_a_person_does(cell: str, dutch: bool,
                                                  expected: Decimal | None) -> None:
    assert cell_number(cell, dutch=dutch) == expected


@pytest.mark.parametrize(("cell", "dutch", "expected"), EXAMPLES)
def test_pcdocs_reads_a_cell_as_the_oracle_does(cell: str, dutch: bool,
                                               expected: Decimal | None) -> None:
    assert tables.parse_number(cell, dutch=dutch) == expected


def _example_cells() -> list[tuple[str, str, bool]]:
    cells: set[tuple[str, str, bool]] = set()
    for path in sorted((ROOT / "data").rglob("*.csv")):
        text = decode(path.read_bytes())
        assert text is not None, path
        table = CsvData(text)
        name = str(path.relative_to(ROOT))
        cells |= {(name, cell, table.dutch) for row in table.rows.values() for cell in row}
    return sorted(cells)


CELLS = _example_cells()


def test_the_example_data_has_numbers_in_every_form_the_oracle_knows() -> None:
    numbers = [cell for _, cell, dutch in CELLS if cell_number(cell, dutch=dutch) is not None]
    assert len(numbers) > 100
    assert any(c.startswith("€") and "." in c for c in numbers)  # '€ 99.539'
    assert any(c.replace(" ", "") == "€-" for c in numbers)  # '€ -'
    assert any(c.startswith("-") and "," in c for c in numbers)  # '-1,75'


def test_pcdocs_reads_every_example_cell_as_the_oracle_does() -> None:
    differ = [(file, cell, tables.parse_number(cell, dutch=dutch), cell_number(cell, dutch=dutch))
              for file, cell, dutch in CELLS
              if tables.parse_number(cell, dutch=dutch) != cell_number(cell, dutch=dutch)]
    assert not differ, "(bestand, cel, pcdocs, orakel):\n" + "\n".join(map(str, differ))
