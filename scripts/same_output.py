"""Proof for a refactor: the example site built by two versions of pcdocs, byte for byte.

    .venv/bin/python scripts/same_output.py REV            # REV (e.g. main~3) against the tree
    .venv/bin/python scripts/same_output.py REV --met REV2  # two revisions
    .venv/bin/python scripts/same_output.py --bewaar DIR REV   # keep both builds in DIR

Each side is a `git archive` of its revision (the working tree for the right-hand side when
no `--met` is given) in a folder of its own, built with that side's own `pcdocs` package
(`python -m pcdocs`, the package first on `sys.path`) and the same environment: no git
repository (so no commit or date of the sources on the cover or in the manifest), one fixed
SOURCE_DATE_EPOCH, no cache. Every file of both `site/` folders is compared: the HTML pages,
PDFs, CSV, charts and `manifest.json`. Prints the files that differ, are missing or are new,
and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1704067200"  # 1 January 2024: any fixed date will do, the same on both sides


def export(revision: str | None, target: Path) -> Path:
    """The tree of `revision` (None: the working tree, committed or not) in `target`."""
    target.mkdir(parents=True)
    if revision is None:
        listed = subprocess.run(
            ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others",
             "--exclude-standard"], check=True, capture_output=True).stdout
        for name in filter(None, listed.decode().split("\0")):
            source = ROOT / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
        return target
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision],
                             check=True, capture_output=True).stdout
    tar_path = target.with_suffix(".tar")
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(target, filter="data")
    tar_path.unlink()
    return target


def entry_points(tree: Path) -> Path:
    """A folder with metadata for `tree`'s pcdocs: its own entry points (the MkDocs plugin is
    found by name, so the installed package's would name a module of the other side)."""
    project = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    info = tree.with_name(f"{tree.name}.meta") / f"pcdocs-{project['version']}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: pcdocs\nVersion: {project['version']}\n",
        encoding="utf-8")
    lines = ["[console_scripts]", *(f"{k} = {v}" for k, v in project["scripts"].items())]
    for group, points in project.get("entry-points", {}).items():
        lines += ["", f"[{group}]", *(f"{k} = {v}" for k, v in points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return info.parent


def build(tree: Path) -> Path:
    """Build `tree`'s example site with `tree`'s own pcdocs; the site folder. The build runs in
    `tree` (`python -m` puts the working directory first on `sys.path`) with `tree`'s own entry
    points in front of the installed ones."""
    path = os.pathsep.join((str(tree), str(entry_points(tree))))
    env = {**os.environ, "PYTHONPATH": path, "SOURCE_DATE_EPOCH": EPOCH,
           "NO_MKDOCS_2_WARNING": "1", "GIT_CEILING_DIRECTORIES": str(tree.parent)}
    done = subprocess.run([sys.executable, "-m", "pcdocs", "-C", str(tree), "build",
                           "--geen-cache"], env=env, capture_output=True, text=True, cwd=tree)
    if done.returncode != 0:
        sys.exit(f"de bouw van {tree} mislukte:\n{done.stdout}\n{done.stderr}")
    return tree / "site"


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="de oude versie (git-revisie)")
    parser.add_argument("--met", help="de nieuwe versie (git-revisie; standaard de werkmap)")
    parser.add_argument("--bewaar", type=Path, help="bewaar beide builds in deze map")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pcdocs-zelfde-")) if args.bewaar is None \
        else args.bewaar
    try:
        old = digests(build(export(args.revision, work / "oud")))
        new = digests(build(export(args.met, work / "nieuw")))
    finally:
        if args.bewaar is None:
            shutil.rmtree(work, ignore_errors=True)
    changed = sorted(n for n in old.keys() & new.keys() if old[n] != new[n])
    missing, added = sorted(old.keys() - new.keys()), sorted(new.keys() - old.keys())
    for label, names in (("anders", changed), ("ontbreekt", missing), ("nieuw", added)):
        for name in names:
            print(f"{label}: {name}")
    print(f"{len(old)} bestanden oud, {len(new)} nieuw: {len(changed)} anders, "
          f"{len(missing)} ontbreken, {len(added)} nieuw")
    return 1 if changed or missing or added else 0


if __name__ == "__main__":
    raise SystemExit(main())
