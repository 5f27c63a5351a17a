"""The explorer's ranking chart: every unit of a service area on one indicator, best first.

In the convention of kitlib.report.plot (a DataFrame, its columns named by keyword, ``ax=``,
the Axes back), drawn with its helpers and plain matplotlib, without pyplot; the figure functions
lay them out by measuring their texts, as kitlib.report.charts does. They know nothing of
units, indicators or languages: kitlib.explorer.views passes the rows and the words. Written
to be swapped for shared service-area charts once kitlib.report has them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kitlib.report import plot
from kitlib.report.charts import (
    INK,
    LABEL_SIZE,
    MESSAGE_SIZE,
    MUTED,
    NAME_SIZE,
    NOTE_SIZE,
    TICK_SIZE,
    NumberFormatter,
    plain,
    styled,
)

ROW_HEIGHT = 20.0  # points per ranked unit
HIGHLIGHT = "#eef4f9"  # the band behind a chosen unit


# -- ranking -------------------------------------------------------------------------------


def ranking_dots(
    data: pd.DataFrame,
    *,
    x: str,
    y: str,
    ax,
    hue: str,
    palette: dict,
    low: str | None = None,
    high: str | None = None,
    text: str | None = None,
    highlight: str | None = None,
    size: float = LABEL_SIZE,
):
    """A dot per row at `x` on row `y`, coloured by `hue`, with `low`-`high` as a whisker (a
    survey's interval), a light band behind the rows where `highlight` is true, and `text`
    right of each dot (right of its whisker), or at the left edge where `x` is missing."""
    if highlight:
        chosen = data[data[highlight].astype(bool)]
        left, right = ax.get_xlim()
        band = pd.DataFrame({"y": chosen[y], "low": left, "high": right})
        plot.spans(band, y="y", low="low", high="high", ax=ax, color=HIGHLIGHT, height=0.9)
    if low and high:
        plot.intervals(
            data, x=y, low=low, high=high, ax=ax, orient="h", color=[palette[h] for h in data[hue]]
        )
    present = data.dropna(subset=[x, y, hue])
    if len(present):
        ax.scatter(
            present[x].to_numpy(dtype=float), present[y].to_numpy(dtype=float), s=46,
            c=list(present[hue].map(palette)), linewidth=0.8, edgecolor="white", zorder=3,
        )  # fmt: skip
    if text:
        left = ax.get_xlim()[0]
        ends = data[x] if not high else np.fmax(data[x], data[high].astype(float))
        for value, end, yi, label in zip(data[x], ends, data[y], data[text]):
            missing = pd.isna(value)
            ax.annotate(
                str(label), (left if missing else end, yi), xytext=(0 if missing else 6, 0),
                textcoords="offset points", ha="left", va="center", fontsize=size,
                color=MUTED if missing else INK, annotation_clip=False,
            )  # fmt: skip
    return ax


def reference_lines(refs: pd.DataFrame, *, x: str, label: str, color: str, ax, dashes: str | None = None):
    """A vertical line at each `x` (a median, a benchmark), named above the plot: one name
    per line of text, so that names of close values never overlap."""
    for i, row in enumerate(refs.itertuples(index=False)):
        value, colour = getattr(row, x), getattr(row, color)
        line = ax.axvline(value, color=colour, linewidth=1.2, zorder=2)
        if dashes and getattr(row, dashes):
            line.set_dashes(getattr(row, dashes))
        left, right = ax.get_xlim()
        at = (value - left) / (right - left)
        ax.annotate(
            plain(getattr(row, label)), (value, 1.0), xycoords=("data", "axes fraction"),
            xytext=(0, 4 + (len(refs) - 1 - i) * LABEL_SIZE * plot.LINE_HEIGHT), textcoords="offset points",
            ha="left" if at < 0.5 else "right", va="bottom", fontsize=LABEL_SIZE, color=colour,
            annotation_clip=False,
        )  # fmt: skip
    return ax


def ranking_figure(
    rows: pd.DataFrame,
    *,
    title: str,
    subtitle: str,
    lang: str,
    refs: pd.DataFrame | None = None,
    note: str = "",
    width: float = 7.0,
) -> Figure:
    """The ranking: `rows` (name, value, ci_low, ci_high, status, text, chosen), first row on
    top; `refs` (value, label, colour, dashes) as named vertical lines; title and subtitle
    above, `note` below."""
    refs = refs if refs is not None else pd.DataFrame(columns=["value", "label", "colour", "dashes"])
    n = len(rows)
    names = [plot.wrap(plain(name), 170, TICK_SIZE) for name in rows["name"]]
    left = max(plot.text_width(line, TICK_SIZE, "bold") for lines in names for line in lines) + 12
    right = max([plot.text_width(str(t), LABEL_SIZE) for t in rows["text"]] + [20.0]) + 12
    head = 8 + (MESSAGE_SIZE + NAME_SIZE) * plot.LINE_HEIGHT + 8 + len(refs) * LABEL_SIZE * plot.LINE_HEIGHT
    body = max(n, 1) * ROW_HEIGHT
    foot = TICK_SIZE * plot.LINE_HEIGHT + 10 + (NOTE_SIZE * plot.LINE_HEIGHT + 4 if note else 0)
    total, wide = head + body + foot, width * 72
    with styled():  # one thread at a time: the warm-up draws too
        fig = Figure(figsize=(width, total / 72))
        ax = fig.add_axes((left / wide, (foot) / total, (wide - left - right) / wide, body / total))
        data = rows.assign(y=np.arange(n)[::-1].astype(float))
        numbers = [data["value"], data.get("ci_low"), data.get("ci_high"), refs["value"]]
        found = pd.concat([pd.Series(v, dtype=float) for v in numbers if v is not None]).dropna()
        low, high = plot.value_limits(found.to_numpy(), pad=0.08)
        ax.set_xlim(low, high)
        ax.set_ylim(-0.6, n - 0.4)
        palette = {s: c for s, c in zip(data["status"], data["colour"])}
        ranking_dots(
            data, x="value", y="y", ax=ax, hue="status", palette=palette, low="ci_low", high="ci_high",
            text="text", highlight="chosen",
        )  # fmt: skip
        if len(refs):
            reference_lines(refs, x="value", label="label", color="colour", ax=ax, dashes="dashes")
        ax.set_yticks(data["y"], ["\n".join(lines) for lines in names])
        for tick, chosen in zip(ax.get_yticklabels(), data["chosen"]):
            tick.set_fontweight("bold" if chosen else "normal")
        plot.nice_ticks(ax, "x", bins=5)
        ax.xaxis.set_major_formatter(NumberFormatter(lang))
        plot.tidy(ax, grid="x")
        ax.tick_params(axis="y", labelsize=TICK_SIZE, labelcolor=INK)
        x0 = 6 / wide
        fig.text(x0, 1 - 6 / total, plain(title), ha="left", va="top", fontsize=MESSAGE_SIZE,
                 fontweight="bold", color=INK)  # fmt: skip
        fig.text(x0, 1 - (8 + MESSAGE_SIZE * plot.LINE_HEIGHT) / total, plain(subtitle), ha="left",
                 va="top", fontsize=NAME_SIZE, color=MUTED)  # fmt: skip
        if note:
            fig.text(x0, 3 / total, plain(note), ha="left", va="bottom", fontsize=NOTE_SIZE, color=MUTED)
        plot.settle(ax)
    return fig
