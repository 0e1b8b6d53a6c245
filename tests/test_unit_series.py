"""Unit tests of the site's glue without a build: series and their links (`series`), the
redline of a comparison (`compare.render`), the MkDocs plugin as MkDocs finds it
(`mkdocs_plugin`) and `python -m pcdocs` (`__main__`)."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from types import SimpleNamespace
from typing import Any

import pytest

from pcdocs.compare import render
from pcdocs.compare.model import TextChange
from pcdocs.model.repository import Repository
from pcdocs.output import mkdocs_plugin, series
from pcdocs.render import hyphenate

from .conftest import ROOT


def entry(year: int, version: str, status: str = "vastgesteld",
          archived: bool = False) -> series.Entry:
    return series.Entry("iasz", "jaarplan", year, version, status, f"Jaarplan {year}", archived,
                        f"iasz/{year}/jaarplan/" + (f"versie/{version}/" if archived else ""))


def test_the_example_series_are_ordered_oldest_first() -> None:
    found = series.all_series(Repository.find(ROOT))
    iasz = found[("iasz", "jaarplan")]
    assert iasz == sorted(iasz, key=series.Entry.key)
    assert any(e.archived for e in iasz) and any(not e.archived for e in iasz)
    assert {2024, 2025} <= {e.year for e in iasz}
    latest = series.latest_adopted(iasz)
    assert latest is not None and latest.status == "vastgesteld"


def test_a_frozen_copy_stands_for_the_live_document_of_its_version() -> None:
    frozen, live, concept = entry(2024, "1.0", archived=True), entry(2024, "1.0"), \
        entry(2025, "0.3", "concept")
    entries = sorted([live, concept, frozen, entry(2024, "0.9", "concept", archived=True)],
                     key=series.Entry.key)
    assert [e.ref for e in series.chain(entries)] == [
        "iasz/2024/jaarplan@0.9", "iasz/2024/jaarplan@1.0", "iasz/2025/jaarplan"]
    pairs = series.comparisons(entries)
    assert [(a.slug, b.slug) for a, b in pairs] == [("2024-0.9", "2024-1.0"),
                                                    ("2024-1.0", "2025-0.3")]
    assert series.latest_adopted(entries) == frozen  # the concept of 2025 is not adopted
    assert series.comparison_url(*pairs[1]) == "iasz/jaarplan/vergelijking/2024-1.0_2025-0.3/"


def test_links_between_page_folders_are_relative() -> None:
    assert series.relative("iasz/2024/jaarplan/", "iasz/jaarplan/") == "../../jaarplan/"
    assert series.relative("iasz/2024/jaarplan/", "iasz/2024/jaarplan/") == "./"
    assert series.relative("", "iasz/jaarplan/") == "iasz/jaarplan/"


def test_the_selector_marks_the_current_version_and_links_the_others() -> None:
    entries = [entry(2024, "1.0"), entry(2025, "0.3", "concept")]
    shown = str(series.selector(entries, entries[1], entries[1].url))
    assert '<a href="./" aria-current="page">2025 · versie 0.3 (concept)</a>' in shown
    assert '<a href="../../2024/jaarplan/">2024 · versie 1.0 (vastgesteld)</a>' in shown
    assert "../../jaarplan/laatst-vastgesteld/" in shown
    links = str(series.comparison_links(entries, entries[0], entries[0].url))
    assert "met de volgende (2025, versie 0.3)" in links
    assert "../../jaarplan/vergelijking/2024-1.0_2025-0.3/" in links


def test_a_redline_marks_deleted_and_inserted_words_and_shortens_the_rest() -> None:
    same = " ".join(f"w{i}" for i in range(40))
    change = TextChange("Inleiding", "gewijzigd", "Inleiding", "Inleiding", True, False, 1, 1,
                        (("=", same), ("-", "oud <b>"), ("+", "nieuw"), ("=", same)))
    shown = str(render.redline_html(change))
    assert "<del>oud &lt;b&gt;</del> <ins>nieuw</ins>" in shown
    assert shown.startswith("… w28 ") and shown.endswith(" w11 …")
    assert render.kind_label("nieuwe-regel") == "Nieuwe regel"


def test_mkdocs_finds_the_plugin_by_its_name() -> None:
    (found,) = [e for e in entry_points(group="mkdocs.plugins") if e.name == "pcdocs"]
    assert found.load() is mkdocs_plugin.PcdocsPlugin


def test_the_plugin_hyphenates_headings_after_search_has_read_the_page() -> None:
    plugin = mkdocs_plugin.PcdocsPlugin()
    page: Any = SimpleNamespace(content="<p>x</p>")
    config: Any = None  # the hook does not read the configuration
    out = plugin.on_post_page("<h1>Voortgangsrapportage</h1>", page=page, config=config)
    assert out == "<h1>" + hyphenate.word("Voortgangsrapportage") + "</h1>"
    assert hyphenate.SHY in out and page.content is None


def test_python_m_pcdocs_is_the_command() -> None:
    done = subprocess.run([sys.executable, "-m", "pcdocs", "--version"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.startswith("pcdocs "), done.stderr
    wrong = subprocess.run([sys.executable, "-m", "pcdocs", "bestaat-niet"], capture_output=True,
                           text=True, timeout=60, check=False)
    assert wrong.returncode == 2 and wrong.stderr


def test_importing_pcdocs_main_runs_the_command(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["pcdocs", "--version"])
    with pytest.raises(SystemExit) as done:
        import pcdocs.__main__  # noqa: F401
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("pcdocs ")
