"""PDF files with WeasyPrint: PDF/A-3a (archivable and tagged), the sources attached,
byte-identical for the same sources, rendered in a pool of worker processes.

Why PDF/A-3a: archives need PDF/A; PDF/A-3 is the part that allows the data files as
attachments (so an auditor can extract the exact figures); conformance level "a" adds the
tagged structure (headings, lists, tables, reading order, language) that readers with
assistive technology rely on. WeasyPrint cannot declare PDF/A-3 and PDF/UA-1 in one file,
so the archival standard is declared and the accessibility comes from the tags, the
language, the title and the bookmarks.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import multiprocessing
import os
import re
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from pcdocs.cache import DiskCache, key
from pcdocs.printing import PrintMeta, compose
from pcdocs.progress import Progress

ASSETS = Path(__file__).with_name("assets")
VARIANT = "pdf/a-3a"


@dataclass(frozen=True)
class Attachment:
    path: str  # absolute path of the file
    name: str  # the name it has inside the PDF (repository-relative, "data/iasz/...")
    description: str


@dataclass(frozen=True)
class PdfJob:
    name: str  # "iasz/2024/jaarplan" or "iasz/2024/jaarplan:heemstede"
    content: str  # the page's content HTML, as the site shows it
    meta: PrintMeta  # cover, running header, metadata
    base_dir: str  # folder that relative URLs (charts) are resolved against
    target: str  # where the PDF is written
    created: str  # W3C date-time of the sources: the PDF's dates, and its attachments'
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class PdfResult:
    name: str
    target: str
    pages: int
    sha256: str
    size: int
    seconds: float  # WeasyPrint: layout and PDF
    compose_seconds: float  # the print HTML from the page content


def file_name(org: str, period_slug: str, doc: str, edition: str | None = None) -> str:
    """`iasz-2024-jaarplan.pdf`, `isd-bol-2023-2026-meerjarenbeleidsplan-brunssum.pdf`."""
    stem = f"{org}-{period_slug}-{doc}"
    return f"{stem}-{edition}.pdf" if edition else f"{stem}.pdf"


def options(job: PdfJob) -> dict[str, object]:
    """WeasyPrint's options for a job: PDF/A-3a, tags, a stable identifier, attachments
    whose dates are the sources' (never the clock)."""
    from weasyprint import Attachment as WeasyAttachment

    created = dt.datetime.fromisoformat(job.created)
    return {
        "pdf_variant": VARIANT,
        "pdf_tags": True,
        "pdf_identifier": hashlib.md5(job.name.encode(), usedforsecurity=False).digest(),
        "attachments": [
            WeasyAttachment(filename=a.path, name=a.name, description=a.description,
                            created=created, modified=created, relationship="Source")
            for a in job.attachments],
    }


_STYLESHEET: object | None = None


def stylesheet() -> object:
    """The print stylesheet, parsed (and its fonts loaded) once per process."""
    global _STYLESHEET
    if _STYLESHEET is None:
        from weasyprint import CSS

        _STYLESHEET = CSS(filename=str(ASSETS / "print.css"), font_config=_font_config())
    return _STYLESHEET


def render(job: PdfJob) -> PdfResult:
    """Compose the print HTML and render one PDF; in a worker process or in this one."""
    from weasyprint import HTML

    started = time.perf_counter()
    html = compose(job.content, job.meta)
    composed = time.perf_counter()
    opts = options(job)
    document = HTML(string=html, base_url=job.base_dir.rstrip("/") + "/").render(
        stylesheets=[stylesheet()], font_config=_font_config(), **opts)
    data = document.write_pdf(**opts)
    assert data is not None  # write_pdf() without a target returns the bytes
    target = Path(job.target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return PdfResult(job.name, job.target, len(document.pages),
                     hashlib.sha256(data).hexdigest(), len(data),
                     time.perf_counter() - composed, composed - started)


_FONTS: object | None = None


def _font_config() -> object:
    """One font configuration per process (it is costly to make)."""
    global _FONTS
    if _FONTS is None:
        from weasyprint.text.fonts import FontConfiguration

        _FONTS = FontConfiguration()
    return _FONTS


def workers_for(jobs: int, wanted: int | None = None) -> int:
    """As many workers as cores (or `wanted`), never more than there are PDFs."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(jobs, wanted or cores or 1))


def render_all(jobs: Sequence[PdfJob], workers: int | None = None,
               disk: DiskCache | None = None,
               progress: Progress | None = None) -> list[PdfResult]:
    """Every PDF: from the disk cache when nothing that shapes it changed, the others the
    largest first in a pool of long-lived workers (fork: the parent has WeasyPrint imported
    already, so a worker starts warm). One worker: in this process."""
    disk = disk or DiskCache(None)
    keys = {job.name: cache_key(job) for job in jobs} if disk.enabled else {}
    done = [r for r in (_from_cache(job, keys, disk) for job in jobs) if r is not None]
    todo = [job for job in jobs if job.name not in {r.name for r in done}]
    progress = progress or Progress()
    progress.step("PDF's", len(jobs))
    progress.advance(len(done))
    made = _render_all(todo, workers, progress)
    for result in made:
        if result.name in keys:
            disk.put("pdf", keys[result.name], Path(result.target).read_bytes())
            disk.put("pdf-info", keys[result.name], json.dumps({"pages": result.pages}).encode())
    return _in_order(jobs, [*done, *made])


def cache_key(job: PdfJob) -> str:
    """Everything that shapes a PDF: the page content and the files it shows (charts), the
    cover's facts, the dates, the attachments' bytes (and, through the key, the code)."""
    parts: list[bytes | str] = [job.name, job.created, repr(job.meta), job.content]
    base = Path(job.base_dir)
    for ref in sorted(set(_RESOURCE.findall(job.content))):
        path = base / ref
        parts += [ref, path.read_bytes() if path.is_file() else b"\0-"]
    for a in job.attachments:
        parts += [a.name, a.description, Path(a.path).read_bytes()]
    return key("pdf", *parts)


_RESOURCE = re.compile(r'(?:src|href)="(?![a-z]+:|#|/)([^"?#]+)"')


def _from_cache(job: PdfJob, keys: dict[str, str], disk: DiskCache) -> PdfResult | None:
    if job.name not in keys:
        return None
    data, info = disk.get("pdf", keys[job.name]), disk.get("pdf-info", keys[job.name])
    if data is None or info is None:
        return None
    target = Path(job.target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return PdfResult(job.name, job.target, int(json.loads(info)["pages"]),
                     hashlib.sha256(data).hexdigest(), len(data), 0.0, 0.0)


def _render_all(jobs: Sequence[PdfJob], workers: int | None,
                progress: Progress) -> list[PdfResult]:
    if not jobs:
        return []
    count = workers_for(len(jobs), workers)
    order = sorted(jobs, key=lambda j: -len(j.content))
    import weasyprint  # noqa: F401  (warm the parent before forking)

    # The build's own objects (MkDocs pages, parsed data) live on: keep the garbage
    # collector from scanning them again and again while pages are laid out.
    gc.collect()
    gc.freeze()
    try:
        results = []
        if count == 1:
            for job in order:
                results.append(render(job))
                progress.advance()
            return results
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            for future in as_completed([pool.submit(render, job) for job in order]):
                results.append(future.result())
                progress.advance()
        return results
    finally:
        gc.unfreeze()


def _in_order(jobs: Sequence[PdfJob], results: Iterable[PdfResult]) -> list[PdfResult]:
    by_name = {r.name: r for r in results}
    return [by_name[j.name] for j in jobs]


def source_date(root: Path) -> dt.datetime:
    """The date the PDFs carry: SOURCE_DATE_EPOCH if set, else the time of the source
    commit (HEAD), else 1 January 2000 - never the time of the build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    stamp = _git(root, "log", "-1", "--format=%ct")
    if stamp and stamp.isdigit():
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def source_commit(root: Path) -> str | None:
    commit = _git(root, "rev-parse", "HEAD")
    return commit if commit and len(commit) == 40 else None


def _git(root: Path, *args: str) -> str | None:
    """git's answer, or None outside a repository or without git (dates fall back)."""
    from pcdocs import git
    from pcdocs.errors import ConfigError

    try:
        return git.text(root, *args).strip()
    except (ConfigError, git.GitFailed):
        return None

