"""Versions: comparing git revisions from the command line, publishing (frozen, never
overwritten), the series pages and the comparison page in the built site."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from .conftest import Built, copy_example, run_cli

SERIES = "iasz/jaarplan/"
COMPARISON = "iasz/jaarplan/vergelijking/2024-1.0_2025-0.3/index.html"


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True, env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                                           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL":
                                           "t@x", "HOME": str(root), "PATH": "/usr/bin:/bin"})
    return done.stdout


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A git repository with two commits: the example, then a changed norm and paragraph."""
    (tmp_path / "repo").mkdir()
    root = copy_example(tmp_path / "repo")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "voorbeeld")
    data = root / "data/iasz/2024/indicatoren.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "normen: {2023: 2, 2024: 2}", "normen: {2023: 2, 2024: 3}"), encoding="utf-8")
    doc = root / "docs/iasz/2024/jaarplan.md"
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        "{{ vorig_jaar }} is wederom een bewogen jaar geweest.",
        "{{ vorig_jaar }} is opnieuw een bewogen jaar geweest."), encoding="utf-8")
    git(root, "commit", "-qam", "norm en tekst")
    return root


def test_compare_two_git_revisions_as_json(history: Path) -> None:
    run = run_cli("-C", str(history), "compare", "iasz/2024/jaarplan@HEAD~1",
                  "iasz/2024/jaarplan@HEAD", "--format", "json")
    assert run.code == 0, run.err
    result = json.loads(run.out)
    assert set(result) == {"summary", "changes", "text"}
    [change] = [c for c in result["changes"] if c["kind"] == "norm-gewijzigd"]
    assert (change["block"], change["key"], change["old"], change["new"]) == (
        "indicatoren", "bestuur-pho-overleg.norm.2024", 2, 3)
    assert "van 2 naar 3" in change["message"]
    assert result["summary"]["by_kind"]["norm-gewijzigd"] == 1
    assert len(result["summary"]["old"]["revision"]) == 40
    changed = {t["section"]: t for t in result["text"] if t["status"] != "ongewijzigd"}
    # the reworded paragraph, and the section whose text shows the changed norm
    assert set(changed) == {"Voorwoord › Terugblik op 2023",
                            "Verantwoordingsplan 2024 › Bestuursindicatoren"}
    assert "[-wederom-] {+opnieuw+}" in changed["Voorwoord › Terugblik op 2023"]["redline"]


def test_compare_work_tree_with_revision_in_dutch_text(history: Path) -> None:
    run = run_cli("-C", str(history), "compare", "iasz/2024/jaarplan@HEAD~1",
                  "iasz/2024/jaarplan")
    assert run.code == 0, run.err
    assert "Cijfers: 1 wijziging(en) (1 norm gewijzigd)" in run.out
    assert "[gewijzigd] Voorwoord › Terugblik op 2023 (+1 −1 woorden)" in run.out
    assert "[gewijzigd] Verantwoordingsplan 2024 › Bestuursindicatoren" in run.out


@pytest.mark.parametrize(("args", "code", "message"), [
    (("iasz/2024/jaarplan@geenrevisie", "iasz/2024/jaarplan"), 2,
     "'geenrevisie' is geen gepubliceerde versie van iasz/2024/jaarplan en geen git-revisie"),
    (("iasz/2024/jaarplam", "iasz/2024/jaarplan"), 2, "bedoelde u 'iasz/2024/jaarplan'?"),
    (("iasz/2024", "iasz/2024/jaarplan"), 2, "'iasz/2024' is geen documentnaam"),
    (("iasz/2024/jaarplan:haarlem", "iasz/2024/jaarplan"), 2, "heeft geen editie 'haarlem'"),
])
def test_compare_mistakes_are_named(history: Path, args: tuple[str, str], code: int,
                                    message: str) -> None:
    run = run_cli("-C", str(history), "compare", *args)
    assert run.code == code and message in run.err and "Traceback" not in run.err


def test_publish_refuses_a_dirty_tree_a_concept_and_a_second_time(history: Path) -> None:
    (history / "docs/notitie.md").write_text("# Notitie\n", encoding="utf-8")
    run = run_cli("-C", str(history), "publish", "iasz/2025/jaarplan", "--vrijgeven")
    assert run.code == 2 and "niet zijn vastgelegd: docs/notitie.md" in run.err
    (history / "docs/notitie.md").unlink()
    run = run_cli("-C", str(history), "publish", "iasz/2025/jaarplan")
    assert run.code == 2 and "is een concept" in run.err and "--vrijgeven" in run.err
    run = run_cli("-C", str(history), "publish", "iasz/2024/jaarplan")  # archief/ has 1.0
    assert run.code == 1 and "versie 1.0 van iasz/2024/jaarplan is al gepubliceerd" in run.err
    assert not list((history / "archief/iasz/2025").glob("*")) if (
        history / "archief/iasz/2025").exists() else True


def test_a_changed_published_file_fails_the_build(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    frozen = root / "archief/iasz/2024/jaarplan/1.0/site/index.html"
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("38,09", "39,09"),
                      encoding="utf-8")
    (root / "site").mkdir()
    (root / "site/oud.txt").write_text("vorige site", encoding="utf-8")
    run = run_cli("-C", str(root), "build", "--geen-pdf")
    assert run.code == 1
    assert "archief/iasz/2024/jaarplan/1.0/site/index.html" in run.err
    assert "archief-gewijzigd" in run.err and "sha256" in run.err
    assert (root / "site/oud.txt").read_text(encoding="utf-8") == "vorige site"


def test_series_page_selector_and_latest_adopted(built: Built) -> None:
    page = built.page(SERIES + "index.html")
    links = [a.get_text() for a in page.select("table a")]
    assert links == ["Jaarplan 2025 (fictief voorbeeld)", "Jaarplan 2024", "Jaarplan 2024"]
    latest = (built.site / SERIES / "laatst-vastgesteld/index.html").read_text("utf-8")
    assert 'url=../../2024/jaarplan/versie/1.0/"' in latest  # the frozen adopted version
    doc = built.page("iasz/2025/jaarplan/index.html")
    selector = doc.select_one("details.pc-versies")
    assert selector is not None
    options = [a.get_text() for a in selector.select("li a")]
    assert options[:3] == ["2025 · versie 0.3 (concept)", "2024 · versie 1.0 (vastgesteld)",
                           "2024 · versie 1.0 (vastgesteld, gepubliceerd)"]
    assert [a["href"] for a in selector.select("li a")][1:3] == [
        "../../2024/jaarplan/", "../../2024/jaarplan/versie/1.0/"]
    compare = doc.select_one(".pc-kop__vergelijk a")
    assert compare is not None
    assert compare["href"] == "../../jaarplan/vergelijking/2024-1.0_2025-0.3/"


def test_comparison_page_shows_the_records(built: Built) -> None:
    page = built.page(COMPARISON)
    title = page.select_one("h1")
    assert title is not None  # (long words carry soft hyphens)
    assert title.get_text().replace("\xad", "").startswith("Vergelijking Jaarplan 2024")
    rows = {tuple(cell.get_text(" ", strip=True) for cell in tr.select("th, td"))[:3]
            for tr in page.select(".pc-wijzigingen tbody tr")}
    assert ("Norm gewijzigd", "lo-4wk.norm.2025", "50%") in rows
    assert ("Indicator toegevoegd", "nazorg-uitstroom", "–") in rows
    assert ("Status omgeslagen", "bb-3wk.status.2024.minimabeleid", "behaald") in rows
    moved = [h.get_text() for h in page.select("h3") if "Nazorg" in h.get_text()]
    assert moved, "the moved section Nazorg is listed"
    assert page.select("p.pc-redline del") and page.select("p.pc-redline ins")
    manifest = json.loads((built.site / "manifest.json").read_text(encoding="utf-8"))
    [entry] = [c for c in manifest["comparisons"] if c["org"] == "iasz"]
    assert entry["old"] == "iasz/2024/jaarplan@1.0" and entry["html"] == COMPARISON
    isd = built.page("isd-bol/meerjarenbeleidsplan/vergelijking/2023-0.4_2023-1.0/index.html")
    cells = isd.select(".pc-wijzigingen tbody tr > :nth-child(2)")
    keys = [td.get_text(strip=True) for td in cells]
    assert "bijdrage-eigen-risico-zorgverzekering.landgraaf" in keys


def test_comparison_pdf_carries_its_records_as_json(built: Built) -> None:
    """The comparison's PDF: its cover says what it is and what is attached; the attachment
    and the JSON download next to the page are the records `compare --format json` gives."""
    manifest = json.loads((built.site / "manifest.json").read_text(encoding="utf-8"))
    [entry] = [c for c in manifest["comparisons"] if c["org"] == "iasz"]
    name = "vergelijking-iasz-jaarplan-2024-1.0_2025-0.3.json"
    page = built.page(COMPARISON)
    link = page.select_one(f'.pc-vergelijking__pdf a[href="{name}"]')
    assert link is not None and "JSON" in link.get_text()
    records = json.loads((built.site / COMPARISON).with_name(name).read_text(encoding="utf-8"))
    assert set(records) >= {"summary", "changes", "text"}
    assert len(records["changes"]) == entry["figure_changes"]
    attached = PdfReader(str(built.site / entry["pdf"])).attachments
    assert list(attached) == [name]
    assert json.loads(attached[name][0]) == records
    with pdfplumber.open(built.site / entry["pdf"]) as pdf:
        cover = pdf.pages[0].extract_text() or ""
    assert "0 bestanden" not in cover
    assert name in cover.replace("\n", "")
