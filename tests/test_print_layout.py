"""Layout invariants on every PDF the example site builds: documents, editions and comparisons.

What is checked, and how, is described in `tests/pdf_layout.py`; the checks read the laid-out
pages back from the PDF files (glyph positions and the tagged structure tree). Every problem of
every PDF is reported at once, with the PDF, the page and what is wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Built
from .pdf_layout import (
    FROZEN,
    HEADINGS,
    Problem,
    SitePdf,
    check_bounds,
    check_figures,
    check_page_ends,
    html_figures,
    page_rules,
    read_pdf,
    site_pdfs,
)


@pytest.fixture(scope="module")
def pdfs(built: Built) -> list[SitePdf]:
    found = site_pdfs(built.site)
    kinds = {item.kind for item in found}
    assert kinds == {"document", "comparison", "archived"}, kinds
    return found


def checked(pdfs: list[SitePdf], *kinds: str) -> list[SitePdf]:
    """The PDFs the invariants hold for. Archived versions are not among them: see FROZEN."""
    return [item for item in pdfs if item.kind in kinds]


def fail_with(problems: list[Problem], what: str, pdfs: int) -> None:
    if problems:
        files = len({p.pdf for p in problems})
        pytest.fail(f"{what}: {len(problems)} problem(s) in {files} of {pdfs} PDF(s)\n"
                    + "\n".join(f"- {p}" for p in problems), pytrace=False)


def screen_only() -> list[str]:
    """What print leaves out on purpose, named in one place:
    `pcdocs.output.printing.SCREEN_ONLY`."""
    from pcdocs.output import printing

    selectors = getattr(printing, "SCREEN_ONLY", None)
    if not isinstance(selectors, dict) or not selectors:
        pytest.fail("pcdocs.output.printing.SCREEN_ONLY (CSS selector → reason) is missing: it "
                    "is the one list of what the PDF leaves out on purpose, and the only figures "
                    "this test excuses", pytrace=False)
    return [str(selector) for selector in selectors]


def test_print_css_has_the_page_rules_the_checks_use() -> None:
    rules = page_rules()
    assert {"", "omslag", "breed"} <= set(rules), sorted(rules)
    assert rules["breed"].width > rules["breed"].height
    assert rules[""].left > 0 and rules[""].right > 0 and rules["omslag"].left == 0


def test_everything_is_inside_the_page_and_the_content_area(
        built: Built, pdfs: list[SitePdf]) -> None:
    """(a) No glyph, image or line beyond the page edge; no text beyond the side margins; no
    body text in the top or bottom margin band (only the running header and footer)."""
    rules = page_rules()
    subjects = checked(pdfs, "document", "comparison")
    problems = [p for item in subjects for p in check_bounds(built.site, item.pdf, rules)]
    fail_with(problems, "content outside the page or its content area", len(subjects))


def test_no_page_ends_with_a_heading_or_a_table_title(built: Built, pdfs: list[SitePdf]) -> None:
    """(b) A heading, a table caption or a table title is never the last thing on a page."""
    subjects = checked(pdfs, "document", "comparison")
    for item in subjects:  # the structure tree the check relies on is there
        tags = {t for c in read_pdf(built.site / item.pdf).content for t in c.tags}
        assert tags & HEADINGS and "/P" in tags, f"{item.pdf}: no tagged headings ({tags})"
    problems = [p for item in subjects for p in check_page_ends(built.site, item.pdf)]
    fail_with(problems, "pages ending with a heading or table title", len(subjects))


def test_every_figure_of_a_page_is_in_its_pdf(built: Built, pdfs: list[SitePdf]) -> None:
    """(c) Every `span.pc-cijfer` of a document's page (and of each edition's page) is legible
    in that document's PDF, except inside what print leaves out on purpose (SCREEN_ONLY)."""
    selectors = screen_only()
    subjects = checked(pdfs, "document")
    problems: list[Problem] = []
    figures = 0
    for item in subjects:
        assert item.html is not None
        figures += len(html_figures(built.site, item.html, selectors))
        problems += check_figures(built.site, item.pdf, item.html, selectors)
    assert figures > 1000, f"only {figures} figures found on the pages: is the selector right?"
    fail_with(problems, f"figures of the page missing from the PDF (of {figures} checked)",
              len(subjects))


def test_archived_versions_are_left_as_published(built: Built, pdfs: list[SitePdf]) -> None:
    """Archived PDFs are not held to the invariants (FROZEN); how many would fail is said."""
    rules = page_rules()
    archived = checked(pdfs, "archived")
    assert archived
    for item in archived:
        assert Path(item.pdf).parts.count("versie") == 1, item.pdf
    problems = [p for item in archived
                for p in check_bounds(built.site, item.pdf, rules)
                + check_page_ends(built.site, item.pdf)]
    if problems:
        files = len({p.pdf for p in problems})
        pytest.skip(f"not checked: {FROZEN}. They have {len(problems)} layout problem(s) in "
                    f"{files} of {len(archived)} archived PDF(s), e.g. {problems[0]}")
