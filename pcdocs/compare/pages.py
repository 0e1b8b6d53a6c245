"""The comparison pages the build makes: one for every two consecutive versions of a series."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pcdocs import series
from pcdocs.compare.diff import diff
from pcdocs.compare.model import Comparison, Snapshot
from pcdocs.compare.render import page_markdown
from pcdocs.compare.snapshot import take
from pcdocs.errors import PcdocsError
from pcdocs.repository import Repository
from pcdocs.session import BuildSession


@dataclass(frozen=True)
class ComparisonPage:
    src_path: str  # relative to docs/
    markdown: str
    comparison: Comparison
    old: series.Entry
    new: series.Entry


def pages(repo: Repository, store_from: BuildSession | None = None) -> list[ComparisonPage]:
    """Comparison pages for every series; a version that cannot be read is left out (the
    build reports its errors where they are)."""
    session = BuildSession(repo)
    if store_from is not None:
        session.store = store_from.store  # data files are read once per build
    cache: dict[str, Snapshot] = {}
    result = []
    for entries in series.all_series(repo).values():
        for old, new in series.comparisons(entries):
            try:
                comparison = diff(_snapshot(repo, session, old, cache),
                                  _snapshot(repo, session, new, cache))
            except PcdocsError:
                continue
            here = series.comparison_url(old, new)
            urls = {old.ref: old.url, new.ref: new.url}
            markdown = page_markdown(comparison, lambda name, urls=urls, here=here:  # type: ignore[misc]
                                     series.relative(here, urls[name]) if name in urls else None)
            result.append(ComparisonPage(series.comparison_src(old, new), markdown, comparison,
                                         old, new))
    return result


def _snapshot(repo: Repository, session: BuildSession, entry: series.Entry,
              cache: dict[str, Snapshot]) -> Snapshot:
    if entry.ref not in cache:
        if entry.archived:
            from pcdocs import archive

            published = next(p for p in archive.of_document(repo.root, entry.name)
                             if p.version == entry.version)
            data = json.loads(published.snapshot_file().read_text(encoding="utf-8"))
            found = Snapshot.from_json(data)
            cache[entry.ref] = Snapshot(**{**found.__dict__, "name": entry.ref})
        else:
            cache[entry.ref] = take(repo, repo.documents[entry.name], session=session)
    return cache[entry.ref]


def manifest_entry(page: ComparisonPage, html_paths: dict[str, str]) -> dict[str, object]:
    """The comparison in `manifest.json` (`comparisons`), for tools that read the site."""
    c = page.comparison
    return {"org": page.old.org, "doc": page.old.doc, "old": page.old.ref, "new": page.new.ref,
            "html": html_paths.get(page.src_path), "figure_changes": len(c.changes),
            "text_changes": sum(1 for t in c.text if t.status != "ongewijzigd")}
