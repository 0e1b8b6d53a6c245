"""A build cache on disk, keyed by the content of the inputs and the version of the code.

A rebuild without changes renders no chart and no PDF again and parses no data file again:
each is stored under `.pcdocs-cache/<kind>/<key>` where the key is the SHA-256 of everything
that decides the output (the input bytes and `code_version()`, which changes with any file of
the pcdocs package, its assets and the versions of the libraries that render). A changed input
has a new key, so nothing is ever invalidated by hand; `pcdocs build --geen-cache` skips it.
Entries are written atomically (a temporary file, then a rename), so an interrupted build or
two builds at once never leave a half-written entry.

The cache is trusted only as far as its signature: every entry starts with a one-line header
`pcdocs-cache 1 <kind> <key> <length> <mac>` where `mac` is an HMAC-SHA256, under a secret
key, of the kind, the key and the payload. The secret is `PCDOCS_CACHE_SLEUTEL` when set,
else a random key made once per user and machine outside any repository
(`$XDG_CACHE_HOME/pcdocs/cache-sleutel`, by default `~/.cache/pcdocs/`). An entry that does not
verify (damaged, truncated, empty, of another kind or key, or written with another secret, such
as a `.pcdocs-cache/` restored from another branch's CI cache) is deleted, counted as a miss and
as repaired (`pdf 19/20 (1 hersteld)`), and made again. Payloads are bytes the build publishes
or decodes without running code (PDF, SVG, JSON); nothing is ever unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from collections import Counter
from collections.abc import Callable, Iterator, MutableMapping
from functools import cache
from importlib import metadata
from pathlib import Path

FOLDER = ".pcdocs-cache"
SECRET_VARIABLE = "PCDOCS_CACHE_SLEUTEL"
SECRET_FILE = "cache-sleutel"
_MAGIC = b"pcdocs-cache 1"
_HEADER_MAX = 256  # magic, kind, 64 hex key, length, 64 hex MAC and spaces fit easily
_INTERNAL = {"pdf-info": "pdf"}  # looked up together with another kind: reported under it
_LIBRARIES = ("weasyprint", "matplotlib", "pydyf", "markdown", "mkdocs-material")


@cache
def code_version() -> str:
    """A hash of the pcdocs package (code, CSS, fonts, reference lists) and the versions of
    the libraries that shape its output."""
    digest = hashlib.sha256()
    package = Path(__file__).parents[1]  # all of pcdocs, not only output/
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


def secret_file() -> Path:
    """Where this user's cache secret lives on this machine: never inside a repository."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pcdocs" / SECRET_FILE


def secret() -> bytes | None:
    """The key that signs cache entries: `PCDOCS_CACHE_SLEUTEL`, else the machine's key file
    (made with 32 random bytes on first use). None when neither can be had: no disk cache."""
    given = os.environ.get(SECRET_VARIABLE, "")
    if given.strip():
        return given.strip().encode()
    try:
        path = secret_file()
        found = _read_secret(path)
        if found is not None:
            return found
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        scratch = path.with_name(f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_hex(32).encode())
        try:
            os.link(scratch, path)  # atomic, and never replaces a key another build made
        except FileExistsError:
            pass
        finally:
            scratch.unlink(missing_ok=True)
        return _read_secret(path)
    except (OSError, RuntimeError):  # no home folder, read-only: build without the cache
        return None


def _read_secret(path: Path) -> bytes | None:
    try:
        data = path.read_bytes().strip()
    except FileNotFoundError:
        return None
    return data if len(data) >= 32 else None


def _mac(secret: bytes, kind: str, name: str, payload: bytes) -> str:
    signer = hmac.new(secret, digestmod=hashlib.sha256)
    signer.update(_MAGIC + b"\0" + kind.encode() + b"\0" + name.encode() + b"\0")
    signer.update(payload)
    return signer.hexdigest()


def _looks_like_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def _looks_like_svg(data: bytes) -> bool:
    return b"<svg" in data[:4096] and data.rstrip().endswith(b"</svg>")


# What a payload of a kind must look like besides its signature: nothing that fails this is
# stored or returned (a 0-byte or cut-off PDF is never published, even if it was signed).
SHAPES: dict[str, Callable[[bytes], bool]] = {"pdf": _looks_like_pdf,
                                              "grafieken": _looks_like_svg}


class DiskCache:
    """Outputs by kind and key; counts hits, misses and repaired (discarded) entries per kind
    for the build's report."""

    def __init__(self, root: Path | None) -> None:
        self.secret = secret() if root is not None else None
        self.folder = root / FOLDER if root is not None and self.secret is not None else None
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()
        self.repaired: Counter[str] = Counter()

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def path(self, kind: str, key: str) -> Path | None:
        return self.folder / kind / key[:2] / key if self.folder is not None else None

    def get(self, kind: str, key: str) -> bytes | None:
        """The payload stored under `kind` and `key`, verified; None when there is none or it
        does not verify (then it is deleted and counted as repaired)."""
        path = self.path(kind, key)
        if path is None:
            return None
        data = self._read(kind, path)
        if data is None:
            self.misses[kind] += 1
            return None
        payload = self._verified(kind, key, data)
        if payload is None:
            self._drop(kind, key)
            return None
        self.hits[kind] += 1
        return payload

    def reject(self, kind: str, key: str) -> None:
        """An entry that verified but that its reader could not use (e.g. data of a shape this
        code does not decode): no longer a hit but a miss, repaired, deleted so that the
        output made instead replaces it."""
        if self.hits[kind]:
            self.hits[kind] -= 1
        self._drop(kind, key)

    def _drop(self, kind: str, key: str) -> None:
        self.misses[kind] += 1
        self.repaired[kind] += 1
        path = self.path(kind, key)
        try:
            if path is not None:
                path.unlink(missing_ok=True)
        except OSError:
            pass

    def _inside(self, kind: str, path: Path) -> bool:
        """No folder of the cache is a symlink: an entry is never read or written elsewhere."""
        assert self.folder is not None
        return not any(p.is_symlink() for p in (self.folder, self.folder / kind, path.parent))

    def _read(self, kind: str, path: Path) -> bytes | None:
        """The bytes of a regular file (not a symlink, a device or a pipe), or None."""
        if not self._inside(kind, path):
            return None
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return b""  # present but not a file: does not verify, is removed
            return file.read()

    def _verified(self, kind: str, name: str, data: bytes) -> bytes | None:
        assert self.secret is not None
        end = data.find(b"\n", 0, _HEADER_MAX)
        if end < 0:
            return None
        fields = data[:end].split(b" ")
        payload = data[end + 1:]
        if len(fields) != 6 or b" ".join(fields[:2]) != _MAGIC:
            return None
        kind_b, name_b, length, mac = fields[2:]
        if kind_b != kind.encode() or name_b != name.encode():
            return None
        if not length.isdigit() or int(length) != len(payload):
            return None
        if not hmac.compare_digest(mac, _mac(self.secret, kind, name, payload).encode()):
            return None
        shape = SHAPES.get(kind)
        if shape is not None and not shape(payload):
            return None
        return payload

    def put(self, kind: str, key: str, data: bytes) -> None:
        path = self.path(kind, key)
        if path is None or self.secret is None:
            return
        shape = SHAPES.get(kind)
        if shape is not None and not shape(data):
            return  # never keep what could not be published from the cache
        header = b" ".join((_MAGIC, kind.encode(), key.encode(), str(len(data)).encode(),
                            _mac(self.secret, kind, key, data).encode()))
        try:
            if not self._inside(kind, path):
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            if not self._inside(kind, path):
                return
            scratch = path.with_name(f".{key}.{os.getpid()}")
            with scratch.open("wb") as out:
                out.write(header + b"\n")
                out.write(data)
            scratch.replace(path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def summary(self) -> str:
        """`gegevens 40/41, grafieken 12/12, pdf 19/20 (1 hersteld)` (hits/lookups per kind,
        with the entries that did not verify and were made again)."""
        hits, misses, repaired = Counter[str](), Counter[str](), Counter[str]()
        for counts, into in ((self.hits, hits), (self.misses, misses)):
            for kind, n in counts.items():
                if kind not in _INTERNAL:
                    into[kind] += n
        for kind, n in self.repaired.items():
            repaired[_INTERNAL.get(kind, kind)] += n
        parts = []
        for kind in sorted(set(hits) | set(misses) | set(repaired)):
            text = f"{kind} {hits[kind]}/{hits[kind] + misses[kind]}"
            if repaired[kind]:
                text += f" ({repaired[kind]} hersteld)"
            parts.append(text)
        return ", ".join(parts)


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
