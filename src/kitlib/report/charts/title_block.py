"""The title block above a chart (the message in bold, the indicator's name, the unit line),
measured before it is drawn so that figures can be laid out without a layout engine; and
`plain`, which keeps text from the data from being read as matplotlib's mathtext.
"""

from __future__ import annotations

import math

from kitlib.report import plot
from kitlib.report.charts.style import INK, MESSAGE_SIZE, MUTED, NAME_SIZE, UNIT_SIZE


def plain(text: object) -> str:
    """Text from the data as matplotlib must show it: literally. A name is never math, so
    '$' is escaped (matplotlib would typeset '$x^2$' as TeX, or fail on a lone '$')."""
    return str(text).replace("$", r"\$")


def _title_lines(name: str, message: str, width: float | None) -> tuple[list[str], list[str]]:
    width = width or math.inf
    names = plot.wrap(plain(name), width, NAME_SIZE)
    messages = plot.wrap(plain(message), width, MESSAGE_SIZE, "bold") if message else []
    return names, messages


def title_height(
    *, name: str, message: str = "", unit_line: bool = True, width: float | None = None
) -> float:
    """The height in points of a title block (see `titles`), for a figure's layout."""
    names, messages = _title_lines(name, message, width)
    height = 6 + len(names) * NAME_SIZE * plot.LINE_HEIGHT
    height += (UNIT_SIZE * plot.LINE_HEIGHT + 2) if unit_line else 0
    return height + ((1 + len(messages) * MESSAGE_SIZE * plot.LINE_HEIGHT) if messages else 0)


def titles(
    ax,
    *,
    name: str,
    message: str = "",
    unit_line: bool = True,
    width: float | None = None,
    block: float | None = None,
) -> float:
    """The title block above an Axes: the message in bold, the indicator's name under it,
    and the unit of the axis (its y label) just above the plot; wrapped to `width` points.

    The block is `block` points tall (its natural height when None or less), its text hung
    from the top, so that panels side by side start their titles on one line. Returns the
    natural height.
    """
    names, messages = _title_lines(name, message, width)
    natural = title_height(name=name, message=message, unit_line=unit_line, width=width)
    top = max(block or 0, natural) - 4  # points above the plot
    if messages:
        ax.annotate(
            "\n".join(messages),
            xy=(0, 1),
            xycoords="axes fraction",
            xytext=(0, top),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=MESSAGE_SIZE,
            fontweight="bold",
            color=INK,
            annotation_clip=False,
        )
        top -= 1 + len(messages) * MESSAGE_SIZE * plot.LINE_HEIGHT
    # y given: the title stays where it is put (matplotlib would measure the axes' decorations
    # on every draw to move it clear of them, and find nothing above the plot to avoid)
    ax.set_title("\n".join(names), loc="left", fontsize=NAME_SIZE, color=MUTED, va="top", pad=top, y=1.0)
    return natural
