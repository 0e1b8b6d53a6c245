"""The print edition of a document page: cover, inhoudsopgave and the page's own content.

The content is the HTML the site shows (the same Markdown, macros and data); only what a
sheet of paper cannot do is changed: interactive parts go (CSV downloads, chart data
tables, permalinks), internal links get the page they point to, footnotes become endnotes.
The layout itself is `assets/print.css`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from pcdocs import fmt


@dataclass(frozen=True)
class PrintMeta:
    """What the cover, the running header and the PDF metadata say (picklable)."""

    title: str
    organisation: str  # display name
    short_name: str
    gemeenten: str  # "Bloemendaal en Heemstede"
    colour: str
    text_colour: str
    doc_type: str  # "Jaarplan"
    period: str  # "2024", "2023–2026"
    version: str
    status: str  # "vastgesteld" / "concept"
    concept: bool
    date: str  # "16 januari 2024"
    created: str  # W3C date-time of the sources, e.g. "2026-11-23T10:00:00+00:00"
    subtitle: str | None = None
    decision: str | None = None
    edition: str | None = None  # gemeente name of a per-gemeente edition
    keywords: tuple[str, ...] = ()
    sources: tuple[str, ...] = field(default=())  # attached data files (repo-relative)
    commit: str | None = None  # the last commit that changed one of the sources
    uncommitted: bool = False  # the sources have changes that are not committed yet
    colophon: str | None = None  # the cover's closing note, when not the data-file one

    @property
    def running_title(self) -> str:
        text = f"{self.doc_type} {self.period}"
        return f"{text} · editie {self.edition}" if self.edition else text

    @property
    def subject(self) -> str:
        text = f"{self.doc_type} {self.period} van {self.organisation}"
        return f"{text}, editie gemeente {self.edition}" if self.edition else text


def compose(content_html: str, meta: PrintMeta) -> str:
    """A complete HTML document ready for WeasyPrint."""
    soup = BeautifulSoup(f"<main>{content_html}</main>", "html.parser")
    main = soup.main
    assert main is not None
    _strip_screen_only(main)
    _mark_internal_links(main)
    toc = _toc(main)
    body = Markup("{}{}{}<div class=\"pc-inhoud-tekst\">{}</div>").format(
        _watermark(meta), _cover(meta), toc, Markup(main.decode_contents()))
    head = Markup(
        '<meta charset="utf-8"><title>{}</title><meta name="author" content="{}">'
        '<meta name="description" content="{}"><meta name="keywords" content="{}">'
        '<meta name="generator" content="pcdocs"><meta name="dcterms.created" content="{}">'
        '<meta name="dcterms.modified" content="{}">'
    ).format(_title(meta), meta.organisation, meta.subject, ", ".join(meta.keywords),
             meta.created, meta.created)
    return str(Markup('<!DOCTYPE html><html lang="nl"><head>{}</head><body>{}</body></html>')
               .format(head, body))


def _title(meta: PrintMeta) -> str:
    return f"{meta.title} – editie {meta.edition}" if meta.edition else meta.title


def _strip_screen_only(main: Tag) -> None:
    for node in main.select("a.headerlink, .pc-download, details.pc-grafiekdata, "
                            ".pc-concept, a.footnote-backref, .md-source-file, "
                            ".pc-vergelijking__pdf"):
        node.decompose()
    for node in main.select("[loading]"):
        del node["loading"]


def _mark_internal_links(main: Tag) -> None:
    """A link to a place in this document shows the page it is on; a link to another page
    of the site keeps its text only (on paper it leads nowhere)."""
    ids = {str(n["id"]) for n in main.select("[id]")}
    for link in main.select("a[href]"):
        href = str(link["href"])
        classes = [str(c) for c in link.get_attribute_list("class") if c]
        if href.startswith("#"):
            if href[1:] in ids and "footnote-ref" not in classes and "pc-notelink" not in classes:
                link["class"] = " ".join([*classes, "pc-intern"])
        elif not re.match(r"^(https?:|mailto:)", href):
            link.unwrap()


def _toc(main: Tag) -> Markup:
    items = []
    for heading in main.find_all(["h2", "h3"]):
        if not heading.get("id"):
            continue
        level = heading.name[1]
        items.append(Markup('<li class="pc-toc--{}"><a href="#{}">{}</a></li>').format(
            level, heading["id"], heading.get_text(" ", strip=True)))
    if not items:
        return Markup("")
    return Markup('<nav class="pc-toc"><h2 id="inhoudsopgave">Inhoudsopgave</h2><ol>{}</ol>'
                  "</nav>").format(Markup("").join(items))


def _watermark(meta: PrintMeta) -> Markup:
    if not meta.concept:
        return Markup("")
    return Markup('<div class="pc-watermerk" aria-hidden="true">CONCEPT</div>')


def _cover(meta: PrintMeta) -> Markup:
    rows = [("Versie", meta.version), ("Status", meta.status), ("Datum", meta.date)]
    if meta.decision:
        rows.append(("Besluit", meta.decision))
    if meta.edition:
        rows.append(("Editie", f"gemeente {meta.edition}"))
    facts = Markup("").join(Markup("<div><dt>{}</dt><dd>{}</dd></div>").format(k, v)
                            for k, v in rows)
    concept = Markup("")
    if meta.concept:
        concept = Markup('<p class="pc-omslag__concept"><strong>Concept</strong> – versie {} '
                         "van {}. Dit document is nog niet vastgesteld; de inhoud kan nog "
                         "veranderen.</p>").format(meta.version, meta.date)
    edition = Markup("")
    if meta.edition:
        edition = Markup('<p class="pc-omslag__editie">Editie voor de gemeente {}</p>').format(
            meta.edition)
    subtitle = (Markup('<p class="pc-omslag__sub">{}</p>').format(meta.subtitle)
                if meta.subtitle else Markup(""))
    gemeenten = (Markup('<p class="pc-omslag__gemeenten">Voor de gemeenten {}</p>').format(
        meta.gemeenten) if meta.gemeenten else Markup(""))
    commit = f" (versie {meta.commit[:12]})" if meta.commit else ""
    if meta.uncommitted:
        commit = (f" (versie {meta.commit[:12]}, met wijzigingen die nog niet zijn vastgelegd)"
                  if meta.commit else " (met wijzigingen die nog niet zijn vastgelegd)")
    colophon = meta.colophon or (
        f"Elk cijfer in dit document komt uit de gegevensbestanden van {meta.short_name}"
        f"{commit}. Die bronbestanden "
        f"({fmt.count(len(meta.sources), 'bestand', 'bestanden')}) zijn als bijlage in dit "
        "PDF-bestand opgenomen, zodat elk cijfer na te rekenen is.")
    return Markup(
        '<section class="pc-omslag">'
        '<div class="pc-omslag__band" style="background:{};color:{}">'
        '<p class="pc-omslag__org">{}</p>{}</div>'
        '<p class="pc-omslag__soort">{}</p><h1>{}</h1>{}{}'
        '<p class="pc-omslag__kop">{}</p><p class="pc-omslag__voet">{}</p>'
        "<dl>{}</dl>{}"
        '<div class="pc-omslag__colofon"><p>{}</p></div></section>'
    ).format(meta.colour, meta.text_colour, meta.organisation, gemeenten, meta.doc_type,
             meta.title, edition, subtitle, meta.running_title,
             f"versie {meta.version} · {meta.status}", facts, concept, colophon)
