"""The PDFs as a board member, an archivist and an auditor get them (parsed with pypdf and
pdfplumber from the example site built once)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from .conftest import Built, copy_example, run_cli

IASZ = "iasz/2024/jaarplan/iasz-2024-jaarplan.pdf"
PIJNACKER = ("pijnacker-nootdorp/2022/voortgangsrapportage/"
             "pijnacker-nootdorp-2022-voortgangsrapportage.pdf")
ISD_BOL = "isd-bol/2023/meerjarenbeleidsplan/isd-bol-2023-2026-meerjarenbeleidsplan.pdf"
# the seed's concept 0.4, published (frozen in archief/) before the fictitious version 1.0
ISD_BOL_04 = ("isd-bol/2023/meerjarenbeleidsplan/versie/0.4/"
              "isd-bol-2023-2026-meerjarenbeleidsplan.pdf")
IASZ_2025 = "iasz/2025/jaarplan/iasz-2025-jaarplan.pdf"
DEVENTER = "deventer/2021/uitvoeringsplan/deventer-2021-uitvoeringsplan.pdf"
SZMH = "szmh/2019/jaarplan/szmh-2019-jaarplan.pdf"


def pages_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as document:
        return [re.sub(r"[ \t]+", " ", p.extract_text() or "") for p in document.pages]


@pytest.fixture(scope="module")
def texts(built: Built) -> dict[str, list[str]]:
    return {name: pages_text(built.site / name) for name in (IASZ, PIJNACKER, ISD_BOL,
                                                              DEVENTER, SZMH)}


def entries(built: Built) -> list[dict[str, Any]]:
    data: dict[str, Any] = json.loads((built.site / "manifest.json").read_text("utf-8"))
    return list(data["documents"])


def test_every_document_has_its_pdf_with_its_checksum(built: Built) -> None:
    for entry in entries(built):
        assert entry["pdf"], entry["html"]
        pdf = built.site / entry["pdf"]
        assert pdf.read_bytes().startswith(b"%PDF-1.7")
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == entry["pdf_sha256"]
        assert 6 <= entry["pdf_pages"] <= 60
        assert len(PdfReader(str(pdf)).pages) == entry["pdf_pages"]


def test_the_site_page_links_its_pdf(built: Built) -> None:
    page = built.page("isd-bol/2023/meerjarenbeleidsplan/index.html")
    link = page.select_one(".pc-kop__pdf a")
    assert link is not None and link["href"] == "isd-bol-2023-2026-meerjarenbeleidsplan.pdf"
    assert (built.site / "isd-bol/2023/meerjarenbeleidsplan" / str(link["href"])).is_file()


def test_cover_says_what_the_document_is(built: Built, texts: dict[str, list[str]]) -> None:
    cover = texts[DEVENTER][0]
    for expected in ("Gemeente Deventer", "UITVOERINGSPLAN", "Versie", "1.0", "vastgesteld",
                     "College van B&W"):
        assert expected in cover, expected
    cover = pages_text(built.site / ISD_BOL_04)[0]
    assert "Meerjarenbeleidsplan ISD BOL" in cover and "2023–2026" in cover
    assert "0.4" in cover and "concept" in cover and "12 mei 2022" in cover
    cover = texts[ISD_BOL][0]
    assert "1.0" in cover and "vastgesteld" in cover and "fictief voorbeeld" in cover
    assert "Voor de gemeenten Brunssum en Landgraaf" in cover


def test_a_figure_from_each_table_is_in_the_pdf(texts: dict[str, list[str]]) -> None:
    pijnacker = "\n".join(texts[PIJNACKER])
    assert "-35.413 9.570 -25.843" in pijnacker  # taakvelden total, computed
    assert "630 Inkomensregelingen lasten -929 -950 21" in pijnacker  # aansluiting
    bol = "\n".join(texts[ISD_BOL])
    assert "€ 150 € 100" in bol  # eigen risico Brunssum / Landgraaf (€ 90 in concept 0.4)
    iasz = "\n".join(texts[IASZ])
    assert "38,09" in iasz
    assert re.search(r"96% ✗ niet behaald", iasz)
    deventer = "\n".join(texts[DEVENTER])
    assert "2.639" in deventer  # BUIG total from its lines, not the seed's 2.640


def test_inhoudsopgave_page_numbers_are_where_the_headings_are(
        texts: dict[str, list[str]]) -> None:
    for name in (IASZ, PIJNACKER, SZMH):
        pages = texts[name]
        toc = pages[1].split("\n")[1:-1]  # without running header and footer
        assert toc[0] == "Inhoudsopgave"
        joined = re.sub(r"(?<![\d.])\n", " ", "\n".join(toc[1:]))  # entries that wrap
        lines = re.findall(r"^(.+?) ?(?:\. ?)+ ?(\d+)$", joined, re.M)
        assert len(lines) >= 5, joined
        for title, number in lines:
            title = title.strip(" .")
            body = " ".join(pages[int(number) - 1].split("\n")[1:-1])
            assert title in body, f"{name}: '{title}' niet op pagina {number}"
            earlier = " ".join(pages[int(number) - 2].split("\n")[1:-1])
            assert not earlier.rstrip().endswith(title), f"{name}: '{title}' onderaan"


def test_running_header_and_footer_on_a_middle_page(texts: dict[str, list[str]]) -> None:
    pages = texts[IASZ]
    middle = pages[len(pages) // 2].split("\n")
    assert middle[0] == "Intergemeentelijke Afdeling Sociale Zaken (IASZ) Jaarplan 2024"
    assert middle[-1] == f"versie 1.0 · vastgesteld pagina {len(pages) // 2 + 1} van {len(pages)}"
    assert "pagina 1 van" not in pages[0]  # the cover has no header or footer


def watermarks(path: Path) -> list[str]:
    """The large diagonal text on each page."""
    with pdfplumber.open(path) as document:
        return ["".join(c["text"] for c in p.chars if c["size"] > 50) for p in document.pages]


WATERMARK = (0.968627, 0.913725, 0.866667)  # the fill of the drawn CONCEPT (#f7e9dd)


def drawn_watermarks(path: Path) -> list[bool]:
    """Whether each page has the diagonal CONCEPT drawn as outlines (not as text)."""
    with pdfplumber.open(path) as document:
        return [sum(1 for c in p.curves if c["non_stroking_color"] == WATERMARK) >= 7
                for p in document.pages]


def test_a_concept_says_so_on_every_page(built: Built) -> None:
    # the archived concept 0.4 is frozen as it was printed then (the mark still as text)
    marks = watermarks(built.site / ISD_BOL_04)
    assert len(marks) > 6 and set(marks) == {"CONCEPT"}
    # a concept printed now: the cover says it in words, every other page has the mark,
    # drawn, so that no reader, search or copy meets its letters among the words
    drawn = drawn_watermarks(built.site / IASZ_2025)
    assert len(drawn) > 6 and not drawn[0] and all(drawn[1:])
    assert set(watermarks(built.site / IASZ_2025)) == {""}
    for final in (IASZ, ISD_BOL):
        assert set(watermarks(built.site / final)) == {""}
        assert not any(drawn_watermarks(built.site / final))


def test_sources_are_attached_byte_for_byte(built: Built) -> None:
    entry = next(e for e in entries(built) if e["org"] == "pijnacker-nootdorp")
    attached = PdfReader(str(built.site / entry["pdf"])).attachments
    assert sorted(attached) == sorted([entry["source"], *entry["sources"]])
    for name, contents in attached.items():
        assert contents == [(built.root / name).read_bytes()], name


def test_metadata_pdfa_and_structure(built: Built) -> None:
    reader = PdfReader(str(built.site / ISD_BOL_04))  # the seed's concept, frozen as built
    info = reader.metadata
    assert info is not None
    assert info.title == "Meerjarenbeleidsplan ISD BOL 2023–2026"
    assert info.author == ("Intergemeentelijke Sociale Dienst Brunssum, Onderbanken, "
                           "Landgraaf (ISD BOL)")
    assert info.subject is not None and info.subject.startswith("Meerjarenbeleidsplan 2023–2026")
    assert "Brunssum" in str(info.get("/Keywords"))
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part[^0-9]*3", xmp) and re.search(r"pdfaid:conformance[^A-Z]*A", xmp)
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Inleiding" in titles and "4. Speerpunten" in titles


_SHOWN_PAGE = r"\(p\.\s*(\d+)\)"  # what print.css puts after an internal link's text
_FOOTER = re.compile(r"pagina (\d+) van \d+")
_TOC_NUMBER = re.compile(r"(?:\.\s*){3,}(\d+)$")  # the leader and page number of a toc entry


@dataclass(frozen=True)
class LinkPage:
    page: int  # the page the link is on (1-based)
    target: str  # its named destination
    shown: int  # the page number printed with the link
    expected: int  # the page number printed on the page its target is on


def link_page_numbers(path: Path) -> tuple[list[LinkPage], list[LinkPage], list[str]]:
    """Every "(p. N)" after a link's text and every page number at the end of a table of
    contents entry, each with the page number its target's page carries; and the "(p. N)"
    that are not inside any internal link."""
    reader = PdfReader(str(path))
    named = reader.named_destinations
    shown: list[LinkPage] = []
    toc: list[LinkPage] = []
    loose: list[str] = []
    with pdfplumber.open(path) as document:
        printed = []
        for number, page in enumerate(document.pages, 1):
            footer = _FOOTER.findall(page.extract_text() or "")
            printed.append(int(footer[-1]) if footer else number)
        for number, (page, raw) in enumerate(zip(document.pages, reader.pages, strict=True), 1):
            links: list[tuple[tuple[float, float, float, float], int, str]] = []
            for annotation in raw.get("/Annots") or []:
                annotation = annotation.get_object()
                dest = annotation.get("/Dest")
                if annotation.get("/Subtype") != "/Link" or not isinstance(dest, str):
                    continue
                x0, y0, x1, y1 = (float(v) for v in annotation["/Rect"])
                box = (min(x0, x1), page.height - max(y0, y1), max(x0, x1),
                       page.height - min(y0, y1))
                index = reader.get_destination_page_number(named[dest])
                assert index is not None, (path, dest)
                target = printed[index]
                links.append((box, target, dest))
                inside = page.within_bbox((max(box[0] - .5, 0), max(box[1] - 1, 0),
                                           min(box[2] + .5, page.width),
                                           min(box[3] + 1, page.height)))
                entry = _TOC_NUMBER.search(" ".join((inside.extract_text() or "").split()))
                if entry:
                    toc.append(LinkPage(number, dest, int(entry.group(1)), target))
            for match in page.search(_SHOWN_PAGE):
                first = match["chars"][0]
                x, y = (first["x0"] + first["x1"]) / 2, (first["top"] + first["bottom"]) / 2
                owner = [(target, dest) for (x0, top, x1, bottom), target, dest in links
                         if x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1]
                if not owner:
                    loose.append(f"p. {number}: {match['text']}")
                else:
                    target, dest = owner[0]
                    shown.append(LinkPage(number, dest, int(match["groups"][0]), target))
    return shown, toc, loose


def test_internal_links_show_the_page_of_their_target(built: Built) -> None:
    """print.css prints "(p. N)" after an internal link (`target-counter`) and the page number
    in the table of contents: N must be the number printed on the page the link leads to."""
    counted: dict[str, tuple[int, int]] = {}
    for entry in entries(built):
        if entry["archived"] or entry["edition"]:
            continue
        shown, toc, loose = link_page_numbers(built.site / entry["pdf"])
        assert not loose, (entry["pdf"], loose)
        wrong = [link for link in [*shown, *toc] if link.shown != link.expected]
        assert not wrong, (entry["pdf"], wrong)
        counted[entry["pdf"]] = (len(shown), len(toc))
    assert counted[SZMH][0] >= 10  # the risk matrix links to each risk's paragraph
    assert all(toc >= 5 for _, toc in counted.values()), counted


def test_same_sources_same_bytes_sequential_or_parallel(
        built: Built, tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    run = run_cli("-C", str(root), "build", "--processen", "1", "-q")
    assert run.code == 0, run.err
    for entry in entries(built):
        again = (root / "site" / entry["pdf"]).read_bytes()
        assert again == (built.site / entry["pdf"]).read_bytes(), entry["pdf"]


# -- per-gemeente editions ------------------------------------------------------------------

def edition(built: Built, org: str, slug: str, archived: bool = False,
            doc: str | None = None) -> dict[str, Any]:
    """The manifest entry of an edition: of `doc` (soort) if named, else the first."""
    return next(e for e in entries(built) if e["org"] == org and e["edition"] == slug
                and e["archived"] == archived and doc in (None, e["doc"]))


def test_editions_follow_the_rule(built: Built) -> None:
    found: dict[str, list[str]] = {}
    for entry in entries(built):
        if entry["edition"] and not entry["archived"]:
            found.setdefault(entry["org"], []).append(entry["edition"])
    assert found == {
        "iasz": ["bloemendaal", "heemstede", "bloemendaal", "heemstede"],  # 2024 and 2025
        "isd-bol": ["brunssum", "landgraaf"] * 3,  # meerjarenbeleidsplan, jaarverslag, begroting
        "szmh": ["eijsden-margraten", "gulpen-wittem", "maastricht", "meerssen", "vaals",
                 "valkenburg-aan-de-geul"],
    }
    entry = edition(built, "isd-bol", "brunssum", doc="meerjarenbeleidsplan")
    assert entry["title"] == ("Meerjarenbeleidsplan ISD BOL 2023–2026 (fictief voorbeeld) – "
                              "editie Brunssum")
    assert entry["html"] == "isd-bol/2023/meerjarenbeleidsplan/brunssum/index.html"
    assert entry["pdf"].endswith("brunssum/isd-bol-2023-2026-meerjarenbeleidsplan-brunssum.pdf")
    page = built.page(entry["html"])
    assert "Volledig document" in page.select_one(".pc-kop__edities").get_text()  # type: ignore[union-attr]
    whole = built.page("isd-bol/2023/meerjarenbeleidsplan/index.html")
    links = [a["href"] for a in whole.select(".pc-kop__edities a")]
    assert links == ["brunssum/", "landgraaf/"]


def test_an_edition_has_its_own_regelingen_and_not_the_others(built: Built) -> None:
    plan = "meerjarenbeleidsplan"
    brunssum = "\n".join(pages_text(
        built.site / edition(built, "isd-bol", "brunssum", doc=plan)["pdf"]))
    landgraaf = "\n".join(pages_text(
        built.site / edition(built, "isd-bol", "landgraaf", doc=plan)["pdf"]))
    assert "Editie voor de gemeente Brunssum" in brunssum
    assert "€ 150" in brunssum and "€ 100" not in brunssum
    assert "€ 100" in landgraaf and "€ 150" not in landgraaf
    assert "Mantelzorgcompliment" not in brunssum  # a Landgraaf regeling
    assert "Mantelzorgcompliment" in landgraaf


def test_an_edition_counts_only_its_own_indicators(built: Built) -> None:
    heemstede = " ".join(pages_text(built.site / edition(built, "iasz", "heemstede")["pdf"]))
    whole = " ".join(pages_text(built.site / IASZ))
    assert "Van de 12 afgesproken indicatoren" in " ".join(whole.split())
    assert "Van de 11 afgesproken indicatoren" in " ".join(heemstede.split())
    assert "Tijdig de accountantsverklaring geleverd (Bloemendaal)" in whole
    assert "Tijdig de accountantsverklaring geleverd (Bloemendaal)" not in heemstede


def test_a_passage_for_one_gemeente(built: Built) -> None:
    whole = " ".join(" ".join(pages_text(built.site / SZMH)).split())
    maastricht = " ".join(" ".join(pages_text(
        built.site / edition(built, "szmh", "maastricht")["pdf"])).split())
    vaals = " ".join(" ".join(pages_text(
        built.site / edition(built, "szmh", "vaals")["pdf"])).split())
    assert "ALLEEN VOOR DE GEMEENTE MAASTRICHT Pilot '50-gezinnenaanpak'" in whole
    assert "Pilot '50-gezinnenaanpak'" in maastricht and "ALLEEN VOOR" not in maastricht
    assert "50-gezinnenaanpak" not in vaals
