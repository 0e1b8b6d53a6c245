"""The organogram (pcdocs/blocks/organogram.py): a tree of units whose fte come from
organogram.yaml or from functies.csv next to it, every total computed by one rule (own fte
plus the units below), each difference a warning shown in the chart; the HTML is a nested
list that is its own text equivalent (the lines are CSS only); on a 390 px phone it is an
indented tree without horizontal overflow, at 1280 px a chart from the top down."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser

from pcdocs.blocks import organogram
from pcdocs.compare.diff import diff_facts
from pcdocs.compare.facts import facts_of
from pcdocs.errors import DataError
from pcdocs.model.repository import Repository
from pcdocs.output.session import BuildSession

from .conftest import ROOT, Built
from .test_browser import (  # noqa: F401  (fixtures)
    AXE_TAGS,
    TIMEOUT_MS,
    axe_source,
    browser,
    site_url,
)

EXAMPLE = "data/isd-bol/2025/organogram.yaml"
GUIDE_PAGE = "handleiding/formatie-en-organogram/"
NAMES = ["ISD BOL", "Bedrijfsvoering", "Werk", "Inkomen", "Uitkeringen", "Minima en schulden",
         "Handhaving en terugvordering"]


def example() -> organogram.Organogram:
    return organogram.load(ROOT / EXAMPLE, EXAMPLE)


def folder(tmp_path: Path, chart: str, functies: str | None = None) -> Path:
    """organogram.yaml (and functies.csv) in a data folder of their own."""
    data = tmp_path / "data/t/2025"
    data.mkdir(parents=True, exist_ok=True)
    (data / "organogram.yaml").write_text(chart, encoding="utf-8")
    if functies is not None:
        (data / "functies.csv").write_text(functies, encoding="utf-8")
    return data / "organogram.yaml"


def load(tmp_path: Path, chart: str, functies: str | None = None) -> organogram.Organogram:
    return organogram.load(folder(tmp_path, chart, functies), "data/t/2025/organogram.yaml")


def refused(tmp_path: Path, chart: str, functies: str | None = None) -> DataError:
    with pytest.raises(DataError) as info:
        load(tmp_path, chart, functies)
    return info.value


CHART = """\
organisatie:
  naam: Dienst
  leiding: directeur
  fte: 2
  eenheden:
    - naam: Werk
      fte: 10.5
    - naam: Inkomen
      leiding: manager Inkomen
      fte: 1
      totaal_fte: 9
      eenheden:
        - {naam: Uitkeringen, fte: 6}
        - {naam: Handhaving, fte: 2}
"""
FUNCTIES = "afdeling;functie;schaal;formatie;bezetting\n"


# -- the rule ---------------------------------------------------------------------------------

def test_a_total_is_the_own_fte_plus_the_units_below() -> None:
    record = example()
    units = {e.naam: e for e in record.top.walk()}
    assert list(units) == NAMES
    assert units["Inkomen"].own == Decimal("1.00")  # its afdeling in functies.csv
    assert units["Inkomen"].total == Decimal("31.00") == units["Inkomen"].stated_total
    assert units["ISD BOL"].own == Decimal("2.00")  # 'afdeling: Directie'
    assert units["ISD BOL"].total == Decimal("60.45")
    assert all(e.own_from == organogram.FROM_FUNCTIES for e in units.values())
    figures = organogram.figures(record)
    assert figures["fte"].value == Decimal("60.45")
    assert figures["eenheden"].value == 6
    assert figures["eenheid.inkomen.fte"].computed == (
        "eigen 1,00 + Uitkeringen 18,00 + Minima en schulden 7,00 + Handhaving en "
        "terugvordering 5,00")
    # a total taken from functies.csv names its rows
    assert figures["eenheid.werk.fte"].sources[0].ref() == "data/isd-bol/2025/functies.csv:12"
    assert organogram.differences(record) == []


def test_fte_stated_in_the_chart_alone(tmp_path: Path) -> None:
    record = load(tmp_path, CHART)
    figures = organogram.figures(record)
    assert figures["fte"].value == Decimal("21.5")
    assert figures["eenheid.inkomen.fte"].value == Decimal("9")
    assert figures["eenheid.inkomen.fte"].sources[0].ref() == "data/t/2025/organogram.yaml:10"
    assert organogram.differences(record) == []


def test_a_unit_with_units_below_and_no_fte_has_no_own_staff(tmp_path: Path) -> None:
    record = load(tmp_path, CHART.replace("  fte: 2\n", ""))
    assert record.top.own_from == organogram.NONE_OWN
    assert record.top.total == Decimal("19.5")


def test_a_chart_without_any_fte_is_structure_only(tmp_path: Path) -> None:
    record = load(tmp_path, re.sub(r"(,\s*)?\s*fte: [\d.]+|\n\s*totaal_fte: \d+", "", CHART))
    assert not record.has_fte
    assert set(organogram.figures(record)) == {"eenheden"}
    html = organogram_html(record)
    assert "fte" not in html.get_text().replace("Fte:", "")


def test_a_unit_without_fte_where_others_have_them_is_an_error(tmp_path: Path) -> None:
    f = refused(tmp_path, CHART.replace("{naam: Handhaving, fte: 2}", "{naam: Handhaving}")
                ).finding
    assert (f.line, f.code) == (14, "ontbrekende-sleutel")
    assert "Handhaving heeft geen fte" in f.message and f.hint


# -- differences: warnings, shown openly -------------------------------------------------------

def test_a_stated_total_that_is_not_the_sum_is_a_warning_at_its_line(tmp_path: Path) -> None:
    record = load(tmp_path, CHART.replace("totaal_fte: 9", "totaal_fte: 9.5"))
    [f] = organogram.differences(record)
    assert (f.severity, f.code, f.file, f.line, f.key) == (
        "warning", "sluit-niet-aan", "data/t/2025/organogram.yaml", 11, "totaal_fte")
    assert "9,50\u00a0fte" in f.message and "9,00\u00a0fte" in f.message
    box = unit_box(organogram_html(record), "Inkomen")
    assert "Sluit niet aan: opgegeven totaal 9,50\u00a0fte" in box
    assert "9,00\u00a0fte" in box  # the computed total is the one the chart shows


def test_fte_in_both_files_must_agree(tmp_path: Path) -> None:
    record = load(tmp_path, CHART, FUNCTIES + "Werk;Consulent;9;10,00;9\nWerk;Teamleider;11;1;1\n")
    [f] = organogram.differences(record)
    assert (f.code, f.line, f.key) == ("sluit-niet-aan", 7, "fte")
    assert "10,50\u00a0fte in het organogram" in f.message
    assert "formatie 11,00\u00a0fte" in f.message
    box = unit_box(organogram_html(record), "Werk")
    assert "Sluit niet aan: functies.csv geeft afdeling Werk 11,00\u00a0fte" in box


def test_an_afdeling_the_chart_leaves_out_is_a_warning_at_its_row(tmp_path: Path) -> None:
    record = load(tmp_path, CHART.replace("      fte: 10.5\n", ""),
                  FUNCTIES + "Werk;Consulent;9;10,50;9\nKlantcontact;Medewerker;6;3;3\n")
    [f] = organogram.differences(record)
    assert (f.code, f.file, f.line) == ("sluit-niet-aan", "data/t/2025/functies.csv", 3)
    assert "afdeling Klantcontact (3,00\u00a0fte) staat niet in het organogram" in f.message
    notes = organogram_html(record).select(".pc-tabelnoten li")
    assert "Sluit niet aan: afdeling Klantcontact" in notes[-1].get_text()


# -- mistakes in the file ---------------------------------------------------------------------

@pytest.mark.parametrize(("chart", "functies", "line", "code"), [
    (CHART.replace("naam: Handhaving", "naam: Werk"), None, 14, "dubbele-code"),
    (CHART.replace("fte: 10.5", "fte: -1"), None, 7, "buiten-bereik"),
    (CHART.replace("fte: 10.5", "fte: tien"), None, 7, "geen-getal"),
    (CHART.replace("leiding: directeur", "leider: directeur"), None, 3, "onbekende-sleutel"),
    (CHART.replace("      fte: 10.5\n", "      afdeling: Wrek\n"),
     FUNCTIES + "Werk;Consulent;9;10,50;9\n", 7, "onbekende-code"),
    (CHART.replace("      fte: 10.5\n", "      afdeling: Werk\n"), None, 7,
     "bestand-ontbreekt"),
    (CHART.replace("    - naam: Werk\n", "    - naam: Werk\n      afdeling: Inkomen\n"),
     FUNCTIES + "Inkomen;Manager;12;1;1\n", 9, "dubbele-code"),
    ("organisatie: {naam: A, eenheden: [{naam: B, eenheden: [{naam: C, eenheden: [{naam: D, "
     "eenheden: [{naam: E, eenheden: [{naam: F}]}]}]}]}]}\n", None, 1, "te-diep"),
])
def test_mistakes_are_findings_at_their_line(tmp_path: Path, chart: str, functies: str | None,
                                             line: int, code: str) -> None:
    f = refused(tmp_path, chart, functies).finding
    assert (f.file, f.line, f.code) == ("data/t/2025/organogram.yaml", line, code), f.message
    assert f.hint


# -- the HTML: a nested list that is its own text equivalent ------------------------------------

def organogram_html(record: organogram.Organogram) -> BeautifulSoup:
    """The macro's HTML for a record, through a page whose scope reads it."""
    return BeautifulSoup(organogram.macro_organogram(_Page(record)), "html.parser")  # type: ignore[arg-type]


class _Page:
    """The part of a PageContext the macro uses: the record, and the warnings it gives."""

    def __init__(self, record: organogram.Organogram) -> None:
        self._record = record
        self.findings: list[Any] = []

    def record(self, spec: Any) -> organogram.Organogram:
        assert spec is organogram.SPEC
        return self._record

    def warn(self, finding: Any) -> None:
        self.findings.append(finding)


def unit_box(soup: BeautifulSoup, name: str) -> str:
    for box in soup.select(".pc-og__eenheid"):
        naam = box.select_one(".pc-og__naam")
        if naam is not None and naam.get_text() == name:
            return box.get_text(" ", strip=True)
    raise AssertionError(f"geen eenheid {name}")


def test_the_chart_is_a_nested_list_in_the_order_of_the_tree() -> None:
    session = BuildSession(Repository.find(ROOT), use_cache=False)
    ctx = session.begin_page("handleiding/formatie-en-organogram.md")
    soup = BeautifulSoup(organogram.macro_organogram(ctx), "html.parser")
    root = soup.select_one("div.pc-organogram > ul.pc-og")
    assert root is not None
    assert root["aria-label"] == "Organogram ISD BOL per 1 januari 2025"
    assert not soup.select("[role]")  # a ul is a list (vnu: no role="list")
    title = soup.select_one(".pc-organogram__titel")
    assert title is not None and title["aria-hidden"] == "true"  # the list's label says it
    top = root.find_all("li", recursive=False)
    assert len(top) == 1
    below = top[0].find("ul", recursive=False)
    assert isinstance(below, Tag)
    assert [li.select_one(".pc-og__naam").get_text()  # type: ignore[union-attr]
            for li in below.find_all("li", recursive=False)] == ["Bedrijfsvoering", "Werk",
                                                                 "Inkomen"]
    # reading order: a screen reader (and the text of the page) meets the units as the tree
    assert [n.get_text() for n in soup.select(".pc-og__naam")] == NAMES
    # each unit says its name, its leiding and its fte in words
    assert unit_box(soup, "Inkomen") == ("Inkomen Leiding: manager Inkomen 31,00\u00a0fte "
                                         "waarvan eigen 1,00\u00a0fte")
    assert unit_box(soup, "Werk") == "Werk Leiding: teamleider Werk 17,00\u00a0fte"
    # every fte carries its source
    fte = soup.select_one(".pc-og__fte .pc-cijfer")
    assert fte is not None and "organogram.yaml" not in str(fte["data-source"])
    assert "data/isd-bol/2025/functies.csv:2" in str(fte["data-source"])
    # nothing but text and lists: no picture, no drawing, no script, no empty box for a line
    assert not soup.find_all(["img", "svg", "script", "canvas", "object"])
    assert all(el.get_text(strip=True) for el in soup.find_all(["span", "div", "li"]))
    assert not re.search("[│├└─┌┐┘┤┬┴┼]", soup.get_text())
    assert ctx.findings == []
    assert "data/isd-bol/2025/functies.csv" in ctx.sources()


def test_more_than_four_units_below_the_top_are_always_an_indented_tree(tmp_path: Path) -> None:
    units = "".join(f"    - {{naam: Team {n}, fte: 1}}\n" for n in range(1, 6))
    record = load(tmp_path, f"organisatie:\n  naam: Dienst\n  eenheden:\n{units}")
    soup = organogram_html(record)
    assert soup.select_one(".pc-organogram--breed") is not None
    assert organogram_html(load(tmp_path, CHART)).select_one(".pc-organogram--breed") is None


def _organogram_css(path: Path) -> str:
    """Our section of a stylesheet: from its header to the next section's header (others
    append theirs after it)."""
    text = path.read_text(encoding="utf-8")
    start = text.index("/* -- Formatie per functie and organogram")
    end = text.find("/* -- ", start + 1)
    return text[start:] if end < 0 else text[start:end]


@pytest.mark.parametrize("css", ["docs/assets/pcdocs.css", "pcdocs/output/assets/print.css"])
def test_the_lines_are_css_without_text_or_images(css: str) -> None:
    """Every connector is a pseudo-element with empty content: nothing a screen reader or a
    copied text picks up, and no image."""
    section = _organogram_css(ROOT / css)
    contents = re.findall(r"(?<![\w-])content:\s*([^;}]+)", section)
    assert contents and {c.strip() for c in contents} == {'""'}
    assert "url(" not in section and "::before" in section and "::after" in section


# -- comparing -------------------------------------------------------------------------------

def test_a_comparison_names_units_added_dropped_moved_and_their_fte(tmp_path: Path) -> None:
    old = load(tmp_path, CHART)
    new_chart = (CHART.replace("leiding: manager Inkomen", "leiding: teamleider Inkomen")
                 .replace("        - {naam: Handhaving, fte: 2}\n", "")
                 .replace("    - naam: Werk\n      fte: 10.5\n",
                          "    - naam: Werk\n      fte: 11\n      eenheden:\n"
                          "        - {naam: Handhaving, fte: 2}\n"
                          "        - {naam: Jobcoaching, fte: 3}\n")
                 .replace("      totaal_fte: 9\n", ""))
    new = load(tmp_path / "nieuw", new_chart)
    messages = {c.message for c in diff_facts(facts_of(organogram.SPEC, old),
                                              facts_of(organogram.SPEC, new), 2025, 2025)}
    assert "Eenheid Inkomen: van onder Dienst; leiding: manager Inkomen naar onder Dienst; " \
           "leiding: teamleider Inkomen." in messages
    assert "Eenheid Handhaving: van onder Inkomen naar onder Werk." in messages
    assert "Nieuwe eenheid in het organogram: Eenheid Jobcoaching, onder Werk." in messages
    assert "Formatie Werk (met de eenheden eronder): van 10,50\u00a0fte naar 16,00\u00a0fte " \
           "(+5,50; +52,4%)." in messages
    assert "Formatie Inkomen (met de eenheden eronder): van 9,00\u00a0fte naar 7,00\u00a0fte " \
           "(−2,00; −22,2%)." in messages
    # the new unit is one record, not one per figure
    assert sum("Jobcoaching" in m for m in messages) == 1


# -- on a phone and on a wide screen (the built example site, headless chromium) ---------------

_LAYOUT = """
() => {
  const chart = document.querySelector('.pc-organogram');
  const box = el => el.getBoundingClientRect();
  const level = n => Array.from(chart.querySelectorAll(`.pc-og__niveau-${n} > .pc-og__eenheid`))
    .map(el => ({left: box(el).left, right: box(el).right, top: box(el).top}));
  const outside = Array.from(chart.querySelectorAll('*')).filter(el => {
      const r = box(el); return r.width && (r.right > window.innerWidth + 1 || r.left < -1); })
    .map(el => el.className).slice(0, 5);
  return {vw: window.innerWidth, scroll: document.scrollingElement.scrollWidth,
          chart: box(chart).width, top: level(1), second: level(2), third: level(3), outside};
}
"""


@pytest.fixture(scope="module")
def layouts(browser: Browser, site_url: str) -> Iterator[dict[int, dict[str, Any]]]:  # noqa: F811
    found = {}
    for width in (390, 1280):
        context = browser.new_context(base_url=site_url, locale="nl-NL", device_scale_factor=1,
                                      viewport={"width": width, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        tab = context.new_page()
        tab.goto("/" + GUIDE_PAGE)
        tab.wait_for_load_state("load")
        found[width] = tab.evaluate(_LAYOUT)
        tab.evaluate(axe_source())
        found[width]["axe"] = tab.evaluate(
            "options => axe.run('.pc-organogram', options)",
            {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        )["violations"]
        context.close()
    yield found


def test_on_a_phone_the_chart_is_an_indented_tree_without_overflow(
        layouts: dict[int, dict[str, Any]]) -> None:
    phone = layouts[390]
    assert phone["scroll"] <= 390 and phone["outside"] == []
    second = phone["second"]
    assert len(second) == 3
    tops = [b["top"] for b in second]
    assert tops == sorted(tops) and len(set(tops)) == 3  # one under the other
    assert all(b["left"] > phone["top"][0]["left"] for b in second)  # indented
    assert all(b["left"] > second[2]["left"] for b in phone["third"])
    assert phone["axe"] == []


def test_on_a_wide_screen_the_units_stand_side_by_side_under_the_top(
        layouts: dict[int, dict[str, Any]]) -> None:
    wide = layouts[1280]
    assert wide["scroll"] <= 1280 and wide["outside"] == []
    second, [top] = wide["second"], wide["top"]
    assert len({round(b["top"]) for b in second}) == 1  # one row
    assert [b["left"] for b in second] == sorted(b["left"] for b in second)
    assert second[0]["left"] < top["left"] and second[2]["right"] > top["right"]
    assert all(b["top"] > second[2]["top"] for b in wide["third"])  # below Inkomen
    assert all(b["left"] >= second[2]["left"] for b in wide["third"])
    assert wide["axe"] == []


def test_the_guide_page_was_built(built: Built) -> None:
    page = built.page(GUIDE_PAGE + "index.html")
    assert page.select_one(".pc-organogram ul.pc-og") is not None
    assert page.select_one(".pc-functies table") is not None
