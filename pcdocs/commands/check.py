"""`pcdocs check`: everything the build would read, all findings at once, no MkDocs needed.

It reads every organisation, document front matter and data file (each checked by its
block's `validate` against its organisation and the documents that read it, whether or not
a page shows it), checks each page's macro syntax, and renders each page's macros in a
sandbox, so an unknown key or a wrong argument is found with its line.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from pcdocs.blocks.datasets import DataStore, blocks, locate
from pcdocs.blocks.spec import BlockSpec, Checking
from pcdocs.errors import Finding, PcdocsError
from pcdocs.model.load import cut_off, outside
from pcdocs.model.organisation import ORG_FILE
from pcdocs.model.repository import Repository
from pcdocs.output.session import BuildSession, unique
from pcdocs.render import lint, rendering


def _sort_key(f: Finding) -> tuple[str, int, str]:
    return (f.file or "", f.line or 0, f.code)


def check(root: Path, active: BuildSession | None = None) -> list[Finding]:
    """All findings for the repository at `root` (reusing `active`'s data cache if given)."""
    repo = active.repo if active is not None else Repository.find(root)
    active = active or BuildSession(repo)
    findings: list[Finding] = [*_links_out(repo), *_static_files(repo)]
    _ = repo.documents  # reads organisations and front matter, collecting problems
    findings += _check_data_files(repo, active)
    docs = repo.docs_dir.resolve()
    pages = sorted(p for p in repo.docs_dir.rglob("*.md") if not outside(p, docs)
                   and active.owns(p.relative_to(repo.docs_dir).as_posix()))
    active.progress.step("Controleren", len(pages))
    for path in pages:
        findings += _check_page(active, path.relative_to(repo.docs_dir).as_posix())
        active.progress.advance()
    return sorted(unique([*active.all_findings(), *findings]), key=_sort_key)


def _links_out(repo: Repository) -> list[Finding]:
    """Symlinks in data/ or docs/ that lead out of their folder: an error, so no build reads
    or publishes a file from elsewhere on the machine (MkDocs copies what docs/ holds)."""
    findings = []
    for base in (repo.data_dir, repo.docs_dir, repo.root / "archief"):
        if not base.is_dir():
            continue
        inside = base.resolve()
        for folder, dirs, names in os.walk(base):
            for name in sorted([*dirs, *names]):
                path = Path(folder) / name
                if outside(path, inside):
                    findings.append(Finding(
                        "error", "link-naar-buiten", repo.rel(path), None,
                        f"snelkoppeling (symlink) naar een plaats buiten {base.name}/",
                        hint=f"zet het bestand of de map zelf in {base.name}/"))
    return findings


# Files in docs/ that MkDocs publishes as they are: images, downloads, and the site's own
# stylesheet (docs/assets/, kept by the maintainers). HTML, scripts and anything else are not
# published from an author's folder; an SVG (a browser runs its scripts when opened on its
# own) must be a plain drawing.
STATIC_FILES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".pdf", ".csv",
                          ".xlsx", ".ods", ".odt", ".docx"})
_ACTIVE_SVG = re.compile(r"<script|<foreignobject|<!entity|<style|\son[a-z]+\s*=|javascript:|"
                         r"url\s*\((?![\s\"']*#)|@import|(?:xlink:)?href\s*=\s*[\"'](?!#)", re.I)


def _static_files(repo: Repository) -> list[Finding]:
    findings: list[Finding] = []
    if not repo.docs_dir.is_dir():
        return findings
    inside = repo.docs_dir.resolve()
    for path in sorted(p for p in repo.docs_dir.rglob("*") if p.is_file()
                       and not outside(p, inside) and p.suffix.lower() != ".md"):
        rel, suffix = repo.rel(path), path.suffix.lower()
        assets = path.relative_to(repo.docs_dir).parts[0] == "assets"
        if suffix not in STATIC_FILES and not (assets and suffix == ".css"):
            findings.append(Finding(
                "error", "bestand-niet-toegestaan", rel, None,
                f"een {suffix or 'bestand zonder extensie'}-bestand in docs/ wordt niet "
                "gepubliceerd", hint="in docs/ staan pagina's (.md), afbeeldingen (png, jpg, "
                "svg) en downloads (pdf, csv, xlsx); HTML en scripts horen er niet"))
        elif suffix == ".svg" and _ACTIVE_SVG.search(
                path.read_bytes()[:2_000_000].decode("utf-8", "replace")):
            findings.append(Finding(
                "error", "bestand-niet-toegestaan", rel, None,
                "deze SVG bevat een script, een gebeurtenis of een verwijzing naar iets "
                "anders", hint="sla de tekening op als platte SVG of als PNG"))
    return findings


def _check_data_files(repo: Repository, active: BuildSession) -> list[Finding]:
    findings: list[Finding] = []
    known = blocks()
    if not repo.data_dir.is_dir():
        return findings
    inside = repo.data_dir.resolve()
    for path in sorted(p for p in repo.data_dir.rglob("*")
                       if p.is_file() and not outside(p, inside)):
        rel = repo.rel(path)
        org = path.relative_to(repo.data_dir).parts[0]
        if path.name == ORG_FILE or not active.owns(path.relative_to(repo.data_dir).as_posix()):
            continue  # (another shard checks that organisation's data)
        if org not in repo.organisations:
            findings.append(Finding("warning", "geen-organisatie", rel, None,
                                    f"data/{org}/ heeft geen {ORG_FILE}",
                                    hint="beschrijf de organisatie of verwijder de map"))
            continue
        cut = cut_off(path, rel)
        if cut is not None:
            findings.append(cut)
        kind, ext = path.stem, path.suffix.lstrip(".")
        block = known.get(kind)
        owner = next((b for b in known.values() if path.name in b.companions), None)
        if owner is not None and (block is None or ext not in block.extensions):
            if not any(path.with_name(f"{owner.kind}.{e}").exists() for e in owner.extensions):
                findings.append(Finding(
                    "warning", "los-bestand", rel, None,
                    f"{path.name} wordt alleen gelezen naast {owner.kind}."
                    f"{owner.extensions[0]}", hint=f"maak {owner.kind}.{owner.extensions[0]} "
                    "aan of verplaats het bestand"))
            continue
        if (block is None or ext not in block.extensions) and _named(path, known):
            continue  # (a file next to it names it: a table's source, checked with that file)
        if block is None or ext not in block.extensions:
            findings.append(Finding(
                "warning", "onbekend-bestand", rel, None,
                "pcdocs kent dit gegevensbestand niet en leest het niet",
                hint="bekende namen: " + ", ".join(
                    f"{b.kind}.{e}" for b in known.values() for e in b.extensions)))
            continue
        try:
            record = active.store.load(block, path, rel)
        except PcdocsError as exc:
            findings.append(exc.finding)
            continue
        findings += block.validate(record, checking_for(repo, active.store, org, path, block))
    return findings


def _named(path: Path, known: dict[str, BlockSpec[Any]]) -> bool:
    """Whether a data file next to `path` names it as a file it reads (`BlockSpec.names`)."""
    for spec in known.values():
        own = locate(spec, (path.parent,)) if spec.names is not None else None
        if own is not None and own != path and path.name in spec.read_with(own):
            return True
    return False


def checking_for(repo: Repository, store: DataStore, org: str, path: Path,
                 block: BlockSpec[Any]) -> Checking:
    """What a data file is checked against: its organisation, the documents that read it
    (the file their data folder, or else their organisation folder, gives for its kind),
    and the files next to it."""
    org_path = repo.data_dir / org
    documents = tuple(d for d in repo.documents_of(org)
                      if locate(block, (repo.data_dir / d.data_folder, org_path)) == path)

    def read(spec: BlockSpec[Any]) -> object | None:
        found = locate(spec, (path.parent, org_path))
        if found is None:
            return None
        try:
            record: object = store.load(spec, found, repo.rel(found))
        except PcdocsError:
            return None  # reported with that file itself
        return record

    return Checking(repo.organisations[org], documents, read)


def _check_page(active: BuildSession, src_path: str) -> list[Finding]:
    """Static checks, then a sandboxed render of the page's macros."""
    try:
        ctx, rendered, problems = active.render_page(src_path)
    except PcdocsError as exc:
        return [exc.finding]
    if rendered is not None and ctx.document is not None and ctx.markdown is not None:
        problems = [*problems, *lint.typed_figures(ctx, ctx.markdown)]
    if rendered is not None:  # the page as HTML, held against the policy as the build does
        html = rendering.page_html(active.repo.root, rendered)
        if html is None:
            problems.append(Finding(
                "error", "pagina-te-complex", ctx.file, None,
                "de opmaak van deze pagina is te diep genest (bijvoorbeeld ** binnen ** "
                "binnen **)", hint="vereenvoudig de opmaak"))
        else:
            rendering.refused_html(ctx, html, _page_path(src_path))
    return problems


def _page_path(src_path: str) -> str:
    """Where MkDocs writes a page (directory URLs): `a/b.md` -> `a/b/index.html`."""
    stem = src_path.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


