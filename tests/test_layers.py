"""The package tree is the architecture: a layer imports only the layers below it.

Order, lowest first: support, model, blocks, render, output, compare, commands (see
ARCHITECTURE.md). The exceptions are listed here by module and target, each with its
reason; the list may only shrink: a new upward import fails this test, and so does an
exception that is no longer needed.
"""

from __future__ import annotations

import ast

from tests.conftest import ROOT

LAYERS = ("support", "model", "blocks", "render", "output", "compare", "commands")

# What a block may use of the page it renders into: it draws its tables and charts with
# render/html.py and charts.py, writes its texts with render/textfields.py, and runs inside
# a page's PageContext (render/page.py), which in turn reads data through
# blocks/datasets.py and blocks/spec.py. Blocks and the page are one tier in two packages.
BLOCKS_DRAW_WITH = frozenset({"render.html", "render.page", "render.charts",
                              "render.textfields"})

# (importing module, imported package.module) -> why it is allowed
EXCEPTIONS: dict[tuple[str, str], str] = {
    # The site shows each series' comparisons as pages (and prints them).
    ("output/site.py", "compare.pages"): "the site's comparison pages",
    # The type of `PageContext.session` (under TYPE_CHECKING: no import at run time).
    ("render/page.py", "output.session"): "a type annotation only",
}


def _allowed(module: str, target: str) -> bool:
    return (module, target) in EXCEPTIONS or (
        module.startswith("blocks/") and target in BLOCKS_DRAW_WITH)


def _layer_imports() -> set[tuple[str, str]]:
    """Every (module, package.module) where a module imports from a higher layer."""
    found: set[tuple[str, str]] = set()
    for path in sorted((ROOT / "pcdocs").rglob("*.py")):
        parts = path.relative_to(ROOT / "pcdocs").parts
        if len(parts) < 2 or parts[0] not in LAYERS:
            continue
        here = LAYERS.index(parts[0])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                bits = name.split(".")
                if len(bits) < 3 or bits[0] != "pcdocs" or bits[1] not in LAYERS:
                    continue
                if LAYERS.index(bits[1]) > here and (ROOT / "pcdocs" / bits[1] /
                                                     f"{bits[2]}.py").is_file():
                    found.add(("/".join(parts), f"{bits[1]}.{bits[2]}"))
    return found


def test_no_layer_imports_a_higher_one_but_the_listed_exceptions() -> None:
    found = _layer_imports()
    new = sorted(f for f in found if not _allowed(*f))
    assert new == [], f"een laag importeert een hogere (zie ARCHITECTURE.md): {new}"
    stale = sorted(set(EXCEPTIONS) - found)
    assert stale == [], f"uitzondering niet meer nodig, haal weg: {stale}"


def test_the_layers_are_the_packages() -> None:
    packages = {p.name for p in (ROOT / "pcdocs").iterdir()
                if p.is_dir() and (p / "__init__.py").is_file()}
    assert packages == set(LAYERS), packages  # (pcdocs/reference/ holds data files)
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    positions = [text.find(f"pcdocs/{layer}/") for layer in LAYERS]
    assert -1 not in positions and positions == sorted(positions), \
        "ARCHITECTURE.md beschrijft de lagen in deze volgorde: " + ", ".join(LAYERS)

