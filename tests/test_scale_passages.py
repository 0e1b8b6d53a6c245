"""Passages for one gemeente (`!!! gemeente "Naam"`) are found by scanning the page and
only they are parsed: the rest of the page stays byte for byte as Markdown made it, and the
result is the page that parsing the whole page gave (the implementation before)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pcdocs.errors import Finding
from pcdocs.model.repository import Document, Repository
from pcdocs.output import editions

from .conftest import ROOT

SOURCE = ROOT / "docs" / "szmh" / "2019" / "jaarplan.md"


def _passage(name: str, body: str = "<p>Alleen hier.</p>") -> str:
    return (f'<div class="admonition gemeente">\n<p class="admonition-title">{name}</p>\n'
            f"{body}\n</div>")


BEFORE = ('<h2 id="a">Kop<a class="headerlink" href="#a" title="Link">&para;</a></h2>\n'
          "<p>Tekst&nbsp;met<br />regel en <code>&lt;div&gt;</code>.</p>\n\n")
AFTER = '\n<div class="admonition note">\n<p class="admonition-title">Let op</p>\n</div>\n'
PAGES = {
    "one": BEFORE + _passage("Maastricht") + AFTER,
    "two": BEFORE + _passage("Vaals") + "\n<p>tussen</p>\n" + _passage("maastricht") + AFTER,
    "nested divs": BEFORE + _passage("Meerssen", '<div class="pc-tabel x"><div>t</div></div>')
    + AFTER,
    "nested passage": BEFORE + _passage("Vaals", _passage("Maastricht")) + AFTER,
    "unknown": BEFORE + _passage("Heerlen") + AFTER,
    "unclosed": BEFORE + _passage("Vaals")[: -len("</div>")] + AFTER[: -len("</div>\n")],
    "other classes": BEFORE + _passage("Maastricht") + _passage("Vaals").replace(
        'class="admonition gemeente"', "class='gemeente admonition inline'") + AFTER,
    "none": BEFORE + '<div class="admonition gemeente-x"></div>' + AFTER,
}


@pytest.fixture(scope="module")
def szmh() -> Document:
    return Repository(ROOT).documents["szmh/2019/jaarplan"]


def _whole_page(page_html: str, document: Document, edition: str | None) -> str:
    """The implementation before: the whole page through BeautifulSoup."""
    if editions.PASSAGE not in page_html:
        return page_html
    by_name = {g.naam.lower(): g for g in document.organisation.gemeenten}
    by_name |= {g.slug: g for g in document.organisation.gemeenten}
    soup = BeautifulSoup(page_html, "html.parser")
    for box in soup.select("div.admonition.gemeente"):
        title = box.select_one(".admonition-title")
        gemeente = by_name.get(title.get_text(" ", strip=True).lower() if title else "")
        if gemeente is None:
            continue
        if edition is None:
            box["class"] = "pc-gemeente"
            box["data-gemeente"] = gemeente.slug
            if title is not None:
                title["class"] = "pc-gemeente__label"
                title.string = f"Alleen voor de gemeente {gemeente.naam}"
        elif gemeente.slug == edition:
            if title is not None:
                title.decompose()
            box.unwrap()
        else:
            box.decompose()
    return str(soup)


def _dom(html: str) -> str:
    return str(BeautifulSoup(html, "html.parser"))


@pytest.mark.parametrize("edition", [None, "maastricht", "vaals", "meerssen"])
@pytest.mark.parametrize("page", list(PAGES))
def test_the_same_page_as_parsing_it_whole(szmh: Document, page: str,
                                           edition: str | None) -> None:
    html = PAGES[page]
    result, _ = editions.passages(html, szmh, edition, SOURCE)
    assert _dom(result) == _dom(_whole_page(html, szmh, edition))


@pytest.mark.parametrize("page", ["one", "two", "nested divs", "nested passage"])
def test_outside_the_passages_nothing_changes(szmh: Document, page: str) -> None:
    html = PAGES[page]
    result, _ = editions.passages(html, szmh, None, SOURCE)
    assert result.startswith(BEFORE)  # entities, <br />, blank lines: as Markdown made them
    assert result.endswith(AFTER)
    assert "<p>tussen</p>" in result if page == "two" else True


def test_an_unknown_gemeente_is_a_finding_with_its_line(szmh: Document) -> None:
    _, findings = editions.passages(PAGES["unknown"], szmh, None, SOURCE)
    assert [(f.code, f.file) for f in findings] == [
        ("onbekende-gemeente", "docs/szmh/2019/jaarplan.md")]
    assert "Heerlen" in findings[0].message


def test_the_blocks_are_the_outermost_passages() -> None:
    html = PAGES["nested passage"]
    (start, end), = editions.passage_blocks(html)
    assert html[start:end] == _passage("Vaals", _passage("Maastricht"))
    assert editions.passage_blocks(PAGES["none"]) == []
    start, end = editions.passage_blocks(PAGES["unclosed"])[0]
    assert end == len(PAGES["unclosed"])


def test_a_page_without_passages_is_returned_as_it_is(szmh: Document) -> None:
    html = BEFORE + AFTER
    assert editions.passages(html, szmh, "vaals", SOURCE) == (html, list[Finding]())


def test_the_example_passages_are_the_same_as_before(szmh: Document) -> None:
    """The SZMH plan's own passages, as Markdown renders them."""
    import markdown

    text = Path(SOURCE).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---") else text
    html = markdown.markdown(body, extensions=["admonition", "attr_list", "md_in_html",
                                               "tables", "toc"])
    assert editions.PASSAGE in html
    for edition in [None, *(g.slug for g in szmh.editions)]:
        result, findings = editions.passages(html, szmh, edition, SOURCE)
        assert not findings
        assert _dom(result) == _dom(_whole_page(html, szmh, edition))
