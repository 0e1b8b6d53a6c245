"""Bad input: every mistake is reported with page, macro, data file, line and key; the
previous site stays exactly as it was; no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_cli

DOC = "docs/iasz/2024/jaarplan.md"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def build(repo: Path) -> tuple[int, str]:
    run = run_cli("-C", str(repo), "build")
    assert "Traceback" not in run.err + run.out
    return run.code, run.err


@pytest.fixture
def old_site(repo: Path) -> Path:
    site = repo / "site"
    site.mkdir()
    (site / "index.html").write_text("vorige versie", encoding="utf-8")
    return site


def test_wrong_type_in_data_names_everything(repo: Path, old_site: Path) -> None:
    edit(repo / "data/iasz/2024/formatie.yaml", "totaal_fte: 38.09", "totaal_fte: vier")
    code, err = build(repo)
    assert code == 1
    page_line = line_of(repo / DOC, "cijfer('formatie.fte')")
    assert ("data/iasz/2024/formatie.yaml:3: geen-getal: totaal_fte: 'vier' is geen getal"
            in err)
    assert f"gevraagd in {DOC}:{page_line}, macro cijfer('formatie.fte')" in err
    assert "De vorige site/ is ongewijzigd" in err
    assert (old_site / "index.html").read_text(encoding="utf-8") == "vorige versie"
    assert sorted(p.name for p in repo.iterdir() if p.name.startswith("site")) == ["site"]


def test_misspelled_key_in_a_macro(repo: Path, old_site: Path) -> None:
    edit(repo / DOC, "cijfer('formatie.medewerkers.mannen')", "cijfer('formatie.medewerkers.man')")
    code, err = build(repo)
    assert code == 1
    line = line_of(repo / DOC, "formatie.medewerkers.man'")
    assert f"{DOC}:{line}: onbekend-cijfer: cijfer 'formatie.medewerkers.man' bestaat niet" in err
    assert "bedoelde u 'formatie.medewerkers.mannen'?" in err
    assert "in macro cijfer('formatie.medewerkers.man')" in err


def test_missing_data_file(repo: Path, old_site: Path) -> None:
    (repo / "data/iasz/2024/verzuim.yaml").unlink()
    code, err = build(repo)
    assert code == 1
    assert "data/iasz/2024/verzuim.yaml: bestand-ontbreekt" in err
    assert "maak data/iasz/2024/verzuim.yaml aan" in err
    assert f"gevraagd in {DOC}:" in err and "macro cijfer('verzuim.2023.percentage')" in err


def test_unknown_macro_and_broken_syntax(repo: Path, old_site: Path) -> None:
    edit(repo / DOC, "{{ vacatures() }}", "{{ vacaturs() }}")
    code, err = build(repo)
    assert code == 1
    line = line_of(repo / DOC, "vacaturs()")
    assert f"{DOC}:{line}: onbekende-macro: onbekende macro of variabele 'vacaturs'" in err
    edit(repo / DOC, "{{ vacaturs() }}", "{{ vacatures( }}")
    code, err = build(repo)
    assert code == 1
    assert f"{DOC}:{line}: macro-syntax" in err


def test_all_mistakes_are_reported_at_once(repo: Path) -> None:
    edit(repo / "data/iasz/2024/formatie.yaml", "totaal_fte: 38.09", "totaal_fte: vier")
    edit(repo / "data/iasz/2024/kerncijfers.yaml", "    eenheid: aantal", "    eenheid: stuks")
    edit(repo / DOC, "realisatie('lo-4wk', vorig_jaar)", "realisatie('lo-4wk')")
    code, err = build(repo)
    assert code == 1
    assert "formatie.yaml:3: geen-getal" in err
    assert "kerncijfers.yaml:" in err and "'stuks' is geen toegestane waarde" in err
    assert "verkeerde argumenten voor realisatie(): argument 'jaar' ontbreekt" in err
    assert "Build afgebroken: 3 fout(en)" in err


def test_front_matter_error_names_its_line(repo: Path) -> None:
    edit(repo / DOC, "status: vastgesteld", "status: klaar")
    code, err = build(repo)
    assert code == 1
    assert f"{DOC}:6: onbekende-waarde: status: 'klaar' is geen toegestane waarde" in err
    assert "(kies uit: concept, vastgesteld)" in err


def test_a_data_text_with_html_renders_as_text(repo: Path) -> None:
    edit(repo / "data/iasz/2024/lijsten.yaml", "    - Begroting 2024 Spaarne Werkt",
         "    - <script>alert('x')</script> Begroting")
    code, err = build(repo)
    assert code == 0, err
    html = (repo / "site/iasz/2024/jaarplan/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_an_unknown_gemeente_in_the_indicators(repo: Path) -> None:
    edit(repo / "data/iasz/2024/indicatoren.yaml", "    gemeente: heemstede",
         "    gemeente: heemsteed")
    code, err = build(repo)
    assert code == 1
    line = line_of(repo / "data/iasz/2024/indicatoren.yaml", "gemeente: heemsteed")
    assert (f"data/iasz/2024/indicatoren.yaml:{line}: onbekende-gemeente: av-heemstede: "
            "gemeente 'heemsteed' hoort niet bij IASZ (bedoelde u 'heemstede'?)") in err


def test_an_unknown_risk_class_in_the_register(repo: Path) -> None:
    path = repo / "data/szmh/2019/risicos.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("code: M4")
    edited = text[:start] + text[start:].replace("kans: 3", "kans: 7", 1)
    path.write_text(edited, encoding="utf-8")
    code, err = build(repo)
    assert code == 1
    line = next(n for n, ln in enumerate(edited.splitlines(), 1) if "kans: 7" in ln)
    assert f"data/szmh/2019/risicos.yaml:{line}: onbekende-klasse: M4: kansklasse 7 bestaat " \
           "niet" in err
