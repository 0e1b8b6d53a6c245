from __future__ import annotations

import json
from pathlib import Path

from pcdocs import __version__
from pcdocs.commands.cli import main

from .conftest import run_cli


def test_check_is_clean_on_the_example(repo: Path) -> None:
    run = run_cli("-C", str(repo), "check")
    assert run.code == 0
    assert "Controle klaar: 0 fout(en), 0 waarschuwing(en)." in run.out


def test_check_json_follows_the_fixed_interface(repo: Path) -> None:
    (repo / "data/iasz/2024/formatie.yaml").write_text("peildatum: morgen\ntotaal_fte: 38.09\n",
                                                       encoding="utf-8")
    run = run_cli("-C", str(repo), "check", "--format", "json")
    assert run.code == 1
    findings = json.loads(run.out)["findings"]
    assert findings
    for f in findings:
        assert set(f) >= {"severity", "code", "file", "line", "message"}
        assert f["severity"] in ("error", "warning")
    assert {"file": "data/iasz/2024/formatie.yaml", "line": 1, "code": "geen-datum"}.items() <= \
        next(f for f in findings if f["code"] == "geen-datum").items()


def test_check_warns_about_unknown_data_files(repo: Path) -> None:
    (repo / "data/iasz/2024/begroting.yml").write_text("a: 1\n", encoding="utf-8")
    run = run_cli("-C", str(repo), "check")
    assert run.code == 0
    assert "LET OP data/iasz/2024/begroting.yml: onbekend-bestand" in run.out
    assert run_cli("-C", str(repo), "check", "--strict").code == 1


def test_usage_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    run = run_cli()
    assert run.code == 2 and "noem een opdracht" in run.err
    run = run_cli("bouw")
    assert run.code == 2 and "Traceback" not in run.err
    run = run_cli("build", "--onbekend")
    assert run.code == 2


def test_outside_a_repository(tmp_path: Path) -> None:
    run = run_cli("-C", str(tmp_path), "build")
    assert run.code == 1
    assert "geen pcdocs-repository gevonden" in run.err


def test_version(capsys: object) -> None:
    try:
        main(["--version"])
    except SystemExit as exit_:
        assert exit_.code == 0
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert out.strip() == f"pcdocs {__version__}"


def test_strict_build_fails_on_warnings(repo: Path) -> None:
    edit = repo / "data/iasz/2024/indicatoren.yaml"
    text = edit.read_text(encoding="utf-8")
    start = text.index("        toelichting: >-\n          De norm van {norm}")
    end = text.index("  - code: reintegratie-plan")
    edit.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 0
    assert "toelichting-ontbreekt" in run.err
    assert run_cli("-C", str(repo), "build", "--strict").code == 1
