"""`site/manifest.json` names every artefact the build publishes: each PDF (documents,
editions, archived versions, comparisons) with its sha256, and every other file next to a
page (CSV, SVG, JSON) under `files`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .conftest import Built


def _manifest(built: Built) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((built.site / "manifest.json").read_text("utf-8"))
    return data


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_pdf_in_the_site_is_in_the_manifest_with_its_sha256(built: Built) -> None:
    listing = _manifest(built)
    named = {e["pdf"]: e["pdf_sha256"] for key in ("documents", "comparisons")
             for e in listing[key] if e.get("pdf")}
    on_disk = {p.relative_to(built.site).as_posix(): _sha256(p)
               for p in built.site.rglob("*.pdf")}
    assert any("/vergelijking/" in p for p in on_disk)
    assert named == on_disk


def test_comparisons_stay_apart_from_documents(built: Built) -> None:
    listing = _manifest(built)
    assert all("/vergelijking/" not in e["html"] for e in listing["documents"])
    for comparison in listing["comparisons"]:
        assert {"org", "doc", "old", "new", "html", "pdf", "pdf_sha256", "json"} <= set(comparison)
        assert comparison["json"].endswith(".json")
        assert (built.site / comparison["json"]).is_file()


def test_every_file_next_to_a_page_is_in_the_manifest(built: Built) -> None:
    listing = _manifest(built)
    files = {f["path"]: f for f in listing["files"]}
    pages = {e["html"] for key in ("documents", "comparisons") for e in listing[key]}
    for suffix in ("csv", "svg", "json"):
        for path in built.site.rglob(f"*.{suffix}"):
            rel = path.relative_to(built.site).as_posix()
            folder = rel.rsplit("/", 1)[0]
            if f"{folder}/index.html" not in pages:
                continue  # the theme's and the search index's files, not artefacts
            assert rel in files, rel
            assert files[rel]["sha256"] == _sha256(path)
            assert files[rel]["page"] == f"{folder}/index.html"
            assert files[rel]["type"] == suffix
    assert sum(1 for f in files.values() if f["type"] == "csv") >= 100
