"""`pcdocs serve <document>`: the live preview builds that one document's page only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pcdocs.output.mkdocs_plugin import plugin_of
from tests.conftest import run_cli


@pytest.fixture
def preview_of_iasz(repo: Path) -> Iterator[Path]:
    yield repo


def test_the_preview_of_one_document_builds_its_page_alone(preview_of_iasz: Path,
                                                           tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path / "voorbeeld"
    config = load_config(config_file=str(preview_of_iasz / "mkdocs.yml"), site_dir=str(out))
    plugin_of(config).preview("iasz/2024/jaarplan")
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


# -- what `pcdocs serve` watches ------------------------------------------------------------

def test_the_preview_of_a_document_watches_its_organisation_only(repo: Path) -> None:
    from pcdocs.commands.preview import POLL_DOCUMENT, POLL_SITE, plan

    one = plan(repo, "iasz/2024/jaarplan/")
    assert one.document == "iasz/2024/jaarplan"
    assert [p.relative_to(repo).as_posix() for p in one.watched] == [
        "docs/iasz", "data/iasz", "docs/assets", "mkdocs.yml"]
    assert one.poll == POLL_DOCUMENT < POLL_SITE
    whole = plan(repo)
    assert whole.document is None and whole.poll == POLL_SITE
    assert [p.relative_to(repo).as_posix() for p in whole.watched] == [
        "docs", "data", "mkdocs.yml"]


def test_the_preview_watches_the_data_folder_its_front_matter_names(repo: Path) -> None:
    from pcdocs.commands.preview import plan

    page = repo / "docs/iasz/2024/jaarplan.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "---\n", "---\ndata: szmh/2024\n", 1), encoding="utf-8")
    watched = [p.relative_to(repo).as_posix() for p in plan(repo, "iasz/2024/jaarplan").watched]
    assert watched == ["docs/iasz", "data/iasz", "data/szmh", "docs/assets", "mkdocs.yml"]


# -- the theme kept between rebuilds --------------------------------------------------------

def _build_preview(repo: Path, out: Path, memory: object | None) -> str:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from pcdocs.commands.preview import ThemeMemory

    config = load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(out))
    if isinstance(memory, ThemeMemory):
        memory.attach(config)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    return (out / "iasz/2024/jaarplan/index.html").read_text(encoding="utf-8")


def test_the_theme_is_listed_once_and_the_pages_stay_the_same(
        preview_of_iasz: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    from pcdocs.commands.preview import ThemeMemory

    listed: list[object] = []
    real = jinja2.FileSystemLoader.list_templates

    def spy(self: jinja2.FileSystemLoader) -> list[str]:
        listed.append(self)
        return real(self)

    monkeypatch.setattr(jinja2.FileSystemLoader, "list_templates", spy)
    plain = _build_preview(preview_of_iasz, tmp_path / "gewoon", None)
    assert len(listed) == 1  # MkDocs lists the theme at every build
    memory = ThemeMemory()
    first = _build_preview(preview_of_iasz, tmp_path / "een", memory)
    second = _build_preview(preview_of_iasz, tmp_path / "twee", memory)
    assert len(listed) == 2  # the session's two builds listed it once
    assert memory.bytecode.code  # and compiled the templates once
    assert first == second == plain
    static = sorted(p.relative_to(tmp_path / "twee").as_posix()
                    for p in (tmp_path / "twee").rglob("*") if p.is_file())
    assert static == sorted(p.relative_to(tmp_path / "gewoon").as_posix()
                            for p in (tmp_path / "gewoon").rglob("*") if p.is_file())
    assert "assets/javascripts/bundle" in " ".join(static)


# -- the live loop, end to end --------------------------------------------------------------

def _get(url: str) -> str:
    import urllib.request

    with urllib.request.urlopen(url, timeout=5) as answer:
        return str(answer.read().decode("utf-8"))


def _wait_for(url: str, shown: Callable[[str], bool], server: Any, log: Path) -> str:
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(encoding="utf-8")
        try:
            page = _get(url)
            if shown(page):
                return page
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"de pagina toonde de wijziging niet:\n{log.read_text('utf-8')}")


def test_a_saved_data_file_is_on_the_page_and_other_organisations_are_not_watched(
        repo: Path, tmp_path: Path) -> None:
    import os
    import re
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/iasz/2024/jaarplan/"
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "pcdocs", "-C", str(repo), "serve", "iasz/2024/jaarplan",
               "--adres", f"127.0.0.1:{port}"]
    scratch = tmp_path / "tmp"  # where the preview keeps its site while it runs
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    with log.open("wb") as sink:
        server = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=env)
        try:
            first = _wait_for(url, lambda page: "pc-cijfer" in page, server, log)
            assert "/livereload/" in first  # the browser is told to reload
            span = 'data-source="data/iasz/2024/formatie.yaml:13"[^>]*>{}</span>'
            assert re.search(span.format(32), first)
            data = repo / "data/iasz/2024/formatie.yaml"
            data.write_text(data.read_text(encoding="utf-8").replace(
                "vrouwen: 32", "vrouwen: 33"), encoding="utf-8")
            _wait_for(url, lambda page: re.search(span.format(33), page) is not None,
                      server, log)
            builds = log.read_text(encoding="utf-8").count("Documentation built")
            assert builds == 2
            other = repo / "data/szmh/organisatie.yaml"
            other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            time.sleep(1.5)  # ten looks at the watched files
            assert log.read_text(encoding="utf-8").count("Documentation built") == builds
            assert [p.name[:17] for p in scratch.iterdir()] == ["pcdocs-voorbeeld-"]
        finally:
            server.send_signal(signal.SIGTERM)  # as a process manager stops it (or Ctrl+C)
            code = server.wait(timeout=30)
    assert code == 0, log.read_text(encoding="utf-8")
    assert "Traceback" not in log.read_text(encoding="utf-8")
    assert "Voorbeeld gestopt." in log.read_text(encoding="utf-8")
    assert not list(scratch.iterdir())  # the temporary site is removed
