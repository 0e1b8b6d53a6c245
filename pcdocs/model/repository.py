"""The repository as pcdocs sees it: organisations in `data/`, documents in `docs/`.

Nothing here is a hand-kept list: the portal, the navigation and the manifest are all
derived from what these functions find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pcdocs.errors import ConfigError, DocumentError, Finding, PcdocsError
from pcdocs.model.frontmatter import DocumentMeta, parse_meta, split_front_matter
from pcdocs.model.kinds import DocumentKind
from pcdocs.model.load import parse_yaml, read_text
from pcdocs.model.organisation import ORG_FILE, Gemeente, Organisation, load_organisation

_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class DocRef:
    """`<org>/<year>/<doc>`, the name users and tools give a document."""

    org: str
    year: int
    doc: str

    @property
    def name(self) -> str:
        return f"{self.org}/{self.year}/{self.doc}"

    @property
    def src_path(self) -> str:
        """Path relative to `docs/`."""
        return f"{self.org}/{self.year}/{self.doc}.md"


_FOLDER = re.compile(r"\w[\w.-]*")


def organisation_of(name: str) -> str | None:
    """The organisation of a document name `<org>/<year>/<doc>` (None when it names no
    folder of its own: empty, hidden, or with characters a path pattern would read)."""
    org = name.split("/", 1)[0]
    return org if _FOLDER.fullmatch(org) else None


@dataclass(frozen=True)
class Document:
    ref: DocRef
    meta: DocumentMeta
    organisation: Organisation
    file: str  # relative to the repository root
    body_line_offset: int  # lines of front matter before the Markdown body
    front: dict[str, Any] = field(default_factory=dict, compare=False)  # as written

    @property
    def kind(self) -> DocumentKind:
        """What the document is (its series), as its organisation names it."""
        return self.meta.kind

    @property
    def editions(self) -> tuple[Gemeente, ...]:
        """The gemeenten that get their own edition: every gemeente of an organisation that
        serves more than one, when the front matter says `edities: ja` or, without
        `edities:`, when its kind has editions by default."""
        gemeenten = self.organisation.gemeenten
        return gemeenten if len(gemeenten) > 1 and self.meta.editions else ()

    def edition_src_path(self, slug: str) -> str:
        """`iasz/2024/jaarplan/heemstede.md`: the edition's page, under the document's."""
        return f"{self.ref.org}/{self.ref.year}/{self.ref.doc}/{slug}.md"

    @property
    def data_folder(self) -> str:
        """The folder under `data/` this document reads (default `<org>/<year>`)."""
        return self.meta.data_folder or f"{self.ref.org}/{self.ref.year}"


@dataclass
class Repository:
    root: Path
    problems: list[Finding] = field(default_factory=list)
    # one organisation's slug: only it and its documents are read (the one-document preview)
    scope: str | None = None

    @classmethod
    def find(cls, start: Path) -> Repository:
        """The repository whose `mkdocs.yml` is in `start` or a parent of it (as an absolute
        path: MkDocs reads a relative site_dir from the folder of mkdocs.yml)."""
        start = start.absolute()
        for folder in [start, *start.parents]:
            if (folder / "mkdocs.yml").is_file() and (folder / "docs").is_dir():
                return cls(folder)
        raise ConfigError(
            f"geen pcdocs-repository gevonden in {start} of hoger",
            code="geen-repository",
            hint="ga naar de map met mkdocs.yml, docs/ en data/",
        )

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    @cached_property
    def organisations(self) -> dict[str, Organisation]:
        orgs: dict[str, Organisation] = {}
        if not self.data_dir.is_dir():
            return orgs
        folders = [self.data_dir / self.scope] if self.scope is not None else sorted(
            p for p in self.data_dir.iterdir() if p.is_dir())
        for folder in folders:
            path = folder / ORG_FILE
            if not path.exists():
                continue
            try:
                orgs[folder.name] = load_organisation(path, self.rel(path), folder.name)
            except PcdocsError as exc:
                self.problems.append(exc.finding)
        return orgs

    def edition_for(self, src_path: str) -> tuple[Document, str] | None:
        """(document, gemeente slug) when `src_path` is the page of a per-gemeente edition."""
        parts = src_path.split("/")
        if len(parts) != 4 or not parts[3].endswith(".md"):
            return None
        document = self.documents.get("/".join(parts[:3]))
        slug = parts[3][:-3]
        if document is None or slug not in {g.slug for g in document.editions}:
            return None
        return document, slug

    def page_document(self, src_path: str) -> tuple[Document | None, str | None]:
        """The document a page shows and, for a per-gemeente edition, the gemeente's slug."""
        edition = self.edition_for(src_path)
        if edition is not None:  # same source file as the document, one gemeente's content
            return edition
        ref = self.doc_ref_for(src_path)
        return (self.documents.get(ref.name) if ref else None), None

    def doc_ref_for(self, src_path: str) -> DocRef | None:
        """The DocRef of a page (path relative to docs/), or None for other pages."""
        parts = src_path.split("/")
        if len(parts) != 3 or not parts[2].endswith(".md") or not _YEAR.match(parts[1]):
            return None
        known = parts[0] in self.organisations or (self.data_dir / parts[0] / ORG_FILE).is_file()
        if not known or parts[2] == "index.md":  # (an organisation whose file has an error
            return None  # still owns its documents: they are reported, not shown as pages)
        return DocRef(parts[0], int(parts[1]), parts[2][:-3])

    @cached_property
    def documents(self) -> dict[str, Document]:
        """All documents by name, in a stable order (organisation, year, document)."""
        docs: dict[str, Document] = {}
        if not self.docs_dir.is_dir():
            return docs
        pattern = f"{self.scope}/*/*.md" if self.scope is not None else "*/*/*.md"
        missing: set[str] = set()
        for path in sorted(self.docs_dir.glob(pattern)):
            ref = self.doc_ref_for(path.relative_to(self.docs_dir).as_posix())
            if ref is None:
                self._missing_organisation(path, missing)
                continue
            try:
                docs[ref.name] = self.load_document(ref)
            except PcdocsError as exc:
                self.problems.append(exc.finding)
        return docs

    def _missing_organisation(self, path: Path, reported: set[str]) -> None:
        """A document folder `docs/<org>/<jaar>/` whose organisation has no file: the cause
        of every error on its pages, reported once."""
        org, year = path.relative_to(self.docs_dir).parts[:2]
        org_file = self.data_dir / org / ORG_FILE
        if org in reported or not _YEAR.match(year) or path.name == "index.md" \
                or org_file.exists():
            return
        reported.add(org)
        self.problems.append(Finding(
            "error", "organisatie-ontbreekt", self.rel(org_file), None,
            f"docs/{org}/ bevat documenten, maar {ORG_FILE} van deze organisatie ontbreekt",
            hint=f"zet de naam, gemeenten en huiskleur in data/{org}/{ORG_FILE}, of "
                 f"verplaats de documenten"))

    def load_document(self, ref: DocRef) -> Document:
        path = self.docs_dir / ref.src_path
        rel = self.rel(path)
        if ref.org not in self.organisations:
            raise DocumentError(
                f"dit document wordt niet gemaakt: data/{ref.org}/{ORG_FILE} bevat een fout",
                file=rel, line=1, code="organisatie-fout",
                hint=f"los eerst de melding bij data/{ref.org}/{ORG_FILE} op")
        text = read_text(path, rel)
        front, offset, _ = split_front_matter(text)
        if front is None:
            raise DocumentError(
                "het document heeft geen front matter", file=rel, line=1,
                hint="begin het bestand met een blok tussen twee regels '---' met "
                     "organisatie, soort, periode, versie, status en datum",
            )
        meta = parse_meta(front, rel, expect_org=ref.org, expect_year=ref.year,
                          expect_doc=ref.doc, kinds=self.organisations[ref.org].kind_map)
        raw = parse_yaml(front, rel, line_offset=1)
        return Document(ref, meta, self.organisations[ref.org], rel, offset, raw)  # YMap: lines

    def documents_of(self, org: str) -> list[Document]:
        return list(self._by_organisation.get(org, ()))

    @cached_property
    def _by_organisation(self) -> dict[str, list[Document]]:
        grouped: dict[str, list[Document]] = {}
        for document in self.documents.values():
            grouped.setdefault(document.ref.org, []).append(document)
        return grouped
