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
