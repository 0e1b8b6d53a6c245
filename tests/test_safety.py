"""No way in: a page cannot run Python, data cannot inject HTML, nothing is read from or
published out of data/ and docs/, and a refused build leaves the previous site as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import run_cli
from tests.test_errors import edit, line_of

DOC = "docs/iasz/2024/jaarplan.md"
SECRET = "geheim-wachtwoord-van-de-server"


@pytest.fixture
def old_site(repo: Path) -> dict[str, bytes]:
    """A previous site/ with a page and a PDF; returns its files to compare with after."""
    site = repo / "site"
    (site / "iasz").mkdir(parents=True)
    (site / "index.html").write_text("vorige versie", encoding="utf-8")
    (site / "iasz" / "jaarplan.pdf").write_bytes(b"%PDF-1.7 vorige")
    return snapshot(site)


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def refused(repo: Path, old: dict[str, bytes]) -> str:
    """`pcdocs build` refuses, without a traceback, and site/ is byte for byte the old one."""
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 1, run.out + run.err
    assert "Traceback" not in run.out + run.err
    assert "De vorige site/ is ongewijzigd." in run.err
    assert snapshot(repo / "site") == old
    assert not list(repo.glob("site.*")), "the scratch build folder was left behind"
    return run.err


def findings(repo: Path) -> list[tuple[str, int | None, str]]:
    run = run_cli("-C", str(repo), "check", "--format", "json")
    return [(f["file"], f["line"], f["code"]) for f in json.loads(run.out)["findings"]
            if f["severity"] == "error"]


@pytest.mark.parametrize(("payload", "code"), [
    ("{{ ''.__class__.__mro__ }}", "niet-toegestaan"),
    ("{{ jaar.__class__.__init__.__globals__ }}", "niet-toegestaan"),
    ("{{ config }}", "onbekende-macro"),
    ("{{ config.extra }}", "onbekende-macro"),
    ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "niet-toegestaan"),
    ("{% import 'os' as os %}", "niet-toegestaan"),
    ("{% import os %}", "macro-syntax"),
    ("{% include '/etc/passwd' %}", "niet-toegestaan"),
    ("{{ jaar|attr('__class__') }}", "niet-toegestaan"),
    ("{{ lipsum.__globals__['os'].system('touch /tmp/pcdocs-pwned') }}", "niet-toegestaan"),
    # computed names, refusals swallowed by default() (issue 17): refused at run time
    ("{% set g = cijfer['_'+'_globals__'] | default(none) %}{% if g %}{{ g['_'+'_builtins__']"
     "['_'+'_import__']('os').popen('touch /tmp/pcdocs-pwned').read() }}{% endif %}",
     "niet-toegestaan"),
    ("{% set n = '_' ~ '_class__' %}{{ jaar[n] | default('') }}", "niet-toegestaan"),
    ("{{ jaar | map('upper') | list }}", "niet-toegestaan"),
    # work that would hang the build or exhaust the machine
    ("{{ jaar ** jaar ** jaar ** 3 }}", "macro-limiet"),
    ("{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}{% endfor %}{% endfor %}",
     "macro-limiet"),
])
def test_template_injection_in_a_page_is_refused_at_its_line(
        repo: Path, old_site: dict[str, bytes], payload: str, code: str) -> None:
    path = repo / DOC
    edit(path, "## Voorwoord", f"## Voorwoord\n\nTekst {payload} tekst.")
    line = line_of(path, payload)
    assert (DOC, line, code) in findings(repo)
    err = refused(repo, old_site)
    assert f"{DOC}:{line}: {code}:" in err
    assert not Path("/tmp/pcdocs-pwned").exists()


def test_raw_blocks_show_macro_syntax_as_text(repo: Path) -> None:
    """How an author shows `{{ ... }}` literally: it is text on the page, never run."""
    edit(repo / DOC, "## Voorwoord",
         "## Voorwoord\n\n{% raw %}Zo schrijft u een cijfer: {{ cijfer('formatie.fte') }} "
         "en niet {{ config }}.{% endraw %}")
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 0, run.err
    page = (repo / "site/iasz/2024/jaarplan/index.html").read_text(encoding="utf-8")
    assert "Zo schrijft u een cijfer: {{ cijfer(&#39;formatie.fte&#39;) }}" in page \
        or "Zo schrijft u een cijfer: {{ cijfer('formatie.fte') }}" in page
    assert "en niet {{ config }}." in page


def test_html_in_data_is_shown_as_text_everywhere(repo: Path) -> None:
    """A risk title with HTML and a script: the register's heading, the table of contents
    and the matrix's tooltip show the characters, never a tag."""
    register = repo / "data/szmh/2019/risicos.yaml"
    edit(register, "titel: Open einde regelingen",
         "titel: \"<script>alert('risico')</script> Open <b>einde</b> regelingen\"")
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 0, run.err
    page = (repo / "site/szmh/2019/jaarplan/index.html").read_text(encoding="utf-8")
    assert "<script>alert('risico')" not in page
    assert "<b>einde</b>" not in page
    shown = "&lt;script&gt;alert('risico')&lt;/script&gt; Open &lt;b&gt;einde&lt;/b&gt;"
    assert f'<h4 id="risico-m1">M1 {shown}' in page  # the register's heading
    soup = BeautifulSoup(page, "html.parser")  # the matrix cell's tooltip: text, escaped
    cells = soup.select('a[href="#risico-m1"][data-source]')
    assert cells
    assert all(str(cell["title"]).startswith(
        "<script>alert('risico')</script> Open <b>einde</b> regelingen") for cell in cells)
    assert 'title="&lt;script&gt;alert(' in page
    assert f'<span class="md-ellipsis">\n      \n        M1 {shown}' in page  # the toc


def test_front_matter_data_folder_cannot_leave_data(repo: Path) -> None:
    path = repo / DOC
    for folder in ("../../docs", "/etc", "iasz/../../.."):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("periode: 2024\n", f"periode: 2024\ndata: {folder}\n", 1)
                        if "data:" not in text else
                        "\n".join(f"data: {folder}" if line.startswith("data:") else line
                                  for line in text.split("\n")), encoding="utf-8")
        codes = [(file, code) for file, _, code in findings(repo)]
        assert (DOC, "pad-buiten-data") in codes, folder


def test_a_symlinked_data_file_outside_data_is_refused(
        repo: Path, tmp_path_factory: pytest.TempPathFactory, old_site: dict[str, bytes]) -> None:
    outside = tmp_path_factory.mktemp("buiten") / "formatie.yaml"
    outside.write_text((repo / "data/iasz/2024/formatie.yaml").read_text(encoding="utf-8")
                       + f"# {SECRET}\n", encoding="utf-8")
    target = repo / "data/iasz/2024/formatie.yaml"
    target.unlink()
    target.symlink_to(outside)
    assert ("data/iasz/2024/formatie.yaml", None, "link-naar-buiten") in findings(repo)
    err = refused(repo, old_site)
    assert "data/iasz/2024/formatie.yaml: link-naar-buiten:" in err
    assert SECRET not in err


def test_a_symlink_in_docs_to_a_file_of_the_machine_is_never_published(
        repo: Path, tmp_path_factory: pytest.TempPathFactory, old_site: dict[str, bytes]) -> None:
    outside = tmp_path_factory.mktemp("buiten") / "wachtwoorden.txt"
    outside.write_text(SECRET, encoding="utf-8")
    (repo / "docs/assets/wachtwoorden.txt").symlink_to(outside)
    (repo / "docs/iasz/map").symlink_to(outside.parent, target_is_directory=True)
    errors = findings(repo)
    assert ("docs/assets/wachtwoorden.txt", None, "link-naar-buiten") in errors
    assert ("docs/iasz/map", None, "link-naar-buiten") in errors
    refused(repo, old_site)


def test_a_symlink_inside_data_is_allowed(repo: Path) -> None:
    """An organisation may share a file between years with a link that stays in data/."""
    shared = repo / "data/iasz/2024/verzuim.yaml"
    link = repo / "data/iasz/gedeeld-verzuim.yaml"
    link.symlink_to(shared)
    assert not [f for f in findings(repo) if f[2] in ("link-naar-buiten", "pad-buiten-data")]


def test_the_build_renders_pages_in_the_page_sandbox(repo: Path) -> None:
    """The build renders through the same environment as check (autoescape on): a value is
    text, never HTML, and the site shows it as written."""
    edit(repo / DOC, "## Voorwoord", "## Voorwoord\n\nTekst {{ '<b>vet</b>' }} en "
         "{{ organisatie_naam ~ ' <i>' }} tekst.")
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 0, run.err
    page = (repo / "site/iasz/2024/jaarplan/index.html").read_text(encoding="utf-8")
    assert "Tekst &lt;b&gt;vet&lt;/b&gt; en Intergemeentelijke Afdeling Sociale Zaken " \
           "&lt;i&gt; tekst." in page
    assert "<b>vet</b>" not in page


# What a page's own HTML may not do (the HTML policy, pcdocs/render/htmlpolicy.py): each is refused
# by check at its line, and the build publishes nothing.
HTML_PAYLOADS = [
    ("<script>alert(1)</script>", "<script>"),
    ("<SCRIPT SRC=//127.0.0.1:9/x.js></SCRIPT>", "<SCRIPT"),
    ("<img src=x onerror=alert(1)>", "onerror"),
    ("<svg><script>alert(1)</script></svg>", "<svg>"),
    ("<iframe src=\"https://example.org\"></iframe>", "<iframe"),
    ("<link rel=\"attachment\" href=\"file:///proc/self/environ\">", "<link"),
    ("<object data=\"file:///etc/passwd\"></object>", "<object"),
    ("<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\">", "<meta"),
    ("<style>body { background: url(http://127.0.0.1:9/) }</style>", "<style>"),
    ("<p style=\"background: url(http://127.0.0.1:9/)\">x</p>", "style="),
    ("[klik](javascript:alert(1))", "javascript:"),
    ("[klik](JaVaScRiPt&#58;alert(1))", "JaVaScRiPt"),
    ("<a href=\"java\tscript:alert(1)\">x</a>", "script:alert"),
    ("[klik](data:text/html,<script>alert(1)</script>)", "data:text"),
    ("![geheim](file:///etc/passwd)", "file:///etc/passwd"),
    ("![geheim](../../../../../../etc/passwd)", "../../../../../../etc/passwd"),
    ("![volg](http://127.0.0.1:9/pixel.png)", "127.0.0.1:9/pixel"),
    ("<img src=\"//127.0.0.1:9/pixel.png\">", "//127.0.0.1:9/pixel"),
    ("Alinea met handler\n{: onmouseover=\"alert(1)\" }", "onmouseover"),
    ("<form action=\"https://example.org\"><input name=x></form>", "<form"),
    # found by the red team: parser differentials, the theme's own hooks, encoded dots
    ("<!--> <img src=\"x\" onerror=\"alert(1)\"> -->", "<!-->"),
    ("<![CDATA[ > <img src=\"x\" onerror=\"alert(1)\"> ]]>", "<![CDATA["),
    ("<div id=\"__config\" hidden>{}</div>", "__config"),
    ("<span data-clipboard-text=\"curl http://127.0.0.1:9/x | sh\">Kopieer</span>",
     "data-clipboard-text"),
    ("<img src=\"%2e%2e/%2e%2e/%2e%2e/%2e%2e/buiten/x.png\">", "%2e%2e"),
]


@pytest.mark.parametrize(("payload", "on_line"), HTML_PAYLOADS)
def test_html_a_page_may_not_hold_is_refused_at_its_line(
        repo: Path, payload: str, on_line: str) -> None:
    path = repo / DOC
    edit(path, "## Voorwoord", f"## Voorwoord\n\n{payload}\n")
    line = line_of(path, on_line)
    assert (DOC, line, "html-niet-toegestaan") in findings(repo), payload


def test_html_made_by_a_macro_expression_is_refused_too(
        repo: Path, old_site: dict[str, bytes]) -> None:
    """A link assembled by an expression is only HTML after Markdown: check converts the
    rendered page as the build does, and the build checks every page it writes."""
    edit(repo / DOC, "## Voorwoord",
         "## Voorwoord\n\n{{ '[klik](java' ~ 'script:alert(1))' }}\n")
    assert any(code == "html-niet-toegestaan" for _, _, code in findings(repo))
    refused(repo, old_site)


def test_allowed_html_and_links_still_work(repo: Path) -> None:
    edit(repo / DOC, "## Voorwoord", "## Voorwoord\n\n<abbr title=\"Participatiewet\">PW"
         "</abbr>, <sup>1</sup>, [CBS](https://www.cbs.nl/), [mail](mailto:info@example.org),"
         " [hieronder](#voorwoord), [portaal](../../../index.md).\n{: .pc-eigen }\n")
    assert not [f for f in findings(repo) if f[2] == "html-niet-toegestaan"]


@pytest.mark.parametrize("text", [
    "Zie [dit](javascript:alert(1)).",
    "Zie ![x](file:///etc/passwd).",
    "Zie [dit][1].\n\n      [1]: javascript:alert(1)",
    "Alinea.\n      {: onclick=\"alert(1)\" }",
    "Zie [dit](../../../../etc/passwd).",
])
def test_markdown_in_a_data_text_is_a_subset(repo: Path, text: str) -> None:
    register = repo / "data/szmh/2019/risicos.yaml"
    edit(register, "      Sociale Zaken Maastricht Heuvelland heeft een rol",
         f"      {text}\n\n      Sociale Zaken Maastricht Heuvelland heeft een rol")
    found = [f for f in findings(repo) if f[2] == "tekst-opmaak"]
    assert found == [("data/szmh/2019/risicos.yaml", line_of(register, "- code: M1"),
                      "tekst-opmaak")]  # (a risk's texts are reported at the risk)


def test_an_organisation_name_is_text_in_every_generated_page(repo: Path) -> None:
    org = repo / "data/iasz/organisatie.yaml"
    edit(org, "naam: Intergemeentelijke Afdeling Sociale Zaken",
         "naam: \"IASZ <script>alert(1)</script> {{ config }} [x](javascript:alert(1))\"")
    edit(org, "korte_naam: IASZ", "korte_naam: \"IASZ\\nrender_macros: false\"")
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 0, run.err
    for page in ("site/iasz/index.html", "site/iasz/2024/jaarplan/index.html",
                 "site/index.html"):
        html = (repo / page).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, page
        assert 'href="javascript:' not in html, page
    org_page = (repo / "site/iasz/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#123;&#123; config &#125;&#125;" in org_page


def test_front_matter_text_cannot_break_out_of_the_theme_html(repo: Path) -> None:
    guide = repo / "docs/handleiding/index.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text("---\ndescription: 'x\" onload=\"alert(1)'\nauthor: '<script>a</script>'"
                     "\n---\n" + text.split("---\n", 2)[-1] if text.startswith("---")
                     else "---\ndescription: 'x\" onload=\"alert(1)'\nauthor: "
                     "'<script>a</script>'\n---\n" + text, encoding="utf-8")
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 0, run.err
    soup = BeautifulSoup((repo / "site/handleiding/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    meta = soup.find("meta", attrs={"name": "description"})
    assert meta is not None and meta["content"] == 'x" onload="alert(1)'
    assert not soup.select("[onload]")
    assert not [s for s in soup.find_all("script") if s.get_text() == "a"]


def test_csv_downloads_never_hold_a_formula(repo: Path) -> None:
    """Cells that start like a formula get a leading ' (OWASP's advice), numbers stay."""
    from pcdocs.render import html

    assert html.csv_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert html.csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert html.csv_cell("+31 20 123") == "'+31 20 123"
    assert html.csv_cell("-2,4") == "-2,4" and html.csv_cell("+3,5%") == "+3,5%"
    assert html.csv_cell("Bijstand") == "Bijstand"
    edit(repo / "data/szmh/2019/formatieanalyse.csv", ";Opdracht Welzijn en Zorg, beschermd wonen",
         ";=cmd|' /C calc'!A0")
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 0, run.err
    csv = (repo / "site/szmh/2019/jaarplan/formatieanalyse.csv").read_text(encoding="utf-8-sig")
    assert ";'=cmd|' /C calc'!A0" in csv
    assert ";=cmd" not in csv


def test_what_the_red_team_found_in_files_and_front_matter(
        repo: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Static files that would run in a browser, a link out of archief/, markup that would
    stall or crash Markdown: each a finding, never a traceback or a published file."""
    outside = tmp_path_factory.mktemp("buiten")
    (outside / "geheim.txt").write_text(SECRET, encoding="utf-8")
    (repo / "docs/assets/evil.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (repo / "docs/assets/x.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        encoding="utf-8")
    published = next((repo / "archief").rglob("publicatie.json")).parent
    (published / "site" / "lek").symlink_to(outside, target_is_directory=True)
    extra = repo / "docs/extra"
    extra.mkdir()
    (extra / "diep.md").write_text("# Diep\n\n" + "**" * 5000 + "x" + "**" * 5000 + "\n",
                                   encoding="utf-8")
    (extra / "haken.md").write_text("# Haken\n\n" + "[" * 20000 + "\n", encoding="utf-8")
    found = {(f, c) for f, _, c in findings(repo)}
    assert ("docs/assets/evil.html", "bestand-niet-toegestaan") in found
    assert ("docs/assets/x.svg", "bestand-niet-toegestaan") in found
    assert (published.relative_to(repo).as_posix() + "/site/lek", "link-naar-buiten") in found
    assert ("docs/extra/diep.md", "pagina-te-complex") in found
    assert ("docs/extra/haken.md", "pagina-te-complex") in found


def test_front_matter_the_theme_would_print_raw_is_dropped_or_escaped(repo: Path) -> None:
    extra = repo / "docs/extra"
    extra.mkdir()
    (extra / "a.md").write_text("---\ntitle: \"<img src=x onerror=alert('sectie')>\"\n"
                                "hide: 5\nsearch: 5\ntemplate: bestaat-niet.html\n"
                                "revision_date: \"<img src=x onerror=alert('rev')>\"\n"
                                "status: \"x\\\" onmouseover=\\\"alert(1)\"\n---\n\n"
                                "# A\n\nTekst.\n", encoding="utf-8")
    (extra / "b.md").write_text("revision_date: <img src=x onerror=alert('mmd')>\n\n# B\n",
                                encoding="utf-8")
    (extra / "c.md").write_text("# Een &lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;\n",
                                encoding="utf-8")
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    for page in ("site/extra/a/index.html", "site/extra/b/index.html",
                 "site/extra/c/index.html", "site/index.html"):
        html = (repo / page).read_text(encoding="utf-8")
        assert "<img src=x onerror" not in html, page
        assert 'onmouseover="alert' not in html, page
        assert "</title><img" not in html, page
