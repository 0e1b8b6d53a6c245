"""Unit tests of the blocks no other test imports: lijsten, nota, onderwerpen, organisatie and
the figure reader `blocks.values`. Pages are made from the example repository in place (a
session without cache writes nothing); broken data is written to tmp_path."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from pcdocs.blocks import lijsten, nota, onderwerpen, organisatie
from pcdocs.errors import DataError, MacroError
from pcdocs.model import values
from pcdocs.model.figures import Unit
from pcdocs.model.load import parse_yaml
from pcdocs.model.repository import Repository
from pcdocs.model.schema import Reader
from pcdocs.output.session import BuildSession
from pcdocs.render.page import PageContext

from .conftest import ROOT


def context(src_path: str) -> PageContext:
    """The page of the example as the build begins it (nothing is written)."""
    return BuildSession(Repository.find(ROOT), use_cache=False).begin_page(src_path)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- lijsten ----------------------------------------------------------------------------------


def test_a_list_is_shown_item_by_item_with_the_line_of_each() -> None:
    ctx = context("iasz/2024/jaarplan.md")
    shown = lijsten.macro_lijst(ctx, "bestuurlijke_producties")
    assert shown.startswith('<ul class="pc-lijst">')
    assert ('<span data-source="data/iasz/2024/lijsten.yaml:4">Begroting 2024 Spaarne Werkt'
            "</span>") in shown
    assert "data/iasz/2024/lijsten.yaml" in ctx.sources()


def test_a_list_as_running_text_ends_with_en() -> None:
    ctx = context("iasz/2024/jaarplan.md")
    lists = lijsten.load(ROOT / "data/iasz/2024/lijsten.yaml", "data/iasz/2024/lijsten.yaml")
    name, lst = next((n, v) for n, v in lists.items() if len(v.items) >= 2)
    text = str(lijsten.macro_opsomming(ctx, name))
    between = re.findall(r"</span>(.*?)<span", text)
    assert between == [", "] * (len(lst.items) - 2) + [" en "]
    assert lijsten.figures(lists)[f"{name}.aantal"].value == len(lst.items)


def test_an_unknown_list_suggests_the_name() -> None:
    ctx = context("iasz/2024/jaarplan.md")
    with pytest.raises(MacroError) as info:
        lijsten.macro_lijst(ctx, "bestuurlijke_productie")
    f = info.value.finding
    assert (f.code, f.key, f.hint) == ("onbekende-lijst", "bestuurlijke_productie",
                                       "bedoelde u 'bestuurlijke_producties'?")


def test_an_empty_list_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "lijsten.yaml", "a:\n  items: [x]\nleeg:\n  items: []\n")
    with pytest.raises(DataError) as info:
        lijsten.load(path, "data/t/lijsten.yaml")
    f = info.value.finding
    assert (f.file, f.line, f.code) == ("data/t/lijsten.yaml", 4, "lege-lijst")
    path = write(tmp_path, "lijsten.yaml", "a: gewoon tekst\n")
    with pytest.raises(DataError) as info:
        lijsten.load(path, "data/t/lijsten.yaml")
    assert (info.value.finding.line, info.value.finding.code) == (1, "verkeerd-type")


# -- nota -------------------------------------------------------------------------------------

NOTA = ROOT / "data/deventer/2021/nota.yaml"


def test_the_nota_agrees_with_the_decision_in_the_front_matter() -> None:
    ctx = context("deventer/2021/uitvoeringsplan.md")
    n = nota.load(NOTA, "data/deventer/2021/nota.yaml")
    assert ctx.document is not None
    assert nota.decision_problems(n, ctx.document) == []
    shown = str(nota.macro_nota(ctx))
    assert "Uitvoeringsplan programma 7: Inkomensvoorziening en arbeidsmarkt" in shown
    assert ('data-source="data/deventer/2021/nota.yaml:6" title="Notanummer&#10;Bron: '
            'data/deventer/2021/nota.yaml, regel 6 (nummer)">2021-000112</span>') in shown
    assert "<li>De nota en het besluit openbaar te maken.</li>" in shown
    assert nota.figures(n)["nummer"].value == "2021-000112"


def test_a_nota_with_another_number_than_the_decision_is_an_error(tmp_path: Path) -> None:
    ctx = context("deventer/2021/uitvoeringsplan.md")
    text = NOTA.read_text(encoding="utf-8").replace('nummer: "2021-000112"',
                                                    'nummer: "2021-000113"')
    n = nota.load(write(tmp_path, "nota.yaml", text), "data/deventer/2021/nota.yaml")
    assert ctx.document is not None
    problems = nota.decision_problems(n, ctx.document)
    assert [(p.finding.code, p.finding.key, p.finding.line) for p in problems] == [
        ("besluit-verschilt", "nummer", n.number_source.line)]
    assert "2021-000113" in problems[0].finding.message


def test_the_choice_of_openbaarmaking_must_be_one_of_the_options(tmp_path: Path) -> None:
    text = NOTA.read_text(encoding="utf-8")
    lines = text.splitlines()
    keuze = next(i for i, line in enumerate(lines) if line.strip().startswith("keuze:"))
    lines[keuze] = lines[keuze].split(":")[0] + ": Iets anders"
    with pytest.raises(DataError) as info:
        nota.load(write(tmp_path, "nota.yaml", "\n".join(lines) + "\n"), "n.yaml")
    f = info.value.finding
    assert (f.file, f.line, f.code) == ("n.yaml", keuze + 1, "onbekende-waarde")


# -- onderwerpen ------------------------------------------------------------------------------

ONDERWERPEN = ROOT / "data/deventer/2021/onderwerpen.yaml"


def test_a_theme_becomes_sections_for_its_topics() -> None:
    ctx = context("deventer/2021/uitvoeringsplan.md")
    markdown = onderwerpen.macro_onderwerpen(ctx, "3.1", 3)
    headings = [line for line in markdown.splitlines() if line.startswith("### ")]
    assert headings[:3] == ["### 3.1.1 Implementatie Inzet op maat 2021",
                            "### 3.1.2 Uitvoeringsagenda Arbeidsmarkt",
                            "### 3.1.3 Sociaal ondernemen"]
    assert "- Team Solutions" in markdown
    one = onderwerpen.macro_onderwerpen(ctx, "3.1.2", 4)
    assert one.startswith("#### 3.1.2 Uitvoeringsagenda Arbeidsmarkt\n")
    assert "3.1.1 Implementatie" not in one


def test_topics_and_actions_are_counted() -> None:
    themes = onderwerpen.load(ONDERWERPEN, "data/deventer/2021/onderwerpen.yaml")
    figures = onderwerpen.figures(themes)
    topics = [t for th in themes for t in th.topics]
    assert figures["onderwerpen"].value == len(topics) >= 3
    assert figures["acties"].value == len(onderwerpen.all_actions(themes)) >= 6


def test_an_unknown_theme_or_level_is_a_macro_error() -> None:
    ctx = context("deventer/2021/uitvoeringsplan.md")
    with pytest.raises(MacroError) as info:
        onderwerpen.macro_onderwerpen(ctx, "3.9")
    assert info.value.finding.code == "onbekende-code"
    with pytest.raises(MacroError) as info:
        onderwerpen.macro_onderwerpen(ctx, "3.1", 6)
    assert info.value.finding.code == "macro-argumenten"


# -- organisatie ------------------------------------------------------------------------------


def test_the_organisation_counts_and_names_its_gemeenten() -> None:
    org = organisatie.load(ROOT / "data/szmh/organisatie.yaml", "data/szmh/organisatie.yaml")
    figures = organisatie.figures(org)
    assert figures["gemeenten"].value == len(org.gemeenten) == 6
    assert figures["gemeenten"].unit is Unit.COUNT
    assert [s.file for s in figures["gemeenten"].sources] == ["data/szmh/organisatie.yaml"] * 6
    names = str(figures["gemeenten.namen"].value)
    assert names.count(",") == 4 and " en " in names
    assert figures["korte_naam"].value == org.korte_naam


# -- values: a figure read from data ----------------------------------------------------------


def reader(text: str) -> Reader:
    return Reader(parse_yaml(text, "data/t/x.yaml"), "data/t/x.yaml")


def test_a_figure_with_a_qualifier_keeps_it_and_its_decimals() -> None:
    fig = values.read_figure(reader("a:\n  waarde: 9\n  kwalificatie: iets meer dan\n"), "a",
                             Unit.PERCENT, "Aandeel")
    assert (fig.value, fig.qualifier, fig.sources[0].line) == (Decimal(9), "iets meer dan", 2)
    assert fig.text() == "iets meer dan 9%"


def test_an_unknown_qualifier_and_a_fraction_among_percentages_are_errors() -> None:
    with pytest.raises(DataError) as info:
        values.read_figure(reader("a:\n  waarde: 9\n  kwalificatie: zowat\n"), "a",
                           Unit.PERCENT, "Aandeel")
    assert (info.value.finding.line, info.value.finding.code) == (3, "onbekende-waarde")
    r = reader("a: 96\nb: 0.95\nc: 98\n")
    series = [values.value_figure(r, k, Unit.PERCENT, k) for k in "abc"]
    with pytest.raises(DataError) as fraction:
        values.check_fractions(series, "de norm")
    f = fraction.value.finding
    assert (f.line, f.code) == (2, "waarschijnlijk-fractie")
    assert "95" in (f.hint or "")
    signed = [values.value_figure(reader("b: '0,95%'\n"), "b", Unit.PERCENT, "b"), *series[::2]]
    values.check_fractions(signed, "de norm")  # written with its sign, it stands


def test_a_count_must_be_whole() -> None:
    assert values.value_figure(reader("n: 12\n"), "n", Unit.COUNT, "n").value == 12
    with pytest.raises(DataError) as info:
        values.value_figure(reader("n: 1.5\n"), "n", Unit.COUNT, "n")
    assert info.value.finding.code in ("geen-geheel-getal", "buiten-bereik")
    assert info.value.finding.line == 1
