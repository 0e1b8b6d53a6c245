"""PDF files with WeasyPrint: PDF/A-3a (archivable and tagged) and, when the finished file
passes pcdocs' checks, PDF/UA-1; the sources attached, byte-identical for the same sources,
rendered in a pool of worker processes.

Why PDF/A-3a: archives need PDF/A; PDF/A-3 is the part that allows the data files as
attachments (so an auditor can extract the exact figures); conformance level "a" adds the
tagged structure (headings, lists, tables, reading order, language) that readers with
assistive technology rely on. WeasyPrint declares one variant; `pdfpost.finish` completes
the tags and adds the PDF/UA-1 identification only when `pdfpost.pdfua_problems` finds
nothing. Wide tables are fitted to the paper by `printfit` before the PDF is written.
"""

from __future__ import annotations

import base64
import datetime as dt
import gc
import hashlib
import json
import mimetypes
import multiprocessing
import os
import re
import stat
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from pcdocs.errors import Finding
from pcdocs.output import pdfpost, printfit
from pcdocs.output.printing import PrintMeta, compose
from pcdocs.support.cache import DiskCache, key
from pcdocs.support.progress import Progress

ASSETS = Path(__file__).with_name("assets")
VARIANT = "pdf/a-3a"
MAX_RESOURCE_BYTES = 64 * 1024 * 1024  # one image, font, SVG or attachment
DATA_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp",
                              "image/svg+xml"})


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
    site_dir: str = ""  # the site being built: the print may load its files ("": base_dir)
    source: str | None = None  # the page's source file (repository-relative), for findings
    source_root: str = ""  # the repository: attachments must be files inside it


@dataclass(frozen=True)
class PdfResult:
    name: str
    target: str
    pages: int
    sha256: str
    size: int
    seconds: float  # WeasyPrint: layout and PDF
    compose_seconds: float  # the print HTML from the page content
    # URLs the resource policy refused, with the reason: the PDF is not written
    refused: tuple[tuple[str, str], ...] = ()
    source: str | None = None  # the page's source file, for the findings
    # what still reaches past a page's content area after the fit ("pagina 30: table ...")
    cut_off: tuple[str, ...] = ()
    # the steps of printfit's ladder each table that was too wide took ("7:ab"), and the
    # number of layouts it took
    fitted: tuple[str, ...] = ()
    layouts: int = 1


# -- what the PDF engine may read --------------------------------------------------------

class Refused(Exception):
    """A URL the print may not load; the message says why (Dutch, for the finding)."""


@dataclass(frozen=True)
class ResourcePolicy:
    """The closed list of what WeasyPrint may read while it prints a page: regular files
    (after symlinks and `..` are resolved) inside `folders` - the site being built and
    pcdocs' own assets - and the exact `files` pcdocs attaches itself; at most `max_bytes`
    each; `data:` URIs only of images; never the network, never a device, pipe or /proc
    file."""

    folders: tuple[str, ...]  # resolved absolute folders
    files: tuple[str, ...] = ()  # resolved absolute files (the attached sources)
    max_bytes: int = MAX_RESOURCE_BYTES

    @classmethod
    def for_job(cls, job: PdfJob) -> ResourcePolicy:
        site = Path(job.site_dir or job.base_dir).resolve()
        root = Path(job.source_root).resolve() if job.source_root else None
        files = []
        for attachment in job.attachments:
            try:
                path = Path(attachment.path).resolve(strict=True)
            except (OSError, RuntimeError):
                continue
            if root is None or path.is_relative_to(root):
                files.append(str(path))
        return cls((str(site), str(ASSETS.resolve())), tuple(files))

    def path_of(self, url: str) -> Path:
        """The allowed file a `file:` URL names, or Refused."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https", "ftp", "ftps", "ws", "wss"):
            raise Refused("een netwerkadres; een PDF haalt nooit iets van het netwerk")
        if scheme != "file":
            raise Refused(f"het schema '{scheme or '(geen)'}:' is niet toegestaan")
        if parts.netloc not in ("", "localhost"):
            raise Refused("een bestand op een andere computer")
        raw = unquote(parts.path)
        if "\0" in raw:
            raise Refused("een ongeldig pad")
        try:
            path = Path(raw).resolve(strict=True)
        except (OSError, RuntimeError):
            raise Refused("het bestand bestaat niet") from None
        if str(path) not in self.files and not any(path.is_relative_to(folder)
                                                   for folder in self.folders):
            raise Refused("een bestand buiten de site die wordt gebouwd")
        return path

    def read(self, url: str) -> tuple[str, bytes]:
        """The content type and bytes of an allowed resource, or Refused (not a regular
        file, too large, a data: URI that is not an image)."""
        if url[:5].lower() == "data:":
            return self._data(url)
        path = self.path_of(url)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            raise Refused("het bestand kan niet worden gelezen") from None
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > self.max_bytes:
            os.close(descriptor)
            raise Refused("geen gewoon bestand" if not stat.S_ISREG(info.st_mode)
                          else f"groter dan {self.max_bytes // 2**20} MiB")
        with os.fdopen(descriptor, "rb") as handle:
            data = handle.read(self.max_bytes + 1)
        if len(data) > self.max_bytes:
            raise Refused(f"groter dan {self.max_bytes // 2**20} MiB")
        return mimetypes.guess_type(path.name)[0] or "text/plain", data  # as urllib does

    def _data(self, url: str) -> tuple[str, bytes]:
        """A `data:` URI: only an image (the charts embed raster images this way). It reads
        nothing outside the page, and what an SVG in it loads passes this policy too."""
        header, _, payload = url[5:].partition(",")
        kind = header.split(";")[0].strip().lower() or "text/plain"
        if kind not in DATA_IMAGE_TYPES:
            raise Refused(f"een data:-URI van het type {kind}; alleen afbeeldingen mogen")
        if len(payload) > self.max_bytes * 2:
            raise Refused(f"groter dan {self.max_bytes // 2**20} MiB")
        if header.lower().replace(" ", "").endswith(";base64"):
            try:
                data = base64.b64decode(payload)
            except ValueError:
                raise Refused("een onleesbare data:-URI") from None
        else:
            data = unquote_to_bytes(payload)
        if len(data) > self.max_bytes:
            raise Refused(f"groter dan {self.max_bytes // 2**20} MiB")
        return kind, data


_FETCHER_CLASS: Any = None


def fetcher(policy: ResourcePolicy, refused: list[tuple[str, str]]) -> Any:
    """A WeasyPrint URL fetcher that reads only what `policy` allows and notes every URL it
    refuses in `refused` (WeasyPrint itself would only log a warning and leave it out)."""
    global _FETCHER_CLASS
    if _FETCHER_CLASS is None:
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        class PolicyFetcher(URLFetcher):  # type: ignore[misc]
            policy: ResourcePolicy
            refused: list[tuple[str, str]]

            def fetch(self, url: str, headers: Any = None) -> Any:
                try:
                    kind, data = self.policy.read(url)
                except Refused as exc:
                    self.refused.append((url, str(exc)))
                    raise
                return URLFetcherResponse(url, data, {"Content-Type": kind})

        _FETCHER_CLASS = PolicyFetcher
    made = _FETCHER_CLASS()
    made.policy, made.refused = policy, refused
    return made


def findings(results: Iterable[PdfResult]) -> list[Finding]:
    """An error for every URL a PDF was refused, naming the page and the URL; an error for
    everything that does not fit on its page even after `printfit`'s ladder."""
    found = []
    for result in results:
        for cut in result.cut_off:
            found.append(Finding(
                "error", "pdf-afgesneden", result.source, None,
                f"in de PDF van {result.name} valt iets buiten het papier: {cut}",
                hint="een tabel wordt in de PDF vanzelf kleiner gezet, liggend gedrukt of in "
                     "delen gesplitst; wat dan nog te breed is (een afbeelding met een vaste "
                     "breedte, een lange regel zonder spaties) moet smaller of korter in de "
                     "bron, want in de PDF zou een deel ervan wegvallen"))
        for url, reason in result.refused:
            shown = url if len(url) <= 120 else url[:117] + "..."
            found.append(Finding(
                "error", "pdf-bron-geweigerd", result.source, None,
                f"de PDF van {result.name} wil '{shown}' laden: {reason}",
                hint="een PDF gebruikt alleen bestanden uit de gebouwde site (grafieken en "
                     "afbeeldingen uit docs/); geen paden daarbuiten en geen netwerkadressen "
                     "(http/https); de PDF is niet gemaakt"))
    return found


def file_name(org: str, period_slug: str, doc: str, edition: str | None = None) -> str:
    """`iasz-2024-jaarplan.pdf`, `isd-bol-2023-2026-meerjarenbeleidsplan-brunssum.pdf`."""
    stem = f"{org}-{period_slug}-{doc}"
    return f"{stem}-{edition}.pdf" if edition else f"{stem}.pdf"


def options(job: PdfJob, policy: ResourcePolicy | None = None,
            refused: list[tuple[str, str]] | None = None) -> dict[str, object]:
    """WeasyPrint's options for a job: PDF/A-3a, tags, a stable identifier, attachments
    whose dates are the sources' (never the clock). Each attachment is read through the
    resource policy (a file outside the repository, or not a regular file, is refused)."""
    from weasyprint import Attachment as WeasyAttachment

    policy = policy or ResourcePolicy.for_job(job)
    refused = refused if refused is not None else []
    created = dt.datetime.fromisoformat(job.created)
    attachments = []
    for a in job.attachments:
        try:
            _, data = policy.read(Path(a.path).absolute().as_uri())
        except Refused as exc:
            refused.append((a.name, str(exc)))
            continue
        attachments.append(WeasyAttachment(
            string=data, name=a.name, description=a.description, created=created,
            modified=created, relationship="Source"))
    return {
        "pdf_variant": VARIANT,
        "pdf_tags": True,
        "pdf_identifier": hashlib.md5(job.name.encode(), usedforsecurity=False).digest(),
        "attachments": attachments,
    }


_STYLESHEET: object | None = None


def stylesheet() -> object:
    """The print stylesheet, parsed (and its fonts loaded) once per process."""
    global _STYLESHEET
    if _STYLESHEET is None:
        from weasyprint import CSS

        refused: list[tuple[str, str]] = []
        _STYLESHEET = CSS(filename=str(ASSETS / "print.css"), font_config=_font_config(),
                          url_fetcher=fetcher(ResourcePolicy((str(ASSETS.resolve()),)),
                                              refused))
        if refused:  # pcdocs' own stylesheet names a file it does not ship: a bug
            raise RuntimeError(f"print.css laadt wat niet mag: {refused}")
    return _STYLESHEET


def render(job: PdfJob) -> PdfResult:
    """Compose the print HTML and render one PDF; in a worker process or in this one.

    Everything WeasyPrint reads goes through the job's resource policy; a URL it refuses
    is reported in the result (`refused`) and then no PDF is written at all."""
    from weasyprint import HTML

    started = time.perf_counter()
    html = compose(job.content, job.meta)
    compose_seconds = time.perf_counter() - started
    policy = ResourcePolicy.for_job(job)
    refused: list[tuple[str, str]] = []
    url_fetcher = fetcher(policy, refused)
    opts = options(job, policy, refused)
    base_url = job.base_dir.rstrip("/") + "/"

    def layout(html: str) -> Any:
        return HTML(string=html, base_url=base_url, url_fetcher=url_fetcher).render(
            stylesheets=[stylesheet()], font_config=_font_config(), **opts)

    laid_out = time.perf_counter()
    document = layout(html)
    # Wide tables and stranded titles: measure the layout, change the print HTML, lay it
    # out again - only for a document that needs it, at most MAX_LAYOUTS times in all.
    state = printfit.Layout(layouts=1)
    while state.layouts < printfit.MAX_LAYOUTS:
        fits = printfit.plan(printfit.measure(document), state.fits)
        breaks = state.breaks | set(printfit.dangling(document))
        if fits == state.fits and breaks == state.breaks:
            break
        state.fits, state.breaks = fits, breaks
        again = time.perf_counter()
        html = compose(job.content, job.meta, fits, sorted(breaks, key=int))
        laid_out += time.perf_counter() - again  # composing is not layout
        compose_seconds += time.perf_counter() - again
        document = layout(html)
        state.layouts += 1
    cut_off = tuple(dict.fromkeys(c.describe() for c in printfit.cut_off(document)))
    fitted = tuple(f"{k}:{v.steps}" for k, v in sorted(state.fits.items(),
                                                       key=lambda kv: int(kv[0])))
    data = document.write_pdf(finisher=pdfpost.finish, **opts)  # (fetches linked attachments)
    assert data is not None  # write_pdf() without a target returns the bytes
    target = Path(job.target)
    seconds = time.perf_counter() - laid_out
    if refused:
        target.unlink(missing_ok=True)
        return PdfResult(job.name, job.target, len(document.pages), "", 0, seconds,
                         compose_seconds, tuple(dict.fromkeys(refused)), job.source,
                         cut_off, fitted, state.layouts)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return PdfResult(job.name, job.target, len(document.pages),
                     hashlib.sha256(data).hexdigest(), len(data), seconds,
                     compose_seconds, (), job.source, cut_off, fitted, state.layouts)


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
        if result.name in keys and not result.refused:
            disk.put("pdf", keys[result.name], Path(result.target).read_bytes())
            disk.put("pdf-info", keys[result.name], json.dumps(
                {"pages": result.pages, "cut_off": list(result.cut_off),
                 "fitted": list(result.fitted), "layouts": result.layouts}).encode())
    return _in_order(jobs, [*done, *made])


def cache_key(job: PdfJob) -> str:
    """Everything that shapes a PDF: the page content and the files it shows (charts), the
    cover's facts, the dates, the attachments' bytes (and, through the key, the code)."""
    parts: list[bytes | str] = [job.name, job.created, repr(job.meta), job.content]
    base = Path(job.base_dir).absolute()
    policy = ResourcePolicy.for_job(job)
    for ref in sorted(set(_RESOURCE.findall(job.content))):
        parts += [ref, _allowed_bytes(policy, (base / ref).as_uri())]
    for a in job.attachments:
        parts += [a.name, a.description, _allowed_bytes(policy, Path(a.path).absolute().as_uri())]
    return key("pdf", *parts)


def _allowed_bytes(policy: ResourcePolicy, url: str) -> bytes:
    """A file's bytes for the cache key, read under the same policy as the print."""
    try:
        return policy.read(url)[1]
    except Refused:
        return b"\0-"


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
    stored = json.loads(info)
    return PdfResult(job.name, job.target, int(stored["pages"]),
                     hashlib.sha256(data).hexdigest(), len(data), 0.0, 0.0, (), job.source,
                     tuple(stored.get("cut_off", ())), tuple(stored.get("fitted", ())),
                     int(stored.get("layouts", 1)))


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


FALLBACK_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# SOURCE_DATE_EPOCH values source_date() derived from git: `pcdocs build` puts HEAD's time
# in the environment for MkDocs (sitemap dates); that is not a date the user pinned
_DERIVED: set[str] = set()


def source_date(root: Path) -> dt.datetime:
    """The date of the whole build (sitemap, shards): SOURCE_DATE_EPOCH if set, else the
    time of the HEAD commit, else 1 January 2000 - never the time of the build. A PDF
    carries the date of its own sources instead (`editions.SourceStamps`)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    stamp = _git(root, "log", "-1", "--format=%ct")
    if stamp and stamp.isdigit():
        _DERIVED.add(str(int(stamp)))
        return dt.datetime.fromtimestamp(int(stamp), dt.UTC)
    _DERIVED.add(str(int(FALLBACK_DATE.timestamp())))
    return FALLBACK_DATE


def pinned_date() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH when the user set it (it then dates every PDF), not when `pcdocs
    build` set it from HEAD for MkDocs."""
    epoch = (os.environ.get("SOURCE_DATE_EPOCH") or "").strip()
    if not epoch.isdigit() or str(int(epoch)) in _DERIVED:
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC)


def source_commit(root: Path) -> str | None:
    commit = _git(root, "rev-parse", "HEAD")
    return commit if commit and len(commit) == 40 else None


def _git(root: Path, *args: str) -> str | None:
    """git's answer, or None outside a repository or without git (dates fall back)."""
    from pcdocs.errors import ConfigError
    from pcdocs.support import git

    try:
        return git.text(root, *args).strip()
    except (ConfigError, git.GitFailed):
        return None

