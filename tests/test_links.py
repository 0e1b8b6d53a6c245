"""Every internal link of the built site leads somewhere: to a file in site/ and, with a
fragment, to an element with that id in the target page. Over every page (documents,
editions, comparisons, series pages, the frozen versions under versie/ and the guide).

`dead_links(site)` takes any site folder, so the same check runs on an older build
(`python -m tests.test_links SITE` prints what it finds).
"""

from __future__ import annotations

import posixpath
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.conftest import Built

# (tag, attribute) pairs that load or lead to something
LINK_ATTRIBUTES = {("a", "href"), ("area", "href"), ("img", "src"), ("link", "href"),
                   ("script", "src"), ("source", "src"), ("iframe", "src")}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript"}

# Dead links in frozen pages (site/**/versie/**, copied byte for byte from archief/ after
# their sha256 is checked, so they cannot be repaired without a new published version):
# (page, href) -> reason. Empty: the frozen pages link only to what exists.
FROZEN_ACCEPTED: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Link:
    page: str  # relative to site/
    line: int
    href: str


@dataclass(frozen=True)
class DeadLink:
    link: Link
    kind: str  # "bestand" (no such file) or "anker" (no such id in the target)

    def __str__(self) -> str:
        return f"{self.link.page}:{self.link.line}: {self.kind}: {self.link.href}"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append((self.getpos()[0], value))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def _target(site: Path, page: str, href: str) -> tuple[str, str] | None:
    """(file relative to site/, fragment) that `href` on `page` points at; None when the
    link leaves the site. The file is "" when it lies outside site/."""
    parts = urlsplit(href)
    if parts.scheme.lower() in EXTERNAL_SCHEMES or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        rel = page
    else:
        base = "" if path.startswith("/") else posixpath.dirname(page)
        rel = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        if rel == ".":
            rel = ""
        if rel.startswith(".."):
            return "", parts.fragment
        if path.endswith("/") or (site / rel).is_dir():
            rel = posixpath.join(rel, "index.html") if rel else "index.html"
    return rel, unquote(parts.fragment)


def dead_links(site: Path) -> tuple[list[DeadLink], int]:
    """Every internal link in every HTML page of `site` that leads to no file, or to no
    element with its fragment's id; and how many internal links were checked."""
    pages = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}
    parsed: dict[str, _Page] = {}

    def page_of(rel: str) -> _Page:
        if rel not in parsed:
            parsed[rel] = _parse(pages[rel])
        return parsed[rel]

    dead: list[DeadLink] = []
    checked = 0
    for rel in pages:
        for line, href in page_of(rel).links:
            target = _target(site, rel, href)
            if target is None:
                continue
            checked += 1
            file, fragment = target
            link = Link(rel, line, href)
            if not file or not (site / file).is_file():
                dead.append(DeadLink(link, "bestand"))
            elif fragment and file.endswith(".html") and fragment not in page_of(file).ids:
                dead.append(DeadLink(link, "anker"))
    return dead, checked


def report(dead: list[DeadLink]) -> str:
    counts = Counter(d.kind for d in dead)
    head = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    return f"{len(dead)} dode links ({head}):\n" + "\n".join(str(d) for d in dead)


def test_every_internal_link_and_anchor_of_the_site_exists(built: Built) -> None:
    dead, checked = dead_links(built.site)
    assert checked > 1000  # the check saw the site's links, not an empty folder
    frozen_pages = {d for d in dead if "/versie/" in d.link.page}
    unexplained = [d for d in dead
                   if d not in frozen_pages or (d.link.page, d.link.href) not in FROZEN_ACCEPTED]
    assert not unexplained, report(unexplained)
    stale = set(FROZEN_ACCEPTED) - {(d.link.page, d.link.href) for d in dead}
    assert not stale, f"FROZEN_ACCEPTED names links that are no longer dead: {sorted(stale)}"


def test_the_check_finds_a_missing_file_and_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="hier"><a href="#hier">ok</a> <a href="#weg">anker</a>\n'
        '<a href="../b/">bestand</a> <a href="/a/#hier">ok</a> <img src="x.svg">\n'
        '<a href="https://example.org/#x">extern</a> <a href="mailto:a@b.nl">mail</a>',
        encoding="utf-8")
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="a/#nee">anker</a>',
                                         encoding="utf-8")
    dead, checked = dead_links(tmp_path)
    assert checked == 7
    assert sorted(str(d) for d in dead) == [
        "a/index.html:1: anker: #weg", "a/index.html:2: bestand: ../b/",
        "a/index.html:2: bestand: x.svg", "index.html:1: anker: a/#nee"]


if __name__ == "__main__":
    found, total = dead_links(Path(sys.argv[1]))
    print(f"{total} interne links gecontroleerd")
    print(report(found) if found else "geen dode links")


def test_an_edition_links_nothing_it_leaves_out() -> None:
    """Any anchor of the whole document that an edition filters out leaves the edition's
    table of contents (its children stay) and every link to it in the page."""
    from mkdocs.structure.toc import AnchorLink

    from pcdocs.output import editions

    whole = ('<h2 id="a">A</h2><div class="admonition gemeente"><h3 id="weg">W</h3>'
             '<h4 id="kind">K</h4></div><p><a href="#weg" title="t">zie W</a> '
             '<a href="#a">zie A</a></p>')
    shown = '<h2 id="a">A</h2><h4 id="kind">K</h4><p><a href="#weg" title="t">zie W</a> ' \
            '<a href="#a">zie A</a></p>'
    a, gone, child = AnchorLink("A", "a", 2), AnchorLink("W", "weg", 3), AnchorLink("K", "kind", 4)
    gone.children = [child]
    a.children = [gone]
    toc = [a]
    page = editions.follow_edition(whole, shown, toc)
    assert page == '<h2 id="a">A</h2><h4 id="kind">K</h4><p>zie W <a href="#a">zie A</a></p>'
    assert [(x.id, [c.id for c in x.children]) for x in toc] == [("a", ["kind"])]
    assert editions.follow_edition(whole, whole, toc) == whole
