"""What authors may write (docs/handleiding/schrijven.md) is what pcdocs does: the guide's
list of HTML is the allow-list of `render/htmlpolicy.py`, it names every Markdown extension
of mkdocs.yml, and every refusal is a finding at the page's file and the line it is on."""

from __future__ import annotations

import re

import pytest
import yaml

from pcdocs.model.repository import Repository
from pcdocs.output.session import BuildSession
from pcdocs.render import htmlpolicy, rendering

from .conftest import ROOT

GUIDE = ROOT / htmlpolicy.GUIDE
PAGE = "iasz/2024/jaarplan/index.html"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def test_the_guide_shows_the_allow_list_the_policy_holds() -> None:
    text = guide()
    start, end = text.index(htmlpolicy.GUIDE_START), text.index(htmlpolicy.GUIDE_END)
    shown = text[start + len(htmlpolicy.GUIDE_START):end].strip()
    assert shown == htmlpolicy.guide_text(), (
        "de lijst in docs/handleiding/schrijven.md is verouderd: zet er de uitvoer van "
        "`python -m pcdocs.render.htmlpolicy` in")
    for tag in htmlpolicy.TAGS:  # (guide_text names each, so a changed list shows here too)
        assert f"`{tag}`" in shown


def test_the_guide_names_every_markdown_extension_of_mkdocs_yml() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert "admonition" in names and "footnotes" in names
    missing = [n for n in names if f"`{n}`" not in guide()]
    assert missing == [], f"schrijven.md noemt deze Markdown-uitbreidingen niet: {missing}"


@pytest.mark.parametrize("element", ["script", "style", "iframe", "object", "embed", "form",
                                     "svg"])
def test_what_the_guide_says_is_refused_is_refused(element: str) -> None:
    refused = htmlpolicy.check(f"<{element}></{element}>", PAGE)
    assert refused and element not in htmlpolicy.TAGS
    assert f"`{element}`" in guide().split("## Wat niet mag")[1]


@pytest.mark.parametrize("html", ['<p onclick="x()">a</p>', '<p style="color: red">a</p>',
                                  '<img src="https://elders.nl/a.png" alt="">',
                                  '<a href="javascript:x()">a</a>'])
def test_attributes_the_guide_refuses_are_refused(html: str) -> None:
    assert htmlpolicy.check(html, PAGE)


def test_mermaid_is_no_diagram_but_code_and_the_guide_says_so() -> None:
    html = rendering.page_html(ROOT, "```mermaid\ngraph TD; A-->B;\n```\n")
    assert html is not None and "<code" in html and "graph TD" in html
    assert htmlpolicy.check(html, PAGE) == []  # shown as code: nothing runs, nothing refused
    assert "**Geen Mermaid.**" in guide()


# -- every refusal at its line ----------------------------------------------------------------

CASES = [  # what an author writes (one case per paragraph), and the text on the line found
    ('<script>alert(1)</script>', "<script>"),
    ('<p style="color:red">rood</p>', '<p style="color:red">'),
    ('Tekst met een eigen stijl.\n{: style="color:red" }', '{: style="color:red" }'),
    ('<img src="https://elders.nl/x.png" alt="x">', "elders.nl/x.png"),
    ("![x](https://elders.nl/y.png)", "elders.nl/y.png"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "&#106;avascript"),
    ('<a href="java&#x09;script:alert(2)">x</a>', "java&#x09;script"),
    ('<span onclick="alert(3)">x</span>', "onclick"),
    ('<SPAN ONMOUSEOVER="alert(4)">x</SPAN>', "ONMOUSEOVER"),
    ('<iframe src="https://example.org"></iframe>', "<iframe"),
    ("<!-- a > b -->", "<!-- a > b -->"),
    ('<div data-md-color-scheme="slate">x</div>', "data-md-color-scheme"),
    ('<span id="__config">x</span>', "__config"),
    ("[link](../../../../../etc/passwd)", "etc/passwd"),
    ("Zie [dit][ref].\n\n[ref]: javascript:alert(5)", "[ref]: javascript"),
    ('<p title="x" style="">leeg</p>', 'style=""'),
    ('<a href="//elders.nl/">x</a>', '"//elders.nl/"'),
    ('<p style="color:red">nog eens rood</p>', "nog eens rood"),  # the same tag again
    ("Een voetnoot.[^1]\n\n[^1]: Met <span onclick=\"x()\">een klik</span>.", "een klik"),
    ("<form><input></form>", "<form>"),
]


def test_every_refusal_is_found_at_the_line_it_is_written_on() -> None:
    paragraphs = [f"Geval {i}:\n\n{case}" for i, (case, _) in enumerate(CASES)]
    markdown = "## Kop\n\n" + "\n\n".join(paragraphs) + "\n"
    html = rendering.page_html(ROOT, markdown)
    assert html is not None
    refusals = htmlpolicy.check(html, PAGE)
    lines = htmlpolicy.source_lines(refusals, markdown, html)
    source = markdown.splitlines()
    found = {source[line - 1] for line in lines}
    for case, on_line in CASES:
        assert any(on_line in line for line in found), f"{case!r}: niet op zijn regel gevonden"
    # two refusals of one element (<form> and <input> on one line) share it; every line
    # found holds what was refused
    assert len(refusals) >= len(CASES)
    assert all(source[line - 1].strip() for line in lines)
    assert len(set(lines)) == len(CASES)  # one line per case: none taken for another


def test_html_a_macro_made_is_reported_at_the_line_of_the_text_before_it() -> None:
    """A refused address a macro expression assembled is not in the source as such: the
    finding names the line of the text right before it, never no line at all."""
    ctx = BuildSession(Repository.find(ROOT), use_cache=False).begin_page(
        "iasz/2024/jaarplan.md")
    ctx.markdown = "## Kop\n\nEen alinea.\n\nZie hier: {{ link }}\n"
    html = '<h2 id="kop">Kop</h2>\n<p>Een alinea.</p>\n<p>Zie hier: <a href="data:x">x</a></p>'
    assert rendering.refused_html(ctx, html, PAGE) is not None
    (finding,) = [f for f in ctx.findings if f.code == "html-niet-toegestaan"]
    assert (finding.file, finding.line) == (ctx.file, 5 + ctx.line_offset)
    assert re.search(r"'data:'", finding.message)
