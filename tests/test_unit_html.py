"""Unit tests of what pcdocs does to HTML and data texts: the allow-list every page passes
(`htmlpolicy`), the soft hyphens in headings (`hyphenate`) and texts from data files
(`textfields`)."""

from __future__ import annotations

import pytest

from pcdocs.errors import DataError
from pcdocs.model.figures import Source
from pcdocs.model.repository import Repository
from pcdocs.output.session import BuildSession
from pcdocs.render import htmlpolicy, hyphenate, textfields

from .conftest import ROOT

PAGE = "iasz/2024/jaarplan/index.html"

# -- htmlpolicy -------------------------------------------------------------------------------


def refused(html: str, page: str = PAGE) -> list[str]:
    return [r.message for r in htmlpolicy.check(html, page)]


def test_the_html_of_an_ordinary_page_passes() -> None:
    html = ('<h2 id="a">Kop</h2><p>Tekst met <a href="../2025/jaarplan/#b">link</a>, '
            '<a href="https://example.nl">extern</a> en <a href="mailto:x@y.nl">mail</a>.</p>'
            '<table><tr><th scope="col">A</th></tr><tr><td colspan="2">1</td></tr></table>'
            '<span class="pc-cijfer" data-source="data/x.yaml:3" aria-label="x">3</span>'
            '<div style="--pc-kleur: #12ab34;"></div><img src="grafiek.svg" alt="Grafiek">'
            "<!-- een gewone opmerking -->")
    assert refused(html) == []


@pytest.mark.parametrize(("html", "needle"), [
    ("<script>alert(1)</script>", "<script"),
    ("<iframe src='x'></iframe>", "<iframe"),
    ('<p onclick="alert(1)">x</p>', "onclick"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:alert(1)"),
    ('<a href="java&#x0A;script:alert(1)">x</a>', "java"),
    ('<img src="https://elders.nl/a.png" alt="">', "https://elders.nl/a.png"),
    ('<a href="../../../../etc/passwd">x</a>', "../../../../etc/passwd"),
    ('<a href="//elders.nl/">x</a>', "//elders.nl/"),
    ('<p style="color: red">x</p>', "style"),
    ('<div id="__config">x</div>', "__config"),
    ("<!--> <script>x</script> -->", "<!--"),
    ("<![CDATA[ x ]]>", "<!["),
])
def test_what_the_policy_refuses(html: str, needle: str) -> None:
    found = htmlpolicy.check(html, PAGE)
    assert found, html
    assert any(r.needle.startswith(needle[:8]) for r in found), found


def test_a_relative_address_may_go_up_only_to_the_site_root() -> None:
    assert refused('<a href="../../../index.html">x</a>') == []  # iasz/2024/jaarplan -> site
    assert refused('<a href="../../../../index.html">x</a>') != []


# -- hyphenate --------------------------------------------------------------------------------


def test_long_words_in_headings_get_soft_hyphens_and_nothing_else_changes() -> None:
    page = ('<h1 id="voortgangsrapportage">Voortgangsrapportage 2022</h1>'
            "<p>Voortgangsrapportage in een alinea</p>"
            '<h2>Dienstverleningsovereenkomsten <span class="pc-cijfer">Dienstverlening</span>'
            '<a class="headerlink" href="#x">Dienstverleningsovereenkomsten</a></h2>'
            "<h3>Kort <code>Dienstverleningsovereenkomsten</code></h3>")
    out = hyphenate.headings(page)
    assert out.replace(hyphenate.SHY, "") == page
    h1 = out[:out.index("</h1>")]
    assert 'id="voortgangsrapportage"' in h1 and "Voort" + hyphenate.SHY in h1
    assert "<p>Voortgangsrapportage in een alinea</p>" in out
    assert '<span class="pc-cijfer">Dienstverlening</span>' in out
    assert '#x">Dienstverleningsovereenkomsten</a>' in out
    assert "<code>Dienstverleningsovereenkomsten</code>" in out
    assert out.count(hyphenate.SHY) == hyphenate.word("Voortgangsrapportage").count(
        hyphenate.SHY) + hyphenate.word("Dienstverleningsovereenkomsten").count(hyphenate.SHY)


def test_short_words_and_words_with_digits_are_left_alone() -> None:
    assert hyphenate.text("Het jaarplan voor 2024") == "Het jaarplan voor 2024"
    assert hyphenate.text("Formatieanalyse2019x") == "Formatieanalyse2019x"
    assert hyphenate.word("Dienstverleningsovereenkomsten").startswith("Dienst" + hyphenate.SHY)


# -- textfields -------------------------------------------------------------------------------

SOURCE = Source("data/iasz/2024/x.yaml", 7, "toelichting")


def test_a_data_text_is_escaped_and_may_cite_a_figure() -> None:
    ctx = BuildSession(Repository.find(ROOT), use_cache=False).begin_page(
        "iasz/2024/jaarplan.md")
    shown = str(textfields.inline(ctx, "<b>{organisatie.gemeenten}</b> gemeenten", SOURCE))
    assert shown.startswith("&lt;b&gt;<span class=\"pc-cijfer")
    assert "data/iasz/organisatie.yaml" in shown and "gemeenten" in shown
    with pytest.raises(DataError) as info:
        textfields.inline(ctx, "{organisatie.bestaat_niet}", SOURCE)
    f = info.value.finding
    assert (f.file, f.line, f.key, f.code) == (SOURCE.file, 7, "toelichting", "onbekend-cijfer")


@pytest.mark.parametrize("text", [
    "![plaatje](grafiek.png)",
    "[klik](javascript:alert(1))",
    "[klik](ja vascript:alert(1))",
    "[1]: file:///etc/passwd",
    "Tekst {: onclick=alert(1)}",
    "Kop {#eigen-id}",
])
def test_what_a_markdown_data_text_may_not_do(text: str) -> None:
    with pytest.raises(DataError) as info:
        textfields.check_markdown(text, SOURCE)
    f = info.value.finding
    assert (f.file, f.line, f.code) == (SOURCE.file, 7, "tekst-opmaak")


def test_what_a_markdown_data_text_may_do() -> None:
    for text in ("*nadruk* en **vet**", "- een\n- twee", "[site](https://x.nl)",
                 "[mail](mailto:a@b.nl)", "[hier](#kop)"):
        textfields.check_markdown(text, SOURCE)
