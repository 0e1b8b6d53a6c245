"""Berekeningen: figures computed by a formula from any figure of the organisation, with
their provenance, units and errors; kerncijfers formulas on the same formula language; and a
page that computes with a macro's result, which is a finding wherever the page runs."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.blocks import berekeningen, kerncijfers
from pcdocs.blocks.berekeningen import Berekeningen, figure_unit, read_unit
from pcdocs.blocks.datasets import DataScope, DataStore, decode_record, encode_record
from pcdocs.blocks.spec import Carry, Checking
from pcdocs.compare.diff import diff_facts
from pcdocs.compare.facts import facts_of
from pcdocs.errors import DataError, PcdocsError, TemplateError
from pcdocs.model.figures import Unit
from pcdocs.model.frontmatter import Period
from pcdocs.model.repository import Repository
from pcdocs.model.units import Dimension
from pcdocs.output.session import BuildSession
from pcdocs.render import rendering
from pcdocs.render.page import PageContext
from pcdocs.render.rendering import page_markdown
from pcdocs.render.sandbox import PageArithmetic, PageEnvironment

from .conftest import ROOT, copy_example, run_cli

ORG = "bol"
KERN_2025 = """\
personeelslasten:
  waarde: 2345678
  eenheid: euro
lasten:
  waarde: 31274373
  eenheid: euro
uitkeringen:
  waarde: 3
  eenheid: aantal
uitkeringen_totaal:
  waarde: 40
  eenheid: aantal
"""
KERN_2024 = """\
lasten:
  waarde: 30000000
  eenheid: euro
"""
FORMATIE = "peildatum: 2025-01-01\ntotaal_fte: 38.09\n"
BEREKENINGEN = """\
kosten_per_fte:
  label: Personeelslasten per fte
  formule: kerncijfers.personeelslasten / formatie.fte
  decimalen: 0
  eenheid: euro per fte
aandeel:
  label: Aandeel uitkeringen
  formule: aandeel(kerncijfers.uitkeringen; kerncijfers.uitkeringen_totaal)
groei:
  label: Verandering van de lasten ten opzichte van 2024
  formule: verandering(2024:kerncijfers.lasten; kerncijfers.lasten)
  toelichting: De lasten van de begroting.
per_fte_afgerond:
  label: Afgerond op duizenden
  formule: afronden(berekeningen.kosten_per_fte; -3)
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def data(tmp_path: Path, **extra: str) -> Path:
    """A small data folder: kerncijfers and formatie for 2025, kerncijfers for 2024, and
    berekeningen (`extra` adds or replaces files, by name with '__' for '/')."""
    files = {f"data/{ORG}/2025/kerncijfers.yaml": KERN_2025,
             f"data/{ORG}/2025/formatie.yaml": FORMATIE,
             f"data/{ORG}/2024/kerncijfers.yaml": KERN_2024,
             f"data/{ORG}/2025/berekeningen.yaml": BEREKENINGEN}
    files.update({f"data/{ORG}/{k.replace('__', '/')}": v for k, v in extra.items()})
    return write(tmp_path, files)


def scope(root: Path, folder: str = f"{ORG}/2025") -> DataScope:
    return DataScope(DataStore(root), root / "data", folder, "docs/pagina.md")


def own_figures(root: Path, year: int = 2025) -> Berekeningen:
    rel = f"data/{ORG}/{year}/berekeningen.yaml"
    record = DataStore(root).load(berekeningen.SPEC, root / rel, rel)
    assert isinstance(record, Berekeningen)
    return record


def error_of(root: Path, key: str) -> DataError:
    with pytest.raises(DataError) as info:
        scope(root).figure(key)
    return info.value


# -- computing and showing ------------------------------------------------------------------

def test_a_berekening_names_its_formula_and_every_input_with_file_and_line(
        tmp_path: Path) -> None:
    fig = scope(data(tmp_path)).figure("berekeningen.kosten_per_fte")
    assert fig.text() == "€\u00a061.583\u00a0per fte"
    assert fig.value == Decimal("61583")  # rounded as shown, halves away from zero
    assert [s.ref() for s in fig.sources] == [
        "data/bol/2025/berekeningen.yaml:3",  # the formula first
        "data/bol/2025/kerncijfers.yaml:2", "data/bol/2025/formatie.yaml:2"]
    assert fig.computed == (
        "kerncijfers.personeelslasten / formatie.fte; met kerncijfers.personeelslasten = "
        "€\u00a02.345.678 (data/bol/2025/kerncijfers.yaml:2), formatie.fte = "
        "38,09\u00a0fte (data/bol/2025/formatie.yaml:2)")
    html = fig.html()
    assert 'data-source="data/bol/2025/berekeningen.yaml:3 data/bol/2025/kerncijfers.yaml:2 ' \
           'data/bol/2025/formatie.yaml:2"' in html
    assert "Berekend: kerncijfers.personeelslasten / formatie.fte; met " in html
    assert 'class="pc-cijfer pc-berekend"' in html


def test_a_percentage_shows_as_percent_and_another_berekening_carries_its_sources(
        tmp_path: Path) -> None:
    page = scope(data(tmp_path))
    assert page.figure("berekeningen.aandeel").text() == "7,5%"
    rounded = page.figure("berekeningen.per_fte_afgerond")
    assert rounded.text() == "€\u00a062.000\u00a0per fte"
    refs = [s.ref() for s in rounded.sources]
    assert refs[:2] == ["data/bol/2025/berekeningen.yaml:15",
                        "data/bol/2025/berekeningen.yaml:3"]  # through kosten_per_fte ...
    assert "data/bol/2025/formatie.yaml:2" in refs  # ... down to the data
    assert "berekeningen.kosten_per_fte = €\u00a061.583\u00a0per fte " \
           "(data/bol/2025/berekeningen.yaml:3)" in (rounded.computed or "")


def test_another_year_is_read_from_its_own_folder_and_is_a_source_of_the_page(
        tmp_path: Path) -> None:
    page = scope(data(tmp_path))
    fig = page.figure("berekeningen.groei")
    assert fig.text() == "4,2%"
    assert "data/bol/2024/kerncijfers.yaml:2" in [s.ref() for s in fig.sources]
    assert "2024:kerncijfers.lasten = €\u00a030.000.000 (data/bol/2024/kerncijfers.yaml:2)" \
        in (fig.computed or "")
    assert "Toelichting: De lasten van de begroting." in fig.tooltip()
    assert page.used == {"data/bol/2025/berekeningen.yaml", "data/bol/2025/kerncijfers.yaml",
                         "data/bol/2024/kerncijfers.yaml"}


def test_a_page_computes_only_what_it_shows(tmp_path: Path) -> None:
    page = scope(data(tmp_path))
    page.figure("berekeningen.aandeel")
    assert page.used == {"data/bol/2025/berekeningen.yaml", "data/bol/2025/kerncijfers.yaml"}


def test_richting_and_the_unit_words_of_a_berekening(tmp_path: Path) -> None:
    root = data(tmp_path, **{"2025__berekeningen.yaml": """\
daling:
  label: Verandering
  formule: verandering(kerncijfers.uitkeringen_totaal; kerncijfers.uitkeringen)
per_inwoner:
  label: Per uitkering
  formule: kerncijfers.lasten / kerncijfers.uitkeringen_totaal
  eenheid: euro per uitkering
werkdruk:
  label: Uitkeringen per fte
  formule: kerncijfers.uitkeringen_totaal / formatie.fte
  eenheid: uitkeringen per fte
"""})
    page = scope(root)
    assert page.figure("berekeningen.daling").text() == "-92,5%"
    assert page.figure("berekeningen.daling").text("absoluut") == "92,5%"
    assert page.figure("berekeningen.per_inwoner").text() == "€\u00a0781.859\u00a0per uitkering"
    assert page.figure("berekeningen.werkdruk").text() == "1,1\u00a0uitkeringen per fte"


def test_a_result_too_large_to_show_is_refused_at_the_formula(tmp_path: Path) -> None:
    root = data(tmp_path, **{"2025__berekeningen.yaml": (
        "groot:\n  label: Groot\n"
        "  formule: kerncijfers.lasten * 100000000000000 * 1000000000 / 7\n")})
    found = error_of(root, "berekeningen.groot").finding
    assert (found.line, found.code) == (3, "formule-te-groot")
    assert "de uitkomst is te groot voor een cijfer (meer dan 15 cijfers" in found.message


def test_units_are_read_and_written_in_dutch() -> None:
    euro_per_fte = Dimension.of({"euro": 1, "fte": -1})
    assert figure_unit(euro_per_fte) == (Unit.EURO, "per fte")
    stated = read_unit("€ per inwoner")
    assert not isinstance(stated, str)
    assert stated.dimension == Dimension.of({"euro": 1, "aantal": -1})
    assert figure_unit(stated.dimension, stated) == (Unit.EURO, "per inwoner")
    assert figure_unit(Dimension.of({"euro": 2})) == (Unit.NUMBER, "euro²")
    assert figure_unit(Dimension.of({"fte": -1})) == (Unit.NUMBER, "per fte")
    assert read_unit("procent") == read_unit("%")
    assert isinstance(read_unit("euro per 1000 inwoners"), str)


# -- what check reports ----------------------------------------------------------------------

def test_a_stated_unit_that_the_formula_does_not_give_is_an_error_at_its_line(
        tmp_path: Path) -> None:
    root = data(tmp_path, **{"2025__berekeningen.yaml": (
        "x:\n  label: X\n  formule: kerncijfers.personeelslasten / formatie.fte\n"
        "  eenheid: euro\n")})
    found = error_of(root, "berekeningen.x").finding
    assert (found.file, found.line, found.code) == ("data/bol/2025/berekeningen.yaml", 4,
                                                    "formule-eenheid")
    assert "eenheid 'euro' past niet bij de formule: die geeft euro per fte" in found.message
    assert found.hint and "eenheid: euro per fte" in found.hint


def test_an_unknown_name_suggests_the_figure_meant(tmp_path: Path) -> None:
    root = data(tmp_path, **{"2025__berekeningen.yaml": (
        "x:\n  label: X\n  formule: kerncijfers.personeelslaste / formatie.fte\n")})
    found = error_of(root, "berekeningen.x").finding
    assert (found.line, found.code) == (3, "formule-onbekend")
    assert "'kerncijfers.personeelslaste' is geen bekend cijfer" in found.message
    assert found.hint == "bedoelde u 'kerncijfers.personeelslasten'?"


def test_a_year_without_data_and_a_name_missing_in_that_year(tmp_path: Path) -> None:
    root = data(tmp_path, **{"2025__berekeningen.yaml": (
        "a:\n  label: A\n  formule: 2019:kerncijfers.lasten\n"
        "b:\n  label: B\n  formule: 2024:kerncijfers.personeelslasten\n")})
    first = error_of(root, "berekeningen.a").finding
    assert (first.line, first.code) == (3, "formule-onbekend")
    assert "er zijn geen gegevens van 2019 (data/bol/2019/ bestaat niet)" in first.message
    second = error_of(root, "berekeningen.b").finding
    assert "'kerncijfers.personeelslasten' bestaat niet voor 2024" in second.message


def test_a_cycle_names_every_formula_in_it_with_file_and_line(tmp_path: Path) -> None:
    root = data(tmp_path, **{"2025__berekeningen.yaml": (
        "a:\n  label: A\n  formule: berekeningen.b + 1\n"
        "b:\n  label: B\n  formule: berekeningen.c * 2\n"
        "c:\n  label: C\n  formule: berekeningen.a - kerncijfers.lasten\n")})
    found = error_of(root, "berekeningen.b").finding
    assert (found.line, found.code) == (3, "formule-lus")
    assert ("berekeningen.a (data/bol/2025/berekeningen.yaml:3) → berekeningen.b "
            "(data/bol/2025/berekeningen.yaml:6) → berekeningen.c "
            "(data/bol/2025/berekeningen.yaml:9) → berekeningen.a") in found.message


def test_a_cycle_across_years_is_refused_not_a_crash(tmp_path: Path) -> None:
    root = data(tmp_path, **{
        "2025__berekeningen.yaml": "a:\n  label: A\n  formule: 2024:berekeningen.b\n",
        "2024__berekeningen.yaml": "b:\n  label: B\n  formule: 2025:berekeningen.a\n"})
    found = error_of(root, "berekeningen.a").finding
    assert found.code == "formule-lus"
    assert "2025:berekeningen.a (data/bol/2025/berekeningen.yaml:3) → 2024:berekeningen.b " \
           "(data/bol/2024/berekeningen.yaml:3) → 2025:berekeningen.a" in found.message


def test_validate_reports_every_problem_once_at_its_line(tmp_path: Path) -> None:
    root = data(tmp_path, **{"2025__berekeningen.yaml": """\
goed:
  label: Goed
  formule: kerncijfers.lasten / 2
nul:
  label: Door nul
  formule: kerncijfers.lasten / (kerncijfers.uitkeringen - 3)
erop:
  label: Bouwt op nul
  formule: berekeningen.nul * 2
fout:
  label: Syntax
  formule: kerncijfers.lasten / 1.5
plus:
  label: Eenheden
  formule: kerncijfers.lasten + formatie.fte
"""})
    record = own_figures(root)
    checking = _checking(record)
    found = {(f.line, f.code) for f in berekeningen.validate(record, checking)}
    assert found == {(6, "delen-door-nul"), (12, "formule-syntax"), (15, "formule-eenheid")}
    assert list(berekeningen.figures(record)) == ["goed"]  # the others do not compute


def test_a_broken_input_file_is_reported_with_that_file_only(tmp_path: Path) -> None:
    root = data(tmp_path, **{"2025__kerncijfers.yaml": "lasten: [\n"})
    record = own_figures(root)
    assert berekeningen.validate(record, _checking(record)) == []
    with pytest.raises(PcdocsError) as info:
        scope(root).figure("berekeningen.kosten_per_fte")
    assert info.value.finding.file == "data/bol/2025/kerncijfers.yaml"


def _checking(record: Berekeningen) -> Checking:
    """What check gives a file that no document reads: its own folder is used."""
    return Checking(None, (), lambda spec: None)  # type: ignore[arg-type]


def test_check_finds_berekeningen_errors_and_page_arithmetic(tmp_path: Path) -> None:
    """`pcdocs check` on the example: a berekeningen.yaml no page shows, and a page that
    divides two figures and one that computes with a figure kept in a variable."""
    repo = copy_example(tmp_path)
    write(repo, {"data/iasz/2024/berekeningen.yaml": (
        "per_fte:\n  label: Per fte\n  formule: formatie.fte / formatie.medewerker\n")})
    page = repo / "docs/iasz/2024/jaarplan.md"
    text = page.read_text(encoding="utf-8")
    old = "de IASZ {{ cijfer('formatie.fte') }}."
    assert old in text
    page.write_text(text.replace(old, "de IASZ {{ cijfer('formatie.fte') / "
                                      "cijfer('formatie.medewerkers') }}."), encoding="utf-8")
    run = run_cli("-C", str(repo), "check")
    assert run.code == 1
    assert ("FOUT data/iasz/2024/berekeningen.yaml:3: formule-onbekend: formule "
            "'formatie.fte / formatie.medewerker': 'formatie.medewerker' is geen bekend "
            "cijfer (bedoelde u 'formatie.medewerkers'?)") in run.out
    assert ("FOUT docs/iasz/2024/jaarplan.md:136: rekenen-in-pagina: de pagina rekent met "
            "cijfers uit macro's (formatie.fte / formatie.medewerkers)") in run.out
    assert ("zet de formule in data/iasz/2024/berekeningen.yaml als 'naam: {label: ..., "
            "formule: formatie.fte / formatie.medewerkers}' en schrijf "
            "{{ cijfer('berekeningen.naam') }}") in run.out
    assert "Traceback" not in run.out + run.err


# -- a page does not compute -----------------------------------------------------------------

@pytest.mark.parametrize(("expression", "formula", "what"), [
    ("{{ cijfer('a.b') / cijfer('c.d') }}", "a.b / c.d", None),
    ("{{ cijfer('a.b') * 2 }}", "a.b * 2", None),
    ("{{ (cijfer('a.b') - cijfer('c.d')) / cijfer('c.d') }}", "(a.b - c.d) / c.d", None),
    ("{{ cijfer('a.b') * 1.5 }}", "a.b * 1,5", None),
    ("{{ -cijfer('a.b') }}", "-a.b", None),
    ("{{ cijfer('a.b') + cijfer('c.d') }}", "a.b + c.d", None),
    ("{{ cijfer('a.b', vorm='absoluut') // 2 }}", None, "cijfer() ('//')"),
    ("{% if cijfer('a.b') > cijfer('c.d') %}x{% endif %}", None, "cijfer() ('>')"),
    ("{{ cijfer('a.b') | float }}", None, "cijfer() (filter float)"),
    ("{{ cijfer('a.b') | striptags | int }}", None, "cijfer() (filter int)"),
    ("{{ [cijfer('a.b'), cijfer('c.d')] | sum }}", None, "cijfer() (filter sum)"),
])
def test_arithmetic_with_a_macro_is_found_in_the_markdown(
        tmp_path: Path, expression: str, formula: str | None, what: str | None) -> None:
    ctx = _page(tmp_path)
    found = rendering.arithmetic(ctx, f"regel\n\n{expression}\n")
    assert [(f.code, f.line) for f in found] == [("rekenen-in-pagina", 3 + ctx.line_offset)]
    message, hint = found[0].message, found[0].hint or ""
    if formula is not None:
        assert f"de pagina rekent met cijfers uit macro's ({formula})" in message
        assert f"formule: {formula}}}" in hint
    else:
        assert f"de pagina rekent met de uitkomst van {what}" in message
    assert "berekeningen.yaml" in hint and "{{ cijfer('berekeningen.naam') }}" in hint


@pytest.mark.parametrize("expression", [
    "{{ cijfer('a.b') ~ ' fte' }}", "{{ cijfer('a.b') + ' tekst' }}", "{{ jaar - 1 }}",
    "{{ cijfer('a.b') | length }}", "{% if jaar > 2020 %}x{% endif %}", "{{ 2 * 3 }}",
    "{{ '%s' % cijfer('a.b') }}"])
def test_showing_and_joining_a_figure_is_not_computing(tmp_path: Path, expression: str) -> None:
    assert rendering.arithmetic(_page(tmp_path), expression) == []


def test_the_sandbox_refuses_arithmetic_on_a_macro_result_kept_in_a_variable() -> None:
    from markupsafe import Markup

    def cijfer(key: str) -> Markup:
        return Markup("<span>38,09 fte</span>")

    env = PageEnvironment({"cijfer": cijfer})
    for source, what in [("{% set a = cijfer('x') %}{{ a / 2 }}", "'/'"),
                         ("{% set a = cijfer('x') %}{{ -a }}", "'-'"),
                         ("{% set a = cijfer('x') %}{{ a | round }}", "filter round"),
                         ("{% set a = cijfer('x') %}{{ [a] | max }}", "filter max"),
                         ("{% set a = cijfer('x') %}{{ a < 3 }}", "een vergelijking")]:
        with pytest.raises(PageArithmetic) as info:
            env.render_bounded(env.from_string(source), {})
        assert (info.value.what, info.value.macro) == (what, "cijfer")
        assert isinstance(info.value, TemplateError)
        assert info.value.finding.code == "rekenen-in-pagina"
    shown = env.from_string("{{ cijfer('x') ~ ' en ' }}{{ cijfer('x') + '!' }}")
    assert env.render_bounded(shown, {}) == "<span>38,09 fte</span> en <span>38,09 fte</span>!"


def test_a_page_that_computes_runs_no_further_and_names_the_line(tmp_path: Path) -> None:
    repo = copy_example(tmp_path)
    page = repo / "docs/iasz/2024/jaarplan.md"
    text = page.read_text(encoding="utf-8")
    old = "de IASZ {{ cijfer('formatie.fte') }}."
    page.write_text(text.replace(old, "de IASZ {% set f = cijfer('formatie.fte') %}"
                                      "{{ f * 2 }}."), encoding="utf-8")
    session = BuildSession(Repository.find(repo))
    _, rendered, problems = session.render_page("iasz/2024/jaarplan.md")
    assert rendered is None
    assert [(p.code, p.line) for p in problems] == [("rekenen-in-pagina", 136)]
    assert "de pagina rekent met de uitkomst van cijfer() ('*')" in problems[0].message
    # as MkDocs shows the page (the build's pages and the live preview): the finding listed
    context = session.begin_page("iasz/2024/jaarplan.md")
    body = page_markdown(context, page.read_text(encoding="utf-8").split("---\n", 2)[2])
    assert body.startswith('!!! failure "Deze pagina bevat fouten"')
    assert "rekenen-in-pagina" in body


def test_a_build_reports_page_arithmetic_as_a_finding(tmp_path: Path) -> None:
    """The build (a small repository: one organisation's pages) stops at its check with the
    finding at its line, no traceback, and leaves no site (the preview:
    tests/test_safety_loop.py, with `{{ cijfer('formatie.fte') / 2 }}`)."""
    root = tmp_path / "r"
    root.mkdir()
    for name in ("mkdocs.yml", "macros"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    for rel in ("data/iasz", "docs/iasz/2024", "docs/assets"):
        shutil.copytree(ROOT / rel, root / rel)
    shutil.copy2(ROOT / "docs/index.md", root / "docs/index.md")
    page = root / "docs/iasz/2024/jaarplan.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("de IASZ {{ cijfer('formatie.fte') }}.",
                                 "de IASZ {{ cijfer('formatie.fte') * 2 }}."), encoding="utf-8")
    run = run_cli("-C", str(root), "build", "--geen-pdf")
    assert run.code == 1
    both = run.out + run.err
    assert "docs/iasz/2024/jaarplan.md:136: rekenen-in-pagina: de pagina rekent met cijfers " \
           "uit macro's (formatie.fte * 2)" in both
    assert "Traceback" not in both
    assert not (root / "site").exists()


def _page(tmp_path: Path) -> PageContext:
    session = BuildSession(Repository.find(copy_example(tmp_path)))
    return session.begin_page("iasz/2024/jaarplan.md")


# -- kerncijfers formulas ----------------------------------------------------------------------

KERN = """\
a:
  lasten: {waarde: 1200, eenheid: euro}
  deel_personeel: {waarde: 25, eenheid: procent}
  aantal: {waarde: 3, eenheid: aantal}
  totaal: {waarde: 4, eenheid: aantal}
  personeel:
    formule: a.lasten * a.deel_personeel
    eenheid: euro
  per_maand:
    formule: a.lasten / 12
  deel:
    formule: aandeel(a.aantal; a.totaal)
  dubbel:
    omschrijving: Twee keer de personeelslasten
    formule: a.personeel * 2
    decimalen: 1
"""


def test_kerncijfers_formulas_multiply_divide_and_use_functions(tmp_path: Path) -> None:
    path = write(tmp_path, {"kerncijfers.yaml": KERN}) / "kerncijfers.yaml"
    figures = kerncijfers.load(path, "data/t/2025/kerncijfers.yaml")
    assert figures["a.personeel"].text() == "€\u00a0300"
    assert figures["a.per_maand"].text() == "€\u00a0100"  # the unit the formula gives
    assert figures["a.deel"].text() == "75%" and figures["a.deel"].unit is Unit.PERCENT
    assert figures["a.dubbel"].text() == "€\u00a0600,0"  # a formula may name another
    assert [s.line for s in figures["a.dubbel"].sources] == [2, 3]
    assert figures["a.dubbel"].label == "Twee keer de personeelslasten"
    assert figures["a.dubbel"].computed == "a.personeel * 2"


@pytest.mark.parametrize(("formula", "unit", "code", "words"), [
    ("a.lasten / a.aantal", "euro", "formule",
     "de formule geeft euro per stuk, de eenheid is euro"),
    ("a.lasten + a.lasten", "aantal", "formule",
     "'a.lasten' heeft eenheid euro, de formule aantal"),
    ("a.lasten / 3", None, None, None),
    ("a.lasten / a.fte", None, "formule", "de formule geeft euro per fte; een kerncijfer heeft"),
    ("a.lasten / (a.aantal - 3)", "euro", "delen-door-nul", "delen door nul"),
    ("2024:a.lasten", "euro", "formule", "noemt een ander jaar"),
    ("a.z + 1", "euro", "formule-lus", "formule a.z verwijst naar zichzelf"),
    ("a.lasten, a.aantal", "euro", "formule", "is geen geldige formule: teken 9: een komma"),
])
def test_kerncijfers_formula_errors_name_the_formula_line(
        tmp_path: Path, formula: str, unit: str | None, code: str | None,
        words: str | None) -> None:
    text = ("a:\n  lasten: {waarde: 1200, eenheid: euro}\n  aantal: {waarde: 3, eenheid: aantal}\n"
            "  fte: {waarde: 2, eenheid: fte}\n"
            f"  z:\n    formule: \"{formula}\"\n" + (f"    eenheid: {unit}\n" if unit else ""))
    path = write(tmp_path, {"kerncijfers.yaml": text}) / "kerncijfers.yaml"
    if code is None:
        assert kerncijfers.load(path, "k.yaml")["a.z"].text() == "€\u00a0400"
        return
    with pytest.raises(DataError) as info:
        kerncijfers.load(path, "k.yaml")
    found = info.value.finding
    assert (found.line, found.code) == (6, code)
    assert words is not None and words in found.message


# -- the spec: records, comparison, the next year ---------------------------------------------

def test_the_record_is_cached_without_its_place_and_bound_when_loaded(tmp_path: Path) -> None:
    root = data(tmp_path)
    rel = f"data/{ORG}/2025/berekeningen.yaml"
    plain = berekeningen.load(root / rel, rel)
    assert plain.place is None and berekeningen.figures(plain) == {}
    assert decode_record(encode_record(plain)) == plain
    bound = own_figures(root)
    assert bound == plain and bound.place is not None
    assert list(berekeningen.figures(bound)) == ["kosten_per_fte", "aandeel", "groei",
                                                 "per_fte_afgerond"]


def test_compare_reports_a_changed_berekening(tmp_path: Path) -> None:
    root = data(tmp_path)
    before = facts_of(berekeningen.SPEC, own_figures(root))
    write(root, {f"data/{ORG}/2025/formatie.yaml": FORMATIE.replace("38.09", "40")})
    after = facts_of(berekeningen.SPEC, own_figures(root))
    changes = {c.key: c for c in diff_facts(before, after, 2025, 2025)}
    assert set(changes) == {"kosten_per_fte", "per_fte_afgerond"}
    change = changes["kosten_per_fte"]
    assert change.kind == "totaal-gewijzigd"
    assert (change.old, change.new) == ("€\u00a061.583\u00a0per fte", "€\u00a058.642\u00a0per fte")
    assert change.message.startswith("Berekend: Personeelslasten per fte, van ")


def test_the_next_year_moves_the_years_a_formula_names(tmp_path: Path) -> None:
    root = data(tmp_path)
    path = root / f"data/{ORG}/2025/berekeningen.yaml"
    carried = berekeningen.carry(Carry(path, "data/bol/2025/berekeningen.yaml",
                                       "data/bol/2026/berekeningen.yaml", Period(2025, 2025),
                                       Period(2026, 2026), 2025))
    assert "formule: verandering(2025:kerncijfers.lasten; kerncijfers.lasten)" in carried.text
    assert carried.text.replace("2025:kerncijfers", "2024:kerncijfers") == BEREKENINGEN


def test_the_example_berekeningen_check_clean_and_show_their_units() -> None:
    rel = "data/isd-bol/2025/berekeningen.yaml"
    record = DataStore(ROOT).load(berekeningen.SPEC, ROOT / rel, rel)
    assert berekeningen.validate(record, _checking(record)) == []
    figures = berekeningen.figures(record)
    assert figures["kosten_per_inwoner"].text().endswith("\u00a0per inwoner")
    assert figures["aandeel_personeelslasten"].text().endswith("%")
    dichtheid = figures["uitkeringen_per_1000_inwoners.brunssum"]
    assert dichtheid.text() == "39,6"  # 1.090 uitkeringen / 27.500 inwoners * 1.000
