"""`pcdocs build`: MkDocs into a fresh folder, then swap it in only when nothing failed.

A failed build leaves the previous `site/` exactly as it was; so does a build that cannot
write (a full disk, no permission): it says which path and what to do, without a traceback.

The fresh folder is `site.bouw-<PID>` next to `site/` (the old site is `site.oud-<PID>` for
a moment during the swap). A build that is killed (`kill -9`, a power cut) leaves it behind;
the next build removes it when it is abandoned: its name has exactly that pattern, the PID is
not a running process here, and no process holds the lock every build takes on its own
folder (which also protects a build whose PID this machine cannot see, e.g. one in another
container on the same disk). A folder whose PID is alive again (reused) stays until it is not.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pcdocs.codes import Code
from pcdocs.errors import BuildFailed, ConfigError, Finding, Severity
from pcdocs.model.repository import Repository
from pcdocs.output import manifest, session
from pcdocs.output.pdf import source_date
from pcdocs.output.shard import Shard, assign, weights
from pcdocs.support.progress import Progress

try:
    import fcntl
except ImportError:  # pragma: no cover (not POSIX)
    fcntl = None  # type: ignore[assignment]

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
    `shard` (K, N): only the K-th of N shares of the site, for `pcdocs merge`.
    First removes the scratch folders of builds that were killed (see the module's notes)."""
    started = time.perf_counter()
    repo = Repository.find(root)
    remove_abandoned(repo.root)
    target = repo.root / site_name
    fresh = repo.root / f"{site_name}.bouw-{os.getpid()}"
    try:
        return _build(repo, target, fresh, started, strict=strict, pdf=pdf, workers=workers,
                      pdf_only=pdf_only, use_cache=use_cache, progress=progress, shard=shard)
    except OSError as exc:  # a full disk, no permission: the old site stays, a message says why
        shutil.rmtree(fresh, ignore_errors=True)
        raise BuildFailed([os_problem(exc, repo.root, fresh)]) from exc


def _build(repo: Repository, target: Path, fresh: Path, started: float, *, strict: bool,
           pdf: bool, workers: int | None, pdf_only: set[str] | None, use_cache: bool,
           progress: Progress | None, shard: tuple[int, int] | None) -> BuildResult:
    from pcdocs.commands.check import check

    active = session.BuildSession(repo, use_cache=use_cache)
    active.progress = progress or Progress()
    active.pdf, active.pdf_workers, active.pdf_only = pdf, workers, pdf_only
    if shard is not None:
        active.shard = Shard(shard[0], shard[1], assign(weights(repo), shard[1]))
    checked = check(repo.root, active)
    if any(f.severity == "error" or strict for f in checked):
        raise BuildFailed(checked)
    shutil.rmtree(fresh, ignore_errors=True)
    with claimed(fresh):  # until it is site/ or removed: no other build takes it for abandoned
        return _render(repo, active, target, fresh, started, strict)


def _render(repo: Repository, active: session.BuildSession, target: Path, fresh: Path,
            started: float, strict: bool) -> BuildResult:
    """MkDocs into `fresh`, then the swap (or BuildFailed, `fresh` removed)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from pcdocs.output.mkdocs_plugin import plugin_of

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
        plugin_of(config).use(active)  # its findings and results are read below
        mkdocs_build(config)
        failed = False
    except MkDocsException as exc:
        failed = True
        if not active.errors() and not collector.findings:
            collector.findings.append(Finding("error", "mkdocs", "mkdocs.yml", None,
                                              exc.format_message()))
    except BaseException:  # interrupted (Ctrl+C), a full disk or a bug: no half-built folder
        shutil.rmtree(fresh, ignore_errors=True)  # stays behind
        raise
    finally:
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        logger.removeHandler(collector)
        logger.propagate, logger.level = old_propagate, old_level
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
    """Replace `target` by `fresh` with two renames; the old site is removed last. When the
    second rename fails, the old site is put back before the error goes on."""
    if not fresh.is_dir():
        raise ConfigError(f"de build schreef niets naar {fresh.name}", code="build")
    old = target.with_name(f"{target.name}.oud-{os.getpid()}")
    if target.exists():
        target.rename(old)
    try:
        fresh.rename(target)
    except OSError:
        if old.exists() and not target.exists():
            old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


# -- scratch folders of killed builds ---------------------------------------------------------

SCRATCH = re.compile(r"(?P<site>[^./][^/]*?)\.(?P<kind>bouw|oud)-(?P<pid>[0-9]{1,10})")
_MAX_PID = 2**22  # Linux's upper limit (pid_max); a larger number is no process here


@contextmanager
def claimed(folder: Path) -> Iterator[Path]:
    """Create `folder` and hold a lock on it while the block runs (released by the OS when
    the process dies, however it dies), so no other build takes it for abandoned."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = _lock(folder)
    try:
        yield folder
    finally:
        if handle is not None:
            os.close(handle)


def _lock(folder: Path) -> int | None:
    """An open handle on `folder` holding an exclusive lock, or None when it cannot be had
    (another process holds it, or the system has no such locks)."""
    if fcntl is None:
        return None
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return None
    return handle


def _held(folder: Path) -> bool:
    """Whether a running process holds the lock of `folder` (see `claimed`)."""
    if fcntl is None:  # (not on POSIX: the PID alone decides)
        return False
    handle = _lock(folder)
    if handle is None:
        return folder.is_dir()  # locked by someone, or unreadable: keep it
    os.close(handle)
    return False


def running(pid: int) -> bool:
    """Whether a process with this number runs here (a zombie counts: it is not yet reaped)."""
    if pid <= 0 or pid >= _MAX_PID:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, as another user
        return True
    return True


def left_behind(folder: Path, pid: int) -> bool:
    """Whether the scratch folder `folder` of process `pid` was left behind: that process
    does not run (here) and nobody holds the folder's lock (see `claimed`)."""
    return pid != os.getpid() and not running(pid) and not _held(folder)


def abandoned(folder: Path) -> bool:
    """Whether `folder` is the scratch folder of a build that no longer runs."""
    match = SCRATCH.fullmatch(folder.name)
    if match is None or folder.is_symlink() or not folder.is_dir():
        return False
    return left_behind(folder, int(match["pid"]))


def remove_abandoned(root: Path) -> list[str]:
    """Remove the `<site>.bouw-<PID>` and `<site>.oud-<PID>` folders next to mkdocs.yml that
    killed builds left behind; a build killed between its two renames left no `<site>/` but
    its `<site>.oud-<PID>`, which becomes `<site>/` again. Returns the names handled."""
    handled: list[str] = []
    try:
        folders = sorted(root.iterdir())
    except OSError:
        return handled
    for folder in folders:
        if not abandoned(folder):
            continue
        match = SCRATCH.fullmatch(folder.name)
        assert match is not None
        site = root / match["site"]
        try:
            if match["kind"] == "oud" and not site.exists():
                folder.rename(site)
            else:
                shutil.rmtree(folder)
        except OSError:
            continue  # (tried again by the next build)
        handled.append(folder.name)
    return handled


# -- what an OSError means for the author -------------------------------------------------------

_OS_REASONS: dict[int, tuple[Code, str, str]] = {
    errno.ENOSPC: ("schijf-vol", "de schijf is vol",
                   "maak ruimte vrij op de schijf waarop {root} staat, bijvoorbeeld door "
                   ".pcdocs-cache/ of oude kopieën van de site te verwijderen, en probeer "
                   "het opnieuw"),
    errno.EDQUOT: ("schijf-vol", "uw quotum voor schijfruimte is op",
                   "maak ruimte vrij in uw quotum of vraag de beheerder om meer, en probeer "
                   "het opnieuw"),
    errno.EACCES: ("geen-schrijfrecht", "u hebt geen toestemming om hier te schrijven",
                   "controleer de rechten van deze map, of vraag de beheerder, en probeer "
                   "het opnieuw"),
    errno.EPERM: ("geen-schrijfrecht", "dit mag niet van het systeem",
                  "controleer de rechten van deze map, of vraag de beheerder, en probeer "
                  "het opnieuw"),
    errno.EROFS: ("geen-schrijfrecht", "de schijf is alleen-lezen",
                  "werk in een kopie van de repository op een schijf waarop u mag schrijven"),
    errno.EMFILE: ("te-veel-bestanden", "er staan te veel bestanden tegelijk open",
                   "probeer het opnieuw met minder processen, bijvoorbeeld --processen 1"),
    errno.ENAMETOOLONG: ("naam-te-lang", "de naam van een bestand of map is te lang",
                         "kies kortere namen of een kortere map voor de repository"),
    errno.EIO: ("schijffout", "de schijf gaf een lees- of schrijffout",
                "controleer de schijf of de netwerkverbinding en probeer het opnieuw"),
}


def os_problem(exc: OSError, root: Path, scratch: Path | None = None) -> Finding:
    """An OSError (reading or writing a file) as a finding in Dutch: which path, what the
    system said, and what to do. `scratch` is the folder being written when the error does
    not name a file (a write to an open file)."""
    code, reason, hint = _OS_REASONS.get(exc.errno or 0, (
        "bestandsfout", f"het systeem meldt: {exc.strerror or exc}",
        "controleer of de map bestaat en of u er mag schrijven, en probeer het opnieuw"))
    named = exc.filename if isinstance(exc.filename, (str, os.PathLike)) else None
    path = Path(named) if named is not None else scratch
    where = None if path is None else _shown(path, root)
    if scratch is not None and path is not None and _inside(path, scratch):
        message = f"de nieuwe site kon niet worden geschreven: {reason}"
    elif named is not None:
        message = f"dit bestand kon niet worden gelezen of geschreven: {reason}"
    else:
        message = f"lezen of schrijven lukte niet: {reason}"
    return Finding("error", code, where, None, message, hint=hint.format(root=root))


def _inside(path: Path, folder: Path) -> bool:
    return path.absolute() == folder.absolute() or folder.absolute() in path.absolute().parents


def _shown(path: Path, root: Path) -> str:
    """A path as an author reads it: from the repository root when it is inside it."""
    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        return absolute.relative_to(root.absolute()).as_posix()
    except ValueError:
        return str(path)
