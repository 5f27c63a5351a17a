"""Figures drawn again (kitlib.report.charts.recycle): the same bytes as new figures, and
never a figure that a caller keeps changed behind its back."""

from __future__ import annotations

import threading

import pytest

from kitlib import prepare_briefing
from kitlib.report import charts
from kitlib.report.charts import recycle
from kitlib.report.charts.recycle import new_figure, recycled_figures

CHART_SECTIONS = ("trend_charts", "distance", "variation", "sick_leave", "budget")
# units of four service areas: trend panels of different counts and kinds, XmR charts,
# bars per tertial, budget stems, distance charts with one and two measures
UNITS = ("shj-berg-dal", "skole-nordby", "bhg-lia", "bygg-ost")


def chart_html(unit: str, lang: str = "nb") -> dict[str, str]:
    note = prepare_briefing("", unit, 2025, lang)
    return {name: getattr(note, f"{name}_section")().html for name in CHART_SECTIONS}


@pytest.fixture(scope="module")
def fresh():
    """Each unit's chart sections drawn on new figures (no recycling)."""
    return {unit: chart_html(unit) for unit in UNITS}


@pytest.fixture(autouse=True)
def empty_pool():
    recycle._local.__dict__.pop("pool", None)
    yield
    recycle._local.__dict__.pop("pool", None)


def test_recycled_figures_write_the_same_bytes_as_new_ones(fresh):
    # every unit after every other: each note draws on the figures and Axes the last one drew on
    order = [*UNITS, *reversed(UNITS), UNITS[0], UNITS[2], UNITS[1], UNITS[3]]
    for unit in order:
        with recycled_figures():
            assert chart_html(unit) == fresh[unit], unit


def test_the_next_note_draws_on_the_figures_of_the_last(monkeypatch):
    made: list[set] = []
    real = recycle.new_figure

    def spy(kinds, width):
        fig, axes = real(kinds, width)
        made[-1].add(id(fig))
        return fig, axes

    for module in (charts.panel, charts.distance):
        monkeypatch.setattr(module, "new_figure", spy)
    for unit in UNITS[:2]:
        made.append(set())
        with recycled_figures():
            chart_html(unit)
    assert made[0] & made[1], "no figure was recycled"


def test_outside_the_context_every_figure_is_new_and_stays_as_drawn():
    one, _ = new_figure(["trend"], 7.0)
    one.text(0.1, 0.1, "kept")
    two, _ = new_figure(["trend"], 7.0)
    assert two is not one
    assert [t.get_text() for t in one.texts] == ["kept"]


def test_a_figure_is_only_given_back_when_its_context_ends():
    with recycled_figures():
        first, _ = new_figure(["trend", "trend"], 7.0)
        second, _ = new_figure(["trend", "trend"], 7.0)
        assert second is not first  # the note may still hold the first
    with recycled_figures():
        again, axes = new_figure(["trend", "trend"], 7.0)
    assert again in (first, second)
    assert len(axes) == 2 and all(ax.figure is again for ax in axes)


def test_axes_are_drawn_on_again_only_by_their_own_kind():
    with recycled_figures():
        fig, (trend,) = new_figure(["trend"], 7.0)
    with recycled_figures():
        same, (distance,) = new_figure(["distance"], 7.0)
        assert same is fig and distance is not trend
        assert same.axes == [distance]
    with recycled_figures():
        _, axes = new_figure(["distance", "trend"], 7.0)
    assert axes == [distance, trend]


def test_a_context_that_fails_gives_nothing_back():
    with pytest.raises(RuntimeError), recycled_figures():
        half_drawn, _ = new_figure(["trend"], 7.0)
        raise RuntimeError("a cell failed halfway through a chart")
    with recycled_figures():
        fig, _ = new_figure(["trend"], 7.0)
    assert fig is not half_drawn


def test_another_thread_draws_on_new_figures():
    with recycled_figures():
        mine, _ = new_figure(["trend"], 7.0)
    found = []
    thread = threading.Thread(target=lambda: found.append(new_figure(["trend"], 7.0)[0]))
    thread.start()
    thread.join()
    assert found and found[0] is not mine
