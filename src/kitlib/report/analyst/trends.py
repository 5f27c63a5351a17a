"""Small multiples over the years: one panel per unit (or per indicator), lines labelled at their end."""

from __future__ import annotations

import textwrap

import pandas as pd

from kitlib.report.analyst import common
from kitlib.report.i18n import tr

TITLE_WIDTH = 32  # characters of a panel title per line, at the panel's width
END_ROOM = 1.2  # years of room right of the last point, for the label written there


def trends(frame: pd.DataFrame, indicators, units=None, *, col_wrap: int = 3, lang: str = "nb"):
    """Yearly figures of `indicators` (an id or a list) for `units` (ids; default: the result
    units that report the first indicator), as seaborn's relplot(kind="line"): one panel per
    unit, or per indicator when one unit is asked for. Axes are shared (y only when every
    indicator has the same unit of measure); each panel has its target line. Returns the
    FacetGrid."""
    common.language(lang)
    indicators = [indicators] if isinstance(indicators, str) else list(indicators)
    infos = {i: common.indicator_info(frame, i) for i in indicators}
    rows = common.yearly(frame)
    rows = rows[rows["indicator_id"].isin(indicators)]
    if units is not None:
        units = [units] if isinstance(units, str) else list(units)
        rows = rows[rows["unit_id"].isin(units)]
    rows = rows[rows["value"].notna()].copy()
    if rows.empty:
        raise common.ChartDataError(
            f"no yearly figures of {', '.join(indicators)} for {', '.join(units or ['any unit'])}; "
            "check the ids against kitlib.tidy(data)"
        )
    by_indicator = rows["unit_id"].nunique() == 1 and len(indicators) > 1
    panel, line = ("indicator", "unit") if by_indicator else ("unit", "indicator")
    rows["indicator"] = rows["indicator_id"].map(lambda i: common.name(infos[i], lang))
    rows["unit"] = rows["short_name"]
    same_unit = len({str(info["unit_of_measure"]) for info in infos.values()}) == 1
    with common.styled() as sns:
        wrap = min(col_wrap, rows[panel].nunique())
        grid = sns.relplot(data=rows, x="year", y="value", col=panel, units=line, estimator=None,
                           kind="line", marker="o", color=common.MUTED, col_wrap=wrap, height=2.6,
                           aspect=1.3, facet_kws={"sharex": True, "sharey": same_unit})  # fmt: skip
        for title, ax in grid.axes_dict.items():
            own = rows[rows[panel] == title]
            _lines_labelled(ax, own, line, infos, lang)
            _target_line(ax, own, lang)
            common.reader_ticks(ax.yaxis, lang)
            ax.set_title("")  # seaborn's "unit = ..." gives way to the name alone
            # wrapped to the panel's width: a long unit name ran into the next panel's
            ax.set_title(textwrap.fill(str(title), TITLE_WIDTH), loc="left", fontsize="medium")
            ax.xaxis.get_major_locator().set_params(integer=True)
        grid.set_axis_labels("", "")
        first, last = int(rows["year"].min()), int(rows["year"].max())
        step = 1 if last - first <= 4 else 2
        # room for the end labels, and no tick for a year the data do not have
        grid.set(xlim=(first - 0.3, last + END_ROOM), xticks=list(range(last, first - 1, -step))[::-1])
        lines = max(textwrap.fill(str(t), TITLE_WIDTH).count("\n") + 1 for t in grid.axes_dict)
        grid.figure.suptitle(tr("analyst_trends_title", lang, names=", ".join(rows["indicator"].unique())),
                             x=0.01, y=1.04 + 0.08 * (lines - 1), ha="left", fontweight="bold")  # fmt: skip
    return grid


def _lines_labelled(ax, rows: pd.DataFrame, line: str, infos, lang: str) -> None:
    """The last figure of each line, written at its end with the line's name: no legend needed."""
    for name, own in rows.sort_values("year").groupby(line, sort=False):
        last = own.iloc[-1]
        text = common.value_text(last["value"], infos[last["indicator_id"]], lang)
        label = text if rows[line].nunique() == 1 else f"{name} {text}"
        ax.annotate(label, (last["year"], last["value"]), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize="x-small", color=common.MUTED)  # fmt: skip


def _target_line(ax, rows: pd.DataFrame, lang: str) -> None:
    """The target over the years, as a dashed step line (targets change by year)."""
    if rows["indicator_id"].nunique() != 1:
        return  # several indicators in one panel: no single target
    targets = rows.groupby("year")["target"].first().dropna()
    if len(targets):
        ax.plot(targets.index.astype(float), targets.to_numpy(), linestyle="--", color=common.TARGET,
                drawstyle="steps-mid", linewidth=1.2)  # fmt: skip
        start = (float(targets.index[0]), float(targets.iloc[0]))
        ax.annotate(tr("analyst_target_word", lang), start, xytext=(0, 4), textcoords="offset points",
                    color=common.TARGET, fontsize="x-small")  # fmt: skip
