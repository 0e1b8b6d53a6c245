"""The one way pcdocs runs git: `git -C <root> ...`, with errors as pcdocs errors."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from pcdocs.errors import ConfigError, GitFailed

__all__ = ["GitFailed", "last_commit", "run", "text", "uncommitted"]


def run(root: Path, *args: str) -> bytes:
    """git's standard output; raises ConfigError without git, GitFailed (a PcdocsError:
    a Dutch finding naming the command) when git refuses."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ConfigError("git is niet geïnstalleerd of reageert niet", code="git",
                          hint="installeer git (Debian: apt-get install git)") from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        shown = " ".join(args[:4]) + (" …" if len(args) > 4 else "")
        raise GitFailed(shown, lines[-1] if lines else "mislukt", root=str(root))
    return done.stdout


def text(root: Path, *args: str) -> str:
    return run(root, *args).decode("utf-8", "replace")


def last_commit(root: Path, paths: Sequence[str]) -> tuple[str, int] | None:
    """The last commit (id, commit time) that changed any of `paths` (repository-relative
    files or folders, taken literally), or None when none did or outside a repository."""
    if not paths:
        return None
    try:
        answer = text(root, "--literal-pathspecs", "log", "-1", "--format=%H %ct", "--",
                      *paths).split()
    except (ConfigError, GitFailed):
        return None
    if len(answer) != 2 or len(answer[0]) != 40 or not answer[1].isdigit():
        return None
    return answer[0], int(answer[1])


def uncommitted(root: Path, paths: Sequence[str] = (".",)) -> set[str] | None:
    """Paths (relative to `root`, under `paths`) whose work-tree state differs from HEAD
    (changed, staged, added, deleted or untracked; ignored files aside), or None outside a
    repository."""
    try:
        prefix = text(root, "rev-parse", "--show-prefix").strip()
        out = run(root, "--literal-pathspecs", "status", "--porcelain=v1", "-z",
                  "--untracked-files=all", "--", *paths)
    except (ConfigError, GitFailed):
        return None
    found: set[str] = set()
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    index = 0
    while index < len(fields):
        entry = fields[index]
        index += 1
        if len(entry) < 4:
            continue
        found.add(entry[3:])
        if "R" in entry[:2] or "C" in entry[:2]:  # renamed or copied: the old path follows
            if index < len(fields):
                found.add(fields[index])
            index += 1
    # porcelain paths are relative to the top of the repository, not to `root`
    return {p[len(prefix):] for p in found if p.startswith(prefix)}
