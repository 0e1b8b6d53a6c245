"""The print edition of a document page: cover, inhoudsopgave and the page's own content.

The content is the HTML the site shows (the same Markdown, macros and data); only what a
sheet of paper cannot do is changed: interactive parts go (`SCREEN_ONLY`), internal links
get the page they point to, a table's title becomes its caption (so it stays with the
table), footnotes go to the foot of the page that cites them first (numbered as on the
site), and a table too wide for the paper gets what `printfit` chose for it. The layout
itself is `assets/print.css`.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from markupsafe import Markup

from pcdocs.model import fmt
from pcdocs.output import printfit

# What print deliberately leaves out of the page: CSS selector -> why. (A test uses it to
# know which figures may be missing from a PDF's text.)
SCREEN_ONLY: dict[str, str] = {
    "a.headerlink": "permalink (¶) of a heading: a link to the screen page itself",
    ".pc-download": "CSV download of a table: the data files are attached to the PDF",
    "details.pc-grafiekdata": "a chart's figures as a table to unfold: the chart itself is "
                              "printed, the data files are attached",
    ".pc-concept": "the site's concept banner: the cover and the watermark say it on paper",
    "a.footnote-backref": "the link back from a footnote to its reference",
    ".md-source-file": "MkDocs' page date and authors line",
    ".pc-vergelijking__pdf": "a comparison page's link to its own PDF",
}

ASSETS = Path(__file__).with_name("assets")
_NOTE_BLOCKS = ("p", "div", "ul", "ol", "li", "blockquote")


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
    def full_title(self) -> str:
        """The PDF's title: the document's title, naming the organisation when the title
        does not, and the edition: "Jaarplan 2019 – Sociale Zaken Maastricht-Heuvelland"."""
        text = self.title
        if not any(name and name in text for name in (self.organisation, self.short_name)):
            text = f"{text} – {self.organisation}"
        return f"{text} – editie {self.edition}" if self.edition else text

    @property
    def subject(self) -> str:
        text = f"{self.doc_type} {self.period} van {self.organisation}"
        return f"{text}, editie gemeente {self.edition}" if self.edition else text


def compose(content_html: str, meta: PrintMeta,
            fits: Mapping[str, printfit.Fit] | None = None, breaks: Iterable[str] = ()) -> str:
    """A complete HTML document ready for WeasyPrint. `fits`: what `printfit` chose for the
    tables that were too wide in an earlier layout (by table number); `breaks`: the headings
    and table titles that ended a page there and now start the next one."""
    soup = BeautifulSoup(f"<main>{content_html}</main>", "html.parser")
    main = soup.main
    assert main is not None
    _strip_screen_only(main)
    _mark_internal_links(main)
    _table_titles(main)
    toc = _toc(main)
    _footnotes(main)
    printfit.number(main)
    printfit.apply(main, fits or {}, breaks)
    body = Markup("{}{}<div class=\"pc-inhoud-tekst\">{}</div>").format(
        _cover(meta), toc, Markup(main.decode_contents()))
    head = Markup(
        '<meta charset="utf-8"><title>{}</title><meta name="author" content="{}">'
        '<meta name="description" content="{}"><meta name="keywords" content="{}">'
        '<meta name="generator" content="pcdocs"><meta name="dcterms.created" content="{}">'
        '<meta name="dcterms.modified" content="{}">{}'
    ).format(meta.full_title, meta.organisation, meta.subject, ", ".join(meta.keywords),
             meta.created, meta.created, _watermark(meta))
    return str(Markup('<!DOCTYPE html><html lang="nl"><head>{}</head><body>{}</body></html>')
               .format(head, body))


def _strip_screen_only(main: Tag) -> None:
    for node in main.select(", ".join(SCREEN_ONLY)):
        node.decompose()
    for node in main.select("[loading]"):
        del node["loading"]


def _table_titles(main: Tag) -> None:
    """A table's visible title (`p.pc-tabeltitel`, hidden from screen readers because the
    table's caption says the same) becomes the caption itself: in print the title then
    belongs to the table, never ends a page on its own, and is tagged as the table's
    caption."""
    for title in main.select("div.pc-tabel > p.pc-tabeltitel"):
        block = title.parent
        assert block is not None
        table = block.find("table")
        if table is None or not isinstance(table, Tag):
            continue
        caption = table.find("caption", recursive=False)
        if caption is None or not isinstance(caption, Tag):
            caption = _new(main, "caption", {})
            table.insert(0, caption)
        caption.clear()
        for child in list(title.contents):
            caption.append(child.extract())
        caption["class"] = "pc-tabeltitel"
        title.decompose()


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


def _footnotes(main: Tag) -> None:
    """Footnotes at the foot of the page that cites them first (WeasyPrint's `float:
    footnote`), numbered as on the site (their place in the site's list of notes): the
    first citation becomes the note itself, a later one shows the same number. A citation
    in a table's header or footer (printed again on every page the table spans) is never
    the note's place; a note with no other citation stays at the end, under "Noten".

    A note cited first from a table cell is printed right under that table instead (same
    number): WeasyPrint lays a table's rows out again when it moves them to the next page,
    and a page footnote placed in the first attempt then stays behind on the earlier page,
    away from its call."""
    block = main.select_one("div.footnote")
    if block is None:
        return
    notes: dict[str, tuple[int, Tag]] = {}
    for position, item in enumerate(block.select("ol > li[id]"), 1):
        notes[str(item["id"]).removeprefix("fn:")] = (position, item)
    placed: set[str] = set()
    for link in main.select("a.footnote-ref, a.pc-notelink"):
        if link.find_parent("div", class_="footnote") is not None:
            continue  # a note citing a note: left as it is
        label = str(link.get("href", "")).removeprefix("#fn:")
        if label not in notes:
            continue
        position, item = notes[label]
        repeating = link.find_parent(["thead", "tfoot"]) is not None
        if "pc-notelink" in (link.get("class") or ()):  # a table cell's "toelichting"
            anchor = link  # its text stays (a link to nowhere on paper); the note follows
            link.name = "span"
            link.attrs = {"class": "pc-notelink-tekst",
                          **({"id": str(link["id"])} if link.get("id") else {})}
        else:
            parent = link.parent
            anchor = parent if parent is not None and parent.name == "sup" else link
        table = link.find_parent("table")
        if label in placed or repeating or table is not None:
            mark = _new(main, "sup", {"class": "pc-noot-verwijzing"})
            # the no-break space in the same text as the number: copied text keeps the
            # two apart ("98% 2", not "98%2"), and it cannot end a line
            mark.string = f"\u00a0{position}"
            if table is not None and not repeating and label not in placed:
                placed.add(label)
                _table_note(main, table, item, position)
        else:
            placed.add(label)
            mark = _note(main, item, position)
        if anchor.name == "sup" and anchor.get("id") and not mark.get("id"):
            mark["id"] = str(anchor["id"])
        if anchor.name == "sup":
            anchor.replace_with(mark)
        else:
            anchor.insert_after(mark)
    for label in placed:
        notes[label][1].decompose()
    if block.select_one("ol > li") is None:
        block.decompose()
    else:
        block["class"] = "footnote pc-eindnoten"


def _table_note(main: Tag, table: Tag, item: Tag, position: int) -> None:
    """A note under the table that cites it (after the table's block, with its number)."""
    while (outer := table.find_parent("table")) is not None:
        table = outer
    holder = table.find_parent("div", class_="pc-tabel") or table
    notes = holder.next_sibling
    if not (isinstance(notes, Tag) and "pc-tabelvoetnoten" in (notes.get("class") or ())):
        notes = _new(main, "div", {"class": "pc-tabelvoetnoten"})
        holder.insert_after(notes)
    note = _new(main, "div", {"class": "pc-tabelvoetnoot", "id": str(item.get("id", ""))})
    number = _new(main, "span", {"class": "pc-tabelvoetnoot__nr"})
    number.string = f"{position}."
    for child in list(item.contents):
        note.append(child.extract())
    first = note.find("p")
    (first if isinstance(first, Tag) else note).insert(0, number)
    notes.append(note)


def _note(main: Tag, item: Tag, position: int) -> Tag:
    """A note as a page footnote: an inline element (it stands where it is cited, inside a
    paragraph) whose blocks are spans shown as blocks."""
    note = _new(main, "span", {"class": "pc-voetnoot", "data-pc-noot": str(position)})
    for child in list(item.contents):
        note.append(child.extract())
    for inner in note.find_all(_NOTE_BLOCKS):
        inner["class"] = " ".join([*(str(c) for c in inner.get_attribute_list("class") if c),
                                   f"pc-voetnoot__{inner.name}"])
        inner.name = "span"
    for end in (0, -1):  # the whitespace around the note's paragraphs
        while note.contents and isinstance(note.contents[end], NavigableString) \
                and not str(note.contents[end]).strip():
            note.contents[end].extract()
    first = note.contents[0] if note.contents else None
    if isinstance(first, Tag) and "pc-voetnoot__p" in (first.get("class") or ()):
        first.unwrap()  # the first paragraph runs on after the number
    return note


def _new(main: Tag, name: str, attrs: dict[str, str]) -> Tag:
    node: Tag | None = main
    while node is not None and node.parent is not None:
        node = node.parent
    assert isinstance(node, BeautifulSoup)
    return node.new_tag(name, attrs=attrs)


@cache
def _watermark_url() -> str:
    data = (ASSETS / "concept-watermerk.svg").read_bytes()
    return "data:image/svg+xml;base64," + base64.b64encode(data).decode()


def _watermark(meta: PrintMeta) -> Markup:
    """A concept's diagonal CONCEPT: drawn outlines as the background of every page but the
    cover (decoration, never text: no reader or search meets its letters)."""
    if not meta.concept:
        return Markup("")
    return Markup("<style>@page {{ background: url({}) no-repeat center / 165mm auto }}"
                  "@page omslag {{ background: none }}</style>").format(_watermark_url())


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
