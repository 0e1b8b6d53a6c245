"""Progress of a long build: a live display with counts and time left on a terminal (rich),
plain lines when the output is not a terminal (CI logs), nothing with `-q`.

Steps are counted, not timed: `step(name, total)` opens one, `advance()` counts an item done.
Plain output writes a line when a step starts, at every tenth of it, and when it is done, so
a CI log of a build with 1.000 PDFs stays short.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


class Progress:
    """The silent base: every method does nothing (`-q`, tests, the live preview)."""

    def step(self, name: str, total: int) -> None:
        pass

    def advance(self, count: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class PlainProgress(Progress):
    """Lines for a log: `PDF's: 10/20 (50%), nog ongeveer 12 s`."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.name, self.total, self.done, self.started, self.shown = "", 0, 0, 0.0, -1

    def step(self, name: str, total: int) -> None:
        self._finish()
        self.name, self.total, self.done, self.started, self.shown = (
            name, total, 0, time.perf_counter(), 0)
        if total:
            print(f"{name}: 0/{total}", file=self.out, flush=True)

    def advance(self, count: int = 1) -> None:
        if not count:
            return
        self.done = min(self.total, self.done + count)
        tenth = self.done * 10 // self.total if self.total else 10
        if tenth > self.shown and self.done < self.total:
            self.shown = tenth
            print(f"{self.name}: {self.done}/{self.total} ({self.done * 100 // self.total}%)"
                  f"{_eta(self.started, self.done, self.total)}", file=self.out, flush=True)

    def close(self) -> None:
        self._finish()

    def _finish(self) -> None:
        if self.total and self.name:
            seconds = time.perf_counter() - self.started
            print(f"{self.name}: {self.total}/{self.total} klaar in {seconds:.1f} s".replace(
                ".", ","), file=self.out, flush=True)
        self.name, self.total = "", 0


class LiveProgress(Progress):
    """A rich progress bar per step on a terminal, with counts, elapsed time and time left."""

    def __init__(self, out: TextIO) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bars

        self.bars = Bars(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                         TimeElapsedColumn(), TextColumn("nog"), TimeRemainingColumn(),
                         console=Console(file=out), transient=False)
        self.task: Any = None
        self.bars.start()

    def step(self, name: str, total: int) -> None:
        self.task = self.bars.add_task(name, total=total)

    def advance(self, count: int = 1) -> None:
        if self.task is not None:
            self.bars.advance(self.task, count)

    def close(self) -> None:
        self.bars.stop()


def _eta(started: float, done: int, total: int) -> str:
    if not done:
        return ""
    left = (time.perf_counter() - started) / done * (total - done)
    return f", nog ongeveer {left:.0f} s"


def for_output(out: TextIO | None = None, *, quiet: bool = False) -> Progress:
    """The progress display that fits where the output goes."""
    out = out or sys.stderr
    if quiet:
        return Progress()
    if out.isatty():
        return LiveProgress(out)
    return PlainProgress(out)
