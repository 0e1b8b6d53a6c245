"""`site/manifest.json`: one entry per published artefact (GUIDE section 3, fixed).

`{"documents": [{org, year, doc, kind, edition, title, status, version, html, pdf,
pdf_sha256, sources, ...}]}` (`doc` is the kind's key and file name, `kind` its name as the
organisation calls it: "Jaarplan"), with paths relative to `site/` and sources relative to
the repository; beside it `comparisons` (one per comparison page: org, doc, old, new, html,
pdf, pdf_sha256, json, ...) and `files` (every other file published next to those pages:
CSV, SVG, JSON), so every PDF and data file the site holds is named once with its sha256.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from pathlib import Path
from typing import Any

from pcdocs import __version__
from pcdocs.render.page import PageContext


def entry(ctx: PageContext, html_path: str) -> dict[str, Any]:
    doc = ctx.document
    assert doc is not None
    meta = doc.meta
    gemeente = doc.organisation.gemeente(ctx.edition) if ctx.edition else None
    return {
        "org": doc.ref.org,
        "year": meta.period.start,
        "doc": doc.ref.doc,
        "kind": meta.kind.naam,
        "edition": ctx.edition,
        "title": meta.title if gemeente is None else f"{meta.title} – editie {gemeente.naam}",
        "status": meta.status.value,
        "version": meta.version,
        "period": meta.period.slug,
        "date": meta.date.isoformat()[:7] if meta.date_is_month else meta.date.isoformat(),
        "decision": None if meta.decision is None else {
            "body": meta.decision.orgaan,
            "date": meta.decision.datum.isoformat(),
            "number": meta.decision.nummer,
        },
        "organisation": doc.organisation.naam,
        "html": html_path,
        "pdf": None,
        "pdf_sha256": None,
        "source": doc.file,
        "archived": False,
        "sources": ctx.sources(),
        **_source_stamp(ctx, html_path),
    }


def _source_stamp(ctx: PageContext, html_path: str) -> dict[str, Any]:
    """`source_commit`: the last commit that changed one of the document's sources (what
    its PDF carries; null outside git), `source_date` and `source_uncommitted`. The live
    preview asks git nothing."""
    from pcdocs.output import editions

    doc = ctx.document
    assert doc is not None
    if ctx.session.serve:
        return {"source_commit": None, "source_date": None, "source_uncommitted": None}
    root = ctx.session.repo.root
    stamp = ctx.session.stamps.of(editions.source_paths(
        root, doc, ctx.sources(), ctx.content_html, html_path))
    return {"source_commit": stamp.commit, "source_date": stamp.created,
            "source_uncommitted": stamp.uncommitted}


def build(entries: list[dict[str, Any]],
          comparisons: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The manifest of these entries, in a fixed order (so shards merge to the same file)."""
    def order(e: dict[str, Any]) -> tuple[Any, ...]:
        version = tuple(int(x) for x in str(e.get("version", "")).split(".") if x.isdigit())
        return (e["org"], e["year"], e["doc"], not e.get("archived", False), version,
                e["edition"] or "")

    ordered = sorted(entries, key=order)
    listing: dict[str, Any] = {"generator": f"pcdocs {__version__}", "documents": ordered}
    if comparisons is not None:
        listing["comparisons"] = sorted(comparisons, key=lambda c: (c["org"], c["doc"],
                                                                     c["html"]))
    return listing


def write(site_dir: Path, manifest: dict[str, Any]) -> Path:
    """Write the manifest, with `files` (see `artefacts`) taken from what is in the site."""
    path = site_dir / "manifest.json"
    listing = {**manifest, "files": artefacts(site_dir, manifest)}
    path.write_text(json.dumps(listing, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def artefacts(site_dir: Path, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """`files`: every other file the build publishes next to a page of `documents` or
    `comparisons` (tables as CSV, charts as SVG, a comparison's records as JSON), as
    `{path, sha256, type, page}` with `page` the page's `html`; the page itself and the
    PDF its entry names are not repeated. Editions and archived versions are pages of
    their own (their folders are not searched twice)."""
    pages: dict[str, str] = {}
    listed: set[str] = set()
    for item in [*manifest.get("documents", []), *manifest.get("comparisons", [])]:
        html = item.get("html") or ""
        if html:
            pages.setdefault(posixpath.dirname(html), html)
            listed.add(html)
        if item.get("pdf"):
            listed.add(item["pdf"])
    found = []
    for folder, html in sorted(pages.items()):
        base = site_dir / folder
        if not base.is_dir():
            continue
        for file in sorted(p for p in base.iterdir() if p.is_file()):
            rel = posixpath.join(folder, file.name) if folder else file.name
            if rel in listed or file.suffix.lower() in (".html", ".pdf"):
                continue
            found.append({"path": rel, "sha256": _sha256(file),
                          "type": file.suffix.lower().lstrip("."), "page": html})
    return found


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read(site_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site_dir / "manifest.json").read_text(encoding="utf-8"))
    return data
