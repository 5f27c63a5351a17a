"""The analyst's explorer: two tabs on the tidy table (kitlib.tidy), a relationship between two
indicators and the distribution of one across a service area (kitlib.explorer.views.analysis).

The table is made once; each change draws one chart, and charts are kept by choice (as the
other explorers keep their views), so going back is immediate. `seconds` is the last update's
time (benchmarks/bench_explore.py reads it).
"""

from __future__ import annotations

import time

import ipywidgets as widgets

from kitlib.analysis.tidy import tidy
from kitlib.data.load import KitData, load_data
from kitlib.data.resources import sample_folder
from kitlib.explorer.held import HeldUpdates
from kitlib.explorer.session import Prepared
from kitlib.explorer.views.analysis import (
    DistributionChoice,
    RelationshipChoice,
    chart_indicators,
    distribution_html,
    relationship_html,
    units_with,
)
from kitlib.report.formatting import format_text
from kitlib.report.i18n import check_language, tr

KEPT = 100  # rendered charts kept
LATEST = 0  # the year selector's value for "the latest year with figures"


class AnalysisExplorer(HeldUpdates):
    """An ipywidgets app: display it, or set a selector's ``.value`` to drive it."""

    def __init__(self, data: KitData, *, lang: str = ""):
        self.lang = check_language(lang or data.config.language or "nb")
        self.frame = tidy(data)
        self.seconds = 0.0
        self._kept = Prepared(KEPT)
        ids = chart_indicators(self.frame)
        names = dict(zip(self.frame["indicator_id"], self.frame["indicator"]))
        options = [(f"{format_text(str(names[i]), self.lang)} ({i})", i) for i in ids]
        years = [(tr("analyst_explore_latest", self.lang), LATEST)]
        years += [(str(y), y) for y in sorted(self.frame["year"].dropna().unique(), reverse=True)]
        wide = widgets.Layout(width="26em")
        self.x = widgets.Dropdown(options=options, value=ids[0], layout=wide)
        self.y = widgets.Dropdown(options=options, value=ids[1] if len(ids) > 1 else ids[0], layout=wide)
        self.pair_year = widgets.Dropdown(options=years, value=LATEST)
        self.indicator = widgets.Dropdown(options=options, value=ids[0], layout=wide)
        self.unit = widgets.Dropdown(options=[])
        self.spread_year = widgets.Dropdown(options=years, value=LATEST)
        self._unit_names = dict(zip(data.units["unit_id"], data.units["name"]))
        self._set_units()
        self.pair_output, self.spread_output = widgets.HTML(), widgets.HTML()
        self.widget = self._layout()
        for control in (self.x, self.y, self.pair_year):
            control.observe(lambda _change: self.refresh_relationship(), "value")
        self.indicator.observe(self._on_indicator, "value")
        for control in (self.unit, self.spread_year):
            control.observe(lambda _change: self.refresh_distribution(), "value")
        self.refresh_relationship()
        self.refresh_distribution()

    def _layout(self) -> widgets.Tab:
        def labelled(key, control):
            return widgets.VBox([widgets.Label(tr(key, self.lang)), control],
                                layout=widgets.Layout(margin="0 1.5em 0 0"))  # fmt: skip

        pair = widgets.VBox([widgets.HBox([labelled("analyst_explore_x", self.x),
                                           labelled("analyst_explore_y", self.y),
                                           labelled("year", self.pair_year)]), self.pair_output])  # fmt: skip
        controls = [labelled("indicator", self.indicator), labelled("unit", self.unit),
                    labelled("year", self.spread_year)]  # fmt: skip
        spread = widgets.VBox([widgets.HBox(controls), self.spread_output])
        tabs = widgets.Tab(children=[pair, spread])
        tabs.set_title(0, tr("analyst_explore_relationship", self.lang))
        tabs.set_title(1, tr("analyst_explore_distribution", self.lang))
        return tabs

    def _set_units(self) -> None:
        """The units with figures of the chosen indicator; keep the chosen unit where it still is."""
        ids = units_with(self.frame, self.indicator.value)
        keep = self.unit.value
        with self._hold():
            self.unit.options = [(str(self._unit_names.get(u, u)), u) for u in ids]
            self.unit.value = keep if keep in ids else (ids[0] if ids else None)

    def _on_indicator(self, _change) -> None:
        self._set_units()
        self.refresh_distribution()

    def refresh_relationship(self) -> None:
        choice = RelationshipChoice(self.x.value, self.y.value, self.pair_year.value or None)
        self._show(self.pair_output, choice, lambda: relationship_html(self.frame, choice, self.lang))

    def refresh_distribution(self) -> None:
        if self._holding:
            return
        choice = DistributionChoice(self.indicator.value, self.unit.value, self.spread_year.value or None)
        self._show(self.spread_output, choice, lambda: distribution_html(self.frame, choice, self.lang))

    def _show(self, output, choice, draw) -> None:
        began = time.perf_counter()
        output.value = self._kept.get((choice,), draw)
        self.seconds = time.perf_counter() - began

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def explore_analysis(data: KitData | str | None = "", *, lang: str = "") -> AnalysisExplorer:
    """The analyst's explorer over a data folder (a path, data from `load_data`, or empty for
    the embedded sample): display the returned app; `lang` its words (default kit.toml's)."""
    kit = data if isinstance(data, KitData) else load_data(data or sample_folder())
    return AnalysisExplorer(kit, lang=lang)
