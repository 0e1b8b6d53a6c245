"""Progress of a build: plain lines in a log (no terminal), nothing with -q."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pcdocs.support.progress import LiveProgress, PlainProgress, Progress, for_output
from tests.conftest import run_cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_at_each_tenth_with_counts() -> None:
    out = io.StringIO()
    progress = PlainProgress(out)
    progress.step("PDF's", 20)
    for _ in range(20):
        progress.advance()
    progress.close()
    lines = out.getvalue().splitlines()
    assert lines[0] == "PDF's: 0/20"
    assert lines[1].startswith("PDF's: 2/20 (10%), nog ongeveer ")
    assert re.fullmatch(r"PDF's: 20/20 klaar in \d+,\d s", lines[-1])
    assert len(lines) == 11  # start, nine tenths, done: a CI log stays short


def test_the_display_fits_the_output() -> None:
    assert isinstance(for_output(io.StringIO()), PlainProgress)
    assert type(for_output(io.StringIO(), quiet=True)) is Progress
    live = for_output(Terminal())
    assert isinstance(live, LiveProgress)
    live.close()


def test_a_quiet_build_prints_nothing_but_a_log_build_shows_its_steps(tmp_path: Path) -> None:
    from tests.test_cache import copy_iasz_2024

    root = copy_iasz_2024(tmp_path / "kopie")
    quiet = run_cli("-C", str(root), "build", "--geen-pdf", "-q")
    assert quiet.code == 0 and quiet.out == "" and quiet.err == ""
    shown = run_cli("-C", str(root), "build", "--geen-pdf")
    assert shown.code == 0
    assert re.search(r"^Controleren: \d+/\d+ klaar in", shown.err, re.M)
    assert re.search(r"^Pagina's: \d+/\d+ klaar in", shown.err, re.M)
    assert shown.out.startswith("Site gebouwd in ")
