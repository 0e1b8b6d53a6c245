"""The example site on a phone: every document page (each edition too), the comparison pages
and the portal at 390 x 844 CSS px in headless chromium, as a board member reads them.

- A table wider than its box scrolls inside it, keeps its first column in view when scrolled
  to the far right (sticky, opaque) and says that it scrolls (a scroll shadow: a gradient
  background attached to the scrolling content, see docs/assets/pcdocs.css).
- No heading (h1-h3), header title or navigation title breaks inside a word without a hyphen:
  every line break falls at a space, after a hyphen or at a soft hyphen
  (pcdocs/render/hyphenate.py).
- Every chart's text is at least 11 px on screen: font size in SVG user units times the shown
  width of the <img> over the width of the SVG's viewBox.
- Nothing makes the page itself wider than the screen.
- axe-core (WCAG 2.1 A and AA) finds no violation of any impact on any page of the site at
  this width: the pages above, the organisation pages and the author guide.

Frozen (archived) versions are left out: their pages and theme files are published as built.
One browser, one tab, every page visited once; the tests assert on what was measured.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import Built
from tests.test_browser import (  # noqa: F401  (fixtures)
    AXE_TAGS,
    TIMEOUT_MS,
    axe_source,
    browser,
    site_url,
    violation_report,
)

WIDTH, HEIGHT = 390, 844
MIN_CHART_PX = 11.0

_MEASURE = r"""
() => {
  const vw = window.innerWidth;
  const out = {tables: [], headings: [], charts: [], scrollWidth: 0, wide: []};
  for (const d of document.querySelectorAll('.md-content details')) d.open = true;
  const scroller = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      const o = getComputedStyle(box).overflowX;
      if (o === 'auto' || o === 'scroll') return box;
    }
    return null;
  };
  const opaque = el => {
    const c = getComputedStyle(el).backgroundColor.match(/[\d.]+/g) || [];
    return c.length === 3 || (c.length === 4 && Number(c[3]) === 1);
  };
  document.querySelectorAll('.md-content table').forEach((table, index) => {
    if (!table.getClientRects().length) return;
    const box = scroller(table);
    const name = (table.caption && table.caption.textContent.trim())
      || (table.rows[0] && table.rows[0].textContent.trim().slice(0, 60)) || `tabel ${index}`;
    const record = {name, box: box ? box.className : null, wide: false, problems: []};
    out.tables.push(record);
    if (!box) {
      if (table.getBoundingClientRect().right > vw + 1) {
        record.wide = true;
        record.problems.push('wider than the screen without a scroll box');
      }
      return;
    }
    if (box.scrollWidth <= box.clientWidth + 1) return;
    record.wide = true;
    const style = getComputedStyle(box);
    const hint = box.parentElement.querySelector('.pc-scrollhint');
    const shadow = style.backgroundImage.includes('gradient')
      && style.backgroundAttachment.includes('local');
    if (!shadow && !(hint && hint.getClientRects().length))
      record.problems.push('no scroll cue (shadow or hint)');
    box.scrollLeft = box.scrollWidth;
    const edge = box.getBoundingClientRect();
    const columns = Math.max(...Array.from(table.rows, r =>
      Array.from(r.cells).reduce((n, c) => n + c.colSpan, 0)));
    let spanning = 0;
    for (const row of table.rows) {
      const cell = row.cells[0];
      if (!cell) continue;
      if (cell.colSpan >= columns) { spanning += 1; continue; }
      const r = cell.getBoundingClientRect();
      if (r.left < Math.max(edge.left, 0) - 1 || r.right > Math.min(edge.right, vw) + 1) {
        const where = `${Math.round(r.left)}..${Math.round(r.right)}`;
        record.problems.push('first column out of view after scrolling right: '
          + `"${cell.textContent.trim().slice(0, 40)}" at ${where}`);
        break;
      }
      if (!opaque(cell)) {
        record.problems.push('first column cell not opaque: '
          + `"${cell.textContent.trim().slice(0, 40)}"`);
        break;
      }
    }
    record.spanning = spanning;
    box.scrollLeft = 0;
  });
  const lines = rects => {
    const tops = rects.filter(r => r.width > 0.5).map(r => r.top).sort((a, b) => a - b);
    let n = 0, last = -1e9;
    for (const t of tops) { if (t - last > 3) n += 1; last = t; }
    return n;
  };
  const selector = ['.md-content h1', '.md-content h2', '.md-content h3',
    '.md-header__topic .md-ellipsis', '.md-nav--primary .md-nav__link'].join(', ');
  for (const el of document.querySelectorAll(selector)) {
    if (!el.getClientRects().length) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const broken = [];
    for (let node; (node = walker.nextNode()); ) {
      if (node.parentElement.closest('.headerlink')) continue;
      // a run of characters between break opportunities (the break character itself,
      // drawn at the end of the line or not at all, is left out of the measure)
      const re = /[^\s\-\/\u00ad\u2013\u2014]+/g;
      let m;
      while ((m = re.exec(node.data))) {
        // the line of each character: its last box (a range right after a soft hyphen
        // where the line breaks also gets the hyphen drawn at the end of the line before)
        const glyphs = [];
        for (let i = m.index; i < m.index + m[0].length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const boxes = range.getClientRects();
          if (boxes.length) glyphs.push(boxes[boxes.length - 1]);
        }
        if (lines(glyphs) > 1) broken.push(m[0]);
      }
    }
    out.headings.push({tag: el.tagName.toLowerCase(), cls: el.className,
                       text: el.textContent.replace(/\u00ad/g, '').trim().slice(0, 80), broken});
  }
  for (const img of document.querySelectorAll('.md-content img[src$=".svg"]')) {
    if (!img.getClientRects().length) continue;
    out.charts.push({src: img.src, width: img.getBoundingClientRect().width});
  }
  out.scrollWidth = document.scrollingElement.scrollWidth;
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 1 && !scroller(el) && !el.closest('.md-sidebar, .md-search'))
      out.wide.push(`${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80));
  }
  out.wide = out.wide.slice(0, 5);
  return out;
}
"""

_FONT = re.compile(r"font(?:-size)?:\s*(?:[a-z]+\s+)*?([\d.]+)px")
_VIEWBOX = re.compile(r'viewBox="[\d.\-]+ [\d.\-]+ ([\d.]+) ([\d.]+)"')


def svg_font_sizes(svg: str) -> tuple[float, list[float]]:
    """(viewBox width, the font sizes of its texts) of a matplotlib SVG, in user units."""
    box = _VIEWBOX.search(svg)
    assert box, "SVG without a viewBox"
    return float(box.group(1)), [float(s) for s in _FONT.findall(svg)]


def site_pages(site: Path) -> list[str]:
    """Every document page and edition (archived versions left out), every comparison page
    and the portal, as paths below the site root."""
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    pages = [d["html"] for d in manifest["documents"] if not d.get("archived")]
    pages += [c["html"] for c in manifest.get("comparisons", [])]
    pages += sorted(p.relative_to(site).as_posix()
                    for p in site.glob("**/vergelijking/**/index.html"))
    return ["index.html", *dict.fromkeys(pages)]


def every_page(site: Path) -> list[str]:
    """Every HTML page of the site but the frozen versions (published as they were built),
    the 404 page and the redirects (`laatst-vastgesteld/`: a page that only forwards)."""
    return sorted(p.relative_to(site).as_posix() for p in site.glob("**/index.html")
                  if "/versie/" not in p.as_posix()
                  and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


def measure(tab: Page, site: Path, paths: list[str]) -> dict[str, dict[str, Any]]:
    """Open each page in `tab` and measure it (see _MEASURE); chart text sizes from the SVG
    files in `site`."""
    results: dict[str, dict[str, Any]] = {}
    for path in paths:
        tab.goto("/" + path.removesuffix("index.html"))
        tab.wait_for_load_state("load")
        tab.wait_for_function(  # Material wraps Markdown tables in its scroll box by script
            "() => !document.querySelector('.md-content table:not([class])')"
            " || !!document.querySelector('.md-typeset__scrollwrap')")
        found = tab.evaluate(_MEASURE)
        found["axe"] = axe(tab)
        for chart in found["charts"]:
            file = site / path.removesuffix("index.html") / chart["src"].rsplit("/", 1)[-1]
            width, sizes = svg_font_sizes(file.read_text(encoding="utf-8"))
            chart["file"] = file.name
            chart["smallest_px"] = min(sizes) * chart["width"] / width if sizes else None
        results[path] = found
    return results


def axe(tab: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations of any impact on the page as it is now."""
    if not tab.evaluate("typeof window.axe !== 'undefined'"):
        tab.evaluate(axe_source())
    results = tab.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations: list[dict[str, Any]] = results["violations"]
    return violations


@pytest.fixture(scope="module")
def phone(browser: Browser, site_url: str, built: Built  # noqa: F811
          ) -> Iterator[dict[str, dict[str, Any]]]:
    context = browser.new_context(base_url=site_url, locale="nl-NL", device_scale_factor=1,
                                  viewport={"width": WIDTH, "height": HEIGHT})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    try:
        measured = site_pages(built.site)
        results = measure(tab, built.site, measured)
        for path in every_page(built.site):  # the other pages: only axe
            if path not in results:
                tab.goto("/" + path.removesuffix("index.html"))
                tab.wait_for_load_state("load")
                results[path] = {"tables": [], "headings": [], "charts": [], "scrollWidth": 0,
                                 "wide": [], "axe": axe(tab), "only_axe": True}
        yield results
    finally:
        context.close()


def test_every_page_was_measured(phone: dict[str, dict[str, Any]]) -> None:
    assert "index.html" in phone
    assert any("/vergelijking/" in p for p in phone)
    assert any(p.startswith("pijnacker-nootdorp/") for p in phone)
    assert sum(len(m["tables"]) for m in phone.values()) > 50


def test_wide_tables_keep_their_first_column_and_say_they_scroll(
        phone: dict[str, dict[str, Any]]) -> None:
    problems = [f"{path}: {t['name']!r}: {p}" for path, m in phone.items()
                for t in m["tables"] for p in t["problems"]]
    wide = sum(t["wide"] for m in phone.values() for t in m["tables"])
    assert wide, "no table is wider than a phone: the check checks nothing"
    assert not problems, f"{len(problems)} problem(s) in {wide} wide tables:\n" + "\n".join(
        problems[:40])


def test_headings_break_between_words_or_with_a_hyphen(
        phone: dict[str, dict[str, Any]]) -> None:
    broken = [f"{path}: <{h['tag']} class={h['cls']!r}> {h['text']!r}: {h['broken']}"
              for path, m in phone.items() for h in m["headings"] if h["broken"]]
    assert not broken, f"{len(broken)} heading(s) broken inside a word:\n" + "\n".join(
        broken[:40])


def test_chart_text_is_at_least_11_px(phone: dict[str, dict[str, Any]]) -> None:
    charts = [(path, c) for path, m in phone.items() for c in m["charts"]]
    assert charts
    small = [f"{path}: {c['file']}: {c['smallest_px']:.1f} px (shown {c['width']:.0f} px wide)"
             for path, c in charts if c["smallest_px"] is None
             or c["smallest_px"] < MIN_CHART_PX]
    assert not small, "chart text below 11 px:\n" + "\n".join(small)


def test_nothing_is_wider_than_the_screen(phone: dict[str, dict[str, Any]]) -> None:
    wide = [f"{path}: scrollWidth {m['scrollWidth']} ({', '.join(m['wide'])})"
            for path, m in phone.items() if m["scrollWidth"] > WIDTH]
    assert not wide, "\n".join(wide)


def test_no_page_has_an_accessibility_violation(phone: dict[str, dict[str, Any]]) -> None:
    assert any(p.startswith("handleiding/") for p in phone), "the author guide was not checked"
    reports = [violation_report(path, m["axe"]) for path, m in phone.items() if m["axe"]]
    assert not reports, "\n".join(reports)
