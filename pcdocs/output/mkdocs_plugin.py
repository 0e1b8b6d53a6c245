"""The MkDocs glue, kept thin: each hook forwards to `site.SiteBuild` (one build of the
site) or to the page renderer; every decision is made there.

`plugins: [search, pcdocs, macros]` - pcdocs runs before macros on each page, so it can
check a page's macro syntax before mkdocs-macros renders it.

The build's state is one explicit object, a `BuildSession`: `pcdocs build` hands its own
to the plugin (`use`), `pcdocs serve` names the document it previews (`preview`), and the
macros module finds the session through the plugin of its MkDocs configuration
(`macros_hooks.py`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from pcdocs.model.repository import Repository
from pcdocs.output.session import BuildSession
from pcdocs.output.site import SiteBuild
from pcdocs.render import hyphenate

log = logging.getLogger("mkdocs.plugins.pcdocs")


class PcdocsOptions(Config):
    """The plugin has no options: everything it needs comes from the repository."""


class PcdocsPlugin(BasePlugin[PcdocsOptions]):
    def __init__(self) -> None:
        self.command = "build"
        self.given: BuildSession | None = None  # `use`: the session of `pcdocs build`
        self.preview_of: str | None = None  # `preview`: the document `pcdocs serve` shows
        self.site: SiteBuild | None = None  # this build's (a new one for every build)

    def use(self, session: BuildSession) -> None:
        """Build with this session (its caller reads the findings and results afterwards);
        for the next build only."""
        self.given = session

    def preview(self, document: str | None) -> None:
        """The live preview of one document ("iasz/2024/jaarplan"), or None: the site; for
        the next build only."""
        self.preview_of = document

    @property
    def session(self) -> BuildSession | None:
        return self.site.session if self.site is not None else None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).parent
        # MkDocs keeps one instance of the plugin per process (its config option caches
        # plugins that have `on_startup`), so what a caller handed over is for this build only
        given, self.given = self.given, None
        preview_of, self.preview_of = self.preview_of, None
        if given is not None and given.repo.root == root:
            session = given
        elif self.command == "serve":
            session = BuildSession.for_preview(root, preview_of)
        else:
            session = BuildSession(Repository(root))
        self.site = SiteBuild(session)
        self.site.configure(config)
        return config

    def _site(self) -> SiteBuild:
        if self.site is None:
            raise PluginError("pcdocs: de build is niet begonnen (on_config ontbrak)")
        return self.site

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return self._site().add_files(files, config)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        self._site().packer.rendered(None)
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        return self._site().page_markdown(page, markdown)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        return self._site().page_content(html, page, Path(config.site_dir))

    @event_priority(100)  # before the search plugin reads the page
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig,
                        nav: Any) -> Any:
        self._site().packer.unpack(page)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        page.content = None  # written: MkDocs needs only its title, address and anchors now
        return hyphenate.headings(output)  # after search read it: soft hyphens for phones

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = self._site()
        findings = site.finish(Path(config.site_dir))
        for finding in findings:
            (log.warning if finding.severity == "warning" else log.error)(finding.format())
        errors = [f for f in findings if f.severity == "error"]
        if errors and not site.session.serve:
            raise PluginError(f"pcdocs: {len(errors)} fout(en) gevonden; de site is niet "
                              "gepubliceerd")


def plugin_of(config: MkDocsConfig) -> PcdocsPlugin:
    """The pcdocs plugin of a loaded MkDocs configuration."""
    found = config.plugins.get("pcdocs")
    if not isinstance(found, PcdocsPlugin):
        raise PluginError("pcdocs: mkdocs.yml noemt de plugin 'pcdocs' niet onder plugins")
    return found
