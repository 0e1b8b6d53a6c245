"""`pcdocs serve`: the live preview, on MkDocs' own build and live-reload server.

MkDocs' `serve` command looks for changes every 0,5 s across all of docs/ and data/, and at
every rebuild lists and filters all files of the theme (14.510 for Material) and compiles its
templates again. The preview of one document does less, so that a save is on screen well
within a second however large the repository is:

- it watches only what the document's page can show: its organisation's pages and data (and
  the data folder its front matter names), the site's stylesheet folder and mkdocs.yml, and
  looks every 0,1 s (polling a few dozen files is cheap);
- the theme's file list and compiled templates are kept for the whole session (the theme is
  not watched, as in `mkdocs serve`); a changed template source is still compiled anew, as
  the bytecode is keyed by its checksum.

Everything else (the build itself, the server, the browser reload) is MkDocs'.

The preview survives every mistake: whatever stops a rebuild (a macro that cannot be worked
out, a deleted organisation file or folder, a broken mkdocs.yml, an exception in MkDocs or a
plugin, a full disk) becomes a Dutch message in the terminal and a page in the browser that
names it, and the next save rebuilds. MkDocs' own server would stop on such an error (the
macros plugin calls exit()), or keep every request waiting for a build that never finished,
and it stops watching a folder that was deleted, so restoring it changed nothing. Here a
guard looks after the watched paths and watches a folder again when it comes back.
"""

from __future__ import annotations

import errno
import html
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.livereload import LiveReloadServer

from pcdocs.commands.build import claimed, left_behind, os_problem
from pcdocs.errors import BuildFailed, ConfigError, Finding, PcdocsError, UsageError
from pcdocs.model.organisation import ORG_FILE
from pcdocs.model.repository import Repository, organisation_of
from pcdocs.model.schema import suggest
from pcdocs.output.mkdocs_plugin import PcdocsPlugin, plugin_of
from pcdocs.output.session import BuildSession
from pcdocs.render import templating
from pcdocs.render.page import PageContext

log = logging.getLogger("mkdocs.plugins.pcdocs")

POLL_DOCUMENT = 0.1  # seconds between two looks at one document's files
POLL_SITE = 0.5  # the whole repository: MkDocs' own interval
SETTLE = 0.05  # a save must be this quiet before the rebuild starts (MkDocs: 0,1 s)


@dataclass(frozen=True)
class Plan:
    """What one `pcdocs serve` builds and watches."""

    repo: Repository
    document: str | None  # None: the whole site
    watched: tuple[Path, ...]  # the paths below that exist now
    poll: float
    paths: tuple[Path, ...] = ()  # everything the preview depends on, there or not (yet)


def plan(root: Path, document: str | None = None) -> Plan:
    """The preview of `document` (`org/jaar/doc`), or of the whole site when it is None.

    Raises UsageError naming the closest document when it does not exist."""
    repo = Repository.find(root)
    if document is None:
        paths = [repo.docs_dir, repo.data_dir, repo.root / "mkdocs.yml"]
        return Plan(repo, None, tuple(p for p in paths if p.exists()), POLL_SITE,
                    tuple(paths))
    document = document.strip().strip("/")
    org = organisation_of(document)
    scoped = Repository(repo.root, scope=org) if org is not None else None
    if org is None or scoped is None or document not in scoped.documents:
        guess = suggest(document, list(repo.documents))
        raise UsageError(f"document '{document}' bestaat niet", code="onbekend-document",
                         hint=f"bedoelde u '{guess}'?" if guess else
                         "noem een document als iasz/2024/jaarplan")
    paths = [repo.docs_dir / org, repo.data_dir / org]
    folder = scoped.documents[document].data_folder
    if folder is not None:  # `data: other/2024` in the front matter
        paths.append(repo.data_dir / PurePosixPath(folder).parts[0])
    paths += [repo.docs_dir / "assets", repo.root / "mkdocs.yml"]
    unique = tuple(dict.fromkeys(paths))
    return Plan(repo, document, tuple(p for p in unique if p.exists()), POLL_DOCUMENT, unique)


_YEAR = re.compile(r"\d{4}")


def preflight(root: Path, document: str | None = None) -> list[Finding]:
    """What makes a rebuild impossible before it starts, said plainly: a missing mkdocs.yml,
    docs/ or data/, or a missing organisation file. MkDocs would otherwise fail somewhere
    later with a message about the consequence (for the preview of one document: build the
    whole site, because the document is no longer known), rather than the cause."""
    findings: list[Finding] = []
    for name, what in (("mkdocs.yml", "het bestand mkdocs.yml"), ("docs", "de map docs/"),
                       ("data", "de map data/")):
        if not (root / name).exists():
            findings.append(Finding(
                "error", "ontbreekt", name if name == "mkdocs.yml" else f"{name}/", None,
                f"{what} ontbreekt: zonder kan het voorbeeld niet worden gebouwd",
                hint=f"zet {name} terug, bijvoorbeeld met 'git checkout -- {name}'; het "
                     "voorbeeld wordt dan vanzelf opnieuw gebouwd"))
    if findings:
        return findings
    org = organisation_of(document) if document else None
    if org is not None:
        orgs = [org]
    else:  # the whole site: an organisation whose data is there, but not its file
        orgs = sorted(d.name for d in (root / "docs").iterdir() if d.is_dir()
                      and (root / "data" / d.name).is_dir()
                      and any(y.is_dir() and _YEAR.fullmatch(y.name) for y in d.iterdir()))
    for slug in orgs:
        folder = root / "data" / slug
        if not folder.is_dir():
            findings.append(Finding(
                "error", "organisatie-ontbreekt", f"data/{slug}/", None,
                f"de map met de gegevens van de organisatie ontbreekt: de documenten in "
                f"docs/{slug}/ kunnen niet worden gemaakt",
                hint=f"zet data/{slug}/ terug, bijvoorbeeld met 'git checkout -- data/{slug}'"))
        elif not (folder / ORG_FILE).is_file():
            findings.append(Finding(
                "error", "organisatie-ontbreekt", f"data/{slug}/{ORG_FILE}", None,
                f"het organisatiebestand ontbreekt: de documenten in docs/{slug}/ kunnen "
                "niet worden gemaakt",
                hint=f"zet het terug, bijvoorbeeld met 'git checkout -- data/{slug}/"
                     f"{ORG_FILE}', of maak het aan zoals de handleiding beschrijft"))
    if findings or document is None or org is None:
        return findings
    scoped = Repository(root, scope=org)
    if document not in scoped.documents:
        findings += [f for f in scoped.problems if f.severity == "error"] or [Finding(
            "error", "onbekend-document", f"docs/{document}.md", None,
            "het document van dit voorbeeld bestaat niet (meer)",
            hint="zet het bestand terug, of start het voorbeeld van een ander document")]
    return findings


class _Bytecode(jinja2.BytecodeCache):
    """Compiled theme templates, in memory for the session (keyed by name and checksum)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class ThemeMemory:
    """The theme's static file list and compiled templates, kept between rebuilds."""

    def __init__(self) -> None:
        self.bytecode = _Bytecode()
        self.listings: dict[tuple[object, ...], list[str]] = {}

    def attach(self, config: Any) -> None:
        """Make `config.theme.get_env()` hand out environments that use this memory."""
        theme = config.theme
        make_env: Callable[[], jinja2.Environment] = theme.get_env
        key = (tuple(theme.dirs), tuple(sorted(theme.static_templates)))

        def get_env() -> jinja2.Environment:
            env = make_env()
            env.bytecode_cache = self.bytecode
            list_templates = env.list_templates

            def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
                if extensions is not None or filter_func is None:
                    return list_templates(extensions, filter_func)
                if key not in self.listings:  # (only MkDocs' static-file listing asks this)
                    self.listings[key] = list_templates(extensions, filter_func)
                return list(self.listings[key])

            env.list_templates = listed  # type: ignore[method-assign]
            return env

        theme.get_env = get_env


def _stop_on_terminate() -> None:
    """Stop as on Ctrl+C when the process is told to terminate (a CI job, a process
    manager), so the temporary site folder is removed."""
    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)


# -- a rebuild that fails ---------------------------------------------------------------------

def _macro_failure(cause: BaseException, page: PageContext | None) -> Finding:
    """A macro that raised while mkdocs-macros rendered the page (it then calls exit())."""
    error = templating.macro_error(cause)
    if page is None:
        return error.finding
    line = templating.template_line(cause)
    at = page.line_offset + line if line is not None else None
    if error is cause:  # the author's mistake in the data or the macro call: where it is
        return error.at_page(page.file, at, None)
    return replace(error.finding, file=page.file, line=at)


def failure_findings(exc: BaseException, root: Path, site_dir: Path | None = None,
                     page: PageContext | None = None) -> list[Finding]:
    """What an exception out of a rebuild means for the author, as findings. `page` is the
    page that was being rendered, if any."""
    from mkdocs.exceptions import Abort, MkDocsException

    if isinstance(exc, BuildFailed):
        return [f for f in exc.findings if f.severity == "error"] or [exc.finding]
    if isinstance(exc, PcdocsError):
        return [exc.finding]
    if isinstance(exc, OSError):
        return [os_problem(exc, root, site_dir)]
    cause = exc.__context__
    if isinstance(exc, SystemExit) and not isinstance(exc, MkDocsException) and cause:
        return [_macro_failure(cause, page)]  # mkdocs-macros' on_error_fail: exit()
    where = page.file if page is not None else None
    if isinstance(exc, MkDocsException):  # (Abort's own text only says that it stopped)
        message = "" if isinstance(exc, Abort) else f": {exc.format_message().strip()}"
        return [Finding("error", "mkdocs", where or "mkdocs.yml", None,
                        f"MkDocs kon het voorbeeld niet bouwen{message}",
                        hint="zie de melding van MkDocs erbij; controleer mkdocs.yml")]
    return [Finding("error", "interne-fout", where, None,
                    f"het voorbeeld kon niet worden gebouwd door een fout in pcdocs, MkDocs "
                    f"of een plugin: {type(exc).__name__}: {exc}",
                    hint="meld dit aan de beheerder van pcdocs; 'pcdocs --debug serve' toont "
                         "de details")]


class _Said(logging.Handler):
    """What MkDocs and its plugins logged as an error during one rebuild (their messages
    come before the exception, e.g. each wrong setting of mkdocs.yml)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.plugins.pcdocs"):
            return  # our own findings: in the session
        message = record.getMessage().strip()
        if not _ours_instead(message):
            self.messages.append(message)


def _ours_instead(message: str) -> bool:
    """MkDocs' and mkdocs-macros' messages about an error the preview reports itself (in
    Dutch, with file and line, without their traceback)."""
    return message.startswith(("Error building page", "Error reading page", "Aborted with")) \
        or "_Macro Rendering Error_" in message


class _Quiet(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not _ours_instead(record.getMessage().strip())


_QUIETED = ("mkdocs.plugins.mkdocs_macros.util", "mkdocs.commands.build")


@contextmanager
def _quiet_tracebacks(debug: bool) -> Iterator[None]:
    """Keep MkDocs' and mkdocs-macros' own reports (tracebacks) of an error that the preview
    reports itself out of the terminal; `--debug` shows them."""
    quiet = _Quiet()
    loggers = [] if debug else [logging.getLogger(name) for name in _QUIETED]
    for logger in loggers:
        logger.addFilter(quiet)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(quiet)


@contextmanager
def _collect_errors() -> Iterator[_Said]:
    said = _Said()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(said)
    try:
        yield said
    finally:
        logger.removeHandler(said)


@dataclass
class Outcome:
    """The last rebuild: its findings and, when it failed, the page the browser shows."""

    findings: list[Finding] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    failed: bool = False

    def page(self) -> bytes:
        """The page shown for every page of the preview while the rebuild fails (MkDocs'
        server adds its reload script, so it is replaced as soon as a save fixes it)."""
        items = "\n".join(f"<li><pre>{html.escape(f.format())}</pre></li>"
                          for f in self.findings)
        said = "".join(f"<li><pre>{html.escape(m)}</pre></li>" for m in self.said)
        more = (f"<p>MkDocs meldde daarbij:</p><ul>{said}</ul>" if said else "")
        return _FAILURE_PAGE.format(count=_count(self.findings), items=items,
                                    more=more).encode("utf-8")


def _count(findings: list[Finding]) -> str:
    return "1 fout" if len(findings) == 1 else f"{len(findings)} fouten"


_FAILURE_PAGE = """<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Het voorbeeld kan niet worden bijgewerkt – pcdocs</title>
<style>
body {{ font-family: "Liberation Sans", Arial, sans-serif; margin: 0; color: #1a1a1a; }}
main {{ max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
.admonition {{ border-left: 0.3rem solid #b00020; background: #fdecee; padding: 0.5rem 1rem;
  border-radius: 0.2rem; }}
.admonition-title {{ font-weight: bold; margin: 0.5rem 0; }}
pre {{ white-space: pre-wrap; margin: 0.25rem 0; font-size: 0.9rem; }}
</style>
</head>
<body>
<main>
<h1>Het voorbeeld kan niet worden bijgewerkt</h1>
<div class="admonition failure pc-voorbeeld-fout" role="alert">
<p class="admonition-title">Deze pagina bevat fouten ({count})</p>
<ul>
{items}
</ul>
{more}
</div>
<p>Herstel de fout en sla het bestand op: het voorbeeld wordt dan vanzelf opnieuw gebouwd
en deze pagina ververst zich.</p>
</main>
</body>
</html>
"""


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, with what the preview needs on top (written against
    MkDocs 1.6, which constraints.txt pins; tests/test_safety_loop.py uses each part):

    - while the last rebuild failed, every page is the page that says why (`outcome`);
    - `rebuild_soon()` asks for a rebuild as a save does;
    - `watching(path)` and `rewatch(path)`: whether a watched path is still being looked
      at (watchdog stops looking at a folder that was deleted) and looking again.
    """

    outcome: Outcome | None = None

    def _serve_request(self, environ: Any, start_response: Any) -> Iterable[bytes] | None:
        path = str(environ.get("PATH_INFO", ""))
        if path.startswith("/livereload/") or not (path.endswith(("/", ".html"))):
            return super()._serve_request(environ, start_response)
        with self._epoch_cond:  # as MkDocs: wait for the rebuild that runs, then answer
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
        outcome = self.outcome
        if outcome is None or not outcome.failed:
            return super()._serve_request(environ, start_response)
        content: bytes = self._inject_js_into_html(  # type: ignore[no-untyped-call]
            outcome.page(), epoch)
        start_response("500 Internal Server Error", [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(content))), ("Cache-Control", "no-store")])
        return [content]

    def rebuild_soon(self) -> None:
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def watching(self, path: Path) -> bool:
        watch = self._watch_refs.get(os.path.abspath(path))  # noqa: PTH100 (MkDocs' key)
        if watch is None:
            return False
        return any(e.watch == watch and e.is_alive() for e in list(self.observer.emitters))

    def rewatch(self, path: Path) -> None:
        key = os.path.abspath(path)  # noqa: PTH100 (MkDocs' key)
        times = self._watched_paths.get(key, 0)
        for _ in range(times):
            self.unwatch(key)
        for _ in range(max(times, 1)):
            self.watch(key)


class Guard(threading.Thread):
    """Looks after the paths the preview depends on: when one disappears or comes back, a
    rebuild (which says what is missing, or shows the page again), and a folder that comes
    back is watched again."""

    def __init__(self, server: PreviewServer, paths: Iterable[Path], interval: float) -> None:
        super().__init__(name="pcdocs-voorbeeld-bewaker", daemon=True)
        self.server, self.interval = server, interval
        self.present = {p: p.exists() for p in paths}
        self.stopped = threading.Event()

    def run(self) -> None:
        said: str | None = None  # the failure last reported, so it is said once
        while not self.stopped.wait(self.interval):
            if not self.server.observer.is_alive():
                continue
            try:
                self.look()
                said = None
            except Exception as exc:  # never stop guarding: report it, the next look retries
                if f"{type(exc).__name__}: {exc}" != said:
                    said = f"{type(exc).__name__}: {exc}"
                    log.warning(f"Het voorbeeld kan niet nagaan welke mappen zijn verdwenen of "
                                f"teruggekomen ({said}); het blijft het proberen. Start "
                                "'pcdocs serve' opnieuw als wijzigingen niet meer "
                                "verschijnen.",
                                exc_info=log.isEnabledFor(logging.DEBUG))

    def look(self) -> bool:
        """One look; whether it asked for a rebuild."""
        changed = False
        for path, was in self.present.items():
            now = path.exists()
            if now and not self.server.watching(path):
                self.server.rewatch(path)
                changed = True
            if now != was:
                self.present[path] = now
                changed = True
        if changed:
            self.server.rebuild_soon()
        return changed


def _scratch_site() -> str:
    """The temporary folder the preview serves, named with the PID so that a later preview
    can tell the folder of one that was killed from that of one that runs (as `build` does
    with site.bouw-<PID>, and with the same lock); those of killed previews are removed."""
    parent = Path(tempfile.gettempdir())
    try:
        for folder in parent.glob("pcdocs-voorbeeld-*"):
            match = re.fullmatch(r"pcdocs-voorbeeld-([0-9]{1,10})\..+", folder.name)
            if match and folder.is_dir() and not folder.is_symlink() \
                    and left_behind(folder, int(match[1])):
                shutil.rmtree(folder, ignore_errors=True)
    except OSError:
        pass
    return tempfile.mkdtemp(prefix=f"pcdocs-voorbeeld-{os.getpid()}.")


def serve(root: Path, dev_addr: str | None = None, document: str | None = None,
          debug: bool = False) -> None:
    """Build, serve on `dev_addr` and rebuild on every change until Ctrl+C. A rebuild that
    fails is reported (terminal and browser) and the next change builds again."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    preview = plan(root, document)
    repo_root = preview.repo.root
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
    site_dir = _scratch_site()
    config_file = str(repo_root / "mkdocs.yml")
    theme = ThemeMemory()

    def configure() -> Any:
        config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
        plugin_of(config).preview(preview.document)
        theme.attach(config)
        return config

    try:
        with _quiet_tracebacks(debug), _collect_errors() as said:
            config = configure()
    except MkDocsException as exc:
        shutil.rmtree(site_dir, ignore_errors=True)
        detail = "; ".join(said.messages) or exc.format_message()
        raise ConfigError(f"mkdocs.yml kan niet worden gelezen: {detail}", file="mkdocs.yml",
                          code="mkdocs", hint="herstel mkdocs.yml en start opnieuw") from None
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount = urlsplit(config.site_url or "/").path
    mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"
    url = f"http://{host}:{port}{mount}"
    server = PreviewServer(builder=lambda: None, host=host, port=port, root=site_dir,
                           mount_path=mount, polling_interval=preview.poll)

    def builder(current: Any = None) -> None:
        """One rebuild; never raises (but for Ctrl+C): a failure becomes the outcome."""
        plugin: list[tuple[PcdocsPlugin, BuildSession | None]] = []  # with the session
        failure: list[Finding] = []  # it had before this rebuild (MkDocs reuses the plugin)
        with _quiet_tracebacks(debug), _collect_errors() as said:
            try:
                failure = preflight(repo_root, preview.document)
                if not failure:
                    current = current if current is not None else configure()
                    found = plugin_of(current)
                    plugin.append((found, found.session))
                    current.site_url = url
                    build(current, serve_url=url)
            except KeyboardInterrupt:
                raise
            except (Exception, SystemExit) as exc:  # (SystemExit: mkdocs-macros, MkDocs' Abort)
                if debug:
                    log.exception("Het voorbeeld kon niet worden gebouwd:")
                active = plugin[0][0].session if plugin else None
                if plugin and active is plugin[0][1]:
                    active = None  # this rebuild never started a session of its own
                page = active.current if active is not None else None
                failure = failure_findings(exc, repo_root, Path(site_dir), page)
                if active is not None:
                    failure += [f for f in active.errors() if f not in failure]
        _report(server, failure, said.messages)

    server.builder = builder
    server.build_delay = SETTLE

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    _stop_on_terminate()
    extra = [Path(item) for item in config.watch] if preview.document is None else []
    guard = Guard(server, dict.fromkeys([*preview.paths, *extra]), preview.poll)
    try:
        with claimed(Path(site_dir)):
            builder(config)
            for path in preview.watched:
                server.watch(str(path))
            if preview.document is None:  # the whole site: also what mkdocs.yml asks
                for item in config.watch:
                    server.watch(item)
            served = config.plugins.on_serve(server, config=config, builder=builder)
            guard.start()
            try:
                _start(served, f"{host}:{port}")
            except KeyboardInterrupt:
                log.info("Voorbeeld gestopt.")
            finally:
                guard.stopped.set()
                served.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _start(server: LiveReloadServer, address: str) -> None:
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except OSError as exc:  # (only binding the address can fail here: a rebuild never raises)
        if exc.errno == errno.EADDRINUSE:
            raise UsageError(f"het adres {address} is al in gebruik", code="adres-bezet",
                             hint="stop het andere voorbeeld, of kies een andere poort, "
                                  "bijvoorbeeld --adres 127.0.0.1:8001") from None
        raise


def _report(server: PreviewServer, findings: list[Finding], said: list[str]) -> None:
    """Tell the terminal and the browser how the rebuild went."""
    before = server.outcome
    if not findings:
        server.outcome = Outcome()
        if before is not None and before.failed:
            log.info("Het voorbeeld is weer bijgewerkt: de fout is hersteld.")
        return
    for finding in findings:  # (MkDocs' own messages, `said`, are in the terminal already)
        log.error(f"FOUT {finding.format()}")
    log.error(f"Het voorbeeld is niet bijgewerkt ({_count(findings)}). Herstel de fout en "
              "sla op: het voorbeeld wordt dan vanzelf opnieuw gebouwd.")
    server.outcome = Outcome(findings, said, failed=True)
