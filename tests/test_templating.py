import pytest

from pcdocs.render.templating import check_source, render_source

ALLOWED = {"cijfer", "jaar"}


def test_syntax_error_names_the_markdown_line() -> None:
    findings = check_source("a\nb\n{{ cijfer('x' }}\n", "docs/a.md", 5, ALLOWED)
    assert [(f.code, f.line) for f in findings] == [("macro-syntax", 8)]
    assert findings[0].hint and "{% raw %}" in findings[0].hint


def test_unknown_macro_suggests_the_right_one() -> None:
    findings = check_source("tekst\n{{ cijfr('formatie.fte') }}\n", "docs/a.md", 0, ALLOWED)
    assert [(f.code, f.line, f.hint) for f in findings] == [
        ("onbekende-macro", 2, "bedoelde u 'cijfer'?")]


@pytest.mark.parametrize("payload", [
    "{{ ''.__class__.__mro__ }}",
    "{{ jaar.__class__ }}",
    "{{ jaar['__class__'] }}",
    "{% import 'os' as os %}",
    "{% include 'x.md' %}",
    "{{ jaar|attr('__class__') }}",
    "{{ config }}",
    "{{ self }}",
])
def test_injection_payloads_are_refused_before_anything_runs(payload: str) -> None:
    findings = check_source(payload, "docs/a.md", 0, ALLOWED)
    assert findings, payload
    assert all(f.severity == "error" for f in findings)


def test_loop_variables_are_allowed() -> None:
    assert check_source("{% for x in [1, 2] %}{{ x }}{{ loop.index }}{% endfor %}",
                        "a.md", 0, ALLOWED) == []


def test_sandboxed_render_keeps_unsafe_attributes_out() -> None:
    out = render_source("{{ jaar + 1 }}", {}, {"jaar": 2024})
    assert out == "2025"
