"""One indicator across the units of a service area: how far apart are they, and where is one?"""

from __future__ import annotations

import pandas as pd

from kitlib.report.analyst import common
from kitlib.report.i18n import tr


def distribution(
    frame: pd.DataFrame, indicator: str, service_area: str | None = None, highlight: str | None = None,
    year: int | None = None, *, ax=None, lang: str = "nb",
):  # fmt: skip
    """Strip plot of `indicator`'s figures across the result units of `service_area` (default:
    the highlighted unit's, else the indicator's) in `year` (default: its latest), over a box
    plot; the target as a line, the unit `highlight` marked and named. Returns the Axes."""
    common.language(lang)
    info = common.indicator_info(frame, indicator)
    rows = common.yearly(frame)
    rows = rows[rows["indicator_id"] == indicator]
    area = service_area or _area_of(frame, highlight) or str(info["service_area"])
    if area and area != "*":
        rows = rows[rows["service_area"] == area]
    year = common.latest_year_with(rows) if year is None else int(year)
    rows = rows[(rows["year"] == year) & rows["value"].notna()]
    if rows.empty:
        raise common.ChartDataError(
            f"'{indicator}' has no figures for the units of '{area}' in {year or 'any year'}; choose "
            "another year (year=...) or service area (service_area=...)."
        )
    with common.styled() as sns:
        ax = common.new_axes(ax, (8, 3.2))
        sns.boxplot(data=rows, x="value", ax=ax, color="#e8eef3", width=0.5, fliersize=0, zorder=1)
        sns.stripplot(
            data=rows, x="value", ax=ax, color=common.MUTED, size=7, zorder=3, jitter=False
        )  # seaborn jitters with numpy's global generator: it would change its state
        _target_line(ax, rows, info, lang)
        if highlight is not None:
            _mark(ax, rows, highlight, info, lang)
        ax.set_xlabel(common.name(info, lang) + _unit_suffix(info, lang))
        common.reader_ticks(ax.xaxis, lang)
        ax.set_title(tr("analyst_dist_title", lang, indicator=common.name(info, lang), area=area or "",
                        year=year, n=len(rows)), loc="left", fontweight="bold")  # fmt: skip
    return ax


def _area_of(frame: pd.DataFrame, unit_id: str | None) -> str | None:
    if unit_id is None:
        return None
    rows = frame.loc[frame["unit_id"] == unit_id, "service_area"]
    if rows.empty:
        raise common.ChartDataError(f"no unit '{unit_id}' in the table; pass a unit_id of units.csv")
    return str(rows.iloc[0])


def _unit_suffix(info: pd.Series, lang: str) -> str:
    unit = common.value_text(1, info, lang).removeprefix(common.number(1, info, lang)).strip()
    return f" ({unit})" if unit else ""


def _target_line(ax, rows: pd.DataFrame, info: pd.Series, lang: str) -> None:
    """The target most units share (a unit's own may differ), drawn and labelled."""
    targets = rows["target"].dropna()
    if targets.empty:
        return
    target = float(targets.mode().iloc[0])
    ax.axvline(target, color=common.TARGET, linestyle="--", linewidth=1.5, zorder=2)
    ax.annotate(tr("analyst_target", lang, value=common.value_text(target, info, lang)),
                (target, 1), xycoords=("data", "axes fraction"), xytext=(3, -12),
                textcoords="offset points", color=common.TARGET, fontsize="small")  # fmt: skip


def _mark(ax, rows: pd.DataFrame, unit_id: str, info: pd.Series, lang: str) -> None:
    own = rows[rows["unit_id"] == unit_id]
    if own.empty:
        raise common.ChartDataError(
            f"unit '{unit_id}' has no figure for '{info['indicator_id']}' among these units; "
            "choose another unit (highlight=...) or year"
        )
    value = float(own["value"].iloc[0])
    ax.scatter([value], [0], s=140, marker="D", color=common.HIGHLIGHT, zorder=4, edgecolor="white")
    label = f"{own['short_name'].iloc[0]}: {common.value_text(value, info, lang)}"
    ax.annotate(label, (value, 0), xytext=(0, 16), textcoords="offset points", ha="center",
                color=common.HIGHLIGHT, fontweight="bold", fontsize="small")  # fmt: skip
