"""`pcdocs -C <relative folder> build` (as the scale corpus is built: `-C .corpus/n10`): the
repository's root is absolute, because MkDocs reads a relative site_dir from the folder of
mkdocs.yml (the build wrote into `.corpus/n10/.corpus/n10/site.bouw-…` and then failed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pcdocs.model.repository import Repository


def test_a_relative_folder_gives_an_absolute_root(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / ".corpus" / "n1"
    (corpus / "docs").mkdir(parents=True)
    (corpus / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    repo = Repository.find(Path(".corpus/n1"))
    assert repo.root == corpus
    assert repo.root.is_absolute()
    assert Repository.find(Path(".corpus/n1/docs")).root == corpus
