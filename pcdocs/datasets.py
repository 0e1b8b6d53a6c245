"""Datasets: which building block reads which file, loaded once and validated.

A document reads `data/<org>/<year>/<kind>.<ext>`; when the year folder has no such file,
the organisation folder `data/<org>/<kind>.<ext>` is used (for settings that hold for every
year, such as risk classes). The file name says which building block reads it.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pcdocs import cache
from pcdocs.cache import DiskCache
from pcdocs.errors import DataError, DocumentError, MacroError, PcdocsError
from pcdocs.figures import Figure
from pcdocs.load import outside
from pcdocs.schema import suggest


@dataclass(frozen=True)
class Block:
    """A building block's data side: file kind, loader, and its named figures.

    `companions` are files read together with the main one when they stand next to it
    (e.g. formatieanalyse.csv next to formatie.yaml); the loader finds them with `sibling`.
    """

    kind: str
    summary: str
    extensions: tuple[str, ...]
    load: Callable[[Path, str], Any]
    figures: Callable[[Any], dict[str, Figure]]
    companions: tuple[str, ...] = ()


def sibling(path: Path, rel: str, names: tuple[str, ...]) -> tuple[Path, str] | None:
    """The first of `names` that exists next to `path`, with its repository-relative name."""
    for name in names:
        candidate = path.with_name(name)
        if candidate.exists():
            return candidate, rel.rsplit("/", 1)[0] + "/" + name
    return None


BLOCKS: dict[str, Block] = {}


def register(block: Block) -> Block:
    BLOCKS[block.kind] = block
    return block


def blocks() -> dict[str, Block]:
    import pcdocs.blocks  # noqa: F401  (registers every block on import)

    return BLOCKS


class DataStore:
    """Loads data files once per content signature (path, size, mtime)."""

    def __init__(self, root: Path, disk: DiskCache | None = None) -> None:
        self.root = root
        self.disk = disk or DiskCache(None)
        self._records: dict[tuple[object, ...], Any] = {}
        self._failures: dict[tuple[object, ...], PcdocsError] = {}
        self.loads = 0
        self.hits = 0

    def load(self, block: Block, path: Path, rel: str) -> Any:
        key = _signature(path, rel, block.companions)
        if key in self._records:
            self.hits += 1
            return self._records[key]
        if key in self._failures:
            raise self._failures[key]
        try:
            for file in (path, *(path.with_name(n) for n in block.companions)):
                _inside_data(self.root, file)
            record = self._parsed(block, path, rel)
        except PcdocsError as exc:
            self._failures[key] = exc
            raise
        self.loads += 1
        self._records[key] = record
        return record


    def _parsed(self, block: Block, path: Path, rel: str) -> Any:
        """The record from the disk cache when these exact bytes were parsed before by this
        version of pcdocs; a data file with an error is parsed (and reported) every time."""
        if not self.disk.enabled:
            return block.load(path, rel)
        parts: list[bytes | str] = [rel, block.kind]
        try:
            for file in (path, *(path.with_name(n) for n in block.companions)):
                parts += [file.name, file.read_bytes() if file.is_file() else b"\0-"]
        except OSError:  # unreadable: the loader says so, at the file
            return block.load(path, rel)
        name = cache.key("gegevens", *parts)
        found = self.disk.get("gegevens", name)
        if found is not None:
            try:
                return pickle.loads(found)
            except Exception:  # an entry of another Python or a damaged file: parse again
                pass
        record = block.load(path, rel)
        with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError):
            self.disk.put("gegevens", name, pickle.dumps(record, pickle.HIGHEST_PROTOCOL))
        return record


def _inside_data(root: Path, path: Path) -> None:
    """A data file (or a symlink) must stay inside data/: nothing else of the machine is read."""
    if outside(path, (root / "data").resolve()):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        raise DataError(
            "dit bestand is een snelkoppeling (symlink) naar een bestand buiten data/",
            file=rel, code="pad-buiten-data",
            hint="zet het bestand zelf in de gegevensmap in plaats van een snelkoppeling",
        )


def _signature(path: Path, rel: str, companions: tuple[str, ...]) -> tuple[object, ...]:
    """Size and modification time of the main file and of each companion present."""
    parts: list[object] = [rel]
    for file in (path, *(path.with_name(n) for n in companions)):
        if file.exists():
            stat = file.stat()
            parts += [file.name, stat.st_size, stat.st_mtime_ns]
    return tuple(parts)


def safe_folder(data_dir: Path, folder: str, file: str) -> Path:
    """A folder under data/; refuses absolute paths, '..' and symlinks out of data/."""
    pure = PurePosixPath(folder)
    if pure.is_absolute() or ".." in pure.parts or "\\" in folder:
        raise DocumentError(
            f"'{folder}' is geen map binnen data/", file=file, key="data", code="pad-buiten-data",
            hint="geef een map als 'iasz/2024', zonder '..' en niet absoluut",
        )
    path = (data_dir / pure).resolve()
    if not path.is_relative_to(data_dir.resolve()):
        raise DocumentError(
            f"'{folder}' wijst buiten data/", file=file, key="data", code="pad-buiten-data",
            hint="een gegevensmap moet binnen data/ liggen",
        )
    return data_dir / pure


class DataScope:
    """The data one page may read: its data folder, then its organisation folder."""

    def __init__(self, store: DataStore, data_dir: Path, folder: str, page_file: str) -> None:
        self.store = store
        self.data_dir = data_dir
        self.folder = folder
        self.path = safe_folder(data_dir, folder, page_file)
        if not self.path.is_dir():
            raise DocumentError(
                f"gegevensmap data/{folder}/ bestaat niet", file=page_file, key="data",
                code="map-ontbreekt", hint=f"maak data/{folder}/ aan met de gegevensbestanden",
            )
        self.org_path = data_dir / PurePosixPath(folder).parts[0]
        self.used: set[str] = set()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.store.root).as_posix()

    def locate(self, block: Block) -> Path | None:
        for folder in (self.path, self.org_path):
            for ext in block.extensions:
                candidate = folder / f"{block.kind}.{ext}"
                if candidate.exists():
                    return candidate
        return None

    def record(self, kind: str) -> Any:
        block = _block(kind)
        path = self.locate(block)
        if path is None:
            names = " of ".join(f"{block.kind}.{ext}" for ext in block.extensions)
            raise DataError(
                f"gegevensbestand {names} ontbreekt in data/{self.folder}/",
                file=f"data/{self.folder}/{block.kind}.{block.extensions[0]}",
                code="bestand-ontbreekt",
                hint=f"maak data/{self.folder}/{block.kind}.{block.extensions[0]} aan "
                     "(zie de handleiding voor het formaat)",
            )
        rel = self.rel(path)
        self.used.add(rel)
        for name in block.companions:
            if path.with_name(name).exists():
                self.used.add(self.rel(path.with_name(name)))
        return self.store.load(block, path, rel)

    def figures(self, kind: str) -> dict[str, Figure]:
        return _block(kind).figures(self.record(kind))

    def figure(self, key: str) -> Figure:
        """`formatie.fte` -> the figure 'fte' of the formatie dataset."""
        kind, _, name = key.partition(".")
        if not name:
            raise MacroError(
                f"'{key}' is geen volledige sleutel", code="onbekend-cijfer",
                hint="schrijf 'dataset.naam', bijv. 'formatie.fte'",
            )
        figures = self.figures(kind)
        if name not in figures:
            guess = suggest(name, list(figures))
            hint = f"bedoelde u '{kind}.{guess}'?" if guess else (
                "beschikbaar: " + ", ".join(f"{kind}.{k}" for k in list(figures)[:12]))
            raise MacroError(f"cijfer '{key}' bestaat niet in de gegevens", code="onbekend-cijfer",
                             key=key, hint=hint)
        return figures[name]


def _block(kind: str) -> Block:
    known = blocks()
    if kind not in known:
        guess = suggest(kind, list(known))
        raise MacroError(
            f"onbekende dataset '{kind}'", code="onbekende-dataset", key=kind,
            hint=f"bedoelde u '{guess}'?" if guess else "beschikbaar: " + ", ".join(sorted(known)),
        )
    return known[kind]
