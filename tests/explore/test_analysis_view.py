"""The analyst's explorer: relationship and distribution tabs drawn from the tidy table."""

from __future__ import annotations

import matplotlib
import pytest

from kitlib.explorer.analyst_app import AnalysisExplorer
from kitlib.explorer.views.analysis import RelationshipChoice, relationship_html, units_with


@pytest.fixture(scope="module")
def app(sample_data):
    return AnalysisExplorer(sample_data, lang="nb")


def test_both_tabs_show_a_chart_on_opening(app):
    assert "<img" in app.pair_output.value or 'class="empty"' in app.pair_output.value
    assert "<img" in app.spread_output.value


def test_choosing_two_indicators_draws_their_relationship(app):
    app.x.value, app.y.value = "bhg_kostnad_barn", "bhg_bu_helhet"
    assert "<img" in app.pair_output.value
    assert "tilfredshet totalt" in app.pair_output.value.lower()  # the alt text names the indicators


def test_too_few_pairs_show_the_charts_error_in_words(app):
    html = relationship_html(app.frame, RelationshipChoice("bhg_kostnad_barn", "skole_np_lesing5"), "nb")
    assert "<img" not in html
    assert "at least 5 pairs" in html


def test_the_unit_choices_follow_the_indicator(app):
    app.indicator.value = "skole_np_lesing5"
    assert [v for _label, v in app.unit.options] == units_with(app.frame, "skole_np_lesing5")
    assert app.unit.value.startswith("skole")
    assert "<img" in app.spread_output.value


def test_a_change_is_quick_and_leaves_matplotlib_as_it_was(app):
    before = dict(matplotlib.rcParams)
    app.indicator.value = "sykefravaer"
    app.unit.value = "shj-berg-dal"
    assert dict(matplotlib.rcParams) == before
    assert app.seconds < 2  # generous on a shared machine; benchmarks/bench_explore.py measures 0,3 s


def test_every_language_builds(sample_data):
    for lang in ("da", "en"):
        other = AnalysisExplorer(sample_data, lang=lang)
        assert "<img" in other.spread_output.value
