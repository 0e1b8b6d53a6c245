"""Taking a snapshot of a document in a repository: its figures and its text per section.

The page is rendered the way `check` renders it (macros in a sandbox, then Markdown with the
site's extensions), so the text holds the figures as the reader sees them; the facts come
from every dataset the page read. The extensions are always the site's own, from
`mkdocs.yml`: a `markdown_extensions` that cannot be read or loaded is an error, never a
quiet fallback (the defaults below are for a configuration without the key only).

A snapshot file (`snapshot.json` of a published version) carries its format,
`"formaat": 1`; a file without it (those published before the key existed) is format 1,
and a format this pcdocs does not know is refused with a clear error.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from pcdocs.blocks.datasets import blocks
from pcdocs.blocks.spec import BlockSpec
from pcdocs.compare.facts import facts_of
from pcdocs.compare.model import Snapshot
from pcdocs.compare.text import sections
from pcdocs.errors import ArchiveError, BuildFailed, ConfigError
from pcdocs.model.facts import Fact
from pcdocs.model.repository import Document, Repository
from pcdocs.output import archive, editions
from pcdocs.output.session import BuildSession

_DEFAULT_EXTENSIONS = ["toc", "footnotes", "tables", "attr_list", "md_in_html", "def_list",
                       "admonition"]
FORMAT_KEY = "formaat"
FORMAT = 1  # the snapshot file format this pcdocs writes and reads


def take(repo: Repository, document: Document, edition: str | None = None, *,
         name: str | None = None, revision: str | None = None,
         session: BuildSession | None = None) -> Snapshot:
    """The snapshot of `document` (one gemeente's edition when `edition` is given)."""
    active = session or BuildSession(repo)
    src = document.edition_src_path(edition) if edition else document.ref.src_path
    ctx, markdown, problems = active.render_page(src)
    errors = [f for f in [*problems, *ctx.findings] if f.severity == "error"]
    if errors or markdown is None:
        raise BuildFailed(errors or problems)
    page_html = to_html(repo.root, markdown)
    page_html, _ = editions.passages(page_html, document, edition, repo.root / document.file)
    meta = document.meta
    return Snapshot(
        name=name or (f"{document.ref.name}:{edition}" if edition else document.ref.name),
        org=document.ref.org, year=meta.period.start, doc=document.ref.doc, edition=edition,
        title=meta.title, version=meta.version, status=meta.status.value,
        date=meta.date.isoformat()[:7] if meta.date_is_month else meta.date.isoformat(),
        facts=tuple(_facts(active, ctx.sources(), edition)), sections=sections(page_html),
        revision=revision)


def published_snapshot(published: archive.Published, edition: str | None,
                       name: str) -> Snapshot:
    """The snapshot stored with a published version, under the name the user gave it."""
    path = published.snapshot_file(edition)
    return replace(load(path, _rel(published, path)), name=name)


def dumps(snap: Snapshot) -> str:
    """The snapshot file's text: its format first, then the snapshot."""
    return json.dumps({FORMAT_KEY: FORMAT, **snap.to_json()}, ensure_ascii=False,
                      indent=1) + "\n"


def load(path: Path, rel: str | None = None) -> Snapshot:
    """A snapshot file, of format 1 (a file without `formaat` is format 1); any other
    format, or a damaged file, is an ArchiveError naming the file (`rel`, if given)."""
    where = rel or path.as_posix()
    hint = "herstel het bestand uit git (git checkout -- archief)"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArchiveError(f"momentopname kan niet worden gelezen: {exc}", file=where,
                           code="archief", hint=hint) from exc
    if not isinstance(data, dict):
        raise ArchiveError("momentopname is geen JSON-object", file=where, code="archief",
                           hint=hint)
    version = data.pop(FORMAT_KEY, FORMAT)
    if version != FORMAT or isinstance(version, bool):
        newer = isinstance(version, int) and not isinstance(version, bool) and version > FORMAT
        raise ArchiveError(
            f"momentopname heeft formaat {json.dumps(version, ensure_ascii=False)}; deze "
            f"pcdocs kent alleen formaat {FORMAT}", file=where, key=FORMAT_KEY,
            code="archief",
            hint="werk pcdocs bij naar de versie die deze publicatie heeft gemaakt" if newer
            else hint)
    try:
        return Snapshot.from_json(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ArchiveError(f"momentopname is onvolledig of beschadigd ({type(exc).__name__}: "
                           f"{exc})", file=where, code="archief", hint=hint) from exc


def _rel(published: archive.Published, path: Path) -> str:
    """`archief/<org>/<year>/<doc>/<versie>/<file>`, for messages."""
    base = published.folder.parents[3]  # the repository's archief/
    return path.relative_to(base.parent).as_posix() if base.name == archive.ARCHIVE \
        else path.as_posix()


def _facts(active: BuildSession, used: list[str], edition: str | None) -> list[Fact]:
    """The facts of every file the page read, but for those that only help to read another
    (`BlockSpec.compared`); those are what the others' facts see (`Comparing.record`)."""
    known = blocks()
    loaded: dict[str, tuple[BlockSpec[Any], Any]] = {}
    for rel in used:
        path = active.repo.root / rel
        block = known.get(path.stem)
        if block is None or path.suffix.lstrip(".") not in block.extensions:
            continue  # the organisation file, or a companion read with its main file
        loaded[block.kind] = (block, active.store.load(block, path, rel))

    def read(spec: BlockSpec[Any]) -> object | None:
        record: object | None = loaded[spec.kind][1] if spec.kind in loaded else None
        return record

    facts: list[Fact] = []
    for block, record in loaded.values():
        if block.compared:
            facts += facts_of(block, record, edition=edition, read=read)
    return facts


def to_html(root: Path, markdown_text: str) -> str:
    """Markdown to HTML with the extensions the site uses (read from mkdocs.yml)."""
    import markdown

    names, configs = _extensions(root / "mkdocs.yml")
    try:
        converter = markdown.Markdown(extensions=names, extension_configs=configs)
    except (ImportError, AttributeError, TypeError, KeyError, ValueError) as exc:
        # an extension the site names but that cannot be loaded here, or its options
        raise ConfigError(
            f"markdown_extensions kan niet worden geladen: {type(exc).__name__}: {exc}",
            file="mkdocs.yml", key="markdown_extensions", code="configuratie",
            hint="een vergelijking gebruikt de Markdown-extensies van de site zelf: "
                 "installeer de extensie of verbeter de naam en de opties in mkdocs.yml"
        ) from exc
    return converter.convert(markdown_text)


def _extensions(config: Path) -> tuple[list[str], dict[str, Any]]:
    """The site's Markdown extensions and their options, from `mkdocs.yml`; the defaults
    only when it has no `markdown_extensions` at all."""
    hint = "een vergelijking gebruikt de Markdown-extensies van de site zelf: verbeter " \
           "mkdocs.yml (pcdocs leest hem met een veilige YAML-lezer, zonder !!python-tags)"
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"mkdocs.yml kan niet worden gelezen ({exc.strerror})",
                          file="mkdocs.yml", code="configuratie", hint=hint) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"mkdocs.yml kan niet worden gelezen: "
                          f"{getattr(exc, 'problem', None) or exc}", file="mkdocs.yml",
                          line=mark.line + 1 if mark is not None else None,
                          code="configuratie", hint=hint) from exc
    entries = data.get("markdown_extensions") if isinstance(data, dict) else None
    if entries is None or entries == []:
        return list(_DEFAULT_EXTENSIONS), {}
    if not isinstance(entries, list):
        raise ConfigError("markdown_extensions is geen lijst", file="mkdocs.yml",
                          key="markdown_extensions", code="configuratie", hint=hint)
    names: list[str] = []
    configs: dict[str, Any] = {}
    for entry in entries:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and all(isinstance(k, str) for k in entry):
            for key, value in entry.items():
                names.append(key)
                if isinstance(value, dict):
                    configs[key] = value
                elif value is not None:
                    raise ConfigError(f"markdown_extensions: de opties van {key} zijn geen "
                                      "lijst van naam: waarde", file="mkdocs.yml",
                                      key="markdown_extensions", code="configuratie",
                                      hint=hint)
        else:
            raise ConfigError(f"markdown_extensions: {entry!r} is geen extensie",
                              file="mkdocs.yml", key="markdown_extensions",
                              code="configuratie", hint=hint)
    return names, configs
