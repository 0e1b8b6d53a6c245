"""One build: the repository, its data store, and every page's context and findings.

A session is one explicit object, handed from whoever starts a build to whoever takes part:
`pcdocs build` makes one, runs `check` with it and gives it to the MkDocs plugin
(`PcdocsPlugin.use`) so it can read the findings afterwards; without one, the plugin makes
its own (`mkdocs build`, each rebuild of the preview). The macros module reaches it through
the plugin (`mkdocs_plugin.register_macros`). No module keeps a session in a global.
"""

from __future__ import annotations

import re
from collections.abc import MutableMapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from pcdocs.blocks.datasets import DataScope, DataStore
from pcdocs.errors import Finding, PcdocsError
from pcdocs.model.frontmatter import split_front_matter
from pcdocs.model.load import parse_yaml, read_text
from pcdocs.model.repository import Repository, organisation_of
from pcdocs.model.schema import Reader
from pcdocs.output.editions import SourceStamps
from pcdocs.output.shard import Shard
from pcdocs.render import rendering
from pcdocs.render.page import PageContext
from pcdocs.support.cache import DiskCache, Layered
from pcdocs.support.progress import Progress


class BuildSession:
    def __init__(self, repo: Repository, *, serve: bool = False,
                 use_cache: bool = True) -> None:
        self.repo = repo
        self.disk = DiskCache(repo.root if use_cache else None)
        self.store = DataStore(repo.root, self.disk)
        self.serve = serve
        self.pages: dict[str, PageContext] = {}
        self.current: PageContext | None = None
        self.findings: list[Finding] = []
        self.chart_cache: MutableMapping[str, bytes] = Layered(self.disk, "grafieken")
        self.directory_urls = True
        self.pdf = not serve  # the live preview makes no PDFs
        self.pdf_workers: int | None = None
        self.pdf_only: set[str] | None = None  # document names; None: every document
        self.pdf_results: list[Any] = []  # pdf.PdfResult, in manifest order
        self.pdf_jobs: list[Any] = []  # pdf.PdfJob
        self.pdf_seconds = 0.0  # wall time of the PDF step
        self.progress: Progress = Progress()  # a display for long builds; silent by default
        self.only: str | None = None  # the live preview of one document ("iasz/2024/jaarplan")
        self.shard: Shard | None = None  # `build --shard K/N`: this shard's share of the pages
        self._stamps: SourceStamps | None = None

    @property
    def stamps(self) -> SourceStamps:
        """The sources' commits and dates, shared by the manifest and the PDF jobs, so each
        git question is asked once per build."""
        if self._stamps is None:
            self._stamps = SourceStamps(self.repo.root)
        return self._stamps

    @classmethod
    def for_preview(cls, root: Path, only: str | None) -> BuildSession:
        """A rebuild of the live preview: of one document (it reads that document's
        organisation only, however many there are) or of the whole site."""
        scope = organisation_of(only) if only else None
        made = cls(Repository(root, scope=scope), serve=True)
        made.only = only
        return made

    def owns(self, src_path: str) -> bool:
        """Whether this build renders the page (always, unless it is one shard of several)."""
        return self.shard is None or self.shard.owns(src_path)

    def begin_page(self, src_path: str) -> PageContext:
        """Create the context of a page (path relative to docs/) and make it current."""
        path = self.repo.docs_dir / src_path
        rel = self.repo.rel(path)
        document, edition = self.repo.page_document(src_path)
        ref = document.ref if document is not None else self.repo.doc_ref_for(src_path)
        offset, folder = 0, None
        if document is not None:
            rel = document.file
            offset, folder = document.body_line_offset, document.data_folder
        ctx = PageContext(self, src_path, rel, offset, document, None)
        ctx.edition = edition
        ctx.broken = ref is not None and document is None
        if document is not None:
            ctx.front = document.front
        try:
            if ref is None and path.is_file():
                offset, ctx.front = _plain_page_header(path, rel)
                ctx.line_offset = offset
                folder = Reader(ctx.front, rel).text("data") if "data" in ctx.front else None
            if folder is not None:
                ctx.scope = DataScope(self.store, self.repo.data_dir, folder, rel)
        except PcdocsError as exc:
            finding = exc.finding
            line_of = getattr(ctx.front, "line_of", None)
            if finding.line is None and finding.key == "data" and line_of is not None:
                finding = replace(finding, line=line_of("data"))  # front matter: file lines
            ctx.findings.append(finding)
            ctx.broken = ctx.broken or document is not None  # not rendered: no error per macro
        self.pages[src_path] = ctx
        self.current = ctx
        return ctx

    def render_page(self, src_path: str) -> tuple[PageContext, str | None, list[Finding]]:
        """A page's Markdown with its macros rendered, as the build renders it (None when they
        cannot run), with the static problems found on the way. A generated edition page
        (`<org>/<year>/<doc>/<gemeente>.md`) renders its document's source."""
        ctx = self.begin_page(src_path)
        text = read_text(self.repo.root / ctx.file, ctx.file)
        _, _, body = split_front_matter(text)
        if ctx.broken:
            ctx.markdown = body
            return ctx, None, []
        rendered, problems = rendering.render(ctx, body)
        return ctx, rendered, problems

    def all_findings(self) -> list[Finding]:
        """Every finding once: a broken data file is reported at its own line, however many
        macros asked for it (the first page and macro that did are kept)."""
        return unique([*self.repo.problems, *self.findings,
                       *(f for p in self.pages.values() for f in p.findings)])

    def errors(self) -> list[Finding]:
        return [f for f in self.all_findings() if f.severity == "error"]


_DOCUMENT_PAGE = re.compile(r"^docs/[^/]+/\d{4}/[^/]+\.md$")


def unique(findings: list[Finding]) -> list[Finding]:
    """Each problem once. When several pages asked for the same broken data, show a
    document page (rather than, say, the author guide) and count the other places."""
    groups: dict[tuple[object, ...], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.severity, f.code, f.file, f.line, f.message), []).append(f)
    result = []
    for group in groups.values():
        asked = [f for f in group if f.page]
        best = next((f for f in asked if _DOCUMENT_PAGE.match(f.page or "")), None)
        best = best or (asked[0] if asked else group[0])
        places = {(f.page, f.page_line, f.macro) for f in asked}
        result.append(replace(best, elsewhere=max(0, len(places) - 1)))
    return result


def _plain_page_header(path: Path, rel: str) -> tuple[int, dict[str, Any]]:
    """Front matter line count and front matter of a page that is not a document."""
    front, offset, _ = split_front_matter(read_text(path, rel))
    if not front:
        return offset, {}
    data = parse_yaml(front, rel, line_offset=1)
    return offset, dict(data) if isinstance(data, dict) else {}
