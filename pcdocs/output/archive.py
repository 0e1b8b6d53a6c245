"""Published versions, frozen: `archief/<org>/<year>/<doc>/<versie>/`.

Each published version keeps the files exactly as they were built (`site/`: the document's
HTML pages, charts, CSV files, its PDFs and the theme files they need) with a record
(`publicatie.json`: source commit, date, sha256 of every file) and the snapshot a comparison
needs (`snapshot.json`, and `snapshot.<gemeente>.json` per edition). The build copies every
published version into the site under `<org>/<year>/<doc>/versie/<versie>/` after checking
each file against its sha256; nothing ever writes into a published version again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pcdocs.errors import ConfigError, Finding

ARCHIVE = "archief"
RECORD = "publicatie.json"
SITE = "site"


@dataclass(frozen=True)
class Published:
    org: str
    year: int
    doc: str
    version: str
    folder: Path  # archief/<org>/<year>/<doc>/<versie>
    record: dict[str, Any]

    @property
    def name(self) -> str:
        return f"{self.org}/{self.year}/{self.doc}"

    @property
    def status(self) -> str:
        return str(self.record.get("status", ""))

    @property
    def title(self) -> str:
        return str(self.record.get("title", self.name))

    @property
    def site_path(self) -> str:
        """Where the version lives in the site, relative to site/."""
        return f"{self.org}/{self.year}/{self.doc}/versie/{self.version}"

    def snapshot_file(self, edition: str | None = None) -> Path:
        return self.folder / (f"snapshot.{edition}.json" if edition else "snapshot.json")


def folder_of(root: Path, org: str, year: int, doc: str, version: str) -> Path:
    return root / ARCHIVE / org / str(year) / doc / version


def versions(root: Path) -> list[Published]:
    """Every published version in the repository, ordered by document and version."""
    base = root / ARCHIVE
    found: list[Published] = []
    if not base.is_dir():
        return found
    for record in sorted(base.glob(f"*/*/*/*/{RECORD}")):
        folder = record.parent
        org, year, doc, version = folder.relative_to(base).parts
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ConfigError(f"publicatie kan niet worden gelezen: {exc}",
                              file=record.relative_to(root).as_posix(), code="archief",
                              hint="herstel het bestand uit git (git checkout -- archief)"
                              ) from exc
        if year.isdigit():
            found.append(Published(org, int(year), doc, version, folder, data))
    return sorted(found, key=lambda p: (p.org, p.doc, p.year, version_key(p.version)))


def of_document(root: Path, name: str) -> list[Published]:
    return [p for p in versions(root) if p.name == name]


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split(".") if x.isdigit())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(root: Path, published: Published) -> list[Finding]:
    """A finding for every frozen file that is missing, changed or not in the record."""
    findings: list[Finding] = []
    files: dict[str, str] = published.record.get("files", {})
    site = published.folder / SITE
    rel_folder = published.folder.relative_to(root).as_posix()
    hint = "een gepubliceerde versie verandert nooit: zet het bestand terug met git " \
           "checkout, of publiceer een nieuwe versie"
    for name, digest in sorted(files.items()):
        path = site / name
        if not path.is_file():
            findings.append(Finding("error", "archief-gewijzigd", f"{rel_folder}/{SITE}/{name}",
                                    None, "bestand van een gepubliceerde versie ontbreekt",
                                    hint=hint))
        elif sha256(path) != digest:
            findings.append(Finding("error", "archief-gewijzigd", f"{rel_folder}/{SITE}/{name}",
                                    None, "bestand van een gepubliceerde versie is gewijzigd "
                                    "(sha256 klopt niet)", hint=hint))
    if site.is_dir():
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            name = path.relative_to(site).as_posix()
            if name not in files:
                findings.append(Finding("error", "archief-gewijzigd",
                                        f"{rel_folder}/{SITE}/{name}", None,
                                        "bestand staat niet in de publicatie", hint=hint))
    return findings


def manifest_entries(published: Published) -> list[dict[str, Any]]:
    """The manifest entries of a published version, with paths relative to site/."""
    result = []
    for entry in published.record.get("entries", []):
        item = dict(entry)
        for key in ("html", "pdf"):
            if item.get(key):
                item[key] = f"{published.site_path}/{item[key]}"
        item["archived"] = True
        item["commit"] = published.record.get("commit")
        # frozen before documents carried their own commit: the commit it was frozen from
        item.setdefault("source_commit", published.record.get("commit"))
        item["published"] = published.record.get("published")
        result.append(item)
    return result
