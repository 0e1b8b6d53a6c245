"""Comparing documents: figure changes as typed records, text changes per section."""

from pcdocs.compare.diff import diff, diff_facts
from pcdocs.compare.model import Change, Comparison, Section, Snapshot, TextChange
from pcdocs.model.facts import Fact

__all__ = ["Change", "Comparison", "Fact", "Section", "Snapshot", "TextChange", "diff",
           "diff_facts"]
