"""The corpus of bad input (tests/data/onjuist/, see its README): every mistake an author
makes gives a finding at the file, line and code an author would look at, in Dutch, with a
hint, and never a traceback. tests/data/juist/ holds variants that must be accepted."""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from pcdocs.codes import CODES, NOT_YET_PRODUCED, PRODUCED_ELSEWHERE

from .conftest import ROOT, Run, run_cli
from .test_errors import build, old_site  # noqa: F401  (old_site: fixture used by name)

DATA = Path(__file__).parent / "data"
SPEC = "wijziging.yaml"
# The small part of the example that the cases change: one organisation, one document.
BASE = ("mkdocs.yml", "macros", "data/iasz", "docs/iasz/2024")
# Words of PyYAML, Jinja, Python or the OS that must not reach an author untranslated.
ENGLISH = re.compile(r"\b(expected|unexpected|found|could not|cannot|not allowed|invalid|"
                     r"error|missing|unknown|no such|permission denied|traceback)\b", re.I)


@dataclass(frozen=True)
class Expected:
    file: str | None
    line: int | None
    code: str
    severity: str
    on_line: str | None  # text the line must hold after the edits (the author's line)
    hint: bool  # the finding must carry a hint

    def label(self) -> str:
        return f"{self.severity} {self.file}:{self.line}: {self.code}"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    description: str
    edits: list[dict[str, Any]]
    expected: list[Expected]
    exit_code: int
    xfail: str | None
    not_as_root: bool
    must_not_exist: list[str]
    english: str | None  # why an expected message may still hold English (a known defect)


def load_case(folder: Path) -> Case:
    spec = yaml.safe_load((folder / SPEC).read_text(encoding="utf-8"))
    assert isinstance(spec, dict) and spec.get("beschrijving"), f"{folder.name}: beschrijving"
    expected = [Expected(e["bestand"], e["regel"], e["code"], e.get("ernst", "error"),
                         e.get("op_regel"), not e.get("zonder_hint"))
                for e in spec.get("verwacht", [])]
    errors = any(e.severity == "error" for e in expected)
    return Case(folder.name, folder, spec["beschrijving"], spec.get("wijzigingen", []),
                expected, spec.get("afsluitcode", 1 if errors else 0), spec.get("xfail"),
                bool(spec.get("alleen_als_niet_root")), spec.get("mag_niet_bestaan", []),
                spec.get("bekend_engels"))


def cases(kind: str) -> list[Case]:
    return [load_case(p) for p in sorted((DATA / kind).iterdir()) if (p / SPEC).is_file()]


def params(kind: str) -> list[Any]:
    return [pytest.param(c, id=c.name, marks=[pytest.mark.xfail(reason=c.xfail, strict=True)]
                         if c.xfail else []) for c in cases(kind)]


# -- making a repository with a case's mistake ------------------------------------------------

def copy_base(target: Path) -> Path:
    for name in BASE:
        source, dest = ROOT / name, target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest)
    return target


def apply(case: Case, root: Path) -> None:
    """Put the case's files over the repository at `root`, then make its edits."""
    for path in sorted(case.folder.rglob("*")):
        rel = path.relative_to(case.folder)
        if path.is_file() and rel.as_posix() not in (SPEC, "README.md"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, root / rel)
    for edit in case.edits:
        _edit(edit, root / edit["bestand"], root)


def _text(edit: dict[str, Any], key: str, root: Path) -> bytes:
    """A text of the spec as bytes, in `codering` (default UTF-8); @ROOT@ is the repository."""
    text = str(edit[key]).replace("@ROOT@", str(root))
    return text.encode(edit.get("codering", "utf-8"))


def _edit(edit: dict[str, Any], path: Path, root: Path) -> None:
    if "vervang" in edit:
        old, new = str(edit["vervang"]).encode("utf-8"), _text(edit, "door", root)
        raw = path.read_bytes()
        assert raw.count(old) == 1, (f"{edit['bestand']}: de te vervangen tekst staat er "
                                     f"{raw.count(old)} keer in (moet 1): {edit['vervang']!r}")
        path.write_bytes(raw.replace(old, new))
    elif edit.keys() & {"tekst", "bytes_hex", "xlsx", "groot", "symlink", "map", "verwijder"}:
        _replace(edit, path, root)
    if "rechten" in edit:
        path.chmod(int(str(edit["rechten"]), 8))


def _replace(edit: dict[str, Any], path: Path, root: Path) -> None:
    """Put something else where `path` is: a file, bytes, a workbook, a link, a folder."""
    _remove(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if edit.get("verwijder"):
        return
    if edit.get("map"):
        path.mkdir()
    elif "symlink" in edit:
        path.symlink_to(edit["symlink"])
    elif "groot" in edit:
        with path.open("wb") as handle:
            handle.truncate(int(edit["groot"]))  # sparse: no disk space used
    elif "xlsx" in edit:
        _write_xlsx(path, edit["xlsx"])
    elif "bytes_hex" in edit:
        path.write_bytes(bytes.fromhex(str(edit["bytes_hex"])))
    else:
        path.write_bytes(_text(edit, "tekst", root))


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _write_xlsx(path: Path, rows: list[list[Any]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)


# -- running and judging ----------------------------------------------------------------------

def check(root: Path, *extra: str) -> tuple[Run, list[dict[str, Any]]]:
    run = run_cli("-C", str(root), "check", "--format", "json", *extra)
    assert "Traceback" not in run.err + run.out, run.err
    findings = json.loads(run.out)["findings"] if run.out.strip() else []
    assert isinstance(findings, list)
    return run, findings


def _show(findings: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {f['severity']} {f['file']}:{f['line']}: {f['code']}: {f['message']} "
                     f"({f.get('hint')})" for f in findings) or "  (geen bevindingen)"


def _line(root: Path, file: str, line: int) -> str:
    lines = (root / file).read_bytes().decode("utf-8", errors="replace").splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def judge(case: Case, root: Path) -> None:
    run, findings = check(root)
    shown = f"{case.name}: {case.description}\n{_show(findings)}\n{run.err}"
    for f in findings:
        assert f["message"] and str(f["message"]).strip(), shown
    for exp in case.expected:
        match = next((f for f in findings if (f["file"], f["line"], f["code"], f["severity"])
                      == (exp.file, exp.line, exp.code, exp.severity)), None)
        assert match is not None, f"verwacht {exp.label()}, gevonden:\n{shown}"
        if exp.on_line is not None:
            assert exp.file is not None and exp.line is not None
            assert exp.on_line in _line(root, exp.file, exp.line), \
                f"{exp.label()} wijst niet naar de regel met {exp.on_line!r}"
        if exp.hint:
            assert match.get("hint"), f"{exp.label()} heeft geen hint:\n{shown}"
        if case.english is None:
            words = ENGLISH.findall(f"{match['message']} {match.get('hint') or ''}")
            assert not words, f"{exp.label()} is niet in het Nederlands ({words}):\n{shown}"
    assert run.code == case.exit_code, shown
    if case.expected and all(e.severity == "warning" for e in case.expected):
        strict, _ = check(root, "--strict")
        assert strict.code == 1, f"--strict maakt van de waarschuwing geen fout:\n{shown}"
    for rel in case.must_not_exist:
        assert not (root / rel).exists(), f"{rel} is aangemaakt: de invoer is uitgevoerd"


# -- the tests --------------------------------------------------------------------------------

def test_base_checks_clean(tmp_path: Path) -> None:
    run, findings = check(copy_base(tmp_path))
    assert run.code == 0 and findings == [], _show(findings)


@pytest.mark.parametrize("case", params("onjuist"))
def test_bad_input_gives_its_finding(case: Case, tmp_path: Path) -> None:
    if case.not_as_root and os.geteuid() == 0:
        pytest.skip("root kan elk bestand lezen; dit geval test alleen als gewone gebruiker")
    apply(case, copy_base(tmp_path))
    judge(case, tmp_path)


@pytest.mark.parametrize("case", params("juist"))
def test_accepted_variants_check_clean(case: Case, tmp_path: Path) -> None:
    apply(case, copy_base(tmp_path))
    run, findings = check(tmp_path)
    assert run.code == 0 and findings == [], f"{case.name}: {case.description}\n" \
                                             f"{_show(findings)}"


def test_the_corpus_is_broad_and_uses_known_codes() -> None:
    bad = cases("onjuist")
    assert len(bad) >= 45
    assert len({c.name for c in bad}) == len(bad)
    for case in bad:
        assert re.fullmatch(r"\d{2,3}-[a-z0-9-]+", case.name), case.name
        assert case.expected, f"{case.name}: geen verwachte bevinding"
        for exp in case.expected:
            assert exp.code in CODES, f"{case.name}: de code {exp.code} staat niet in " \
                                      "pcdocs/codes.py"
            assert exp.severity == CODES[exp.code].severity, \
                f"{case.name}: {exp.code} is een {CODES[exp.code].severity} (pcdocs/codes.py)"


def _test_source(ref: str) -> str | None:
    """The source of the test function `tests/<file>.py::<name>` (with its decorators),
    or None."""
    import ast

    file, _, name = ref.partition("::")
    path = ROOT / file
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    found = [n for n in ast.walk(ast.parse(text))
             if isinstance(n, ast.FunctionDef) and n.name == name]
    if not found:
        return None
    start = min([found[0].lineno] + [d.lineno for d in found[0].decorator_list])
    return "\n".join(text.splitlines()[start - 1:found[0].end_lineno])  # with decorators


def test_every_registered_code_is_produced_by_a_case_or_a_named_test() -> None:
    """A code in pcdocs/codes.py is expected by a corpus case, or is in PRODUCED_ELSEWHERE
    with a test that exists and names it; NOT_YET_PRODUCED (known gaps) only shrinks."""
    by_corpus = {e.code for c in cases("onjuist") for e in c.expected}
    for code, ref in PRODUCED_ELSEWHERE.items():
        source = _test_source(ref)
        assert source is not None, f"{code}: de test {ref} bestaat niet"
        assert re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", source), \
            f"{code}: de test {ref} noemt de code niet"
    produced = by_corpus | set(PRODUCED_ELSEWHERE)
    assert NOT_YET_PRODUCED & produced == set(), \
        f"wordt nu wel gemaakt, haal uit NOT_YET_PRODUCED: {sorted(NOT_YET_PRODUCED & produced)}"
    missing = sorted(set(CODES) - produced - NOT_YET_PRODUCED)
    assert missing == [], f"codes die geen geval van tests/data/onjuist/ en geen test maakt " \
                          f"(voeg een geval toe, of noem de test in PRODUCED_ELSEWHERE): {missing}"


@pytest.mark.parametrize("name", ["48-csv-punt-als-decimaalteken", "73-injectie-globals"])
@pytest.mark.usefixtures("old_site")
def test_build_refuses_bad_input_and_keeps_the_site(name: str, repo: Path) -> None:
    case = load_case(DATA / "onjuist" / name)
    before = {p: p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    apply(case, repo)
    code, err = build(repo)
    assert code == 1, err
    for exp in case.expected:
        assert f"{exp.file}:{exp.line}: {exp.code}" in err, err
    after = {p: p.read_bytes() for p in (repo / "site").rglob("*") if p.is_file()}
    assert after == before and before
    for rel in case.must_not_exist:
        assert not (repo / rel).exists()
