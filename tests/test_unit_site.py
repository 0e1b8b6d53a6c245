"""The site glue's own pieces, without a site build: what a page's front matter may tell
the theme, the packing of rendered pages, and how the plugin finds its session."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from pcdocs.output import pagemeta
from pcdocs.output.mkdocs_plugin import PcdocsPlugin, plugin_of
from pcdocs.output.session import BuildSession
from pcdocs.output.site import Packer, SiteBuild
from tests.conftest import ROOT


def _page(src: str = "a/index.md") -> Page:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(ROOT / "docs")})
    file = File(src, src_dir=str(ROOT / "docs"), dest_dir="/tmp/x", use_directory_urls=True)
    return Page(None, file, config)


def test_only_escaped_text_of_the_front_matter_reaches_the_theme() -> None:
    page = _page()
    page.meta.update({"title": "<script>alert(1)</script>", "description": "a & b",
                      "template": "../../etc/passwd", "hide": ["toc", "<b>", 3],
                      "search": {"exclude": True, "boost": 100}, "status": "x\" onload=\"y",
                      "extra_css": ["evil.css"]})
    pagemeta.keep_safe_meta(page)
    assert set(page.meta) == {"title", "description", "hide", "search"}
    assert isinstance(page.meta["title"], Markup)
    assert str(page.meta["title"]) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert str(page.meta["description"]) == "a &amp; b"
    assert page.meta["hide"] == ["toc"]
    assert page.meta["search"] == {"exclude": True}


def test_a_title_without_front_matter_is_its_heading_as_escaped_text() -> None:
    page = _page()
    page.title = "Plan <em>2024</em> & verder"  # what MkDocs takes from the first heading
    pagemeta.safe_title(page)
    assert str(page.meta["title"]) == "Plan 2024 &amp; verder"


def test_the_lines_before_the_markdown_are_counted(tmp_path: Path) -> None:
    source = tmp_path / "p.md"
    source.write_text("---\ntitle: x\n---\n\n# Kop\n\nTekst\n", encoding="utf-8")
    assert pagemeta.lines_before(source, "# Kop\n\nTekst\n") == 4
    assert pagemeta.lines_before(tmp_path / "weg.md", "# Kop") == 0


def test_a_rendered_page_is_packed_until_it_is_written() -> None:
    packer, one, two = Packer(), _page("a.md"), _page("b.md")
    one.content = "<p>" + "x" * 10_000 + "</p>"
    packer.rendered(one)
    packer.rendered(two)  # the next page starts: the first is packed
    assert one.content is None
    packer.unpack(one)
    assert one.content == "<p>" + "x" * 10_000 + "</p>"
    packer.unpack(one)  # (unpacked once; a second call changes nothing)
    assert one.content == "<p>" + "x" * 10_000 + "</p>"


def test_the_plugin_builds_with_the_session_it_is_given_and_a_new_site_each_build() -> None:
    from mkdocs.config import load_config

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    plugin = plugin_of(config)
    assert isinstance(plugin, PcdocsPlugin)
    given = BuildSession.for_preview(ROOT, "iasz/2024/jaarplan")
    plugin.use(given)
    plugin.on_config(config)
    first = plugin.site
    assert plugin.session is given and isinstance(first, SiteBuild)
    # MkDocs keeps one plugin instance per process (the preview rebuilds, the tests build
    # many times): what was handed over is for that one build, nothing carries over
    plugin.on_startup(command="build", dirty=False)
    plugin.on_config(config)
    assert plugin.site is not first and plugin.session is not given
    assert plugin.session is not None and plugin.session.only is None
    assert load_config(config_file=str(ROOT / "mkdocs.yml")).plugins["pcdocs"] is plugin


def test_a_configuration_without_the_plugin_is_a_clear_error(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins: [search]\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    with pytest.raises(PluginError, match="noemt de plugin 'pcdocs' niet"):
        plugin_of(config)


def test_the_macros_module_finds_the_session_through_its_configuration() -> None:
    from mkdocs.config import load_config

    from pcdocs.output import macros_hooks
    from pcdocs.render import authoring

    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    registered: dict[str, object] = {}

    class Env:  # what mkdocs-macros hands to define_env
        conf = config
        markdown = "# Kop\n\n{{ 1 + 1 }}\n"

        def macro(self, function: object, name: str) -> None:
            registered[name] = function

    env = Env()
    plugin = plugin_of(config)
    plugin.site = None  # (MkDocs may hand out an instance that built before: start clean)
    macros_hooks.register_macros(env)
    assert set(registered) == {spec.name for spec in authoring.MACROS}
    render = env.render  # type: ignore[attr-defined]
    assert render(env.markdown) == env.markdown  # no build has begun: nothing renders
    plugin.use(BuildSession.for_preview(ROOT, "iasz/2024/jaarplan"))
    plugin.on_config(config)
    assert plugin.session is not None
    plugin.session.begin_page("iasz/2024/jaarplan.md")
    assert render(env.markdown).strip() == "# Kop\n\n2"  # the page's own sandbox renders it
