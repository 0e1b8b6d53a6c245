"""The mkdocs-macros side of the glue (`macros/__init__.py` calls `register_macros`): every
author macro, and the page renderer that replaces mkdocs-macros' own Jinja environment."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from pcdocs.errors import PcdocsError
from pcdocs.output.mkdocs_plugin import plugin_of
from pcdocs.render import authoring, rendering, templating
from pcdocs.render.page import PageContext


def register_macros(env: Any) -> None:
    """Register every author macro with mkdocs-macros and make it render pages the one way
    pages render (`rendering.page_markdown`: the page sandbox, as `check` does), instead of
    with its own, unsandboxed Jinja environment."""
    plugin = plugin_of(env.conf)

    def current() -> PageContext | None:
        return plugin.session.current if plugin.session is not None else None

    for spec in authoring.MACROS:
        env.macro(authoring.bind(spec, current), spec.name)

    def render(markdown: str, force_rendering: bool = False) -> str:
        ctx = current()
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
