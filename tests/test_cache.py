"""The build cache: a rebuild without changes renders and parses nothing again; a changed
data file re-renders exactly the PDFs that use it; a new chart style or a new version of
pcdocs re-renders every chart."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pcdocs.commands.build import BuildResult, build
from pcdocs.render import charts
from pcdocs.support import cache
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def iasz(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """IASZ alone (jaarplan 2024 and 2025, each with two editions): a small repository."""
    yield copy_iasz(tmp_path_factory.mktemp("iasz"), "iasz")


def copy_iasz(root: Path, pages: str) -> Path:
    """The example's IASZ data and the pages under docs/<pages>, without the archive."""
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "macros", root / "macros",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data/iasz", root / "data/iasz")
    shutil.copytree(ROOT / "docs/assets", root / "docs/assets")
    shutil.copytree(ROOT / "docs" / pages, root / "docs" / pages)
    shutil.copy2(ROOT / "docs/index.md", root / "docs/index.md")
    return root


def rendered(result: BuildResult) -> set[str]:
    """The PDFs WeasyPrint made in this build (the others came from the cache)."""
    assert result.session is not None
    return {r.name for r in result.session.pdf_results if r.seconds > 0}


def test_a_changed_data_file_renders_exactly_the_pdfs_that_use_it(iasz: Path) -> None:
    cold = build(iasz)
    assert cold.session is not None
    everything = {r.name for r in cold.session.pdf_results}
    assert rendered(cold) == everything and len(everything) >= 6
    first = {r.name: r.sha256 for r in cold.session.pdf_results}

    again = build(iasz)
    assert again.session is not None
    assert rendered(again) == set()
    disk = again.session.disk
    assert disk.misses["pdf"] == 0 and disk.hits["pdf"] == len(everything)
    assert disk.misses["gegevens"] == 0 and disk.hits["gegevens"] > 0
    assert disk.misses["grafieken"] == 0 and disk.hits["grafieken"] > 0
    assert not disk.repaired  # every entry verified (tests/test_safety_cache.py: when not)
    # a PDF from the cache is the PDF WeasyPrint made
    assert {r.name: r.sha256 for r in again.session.pdf_results} == first

    staff = iasz / "data/iasz/2025/formatie.yaml"
    staff.write_text(staff.read_text(encoding="utf-8").replace("  mannen: 11", "  mannen: 12"),
                     encoding="utf-8")
    changed = build(iasz)
    assert changed.session is not None
    # the 2025 plan and its editions show the staff; the comparison with 2024 counts them
    uses_2025 = {n for n in everything if n.startswith(("iasz/2025/jaarplan", "vergelijking:"))}
    assert len(uses_2025) == 4
    assert rendered(changed) == uses_2025
    assert changed.session.disk.misses["gegevens"] == 1  # only the changed file is parsed

    # a comment moves the lines the 2025 pages cite (data-source), not the comparison
    staff.write_text("# een opmerking erbij\n" + staff.read_text(encoding="utf-8"),
                     encoding="utf-8")
    commented = build(iasz)
    assert rendered(commented) == uses_2025 - {n for n in uses_2025 if "vergelijking" in n}


def test_a_new_chart_style_renders_every_chart_again(iasz: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    build(iasz, pdf=False)
    monkeypatch.setattr(charts, "STYLE_VERSION", charts.STYLE_VERSION + "-nieuw")
    restyled = build(iasz, pdf=False)
    assert restyled.session is not None
    disk = restyled.session.disk
    assert disk.hits["grafieken"] == 0 and disk.misses["grafieken"] > 0
    assert disk.misses["gegevens"] == 0  # the data is still parsed from the cache


def test_a_new_version_of_pcdocs_renders_and_parses_everything_again(
        iasz: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(iasz, pdf=False)
    monkeypatch.setattr(cache, "code_version", lambda: "een andere versie")
    fresh = build(iasz, pdf=False)
    assert fresh.session is not None
    disk = fresh.session.disk
    assert disk.hits["gegevens"] == 0 and disk.hits["grafieken"] == 0


def copy_iasz_2024(root: Path) -> Path:
    """The IASZ jaarplan 2024 alone, without its archive (a fast build)."""
    root.mkdir(parents=True, exist_ok=True)
    return copy_iasz(root, "iasz/2024")


def test_without_the_cache_nothing_is_read_or_written(tmp_path: Path) -> None:
    root = copy_iasz_2024(tmp_path / "kopie")
    result = build(root, pdf=False, use_cache=False)
    assert result.session is not None and not result.session.disk.enabled
    assert not (root / cache.FOLDER).exists()
