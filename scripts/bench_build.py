"""Benchmark: `pcdocs check` and `pcdocs build` on a copy of the example repository.

Runs each command (the build without PDFs: scripts/bench_pdf.py measures those) as a
separate process (cold, as an author or CI would) several times and
reports the median and range of wall time, and the peak memory (RSS) of the process tree.

    .venv/bin/python scripts/bench_build.py [--runs 5]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PCDOCS = Path(sys.executable).with_name("pcdocs")


def _copy(target: Path) -> None:
    for name in ("mkdocs.yml", "docs", "data", "macros"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)


def _run(args: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and the peak RSS (KiB) of this child's process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _copy(work)
        print(f"{'opdracht':<25}{'mediaan s':>10}{'min s':>8}{'max s':>8}{'piek MiB':>10}")
        for name, command in (("pcdocs check", [str(PCDOCS), "check"]),
                              ("pcdocs build --geen-pdf",
                               [str(PCDOCS), "build", "-q", "--geen-pdf"])):
            _run(command, work)  # warm-up: file system cache, .pyc files
            times, peak = [], 0
            for _ in range(args.runs):
                seconds, rss = _run(command, work)
                times.append(seconds)
                peak = max(peak, rss)
            print(f"{name:<25}{statistics.median(times):>10.2f}{min(times):>8.2f}"
                  f"{max(times):>8.2f}{peak / 1024:>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
