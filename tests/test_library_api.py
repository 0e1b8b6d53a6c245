"""The architecture's promises: one exception tree (a git failure is a Dutch finding with an
exit code, never a traceback), versioned snapshot files (a committed snapshot without a
version is format 1, an unknown format is refused), comparisons made only with the site's
own Markdown extensions (a broken `markdown_extensions` is an error, never a quiet
fallback), and library functions that take typed arguments and print nothing: printing and
argparse live in `pcdocs/commands/cli.py`."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import pytest

from pcdocs.compare.model import Snapshot
from pcdocs.compare.snapshot import FORMAT, FORMAT_KEY, dumps, load, to_html
from pcdocs.errors import ArchiveError, ConfigError, GitFailed, PcdocsError, UsageError
from pcdocs.support import git

from .conftest import ROOT, run_cli

COMMITTED = sorted((ROOT / "archief").glob("*/*/*/*/snapshot*.json"))
OLD, NEW = "iasz/2024/jaarplan@1.0", "iasz/2025/jaarplan"


def _no_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "geen-repository"
    folder.mkdir()
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    return folder


# -- 1. one exception tree ---------------------------------------------------------------

def test_a_git_failure_is_a_pcdocs_error_in_dutch(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _no_repository(tmp_path, monkeypatch)
    with pytest.raises(PcdocsError) as caught:
        git.run(folder, "rev-parse", "HEAD")
    assert isinstance(caught.value, GitFailed) and git.GitFailed is GitFailed
    finding = caught.value.finding
    assert finding.code == "git"
    assert finding.message.startswith("git rev-parse HEAD is mislukt: ")
    detail = caught.value.detail  # git's own last line (in git's language), kept apart
    assert detail and finding.message.endswith(detail)
    assert finding.hint is not None and "git rev-parse HEAD" in finding.hint


def test_a_git_failure_in_a_command_gives_a_finding_and_exit_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever command meets a git refusal, the CLI prints the finding and returns 1."""
    folder = _no_repository(tmp_path, monkeypatch)

    def publish(root: Path, name: str, *, release: bool = False) -> None:
        git.run(folder, "log", "-1")

    monkeypatch.setattr("pcdocs.commands.publish.publish", publish)
    run = run_cli("-C", str(ROOT), "publish", "iasz/2024/jaarplan")
    assert run.code == 1 and "Traceback" not in run.err
    assert run.err.startswith("FOUT (geen bestand): git: git log -1 is mislukt: ")
    assert "(voer 'git log -1' in " in run.err and run.out == ""


def test_the_tree_has_one_root() -> None:
    from pcdocs.commands.scaffold import TargetExists

    for kind in (GitFailed, ArchiveError, ConfigError, TargetExists):
        assert issubclass(kind, PcdocsError)


# -- 2. snapshot files carry their format -----------------------------------------------

def test_committed_snapshots_have_no_version_and_load_as_before() -> None:
    assert len(COMMITTED) == 6
    for path in COMMITTED:
        raw = json.loads(path.read_text(encoding="utf-8"))
        assert FORMAT_KEY not in raw  # published before the key existed: format 1
        assert load(path) == Snapshot.from_json(raw)  # the same snapshot as before


def test_a_snapshot_file_without_version_is_format_1(tmp_path: Path) -> None:
    snap = load(COMMITTED[0])
    written = json.loads(dumps(snap))
    assert next(iter(written)) == FORMAT_KEY and written[FORMAT_KEY] == FORMAT == 1
    path = tmp_path / "snapshot.json"
    path.write_text(dumps(snap), encoding="utf-8")
    assert load(path) == snap
    del written[FORMAT_KEY]
    path.write_text(json.dumps(written), encoding="utf-8")
    assert load(path) == snap


@pytest.mark.parametrize(("version", "hint"), [
    (2, "werk pcdocs bij"), ("1", "herstel het bestand"), (0, "herstel het bestand")])
def test_an_unknown_snapshot_version_is_refused(tmp_path: Path, version: object,
                                                hint: str) -> None:
    data = json.loads(dumps(load(COMMITTED[0])))
    data[FORMAT_KEY] = version
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ArchiveError) as caught:
        load(path, "archief/x/snapshot.json")
    finding = caught.value.finding
    assert finding.file == "archief/x/snapshot.json" and finding.code == "archief"
    assert finding.message == (f"momentopname heeft formaat {json.dumps(version)}; deze pcdocs "
                               "kent alleen formaat 1")
    assert finding.hint is not None and hint in finding.hint


def test_compare_refuses_a_published_snapshot_of_a_newer_format(repo: Path) -> None:
    path = repo / "archief/iasz/2024/jaarplan/1.0/snapshot.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({FORMAT_KEY: 2, **data}), encoding="utf-8")
    run = run_cli("-C", str(repo), "compare", OLD, NEW)
    assert run.code == 1 and "Traceback" not in run.err and run.out == ""
    assert run.err.startswith("FOUT archief/iasz/2024/jaarplan/1.0/snapshot.json: archief: "
                              "momentopname heeft formaat 2; deze pcdocs kent alleen formaat 1")


def test_publish_writes_the_format(repo: Path) -> None:
    from pcdocs.commands.publish import _snapshots
    from pcdocs.compare.snapshot import take
    from pcdocs.model.repository import Repository

    repository = Repository.find(repo)
    document = repository.documents["isd-bol/2023/meerjarenbeleidsplan"]
    staging = repo / "staging"
    staging.mkdir()
    _snapshots(repository, document, staging, "0" * 40)
    assert sorted(p.name for p in staging.iterdir()) == [
        "snapshot.brunssum.json", "snapshot.json", "snapshot.landgraaf.json"]
    text = (staging / "snapshot.json").read_text(encoding="utf-8")
    assert text.startswith('{\n "formaat": 1,\n "name": ')
    assert load(staging / "snapshot.json") == take(repository, document, revision="0" * 40)


# -- the site's own Markdown extensions --------------------------------------------------

def test_the_text_is_made_with_the_sites_extensions() -> None:
    html = to_html(ROOT, "??? note \"Meer\"\n    verborgen tekst\n")  # pymdownx.details
    assert "<details" in html and "verborgen tekst" in html


@pytest.mark.parametrize(("config", "message"), [
    ("markdown_extensions:\n  - toc\n  - pcdocs_bestaat_niet\n",
     "mkdocs.yml: configuratie: markdown_extensions kan niet worden geladen: "
     "ModuleNotFoundError"),
    ("markdown_extensions:\n  - toc:\n      bestaat_niet: 1\n",
     "mkdocs.yml: configuratie: markdown_extensions kan niet worden geladen: KeyError"),
    ("markdown_extensions: toc\n", "mkdocs.yml: configuratie: markdown_extensions is geen lijst"),
    ("markdown_extensions:\n  - 7\n",
     "mkdocs.yml: configuratie: markdown_extensions: 7 is geen extensie"),
    ("markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: "
     "!!python/name:material.extensions.emoji.twemoji\n",
     "mkdocs.yml:{line}: configuratie: mkdocs.yml kan niet worden gelezen: could not "
     "determine a constructor"),
])
def test_broken_markdown_extensions_fail_the_comparison(repo: Path, config: str,
                                                        message: str) -> None:
    mkdocs = repo / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    text = text[:text.index("markdown_extensions:")] + config
    mkdocs.write_text(text, encoding="utf-8")
    message = message.format(line=text[:text.find("!!python")].count("\n") + 1)
    with pytest.raises(ConfigError) as caught:
        to_html(repo, "# Kop\n")
    assert caught.value.finding.format().startswith(message)
    run = run_cli("-C", str(repo), "compare", "iasz/2024/jaarplan", NEW)
    assert run.code == 1 and run.out == "" and "Traceback" not in run.err
    assert run.err.startswith(f"FOUT {message}")


# -- 3. typed library functions that print nothing --------------------------------------

def test_compare_is_a_function_and_the_cli_prints_its_report(
        capsys: pytest.CaptureFixture[str]) -> None:
    from pcdocs.compare.command import Compared, compare, report

    result = compare(ROOT, OLD, NEW)
    assert isinstance(result, Compared) and result.warnings == ()
    text, records = report(result.comparison), report(result.comparison, "json")
    assert json.loads(records)["summary"]["old"]["name"] == OLD
    assert capsys.readouterr() == ("", "")  # the library printed nothing
    assert run_cli("compare", OLD, NEW).out == text
    assert run_cli("compare", OLD, NEW, "--format", "json").out == records
    with pytest.raises(UsageError) as other:  # two kinds: no series, no comparison
        compare(ROOT, OLD, "deventer/2021/uitvoeringsplan")
    assert other.value.finding.code == "andere-soort"


def test_scaffold_is_a_function(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pcdocs.commands.scaffold import Scaffolded, scaffold, summary

    done = scaffold(repo, "iasz/2026/jaarplan", "iasz/2024/jaarplan", today=dt.date(2025, 9, 1))
    assert isinstance(done, Scaffolded) and "docs/iasz/2026/jaarplan.md" in done.files
    assert summary(done)[0].startswith("Nieuw document iasz/2026/jaarplan (concept, versie 0.1)")
    assert capsys.readouterr() == ("", "")


def test_publish_is_a_function_that_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           repo: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from pcdocs.commands.publish import publish, summary
    from pcdocs.errors import UsageError
    from pcdocs.output import archive

    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo.parent))
    with pytest.raises(UsageError, match="is een concept"):
        publish(repo, "iasz/2025/jaarplan")
    with pytest.raises(ConfigError, match="publiceren kan alleen vanuit een git-repository"):
        publish(repo, "isd-bol/2023/meerjarenbeleidsplan")  # 1.0: not published, no git
    assert capsys.readouterr() == ("", "")
    published = archive.Published("iasz", 2024, "jaarplan", "1.0",
                                   repo / "archief/iasz/2024/jaarplan/1.0",
                                   {"status": "vastgesteld", "title": "Jaarplan 2024",
                                    "commit": "a" * 40, "files": {"index.html": "x"}})
    assert summary(published, repo) == [
        "Gepubliceerd: Jaarplan 2024, versie 1.0 (vastgesteld) uit commit aaaaaaaaaaaa: "
        "1 bestanden in archief/iasz/2024/jaarplan/1.0/.",
        'Leg de publicatie vast: git add archief/iasz/2024/jaarplan/1.0 && git commit -m '
        '"Publicatie iasz/2024/jaarplan 1.0"']


def _library_modules() -> list[Path]:
    return [p for p in sorted((ROOT / "pcdocs").rglob("*.py")) if p.name != "cli.py"]


def test_only_the_cli_prints_and_parses_arguments() -> None:
    """No library module imports argparse; `print` only in progress.py, to the stream it
    was given (a module's own `if __name__ == "__main__":` script part aside)."""
    for path in _library_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        tree.body = [n for n in tree.body if not (
            isinstance(n, ast.If) and "__main__" in ast.unparse(n.test))]
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert "argparse" not in names, f"{rel}:{node.lineno} imports argparse"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "print":
                assert rel == "pcdocs/support/progress.py" and any(
                    k.arg == "file" for k in node.keywords), f"{rel}:{node.lineno} prints"


def test_a_fact_too_large_for_text_is_compared_by_value_and_a_bug_is_not_hidden(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from decimal import Decimal

    from pcdocs.model.facts import from_figure
    from pcdocs.model.figures import Figure, Unit

    huge = Figure(Decimal("1E+30"), Unit.EURO, (), "Groot")
    assert from_figure("geld", "groot", huge, "bedrag").text == "1000000000000000000000000000000"

    def broken(self: Figure, form: str | None = None) -> str:
        raise TypeError("een fout in pcdocs")

    monkeypatch.setattr(Figure, "text", broken)
    with pytest.raises(TypeError, match="een fout in pcdocs"):
        from_figure("geld", "klein", Figure(Decimal(1), Unit.EURO, (), "Klein"), "bedrag")


def test_the_build_never_leaves_out_a_comparison_quietly_for_a_damaged_version(
        repo: Path) -> None:
    """The build's comparison pages skip a document with errors (reported at their place),
    but a published snapshot it cannot read stops the build with its error."""
    from pcdocs.compare.pages import pages
    from pcdocs.model.repository import Repository

    path = repo / "archief/iasz/2024/jaarplan/1.0/snapshot.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({FORMAT_KEY: 2, **data}), encoding="utf-8")
    with pytest.raises(ArchiveError, match="momentopname heeft formaat 2"):
        pages(Repository.find(repo), orgs={"iasz"})


def test_the_preview_guard_reports_its_failure_once() -> None:
    """The guard keeps watching after a failure, but says so (once, not at every look)."""
    import logging
    import threading
    import time
    from types import SimpleNamespace

    from pcdocs.commands.preview import Guard

    server = SimpleNamespace(observer=SimpleNamespace(is_alive=lambda: True))
    guard = Guard(server, [], 0.01)  # type: ignore[arg-type]
    looks = threading.Event()

    def look() -> bool:
        looks.set()
        raise OSError("de map is weg")

    guard.look = look  # type: ignore[method-assign]
    said: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: said.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs.plugins.pcdocs")
    logger.addHandler(handler)
    try:
        guard.start()
        assert looks.wait(5)
        time.sleep(0.2)
        guard.stopped.set()
        guard.join(5)
    finally:
        logger.removeHandler(handler)
    assert len(said) == 1 and "(OSError: de map is weg)" in said[0]
