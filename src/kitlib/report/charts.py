"""Charts of the briefing. Each takes a DataFrame and `ax=` and returns the Axes;
`figure_html` turns a finished figure into an embedded, alt-texted <figure>."""

from __future__ import annotations

import base64
import io
from contextlib import contextmanager
from html import escape

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

from kitlib.analysis.codes import JUDGED, Status
from kitlib.analysis.status import better_sign
from kitlib.report.formatting import format_number
from kitlib.report.i18n import STATUS_SYMBOL, tr, unit_word

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = {
    "unit": "#0072B2", "target": "#000000", "peers": "#E69F00", "peer_group": "#009E73",
    "national": "#CC79A7", Status.MET: "#0072B2", Status.NEAR: "#E69F00", Status.UNCERTAIN: "#56B4E9",
    Status.NOT_MET: "#D55E00",
    Status.NO_DATA: "#999999",
}  # fmt: skip
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 110,
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "svg.hashsalt": "kitlib",
}


@contextmanager
def briefing_figure(width: float = 7.0, height: float = 3.0):
    """A new Figure and Axes in the briefing's look. Made without pyplot, so no backend
    or global state is touched and nothing is shown twice in a notebook."""
    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=(width, height), layout="constrained")
        yield fig, fig.add_subplot()


class NumberFormatter(Formatter):
    """Axis numbers in the note's language (``4,5`` and ``1 000`` in Norwegian), with as many
    decimals as the tick spacing needs and no more."""

    def __init__(self, lang: str):
        self.lang = lang
        self.decimals = 0

    def set_locs(self, locs):
        super().set_locs(locs)
        steps = np.diff(np.sort(np.asarray(locs, dtype=float)))
        step = float(steps[steps > 0].min()) if (steps > 0).any() else 1.0
        self.decimals = max(0, -int(np.floor(np.log10(step) + 1e-9)))

    def __call__(self, x, pos=None):
        return format_number(x, self.decimals, self.lang)


def plain(text: object) -> str:
    """Text from the data as matplotlib must show it: literally. A name is never math, so
    '$' is escaped (matplotlib would typeset '$x^2$' as TeX, or fail on a lone '$')."""
    return str(text).replace("$", r"\$")


def distance_rows(card: pd.DataFrame) -> pd.DataFrame:
    """Indicators with a judged status and a target other than 0: the distance chart's rows.

    The distance is a percentage of the target, which a target of 0 does not have; such
    indicators are read in the scorecard (status from the plain difference) and left out here.
    """
    rows = card[card["status"].isin(JUDGED) & card["target"].notna() & (card["target"] != 0)].copy()
    rows["distance"] = (
        100 * better_sign(rows["direction"]) * (rows["value"] - rows["target"]) / rows["target"].abs()
    )
    return rows.sort_values("distance", kind="stable")


def _axis_label(unit: str, lang: str) -> str:
    """The unit in the note's language ("dager", "kr", "%"); a score keeps its scale ("score 1-6")."""
    return unit_word(unit, lang) or (unit if (unit or "").lower().startswith("score") else "")


def _legend_beside(ax) -> None:
    """Legend to the right of the plot, so it never covers a line or a bar."""
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)


def _target_line(ax, x, history: pd.DataFrame, lang: str) -> None:
    """The target as a dashed step: a target holds for its whole period."""
    if history["target"].notna().any():
        ax.step(x, history["target"], where="mid", color=PALETTE["target"], linestyle="--",
                linewidth=1.2, label=tr("target_line", lang))  # fmt: skip


def _finish(ax, x, history: pd.DataFrame, name: str, unit: str, lang: str):
    ax.set_xticks(x, history["period"], rotation=45 if len(x) > 8 else 0)
    ax.set_title(plain(name), loc="left")
    ax.set_ylabel(_axis_label(unit, lang))
    ax.yaxis.set_major_formatter(NumberFormatter(lang))
    _legend_beside(ax)
    return ax


def trend_chart(history: pd.DataFrame, *, ax, name: str, unit: str = "", lang: str = "nb"):
    """The unit's values with its target as a dashed step line and peers as thin lines.

    `history` comes from kitlib.analysis.history.indicator_history: period, value, target,
    peer_median, peer_group_value, national_value, and ci_low/ci_high for survey figures
    (drawn as error bars). Gaps stay gaps: no line across a missing year.
    """
    x = np.arange(len(history))
    lines = [
        ("peer_median", tr("other_units", lang), PALETTE["peers"], ":"),
        ("peer_group_value", tr("peer_group", lang), PALETTE["peer_group"], "-."),
        ("national_value", tr("national", lang), PALETTE["national"], "--"),
    ]
    for column, label, colour, style in lines:
        if column in history and history[column].notna().any():
            ax.plot(x, history[column], style, color=colour, linewidth=1.2, label=label)
    _target_line(ax, x, history, lang)
    if {"ci_low", "ci_high"} <= set(history) and history["ci_low"].notna().any():
        # The survey's 95 % interval: how far the figure could be from the truth by chance.
        ax.vlines(x, history["ci_low"], history["ci_high"], color=PALETTE["unit"], linewidth=1.2,
                  alpha=0.55, label=tr("interval", lang))  # fmt: skip
    ax.plot(x, history["value"], "-o", color=PALETTE["unit"], linewidth=2.2, markersize=4,
            label=tr("this_unit", lang))  # fmt: skip
    return _finish(ax, x, history, name, unit, lang)


def distance_chart(card: pd.DataFrame, *, ax, lang: str = "nb"):
    """Every indicator with a target: distance to target in % of the target, positive = better.

    Bars carry the status symbol, so the reading never depends on colour alone.
    """
    rows = distance_rows(card)
    y = np.arange(len(rows))
    ax.barh(y, rows["distance"], color=[PALETTE[s] for s in rows["status"]], height=0.6)
    ax.axvline(0, color=PALETTE["target"], linewidth=1)
    labels = [f"{STATUS_SYMBOL[s]} {plain(n)}" for s, n in zip(rows["status"], rows["name"])]
    ax.set_yticks(y, labels)
    ax.set_xlabel(tr("share_of_target", lang) + " (%)")
    ax.xaxis.set_major_formatter(NumberFormatter(lang))
    for yi, value in zip(y, rows["distance"]):
        ax.annotate(format_number(value, 1, lang), (value, yi), xytext=(3 if value >= 0 else -3, 0),
                    textcoords="offset points", va="center", ha="left" if value >= 0 else "right",
                    fontsize=7)  # fmt: skip
    ax.grid(axis="y", visible=False)
    return ax


def period_bars(history: pd.DataFrame, *, ax, name: str, unit: str = "", lang: str = "nb", reference=None):
    """Bars per period (sick leave per tertial, spending per year) with target or budget line."""
    x = np.arange(len(history))
    ax.bar(x, history["value"], color=PALETTE["unit"], width=0.65, label=tr("this_unit", lang))
    if reference is not None:
        ax.axhline(reference[0], color=PALETTE["target"], linestyle="--", linewidth=1.2, label=reference[1])
    else:
        _target_line(ax, x, history, lang)
    if "peer_median" in history and history["peer_median"].notna().any():
        ax.plot(x, history["peer_median"], ":", color=PALETTE["peers"], linewidth=1.4,
                label=tr("other_units", lang))  # fmt: skip
    return _finish(ax, x, history, name, unit, lang)


def figure_html(fig, alt: str, caption: str = "") -> str:
    """The figure as an embedded PNG <figure> with alt text.

    PNG metadata is cleared so that the same figure always gives the same bytes.
    """
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        fig.savefig(buffer, format="png", metadata={"Software": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="chart"><img src="data:image/png;base64,{data}" alt="{escape(alt)}">{cap}</figure>'
