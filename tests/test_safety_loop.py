"""The author's loop survives every mistake (issue 17, "Trust under attack").

`pcdocs serve` keeps running whatever stops a rebuild: a macro that cannot be worked out, a
deleted organisation file, a deleted data/ folder, a broken mkdocs.yml, an exception in a
plugin. Each is a message in the terminal and on the page, every request is answered within
a bounded time, and the next save that fixes it shows the page again. `pcdocs build` removes
the scratch folders of builds that were killed, and a full disk is a message with exit code
1, no traceback and the old site untouched.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, copy_example, run_cli

DOCUMENT = "iasz/2024/jaarplan"
PAGE = f"{DOCUMENT}/"
SOURCE = f"docs/{DOCUMENT}.md"
LINE = 12  # "Voor u ligt het jaarplan {{ jaar }} van ..." in the example
ANSWER_WITHIN = 10.0  # seconds: no request of the preview may take longer (it never hangs)
SHOWN_WITHIN = 60.0  # seconds: a save is on the page (a rebuild on a busy machine)


# -- a running preview ----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Preview:
    """`pcdocs serve` of one document (or of the whole site) on a copy of the example, in its
    own process, as an author runs it."""

    def __init__(self, root: Path, log: Path, document: str | None = DOCUMENT) -> None:
        self.root, self.log_file, self.port = root, log, free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.scratch = log.parent / "tmp"
        self.scratch.mkdir(exist_ok=True)
        command = [sys.executable, "-m", "pcdocs", "-C", str(root), "serve",
                   *([document] if document else []), "--adres", f"127.0.0.1:{self.port}"]
        env = {**os.environ, "TMPDIR": str(self.scratch), "PYTHONUNBUFFERED": "1",
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        self.sink = log.open("wb")
        self.process = subprocess.Popen(command, stdout=self.sink, stderr=subprocess.STDOUT,
                                        env=env, cwd=ROOT)

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str = PAGE) -> tuple[int, str, float]:
        """(status, body, seconds) of one request; fails when it is not answered in time."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(self.url + path, timeout=ANSWER_WITHIN) as answer:
                status, body = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        except (TimeoutError, urllib.error.URLError) as error:
            if isinstance(error, urllib.error.URLError) and not isinstance(
                    error.reason, TimeoutError):
                raise
            raise AssertionError(f"{path} werd niet binnen {ANSWER_WITHIN} s beantwoord "
                                 f"(het voorbeeld hangt):\n{self.log()}") from None
        return status, body.decode("utf-8", errors="replace"), time.monotonic() - started

    def wait_for(self, shown: Callable[[str], bool], what: str, path: str = PAGE) -> str:
        """The page once it shows `what`; the preview must stay alive meanwhile."""
        deadline = time.monotonic() + SHOWN_WITHIN
        body = ""
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"het voorbeeld is gestopt:\n{self.log()}"
            try:
                _, body, seconds = self.get(path)
            except urllib.error.URLError:  # (not yet listening)
                time.sleep(0.2)
                continue
            assert seconds < ANSWER_WITHIN
            if shown(body):
                return body
            time.sleep(0.1)
        raise AssertionError(f"de pagina toonde niet {what}:\n{body[-3000:]}\n{self.log()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=30)
        self.sink.close()
        assert code == 0, self.log()
        assert "Traceback" not in self.log(), self.log()
        assert not list(self.scratch.iterdir()), "de tijdelijke site is niet opgeruimd"


def is_document(body: str) -> bool:
    """The document page as it should be: its figures, and no failure on it."""
    return 'class="pc-cijfer' in body and "Deze pagina bevat fouten" not in body \
        and "kan niet worden bijgewerkt" not in body


def shows_failure(*parts: str) -> Callable[[str], bool]:
    """The page says that it has errors, and names each of `parts` (file:line: code)."""
    def shown(body: str) -> bool:
        text = re.sub(r"<[^>]+>", "", body).replace("&#x27;", "'").replace("&#39;", "'")
        return "Deze pagina bevat fouten" in text and all(p in text for p in parts)
    return shown


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_example(tmp_path_factory.mktemp("ongerept"))


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory, pristine: Path) -> Iterator[Preview]:
    """One preview of the IASZ plan for this module's tests: each test breaks something,
    and leaves the repository as it found it by repairing it (which it tests)."""
    root = copy_example(tmp_path_factory.mktemp("voorbeeld"))
    running = Preview(root, tmp_path_factory.mktemp("log") / "serve.log")
    try:
        running.wait_for(is_document, "het document")
        yield running
    finally:
        running.stop()


def restore(preview: Preview, pristine: Path, *paths: str) -> None:
    for rel in paths:
        source, target = pristine / rel, preview.root / rel
        if source.is_dir():
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)


def edit(path: Path, old: str, new: str, line: int | None = None) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    index = (line - 1) if line is not None else next(
        i for i, text in enumerate(lines) if old in text)
    assert old in lines[index], lines[index]
    lines[index] = lines[index].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


# -- the preview survives -------------------------------------------------------------------

@pytest.mark.parametrize(("expression", "code", "says"), [
    ("{{ jaar / 0 }}", "macro-fout", "deze macro kan niet worden uitgerekend"),
    # a page does not compute with a figure: the formula belongs in berekeningen.yaml
    ("{{ cijfer('formatie.fte') / 2 }}", "rekenen-in-pagina",
     "de pagina rekent met cijfers uit macro's (formatie.fte / 2)")])
def test_a_macro_that_cannot_be_worked_out_is_a_message_and_the_preview_recovers(
        preview: Preview, pristine: Path, expression: str, code: str, says: str) -> None:
    page = preview.root / SOURCE
    edit(page, "{{ jaar }}", expression, LINE)
    try:
        where = f"{SOURCE}:{LINE}: {code}"
        preview.wait_for(shows_failure(where), f"de fout {where}")
        assert re.search(rf"{re.escape(where)}: {re.escape(says)}", preview.log()), \
            preview.log()
    finally:
        restore(preview, pristine, SOURCE)
    preview.wait_for(is_document, "het herstelde document")
    assert "_Macro Rendering Error_" not in preview.log()  # (mkdocs-macros' own traceback)


def test_a_deleted_organisation_file_is_a_message_and_restoring_it_shows_the_page(
        preview: Preview, pristine: Path) -> None:
    org_file = preview.root / "data/iasz/organisatie.yaml"
    org_file.unlink()
    try:
        preview.wait_for(shows_failure("data/iasz/organisatie.yaml: organisatie-ontbreekt"),
                         "dat het organisatiebestand ontbreekt")
        assert "FOUT data/iasz/organisatie.yaml: organisatie-ontbreekt" in preview.log()
    finally:
        restore(preview, pristine, "data/iasz/organisatie.yaml")
    preview.wait_for(is_document, "het document met het teruggezette organisatiebestand")


def test_a_deleted_data_folder_is_answered_at_once_and_watched_again_when_it_returns(
        preview: Preview, pristine: Path) -> None:
    shutil.rmtree(preview.root / "data")
    try:
        preview.wait_for(shows_failure("data/: ontbreekt"), "dat data/ ontbreekt")
        for _ in range(5):  # every request is answered, none waits for a build
            status, body, seconds = preview.get()
            assert seconds < 2 and status == 500 and "data/: ontbreekt" in body
        status, _, _ = preview.get("iasz/2024/jaarplan/onbekend.css")
        assert status == 404
    finally:
        restore(preview, pristine, "data")
    preview.wait_for(is_document, "het document met de teruggezette gegevens")
    # the folder is watched again: a saved data file is on the page
    edit(preview.root / "data/iasz/2024/formatie.yaml", "vrouwen: 32", "vrouwen: 33")
    span = r'data-source="data/iasz/2024/formatie\.yaml:13"[^>]*>33</span>'
    try:
        preview.wait_for(lambda body: re.search(span, body) is not None,
                         "de gewijzigde formatie")
    finally:
        restore(preview, pristine, "data/iasz/2024/formatie.yaml")
    preview.wait_for(is_document, "het document")


def test_a_broken_mkdocs_yml_is_a_message_and_the_preview_recovers(
        preview: Preview, pristine: Path) -> None:
    config = preview.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "name: material", "name: materiaal", 1), encoding="utf-8")
    try:
        preview.wait_for(shows_failure("mkdocs.yml: mkdocs:", "materiaal"),
                         "de fout in mkdocs.yml")
    finally:
        restore(preview, pristine, "mkdocs.yml")
    preview.wait_for(is_document, "het document")


def test_an_exception_in_a_plugin_is_a_message_and_the_preview_recovers(
        preview: Preview, pristine: Path) -> None:
    hook = preview.root / "kapot.py"
    hook.write_text("def on_page_markdown(markdown, **kwargs):\n"
                    "    raise RuntimeError('de plugin is kapot')\n", encoding="utf-8")
    config = preview.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - kapot.py\n",
                      encoding="utf-8")
    try:
        preview.wait_for(shows_failure(f"{SOURCE}: interne-fout",
                                       "RuntimeError: de plugin is kapot"),
                         "de fout van de plugin")
    finally:
        restore(preview, pristine, "mkdocs.yml")
        hook.unlink()
    preview.wait_for(is_document, "het document")


def test_the_preview_of_the_whole_site_survives_a_deleted_data_folder(
        tmp_path: Path, pristine: Path) -> None:
    (tmp_path / "repo").mkdir()
    root = copy_example(tmp_path / "repo")
    running = Preview(root, tmp_path / "serve.log", document=None)
    try:
        running.wait_for(is_document, "het document")
        data = root / "data"
        data.rename(tmp_path / "data-weg")
        running.wait_for(shows_failure("data/: ontbreekt"), "dat data/ ontbreekt")
        _, _, seconds = running.get("")
        assert seconds < 2
        (tmp_path / "data-weg").rename(data)
        running.wait_for(is_document, "het document met de teruggezette gegevens")
    finally:
        running.stop()


# -- the parts of the preview, without a server ---------------------------------------------

def test_preflight_names_what_is_missing(repo: Path) -> None:
    from pcdocs.commands.preview import preflight

    assert preflight(repo, DOCUMENT) == [] and preflight(repo) == []
    (repo / "data/szmh/organisatie.yaml").unlink()
    assert preflight(repo, DOCUMENT) == []  # another organisation's file: not this preview's
    [whole] = preflight(repo)
    assert (whole.file, whole.code) == ("data/szmh/organisatie.yaml", "organisatie-ontbreekt")
    (repo / f"docs/{DOCUMENT}.md").unlink()
    [gone] = preflight(repo, DOCUMENT)
    assert (gone.file, gone.code) == (SOURCE, "onbekend-document")
    shutil.rmtree(repo / "data")
    assert [(f.file, f.code) for f in preflight(repo, DOCUMENT)] == [("data/", "ontbreekt")]


def test_a_macro_that_stopped_mkdocs_macros_is_a_finding_at_its_line() -> None:
    """mkdocs-macros (on_error_fail) calls exit() in its `except`: the error is the
    context of the SystemExit; the page and its line offset come from the session."""
    import jinja2

    from pcdocs.commands.preview import failure_findings

    class Page:
        file, line_offset = SOURCE, 9

    template = jinja2.Environment().from_string("a\nb\n{{ jaar / 0 }}")
    try:
        try:
            template.render(jaar=2024)
        except ZeroDivisionError:
            sys.exit(1)
    except SystemExit as stopped:
        [finding] = failure_findings(stopped, ROOT, None, Page())  # type: ignore[arg-type]
    assert finding.format().startswith(
        f"{SOURCE}:12: macro-fout: deze macro kan niet worden uitgerekend: deling door nul")


def test_the_guard_watches_a_folder_again_that_was_deleted_and_restored(
        tmp_path: Path) -> None:
    """watchdog stops looking at a folder that is deleted; the guard looks again when it is
    back and asks for a rebuild (MkDocs' server parts it uses are in this test)."""
    from pcdocs.commands.preview import Guard, PreviewServer

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.yaml").write_text("a: 1\n", encoding="utf-8")
    builds: list[int] = []
    server = PreviewServer(builder=lambda: builds.append(1), host="127.0.0.1", port=0,
                           root=str(tmp_path), polling_interval=0.05)
    server.watch(str(folder))
    server.observer.start()
    guard = Guard(server, [folder, tmp_path / "later"], 0.05)
    try:
        assert server.watching(folder) and not guard.look()
        shutil.rmtree(folder)
        deadline = time.monotonic() + 10
        while server.watching(folder) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not server.watching(folder)  # watchdog gave up on it
        assert guard.look() and server._want_rebuild  # gone: a rebuild says so
        server._want_rebuild = False
        folder.mkdir()
        assert guard.look() and server._want_rebuild  # back: watched again, rebuilt
        assert server.watching(folder) and server._watched_paths[str(folder)] == 1
        (tmp_path / "later").mkdir()  # planned, but not there at the start
        assert guard.look() and server.watching(tmp_path / "later")
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


# -- pcdocs build: killed builds, a full disk -----------------------------------------------

def dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def test_the_next_build_removes_the_scratch_folders_of_killed_builds(repo: Path) -> None:
    import fcntl

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT),
                                                         os.environ.get("PYTHONPATH", "")])}
    killed = subprocess.Popen([sys.executable, "-m", "pcdocs", "-C", str(repo), "build",
                               "--geen-pdf", "-q"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    scratch = repo / f"site.bouw-{killed.pid}"
    deadline = time.monotonic() + 120
    while not any(scratch.glob("*")) and time.monotonic() < deadline:
        assert killed.poll() is None, "de build was al klaar"
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    assert scratch.is_dir()  # what kill -9 leaves behind
    other = dead_pid()
    stale_old = repo / f"site.oud-{other}"  # killed between its two renames
    stale_old.mkdir()
    (stale_old / "index.html").write_text("de vorige site", encoding="utf-8")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    running = repo / f"site.bouw-{sleeper.pid}"  # a build that still runs
    locked = repo / f"site-2.bouw-{dead_pid()}"  # one this machine cannot see, but locks
    stranger = repo / "site.bouw-mijn-map"  # not the pattern: an author's own folder
    for folder in (running, locked, stranger):
        folder.mkdir()
    handle = os.open(locked, os.O_RDONLY)
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        run = run_cli("-C", str(repo), "build", "--geen-pdf", "-q")
        assert run.code == 0, run.err
        assert not scratch.exists()
        assert not stale_old.exists()
        assert running.is_dir() and locked.is_dir() and stranger.is_dir()
        assert (repo / "site/index.html").read_text(encoding="utf-8") != "de vorige site"
        assert not list(repo.glob("site.oud-*"))
    finally:
        os.close(handle)
        sleeper.kill()
        sleeper.wait()


def test_a_build_killed_between_its_renames_gets_its_old_site_back(tmp_path: Path) -> None:
    from pcdocs.commands.build import remove_abandoned

    old = tmp_path / f"site.oud-{dead_pid()}"
    old.mkdir()
    (old / "index.html").write_text("oud", encoding="utf-8")
    new = tmp_path / f"site.bouw-{dead_pid()}"
    new.mkdir()
    assert sorted(remove_abandoned(tmp_path)) == sorted([old.name, new.name])
    assert (tmp_path / "site/index.html").read_text(encoding="utf-8") == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _fill_disk_at(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    """Make writing into the new site fail as on a full disk."""
    full = OSError(errno.ENOSPC, "No space left on device")
    if where == "pagina":  # MkDocs writes a page: the error names the file
        import mkdocs.utils

        real = mkdocs.utils.write_file

        def write_file(content: bytes, output_path: str) -> None:
            if ".bouw-" in output_path and output_path.endswith("jaarplan/index.html"):
                raise OSError(errno.ENOSPC, "No space left on device", output_path)
            real(content, output_path)

        monkeypatch.setattr(mkdocs.utils, "write_file", write_file)
    else:  # a chart or CSV file of a page, written to an open file: no name in the error
        real_bytes = Path.write_bytes

        def write_bytes(self: Path, data: Any) -> int:
            if ".bouw-" in str(self):
                raise full
            return real_bytes(self, data)

        monkeypatch.setattr(Path, "write_bytes", write_bytes)


@pytest.mark.parametrize("where", ["pagina", "grafiek"])
def test_a_full_disk_is_a_message_exit_1_and_the_old_site_stays(
        repo: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    site = repo / "site"
    site.mkdir()
    (site / "index.html").write_text("de vorige site", encoding="utf-8")
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    _fill_disk_at(monkeypatch, where)
    run = run_cli("-C", str(repo), "build", "--geen-pdf", "-q")
    assert run.code == 1, run.err
    assert "Traceback" not in run.err + run.out
    assert re.search(r"FOUT site\.bouw-\d+(/\S+)?: schijf-vol: de nieuwe site kon niet "
                     r"worden geschreven: de schijf is vol \(maak ruimte vrij op de schijf "
                     rf"waarop {re.escape(str(repo))} staat, bijvoorbeeld", run.err), run.err
    if where == "pagina":
        assert re.search(r"site\.bouw-\d+/iasz/2024/jaarplan/index\.html", run.err), run.err
    assert "De vorige site/ is ongewijzigd." in run.err
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not [p.name for p in repo.iterdir() if re.search(r"\.(bouw|oud)-", p.name)]


def test_a_full_disk_with_debug_shows_the_traceback(repo: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from pcdocs.commands.cli import main
    from pcdocs.errors import BuildFailed

    _fill_disk_at(monkeypatch, "pagina")
    with pytest.raises(BuildFailed) as raised:
        main(["--debug", "-C", str(repo), "build", "--geen-pdf", "-q"])
    assert isinstance(raised.value.__cause__, OSError)
    assert raised.value.__cause__.errno == errno.ENOSPC
    assert raised.value.finding.code == "build"
    assert [f.code for f in raised.value.findings] == ["schijf-vol"]


def test_any_command_that_cannot_read_or_write_says_so_in_dutch(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pcdocs.commands import cli

    def denied(*args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", str(repo / "site"))

    monkeypatch.setitem(cli.COMMANDS, "check", denied)
    run = run_cli("-C", str(repo), "check")
    assert run.code == 1
    assert run.err.startswith("FOUT site: geen-schrijfrecht: dit bestand kon niet worden "
                              "gelezen of geschreven: u hebt geen toestemming"), run.err
    assert "Traceback" not in run.err
