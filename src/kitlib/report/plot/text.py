"""Text measured in points as matplotlib will draw it, for layout and wrapping without
drawing the figure."""

from __future__ import annotations

import functools

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

LINE_HEIGHT = 1.25  # a line of text is this many font sizes tall


@functools.cache
def _renderer() -> RendererAgg:
    return RendererAgg(1, 1, 72)  # 72 dpi: one pixel is one point


@functools.cache
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width of one line of `text` in points, as matplotlib will draw it."""
    if not text:
        return 0.0
    prop = FontProperties(size=size, weight=weight)
    return _renderer().get_text_width_height_descent(text, prop, ismath=False)[0]


def wrap(text: str, width: float, size: float, weight: str = "normal") -> list[str]:
    """`text` broken at spaces into lines no wider than `width` points (a longer word keeps its
    line). Only plain spaces break: a no-break space ("1 000", "10,1 %") holds."""
    lines: list[str] = []
    for word in filter(None, str(text).replace("\n", " ").split(" ")):
        if lines and text_width(f"{lines[-1]} {word}", size, weight) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]
