"""Issue 17, the PDF engine under attack: WeasyPrint reads only what the resource policy
allows (files of the site being built, pcdocs' assets, the sources pcdocs attaches), a
refused URL fails the build with a finding, and nothing outside reaches a PDF; a document's
PDF changes only when one of its own sources does; `compare` survives a revision with an
absolute symlink."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import StreamObject

from pcdocs.output import pdf
from pcdocs.output.printing import PrintMeta

from .conftest import ROOT, copy_example, run_cli

SECRET = "GEHEIM-7f3a9c"
SECRET_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40">'
              f'<text x="0" y="20">{SECRET}</text></svg>')


# -- helpers ---------------------------------------------------------------------------------

class _Server:
    """A local HTTP server that records every request it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        seen = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen.append(self.path)
                body = SECRET_SVG.encode()
                self.send_response(200)
                self.send_header("Content-Type", "image/svg+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[_Server]:
    running = _Server()
    yield running
    running.close()


def everything_in(path: Path) -> bytes:
    """A PDF's raw bytes, every stream decoded, its attachments and its extracted text."""
    parts = [path.read_bytes()]
    reader = PdfReader(str(path))
    for number in range(1, int(reader.trailer.get("/Size", 0))):
        try:
            obj = reader.get_object(number)
            if isinstance(obj, StreamObject):
                parts.append(obj.get_data())
        except Exception:  # free entries, undecodable filters
            continue
    for contents in reader.attachments.values():
        parts += contents
    with pdfplumber.open(path) as document:
        parts += [(p.extract_text() or "").encode() for p in document.pages]
    return b"\n".join(parts)


def environ_marker() -> bytes:
    """One entry of this process's /proc/self/environ (what a leak would embed)."""
    entries = Path("/proc/self/environ").read_bytes().split(b"\0")
    return next(e for e in entries if e.startswith(b"PATH="))


META = PrintMeta(title="Proef", organisation="Gemeente Proef", short_name="Proef",
                 gemeenten="", colour="#004488", text_colour="#ffffff", doc_type="Jaarplan",
                 period="2024", version="1.0", status="vastgesteld", concept=False,
                 date="1 januari 2024", created="2024-01-01T00:00:00+00:00")


def job_for(site: Path, content: str, **fields: Any) -> pdf.PdfJob:
    """A print job for a page at site/org/2024/doc/, as editions.jobs() makes one."""
    folder = site / "org/2024/doc"
    folder.mkdir(parents=True, exist_ok=True)
    job = pdf.PdfJob(name="org/2024/doc", content=content, meta=META, base_dir=str(folder),
                     target=str(folder / "org-2024-doc.pdf"), created=META.created)
    known = set(pdf.PdfJob.__dataclass_fields__)
    extra = {k: v for k, v in fields.items() if k in known}
    return replace(job, **extra) if extra else job


def planted(tmp_path: Path) -> Path:
    """A secret outside the site: the repository root's neighbour."""
    secret = tmp_path / "planted-secret.svg"
    secret.write_text(SECRET_SVG, encoding="utf-8")
    return secret


def assert_no_leak(site: Path, result: pdf.PdfResult) -> None:
    marker = environ_marker()
    for written in site.rglob("*.pdf"):
        data = everything_in(written)
        assert SECRET.encode() not in data, written
        assert marker not in data, written
    assert not Path(result.target).exists()  # a refused PDF is not written at all


# -- 1. the resource policy, at the level of one print job -----------------------------------

ATTACKS = {
    "file-absoluut": '<p><img src="file://{secret}" alt="x"></p>',
    "proc-environ": '<link rel="attachment" href="file:///proc/self/environ"><p>tekst</p>',
    "omhoog": '<p><img src="../../../../planted-secret.svg" alt="x"></p>',
    "omhoog-gecodeerd": '<p><img src="%2e%2e/%2e%2e/%2e%2e/%2e%2e/planted-secret.svg"></p>',
    "symlink-in-site": '<p><img src="link.svg" alt="x"></p>',
    "css-import": '<style>@import url("file://{secret}");</style><p>tekst</p>',
    "css-achtergrond": '<p style="background: url(\'file://{secret}\')">tekst</p>',
    "object": '<object data="file://{secret}" type="image/svg+xml"></object>',
    # a data: URI reads nothing outside the page, but is only allowed for images; and what
    # an image in it names goes through the same policy
    "data-bijlage": '<link rel="attachment" href="data:text/plain,geen%20bron"><p>x</p>',
    "svg-in-data-uri": ('<p><img alt="x" src="data:image/svg+xml;utf8,<svg xmlns=\'http://www.w3'
                        '.org/2000/svg\' xmlns:xlink=\'http://www.w3.org/1999/xlink\' width=\''
                        '300\' height=\'40\'><image width=\'300\' height=\'40\' xlink:href='
                        '\'file://{secret}\'/></svg>"></p>'),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_file_outside_the_site_never_reaches_the_pdf(tmp_path: Path, attack: str) -> None:
    secret = planted(tmp_path)
    site = tmp_path / "site"
    job = job_for(site, ATTACKS[attack].format(secret=secret), site_dir=str(site),
                  source="docs/org/2024/doc.md")
    (site / "org/2024/doc/link.svg").symlink_to(secret)
    result = pdf.render(job)
    assert_no_leak(site, result)
    assert result.refused, "the policy must report what it refused"
    [finding] = pdf.findings([result])[:1]
    assert finding.severity == "error" and finding.code == "pdf-bron-geweigerd"
    assert finding.file == "docs/org/2024/doc.md" and "org/2024/doc" in finding.message
    assert result.refused[0][0][:60] in finding.message


def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    job = job_for(site, '<p><img src="file:///dev/zero"><img src="pijp.svg"></p>'
                  '<link rel="attachment" href="file:///dev/urandom">', site_dir=str(site))
    os.mkfifo(site / "org/2024/doc/pijp.svg")  # a pipe inside the site: never opened
    result = pdf.render(job)
    assert not Path(job.target).exists()
    reasons = dict(result.refused)
    assert set(reasons) >= {"file:///dev/zero", "file:///dev/urandom"}
    assert any(url.endswith("pijp.svg") and reason == "geen gewoon bestand"
               for url, reason in result.refused)


def test_the_network_is_never_asked(tmp_path: Path, server: _Server) -> None:
    site = tmp_path / "site"
    job = job_for(site, f'<p><img src="{server.url}/plaatje.svg"></p>'
                  f'<link rel="attachment" href="{server.url}/bijlage.txt">'
                  f'<style>@import url("{server.url}/stijl.css");'
                  f'@font-face {{ font-family: X; src: url("{server.url}/f.ttf") }}</style>'
                  f'<p><a rel="attachment" href="{server.url}/a.txt">bijlage</a></p>',
                  site_dir=str(site), source="docs/org/2024/doc.md")
    result = pdf.render(job)
    assert server.requests == []
    assert_no_leak(site, result)
    refused = {url for url, _ in result.refused}
    assert {f"{server.url}/plaatje.svg", f"{server.url}/bijlage.txt"} <= refused
    assert all("netwerk" in reason for _, reason in result.refused)


def test_what_the_site_holds_is_printed(tmp_path: Path) -> None:
    """The policy lets through what pcdocs' own pages use: a chart next to the page, a file
    elsewhere in the site, pcdocs' fonts, the attached sources inside the repository."""
    root = tmp_path / "repo"
    source = root / "data/org/2024/cijfers.yaml"
    source.parent.mkdir(parents=True)
    source.write_text("fte: 38.09\n", encoding="utf-8")
    site = root / "site"
    (site / "org/2024/doc").mkdir(parents=True)
    chart = SECRET_SVG.replace(SECRET, "GRAFIEK-IN-DE-SITE")
    (site / "org/2024/doc/grafiek.svg").write_text(chart, encoding="utf-8")
    (site / "assets").mkdir()
    (site / "assets/logo.svg").write_text(chart.replace("GRAFIEK", "LOGO"), encoding="utf-8")
    png = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAA"
           "BJRU5ErkJggg==")  # a chart's embedded raster (matplotlib writes them so)
    job = job_for(site, '<p><img src="grafiek.svg"><img src="../../../assets/logo.svg">'
                  f'<img src="data:image/png;base64, {png}"></p>',
                  site_dir=str(site), source_root=str(root),
                  attachments=(pdf.Attachment(str(source), "data/org/2024/cijfers.yaml",
                                              "gegevens"),))
    result = pdf.render(job)
    assert result.refused == ()
    text = "\n".join(p.extract_text() or "" for p in pdfplumber.open(job.target).pages)
    assert "GRAFIEK-IN-DE-SITE" in text and "LOGO-IN-DE-SITE" in text
    assert PdfReader(job.target).attachments == {
        "data/org/2024/cijfers.yaml": [b"fte: 38.09\n"]}


def test_an_attached_source_outside_the_repository_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "data/lek.yaml").symlink_to(planted(tmp_path))
    site = root / "site"
    job = job_for(site, "<p>tekst</p>", site_dir=str(site), source_root=str(root),
                  attachments=(pdf.Attachment(str(root / "data/lek.yaml"), "data/lek.yaml",
                                              "gegevens"),))
    result = pdf.render(job)
    assert_no_leak(site, result)
    assert [url for url, _ in result.refused] == ["data/lek.yaml"]


def test_refusals_come_back_from_the_worker_pool_and_are_not_cached(tmp_path: Path) -> None:
    from pcdocs.support.cache import DiskCache

    secret = planted(tmp_path)
    site = tmp_path / "site"
    bad = job_for(site, f'<p><img src="file://{secret}"></p>', site_dir=str(site),
                  source="docs/org/2024/doc.md")
    good = replace(bad, name="org/2024/ander", content="<p>tekst</p>",
                   target=str(site / "org/2024/doc/ander.pdf"))
    disk = DiskCache(tmp_path)
    results = pdf.render_all([bad, good], workers=2, disk=disk)
    assert [bool(r.refused) for r in results] == [True, False]
    assert not Path(bad.target).exists() and Path(good.target).is_file()
    again = pdf.render_all([bad, good], workers=1, disk=disk)
    assert again[0].refused and again[0].seconds > 0  # rendered (and refused) again
    assert again[1].seconds == 0.0  # from the cache


# -- 1b. through a page: the build fails with a finding, nothing is published ----------------

BUILD = """
import json, sys
from pathlib import Path
from pcdocs.commands.build import BuildFailed, build
try:
    build(Path(sys.argv[1]), pdf_only={"deventer/2021/uitvoeringsplan"})
except BuildFailed as exc:
    print(json.dumps([[f.severity, f.code, f.file, f.message] for f in exc.findings]))
    sys.exit(1)
print("[]")
"""


def test_a_page_that_names_outside_files_fails_the_build(tmp_path: Path,
                                                         server: _Server) -> None:
    (tmp_path / "repo").mkdir()
    root = copy_example(tmp_path / "repo")
    secret = planted(tmp_path)
    page = root / "docs/deventer/2021/uitvoeringsplan.md"
    page.write_text(page.read_text(encoding="utf-8") + (
        f'\n\n<p><img src="file://{secret}" alt="a"></p>\n\n'
        '<p><img src="../../../../../planted-secret.svg" alt="b"></p>\n\n'
        f'<p><img src="{server.url}/c.svg" alt="c"></p>\n\n'
        '<p><img src="file:///dev/zero" alt="d"></p>\n\n'
        '<link rel="attachment" href="file:///proc/self/environ">\n'), encoding="utf-8")
    env = {**os.environ, "PCDOCS_PROEF_GEHEIM": SECRET}
    done = subprocess.run([sys.executable, "-c", BUILD, str(root)], capture_output=True,
                          text=True, env=env, timeout=600, cwd=ROOT)
    assert done.returncode == 1, done.stderr[-3000:]
    findings = json.loads(done.stdout.strip().splitlines()[-1])
    named = [f for f in findings if f[0] == "error" and f[2] == "docs/deventer/2021/"
             "uitvoeringsplan.md"]
    assert named, findings
    text = " ".join(f[3] for f in named)
    assert str(secret) in text or "planted-secret" in text or "file:" in text
    assert server.requests == []
    assert not (root / "site").exists()  # nothing published
    for path in root.rglob("*"):
        if path.is_file() and path.name != "uitvoeringsplan.md":
            data = everything_in(path) if path.suffix == ".pdf" else path.read_bytes()
            assert SECRET.encode() not in data, path


def test_an_svg_in_docs_that_names_outside_files_is_refused_and_leaks_nothing(
        tmp_path: Path, server: _Server) -> None:
    """An image the site may show (an SVG from docs/) that itself loads a file outside the
    site or an address on the network: `check` refuses such an SVG (bestand-niet-toegestaan),
    and the PDF engine would refuse what it loads (pdf-bron-geweigerd); either way the
    build fails, nothing is published and no request is made."""
    (tmp_path / "repo").mkdir()
    root = copy_example(tmp_path / "repo")
    secret = planted(tmp_path)
    (root / "docs/deventer/2021/plaatje.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="300" height="120">'
        f'<image width="300" height="40" xlink:href="file://{secret}"/>'
        '<image y="40" width="300" height="40" xlink:href="../../../../planted-secret.svg"/>'
        f'<image y="80" width="300" height="40" xlink:href="{server.url}/d.svg"/></svg>',
        encoding="utf-8")
    page = root / "docs/deventer/2021/uitvoeringsplan.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n![Een plaatje](plaatje.svg)\n",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", BUILD, str(root)], capture_output=True,
                          text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 1, done.stderr[-3000:]
    findings = json.loads(done.stdout.strip().splitlines()[-1])
    refused = {(f[1], f[2]) for f in findings}
    assert ("bestand-niet-toegestaan", "docs/deventer/2021/plaatje.svg") in refused \
        or ("pdf-bron-geweigerd", "docs/deventer/2021/uitvoeringsplan.md") in refused, findings
    assert server.requests == []
    assert not (root / "site").exists()
    for path in root.rglob("*"):
        if path.is_file() and path.name != "plaatje.svg":
            data = everything_in(path) if path.suffix == ".pdf" else path.read_bytes()
            assert SECRET.encode() not in data, path


# -- 2. a document's PDF changes only when the document does ---------------------------------

def git(root: Path, *args: str, when: str = "2024-03-01T12:00:00+00:00") -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@x", "HOME": str(root), "PATH": "/usr/bin:/bin",
           "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True, env=env).stdout


DEVENTER = "deventer/2021/uitvoeringsplan"
PIJNACKER = "pijnacker-nootdorp/2022/voortgangsrapportage"


def test_a_commit_to_one_document_leaves_the_others_as_they_were(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pcdocs.commands.build import build

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (tmp_path / "repo").mkdir()
    root = copy_example(tmp_path / "repo")
    (root / ".gitignore").write_text("site/\n.pcdocs-cache/\n", encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "voorbeeld", when="2024-03-01T12:00:00+00:00")
    first_commit = git(root, "rev-parse", "HEAD").strip()
    only = {DEVENTER, PIJNACKER}

    def pdfs() -> dict[str, tuple[bytes, dict[str, object]]]:
        listed = json.loads((root / "site/manifest.json").read_text(encoding="utf-8"))
        return {f"{e['org']}/{e['year']}/{e['doc']}": ((root / "site" / e["pdf"]).read_bytes(),
                                                       e)
                for e in listed["documents"] if e["pdf"] and not e["archived"]}

    build(root, pdf_only=only)
    before = pdfs()
    page = root / "docs/deventer/2021/uitvoeringsplan.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEen regel erbij.\n",
                    encoding="utf-8")
    git(root, "commit", "-qam", "deventer", when="2024-06-01T12:00:00+00:00")
    second_commit = git(root, "rev-parse", "HEAD").strip()
    result = build(root, pdf_only=only)
    after = pdfs()
    assert result.session is not None
    rendered = {r.name for r in result.session.pdf_results if r.seconds > 0}
    assert rendered == {DEVENTER}  # Pijnacker-Nootdorp came from the cache
    assert after[PIJNACKER][0] == before[PIJNACKER][0]  # byte for byte
    assert after[PIJNACKER][1]["source_commit"] == first_commit
    assert after[PIJNACKER][1]["source_date"] == "2024-03-01T12:00:00+00:00"
    assert after[DEVENTER][0] != before[DEVENTER][0]
    assert after[DEVENTER][1]["source_commit"] == second_commit
    assert after[DEVENTER][1]["source_date"] == "2024-06-01T12:00:00+00:00"
    assert after[DEVENTER][1]["source_uncommitted"] is False
    info = PdfReader(str(root / "site" / str(after[DEVENTER][1]["pdf"]))).metadata
    assert info is not None and str(info.get("/ModDate", "")).startswith("D:20240601")


def test_the_stamp_of_committed_uncommitted_and_pinned_sources(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pcdocs.output.editions import SourceStamps

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path
    for name in ("docs/a.md", "docs/b.md", "data/a/x.yaml", "pcdocs/code.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "een", when="2024-01-01T00:00:00+00:00")
    one = git(root, "rev-parse", "HEAD").strip()
    (root / "docs/b.md").write_text("anders", encoding="utf-8")
    git(root, "commit", "-qam", "twee", when="2024-02-01T00:00:00+00:00")
    a = ("data/a/x.yaml", "docs/a.md", "pcdocs")
    stamp = SourceStamps(root).of(a)
    assert (stamp.commit, stamp.created, stamp.uncommitted) == (
        one, "2024-01-01T00:00:00+00:00", False)
    (root / "data/a/x.yaml").write_text("nog niet vastgelegd", encoding="utf-8")
    stamp = SourceStamps(root).of(a)
    assert (stamp.commit, stamp.created, stamp.uncommitted) == (
        one, "2024-02-01T00:00:00+00:00", True)  # HEAD's date, and marked
    (root / "pcdocs/new.py").write_text("x", encoding="utf-8")  # untracked code counts too
    assert SourceStamps(root).of(("docs/b.md", "pcdocs")).uncommitted
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert SourceStamps(root).of(a).created == "2023-11-14T22:13:20+00:00"


# -- 3. compare with a revision that holds an absolute symlink -------------------------------

def test_compare_a_revision_with_an_absolute_symlink(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    root = copy_example(tmp_path / "repo")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "voorbeeld")
    outside = tmp_path / "buiten"
    outside.mkdir()
    (root / "docs/iasz/lek").symlink_to("/etc/passwd")
    (root / "data/iasz/weg").symlink_to(outside / "doel")
    (root / "docs/iasz/omhoog").symlink_to("../../../buiten/ook")
    git(root, "add", ".")
    git(root, "commit", "-qm", "symlinks")
    run = run_cli("-C", str(root), "compare", "iasz/2024/jaarplan@HEAD~1",
                  "iasz/2024/jaarplan@HEAD", "--format", "json")
    assert "Traceback" not in run.err and "AbsoluteLinkError" not in run.err
    assert run.code in (0, 1, 2), run.err
    if run.code == 0:
        assert set(json.loads(run.out)) == {"summary", "changes", "text"}
    else:
        assert "revisie" in run.err
    assert list(outside.iterdir()) == []  # nothing written outside the temporary folder
    shutil.rmtree(outside)
