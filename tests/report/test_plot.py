"""The briefing's charts, tested on what they plot (line data, labels, ticks, segments), never
on pixels. Synthetic data are seeded."""

from __future__ import annotations

import subprocess
import sys
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest

from kitlib import prepare_briefing
from kitlib.report import charts, plot
from kitlib.report.charts import briefing_figure
from kitlib.report.formatting import NBSP
from kitlib.report.i18n import tr

RNG_SEED = 20260214


def history(values, *, start=2019, target=None, **columns) -> pd.DataFrame:
    """A yearly history as kitlib.analysis.history.indicator_history gives it."""
    periods = [str(start + i) for i in range(len(values))]
    frame = pd.DataFrame({"period": periods, "year": range(start, start + len(values)), "value": values})
    frame["target"] = np.nan if target is None else target
    for name, column in columns.items():
        frame[name] = column
    return frame


def unit_segments(ax, label="Denne enheten"):
    return [np.asarray(line.get_xydata(), dtype=float) for line in ax.lines if line.get_label() == label]


def label_texts(ax) -> dict[str, float]:
    """The end labels (texts in the right margin): text -> y in data units."""
    return {t.get_text(): t.get_position()[1] for t in ax.texts if t.get_position()[0] == 1.0}


# -- gaps, error bars ---------------------------------------------------------------------------


def test_a_missing_year_breaks_the_line():
    rng = np.random.default_rng(RNG_SEED)
    values = 4 + rng.normal(0, 0.2, 7).round(2)
    values[2] = np.nan
    with briefing_figure() as (_fig, ax):
        charts.trend_chart(history(values), ax=ax, name="Trivsel", unit="score 1-6")
    segments = unit_segments(ax)
    assert [seg[:, 0].tolist() for seg in segments] == [[0, 1], [3, 4, 5, 6]]
    assert not any(2 in seg[:, 0] for seg in segments)  # nothing drawn at, or across, the gap
    assert np.concatenate([seg[:, 1] for seg in segments]).tolist() == [v for v in values if not np.isnan(v)]
    assert all(line.get_marker() == "o" for line in ax.lines if line.get_label() == "Denne enheten")


def test_a_value_alone_between_two_gaps_keeps_its_dot_and_comparisons_break_too():
    values = [4.0, np.nan, 4.2, np.nan, 4.4]
    peers = [4.1, 4.1, np.nan, 4.3, 4.3]
    with briefing_figure() as (_fig, ax):
        charts.trend_chart(history(values, national_value=peers), ax=ax, name="Trivsel", lang="nb")
    assert [seg[:, 0].tolist() for seg in unit_segments(ax)] == [[0], [2], [4]]
    assert all(line.get_marker() == "o" for line in ax.lines if line.get_label() == "Denne enheten")
    national = unit_segments(ax, "Landet")
    assert [seg[:, 0].tolist() for seg in national] == [[0, 1], [3, 4]]


def test_every_line_keeps_its_colour_width_dashes_and_dots_and_the_unit_is_on_top():
    rng = np.random.default_rng(RNG_SEED)
    columns = {c: (4.5 + rng.normal(0, 0.1, 5)).round(2) for c in charts.COMPARED["trend"]}
    columns["national_value"][2] = np.nan  # a gap in one comparison
    h = history((4.2 + rng.normal(0, 0.1, 5)).round(2), target=4.6, **columns)
    with briefing_figure() as (_fig, ax):
        charts.trend_chart(h, ax=ax, name="Trivsel", lang="nb")
    for column, (key, colour, width, dashes, _ink) in charts.SERIES.items():
        lines = [line for line in ax.lines if line.get_label() == tr(key, "nb")]
        assert len(lines) == (2 if column == "national_value" else 1), column
        for line in lines:
            assert matplotlib.colors.to_hex(line.get_color()) == colour.lower()
            assert line.get_linewidth() == width
            assert line._unscaled_dash_pattern == ((0, dashes) if dashes else (0, None))
            if column == "value":  # the unit's values as dots edged in white
                assert line.get_marker() == "o" and line.get_markersize() == 4
                assert line.get_markeredgecolor() == "w"
            else:
                assert line.get_marker() in ("", "None")
    order = [line.get_label() for line in ax.lines if line.get_label() in {tr(k, "nb") for k, *_ in
             charts.SERIES.values()}]  # fmt: skip
    assert order[-1] == tr("this_unit", "nb") and order.index(tr("this_unit", "nb")) == len(order) - 1


def test_plot_lines_breaks_every_series_at_its_own_gaps():
    data = pd.DataFrame(
        {
            "x": [0, 1, 2, 3] * 2,
            "y": [1.0, np.nan, 3.0, 4.0, 2.0, 2.5, np.nan, np.nan],
            "who": ["a"] * 4 + ["b"] * 4,
        }
    )
    fig = matplotlib.figure.Figure()
    ax = plot.lines(
        data, x="x", y="y", hue="who", ax=fig.add_subplot(), palette={"a": "#111111", "b": "#222222"}
    )
    drawn = sorted((line.get_label(), line.get_xdata().tolist()) for line in ax.lines)
    assert drawn == [("a", [0]), ("a", [2, 3]), ("b", [0, 1])]
    assert ax.get_xlabel() == "" and ax.get_ylabel() == ""  # seaborn's column names do not leak


def test_a_target_holds_for_its_whole_period_and_breaks_where_missing():
    data = pd.DataFrame({"x": range(6), "target": [np.nan, 4.5, 4.5, 4.8, np.nan, 5.0]})
    fig = matplotlib.figure.Figure()
    ax = plot.steps(data, x="x", y="target", ax=fig.add_subplot(), color="k", label="Mål")
    (line,) = ax.lines
    xy = np.asarray(line.get_xydata(), dtype=float)
    runs = [run for run in np.split(xy, np.flatnonzero(np.isnan(xy[:, 1]))) if len(run)]
    runs = [run[~np.isnan(run[:, 1])].tolist() for run in runs]
    runs = [run for run in runs if run]
    assert runs == [
        [[0.5, 4.5], [1.5, 4.5], [1.5, 4.5], [2.5, 4.5], [2.5, 4.8], [3.5, 4.8]],  # 2.5: the step up
        [[4.5, 5.0], [5.5, 5.0]],  # a target alone after a gap is drawn over its whole period
    ]


def test_survey_intervals_are_error_bars_at_each_year():
    rng = np.random.default_rng(RNG_SEED)
    values = (4.4 + rng.normal(0, 0.1, 4)).round(2)
    low, high = values - 0.4, values + 0.4
    low[1] = high[1] = np.nan  # a year without an interval (no respondents reported)
    with briefing_figure() as (_fig, ax):
        charts.trend_chart(history(values, ci_low=low, ci_high=high), ax=ax, name="Trivsel", lang="en")
    (bars,) = [c for c in ax.collections if c.get_label() == tr("interval", "en")]
    segments = [s.tolist() for s in bars.get_segments() if len(s) and not np.isnan(s).any()]
    assert segments == [[[x, low[x]], [x, high[x]]] for x in (0, 2, 3)]
    bottom, top = ax.get_ylim()
    assert bottom <= np.nanmin(low) and top >= np.nanmax(high)  # the whole interval is seen


def test_bars_stand_in_their_categorys_slot_in_one_colour_and_width():
    data = pd.DataFrame({"label": ["2025T1", "2024T1", "2024T2", "2024T3"], "value": [6.0, 5.0, np.nan, 7.5]})
    order = ["2024T1", "2024T2", "2024T3", "2025T1"]
    fig = matplotlib.figure.Figure()
    ax = plot.bars(data, x="label", y="value", order=order, ax=fig.add_subplot(), color="#0072B2")
    bars = ax.patches
    # in the order's slots, left to right (the missing 2024T2 leaves its slot empty), from 0
    assert [b.get_x() + b.get_width() / 2 for b in bars] == pytest.approx([0, 2, 3])
    assert [b.get_height() for b in bars] == [5.0, 7.5, 6.0]
    assert {b.get_y() for b in bars} == {0.0} and [b.get_width() for b in bars] == pytest.approx([0.62] * 3)
    assert {matplotlib.colors.to_hex(b.get_facecolor()) for b in bars} == {"#0072b2"}
    assert ax.get_xlabel() == "" and ax.get_ylabel() == ""
    empty = plot.bars(data.assign(value=np.nan), x="label", y="value", ax=fig.add_subplot(), color="k")
    assert not empty.patches


@pytest.mark.parametrize("orient", ["v", "h"])
def test_stems_are_dots_edged_in_white_above_stems_from_the_base(orient):
    data = pd.DataFrame({"at": [0.0, 1.0, 2.0, 3.0], "value": [97.0, np.nan, 101.5, 99.0],
                         "status": ["met", "met", "not_met", "near"]})  # fmt: skip
    palette = {"met": "#0072B2", "not_met": "#D55E00", "near": "#E69F00"}
    fig = matplotlib.figure.Figure()
    x, y = ("at", "value") if orient == "v" else ("value", "at")
    hue = {"hue": "status", "palette": palette} if orient == "h" else {}
    ax = plot.stems(data, x=x, y=y, base=100.0, ax=fig.add_subplot(), color="#0072B2", orient=orient,
                    label="stems", **hue)  # fmt: skip
    (stems,) = [c for c in ax.collections if c.get_label() == "stems"]
    (dots,) = [c for c in ax.collections if c is not stems]
    values = [97.0, 101.5, 99.0]  # the missing value has neither stem nor dot
    ends = [seg[:, 1 if orient == "v" else 0].tolist() for seg in stems.get_segments()]
    assert ends == [[100.0, v] for v in values]
    offsets = np.asarray(dots.get_offsets())
    assert offsets[:, 1 if orient == "v" else 0].tolist() == values
    assert offsets[:, 0 if orient == "v" else 1].tolist() == [0.0, 2.0, 3.0]
    expected = ["#0072b2"] * 3 if orient == "v" else ["#0072b2", "#d55e00", "#e69f00"]
    colours = [matplotlib.colors.to_hex(c) for c in dots.get_facecolors()]
    assert (colours * 3 if len(colours) == 1 else colours) == expected  # one colour is given once
    assert {matplotlib.colors.to_hex(c) for c in dots.get_edgecolors()} == {"#ffffff"}
    assert dots.get_sizes().tolist() == [42.0] and dots.get_linewidths().tolist() == [0.8]
    assert dots.get_zorder() == 3 > stems.get_zorder()  # the dot covers its stem's end
    assert ax.get_xlabel() == "" and ax.get_ylabel() == ""


def test_importing_the_briefing_loads_neither_seaborn_nor_scipy():
    """Every worker kernel imports the briefing: seaborn (and the scipy.stats it brings) cost
    more than the rest of kitlib together, and the charts draw without them."""
    code = (
        "import sys, kitlib.report.briefing, kitlib.explorer.views; "
        "print('seaborn' in sys.modules, 'scipy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# -- direct labels ------------------------------------------------------------------------------


def test_lines_are_labelled_at_their_ends_in_the_notes_language():
    h = history([11.2, 10.8, 10.1], target=[9.0, 9.0, 8.5], peer_group_value=[9.5, 9.4, 9.2])
    with briefing_figure() as (_fig, ax):
        charts.trend_chart(h, ax=ax, name="Sykefravær", unit="%", lang="nb", decimals=1)
    labels = label_texts(ax)
    assert set(labels) == {f"10,1{NBSP}%", f"Mål 8,5{NBSP}%", "KOSTRA-gruppe"}  # the target with its unit
    assert ax.get_legend() is None
    with briefing_figure() as (_fig, ax):
        charts.trend_chart(h, ax=ax, name="Sick leave", unit="%", lang="en", decimals=1)
    assert set(label_texts(ax)) == {"10.1%", f"{tr('target_line', 'en')} 8.5%", tr("peer_group", "en")}


@pytest.mark.parametrize(("lang", "label"), [("nb", f"7,2{NBSP}% (T3)"), ("en", "7.2% (T3)")])
def test_a_tertials_end_label_says_which_tertial_it_is(lang, label):
    periods = [f"{y}T{t}" for y in (2024, 2025) for t in (1, 2, 3)]
    h = pd.DataFrame({"period": periods, "value": [9.8, 6.1, 7.5, 10.4, 6.6, 7.2], "target": 7.0})
    with briefing_figure() as (_fig, ax):
        charts.period_bars(h, ax=ax, name="Sykefravær", unit="%", lang=lang)
    assert label in label_texts(ax)  # the last bar's value, not to be read as the year's 8,1
    yearly = history([7.9, 8.1])
    with briefing_figure() as (_fig, ax):
        charts.period_bars(yearly, ax=ax, name="Sykefravær", unit="%", lang=lang)
    assert label.replace("7,2", "8,1").replace("7.2", "8.1").split(" (")[0] in label_texts(ax)


@pytest.mark.parametrize("lang", ["nb", "da", "en"])
def test_end_labels_never_collide_even_when_the_lines_end_together(lang):
    rng = np.random.default_rng(RNG_SEED)
    values = (4.5 + rng.normal(0, 0.15, 6)).round(1)
    end = values[-1]
    same = np.full(6, end)  # target, peers, KOSTRA group and country all end where the unit ends
    h = history(values, target=same, peer_median=same, peer_group_value=same, national_value=same)
    with briefing_figure(7.0, 2.2) as (_fig, ax):
        charts.trend_chart(h, ax=ax, name="Trivsel", unit="score 1-6", lang=lang)
    ys = np.sort(list(label_texts(ax).values()))
    assert len(ys) == 5
    font_height = charts.LABEL_SIZE / plot.points_per_unit(ax, "y")  # one font size in data units
    assert np.diff(ys).min() >= font_height
    assert abs(np.mean(ys) - end) < 1e-9  # spread around where the lines end, not pushed aside


def test_nudge_moves_only_what_crowds_and_keeps_order_and_bounds():
    assert plot.nudge([1.0, 5.0, 9.0], 1.0).tolist() == [1.0, 5.0, 9.0]  # nothing crowds: nothing moves
    placed = plot.nudge([5.0, 5.0, 5.2, 1.0], 1.0)
    assert placed[3] == 1.0
    assert np.diff(np.sort(placed[:3])).min() >= 1.0 - 1e-12
    assert placed[0] < placed[1] < placed[2]  # ties keep the order given
    top = plot.nudge([9.8, 9.9, 10.0], 1.0, low=0.0, high=10.0)
    assert top.max() <= 10.0 and np.diff(top).min() >= 1.0 - 1e-12
    rng = np.random.default_rng(RNG_SEED)
    many = plot.nudge(rng.uniform(0, 3, 8), 0.5)
    assert np.diff(np.sort(many)).min() >= 0.5 - 1e-12


# -- axes in the note's language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("nb", f"12{NBSP}000"), ("da", "12.000"), ("en", "12,000")],
)
def test_value_axis_numbers_are_written_the_notes_way(lang, expected):
    h = history([11800.0, 12300.0, 12900.0, 13400.0], target=12000.0)
    with briefing_figure() as (_fig, ax):
        charts.trend_chart(h, ax=ax, name="Kostnad per plass", unit="NOK", lang=lang, decimals=0)
    ticks = ax.yaxis.get_major_formatter().format_ticks(ax.get_yticks())
    assert expected in ticks
    assert ax.get_ylabel() == "kr"


def test_tick_decimals_follow_the_step_and_never_misround():
    formatter = charts.NumberFormatter("nb")
    assert formatter.format_ticks([0, 2.5, 5, 7.5]) == ["0,0", "2,5", "5,0", "7,5"]
    assert formatter.format_ticks([4.0, 4.5, 5.0]) == ["4,0", "4,5", "5,0"]
    assert formatter.format_ticks([0, 5, 10]) == ["0", "5", "10"]
    assert charts.NumberFormatter("en").format_ticks([0.25, 0.5]) == ["0.25", "0.50"]


def test_periods_of_a_year_are_named_by_part_with_the_year_under_the_first():
    assert charts.period_labels(["2024T2", "2024T3", "2025T1", "2025T2"]) == [
        "T2\n2024",
        "T3",
        "T1\n2025",
        "T2",
    ]
    assert charts.period_labels(["2023", "2024"]) == ["2023", "2024"]
    months = ["2024M11", "2024M12", "2025M01", "2025M03"]
    assert charts.period_labels(months) == ["nov\n2024", "des", "jan\n2025", "mar"]
    assert charts.period_labels(months, "en") == ["Nov\n2024", "Dec", "Jan\n2025", "Mar"]


def test_every_year_on_a_thinned_month_axis_is_named():
    """Every third month labelled, counted back from December: January is never shown, so the
    year goes under the first month shown of each year instead."""
    months = [f"{y}M{m:02d}" for y in (2023, 2024, 2025) for m in range(2, 13)]  # February on
    shown = [label for label in charts.period_labels(months, "nb", every=3) if label]
    assert [label.split("\n")[1] for label in shown if "\n" in label] == ["2023", "2024", "2025"]
    assert shown[-1] == "des"
    labels = charts.period_labels(months, "nb", every=3)
    assert [i for i, label in enumerate(labels) if label] == list(range(len(months) - 1, -1, -3))[::-1]


def test_the_value_axis_includes_the_target_and_bars_start_at_zero():
    h = history([12.9, 13.1, 12.7], target=[8.5, 8.5, 8.5])
    with briefing_figure() as (_fig, ax):
        charts.trend_chart(h, ax=ax, name="Sykefravær", unit="%")
    assert ax.get_ylim()[0] < 8.5 < 12.9 < ax.get_ylim()[1]
    with briefing_figure() as (_fig, ax):
        charts.period_bars(h, ax=ax, name="Sykefravær", unit="%")
    assert ax.get_ylim()[0] == 0 and ax.get_ylim()[1] > 13.1
    assert [p.get_height() for p in ax.patches] == pytest.approx([12.9, 13.1, 12.7])


def test_an_overspend_stands_clear_of_the_budget_line():
    h = history([97.2, 99.1, 98.4, 101.4], target=100.0)
    with briefing_figure() as (_fig, ax):
        charts.budget_chart(h, ax=ax, name="Forbruk i prosent av budsjett", unit="%", lang="nb")
    low, high = ax.get_ylim()
    assert 90 < low < 97.2 and high > 101.4  # around 100, not from 0: 1,4 points are visible
    (stems,) = [c for c in ax.collections if c.get_label() == "Denne enheten"]
    assert [s[:, 1].tolist() for s in stems.get_segments()] == [[100, v] for v in (97.2, 99.1, 98.4, 101.4)]
    assert set(label_texts(ax)) == {f"101,4{NBSP}%", "Budsjett (100 %)"}  # the target is the budget


# -- titles that state the message ---------------------------------------------------------------


def row(**changes) -> pd.Series:
    base = dict(
        indicator_id="syk", name="Sykefravær", indicator_type="medarbeider", unit_of_measure="%",
        direction="lower", period="2025", value=9.1, target=8.5, status="not_met", trend="improving",
        trend_change=-1.5, trend_from_period="2023", trend_from_value=10.6, last_change=-0.4, decimals=1,
    )  # fmt: skip
    base.update(changes)
    return pd.Series(base)


YEARS = pd.DataFrame(
    {"period": ["2021", "2022", "2023", "2024", "2025"], "value": [10.9, 11.0, 10.3, 9.5, 9.1]}
)


def test_the_title_states_the_message_in_the_notes_language():
    assert charts.chart_message(row(), YEARS, "nb") == "Ned tre år på rad, men fortsatt over målet"
    assert charts.chart_message(row(), YEARS, "da") == "Ned tre år i træk, men stadig over målet"
    assert charts.chart_message(row(), YEARS, "en") == "Down three years in a row, but still above target"
    survey = row(direction="higher", unit_of_measure="score 1-6", value=4.8, target=4.5, status="met",
                 trend="stable", trend_change=0.05)  # fmt: skip
    assert charts.chart_message(survey, None, "nb") == "Stabil og over målet"
    missed = row(**{**survey, "status": "not_met", "value": 4.2})
    assert charts.chart_message(missed, None, "en") == "Stable, but below target"


def test_the_title_claims_only_what_the_figures_support():
    shorter = YEARS.assign(value=[10.9, 10.2, 10.3, 9.5, 9.1])  # two falls in a row, not three
    assert charts.chart_message(row(), shorter, "nb") == "Ned siden 2023, men fortsatt over målet"
    turned = row(last_change=0.3, previous_period="2024")  # the latest change went against the trend
    # a trend no text may name (kitlib.analysis.nameable): only the latest change is told
    # (up is worse for sick leave, as is being above its target: joined by "og", not "men")
    assert charts.chart_message(turned, YEARS, "nb") == "Opp fra 2024 til 2025 og over målet"
    assert charts.chart_message(turned, YEARS, "en") == "Up from 2024 to 2025 and above target"
    stable = row(trend="stable", trend_change=-0.2)  # three small falls inside the noise: no run
    assert charts.chart_message(stable, YEARS, "nb") == "Stabil, men over målet"
    near = row(status="near", value=8.7, trend="insufficient_data")
    assert charts.chart_message(near, None, "nb") == "Like over målet i 2025"
    uncertain = row(status="uncertain", direction="higher", value=4.4, target=4.5, trend="stable")
    assert charts.chart_message(uncertain, None, "nb") == "Stabil og under målet, men innenfor feilmarginen"
    assert charts.chart_message(row(value=np.nan, status="no_data"), None, "en") == "No figure for 2025"
    no_target = row(target=np.nan, status="no_target", trend="insufficient_data")
    assert charts.chart_message(no_target, None, "nb") == f"9,1{NBSP}% i 2025"


def test_spending_is_read_against_the_budget():
    spend = row(name="Forbruk", indicator_type="okonomi", value=101.4, target=100.0, trend="worsening",
                trend_change=2.0, last_change=1.1, status="not_met")  # fmt: skip
    years = pd.DataFrame({"period": ["2022", "2023", "2024", "2025"], "value": [97.0, 98.2, 100.3, 101.4]})
    assert charts.chart_message(spend, years, "nb") == "Opp tre år på rad og over budsjett"


# -- small multiples -------------------------------------------------------------------------------


def panels(levels, lang_unit="score 1-6"):
    rng = np.random.default_rng(RNG_SEED)
    out = []
    for i, level in enumerate(levels):
        values = (level + rng.normal(0, 0.1, 7)).round(2)
        h = history(values, target=level + 0.2, ci_low=values - 0.3, ci_high=values + 0.3)
        out.append(
            charts.Panel(h, name=f"Spørsmål {i + 1}", unit=lang_unit, message="Stabil, men under målet")
        )
    return out


def test_small_multiples_share_their_axes_in_one_figure():
    fig = charts.panel_figure(panels([4.3, 4.6, 4.9]), "nb")
    assert len(fig.axes) == 3
    limits = {ax.get_ylim() for ax in fig.axes}
    assert len(limits) == 1  # one value axis for the three questions
    ticks = {tuple(t.get_text() for t in ax.get_xticklabels()) for ax in fig.axes}
    assert len(ticks) == 1 and "2025" in next(iter(ticks))
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Spørsmål 1", "Spørsmål 2", "Spørsmål 3"]
    messages = [t.get_text() for ax in fig.axes for t in ax.texts if t.get_position()[0] != 1.0]
    assert messages == ["Stabil, men under målet"] * 3
    assert [t.get_text() for t in fig.texts] == [tr("interval_note", "nb")]
    for ax in fig.axes:  # labels apart in every panel
        ys = np.sort(list(label_texts(ax).values()))
        assert np.diff(ys).min() >= charts.LABEL_SIZE / plot.points_per_unit(ax, "y")
    tops = {round(ax.get_position().y1, 6) for ax in fig.axes[:2]}
    assert len(tops) == 1  # panels side by side line up


def test_panels_far_apart_keep_their_own_value_axes():
    fig = charts.panel_figure(panels([5.0, 90.0], lang_unit="%"), "nb")
    first, second = (ax.get_ylim() for ax in fig.axes)
    assert first[1] < 10 < 80 < second[0]


def test_no_chart_is_drawn_twice_in_a_note(monkeypatch):
    drawn: list[str] = []

    def names(fig, alt, caption=""):
        drawn.extend(ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left"))
        return "<figure></figure>"

    monkeypatch.setattr(charts, "figure_html", names)
    note = prepare_briefing("", "shj-berg-dal", 0, "nb")
    sections = (
        note.trend_charts_section,
        note.variation_section,
        note.sick_leave_section,
        note.budget_section,
    )
    for section in sections:
        section()
    assert any(name.startswith("Sykefravær") for name in drawn) and "Forbruk i prosent av budsjett" in drawn
    assert len(drawn) == len(set(drawn)), drawn


# -- distance to target ----------------------------------------------------------------------------


def card() -> pd.DataFrame:
    rows = [  # name, unit, direction, value, target, tolerance, status, ci_low, ci_high
        ("Avvik per 1000 liggedøgn", "per 1000 liggedøgn", "lower", 1.55, 1.4, 0.2, "near", np.nan, np.nan),
        ("Trivsel", "score 1-6", "higher", 4.3, 4.8, 0.1, "not_met", 4.0, 4.6),
        ("Måltidene", "score 1-6", "higher", 4.7, 4.8, 0.1, "uncertain", 4.4, 5.0),
        ("Sykefravær", "%", "lower", 12.9, 8.5, 0.5, "not_met", np.nan, np.nan),
        ("Mobbing", "%", "lower", 3.0, 0.0, np.nan, "not_met", np.nan, np.nan),  # a target of 0, in points
        ("Klager", "antall", "lower", 2.0, 0.0, np.nan, "not_met", np.nan, np.nan),  # 0: no percentage of it
        ("Forbruk", "%", "lower", 97.0, 100.0, 1.0, "met", np.nan, np.nan),
    ]
    columns = [
        "name",
        "unit_of_measure",
        "direction",
        "value",
        "target",
        "tolerance",
        "status",
        "ci_low",
        "ci_high",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(indicator_id=frame["name"].str.lower(), decimals=1)


def test_distance_rows_read_shares_in_points_and_others_in_percent_of_target():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division by a zero target
        rows = charts.distance_rows(card()).set_index("name")
    assert "Klager" not in rows.index
    assert rows.loc["Mobbing", ["measure", "gap"]].tolist() == ["pp", pytest.approx(-3.0)]
    assert rows.loc["Sykefravær", "gap"] == pytest.approx(-4.4)
    assert rows.loc["Forbruk", "gap"] == pytest.approx(3.0)
    assert rows.loc["Avvik per 1000 liggedøgn", ["measure", "gap"]].tolist() == [
        "pct",
        pytest.approx(-100 * 0.15 / 1.4),
    ]
    assert rows.loc["Trivsel", ["ci_low", "ci_high"]].tolist() == pytest.approx(
        [-100 * 0.8 / 4.8, -100 * 0.2 / 4.8]
    )


def test_a_near_miss_never_looks_worse_than_a_miss():
    fig = charts.distance_figure(card(), "nb")
    pct = next(ax for ax in fig.axes if "prosent av målet" in ax.get_title(loc="left"))
    names = {y: t.get_text() for y, t in zip(pct.get_yticks(), pct.get_yticklabels())}
    order = [names[y] for y in sorted(names, reverse=True)]  # top to bottom
    assert order == ["◐ Avvik per 1\u00a0000 liggedøgn", "≈ Måltidene", "✘ Trivsel"]
    (band,) = [
        p for p in pct.patches if abs(p.get_y() + p.get_height() / 2 - 2) < 1e-9
    ]  # the near row's band
    near_gap = -100 * 0.15 / 1.4
    assert band.get_x() <= near_gap <= band.get_x() + band.get_width()  # inside its tolerance: "nesten"


def test_distance_rows_go_best_status_first_then_furthest_ahead_whatever_the_cards_order():
    rows = charts.distance_rows(card())
    shuffled = charts.distance_rows(card().sample(frac=1.0, random_state=RNG_SEED))
    pd.testing.assert_frame_equal(rows, shuffled.loc[rows.index])  # the same rows, whatever the order
    assert shuffled.index.tolist() == rows.index.tolist()
    rank = {s: i for i, s in enumerate(charts.JUDGED)}
    keys = list(zip(rows["status"].map(rank), -rows["gap"]))
    assert keys == sorted(keys)
    assert list(rows.columns[-3:]) == ["measure", "gap", "distance"]
    assert charts.distance_rows(card().iloc[0:0]).empty


def test_distance_labels_fit_and_never_collide():
    fig = charts.distance_figure(card(), "en")
    assert fig.texts[0].get_text() == "1 of 6 targets met"
    for ax in fig.axes:
        labels = [t for t in ax.texts if t.get_text()[:1] in "+−0123456789"]
        ys = [t.xy[1] for t in labels]
        assert len(ys) == len(set(ys))  # one label per row
        row_gap = plot.points_per_unit(ax, "y")  # points between two rows
        assert row_gap >= 1.2 * charts.LABEL_SIZE
        low, high = ax.get_xlim()
        scale = plot.points_per_unit(ax, "x")
        for t in labels:
            width = plot.text_width(t.get_text(), charts.LABEL_SIZE) / scale
            x = t.xy[0] + (5 / scale if t.get_horizontalalignment() == "left" else -5 / scale)
            left, right = (x, x + width) if t.get_horizontalalignment() == "left" else (x - width, x)
            assert low <= left and right <= high, t.get_text()


# -- output ------------------------------------------------------------------------------------------


def test_charts_change_no_global_state_and_give_the_same_bytes():
    before = dict(matplotlib.rcParams)
    first = charts.figure_html(charts.panel_figure(panels([4.3, 4.6]), "nb"), alt="Trivsel")
    second = charts.figure_html(charts.panel_figure(panels([4.3, 4.6]), "nb"), alt="Trivsel")
    assert first == second  # byte-identical SVG: fixed ids, no date
    distance = [charts.figure_html(charts.distance_figure(card(), "nb"), alt="") for _ in range(2)]
    assert distance[0] == distance[1]
    assert "data:image/svg+xml;base64," in first and 'alt="Trivsel"' in first
    after = dict(matplotlib.rcParams)
    assert {k: v for k, v in after.items() if before[k] != v} == {}
    import matplotlib.pyplot as plt

    assert plt.get_fignums() == []  # nothing registered with pyplot
