"""Benchmark of the risk simulation (pcdocs/model/simulation.py): a register of 50 risks
(fixed amounts, uniform and triangular ranges, one dependent group) simulated over 100.000
years, the target being under 0,5 s on two cores.

One warm-up run, then `--runs` timed runs of `simulate` (wall clock, `time.perf_counter`); the
median is reported, with the fastest and slowest, and the median processor time
(`time.process_time`: what the run itself used, less disturbed by other work on the machine;
the simulation runs in one thread). Peak memory: the largest amount numpy and
Python held during one run (tracemalloc, in a separate run so the tracing does not slow the
timed ones), and the process's peak RSS (resource.getrusage) at the end.

    .venv/bin/python scripts/bench_simulation.py [--runs 7] [--draws 100000] [--risks 50]

Prints one line in Dutch (decimal comma) and one in English. Never a test: timing depends on
the machine; the tests check correctness and memory.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import time
import tracemalloc
from decimal import Decimal

import numpy as np

from pcdocs.model.simulation import (
    Dependence,
    Fixed,
    Risk,
    Triangular,
    Uniform,
    simulate,
)


def register(n: int) -> tuple[list[Risk], list[Dependence]]:
    """n risks, a third each fixed, uniform and triangular, kans 2% to 90%; the first four
    in one group with coefficient 0,5."""
    risks = []
    for i in range(n):
        kans = Decimal(2 + (i * 37) % 89) / 100
        base = Decimal(25_000 * (1 + (i * 7) % 40))
        impact: Fixed | Uniform | Triangular
        if i % 3 == 0:
            impact = Fixed(base)
        elif i % 3 == 1:
            impact = Uniform(base / 2, base * 3)
        else:
            impact = Triangular(base / 2, base, base * 5)
        risks.append(Risk(f"R{i + 1}", kans, impact, structural=i % 2 == 0))
    group = [Dependence(tuple(r.code for r in risks[:4]), Decimal("0.5"))] if n >= 4 else []
    return risks, group


def comma(x: float, digits: int) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--risks", type=int, default=50)
    args = parser.parse_args(argv)
    risks, group = register(args.risks)

    first = simulate(risks, draws=args.draws, seed=1, dependences=group)  # warm-up
    times, cpu = [], []
    for _ in range(args.runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = simulate(risks, draws=args.draws, seed=1, dependences=group)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        assert result.as_json() == first.as_json()  # same input, same bytes
    tracemalloc.start()
    simulate(risks, draws=args.draws, seed=1, dependences=group)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    median, median_cpu = statistics.median(times), statistics.median(cpu)
    cores = os.cpu_count() or 0
    print(f"risicosimulatie: {args.risks} risico's x {args.draws:_} trekkingen: mediaan "
          f"{comma(median, 3)} s (min {comma(min(times), 3)}, max {comma(max(times), 3)}; "
          f"processortijd {comma(median_cpu, 3)} s; {args.runs} runs na opwarmen), "
          f"piekgeheugen {comma(peak / 2**20, 1)} MiB "
          f"(tracemalloc), piek-RSS {comma(rss_kib / 1024, 0)} MiB; {cores} kernen, "
          f"numpy {np.__version__}, Python {platform.python_version()}".replace("_", "."))
    print(f"risk simulation: {args.risks} risks x {args.draws:,} draws: median {median:.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}; CPU {median_cpu:.3f} s; "
          f"{args.runs} runs after warm-up), "
          f"peak {peak / 2**20:.1f} MiB traced, peak RSS {rss_kib / 1024:.0f} MiB; "
          f"benodigd (P{int(first.certainty * 100)}) {first.required} euro")
    return 0


if __name__ == "__main__":
    raise SystemExit(run())
