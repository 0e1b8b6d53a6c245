"""The lint for figures typed by hand: a number in prose that the page's data also holds."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

DOC = "docs/iasz/2024/jaarplan.md"

PROSE = """
De formatie telt 38,09 fte; dat staat ook in de tabel.
In 2023 en 2024 bleef de norm 5,5% en ook artikel 120 geldt nog.
`38,09` in code, {{ cijfer('formatie.fte') }} als macro en [een link](https://x.nl/38,09).

```
totaal_fte: 38,09
```

<!-- 38,09 in een opmerking -->
Eén op de 100 inwoners, en 1.000 brieven.
"""


def test_a_hand_typed_data_figure_is_a_warning_at_its_line(repo: Path) -> None:
    path = repo / DOC
    text = path.read_text(encoding="utf-8")
    path.write_text(text + PROSE, encoding="utf-8")
    first = text.count("\n") + 2  # the line of "De formatie telt 38,09 fte"

    run = run_cli("-C", str(repo), "check", "--format", "json")
    assert run.code == 0, run.out  # a warning, not an error
    found = [f for f in json.loads(run.out)["findings"] if f["code"] == "cijfer-met-de-hand"]
    assert [(f["file"], f["line"], f["severity"]) for f in found] == [
        (DOC, first, "warning"), (DOC, first + 1, "warning")]
    assert "'38,09'" in found[0]["message"]
    assert "data/iasz/2024/formatie.yaml:3" in found[0]["message"]
    assert found[0]["hint"].startswith("schrijf {{ cijfer('formatie.fte') }}")
    assert "'5,5'" in found[1]["message"]  # norm ziekteverzuim; the years are left alone

    strict = run_cli("-C", str(repo), "check", "--strict")
    assert strict.code == 1
    assert f"{DOC}:{first}: cijfer-met-de-hand:" in strict.out


def test_the_example_documents_have_no_hand_typed_figures(repo: Path) -> None:
    run = run_cli("-C", str(repo), "check", "--format", "json")
    codes = [f["code"] for f in json.loads(run.out)["findings"]]
    assert "cijfer-met-de-hand" not in codes
