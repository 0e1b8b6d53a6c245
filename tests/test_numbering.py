"""Numbered tables and figures (`nummering: ja`) and `verwijzing()`: the numbers on the site,
in every edition and in the PDF, and "tabel N (p. M)" with M the page the table is on."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from markupsafe import Markup

from pcdocs.model.repository import Repository
from pcdocs.output import pdf
from pcdocs.output.printing import PrintMeta
from pcdocs.render import html, numbering

from .conftest import ROOT, run_cli
from .test_bad_input import copy_base

FILE = "docs/org/2025/jaarplan.md"


def table(caption: str, name: str) -> str:
    """A table block as `PageContext.table` makes it (with its CSV download)."""
    rows = [html.Row([html.text("Werk"), html.text("12")], raw=["Werk", Decimal(12)])]
    return str(html.table(caption, [html.Column("Team"), html.Column("Fte", numeric=True)],
                          rows, download=f"{name}.csv"))


def chart(caption: str, name: str) -> str:
    """A chart as `PageContext.chart` makes it: the figure, then its figures as a table."""
    return str(html.chart_figure(f"{name}-0a1b2c3d.svg", "Staafdiagram", caption + ".",
                                 "data/org/2025/x.yaml", Markup(table(caption, name)), 400,
                                 300))


def reference(name: str, line: int, capital: bool = False) -> str:
    """What `verwijzing(name)` writes into the page."""
    extra = ' data-pc-hoofdletter="1"' if capital else ""
    return (f'<a class="pc-verwijzing" data-pc-verwijzing="{name}" data-pc-regel="{line}"'
            f"{extra}>{name}</a>")


PAGE = (f"<h2>Formatie</h2><p>Zie {reference('formatie', 12)} en "
        f"{reference('grafiek-formatie', 13, capital=True)}.</p>"
        + table("Formatie per team", "formatie") + chart("Formatie per jaar", "grafiek-formatie")
        + table("Inhuur per reden", "inhuur")
        + '<figure id="organogram"><img src="org.png" alt="Organogram"><figcaption>De '
          "organisatie</figcaption></figure><figure><img src=\"x.png\" alt=\"x\"></figure>")


def test_tables_and_figures_are_numbered_in_document_order_apart() -> None:
    found = numbering.items(PAGE)
    assert [(i.kind, i.number, i.name, i.anchor) for i in found] == [
        ("tabel", 1, "formatie", "tabel-formatie"),
        ("figuur", 1, "grafiek-formatie", "figuur-grafiek-formatie"),
        # (the chart's own table of figures is part of the chart: not numbered)
        ("tabel", 2, "inhuur", "tabel-inhuur"),
        ("figuur", 2, "organogram", "organogram"),  # an author's figure keeps its id
        # (a figure without a caption is not numbered)
    ]


def test_the_number_stands_in_the_title_the_caption_and_the_figcaption() -> None:
    page, problems = numbering.apply(PAGE, FILE)
    assert problems == []
    assert '<div class="pc-tabel " id="tabel-formatie"><p class="pc-tabeltitel" aria-hidden=' \
           '"true"><span class="pc-nummer">Tabel 1:</span> Formatie per team</p>' in page
    assert '<caption class="pc-sr">Tabel 1: Formatie per team</caption>' in page
    assert '<caption class="pc-sr">Tabel 2: Inhuur per reden</caption>' in page
    assert '<figure class="pc-grafiek" id="figuur-grafiek-formatie">' in page
    assert '<figcaption><span class="pc-nummer">Figuur 1:</span> Formatie per jaar.' in page
    assert '<figcaption><span class="pc-nummer">Figuur 2:</span> De organisatie' in page
    assert page.count('class="pc-nummer"') == 4  # the chart's table of figures: none
    assert page.count('id="organogram"') == 1


def test_a_reference_becomes_a_link_with_the_number() -> None:
    page, _ = numbering.apply(PAGE, FILE)
    assert '<p>Zie <a class="pc-verwijzing" href="#tabel-formatie">tabel 1</a> en ' \
           '<a class="pc-verwijzing" href="#figuur-grafiek-formatie">Figuur 1</a>.</p>' in page
    assert "data-pc-verwijzing" not in page


def test_an_unknown_reference_is_a_finding_at_its_line_with_the_closest_name() -> None:
    page, problems = numbering.apply(PAGE + f"<p>{reference('inhuurr', 40)}</p>", FILE)
    assert [(p.code, p.file, p.line, p.severity) for p in problems] == [
        ("onbekende-verwijzing", FILE, 40, "error")]
    assert problems[0].hint == "bedoelde u 'inhuur'?"
    assert '<span class="pc-fout" role="alert">Fout: ' in page  # visible where it stands
    # the same finding once the macros have run (check, and the build's render)
    markdown = "Tekst\n\n" + PAGE + f"\n\nZie {reference('inhuurr', 40)}.\n"
    assert numbering.unknown_references(markdown, FILE) == problems
    # with nothing close, the hint lists the names the page has
    (far,) = numbering.unknown_references(PAGE + reference("begroting", 7), FILE)
    assert far.hint is not None and "formatie, grafiek-formatie, inhuur" in far.hint


def test_an_example_in_code_is_no_table_to_refer_to() -> None:
    markdown = ("Schrijf `<figure id=\"schema\">` met een onderschrift.\n\n"
                f"{reference('schema', 3)}\n")
    assert [f.code for f in numbering.unknown_references(markdown, FILE)] == [
        "onbekende-verwijzing"]


def test_names_and_anchors_stay_unique() -> None:
    page = '<h2 id="tabel-formatie">Formatie</h2>' + table("A", "formatie") + table("B",
                                                                                  "formatie")
    found = numbering.items(page)
    assert [(i.name, i.anchor) for i in found] == [("formatie", "tabel-formatie-2"),
                                                   ("formatie-2", "tabel-formatie-2-2")]


def test_numbering_is_opt_in_and_the_examples_are_not_numbered() -> None:
    repo = Repository.find(ROOT)
    assert repo.documents
    for document in repo.documents.values():
        if document.meta.numbering is None:
            assert not numbering.default_for(document.meta.doc_type), document.file


@pytest.mark.langzaam
def test_the_pdf_says_tabel_n_with_the_page_the_table_is_on(tmp_path: Path) -> None:
    """The print of numbered content: the reference reads "tabel 2 (p. M)" where M is the
    page on which "Tabel 2:" stands (a long text in between pushes the table on)."""
    filler = "".join(f"<p>Alinea {i} met tekst die de tabel naar een volgende pagina duwt, "
                     "zodat het paginanummer er echt toe doet.</p>" for i in range(60))
    content = (f"<h2 id=\"inleiding\">Inleiding</h2><p>De inhuur staat in "
               f"{reference('inhuur', 5)}, de formatie in {reference('formatie', 5)}.</p>"
               + table("Formatie per team", "formatie") + filler
               + table("Inhuur per reden", "inhuur"))
    page, problems = numbering.apply(content, FILE)
    assert problems == []
    meta = PrintMeta(title="Jaarplan 2025", organisation="Organisatie", short_name="ORG",
                     gemeenten="A en B", colour="#1d5e8c", text_colour="#ffffff",
                     doc_type="Jaarplan", period="2025", version="1.0", status="vastgesteld",
                     concept=False, date="1 januari 2025", created="2025-01-01T00:00:00+00:00")
    target = tmp_path / "jaarplan.pdf"
    result = pdf.render(pdf.PdfJob("org/2025/jaarplan", page, meta, str(tmp_path),
                                   str(target), meta.created))
    assert result.refused == () and target.is_file()
    texts = pdf_texts(target)
    table_page = {n: next(i for i, t in enumerate(texts, 1) if f"Tabel {n}:" in t)
                  for n in (1, 2)}
    assert table_page[2] > table_page[1]
    text = " ".join(texts)
    assert f"tabel 1 (p. {table_page[1]})" in text
    assert f"tabel 2 (p. {table_page[2]})" in text


def pdf_texts(path: Path) -> list[str]:
    """Each page's text, whitespace made single spaces."""
    document = pdfium.PdfDocument(str(path))
    try:
        return [re.sub(r"\s+", " ", document[i].get_textpage().get_text_range())
                for i in range(len(document))]
    finally:
        document.close()


def test_a_numbered_document_on_the_site_in_its_editions_and_in_its_pdf(
        tmp_path: Path) -> None:
    """The example IASZ Jaarplan 2024 with `nummering: ja`: the same numbers on the site and
    in each gemeente's edition, and the PDF's reference names the page of the table."""
    root = copy_base(tmp_path)  # (IASZ only: the example's other documents are not needed)
    doc = root / "docs/iasz/2024/jaarplan.md"
    text = doc.read_text(encoding="utf-8")
    text = text.replace("status: vastgesteld\n", "status: vastgesteld\nnummering: ja\n", 1)
    text = text.replace("## Voorwoord\n", "## Voorwoord\n\nDe verantwoording staat in "
                        "{{ verwijzing('verantwoording-2023') }}, het verloop in "
                        "{{ verwijzing('grafiek-realisatie-2023') }}.\n", 1)
    doc.write_text(text, encoding="utf-8")
    run = run_cli("-C", str(root), "build", "--processen", "2")
    assert run.code == 0, run.err
    site = root / "site/iasz/2024/jaarplan"
    pages = [site / "index.html", *sorted(site.glob("*/index.html"))]
    assert len(pages) == 3  # the document and its two editions
    numbers = [re.findall(r'class="pc-nummer">([^<]*)<', p.read_text(encoding="utf-8"))
               for p in pages]
    assert numbers[0] and numbers[0][0] == "Tabel 1:" and numbers[1:] == [numbers[0]] * 2
    home = pages[0].read_text(encoding="utf-8")
    link = re.search(r'<a class="pc-verwijzing" href="#(tabel-verantwoording-2023)">'
                     r"tabel (\d+)</a>", home)
    assert link is not None and f'id="{link[1]}"' in home
    assert '<a class="pc-verwijzing" href="#figuur-grafiek-realisatie-2023">figuur 1</a>' in home
    texts = pdf_texts(site / "iasz-2024-jaarplan.pdf")
    number = link[2]
    on = next(i for i, t in enumerate(texts, 1) if f"Tabel {number}:" in t)
    assert f"tabel {number} (p. {on})" in " ".join(texts)
