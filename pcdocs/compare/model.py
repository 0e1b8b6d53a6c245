"""What a comparison works on and what it yields: snapshots of documents, change records.

A `Snapshot` is everything of one document (or edition, version, git revision) that a
comparison needs: its identity, every figure it uses as a `Fact`, and its text per section.
Snapshots are plain data, stored as JSON next to a published version, so two versions can be
compared long after the code or data that made them changed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pcdocs.model.facts import Fact, canonical


@dataclass(frozen=True)
class Section:
    """A part of the text under one heading (level 2 or 3), in reading order."""

    level: int
    heading: str
    path: tuple[str, ...]  # headings from the chapter down to this one
    anchor: str
    text: str

    @property
    def title(self) -> str:
        return " › ".join(self.path)


def _fact_json(fact: Fact) -> dict[str, Any]:
    """A fact as snapshot.json keeps it: its weight (if any) as exact text."""
    data = asdict(fact)
    weight = data.pop("weight")
    if weight is not None:
        data["weight"] = canonical(weight)
    return data


@dataclass(frozen=True)
class Snapshot:
    name: str  # how the user named it: iasz/2024/jaarplan[:edition][@rev]
    org: str
    year: int  # first year of the period
    doc: str
    edition: str | None
    title: str
    version: str
    status: str
    date: str
    facts: tuple[Fact, ...]
    sections: tuple[Section, ...]
    revision: str | None = None  # git commit or archived version it was taken from

    @property
    def label(self) -> str:
        """'Jaarplan 2024, versie 1.0 (vastgesteld)'."""
        return f"{self.title}, versie {self.version} ({self.status})"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["facts"] = [_fact_json(f) for f in self.facts]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Snapshot:
        facts = tuple(Fact(**{**f, "weight": None if f.get("weight") is None
                              else Decimal(f["weight"])}) for f in data["facts"])
        sections = tuple(Section(s["level"], s["heading"], tuple(s["path"]), s["anchor"],
                                 s["text"]) for s in data["sections"])
        return cls(**{**data, "facts": facts, "sections": sections})


@dataclass(frozen=True)
class Change:
    """A figure change: kind, block, key, old, new and a Dutch sentence (GUIDE section 3)."""

    kind: str  # e.g. norm-gewijzigd, status-omgeslagen, risico-verplaatst, actie-afgerond
    block: str
    key: str
    old: str | None
    new: str | None
    message: str
    old_value: str | None = None  # canonical values, for JSON and sorting
    new_value: str | None = None
    magnitude: Decimal | None = None  # relative size of a numeric change (0.1 = 10%)
    effect: Decimal | None = None  # effect in euro of a weighed fact added, dropped, re-rated

    def as_json(self) -> dict[str, Any]:
        data = {"kind": self.kind, "block": self.block, "key": self.key,
                "old": _json_value(self.old_value, self.old),
                "new": _json_value(self.new_value, self.new), "message": self.message,
                "old_text": self.old, "new_text": self.new,
                # from 0 a relative change has no finite size: null (JSON has no Infinity)
                "relative": None if self.magnitude is None or not self.magnitude.is_finite()
                else float(self.magnitude)}
        if self.effect is not None:  # only a weighed fact (a risk) has one
            data["effect"] = float(self.effect)
        return data


@dataclass(frozen=True)
class TextChange:
    """A section compared: status and, when its words changed, a redline."""

    section: str  # the section's title (path) in the new document, or the old one
    status: str  # ongewijzigd, gewijzigd, toegevoegd, verwijderd, verplaatst
    old_section: str | None
    new_section: str | None
    changed: bool  # words differ (also for a moved section)
    renamed: bool
    added_words: int
    removed_words: int
    redline: tuple[tuple[str, str], ...] = field(default=())  # ("=", "+", "-"), words
    new_anchor: str | None = None
    old_anchor: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {"section": self.section, "status": self.status,
                "old_section": self.old_section, "new_section": self.new_section,
                "changed": self.changed, "renamed": self.renamed,
                "added_words": self.added_words, "removed_words": self.removed_words,
                "redline": word_diff(self.redline)}


@dataclass(frozen=True)
class Comparison:
    old: Snapshot
    new: Snapshot
    changes: tuple[Change, ...]
    text: tuple[TextChange, ...]

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for change in self.changes:
            result[change.kind] = result.get(change.kind, 0) + 1
        return dict(sorted(result.items(), key=lambda kv: (-kv[1], kv[0])))

    def text_counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for t in self.text:
            result[t.status] = result.get(t.status, 0) + 1
        return result

    def largest(self, n: int = 5) -> list[Change]:
        numeric = [c for c in self.changes if c.magnitude is not None]
        return numeric[:n]

    def summary(self) -> dict[str, Any]:
        by_block: dict[str, int] = {}
        for change in self.changes:
            by_block[change.block] = by_block.get(change.block, 0) + 1
        return {
            "old": {"name": self.old.name, "label": self.old.label,
                    "revision": self.old.revision},
            "new": {"name": self.new.name, "label": self.new.label,
                    "revision": self.new.revision},
            "figure_changes": len(self.changes),
            "by_kind": self.counts(),
            "by_block": by_block,
            "text_changes": sum(1 for t in self.text if t.status != "ongewijzigd"),
            "sections": self.text_counts(),
            "largest": [c.key for c in self.largest()],
        }

    def as_json(self) -> dict[str, Any]:
        return {"summary": self.summary(),
                "changes": [c.as_json() for c in self.changes],
                "text": [t.as_json() for t in self.text]}


def word_diff(ops: tuple[tuple[str, str], ...]) -> str:
    """A redline as plain text, git word-diff style: [-removed-]{+added+}."""
    parts = []
    for op, words in ops:
        parts.append(words if op == "=" else f"[-{words}-]" if op == "-" else f"{{+{words}+}}")
    return " ".join(parts)


def _json_value(value: str | None, text: str | None) -> object:
    if value is None:
        return None
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return value
    if not number.is_finite():
        return text
    return int(number) if number == number.to_integral_value() else float(number)
