"""`pcdocs build --shard K/N` and `pcdocs merge`: three shards merged equal one full build."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from pcdocs.commands.cli import _parser
from pcdocs.model.repository import Repository
from pcdocs.output.shard import MARKER, assign, parse, weights
from tests.conftest import ROOT, Built, run_cli


def _tree(folder: Path) -> dict[str, Path]:
    found = {}
    for base, _, names in os.walk(folder):
        for name in names:
            path = Path(base) / name
            found[path.relative_to(folder).as_posix()] = path
    return found


@pytest.fixture(scope="module")
def shards(built: Built) -> list[Path]:
    """The example built again as three shards, each from scratch (no cache)."""
    folders = []
    for k in (1, 2, 3):
        run = run_cli("-C", str(built.root), "build", "--strict", "--geen-cache",
                      "--shard", f"{k}/3", "--uit", f"deel-{k}")
        assert run.code == 0, run.err
        assert f"Deel {k}/3 van de site gebouwd" in run.out
        folders.append(built.root / f"deel-{k}")
    return folders


def test_three_shards_merged_equal_one_full_build_byte_for_byte(built: Built,
                                                                shards: list[Path]) -> None:
    run = run_cli("-C", str(built.root), "merge", "deel-3", "deel-1", "deel-2",
                  "--uit", "samen")
    assert run.code == 0, run.err
    merged, full = _tree(built.root / "samen"), _tree(built.site)
    assert sorted(merged) == sorted(full)
    different = [rel for rel in full if not filecmp.cmp(full[rel], merged[rel], shallow=False)]
    assert different == []
    # the merge did real work: PDFs, one manifest and one search index from three parts
    assert sum(rel.endswith(".pdf") for rel in merged) >= 20
    parts = [json.loads((s / "manifest.json").read_text(encoding="utf-8")) for s in shards]
    assert all(p["documents"] for p in parts)
    assert sum(len(p["documents"]) for p in parts) == len(
        json.loads((built.site / "manifest.json").read_text(encoding="utf-8"))["documents"])


def test_each_shard_builds_only_its_organisations(built: Built, shards: list[Path]) -> None:
    owners = json.loads((shards[0] / MARKER).read_text(encoding="utf-8"))["owners"]
    assert set(owners) == set(Repository(built.root).organisations)
    assert set(owners.values()) == {1, 2, 3}
    for k, folder in enumerate(shards, start=1):
        documents = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))[
            "documents"]
        assert {d["org"] for d in documents} == {o for o, s in owners.items() if s == k}
        built_orgs = {p.name for p in folder.iterdir() if p.name in owners}
        assert built_orgs == {o for o, s in owners.items() if s == k}
        assert (folder / "index.html").is_file() == (k == 1)  # the portal: shard 1
        index = json.loads((folder / "search/search_index.json").read_text(encoding="utf-8"))
        heads = {e["location"].split("/")[0] for e in index["docs"]}
        mine = {o for o, s in owners.items() if s == k}
        assert heads & set(owners) == mine
        assert heads <= mine or k == 1  # shard 1 also has the portal and the guide


def test_merge_refuses_incomplete_or_mixed_shards_and_keeps_the_old_site(
        built: Built, shards: list[Path], tmp_path: Path) -> None:
    target = built.root / "doel"
    target.mkdir()
    (target / "oud.txt").write_text("vorige site", encoding="utf-8")
    missing = run_cli("-C", str(built.root), "merge", "deel-1", "deel-3", "--uit", "doel")
    assert missing.code == 2
    assert "shard-ontbreekt: deel 2/3 ontbreekt" in missing.err
    twice = run_cli("-C", str(built.root), "merge", "deel-1", "deel-1", "deel-2", "deel-3",
                    "--uit", "doel")
    assert "shard-dubbel" in twice.err
    not_a_shard = run_cli("-C", str(built.root), "merge", "site", "--uit", "doel")
    assert not_a_shard.code == 2
    assert "geen-shard" in not_a_shard.err
    # a shard built from other sources: a file two shards write differs
    other = tmp_path / "deel-2"
    shutil.copytree(shards[1], other)
    (other / "404.html").write_text("anders", encoding="utf-8")
    mixed = run_cli("merge", str(shards[0]), str(other), str(shards[2]),
                    "--uit", str(target))
    assert mixed.code == 1
    assert "404.html: shard-verschil" in mixed.err
    assert "doel/ is ongewijzigd" in mixed.err
    assert [p.name for p in target.iterdir()] == ["oud.txt"]


def test_the_shares_are_deterministic_and_balanced() -> None:
    sizes = {f"org{i:02d}": 1 + i % 5 for i in range(20)}
    owners = assign(sizes, 3)
    assert owners == assign(dict(reversed(sizes.items())), 3)  # order of listing: no matter
    load = [sum(w for o, w in sizes.items() if owners[o] == k) for k in (1, 2, 3)]
    assert max(load) - min(load) <= max(sizes.values())
    assert parse("2/3") == (2, 3)


def test_the_weight_of_an_organisation_counts_its_pages(built: Built) -> None:
    repo = Repository(built.root)
    found = weights(repo)
    iasz = [d for d in repo.documents.values() if d.ref.org == "iasz"]
    assert found["iasz"] == 1 + sum(1 + len(d.editions) for d in iasz)


@pytest.mark.parametrize("value", ["4/3", "0/2", "a/b", "3"])
def test_a_wrong_shard_is_named(value: str, built: Built) -> None:
    run = run_cli("-C", str(built.root), "build", "--shard", value, "--uit", "nergens")
    assert run.code == 2
    assert "--shard" in run.err and "Traceback" not in run.err
    assert not (built.root / "nergens").exists()


def _yaml_blocks(page: Path) -> list[dict[str, Any]]:
    text = page.read_text(encoding="utf-8")
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S)]


def _commands(lines: list[str], values: dict[str, str]) -> list[list[str]]:
    """The pcdocs command lines of a CI script, with the CI variables filled in."""
    found = []
    for line in lines:
        for name, value in values.items():
            line = line.replace(name, value)
        if line.startswith("pcdocs "):
            found.append(shlex.split(line)[1:])
    return found


def test_the_ci_examples_in_the_guide_build_every_shard_and_merge_them_all() -> None:
    github, gitlab = _yaml_blocks(ROOT / "docs/handleiding/bouwen.md")
    parser = _parser()
    # GitHub Actions: a matrix of shards, then one job that merges every shard's artifact
    shards = github["jobs"]["deel"]["strategy"]["matrix"]["deel"]
    assert shards == list(range(1, len(shards) + 1))
    count = len(shards)
    steps = github["jobs"]["deel"]["steps"]
    for k in shards:
        [build] = _commands([s["run"] for s in steps if "run" in s],
                            {"${{ matrix.deel }}": str(k)})
        args = parser.parse_args(build)
        assert (args.command, args.shard, args.uit) == ("build", f"{k}/{count}", f"deel-{k}")
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "deel-${{ matrix.deel }}"
    merge_job = github["jobs"]["samenvoegen"]
    assert merge_job["needs"] == "deel"
    [merge] = _commands([s["run"] for s in merge_job["steps"] if "run" in s], {})
    args = parser.parse_args(merge)
    assert [p.as_posix() for p in args.delen] == [f"delen/deel-{k}" for k in shards]
    # GitLab: parallel jobs numbered by CI_NODE_INDEX, merged by the pages job
    job = gitlab["deel"]
    assert job["parallel"] == count
    for k in shards:
        [build] = _commands(job["script"], {"$CI_NODE_INDEX": str(k),
                                            "$CI_NODE_TOTAL": str(count)})
        args = parser.parse_args(build)
        assert (args.shard, args.uit) == (f"{k}/{count}", f"deel-{k}")
    assert job["artifacts"]["paths"] == ["deel-$CI_NODE_INDEX/"]
    [merge] = _commands(gitlab["pages"]["script"], {})
    args = parser.parse_args(merge)
    assert [p.as_posix() for p in args.delen] == [f"deel-{k}" for k in shards]
    assert gitlab["pages"]["needs"] == ["deel"]
