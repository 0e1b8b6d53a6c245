"""The one-document preview (`pcdocs serve <org>/<jaar>/<doc>`) reads its own organisation
only: its rebuild does not grow with the number of organisations in the repository."""

from __future__ import annotations

import builtins
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pcdocs.model.repository import Repository, organisation_of
from pcdocs.output.mkdocs_plugin import plugin_of
from pcdocs.output.session import BuildSession

DOCUMENT = "iasz/2024/jaarplan"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every file opened while the test runs (open(), Path.read_text/read_bytes)."""
    paths: list[Path] = []
    real_open = builtins.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | Path):
            paths.append(Path(file).resolve())
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    yield paths


def _preview(repo: Path, out: Path) -> BuildSession:
    """Build the preview of DOCUMENT into `out`; its session."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(out))
    plugin = plugin_of(config)
    plugin.preview(DOCUMENT)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    assert plugin.session is not None
    return plugin.session


def _under(paths: list[Path], folder: Path) -> list[Path]:
    return [p for p in paths if p.is_relative_to(folder.resolve())]


def test_the_preview_reads_no_other_organisation(repo: Path, tmp_path: Path,
                                                 opened: list[Path]) -> None:
    _preview(repo, tmp_path / "voorbeeld")
    assert (tmp_path / "voorbeeld" / DOCUMENT / "index.html").is_file()
    others = [p for p in (repo / "data").iterdir() if p.is_dir() and p.name != "iasz"]
    assert len(others) == 4
    for other in others:
        assert not _under(opened, other), other.name
        assert not _under(opened, repo / "docs" / other.name), other.name
    # what it needs it did read: the page, its organisation and its data
    assert repo.joinpath("docs", f"{DOCUMENT}.md").resolve() in opened
    assert repo.joinpath("data", "iasz", "organisatie.yaml").resolve() in opened
    assert _under(opened, repo / "data" / "iasz" / "2024")


def test_the_preview_session_knows_its_organisation_only(repo: Path, tmp_path: Path) -> None:
    active = _preview(repo, tmp_path / "voorbeeld")
    assert active.only == DOCUMENT
    assert active.repo.scope == "iasz"
    assert list(active.repo.organisations) == ["iasz"]
    assert {d.ref.org for d in active.repo.documents.values()} == {"iasz"}
    # the whole repository is still read for a full build
    assert len(Repository(repo).organisations) == 5


@pytest.mark.parametrize(("name", "org"), [
    ("iasz/2024/jaarplan", "iasz"), ("isd-bol/2023/x", "isd-bol"), ("iasz", "iasz"),
    ("", None), ("../x/2024/y", None), (".verborgen/2024/x", None), ("*/2024/jaarplan", None)])
def test_organisation_of(name: str, org: str | None) -> None:
    assert organisation_of(name) == org
