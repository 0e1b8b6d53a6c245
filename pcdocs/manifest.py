"""`site/manifest.json`: one entry per published artefact (GUIDE section 3, fixed).

`{"documents": [{org, year, doc, edition, title, status, version, html, pdf, pdf_sha256,
sources, ...}]}` with paths relative to `site/` and sources relative to the repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pcdocs import __version__
from pcdocs.page import PageContext


def entry(ctx: PageContext, html_path: str) -> dict[str, Any]:
    doc = ctx.document
    assert doc is not None
    meta = doc.meta
    gemeente = doc.organisation.gemeente(ctx.edition) if ctx.edition else None
    return {
        "org": doc.ref.org,
        "year": meta.period.start,
        "doc": doc.ref.doc,
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
    from pcdocs import editions

    doc = ctx.document
    assert doc is not None
    if ctx.session.serve:
        return {"source_commit": None, "source_date": None, "source_uncommitted": None}
    root = ctx.session.repo.root
    stamp = editions.source_stamps(root, ctx.session).of(editions.source_paths(
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
    path = site_dir / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def read(site_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site_dir / "manifest.json").read_text(encoding="utf-8"))
    return data
