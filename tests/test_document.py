import datetime as dt

import pytest

from pcdocs.errors import DocumentError
from pcdocs.model.frontmatter import Status, parse_meta, split_front_matter

GOOD = """organisatie: deventer
soort: uitvoeringsplan
periode: 2021
versie: "1.0"
status: vastgesteld
datum: 2021-01-19
besluit:
  orgaan: College van B&W
  datum: 2021-01-26
  nummer: 2021-000112
"""


def meta(text: str, year: int = 2021, doc: str = "uitvoeringsplan") -> object:
    return parse_meta(text, "docs/deventer/2021/uitvoeringsplan.md", expect_org="deventer",
                      expect_year=year, expect_doc=doc)


def test_front_matter_with_decision() -> None:
    m = parse_meta(GOOD, "x.md", expect_org="deventer", expect_year=2021,
                   expect_doc="uitvoeringsplan")
    assert m.title == "Uitvoeringsplan 2021"
    assert m.status is Status.VASTGESTELD
    assert m.decision is not None
    assert m.decision.text() == "College van B&W, 26 januari 2021 (nummer 2021-000112)"


def test_multi_year_period_and_month_date() -> None:
    text = GOOD.replace("periode: 2021", "periode: 2021-2024").replace(
        "datum: 2021-01-19", "datum: 2021-05")
    m = parse_meta(text, "x.md", expect_org="deventer", expect_year=2021,
                   expect_doc="uitvoeringsplan")
    assert m.period.label == "2021–2024"
    assert m.title == "Uitvoeringsplan 2021–2024"
    assert m.date == dt.date(2021, 5, 1) and m.date_is_month
    assert m.date_text() == "mei 2021"


@pytest.mark.parametrize(("change", "line", "code", "fragment"), [
    (("organisatie: deventer", "organisatie: zwolle"), 2, "front-matter", "past niet bij de map"),
    (("soort: uitvoeringsplan", "soort: jaarplan"), 3, "front-matter",
     "past niet bij de bestandsnaam"),
    (("periode: 2021", "periode: 2022"), 4, "front-matter", "begint in 2022"),
    (('versie: "1.0"', "versie: eerste"), 5, "front-matter", "geen versienummer"),
    (("status: vastgesteld", "status: vastgsteld"), 6, "onbekende-waarde",
     "geen toegestane waarde"),
    (("datum: 2021-01-19", "datum: gisteren"), 7, "geen-datum", "geen datum"),
    (("periode: 2021", "periode: volgend jaar"), 4, "front-matter", "geen periode"),
])
def test_errors_name_the_line_in_the_markdown_file(change: tuple[str, str], line: int,
                                                   code: str, fragment: str) -> None:
    with pytest.raises(DocumentError) as info:
        meta(GOOD.replace(*change))
    f = info.value.finding
    assert (f.file, f.line, f.code) == ("docs/deventer/2021/uitvoeringsplan.md", line, code)
    assert fragment in f.message


def test_missing_field() -> None:
    with pytest.raises(DocumentError) as info:
        meta(GOOD.replace("status: vastgesteld\n", ""))
    f = info.value.finding
    assert (f.file, f.line, f.code, f.key) == ("docs/deventer/2021/uitvoeringsplan.md", 1,
                                              "front-matter", "status")
    assert "'status' ontbreekt" in f.message


def test_split_front_matter_counts_lines() -> None:
    front, lines, body = split_front_matter("---\na: 1\nb: 2\n---\n\n## Kop\n")
    assert front == "a: 1\nb: 2\n"
    assert lines == 4
    assert body == "\n## Kop\n"
    assert split_front_matter("# Geen front matter\n")[0] is None
