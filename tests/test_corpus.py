"""scripts/make_corpus.py: a deterministic scale corpus that passes `pcdocs check --strict`,
and never lands in a repository's docs/ or data/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import ROOT, corpus_generator, run_cli

DOCS = ("jaarplan", "meerjarenbeleidsplan", "uitvoeringsplan", "voortgangsrapportage")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "n2"
    assert corpus_generator()(["2", "--uit", str(out)]) == 0
    return out


def test_same_n_and_seed_give_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert corpus_generator()(["2", "--uit", str(again)]) == 0
    assert _tree(again) == _tree(corpus)
    # an earlier corpus (it carries the marker) is replaced whole, with the same result
    (again / "site").mkdir()
    (again / "site" / "stale.html").write_text("oud", encoding="utf-8")
    assert corpus_generator()(["2", "--uit", str(again)]) == 0
    assert _tree(again) == _tree(corpus)


def test_another_seed_gives_other_organisations(corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert corpus_generator()(["2", "--uit", str(other), "--seed", "2"]) == 0
    assert sorted(p.name for p in (other / "data").iterdir()) != sorted(
        p.name for p in (corpus / "data").iterdir())


def test_every_organisation_has_four_documents(corpus: Path) -> None:
    orgs = sorted(p.name for p in (corpus / "data").iterdir())
    assert len(orgs) == 2
    for org in orgs:
        assert (corpus / "data" / org / "organisatie.yaml").is_file()
        found = sorted(p.stem for p in (corpus / "docs" / org).glob("*/*.md"))
        assert found == sorted(DOCS)
    assert (corpus / "mkdocs.yml").is_file() and (corpus / "macros" / "__init__.py").is_file()
    assert (corpus / "docs" / "assets" / "pcdocs.css").is_file()
    assert not (corpus / "docs" / "handleiding").exists()
    assert "fictief" in (corpus / "docs" / "index.md").read_text(encoding="utf-8") + "".join(
        (corpus / "data" / org / "organisatie.yaml").read_text(encoding="utf-8") for org in orgs)


def test_the_corpus_passes_the_strict_check(corpus: Path) -> None:
    run = run_cli("-C", str(corpus), "check", "--strict", "--format", "json")
    assert json.loads(run.out)["findings"] == []
    assert run.code == 0, run.err


@pytest.mark.parametrize("where", ["", "docs", "data", "docs/nieuw", "data/org/2024"])
def test_refuses_a_repositorys_own_folders(tmp_path: Path, where: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "data").mkdir()
    (repo / "mkdocs.yml").write_text("site_name: echt\n", encoding="utf-8")
    before = _tree(repo)
    assert corpus_generator()(["2", "--uit", str(repo / where)]) == 2
    assert _tree(repo) == before
    assert "make_corpus:" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["docs", "data"])
def test_refuses_this_repositorys_docs_and_data(name: str) -> None:
    before = sorted(p.name for p in (ROOT / name).iterdir())
    assert corpus_generator()(["1", "--uit", str(ROOT / name)]) == 2
    assert sorted(p.name for p in (ROOT / name).iterdir()) == before


def test_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "notities.txt").write_text("van iemand anders", encoding="utf-8")
    assert corpus_generator()(["1", "--uit", str(tmp_path)]) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["notities.txt"]
