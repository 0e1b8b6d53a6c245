"""Every building block conforms to its spec: one `BlockSpec` per data file kind, listed once
in `pcdocs.blocks.registry.SPECS`, is everything the rest of pcdocs knows about it."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest

import pcdocs.blocks
from pcdocs.blocks.datasets import DataStore, blocks
from pcdocs.blocks.registry import BY_KIND, SPECS
from pcdocs.blocks.spec import BlockSpec, no_figures
from pcdocs.commands.check import checking_for
from pcdocs.compare.diff import COMPUTED, FIGURE
from pcdocs.compare.facts import facts_of
from pcdocs.model.repository import Repository
from pcdocs.render import authoring

from .conftest import ROOT, run_cli

GUIDE = "\n".join(p.read_text(encoding="utf-8")
                  for p in sorted((ROOT / "docs/handleiding").glob("*.md")))
REPO = Repository.find(ROOT)


def _example_files(spec: BlockSpec[Any]) -> list[Path]:
    """The example data files of this kind (the organisation file for `organisatie`)."""
    return sorted(p for ext in spec.extensions
                  for p in (ROOT / "data").glob(f"**/{spec.kind}.{ext}"))


@pytest.mark.parametrize("spec", SPECS, ids=[s.kind for s in SPECS])
def test_a_block_loads_its_example_data_and_yields_figures_and_facts(
        spec: BlockSpec[Any]) -> None:
    files = _example_files(spec)
    assert files, f"geen voorbeeldbestand {spec.kind}.* in data/"
    store = DataStore(ROOT)
    for path in files:
        rel = REPO.rel(path)
        record = store.load(spec, path, rel)
        org = path.relative_to(REPO.data_dir).parts[0]
        checking = checking_for(REPO, store, org, path, spec)
        assert spec.validate(record, checking) == []
        figures = spec.figures(record)
        assert figures or spec.figures is no_figures, f"{rel}: geen cijfers"
        if not spec.compared:
            continue
        facts = facts_of(spec, record, read=checking.read)  # with the files next to it
        assert facts, f"{rel}: niets om te vergelijken"
        assert {f.block for f in facts} == {spec.kind}
        worded = {w.category for w in spec.wording} | {FIGURE.category, COMPUTED.category}
        assert {f.category for f in facts} <= worded, f"{rel}: een categorie zonder `wording`"


@pytest.mark.parametrize("spec", SPECS, ids=[s.kind for s in SPECS])
def test_a_block_is_described_in_the_author_guide_with_its_macros(
        spec: BlockSpec[Any]) -> None:
    assert f"## {spec.kind}.{spec.extensions[0]}" in GUIDE
    assert spec.label and spec.summary
    for macro in spec.macros:
        assert f"`{macro.name}(" in GUIDE, f"{macro.name}() zonder uitleg in de handleiding"
        assert re.search(r"\{\{ " + macro.name + r"\(", GUIDE), f"{macro.name}() zonder voorbeeld"
        assert macro.example.startswith("{{ " + macro.name + "(")
    if spec.chart is not None:
        assert spec.chart in {m.name for m in spec.macros}


def test_the_registry_is_the_one_list_of_blocks() -> None:
    """Every spec a block module defines is in the registry, once; nothing else is."""
    defined = []
    for info in pkgutil.iter_modules(pcdocs.blocks.__path__):
        module = importlib.import_module(f"pcdocs.blocks.{info.name}")
        defined += [v for k, v in vars(module).items()
                    if isinstance(v, BlockSpec) and info.name != "registry"]
    assert sorted(s.kind for s in defined) == sorted(s.kind for s in SPECS)
    assert len(BY_KIND) == len(SPECS)
    assert blocks() is BY_KIND
    names = [m.name for m in authoring.MACROS]
    assert len(names) == len(set(names))
    assert {m.name for s in SPECS for m in s.macros} <= set(names)


# What the comparison and the commands may know of the blocks: the spec, the registry and the
# data store. A block itself is known only through its spec.
_THROUGH_SPECS = {"spec", "registry", "datasets"}


def _docstrings(tree: ast.Module) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                          | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def _named_blocks(path: Path) -> list[str]:
    """The block modules `path` imports, and the block kinds and data file names its code
    (not its docstrings) writes as a string."""
    names = {s.kind for s in SPECS} | {n for s in SPECS for n in (*s.file_names, *s.companions)}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        modules: list[str] = []
        if isinstance(node, ast.Import):
            modules = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "pcdocs.blocks":
            modules = [f"pcdocs.blocks.{a.name}" for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
        found += [f"{getattr(node, 'lineno', 0)}: import {m}" for m in modules
                  if m.startswith("pcdocs.blocks.") and m.split(".")[2] not in _THROUGH_SPECS]
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings and node.value in names:
            found.append(f"{node.lineno}: {node.value!r}")
    return found


@pytest.mark.parametrize("layer", ["compare", "commands"])
def test_compare_and_commands_know_blocks_only_through_their_specs(layer: str) -> None:
    """No module of `pcdocs/compare/` or `pcdocs/commands/` imports a block's module or names
    a block kind or data file: what they need of a block is a field of its spec."""
    named = {path.name: found for path in sorted((ROOT / "pcdocs" / layer).glob("*.py"))
             if (found := _named_blocks(path))}
    assert named == {}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_regelingen_are_checked_without_a_page_that_shows_them(repo: Path) -> None:
    """An unknown gemeente in regelingen.yaml is found by `check` whether or not a page calls
    `regelingen()` (IASZ has no page that does)."""
    (repo / "data/iasz/2024/regelingen.yaml").write_text(
        "titel: Regelingen\nregelingen:\n"
        "  - naam: Bijdrage sport\n    omschrijving: Een bijdrage.\n"
        "    gemeenten: [haarlem]\n", encoding="utf-8")
    assert "regelingen(" not in "".join(p.read_text(encoding="utf-8")
                                         for p in (repo / "docs/iasz").rglob("*.md"))
    run = run_cli("-C", str(repo), "check")
    assert run.code == 1
    assert "FOUT data/iasz/2024/regelingen.yaml:3: onbekende-gemeente: Bijdrage sport: " \
           "gemeente 'haarlem' hoort niet bij IASZ (gemeenten: bloemendaal, heemstede)" \
           in run.out


def test_indicators_are_checked_against_the_organisation_without_a_page(repo: Path) -> None:
    """Deventer has one gemeente and no page that shows indicators: the IASZ file there
    names a gemeente that is not Deventer's."""
    (repo / "data/deventer/2021/indicatoren.yaml").write_bytes(
        (repo / "data/iasz/2024/indicatoren.yaml").read_bytes())
    run = run_cli("-C", str(repo), "check")
    assert run.code == 1
    assert "data/deventer/2021/indicatoren.yaml:43: onbekende-gemeente: " in run.out
    assert "gemeente 'bloemendaal' hoort niet bij Deventer" in run.out


def test_the_nota_is_checked_against_its_document_without_the_macro(repo: Path) -> None:
    for page in ("docs/deventer/2021/uitvoeringsplan.md", "docs/handleiding/uitvoeringsplan.md"):
        _replace(repo / page, "{{ nota() }}", "")
    _replace(repo / "data/deventer/2021/nota.yaml", "besluit:\n  datum: 2021-01-26",
             "besluit:\n  datum: 2021-01-27")
    run = run_cli("-C", str(repo), "check")
    assert run.code == 1
    assert "FOUT data/deventer/2021/nota.yaml:29: besluit-verschilt: besluitdatum 27-01-2021 " \
           "verschilt van het besluit in docs/deventer/2021/uitvoeringsplan.md" in run.out
