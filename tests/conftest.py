"""Shared fixtures: a disposable copy of the example repository, and one built site."""

from __future__ import annotations

import importlib
import io
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pcdocs.commands.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ("mkdocs.yml", "docs", "data", "macros", "archief")


def copy_example(target: Path) -> Path:
    for name in EXAMPLE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


def corpus_generator() -> Callable[[list[str]], int]:
    """`scripts/make_corpus.py`'s main(argv), to write a scale corpus."""
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    main: Callable[[list[str]], int] = importlib.import_module("make_corpus").main
    return main


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out, err)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh copy of the example repository that a test may break."""
    return copy_example(tmp_path)


@dataclass
class Built:
    root: Path
    run: Run

    @property
    def site(self) -> Path:
        return self.root / "site"

    def page(self, path: str) -> BeautifulSoup:
        return BeautifulSoup((self.site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example site, built once for all end-to-end tests, in strict mode as CI builds it:
    a warning about the example content fails the suite."""
    root = copy_example(tmp_path_factory.mktemp("voorbeeld"))
    run = run_cli("-C", str(root), "build", "--strict")
    assert run.code == 0, run.err
    return Built(root, run)


# -- the two tiers ---------------------------------------------------------------------------
# `make snel` runs `pytest -m "not langzaam"`: the pure core, without a site build, a copy of
# the example repository, a browser or a scale corpus. A test is `langzaam` when it, one of
# its fixtures, or a function of its own module that it calls (however deep) does any of the
# things below; the rest is pure. `make test` runs both.

SLOW_FIXTURES = frozenset({"built", "old_site", "repo"})
SLOW_CALLS = frozenset({
    "copy_example",  # a copy of the example repository (then usually a check or a build)
    "copy_base",  # tests/test_bad_input.py's copy of it
    "run_cli", "main",  # the command line: check, build, serve on a repository
    "build",  # pcdocs.commands.build.build or mkdocs' build: a site, with or without PDFs
    "render_page",  # a page of the example with every macro and chart
    "corpus_generator",  # a scale corpus
    "sync_playwright",  # a browser
})
SLOW_METHODS = frozenset({"copy_example", "run_cli", "render_page"})  # `conftest.run_cli(...)`


def _called(function: Callable[..., object]) -> set[str]:
    """The names `function` calls: `f(...)`, and `x.f(...)` for f in SLOW_METHODS (so that
    `manifest.build(...)` is not taken for a build)."""
    import ast
    import inspect
    import textwrap

    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            elif isinstance(node.func, ast.Attribute) and node.func.attr in SLOW_METHODS:
                names.add(node.func.attr)
    return names


def _slow(function: Callable[..., object], seen: set[int]) -> bool:
    """Does `function`, or a function of its own module it calls, do something slow?"""
    import inspect

    function = inspect.unwrap(function)
    if id(function) in seen:
        return False
    seen.add(id(function))
    called = _called(function)
    if called & SLOW_CALLS:
        return True
    module = getattr(function, "__module__", None)
    namespace: dict[str, object] = getattr(function, "__globals__", {})
    return any(_slow(f, seen) for name in called
               if inspect.isfunction(f := namespace.get(name)) and f.__module__ == module)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    slow = pytest.mark.langzaam
    verdicts: dict[int, bool] = {}

    def verdict(function: Callable[..., object]) -> bool:
        if id(function) not in verdicts:
            verdicts[id(function)] = _slow(function, set())
        return verdicts[id(function)]

    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        fixtures = item._fixtureinfo.name2fixturedefs
        if SLOW_FIXTURES & set(item.fixturenames) or verdict(item.function) or any(
                verdict(d.func) for defs in fixtures.values() for d in defs
                if str(getattr(d.func, "__module__", "")).startswith("tests")):
            item.add_marker(slow)
