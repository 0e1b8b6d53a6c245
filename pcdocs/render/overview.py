"""The overviews a page can show of the repository (the `portaal` and
`organisatie_overzicht` macros: each organisation with its documents), and the links and
badges the document header shares with them."""

from __future__ import annotations

import posixpath

from markupsafe import Markup

from pcdocs.errors import MacroError
from pcdocs.model import fmt
from pcdocs.model.frontmatter import Status
from pcdocs.model.organisation import Organisation
from pcdocs.model.repository import Document
from pcdocs.render import html
from pcdocs.render.page import PageContext


def page_url(src_path: str, directory_urls: bool = True) -> str:
    """The URL of a page relative to the site root, as MkDocs makes it."""
    stem = src_path[:-3] if src_path.endswith(".md") else src_path
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if directory_urls else folder + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def relative_url(from_src: str, to_src: str, directory_urls: bool = True) -> str:
    here = page_url(from_src, directory_urls)
    target = page_url(to_src, directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    rel = posixpath.relpath(target or ".", base or ".")
    if (not target or target.endswith("/")) and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel


def org_style(org: Organisation) -> str:
    return f"--pc-huiskleur: {org.huiskleur}; --pc-huiskleur-tekst: {org.text_colour()}"


def status_badge(doc: Document) -> Markup:
    tone = "behaald" if doc.meta.status is Status.VASTGESTELD else "concept"
    return html.badge(doc.meta.status.label, tone)


def _documents_table(ctx: PageContext, docs: list[Document], caption: str) -> Markup:
    directory_urls = ctx.session.directory_urls
    rows = []
    for doc in sorted(docs, key=lambda d: (-d.ref.year, d.meta.title)):
        link = Markup('<a href="{}">{}</a>').format(
            relative_url(ctx.src_path, doc.ref.src_path, directory_urls), doc.meta.title)
        rows.append(html.Row([link, html.text(doc.meta.period.label),
                              html.text(doc.meta.version), status_badge(doc),
                              html.text(doc.meta.date_text())]))
    columns = [html.Column("Document"), html.Column("Periode"), html.Column("Versie"),
               html.Column("Status"), html.Column("Datum")]
    return html.table(caption, columns, rows, cls="pc-documenten")


def _org_card(ctx: PageContext, org: Organisation, docs: list[Document], link: bool) -> Markup:
    name = html.text(org.korte_naam)
    if link:
        name = Markup('<a href="{}">{}</a>').format(
            relative_url(ctx.src_path, f"{org.slug}/index.md", ctx.session.directory_urls),
            org.korte_naam)
    body = _documents_table(ctx, docs, f"Documenten van {org.korte_naam}") if docs else Markup(
        "<p>Nog geen documenten.</p>")
    serves = Markup("") if org.is_gemeente else Markup(
        '<p class="pc-org__gemeenten">Voor de gemeente{} {}</p>').format(
        "n" if len(org.gemeenten) > 1 else "", org.gemeenten_text())
    return Markup(
        '<section class="pc-org" id="org-{}" style="{}"><div class="pc-org__kop">'
        '{}<p class="pc-org__omschrijving">{}</p>{}</div>{}'
        "</section>").format(org.slug, org_style(org), html.heading(1, name, "pc-org__naam"),
                             org.naam, serves, body)


def macro_portaal(ctx: PageContext) -> Markup:
    repo = ctx.session.repo
    cards = [_org_card(ctx, org, repo.documents_of(slug), link=True)
             for slug, org in repo.organisations.items()]
    total = len(repo.documents)
    intro = Markup('<p class="pc-portaal__telling">{}, {}.</p>').format(
        fmt.count(len(cards), "organisatie", "organisaties"),
        fmt.count(total, "document", "documenten"))
    return Markup('<div class="pc-portaal">{}{}</div>').format(intro, Markup("").join(cards))


def macro_organisatie_overzicht(ctx: PageContext, organisatie: str) -> Markup:
    repo = ctx.session.repo
    org = repo.organisations.get(organisatie)
    if org is None:
        raise MacroError(f"organisatie '{organisatie}' bestaat niet", code="onbekende-code",
                         hint="beschikbaar: " + ", ".join(repo.organisations))
    return _org_card(ctx, org, repo.documents_of(organisatie), link=False)
