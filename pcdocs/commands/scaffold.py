"""`pcdocs new <org>/<year>/<doc> --from <org>/<prev>/<doc>`: next year's plan in one command.

The new document is the source with its front matter moved on: `periode` shifted by the same
number of years, `versie: "0.1"`, `status: concept`, `datum` today, no `besluit`, and the old
period in `titel` replaced; the body is kept as is. Its data folder is copied byte for byte,
except a data file whose block carries it into the next year (its spec's `carry`): the
indicators, for one, are offered the source year's norms for the new years and get empty
realisation slots for the year just ended, which `pcdocs check` flags until they are filled.

Nothing is ever overwritten: every target is checked first and, if any exists, nothing is
written. Files are written under a temporary name and then linked into place, which fails
rather than replace a file that appeared in the meantime.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pcdocs.blocks.datasets import blocks, safe_folder
from pcdocs.blocks.spec import Carry, Slot
from pcdocs.errors import DocumentError, PcdocsError, UsageError
from pcdocs.model.frontmatter import Period, Status, parse_meta
from pcdocs.model.load import read_text
from pcdocs.model.repository import DocRef, Document, Repository
from pcdocs.model.schema import suggest

_NAME = re.compile(r"^(?P<org>[a-z0-9][a-z0-9-]*)/(?P<year>\d{4})/(?P<doc>[a-z0-9][a-z0-9_-]*)$")
_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)(?P<sep>[ \t]*:[ \t]*)(?P<rest>.*)$")
_COMMENT = re.compile(r"[ \t]+#.*$")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?\n?$")


class TargetExists(PcdocsError):
    """A file `pcdocs new` would write already exists; nothing was written."""
    default_code = "bestaat-al"


@dataclass
class Scaffolded:
    source: Document
    target: DocRef
    period: Period
    files: dict[str, bytes] = field(default_factory=dict)  # repository-relative path -> bytes
    norms: int = 0  # values (norms) offered for the new period
    slots: list[Slot] = field(default_factory=list)


# -- names -------------------------------------------------------------------------------

def parse_name(text: str, role: str) -> DocRef:
    """`iasz/2025/jaarplan` -> DocRef; anything else is a usage error."""
    match = _NAME.match(text.strip().strip("/"))
    if not match:
        raise UsageError(f"{role} '{text}' is geen documentnaam",
                         hint="schrijf <organisatie>/<jaar>/<document>, bijv. iasz/2025/jaarplan")
    return DocRef(match["org"], int(match["year"]), match["doc"])


def _source_document(repo: Repository, ref: DocRef) -> Document:
    if ref.org not in repo.organisations or not (repo.docs_dir / ref.src_path).is_file():
        guess = suggest(ref.name, known := list(repo.documents))
        raise UsageError(f"het brondocument {ref.name} bestaat niet (docs/{ref.src_path})",
                         hint=f"bedoelde u '{guess}'?" if guess else
                         "bestaande documenten: " + ", ".join(known))
    return repo.load_document(ref)


def _check_target(target: DocRef, source: DocRef) -> None:
    if (target.org, target.doc) != (source.org, source.doc):
        raise UsageError(f"{target.name} is geen {source.doc} van {source.org}: een nieuw document "
                         "heeft dezelfde organisatie en soort als de bron",
                         hint=f"schrijf {source.org}/{target.year}/{source.doc}")
    if target.year <= source.year:
        raise UsageError(f"het jaar {target.year} ligt niet na {source.year}, het jaar van "
                         f"{source.name}",
                         hint=f"kies een later jaar, bijv. {source.org}/{source.year + 1}/"
                              f"{source.doc}")


# -- the document ------------------------------------------------------------------------

def _shift_years(text: str, old: int, new: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(new), text)


def _new_title(value: str, old: Period, new: Period) -> str:
    if old.start == old.end:
        return _shift_years(value, old.start, new.start)
    return re.sub(rf"(?<!\d){old.start}(\s*[-–]\s*){old.end}(?!\d)",
                  lambda m: f"{new.start}{m[1]}{new.end}", value)


def _front_line(line: str, old: Period, new: Period, today: dt.date) -> str:
    """One front matter line, moved on (value edited in place, comment kept)."""
    rules: dict[str, Callable[[str], str]] = {
        "periode": lambda v: re.sub(r"\d{4}", lambda m: str(int(m[0]) + new.start - old.start),
                                    v),
        "versie": lambda v: '"0.1"',
        "status": lambda v: Status.CONCEPT.value,
        "datum": lambda v: today.isoformat(),
        "titel": lambda v: _new_title(v, old, new),
        "title": lambda v: _new_title(v, old, new),
        "data": lambda v: _shift_years(v, old.start, new.start),
    }
    body = line.rstrip("\r\n")
    match = _KEY.match(body)
    if not match or match["key"] not in rules:
        return line
    key, rest = match["key"], match["rest"]
    comment = _COMMENT.search(rest)
    value, note = (rest[:comment.start()], comment[0]) if comment else (rest, "")
    note = "" if key == "datum" else note  # that comment describes the old date
    return f"{key}{match['sep']}{rules[key](value)}{note}{line[len(body):]}"


def _rewrite_front(lines: list[str], old: Period, new: Period, today: dt.date) -> list[str]:
    """The front matter lines (without the --- markers), moved on; `besluit` is dropped with
    the indented lines under it."""
    result: list[str] = []
    dropping = False
    for line in lines:
        if dropping and line[:1] in (" ", "\t"):
            continue
        match = _KEY.match(line.rstrip("\r\n"))
        dropping = match is not None and match["key"] == "besluit"
        if not dropping:
            result.append(_front_line(line, old, new, today))
    return result


def _document_text(source: Document, target: DocRef, new: Period, root: Path,
                   today: dt.date) -> str:
    lines = read_text(root / source.file, source.file).splitlines(keepends=True)
    close = next(i for i in range(1, len(lines)) if _CLOSING.match(lines[i]))
    front = _rewrite_front(lines[1:close], source.meta.period, new, today)
    # Edited line by line, so read it back: it must say what was meant.
    meta = parse_meta("".join(front), f"docs/{target.src_path}", expect_org=target.org,
                      expect_year=target.year, expect_doc=target.doc,
                      kinds=source.organisation.kind_map)
    if (meta.period, meta.version, meta.status, meta.date, meta.decision) != (
            new, "0.1", Status.CONCEPT, today, None):
        raise DocumentError(f"de front matter kon niet regel voor regel worden omgezet naar "
                            f"{target.name}", file=source.file, line=1,
                            hint="zet periode, versie, status, datum en besluit elk op een "
                                 "eigen regel (de onderdelen van besluit ingesprongen eronder)")
    return "".join([lines[0], *front, *lines[close:]])


# -- the data ----------------------------------------------------------------------------

def _data_folder(source: Document, target: DocRef) -> str:
    """The new document's data folder: the source's with the year moved on."""
    folder = source.data_folder
    if source.meta.data_folder is None:
        return f"{target.org}/{target.year}"
    moved = _shift_years(folder, source.ref.year, target.year)
    if moved == folder:
        raise DocumentError(f"de gegevensmap data/{folder}/ heeft geen jaartal en wordt gedeeld; "
                            "pcdocs new kan hem niet voor een nieuw jaar kopiëren",
                            file=source.file, key="data", code="gedeelde-gegevens",
                            hint=f"geef {source.ref.name} een gegevensmap met het jaar erin, "
                                 f"bijv. data: {source.ref.org}/{source.ref.year}")
    return moved


def _copy_data(repo: Repository, done: Scaffolded, slot_year: int) -> None:
    source, target = done.source, done.target
    src_dir = safe_folder(repo.data_dir, source.data_folder, source.file)
    if not src_dir.is_dir():
        return
    new_dir = f"data/{_data_folder(source, target)}"
    known = blocks()
    for path in sorted(p for p in src_dir.rglob("*") if p.is_file()):
        rel = f"{new_dir}/{path.relative_to(src_dir).as_posix()}"
        block = known.get(path.stem) if path.parent == src_dir else None
        if block is not None and block.carry is not None and path.name in block.file_names:
            carried = block.carry(Carry(path, repo.rel(path), rel, source.meta.period,
                                        done.period, slot_year))
            done.files[rel] = carried.text.encode("utf-8")
            done.norms += carried.offered
            done.slots += carried.slots
        else:
            done.files[rel] = path.read_bytes()


# -- writing -----------------------------------------------------------------------------

def _refuse_existing(root: Path, files: list[str]) -> None:
    existing = [rel for rel in files if (root / rel).exists()]
    if existing:
        raise TargetExists(
            f"{len(existing)} bestand(en) bestaan al: " + ", ".join(existing),
            file=existing[0],
            hint="pcdocs new overschrijft nooit iets en heeft niets geschreven; verwijder of "
                 "hernoem deze bestanden, of kies een ander jaar")


def _write_all(root: Path, files: dict[str, bytes]) -> None:
    """Write each file under a temporary name, then move it into place without ever
    replacing a file; on any failure undo everything this call made."""
    staged: list[tuple[Path, Path]] = []
    created: list[Path] = []
    current = ""
    try:
        for current, data in files.items():
            dest = root / current
            created += [p for p in reversed(dest.parents) if not p.exists()]
            dest.parent.mkdir(parents=True, exist_ok=True)
            staged.append((dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.tmp"), dest))
            with staged[-1][0].open("xb") as handle:
                handle.write(data)
        for tmp, dest in staged:
            current = dest.relative_to(root).as_posix()
            _place(tmp, dest)
            created.append(dest)
    except OSError as exc:
        for path in [tmp for tmp, _ in staged] + created[::-1]:
            with contextlib.suppress(OSError):
                path.unlink() if path.is_file() else path.rmdir()
        if isinstance(exc, FileExistsError) and (root / current).is_file():
            raise TargetExists(f"{current} is intussen aangemaakt", file=current,
                               hint="er is niets geschreven; probeer het opnieuw") from None
        raise PcdocsError(f"kan {current} niet schrijven ({exc.strerror})", file=current,
                          code="schrijven", hint="controleer de map en de rechten; er is "
                                                 "niets geschreven") from None
    for tmp, _ in staged:
        tmp.unlink(missing_ok=True)


def _place(tmp: Path, dest: Path) -> None:
    """Give `tmp` the name `dest`, failing if `dest` exists: a hard link never replaces a
    file (a rename would); where links are not supported, check and rename."""
    try:
        os.link(tmp, dest)
    except FileExistsError:
        raise
    except OSError:
        if dest.exists():
            raise FileExistsError(errno.EEXIST, "bestaat al", str(dest)) from None
        tmp.rename(dest)


# -- the command -------------------------------------------------------------------------

def scaffold(root: Path, target: str, source: str, *, today: dt.date | None = None
             ) -> Scaffolded:
    """Create `target` from `source` in the repository at `root`; returns what was made."""
    repo = Repository.find(root)
    target_ref = parse_name(target, "het nieuwe document")
    source_ref = parse_name(source, "het brondocument")
    document = _source_document(repo, source_ref)
    _check_target(target_ref, source_ref)
    old = document.meta.period
    shift = target_ref.year - old.start
    done = Scaffolded(document, target_ref, Period(old.start + shift, old.end + shift))
    day = today or dt.date.today()
    text = _document_text(document, target_ref, done.period, repo.root, day)
    done.files[f"docs/{target_ref.src_path}"] = text.encode("utf-8")
    _copy_data(repo, done, target_ref.year - 1)
    _refuse_existing(repo.root, list(done.files))
    _write_all(repo.root, done.files)
    return done


def new_document(root: Path, target: str, source: str, *, today: dt.date | None = None
                 ) -> list[str]:
    """Create `target` from `source`; the created paths, relative to the repository root."""
    return list(scaffold(root, target, source, today=today).files)


def summary(done: Scaffolded) -> list[str]:
    """What was made and what the author does next, in Dutch."""
    doc = f"docs/{done.target.src_path}"
    lines = [f"Nieuw document {done.target.name} (concept, versie 0.1) gemaakt uit "
             f"{done.source.ref.name}, {len(done.files)} bestand(en):",
             *(f"  {rel}" for rel in done.files), "Wat u nu doet:",
             f"- Werk de tekst bij in {doc}."]
    if done.norms:
        lines.append(f"- Controleer de normen {done.period.label}: {done.norms} norm(en) zijn "
                     f"overgenomen uit {done.source.meta.period.label}.")
    by_file: dict[str, list[str]] = {}
    for slot in done.slots:
        by_file.setdefault(slot.file, []).append(str(slot.line))
    if by_file:
        places = "; ".join(f"{file} regel {', '.join(numbers)}"
                           for file, numbers in by_file.items())
        lines.append(f"- Vul de realisaties {done.target.year - 1} in: {places}.")
    if len(done.files) > 1:
        lines.append(f"- Werk de overige cijfers bij: de gegevens zijn een kopie van "
                     f"data/{done.source.data_folder}/.")
    lines.append("- Controleer met pcdocs check" + (
        " (een lege realisatie blijft de waarschuwing realisatie-leeg geven tot hij is "
        "ingevuld)." if done.slots else "."))
    return lines
