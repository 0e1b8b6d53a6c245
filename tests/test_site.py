"""End to end: the example site built by `pcdocs build`, read as HTML."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import Built

DOC = "iasz/2024/jaarplan/index.html"


@pytest.fixture(scope="module")
def page(built: Built) -> BeautifulSoup:
    return built.page(DOC)


def text(node: Tag | BeautifulSoup) -> str:
    # (long words in headings carry soft hyphens, U+00AD, for phones: not part of the text)
    return re.sub(r"\s+", " ", node.get_text().replace("\u00a0", " ").replace("\u00ad", ""))


def figure(page: BeautifulSoup, source: str) -> str:
    """The text of the figure whose data-source is exactly `source`."""
    spans = page.select(f'span.pc-cijfer[data-source="{source}"]')
    assert spans, f"no figure from {source}"
    return text(spans[0]).strip()


def test_build_reports_success(built: Built) -> None:
    assert "Site gebouwd" in built.run.out
    # stderr holds only the progress of the steps (a log, not a terminal): no findings
    steps = ("Controleren: ", "Pagina's: ", "PDF's: ")
    assert all(line.startswith(steps) for line in built.run.err.splitlines()), built.run.err
    assert "PDF's: 26/26 klaar in" in built.run.err


def test_sections_in_the_order_of_the_seed(page: BeautifulSoup) -> None:
    headings = [text(h).replace("¶", "").strip() for h in page.select("article h2, article h3")]
    expected = [
        "Voorwoord", "Terugblik op 2023", "Vooruitblik naar 2024", "Beleidsplan 2024",
        "Beleidsplan Schuldhulpverlening 2025-2028", "Evaluatie Wet Inburgering",
        "Beleidsplan minimabeleid 2024-2027",
        "Duurzame toekomst Participatiebedrijf Spaarne Werkt",
        "Het wetsvoorstel Participatiewet in Balans (ingang 1 januari 2025)",
        "Het wetsvoorstel Handhaving in de Sociale Zekerheid (ingang 1 januari 2025)",
        "Samenwerking arbeidsmarktregio Zuid-Kennemerland en IJmond", "Nazorg",
        "Uitvoeringsplan 2024", "Medewerkers", "Processen", "Middelen",
        "Verantwoordingsplan 2024", "Financiële indicatoren", "Bestuursindicatoren",
        "Kwaliteitsindicatoren 2024", "Verantwoording behaalde resultaten 2023",
        "Overzicht norm en realisatie 2023",
    ]
    assert headings == expected


def test_header_shows_what_the_document_is(page: BeautifulSoup) -> None:
    header = page.select_one("header.pc-kop")
    assert header is not None
    assert text(header.h1).strip() == "Jaarplan 2024"  # type: ignore[arg-type]
    org = header.select_one(".pc-kop__org")
    assert org is not None
    assert text(org) == ("Intergemeentelijke Afdeling Sociale Zaken (IASZ) · Bloemendaal en "
                         "Heemstede")
    meta = {text(d.dt): text(d.dd).strip() for d in header.select(".pc-kop__meta div")
            if d.dt is not None and d.dd is not None}
    assert meta == {"Versie": "1.0", "Status": "✓ Vastgesteld", "Datum": "december 2023"}
    assert "Bronbestanden (6)" in text(header)
    assert page.select_one(".pc-concept") is None


def test_staff_figures_come_from_the_formatie_data(page: BeautifulSoup) -> None:
    src = "data/iasz/2024/formatie.yaml"
    assert figure(page, f"{src}:3") == "38,09 fte"
    assert figure(page, f"{src}:13 {src}:14") == "42"
    assert figure(page, f"{src}:13") == "32"
    assert figure(page, f"{src}:14") == "10"
    assert figure(page, f"{src}:15") == "één"
    body = text(page)
    assert ("1 vacature voor een medewerker uitkeringsadministratie, 1 parttime vacature voor "
            "een beleidsondersteuner en 2 vacatures voor een consulent Werk en Inkomen") in body
    assert "42 medewerkers, 32 vrouwen en 10 mannen" in body


def test_sick_leave_with_norm_and_source(page: BeautifulSoup) -> None:
    body = text(page)
    assert "met een percentage van iets meer dan 9% opnieuw hoog" in body
    assert "Het grootste deel hiervan (5,5%)" in body
    assert "verzuim van 6 weken of langer" in body
    assert "(5,5%, CBS: ziekteverzuim bij overheid, gegevens t/m 3e kwartaal 2023)" in body


def test_caseload_changes_per_gemeente_with_computed_direction(page: BeautifulSoup) -> None:
    body = text(page)
    assert "in Heemstede met ongeveer 2% gedaald ten opzichte van 2022" in body
    assert "juist gestegen met ongeveer 9% ten opzichte van 2022" in body
    assert "landelijk in 2024 zal toenemen met 3%" in body


def test_vangnet_thresholds_and_deadline(page: BeautifulSoup) -> None:
    body = text(page)
    assert "BUIG budget van meer dan 7,5% dan" in body
    assert "50% van het tekort boven de 7,5% wordt gecompenseerd" in body
    assert "Vanaf 12,5% tekort wordt 100% gecompenseerd" in body
    assert "Vóór 15 augustus van het volgende jaar" in body


def test_quality_norms_2024_with_comparator_and_legal_term(page: BeautifulSoup) -> None:
    body = text(page)
    assert "In 50% van de aanvragen wordt binnen 4 weken na de aanvraagdatum beschikt" in body
    assert "In 100% van de aanvragen wordt binnen 8 weken (wettelijke termijn) beschikt" in body
    assert "In 50% van de aanvragen wordt binnen 3 weken na de aanvraagdatum beschikt" in body
    assert "Deze laatste termijn bedraagt 2 weken" in body
    assert "korte termijn van twee weken" in body
    assert "binnen 14 dagen na de ontvangst van de aanvraag" in body
    table = page.select_one(".pc-normen table")
    assert table is not None
    rows = {text(r.th).strip(): text(r.td).strip() for r in table.select("tbody tr")
            if r.td is not None and r.th is not None}
    assert rows["Aanvragen levensonderhoud beschikt binnen 8 weken (wettelijke termijn)"] == \
        "ten minste 100%"
    assert rows["Formele portefeuillehoudersoverleggen Sociale Zaken per jaar (conform de GR)"] \
        == "ten minste 2"


def status_rows(page: BeautifulSoup) -> dict[str, tuple[str, str, str]]:
    table = page.select_one(".pc-verantwoording table")
    assert table is not None
    result = {}
    for row in table.select("tbody tr"):
        cells = row.find_all("td")
        if row.th is None or len(cells) != 3:
            continue
        badge = cells[2].select_one(".pc-status")
        assert badge is not None
        status = text(badge).replace("✓", "").replace("✗", "")
        result[text(row.th).strip()] = (text(cells[0]).strip(), text(cells[1]).strip(),
                                        status.strip())
    return result


def test_verantwoording_2023_status_is_computed(page: BeautifulSoup) -> None:
    rows = status_rows(page)
    assert len(rows) == 12
    lo8 = rows["Aanvragen levensonderhoud beschikt binnen 8 weken (wettelijke termijn)"]
    assert lo8 == ("ten minste 100%", "96%", "niet behaald")
    assert rows["Aanvragen levensonderhoud beschikt binnen 4 weken na de aanvraagdatum"] == (
        "ten minste 50%", "73%", "behaald")
    missed = sorted(k for k, v in rows.items() if v[2] == "niet behaald")
    assert missed == [
        "Aanvragen Wmo beschikt binnen 14 dagen na ontvangst van de aanvraag van het Wmo-loket",
        "Aanvragen bijzondere bijstand en minimabeleid beschikt binnen 8 weken (wettelijke "
        "termijn): Bijzondere bijstand",
        "Aanvragen levensonderhoud beschikt binnen 8 weken (wettelijke termijn)",
    ]
    assert "Van de 12 afgesproken indicatoren met een realisatie over 2023 zijn er 9 behaald " \
           "en 3 niet." in text(page)


def test_missed_norms_have_footnotes_with_computed_figures(page: BeautifulSoup) -> None:
    notes = [text(li).strip() for li in page.select("div.footnote li")]
    assert len(notes) == 3
    assert notes[0].startswith("In 4% van de gevallen is er na de afloop van de wettelijke")
    assert notes[1].startswith("In 2% van de gevallen is er na de afloop van de wettelijke")
    assert "De norm van 100% is met 97% niet gehaald" in notes[2]
    refs = [text(a) for a in page.select("sup a.footnote-ref")]
    assert refs == ["1", "2", "3"]
    assert page.select_one('a.pc-notelink[href="#fn:pc-lo-8wk-2023"]') is not None


def test_difference_with_the_seed_is_shown_openly(page: BeautifulSoup) -> None:
    note = page.select_one(".admonition.verschil")
    assert note is not None
    assert "Volgens de gegevens zijn 3 normen niet gehaald" in text(note)


def test_bestuurlijke_producties_and_pc_deliverables(page: BeautifulSoup) -> None:
    items = page.select("ul.pc-lijst li")
    assert len(items) == 19
    assert text(items[0]).strip() == "Begroting 2024 Spaarne Werkt"
    assert "De IASZ heeft in 2023 de volgende 19 bestuurlijke producties geleverd" in text(page)
    assert ("levert de IASZ in 2024 de jaarrekening 2023, een financiële opzet voor de "
            "voorjaarsnota/zomernota 2024, de kadernota 2025-2028, de begroting 2025 en de "
            "najaarsnota 2024.") in text(page)


def test_chart_file_with_text_alternative_and_data_table(built: Built, page: BeautifulSoup
                                                         ) -> None:
    img = page.select_one("figure.pc-grafiek img")
    assert img is not None
    assert "niet behaald" in str(img["alt"]) and "7 indicatoren" in str(img["alt"])
    svg = built.site / "iasz/2024/jaarplan" / str(img["src"])
    assert svg.read_bytes().startswith(b"<?xml")
    # the figures as a table to unfold, right after the figure (HTML allows no <details>
    # inside a <figure>)
    assert len(page.select("figure.pc-grafiek + details.pc-grafiekdata table tbody tr")) == 7


def test_every_figure_points_at_an_existing_line(built: Built, page: BeautifulSoup) -> None:
    spans = page.select("[data-source]")
    assert len(spans) > 80
    for span in spans:
        for ref in str(span["data-source"]).split():
            path, _, line = ref.partition(":")
            lines = (built.root / path).read_text(encoding="utf-8").splitlines()
            assert line and 1 <= int(line) <= len(lines), ref


def test_no_error_markers_anywhere(built: Built) -> None:
    for html_file in built.site.rglob("*.html"):
        assert "pc-fout" not in html_file.read_text(encoding="utf-8"), html_file


def test_manifest_follows_the_fixed_interface(built: Built) -> None:
    manifest = json.loads((built.site / "manifest.json").read_text(encoding="utf-8"))
    live = [e for e in manifest["documents"] if not e["archived"]]
    documents = [e for e in live if e["edition"] is None]
    assert [(e["org"], e["year"], e["doc"]) for e in documents] == [
        ("deventer", 2021, "uitvoeringsplan"), ("iasz", 2024, "jaarplan"),
        ("iasz", 2025, "jaarplan"), ("isd-bol", 2023, "jaarverslag"),
        ("isd-bol", 2023, "meerjarenbeleidsplan"), ("isd-bol", 2025, "begroting"),
        ("pijnacker-nootdorp", 2022, "voortgangsrapportage"), ("szmh", 2019, "jaarplan")]
    assert len(live) == 8 + 2 + 2 + 2 + 2 + 2 + 6  # and the per-gemeente editions
    entry = documents[1]
    for key in ("org", "year", "doc", "edition", "title", "status", "version", "html", "pdf",
                "pdf_sha256", "sources"):
        assert key in entry, key
    assert (entry["org"], entry["year"], entry["doc"], entry["edition"]) == (
        "iasz", 2024, "jaarplan", None)
    assert (entry["title"], entry["status"], entry["version"]) == (
        "Jaarplan 2024", "vastgesteld", "1.0")
    assert entry["html"] == DOC and (built.site / entry["html"]).is_file()
    assert entry["sources"] == [
        "data/iasz/2024/formatie.yaml", "data/iasz/2024/indicatoren.yaml",
        "data/iasz/2024/kerncijfers.yaml", "data/iasz/2024/lijsten.yaml",
        "data/iasz/2024/verzuim.yaml", "data/iasz/organisatie.yaml"]
    assert all((built.root / s).is_file() for s in entry["sources"])


def test_published_versions_are_in_the_manifest_unchanged(built: Built) -> None:
    manifest = json.loads((built.site / "manifest.json").read_text(encoding="utf-8"))
    frozen = [e for e in manifest["documents"] if e["archived"]]
    assert [(e["org"], e["version"], e["edition"]) for e in frozen] == [
        ("iasz", "1.0", None), ("iasz", "1.0", "bloemendaal"), ("iasz", "1.0", "heemstede"),
        ("isd-bol", "0.4", None), ("isd-bol", "0.4", "brunssum"),
        ("isd-bol", "0.4", "landgraaf")]
    for entry in frozen:
        assert entry["html"].startswith(f"{entry['org']}/{entry['year']}/{entry['doc']}/versie/")
        pdf = (built.site / entry["pdf"]).read_bytes()
        assert hashlib.sha256(pdf).hexdigest() == entry["pdf_sha256"]
        assert len(entry["commit"]) == 40 and (built.site / entry["html"]).is_file()


def test_portal_is_generated_from_the_repository(built: Built) -> None:
    portal = built.page("index.html")
    card = portal.select_one("#org-iasz")
    assert card is not None
    assert "Voor de gemeenten Bloemendaal en Heemstede" in text(card)
    link = card.select_one('a[href="iasz/2024/jaarplan/"]')
    assert link is not None and text(link).strip() == "Jaarplan 2024"
    assert "5 organisaties, 8 documenten." in text(portal)
    org_page = built.page("iasz/index.html")
    assert org_page.select_one('a[href="2024/jaarplan/"]') is not None


def test_site_chrome_is_dutch(page: BeautifulSoup) -> None:
    html = page.select_one("html")
    assert html is not None and html["lang"] == "nl"
    assert page.select_one('input[placeholder="Zoeken"]') is not None


def test_every_internal_anchor_link_has_a_target(built: Built) -> None:
    """Footnote back-links and table links to explanations land on an element."""
    for path in ("iasz/2024/jaarplan/index.html", "handleiding/index.html"):
        page = built.page(path)
        ids = {str(tag["id"]) for tag in page.select("[id]")}
        targets = {str(a["href"])[1:] for a in page.select('a[href^="#"]') if a["href"] != "#"}
        assert targets - ids == set(), path
