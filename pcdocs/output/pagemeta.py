"""What a page's front matter may tell the theme, and the title and status of a document's
page: the theme prints front matter into HTML unescaped, so only plain, escaped values
reach it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.structure.pages import Page

from pcdocs.model.frontmatter import Status
from pcdocs.model.repository import Document

_TEXT_META = ("title", "description")
_HIDE = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})


def keep_safe_meta(page: Page) -> None:
    """Keep of a page's front matter only what the theme may act on, as plain values: the
    theme prints front matter into HTML unescaped (`<title>`, `<meta content>`, the nav,
    `revision_date`, `status` as a class), so every other key is dropped (pcdocs reads its
    own keys from the front matter itself), `title` and `description` become escaped text
    (Markup: the theme's own `| e` does not escape them twice), `hide` a list of the
    theme's words, `search` only `exclude: true`."""
    kept: dict[str, Any] = {}
    for key in _TEXT_META:
        value = page.meta.get(key)
        if value is not None:
            kept[key] = value if isinstance(value, Markup) else escape(str(value))
    hide = page.meta.get("hide")
    if isinstance(hide, list):
        kept["hide"] = [h for h in hide if isinstance(h, str) and h in _HIDE]
    search = page.meta.get("search")
    if isinstance(search, dict) and search.get("exclude") is True:
        kept["search"] = {"exclude": True}
    if page.meta.get("render_macros") is False:
        kept["render_macros"] = False
    page.meta.clear()
    page.meta.update(kept)


def safe_title(page: Page) -> None:
    """A page without a title of its own takes its first heading, which the theme writes
    into `<title>` through `striptags` (that undoes the escaping): give it the heading as
    escaped text instead."""
    if "title" not in page.meta and page.title:
        page.meta["title"] = escape(Markup(page.title).striptags())


def document_meta(page: Page, document: Document, edition: str | None) -> None:
    """The title and the navigation status of a document's page or edition."""
    title = document.meta.title
    if edition:
        title += f" – editie {gemeente_label(document, edition)}"
    page.meta["title"] = escape(title)
    _material_status(page, document)


def _material_status(page: Page, document: Document) -> None:
    """Material shows `status:` as a nav icon: keep it for concepts only (see mkdocs.yml)."""
    if document.meta.status is Status.CONCEPT:
        page.meta["status"] = "concept"
    else:
        page.meta.pop("status", None)


def gemeente_label(document: Document, edition: str) -> str:
    found = document.organisation.gemeente(edition)
    return found.naam if found else edition


def lines_before(source: Path, markdown: str) -> int:
    """How many source lines MkDocs removed before `markdown` (front matter, blank lines)."""
    if not source.is_file():
        return 0
    text = source.read_text(encoding="utf-8-sig")
    head = markdown[:200]
    position = text.find(head) if head else -1
    return text[:position].count("\n") if position > 0 else 0
