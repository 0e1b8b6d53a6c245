"""The author guide documents every macro, variable and data file (docs checked by tests)."""

from __future__ import annotations

import re

from pcdocs.blocks.datasets import blocks
from pcdocs.render.authoring import MACROS, VARIABLES

from .conftest import ROOT

GUIDE = "\n".join(p.read_text(encoding="utf-8")
                  for p in sorted((ROOT / "docs/handleiding").glob("*.md")))


def test_every_registered_macro_has_an_entry_and_an_example() -> None:
    missing = [m.name for m in MACROS if f"`{m.name}(" not in GUIDE]
    assert missing == [], f"macro's zonder uitleg in de handleiding: {missing}"
    no_example = [m.name for m in MACROS if not re.search(r"\{\{ " + m.name + r"\(", GUIDE)]
    assert no_example == [], f"macro's zonder voorbeeld: {no_example}"


def test_every_variable_is_explained() -> None:
    assert [v for v in VARIABLES if f"`{v}`" not in GUIDE] == []


def test_every_data_file_kind_is_described() -> None:
    kinds = [f"## {b.kind}.{b.extensions[0]}" for b in blocks().values()]
    assert [k for k in kinds if k not in GUIDE] == []
