"""Document kinds are data (pcdocs/model/kinds.py): the kinds pcdocs ships, the kinds an
organisation declares in its organisatie.yaml, and everything that names a document's kind
(title, cover, running header, PDF metadata, series, manifest, compare, `pcdocs new`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import json
import tomllib
from pathlib import Path

import pytest

from pcdocs.commands.scaffold import scaffold
from pcdocs.compare.command import compare
from pcdocs.errors import DocumentError, PcdocsError, UsageError
from pcdocs.model.frontmatter import DocumentMeta, parse_meta
from pcdocs.model.kinds import (
    BUILTIN_FILE,
    GUIDE,
    TABLE_END,
    TABLE_START,
    builtin_kinds,
    guide_table,
)
from pcdocs.model.organisation import Organisation, load_organisation
from pcdocs.model.repository import Repository
from pcdocs.output import editions, printing, series
from pcdocs.output.portal import document_header

from .conftest import ROOT, copy_example, run_cli

# The labels the six kinds had before they were data (frontmatter.DOC_TYPES): the existing
# documents' titles, covers and PDFs say exactly these words.
EARLIER_LABELS = {
    "jaarplan": "Jaarplan", "meerjarenbeleidsplan": "Meerjarenbeleidsplan",
    "uitvoeringsplan": "Uitvoeringsplan", "voortgangsrapportage": "Voortgangsrapportage",
    "jaarverslag": "Jaarverslag", "bestuursrapportage": "Bestuursrapportage",
}

# The example documents that were there before kinds were data.
EXISTING = ("deventer/2021/uitvoeringsplan", "iasz/2024/jaarplan", "iasz/2025/jaarplan",
            "isd-bol/2023/meerjarenbeleidsplan", "pijnacker-nootdorp/2022/voortgangsrapportage",
            "szmh/2019/jaarplan")


ORG_FILE = "data/bol/organisatie.yaml"
ORG_HEAD = """naam: Sociale Dienst Voorbeeld
korte_naam: SDV
huiskleur: "#5b2a86"
gemeenten:
  - naam: Brunssum
  - naam: Landgraaf
"""
BEDRIJFSPLAN = """documentsoorten:
  bedrijfsplan:
    naam: Bedrijfsplan
    meervoud: Bedrijfsplannen
    edities: nee
    omschrijving: Hoe de dienst is ingericht en wat dat kost.
"""


def organisation(tmp_path: Path, kinds: str = BEDRIJFSPLAN) -> Organisation:
    path = tmp_path / "organisatie.yaml"
    path.write_text(ORG_HEAD + kinds, encoding="utf-8")
    return load_organisation(path, ORG_FILE, "bol")


def front(soort: str, extra: str = "", periode: str = "2024") -> str:
    return (f"organisatie: bol\nsoort: {soort}\nperiode: {periode}\nversie: \"1.0\"\n"
            f"status: vastgesteld\ndatum: 2024-01\n{extra}")


# -- the built-in kinds ----------------------------------------------------------------------

def test_the_built_in_kinds_come_from_the_shipped_data_file() -> None:
    kinds = builtin_kinds()
    assert list(kinds) == [*EARLIER_LABELS, "begroting", "kadernota", "jaarrekening"]
    assert {k: kinds[k].naam for k in EARLIER_LABELS} == EARLIER_LABELS
    assert (kinds["begroting"].naam, kinds["begroting"].meervoud) == ("Begroting", "Begrotingen")
    assert kinds["kadernota"].meervoud == "Kadernota's"
    assert all(kinds[k].edities for k in EARLIER_LABELS)  # as before: editions by default
    assert not kinds["jaarrekening"].edities  # one audited whole, not one per gemeente
    assert all(k.builtin and k.omschrijving for k in kinds.values())
    assert kinds["begroting"].source.file == BUILTIN_FILE and kinds["begroting"].source.line


def test_the_data_file_is_part_of_the_installed_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["pcdocs"]
    relative = BUILTIN_FILE.removeprefix("pcdocs/")
    assert (ROOT / BUILTIN_FILE).is_file()
    assert any(fnmatch.fnmatch(relative, p) for p in patterns), patterns


def test_the_guide_shows_the_table_the_data_file_makes() -> None:
    page = (ROOT / GUIDE).read_text(encoding="utf-8")
    shown = page.split(TABLE_START, 1)[1].split(TABLE_END, 1)[0].strip()
    assert shown == guide_table(), (
        f"{GUIDE} loopt achter op {BUILTIN_FILE}: zet tussen de markeringen de uitvoer van "
        "'.venv/bin/python -m pcdocs.model.kinds'")
    for kind in builtin_kinds().values():
        assert f"| `{kind.key}` | **{kind.naam}**, reeks *{kind.meervoud}*, edities: " in shown


def test_every_existing_document_keeps_its_kind_and_its_words() -> None:
    repo = Repository(ROOT)
    assert not repo.problems
    for document in repo.documents.values():
        assert document.kind == repo.organisations[document.ref.org].kind(document.ref.doc)
        assert document.kind.key == document.ref.doc
    for name in EXISTING:
        document = repo.documents[name]
        assert document.kind.naam == EARLIER_LABELS[document.ref.doc]
        assert document.kind.naam.lower() in document.meta.title.lower()
        # the header names the kind only when the title does not: not for these documents
        assert "<dt>Soort</dt>" not in document_header(document, [])


# -- an organisation's own kinds -------------------------------------------------------------

def test_an_organisation_declares_a_kind_and_renames_a_built_in_one(tmp_path: Path) -> None:
    org = organisation(tmp_path, BEDRIJFSPLAN + """  notitie:
    naam: Notitie
  voortgangsrapportage:
    naam: Tussenrapportage
    meervoud: Tussenrapportages
  jaarverslag:
    edities: nee
""")
    kinds = org.kind_map
    plan = kinds["bedrijfsplan"]
    assert (plan.naam, plan.meervoud, plan.edities, plan.builtin) == (
        "Bedrijfsplan", "Bedrijfsplannen", False, False)
    assert (plan.source.file, plan.source.line) == (ORG_FILE, 8)
    assert (kinds["notitie"].meervoud, kinds["notitie"].edities) == ("Notitie", True)
    assert kinds["voortgangsrapportage"].naam == "Tussenrapportage"
    # what an override leaves out stays pcdocs' own
    verslag = kinds["jaarverslag"]
    assert (verslag.naam, verslag.meervoud, verslag.edities) == (
        "Jaarverslag", "Jaarverslagen", False)
    assert verslag.omschrijving == builtin_kinds()["jaarverslag"].omschrijving
    assert list(kinds)[:9] == list(builtin_kinds())  # pcdocs' own first, in their order
    assert builtin_kinds()["voortgangsrapportage"].naam == "Voortgangsrapportage"  # untouched


@pytest.mark.parametrize(("kinds", "code", "line", "said"), [
    ("documentsoorten:\n  Bedrijfs plan:\n    naam: X\n", "ongeldige-code", 8,
     "'bedrijfs-plan'"),
    ("documentsoorten:\n  2025plan:\n    naam: X\n", "ongeldige-code", 8,
     "beginnend met een letter"),
    ("documentsoorten:\n  index:\n    naam: Index\n", "ongeldige-code", 8, "index.md"),
    ("documentsoorten:\n  bedrijfsplan:\n    meervoud: Bedrijfsplannen\n",
     "ontbrekende-sleutel", 8, "naam"),
    ("documentsoorten:\n  bedrijfsplan:\n    naam: ''\n", "lege-waarde", 9, "naam"),
    ("documentsoorten:\n  bedrijfsplan:\n    naam: " + "x" * 61 + "\n", "ongeldige-waarde", 9,
     "te lang"),
    ("documentsoorten:\n  a:\n    naam: A\n  a:\n    naam: B\n", "dubbele-sleutel", 10, "'a'"),
    ("documentsoorten:\n  werkplan:\n    naam: jaarplan\n", "dubbele-soort", 9,
     "documentsoort 'jaarplan'"),
    ("documentsoorten:\n  werkplan:\n    naam: Werkplan\n    meervoud: Begrotingen\n",
     "dubbele-soort", 10, "het meervoud"),
    ("documentsoorten:\n  a:\n    naam: Plan\n  b:\n    naam: Plan\n", "dubbele-soort", 9,
     f"in {ORG_FILE}"),
    ("documentsoorten:\n  bedrijfsplan:\n    naam: X\n    editie: nee\n", "onbekende-sleutel",
     10, "'edities'"),
    ("documentsoorten:\n  bedrijfsplan:\n    naam: X\n    edities: soms\n", "geen-ja-nee", 10,
     "soms"),
    ("documentsoorten:\n  bedrijfsplan: Bedrijfsplan\n", "verkeerd-type", 8, "naam:"),
    ("documentsoorten:\n  - bedrijfsplan\n", "verkeerd-type", 7, "documentsoorten"),
])
def test_a_wrong_declaration_names_file_line_and_what_to_do(
        tmp_path: Path, kinds: str, code: str, line: int, said: str) -> None:
    with pytest.raises(PcdocsError) as caught:
        organisation(tmp_path, kinds)
    finding = caught.value.finding
    assert (finding.code, finding.file, finding.line) == (code, ORG_FILE, line), finding
    assert finding.hint and said in finding.format()


# -- a document's kind -------------------------------------------------------------------------

def test_an_unknown_kind_lists_the_known_ones_and_says_how_to_declare_one(
        tmp_path: Path) -> None:
    org = organisation(tmp_path)
    with pytest.raises(DocumentError) as caught:
        parse_meta(front("begrotingen"), "docs/bol/2024/begrotingen.md", expect_org="bol",
                   expect_year=2024, expect_doc="begrotingen", kinds=org.kind_map)
    finding = caught.value.finding
    assert (finding.code, finding.line, finding.key) == ("onbekende-soort", 3, "soort")
    assert "'begrotingen' is geen documentsoort van bol" in finding.message
    hint = finding.hint or ""
    assert hint.startswith("bedoelde u 'begroting'?")
    assert "bekende soorten voor bol: jaarplan, meerjarenbeleidsplan" in hint
    assert all(key in hint for key in org.kind_map) and "bedrijfsplan" in hint
    assert "data/bol/organisatie.yaml onder 'documentsoorten:'" in hint
    assert "met de sleutel 'begrotingen' en ten minste 'naam:'" in hint
    # without the declaration the organisation's own kind is unknown too
    with pytest.raises(DocumentError, match="geen documentsoort"):
        parse_meta(front("bedrijfsplan"), "x.md", expect_org="bol", expect_year=2024,
                   expect_doc="bedrijfsplan")


def test_a_file_named_after_an_undeclared_kind_says_how_to_declare_it() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_meta(front("jaarplan"), "docs/bol/2024/bedrijfsplan.md", expect_org="bol",
                   expect_year=2024, expect_doc="bedrijfsplan")
    hint = caught.value.finding.hint or ""
    assert hint.startswith("hernoem het bestand naar jaarplan.md; of is het een nieuwe soort")
    assert "met de sleutel 'bedrijfsplan'" in hint


def test_the_kind_gives_the_title_and_the_default_for_editions(tmp_path: Path) -> None:
    kinds = organisation(tmp_path).kind_map

    def meta(soort: str, extra: str = "", periode: str = "2024") -> DocumentMeta:
        return parse_meta(front(soort, extra, periode), "x.md", expect_org="bol",
                          expect_year=2024, expect_doc=soort, kinds=kinds)

    plan = meta("bedrijfsplan", periode="2024-2027")
    assert (plan.title, plan.kind.key, plan.doc_type, plan.editions) == (
        "Bedrijfsplan 2024–2027", "bedrijfsplan", "bedrijfsplan", False)
    assert meta("bedrijfsplan", "edities: ja\n").editions  # the front matter goes first
    assert not meta("jaarrekening").editions and meta("jaarrekening").title == "Jaarrekening 2024"
    assert meta("begroting").editions and not meta("begroting", "edities: nee\n").editions
    assert meta("bedrijfsplan", "titel: Op weg naar 2027\n").title == "Op weg naar 2027"


def test_the_header_names_the_kind_when_the_title_does_not() -> None:
    repo = Repository(ROOT)
    document = repo.documents["pijnacker-nootdorp/2022/voortgangsrapportage"]
    renamed = dataclasses.replace(
        document, meta=dataclasses.replace(document.meta, title="Najaarsnota 2022"))
    header = document_header(renamed, [])
    assert "<dt>Soort</dt><dd>Voortgangsrapportage</dd>" in header


def test_print_follows_the_organisations_name_for_the_kind_not_the_file_name() -> None:
    document = Repository(ROOT).documents["szmh/2019/jaarplan"]
    renamed = dataclasses.replace(builtin_kinds()["jaarplan"], naam="Jaarwerkplan")
    document = dataclasses.replace(document, meta=dataclasses.replace(
        document.meta, kind=renamed, title="Jaarwerkplan 2019"))
    meta = editions.print_meta(editions.Printable(document, None, "", "x/index.html", ()),
                               "2024-01-01T00:00:00+00:00", None)
    assert (meta.doc_type, meta.running_title) == ("Jaarwerkplan", "Jaarwerkplan 2019")
    assert meta.subject.startswith("Jaarwerkplan 2019 van ")
    assert "jaarwerkplan" in meta.keywords and "jaarplan" not in meta.keywords


# -- compare ---------------------------------------------------------------------------------

def test_compare_refuses_two_documents_of_different_kinds() -> None:
    with pytest.raises(UsageError) as caught:
        compare(ROOT, "iasz/2024/jaarplan", "deventer/2021/uitvoeringsplan")
    finding = caught.value.finding
    assert finding.code == "andere-soort"
    assert finding.message == (
        "iasz/2024/jaarplan is een jaarplan en deventer/2021/uitvoeringsplan is een "
        "uitvoeringsplan: pcdocs vergelijkt alleen documenten van dezelfde soort")
    assert "iasz/<jaar>/jaarplan met iasz/2024/jaarplan" in (finding.hint or "")
    run = run_cli("-C", str(ROOT), "compare", "isd-bol/2023/meerjarenbeleidsplan@0.4",
                  "iasz/2024/jaarplan")
    assert run.code == 2 and run.out == "" and "Traceback" not in run.err
    assert "andere-soort: isd-bol/2023/meerjarenbeleidsplan is een meerjarenbeleidsplan" \
        in run.err


# -- a private build with a declared kind ----------------------------------------------------

DECLARED = """documentsoorten:
  bedrijfsplan:
    naam: Bedrijfsplan
    meervoud: Bedrijfsplannen
    edities: nee
"""
PAGE = """---
organisatie: isd-bol
soort: bedrijfsplan
periode: {year}
versie: "{version}"
status: {status}
datum: {year}-01
data: isd-bol/2023
fictief: ja
{extra}---

## Inleiding

Het bedrijfsplan van {{{{ organisatie_kort }}}} voor de gemeenten {{{{ gemeenten }}}}.
"""


@pytest.fixture(scope="module")
def declared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with a kind `bedrijfsplan` declared by ISD BOL, and two of them: 2023
    (beside the meerjarenbeleidsplan of 2023) and 2024 (with `edities: ja`), built."""
    root = copy_example(tmp_path_factory.mktemp("soorten"))
    org_file = root / "data/isd-bol/organisatie.yaml"
    org_file.write_text(org_file.read_text(encoding="utf-8") + DECLARED, encoding="utf-8")
    for year, version, status, extra in ((2023, "1.0", "vastgesteld", ""),
                                         (2024, "0.2", "concept", "edities: ja\n")):
        page = root / f"docs/isd-bol/{year}/bedrijfsplan.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGE.format(year=year, version=version, status=status, extra=extra),
                        encoding="utf-8")
    run = run_cli("-C", str(root), "build", "--geen-pdf")
    assert run.code == 0, run.err
    return root


def test_a_declared_kind_has_its_own_cover_running_header_and_pdf_metadata(
        declared: Path) -> None:
    document = Repository(declared).documents["isd-bol/2023/bedrijfsplan"]
    item = editions.Printable(document, None, "<h2>Inleiding</h2>",
                              "isd-bol/2023/bedrijfsplan/index.html", ())
    meta = editions.print_meta(item, "2024-01-01T00:00:00+00:00", None)
    assert meta.doc_type == "Bedrijfsplan" and meta.running_title == "Bedrijfsplan 2023"
    assert meta.title == "Bedrijfsplan 2023 (fictief voorbeeld)"
    assert meta.subject.startswith("Bedrijfsplan 2023 van Intergemeentelijke Sociale Dienst")
    assert meta.full_title.startswith("Bedrijfsplan 2023 (fictief voorbeeld) – ")
    assert "bedrijfsplan" in meta.keywords and "meerjarenbeleidsplan" not in meta.keywords
    assert item.pdf_path == "isd-bol/2023/bedrijfsplan/isd-bol-2023-bedrijfsplan.pdf"
    html = printing.compose(item.content_html, meta)
    assert '<p class="pc-omslag__soort">Bedrijfsplan</p>' in html
    assert '<meta name="description" content="Bedrijfsplan 2023 van ' in html
    assert "Meerjarenbeleidsplan" not in html


def test_a_declared_kind_is_a_series_of_its_own(declared: Path) -> None:
    repo = Repository(declared)
    found = series.all_series(repo)
    assert [e.name for e in found[("isd-bol", "bedrijfsplan")]] == [
        "isd-bol/2023/bedrijfsplan", "isd-bol/2024/bedrijfsplan"]
    assert {e.doc for e in found[("isd-bol", "meerjarenbeleidsplan")]} == {
        "meerjarenbeleidsplan"}
    overview = (declared / "site/isd-bol/bedrijfsplan/index.html").read_text(encoding="utf-8")
    assert "Bedrijfsplannen ISD BOL: alle jaren en versies" in overview.replace("\xad", "")
    assert "Jaren en versies: Bedrijfsplannen van ISD BOL" in overview
    assert (declared / "site/isd-bol/bedrijfsplan/vergelijking/2023-1.0_2024-0.2/"
                       "index.html").is_file()
    manifest = json.loads((declared / "site/manifest.json").read_text(encoding="utf-8"))
    kinds = {(d["org"], d["year"], d["doc"], d["edition"]): d.get("kind")
             for d in manifest["documents"] if not d["archived"]}
    assert kinds[("isd-bol", 2023, "bedrijfsplan", None)] == "Bedrijfsplan"
    assert kinds[("isd-bol", 2023, "meerjarenbeleidsplan", None)] == "Meerjarenbeleidsplan"
    assert kinds[("iasz", 2024, "jaarplan", None)] == "Jaarplan"
    # the kind's default (no editions) and the front matter that overrules it
    assert ("isd-bol", 2023, "bedrijfsplan", "brunssum") not in kinds
    assert kinds[("isd-bol", 2024, "bedrijfsplan", "brunssum")] == "Bedrijfsplan"


def test_two_kinds_in_one_organisation_and_year_are_never_compared(declared: Path) -> None:
    repo = Repository(declared)
    for (_, doc), entries in series.all_series(repo).items():
        for old, new in series.comparisons(entries):
            assert old.doc == new.doc == doc
    manifest = json.loads((declared / "site/manifest.json").read_text(encoding="utf-8"))
    pairs = {(c["org"], c["old"].split("@")[0], c["new"].split("@")[0])
             for c in manifest["comparisons"]}
    assert ("isd-bol", "isd-bol/2023/bedrijfsplan", "isd-bol/2024/bedrijfsplan") in pairs
    for _, old, new in pairs:
        assert old.rsplit("/", 1)[1] == new.rsplit("/", 1)[1], (old, new)
    pages = [p.relative_to(declared / "site").parts
             for p in (declared / "site").glob("*/*/vergelijking/*")]
    assert len(pages) == len(pairs)  # every comparison page is one within a series
    assert {(org, doc) for org, doc, _, _ in pages} <= set(series.all_series(repo))
    with pytest.raises(UsageError, match="een bedrijfsplan en"):
        compare(declared, "isd-bol/2023/bedrijfsplan", "isd-bol/2023/meerjarenbeleidsplan")


def test_new_makes_next_years_document_of_a_declared_kind(declared: Path,
                                                          tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    for rel in ("data/isd-bol/organisatie.yaml", "docs/isd-bol/2023/bedrijfsplan.md"):
        (root / rel).write_bytes((declared / rel).read_bytes())
    # (a year no example uses: nothing of the target may exist)
    done = scaffold(root, "isd-bol/2030/bedrijfsplan", "isd-bol/2023/bedrijfsplan",
                    today=dt.date(2029, 10, 1))
    made = Repository(root).documents["isd-bol/2030/bedrijfsplan"]
    assert "docs/isd-bol/2030/bedrijfsplan.md" in done.files
    assert (made.kind.naam, made.meta.title, made.meta.version, made.editions) == (
        "Bedrijfsplan", "Bedrijfsplan 2030 (fictief voorbeeld)", "0.1", ())


def test_a_declared_kind_that_another_organisation_lacks_is_unknown_there(
        declared: Path) -> None:
    repo = Repository(declared)
    assert repo.organisations["isd-bol"].kind("bedrijfsplan") is not None
    assert repo.organisations["iasz"].kind("bedrijfsplan") is None
    with pytest.raises(DocumentError) as caught:
        parse_meta(front("bedrijfsplan").replace("bol", "iasz"), "x.md", expect_org="iasz",
                   expect_year=2024, expect_doc="bedrijfsplan",
                   kinds=repo.organisations["iasz"].kind_map)
    assert "data/iasz/organisatie.yaml" in (caught.value.finding.hint or "")
