"""The variation explorer's widgets: a unit, one of its indicators with figures below a year,
the periods from which the limits are computed afresh, seasonal adjustment and the target
line; the XmR chart with its sentences under them (kitlib.explorer.views.variation).

Each change renders the chart once: the views are kept by choice (as the explorer's are),
so going back is immediate, and the series and scorecards come from the session's cache.
`view` is the latest reading (the xmr frame as ``view.chart``, the Figure as ``view.figure``)
for an analyst's own work.
"""

from __future__ import annotations

import time
import traceback
from html import escape

import ipywidgets as widgets

from kitlib.data.load import KitData, load_data
from kitlib.data.resources import sample_folder
from kitlib.errors import UnknownUnitError
from kitlib.explorer.held import HeldUpdates
from kitlib.explorer.session import Prepared, Session
from kitlib.explorer.views.base import indicator_name
from kitlib.explorer.views.variation import (
    VariationChoice,
    VariationView,
    frequent_indicators,
    seasonal_default,
    variation_html,
    variation_view,
)
from kitlib.report.formatting import format_period
from kitlib.report.i18n import tr

KEPT = 100  # rendered charts kept (each ~50 kB of SVG)


class VariationExplorer(HeldUpdates):
    """An ipywidgets app: display `widget`; set a selector's ``.value`` to drive it."""

    def __init__(self, session: Session, *, unit_id: str = "", indicator_id: str = ""):
        self.session = session
        self.seconds = 0.0  # how long the last update took
        self._kept = Prepared(KEPT)
        lang = session.lang
        units = [u for u in session.result_units["unit_id"] if frequent_indicators(session, u)]
        if unit_id and unit_id not in units:
            raise UnknownUnitError(
                f"'{unit_id}' has no figures below a year; units that have: {', '.join(units[:8])}"
            )
        self.unit = widgets.Dropdown(options=[(str(session.names[u]), u) for u in units],
                                     value=unit_id or (units[0] if units else None))  # fmt: skip
        self.indicator = widgets.Dropdown(options=[], layout=widgets.Layout(width="24em"))
        self.rebase = widgets.SelectMultiple(options=[], rows=6, layout=widgets.Layout(width="14em"))
        self.seasonal = widgets.Checkbox(description=tr("explore_seasonal", lang), indent=False)
        self.target = widgets.Checkbox(value=True, description=tr("explore_show_target", lang), indent=False)
        self.output = widgets.HTML()
        self._set_indicators(indicator_id)
        self.widget = self._layout()
        for control in (self.unit, self.indicator, self.rebase, self.seasonal, self.target):
            control.observe(self._on_change, "value")
        self.refresh()

    def _layout(self) -> widgets.VBox:
        lang = self.session.lang

        def column(key: str, *controls) -> widgets.VBox:
            return widgets.VBox(
                [widgets.Label(tr(key, lang)), *controls], layout=widgets.Layout(margin="0 1.5em 0 0")
            )

        return widgets.VBox([
            widgets.HBox([column("unit", self.unit),
                          column("indicator", self.indicator, self.seasonal, self.target),
                          column("explore_rebase", self.rebase)]),
            self.output,
        ])  # fmt: skip

    def _set_indicators(self, wanted: str = "") -> None:
        """The unit's indicators with figures below a year; keep the chosen one where it still is."""
        ids = frequent_indicators(self.session, self.unit.value) if self.unit.value else []
        keep = wanted or self.indicator.value
        with self._hold():
            self.indicator.options = [(indicator_name(self.session, i), i) for i in ids]
            self.indicator.value = keep if keep in ids else (ids[0] if ids else None)
            self._set_series()

    def _set_series(self) -> None:
        """The rebase choices (the series' periods but its first) and the seasonal default."""
        unit, indicator = self.unit.value, self.indicator.value
        periods = list(self.session.frequent(unit)[indicator]["period"]) if unit and indicator else []
        with self._hold():
            self.rebase.value = ()
            self.rebase.options = [(format_period(p, self.session.lang), p) for p in periods[1:]]
            self.seasonal.value = bool(indicator) and seasonal_default(self.session, indicator)

    def _on_change(self, change) -> None:
        if self._holding:
            return
        if change["owner"] is self.unit:
            self._set_indicators()
        elif change["owner"] is self.indicator:
            self._set_series()
        self.refresh()

    @property
    def choice(self) -> VariationChoice:
        return VariationChoice(
            unit=self.unit.value or "", indicator=self.indicator.value or "", rebase=tuple(self.rebase.value),
            seasonal=self.seasonal.value, target=self.target.value,
        )  # fmt: skip

    @property
    def view(self) -> VariationView | None:
        """The chart as now chosen: the xmr frame (``.chart``), the sentences and the Figure."""
        choice = self.choice
        return variation_view(self.session, choice) if choice.indicator else None

    def refresh(self) -> None:
        """Render the chart of the current choice (kept: a choice made before shows at once)."""
        began = time.perf_counter()
        choice = self.choice
        try:
            self.output.value = self._kept.get((choice,), lambda: variation_html(self.session, choice))
        except Exception as exc:  # noqa: BLE001 - shown in the output instead of a silent log
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            self.output.value = f'<pre class="kit-explore-error">{escape(detail)}</pre>'
        self.seconds = time.perf_counter() - began

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def explore_variation(
    data: KitData | str | None = "", *, unit_id: str = "", indicator_id: str = "", lang: str = ""
) -> VariationExplorer:
    """The variation explorer over a data folder (a path, data from `load_data`, or empty for
    the embedded sample): display the returned app; `lang` its words (default kit.toml's)."""
    kit = data if isinstance(data, KitData) else load_data(data or sample_folder())
    return VariationExplorer(Session(kit, lang=lang, warm=False), unit_id=unit_id, indicator_id=indicator_id)
