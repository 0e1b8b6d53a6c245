"""The build cache cannot run code or publish garbage: parsed data is stored as tagged JSON
(never a pickle), every entry is signed with a secret key and checked when it is read, and an
entry that does not verify is deleted, counted (`pdf 0/3 (3 hersteld)`) and made again."""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import stat
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from pcdocs.blocks import datasets
from pcdocs.commands.build import build
from pcdocs.errors import PcdocsError
from pcdocs.support import cache
from pcdocs.support.cache import DiskCache
from tests.conftest import ROOT, run_cli
from tests.test_cache import copy_iasz_2024, rendered

VARIABLE = "PCDOCS_CACHE_SLEUTEL"  # the interface: CI sets it from a secret
SLEUTEL = "test-" + "5" * 40
ANDERE_SLEUTEL = "ander-" + "7" * 40
PDF = b"%PDF-1.7\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def sleutel(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every test signs with a known key, and never touches this machine's own key file."""
    monkeypatch.setenv(VARIABLE, SLEUTEL)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))


class Boom:
    """Unpickling this creates `marker`: what a crafted pickle in the old cache could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return exec, (f"open({str(self.marker)!r}, 'w').close()",)


def entries(root: Path, kind: str) -> list[Path]:
    return sorted(p for p in (root / cache.FOLDER / kind).rglob("*") if p.is_file())


def site_files(root: Path) -> dict[str, str]:
    site = root / "site"
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


# --- parsed data: nothing in the cache can run code ----------------------------------------

def test_a_pickle_where_the_old_cache_kept_parsed_data_runs_nothing(tmp_path: Path) -> None:
    root = copy_iasz_2024(tmp_path / "kopie")
    first = run_cli("-C", str(root), "check")
    assert first.code == 0
    planted = entries(root, "gegevens")
    assert len(planted) >= 10  # one per data file
    marker = tmp_path / "uitgevoerd"
    payload = pickle.dumps(Boom(marker), pickle.HIGHEST_PROTOCOL)
    for path in planted:
        path.write_bytes(payload)  # exactly the file that `pcdocs check` reads

    again = run_cli("-C", str(root), "check")
    assert not marker.exists()
    assert (again.code, again.out) == (first.code, first.out)
    # each planted file was thrown away and replaced by a signed entry in the new format
    for path in planted:
        assert path.read_bytes().startswith(b"pcdocs-cache 1 gegevens " + path.name.encode())


def test_a_signed_entry_naming_code_runs_nothing(tmp_path: Path) -> None:
    """Even an entry signed with the right key (written on this machine) is only data: the
    codec builds pcdocs' own record types by name and nothing else."""
    root = copy_iasz_2024(tmp_path / "kopie")
    first = run_cli("-C", str(root), "check")
    planted = entries(root, "gegevens")
    marker = tmp_path / "uitgevoerd"
    crafted = [
        pickle.dumps(Boom(marker)),
        json.dumps({"c": ["os.system", [f"touch {marker}"]]}).encode(),
        json.dumps({"c": ["builtins.exec", [f"open({str(marker)!r}, 'w')"]]}).encode(),
        json.dumps({"e": ["subprocess.Popen", "touch"]}).encode(),
        json.dumps({"c": ["pcdocs.model.figures.Figure", [1]]}).encode(),  # too few fields
        json.dumps({"__reduce__": [1]}).encode(),
    ]
    disk = DiskCache(root)
    for i, path in enumerate(planted):
        disk.put("gegevens", path.name, crafted[i % len(crafted)])

    again = run_cli("-C", str(root), "check")
    assert not marker.exists()
    assert (again.code, again.out) == (first.code, first.out)
    reread = DiskCache(root)
    for path in planted:  # replaced by the records parsed again
        found = reread.get("gegevens", path.name)
        assert found is not None and found not in crafted
        datasets.decode_record(found)


def test_the_codec_gives_back_every_record_of_the_example_exactly() -> None:
    known = datasets.blocks()
    count = 0
    for path in sorted((ROOT / "data").rglob("*")):
        block = known.get(path.stem)
        if not path.is_file() or block is None or path.suffix[1:] not in block.extensions:
            continue
        try:
            record = block.load(path, path.relative_to(ROOT).as_posix())
        except PcdocsError:  # the example's deliberately broken files
            continue
        back = datasets.decode_record(datasets.encode_record(record))
        assert back == record and type(back) is type(record), path
        count += 1
    assert count >= 30


def test_the_codec_refuses_types_it_does_not_know() -> None:
    @dataclass
    class Elsewhere:
        value: int

    with pytest.raises(TypeError):
        datasets.encode_record({"x": Elsewhere(1)})
    with pytest.raises(TypeError):
        datasets.encode_record(Path("/etc/passwd"))
    assert datasets.decode_record(datasets.encode_record({(1, "a"): [Decimal("1.50"), None]})) == {
        (1, "a"): [Decimal("1.50"), None]}
    for forged in (b'{"c":["pathlib.Path",["/"]]}', b'{"x":[]}', b'{"d":[[1]]}',
                   b'{"c":["pcdocs.blocks.datasets.Block",[]]}'):
        with pytest.raises((ValueError, TypeError)):
            datasets.decode_record(forged)


# --- cached PDFs and charts: never published unless they verify -----------------------------

def test_damaged_cached_pdfs_and_charts_are_made_again_not_published(tmp_path: Path) -> None:
    root = copy_iasz_2024(tmp_path / "kopie")
    cold = build(root)
    assert cold.session is not None
    made = {r.name: r.sha256 for r in cold.session.pdf_results}
    assert len(made) == 3
    published = site_files(root)
    damage = [lambda b: b"", lambda b: b[: len(b) // 2], flip]  # empty, cut off, one bit
    for path, spoil in zip(entries(root, "pdf"), damage, strict=True):
        path.write_bytes(spoil(path.read_bytes()))

    again = run_cli("-C", str(root), "build")
    assert again.code == 0, again.err
    # the site is the one WeasyPrint made: every byte, every PDF, and the manifest says so
    assert site_files(root) == published
    manifest = json.loads((root / "site/manifest.json").read_text(encoding="utf-8"))
    shown = {d["pdf"]: d["pdf_sha256"] for d in manifest["documents"] if d.get("pdf")}
    assert len(shown) == 3
    for file, sha in shown.items():
        assert hashlib.sha256((root / "site" / file).read_bytes()).hexdigest() == sha
    assert set(shown.values()) == set(made.values())
    assert "grafieken 1/1, pdf 0/3 (3 hersteld)." in again.out

    (chart,) = entries(root, "grafieken")  # one bit of the chart the pages and PDFs show
    chart.write_bytes(flip(chart.read_bytes()))
    redrawn = run_cli("-C", str(root), "build")
    assert site_files(root) == published
    assert "grafieken 0/1 (1 hersteld), pdf 3/3." in redrawn.out

    # and the entries were made again: the next build takes everything from the cache
    third = build(root)
    assert third.session is not None and rendered(third) == set()
    assert third.session.disk.summary().endswith("grafieken 1/1, pdf 3/3")


def test_an_empty_or_cut_off_chart_is_drawn_again(tmp_path: Path) -> None:
    root = copy_iasz_2024(tmp_path / "kopie")
    build(root, pdf=False)
    published = site_files(root)
    (chart,) = entries(root, "grafieken")
    good = chart.read_bytes()
    for spoil in (lambda b: b"", lambda b: b[: len(b) - 100], lambda b: b[:200]):
        chart.write_bytes(spoil(good))
        again = build(root, pdf=False)
        assert again.session is not None
        assert again.session.disk.summary().split(", ")[1] == "grafieken 0/1 (1 hersteld)"
        assert site_files(root) == published
        assert chart.read_bytes() == good


def flip(data: bytes) -> bytes:
    """One bit changed in the middle: same length, same header."""
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]


# --- a cache written with another key: not used ---------------------------------------------

def test_a_cache_written_with_another_key_is_not_used(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_iasz_2024(tmp_path / "kopie")
    monkeypatch.setenv(VARIABLE, ANDERE_SLEUTEL)  # e.g. another branch's CI
    build(root, pdf=False)
    monkeypatch.setenv(VARIABLE, SLEUTEL)
    ours = build(root, pdf=False)
    assert ours.session is not None
    disk = ours.session.disk
    assert disk.hits["gegevens"] == 0 and disk.hits["grafieken"] == 0
    assert disk.repaired["gegevens"] > 0 and disk.repaired["grafieken"] > 0
    again = build(root, pdf=False)
    assert again.session is not None
    assert again.session.disk.misses["gegevens"] == again.session.disk.misses["grafieken"] == 0


def test_an_entry_signed_with_another_key_or_for_another_key_is_discarded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VARIABLE, ANDERE_SLEUTEL)
    foreign = DiskCache(tmp_path)
    foreign.put("pdf", "a" * 64, PDF)
    monkeypatch.setenv(VARIABLE, SLEUTEL)
    disk = DiskCache(tmp_path)
    assert disk.get("pdf", "a" * 64) is None
    assert disk.repaired["pdf"] == 1 and disk.misses["pdf"] == 1
    assert disk.path("pdf", "a" * 64) is not None
    assert not disk.path("pdf", "a" * 64).exists()  # type: ignore[union-attr]

    # an entry of ours copied under another key or kind does not verify either
    disk.put("pdf", "b" * 64, PDF)
    source = disk.path("pdf", "b" * 64)
    assert source is not None and disk.get("pdf", "b" * 64) == PDF
    for kind, name in (("pdf", "c" * 64), ("pdf-info", "b" * 64)):
        target = disk.path(kind, name)
        assert target is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
        assert disk.get(kind, name) is None and not target.exists()
    assert disk.summary() == "pdf 1/3 (3 hersteld)"


def test_what_cannot_be_published_is_not_kept(tmp_path: Path) -> None:
    disk = DiskCache(tmp_path)
    for kind, data in (("pdf", b""), ("pdf", PDF[:20]), ("grafieken", b"<svg")):
        disk.put(kind, "d" * 64, data)
        assert disk.get(kind, "d" * 64) is None
    disk.put("grafieken", "e" * 64, b'<?xml version="1.0"?>\n<svg></svg>\n')
    assert disk.get("grafieken", "e" * 64) is not None


def test_a_symlink_in_the_cache_is_not_followed(tmp_path: Path) -> None:
    disk = DiskCache(tmp_path)
    disk.put("pdf", "f" * 64, PDF)
    path = disk.path("pdf", "f" * 64)
    assert path is not None
    elsewhere = tmp_path / "elders.pdf"
    elsewhere.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(elsewhere)
    assert disk.get("pdf", "f" * 64) is None
    outside = tmp_path / "buiten"
    outside.mkdir()
    (tmp_path / cache.FOLDER / "grafieken").symlink_to(outside, target_is_directory=True)
    disk.put("grafieken", "0" * 64, b"<svg></svg>")
    assert list(outside.rglob("*")) == []


def test_without_a_given_key_each_machine_makes_its_own_outside_the_repository(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VARIABLE)
    key_file = tmp_path / "xdg" / "pcdocs" / cache.SECRET_FILE
    assert cache.secret_file() == key_file
    first = cache.secret()
    assert first is not None and len(first) == 64 and key_file.read_bytes() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert cache.secret() == first  # the same key on the next build
    DiskCache(tmp_path / "repo").put("pdf", "1" * 64, PDF)
    assert not list((tmp_path / "repo").rglob(cache.SECRET_FILE))


# --- the guide's CI examples: only the main branch, with the secret, writes the cache -------

def test_the_ci_examples_let_only_the_main_branch_write_the_cache_with_its_key() -> None:
    text = (ROOT / "docs/handleiding/bouwen.md").read_text(encoding="utf-8")
    github, gitlab = (yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S))
    steps = github["jobs"]["deel"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert not any(u.startswith("actions/cache@") for u in uses)  # restore and save apart
    restore = next(s for s in steps if s.get("uses", "").startswith("actions/cache/restore"))
    save = next(s for s in steps if s.get("uses", "").startswith("actions/cache/save"))
    assert save["if"] == "github.ref == 'refs/heads/main'"
    for step in (restore, save):
        assert step["with"]["key"].startswith("pcdocs-${{ github.ref_name }}-")
    assert restore["with"]["restore-keys"].startswith("pcdocs-${{ github.ref_name }}-")
    build_step = next(s for s in steps if "pcdocs build" in s.get("run", ""))
    assert build_step["env"] == {VARIABLE: "${{ secrets.PCDOCS_CACHE_SLEUTEL }}"}
    assert steps.index(restore) < steps.index(build_step) < steps.index(save)

    main_only = [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert gitlab["deel"]["rules"] == main_only and gitlab["pages"]["rules"] == main_only
    assert gitlab["deel"]["cache"]["key"].startswith("pcdocs-$CI_COMMIT_REF_SLUG-")
    assert f"`{VARIABLE}`" in text and "*Protected*" in text
