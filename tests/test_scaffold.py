"""`pcdocs new`: next year's document and data from last year's, never overwriting anything."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import shutil
from pathlib import Path

import pytest

from pcdocs.blocks import indicatoren
from pcdocs.commands import scaffold
from pcdocs.commands.scaffold import new_document
from pcdocs.model.frontmatter import Period, Status, split_front_matter
from pcdocs.model.repository import DocRef, Repository

from .conftest import run_cli

TODAY = dt.date(2025, 11, 3)
IASZ_DATA = ["formatie.yaml", "indicatoren.yaml", "kerncijfers.yaml", "lijsten.yaml",
             "verzuim.yaml"]


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for top in ("docs", "data") for p in sorted((root / top).rglob("*")) if p.is_file()}


def load_indicators(root: Path, folder: str) -> indicatoren.Indicatoren:
    rel = f"data/{folder}/indicatoren.yaml"
    return indicatoren.load(root / rel, rel)


def norm(ind: indicatoren.Indicator, year: int) -> tuple[object, object] | None:
    found = ind.norm(year)
    return None if found is None else (found.value.value if found.value else None,
                                       found.comparator)


def without_2025(root: Path) -> None:
    """Another example may claim iasz 2025 one day; this copy must not have it."""
    for folder in ("docs/iasz/2025", "data/iasz/2025"):
        shutil.rmtree(root / folder, ignore_errors=True)


def test_a_gap_year_gets_last_years_norms_and_slots_for_the_year_just_ended(repo: Path) -> None:
    created = new_document(repo, "iasz/2026/jaarplan", "iasz/2024/jaarplan", today=TODAY)
    assert created == ["docs/iasz/2026/jaarplan.md",
                       *(f"data/iasz/2026/{name}" for name in IASZ_DATA)]
    doc = Repository(repo).load_document(DocRef("iasz", 2026, "jaarplan"))
    meta = doc.meta
    assert (meta.period, meta.version, meta.status, meta.date, meta.decision) == (
        Period(2026, 2026), "0.1", Status.CONCEPT, TODAY, None)
    old_text = (repo / "docs/iasz/2024/jaarplan.md").read_text(encoding="utf-8")
    new_text = (repo / "docs/iasz/2026/jaarplan.md").read_text(encoding="utf-8")
    assert split_front_matter(new_text)[2] == split_front_matter(old_text)[2]  # body as is
    assert new_text.startswith("---\norganisatie: iasz\nsoort: jaarplan\nperiode: 2026\n"
                               'versie: "0.1"\nstatus: concept\ndatum: 2025-11-03\n---\n')
    for name in IASZ_DATA[:1] + IASZ_DATA[2:]:
        assert (repo / f"data/iasz/2026/{name}").read_bytes() == \
            (repo / f"data/iasz/2024/{name}").read_bytes()
    old, new = load_indicators(repo, "iasz/2024"), load_indicators(repo, "iasz/2026")
    for before, after in zip(old.indicators, new.indicators, strict=True):
        assert norm(after, 2026) == norm(before, 2024) is not None
        assert sorted(after.norms) == [2023, 2024, 2026]  # kept; nothing for the gap year
        assert norm(after, 2023) == norm(before, 2023)
        combos = {r.slug for r in before.realisations}
        slots = [r for r in after.realisations if r.year == 2025]
        assert {r.slug for r in slots} == combos and all(r.value is None for r in slots)
    assert sum(1 for i in new.indicators for r in i.realisations if r.year == 2025) == 12


def test_the_indicator_file_is_edited_as_text(repo: Path) -> None:
    new_document(repo, "iasz/2026/jaarplan", "iasz/2024/jaarplan", today=TODAY)
    old = (repo / "data/iasz/2024/indicatoren.yaml").read_text(encoding="utf-8").splitlines()
    new = (repo / "data/iasz/2026/indicatoren.yaml").read_text(encoding="utf-8").splitlines()
    diff = list(difflib.ndiff(old, new))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    assert all(line.startswith("    normen: {2023:") for line in removed)  # comments all kept
    assert "    normen: {2023: 100, 2024: 100, 2026: 100}" in added
    assert added.count("      - jaar: 2025") == 12
    assert "        uitsplitsing: Bijzondere bijstand" in added
    assert not any("waarde" in line for line in added)


def test_block_style_norms_gemeenten_and_existing_slots(repo: Path) -> None:
    path = repo / "data/iasz/2024/indicatoren.yaml"
    path.write_text(path.read_text(encoding="utf-8") + """
  - code: klanttevredenheid
    groep: bestuur
    omschrijving: Rapportcijfer klanttevredenheid
    eenheid: cijfer
    vergelijking: minimaal
    normen:
      2023: 7.0   # uit het klantonderzoek
      2024:
        waarde: 7.5
        vergelijking: meer-dan
    realisaties:
      - jaar: 2023
        gemeente: heemstede
        waarde: 7.2
      - {jaar: 2023, gemeente: bloemendaal, waarde: 7.4}
      - jaar: 2025
        gemeente: heemstede
""", encoding="utf-8")
    new_document(repo, "iasz/2026/jaarplan", "iasz/2024/jaarplan", today=TODAY)
    ind = load_indicators(repo, "iasz/2026").get("klanttevredenheid")
    assert norm(ind, 2026) == norm(ind, 2024) == (7.5, indicatoren.Comparator.ABOVE)
    slots = [(r.gemeente, r.value) for r in ind.realisations if r.year == 2025]
    assert slots == [("heemstede", None), ("bloemendaal", None)]  # the existing one kept
    text = (repo / "data/iasz/2026/indicatoren.yaml").read_text(encoding="utf-8")
    assert "      2023: 7.0   # uit het klantonderzoek\n" in text


def test_next_year_and_a_decision_and_title(repo: Path) -> None:
    without_2025(repo)
    new_document(repo, "iasz/2025/jaarplan", "iasz/2024/jaarplan", today=TODAY)
    ind = load_indicators(repo, "iasz/2025").get("lo-8wk")
    assert norm(ind, 2025) == norm(ind, 2024) is not None
    assert [r.year for r in ind.realisations if r.value is None] == [2024]
    new_document(repo, "deventer/2022/uitvoeringsplan", "deventer/2021/uitvoeringsplan",
                 today=TODAY)
    text = (repo / "docs/deventer/2022/uitvoeringsplan.md").read_text(encoding="utf-8")
    front = split_front_matter(text)[0] or ""
    assert "besluit" not in front and "orgaan" not in front and "nummer" not in front
    assert "titel: Uitvoeringsplan 2022 programma 7\n" in front
    assert "ondertitel: Inkomensvoorziening en arbeidsmarkt\n" in front
    assert "datum: 2025-11-03\n" in front  # the comment about the old date is gone


def test_a_multi_year_plan_moves_its_whole_period(repo: Path) -> None:
    created = new_document(repo, "isd-bol/2024/meerjarenbeleidsplan",
                           "isd-bol/2023/meerjarenbeleidsplan", today=TODAY)
    meta = Repository(repo).load_document(DocRef("isd-bol", 2024, "meerjarenbeleidsplan")).meta
    assert (meta.period, meta.version, meta.status) == (Period(2024, 2027), "0.1",
                                                        Status.CONCEPT)
    # the source (version 1.0) is a fictitious example, and so is the plan made from it
    assert meta.title == "Meerjarenbeleidsplan ISD BOL 2024–2027 (fictief voorbeeld)"
    old = sorted(p.name for p in (repo / "data/isd-bol/2023").iterdir())
    assert created[1:] == [f"data/isd-bol/2024/{name}" for name in old]
    for name in old:
        before = (repo / "data/isd-bol/2023" / name).read_text(encoding="utf-8")
        after = (repo / "data/isd-bol/2024" / name).read_text(encoding="utf-8")
        if name == "indicatoren.yaml":  # the norms of 2023 carried to the new plan year
            assert after == re.sub(r"\{2023: (\d+)\}", r"{2023: \1, 2024: \1}", before)
            assert after != before
        else:
            assert after == before, name
    assert not (repo / "data/isd-bol/2024/organisatie.yaml").exists()  # shared, not copied


def test_cli_summary_and_check_flags_the_empty_slots(repo: Path) -> None:
    run = run_cli("-C", str(repo), "new", "iasz/2026/jaarplan", "--from", "iasz/2024/jaarplan")
    assert run.code == 0, run.err
    text = (repo / "data/iasz/2026/indicatoren.yaml").read_text(encoding="utf-8")
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == "      - jaar: 2025"]
    assert "  data/iasz/2026/verzuim.yaml\n" in run.out
    assert (f"Vul de realisaties 2025 in: data/iasz/2026/indicatoren.yaml regel "
            f"{', '.join(map(str, lines))}.") in run.out
    assert "pcdocs check" in run.out
    assert run_cli("-C", str(repo), "new", "isd-bol/2024/meerjarenbeleidsplan", "--from",
                   "isd-bol/2023/meerjarenbeleidsplan").code == 0
    check = run_cli("-C", str(repo), "check", "--format", "json")
    assert check.code == 0, check.out
    findings = json.loads(check.out)["findings"]
    assert [f for f in findings if f["severity"] == "error"] == []
    empty = [f for f in findings if f["code"] == "realisatie-leeg"]
    assert [(f["file"], f["line"], f["severity"]) for f in empty] == [
        ("data/iasz/2026/indicatoren.yaml", n, "warning") for n in lines]
    assert "bb-3wk" in empty[6]["message"] and "2025" in empty[6]["message"]
    assert empty[0]["hint"] == "vul de waarde in zodra de realisatie bekend is"


def test_a_slot_for_the_documents_own_year_is_not_flagged(tmp_path: Path) -> None:
    path = tmp_path / "indicatoren.yaml"
    path.write_text("groepen:\n  g: {titel: G}\nindicatoren:\n  - code: x\n    groep: g\n"
                    "    omschrijving: X\n    eenheid: aantal\n    vergelijking: minimaal\n"
                    "    normen: {2025: 1}\n    realisaties:\n      - jaar: 2024\n"
                    "      - jaar: 2025\n", encoding="utf-8")
    record = indicatoren.load(path, "data/t/2025/indicatoren.yaml")
    found = indicatoren.empty_slots(record, 2025)
    assert [(f.code, f.severity, f.line) for f in found] == [("realisatie-leeg", "warning", 11)]
    assert "x" in found[0].message and "2024" in found[0].message


def test_running_twice_fails_and_changes_nothing(repo: Path) -> None:
    args = ("-C", str(repo), "new", "iasz/2026/jaarplan", "--from", "iasz/2024/jaarplan")
    assert run_cli(*args).code == 0
    before = snapshot(repo)
    run = run_cli(*args)
    assert run.code == 1
    assert "Traceback" not in run.err
    assert "FOUT docs/iasz/2026/jaarplan.md: bestaat-al:" in run.err
    for rel in ["docs/iasz/2026/jaarplan.md", *(f"data/iasz/2026/{n}" for n in IASZ_DATA)]:
        assert rel in run.err
    assert snapshot(repo) == before
    assert not list(repo.rglob("*.tmp"))


def test_one_existing_data_file_stops_everything(repo: Path) -> None:
    (repo / "data/iasz/2026").mkdir(parents=True)
    (repo / "data/iasz/2026/verzuim.yaml").write_text("# van mij\n", encoding="utf-8")
    run = run_cli("-C", str(repo), "new", "iasz/2026/jaarplan", "--from", "iasz/2024/jaarplan")
    assert run.code == 1
    assert "data/iasz/2026/verzuim.yaml" in run.err and "overschrijft nooit" in run.err
    assert not (repo / "docs/iasz/2026").exists()
    assert sorted(p.name for p in (repo / "data/iasz/2026").iterdir()) == ["verzuim.yaml"]
    assert (repo / "data/iasz/2026/verzuim.yaml").read_text(encoding="utf-8") == "# van mij\n"


def test_a_failed_write_leaves_nothing_behind(repo: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    before = snapshot(repo)
    placed: list[Path] = []

    def place(tmp: Path, dest: Path) -> None:
        if len(placed) == 3:
            raise PermissionError(13, "Permission denied", str(dest))
        tmp.rename(dest)
        placed.append(dest)

    monkeypatch.setattr(scaffold, "_place", place)
    run = run_cli("-C", str(repo), "new", "iasz/2026/jaarplan", "--from", "iasz/2024/jaarplan")
    assert run.code == 1 and "Traceback" not in run.err
    assert "kan data/iasz/2026/kerncijfers.yaml niet schrijven" in run.err  # the 4th
    assert snapshot(repo) == before
    assert not (repo / "docs/iasz/2026").exists() and not (repo / "data/iasz/2026").exists()


@pytest.mark.parametrize(("target", "source", "code", "message"), [
    ("iasz/2024", "iasz/2024/jaarplan", 2, "'iasz/2024' is geen documentnaam"),
    ("iasz/2026/jaarplan", "iasz/2024/jaarplan.md", 2, "is geen documentnaam"),
    ("iasz/2023/jaarplan", "iasz/2024/jaarplan", 2, "het jaar 2023 ligt niet na 2024"),
    ("iasz/2024/jaarplan", "iasz/2024/jaarplan", 2, "ligt niet na 2024"),
    ("iasz/2026/jaarplan", "iasz/2022/jaarplan", 2, "iasz/2022/jaarplan bestaat niet"),
    ("iasz/2026/jaarplan", "iasz/2024/jaarpaln", 2, "bedoelde u 'iasz/2024/jaarplan'?"),
    ("iasz/2026/uitvoeringsplan", "iasz/2024/jaarplan", 2, "dezelfde organisatie en soort"),
    ("szmh/2026/jaarplan", "iasz/2024/jaarplan", 2, "schrijf iasz/2026/jaarplan"),
])
def test_wrong_names_are_refused_in_dutch(repo: Path, target: str, source: str, code: int,
                                          message: str) -> None:
    before = snapshot(repo)
    run = run_cli("-C", str(repo), "new", target, "--from", source)
    assert run.code == code
    assert message in run.err
    assert "Traceback" not in run.err and run.out == ""
    assert snapshot(repo) == before


def test_new_needs_a_source(repo: Path) -> None:
    run = run_cli("-C", str(repo), "new", "iasz/2026/jaarplan")
    assert run.code == 2 and "--from" in run.err
