"""`pcdocs build`: MkDocs into a fresh folder, then swap it in only when nothing failed.

A failed build leaves the previous `site/` exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pcdocs import manifest, session
from pcdocs.errors import BuildFailed, ConfigError, Finding, Severity
from pcdocs.pdf import source_date
from pcdocs.progress import Progress
from pcdocs.repository import Repository
from pcdocs.shard import Shard, assign, weights

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keep Material's notice out of author output


@dataclass(frozen=True)
class BuildResult:
    site: Path
    documents: int
    seconds: float
    findings: list[Finding]
    editions: int = 0
    pdfs: int = 0
    pdf_pages: int = 0
    session: session.BuildSession | None = None  # for benchmarks: PDF jobs, results, timing


class _Collect(logging.Handler):
    """Turns MkDocs' own warnings (broken links, ...) into findings."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.findings: list[Finding] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.plugins.pcdocs"):
            return  # our own findings are already in the session
        message = record.getMessage().strip()
        if message.startswith(("Aborted with", "Error reading page", "pcdocs:")):
            return
        severity: Severity = "error" if record.levelno >= logging.ERROR else "warning"
        self.findings.append(Finding(severity, "mkdocs", None, None, message))


def build(root: Path, *, strict: bool = False, site_name: str = "site", pdf: bool = True,
          workers: int | None = None, pdf_only: set[str] | None = None,
          use_cache: bool = True, progress: Progress | None = None,
          shard: tuple[int, int] | None = None) -> BuildResult:
    """Build the whole site, with a PDF per document unless `pdf` is false (`pdf_only`: only
    for these documents); raises BuildFailed (site untouched) when anything is wrong.
    `shard` (K, N): only the K-th of N shares of the site, for `pcdocs merge`."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from pcdocs.check import check

    started = time.perf_counter()
    repo = Repository.find(root)
    active = session.BuildSession(repo, use_cache=use_cache)
    active.progress = progress or Progress()
    active.pdf, active.pdf_workers, active.pdf_only = pdf, workers, pdf_only
    if shard is not None:
        active.shard = Shard(shard[0], shard[1], assign(weights(repo), shard[1]))
    checked = check(repo.root, active)
    if any(f.severity == "error" or strict for f in checked):
        raise BuildFailed(checked)
    session.pin(active)
    target = repo.root / site_name
    fresh = repo.root / f"{site_name}.bouw-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    old_propagate, old_level = logger.propagate, logger.level
    logger.addHandler(collector)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:  # the same sources give the same bytes (sitemap dates, shards)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(source_date(repo.root).timestamp()))
    try:
        config = load_config(config_file=str(repo.root / "mkdocs.yml"), site_dir=str(fresh))
        mkdocs_build(config)
        failed = False
    except MkDocsException as exc:
        failed = True
        if not active.errors() and not collector.findings:
            collector.findings.append(Finding("error", "mkdocs", "mkdocs.yml", None,
                                              exc.format_message()))
    except BaseException:  # interrupted (Ctrl+C) or a bug: no half-built folder stays behind
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    finally:
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        logger.removeHandler(collector)
        logger.propagate, logger.level = old_propagate, old_level
        session.pin(None)
    findings = active.all_findings() + collector.findings
    errors = [f for f in findings if f.severity == "error" or strict]
    if failed or errors:
        shutil.rmtree(fresh, ignore_errors=True)
        raise BuildFailed(findings)
    _swap(fresh, target)
    listed = manifest.read(target)["documents"]
    live = [e for e in listed if not e.get("archived")]
    documents = sum(1 for e in live if not e.get("edition"))
    return BuildResult(target, documents, time.perf_counter() - started, findings,
                       len(live) - documents,
                       len(active.pdf_results), sum(r.pages for r in active.pdf_results), active)


def _swap(fresh: Path, target: Path) -> None:
    """Replace `target` by `fresh` with two renames; the old site is removed last."""
    if not fresh.is_dir():
        raise ConfigError(f"de build schreef niets naar {fresh.name}", code="build")
    old = target.with_name(f"{target.name}.oud-{os.getpid()}")
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)


