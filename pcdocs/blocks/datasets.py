"""Datasets: which building block reads which file, loaded once and validated.

A document reads `data/<org>/<year>/<kind>.<ext>`; when the year folder has no such file,
the organisation folder `data/<org>/<kind>.<ext>` is used (for settings that hold for every
year, such as risk classes). The file name says which building block reads it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import json
import pkgutil
from decimal import Decimal
from enum import Enum
from functools import cache as once
from pathlib import Path, PurePosixPath
from typing import Any, Protocol, TypeVar, cast, runtime_checkable

from pcdocs.blocks.spec import BlockSpec
from pcdocs.errors import DataError, DocumentError, MacroError, PcdocsError
from pcdocs.model.figures import Figure
from pcdocs.model.load import outside
from pcdocs.model.schema import suggest
from pcdocs.support import cache
from pcdocs.support.cache import DiskCache

R = TypeVar("R")


def sibling(path: Path, rel: str, names: tuple[str, ...]) -> tuple[Path, str] | None:
    """The first of `names` that exists next to `path`, with its repository-relative name."""
    for name in names:
        candidate = path.with_name(name)
        if candidate.exists():
            return candidate, rel.rsplit("/", 1)[0] + "/" + name
    return None


def blocks() -> dict[str, BlockSpec[Any]]:
    """Every block by its file kind, in the order of `pcdocs.blocks.registry.SPECS`."""
    from pcdocs.blocks.registry import BY_KIND

    return BY_KIND


def locate(spec: BlockSpec[Any], folders: tuple[Path, ...]) -> Path | None:
    """The file of `spec` in the first of `folders` that has one."""
    for folder in folders:
        for ext in spec.extensions:
            candidate = folder / f"{spec.kind}.{ext}"
            if candidate.exists():
                return candidate
    return None


@runtime_checkable
class Derived(Protocol):
    """A record whose figures are computed from other figures (berekeningen.yaml). The store
    binds it to itself and its file once it is loaded (`bound`: its figures then read what
    they are computed from, through this store); a page computes one of its figures through
    the page's scope (`compute`), so the files it reads are the page's sources."""

    def bound(self, store: DataStore, path: Path) -> Derived:
        """The record that knows its store and file (never written to the disk cache)."""

    def names(self) -> list[str]:
        """The names of its figures, without computing them."""

    def compute(self, scope: DataScope, name: str) -> Figure:
        """One figure, computed from the figures `scope` reads."""


class Placed:
    """Where a loaded record lies and the store that reads what it is computed from: what
    `Derived.bound` gives a record (never a field the disk cache writes)."""

    def __init__(self, store: DataStore, path: Path, kind: str) -> None:
        self.store = store
        self.path = path
        self.kind = kind

    def folder(self) -> str:
        """The file's folder under data/ ('isd-bol/2025')."""
        return self.path.parent.relative_to(self.store.root / "data").as_posix()

    def scope(self, folder: str | None = None) -> DataScope:
        """The figures of a data folder (default the file's own), read through the store."""
        chosen = folder or self.folder()
        return DataScope(self.store, self.store.root / "data", chosen,
                         f"data/{chosen}/{self.kind}.yaml")


class DataStore:
    """Loads data files once per content signature (path, size, mtime)."""

    def __init__(self, root: Path, disk: DiskCache | None = None) -> None:
        self.root = root
        self.disk = disk or DiskCache(None)
        self._records: dict[tuple[object, ...], Any] = {}
        self._failures: dict[tuple[object, ...], PcdocsError] = {}
        self.loads = 0
        self.hits = 0

    def load(self, block: BlockSpec[R], path: Path, rel: str) -> R:
        key = _signature(path, rel, (*block.read_with(path), *block.file_names))
        if key in self._records:
            self.hits += 1
            return cast(R, self._records[key])
        if key in self._failures:
            raise self._failures[key]
        try:
            for file in (path, *(path.with_name(n) for n in block.read_with(path))):
                _inside_data(self.root, file)
            _one_source(block, path, rel)
            record = self._parsed(block, path, rel)
        except PcdocsError as exc:
            self._failures[key] = exc
            raise
        self.loads += 1
        if isinstance(record, Derived):
            record = cast(R, record.bound(self, path))
        self._records[key] = record
        return record

    def _parsed(self, block: BlockSpec[R], path: Path, rel: str) -> R:
        """The record from the disk cache when these exact bytes were parsed before by this
        version of pcdocs; a data file with an error is parsed (and reported) every time."""
        name = self.cache_name(block, path, rel)
        if name is None:
            return block.load(path, rel)
        found = self.disk.get("gegevens", name)
        if found is not None:
            try:
                return cast(R, decode_record(found))
            except (ValueError, TypeError, KeyError, RecursionError):
                self.disk.reject("gegevens", name)  # not a record this code wrote: parse again
        record = block.load(path, rel)
        try:
            encoded = encode_record(record)
        except (TypeError, ValueError, RecursionError):
            return record  # a type the codec does not know: parsed again next time
        self.disk.put("gegevens", name, encoded)
        return record

    def cache_name(self, block: BlockSpec[Any], path: Path, rel: str) -> str | None:
        """The disk cache key of the record parsed from this file and its companions, or None
        without a cache or when a file cannot be read (the loader then says so, at the file)."""
        if not self.disk.enabled:
            return None
        parts: list[bytes | str] = [rel, block.kind]
        try:
            for file in (path, *(path.with_name(n) for n in block.read_with(path))):
                parts += [file.name, file.read_bytes() if file.is_file() else b"\0-"]
        except OSError:
            return None
        return cache.key("gegevens", *parts)


# A parsed record on disk is JSON that names its types: a list is a JSON array; None, bool,
# int, float and str are themselves; every other value is an object with one tag. Reading it
# back builds only these values and the dataclasses and enums of pcdocs' building blocks,
# figures and organisations, by name, without calling any of their code: unlike a pickle,
# nothing in the file can make the reader run anything.

def encode_record(record: Any) -> bytes:
    """A parsed record as tagged JSON; TypeError for a type the codec does not know."""
    return json.dumps(_encode(record), ensure_ascii=False, separators=(",", ":"),
                      allow_nan=True).encode()


def decode_record(data: bytes) -> Any:
    """The record `encode_record` wrote; ValueError (or TypeError, KeyError) for anything else."""
    return json.loads(data, object_hook=_decode_tagged)


def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is list:
        return [_encode(v) for v in value]
    if kind is tuple:
        return {"t": [_encode(v) for v in value]}
    if kind is dict:
        return {"d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if kind in (set, frozenset):
        return {"s" if kind is set else "f": [_encode(v) for v in value]}
    if kind is Decimal:
        return {"m": str(value)}
    if kind is dt.date:
        return {"date": value.isoformat()}
    if kind is dt.datetime:
        return {"datetime": value.isoformat()}
    name = f"{kind.__module__}.{kind.__qualname__}"
    if record_types().get(name) is not kind:
        raise TypeError(f"{name} is not a record type")
    if isinstance(value, Enum):
        return {"e": [name, value.name]}
    fields = dataclasses.fields(value)
    extra = set(getattr(value, "__dict__", {})) - {f.name for f in fields}
    if extra:
        raise TypeError(f"{name} has attributes outside its fields: {sorted(extra)}")
    return {"c": [name, [_encode(getattr(value, f.name)) for f in fields]]}


def _decode_tagged(obj: dict[str, Any]) -> Any:
    """One tagged object (its contents are decoded already: JSON is read inside out)."""
    if len(obj) != 1:
        raise ValueError("not a tagged value")
    ((tag, body),) = obj.items()
    if tag == "m" and type(body) is str:
        return Decimal(body)
    if tag == "date" and type(body) is str:
        return dt.date.fromisoformat(body)
    if tag == "datetime" and type(body) is str:
        return dt.datetime.fromisoformat(body)
    if type(body) is not list:
        raise ValueError(f"tag {tag!r} without a list")
    if tag == "t":
        return tuple(body)
    if tag == "d":
        if not all(type(p) is list and len(p) == 2 for p in body):
            raise ValueError("a dict is a list of pairs")
        return dict(body)
    if tag in ("s", "f"):
        return set(body) if tag == "s" else frozenset(body)
    if tag not in ("e", "c") or len(body) != 2 or type(body[0]) is not str:
        raise ValueError(f"unknown tag {tag!r}")
    kind = record_types().get(body[0])
    if kind is None:
        raise ValueError(f"{body[0]} is not a record type")
    if tag == "e":
        if not issubclass(kind, Enum) or type(body[1]) is not str:
            raise ValueError(f"{body[0]} is not an enum")
        return kind[body[1]]
    if not dataclasses.is_dataclass(kind) or type(body[1]) is not list:
        raise ValueError(f"{body[0]} is not a dataclass")
    fields = dataclasses.fields(kind)
    if len(fields) != len(body[1]):
        raise ValueError(f"{body[0]} has {len(fields)} fields")
    record = object.__new__(kind)  # no __init__ or __post_init__: the fields as they were
    for field, value in zip(fields, body[1], strict=True):
        object.__setattr__(record, field.name, value)
    return record


_RECORD_MODULES = ("pcdocs.model.figures", "pcdocs.model.organisation", "pcdocs.model.geld",
                   "pcdocs.model.values", "pcdocs.model.tabledef", "pcdocs.model.kinds")
_NOT_BLOCKS = frozenset({"datasets", "spec"})  # in pcdocs.blocks, but they hold no records


@once
def record_types() -> dict[str, type]:
    """The types a parsed record may hold, by `module.qualname`: the dataclasses and enums
    defined in pcdocs' building blocks (`pcdocs.blocks.*`), figures, organisations, amounts,
    the blocks' shared value types and the tables authors define (`tabledef`)."""
    import pcdocs.blocks

    names = [*_RECORD_MODULES, *(f"pcdocs.blocks.{m.name}"
                                 for m in pkgutil.iter_modules(pcdocs.blocks.__path__)
                                 if m.name not in _NOT_BLOCKS)]
    found: dict[str, type] = {}
    for module_name in names:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if (isinstance(value, type) and value.__module__ == module_name
                    and (dataclasses.is_dataclass(value) or issubclass(value, Enum))):
                found[f"{module_name}.{value.__qualname__}"] = value
    return found


def _inside_data(root: Path, path: Path) -> None:
    """A data file (or a symlink) must stay inside data/: nothing else of the machine is read."""
    if outside(path, (root / "data").resolve()):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        raise DataError(
            "dit bestand is een snelkoppeling (symlink) naar een bestand buiten data/",
            file=rel, code="pad-buiten-data",
            hint="zet het bestand zelf in de gegevensmap in plaats van een snelkoppeling",
        )


def _one_source(block: BlockSpec[Any], path: Path, rel: str) -> None:
    """One file per kind of data in a folder: `inhuur.csv` next to `inhuur.xlsx` (or
    `formatieanalyse.csv` next to `formatieanalyse.xlsx`) is an error that names both,
    never one of them silently winning. Reported at the first of the two (the order of the
    spec's extensions), so `check` reports it once however many of them it reads."""
    folder = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
    groups: dict[str, list[str]] = {}  # a companion's alternatives: one name, two extensions
    for name in block.companions:
        groups.setdefault(name.rsplit(".", 1)[0], []).append(name)
    for names in (list(block.file_names), *groups.values()):
        present = [n for n in names if path.with_name(n).is_file()]
        if len(present) > 1:
            shown = " en ".join(folder + n for n in present)
            raise DataError(
                f"{shown} staan naast elkaar: pcdocs weet niet welke van de twee geldt",
                file=folder + present[0], code="dubbele-bron",
                hint=f"verwijder een van de twee: bewaar alleen {present[-1]} of alleen "
                     f"{present[0]}")


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

    def locate(self, block: BlockSpec[Any]) -> Path | None:
        return locate(block, (self.path, self.org_path))

    def record(self, block: BlockSpec[R]) -> R:
        """The record of `block` for this page (its file is then one of the page's sources)."""
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
        for name in block.read_with(path):
            if path.with_name(name).exists():
                self.used.add(self.rel(path.with_name(name)))
        return self.store.load(block, path, rel)

    def figures(self, kind: str) -> dict[str, Figure]:
        """The named figures of the dataset `kind` (as an author writes it in a macro)."""
        block = _block(kind)
        record = self.record(block)
        if isinstance(record, Derived):  # computed from this scope's figures
            return {name: record.compute(self, name) for name in record.names()}
        return block.figures(record)

    def figure(self, key: str) -> Figure:
        """`formatie.fte` -> the figure 'fte' of the formatie dataset."""
        kind, _, name = key.partition(".")
        if not name:
            raise MacroError(
                f"'{key}' is geen volledige sleutel", code="onbekend-cijfer",
                hint="schrijf 'dataset.naam', bijv. 'formatie.fte'",
            )
        block = _block(kind)
        record = self.record(block)
        if isinstance(record, Derived):  # only the one asked for is computed
            known = record.names()
            if name in known:
                return record.compute(self, name)
            figures: dict[str, Figure] = {}
        else:
            figures = block.figures(record)
            known = list(figures)
        if name not in figures:
            guess = suggest(name, known)
            hint = f"bedoelde u '{kind}.{guess}'?" if guess else (
                "beschikbaar: " + ", ".join(f"{kind}.{k}" for k in known[:12]))
            raise MacroError(f"cijfer '{key}' bestaat niet in de gegevens", code="onbekend-cijfer",
                             key=key, hint=hint)
        return figures[name]


def _block(kind: str) -> BlockSpec[Any]:
    known = blocks()
    if kind not in known:
        guess = suggest(kind, list(known))
        raise MacroError(
            f"onbekende dataset '{kind}'", code="onbekende-dataset", key=kind,
            hint=f"bedoelde u '{guess}'?" if guess else "beschikbaar: " + ", ".join(sorted(known)),
        )
    return known[kind]
