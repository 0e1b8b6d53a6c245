"""The navigation at scale: with more organisations than portal.COMPACT_NAVIGATION_ABOVE a
page's sidebar shows the portal, its own organisation and the other sections (so a site's
size grows with the number of organisations, not with its square); the portal lists them
all. With fewer, Material's own navigation is used unchanged."""

from __future__ import annotations

import posixpath
from importlib import resources
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from pcdocs.commands.build import build
from pcdocs.model.repository import Repository
from pcdocs.output import portal

from .conftest import ROOT, corpus_generator

ORGS = 3  # more than the threshold the test sets


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of three organisations built with the compact navigation (threshold 2)."""
    root = tmp_path_factory.mktemp("schaal") / f"n{ORGS}"
    assert corpus_generator()([str(ORGS), "--uit", str(root)]) == 0
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(portal, "COMPACT_NAVIGATION_ABOVE", ORGS - 1)
        build(root, pdf=False, use_cache=False)
    return root


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / "site" / path).read_text(encoding="utf-8"), "html.parser")


def _nav(page: BeautifulSoup) -> Tag:
    nav = page.select_one("nav.md-nav--primary")
    assert isinstance(nav, Tag)
    return nav


def _links(nav: Tag, here: str) -> set[str]:
    """The pages `nav` links to, as paths from the site root ("" is the portal); `here` is
    the folder of the page the nav is on."""
    return {_target(a, here) for a in nav.select("a[href]") if not str(a["href"]).startswith("#")}


def _target(link: Tag, here: str) -> str:
    target = posixpath.normpath(posixpath.join(here, str(link["href"]).split("#")[0]))
    return "" if target == "." else target + "/"


def _documents(root: Path) -> dict[str, list[str]]:
    """Each organisation's document pages, as site paths."""
    repo = Repository(root)
    return {slug: [d.ref.src_path[:-3] + "/" for d in repo.documents_of(slug)]
            for slug in repo.organisations}


def test_a_page_lists_its_own_organisation_and_not_the_others(site: Path) -> None:
    documents = _documents(site)
    own, *others = sorted(documents)
    here = documents[own][0]
    nav = _nav(_page(site, here + "index.html"))
    links = _links(nav, here)
    assert set(documents[own]) | {f"{own}/", ""} <= links  # its documents, page, the portal
    for other in others:
        assert not any(link.startswith(f"{other}/") for link in links), other
    assert nav["aria-label"] == "Navigatie"
    first = nav.select_one("ul.md-nav__list > li > a")  # the portal comes first
    assert first is not None and first.get_text(strip=True) == "Overzicht"
    assert _target(first, here) == ""
    alle = nav.select_one(".pc-nav__alle a")  # and a link says where the others are
    assert alle is not None and _target(alle, here) == ""
    assert f"Alle {ORGS} organisaties" in alle.get_text()


def test_an_edition_and_an_organisation_page_show_their_own_organisation(site: Path) -> None:
    documents = _documents(site)
    own, *others = sorted(documents)
    editions = sorted((site / "site" / documents[own][0]).glob("*/index.html"))
    assert editions  # (a page outside the navigation: the organisation is in its path)
    pages = [f"{own}/index.html"] + [p.relative_to(site / "site").as_posix()
                                     for p in editions[:1]]
    for path in pages:
        links = _links(_nav(_page(site, path)), posixpath.dirname(path) + "/")
        assert set(documents[own]) <= links, path
        assert not any(link.startswith(f"{other}/") for other in others for link in links), path


def test_the_portal_lists_every_organisation(site: Path) -> None:
    documents = _documents(site)
    portal_page = _page(site, "index.html")
    cards = portal_page.select("section.pc-org")
    assert sorted(str(c["id"]) for c in cards) == sorted(f"org-{s}" for s in documents)
    links = {str(a["href"]) for a in portal_page.select(".pc-portaal a[href]")}
    for slug, docs in documents.items():
        assert f"{slug}/" in links
        assert set(docs) <= links
    # and its sidebar lists no organisation's section (nor a link to itself as their list)
    assert not any(link.startswith(f"{slug}/") for slug in documents
                   for link in _links(_nav(portal_page), ""))
    assert _nav(portal_page).select_one(".pc-nav__alle") is None


def test_few_organisations_keep_the_whole_navigation() -> None:
    example = Repository(ROOT)  # five organisations: Material's navigation, unchanged
    assert portal.navigation_scope(portal.navigation(example, []), example.organisations) is None
    limit = portal.COMPACT_NAVIGATION_ABOVE
    assert portal.navigation_scope([], [f"org{i}" for i in range(limit)]) is None
    assert portal.navigation_scope([], [f"org{i}" for i in range(limit + 1)]) is not None


def test_the_scope_places_each_organisation_and_the_other_items() -> None:
    nav: list[object] = [{"Overzicht": "index.md"},
                         {"A": ["a/index.md", {"Jaarplan": "a/2024/jaarplan.md"}]},
                         {"B": ["b/index.md"]},
                         {"Handleiding": ["handleiding/index.md", "handleiding/pdf.md"]},
                         "los.md"]
    scope = portal.navigation_scope(nav, [f"org{i}" for i in range(11)] + ["a", "b"])
    assert scope == {"organisaties": {"a": 1, "b": 2}, "altijd": [0, 3, 4], "aantal": 13}


def test_the_override_is_materials_nav_but_for_the_marked_part() -> None:
    """When Material is upgraded, this says the copy in pcdocs/output/theme must follow."""
    original = (resources.files("material") / "templates/partials/nav.html").read_text(
        encoding="utf-8")
    ours = (portal.THEME_DIR / "partials/nav.html").read_text(encoding="utf-8")
    header_end = ours.index("-#}\n") + len("-#}\n")
    begin = ours.index("    {#- pcdocs: begin -#}")
    end = ours.index("    {#- pcdocs: end -#}\n") + len("    {#- pcdocs: end -#}\n")
    loop = ('    {% for nav_item in nav.items %}\n'
            '      {% set path = "__nav_" ~ loop.index %}\n'
            '      {{ item.render(nav_item, path, 1) }}\n'
            '    {% endfor %}\n')
    assert ours[header_end:begin] + loop + ours[end:] == original
