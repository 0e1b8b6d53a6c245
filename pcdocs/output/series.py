"""A series: the same document of one organisation over the years and its versions.

The IASZ jaarplan of 2024 and 2025 form the series `iasz/jaarplan`: a series is one kind of
document of one organisation (kinds.py), so two kinds never share a series, an overview or a
comparison, whatever their titles say. Each year has the live
document (built from `docs/`) and the versions frozen in `archief/`. The site gives each
series an overview page (`<org>/<doc>/`), a stable address for the latest adopted version
(`<org>/<doc>/laatst-vastgesteld/`), a comparison page for every two consecutive versions,
and every document page a selector for the other years and versions.
"""

from __future__ import annotations

import itertools
import json
import posixpath
from dataclasses import dataclass, field

from markupsafe import Markup

from pcdocs.model import fmt
from pcdocs.model.kinds import DocumentKind
from pcdocs.model.repository import Document, Repository
from pcdocs.output import archive
from pcdocs.render import html

LATEST = "laatst-vastgesteld"


@dataclass(frozen=True)
class Entry:
    org: str
    doc: str
    year: int
    version: str
    status: str
    title: str
    archived: bool
    url: str  # the page's folder relative to the site root, ending in "/"
    published: archive.Published | None = field(default=None, compare=False, repr=False)
    # the kind as its organisation names it (None: a frozen version of a kind it no longer has)
    kind: DocumentKind | None = field(default=None, compare=False, repr=False)

    @property
    def name(self) -> str:
        return f"{self.org}/{self.year}/{self.doc}"

    @property
    def ref(self) -> str:
        """How `pcdocs compare` names it."""
        return f"{self.name}@{self.version}" if self.archived else self.name

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.version}"

    @property
    def label(self) -> str:
        frozen = ", gepubliceerd" if self.archived else ""
        return f"{self.year} · versie {self.version} ({self.status}{frozen})"

    def key(self) -> tuple[int, tuple[int, ...], bool]:
        return self.year, archive.version_key(self.version), not self.archived


def _live(document: Document) -> Entry:
    ref, meta = document.ref, document.meta
    return Entry(ref.org, ref.doc, ref.year, meta.version, meta.status.value, meta.title, False,
                 f"{ref.org}/{ref.year}/{ref.doc}/", kind=meta.kind)


def _frozen(published: archive.Published, kind: DocumentKind | None) -> Entry:
    return Entry(published.org, published.doc, published.year, published.version,
                 published.status, published.title, True, published.site_path + "/",
                 published, kind)


def all_series(repo: Repository) -> dict[tuple[str, str], list[Entry]]:
    """Every series with its entries, oldest first (a frozen copy before the live one): one
    per organisation and kind (the kind is the document's file name)."""
    found: dict[tuple[str, str], list[Entry]] = {}
    for document in repo.documents.values():
        found.setdefault((document.ref.org, document.ref.doc), []).append(_live(document))
    for published in archive.versions(repo.root):
        org = repo.organisations.get(published.org)
        if org is not None:
            found.setdefault((published.org, published.doc), []).append(
                _frozen(published, org.kind(published.doc)))
    return {k: sorted(v, key=Entry.key) for k, v in sorted(found.items())}


def chain(entries: list[Entry]) -> list[Entry]:
    """One entry per year and version: a frozen copy stands for a live one of the same
    version (it is what was adopted)."""
    seen: set[tuple[int, str]] = set()
    result = []
    for entry in entries:
        if (entry.year, entry.version) not in seen:
            seen.add((entry.year, entry.version))
            result.append(entry)
    return result


def comparisons(entries: list[Entry]) -> list[tuple[Entry, Entry]]:
    """Each two consecutive versions of a series, oldest first."""
    links = chain(entries)
    return list(itertools.pairwise(links))


def latest_adopted(entries: list[Entry]) -> Entry | None:
    adopted = [e for e in chain(entries) if e.status == "vastgesteld"]
    return adopted[-1] if adopted else None


def series_url(org: str, doc: str) -> str:
    return f"{org}/{doc}/"


def comparison_src(old: Entry, new: Entry) -> str:
    return f"{old.org}/{old.doc}/vergelijking/{old.slug}_{new.slug}.md"


def comparison_url(old: Entry, new: Entry) -> str:
    return comparison_src(old, new)[:-3] + "/"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page folder to another, both relative to the site root."""
    rel = posixpath.relpath(to_url or ".", from_url or ".")
    return "./" if rel == "." else rel + "/"


def selector(entries: list[Entry], here: Entry, here_url: str) -> Markup:
    """The list of the other years and versions, for a document's header."""
    items = []
    for entry in reversed(entries):
        current = entry == here
        link = Markup('<a href="{}"{}>{}</a>').format(
            relative(here_url, entry.url), Markup(' aria-current="page"') if current else "",
            entry.label)
        items.append(Markup("<li>{}</li>").format(link))
    latest = latest_adopted(entries)
    overview = relative(here_url, series_url(here.org, here.doc))
    extra = Markup('<li class="pc-versies__reeks"><a href="{}">Overzicht en vergelijkingen'
                   "</a></li>").format(overview)
    if latest is not None:
        extra += Markup('<li class="pc-versies__reeks"><a href="{}">Laatst vastgestelde versie'
                        "</a></li>").format(relative(here_url, series_url(here.org, here.doc)
                                                     + LATEST + "/"))
    return Markup(
        '<details class="pc-versies"><summary>Jaar en versie: {} <span class="pc-versies__aantal">'
        "({} in deze reeks)</span></summary><ul>{}{}</ul></details>"
    ).format(here.label, len(entries), Markup("").join(items), extra)


def comparison_links(entries: list[Entry], here: Entry, here_url: str) -> Markup:
    """Links to the comparisons with the previous and the next version."""
    links = []
    for old, new in comparisons(entries):
        if here in (old, new) or (here.year, here.version) in (
                (old.year, old.version), (new.year, new.version)):
            other = old if (new.year, new.version) == (here.year, here.version) else new
            word = "vorige" if other is old else "volgende"
            links.append(Markup('<a href="{}">met de {} ({})</a>').format(
                relative(here_url, comparison_url(old, new)), word,
                f"{other.year}, versie {other.version}"))
    if not links:
        return Markup("")
    return Markup('<p class="pc-kop__vergelijk">Vergelijken: {}</p>').format(
        Markup(" · ").join(links))


def series_name(entries: list[Entry]) -> str:
    """The series' name on its overview: the plural of its kind ("Jaarplannen"), as the
    newest entry that knows its kind names it."""
    kind = next((e.kind for e in reversed(entries) if e.kind is not None), None)
    return kind.meervoud if kind is not None else entries[0].doc.capitalize()


def overview_markdown(org_name: str, entries: list[Entry]) -> str:
    """The series page: every year and version, the latest adopted, the comparisons."""
    first = entries[0]
    here = series_url(first.org, first.doc)
    kind = series_name(entries)
    rows = [html.Row([Markup('<a href="{}">{}</a>').format(relative(here, e.url), e.title),
                      html.text(str(e.year)), html.text(e.version), html.text(e.status),
                      html.text("bevroren (gepubliceerd)" if e.archived else "actueel")])
            for e in reversed(entries)]
    table = html.table(f"Jaren en versies: {kind} van {org_name}",
                       [html.Column("Document"), html.Column("Jaar"), html.Column("Versie"),
                        html.Column("Status"), html.Column("Vorm")], rows)
    latest = latest_adopted(entries)
    lead = Markup("<p>Nog geen vastgestelde versie.</p>") if latest is None else Markup(
        '<p>Laatst vastgesteld: <a href="{}">{}</a>. Vast adres: <a href="{}">{}</a> (verwijst '
        "altijd naar de laatst vastgestelde versie).</p>").format(
        relative(here, latest.url), f"{latest.title}, versie {latest.version}",
        f"{LATEST}/", f"{here}{LATEST}/")
    pairs = comparisons(entries)
    items = Markup("").join(Markup('<li><a href="{}">{} → {}</a></li>').format(
        relative(here, comparison_url(o, n)), o.label, n.label) for o, n in pairs)
    compare = Markup("<ul>{}</ul>").format(items) if pairs else Markup(
        "<p>Er is nog maar één versie.</p>")
    title = f"{kind} {org_name}: alle jaren en versies"
    return (f"---\ntitle: {json.dumps(title)}\nrender_macros: false\n"
            f"---\n\n# {html.markdown_literal(title)}\n\n{lead}\n\n{table}\n\n"
            f"## Vergelijkingen\n\n{compare}\n\n"
            f"<p>{fmt.count(len(entries), 'versie', 'versies')} in deze reeks.</p>\n")


def redirect_html(target: str, label: str) -> str:
    """A small page that sends the browser on to `target` (a relative URL)."""
    from markupsafe import escape

    url, text = escape(target), escape(label)
    return ("<!doctype html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
            f"<title>{text}</title><meta http-equiv=\"refresh\" content=\"0; url={url}\">"
            f"<link rel=\"canonical\" href=\"{url}\"></head><body><p>Laatst vastgestelde "
            f"versie: <a href=\"{url}\">{text}</a>.</p></body></html>\n")
