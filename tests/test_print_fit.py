"""Print: every column of a wide table reaches the paper, what cannot is reported, titles
stay with their tables, the concept watermark is no text, footnotes stand at the foot of
the page that cites them and apart from the figure they follow, the title names the
organisation (small synthetic pages through `pdf.render`)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from pcdocs.output import pdf, printfit
from pcdocs.output.printing import PrintMeta, compose

from .conftest import Built

META = PrintMeta(title="Jaarplan 2024", organisation="Gemeente Proef", short_name="Proef",
                 gemeenten="", colour="#004488", text_colour="#ffffff", doc_type="Jaarplan",
                 period="2024", version="1.0", status="vastgesteld", concept=False,
                 date="1 januari 2024", created="2024-01-01T00:00:00+00:00")
FILLER = "".join(f"<p>Alinea {i}: " + "tekst die een regel vult en nog wat meer " * 5 + "</p>"
                 for i in range(14))


def render(tmp_path: Path, content: str, meta: PrintMeta = META) -> pdf.PdfResult:
    folder = tmp_path / "site/org/2024/doc"
    folder.mkdir(parents=True, exist_ok=True)
    return pdf.render(pdf.PdfJob(name="org/2024/doc", content=content, meta=meta,
                                 base_dir=str(folder), target=str(folder / "doc.pdf"),
                                 created=meta.created, source="docs/org/2024/doc.md"))


def chars_outside(path: str) -> list[str]:
    with pdfplumber.open(path) as document:
        return [c["text"] for p in document.pages for c in p.chars
                if c["x0"] < -0.01 or c["x1"] > p.width + 0.01]


def text_of(path: str) -> list[str]:
    with pdfplumber.open(path) as document:
        return [p.extract_text() or "" for p in document.pages]


def table(columns: int, rows: int = 4, caption: str = "Bedragen per regeling") -> str:
    head = "".join(f'<th scope="col" class="pc-num">Regeling{c}</th>' for c in range(1, columns))
    body = "".join(
        f'<tr><th scope="row">Onderdeel {r}</th>'
        + "".join(f'<td class="pc-num">€ {r}{c:02d}.456.789</td>' for c in range(1, columns))
        + "</tr>" for r in range(1, rows + 1))
    return (f'<div class="pc-tabel"><p class="pc-tabeltitel" aria-hidden="true">{caption}</p>'
            f'<div class="pc-scroll"><table class="pc-t"><caption class="pc-sr">{caption}'
            f'</caption><thead><tr><th scope="col">Onderdeel</th>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div></div>")


# -- wide tables --------------------------------------------------------------------------

def test_a_14_column_table_gets_every_column_on_paper(tmp_path: Path) -> None:
    result = render(tmp_path, "<h2 id='a'>Financiën</h2>" + table(14))
    assert chars_outside(result.target) == []
    words = " ".join(text_of(result.target)).split()
    for column in range(1, 14):
        assert f"Regeling{column}" in words
        assert f"{4}{column:02d}.456.789" in words  # the last row, every column
    assert result.fitted and result.layouts == 2 and result.cut_off == ()


def test_a_table_wider_than_landscape_is_split_repeating_its_first_column(
        tmp_path: Path) -> None:
    result = render(tmp_path, table(30, rows=2))
    assert chars_outside(result.target) == []
    text = " ".join(text_of(result.target))
    assert "(vervolg: kolommen Regeling" in text
    words = text.split()
    assert all(f"Regeling{c}" in words for c in range(1, 30))
    assert all(f"2{c:02d}.456.789" in words for c in range(1, 30))
    assert words.count("Onderdeel") >= 2  # the label column's header in every part
    assert re.search(r"^\d+:abc", result.fitted[0])


def test_a_table_that_fits_stays_as_it_is(tmp_path: Path) -> None:
    result = render(tmp_path, table(3))
    assert result.layouts == 1 and result.fitted == () and result.cut_off == ()
    with pdfplumber.open(result.target) as document:
        sizes = {round(c["size"], 1) for c in document.pages[1].chars if c["text"] == "€"}
    assert sizes == {8.5}
    assert "pc-druk" not in compose(table(3), META).replace("data-pc-druk", "")


def test_the_ladder_chooses_from_the_measured_width() -> None:
    def measure(columns: list[float], available: float = printfit.PORTRAIT_WIDTH
                ) -> printfit.Measure:
        return printfit.Measure("0", 2, sum(columns), available, tuple(columns), 8.5,
                                12.0, False, True)

    slightly = [80.0] * 8 + [20.0]  # 660 px: fits at 7.5 pt
    assert printfit.plan({"0": measure(slightly)}, {})["0"] == printfit.Fit(small=True)
    wide = [100.0] * 9  # 900 px: a landscape page holds it as it is
    assert printfit.plan({"0": measure(wide)}, {})["0"] == printfit.Fit(landscape=True)
    huge = [100.0] * 20
    fit = printfit.plan({"0": measure(huge)}, {})["0"]
    assert fit.small and fit.landscape and len(fit.groups) == 2  # 11 + 10 columns of 85 px
    assert all(group[0] == 0 for group in fit.groups)
    assert sorted(c for g in fit.groups for c in g[1:]) == list(range(1, 20))
    assert printfit.plan({"0": replace(measure(huge), overflow=False)}, {}) == {}


def test_what_the_ladder_cannot_fix_is_reported(tmp_path: Path) -> None:
    content = ('<p>Tekst.</p><div class="pc-breed-blok" style="width: 300mm">'
               "Een blok met een vaste breedte van dertig centimeter</div>")
    result = render(tmp_path, content)
    assert result.cut_off and result.cut_off[0].startswith("pagina 2: div.pc-breed-blok")
    findings = pdf.findings([result])
    assert [f.code for f in findings] == ["pdf-afgesneden"]
    assert findings[0].severity == "error" and findings[0].file == "docs/org/2024/doc.md"
    assert "pagina 2" in findings[0].message


# -- titles and headings --------------------------------------------------------------------

@pytest.mark.parametrize(("paragraphs", "short"), [(11, 2), (12, 0), (12, 1)])
def test_a_table_title_never_ends_a_page(tmp_path: Path, paragraphs: int, short: int) -> None:
    # (these fillers left the heading and the title at the foot of page 3 before)
    filler = "".join(f"<p>Alinea {i}: " + "tekst die een regel vult en nog wat meer " * 5
                     + "</p>" for i in range(paragraphs)) + "<p>Kort.</p>" * short
    content = filler + "<h3 id='b'>Uitgaven</h3>" + table(4, rows=12, caption="Tabeltitel")
    result = render(tmp_path, content)
    pages = text_of(result.target)
    where = [n for n, t in enumerate(pages) if "Tabeltitel" in t]
    assert len(where) == 1
    assert "Onderdeel 1 " in pages[where[0]] and "Uitgaven" in pages[where[0]]


def test_the_title_names_the_organisation_and_edition() -> None:
    assert "<title>Jaarplan 2024 – Gemeente Proef</title>" in compose("<p>x</p>", META)
    edition = replace(META, edition="Heemstede")
    assert "<title>Jaarplan 2024 – Gemeente Proef – editie Heemstede</title>" in compose(
        "<p>x</p>", edition)
    named = replace(META, title="Jaarplan Proef 2024")
    assert "<title>Jaarplan Proef 2024</title>" in compose("<p>x</p>", named)


# -- concept, footnotes ---------------------------------------------------------------------

def test_the_concept_watermark_is_no_text(tmp_path: Path) -> None:
    concept = replace(META, concept=True, status="concept")
    result = render(tmp_path, FILLER * 2, concept)  # no headings: no inhoudsopgave
    with pdfplumber.open(result.target) as document:
        assert len(document.pages) >= 3
        for page in document.pages[1:]:
            assert not [c for c in page.chars if c["size"] > 20]
            assert "tekst die een regel vult" in (page.extract_text() or "")  # no letters
            drawn = [c for c in page.curves if c["non_stroking_color"] == WATERMARK]
            assert len(drawn) >= 7  # C O N C E P T as outlines
        assert not [c for c in document.pages[0].curves if c["non_stroking_color"] == WATERMARK]
    assert "concept-watermerk" not in compose("<p>x</p>", META)  # only a concept has it
    assert "data:image/svg+xml" in compose("<p>x</p>", concept)


WATERMARK = (0.968627, 0.913725, 0.866667)  # #f7e9dd
NOTES = ('<div class="footnote"><hr><ol>'
         '<li id="fn:a"><p>De eerste toelichting.&#160;<a class="footnote-backref" '
         'href="#fnref:a">&#8617;</a></p></li>'
         '<li id="fn:b"><p>De tweede toelichting.&#160;<a class="footnote-backref" '
         'href="#fnref:b">&#8617;</a></p></li></ol></div>')


def test_a_footnote_call_stays_apart_from_its_figure(tmp_path: Path) -> None:
    content = ('<p>Het is <span class="pc-cijfer">98%</span><sup id="fnref:a"><a '
               'class="footnote-ref" href="#fn:a">1</a></sup> gehaald.</p>' + NOTES)
    path = render(tmp_path, content).target
    words = " ".join(text_of(path)).split()
    assert "98%" in words and not any(re.fullmatch(r"98%\d", w) for w in words)
    with pdfplumber.open(path) as document:  # as pdftotext and a copy read it: in order
        layer = "".join(c["text"] for p in document.pages for c in p.chars)
    assert re.search(r"98%\s1", layer) and "98%1" not in layer


def test_footnotes_stand_on_the_page_that_cites_them(tmp_path: Path) -> None:
    content = (FILLER + '<p>Eerste: 12<sup id="fnref:b"><a class="footnote-ref" '
               'href="#fn:b">2</a></sup> en nog eens 12<sup id="fnref2:b"><a '
               'class="footnote-ref" href="#fn:b">2</a></sup>.</p>' + FILLER
               + '<p>Later: 7<sup id="fnref:a"><a class="footnote-ref" href="#fn:a">1</a>'
               "</sup>.</p>" + NOTES)
    pages = text_of(render(tmp_path, content).target)
    cites_b = next(n for n, t in enumerate(pages) if "Eerste:" in t)
    cites_a = next(n for n, t in enumerate(pages) if "Later:" in t)
    assert cites_a > cites_b
    assert "2. De tweede toelichting." in pages[cites_b]
    assert "1. De eerste toelichting." in pages[cites_a]
    assert "Eerste: 12 2 en nog eens 12 2." in pages[cites_b]  # the number as on the site
    everything = "\n".join(pages)
    assert everything.count("De tweede toelichting") == 1 and "Noten" not in everything


def test_the_szmh_inhuur_total_is_on_the_paper(built: Built) -> None:
    path = built.site / "szmh/2019/jaarplan/szmh-2019-jaarplan.pdf"
    with pdfplumber.open(path) as document:
        for page in document.pages:
            if "4.076.005" in (page.extract_text() or ""):
                inside = page.within_bbox((0, 0, page.width, page.height))
                assert "€ 4.076.005" in (inside.extract_text() or "")
                assert all(c["x1"] <= page.width for c in page.chars)
                break
        else:
            raise AssertionError("€ 4.076.005 staat niet in de PDF")


def test_the_author_guide_names_the_floor_printfit_uses() -> None:
    """The guide tells authors how small table text may get in print; that figure is
    printfit's own constant, so the guide cannot drift from the code."""
    guide = (Path(__file__).resolve().parents[1] / "docs/handleiding/pdf.md").read_text(
        encoding="utf-8")
    shown = f"{printfit.SMALL_PT:g}".replace(".", ",")
    assert f"kleinere letter ({shown} punt)" in guide
