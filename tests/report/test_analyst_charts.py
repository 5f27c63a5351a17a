"""kitlib.plots: what each chart plots (points, lines, masked cells), its words in every
language, its errors, and that no global matplotlib, seaborn or numpy state changes."""

from __future__ import annotations

import re
import subprocess
import sys

import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

from kitlib import plots  # noqa: E402
from kitlib.analysis.status import better_sign  # noqa: E402
from kitlib.analysis.tidy import tidy  # noqa: E402
from kitlib.report.analyst.common import ChartDataError  # noqa: E402
from kitlib.report.analyst.heatmap import SUPPRESSED_MARK, survey_grid  # noqa: E402
from kitlib.report.analyst.relationship import correlation, pairs  # noqa: E402
from kitlib.report.formatting import format_number  # noqa: E402

LANGS = ("nb", "da", "en")
BAD = re.compile(r"\bnan\b|\bNone\b|<NA>|\{[a-z_]*\}|\(\)", re.IGNORECASE)
X, Y = "bhg_kostnad_barn", "bhg_bu_helhet"


@pytest.fixture(scope="module")
def frame(sample_data):
    return tidy(sample_data)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(figure) -> list[str]:
    figure.canvas.draw()  # tick labels are written when drawn
    found = [t.get_text() for t in figure.findobj(matplotlib.text.Text)]
    return [t for t in found if t.strip()]


def synthetic(xs, ys) -> pd.DataFrame:
    """A tidy table of two indicators for len(xs) units in 2024."""
    rows = []
    for i, (x, y) in enumerate(zip(xs, ys)):
        for indicator, value in (("a", x), ("b", y)):
            rows.append({"unit_id": f"u{i}", "unit": f"Unit {i}", "short_name": f"U{i}", "level": "enhet",
                         "service_area": "S", "indicator_id": indicator, "indicator": f"Ind {indicator}",
                         "unit_of_measure": "%", "decimals": 1, "direction": "higher", "year": 2024,
                         "period": "2024", "frequency": "year", "value": value, "target": np.nan})  # fmt: skip
    return pd.DataFrame(rows)


# -- relationship ---------------------------------------------------------------------------


def test_relationship_plots_one_point_per_pair_and_labels_each(frame):
    both, year = pairs(frame, X, Y)
    ax = plots.relationship(frame, X, Y)
    points = ax.collections[0].get_offsets()
    assert sorted(map(tuple, np.asarray(points))) == sorted(zip(both["x"], both["y"]))
    labels = {t.get_text() for t in ax.texts}
    assert set(both["short_name"]) <= labels
    # the comparison groups are among the points where both indicators have figures
    assert set(both["level"]) & {"kostra_group", "country"}


def test_relationship_labels_of_neighbouring_points_do_not_overlap(frame):
    # three kindergartens share 4,7 in 2024 at nearly the same cost: their names stay readable
    ax = plots.relationship(frame, x="bhg_kostnad_barn", y="bhg_bu_helhet", year=2024)
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) >= 10
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[i + 1 :]), ax.texts[i].get_text()


def test_relationship_caption_gives_r_its_interval_and_n(frame):
    both, year = pairs(frame, X, Y)
    ax = plots.relationship(frame, X, Y)
    r = np.corrcoef(both["x"], both["y"])[0, 1]
    caption = " ".join(texts(ax.figure))
    assert f"r = {format_number(r, 2)}" in caption
    assert f"n = {len(both)}" in caption
    assert "ikke årsak" in caption


def test_correlation_interval_is_fishers():
    from scipy.stats import pearsonr

    rng = np.random.default_rng(4)
    xs = rng.normal(size=12)
    ys = xs + rng.normal(size=12)
    r, low, high = correlation(xs, ys)
    expected = pearsonr(xs, ys).confidence_interval(0.95)
    assert r == pytest.approx(pearsonr(xs, ys).statistic)
    assert (low, high) == pytest.approx((expected.low, expected.high), abs=1e-3)


def test_relationship_title_states_a_message_only_when_the_interval_excludes_none():
    xs = np.arange(10.0)
    strong = plots.relationship(synthetic(xs, 2 * xs + 1), "a", "b")
    assert strong.get_title(loc="left") == "Enhetene med høyere ind a har også høyere ind b"
    noise = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0]
    neutral = plots.relationship(synthetic(xs, noise), "a", "b")
    assert "ingen klar sammenheng" in neutral.get_title(loc="left")


def test_relationship_with_too_few_pairs_names_both_indicators_and_the_count():
    with pytest.raises(ChartDataError, match=r"'a' and 'b' both have figures for 4 units in 2024"):
        plots.relationship(synthetic([1, 2, 3, 4], [2, 3, 4, 6]), "a", "b")


def test_an_unknown_indicator_is_named(frame):
    with pytest.raises(ChartDataError, match="no indicator 'nope'"):
        plots.relationship(frame, "nope", Y)


# -- distribution ---------------------------------------------------------------------------


def test_distribution_strips_the_area_units_marks_the_unit_and_the_target(frame):
    ax = plots.distribution(frame, "sykefravaer", highlight="shj-berg-dal")
    rows = frame[(frame["indicator_id"] == "sykefravaer") & (frame["service_area"] == "Sykehjem")
                 & (frame["level"] == "enhet") & (frame["frequency"] == "year") & frame["value"].notna()]  # fmt: skip
    rows = rows[rows["year"] == rows["year"].max()]
    strip, *_, marked = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)]
    assert sorted(strip.get_offsets()[:, 0]) == pytest.approx(sorted(rows["value"]))
    own = rows.loc[rows["unit_id"] == "shj-berg-dal", "value"].iloc[0]
    assert marked.get_offsets()[0, 0] == pytest.approx(own)
    assert any(t.get_text().startswith("Berg & Dal") for t in ax.texts)
    target = rows["target"].mode().iloc[0]
    assert any(np.allclose(line.get_xdata(), target) for line in ax.lines)
    assert f"Mål {format_number(target, 1)}" in " ".join(t.get_text() for t in ax.texts)


def test_distribution_unknown_unit_is_named(frame):
    with pytest.raises(ChartDataError, match="no unit 'nowhere'"):
        plots.distribution(frame, "sykefravaer", highlight="nowhere")


# -- trends ---------------------------------------------------------------------------------

HOMES = ["shj-berg-dal", "shj-fjordtun", "shj-solbakken", "shj-haugtun"]


def test_trends_one_panel_per_unit_with_its_line_target_and_label(frame):
    grid = plots.trends(frame, "sykefravaer", units=HOMES)
    assert isinstance(grid, sns.FacetGrid)
    assert len(grid.axes_dict) == len(HOMES)
    names = dict(zip(frame["unit_id"], frame["short_name"]))
    for unit_id in HOMES:
        ax = grid.axes_dict[names[unit_id]]
        own = frame[(frame["unit_id"] == unit_id) & (frame["indicator_id"] == "sykefravaer")
                    & (frame["frequency"] == "year") & frame["value"].notna()].sort_values("year")  # fmt: skip
        data, target = ax.lines[0], ax.lines[-1]
        assert list(data.get_xdata()) == list(own["year"])
        assert data.get_ydata() == pytest.approx(own["value"].to_numpy())
        targets = own.dropna(subset=["target"])
        assert target.get_ydata() == pytest.approx(targets["target"].to_numpy())
        assert format_number(own["value"].iloc[-1], 1) in " ".join(t.get_text() for t in ax.texts)
        assert " ".join(ax.get_title(loc="left").split()) == names[unit_id]  # wrapped to fit
        assert ax.get_legend() is None
    first = list(grid.axes_dict.values())
    assert first[0].get_ylim() == first[-1].get_ylim()  # shared axes


def test_trends_panel_titles_fit_their_panel_and_no_tick_names_a_year_without_data(frame):
    grid = plots.trends(frame, indicators="sykefravaer", units=["shj-berg-dal", "shj-fjordtun"])
    years = frame.loc[frame["frequency"] == "year", "year"]
    for ax in grid.axes.flat:
        title = ax.get_title(loc="left")
        assert max(len(line) for line in title.split("\n")) <= 32, title
        assert max(ax.get_xticks()) <= years.max()
        # the end label lies inside the axes: room was made for it right of the last year
        assert ax.get_xlim()[1] > years.max() + 0.5
    assert "Berg & Dal" in grid.axes.flat[0].get_title(loc="left")


def test_trends_of_several_indicators_for_one_unit_panel_by_indicator(frame):
    grid = plots.trends(frame, ["medarb_trivsel", "medarb_leder"], units="shj-berg-dal")
    assert set(grid.axes_dict) == {"Trivsel på arbeidsplassen", "Tilfredshet med nærmeste leder"}


# -- survey heatmap -------------------------------------------------------------------------


def test_heatmap_colours_distance_in_the_better_direction(frame):
    rows, year = survey_grid(frame, "Barnehage", 2022)
    ax = plots.survey_heatmap(frame, "Barnehage", 2022)
    mesh = ax.collections[0]
    shown = np.ma.masked_invalid(mesh.get_array()).reshape(rows["indicator_id"].nunique(), -1)
    row = rows[rows["value"].notna() & rows["target"].notna()].iloc[0]
    i = list(dict.fromkeys(rows["indicator_id"])).index(row["indicator_id"])
    j = list(dict.fromkeys(rows["short_name"])).index(row["short_name"])
    expected = better_sign(row["direction"]) * (row["value"] - row["target"])
    assert shown[i, j] == pytest.approx(expected)


def test_a_suppressed_cell_is_masked_and_shows_no_number(frame):
    rows, year = survey_grid(frame, "Barnehage", 2022)
    hidden = rows[rows["suppressed"]]
    assert len(hidden)
    ax = plots.survey_heatmap(frame, "Barnehage", 2022)
    questions = list(dict.fromkeys(rows["indicator_id"]))
    units = list(dict.fromkeys(rows["short_name"]))
    mesh = np.ma.masked_invalid(ax.collections[0].get_array()).reshape(len(questions), len(units))
    for cell in hidden.itertuples():
        i, j = questions.index(cell.indicator_id), units.index(cell.short_name)
        assert np.ma.is_masked(mesh[i, j])
        inside = [t.get_text() for t in ax.texts if t.get_position() == (j + 0.5, i + 0.5)]
        assert inside == [SUPPRESSED_MARK]
    assert "færre enn 5 svar" in ax.get_xlabel()
    # no written figure belongs to a suppressed cell: every number is a shown figure's
    shown = {format_number(v, 1) for v in rows.loc[~rows["suppressed"], "value"]}
    numbers = {t.get_text() for t in ax.texts if t.get_text() != SUPPRESSED_MARK}
    assert numbers <= shown


# -- every chart: words and global state ----------------------------------------------------

CHARTS = {
    "relationship": lambda f, lang: plots.relationship(f, X, Y, lang=lang).figure,
    "distribution": lambda f, lang: (
        plots.distribution(f, "sykefravaer", highlight="shj-berg-dal", lang=lang).figure
    ),
    "trends": lambda f, lang: plots.trends(f, "sykefravaer", units=HOMES, lang=lang).figure,
    "heatmap": lambda f, lang: plots.survey_heatmap(f, "Barnehage", 2022, lang=lang).figure,
}


@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_word_is_free_of_placeholders_and_numbers_are_the_readers(frame, chart, lang):
    words = texts(CHARTS[chart](frame, lang))
    assert words
    assert not [w for w in words if BAD.search(w)]
    # a decimal point is a format missed: Norwegian has none, Danish only before three digits (1.234)
    point = {"nb": r"\d\.\d", "da": r"\d\.\d{1,2}(?!\d)"}.get(lang)
    if point:
        assert not [w for w in words if re.search(point, w)]


@pytest.mark.parametrize("chart", CHARTS)
def test_a_chart_changes_no_global_setting(frame, chart):
    before = (
        dict(matplotlib.rcParams),
        sns.axes_style(),
        sns.plotting_context(),
        np.random.get_state()[1].copy(),
    )
    CHARTS[chart](frame, "nb")
    after = (dict(matplotlib.rcParams), sns.axes_style(), sns.plotting_context(), np.random.get_state()[1])
    assert after[0] == before[0]
    assert after[1] == before[1] and after[2] == before[2]
    assert (after[3] == before[3]).all()


def test_importing_kitlib_and_plots_loads_no_seaborn():
    code = "import sys, kitlib, kitlib.plots; print('seaborn' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "False", done.stderr
