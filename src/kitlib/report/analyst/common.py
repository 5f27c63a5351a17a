"""What the analyst's charts share: the style context, picking rows of the tidy table,
numbers in the reader's format, and the error for a chart the data cannot make."""

from __future__ import annotations

from contextlib import contextmanager

import pandas as pd

from kitlib.data.contract import UNIT_LEVEL
from kitlib.errors import KitlibError
from kitlib.report.formatting import format_number, format_text, format_value, row_decimals
from kitlib.report.i18n import check_language

HIGHLIGHT, MUTED, TARGET = "#c0392b", "#4a6d8c", "#2e7d32"


class ChartDataError(KitlibError):
    """The tidy table has too little for the chart asked for; the message says what to change."""


@contextmanager
def styled():
    """seaborn's style for the duration of one chart: rcParams are restored on leaving, so a
    chart changes nothing global (the notes keep their own style)."""
    import seaborn as sns  # imported here: `import kitlib` and the batch never load seaborn

    with sns.axes_style("whitegrid"), sns.plotting_context("notebook"):
        yield sns


def new_axes(ax, size=(8, 5)):
    """`ax`, or a new figure's Axes when the caller gave none."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=size, layout="constrained")[1]


def indicator_info(frame: pd.DataFrame, indicator_id: str) -> pd.Series:
    rows = frame[frame["indicator_id"] == indicator_id]
    if rows.empty:
        known = ", ".join(list(dict.fromkeys(frame["indicator_id"]))[:8])
        raise ChartDataError(
            f"no indicator '{indicator_id}' in the table; pass an indicator_id of indicators.csv, "
            f"e.g. {known}"
        )
    return rows.iloc[0]


def yearly(frame: pd.DataFrame, levels=(UNIT_LEVEL,)) -> pd.DataFrame:
    """The yearly figures of rows at `levels` (default: result units only)."""
    return frame[(frame["frequency"] == "year") & frame["level"].isin(levels)]


def latest_year_with(rows: pd.DataFrame) -> int | None:
    """The latest year in which `rows` have a figure (None without any)."""
    years = rows.loc[rows["value"].notna(), "year"].dropna()
    return int(years.max()) if len(years) else None


def number(value, info: pd.Series, lang: str) -> str:
    return format_number(value, row_decimals(info), lang)


def value_text(value, info: pd.Series, lang: str) -> str:
    return format_value(value, str(info["unit_of_measure"]), row_decimals(info), lang)


def name(info: pd.Series, lang: str) -> str:
    return format_text(str(info["indicator"]), lang)


def language(lang: str) -> str:
    return check_language(lang)


def reader_ticks(axis, lang: str) -> None:
    """Tick labels in the reader's number format (``240 000``, ``4,5``), with as many decimals
    as the tick spacing needs."""
    import math

    from matplotlib.ticker import FuncFormatter

    def label(value, _position):
        ticks = [t for t in axis.get_majorticklocs() if math.isfinite(t)]
        step = min((abs(b - a) for a, b in zip(ticks, ticks[1:]) if b != a), default=1.0)
        places = max(0, -math.floor(math.log10(step))) if step < 1 else 0
        return format_number(value, places, lang)

    axis.set_major_formatter(FuncFormatter(label))


def sentence(text: str) -> str:
    """A title begins with a capital letter, whichever name comes first."""
    return text[:1].upper() + text[1:]
