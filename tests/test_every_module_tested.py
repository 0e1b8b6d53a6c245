"""Every module of pcdocs is imported by at least one test module, so a new module without
a test of its own fails the suite (a module only reached through a site build is not tested
where it breaks)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from .conftest import ROOT

TESTS = ROOT / "tests"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = sorted(module_name(p) for p in (ROOT / "pcdocs").rglob("*.py"))


@cache
def imported_by_tests() -> frozenset[str]:
    """Every `pcdocs...` module a test file imports: `import pcdocs.x`, `from pcdocs.x import
    y` (and y itself, when it is a module), `from pcdocs import x`."""
    found: set[str] = set()
    for path in TESTS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{a.name}" for a in node.names)
    return frozenset(found)


@pytest.mark.parametrize("module", MODULES)
def test_some_test_imports_the_module(module: str) -> None:
    assert module in imported_by_tests(), (
        f"geen test importeert {module}: schrijf tests/test_unit_<naam>.py met tests van wat "
        "een gebruiker ervan verwacht")


def test_the_guard_sees_the_modules() -> None:
    assert len(MODULES) > 60 and "pcdocs.model.tables" in MODULES and "pcdocs.__main__" in MODULES
    assert "pcdocs.model.tables" in imported_by_tests()
