"""Documents: `docs/<org>/<year>/<doc>.md` with a front matter that says what the document is.

```yaml
---
organisatie: iasz
soort: jaarplan          # a kind pcdocs knows or the organisation declares (kinds.py)
periode: 2024            # or 2023-2026 for a multi-year plan
versie: "1.0"
status: vastgesteld      # concept | vastgesteld
datum: 2024-01           # a date, or year-month when the day is not known
fictief: ja              # invented example content: title and banner say so
besluit:                 # only when there is one
  orgaan: College van B&W
  datum: 2021-01-26
  nummer: 2021-000112
---
```
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePosixPath
from typing import Any

from pcdocs.codes import Code
from pcdocs.errors import DocumentError
from pcdocs.model import fmt
from pcdocs.model.kinds import DocumentKind, builtin_kinds, declare_hint
from pcdocs.model.load import parse_yaml
from pcdocs.model.schema import Reader, suggest, to_period

FICTITIOUS = "fictief voorbeeld"
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


class Status(Enum):
    CONCEPT = "concept"
    VASTGESTELD = "vastgesteld"

    @property
    def label(self) -> str:
        return self.value.capitalize()


STATUSES = {s.value: s for s in Status}


@dataclass(frozen=True)
class Period:
    start: int
    end: int

    @property
    def label(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"

    @property
    def slug(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"


@dataclass(frozen=True)
class Decision:
    orgaan: str
    datum: dt.date
    nummer: str | None

    def text(self) -> str:
        base = f"{self.orgaan}, {fmt.long_date(self.datum)}"
        return f"{base} (nummer {self.nummer})" if self.nummer else base


@dataclass(frozen=True)
class DocumentMeta:
    org: str
    doc_type: str  # the kind's key, e.g. "jaarplan" (also the file name)
    kind: DocumentKind
    period: Period
    version: str
    status: Status
    date: dt.date
    date_is_month: bool
    decision: Decision | None
    title: str
    subtitle: str | None
    data_folder: str | None
    editions: bool = True  # `edities: nee` turns the per-gemeente editions off
    fictitious: bool = False  # `fictief: ja`: invented example content, marked everywhere
    # `nummering: ja`: tables and figures numbered, `verwijzing()` (None: not said; the
    # default is pcdocs.render.numbering.enabled's)
    numbering: bool | None = None

    def date_text(self) -> str:
        return fmt.month_year(self.date) if self.date_is_month else fmt.long_date(self.date)


def split_front_matter(text: str) -> tuple[str | None, int, str]:
    """(front matter YAML or None, number of lines it takes, the Markdown body)."""
    match = _FRONT.match(text)
    if not match:
        return None, 0, text
    header_lines = match.group(0).count("\n")
    return match.group(1) or "", header_lines, text[match.end():]


def parse_period(value: Any, error: Any) -> Period:
    """The document's period; the same rule as every period label in data (schema)."""
    return Period(*to_period(value, error))


def parse_meta(front: str, rel: str, *, expect_org: str, expect_year: int,
               expect_doc: str, kinds: Mapping[str, DocumentKind] | None = None
               ) -> DocumentMeta:
    """Validate a document's front matter against its place in `docs/`; `kinds`: the
    organisation's document kinds (default: the ones pcdocs ships)."""
    data = parse_yaml(front, rel, line_offset=1) if front.strip() else None
    if data is None:
        raise DocumentError("front matter is leeg", file=rel, line=1,
                            hint="noem ten minste organisatie, soort, periode, versie, status "
                                 "en datum")
    r = _MetaReader(data, rel)
    org = r.text("organisatie")
    if org != expect_org:
        raise r.error("organisatie", f"'{org}' past niet bij de map docs/{expect_org}/",
                      hint=f"schrijf 'organisatie: {expect_org}' of verplaats het bestand")
    known = builtin_kinds() if kinds is None else kinds
    kind = _kind(r, known, org)
    doc_type = kind.key
    if doc_type != expect_doc:
        hint = f"hernoem het bestand naar {doc_type}.md"
        if expect_doc not in known:  # the file is named after a kind nobody declared
            hint += "; of " + declare_hint(org, expect_doc)
        raise r.error("soort", f"'{doc_type}' past niet bij de bestandsnaam {expect_doc}.md",
                      hint=hint)
    period = parse_period(r.raw("periode"), lambda m, h: r.error("periode", m, hint=h))
    if period.start != expect_year:
        raise r.error("periode", f"de periode begint in {period.start}, maar het document "
                                 f"staat in de map {expect_year}",
                      hint=f"verplaats het naar docs/{expect_org}/{period.start}/")
    date, month_only = r.partial_date("datum")
    decision = None
    b = r.opt_map("besluit")
    if b is not None:
        decision = Decision(b.text("orgaan"), b.date("datum"), b.opt_text("nummer"))
        b.done()
    title = r.opt_text("titel") or f"{kind.naam} {period.label}"
    fictitious = r.boolean("fictief", False)
    if fictitious and FICTITIOUS not in title:
        title += f" ({FICTITIOUS})"
    meta = DocumentMeta(
        org=org, doc_type=doc_type, kind=kind, period=period, version=_version(r),
        status=r.choice("status", STATUSES), date=date, date_is_month=month_only,
        decision=decision, title=title, subtitle=r.opt_text("ondertitel"),
        data_folder=_data_folder(r), editions=r.boolean("edities", kind.edities),
        fictitious=fictitious,
        numbering=r.boolean("nummering", False) if r.has("nummering") else None,
    )
    if meta.status is Status.VASTGESTELD and meta.version.split(".")[0] == "0":
        raise r.error("status", f"versie {meta.version} is een concept, maar de status is "
                                "vastgesteld", code="concept-niet-gemarkeerd",
                      hint='schrijf "status: concept", of geef de vastgestelde versie een '
                           'nummer vanaf "1.0"')
    r.allow_page_keys()
    r.done()
    return meta


def _kind(r: Reader, known: Mapping[str, DocumentKind], org: str) -> DocumentKind:
    """`soort:`, one of the organisation's kinds; an unknown one is refused with the known
    kinds, the nearest of them, and how to declare a new one."""
    raw = r.raw("soort")
    text = str(raw).strip().lower()
    if isinstance(raw, str) and text in known:
        return known[text]
    guess = suggest(text, list(known))
    hint = (f"bedoelde u '{guess}'? " if guess else "") + (
        f"bekende soorten voor {org}: {', '.join(known)}; {declare_hint(org, text)}")
    shown = text if len(text) <= 40 else text[:37] + "..."
    raise r.error("soort", f"'{shown}' is geen documentsoort van {org}", hint=hint,
                  code="onbekende-soort")


def _data_folder(r: Reader) -> str | None:
    """`data: iasz/2024`: a folder inside data/, reported at its line when it cannot be."""
    folder = r.opt_text("data")
    if folder is not None:
        pure = PurePosixPath(folder)
        if pure.is_absolute() or ".." in pure.parts or "\\" in folder or ":" in folder:
            raise r.error("data", f"'{folder}' is geen map binnen data/", code="pad-buiten-data",
                          hint="geef een map als 'iasz/2024', zonder '..' en niet absoluut")
    return folder


def _version(r: Reader) -> str:
    raw = r.raw("versie")
    text = str(raw).strip()
    if not re.match(r"^\d+(\.\d+){0,2}$", text):
        raise r.error("versie", f"'{text}' is geen versienummer",
                      hint='schrijf bijv. versie: "0.4" of versie: "1.0"')
    return text


class _MetaReader(Reader):
    """Reader for front matter; also accepts the MkDocs/Material page keys."""

    PAGE_KEYS = ("title", "description", "hide", "render_macros", "search", "template")

    def __init__(self, data: Any, file: str) -> None:
        super().__init__(data, file)
        self.file = file

    def error(self, key: Any, message: str, *, hint: str | None = None,
              code: Code = "front-matter") -> DocumentError:
        return DocumentError(f"{key}: {message}", file=self.file, line=self.line_of(key),
                             key=str(key), hint=hint, code=code)

    def raw(self, key: Any) -> Any:
        if key not in self.data or self.data[key] is None:
            raise DocumentError(f"'{key}' ontbreekt in de front matter", file=self.file,
                                line=1, key=str(key), code="front-matter",
                                hint=f"voeg '{key}: ...' toe tussen de regels met ---")
        return super().raw(key)

    def allow_page_keys(self) -> None:
        for key in self.PAGE_KEYS:
            self.optional(key)
