"""The comparison pages the build makes: one for every two consecutive versions of a series."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pcdocs.compare.diff import diff
from pcdocs.compare.model import Comparison, Snapshot
from pcdocs.compare.render import page_markdown
from pcdocs.compare.snapshot import published_snapshot, take
from pcdocs.errors import ConfigError, GitFailed, PcdocsError
from pcdocs.model.repository import Repository
from pcdocs.output import pdf, printing, series
from pcdocs.output.editions import SourceStamps
from pcdocs.output.session import BuildSession


@dataclass(frozen=True)
class ComparisonPage:
    src_path: str  # relative to docs/
    markdown: str
    comparison: Comparison
    old: series.Entry
    new: series.Entry


def pages(repo: Repository, store_from: BuildSession | None = None,
          with_pdf: bool = False, orgs: set[str] | None = None) -> list[ComparisonPage]:
    """Comparison pages for every series (of `orgs` only, if given); a version whose document
    has errors is left out (the build reports them where they are), while a configuration
    or published version that cannot be read stops the build (ConfigError, ArchiveError)."""
    session = BuildSession(repo)
    if store_from is not None:
        session.store = store_from.store  # data files are read once per build
    cache: dict[str, Snapshot] = {}
    result = []
    for (org, _), entries in series.all_series(repo).items():
        if orgs is not None and org not in orgs:
            continue
        for old, new in series.comparisons(entries):
            try:
                comparison = diff(_snapshot(repo, session, old, cache),
                                  _snapshot(repo, session, new, cache))
            except (ConfigError, GitFailed):
                raise  # the site's configuration or a damaged published version: never quiet
            except PcdocsError:
                continue  # a document with errors: reported where they are
            here = series.comparison_url(old, new)
            urls = {old.ref: old.url, new.ref: new.url}
            def link(name: str, urls: dict[str, str] = urls, here: str = here) -> str | None:
                return series.relative(here, urls[name]) if name in urls else None

            page = ComparisonPage(series.comparison_src(old, new), "", comparison, old, new)
            href = pdf_name(page) if with_pdf else None
            result.append(ComparisonPage(
                page.src_path, page_markdown(comparison, link, href, json_name(page)),
                comparison, old, new))
    return result


def json_src(page: ComparisonPage) -> str:
    """Where the comparison's records are written as JSON (next to its page), as
    `pcdocs compare --format json` gives them."""
    return f"{page.src_path[:-3]}/{json_name(page)}"


def json_text(page: ComparisonPage) -> str:
    import json

    return json.dumps(page.comparison.as_json(), ensure_ascii=False, indent=2) + "\n"


def _snapshot(repo: Repository, session: BuildSession, entry: series.Entry,
              cache: dict[str, Snapshot]) -> Snapshot:
    if entry.ref not in cache:
        if entry.published is not None:
            cache[entry.ref] = published_snapshot(entry.published, None, entry.ref)
        else:
            cache[entry.ref] = take(repo, repo.documents[entry.name], session=session)
    return cache[entry.ref]


def manifest_entry(page: ComparisonPage, html_paths: dict[str, str],
                   site: Path) -> dict[str, object]:
    """The comparison in `manifest.json` (`comparisons`), for tools that read the site."""
    c = page.comparison
    html_path = html_paths.get(page.src_path, "")
    folder = html_path.rsplit('/', 1)[0]
    pdf_path, json_path = f"{folder}/{pdf_name(page)}", f"{folder}/{json_name(page)}"
    made = (site / pdf_path).is_file()
    return {"org": page.old.org, "doc": page.old.doc, "old": page.old.ref, "new": page.new.ref,
            "html": html_path, "pdf": pdf_path if made else None,
            "pdf_sha256": hashlib.sha256((site / pdf_path).read_bytes()).hexdigest()
            if made else None,
            "json": json_path if (site / json_path).is_file() else None,
            "figure_changes": len(c.changes),
            "text_changes": sum(1 for t in c.text if t.status != "ongewijzigd")}


def source_paths(page: ComparisonPage, repo: Repository) -> tuple[str, ...]:
    """What a comparison is made from: for each side its frozen folder in archief/, or its
    Markdown and its organisation's data folder; and the code."""
    from pcdocs.output.editions import CODE_PATHS

    paths = set(CODE_PATHS)
    for entry in (page.old, page.new):
        if entry.published is not None:
            paths.add(entry.published.folder.relative_to(repo.root).as_posix())
        elif entry.name in repo.documents:
            paths |= {repo.documents[entry.name].file, f"data/{entry.org}"}
    return tuple(sorted(paths))


def pdf_job(page: ComparisonPage, repo: Repository, content_html: str, html_path: str,
            site: Path, stamps: SourceStamps) -> pdf.PdfJob:
    """The comparison as a PDF next to its page, with the same print layout as documents.

    It is dated by the last commit that changed either version (`source_paths`), like a
    document."""
    import posixpath

    from pcdocs.compare.render import title

    created = stamps.of(source_paths(page, repo)).created
    c, org = page.comparison, repo.organisations[page.old.org]
    meta = printing.PrintMeta(
        title=title(c), organisation=org.display_name, short_name=org.korte_naam or org.naam,
        gemeenten="" if org.is_gemeente else org.gemeenten_text(), colour=org.huiskleur,
        text_colour=org.text_colour(), doc_type="Vergelijking",
        period=f"{page.old.year}–{page.new.year}" if page.old.year != page.new.year
        else str(page.new.year), version=f"{page.old.version} → {page.new.version}",
        status="vergelijking", concept=False, date=f"{c.old.label} → {c.new.label}",
        created=created, keywords=("vergelijking", "planning en control"),
        sources=(json_name(page),), colophon=(
            f"Deze vergelijking is door pcdocs berekend uit de gegevens en de tekst van beide "
            f"versies; geen cijfer is met de hand overgenomen. Alle wijzigingen staan ook als "
            f"gegevens (JSON, {json_name(page)}) als bijlage in dit PDF-bestand."))
    folder = posixpath.dirname(html_path)
    attachment = pdf.Attachment(str(site / folder / json_name(page)), json_name(page),
                                "De wijzigingen als gegevens (pcdocs compare --format json)")
    new = repo.documents.get(page.new.name) if not page.new.archived else None
    return pdf.PdfJob(name=f"vergelijking:{page.src_path}", content=content_html, meta=meta,
                      base_dir=str(site / folder), target=str(site / folder / pdf_name(page)),
                      created=created, attachments=(attachment,), site_dir=str(site),
                      source=new.file if new is not None else f"docs/{page.src_path}",
                      source_root=str(site))


def pdf_name(page: ComparisonPage) -> str:
    return f"{_stem(page)}.pdf"


def json_name(page: ComparisonPage) -> str:
    return f"{_stem(page)}.json"


def _stem(page: ComparisonPage) -> str:
    return f"vergelijking-{page.old.org}-{page.old.doc}-{page.old.slug}_{page.new.slug}"
