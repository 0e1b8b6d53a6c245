"""What a document page costs a reader on a phone: the page, its stylesheets and script - not
the search index. Search loads its index (search/search_index.json, about half a megabyte for
the example site) and its worker when the reader starts to search
(pcdocs/output/theme/partials/pcdocs-search-on-demand.html), and then still finds what it found.

The budget: a document page loads at most PAGE_BUDGET bytes, as the test server sends them
(uncompressed, headers included). Measured on the example site: 510-520 KB for the SZMH
jaarplan, the largest page (of which about 230 KB its HTML, 170 KB Material's stylesheets and
the pcdocs stylesheet, 115 KB Material's script); 0.9-1.0 MB before search loaded on demand.

Also here: pcdocs/output/theme's copies of Material's templates are Material's own but for their
marked changes, so an upgrade of Material shows where the copies must follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from pcdocs.output import portal
from tests.conftest import Built
from tests.test_browser import TIMEOUT_MS, browser, site_url  # noqa: F401 - fixtures

DOCUMENTS = ("szmh/2019/jaarplan/", "pijnacker-nootdorp/2022/voortgangsrapportage/",
             "iasz/2024/jaarplan/")
PAGE_BUDGET = 600_000  # bytes per document page load; measured 510-520 KB at most (see above)
SEARCH_FILES = re.compile(r"/search/search_index\.json|/workers/search\.[^/]*\.js|/lunr/")


class Loads:
    """The requests a tab makes, with the bytes of each finished response."""

    def __init__(self, page: Page) -> None:
        self.urls: list[str] = []
        self.sizes: dict[str, int] = {}
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("requestfinished", self._finished)

    def _finished(self, request: Request) -> None:
        sizes = request.sizes()
        self.sizes[request.url] = (self.sizes.get(request.url, 0) + sizes["responseBodySize"]
                                   + sizes["responseHeadersSize"])

    def search(self) -> list[str]:
        return [url for url in self.urls if SEARCH_FILES.search(url)]

    def total(self) -> int:
        return sum(self.sizes.values())


@pytest.fixture
def phone(browser: Browser, site_url: str) -> Iterator[Page]:  # noqa: F811
    """A fresh tab the size of a phone, in Dutch, with touch."""
    context = browser.new_context(base_url=site_url, locale="nl-NL", has_touch=True,
                                  viewport={"width": 390, "height": 844})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def _open(page: Page, path: str) -> Loads:
    loads = Loads(page)
    page.goto(path, wait_until="load")
    page.wait_for_load_state("networkidle")
    return loads


def test_a_document_page_loads_search_only_when_the_reader_searches(phone: Page) -> None:
    loads = _open(phone, DOCUMENTS[0])
    phone.wait_for_timeout(500)  # the bundle has set up search by now
    assert loads.search() == [], "the page loaded search files before anyone searched"

    phone.locator("label.md-header__button[for=__search]").click()  # the magnifier
    query = phone.get_by_role("textbox", name="Zoeken")
    expect(query).to_be_focused()
    query.press_sequentially("bijstandsuitkering")
    expect(phone.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"\d+ overeenkomende documenten?"))
    expect(phone.locator(".md-search-result__link").first).to_be_visible()
    assert any("/search/search_index.json" in url for url in loads.search())


def test_a_search_result_still_highlights_its_words(phone: Page) -> None:
    """A result's link (?h=) loads the index at once: the page marks the words."""
    _open(phone, DOCUMENTS[2] + "?h=formatie")
    expect(phone.locator("mark[data-md-highlight]").first).to_be_attached()


def test_the_keyboard_shortcut_starts_search(browser: Browser, site_url: str) -> None:  # noqa: F811
    context = browser.new_context(base_url=site_url, locale="nl-NL",
                                  viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        loads = _open(page, DOCUMENTS[1])
        assert loads.search() == []
        page.keyboard.press("/")
        page.keyboard.type("taakveld")
        expect(page.locator(".md-search-result__link").first).to_be_visible(
            timeout=TIMEOUT_MS)
        assert any("/search/search_index.json" in url for url in loads.search())
    finally:
        context.close()


@pytest.mark.parametrize("path", DOCUMENTS)
def test_a_document_page_stays_within_its_budget(phone: Page, path: str) -> None:
    loads = _open(phone, path)
    phone.wait_for_timeout(500)
    total = loads.total()
    heaviest = sorted(loads.sizes.items(), key=lambda item: -item[1])[:5]
    assert total <= PAGE_BUDGET, (
        f"{path}: {total:,} bytes > {PAGE_BUDGET:,}; heaviest: "
        + ", ".join(f"{url.rsplit('/', 2)[-2:]} {size:,}" for url, size in heaviest))


# -- the theme's markup, without a browser ---------------------------------------------------

def test_the_theme_markup_names_its_dialog_and_labels_existing_controls(built: Built) -> None:
    for path in ("index.html", DOCUMENTS[0] + "index.html", "handleiding/index.html",
                 "iasz/2024/jaarplan/bloemendaal/index.html"):
        page = built.page(path)
        dialog = page.select_one(".md-search[role=dialog]")
        assert dialog is not None and dialog.get("aria-label") == "Zoeken", path
        for toggle in page.select("input.md-toggle"):
            assert not toggle.has_attr("autocomplete"), (path, str(toggle))
        ids = {str(element["id"]) for element in page.select("[id]")}
        for label in page.select("label[for]"):
            assert label["for"] in ids, (path, str(label)[:120])


# -- pcdocs/output/theme's copies of Material's templates ------------------------------------

_CHANGE = re.compile(
    r"[ ]*\{#- pcdocs: begin – .*? -#\}\n.*?[ ]*\{#- pcdocs: instead of:\n(?P<original>.*?)"
    r"[ ]*-#\}\n[ ]*\{#- pcdocs: end -#\}\n", re.S)


def _overrides() -> list[Path]:
    return sorted(p for p in portal.THEME_DIR.rglob("*.html")
                  if "pcdocs: instead of:" in p.read_text(encoding="utf-8"))


def test_the_copies_are_materials_templates_but_for_their_marked_changes() -> None:
    """When Material is upgraded, this says which copy in pcdocs/output/theme must follow."""
    copies = _overrides()
    assert {p.relative_to(portal.THEME_DIR).as_posix() for p in copies} >= {
        "base.html", "partials/search.html", "partials/toc.html"}
    for copy in copies:
        name = copy.relative_to(portal.THEME_DIR).as_posix()
        ours = copy.read_text(encoding="utf-8")
        ours = ours[ours.index("-#}\n") + len("-#}\n"):]  # pcdocs' header
        undone = _CHANGE.sub(lambda m: m["original"], ours)
        assert "pcdocs" not in undone, name
        original = (resources.files("material") / "templates" / name).read_text(
            encoding="utf-8")
        assert undone == original, name

