"""`pcdocs serve <document>`: the live preview builds that one document's page only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pcdocs import session
from tests.conftest import run_cli


@pytest.fixture
def preview_of_iasz(repo: Path) -> Iterator[Path]:
    session.preview_only = "iasz/2024/jaarplan"
    try:
        yield repo
    finally:
        session.preview_only = None


def test_the_preview_of_one_document_builds_its_page_alone(preview_of_iasz: Path,
                                                           tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path / "voorbeeld"
    config = load_config(config_file=str(preview_of_iasz / "mkdocs.yml"), site_dir=str(out))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html"))
    assert pages == ["iasz/2024/jaarplan/index.html"]
    html = (out / "iasz/2024/jaarplan/index.html").read_text(encoding="utf-8")
    assert 'class="pc-cijfer' in html  # the macros ran
    assert not list(out.rglob("*.pdf"))  # the preview makes no PDFs


def test_serve_names_an_unknown_document(repo: Path) -> None:
    run = run_cli("-C", str(repo), "serve", "iasz/2024/jaarpaln")
    assert run.code == 2
    assert "onbekend-document: document 'iasz/2024/jaarpaln' bestaat niet" in run.err
    assert "bedoelde u 'iasz/2024/jaarplan'?" in run.err
