"""One small exception tree. Every error names where it happened and what to do.

A user's mistake is always a :class:`PcdocsError`; the CLI turns it into a Dutch message
and an exit code in one place. Anything else is a bug and may show a traceback.

    PcdocsError              (exit 1; UsageError exit 2); every raise names its code
    ├── DataError            a data file
    ├── DocumentError        front-matter  a document's front matter or place
    ├── MacroError           a macro asks for what does not exist
    ├── TemplateError        macro-syntax  a page's macro syntax
    ├── ConfigError          the repository layout or mkdocs.yml
    │   └── ArchiveError     archief       a published version that cannot be read
    ├── GitFailed            git           git ran and refused
    ├── UsageError           gebruik       the command line
    ├── BuildFailed          build         the build's findings, all of them
    └── TargetExists         bestaat-al    (scaffold.py) `pcdocs new` would overwrite

A code after the name is the class's default; the others have none, so each raise gives its
own (`code=`), from the registry in `pcdocs.codes`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from pcdocs.codes import Code as Code
from pcdocs.codes import Severity as Severity


@dataclass(frozen=True)
class Finding:
    """One reported problem, as `pcdocs check` and the build print it."""

    severity: Severity
    code: Code  # registered in pcdocs.codes
    file: str | None
    line: int | None
    message: str
    hint: str | None = None
    key: str | None = None
    page: str | None = None
    page_line: int | None = None
    macro: str | None = None
    elsewhere: int = 0  # other places that asked for the same broken data

    def location(self) -> str:
        if self.file is None:
            return "(geen bestand)"
        return f"{self.file}:{self.line}" if self.line else self.file

    def format(self) -> str:
        """`file:line: code: message (hint)` plus, when known, where a page asked for it."""
        text = f"{self.location()}: {self.code}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if self.page and self.page != self.file:
            where = f"{self.page}:{self.page_line}" if self.page_line else self.page
            text += f"\n    gevraagd in {where}"
            if self.macro:
                text += f", macro {self.macro}"
            if self.elsewhere:
                places = "plaats" if self.elsewhere == 1 else "plaatsen"
                text += f" (en op {self.elsewhere} andere {places})"
        elif self.macro:
            text += f"\n    in macro {self.macro}"
        return text

    def as_json(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
            "key": self.key,
            "page": self.page,
            "page_line": self.page_line,
            "macro": self.macro,
        }


class PcdocsError(Exception):
    """Base of every error caused by input (data, documents, configuration, usage).

    Every error has a code from pcdocs.codes: `code=`, or the class's `default_code`."""

    default_code: ClassVar[Code | None] = None

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        key: str | None = None,
        hint: str | None = None,
        code: Code | None = None,
    ) -> None:
        super().__init__(message)
        chosen = code or self.default_code
        if chosen is None:
            raise TypeError(f"{type(self).__name__} needs a code from pcdocs.codes")
        self.finding = Finding(
            severity="error",
            code=chosen,
            file=file,
            line=line,
            message=message,
            hint=hint,
            key=key,
        )

    @property
    def message(self) -> str:
        return self.finding.message

    def at_page(self, page: str, line: int | None, macro: str | None) -> Finding:
        """The finding, completed with the page and macro that asked for the data."""
        f = self.finding
        if f.file is None:
            return replace(f, file=page, line=line, macro=macro, page=page, page_line=line)
        return replace(f, page=page, page_line=line, macro=macro)

    def __str__(self) -> str:
        return self.finding.format()


class DataError(PcdocsError):
    """A data file is missing, unreadable or does not fit its schema."""


class DocumentError(PcdocsError):
    """A document's front matter or place in `docs/` is wrong."""

    default_code: ClassVar[Code | None] = "front-matter"


class MacroError(PcdocsError):
    """A macro call in a page asks for something that does not exist."""


class TemplateError(PcdocsError):
    """A page's macro syntax is broken or uses something that is not allowed."""

    default_code: ClassVar[Code | None] = "macro-syntax"


class ConfigError(PcdocsError):
    """The repository layout or `mkdocs.yml` is not usable."""


class ArchiveError(ConfigError):
    """A published version in `archief/` cannot be read (a record or snapshot that is
    damaged, or written by a newer pcdocs)."""

    default_code = "archief"


class GitFailed(PcdocsError):
    """git ran and refused. `detail` is git's own last line of error output, `command` the
    git command (without `-C <root>`); the message says both in Dutch and what to do."""

    default_code = "git"

    def __init__(self, command: str, detail: str, *, root: str | None = None) -> None:
        where = f" in {root}" if root else ""
        super().__init__(f"git {command} is mislukt: {detail}",
                         hint=f"voer 'git {command}'{where} zelf uit om te zien wat git "
                              "bedoelt; pcdocs werkt in een git-repository met ten minste "
                              "één commit")
        self.command = command
        self.detail = detail


class UsageError(PcdocsError):
    """The command line was used wrongly (exit code 2)."""

    default_code: ClassVar[Code | None] = "gebruik"


class BuildFailed(PcdocsError):
    """The build found errors; `findings` holds all of them."""

    default_code: ClassVar[Code | None] = "build"

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.severity == "error"]
        super().__init__(f"de build is afgebroken: {len(errors)} fout(en)")
        self.findings = findings
