"""What pcdocs sets in a PDF after WeasyPrint has laid it out and before it is written
(WeasyPrint's `finisher` hook): structure and metadata details WeasyPrint leaves open."""

from __future__ import annotations

from typing import Any


def finish(document: Any, pdf: Any) -> None:
    """Called by `Document.write_pdf(finisher=...)` with WeasyPrint's document and the
    pydyf PDF about to be written."""
