"""Make `pcdocs/output/assets/concept-watermerk.svg`: the diagonal CONCEPT mark of a concept PDF, as
vector outlines (paths) of the bundled DejaVu Sans Bold, so that the mark is decoration and
never text (a reader, a search or a copy never meets its letters among the words).

The file is committed; run this again only to change the mark:

    .venv/bin/python scripts/make_watermark.py
"""

from __future__ import annotations

import math
from pathlib import Path

from matplotlib.font_manager import FontProperties
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextPath

ASSETS = Path(__file__).resolve().parents[1] / "pcdocs" / "output" / "assets"
TEXT = "CONCEPT"
SIZE = 92.0  # pt, as the mark was when it was text
SPACING = 0.12  # em between letters
ANGLE = 45.0  # degrees, rising from bottom left to top right
# rgba(196, 92, 0, .13) on white paper, as one opaque colour (no transparency group)
COLOUR = "#f7e9dd"


def _outline() -> tuple[str, float, float, float, float]:
    """The path data of the letters (y up, pt), with their bounding box."""
    font = FontProperties(fname=str(ASSETS / "fonts" / "DejaVuSans-Bold.ttf"))
    parts, x = [], 0.0
    for letter in TEXT:
        path = TextPath((x, 0), letter, size=SIZE, prop=font)
        parts.append(path)
        advance = TextPath((0, 0), letter + "|", size=SIZE, prop=font).get_extents().width - \
            TextPath((0, 0), "|", size=SIZE, prop=font).get_extents().width
        x += advance + SPACING * SIZE
    commands: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    for path in parts:
        for points, code in path.iter_segments():
            coords = [(round(float(points[i]), 2), round(float(-points[i + 1]), 2))
                      for i in range(0, len(points), 2)]
            for px, py in coords:
                xs.append(px)
                ys.append(py)
            letter = {MplPath.MOVETO: "M", MplPath.LINETO: "L", MplPath.CURVE3: "Q",
                      MplPath.CURVE4: "C", MplPath.CLOSEPOLY: "Z"}[code]
            if letter == "Z":
                commands.append("Z")
            else:
                commands.append(letter + " ".join(f"{px:g} {py:g}" for px, py in coords))
    return "".join(commands), min(xs), min(ys), max(xs), max(ys)


def svg() -> str:
    data, x0, y0, x1, y1 = _outline()
    width, height = x1 - x0, y1 - y0
    turn = math.radians(ANGLE)
    box_w = width * math.cos(turn) + height * math.sin(turn)
    box_h = width * math.sin(turn) + height * math.cos(turn)
    cx, cy = x0 + width / 2, y0 + height / 2
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'width="{box_w:.2f}pt" height="{box_h:.2f}pt" '
        f'viewBox="{-box_w / 2:.2f} {-box_h / 2:.2f} {box_w:.2f} {box_h:.2f}">'
        f'<path fill="{COLOUR}" transform="rotate({-ANGLE:g}) translate({-cx:.2f} {-cy:.2f})" '
        f'd="{data}"/></svg>\n')


def main() -> None:
    target = ASSETS / "concept-watermerk.svg"
    target.write_text(svg(), encoding="utf-8")
    print(f"{target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
