"""Unit tests of a page's life without a site build: what a page collects (`page`), how its
macros are rendered and its HTML held to the policy (`rendering`), the lint for figures typed
by hand (`lint`) and the manifest of what the site publishes (`manifest`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pcdocs.errors import MacroError
from pcdocs.model.repository import Repository
from pcdocs.output import manifest
from pcdocs.output.session import BuildSession
from pcdocs.render import html, lint, page, rendering
from pcdocs.render.page import PageContext

from .conftest import ROOT


def context(src_path: str = "iasz/2024/jaarplan.md") -> PageContext:
    return BuildSession(Repository.find(ROOT), use_cache=False).begin_page(src_path)


# -- page -------------------------------------------------------------------------------------


def test_footnotes_are_appended_and_a_table_link_becomes_their_reference() -> None:
    ctx = context()
    body = "Tekst" + ctx.note("a", "Uitleg a.") + "\n\n" + str(ctx.note_link("b", "Uitleg b."))
    out = ctx.finish_markdown(body)
    assert out.endswith("\n\n[^a]: Uitleg a.\n[^b]: Uitleg b.\n")
    assert 'data-pc-note="b" id="fnref:b"' in out  # no prose refers to b
    assert 'data-pc-note="a" id=' not in out
    assert context().finish_markdown("zonder noten") == "zonder noten"


def test_a_page_without_data_says_so_when_a_macro_asks_for_a_figure() -> None:
    ctx = context()
    ctx.scope = None
    with pytest.raises(MacroError) as info:
        ctx.figure("organisatie.gemeenten")
    assert info.value.finding.code == "geen-gegevens"


def test_tables_with_the_same_caption_get_their_own_csv() -> None:
    ctx = context()
    columns = [html.Column("Naam"), html.Column("Aantal")]
    first = ctx.table("Cijfers 2024", columns, [html.Row([html.text("a"), html.text("1")])])
    second = ctx.table("Cijfers 2024", columns, [html.Row([html.text("b"), html.text("2")])])
    same = ctx.table("Cijfers 2024", columns, [html.Row([html.text("a"), html.text("1")])])
    assert sorted(ctx.assets) == ["cijfers-2024-2.csv", "cijfers-2024.csv"]
    assert 'href="cijfers-2024.csv"' in first and 'href="cijfers-2024-2.csv"' in second
    assert 'href="cijfers-2024.csv"' in same
    assert b"a" in ctx.assets["cijfers-2024.csv"] and b"b" in ctx.assets["cijfers-2024-2.csv"]


def test_a_reported_macro_error_names_the_page_and_shows_a_marker() -> None:
    ctx = context()
    marker = ctx.report(MacroError("bestaat niet", code="onbekend-cijfer"), "cijfer")
    assert 'role="alert"' in marker and "onbekend-cijfer" in marker
    (finding,) = ctx.findings
    assert (finding.file, finding.macro, finding.code) == ("docs/iasz/2024/jaarplan.md",
                                                           "cijfer", "onbekend-cijfer")


def test_the_template_line_is_found_from_jinja_debug_info() -> None:
    assert page._corresponding_line("1=8&3=12&7=20", 15) == 3
    assert page._corresponding_line("1=8&3=12&7=20", 20) == 7
    assert page._corresponding_line("1=8", 2) is None


# -- rendering --------------------------------------------------------------------------------


def test_a_page_renders_its_macros_with_provenance() -> None:
    ctx = context()
    body = "Regel een\n\nWe werken voor {{ cijfer('organisatie.gemeenten') }} gemeenten.\n"
    rendered, problems = rendering.render(ctx, body)
    assert problems == [] and rendered is not None
    assert 'data-source="data/iasz/organisatie.yaml' in rendered
    assert rendered.startswith("Regel een\n\nWe werken voor <span class=\"pc-cijfer")


def test_a_refused_macro_runs_nothing_and_is_reported_at_its_line() -> None:
    ctx = context()
    rendered, problems = rendering.render(ctx, "Een\n\n{{ ''.__class__ }}\n")
    assert rendered is None
    assert [(p.file, p.code) for p in problems] == [("docs/iasz/2024/jaarplan.md",
                                                     "niet-toegestaan")]
    assert problems[0].line == ctx.line_offset + 3


def test_a_page_whose_macros_cannot_run_shows_its_errors_instead() -> None:
    ctx = context()
    shown = rendering.page_markdown(ctx, "Tekst\n\n{{ cijfer( }}\n")
    assert shown.startswith('!!! failure "Deze pagina bevat fouten"')
    assert "macro-syntax" in shown and "Tekst" not in shown


def test_a_macro_that_fails_shows_a_marker_and_the_page_goes_on() -> None:
    ctx = context()
    shown = rendering.page_markdown(ctx, "Tekst\n\n{{ cijfer('organisatie.bestaat_niet') }}\n")
    assert shown.startswith("Tekst\n\n<span class=\"pc-fout\" role=\"alert\">")
    assert [(f.code, f.line) for f in ctx.findings] == [("onbekend-cijfer",
                                                         ctx.line_offset + 3)]


def test_html_outside_the_policy_becomes_a_finding_at_its_line() -> None:
    ctx = context()
    ctx.markdown = "# Kop\n\nTekst\n\n<script>alert(1)</script>\n"
    out = rendering.refused_html(ctx, "<p>Tekst</p><script>alert(1)</script>", "x/index.html")
    assert out is not None and "niet is toegestaan" in out
    (finding,) = [f for f in ctx.findings if f.code == "html-niet-toegestaan"]
    assert finding.line == ctx.line_offset + 5
    assert rendering.refused_html(ctx, "<p>Tekst</p>", "x/index.html") is None


def test_too_many_brackets_are_refused_before_markdown_gets_them() -> None:
    ctx = context()
    rendered, problems = rendering.render(ctx, "[" * (rendering.MAX_BRACKETS + 1))
    assert rendered is None and [p.code for p in problems] == ["pagina-te-complex"]


# -- lint -------------------------------------------------------------------------------------


def test_a_data_figure_typed_by_hand_is_a_warning_at_its_line() -> None:
    ctx = context()
    figures = lint._known_figures(ctx)
    value, known = next((v, k) for v, k in sorted(figures.items())
                        if "," in k[0].figure.text("zonder-eenheid"))
    typed = known[0].figure.text("zonder-eenheid").split()[0]
    body = f"Inleiding.\n\nIn 2024 bleef het {typed} en ook 7 dingen.\n\n`{typed}`\n"
    found = lint.typed_figures(ctx, body)
    assert [(f.code, f.line, f.severity) for f in found] == [
        (lint.CODE, ctx.line_offset + 3, "warning")]
    assert f"cijfer('{known[0].key}')" in (found[0].hint or "")
    assert value == lint._value(typed)


def distinctive(token: str) -> bool:
    value = lint._value(token)
    assert value is not None, token
    return lint._distinctive(token, value)


def test_years_small_and_round_numbers_are_not_figures() -> None:
    assert [distinctive(t) for t in ("2024", "12", "1.000", "100", "183", "38,09", "99.539")] \
        == [False, False, False, False, True, True, True]


# -- manifest ---------------------------------------------------------------------------------


def entry(org: str, year: int, version: str, *, archived: bool = False,
          edition: str | None = None) -> dict[str, Any]:
    return {"org": org, "year": year, "doc": "jaarplan", "version": version,
            "archived": archived, "edition": edition, "html": f"{org}/{year}/jaarplan/index.html",
            "pdf": f"{org}/{year}/jaarplan/{org}.pdf"}


def test_the_manifest_has_a_fixed_order() -> None:
    entries = [entry("szmh", 2019, "1.0"), entry("iasz", 2024, "1.0"),
               entry("iasz", 2024, "0.10", archived=True), entry("iasz", 2024, "0.9",
                                                                archived=True),
               entry("iasz", 2024, "1.0", edition="heemstede")]
    listed = manifest.build(entries)
    order = [(e["org"], e["version"], e["archived"], e["edition"]) for e in listed["documents"]]
    assert order == [("iasz", "0.9", True, None), ("iasz", "0.10", True, None),
                     ("iasz", "1.0", False, None), ("iasz", "1.0", False, "heemstede"),
                     ("szmh", "1.0", False, None)]
    assert listed["generator"].startswith("pcdocs ")
    assert manifest.build(list(reversed(entries))) == listed


def test_the_manifest_lists_every_other_published_file_once(tmp_path: Path) -> None:
    folder = tmp_path / "iasz/2024/jaarplan"
    folder.mkdir(parents=True)
    for name in ("index.html", "iasz.pdf", "tabel.csv", "grafiek.svg"):
        (folder / name).write_bytes(name.encode())
    written = manifest.write(tmp_path, manifest.build([entry("iasz", 2024, "1.0")]))
    files = json.loads(written.read_text(encoding="utf-8"))["files"]
    assert [(f["path"], f["type"], f["page"]) for f in files] == [
        ("iasz/2024/jaarplan/grafiek.svg", "svg", "iasz/2024/jaarplan/index.html"),
        ("iasz/2024/jaarplan/tabel.csv", "csv", "iasz/2024/jaarplan/index.html")]
    import hashlib

    assert files[1]["sha256"] == hashlib.sha256(b"tabel.csv").hexdigest()
    assert manifest.read(tmp_path)["documents"][0]["org"] == "iasz"
