"""`pcdocs publish <org>/<year>/<doc>`: freeze a version in `archief/`, never to change again.

On a clean git tree, for a vastgesteld version (or a concept with `--vrijgeven`), it builds
the site in a scratch folder, takes the document's pages (and its editions), their charts,
CSV files and PDFs, plus the theme files those pages load, and writes them with their sha256
and the source commit into `archief/<org>/<year>/<doc>/<versie>/`. Links that leave the
document point at the live site, so a frozen page still finds the portal and the search.
Why not mike: mike versions a whole site under one version list; here every document of
every organisation has its own versions, and the site must show them side by side.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

from markupsafe import Markup

from pcdocs.errors import ConfigError, DocumentError, UsageError
from pcdocs.model import fmt
from pcdocs.model.repository import Document, Repository
from pcdocs.model.schema import suggest
from pcdocs.output import archive
from pcdocs.support import git as gitrepo

FROZEN_DEPTH = 2  # versie/<v>/ below the document's folder
_URL = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"]*)"')
_CONFIG = re.compile(r'"(?P<key>base|search)": "(?P<url>[^"]*)"')
_THEME = "_thema"


def summary(published: archive.Published, root: Path) -> list[str]:
    """What was published and how to commit it, in Dutch (`root`: the repository as the
    user named it, for the folder shown)."""
    files = published.record["files"]
    base = Path(root).resolve()
    rel = published.folder.relative_to(base).as_posix() \
        if published.folder.is_relative_to(base) else str(published.folder)
    return [f"Gepubliceerd: {published.title}, versie {published.version} ({published.status}) "
            f"uit commit {published.record['commit'][:12]}: {len(files)} bestanden in {rel}/.",
            f"Leg de publicatie vast: git add {rel} && git commit -m \"Publicatie "
            f"{published.name} {published.version}\""]


def publish(root: Path, name: str, *, release: bool = False,
            today: dt.date | None = None) -> archive.Published:
    """Freeze document `name` (`<org>/<year>/<doc>`) of the repository at `root` in
    `archief/`; a concept only with `release`. Raises a PcdocsError subclass for every
    refusal (UsageError: a concept, uncommitted changes, an unknown document;
    DocumentError: already published; ConfigError: no git history)."""
    repo = Repository.find(root)
    document = _document(repo, name)
    meta = document.meta
    if meta.status.value != "vastgesteld" and not release:
        raise UsageError(f"{name} versie {meta.version} is een concept",
                         hint="publiceer een concept alleen als het uitdrukkelijk is "
                              "vrijgegeven: pcdocs publish " + name + " --vrijgeven",
                         code="concept")
    target = archive.folder_of(repo.root, document.ref.org, document.ref.year,
                               document.ref.doc, meta.version)
    if target.exists():
        raise DocumentError(f"versie {meta.version} van {name} is al gepubliceerd",
                            file=repo.rel(target), key="versie", code="al-gepubliceerd",
                            hint="een gepubliceerde versie verandert nooit; verhoog 'versie' "
                                 f"in {document.file} voor een nieuwe publicatie")
    commit = _clean_commit(repo.root)
    scratch = f"site.publiceer-{os.getpid()}"
    try:
        from pcdocs.commands.build import build

        build(repo.root, site_name=scratch, pdf_only={name})
        staging = target.with_name(f".{meta.version}.bezig-{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        record = _freeze(repo, document, repo.root / scratch, staging, commit,
                         today or dt.date.today())
        _snapshots(repo, document, staging, commit)
        staging.rename(target)
    finally:
        shutil.rmtree(repo.root / scratch, ignore_errors=True)
        for leftover in target.parent.glob(f".{meta.version}.bezig-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    return archive.Published(document.ref.org, document.ref.year, document.ref.doc,
                             meta.version, target, record)


def _document(repo: Repository, name: str) -> Document:
    document = repo.documents.get(name.strip().rstrip("/"))
    if document is None:
        guess = suggest(name, list(repo.documents))
        raise UsageError(f"document '{name}' bestaat niet",
                         hint=f"bedoelde u '{guess}'?" if guess else
                         "noem een document als iasz/2024/jaarplan", code="onbekend-document")
    return document


def _clean_commit(root: Path) -> str:
    """The HEAD commit, if the work tree has nothing uncommitted (ignored files aside)."""
    def git(*args: str) -> str:
        try:
            return gitrepo.text(root, *args)
        except gitrepo.GitFailed as exc:
            raise ConfigError("publiceren kan alleen vanuit een git-repository met ten minste "
                              "één commit", code="git",
                              hint="git init && git add . && git commit") from exc

    dirty = git("status", "--porcelain").splitlines()
    if dirty:
        listed = ", ".join(line[3:] for line in dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise UsageError(f"de werkmap heeft wijzigingen die niet zijn vastgelegd: {listed}",
                         hint="leg ze eerst vast (git commit), zodat de publicatie naar een "
                              "commit verwijst", code="niet-vastgelegd")
    return git("rev-parse", "HEAD").strip()


def _freeze(repo: Repository, document: Document, site: Path, staging: Path, commit: str,
            today: dt.date) -> dict[str, Any]:
    doc_dir = f"{document.ref.org}/{document.ref.year}/{document.ref.doc}"
    source = site / doc_dir
    frozen = staging / archive.SITE
    series = f"{document.ref.org}/{document.ref.doc}"
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        rel = path.relative_to(source).as_posix()
        if rel.startswith("versie/"):
            continue  # earlier published versions, copied in by the build
        target = frozen / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".html":
            text = _rewrite(path.read_text(encoding="utf-8"), doc_dir, rel, site, frozen)
            depth = FROZEN_DEPTH + doc_dir.count("/") + 1 + rel.count("/")
            notice = _notice(document, commit, today, "../" * depth + series + "/")
            target.write_text(_with_notice(text, notice), encoding="utf-8")
        else:
            shutil.copy2(path, target)
    files = {p.relative_to(frozen).as_posix(): archive.sha256(p)
             for p in sorted(frozen.rglob("*")) if p.is_file()}
    from pcdocs.output import manifest

    entries = [e for e in manifest.read(site)["documents"]
               if (e["org"], e["year"], e["doc"]) == (document.ref.org, document.ref.year,
                                                      document.ref.doc)]
    record = {"org": document.ref.org, "year": document.ref.year, "doc": document.ref.doc,
              "version": document.meta.version, "status": document.meta.status.value,
              "title": document.meta.title, "published": today.isoformat(),
              "commit": commit, "entries": [_relocated(e, doc_dir) for e in entries],
              "files": files}
    (staging / archive.RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=2)
                                          + "\n", encoding="utf-8")
    return record


def _relocated(entry: dict[str, Any], doc_dir: str) -> dict[str, Any]:
    """A manifest entry with its paths relative to the frozen folder."""
    result = dict(entry)
    for key in ("html", "pdf"):
        if result.get(key):
            result[key] = posixpath.relpath(result[key], doc_dir)
    return result


def _rewrite(text: str, doc_dir: str, rel: str, site: Path, frozen: Path) -> str:
    """Links inside the document stay; theme files are copied next to the frozen pages;
    every other link points two folders further up, at the live site."""
    here = posixpath.dirname(posixpath.join(doc_dir, rel))

    def target_of(url: str) -> str | None:
        if not url or url.startswith(("#", "/", "data:", "mailto:")) or "://" in url:
            return None
        path = url.partition("#")[0]
        return posixpath.normpath(posixpath.join(here, path)) if path else None

    def fix(url: str, keep_theme: bool) -> str:
        resolved = target_of(url)
        if resolved is None or resolved == doc_dir or resolved.startswith(doc_dir + "/"):
            return url
        suffix = "#" + url.partition("#")[2] if "#" in url else ""
        trailing = "/" if url.split("#")[0].endswith("/") else ""
        frozen_here = posixpath.join(doc_dir, "versie", "v", posixpath.relpath(here, doc_dir))
        if keep_theme and resolved.startswith("assets/") and resolved.endswith((".css", ".js")):
            copy = frozen / _THEME / resolved
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(site / resolved, copy)
            local = posixpath.join(doc_dir, "versie", "v", _THEME, resolved)
            return posixpath.relpath(local, posixpath.normpath(frozen_here)) + suffix
        return posixpath.relpath(resolved, posixpath.normpath(frozen_here)) + trailing + suffix

    text = _URL.sub(lambda m: f'{m["attr"]}="{fix(m["url"], True)}"', text)
    return _CONFIG.sub(lambda m: f'"{m["key"]}": "{fix(m["url"], m["key"] == "search")}"',
                       text)


def _notice(document: Document, commit: str, today: dt.date, series_url: str) -> Markup:
    return Markup(
        '<div class="pc-bevroren" role="note"><strong>Gepubliceerde versie</strong> — versie {} '
        "({}), bevroren op {} uit commit <code>{}</code>. Deze pagina en haar PDF veranderen "
        'nooit meer. <a href="{}">Alle jaren en versies van dit document</a>.</div>'
    ).format(document.meta.version, document.meta.status.value, fmt.long_date(today),
             commit[:12], series_url)


def _with_notice(text: str, notice: Markup) -> str:
    marker = '<header class="pc-kop"'
    return text.replace(marker, str(notice) + marker, 1) if marker in text else text


def _snapshots(repo: Repository, document: Document, staging: Path, commit: str) -> None:
    from pcdocs.compare.snapshot import dumps, take
    from pcdocs.output.session import BuildSession

    session = BuildSession(repo)
    for edition in [None, *(g.slug for g in document.editions)]:
        snap = take(repo, document, edition, session=session, revision=commit)
        name = f"snapshot.{edition}.json" if edition else "snapshot.json"
        (staging / name).write_text(dumps(snap), encoding="utf-8")
