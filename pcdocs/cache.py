"""A build cache on disk, keyed by the content of the inputs and the version of the code.

A rebuild without changes renders no chart and no PDF again and parses no data file again:
each is stored under `.pcdocs-cache/<kind>/<key>` where the key is the SHA-256 of everything
that decides the output (the input bytes and `code_version()`, which changes with any file of
the pcdocs package, its assets and the versions of the libraries that render). A changed input
has a new key, so nothing is ever invalidated by hand; `pcdocs build --geen-cache` skips it.
Entries are written atomically (a temporary file, then a rename), so an interrupted build or
two builds at once never leave a half-written entry.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Iterator, MutableMapping
from functools import cache
from importlib import metadata
from pathlib import Path

FOLDER = ".pcdocs-cache"
_INTERNAL = {"pdf-info"}  # looked up together with another kind: not reported apart
_LIBRARIES = ("weasyprint", "matplotlib", "pydyf", "markdown", "mkdocs-material")


@cache
def code_version() -> str:
    """A hash of the pcdocs package (code, CSS, fonts, reference lists) and the versions of
    the libraries that shape its output."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(p for p in package.rglob("*") if p.is_file()
                       and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    return digest.hexdigest()


def key(kind: str, *parts: bytes | str) -> str:
    """The cache key of an output of `kind` made from `parts` by this version of the code."""
    digest = hashlib.sha256(f"{kind}\0{code_version()}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class DiskCache:
    """Outputs by kind and key; counts hits and misses per kind for the build's report."""

    def __init__(self, root: Path | None) -> None:
        self.folder = root / FOLDER if root is not None else None
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def path(self, kind: str, key: str) -> Path | None:
        return self.folder / kind / key[:2] / key if self.folder is not None else None

    def get(self, kind: str, key: str) -> bytes | None:
        path = self.path(kind, key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            self.misses[kind] += 1
            return None
        self.hits[kind] += 1
        return data

    def put(self, kind: str, key: str, data: bytes) -> None:
        path = self.path(kind, key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            scratch = path.with_name(f".{key}.{os.getpid()}")
            scratch.write_bytes(data)
            scratch.replace(path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def summary(self) -> str:
        """`grafieken 12/12, pdf 20/20, gegevens 40/41` (hits/lookups per kind)."""
        kinds = sorted(k for k in set(self.hits) | set(self.misses) if k not in _INTERNAL)
        return ", ".join(f"{k} {self.hits[k]}/{self.hits[k] + self.misses[k]}" for k in kinds)


class Layered(MutableMapping[str, bytes]):
    """Outputs of one kind in memory for this build, backed by the disk cache."""

    def __init__(self, disk: DiskCache, kind: str) -> None:
        self.disk, self.kind = disk, kind
        self.memory: dict[str, bytes] = {}

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if name not in self.memory:
            found = self.disk.get(self.kind, key(self.kind, name))
            if found is None:
                return False
            self.memory[name] = found
        return True

    def __getitem__(self, name: str) -> bytes:
        if name not in self:
            raise KeyError(name)
        return self.memory[name]

    def __setitem__(self, name: str, data: bytes) -> None:
        self.memory[name] = data
        self.disk.put(self.kind, key(self.kind, name), data)

    def __delitem__(self, name: str) -> None:
        del self.memory[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.memory)

    def __len__(self) -> int:
        return len(self.memory)
