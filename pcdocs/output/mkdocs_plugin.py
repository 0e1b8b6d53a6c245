"""The MkDocs glue, kept thin: every decision is made in the pcdocs modules it calls.

`plugins: [search, pcdocs, macros]` - pcdocs runs before macros on each page, so it can
check a page's macro syntax before mkdocs-macros renders it.
"""

from __future__ import annotations

import logging
import posixpath
import shutil
import time
import zlib
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from pcdocs.compare import pages as compare_pages
from pcdocs.errors import PcdocsError
from pcdocs.model.frontmatter import Status
from pcdocs.model.repository import Document
from pcdocs.output import archive, editions, manifest, pdf, portal, series, session, shard
from pcdocs.render import authoring, hyphenate, rendering, templating
from pcdocs.render import html as html_blocks
from pcdocs.render.page import PageContext

log = logging.getLogger("mkdocs.plugins.pcdocs")


class PcdocsOptions(Config):
    """The plugin has no options: everything it needs comes from the repository."""


class PcdocsPlugin(BasePlugin[PcdocsOptions]):
    def __init__(self) -> None:
        self.command = "build"
        self.html_paths: dict[str, str] = {}
        self.series: dict[tuple[str, str], list[series.Entry]] = {}
        self.comparisons: list[compare_pages.ComparisonPage] = []
        self.comparison_html: dict[str, str] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        self.session = session.start(root, serve=self.command == "serve")
        self.session.directory_urls = config.use_directory_urls
        # MkDocs keeps plugin instances between builds in one process (serve): start afresh
        self.html_paths, self.series, self.comparisons, self.comparison_html = {}, {}, [], {}
        self._rendered: Page | None = None
        self._packed: dict[str, bytes] = {}
        # pcdocs/output/theme before Material's templates, for every site (see its files' headers)
        if str(portal.THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(portal.THEME_DIR))
        only = self._only()
        if only is not None:  # the preview of one document: its page alone
            config.nav = [{escape(only.meta.title): only.ref.src_path}]
        elif config.nav is None:
            config.nav = portal.navigation(self.session.repo, self._extra_pages(config))
            scope = portal.navigation_scope(config.nav, self.session.repo.organisations)
            if scope is not None:  # many organisations: a sidebar shows its own one only
                config.extra[portal.NAV_SCOPE] = scope
        return config

    def _only(self) -> Document | None:
        name = self.session.only
        return self.session.repo.documents.get(name) if name else None

    def _extra_pages(self, config: MkDocsConfig) -> list[object]:
        return portal.other_sections(Path(config.docs_dir), set(self.session.repo.organisations))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        repo = self.session.repo
        only = self._only()
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
        # filled with each comparison page's content as it is rendered (printed as a PDF)
        self.comparison_html = dict.fromkeys(
            (p.src_path for p in self.comparisons), "")
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

    # MkDocs renders every page before it writes the first one, holding each page's HTML and
    # Markdown meanwhile (about 100 kB each, so gigabytes at national scale). Once a page is
    # rendered (when the next one starts), its HTML is kept compressed until it is written.
    def _pack_previous(self, page: Page | None = None) -> None:
        done = self._rendered
        if done is not None and isinstance(done.content, str):
            self._packed[done.file.src_uri] = zlib.compress(done.content.encode(), 1)
            done.content, done.markdown = None, ""  # (the title stays: it is kept apart)
        self._rendered = page

    @event_priority(100)  # before the search plugin reads the page
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig,
                        nav: Any) -> Any:
        packed = self._packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode()
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        page.content = None  # written: MkDocs needs only its title, address and anchors now
        return hyphenate.headings(output)  # after search read it: soft hyphens for phones

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._pack_previous()
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        self._pack_previous(page)
        _text_meta(page)
        if not self.session.owns(page.file.src_path):
            return self._placeholder(page, markdown)
        ctx = self.session.begin_page(page.file.src_path)
        ctx.line_offset = _lines_before(self.session.repo.root / ctx.file, markdown)
        self.html_paths[page.file.src_path] = page.file.dest_uri
        if ctx.document is not None:
            _document_meta(page, ctx.document, ctx.edition)
        if ctx.broken:
            return ('!!! failure "Dit document kan niet worden gemaakt"\n\n'
                    "    De front matter bevat fouten; zie de meldingen van de build.\n")
        return markdown  # mkdocs-macros renders it next, through `render` below

    def _placeholder(self, page: Page, markdown: str) -> str:
        """Another shard renders this page: keep what other pages show of it (its title and
        status in the navigation and the footer links) and leave the rest out."""
        self.html_paths[page.file.src_path] = page.file.dest_uri
        document, edition = self.session.repo.page_document(page.file.src_path)
        page.meta["render_macros"] = False
        if document is not None:
            _document_meta(page, document, edition)
            return ""
        if not templating.has_macros(markdown):
            return markdown  # (an overview page: cheap, and its title is its first heading)
        return next((line for line in markdown.splitlines() if line.startswith("# ")), "")

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        if not self.session.owns(page.file.src_path):
            return html
        _safe_title(page)
        self.session.progress.advance()
        ctx = self.session.pages.get(page.file.src_path)
        if ctx is not None:
            refused = rendering.refused_html(ctx, html, page.file.dest_uri)
            if refused is not None:
                return refused  # (the findings fail the build; the preview shows them)
            _write_assets(Path(config.site_dir), page.file.dest_uri, ctx)
        html = html_blocks.tidy(html)  # blocks out of paragraphs, block headings' levels
        if page.file.src_path in self.comparison_html:
            self.comparison_html[page.file.src_path] = html
        if ctx is None or ctx.document is None:
            return html
        doc = ctx.document
        shown, problems = editions.passages(html, doc, ctx.edition,
                                            self.session.repo.root / doc.file)
        ctx.findings.extend(problems)
        html = editions.follow_edition(html, shown, page.toc.items) if ctx.edition else shown
        content = html_blocks.drop_repeated_titles(html)
        if self.session.pdf:
            ctx.content_html = content
        pdf_href = editions.pdf_name(doc, ctx.edition) if self.session.pdf else None
        directory_urls = self.session.directory_urls
        if ctx.edition:
            links = [(doc.meta.title, portal.relative_url(page.file.src_path, doc.ref.src_path,
                                                          directory_urls))]
        else:
            links = [(g.naam, portal.relative_url(page.file.src_path,
                                                  doc.edition_src_path(g.slug), directory_urls))
                     for g in doc.editions]
        header = portal.document_header(doc, ctx.sources(), pdf_href,
                                        _gemeente_label(doc, ctx.edition) if ctx.edition
                                        else None, links,
                                        self._versions(ctx))
        return str(header + Markup(content))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
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
            started = time.perf_counter()
            jobs = editions.jobs(printables, self.session.repo.root, site)
            jobs += self._comparison_jobs(site)
            results = pdf.render_all(jobs, self.session.pdf_workers, self.session.disk,
                                     self.session.progress)
            self.session.pdf_jobs, self.session.pdf_results = jobs, results
            self.session.pdf_seconds = time.perf_counter() - started
            self.session.findings.extend(editions.apply(entries, printables, results))
        if self._only() is None:  # the one-document preview leaves the archive out
            entries += self._published(site)
        self._redirects(site)
        manifest.write(site, manifest.build(entries, [
            compare_pages.manifest_entry(p, self.html_paths, site) for p in self.comparisons]))
        if self.session.shard is not None:
            shard.finish(site, self.session.shard, list(self.html_paths.items()),
                         shard.fingerprint(self.session.repo.root, list(self.html_paths)))
        findings = self.session.all_findings()
        for finding in findings:
            (log.warning if finding.severity == "warning" else log.error)(finding.format())
        errors = [f for f in findings if f.severity == "error"]
        if errors and not self.session.serve:
            raise PluginError(f"pcdocs: {len(errors)} fout(en) gevonden; de site is niet "
                              "gepubliceerd")


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

    def _comparison_jobs(self, site: Path) -> list[pdf.PdfJob]:
        return [compare_pages.pdf_job(p, self.session.repo, self.comparison_html[p.src_path],
                                      self.html_paths[p.src_path], site)
                for p in self.comparisons if self.comparison_html.get(p.src_path)
                and self.session.pdf_only is None]

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


_TEXT_META = ("title", "description")
_HIDE = frozenset({"navigation", "toc", "footer", "path", "tags", "feedback"})


def _text_meta(page: Page) -> None:
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


def _safe_title(page: Page) -> None:
    """A page without a title of its own takes its first heading, which the theme writes
    into `<title>` through `striptags` (that undoes the escaping): give it the heading as
    escaped text instead."""
    if "title" not in page.meta and page.title:
        page.meta["title"] = escape(Markup(page.title).striptags())


def _document_meta(page: Page, document: Document, edition: str | None) -> None:
    """The title and the navigation status of a document's page or edition."""
    title = document.meta.title
    if edition:
        title += f" – editie {_gemeente_label(document, edition)}"
    page.meta["title"] = escape(title)
    _material_status(page, document)


def _material_status(page: Page, document: Document) -> None:
    """Material shows `status:` as a nav icon: keep it for concepts only (see mkdocs.yml)."""
    if document.meta.status is Status.CONCEPT:
        page.meta["status"] = "concept"
    else:
        page.meta.pop("status", None)


def _gemeente_label(document: Document, edition: str) -> str:
    found = document.organisation.gemeente(edition)
    return found.naam if found else edition


def _lines_before(source: Path, markdown: str) -> int:
    """How many source lines MkDocs removed before `markdown` (front matter, blank lines)."""
    if not source.is_file():
        return 0
    text = source.read_text(encoding="utf-8-sig")
    head = markdown[:200]
    position = text.find(head) if head else -1
    return text[:position].count("\n") if position > 0 else 0


def _write_assets(site: Path, html_path: str, ctx: PageContext) -> None:
    """Write the page's files (tables as CSV, charts) next to its HTML, and let them go."""
    folder = site / posixpath.dirname(html_path)
    for name, data in ctx.assets.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    ctx.assets.clear()


# -- mkdocs-macros hooks (called from macros/__init__.py) ---------------------------------

def _current() -> PageContext | None:
    active = session.active()
    return active.current if active else None


def register_macros(env: Any) -> None:
    """Register every author macro with mkdocs-macros and make it render pages the one way
    pages render (`rendering.page_markdown`: the page sandbox, as `check` does), instead of
    with its own, unsandboxed Jinja environment."""
    for spec in authoring.MACROS:
        env.macro(authoring.bind(spec, _current), spec.name)

    def render(markdown: str, force_rendering: bool = False) -> str:
        ctx = _current()
        page = getattr(env, "page", None)
        if ctx is None or (page is not None and page.meta.get("render_macros") is False):
            return markdown
        if markdown is not env.markdown:  # the page's title (mkdocs-macros renders it too)
            return _title(ctx, markdown)
        return rendering.page_markdown(ctx, markdown)

    env.render = render


def _title(ctx: PageContext, title: str) -> str:
    """A title with macro syntax: rendered with the page's variables only (else as written),
    as escaped text."""
    try:
        text = Markup(templating.render_source(title, {}, authoring.page_variables(ctx)))
    except PcdocsError:
        return escape(title)
    return escape(text.striptags())


def before_page(env: Any) -> None:
    """Kept for a `macros/__init__.py` of an older pcdocs: the page renderer now gives the
    page its variables itself."""


def after_page(env: Any) -> None:
    """Kept for a `macros/__init__.py` of an older pcdocs: the page renderer now appends the
    footnotes itself."""
