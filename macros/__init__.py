"""mkdocs-macros entry point: registers the pcdocs macros. All logic lives in `pcdocs`."""

from typing import Any

from pcdocs import mkdocs_plugin


def define_env(env: Any) -> None:
    mkdocs_plugin.register_macros(env)


def on_pre_page_macros(env: Any) -> None:
    mkdocs_plugin.before_page(env)


def on_post_page_macros(env: Any) -> None:
    mkdocs_plugin.after_page(env)
