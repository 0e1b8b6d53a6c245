"""What a page collects while its macros run: sources read, footnotes, chart files, errors."""

from __future__ import annotations

import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from markupsafe import Markup, escape

from pcdocs.blocks.datasets import DataScope
from pcdocs.blocks.spec import BlockSpec
from pcdocs.errors import Finding, MacroError, PcdocsError
from pcdocs.model.figures import Figure
from pcdocs.model.organisation import slugify
from pcdocs.model.repository import Document
from pcdocs.render import html, numbering

if TYPE_CHECKING:
    from pcdocs.output.session import BuildSession

R = TypeVar("R")


@dataclass
class PageContext:
    session: BuildSession
    src_path: str  # relative to docs/
    file: str  # relative to the repository root
    line_offset: int
    document: Document | None
    scope: DataScope | None
    front: dict[str, Any] = field(default_factory=dict)
    broken: bool = False  # a document whose front matter could not be read: not rendered
    notes: dict[str, str] = field(default_factory=dict)
    assets: dict[str, bytes] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    markdown: str | None = None  # the page's Markdown body as written (check reads it once)
    edition: str | None = None  # gemeente slug when this page is one gemeente's edition
    # the rendered page body, for the print edition: compressed, as every page keeps it until
    # the PDFs are made at the end of the build (about a tenth of the memory)
    _content: bytes | None = field(default=None, repr=False)

    @property
    def content_html(self) -> str | None:
        return None if self._content is None else zlib.decompress(self._content).decode()

    @content_html.setter
    def content_html(self, html: str | None) -> None:
        self._content = None if html is None else zlib.compress(html.encode(), 1)

    # -- data -----------------------------------------------------------------------
    def require_scope(self) -> DataScope:
        if self.scope is None:
            raise MacroError(
                "deze pagina heeft geen gegevens", code="geen-gegevens",
                hint="zet 'data: <organisatie>/<jaar>' in de front matter van de pagina",
            )
        return self.scope

    def record(self, spec: BlockSpec[R]) -> R:
        """The typed record of a block's data file for this page."""
        return self.require_scope().record(spec)

    def figure(self, key: str) -> Figure:
        return self.require_scope().figure(key)

    @property
    def year(self) -> int | None:
        if self.document is not None:
            return self.document.meta.period.start
        if self.scope is not None:
            head = self.scope.folder.split("/")
            if len(head) > 1 and head[1].isdigit():
                return int(head[1])
        return None

    def sources(self) -> list[str]:
        used = set(self.scope.used) if self.scope else set()
        if self.document is not None:
            used.add(self.document.organisation.file)
        return sorted(used)

    # -- footnotes and files --------------------------------------------------------
    def note(self, label: str, markdown: str) -> str:
        """Register a footnote (Markdown) and return its reference `[^label]`."""
        self.notes[label] = markdown
        return f"[^{label}]"

    def note_link(self, label: str, markdown: str, text: str = "toelichting") -> Markup:
        """A link from HTML (e.g. a table cell) to a registered footnote."""
        self.notes[label] = markdown
        return Markup('<a class="pc-notelink" data-pc-note="{}" href="#fn:{}">{}</a>').format(
            label, label, text)

    def finish_markdown(self, markdown: str) -> str:
        """Append the footnotes; a table link whose note no prose refers to becomes the
        note's reference itself, so the footnote's back-link has somewhere to go. A
        `verwijzing()` to a table or figure the page does not have is reported here, once
        every macro has run (in `check` as in the build)."""
        for finding in numbering.unknown_references(markdown, self.file):
            self.warn(finding)
        if not self.notes:
            return markdown
        for label in self.notes:
            if f"[^{label}]" not in markdown:
                marker = f'data-pc-note="{label}"'
                markdown = markdown.replace(marker, f'{marker} id="fnref:{label}"', 1)
        lines = [f"[^{label}]: {text}" for label, text in self.notes.items()]
        return markdown + "\n\n" + "\n".join(lines) + "\n"

    def table(self, caption: str, columns: Sequence[html.Column], rows: Sequence[html.Row],
              *, cls: str = "", notes: Sequence[html.Content] = (), name: str | None = None
              ) -> Markup:
        """An HTML table plus its data as a CSV file next to the page (for download)."""
        stem = name or slugify(caption) or "tabel"
        file = f"{stem}.csv"
        counter = 2
        while file in self.assets and self.assets[file] != html.csv_bytes(columns, rows):
            file, counter = f"{stem}-{counter}.csv", counter + 1
        link = self.asset(file, html.csv_bytes(columns, rows))
        return html.table(caption, columns, rows, cls=cls, notes=notes, download=link)

    def chart(self, name: str, svg: bytes, alt: str, caption: str, source: str,
              data_table: Markup) -> Markup:
        """A chart stored next to the page (`name` as `asset()` returned it), with its text
        alternative, caption, source and its figures as a table."""
        from pcdocs.render.charts import size_of

        width, height = size_of(svg)
        return html.chart_figure(name, alt, caption, source, data_table, width, height)

    def asset(self, name: str, data: bytes) -> str:
        """Store a file next to the page's HTML; returns the relative URL."""
        self.assets[name] = data
        return name

    # -- errors ---------------------------------------------------------------------
    def report(self, error: PcdocsError, macro: str) -> Markup:
        """Record a user's mistake in a macro and return a visible marker."""
        line = template_line()
        page_line = line + self.line_offset if line else None
        finding = error.at_page(self.file, page_line, macro)
        self.findings.append(finding)
        return Markup('<span class="pc-fout" role="alert">Fout: {}</span>').format(
            escape(finding.format())
        )

    def warn(self, finding: Finding) -> None:
        if finding not in self.findings:
            self.findings.append(finding)


def template_line() -> int | None:
    """The line in the Markdown template whose macro call is running now (Jinja frames)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename == "<template>" and "debug_info" in frame.f_globals:
            return _corresponding_line(frame.f_globals["debug_info"], frame.f_lineno)
        frame = frame.f_back  # type: ignore[assignment]
    return None


def _corresponding_line(debug_info: str, code_line: int) -> int | None:
    pairs = [tuple(int(x) for x in item.split("=")) for item in debug_info.split("&") if item]
    result = None
    for template_line_no, code_line_no in pairs:
        if code_line_no <= code_line:
            result = template_line_no
    return result
