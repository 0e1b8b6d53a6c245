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
"""

from __future__ import annotations

import logging
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import jinja2

from pcdocs import session
from pcdocs.errors import UsageError
from pcdocs.repository import Repository, organisation_of
from pcdocs.schema import suggest

log = logging.getLogger("mkdocs.plugins.pcdocs")

POLL_DOCUMENT = 0.1  # seconds between two looks at one document's files
POLL_SITE = 0.5  # the whole repository: MkDocs' own interval
SETTLE = 0.05  # a save must be this quiet before the rebuild starts (MkDocs: 0,1 s)


@dataclass(frozen=True)
class Plan:
    """What one `pcdocs serve` builds and watches."""

    repo: Repository
    document: str | None  # None: the whole site
    watched: tuple[Path, ...]
    poll: float


def plan(root: Path, document: str | None = None) -> Plan:
    """The preview of `document` (`org/jaar/doc`), or of the whole site when it is None.

    Raises UsageError naming the closest document when it does not exist."""
    repo = Repository.find(root)
    if document is None:
        paths = [repo.docs_dir, repo.data_dir, repo.root / "mkdocs.yml"]
        return Plan(repo, None, tuple(p for p in paths if p.exists()), POLL_SITE)
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
    unique = dict.fromkeys(p for p in paths if p.exists())
    return Plan(repo, document, tuple(unique), POLL_DOCUMENT)


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


def serve(root: Path, dev_addr: str | None = None, document: str | None = None) -> None:
    """Build, serve on `dev_addr` and rebuild on every change until Ctrl+C."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    preview = plan(root, document)
    session.preview_only = preview.document
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)
    site_dir = tempfile.mkdtemp(prefix="pcdocs-voorbeeld-")
    config_file = str(preview.repo.root / "mkdocs.yml")
    theme = ThemeMemory()

    def configure() -> Any:
        config = load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)
        theme.attach(config)
        return config

    config = configure()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount = urlsplit(config.site_url or "/").path
    mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"
    url = f"http://{host}:{port}{mount}"

    def builder(current: Any = None) -> None:
        current = current if current is not None else configure()
        current.site_url = url
        build(current, serve_url=url)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir,
                              mount_path=mount, polling_interval=preview.poll)
    server.build_delay = SETTLE

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    _stop_on_terminate()
    try:
        builder(config)
        for path in preview.watched:
            server.watch(str(path))
        if preview.document is None:  # the whole site: also what mkdocs.yml asks (`watch:`)
            for item in config.watch:
                server.watch(item)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Voorbeeld gestopt.")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
        session.preview_only = None
