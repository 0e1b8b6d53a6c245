"""The page sandbox under attack: every page renders in `sandbox.PageEnvironment` (check,
build and preview), which runs no Python but the registered macros, shows every value as
text, and bounds the work of a page. Each payload must end in the named finding, never in
output, a hang or an exhausted machine."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from pcdocs.errors import TemplateError
from pcdocs.render.sandbox import Limits
from pcdocs.render.templating import check_source, render_source

PWNED = Path("/tmp/pcdocs-sandbox-pwned")


def cijfer(key: str) -> Markup:
    return Markup('<span class="pc-cijfer">{}</span>').format(key)


FUNCTIONS = {"cijfer": cijfer}
VARIABLES = {"jaar": 2024, "besluit": {"orgaan": "College van B&W", "nummer": 12},
             "titel": "Plan <b>vet</b> & \"citaat\""}
ALLOWED = set(FUNCTIONS) | set(VARIABLES) | {"range"}


def refused(source: str) -> str:
    """The code of the finding the page gets: static check first, then the render."""
    static = check_source(source, "docs/a.md", 0, ALLOWED)
    if static:
        return static[0].code
    with pytest.raises(TemplateError) as caught:
        render_source(source, FUNCTIONS, VARIABLES, Limits(seconds=5))
    return caught.value.finding.code


# Computed names, swallowed refusals, Jinja's globals, methods of values: nothing runs.
ESCAPES = [
    "{% set g = cijfer['_'+'_globals__'] | default(none) %}{% if g %}"
    "{{ g['_'+'_builtins__']['_'+'_import__']('os').popen('touch /tmp/pcdocs-sandbox-pwned')"
    ".read() }}{% endif %}",
    "{% set n = '_' ~ '_class__' %}{{ jaar[n] | default('x') }}",
    "{% set n = '_' ~ '_class__' %}{% if besluit[n] is defined %}ja{% endif %}",
    "{{ (cijfer | string)[0] ~ cijfer['__globals__'] }}",
    "{{ besluit['_' * 2 ~ 'class' ~ '_' * 2] }}",
    "{{ besluit.items.__self__ }}",
    "{{ 'x'.center(10) }}",
    "{{ 'x'.join(['a']) }}",
    "{{ besluit.update({'a': 1}) }}",
    "{{ besluit.pop('orgaan') }}",
    "{{ lipsum(1000) }}",
    "{{ cycler(1, 2) }}",
    "{{ namespace(a=1) }}",
    "{{ dict(a=1) }}",
    "{{ joiner() }}",
    "{{ cijfer.__call__('x') }}",
    "{{ range.__self__ }}",
    "{{ '%s' % jaar }}",
    "{{ jaar | attr('__class__') }}",
    "{{ jaar | map('upper') | list }}",
    "{{ titel | safe }}",
    "{{ [besluit] | selectattr('__class__') | list }}",
    "{{ titel | format(1) }}",
    "{% for k in besluit | dictsort %}{{ k.__class__ }}{% endfor %}",
    "{{ loop }}",
    "{% set _x = 1 %}{{ _x }}",
    "{% import 'os' as os %}",
    "{% include '/etc/passwd' %}",
    "{% extends '/etc/passwd' %}",
    # found by the red team: switching escaping off, replacing the loop guard
    "{% autoescape false %}{{ '<img src=x onerror=alert(1)>' }}{% endautoescape %}",
    "{% macro _pc_iter(x) %}abc{% endmacro %}{% for c in range(3) %}{{ c }}{% endfor %}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_no_python_runs_from_a_page(payload: str) -> None:
    code = refused(payload)
    assert code in ("niet-toegestaan", "onbekende-macro"), code
    assert not PWNED.exists()


# Work that would hang the build or exhaust the machine: bounded, a finding at the line.
BOMBS = [
    "{{ jaar ** jaar ** jaar ** 3 }}",
    "{{ 9 ** 99999 }}",
    "{{ 'x' * 100000000 }}",
    "{{ ['x'] * 100000000 }}",
    "{% set a = ['x'] * 100000 %}{{ [a, a, a] }}",
    "{% set a = 'x' * 100000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c }}",
    "{% set a = 'x' * 100000 %}{{ a + a + a }}",
    "{% for a in range(50000) %}{% for b in range(50000) %}{% endfor %}{% endfor %}",
    "{% set r = range(50000) %}{% for a in r %}{% for b in r %}{% endfor %}{% endfor %}",
    "{% for a in range(50000) %}{% for b in range(50000) %}{% set c = b %}{% endfor %}"
    "{% endfor %}",
    "{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}x{% endfor %}{% endfor %}",
    "{{ range(1000000000) | list }}",
    "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
    "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% endif %}{% endmacro %}{{ d('x', 64) }}",
    "{{ ('x' * 100000) | replace('x', 'xxxxxxxxxx') }}",
    "{{ (range(100000) | list) | join('x' * 1000) }}",
    "{{ 1.5 | round(10 ** 9) }}",
    "{{ ('9' * 5000) | int }}",
    "{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}",
    # found by the red team: a recursive loop's levels, output captured by a block set
    "{% set big = [0] * 19000 %}{% for x in [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1] "
    "recursive %}{% if x == -1 %}{{ loop(range(20000)) }}{% elif 5 in big %}{% endif %}"
    "{% endfor %}",
    "{% set big %}{{ 'a' * 199000 }}{% endset %}{% set x %}{% for i in range(10000) %}"
    "{{ big }}{% endfor %}{% endset %}",
    "{% set x %}{% for i in range(1000000) %}" + "lange letterlijke tekst " * 20
    + "{% endfor %}{% endset %}",
]


@pytest.mark.parametrize("payload", BOMBS)
def test_a_page_cannot_hang_or_exhaust_the_build(payload: str) -> None:
    assert refused(payload) == "macro-limiet"


def test_the_limit_finding_names_the_line() -> None:
    source = "regel 1\nregel 2\n{{ 'x' * 100000000 }}\n"
    with pytest.raises(TemplateError) as caught:
        render_source(source, FUNCTIONS, VARIABLES)
    assert (caught.value.finding.line, caught.value.finding.code) == (3, "macro-limiet")
    assert caught.value.finding.hint


def test_deep_nesting_of_the_template_itself_is_a_finding() -> None:
    source = "{% if jaar %}" * 10_000 + "x" + "{% endif %}" * 10_000
    findings = check_source(source, "docs/a.md", 4, ALLOWED)
    assert [(f.code, f.line) for f in findings] == [("macro-limiet", 5)]


def test_values_are_text_never_html() -> None:
    out = render_source("{{ titel }} {{ '<script>x</script>' }} {{ besluit.orgaan }} "
                        "{{ cijfer('a') }} {{ ['<i>'] | join(', ') }} {{ titel ~ '!' }}",
                        FUNCTIONS, VARIABLES)
    assert "<b>" not in out and "<script>" not in out and "<i>" not in out
    assert "Plan &lt;b&gt;vet&lt;/b&gt; &amp; &#34;citaat&#34;" in out
    assert "College van B&amp;W" in out
    assert '<span class="pc-cijfer">a</span>' in out  # a macro's own HTML stays HTML


def test_ordinary_page_logic_still_works() -> None:
    source = ("{% for x in [1, 2, 3] %}{{ x }}{% if not loop.last %}, {% endif %}{% endfor %}|"
              "{{ jaar - 1 }}|{{ besluit.orgaan | upper }}|{{ besluit['nummer'] + 1 }}|"
              "{% for k, v in besluit.items() %}{{ k }}{% endfor %}|{{ (10 / 4) | round(1) }}|"
              "{% macro t(x) %}[{{ x }}]{% endmacro %}{{ t(jaar) }}|{{ range(3) | list | length }}"
              "|{{ 'ab' * 3 }}|{{ 2 ** 10 }}")
    assert not check_source(source, "a.md", 0, ALLOWED)
    out = render_source(source, FUNCTIONS, VARIABLES)
    assert out == ("1, 2, 3|2023|COLLEGE VAN B&amp;W|13|orgaannummer|2.5|[2024]|3|ababab|1024")


def test_the_author_guide_lists_every_filter_and_limit() -> None:
    from pcdocs.render.sandbox import FILTERS

    guide = (Path(__file__).resolve().parents[1] / "docs/handleiding/index.md").read_text(
        encoding="utf-8")
    section = guide.split("## Wat een pagina mag", 1)[1]
    for name in FILTERS:
        assert f"`{name}`" in section, name
    limits = Limits()
    assert "een miljoen stappen" in section and limits.steps == 1_000_000
    assert f"{limits.size:,}".replace(",", ".") + " tekens" in section
    assert f"{limits.power_bits:,}".replace(",", ".") + " bits" in section
    assert f"{limits.seconds:g}\nseconden" in section or f"{limits.seconds:g} seconden" in section
    assert "8 miljoen tekens" in section and limits.output == 8_000_000
