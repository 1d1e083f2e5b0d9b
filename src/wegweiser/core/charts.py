"""Server-rendered SVG charts: geometry computed here, drawn by templates (no JS library).

Every chart is also shown as a table next to it; the SVG is a picture of the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class GridLine:
    value: int
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    grid: list[GridLine]
    max_value: int

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        candidate = int(step * magnitude)
        if candidate >= value:
            return candidate
    return value  # pragma: no cover


def _ticks(maximum: int) -> list[int]:
    count = next((c for c in (5, 4, 2) if maximum % c == 0), 1)
    return [maximum * i // count for i in range(count + 1)]


def column_chart(
    points: Sequence[tuple[str, int]], *, width: int = 720, height: int = 260
) -> Chart:
    """Vertical columns, e.g. members per month; labels below every few columns."""
    left, right, top, bottom = 40.0, 8.0, 12.0, 36.0
    maximum = _nice_max(max((v for _l, v in points), default=0))
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(len(points), 1)
    every = max(1, round(len(points) / 8))
    bars = []
    for index, (label, value) in enumerate(points):
        bar_h = plot_h * value / maximum
        x = left + index * slot + slot * 0.15
        bars.append(
            Bar(
                label=label if index % every == 0 else "",
                value=value,
                x=round(x, 1),
                y=round(top + plot_h - bar_h, 1),
                width=round(slot * 0.7, 1),
                height=round(bar_h, 1),
                label_x=round(x + slot * 0.35, 1),
                label_y=round(height - bottom + 16, 1),
                value_x=round(x + slot * 0.35, 1),
                value_y=round(top + plot_h - bar_h - 3, 1),
            )
        )
    grid = [
        GridLine(tick, left, round(top + plot_h - plot_h * tick / maximum, 1), width - right, 0.0)
        for tick in _ticks(maximum)
    ]
    grid = [GridLine(g.value, g.x1, g.y1, g.x2, g.y1) for g in grid]
    return Chart(width, height, bars, grid, maximum)


def bar_chart(points: Sequence[tuple[str, int]], *, width: int = 720, row: int = 26) -> Chart:
    """Horizontal bars with the label at the start and the value after the bar."""
    label_w, right, top = 230.0, 48.0, 6.0
    height = int(top * 2 + row * max(len(points), 1))
    maximum = _nice_max(max((v for _l, v in points), default=0))
    plot_w = width - label_w - right
    bars = []
    for index, (label, value) in enumerate(points):
        y = top + index * row
        bar_w = plot_w * value / maximum
        bars.append(
            Bar(
                label=label,
                value=value,
                x=label_w,
                y=round(y + 4, 1),
                width=round(bar_w, 1),
                height=row - 8,
                label_x=label_w - 8,
                label_y=round(y + row / 2 + 4, 1),
                value_x=round(label_w + bar_w + 6, 1),
                value_y=round(y + row / 2 + 4, 1),
            )
        )
    return Chart(width, height, bars, [], maximum)
