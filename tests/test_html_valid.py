"""Every HTML page of the built site is valid HTML by the Nu Html Checker (vnu, the W3C
validator): the documents, the per-gemeente editions, the comparisons, the series pages,
the frozen versions under versie/ and the author guide, in one run of the checker.

Errors and warnings fail, except those listed below in one place with their reason:
`THEME` (what the Material theme writes in the pages built now) and `FROZEN` (what the frozen
pages under site/**/versie/** hold: they are copied byte for byte from archief/ after their
sha256 is checked, so they keep the markup of the pcdocs and theme that published them).
An entry that no page needs any more fails too, so the lists only shrink.
vnu's plain informational messages are not checked (the only one the site gives is
"Trailing slash on void elements", for the `<hr />` of Python-Markdown's footnotes).

`validate(site)` takes any site folder: `python -m tests.test_html_valid SITE` prints the
counts. On the build of the code before this test (54 pages): 200 errors (98 theme
`autocomplete`, 24 theme `label for`, 48 details in figure, 19 "no p element in scope", 11
skipped heading levels) and 10 warnings (portal sections without a heading); 191 of them
not explained by the lists below.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import ROOT, Built

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Messages the Material theme causes in the pages built now: message pattern -> reason.
# Empty: the theme override (pcdocs/output/theme/) removed what the reviewer found (`autocomplete`
# on the drawer and search checkboxes, a `label for` a hidden toggle). A theme message that
# cannot be fixed goes here with its reason; remove it as soon as it is fixed.
THEME: dict[str, str] = {}

# Messages in the frozen pages (site/**/versie/**): message pattern -> reason.
FROZEN: dict[str, str] = {
    r"^Attribute “autocomplete” is only allowed when the input type is":
        "frozen copy of the Material theme (archief/…/site/_thema): autocomplete=off on the "
        "drawer and search checkboxes; fixed for new pages by pcdocs/output/theme/",
    r"^The value of the “for” attribute of the “label” element must be the ID of a "
    r"non-hidden form control":
        "frozen copy of the Material theme: the toc title's label for the hidden __toc "
        "toggle; fixed for new pages by pcdocs/output/theme/",
    r"^Element “details” not allowed as child of element “figure”":
        "frozen pcdocs markup: the chart's figures (details.pc-grafiekdata) inside the "
        "figure, as html.chart_figure wrote them before it put them after the figure",
}

# Warnings accepted on every page: message pattern -> reason. None.
ACCEPTED_WARNINGS: dict[str, str] = {}


@dataclass(frozen=True)
class Message:
    kind: str  # "error" or "warning"
    page: str  # relative to the site folder
    line: int | None
    text: str

    @property
    def frozen(self) -> bool:
        return "/versie/" in f"/{self.page}"

    def __str__(self) -> str:
        return f"{self.page}:{self.line or '?'}"


def validate(site: Path) -> list[Message]:
    """vnu's errors and warnings for every HTML file of `site`, in one run of the checker."""
    java = shutil.which("java")
    assert java is not None and VNU.is_file(), "java en vnu.jar zijn nodig"
    done = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--format", "json",
                           "--skip-non-html", str(site)],
                          capture_output=True, text=True, timeout=600, check=False)
    report = json.loads(done.stderr or done.stdout)
    base = site.resolve().as_posix() + "/"
    messages = []
    for m in report["messages"]:
        if m["type"] == "info" and m.get("subType") != "warning":
            continue
        kind = "warning" if m["type"] == "info" else "error"
        path = unquote(re.sub(r"^file:(//)?", "", m.get("url", "")))
        page = path.removeprefix(base)
        messages.append(Message(kind, page, m.get("lastLine"), m["message"]))
    return messages


def explain(messages: list[Message]) -> tuple[list[Message], set[str]]:
    """The messages no list explains, and the list entries (patterns) that were used."""
    used: set[str] = set()
    left = []
    for message in messages:
        lists = [ACCEPTED_WARNINGS] if message.kind == "warning" else []
        lists += [FROZEN] if message.frozen else [THEME]
        pattern = next((p for table in lists for p in table if re.search(p, message.text)),
                       None)
        if pattern is None:
            left.append(message)
        else:
            used.add(pattern)
    return left, used


def report(messages: list[Message]) -> str:
    """Count per kind of message, with every file:line."""
    groups: dict[tuple[str, str], list[Message]] = defaultdict(list)
    for m in messages:
        groups[(m.kind, m.text)].append(m)
    lines = [f"{len(messages)} meldingen van vnu:"]
    for (kind, text), found in sorted(groups.items(), key=lambda g: -len(g[1])):
        lines.append(f"{len(found)}x {kind}: {text}")
        lines += [f"    {m}" for m in found[:20]]
        if len(found) > 20:
            lines.append(f"    … en {len(found) - 20} meer")
    return "\n".join(lines)


needs_vnu = pytest.mark.skipif(shutil.which("java") is None or not VNU.is_file(),
                               reason="java of node_modules/vnu-jar ontbreekt")


@needs_vnu
def test_every_page_of_the_site_is_valid_html(built: Built) -> None:
    pages = list(built.site.rglob("*.html"))
    assert any("/versie/" in p.as_posix() for p in pages)
    assert any("/vergelijking/" in p.as_posix() for p in pages)
    assert any("/handleiding/" in p.as_posix() for p in pages)
    messages = validate(built.site)
    left, used = explain(messages)
    assert not left, report(left)
    stale = (set(THEME) | set(FROZEN) | set(ACCEPTED_WARNINGS)) - used
    assert not stale, f"geen pagina heeft deze uitzonderingen meer nodig: {sorted(stale)}"


@needs_vnu
def test_the_check_finds_the_markup_pcdocs_wrote_before(tmp_path: Path) -> None:
    """The markup the reviewer found, as pcdocs wrote it, is reported with page and line."""
    (tmp_path / "oud.html").write_text(
        '<!doctype html><html lang="nl"><head><title>t</title></head><body><h1>t</h1>\n'
        "<h2>Deel</h2>\n"
        '<figure class="pc-grafiek"><img src="g.svg" alt="g"><figcaption>g</figcaption>'
        '<details class="pc-grafiekdata"><summary>Cijfers</summary><p>1</p></details>'
        "</figure>\n"
        '<div class="pc-nota"><section class="pc-nota__vak"><h4>Routing</h4></section></div>\n'
        "<details><summary>Voorbeeld</summary><p><div>tabel</div></p></details>\n"
        "</body></html>\n", encoding="utf-8")
    messages = validate(tmp_path)
    assert {(m.page, m.line, m.text.split(" ")[0]) for m in messages} >= {
        ("oud.html", 3, "Element"), ("oud.html", 4, "The"), ("oud.html", 5, "No")}
    left, _ = explain(messages)
    assert len(left) == len(messages)  # (not a frozen page: nothing is excused)


if __name__ == "__main__":
    found = validate(Path(sys.argv[1]))
    unexplained, _ = explain(found)
    print(report(found))
    print(f"\nniet verklaard: {len(unexplained)}")


def test_blocks_leave_paragraphs_and_take_their_level_from_the_page() -> None:
    from pcdocs.render import html

    wrapped = '<p><p>intro</p><div class="pc-tabel"><p>t</p></div>\n<figure>f</figure></p>'
    assert html.tidy(wrapped) == wrapped[3:-4]
    mixed = "<p>tekst <div>x</div></p>"
    assert html.tidy(mixed) == mixed  # (only a paragraph of blocks alone is unwrapped)
    card = html.heading(1, "Kaart", "k") + html.heading(2, "Deel", "d")
    assert html.tidy(f"<h2>A</h2>{card}<h4>B</h4>{card}") == (
        '<h2>A</h2><h3 class="k">Kaart</h3><h4 class="d">Deel</h4>'
        '<h4>B</h4><h5 class="k">Kaart</h5><h6 class="d">Deel</h6>')
    assert html.tidy(card) == '<h2 class="k">Kaart</h2><h3 class="d">Deel</h3>'  # below h1
