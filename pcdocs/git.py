"""The one way pcdocs runs git: `git -C <root> ...`, with errors as pcdocs errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pcdocs.errors import ConfigError


class GitFailed(Exception):
    """git ran and refused; `message` is its last line of error output."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def run(root: Path, *args: str) -> bytes:
    """git's standard output; raises ConfigError without git, GitFailed when it fails."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ConfigError("git is niet geïnstalleerd of reageert niet", code="git",
                          hint="installeer git (Debian: apt-get install git)") from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitFailed(lines[-1] if lines else "mislukt")
    return done.stdout


def text(root: Path, *args: str) -> str:
    return run(root, *args).decode("utf-8", "replace")
