"""mkdocs-macros entry point: registers the pcdocs macros and the page renderer (the page
sandbox of `pcdocs.render.sandbox`). All logic lives in `pcdocs`."""

from typing import Any

from pcdocs.output import macros_hooks


def define_env(env: Any) -> None:
    macros_hooks.register_macros(env)
