"""The portal, the organisation pages and each document's header, derived from the repository.

Nothing here is a hand-kept list: organisations come from `data/<org>/organisatie.yaml`,
documents from `docs/<org>/<year>/<doc>.md` and their front matter.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from pathlib import Path

import yaml
from markupsafe import Markup, escape

from pcdocs.model.frontmatter import Status, split_front_matter
from pcdocs.model.organisation import Organisation
from pcdocs.model.repository import Document, Repository
from pcdocs.render import html
from pcdocs.render.overview import org_style, status_badge


def org_page_markdown(org: Organisation) -> str:
    """The generated page `docs/<org>/index.md` (unless the author wrote one)."""
    return (f"---\ntitle: {json.dumps(org.korte_naam)}\n---\n\n"
            f"# {html.markdown_literal(org.naam)}\n\n"
            f"{{{{ organisatie_overzicht('{org.slug}') }}}}\n")


def document_header(doc: Document, sources: list[str], pdf_href: str | None = None,
                    edition: str | None = None, editions: Sequence[tuple[str, str]] = (),
                    versions: Markup | None = None) -> Markup:
    """The top of a document page: organisation, title (and the kind, when the title does
    not name it: `titel: Najaarsnota 2022` of a voortgangsrapportage), version, status,
    date, decision, the link to its PDF, and the per-gemeente editions (`editions`: name
    and URL; on an edition's page `edition` is its gemeente and the first link leads to the
    whole)."""
    meta, org = doc.meta, doc.organisation
    items = [("Versie", html.text(meta.version)), ("Status", status_badge(doc)),
             ("Datum", html.text(meta.date_text()))]
    if meta.kind.naam.lower() not in meta.title.lower():  # a title that does not say it
        items.insert(0, ("Soort", html.text(meta.kind.naam)))
    if meta.decision is not None:
        items.append(("Besluit", html.text(meta.decision.text())))
    dl = Markup("").join(Markup("<div><dt>{}</dt><dd>{}</dd></div>").format(k, v)
                         for k, v in items)
    sub = Markup('<p class="pc-kop__sub">{}</p>').format(meta.subtitle) if meta.subtitle else ""
    files = Markup("").join(Markup("<li><code>{}</code></li>").format(s) for s in sources)
    bronnen = Markup(
        '<details class="pc-kop__bronnen"><summary>Bronbestanden ({})</summary><p>Alle cijfers '
        "op deze pagina komen uit deze bestanden. Wijs een cijfer aan om het bestand en de "
        "regel te zien.</p><ul>{}</ul></details>").format(len(sources), files)
    if edition is not None:
        items.append(("Editie", html.text(f"gemeente {edition}")))
        dl = Markup("").join(Markup("<div><dt>{}</dt><dd>{}</dd></div>").format(k, v)
                             for k, v in items)
    download = Markup("")
    if editions:
        links = Markup(" · ").join(Markup('<a href="{}">{}</a>').format(url, name)
                                   for name, url in editions)
        label = "Volledig document" if edition else "Per gemeente"
        download += Markup('<p class="pc-kop__edities">{}: {}</p>').format(label, links)
    if pdf_href:
        download += Markup('<p class="pc-kop__pdf"><a href="{}" download>Download als PDF '
                           "(A4, PDF/A)</a></p>").format(pdf_href)
    header = Markup(
        '<header class="pc-kop" style="{}"><p class="pc-kop__org">{}</p><h1>{}</h1>{}'
        '<dl class="pc-kop__meta">{}</dl>{}{}{}</header>'
    ).format(org_style(org), org.display_name if org.is_gemeente else
             f"{org.display_name} · {org.gemeenten_text()}", meta.title, sub, dl, versions or "",
             download, bronnen)
    if meta.fictitious:
        header += Markup(
            '<div class="pc-fictief" role="note"><strong>Fictief voorbeeld</strong> — dit '
            "document is verzonnen om pcdocs te tonen. Namen van organisaties en gemeenten "
            "zijn echt, de inhoud en de cijfers niet.</div>")
    if meta.status is Status.CONCEPT:
        header += Markup(
            '<div class="pc-concept" role="note"><strong>Concept</strong> — versie {} van {}. '
            "Dit document is nog niet vastgesteld; de inhoud kan nog veranderen.</div>"
        ).format(meta.version, meta.date_text())
    return header


def _page_order(path: Path) -> tuple[int, str, str]:
    """(volgorde, file name, title) from a page's front matter; bad front matter sorts last."""
    try:
        front, _, _ = split_front_matter(path.read_text(encoding="utf-8-sig"))
        data = yaml.safe_load(front) if front else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 999, path.name, path.stem
    meta = data if isinstance(data, dict) else {}
    order = meta.get("volgorde")
    title = str(meta.get("title") or path.stem.replace("-", " ").capitalize())
    return (order if isinstance(order, int) else 100), path.name, title


def other_sections(docs: Path, organisations: set[str]) -> list[object]:
    """Pages outside the organisations' folders: one nav section per folder, ordered by the
    pages' `volgorde` (then name); the section takes the title of its first page."""
    nav: list[object] = []
    for folder in sorted(p for p in docs.iterdir() if p.is_dir()):
        if folder.name in organisations or folder.name == "assets":
            continue
        pages = sorted(folder.glob("*.md"), key=_page_order)
        if not pages:
            continue
        entries = [p.relative_to(docs).as_posix() for p in pages]
        nav.append({escape(_page_order(pages[0])[2]): entries} if len(entries) > 1
                   else entries[0])
    return nav


def navigation(repo: Repository, extra_pages: list[object]) -> list[object]:
    """The site navigation: portal, one section per organisation, then the other pages."""
    nav: list[object] = [{"Overzicht": "index.md"}]
    for slug, org in repo.organisations.items():
        docs = sorted(repo.documents_of(slug), key=lambda d: (-d.ref.year, d.meta.title))
        entries: list[object] = [f"{slug}/index.md"]
        entries += [{escape(d.meta.title): d.ref.src_path} for d in docs]
        nav.append({escape(org.korte_naam): entries})
    nav += extra_pages
    return nav


# -- the navigation of a site with many organisations --------------------------------------

COMPACT_NAVIGATION_ABOVE = 12
"""With more organisations than this, a page's sidebar shows the portal, its own
organisation's section and the other sections, not every organisation's: the portal lists
them all. (Every page listing every organisation's documents makes the site grow with the
square of their number.)"""

NAV_SCOPE = "pcdocs_navigatie"  # the key in config.extra that theme/partials/nav.html reads
THEME_DIR = Path(__file__).parent / "theme"  # pcdocs' overrides, in front of Material's


def navigation_scope(nav: Sequence[object],
                     organisations: Collection[str]) -> dict[str, object] | None:
    """What the compact navigation needs: the place in `nav` of each organisation's section
    and of the items every page shows, or None when every sidebar can list every
    organisation (no more than COMPACT_NAVIGATION_ABOVE)."""
    if len(organisations) <= COMPACT_NAVIGATION_ABOVE:
        return None
    sections: dict[str, int] = {}
    always: list[int] = []
    for position, entry in enumerate(nav):
        slug = _section_of(entry, organisations)
        if slug is None:
            always.append(position)
        else:
            sections[slug] = position
    return {"organisaties": sections, "altijd": always, "aantal": len(organisations)}


def _section_of(entry: object, organisations: Collection[str]) -> str | None:
    """The organisation whose section `entry` is (its first page is `<org>/index.md`)."""
    if not isinstance(entry, dict) or len(entry) != 1:
        return None
    pages = next(iter(entry.values()))
    if not isinstance(pages, list) or not pages or not isinstance(pages[0], str):
        return None
    slug = pages[0].removesuffix("/index.md")
    return slug if slug != pages[0] and slug in organisations else None
