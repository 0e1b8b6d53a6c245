"""Charts in one house style: SVG with deterministic bytes, Dutch numbers, safe colours.

matplotlib is imported lazily (it costs ~0.4 s) and every chart is cached by the hash of its
inputs, so a rebuild renders only charts whose data changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import textwrap
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from pcdocs import fmt

STYLE_VERSION = "1"

# Okabe-Ito: distinguishable for the common forms of colour blindness.
BLUE = "#0072B2"
GREEN = "#009E73"
VERMILLION = "#D55E00"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREY = "#6E6E6E"
TEXT = "#1F1F1F"

RC: dict[str, Any] = {
    "svg.hashsalt": "pcdocs",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.edgecolor": GREY,
    "axes.labelcolor": TEXT,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "hatch.linewidth": 0.8,
}


@dataclass(frozen=True)
class Bar:
    """One bar: a realised value against its norm."""

    label: str
    value: Decimal
    norm: Decimal | None
    met: bool | None


@dataclass(frozen=True)
class Step:
    """One step of a waterfall: a stand (total) or a change."""

    label: str
    value: Decimal
    total: bool


@dataclass(frozen=True)
class PeriodBar:
    """A measure in one period, its long-term part and its norm."""

    label: str
    value: Decimal
    part: Decimal | None
    norm: Decimal | None


@dataclass(frozen=True)
class Stack:
    """One stacked bar: a category and its amount per series."""

    label: str
    amounts: tuple[Decimal, ...]


def cache_key(kind: str, payload: Any) -> str:
    blob = json.dumps([STYLE_VERSION, kind, payload], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def cached(cache: MutableMapping[str, bytes], kind: str, payload: Any,
           render: Callable[[], bytes]) -> tuple[str, bytes]:
    """(content key, SVG bytes), rendering only when the inputs are new."""
    key = cache_key(kind, payload)
    if key not in cache:
        cache[key] = render()
    return key, cache[key]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    _pyplot().close(fig)
    return buffer.getvalue()


def bars_against_norm(bars: Sequence[Bar], title: str, source: str,
                      axis_label: str = "Realisatie") -> bytes:
    """Horizontal bars of realised percentages with each norm marked; a missed norm is
    hatched, coloured and named in words (never colour alone)."""
    plt = _pyplot()
    with plt.rc_context(RC):
        height = 1.6 + 0.5 * len(bars)
        fig, ax = plt.subplots(figsize=(8.4, height))
        positions = list(range(len(bars)))[::-1]
        for pos, bar in zip(positions, bars, strict=True):
            missed = bar.met is False
            value = float(bar.value)
            ax.barh(pos, value, height=0.62, color=VERMILLION if missed else GREEN,
                    hatch="///" if missed else None, edgecolor="white", linewidth=0.5)
            inside = value >= 14
            ax.text(value - 1.2 if inside else value + 1.2, pos, fmt.percent(bar.value),
                    va="center", ha="right" if inside else "left", fontsize=8.5,
                    fontweight="bold", color="white" if inside else TEXT)
            if bar.norm is not None:
                ax.plot([float(bar.norm)] * 2, [pos - 0.44, pos + 0.44], color=TEXT,
                        linewidth=2.4, solid_capstyle="butt")
            verdict = {True: "✓ behaald", False: "✗ niet behaald", None: ""}[bar.met]
            ax.text(104, pos, verdict, va="center", ha="left", fontsize=8.5,
                    color=VERMILLION if missed else TEXT)
        ax.set_yticks(positions, [textwrap.fill(b.label, 44) for b in bars], fontsize=8)
        ax.set_xlim(0, 128)
        ax.set_xticks([0, 25, 50, 75, 100],
                      [fmt.percent(Decimal(v)) for v in (0, 25, 50, 75, 100)])
        ax.spines["bottom"].set_bounds(0, 100)
        ax.set_xlabel(axis_label, loc="left")
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
        _legend(ax)
        fig.text(0.01, 0.005, f"Bron: {source}", fontsize=7, color=GREY, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        return _save(fig)


def _legend(ax: Any) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=GREEN, label="norm behaald"),
        Patch(facecolor=VERMILLION, hatch="///", edgecolor="white", label="norm niet behaald"),
        Line2D([0], [0], color=TEXT, linewidth=2.4, label="norm"),
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.09 - 0.3 / max(
        1, len(ax.get_yticks()))), ncol=3, frameon=False, fontsize=8)


HATCHES = ("", "///", "...", "xx", "\\\\", "++")
SERIES = (BLUE, ORANGE, GREEN, VERMILLION, SKY, GREY)


def _nice_floor(value: float) -> float:
    step = 10 ** max(0, len(str(int(abs(value)))) - 2)
    return float(int(value // step) * step)


def waterfall(steps: Sequence[Step], title: str, source: str, unit: str) -> bytes:
    """From a stand to the next: totals as full bars, changes floating; the axis starts
    below the lowest stand (said in the chart)."""
    plt = _pyplot()
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(8.4, 4.4))
        levels, running = [], Decimal(0)
        for step in steps:
            if step.total:
                running = step.value
                levels.append((float(step.value), float(step.value)))
            else:
                levels.append((float(running), float(running + step.value)))
                running += step.value
        low = min(min(a, b) for a, b in levels)
        floor = _nice_floor(low - (max(max(a, b) for a, b in levels) - low) * 0.6 - 1)
        for i, (step, (a, b)) in enumerate(zip(steps, levels, strict=True)):
            if step.total:
                ax.bar(i, b - floor, bottom=floor, color=BLUE, width=0.62)
                label = fmt.number(step.value, 2)
            else:
                rising = step.value >= 0
                ax.bar(i, max(abs(b - a), 0.02), bottom=min(a, b), width=0.62,
                       color=SKY if rising else ORANGE, hatch="" if rising else "///",
                       edgecolor="white", linewidth=0.5)
                label = ("+" if step.value > 0 else "") + fmt.number(step.value, 2)
            ax.text(i, max(a, b) + 0.25, label, ha="center", va="bottom", fontsize=8,
                    color=TEXT)
        labels = [textwrap.fill(s.label.replace("/", "/ "), 14, break_long_words=False)
                  .replace("/ ", "/") for s in steps]
        ax.set_xticks(range(len(steps)), labels, fontsize=8)
        ax.set_ylim(floor, max(max(a, b) for a, b in levels) * 1.004 + 1)
        ax.yaxis.set_major_formatter(_formatter(0))
        ax.set_ylabel(unit)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
        fig.text(0.01, 0.005, f"De verticale as begint bij {fmt.number(Decimal(int(floor)))} "
                 f"{unit}.  Bron: {source}", fontsize=7, color=GREY, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        return _save(fig)


def periods_against_norm(bars: Sequence[PeriodBar], title: str, source: str,
                         part_label: str) -> bytes:
    """Per period: the measure as a bar, its long-term part hatched inside, the norm as a
    line; values in words on the bars."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    plt = _pyplot()
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(7.2, 3.8))
        top = max(float(max(b.value, b.norm or Decimal(0))) for b in bars)
        for i, bar in enumerate(bars):
            ax.bar(i, float(bar.value), width=0.55, color=BLUE)
            ax.text(i, float(bar.value) + top * 0.02, fmt.percent(bar.value), ha="center",
                    va="bottom", fontsize=9, fontweight="bold", color=TEXT)
            if bar.part is not None:
                ax.bar(i, float(bar.part), width=0.55, color=SKY, hatch="///",
                       edgecolor="white", linewidth=0.5)
            if bar.norm is not None:
                ax.plot([i - 0.38, i + 0.38], [float(bar.norm)] * 2, color=TEXT, linewidth=2.4)
                ax.text(i + 0.4, float(bar.norm), "norm " + fmt.percent(bar.norm), va="center",
                        fontsize=8, color=TEXT)
        ax.set_xticks(range(len(bars)), [b.label for b in bars])
        ax.set_xlim(-0.6, len(bars) - 0.1)
        ax.set_ylim(0, top * 1.18)
        ax.yaxis.set_major_formatter(_formatter(0, percent=True))
        handles = [Patch(facecolor=BLUE, label="verzuim"),
                   Patch(facecolor=SKY, hatch="///", edgecolor="white", label=part_label),
                   Line2D([0], [0], color=TEXT, linewidth=2.4, label="norm")]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.1), ncol=3,
                  frameon=False, fontsize=8)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
        fig.text(0.01, 0.005, f"Bron: {source}", fontsize=7, color=GREY, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        return _save(fig)


def stacked_bars(stacks: Sequence[Stack], series: Sequence[str], title: str,
                 source: str) -> bytes:
    """Bars per category stacked by series (colour and hatch differ), total on top, euros."""
    from matplotlib.patches import Patch

    plt = _pyplot()
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(8.0, 4.4))
        totals = [sum(s.amounts, Decimal(0)) for s in stacks]
        top = float(max(totals)) if totals else 1.0
        for i, stack in enumerate(stacks):
            bottom = 0.0
            for j, amount in enumerate(stack.amounts):
                if amount:
                    ax.bar(i, float(amount), bottom=bottom, width=0.6, color=SERIES[j],
                           hatch=HATCHES[j], edgecolor="white", linewidth=0.5)
                    bottom += float(amount)
            ax.text(i, float(totals[i]) + top * 0.015, fmt.euro(totals[i]), ha="center",
                    va="bottom", fontsize=8.5, fontweight="bold", color=TEXT)
        ax.set_xticks(range(len(stacks)), [textwrap.fill(s.label, 22) for s in stacks])
        ax.set_ylim(0, top * 1.12)
        ax.yaxis.set_major_formatter(_formatter(0, euro=True))
        used = [j for j in range(len(series)) if any(s.amounts[j] for s in stacks)]
        handles = [Patch(facecolor=SERIES[j], hatch=HATCHES[j], edgecolor="white",
                         label=series[j]) for j in used]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.12), ncol=2,
                  frameon=False, fontsize=8)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
        fig.text(0.01, 0.005, f"Bron: {source}", fontsize=7, color=GREY, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        return _save(fig)


def heatmap(rows: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[str]],
            scores: Sequence[Sequence[int]], title: str, source: str, row_title: str,
            column_title: str) -> bytes:
    """A kans x omvang matrix: a light-to-dark scale (readable without colour), the codes in
    each cell."""
    import numpy as np

    plt = _pyplot()
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(8.4, 1.6 + 0.8 * len(rows)))
        grid = np.array(scores, dtype=float)
        ax.imshow(grid, cmap="Oranges", vmin=0, vmax=grid.max() * 1.15, aspect="auto")
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                dark = grid[r, c] > grid.max() * 0.62
                ax.text(c, r, textwrap.fill(text, 12), ha="center", va="center", fontsize=10,
                        fontweight="bold", color="white" if dark else TEXT)
        ax.set_xticks(range(len(columns)), [textwrap.fill(c, 14) for c in columns], fontsize=8)
        ax.set_yticks(range(len(rows)), rows, fontsize=8.5)
        ax.set_xticks([x - 0.5 for x in range(1, len(columns))], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
        ax.grid(which="minor", color="white", linewidth=2)
        ax.tick_params(which="minor", length=0)
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_xlabel(column_title)
        ax.set_ylabel(row_title)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
        fig.text(0.01, 0.005, f"Bron: {source}", fontsize=7, color=GREY, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        return _save(fig)


def paired_bars(stacks: Sequence[Stack], series: tuple[str, str], title: str,
                source: str) -> bytes:
    """Two horizontal bars per category (e.g. lasten and baten), told apart by colour and
    hatch, amounts in euros."""
    from matplotlib.patches import Patch

    plt = _pyplot()
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(8.4, 1.4 + 0.62 * len(stacks)))
        positions = list(range(len(stacks)))[::-1]
        top = float(max(max(s.amounts) for s in stacks)) or 1.0
        for pos, stack in zip(positions, stacks, strict=True):
            for j, amount in enumerate(stack.amounts[:2]):
                y = pos + (0.2 if j == 0 else -0.2)
                ax.barh(y, float(amount), height=0.38, color=SERIES[j], hatch=HATCHES[j],
                        edgecolor="white", linewidth=0.5)
                ax.text(float(amount) + top * 0.01, y, fmt.euro(amount), va="center",
                        fontsize=7.5, color=TEXT)
        ax.set_yticks(positions, [textwrap.fill(s.label, 30) for s in stacks], fontsize=8)
        ax.set_xlim(0, top * 1.22)
        ax.xaxis.set_major_locator(_few_ticks())
        ax.xaxis.set_major_formatter(_formatter(0, euro=True))
        ax.legend(handles=[Patch(facecolor=SERIES[j], hatch=HATCHES[j], edgecolor="white",
                                 label=series[j]) for j in range(2)],
                  loc="upper left", bbox_to_anchor=(0, -0.08), ncol=2, frameon=False,
                  fontsize=8)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
        fig.text(0.01, 0.005, f"Bron: {source}", fontsize=7, color=GREY, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        return _save(fig)


def diverging(bars: Sequence[Bar], title: str, subtitle: str, source: str) -> bytes:
    """Horizontal bars around zero: a gain to the right, a loss to the left (hatched), each
    labelled with its amount and the word voordeel/nadeel."""
    plt = _pyplot()
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(8.4, 1.6 + 0.5 * len(bars)))
        positions = list(range(len(bars)))[::-1]
        span = float(max(abs(b.value) for b in bars)) or 1.0
        for pos, bar in zip(positions, bars, strict=True):
            gain = bar.value >= 0
            ax.barh(pos, float(bar.value), height=0.6, color=GREEN if gain else VERMILLION,
                    hatch="" if gain else "///", edgecolor="white", linewidth=0.5)
            word = "" if bar.value == 0 else (" voordeel" if gain else " nadeel")
            offset = span * 0.02 * (1 if gain else -1)
            ax.text(float(bar.value) + offset, pos, fmt.euro(bar.value) + word, va="center",
                    ha="left" if gain else "right", fontsize=7.5, color=TEXT)
        ax.axvline(0, color=TEXT, linewidth=0.8)
        ax.set_yticks(positions, [textwrap.fill(b.label, 32) for b in bars], fontsize=8)
        ax.set_xlim(-span * 1.6, span * 1.6)
        ax.xaxis.set_major_formatter(_formatter(0, euro=True))
        ax.set_title(subtitle, fontsize=8.5, fontweight="normal", color=GREY)
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
        fig.text(0.01, 0.005, f"Bron: {source}", fontsize=7, color=GREY, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        return _save(fig)


def counts(bars: Sequence[Bar], title: str, source: str) -> bytes:
    """Horizontal bars of counts (e.g. activities per status), the number at each bar."""
    plt = _pyplot()
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(7.2, 1.3 + 0.5 * len(bars)))
        positions = list(range(len(bars)))[::-1]
        top = float(max(b.value for b in bars)) or 1.0
        for pos, bar in zip(positions, bars, strict=True):
            ax.barh(pos, float(bar.value), height=0.6, color=BLUE)
            ax.text(float(bar.value) + top * 0.02, pos, fmt.number(bar.value), va="center",
                    fontsize=9, fontweight="bold", color=TEXT)
        ax.set_yticks(positions, [b.label for b in bars])
        ax.set_xlim(0, top * 1.2)
        ax.xaxis.set_major_locator(_integer_locator())
        ax.set_xlabel("aantal")
        fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=11)
        fig.text(0.01, 0.005, f"Bron: {source}", fontsize=7, color=GREY, ha="left", va="bottom")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
        return _save(fig)


def _integer_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _few_ticks() -> Any:
    """At most five ticks, so long euro labels never run into each other."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10])


def _formatter(decimals: int, *, percent: bool = False, euro: bool = False) -> Any:
    from matplotlib.ticker import FuncFormatter

    def label(value: float, _pos: int) -> str:
        number = Decimal(str(round(value, decimals)))
        if percent:
            return fmt.percent(number, decimals)
        if euro:
            return fmt.euro(number, decimals)
        return fmt.number(number, decimals)

    return FuncFormatter(label)


def size_of(svg: bytes) -> tuple[int, int]:
    """Pixel size of a matplotlib SVG (its width/height are in pt)."""
    head = svg[:600].decode("utf-8", "ignore")

    def grab(attr: str) -> int:
        start = head.index(f'{attr}="') + len(attr) + 2
        value = head[start: head.index('"', start)].replace("pt", "")
        return round(float(value) * 96 / 72)

    return grab("width"), grab("height")


def payload(items: Sequence[Any]) -> list[dict[str, Any]]:
    """The inputs of a chart (dataclass instances) as plain data, for its cache key."""
    return [asdict(item) for item in items]
