"""Charts in one house style: SVG with deterministic bytes, Dutch numbers, safe colours.

matplotlib is imported lazily (it costs ~0.4 s) and every chart is cached by the hash of its
inputs, so a rebuild renders only charts whose data changed.
"""

from __future__ import annotations

import hashlib
import io
import json
import textwrap
from collections.abc import Callable, Sequence
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
class Chart:
    svg: bytes
    width: int
    height: int


def cache_key(kind: str, payload: Any) -> str:
    blob = json.dumps([STYLE_VERSION, kind, payload], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def cached(cache: dict[str, bytes], kind: str, payload: Any,
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


def size_of(svg: bytes) -> tuple[int, int]:
    """Pixel size of a matplotlib SVG (its width/height are in pt)."""
    head = svg[:600].decode("utf-8", "ignore")

    def grab(attr: str) -> int:
        start = head.index(f'{attr}="') + len(attr) + 2
        value = head[start: head.index('"', start)].replace("pt", "")
        return round(float(value) * 96 / 72)

    return grab("width"), grab("height")


def payload(bars: Sequence[Bar]) -> list[dict[str, Any]]:
    return [asdict(b) for b in bars]
