"""Taking a snapshot of a document in a repository: its figures and its text per section.

The page is rendered the way `check` renders it (macros in a sandbox, then Markdown with the
site's extensions), so the text holds the figures as the reader sees them; the facts come
from every dataset the page read.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from pcdocs import archive, editions
from pcdocs.compare.facts import facts_of
from pcdocs.compare.model import Fact, Snapshot
from pcdocs.compare.text import sections
from pcdocs.datasets import blocks
from pcdocs.errors import BuildFailed
from pcdocs.repository import Document, Repository
from pcdocs.session import BuildSession

_DEFAULT_EXTENSIONS = ["toc", "footnotes", "tables", "attr_list", "md_in_html", "def_list",
                       "admonition"]


def take(repo: Repository, document: Document, edition: str | None = None, *,
         name: str | None = None, revision: str | None = None,
         session: BuildSession | None = None) -> Snapshot:
    """The snapshot of `document` (one gemeente's edition when `edition` is given)."""
    from pcdocs.check import render_page

    active = session or BuildSession(repo)
    src = document.edition_src_path(edition) if edition else document.ref.src_path
    ctx, markdown, problems = render_page(active, src)
    errors = [f for f in [*problems, *ctx.findings] if f.severity == "error"]
    if errors or markdown is None:
        raise BuildFailed(errors or problems)
    page_html = to_html(repo.root, markdown)
    page_html, _ = editions.passages(page_html, document, edition, repo.root / document.file)
    meta = document.meta
    return Snapshot(
        name=name or (f"{document.ref.name}:{edition}" if edition else document.ref.name),
        org=document.ref.org, year=meta.period.start, doc=document.ref.doc, edition=edition,
        title=meta.title, version=meta.version, status=meta.status.value,
        date=meta.date.isoformat()[:7] if meta.date_is_month else meta.date.isoformat(),
        facts=tuple(_facts(active, ctx.sources(), edition)), sections=sections(page_html),
        revision=revision)


def published_snapshot(published: archive.Published, edition: str | None,
                       name: str) -> Snapshot:
    """The snapshot stored with a published version, under the name the user gave it."""
    data = json.loads(published.snapshot_file(edition).read_text(encoding="utf-8"))
    return replace(Snapshot.from_json(data), name=name)


def _facts(active: BuildSession, used: list[str], edition: str | None) -> list[Fact]:
    known = blocks()
    loaded: dict[str, Any] = {}
    for rel in used:
        path = active.repo.root / rel
        block = known.get(path.stem)
        if block is None or path.suffix.lstrip(".") not in block.extensions:
            continue  # the organisation file, or a companion read with its main file
        loaded[block.kind] = (block, active.store.load(block, path, rel))
    profile = loaded.get("risicoprofiel", (None, None))[1]
    facts: list[Fact] = []
    for kind, (block, record) in loaded.items():
        if kind != "risicoprofiel":
            facts += facts_of(block, record, edition=edition, profile=profile)
    return facts


def to_html(root: Path, markdown_text: str) -> str:
    """Markdown to HTML with the extensions the site uses (read from mkdocs.yml)."""
    import markdown

    names, configs = _extensions(root / "mkdocs.yml")
    try:
        return markdown.markdown(markdown_text, extensions=names, extension_configs=configs)
    except Exception:  # an extension the site needs but we cannot load here
        return markdown.markdown(markdown_text, extensions=_DEFAULT_EXTENSIONS)


def _extensions(config: Path) -> tuple[list[str], dict[str, Any]]:
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return list(_DEFAULT_EXTENSIONS), {}
    entries = data.get("markdown_extensions") if isinstance(data, dict) else None
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in entries or _DEFAULT_EXTENSIONS:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict):
            for key, value in entry.items():
                names.append(key)
                if isinstance(value, dict):
                    configs[key] = value
    return names, configs
