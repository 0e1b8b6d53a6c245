"""Sharded builds: `pcdocs build --shard K/N` on N machines, `pcdocs merge` into one site.

Organisations are the unit of a share: everything under `docs/<org>/` (documents, per-gemeente
editions, series pages, comparisons, published versions, PDFs) and the organisation's data are
built by one shard, so no page depends on a page built elsewhere. The pages outside any
organisation (portal, author guide) belong to shard 1. Organisations are dealt out by size,
largest first, each to the shard with the fewest pages so far (ties by name): the same
repository always gives the same shares.

Every shard still sees every page (so navigation, neighbour links and the sitemap are those of
the whole site) but renders only its own; the pages of other shards are left out of its
output. Its `manifest.json` and search index hold its own pages; `.pcdocs-shard.json` says
which shard it is, for which sources, and the order of all pages, so `merge` can put the
search index together in the order a single build writes it.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pcdocs.errors import BuildFailed, Finding, UsageError
from pcdocs.model.repository import Repository
from pcdocs.output import manifest

MARKER = "pcdocs-shard.json"
SEARCH_INDEX = "search/search_index.json"
SHARED = 1  # the shard that builds the pages outside any organisation


@dataclass(frozen=True)
class Shard:
    index: int  # 1-based
    count: int
    owners: Mapping[str, int]  # organisation slug -> shard

    def owns(self, src_path: str) -> bool:
        """Whether this shard builds the page or file at `src_path` (relative to docs/ or to
        the site: the first folder names the organisation)."""
        return owner(src_path, self.owners) == self.index

    def owns_org(self, org: str) -> bool:
        return self.owners.get(org, SHARED) == self.index


def parse(text: str) -> tuple[int, int]:
    """`K/N` from the command line, 1 <= K <= N."""
    head, _, tail = text.partition("/")
    if not (head.strip().isdigit() and tail.strip().isdigit()):
        raise UsageError(f"--shard '{text}' is geen K/N", code="shard",
                         hint="schrijf bijvoorbeeld --shard 2/3: het tweede van drie delen")
    index, count = int(head), int(tail)
    if not 1 <= index <= count:
        raise UsageError(f"--shard {text}: het deel moet tussen 1 en {count} liggen",
                         code="shard", hint=f"gebruik 1/{count} tot en met {count}/{count}")
    return index, count


def weights(repo: Repository) -> dict[str, int]:
    """Pages per organisation: its index, and each document with its editions."""
    found = dict.fromkeys(repo.organisations, 1)
    for document in repo.documents.values():
        found[document.ref.org] = found.get(document.ref.org, 1) + 1 + len(document.editions)
    return found


def assign(weights: Mapping[str, int], count: int) -> dict[str, int]:
    """Each organisation's shard: largest first to the lightest shard (ties: lowest number);
    shard 1 starts with the weight of the shared pages counted as one organisation's page."""
    load = [0] * count
    load[SHARED - 1] = 1
    owners: dict[str, int] = {}
    for org in sorted(weights, key=lambda o: (-weights[o], o)):
        lightest = min(range(count), key=lambda i: (load[i], i))
        owners[org] = lightest + 1
        load[lightest] += weights[org]
    return owners


def owner(path: str, owners: Mapping[str, int]) -> int:
    head = path.split("/", 1)[0]
    return owners.get(head, SHARED)


def fingerprint(root: Path, pages: Sequence[str]) -> str:
    """What every shard of one build shares: the code, the source commit and the page list."""
    from pcdocs.output.pdf import source_commit
    from pcdocs.support.cache import code_version

    digest = hashlib.sha256(f"{code_version()}\0{source_commit(root)}".encode())
    for page in pages:
        digest.update(f"\0{page}".encode())
    return digest.hexdigest()


def page_url(location: str) -> str:
    """The page part of a search entry's location (`org/2024/jaarplan/#doelen`)."""
    return location.split("#", 1)[0]


# -- in the shard's build ----------------------------------------------------------------

def finish(site: Path, shard: Shard, pages: Sequence[tuple[str, str]],
           fingerprint: str) -> None:
    """Leave only this shard's output in `site`: drop the other shards' pages (rendered as
    placeholders), keep its own search entries, and write the marker.
    `pages`: (src_path, dest_path) of every page in build order."""
    for src, dest in pages:
        if not shard.owns(src):
            _remove(site / dest, site)
    index_path = site / SEARCH_INDEX
    if index_path.is_file():
        index = json.loads(index_path.read_text(encoding="utf-8"))
        owned = {_url(dest) for src, dest in pages if shard.owns(src)}
        index["docs"] = [e for e in index["docs"] if page_url(e["location"]) in owned]
        index_path.write_text(_search_json(index), encoding="utf-8")
    marker = {"shard": shard.index, "of": shard.count, "fingerprint": fingerprint,
              "pages": [_url(dest) for _, dest in pages],
              "owners": dict(sorted(shard.owners.items()))}
    (site / MARKER).write_text(json.dumps(marker, ensure_ascii=False, indent=1) + "\n",
                               encoding="utf-8")


def _url(dest: str) -> str:
    """The page URL MkDocs gives a page written to `dest` (directory URLs)."""
    if dest == "index.html":
        return ""
    return dest[: -len("index.html")] if dest.endswith("/index.html") else dest


def _remove(path: Path, site: Path) -> None:
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _search_json(index: dict[str, Any]) -> str:
    """The search index as the Material search plugin writes it."""
    return json.dumps({"config": index["config"], "docs": index["docs"]},
                      separators=(",", ":"), default=str)


# -- merge ---------------------------------------------------------------------------------

def merge(folders: Sequence[Path], target: Path) -> int:
    """Combine the output of every shard into `target` (replaced only when all went well);
    returns the number of files written."""
    markers = [_marker(folder) for folder in folders]
    _check_complete(folders, markers)
    fresh = target.with_name(f"{target.name}.samenvoegen-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        written = _copy_all(folders, fresh)
        _merge_manifest(folders, fresh)
        _merge_search(folders, markers, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = target.with_name(f"{target.name}.oud-{os.getpid()}")
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return written


def _marker(folder: Path) -> dict[str, Any]:
    path = folder / MARKER
    if not path.is_file():
        raise UsageError(f"{folder} is niet de uitvoer van 'pcdocs build --shard'",
                         code="geen-shard", hint=f"{MARKER} ontbreekt; noem de mappen die de "
                         "delen van de build schreven")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _check_complete(folders: Sequence[Path], markers: Sequence[dict[str, Any]]) -> None:
    counts = {m["of"] for m in markers}
    prints = {m["fingerprint"] for m in markers}
    if len(counts) > 1 or len(prints) > 1:
        raise UsageError("de delen horen niet bij dezelfde build", code="shard-verschil",
                         hint="bouw alle delen van dezelfde commit met dezelfde N "
                              "(--shard K/N)")
    count = counts.pop()
    seen: dict[int, Path] = {}
    for folder, marker in zip(folders, markers, strict=True):
        if marker["shard"] in seen:
            raise UsageError(f"deel {marker['shard']}/{count} staat er twee keer: "
                             f"{seen[marker['shard']]} en {folder}", code="shard-dubbel")
        seen[marker["shard"]] = folder
    missing = sorted(set(range(1, count + 1)) - set(seen))
    if missing:
        raise UsageError("deel " + ", ".join(f"{k}/{count}" for k in missing) + " ontbreekt",
                         code="shard-ontbreekt", hint="noem de uitvoer van alle delen")


_SPECIAL = {MARKER, "manifest.json", SEARCH_INDEX}


def _copy_all(folders: Sequence[Path], fresh: Path) -> int:
    """Every file of every shard; a file two shards both wrote must be the same bytes."""
    origin: dict[str, Path] = {}
    problems: list[Finding] = []
    for folder in folders:
        for path in sorted(_files(folder)):
            rel = path.relative_to(folder).as_posix()
            if rel in _SPECIAL:
                continue
            if rel in origin:
                if not filecmp.cmp(origin[rel] / rel, path, shallow=False):
                    problems.append(Finding(
                        "error", "shard-verschil", rel, None,
                        f"{origin[rel].name} en {folder.name} schreven dit bestand verschillend",
                        hint="bouw alle delen van dezelfde commit, met dezelfde "
                             "SOURCE_DATE_EPOCH en dezelfde versie van pcdocs"))
                continue
            origin[rel] = folder
            (fresh / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, fresh / rel)
    if problems:
        raise BuildFailed(problems)
    return len(origin)


def _files(folder: Path) -> Iterable[Path]:
    for base, _, names in os.walk(folder):
        for name in names:
            yield Path(base) / name


def _merge_manifest(folders: Sequence[Path], fresh: Path) -> None:
    documents: list[dict[str, Any]] = []
    comparisons: list[dict[str, Any]] = []
    for folder in folders:
        listing = manifest.read(folder)
        documents += listing["documents"]
        comparisons += listing.get("comparisons", [])
    manifest.write(fresh, manifest.build(documents, comparisons))


def _merge_search(folders: Sequence[Path], markers: Sequence[dict[str, Any]],
                  fresh: Path) -> None:
    """One search index with the entries of every page in the order of a single build."""
    indexes = [json.loads((f / SEARCH_INDEX).read_text(encoding="utf-8"))
               for f in folders if (f / SEARCH_INDEX).is_file()]
    if not indexes:
        return
    by_page: dict[str, list[dict[str, Any]]] = {}
    for index in indexes:
        for entry in index["docs"]:
            by_page.setdefault(page_url(entry["location"]), []).append(entry)
    entries = [e for url in markers[0]["pages"] for e in by_page.pop(url, [])]
    entries += [e for rest in by_page.values() for e in rest]  # (none in a sound build)
    path = fresh / SEARCH_INDEX
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_search_json({"config": indexes[0]["config"], "docs": entries}),
                    encoding="utf-8")
