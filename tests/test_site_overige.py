"""End to end: Deventer 2021, Pijnacker-Nootdorp 2022 and ISD BOL 2023-2026 as built."""

from __future__ import annotations

import csv
import io
import json
import re

from bs4 import Tag

from .conftest import Built

DEVENTER = "deventer/2021/uitvoeringsplan/index.html"
PIJNACKER = "pijnacker-nootdorp/2022/voortgangsrapportage/index.html"
ISD_BOL = "isd-bol/2023/meerjarenbeleidsplan/index.html"


def text(node: object) -> str:
    raw = node.get_text(" ").replace("\u00a0", " ").replace("\u00ad", "")  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", raw).strip()


def prose(node: object) -> str:
    raw = node.get_text().replace("\u00a0", " ").replace("\u00ad", "")  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", raw).strip()


def rows(page: Tag, selector: str) -> list[str]:
    return [text(r) for r in page.select(selector)]


def test_deventer_nota_cover(built: Built) -> None:
    page = built.page(DEVENTER)
    nota = page.select_one(".pc-nota")
    assert nota is not None
    body = text(nota)
    assert "Notanummer 2021-000112" in body
    assert "Onderwerp: Uitvoeringsplan programma 7: Inkomensvoorziening en arbeidsmarkt" in body
    assert "☑ B & W 26-01-2021" in body and "☐ Raad" in body
    assert "gem.secr. 21-01-2021 (paraaf)" in body
    assert "Het Uitvoeringsplan programma 7 (inkomensvoorziening en arbeidsmarkt) vast te " \
           "stellen" in body
    header = text(page.select_one(".pc-kop__org"))
    assert header == "Gemeente Deventer"


def test_deventer_financial_tables_are_computed(built: Built) -> None:
    page = built.page(DEVENTER)
    tables = page.select(".pc-financien")
    assert [text(t.select_one(".pc-tabeltitel")) for t in tables] == [
        "Inkomen 2021", "Re-integratie (Participatiebudget en WSW) 2021", "Armoedebeleid 2021"]
    totals = [[text(r) for r in t.select("tr.pc-totaal")] for t in tables]
    assert totals[0][0] == "Saldo 2.639" and totals[0][-1] == "Resterend –"
    assert totals[1] == ["Totaal financieel kader 22.041", "Totaal lasten 22.042"]
    assert totals[2] == ["Totaal financieel kader 5.405.443", "Totaal lasten 5.405.443"]
    assert "Bedragen x € 1.000; baten negatief, lasten positief" in text(tables[0])
    assert "Bedragen in euro" in text(tables[2])
    notes = [text(a) for a in page.select(".admonition.verschil")]
    assert any("saldo € 2.640 (x € 1.000); de som van de regels is € 2.639.000" in n
               for n in notes)


def test_deventer_onderwerpen_sections(built: Built) -> None:
    page = built.page(DEVENTER)
    headings = [text(h).rstrip(" ¶") for h in page.select("article h4")]
    assert "3.1.1 Implementatie Inzet op maat 2021" in headings
    assert "3.1.11 NS Fietsenstalling" in headings
    assert [text(h).rstrip(" ¶") for h in page.select("article h5")][:3] == [
        "Stand van zaken", "Acties", "Aandachtspunten"]
    blocks = page.select(".admonition.abstract .admonition-title")
    assert "Bouwstenen voor resultaatafspraken KonnecteD" in [text(b) for b in blocks]


def test_pijnacker_taakvelden_table(built: Built) -> None:
    page = built.page(PIJNACKER)
    table = page.select_one(".pc-taakvelden")
    assert table is not None
    groups = [text(th) for th in table.select("tr.pc-kolomgroep th[colspan]")]
    assert groups == ["Begroting inclusief mutaties Kadernota 2022", "Mutaties Najaarsnota 2022",
                      "Begroting inclusief mutaties Najaarsnota 2022"]
    assert rows(table, "tr.pc-totaal") == [
        "Totaal -34.468 8.883 -25.585 -945 687 -258 -35.413 9.570 -25.843"]
    first = next(r for r in rows(table, "tbody tr") if r.startswith("630 - "))
    assert first == ("630 - Inkomensregelingen -10.382 7.411 -2.971 -929 15 -914 -11.311 7.426 "
                     "-3.885")
    assert "Mutaties reserves" in rows(table, "tr.pc-groep")


def test_pijnacker_csv_download_has_the_computed_columns(built: Built) -> None:
    link = built.page(PIJNACKER).select_one(".pc-taakvelden .pc-download a")
    assert link is not None
    href = str(link["href"])
    data = (built.site / "pijnacker-nootdorp/2022/voortgangsrapportage" / href).read_text(
        encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(data), delimiter=";"))
    assert table[0][2] == "Taakvelden (bedragen x € 1.000)"
    total = next(r for r in table if r[2] == "Totaal")
    assert total[-3:] == ["-35413", "9570", "-25843"]


def test_pijnacker_voortgang_and_status(built: Built) -> None:
    page = built.page(PIJNACKER)
    assert rows(page, ".pc-voortgang tr.pc-totaal") == [
        "Programma 07 Individuele voorzieningen 9 3 12"]
    activities = page.select(".pc-activiteit")
    assert len(activities) == 12
    delayed = [a for a in activities if a.select_one(".pc-status--vertraagd")]
    assert len(delayed) == 3
    badge = delayed[0].select_one(".pc-status--vertraagd")
    assert badge is not None and text(badge) == "▲ vertraagd"
    assert any("Status afgeleid uit de toelichting" in text(a)
               for a in page.select(".admonition.verschil"))


def test_pijnacker_afwijkingen_reconcile(built: Built) -> None:
    page = built.page(PIJNACKER)
    body = prose(page)
    assert "Voor Wmo begeleiding wordt de begroting met € 125.000 naar beneden bijgesteld " \
           "(voordeel)" in body
    recon = rows(page, ".pc-aansluiting tbody tr")
    assert "630 Inkomensregelingen lasten -929 -950 21 ✓ binnen drempel" in recon
    assert all("binnen drempel" in r for r in recon)
    charts = [f.select_one("img") for f in page.select(".pc-grafiek")]
    assert len(charts) == 3 and all(c is not None and c.get("alt") for c in charts)


def test_isd_bol_is_a_concept_over_four_years(built: Built) -> None:
    """The seed's concept 0.4, as published (frozen) before the fictitious version 1.0."""
    page = built.page(ISD_BOL.replace("/index.html", "/versie/0.4/index.html"))
    assert text(page.select_one("h1")) == "Meerjarenbeleidsplan ISD BOL 2023–2026"
    concept = page.select_one(".pc-concept")
    assert concept is not None
    assert text(concept).startswith("Concept — versie 0.4 van 12 mei 2022.")
    assert "Brunssum en Landgraaf" in text(page.select_one(".pc-kop__org"))
    assert "Dit is het MeerjarenBeleidsPlan ISD–BOL 2023–2026." in text(page)


def test_isd_bol_regelingen_per_gemeente(built: Built) -> None:
    page = built.page(ISD_BOL)
    table = page.select_one(".pc-regelingen")
    assert table is not None
    assert [text(th) for th in table.select("thead th")] == [
        "Regeling", "Omschrijving", "Brunssum", "Landgraaf"]
    by_name = {r.split(" ")[0]: r for r in rows(table, "tbody tr")}
    assert rows(table, "tbody tr")[8].endswith("€ 150 € 100")  # 90 in concept 0.4
    assert by_name["Mantelzorgcompliment"].endswith("– niet in Brunssum ✓ ja")
    assert by_name["Bibliotheekabonnement"].endswith("✓ ja – niet in Landgraaf")


def test_isd_bol_figures_and_doelgroepen(built: Built) -> None:
    body = prose(built.page(ISD_BOL))
    assert "Er waren 5,02 fte van ISD BOL toe te rekenen aan de voormalige gemeente Onderbanken" \
           in body
    assert "De overige 2,13 fte (indirect personeel en overhead)" in body
    assert "zullen de 4 werkcoaches in 2022 als pilot" in body
    assert "die 80–100% arbeidsfit zijn" in body
    assert "80–100% werkfit: kandidaten zijn op basis van een eerste verkennende diagnose " \
           "direct bemiddelbaar" in body


def test_all_five_seeds_are_in_the_manifest(built: Built) -> None:
    manifest = json.loads((built.site / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["documents"]
                 if e["org"] == "isd-bol" and e["doc"] == "meerjarenbeleidsplan")
    assert (entry["year"], entry["doc"], entry["status"], entry["version"]) == (
        2023, "meerjarenbeleidsplan", "concept", "0.4")
    assert entry["title"] == "Meerjarenbeleidsplan ISD BOL 2023–2026"
    assert "data/isd-bol/2023/regelingen.yaml" in entry["sources"]
    deventer = next(e for e in manifest["documents"] if e["org"] == "deventer")
    assert "data/deventer/2021/financien.yaml" in deventer["sources"]


def test_guide_examples_render_one_topic_activity_and_taakveld(built: Built) -> None:
    up = built.page("handleiding/uitvoeringsplan/index.html")
    # (the page's own sections, which have an anchor; the nota example's box headings are h3
    # too, one level below its section, and have none)
    assert [text(h).rstrip(" ¶") for h in up.select("article h3[id]")] == [
        "3.1.11 NS Fietsenstalling"]
    assert {h.name for h in up.select(".pc-nota .pc-nota__kop")} == {"h3"}
    vg = built.page("handleiding/voortgang/index.html")
    h3 = [text(h).rstrip(" ¶") for h in vg.select("article h3")]
    assert h3 == ["7.02 Verbinden collectieve voorzieningen en maatwerkvoorzieningen",
                  "640 Begeleide participatie"]
    assert len(vg.select(".pc-activiteit")) == 1


def test_table_title_repeating_the_heading_above_is_shown_once(built: Built) -> None:
    page = built.page(ISD_BOL)
    wetten = page.select_one(".pc-wetten")
    assert wetten is not None
    heading = wetten.find_previous_sibling(["h3", "h4"])
    assert heading is not None and text(heading).startswith("Landelijke wetten")
    assert wetten.select_one(".pc-tabeltitel") is None  # the heading already says it
    assert text(wetten.select_one("caption")) == "Landelijke wetten"  # screen readers keep it
    # a title that adds something to its heading stays visible
    taakvelden = built.page(PIJNACKER).select_one(".pc-taakvelden .pc-tabeltitel")
    assert taakvelden is not None
    assert text(taakvelden) == "Taakvelden per programma: 7 Individuele voorzieningen"
