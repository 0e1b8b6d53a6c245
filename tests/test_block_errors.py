"""Block validation through `pcdocs check`: each error names file, line and what to do."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_cli


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_nota_and_front_matter_must_agree_on_the_decision(repo: Path) -> None:
    replace(repo / "data/deventer/2021/nota.yaml", "besluit:\n  datum: 2021-01-26",
            "besluit:\n  datum: 2021-01-27")
    run = run_cli("-C", str(repo), "check")
    assert run.code == 1
    assert "FOUT data/deventer/2021/nota.yaml:29: besluit-verschilt: besluitdatum 27-01-2021 " \
           "verschilt van het besluit in docs/deventer/2021/uitvoeringsplan.md" in run.out


def test_unknown_theme_or_activity_is_named_at_the_page_line(repo: Path) -> None:
    replace(repo / "docs/deventer/2021/uitvoeringsplan.md", "{{ onderwerpen('3.2') }}",
            "{{ onderwerpen('3.22') }}")
    replace(repo / "docs/pijnacker-nootdorp/2022/voortgangsrapportage.md", "{{ voortgang() }}",
            "{{ voortgang('7.7') }}")
    run = run_cli("-C", str(repo), "check")
    assert run.code == 1
    assert "thema of onderwerp '3.22' bestaat niet (bedoelde u '3.2.2'?)" in run.out
    assert "docs/deventer/2021/uitvoeringsplan.md:129" in run.out
    assert "hoofdactiviteit '7.7' bestaat niet" in run.out
    assert "docs/pijnacker-nootdorp/2022/voortgangsrapportage.md:25" in run.out


def test_regelingen_for_a_gemeente_outside_the_organisation(repo: Path) -> None:
    replace(repo / "docs/isd-bol/2023/meerjarenbeleidsplan.md", "{{ regelingen() }}",
            "{{ regelingen('heerlen') }}")
    run = run_cli("-C", str(repo), "check")
    assert run.code == 1
    assert "gemeente 'heerlen' hoort niet bij ISD BOL (gemeenten: brunssum, landgraaf)" in run.out


def test_an_unexplained_deviation_above_the_threshold_is_reported(repo: Path) -> None:
    replace(repo / "data/pijnacker-nootdorp/2022/afwijkingen.yaml", "lasten: 819000",
            "lasten: 719000")
    run = run_cli("-C", str(repo), "check")
    assert run.code == 0
    assert "LET OP data/pijnacker-nootdorp/2022/begroting.csv:2: niet-toegelicht: taakveld 630 " \
           "lasten: € 79.000 van de mutatie is niet toegelicht (drempel € 25.000)" in \
           run.out.replace("\u00a0", " ")
    assert "voeg een afwijking toe in data/pijnacker-nootdorp/2022/afwijkingen.yaml" in run.out
    assert run_cli("-C", str(repo), "check", "--strict").code == 1


def test_a_status_outside_the_set_stops_the_build_and_keeps_the_site(repo: Path) -> None:
    assert run_cli("-C", str(repo), "build", "--geen-pdf").code == 0
    before = (repo / "site/pijnacker-nootdorp/2022/voortgangsrapportage/index.html").read_bytes()
    replace(repo / "data/pijnacker-nootdorp/2022/voortgang.yaml", "status: vertraagd",
            "status: achter")
    run = run_cli("-C", str(repo), "build")
    assert run.code == 1
    assert "FOUT data/pijnacker-nootdorp/2022/voortgang.yaml:24: onbekende-waarde" in run.err
    after = (repo / "site/pijnacker-nootdorp/2022/voortgangsrapportage/index.html").read_bytes()
    assert after == before


def test_a_passage_for_an_unknown_gemeente_names_file_and_line(repo: Path) -> None:
    doc = repo / "docs/szmh/2019/jaarplan.md"
    replace(doc, '!!! gemeente "Maastricht"', '!!! gemeente "Heerlen"')
    line = doc.read_text(encoding="utf-8").splitlines().index('!!! gemeente "Heerlen"') + 1
    run = run_cli("-C", str(repo), "build", "--geen-pdf")
    assert run.code == 1
    assert (f"FOUT docs/szmh/2019/jaarplan.md:{line}: onbekende-gemeente: passage voor "
            "gemeente 'Heerlen'") in run.err
    assert "Eijsden-Margraten" in run.err  # the hint lists the gemeenten
