"""`pcdocs compare A B`: resolve the two names, take their snapshots, compare them.

`compare()` returns the comparison (and any warning for the user), `report()` its text or
JSON; the CLI (`pcdocs/commands/cli.py`) prints them.

A name is `<org>/<year>/<doc>`, optionally `:<gemeente>` for one edition and `@<x>`, where x
is a published version of that document (`@1.0`, from `archief/`) or else a git revision
(`@HEAD~1`, `@a1b2c3d`, a tag); the revision's `docs/`, `data/` and `mkdocs.yml` are read
with the current pcdocs.

Both names must be of the same kind (the same `<doc>`, which is the document's kind): a
comparison is within a series, never between a begroting and a jaarverslag.
"""

from __future__ import annotations

import json
import re
import tarfile
import tempfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Literal

from pcdocs.compare.diff import diff
from pcdocs.compare.model import Comparison, Snapshot
from pcdocs.compare.render import text_report
from pcdocs.compare.snapshot import published_snapshot, take
from pcdocs.errors import UsageError
from pcdocs.model.repository import Repository
from pcdocs.model.schema import suggest
from pcdocs.output import archive
from pcdocs.support import git

_NAME = re.compile(r"^(?P<org>[a-z0-9-]+)/(?P<year>\d{4})/(?P<doc>[a-z][a-z0-9-]*)"
                   r"(?::(?P<edition>[a-z0-9-]+))?(?:@(?P<at>[^\s]+))?$")


@dataclass(frozen=True)
class Name:
    org: str
    year: int
    doc: str
    edition: str | None
    at: str | None
    text: str

    @property
    def document(self) -> str:
        return f"{self.org}/{self.year}/{self.doc}"


def parse_name(text: str) -> Name:
    match = _NAME.match(text.strip())
    if not match:
        raise UsageError(f"'{text}' is geen documentnaam",
                         hint="schrijf <organisatie>/<jaar>/<document>, eventueel met "
                              ":<gemeente> en @<versie of git-revisie>, bijv. "
                              "iasz/2024/jaarplan@1.0", code="gebruik")
    return Name(match["org"], int(match["year"]), match["doc"], match["edition"], match["at"],
                text.strip())


def snapshot(root: Path, name: Name) -> Snapshot:
    """The snapshot a name points at: a published version, a git revision or the work tree."""
    repo = Repository.find(root)
    if name.at is not None:
        published = {p.version: p for p in archive.of_document(repo.root, name.document)}
        if name.at in published:
            return _published(published[name.at], name)
        return _at_revision(repo.root, name)
    return _take(repo, name, None)


def _take(repo: Repository, name: Name, revision: str | None) -> Snapshot:
    document = repo.documents.get(name.document)
    if document is None:
        guess = suggest(name.document, list(repo.documents))
        where = f" in revisie {revision[:12]}" if revision else ""
        raise UsageError(f"document '{name.document}' bestaat niet{where}",
                         hint=f"bedoelde u '{guess}'?" if guess else "beschikbaar: "
                         + ", ".join(repo.documents), code="onbekend-document")
    if name.edition and name.edition not in {g.slug for g in document.editions}:
        raise UsageError(f"'{name.document}' heeft geen editie '{name.edition}'",
                         hint="edities: " + (", ".join(g.slug for g in document.editions)
                                             or "geen"), code="onbekende-editie")
    return take(repo, document, name.edition, name=name.text, revision=revision)


def _published(published: archive.Published, name: Name) -> Snapshot:
    if not published.snapshot_file(name.edition).is_file():
        raise UsageError(f"versie {published.version} van {published.name} heeft geen "
                         f"{'editie ' + name.edition if name.edition else 'momentopname'}",
                         code="onbekende-editie")
    return published_snapshot(published, name.edition, name.text)


def _git(root: Path, *args: str) -> bytes:
    try:
        return git.run(root, *args)
    except git.GitFailed as exc:
        raise UsageError(f"git: {exc.detail}", code="git-revisie",
                         hint="noem een bestaande revisie (git log --oneline) of een "
                              "gepubliceerde versie uit archief/") from exc


def _at_revision(root: Path, name: Name) -> Snapshot:
    assert name.at is not None
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{name.at}^{{commit}}")
    except UsageError:
        known = [p.version for p in archive.of_document(root, name.document)]
        raise UsageError(
            f"'{name.at}' is geen gepubliceerde versie van {name.document} en geen "
            "git-revisie", code="git-revisie",
            hint=("gepubliceerde versies: " + ", ".join(known) if known else
                  "er zijn nog geen gepubliceerde versies") + "; git-revisies: git log "
                 "--oneline") from None
    commit_id = commit.decode().strip()
    present = _git(root, "ls-tree", "--name-only", commit_id).decode().split()
    wanted = [p for p in ("mkdocs.yml", "docs", "data") if p in present]
    if "docs" not in wanted:
        raise UsageError(f"revisie {name.at} heeft geen docs/", code="git-revisie")
    payload = _git(root, "archive", "--format=tar", commit_id, *wanted)
    with tempfile.TemporaryDirectory(prefix="pcdocs-revisie-") as tmp:
        _extract(payload, Path(tmp), name.at)
        if not (Path(tmp) / "mkdocs.yml").exists():
            (Path(tmp) / "mkdocs.yml").write_text("site_name: revisie\n", encoding="utf-8")
        return _take(Repository(Path(tmp)), name, commit_id)


def _extract(payload: bytes, target: Path, revision: str) -> list[str]:
    """Unpack a `git archive` tar into `target`, under tarfile's "data" filter: nothing is
    written outside `target`. A link the filter refuses (an absolute symlink, or one that
    points out of the tree) is left out - the revision is read without it, and a document
    that needs it reports the file as missing; anything else the filter refuses is a clear
    message. Returns the links left out."""
    skipped: list[str] = []

    def only_safe(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
        try:
            return tarfile.data_filter(member, path)
        except tarfile.FilterError:
            if member.issym() or member.islnk():
                skipped.append(member.name)
                return None
            raise

    try:
        with tarfile.open(fileobj=BytesIO(payload)) as tar:
            tar.extractall(target, filter=only_safe)
    except (tarfile.TarError, OSError) as exc:
        raise UsageError(f"revisie {revision} kan niet worden gelezen: {exc}",
                         code="git-revisie",
                         hint="de revisie bevat een bestand dat pcdocs niet veilig kan "
                              "uitpakken; vergelijk een andere revisie") from None
    return skipped


ReportFormat = Literal["tekst", "json"]


@dataclass(frozen=True)
class Compared:
    """A comparison and what the user should know about it (Dutch sentences)."""

    comparison: Comparison
    warnings: tuple[str, ...] = ()


def compare(root: Path, old: str, new: str) -> Compared:
    """Compare the documents named `old` and `new` (see the module's docstring) in the
    repository at `root`; a wrong name or revision is a UsageError, a damaged published
    version an ArchiveError, a page with errors BuildFailed."""
    old_name, new_name = parse_name(old), parse_name(new)
    same_kind(root, old_name, new_name)
    before = snapshot(root, old_name)
    after = snapshot(root, new_name)
    return Compared(diff(before, after))


def same_kind(root: Path, old: Name, new: Name) -> None:
    """Refuse two documents of different kinds (before anything is built): they are no
    versions of one another, and a comparison would report every figure as changed. A
    name that is no kind of its organisation is left to the snapshot, which says the
    document does not exist and suggests the nearest one."""
    if old.doc == new.doc:
        return
    repo = Repository.find(root)
    kinds = []
    for name in (old, new):
        org = repo.organisations.get(name.org)
        kind = org.kind(name.doc) if org is not None else None
        if kind is None:
            return
        kinds.append(kind.naam.lower())
    raise UsageError(
        f"{old.document} is een {kinds[0]} en {new.document} is een {kinds[1]}: pcdocs "
        "vergelijkt alleen documenten van dezelfde soort", code="andere-soort",
        hint=f"vergelijk twee jaren of versies van dezelfde soort, bijv. "
             f"{old.org}/<jaar>/{old.doc} met {old.document}, of {new.document}@<versie> "
             f"met {new.document}")


def report(comparison: Comparison, form: ReportFormat = "tekst") -> str:
    """The comparison as the command shows it: Dutch text, or JSON (with a final newline)."""
    if form == "json":
        return json.dumps(comparison.as_json(), ensure_ascii=False, indent=2) + "\n"
    return text_report(comparison)
