"""One MkDocs build of the site: what the plugin's hooks do, in the order MkDocs calls them.

`SiteBuild` holds what one build learns as it goes (each page's address, the series, the
comparison pages and their HTML) beside the `BuildSession`; `mkdocs_plugin.py` only
forwards MkDocs' hooks to it. A new `SiteBuild` is made for every build, so nothing of one
build (the preview rebuilds in one process) reaches the next.
"""

from __future__ import annotations

import posixpath
import shutil
import time
import zlib
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from pcdocs.compare import pages as compare_pages
from pcdocs.errors import Finding
from pcdocs.model.repository import Document
from pcdocs.output import archive, editions, manifest, pagemeta, pdf, portal, series, shard
from pcdocs.output.session import BuildSession
from pcdocs.render import html as html_blocks
from pcdocs.render import numbering, rendering, templating
from pcdocs.render.overview import relative_url
from pcdocs.render.page import PageContext

BROKEN_PAGE = ('!!! failure "Dit document kan niet worden gemaakt"\n\n'
               "    De front matter bevat fouten; zie de meldingen van de build.\n")


class SiteBuild:
    def __init__(self, session: BuildSession) -> None:
        self.session = session
        self.html_paths: dict[str, str] = {}  # src_path -> dest_uri of every page
        self.series: dict[tuple[str, str], list[series.Entry]] = {}
        self.comparisons: list[compare_pages.ComparisonPage] = []
        self.comparison_html: dict[str, str] = {}  # filled as each comparison is rendered
        self.packer = Packer()

    @property
    def only(self) -> Document | None:
        """The one document of the live preview, or None for the whole site."""
        name = self.session.only
        return self.session.repo.documents.get(name) if name else None

    # -- configuration and files -----------------------------------------------------------

    def configure(self, config: MkDocsConfig) -> None:
        """pcdocs' theme overrides before Material's, and the navigation."""
        self.session.directory_urls = config.use_directory_urls
        if str(portal.THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(portal.THEME_DIR))
        only = self.only
        if only is not None:  # the preview of one document: its page alone
            config.nav = [{escape(only.meta.title): only.ref.src_path}]
        elif config.nav is None:
            repo = self.session.repo
            extra = portal.other_sections(Path(config.docs_dir), set(repo.organisations))
            config.nav = portal.navigation(repo, extra)
            scope = portal.navigation_scope(config.nav, repo.organisations)
            if scope is not None:  # many organisations: a sidebar shows its own one only
                config.extra[portal.NAV_SCOPE] = scope

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """The pages pcdocs makes: organisation overviews, editions per gemeente, the
        series' overviews and comparisons (or, in the preview of one document, only it)."""
        repo = self.session.repo
        only = self.only
        if only is not None:
            for file in [f for f in files if f.src_uri.endswith(".md")
                         and f.src_uri != only.ref.src_path]:
                files.remove(file)
            return files
        for slug, org in repo.organisations.items():
            if files.get_file_from_path(f"{slug}/index.md") is None:
                files.append(File.generated(config, f"{slug}/index.md",
                                            content=portal.org_page_markdown(org)))
        for document in repo.documents.values():
            if not document.editions:
                continue
            text = (repo.root / document.file).read_text(encoding="utf-8-sig")
            for gemeente in document.editions:  # the same source, one gemeente's content
                files.append(File.generated(config, document.edition_src_path(gemeente.slug),
                                            content=editions.edition_markdown(text)))
        self._series_pages(files, config)
        self.session.progress.step("Pagina's", sum(1 for f in files if f.src_uri.endswith(".md")
                                                   and self.session.owns(f.src_uri)))
        return files

    def _series_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Each series' overview and, outside the live preview, its comparison pages."""
        repo = self.session.repo
        self.series = series.all_series(repo)
        for (org, doc), entries in self.series.items():
            src = series.series_url(org, doc) + "index.md"
            if files.get_file_from_path(src) is None:
                name = repo.organisations[org].korte_naam or repo.organisations[org].naam
                files.append(File.generated(config, src,
                                            content=series.overview_markdown(name, entries)))
        share = self.session.shard
        self.comparisons = [] if self.session.serve else compare_pages.pages(
            repo, self.session, with_pdf=self.session.pdf,
            orgs=None if share is None else {o for o in repo.organisations if share.owns_org(o)})
        self.comparison_html = dict.fromkeys((p.src_path for p in self.comparisons), "")
        made = {p.src_path: p for p in self.comparisons}
        for (org, _), entries in self.series.items():  # every shard lists them in this order
            for old, new in series.comparisons(entries):
                page = made.get(series.comparison_src(old, new))
                if page is not None:
                    files.append(File.generated(config, page.src_path, content=page.markdown))
                    files.append(File.generated(config, compare_pages.json_src(page),
                                                content=compare_pages.json_text(page)))
                elif share is not None and not share.owns_org(org):  # another shard's
                    files.append(File.generated(config, series.comparison_src(old, new),
                                                content=""))

    # -- each page -------------------------------------------------------------------------

    def page_markdown(self, page: Page, markdown: str) -> str:
        """Start the page's context (mkdocs-macros renders the Markdown next, through
        `rendering.page_markdown`); a page of another shard becomes a placeholder."""
        self.packer.rendered(page)
        pagemeta.keep_safe_meta(page)
        self.html_paths[page.file.src_path] = page.file.dest_uri
        if not self.session.owns(page.file.src_path):
            return self._placeholder(page, markdown)
        ctx = self.session.begin_page(page.file.src_path)
        ctx.line_offset = pagemeta.lines_before(self.session.repo.root / ctx.file, markdown)
        if ctx.document is not None:
            pagemeta.document_meta(page, ctx.document, ctx.edition)
        return BROKEN_PAGE if ctx.broken else markdown

    def _placeholder(self, page: Page, markdown: str) -> str:
        """Another shard renders this page: keep what other pages show of it (its title and
        status in the navigation and the footer links) and leave the rest out."""
        document, edition = self.session.repo.page_document(page.file.src_path)
        page.meta["render_macros"] = False
        if document is not None:
            pagemeta.document_meta(page, document, edition)
            return ""
        if not templating.has_macros(markdown):
            return markdown  # (an overview page: cheap, and its title is its first heading)
        return next((line for line in markdown.splitlines() if line.startswith("# ")), "")

    def page_content(self, html: str, page: Page, site_dir: Path) -> str:
        """The page's HTML as published: refused HTML replaced, its files written, blocks
        tidied, one gemeente's passages for an edition, and a document's header."""
        if not self.session.owns(page.file.src_path):
            return html
        pagemeta.safe_title(page)
        self.session.progress.advance()
        ctx = self.session.pages.get(page.file.src_path)
        if ctx is not None:
            refused = rendering.refused_html(ctx, html, page.file.dest_uri)
            if refused is not None:
                return refused  # (the findings fail the build; the preview shows them)
            _write_assets(site_dir, page.file.dest_uri, ctx)
        html = html_blocks.tidy(html)  # blocks out of paragraphs, block headings' levels
        if ctx is not None and numbering.enabled(ctx):  # `nummering: ja`: the whole page's
            html, problems = numbering.apply(html, ctx.file)  # numbers, in edition and PDF
            for problem in problems:
                ctx.warn(problem)
        if page.file.src_path in self.comparison_html:
            self.comparison_html[page.file.src_path] = html
        if ctx is None or ctx.document is None:
            return html
        return str(self._document_page(ctx, html, page))

    def _document_page(self, ctx: PageContext, html: str, page: Page) -> Markup:
        doc = ctx.document
        assert doc is not None
        shown, problems = editions.passages(html, doc, ctx.edition,
                                            self.session.repo.root / doc.file)
        ctx.findings.extend(problems)
        html = editions.follow_edition(html, shown, page.toc.items) if ctx.edition else shown
        content = html_blocks.drop_repeated_titles(html)
        if self.session.pdf:
            ctx.content_html = content
        pdf_href = editions.pdf_name(doc, ctx.edition) if self.session.pdf else None
        src, urls = page.file.src_path, self.session.directory_urls
        if ctx.edition:
            links = [(doc.meta.title, relative_url(src, doc.ref.src_path, urls))]
        else:
            links = [(g.naam, relative_url(src, doc.edition_src_path(g.slug), urls))
                     for g in doc.editions]
        edition = pagemeta.gemeente_label(doc, ctx.edition) if ctx.edition else None
        header = portal.document_header(doc, ctx.sources(), pdf_href, edition, links,
                                        self._versions(ctx))
        return header + Markup(content)

    def _versions(self, ctx: PageContext) -> Markup:
        """The year and version selector and the comparison links of a document page."""
        assert ctx.document is not None
        ref = ctx.document.ref
        entries = self.series.get((ref.org, ref.doc), [])
        here = next((e for e in entries if e.name == ref.name and not e.archived), None)
        if here is None:
            return Markup("")
        here_url = here.url + (f"{ctx.edition}/" if ctx.edition else "")
        made = {(p.old, p.new) for p in self.comparisons}
        pairs = [e for pair in series.comparisons(entries) if pair in made for e in pair]
        links = series.comparison_links([e for e in entries if e in pairs], here, here_url) \
            if pairs else Markup("")
        return series.selector(entries, here, here_url) + links

    # -- after the last page ---------------------------------------------------------------

    def finish(self, site: Path) -> list[Finding]:
        """The PDFs, the archived versions, the redirects to the latest version, the
        manifest and (for one shard of several) the shard's marker; every finding of the
        build."""
        entries, printables = [], []
        for src, ctx in self.session.pages.items():
            if ctx.document is None:  # (its files were written as it was rendered)
                continue
            entries.append(manifest.entry(ctx, self.html_paths[src]))
            only = self.session.pdf_only
            content = ctx.content_html
            if content is not None and (only is None or ctx.document.ref.name in only):
                printables.append(editions.Printable(
                    ctx.document, ctx.edition, content, self.html_paths[src],
                    tuple(ctx.sources())))
        if self.session.pdf and not self.session.errors():
            self._print(entries, printables, site)
        if self.only is None:  # the one-document preview leaves the archive out
            entries += self._published(site)
        self._redirects(site)
        manifest.write(site, manifest.build(entries, [
            compare_pages.manifest_entry(p, self.html_paths, site) for p in self.comparisons]))
        if self.session.shard is not None:
            shard.finish(site, self.session.shard, list(self.html_paths.items()),
                         shard.fingerprint(self.session.repo.root, list(self.html_paths)))
        return self.session.all_findings()

    def _print(self, entries: list[dict[str, Any]], printables: list[editions.Printable],
               site: Path) -> None:
        started = time.perf_counter()
        stamps = self.session.stamps
        jobs = editions.jobs(printables, stamps, site)
        if self.session.pdf_only is None:
            jobs += [compare_pages.pdf_job(p, self.session.repo, self.comparison_html[p.src_path],
                                           self.html_paths[p.src_path], site, stamps)
                     for p in self.comparisons if self.comparison_html.get(p.src_path)]
        results = pdf.render_all(jobs, self.session.pdf_workers, self.session.disk,
                                 self.session.progress)
        self.session.pdf_jobs, self.session.pdf_results = jobs, results
        self.session.pdf_seconds = time.perf_counter() - started
        self.session.findings.extend(editions.apply(entries, printables, results))

    def _redirects(self, site: Path) -> None:
        for (org, doc), entries in self.series.items():
            latest = series.latest_adopted(entries)
            if latest is None or not self.session.owns(org):
                continue
            folder = series.series_url(org, doc) + series.LATEST + "/"
            target = site / folder / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(series.redirect_html(series.relative(folder, latest.url),
                                                   f"{latest.title}, versie {latest.version}"),
                              encoding="utf-8")

    def _published(self, site: Path) -> list[dict[str, Any]]:
        """Copy every published version into the site (checked against its sha256)."""
        root = self.session.repo.root
        entries: list[dict[str, Any]] = []
        for published in archive.versions(root):
            if not self.session.owns(published.org):
                continue  # another shard publishes it
            problems = archive.verify(root, published)
            self.session.findings.extend(problems)
            if problems:
                continue
            shutil.copytree(published.folder / archive.SITE, site / published.site_path,
                            dirs_exist_ok=True)
            entries += archive.manifest_entries(published)
        return entries


class Packer:
    """MkDocs renders every page before it writes the first one, holding each page's HTML
    and Markdown meanwhile (about 100 kB each, so gigabytes at national scale). Once a page
    is rendered (when the next one starts), its HTML is kept compressed until it is
    written."""

    def __init__(self) -> None:
        self._rendered: Page | None = None
        self._packed: dict[str, bytes] = {}

    def rendered(self, page: Page | None) -> None:
        """`page` starts rendering (None: the last one is done): pack the one before."""
        done = self._rendered
        if done is not None and isinstance(done.content, str):
            self._packed[done.file.src_uri] = zlib.compress(done.content.encode(), 1)
            done.content, done.markdown = None, ""  # (the title stays: it is kept apart)
        self._rendered = page

    def unpack(self, page: Page) -> None:
        """Before the page is written: its HTML back."""
        packed = self._packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode()


def _write_assets(site: Path, html_path: str, ctx: PageContext) -> None:
    """Write the page's files (tables as CSV, charts) next to its HTML, and let them go."""
    folder = site / posixpath.dirname(html_path)
    for name, data in ctx.assets.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    ctx.assets.clear()
