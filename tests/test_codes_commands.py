"""Finding codes that `pcdocs check` cannot give on the bad-input corpus: the command line
itself, `build`, `merge`, `serve`, `new`, `publish` and `compare`. Each test puts a user in
the situation, runs the command as the user would (`run_cli`, or `python -m pcdocs` for the
live preview), and asserts the exact code and that the message says what to do. The codes are
listed in `PRODUCED_ELSEWHERE` (pcdocs/codes.py) with these tests."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pcdocs.commands.build import build
from pcdocs.errors import BuildFailed, DataError
from pcdocs.model import tables

from .conftest import ROOT, run_cli
from .test_bad_input import copy_base


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=t@x",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


def _committed(root: Path) -> Path:
    """`root` as a git repository with everything in one commit."""
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "voorbeeld")
    return root


def _broken_figure(root: Path) -> None:
    """The mistake of case 49 of the corpus: a text where the total fte belongs (line 3)."""
    path = root / "data/iasz/2024/formatie.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("totaal_fte: 38.09") == 1
    path.write_text(text.replace("totaal_fte: 38.09", "totaal_fte: vier"), encoding="utf-8")


# -- the command line --------------------------------------------------------------------------

def test_wrong_use_of_the_command_line_is_gebruik_with_exit_2(tmp_path: Path) -> None:
    run = run_cli("-C", str(tmp_path), "build", "--geen-pdf", "--uit", "data")
    assert (run.code, run.out) == (2, "")
    assert run.err == ("FOUT (geen bestand): gebruik: --uit 'data' kan niet (noem een nieuwe "
                       "map naast mkdocs.yml, bijvoorbeeld site-1)\n")
    run = run_cli("-C", str(tmp_path), "compare", "iasz/2024", "iasz/2024/jaarplan")
    assert run.code == 2
    assert run.err.startswith("FOUT (geen bestand): gebruik: 'iasz/2024' is geen documentnaam "
                              "(schrijf <organisatie>/<jaar>/<document>")
    run = run_cli("-C", str(tmp_path))
    assert run.code == 2
    assert run.err.startswith("FOUT (geen bestand): gebruik: noem een opdracht: build, merge, ")
    run = run_cli("-C", str(tmp_path), "check", "--format", "xml")  # argparse's own message
    assert run.code == 2
    assert run.err.startswith("FOUT (geen bestand): gebruik: ")
    assert run.err.rstrip().endswith("(zie 'pcdocs --help')") and "Traceback" not in run.err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_is_no_repository_is_geen_repository(tmp_path: Path) -> None:
    folder = tmp_path / "notities"
    folder.mkdir()
    for command in (["check"], ["build", "--geen-pdf"], ["publish", "iasz/2024/jaarplan"]):
        run = run_cli("-C", str(folder), *command)
        assert (run.code, run.out) == (1, ""), command
        assert run.err == (f"FOUT (geen bestand): geen-repository: geen pcdocs-repository "
                           f"gevonden in {folder} of hoger (ga naar de map met mkdocs.yml, "
                           "docs/ en data/)\n"), command
    assert list(folder.iterdir()) == []


# -- build and merge ---------------------------------------------------------------------------

def test_a_build_with_errors_is_build_and_names_every_finding(tmp_path: Path) -> None:
    root = copy_base(tmp_path)
    _broken_figure(root)
    (root / "site").mkdir()
    (root / "site/oud.txt").write_text("vorige site", encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        build(root, pdf=False)
    failed = caught.value
    assert failed.finding.code == "build"
    assert failed.finding.message == "de build is afgebroken: 1 fout(en)"
    [error] = [f for f in failed.findings if f.severity == "error"]
    assert (error.file, error.line, error.code) == ("data/iasz/2024/formatie.yaml", 3,
                                                     "geen-getal")
    # the command prints each finding, then the summary the code stands for
    run = run_cli("-C", str(root), "build", "--geen-pdf")
    assert (run.code, run.out) == (1, "")
    lines = run.err.splitlines()
    assert "FOUT data/iasz/2024/formatie.yaml:3: geen-getal: " in run.err
    assert lines[-1] == ("Build afgebroken: 1 fout(en), 0 waarschuwing(en). De vorige site/ is "
                         "ongewijzigd.")
    assert _tree(root / "site") == {"oud.txt": b"vorige site"}


def test_compare_of_a_document_with_errors_names_the_errors(tmp_path: Path) -> None:
    root = copy_base(tmp_path)
    _broken_figure(root)
    run = run_cli("-C", str(root), "compare", "iasz/2024/jaarplan", "iasz/2024/jaarplan")
    assert run.code == 1 and run.out == ""
    assert "build: de build is afgebroken" in run.err
    assert "FOUT data/iasz/2024/formatie.yaml:3: geen-getal: " in run.err


def test_a_wrong_shard_is_shard_with_exit_2(tmp_path: Path) -> None:
    run = run_cli("-C", str(tmp_path), "build", "--geen-pdf", "--shard", "4/3")
    assert (run.code, run.out) == (2, "")
    assert run.err.endswith("FOUT (geen bestand): shard: --shard 4/3: het deel moet tussen 1 en "
                            "3 liggen (gebruik 1/3 tot en met 3/3)\n")
    run = run_cli("-C", str(tmp_path), "build", "--geen-pdf", "--shard", "twee")
    assert run.code == 2
    assert run.err.endswith("FOUT (geen bestand): shard: --shard 'twee' is geen K/N (schrijf "
                            "bijvoorbeeld --shard 2/3: het tweede van drie delen)\n")
    assert list(tmp_path.iterdir()) == []


def test_merging_without_every_shard_is_shard_ontbreekt(tmp_path: Path) -> None:
    root = copy_base(tmp_path)
    built = run_cli("-C", str(root), "build", "--geen-pdf", "--shard", "2/2", "--uit", "deel-2")
    assert built.code == 0, built.err
    (root / "site").mkdir()
    (root / "site/oud.txt").write_text("vorige site", encoding="utf-8")
    run = run_cli("-C", str(root), "merge", "deel-2")  # the artifact of 1/2 was forgotten
    assert (run.code, run.out) == (2, "")
    assert run.err == ("FOUT (geen bestand): shard-ontbreekt: deel 1/2 ontbreekt (noem de "
                       "uitvoer van alle delen)\n")
    assert _tree(root / "site") == {"oud.txt": b"vorige site"}


# -- the live preview --------------------------------------------------------------------------

def test_a_preview_address_in_use_is_adres_bezet(tmp_path: Path) -> None:
    root = copy_base(tmp_path / "repo")
    scratch = tmp_path / "tmp"  # where the preview keeps its site while it runs
    scratch.mkdir()
    with socket.socket() as other:  # another preview, or any program, has the port
        other.bind(("127.0.0.1", 0))
        other.listen()
        address = f"127.0.0.1:{other.getsockname()[1]}"
        done = subprocess.run(
            [sys.executable, "-m", "pcdocs", "-C", str(root), "serve", "iasz/2024/jaarplan",
             "--adres", address], capture_output=True, text=True, timeout=300,
            env={**os.environ, "TMPDIR": str(scratch)}, cwd=ROOT)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.rstrip().endswith(
        f"FOUT (geen bestand): adres-bezet: het adres {address} is al in gebruik (stop het "
        "andere voorbeeld, of kies een andere poort, bijvoorbeeld --adres 127.0.0.1:8001)")
    assert list(scratch.iterdir()) == []  # the temporary site is removed


# -- pcdocs new ------------------------------------------------------------------------------

def test_new_from_a_document_with_a_shared_data_folder_is_gedeelde_gegevens(repo: Path) -> None:
    shutil.copytree(repo / "data/iasz/2024", repo / "data/iasz/gegevens")
    page = repo / "docs/iasz/2024/jaarplan.md"
    text = page.read_text(encoding="utf-8")
    assert text.count("periode: 2024\n") == 1
    page.write_text(text.replace("periode: 2024\n", "periode: 2024\ndata: iasz/gegevens\n"),
                    encoding="utf-8")
    before = _tree(repo)
    run = run_cli("-C", str(repo), "new", "iasz/2026/jaarplan", "--from", "iasz/2024/jaarplan")
    assert (run.code, run.out) == (1, "")
    assert run.err == (
        "FOUT docs/iasz/2024/jaarplan.md: gedeelde-gegevens: de gegevensmap data/iasz/gegevens/ "
        "heeft geen jaartal en wordt gedeeld; pcdocs new kan hem niet voor een nieuw jaar "
        "kopiëren (geef iasz/2024/jaarplan een gegevensmap met het jaar erin, bijv. data: "
        "iasz/2024)\n")
    assert _tree(repo) == before


def test_new_that_cannot_write_is_schrijven_and_leaves_nothing(repo: Path) -> None:
    # data/iasz/2026 is a file (not a folder), so nothing can be written under it (as root,
    # the other way to make writing fail, a folder without write permission, does not work)
    (repo / "data/iasz/2026").write_text("notitie\n", encoding="utf-8")
    before = _tree(repo)
    run = run_cli("-C", str(repo), "new", "iasz/2026/jaarplan", "--from", "iasz/2024/jaarplan")
    assert (run.code, run.out) == (1, "")
    assert run.err.startswith("FOUT data/iasz/2026/formatie.yaml: schrijven: kan "
                              "data/iasz/2026/formatie.yaml niet schrijven (")
    assert run.err.rstrip().endswith("(controleer de map en de rechten; er is niets "
                                     "geschreven)")
    assert _tree(repo) == before and not (repo / "docs/iasz/2026").exists()


# -- pcdocs publish ----------------------------------------------------------------------------

def test_publishing_a_concept_without_release_is_concept(repo: Path) -> None:
    run = run_cli("-C", str(repo), "publish", "iasz/2025/jaarplan")
    assert (run.code, run.out) == (2, "")
    assert run.err == ("FOUT (geen bestand): concept: iasz/2025/jaarplan versie 0.3 is een "
                       "concept (publiceer een concept alleen als het uitdrukkelijk is "
                       "vrijgegeven: pcdocs publish iasz/2025/jaarplan --vrijgeven)\n")
    assert not (repo / "archief/iasz/2025").exists()


def test_publishing_a_published_version_again_is_al_gepubliceerd(repo: Path) -> None:
    before = _tree(repo / "archief")
    run = run_cli("-C", str(repo), "publish", "iasz/2024/jaarplan")
    assert (run.code, run.out) == (1, "")
    assert run.err == ("FOUT archief/iasz/2024/jaarplan/1.0: al-gepubliceerd: versie 1.0 van "
                       "iasz/2024/jaarplan is al gepubliceerd (een gepubliceerde versie "
                       "verandert nooit; verhoog 'versie' in docs/iasz/2024/jaarplan.md voor "
                       "een nieuwe publicatie)\n")
    assert _tree(repo / "archief") == before


def test_publishing_outside_git_is_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo.parent))  # no repository above
    run = run_cli("-C", str(repo), "publish", "deventer/2021/uitvoeringsplan")
    assert (run.code, run.out) == (1, "")
    assert run.err == ("FOUT (geen bestand): git: publiceren kan alleen vanuit een "
                       "git-repository met ten minste één commit (git init && git add . && "
                       "git commit)\n")
    assert not (repo / "archief/deventer").exists()


def test_publishing_with_uncommitted_changes_is_niet_vastgelegd(repo: Path) -> None:
    _committed(repo)
    nota = repo / "data/deventer/2021/nota.yaml"
    nota.write_text(nota.read_text(encoding="utf-8") + "# nog te bespreken\n", encoding="utf-8")
    run = run_cli("-C", str(repo), "publish", "deventer/2021/uitvoeringsplan")
    assert (run.code, run.out) == (2, "")
    assert run.err == ("FOUT (geen bestand): niet-vastgelegd: de werkmap heeft wijzigingen die "
                       "niet zijn vastgelegd: data/deventer/2021/nota.yaml (leg ze eerst vast "
                       "(git commit), zodat de publicatie naar een commit verwijst)\n")
    assert not (repo / "archief/deventer").exists()


# -- pcdocs compare ----------------------------------------------------------------------------

def test_compare_of_an_edition_that_does_not_exist_is_onbekende_editie(repo: Path) -> None:
    run = run_cli("-C", str(repo), "compare", "iasz/2024/jaarplan:haarlem",
                  "iasz/2024/jaarplan:heemstede")
    assert (run.code, run.out) == (2, "")
    assert run.err == ("FOUT (geen bestand): onbekende-editie: 'iasz/2024/jaarplan' heeft geen "
                       "editie 'haarlem' (edities: bloemendaal, heemstede)\n")
    # the same in a published version, whose snapshots are the editions it had
    run = run_cli("-C", str(repo), "compare", "iasz/2024/jaarplan:haarlem@1.0",
                  "iasz/2024/jaarplan:heemstede")
    assert (run.code, run.out) == (2, "")
    assert run.err == ("FOUT (geen bestand): onbekende-editie: versie 1.0 van "
                       "iasz/2024/jaarplan heeft geen editie haarlem\n")


def test_compare_with_a_revision_that_does_not_exist_is_git_revisie(repo: Path) -> None:
    _committed(repo)
    run = run_cli("-C", str(repo), "compare", "iasz/2024/jaarplan@v9", "iasz/2024/jaarplan")
    assert (run.code, run.out) == (2, "")
    assert run.err == ("FOUT (geen bestand): git-revisie: 'v9' is geen gepubliceerde versie van "
                       "iasz/2024/jaarplan en geen git-revisie (gepubliceerde versies: 1.0; "
                       "git-revisies: git log --oneline)\n")


def test_compare_with_a_damaged_publication_record_is_archief(repo: Path) -> None:
    record = repo / "archief/iasz/2024/jaarplan/1.0/publicatie.json"
    json.loads(record.read_text(encoding="utf-8"))  # (it is a record now)
    record.write_text('{"commit": "abc", ', encoding="utf-8")  # cut off: a bad merge, say
    run = run_cli("-C", str(repo), "compare", "iasz/2024/jaarplan@1.0", "iasz/2024/jaarplan")
    assert (run.code, run.out) == (1, "")
    assert run.err.startswith("FOUT archief/iasz/2024/jaarplan/1.0/publicatie.json: archief: "
                              "publicatie kan niet worden gelezen: ")
    assert run.err.rstrip().endswith("(herstel het bestand uit git (git checkout -- archief))")


# -- reading a workbook --------------------------------------------------------------------

def test_a_sheet_that_is_not_in_the_workbook_is_werkblad(tmp_path: Path) -> None:
    """Only the library reads a named sheet (`read_xlsx(sheet=...)`); no data file names one
    yet, so `check` cannot give this code."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Inhuur"
    sheet.append(["periode", "bedrag"])
    book.create_sheet("Toelichting")
    path = tmp_path / "inhuur.xlsx"
    book.save(path)
    assert tables.read_xlsx(path, "data/iasz/2024/inhuur.xlsx", sheet="Inhuur").header
    with pytest.raises(DataError) as caught:
        tables.read_xlsx(path, "data/iasz/2024/inhuur.xlsx", sheet="2024")
    finding = caught.value.finding
    assert (finding.code, finding.file, finding.message, finding.hint) == (
        "werkblad", "data/iasz/2024/inhuur.xlsx", "werkblad '2024' bestaat niet",
        "werkbladen: Inhuur, Toelichting")
