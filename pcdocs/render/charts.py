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

from pcdocs.model import fmt

# Part of every chart's cache key: a change of layout or sizes renders every chart again (the
# disk cache's key also holds the hash of the pcdocs code, see cache.code_version).
STYLE_VERSION = "2"

# Sizes for a phone first. A chart is drawn WIDTH_IN inches wide (its SVG viewBox is that many
# pt, give or take what `bbox_inches="tight"` trims) and no text is smaller than FONT pt. On
# a 390 px phone the chart is shown PHONE_PX wide, so FONT pt reads FONT * PHONE_PX /
# (WIDTH_IN * 72) px there (>= 11); on A4 paper it is printed at most its own width (or
# fitted to the 476 pt text width, which is wider), so FONT pt stays >= 7 pt.
WIDTH_IN = 4.4
FONT = 10.0
TITLE_FONT = 11.5
PHONE_PX = 358  # the content width of a 390 px screen (measured in chromium)
MIN_PHONE_PX = 11.0
PRINT_WIDTH_PT = 476  # A4 portrait, 168 mm of text width
MIN_PRINT_PT = 7.0
ROW_IN = 0.3  # one unit of a horizontal chart's rows, in inches
LINE = FONT * 1.3 / (ROW_IN * 72)  # one line of a row's label, in row units

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
    "font.size": FONT,
    "axes.edgecolor": GREY,
    "axes.labelcolor": TEXT,
    "axes.labelsize": FONT,
    "axes.titlesize": TITLE_FONT,
    "xtick.labelsize": FONT,
    "ytick.labelsize": FONT,
    "legend.fontsize": FONT,
    "figure.titlesize": TITLE_FONT,
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


def _frame(fig: Any, title: str, note: str) -> None:
    """Title at the top, the note (source) at the bottom, both wrapped to the width."""
    fig.suptitle(textwrap.fill(title, 44), x=0.01, ha="left", fontweight="bold",
                 fontsize=TITLE_FONT)
    wrapped = textwrap.fill(note, 56)
    lines = wrapped.count("\n") + 1
    fig.text(0.01, 0.005, wrapped, fontsize=FONT, color=GREY, ha="left", va="bottom",
             linespacing=1.2)
    bottom = (lines * FONT * 1.25 + 6) / (fig.get_figheight() * 72)
    fig.tight_layout(rect=(0, bottom, 1, 1))


@dataclass(frozen=True)
class _Rows:
    """Horizontal rows, top to bottom: each a label (on its own lines, above) and bars."""

    bars: list[float]  # the y of each row's (first) bar
    labels: list[str]  # wrapped
    label_y: list[float]  # the baseline under each label
    height: float  # in row units


def _rows(labels: Sequence[str], bar_space: float, width: int = 46) -> _Rows:
    bars, wrapped, under, y = [], [], [], 0.0
    for label in labels:
        text = textwrap.fill(label, width)
        y -= LINE * (text.count("\n") + 1) + 0.1
        under.append(y)
        y -= bar_space / 2
        bars.append(y)
        y -= bar_space / 2 + 0.35
        wrapped.append(text)
    return _Rows(bars, wrapped, under, -y)


def _row_labels(ax: Any, rows: _Rows, x: float) -> None:
    for text, y in zip(rows.labels, rows.label_y, strict=True):
        ax.text(x, y, text, ha="left", va="bottom", fontsize=FONT, color=TEXT,
                linespacing=1.15)
    ax.set_yticks([])
    ax.set_ylim(-rows.height, 0.1)
    ax.spines["left"].set_visible(False)


def _figure(plt: Any, rows_height: float, extra: float) -> Any:
    """(figure, axes) for `rows_height` row units plus `extra` inches of title, legend and
    note."""
    return plt.subplots(figsize=(WIDTH_IN, rows_height * ROW_IN + extra))


def bars_against_norm(bars: Sequence[Bar], title: str, source: str,
                      axis_label: str = "Realisatie") -> bytes:
    """Horizontal bars of realised percentages with each norm marked; a missed norm is
    hatched, coloured and named in words (never colour alone). Each label stands above its
    bar, so the bars keep the full width of a phone."""
    plt = _pyplot()
    with plt.rc_context(RC):
        verdicts = {True: " — ✓ behaald", False: " — ✗ niet behaald", None: ""}
        rows = _rows([b.label + verdicts[b.met] for b in bars], 0.8)
        fig, ax = _figure(plt, rows.height, 1.9)
        for y, bar in zip(rows.bars, bars, strict=True):
            missed = bar.met is False
            value = float(bar.value)
            ax.barh(y, value, height=0.8, color=VERMILLION if missed else GREEN,
                    hatch="///" if missed else None, edgecolor="white", linewidth=0.5)
            inside = value >= 18
            ax.text(value - 1.2 if inside else value + 1.2, y, fmt.percent(bar.value),
                    va="center", ha="right" if inside else "left", fontsize=FONT,
                    fontweight="bold", color="white" if inside else TEXT)
            if bar.norm is not None:
                ax.plot([float(bar.norm)] * 2, [y - 0.55, y + 0.55], color=TEXT,
                        linewidth=2.4, solid_capstyle="butt")
        _row_labels(ax, rows, 0)
        ax.set_xlim(0, 102)
        ax.set_xticks([0, 25, 50, 75, 100],
                      [fmt.percent(Decimal(v)) for v in (0, 25, 50, 75, 100)])
        ax.set_xlabel(axis_label, loc="left")
        _legend(ax)
        _frame(fig, title, f"Bron: {source}")
        return _save(fig)


def _legend(ax: Any) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=GREEN, label="norm behaald"),
        Patch(facecolor=VERMILLION, hatch="///", edgecolor="white", label="norm niet behaald"),
        Line2D([0], [0], color=TEXT, linewidth=2.4, label="norm"),
    ]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2,
              frameon=False, fontsize=FONT, borderaxespad=0.2)


HATCHES = ("", "///", "...", "xx", "\\\\", "++")
SERIES = (BLUE, ORANGE, GREEN, VERMILLION, SKY, GREY)


def _nice_floor(value: float) -> float:
    step = 10 ** max(0, len(str(int(abs(value)))) - 2)
    return float(int(value // step) * step)


def waterfall(steps: Sequence[Step], title: str, source: str, unit: str) -> bytes:
    """From a stand to the next, one row per step (top to bottom): totals as full bars,
    changes floating; the axis starts below the lowest stand (said in the chart)."""
    plt = _pyplot()
    with plt.rc_context(RC):
        levels, running = [], Decimal(0)
        for step in steps:
            if step.total:
                running = step.value
                levels.append((float(step.value), float(step.value)))
            else:
                levels.append((float(running), float(running + step.value)))
                running += step.value
        low = min(min(a, b) for a, b in levels)
        high = max(max(a, b) for a, b in levels)
        floor = _nice_floor(low - (high - low) * 0.6 - 1)
        rows = _rows([s.label for s in steps], 0.8)
        fig, ax = _figure(plt, rows.height, 1.5)
        for y, step, (a, b) in zip(rows.bars, steps, levels, strict=True):
            if step.total:
                ax.barh(y, b - floor, left=floor, color=BLUE, height=0.8)
                label = fmt.number(step.value, 2)
            else:
                rising = step.value >= 0
                ax.barh(y, max(abs(b - a), 0.02), left=min(a, b), height=0.8,
                        color=SKY if rising else ORANGE, hatch="" if rising else "///",
                        edgecolor="white", linewidth=0.5)
                label = ("+" if step.value > 0 else "") + fmt.number(step.value, 2)
            ax.text(max(a, b) + (high - floor) * 0.015, y, label, ha="left", va="center",
                    fontsize=FONT, color=TEXT)
        _row_labels(ax, rows, floor)
        ax.set_xlim(floor, high + (high - floor) * 0.22)
        ax.xaxis.set_major_locator(_few_ticks())
        ax.xaxis.set_major_formatter(_formatter(0))
        ax.set_xlabel(unit, loc="left")
        _frame(fig, title, f"De as begint bij {fmt.number(Decimal(int(floor)))} {unit}.  "
               f"Bron: {source}")
        return _save(fig)


def periods_against_norm(bars: Sequence[PeriodBar], title: str, source: str,
                         part_label: str) -> bytes:
    """Per period: the measure as a bar, its long-term part hatched inside, the norm as a
    line; values in words on the bars."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    plt = _pyplot()
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.9))
        top = max(float(max(b.value, b.norm or Decimal(0))) for b in bars)
        for i, bar in enumerate(bars):
            ax.bar(i, float(bar.value), width=0.55, color=BLUE)
            ax.text(i, float(bar.value) + top * 0.02, fmt.percent(bar.value), ha="center",
                    va="bottom", fontsize=FONT, fontweight="bold", color=TEXT)
            if bar.part is not None:
                ax.bar(i, float(bar.part), width=0.55, color=SKY, hatch="///",
                       edgecolor="white", linewidth=0.5)
            if bar.norm is not None:
                ax.plot([i - 0.38, i + 0.38], [float(bar.norm)] * 2, color=TEXT, linewidth=2.4)
                ax.text(i + 0.4, float(bar.norm), "norm\n" + fmt.percent(bar.norm),
                        va="center", fontsize=FONT, color=TEXT, linespacing=1.1)
        ax.set_xticks(range(len(bars)), [textwrap.fill(b.label, 12) for b in bars])
        ax.set_xlim(-0.6, len(bars) - 0.1)
        ax.set_ylim(0, top * 1.2)
        ax.yaxis.set_major_locator(_few_ticks(steps=(1, 2, 5, 10)))
        ax.yaxis.set_major_formatter(_formatter(0, percent=True))
        handles = [Patch(facecolor=BLUE, label="verzuim"),
                   Patch(facecolor=SKY, hatch="///", edgecolor="white", label=part_label),
                   Line2D([0], [0], color=TEXT, linewidth=2.4, label="norm")]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2,
                  frameon=False, fontsize=FONT, borderaxespad=0.2)
        _frame(fig, title, f"Bron: {source}")
        return _save(fig)


def stacked_bars(stacks: Sequence[Stack], series: Sequence[str], title: str,
                 source: str) -> bytes:
    """Horizontal bars per category stacked by series (colour and hatch differ), the total
    at the end of each, euros; each category's name above its bar."""
    from matplotlib.patches import Patch

    plt = _pyplot()
    with plt.rc_context(RC):
        rows = _rows([s.label for s in stacks], 0.9)
        fig, ax = _figure(plt, rows.height, 2.3)
        totals = [sum(s.amounts, Decimal(0)) for s in stacks]
        top = float(max(totals)) if totals else 1.0
        for y, stack, total in zip(rows.bars, stacks, totals, strict=True):
            left = 0.0
            for j, amount in enumerate(stack.amounts):
                if amount:
                    ax.barh(y, float(amount), left=left, height=0.9, color=SERIES[j],
                            hatch=HATCHES[j], edgecolor="white", linewidth=0.5)
                    left += float(amount)
            ax.text(float(total) + top * 0.015, y, fmt.euro(total), ha="left", va="center",
                    fontsize=FONT, fontweight="bold", color=TEXT)
        _row_labels(ax, rows, 0)
        ax.set_xlim(0, top * 1.42)
        ax.xaxis.set_major_locator(_few_ticks(3))
        ax.xaxis.set_major_formatter(_formatter(0, euro=True))
        used = [j for j in range(len(series)) if any(s.amounts[j] for s in stacks)]
        handles = [Patch(facecolor=SERIES[j], hatch=HATCHES[j], edgecolor="white",
                         label=textwrap.fill(series[j], 24)) for j in used]
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2,
                  frameon=False, fontsize=FONT, borderaxespad=0.2)
        _frame(fig, title, f"Bron: {source}")
        return _save(fig)


def heatmap(rows: Sequence[str], columns: Sequence[str], cells: Sequence[Sequence[str]],
            scores: Sequence[Sequence[int]], title: str, source: str, row_title: str,
            column_title: str) -> bytes:
    """A kans x omvang matrix: a light-to-dark scale (readable without colour), the codes in
    each cell."""
    import numpy as np

    plt = _pyplot()
    with plt.rc_context(RC):
        fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.0 + 0.75 * len(rows)))
        grid = np.array(scores, dtype=float)
        ax.imshow(grid, cmap="Oranges", vmin=0, vmax=grid.max() * 1.15, aspect="auto")
        width = max(4, 40 // max(1, len(columns)))
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                dark = grid[r, c] > grid.max() * 0.62
                ax.text(c, r, textwrap.fill(text, width), ha="center", va="center",
                        fontsize=FONT, fontweight="bold", color="white" if dark else TEXT)
        ax.set_xticks(range(len(columns)), [textwrap.fill(c, width) for c in columns])
        ax.set_yticks(range(len(rows)), [textwrap.fill(r, 12) for r in rows])
        ax.set_xticks([x - 0.5 for x in range(1, len(columns))], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, len(rows))], minor=True)
        ax.grid(which="minor", color="white", linewidth=2)
        ax.tick_params(which="minor", length=0)
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        ax.set_xlabel(column_title)
        ax.set_ylabel(row_title)
        _frame(fig, title, f"Bron: {source}")
        return _save(fig)


def paired_bars(stacks: Sequence[Stack], series: tuple[str, str], title: str,
                source: str) -> bytes:
    """Two horizontal bars per category (e.g. lasten and baten), told apart by colour and
    hatch, amounts in euros; each category's name above its bars."""
    from matplotlib.patches import Patch

    plt = _pyplot()
    with plt.rc_context(RC):
        rows = _rows([s.label for s in stacks], 1.5)
        fig, ax = _figure(plt, rows.height, 2.0)
        top = float(max(max(s.amounts) for s in stacks)) or 1.0
        for y0, stack in zip(rows.bars, stacks, strict=True):
            for j, amount in enumerate(stack.amounts[:2]):
                y = y0 + (0.37 if j == 0 else -0.37)
                ax.barh(y, float(amount), height=0.7, color=SERIES[j], hatch=HATCHES[j],
                        edgecolor="white", linewidth=0.5)
                ax.text(float(amount) + top * 0.015, y, fmt.euro(amount), va="center",
                        fontsize=FONT, color=TEXT)
        _row_labels(ax, rows, 0)
        ax.set_xlim(0, top * 1.45)
        ax.xaxis.set_major_locator(_few_ticks(3))
        ax.xaxis.set_major_formatter(_formatter(0, euro=True))
        ax.legend(handles=[Patch(facecolor=SERIES[j], hatch=HATCHES[j], edgecolor="white",
                                 label=series[j]) for j in range(2)],
                  loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, frameon=False,
                  fontsize=FONT, borderaxespad=0.2)
        _frame(fig, title, f"Bron: {source}")
        return _save(fig)


def diverging(bars: Sequence[Bar], title: str, subtitle: str, source: str) -> bytes:
    """Horizontal bars around zero: a gain to the right, a loss to the left (hatched), each
    labelled with its amount and the word voordeel/nadeel; each name above its bar."""
    plt = _pyplot()
    with plt.rc_context(RC):
        rows = _rows([b.label for b in bars], 0.8)
        fig, ax = _figure(plt, rows.height, 2.0)
        span = float(max(abs(b.value) for b in bars)) or 1.0
        for y, bar in zip(rows.bars, bars, strict=True):
            gain = bar.value >= 0
            ax.barh(y, float(bar.value), height=0.8, color=GREEN if gain else VERMILLION,
                    hatch="" if gain else "///", edgecolor="white", linewidth=0.5)
            word = "" if bar.value == 0 else (" voordeel" if gain else " nadeel")
            offset = span * 0.03 * (1 if gain else -1)
            ax.text(float(bar.value) + offset, y, fmt.euro(bar.value) + word, va="center",
                    ha="left" if gain else "right", fontsize=FONT, color=TEXT)
        ax.axvline(0, color=TEXT, linewidth=0.8)
        _row_labels(ax, rows, -span * 2.2)
        ax.set_xlim(-span * 2.2, span * 2.2)
        ax.xaxis.set_major_locator(_few_ticks(3))
        ax.xaxis.set_major_formatter(_formatter(0, euro=True))
        ax.set_title(textwrap.fill(subtitle, 52), fontsize=FONT, fontweight="normal",
                     color=GREY, loc="left")
        _frame(fig, title, f"Bron: {source}")
        return _save(fig)


def counts(bars: Sequence[Bar], title: str, source: str) -> bytes:
    """Horizontal bars of counts (e.g. activities per status), the number at each bar; each
    name above its bar."""
    plt = _pyplot()
    with plt.rc_context(RC):
        rows = _rows([b.label for b in bars], 0.8)
        fig, ax = _figure(plt, rows.height, 1.6)
        top = float(max(b.value for b in bars)) or 1.0
        for y, bar in zip(rows.bars, bars, strict=True):
            ax.barh(y, float(bar.value), height=0.8, color=BLUE)
            ax.text(float(bar.value) + top * 0.02, y, fmt.number(bar.value), va="center",
                    fontsize=FONT, fontweight="bold", color=TEXT)
        _row_labels(ax, rows, 0)
        ax.set_xlim(0, top * 1.2)
        ax.xaxis.set_major_locator(_integer_locator())
        ax.set_xlabel("aantal", loc="left")
        _frame(fig, title, f"Bron: {source}")
        return _save(fig)


def _integer_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True)


def _few_ticks(bins: int = 4, steps: Sequence[float] = (1, 2, 2.5, 5, 10)) -> Any:
    """At most `bins` + 1 ticks, so long euro labels never run into each other."""
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=bins, steps=list(steps))


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
