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

from pcdocs.cli import main

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
