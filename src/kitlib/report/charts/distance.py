"""Distance to target: every indicator with a target as one dot at its distance from it
(positive is better), shares in percentage points and other units in per cent of the
target; the rows (`distance_rows`), their labels, one Axes of them and the whole figure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kitlib.analysis.codes import JUDGED, Status
from kitlib.analysis.status import better_sign
from kitlib.report import plot
from kitlib.report.charts.recycle import new_figure
from kitlib.report.charts.style import (
    INK,
    LABEL_SIZE,
    MESSAGE_SIZE,
    MUTED,
    NAME_SIZE,
    NOTE_SIZE,
    PALETTE,
    TICK_SIZE,
    styled,
)
from kitlib.report.charts.ticks import NumberFormatter
from kitlib.report.charts.title_block import plain
from kitlib.report.formatting import format_number, format_text
from kitlib.report.i18n import STATUS_SYMBOL, tr


def distance_rows(card: pd.DataFrame) -> pd.DataFrame:
    """Indicators with a judged status and a target: the distance chart's rows, best status
    first. `gap` is the distance to target signed so that positive is better, and `measure`
    says how it is read:

    - ``pp`` for shares (unit %): the difference in percentage points, which a target of 0
      has as well as any other;
    - ``pct`` for other units: the difference in per cent of the target, which a target of 0
      does not have: such indicators are read in the scorecard and left out here.

    `tolerance` (how far short still counts as near) and `ci_low`/`ci_high` (the survey
    interval) come in the same measure, as distances.
    """

    # the rows are chosen and ordered on plain arrays and taken from the (wide) card once: each
    # boolean mask, copy or sort of the card copies all its columns
    def numbers(column, at=slice(None)):
        if column not in card:
            return np.full(len(card), np.nan)[at]
        return pd.to_numeric(card[column], errors="coerce").to_numpy(dtype=float)[at]

    share = (card["unit_of_measure"] == "%").to_numpy(dtype=bool)
    value, target = numbers("value"), numbers("target")
    chosen = card["status"].isin(JUDGED).to_numpy(dtype=bool) & ~np.isnan(target) & ~np.isnan(value)
    chosen &= share | (target != 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(share, 1.0, 100 / np.abs(np.where(share, 1.0, target)))
        sign = better_sign(card["direction"]).to_numpy(dtype=float)
        gap = sign * (value - target) * scale
    rank = card["status"].map({s: i for i, s in enumerate(JUDGED)}).to_numpy(dtype=float)
    where = np.flatnonzero(chosen)
    # best status first, then the largest gap; ties keep the card's order (lexsort is stable)
    order = where[np.lexsort((-gap[where], rank[where]))]
    scale, sign, target = scale[order], sign[order], target[order]
    low, high = (sign * (numbers(c, order) - target) * scale for c in ("ci_low", "ci_high"))
    return card.take(order).assign(
        measure=np.where(share[order], "pp", "pct"),
        gap=gap[order],
        distance=gap[order],
        tolerance=numbers("tolerance", order) * scale,
        ci_low=np.fmin(low, high),
        ci_high=np.fmax(low, high),
    )


def _gap_text(gap: float, measure: str, decimals: int, lang: str) -> str:
    decimals = decimals if measure == "pp" else (0 if abs(gap) >= 10 else 1)
    number = format_number(gap, decimals, lang)
    sign = "+" if number.strip("0,.") and not number.startswith("−") else ""
    return sign + number + (("%" if lang == "en" else "\u00a0%") if measure == "pct" else "")


def gap_texts(rows: pd.DataFrame, lang: str) -> list[str]:
    """The gap of each distance row as its label: ``−4,4`` (percentage points), ``−11 %``."""
    decimals = rows["decimals"].fillna(1).astype(int)
    return [_gap_text(g, m, d, lang) for g, m, d in zip(rows["gap"], rows["measure"], decimals)]


def _row_names(rows: pd.DataFrame, lang: str, width: float) -> list[list[str]]:
    """Each row's status symbol and name, wrapped to `width` points: the distance chart's y labels."""
    return [
        plot.wrap(f"{STATUS_SYMBOL[s]} {plain(format_text(n, lang))}", width, TICK_SIZE)
        for s, n in zip(rows["status"], rows["name"])
    ]


def _label_anchor(rows: pd.DataFrame) -> np.ndarray:
    """Where each gap label starts: past the dot, or past the interval's end on that side."""
    gap = rows["gap"].to_numpy(dtype=float)
    low, high = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
    right = np.where(np.isnan(high), gap, np.fmax(gap, high))
    left = np.where(np.isnan(low), gap, np.fmin(gap, low))
    return np.where(gap >= 0, right, left)


def distance_chart(card: pd.DataFrame, *, ax, lang: str = "nb", measure: str = "pp", name_width: float = 200):
    """One dot per indicator at its distance to target (0 = the target; right = better), on a
    stem from the target and coloured by status, with the survey's interval as a whisker and
    the tolerance ("nesten") as a light band short of the target.

    Rows go best status first, so every "nesten nådd" stands above every "ikke nådd", and a
    near dot always lies inside its band: a far-off-looking "nesten" is explained by its
    tolerance, never mistaken for a miss. `measure` picks the rows: "pp" (shares, in
    percentage points) or "pct" (other units, in per cent of the target).
    """
    rows = _measured(distance_rows(card), measure)
    return _distance_axes(rows, ax=ax, lang=lang, measure=measure, name_width=name_width)


# the columns a distance chart draws: a narrow frame is cheap to filter, copy and extend
_DRAWN = ["name", "status", "decimals", "measure", "gap", "tolerance", "ci_low", "ci_high"]


def _measured(rows: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The distance rows of one measure, narrowed to what the chart draws, numbered from 0."""
    rows = rows[_DRAWN]
    return rows[rows["measure"] == measure].reset_index(drop=True)


def _distance_axes(rows: pd.DataFrame, *, ax, lang: str, measure: str, name_width: float):
    """`distance_chart` drawn from its rows (`_measured`)."""
    y = np.arange(len(rows))[::-1].astype(float)  # the first row on top
    _distance_marks(rows.assign(y=y, band_low=-rows["tolerance"], band_high=0.0), ax=ax, lang=lang)
    _distance_frame(rows, y, ax=ax, lang=lang, measure=measure, name_width=name_width)
    _distance_labels(rows, y, ax=ax, lang=lang)
    return ax


def _distance_marks(data: pd.DataFrame, *, ax, lang: str) -> None:
    """The tolerance bands, the survey intervals, the dots on their stems and the target line."""
    plot.spans(data, y="y", low="band_low", high="band_high", ax=ax, color="#fbf1d8", height=0.7)
    plot.intervals(
        data,
        x="y",
        low="ci_low",
        high="ci_high",
        ax=ax,
        orient="h",
        alpha=0.8,
        linewidth=1.0,
        color=[PALETTE[s] for s in data["status"]],
        label=tr("interval", lang),
    )
    plot.stems(
        data,
        x="gap",
        y="y",
        base=0.0,
        ax=ax,
        color=PALETTE["unit"],
        orient="h",
        hue="status",
        palette={s: PALETTE[s] for s in JUDGED},
    )
    ax.axvline(0, color=PALETTE["target"], linewidth=1.0)


def _distance_frame(rows: pd.DataFrame, y, *, ax, lang: str, measure: str, name_width: float) -> None:
    """The rows' names as y ticks, x limits that hold every dot, interval and band, the x
    ticks in the note's numbers, and the measure named above."""
    ax.set_yticks(y, ["\n".join(lines) for lines in _row_names(rows, lang, name_width)])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ends = np.concatenate(
        [[0.0], rows["gap"], rows["ci_low"].dropna(), rows["ci_high"].dropna(), -rows["tolerance"].dropna()]
    )
    low, high = float(ends.min()), float(ends.max())
    span = (high - low) or 1.0
    ax.set_xlim(low - 0.04 * span, high + 0.04 * span)
    plot.nice_ticks(ax, "x", bins=5)
    ax.xaxis.set_major_formatter(NumberFormatter(lang))
    plot.tidy(ax, grid="x")
    ax.set_title(
        tr("distance_pp" if measure == "pp" else "distance_pct", lang),
        loc="left",
        fontsize=NAME_SIZE,
        color=MUTED,
        pad=4,
        y=1.0,  # placed, not moved clear of the axes' decorations at every draw (there are none above)
    )


def _distance_labels(rows: pd.DataFrame, y, *, ax, lang: str) -> None:
    """Each row's gap beside its dot, outward from the target, and which way is better under the axis."""
    for gap, at, yi, text in zip(rows["gap"], _label_anchor(rows), y, gap_texts(rows, lang)):
        outward = gap >= 0
        ax.annotate(
            text,
            (at, yi),
            xytext=(5 if outward else -5, 0),
            textcoords="offset points",
            va="center",
            ha="left" if outward else "right",
            fontsize=LABEL_SIZE,
            color=INK,
        )
    for text, at, align in ((f"← {tr('worse', lang)}", 0, "left"), (f"{tr('better', lang)} →", 1, "right")):
        ax.annotate(
            text,
            xy=(at, 0),
            xycoords="axes fraction",
            xytext=(0, -14),
            textcoords="offset points",
            ha=align,
            va="top",
            fontsize=NOTE_SIZE,
            color=MUTED,
        )


def _fit_gap_labels(ax, rows: pd.DataFrame, lang: str) -> None:
    """Widen the x limits until every gap label fits inside the Axes: none runs into the
    names on the left or off the figure on the right."""
    anchors, gaps = _label_anchor(rows), rows["gap"].to_numpy(dtype=float)
    widths = np.array([plot.text_width(t, LABEL_SIZE) + 8 for t in gap_texts(rows, lang)])
    for _ in range(4):  # the limits change the scale: settle in a few rounds
        low, high = ax.get_xlim()
        per_point = 1 / plot.points_per_unit(ax, "x")
        need_low = min([low, *(anchors - widths * per_point)[gaps < 0]])
        need_high = max([high, *(anchors + widths * per_point)[gaps >= 0]])
        if need_low >= low and need_high <= high:
            break
        ax.set_xlim(need_low, need_high)


def distance_figure(card: pd.DataFrame, lang: str = "nb", *, width: float = 7.0) -> Figure:
    """Every indicator with a target at its distance to target: shares in percentage points,
    other units in per cent of the target, each on its own axis; the title counts the
    targets met."""
    rows = distance_rows(card)
    measures = [m for m in ("pp", "pct") if (rows["measure"] == m).any()]
    chosen_rows = {m: _measured(rows, m) for m in measures}
    name_width = 150.0
    with styled():
        fig, axes = new_figure(["distance"] * len(measures), width)
        heights = []
        for m in measures:
            chosen = chosen_rows[m]
            two_lines = max(len(lines) for lines in _row_names(chosen, lang, name_width)) > 1
            heights.append(max(len(chosen) * (24.0 if two_lines else 17.0), 36.0))
        message = tr("msg_targets_met", lang, met=int((rows["status"] == Status.MET).sum()), total=len(rows))
        head = 6 + (MESSAGE_SIZE + NAME_SIZE) * plot.LINE_HEIGHT + 10
        panel_head, panel_foot = NAME_SIZE * plot.LINE_HEIGHT + 6, TICK_SIZE * plot.LINE_HEIGHT + 22
        note = NOTE_SIZE * plot.LINE_HEIGHT + 4
        total = head + sum(h + panel_head + panel_foot for h in heights) + note
        fig.set_size_inches(width, total / 72)
        left, right = name_width + 12, 8.0
        top = total - head
        for ax, measure, h in zip(axes, measures, heights):
            ax.set_position(
                (
                    left / (width * 72),
                    (top - panel_head - h) / total,
                    (width * 72 - left - right) / (width * 72),
                    h / total,
                )
            )
            _distance_axes(chosen_rows[measure], ax=ax, lang=lang, measure=measure, name_width=name_width)
            _fit_gap_labels(ax, chosen_rows[measure], lang)
            plot.settle(ax)
            top -= panel_head + h + panel_foot
        x0, subtitle = 6 / (width * 72), 1 - (8 + MESSAGE_SIZE * plot.LINE_HEIGHT) / total
        fig.text(
            x0,
            1 - 6 / total,
            plain(message),
            ha="left",
            va="top",
            fontsize=MESSAGE_SIZE,
            fontweight="bold",
            color=INK,
        )
        fig.text(
            x0, subtitle, tr("share_of_target", lang), ha="left", va="top", fontsize=NAME_SIZE, color=MUTED
        )
        fig.text(
            x0, 3 / total, tr("distance_note", lang), ha="left", va="bottom", fontsize=NOTE_SIZE, color=MUTED
        )
    return fig
