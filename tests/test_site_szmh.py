"""End to end: the SZMH Jaarplan 2019 as built."""

from __future__ import annotations

import csv
import io
import re

import pytest
from bs4 import BeautifulSoup

from .conftest import Built

DOC = "szmh/2019/jaarplan/index.html"


@pytest.fixture(scope="module")
def page(built: Built) -> BeautifulSoup:
    return built.page(DOC)


def text(node: object) -> str:
    """The text a reader sees (without the soft hyphens, U+00AD, in long heading words)."""
    raw = node.get_text().replace("\u00a0", " ").replace("\u00ad", "")  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", raw)


def test_formatie_prose_from_the_analysis(page: BeautifulSoup) -> None:
    body = text(page)
    assert "De formatie per 1-9-2018 bedroeg 349,91 fte." in body
    assert "Door het wegvallen van opdrachten is 4,19 fte minder nodig" in body
    assert "is 7,82 fte meer nodig" in body
    assert "stijgt de formatie van Sociale Zaken Maastricht Heuvelland naar 353,54 fte per " \
           "1-1-2019" in body


def test_formatieanalyse_table_layout(page: BeautifulSoup) -> None:
    table = page.select_one(".pc-formatie table")
    assert table is not None
    totals = [" ".join(text(c).strip() for c in r.select("th, td") if text(c).strip())
              for r in table.select("tr.pc-totaal")]
    assert totals == ["01-01-2018 344,55", "01-09-2018 349,91", "01-01-2019 353,54"]
    subtotals = [text(r.select("td")[2]).strip() for r in table.select("tr.pc-subtotaal")]
    assert subtotals == ["5,36", "-4,19", "7,82", "0,00"]
    groups = [text(r).strip() for r in table.select("tr.pc-groep")]
    assert groups == ["Opdrachten Welzijn en Zorg", "Wegvallen taken/budgetten",
                      "Nieuwe taken/budgetten", "Wijziging schaal functie"]


def test_verzuim_figures_and_direction(page: BeautifulSoup) -> None:
    body = text(page)
    assert "Eind 2017 was het verzuimpercentage 7,08% (norm 5,47%)" in body
    assert "(> 6 weken), zijnde 5,96% met een meldingsfrequentie van 1,28 (norm 1,27)" in body
    assert "In 2018 t/m november is het verzuimpercentage gedaald naar 6,84% (norm 5,46%)" in body


def test_inhuur_totals_notes_and_tariff(page: BeautifulSoup) -> None:
    table = page.select_one(".pc-inhuur table")
    assert table is not None
    total = table.select_one("tr.pc-totaal")
    assert total is not None
    assert [text(td).strip() for td in total.select("td")] == [
        "€ 591.088", "€ 909.187", "€ 2.575.730", "€ 0", "€ 4.076.005", "€ 3.700.000",
        "€ 4.508.090"]
    notes = [text(li) for li in page.select(".pc-inhuur .pc-tabelnoten li")]
    assert notes[0].startswith("ZIEK: opvangen van onvoorziene capaciteitsproblemen")
    assert any("Maatregelen om inhuur terug te dringen: Evt heroverwegen 20%" in n
               for n in notes)
    assert "tarieven na de aanbesteding: € 135.177 duurder." in text(page)


def test_differences_with_the_seed_are_stated(page: BeautifulSoup) -> None:
    notes = " ".join(text(n) for n in page.select(".admonition.verschil"))
    assert "4,29 fte minder nodig is" in notes and "telt de mutaties op tot 4,19 fte" in notes
    assert "verloop en mobiliteit € 993.939 (de som is € 993.938)" in notes
    assert "het totaal van de kolom prognose was € 4.508.089 (de som is € 4.508.090)" in notes


def test_risk_register_sections_and_matrix(page: BeautifulSoup) -> None:
    ids = [h["id"] for h in page.select("h4[id^=risico-]")]
    assert ids == [f"risico-m{i}" for i in range(1, 6)] + [f"risico-i{i}" for i in range(1, 7)]
    i4 = page.select_one("#risico-i4")
    assert i4 is not None
    section = []
    for sibling in i4.find_all_next():
        if sibling.name == "h4":
            break
        section.append(text(sibling))
    assert "voor de 6 gemeenten in Maastricht Heuvelland" in " ".join(section)
    matrix = page.select_one(".pc-matrix table")
    assert matrix is not None
    cells = {(text(row.th).strip(), i + 1): sorted(text(a) for a in td.select("a"))
             for row in matrix.select("tbody tr") for i, td in enumerate(row.select("td"))}
    assert cells[("3 Hoog", 5)] == ["M1"]
    assert cells[("2 Gemiddeld", 3)] == ["I3", "M3"]
    assert cells[("1 Klein", 1)] == ["I1", "I4", "I5"]
    codes = [text(a) for a in matrix.select("td a")]
    assert sorted(codes) == sorted({*codes}) and len(codes) == 11
    assert all(a["href"] == f"#risico-{text(a).lower()}" for a in matrix.select("td a"))


def test_indicator_tables_with_tbd_and_footnotes(page: BeautifulSoup) -> None:
    tables = page.select(".pc-normen")
    assert len(tables) == 4
    werk = text(tables[0])
    assert "nog te bepalen" in werk and "ten minste 50%" in werk
    assert "* participatievoorzieningen: vormen van wmbvu" in werk
    assert "ten minste € 650.000" in text(tables[1]) and "ten hoogste -2,4%" in text(tables[1])
    assert "meer dan 85%" in text(tables[2])
    assert "ten minste 7,0" in text(tables[3]) and "minder dan 25%" in text(tables[3])


def test_cards_speerpunten_calendar_agreements(page: BeautifulSoup) -> None:
    first = page.select_one(".pc-kaart .pc-kaart__titel")
    assert first is not None and text(first).startswith("Aanbesteding applicatie Leerplicht")
    # one level below the section the cards stand in (## Informatievoorziening …), never h4
    section = first.find_previous(["h2", "h3"])
    assert first.name == "h3" and section is not None and section.name == "h2"
    assert {h.name for h in page.select(".pc-kaart .pc-kaart__kop")} == {"h4"}
    assert {h.name for h in page.select(".pc-kaart .pc-kaart__veldkop")} == {"h5"}
    assert len(page.select(".pc-kaart")) == 3
    assert len(page.select(".pc-speerpunten tbody tr")) == 5
    assert len(page.select(".pc-kalender tbody tr")) == 2
    assert len(page.select(".pc-overeenkomsten li")) == 3


def test_every_table_offers_its_data_as_csv(built: Built, page: BeautifulSoup) -> None:
    links = page.select(".pc-download a")
    assert len(links) >= 14
    for link in links:
        raw = (built.site / "szmh/2019/jaarplan" / str(link["href"])).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
        assert len(rows) >= 2, link["href"]
    inhuur = (built.site / "szmh/2019/jaarplan/externe-inhuur.csv").read_text("utf-8-sig")
    assert "Totaal;591088;909187;2575730;0;4076005;3700000;4508090" in inhuur


def test_five_charts_with_text_alternatives(page: BeautifulSoup) -> None:
    figures = page.select("figure.pc-grafiek")
    assert len(figures) == 5  # the fifth: the risk simulation pcdocs added (weerstandsvermogen)
    for fig in figures:
        img = fig.select_one("img")
        assert img is not None and len(str(img["alt"])) > 60
        data = fig.find_next_sibling()
        assert data is not None and data.name == "details" and data.select_one("table")
