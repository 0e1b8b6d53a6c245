"""What gets printed: one PDF per document page, with its metadata and attachments.

`jobs()` turns the pages of a finished MkDocs build into `pdf.PdfJob`s; `apply()` writes
each PDF's name and sha256 into the manifest entries. `SourceStamps` dates a document by
the last commit that changed one of its sources (`source_paths`), so a commit to one
document leaves every other document's PDF byte for byte as it was (and in the cache).
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from pcdocs.errors import Finding
from pcdocs.model.frontmatter import Status
from pcdocs.model.repository import Document
from pcdocs.output import pdf, printing
from pcdocs.support import git


@dataclass(frozen=True)
class Printable:
    """One page to print: the document, its edition, its content and where it lives."""

    document: Document
    edition: str | None  # gemeente slug
    content_html: str
    html_path: str  # relative to site/, e.g. "iasz/2024/jaarplan/index.html"
    sources: tuple[str, ...]

    @property
    def name(self) -> str:
        ref = self.document.ref
        base = f"{ref.org}/{ref.year}/{ref.doc}"
        return f"{base}:{self.edition}" if self.edition else base

    @property
    def pdf_path(self) -> str:
        """The PDF next to the page's HTML, relative to site/."""
        meta, ref = self.document.meta, self.document.ref
        return posixpath.join(posixpath.dirname(self.html_path),
                              pdf.file_name(ref.org, meta.period.slug, ref.doc, self.edition))


def pdf_name(document: Document, edition: str | None = None) -> str:
    """The PDF's file name, as the page header links it."""
    return pdf.file_name(document.ref.org, document.meta.period.slug, document.ref.doc, edition)


# -- which commit a document comes from --------------------------------------------------

# What shapes every PDF besides a document's own files: the code (pcdocs/, with its print
# stylesheet, fonts and reference lists), the macros module, the Markdown configuration and
# the pinned library versions. docs/assets/ is not in it: the PDF never loads the site's
# stylesheet, and a file from docs/ that a page shows is one of that page's own sources.
CODE_PATHS = ("pcdocs", "macros", "mkdocs.yml", "constraints.txt")


@dataclass(frozen=True)
class SourceStamp:
    """Where a document's sources stand: the last commit that changed one of them, the
    date its PDF carries, and whether the work tree has changes to them not yet committed."""

    commit: str | None
    created: str  # W3C date-time, seconds
    uncommitted: bool = False


def source_paths(root: Path, document: Document, sources: Iterable[str],
                 content_html: str | None = None, html_path: str | None = None
                 ) -> tuple[str, ...]:
    """Every path whose commits date a document: its Markdown, the data files it read
    (with the organisation file and shared files), the files from docs/ its page shows,
    and the code (CODE_PATHS)."""
    paths = {document.file, *sources, *CODE_PATHS}
    if content_html and html_path:
        folder = posixpath.dirname(html_path)
        for ref in set(pdf._RESOURCE.findall(content_html)):
            rel = posixpath.normpath(posixpath.join(folder, unquote(ref)))
            if not rel.startswith("../") and rel != ".." and not rel.endswith(".md") \
                    and (root / "docs" / rel).is_file():
                paths.add(f"docs/{rel}")
    return tuple(sorted(paths))


class SourceStamps:
    """The stamps of one build: one `git log -1` per distinct set of paths, one `git
    status` over docs/, data/, archief/ and the code."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._memo: dict[tuple[str, ...], SourceStamp] = {}
        self._dirty: set[str] | None = None
        self._dirty_read = False
        self._head: tuple[str, int] | None = None
        self._head_read = False

    def of(self, paths: Sequence[str]) -> SourceStamp:
        key = tuple(sorted(set(paths)))
        if key not in self._memo:
            self._memo[key] = self._stamp(key)
        return self._memo[key]

    def _stamp(self, paths: tuple[str, ...]) -> SourceStamp:
        found = git.last_commit(self.root, paths)
        changed = self._changed(paths)
        pinned = pdf.pinned_date()
        if pinned is not None:
            when = pinned
        elif changed and self._head_time() is not None:
            # sources newer than any commit: the newest date git knows (HEAD's), never
            # the clock, so a rebuild of the same work tree gives the same bytes
            when = dt.datetime.fromtimestamp(self._head_time() or 0, dt.UTC)
        elif found is not None:
            when = dt.datetime.fromtimestamp(found[1], dt.UTC)
        else:  # outside git: SOURCE_DATE_EPOCH, or the fallback date
            when = pdf.source_date(self.root)
        return SourceStamp(found[0] if found else None,
                           when.replace(microsecond=0).isoformat(), changed)

    def _changed(self, paths: tuple[str, ...]) -> bool:
        if not self._dirty_read:
            # (not the whole work tree: a site being built is a folder of untracked files)
            self._dirty = git.uncommitted(self.root, ("docs", "data", "archief", *CODE_PATHS))
            self._dirty_read = True
        if not self._dirty:
            return False
        prefixes = tuple(p.rstrip("/") + "/" for p in paths)
        return any(d in paths or d.startswith(prefixes) for d in self._dirty)

    def _head_time(self) -> int | None:
        if not self._head_read:
            self._head, self._head_read = git.last_commit(self.root, ["."]), True
        return self._head[1] if self._head else None


def print_meta(item: Printable, created: str, commit: str | None,
               uncommitted: bool = False) -> printing.PrintMeta:
    """What the cover, the running header and the PDF's metadata say: the document's kind
    is its organisation's (a declared kind's naam, or pcdocs' own)."""
    doc, meta = item.document, item.document.meta
    org, kind = doc.organisation, meta.kind
    gemeente = org.gemeente(item.edition) if item.edition else None
    keywords = ("sociaal domein", "planning en control", kind.naam.lower(),
                org.korte_naam or org.naam, *(g.naam for g in org.gemeenten), meta.period.label)
    return printing.PrintMeta(
        title=meta.title, organisation=org.display_name, short_name=org.korte_naam or org.naam,
        gemeenten="" if org.is_gemeente else org.gemeenten_text(), colour=org.huiskleur,
        text_colour=org.text_colour(), doc_type=kind.naam,
        period=meta.period.label, version=meta.version, status=meta.status.label.lower(),
        concept=meta.status is Status.CONCEPT, date=meta.date_text(), created=created,
        subtitle=meta.subtitle, decision=meta.decision.text() if meta.decision else None,
        edition=gemeente.naam if gemeente else None, keywords=tuple(dict.fromkeys(keywords)),
        sources=item.sources, commit=commit, uncommitted=uncommitted)


def jobs(items: Sequence[Printable], stamps: SourceStamps, site: Path) -> list[pdf.PdfJob]:
    """One PDF job per page, dated by its own sources (not by HEAD); WeasyPrint may read
    files of `site` (the site being built) and pcdocs' assets, and attaches the sources."""
    root = stamps.root
    result = []
    for item in items:
        stamp = stamps.of(source_paths(root, item.document, item.sources, item.content_html,
                                       item.html_path))
        meta = print_meta(item, stamp.created, stamp.commit, stamp.uncommitted)
        files = (item.document.file, *item.sources)
        attachments = tuple(
            pdf.Attachment(str(root / f), f, _describe(f)) for f in dict.fromkeys(files))
        result.append(pdf.PdfJob(
            name=item.name, content=item.content_html, meta=meta,
            base_dir=str(site / posixpath.dirname(item.html_path)),
            target=str(site / item.pdf_path), created=stamp.created, attachments=attachments,
            site_dir=str(site), source=item.document.file, source_root=str(root)))
    return result


def _describe(file: str) -> str:
    if file.endswith(".md"):
        return "De tekst van het document (Markdown met macro's)"
    return "Gegevensbestand waar de cijfers in dit document uit komen"


def apply(entries: list[dict[str, Any]], items: Sequence[Printable],
          results: Sequence[pdf.PdfResult]) -> list[Finding]:
    """Fill `pdf` and `pdf_sha256` (and the page count) of each manifest entry, and return
    an error for every URL a PDF was refused (`pdf.findings`). A PDF that was refused
    something is not written, and its entry keeps `pdf: null`."""
    by_name = {r.name: r for r in results}
    paths = {item.name: item.pdf_path for item in items}
    for entry in entries:
        name = f"{entry['org']}/{entry['year']}/{entry['doc']}"
        if entry.get("edition"):
            name += f":{entry['edition']}"
        result = by_name.get(name)
        if result is not None and not result.refused:
            entry["pdf"] = paths[name]
            entry["pdf_sha256"] = result.sha256
            entry["pdf_pages"] = result.pages
    return pdf.findings(results)


def edition_markdown(source_text: str) -> str:
    """The Markdown of an edition's page: the document's own, kept out of the site search
    (the full document is found already)."""
    if source_text.startswith("---"):
        return "---\nsearch:\n  exclude: true" + source_text[3:]
    return source_text


# -- passages for one gemeente -------------------------------------------------------------

PASSAGE = "admonition gemeente"


def passages(page_html: str, document: Document, edition: str | None,
             source: Path) -> tuple[str, list[Finding]]:
    """Apply the passages an author marked with `!!! gemeente "Heemstede"`: the full
    document shows each with its gemeente named, a gemeente's edition shows its own passages
    as ordinary text and leaves out the others'. An unknown gemeente is a finding.

    Only the passages are parsed (the rest of the page is kept as it is), so the work grows
    with the passages, not with the page."""
    if PASSAGE not in page_html:
        return page_html, []
    parts: list[str] = []
    findings: list[Finding] = []
    done = 0
    for start, end in passage_blocks(page_html):
        fragment, problems = _apply(page_html[start:end], document, edition, source)
        parts += [page_html[done:start], fragment]
        findings += problems
        done = end
    parts.append(page_html[done:])
    return "".join(parts), findings


_DIV_TAG = re.compile(r"<(/?)div(?=[\s/>])[^>]*>", re.IGNORECASE)
_CLASS = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def passage_blocks(page_html: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost passage `<div class="admonition gemeente">…</div>`
    in the page: its end is the `</div>` that closes it, found by counting the `<div>`s
    nested in it (a passage that is never closed runs to the end, as an HTML parser reads
    it)."""
    blocks: list[tuple[int, int]] = []
    depth, start = 0, 0
    for tag in _DIV_TAG.finditer(page_html):
        text = tag.group(0)
        if depth == 0:
            if not tag.group(1) and _is_passage(text):
                if text.endswith("/>"):  # an empty passage
                    blocks.append((tag.start(), tag.end()))
                else:
                    depth, start = 1, tag.start()
            continue
        if tag.group(1):
            depth -= 1
        elif not text.endswith("/>"):
            depth += 1
        if depth == 0:
            blocks.append((start, tag.end()))
    if depth:
        blocks.append((start, len(page_html)))
    return blocks


def _is_passage(start_tag: str) -> bool:
    """Whether a `<div …>` start tag has the classes `admonition` and `gemeente`."""
    found = _CLASS.search(start_tag)
    classes = next((g for g in found.groups() if g is not None), "").split() if found else []
    return "admonition" in classes and "gemeente" in classes


def _apply(fragment: str, document: Document, edition: str | None,
           source: Path) -> tuple[str, list[Finding]]:
    """One passage (with any passages nested in it) for the full document or an edition."""
    from bs4 import BeautifulSoup

    org = document.organisation
    by_name = {g.naam.lower(): g for g in org.gemeenten} | {g.slug: g for g in org.gemeenten}
    soup = BeautifulSoup(fragment, "html.parser")
    findings = []
    for box in soup.select("div.admonition.gemeente"):
        title = box.select_one(".admonition-title")
        named = title.get_text(" ", strip=True) if title else ""
        gemeente = by_name.get(named.lower())
        if gemeente is None:
            findings.append(Finding(
                "error", "onbekende-gemeente", document.file, _line_of(source, named),
                f"passage voor gemeente '{named}': die gemeente hoort niet bij "
                f"{org.korte_naam or org.naam}",
                hint="schrijf !!! gemeente \"<naam>\" met een van: "
                     + ", ".join(g.naam for g in org.gemeenten)))
            continue
        if edition is None:
            box["class"] = "pc-gemeente"
            box["data-gemeente"] = gemeente.slug
            if title is not None:
                title["class"] = "pc-gemeente__label"
                title.string = f"Alleen voor de gemeente {gemeente.naam}"
        elif gemeente.slug == edition:
            if title is not None:
                title.decompose()
            box.unwrap()
        else:
            box.decompose()
    return str(soup), findings


def _line_of(source: Path, named: str) -> int | None:
    """The line of the passage in the document's source (read only for an error)."""
    text = source.read_text(encoding="utf-8-sig")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("!!! gemeente") and named in line:
            return number
    return None


# -- what an edition leaves out is not linked --------------------------------------------

_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_IN_PAGE_LINK = re.compile(
    r"""<a\s[^>]*?href\s*=\s*(?:"#([^"]*)"|'#([^']*)')[^>]*>(.*?)</a>""", re.IGNORECASE | re.S)


def anchors(page_html: str) -> set[str]:
    """The ids of the elements of a page (or of part of one)."""
    from html import unescape

    return {unescape(a if a is not None else b) for a, b in _ID.findall(page_html)}


def follow_edition(whole_html: str, edition_html: str, toc: list[Any]) -> str:
    """An edition's page and table of contents link only to what the edition shows: every
    anchor of the whole document (`whole_html`) that the edition left out (another
    gemeente's passage, with its headings) is dropped from `toc` (MkDocs' AnchorLinks,
    changed in place: an entry's children that remain take its place), and a link in the
    page to such an anchor keeps its text without the link."""
    from html import unescape

    gone = anchors(whole_html) - anchors(edition_html)
    if not gone:
        return edition_html
    toc[:] = _pruned(toc, gone)

    def unlink(match: re.Match[str]) -> str:
        target = unescape(match.group(1) if match.group(1) is not None else match.group(2))
        return match.group(3) if target in gone else match.group(0)

    return _IN_PAGE_LINK.sub(unlink, edition_html)


def _pruned(items: list[Any], gone: set[str]) -> list[Any]:
    kept: list[Any] = []
    for item in items:
        item.children = _pruned(list(item.children), gone)
        if item.id in gone:
            kept.extend(item.children)
        else:
            kept.append(item)
    return kept
