"""`diff(old, new)` per building block: a table of small edits to real data files, each with
the change record it must produce; then the text comparison and the snapshot of a document."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pcdocs.blocks import actions, speerpunten, voortgang
from pcdocs.blocks.datasets import blocks
from pcdocs.blocks.spec import BlockSpec
from pcdocs.compare import diff, diff_facts
from pcdocs.compare.facts import facts_of
from pcdocs.compare.model import Section, Snapshot
from pcdocs.compare.text import diff_sections, sections
from pcdocs.model.facts import Fact
from tests.conftest import ROOT


def _plain(text: str | None) -> str | None:
    return None if text is None else text.replace("\xa0", " ").replace("\u202f", " ")


def _load(tmp_path: Path, source: str, text: str, name: str) -> object:
    folder = tmp_path / name
    if not folder.exists():  # companions (begroting.yaml next to begroting.csv) come along
        shutil.copytree((ROOT / source).parent, folder)
    path = folder / Path(source).name
    path.write_text(text, encoding="utf-8")
    block = blocks()[path.stem]
    return block.load(path, source)


PROFILE = "data/szmh/risicoprofiel.yaml"  # the classes of the risks in data/szmh/


def _read(spec: BlockSpec[Any]) -> object | None:
    """Another file the page read: SZMH's risicoprofiel."""
    return spec.load(ROOT / PROFILE, PROFILE) if spec.kind == "risicoprofiel" else None


def _facts(tmp_path: Path, source: str, text: str, name: str) -> list[Fact]:
    block = blocks()[Path(source).stem]
    return facts_of(block, _load(tmp_path, source, text, name), read=_read)


# (data file, text to replace, replacement, kind, key, old, new) - old/new as written
CASES = [
    ("data/iasz/2024/indicatoren.yaml", "normen: {2023: 50, 2024: 50}\n    realisaties:\n"
     "      - jaar: 2023\n        waarde: 73", "normen: {2023: 50, 2024: 60}\n    realisaties:\n"
     "      - jaar: 2023\n        waarde: 73", "norm-gewijzigd", "lo-4wk.norm.2024", "50%", "60%"),
    ("data/iasz/2024/indicatoren.yaml", "        waarde: 73", "        waarde: 43",
     "status-omgeslagen", "lo-4wk.status.2023", "behaald", "niet behaald"),
    ("data/iasz/2024/indicatoren.yaml", "normen: {2023: 2, 2024: 2}", "normen: {2023: 2}",
     "norm-vervallen", "bestuur-pho-overleg.norm.2024", "2", None),
    ("data/iasz/2024/indicatoren.yaml", "  - code: av-heemstede\n", "  - code: av-heemstede-2\n",
     "indicator-toegevoegd", "av-heemstede-2", None,
     "Uitvoering zo dat er een goedkeurende accountantsverklaring zou kunnen worden verstrekt"),
    ("data/iasz/2024/formatie.yaml", "totaal_fte: 38.09", "totaal_fte: 40.5",
     "formatie-gewijzigd", "fte", "38,09 fte", "40,50 fte"),
    ("data/szmh/2019/risicos.yaml", "    kans: 3\n    omvang: 5\n", "    kans: 4\n    omvang: 5\n",
     "risico-verplaatst", "m1", "kans 3 × omvang 5", "kans 4 × omvang 5"),
    ("data/szmh/2019/risicos.yaml", "  - code: M2\n", "  - code: M9\n",
     "risico-toegevoegd", "m9", None, "kans 2 × omvang 4"),
    ("data/szmh/2019/inhuur.csv", "Ziekteverzuim;€ -;€ 99.539;", "Ziekteverzuim;€ -;€ 109.539;",
     "inhuur-gewijzigd", "regel.ziekteverzuim.payrolling", "€ 99.539", "€ 109.539"),
    ("data/pijnacker-nootdorp/2022/voortgang.yaml", "        status: op schema\n",
     "        status: gereed\n", "actie-afgerond",
     "7.01.inzet-van-handhavers-in-het-sociaal-domein", "op schema", "gereed"),
    ("data/pijnacker-nootdorp/2022/begroting.csv",
     "-10.382.000;7.411.000;-929.000;15.000;-11.311.000",
     "-10.482.000;7.411.000;-929.000;15.000;-11.411.000", "begroting-gewijzigd", "630.voor.lasten",
     "€ -10.382.000", "€ -10.482.000"),
    ("data/isd-bol/2023/speerpunten.yaml",
     "  - titel: Verdere uitlijning rapportages ISD BOL, BB en MOBL.\n", "",
     "actie-vervallen", "verdere-uitlijning-rapportages-isd-bol-bb-en-mobl", "opgenomen", None),
]


@pytest.mark.parametrize(("source", "before", "after", "kind", "key", "old", "new"), CASES,
                         ids=[f"{c[0].split('/')[-1]}-{c[3]}" for c in CASES])
def test_diff_per_block(tmp_path: Path, source: str, before: str, after: str, kind: str,
                        key: str, old: str | None, new: str | None) -> None:
    text = (ROOT / source).read_text(encoding="utf-8-sig")
    assert before in text, "the case no longer matches the example data"
    old_facts = _facts(tmp_path, source, text, "oud")
    new_facts = _facts(tmp_path, source, text.replace(before, after, 1), "nieuw")
    changes = diff_facts(old_facts, new_facts, 2024, 2024)
    found = [c for c in changes if c.kind == kind and c.key == key]
    assert found, [(c.kind, c.key) for c in changes]
    assert (_plain(found[0].old), _plain(found[0].new)) == (old, new)
    assert found[0].message.endswith(".") and found[0].message[0].isupper()


def test_unchanged_data_has_no_changes(tmp_path: Path) -> None:
    for n, source in enumerate(sorted({c[0] for c in CASES})):
        text = (ROOT / source).read_text(encoding="utf-8-sig")
        facts = _facts(tmp_path, source, text, f"zelfde-{n}")
        assert diff_facts(facts, facts, 2024, 2024) == ()


def test_dropped_indicator_is_one_record_not_one_per_figure(tmp_path: Path) -> None:
    source = "data/iasz/2024/indicatoren.yaml"
    text = (ROOT / source).read_text(encoding="utf-8")
    start = text.index("  - code: lo-4wk")
    end = text.index("  - code: lo-8wk")
    changes = diff_facts(_facts(tmp_path, source, text, "a"),
                         _facts(tmp_path, source, text[:start] + text[end:], "b"), 2024, 2024)
    about = [c for c in changes if c.key.startswith("lo-4wk")]
    assert [(c.kind, c.key) for c in about] == [("indicator-vervallen", "lo-4wk")]


def fact(key: str, value: str, category: str = "norm", block: str = "indicatoren") -> Fact:
    return Fact(block, key, category, f"Norm {key}", value, f"{value}%")


def test_blocks_that_list_actions_word_them_alike() -> None:
    """Speerpunten and voortgang file their actions in one category, worded once: an action
    whose status becomes 'afgerond' (or 'gereed') is finished, any other change is a change
    of status, and neither has a size."""
    assert speerpunten.SPEC.wording == voortgang.SPEC.wording == (actions.ACTIE,)
    was = Fact("speerpunten", "p.a", "actie", "Actie a (P)", "lopend", "lopend", "p")
    done = Fact("speerpunten", "p.a", "actie", "Actie a (P)", "afgerond", "afgerond", "p")
    late = Fact("speerpunten", "p.a", "actie", "Actie a (P)", "vertraagd", "vertraagd", "p")
    [finished] = diff_facts([was], [done], 2024, 2024)
    assert (finished.kind, finished.message, finished.magnitude) == (
        "actie-afgerond", "Actie afgerond: Actie a (P) (was: lopend).", None)
    [changed] = diff_facts([was], [late], 2024, 2024)
    assert (changed.kind, changed.message) == (
        "actie-status-gewijzigd",
        "De status van de actie is gewijzigd: Actie a (P), van lopend naar vertraagd.")


def test_years_are_relative_to_each_document() -> None:
    """The plan-year norm of 2024 is compared with the plan-year norm of 2025."""
    old = [fact("x.norm.2023", "50"), fact("x.norm.2024", "60")]
    new = [fact("x.norm.2024", "60"), fact("x.norm.2025", "75")]
    changes = diff_facts(old, new, 2024, 2025)
    # largest relative change first: 60 -> 75 is +25%, 50 -> 60 is +20%
    assert [(c.kind, c.key, c.old, c.new) for c in changes] == [
        ("norm-gewijzigd", "x.norm.2025", "60%", "75%"),
        ("norm-gewijzigd", "x.norm.2024", "50%", "60%")]


def test_largest_change_first_and_described() -> None:
    old = [fact("a", "100", "cijfer", "kerncijfers"), fact("b", "10", "cijfer", "kerncijfers")]
    new = [fact("a", "101", "cijfer", "kerncijfers"), fact("b", "20", "cijfer", "kerncijfers")]
    changes = diff_facts(old, new, 2024, 2024)
    assert [c.key for c in changes] == ["b", "a"]
    assert "+10; +100,0%" in changes[0].message


def _section(heading: str, text: str, level: int = 2, parent: str | None = None) -> Section:
    path = (parent, heading) if parent else (heading,)
    return Section(level, heading, path, "", text)


TEXT = "De IASZ voert de Participatiewet uit voor twee gemeenten en werkt samen in de regio."


@pytest.mark.parametrize(("old", "new", "expected"), [
    ([_section("Voorwoord", TEXT)], [_section("Voorwoord", TEXT)], ["ongewijzigd"]),
    ([_section("Voorwoord", TEXT)], [_section("Voorwoord", TEXT.replace("twee", "drie"))],
     ["gewijzigd"]),
    ([_section("A", TEXT)], [_section("A", TEXT), _section("B", "Nieuw hoofdstuk.")],
     ["ongewijzigd", "toegevoegd"]),
    ([_section("A", TEXT), _section("B", "Oud hoofdstuk.")], [_section("A", TEXT)],
     ["ongewijzigd", "verwijderd"]),
    ([_section("A", "een"), _section("B", "twee"), _section("C", "drie")],
     [_section("B", "twee"), _section("C", "drie"), _section("A", "een")],
     ["ongewijzigd", "ongewijzigd", "verplaatst"]),
    ([_section("Terugblik op 2023", "In 2023 stegen de aanvragen.")],
     [_section("Terugblik op 2024", "In 2024 stegen de aanvragen.")], ["ongewijzigd"]),
    ([_section("Oude kop", TEXT)], [_section("Nieuwe kop", TEXT)], ["gewijzigd"]),
], ids=["same", "words", "added", "removed", "moved", "years-relative", "renamed"])
def test_text_sections(old: list[Section], new: list[Section], expected: list[str]) -> None:
    year_new = 2025 if "2024" in new[0].heading else 2024
    result = diff_sections(old, new, 2024, year_new)
    assert [t.status for t in result] == expected


def test_redline_marks_words() -> None:
    [change] = diff_sections([_section("V", TEXT)], [_section("V", TEXT.replace("twee", "drie"))],
                             2024, 2024)
    assert ("-", "twee") in change.redline and ("+", "drie") in change.redline
    assert (change.added_words, change.removed_words) == (1, 1)
    assert "[-twee-] {+drie+}" in change.as_json()["redline"]


def test_sections_from_html_leave_tables_out() -> None:
    html = ("<p>Intro</p><h2 id='a'>Hoofdstuk 1¶</h2><p>Tekst <span>38,09 fte</span>.</p>"
            "<table><tr><td>99</td></tr></table><h3 id='b'>Par</h3><ul><li>punt</li></ul>"
            "<div class='footnote'><ol><li><p>Noot</p></li></ol></div>")
    result = sections(html)
    assert [(s.title, s.text) for s in result] == [
        ("Inleiding", "Intro"), ("Hoofdstuk 1", "Tekst 38,09 fte ."),
        ("Hoofdstuk 1 › Par", "punt"), ("Noten", "Noot")]


def test_snapshot_round_trip_and_document_diff() -> None:
    from pcdocs.compare.snapshot import take
    from pcdocs.model.repository import Repository

    repo = Repository(ROOT)
    snap = take(repo, repo.documents["iasz/2024/jaarplan"])
    again = Snapshot.from_json(snap.to_json())
    assert again == snap
    assert any(f.key == "fte" and _plain(f.text) == "38,09 fte" for f in snap.facts)
    assert "Voorwoord › Terugblik op 2023" in [s.title for s in snap.sections]
    same = diff(snap, again)
    assert same.changes == () and {t.status for t in same.text} == {"ongewijzigd"}
    assert all("weight" not in f for f in snap.to_json()["facts"])  # as archived before


def test_a_weighed_fact_keeps_its_exact_weight_through_json() -> None:
    """A risk's weight (its expected loss) survives snapshot.json exactly, as text."""
    import json

    risk = Fact("weerstandsvermogen", "risico.r01", "weerstand-risico", "Risico R01",
                "kans 50%", "kans 50%", weight=Decimal("458333.33"))
    snap = Snapshot("bol/2025/begroting", "bol", 2025, "begroting", None, "Begroting 2025",
                    "1.0", "concept", "2025-01-01", (risk,), ())
    stored = json.loads(json.dumps(snap.to_json()))
    assert stored["facts"][0]["weight"] == "458333.33"
    assert Snapshot.from_json(stored).facts == (risk,)


def test_a_change_from_zero_is_strict_json() -> None:
    """0 -> 5 has no finite relative size: the JSON says null, never Infinity."""
    import json

    was = Fact("kerncijfers", "x", "cijfer", "X", "0", "0")
    now = Fact("kerncijfers", "x", "cijfer", "X", "5", "5")
    [change] = diff_facts([was], [now], 2024, 2024)
    assert change.magnitude is not None and not change.magnitude.is_finite()
    text = json.dumps(change.as_json(), allow_nan=False)
    assert json.loads(text)["relative"] is None
