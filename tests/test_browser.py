"""The built site in a real browser: Playwright drives Debian's chromium over the example site
served on 127.0.0.1, a reader clicks through it and searches it in Dutch, and axe-core scans
every page visited against WCAG 2.1 A/AA: no serious or critical violation is allowed.

No browser is downloaded: the test uses the `chromium` on the PATH (scripts/system_deps.sh
installs Debian's package) and fails, not skips, when there is none. axe-core's script comes
from the axe-playwright-python package. A test starts from the portal (`page.goto("/")`) or a
helper that clicks through it, and ends with `assert_accessible(page)`.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import Built, copy_example
from tests.test_safety_loop import LINE, PAGE, SOURCE, Preview, edit, is_document

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
TIMEOUT_MS = 15_000
expect.set_options(timeout=TIMEOUT_MS)


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "Geen chromium gevonden voor de browsertests / no chromium found for the browser "
        "tests. Installeer Debian's chromium / install it: `sudo apt-get install chromium "
        "fonts-liberation` (scripts/system_deps.sh doet dat als root / does so as root). "
        "Playwright downloadt geen browser / Playwright downloads no browser.",
        pytrace=False)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built: Built) -> Iterator[str]:
    """The example site (built once, with its PDFs) on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(built.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless chromium for the module. Its sandbox stays on, except as root, where
    chromium refuses to start with it."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=executable, headless=True,
                chromium_sandbox=os.geteuid() != 0)
        except PlaywrightError as error:
            failure = error.message
        else:
            yield launched
            launched.close()
            return
    pytest.fail(f"{executable} start niet / does not start: {failure}", pytrace=False)


@pytest.fixture
def page(browser: Browser, site_url: str) -> Iterator[Page]:
    """A fresh tab in Dutch on a desktop-sized window; `page.goto("/")` opens the portal."""
    context = browser.new_context(base_url=site_url, locale="nl-NL",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@functools.cache
def axe_source() -> str:
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def assert_accessible(page: Page) -> None:
    """axe-core on the page as it is now (WCAG 2.1 A and AA): no serious or critical
    violation; the message names each rule, its impact and help, and where it fails."""
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, violation_report(page.url, blocking)


def violation_report(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core: {len(violations)} ernstige toegankelijkheidsfout(en) op {url}"]
    for v in violations:
        nodes = v["nodes"]
        targets = ["; ".join(" ".join(part) if isinstance(part, list) else str(part)
                             for part in node["target"]) for node in nodes[:3]]
        more = f" (+{len(nodes) - 3} meer)" if len(nodes) > 3 else ""
        lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        lines.append(f"    waar: {' | '.join(targets)}{more}")
        summary = (nodes[0].get("failureSummary") or "").replace("\n", " ").strip()
        if summary:
            lines.append(f"    eerste: {summary}")
    return "\n".join(lines)


def open_document(page: Page, organisation: str, title: str) -> None:
    """From the portal, by the link texts a reader sees: the organisation's table of
    documents, then the document's title."""
    page.goto("/")
    documents = page.get_by_role("region", name=f"Documenten van {organisation}")
    documents.get_by_role("link", name=title, exact=True).click()
    expect(page.locator("header.pc-kop h1")).to_have_text(title)


def test_portal_lists_organisations_and_documents(page: Page) -> None:
    page.goto("/")
    expect(page).to_have_title(re.compile("P&C-documenten"))
    for organisation, document in [("IASZ", "Jaarplan 2024"), ("SZMH", "Jaarplan 2019"),
                                   ("Deventer", "Uitvoeringsplan 2021 programma 7")]:
        documents = page.get_by_role("region", name=f"Documenten van {organisation}")
        expect(documents.get_by_role("link", name=document, exact=True)).to_be_visible()
    expect(page.locator(".pc-portaal__telling")).to_contain_text("organisaties")
    assert_accessible(page)


def test_organisation_page(page: Page) -> None:
    page.goto("/")
    page.locator(".pc-org__naam").get_by_role("link", name="IASZ", exact=True).click()
    expect(page).to_have_url(re.compile(r"/iasz/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Intergemeentelijke Afdeling Sociale Zaken")
    expect(page.get_by_role("link", name="Jaarplan 2024", exact=True).first).to_be_visible()
    assert_accessible(page)


def test_document_page_from_the_portal(page: Page) -> None:
    page.goto("/")
    row = page.get_by_role("region", name="Documenten van IASZ").get_by_role("row").filter(
        has=page.get_by_role("link", name="Jaarplan 2024", exact=True))
    version = row.get_by_role("cell").nth(1).inner_text().strip()
    status = row.get_by_role("cell").nth(2).inner_text().strip()
    row.get_by_role("link", name="Jaarplan 2024", exact=True).click()

    header = page.locator("header.pc-kop")
    expect(header.get_by_role("heading", level=1)).to_have_text("Jaarplan 2024")
    expect(header.locator(".pc-kop__org")).to_contain_text("IASZ")
    meta = header.locator("dl.pc-kop__meta")
    expect(meta.locator("div", has_text="Versie").locator("dd")).to_have_text(version)
    expect(meta.locator("div", has_text="Status").locator("dd")).to_contain_text(status)
    expect(page).to_have_title(re.compile("Jaarplan 2024"))

    figure = page.locator(".pc-cijfer[data-source]").first
    expect(figure).to_be_visible()
    expect(figure).to_have_attribute("data-source", re.compile(r"^data/iasz/.+:\d+$"))
    chart = page.locator("figure.pc-grafiek img").first
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("alt", re.compile(r"\w"))
    expect(chart).to_have_js_property("complete", True)
    assert chart.evaluate("img => img.naturalWidth") > 0, "the chart's SVG did not load"
    assert_accessible(page)


def test_edition_from_the_document_header(page: Page) -> None:
    open_document(page, "IASZ", "Jaarplan 2024")
    editions = page.locator(".pc-kop__edities")
    expect(editions).to_contain_text("Per gemeente")
    editions.get_by_role("link", name="Bloemendaal", exact=True).click()

    expect(page).to_have_url(re.compile(r"/iasz/2024/jaarplan/bloemendaal/$"))
    header = page.locator("header.pc-kop")
    expect(header.locator("dl.pc-kop__meta")).to_contain_text("gemeente Bloemendaal")
    expect(page).to_have_title(re.compile("editie Bloemendaal"))
    expect(header.locator(".pc-kop__edities").get_by_role(
        "link", name="Jaarplan 2024", exact=True)).to_be_visible()
    assert_accessible(page)


def test_author_guide_page(page: Page) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Navigatie").first.get_by_role(
        "link", name="Handleiding voor auteurs").first.click()
    expect(page).to_have_url(re.compile(r"/handleiding/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".md-typeset pre code").first).to_be_visible()
    assert_accessible(page)


def search(page: Page, query: str) -> None:
    """Material's search by keyboard, as a reader does it: '/' focuses the box, then type."""
    page.keyboard.press("/")
    box = page.get_by_role("textbox", name="Zoeken")
    expect(box).to_be_focused()
    page.keyboard.type(query)
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"\d+ overeenkomende documenten?"))
    # the results are those of the whole word, not of a prefix typed on the way
    expect(page.locator(f'.md-search-result__link[href*="?h={quote_plus(query)}#"]').first
           ).to_be_attached()


def result_links(page: Page, path: str) -> Locator:
    """The search results that lead to `path` (relative to the site root)."""
    return page.locator(f'.md-search-result__link[href*="/{path}"]')


def test_search_in_dutch(page: Page) -> None:
    page.goto("/")
    search(page, "bijstandsuitkering")
    document = result_links(page, "iasz/2024/jaarplan/?h=")
    expect(document.first.locator("h1")).to_have_text("Jaarplan 2024")
    # a section of the document, with the word found marked ("bijstandsuitkeringen")
    section = result_links(page, "iasz/2024/jaarplan/?h=bijstandsuitkering#")
    expect(section.first.locator("mark").first).to_contain_text(
        re.compile("bijstandsuitkering", re.I))
    assert_accessible(page)  # the search dialog open, with its results

    section.first.click()
    expect(page).to_have_url(re.compile(r"/iasz/2024/jaarplan/\?h=bijstandsuitkering#"))
    expect(page.locator("header.pc-kop h1")).to_have_text("Jaarplan 2024")
    # search.highlight marks the word on the page too
    expect(page.locator(".md-content mark").first).to_contain_text(
        re.compile("bijstandsuitkering", re.I))


def test_search_finds_a_word_at_the_start_of_longer_ones(page: Page) -> None:
    """Material searches every word as a prefix: 'formatie' also finds 'formatieanalyse'.
    (Dutch stemming is off in Material's default search pipeline and cannot be relied on.)"""
    page.goto("/")
    search(page, "formatie")
    expect(result_links(page, "szmh/2019/jaarplan/?h=").first.locator("h1")).to_have_text(
        "Jaarplan 2019")
    expect(page.locator(".md-search-result mark", has_text=re.compile(
        "^formatieanalyse$", re.I)).first).to_be_visible()


def test_switch_year_with_the_selector_and_open_the_comparison(page: Page) -> None:
    """An auditor's path: last year's plan, the selector to this year's, then the comparison
    with the previous version; every step by what a reader sees and clicks."""
    open_document(page, "IASZ", "Jaarplan 2024")
    selector = page.locator("header.pc-kop details.pc-versies")
    expect(selector).to_contain_text("Jaar en versie: 2024")
    selector.locator("summary").click()
    expect(selector.locator('a[aria-current="page"]')).to_have_text(
        re.compile(r"^2024 · versie 1\.0 \(vastgesteld\)$"))
    # the frozen copy of the same version, as it was published
    expect(selector.get_by_role("link", name="2024 · versie 1.0 (vastgesteld, gepubliceerd)")
           ).to_be_visible()
    assert_accessible(page)  # the selector open
    selector.get_by_role("link", name=re.compile(r"^2025 · versie ")).click()

    expect(page).to_have_url(re.compile(r"/iasz/2025/jaarplan/$"))
    header = page.locator("header.pc-kop")
    expect(header.locator("h1")).to_contain_text("Jaarplan 2025")
    expect(header.locator("h1")).to_contain_text("fictief voorbeeld")
    expect(header.locator("details.pc-versies summary")).to_contain_text(
        "Jaar en versie: 2025")
    assert_accessible(page)

    header.locator(".pc-kop__vergelijk").get_by_role(
        "link", name=re.compile(r"^met de vorige \(2024, versie 1\.0\)$")).click()
    expect(page).to_have_url(re.compile(r"/iasz/jaarplan/vergelijking/2024-1\.0_2025-[\d.]+/$"))
    title = page.get_by_role("heading", level=1).evaluate(
        "e => e.textContent.replace(/\\u00ad/g, '')")  # (long words carry soft hyphens)
    assert re.search(r"Vergelijking Jaarplan 2024 \(versie 1\.0\) met Jaarplan 2025", title)
    summary = page.locator(".pc-samenvatting table")
    expect(summary.locator("caption")).to_contain_text(re.compile(r"Cijferwijzigingen per soort"
                                                                  r" \(\d+\)"))
    expect(summary.get_by_role("row").filter(has_text="Norm gewijzigd")).to_have_count(1)
    changes = page.locator(".pc-wijzigingen table").first
    expect(changes.locator("tbody tr").first).to_be_visible()
    expect(page.locator(".pc-redline ins").first).to_be_attached()
    assert_accessible(page)


# -- the live preview (pcdocs serve) in the browser -----------------------------------------
# An author's loop: the preview of a document is open, a save breaks the page, the page says
# so by itself (MkDocs' live reload), the next save fixes it and the page comes back.

@pytest.fixture
def preview_tab(browser: Browser, tmp_path: Path) -> Iterator[tuple[Page, Preview]]:
    """`pcdocs serve iasz/2024/jaarplan` on a copy of the example, its page open in a tab."""
    (tmp_path / "repo").mkdir()
    root = copy_example(tmp_path / "repo")
    running = Preview(root, tmp_path / "serve.log")
    context = browser.new_context(base_url=running.url, locale="nl-NL",
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(PREVIEW_TIMEOUT_MS)
    try:
        running.wait_for(is_document, "het document")
        tab = context.new_page()
        tab.goto(f"/{PAGE}")
        expect(tab.locator("header.pc-kop h1")).to_have_text("Jaarplan 2024")
        yield tab, running
    finally:
        context.close()
        running.stop()


PREVIEW_TIMEOUT_MS = 60_000  # a rebuild on a busy machine


def _save(root: Path, old: str, new: str) -> None:
    edit(root / SOURCE, old, new, LINE)


def test_preview_shows_a_macro_syntax_error_inline_and_recovers(
        preview_tab: tuple[Page, Preview]) -> None:
    tab, running = preview_tab
    _save(running.root, "{{ jaar }}", "{{ jaar + }}")
    failure = tab.locator(".md-content .admonition.failure")
    expect(failure).to_contain_text("Deze pagina bevat fouten", timeout=PREVIEW_TIMEOUT_MS)
    expect(failure).to_contain_text(f"{SOURCE}:{LINE}")
    expect(tab.locator("header.pc-kop h1")).to_have_text("Jaarplan 2024")  # on the page
    assert_accessible(tab)
    _save(running.root, "{{ jaar + }}", "{{ jaar }}")
    expect(failure).to_have_count(0, timeout=PREVIEW_TIMEOUT_MS)
    expect(tab.locator(".pc-cijfer[data-source]").first).to_be_visible()
    assert running.process.poll() is None
    assert_accessible(tab)


def test_preview_shows_a_macro_runtime_error_inline_and_recovers(
        preview_tab: tuple[Page, Preview]) -> None:
    """Needs the page rendering that turns a macro failing at run time into a failure
    admonition on the page itself (as syntax errors are): until that lands, the preview
    shows its own page naming the error (see the next test) and this test fails."""
    tab, running = preview_tab
    _save(running.root, "{{ jaar }}", "{{ jaar / 0 }}")
    failure = tab.locator(".md-content .admonition.failure")
    expect(failure).to_contain_text("Deze pagina bevat fouten", timeout=PREVIEW_TIMEOUT_MS)
    expect(failure).to_contain_text(f"{SOURCE}:{LINE}")
    expect(failure).to_contain_text("deling door nul")
    expect(tab.locator("header.pc-kop h1")).to_have_text("Jaarplan 2024")  # on the page
    assert_accessible(tab)
    _save(running.root, "{{ jaar / 0 }}", "{{ jaar }}")
    expect(failure).to_have_count(0, timeout=PREVIEW_TIMEOUT_MS)
    expect(tab.locator(".pc-cijfer[data-source]").first).to_be_visible()
    assert running.process.poll() is None
    assert_accessible(tab)


def test_preview_says_why_it_cannot_build_and_comes_back_by_itself(
        preview_tab: tuple[Page, Preview]) -> None:
    """A rebuild that cannot make the page at all (here: the organisation file is gone)
    shows a page that says why, which reloads itself once the file is back."""
    tab, running = preview_tab
    org_file = running.root / "data/iasz/organisatie.yaml"
    kept = org_file.read_bytes()
    org_file.unlink()
    alert = tab.get_by_role("alert")
    expect(alert).to_contain_text("Deze pagina bevat fouten", timeout=PREVIEW_TIMEOUT_MS)
    expect(alert).to_contain_text("data/iasz/organisatie.yaml: organisatie-ontbreekt")
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Het voorbeeld kan niet worden bijgewerkt")
    assert_accessible(tab)
    org_file.write_bytes(kept)
    expect(tab.locator("header.pc-kop h1")).to_have_text("Jaarplan 2024",
                                                         timeout=PREVIEW_TIMEOUT_MS)
    expect(alert).to_have_count(0)
    assert running.process.poll() is None
    assert_accessible(tab)
