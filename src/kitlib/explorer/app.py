"""The explorer's widgets and their wiring: selectors, outputs in tabs, the briefing button.

Each output is a view of kitlib.explorer.views, rendered again only when the part of the
selection it shows changed; the charts of the tabs not in sight wait until their tab is
opened. While the analyst reads, the warm-up thread renders the views in sight for the
likely next selections (kitlib.explorer.likely: the area's other units, the neighbouring
indicators, the other areas as they open), so that such a change shows them at once. The
selectors filter one another: the service area's units, then the units' indicators.
Displayed, the app also shows a static HTML copy of the current selection, which a
notebook exported to HTML shows where the live widgets cannot.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from html import escape
from pathlib import Path

import ipywidgets as widgets

from kitlib.data.load import KitData, load_data
from kitlib.data.resources import sample_folder
from kitlib.errors import BriefingError, KitlibError, UnknownUnitError
from kitlib.explorer import views
from kitlib.explorer.held import HeldUpdates
from kitlib.explorer.likely import likely_selections
from kitlib.explorer.render import Rendered, link_html, render_briefing
from kitlib.explorer.session import COMPARISONS, Prepared, Selection, Session
from kitlib.report.i18n import tr

# output name -> (the view, the part of the selection it shows)
VIEWS: dict[str, tuple[Callable[[Session, Selection], str], Callable[[Selection], tuple]]] = {
    "sentences": (views.sentences_html, lambda s: (s.unit, s.end)),
    "facts": (views.facts_html, lambda s: (s.units, s.indicator, s.end, s.comparisons)),
    "scorecard": (views.scorecard_html, lambda s: (s.unit, s.end, s.indicator)),
    "trend": (views.trend_html, lambda s: (s.units, s.indicator, s.start, s.end, s.comparisons)),
    "ranking": (views.ranking_html, lambda s: (s.area, s.indicator, s.end, s.units, s.comparisons)),
    "heatmap": (views.heatmap_html, lambda s: (s.area, s.end, s.units, s.indicator)),
}
# The tabs, in order: (phrase of the title, outputs shown in it).
TABS = (("charts", ("trend", "facts")), ("scorecard", ("scorecard",)),
        ("explore_ranking", ("ranking",)), ("explore_heatmap", ("heatmap",)))  # fmt: skip
LAZY = {"trend", "ranking", "heatmap"}  # charts: drawn only while their tab is open
KEPT = 400  # rendered outputs kept (a chart is ~50-300 kB), so that going back is immediate
YEARS_SHOWN = 7  # the default range ends with the results year


class Explorer(HeldUpdates):
    """An ipywidgets app over one data folder; see `explore`. `widget` is the whole app, the
    selectors and outputs are attributes (set a selector's ``.value`` to drive it)."""

    def __init__(
        self,
        session: Session,
        *,
        unit_id: str = "",
        indicator_id: str = "",
        year: int = 0,
        start: int = 0,
        out: Path | str | None = None,
    ):
        self.session = session
        self.out = Path(out) if out else None
        self.seconds = 0.0  # how long the last update took
        self.rendered: Rendered | None = None  # what the briefing button made last
        self._shown: dict[str, tuple] = {}
        # (output, part) -> HTML, the latest KEPT: shown ones, and those the warm-up prepared
        self._kept = Prepared(KEPT)
        self._displays: list[str] = []  # display ids of the static copies shown
        end, first = self._initial_years(year, start)
        area, unit = self._initial_unit(unit_id)
        self._check_indicator(indicator_id)
        self._make_selectors(area, unit, first, end)
        self._make_outputs()
        self._set_indicators(indicator_id)
        self.widget = self._layout()
        self._observe()
        self.refresh()

    # -- the widgets -----------------------------------------------------------------------
    def _make_selectors(self, area: str, unit: str, first: int, end: int) -> None:
        """The selectors, on the initial selection; the indicators follow the units (`_set_indicators`)."""
        years = self.session.years
        self.area = widgets.Dropdown(options=self.session.areas(), value=area)
        self.units = widgets.SelectMultiple(
            options=self._unit_options(area), value=(unit,), rows=6, layout=widgets.Layout(width="24em")
        )
        self.indicator = widgets.Dropdown(options=[], layout=widgets.Layout(width="24em"))
        self.period = widgets.IntRangeSlider(
            min=years[0], max=years[-1], step=1, value=(first, end), continuous_update=False
        )
        self.comparison = widgets.SelectMultiple(
            options=[(self._comparison_label(k), k) for k in COMPARISONS], value=tuple(COMPARISONS), rows=3
        )

    def _make_outputs(self) -> None:
        """An HTML output per view, in tabs (TABS), and the briefing button with its status."""
        lang = self.session.lang
        self.outputs = {name: widgets.HTML() for name in VIEWS}
        self.tabs = widgets.Tab(
            children=[widgets.VBox([self.outputs[n] for n in names]) for _, names in TABS],
            titles=[tr(key, lang) for key, _ in TABS],
        )
        self.render_button = widgets.Button(description=tr("explore_render", lang), icon="file",
                                            layout=widgets.Layout(width="auto"))  # fmt: skip
        self.render_status = widgets.HTML()

    def _layout(self) -> widgets.VBox:
        """The whole app: title, the selectors in three columns, the sentences, the tabs, the button."""
        lang = self.session.lang

        def label(key: str) -> widgets.Label:
            return widgets.Label(tr(key, lang))

        municipality = self.session.data.config.municipality
        title = " · ".join(x for x in (tr("explore_title", lang), municipality) if x)
        column = widgets.Layout(margin="0 1.5em 0 0")
        selectors = widgets.HBox([
            widgets.VBox([label("service_area"), self.area, label("explore_units"), self.units],
                         layout=column),
            widgets.VBox([label("indicator"), self.indicator, label("period"), self.period], layout=column),
            widgets.VBox([label("explore_compare"), self.comparison]),
        ])  # fmt: skip
        app = widgets.VBox([
            widgets.HTML(f"<h2>{escape(title)}</h2>"), selectors, self.outputs["sentences"], self.tabs,
            widgets.HBox([self.render_button, self.render_status]),
        ])  # fmt: skip
        app.add_class(views.LIVE_CLASS)  # where it renders, the static copy hides
        return app

    def _observe(self) -> None:
        """Each selector's change updates the outputs; the button makes the briefing."""
        self.area.observe(self._on_area, "value")
        self.units.observe(self._on_units, "value")
        self.period.observe(self._on_units, "value")  # the results year may change the indicators
        self.indicator.observe(self._on_change, "value")
        self.comparison.observe(self._on_change, "value")
        self.tabs.observe(self._on_change, "selected_index")
        self.render_button.on_click(self.render)

    # -- the initial selection -----------------------------------------------------------
    def _initial_years(self, year: int, start: int) -> tuple[int, int]:
        years = self.session.years
        end = int(year) or self.session.data.latest_year
        if end not in years:
            raise BriefingError(f"no figures for year {end}; the data hold {years[0]}-{years[-1]}: pick one")
        first = int(start) or max(years[0], end - YEARS_SHOWN + 1)
        if not years[0] <= first <= end:
            raise BriefingError(f"the range must start between {years[0]} and {end}, not in {first}")
        return end, first

    def _initial_unit(self, unit_id: str) -> tuple[str, str]:
        units = self.session.result_units
        if not unit_id:
            return str(units["service_area"].iat[0]), str(units["unit_id"].iat[0])
        match = units[units["unit_id"] == unit_id]
        if match.empty:
            known = ", ".join(units["unit_id"].head(8))
            raise UnknownUnitError(f"'{unit_id}' is no result unit in units.csv; choose one of e.g. {known}")
        return str(match["service_area"].iat[0]), unit_id

    def _check_indicator(self, indicator_id: str) -> None:
        indicators = self.session.indicators
        if indicator_id and indicator_id not in indicators.index:
            known = ", ".join(indicators.index[:6])
            raise KitlibError(f"no indicator '{indicator_id}' in indicators.csv; ids are e.g. {known}")

    def _unit_options(self, area: str) -> list[tuple[str, str]]:
        return [(str(self.session.names[u]), u) for u in self.session.units_of(area)]

    def _comparison_label(self, key: str) -> str:
        word = tr(views.COMPARISON_WORDS[key], self.session.lang)
        group = self.session.groups.get(key, "")
        return f"{word} ({group})" if group and group != word else word

    # -- reacting to the selectors -----------------------------------------------------------
    def _set_indicators(self, wanted: str = "") -> None:
        """The indicators the selected units report on; keep the chosen one where it still is."""
        ids = self.session.indicators_of(self.units.value, self.period.value[1])
        keep = wanted or self.indicator.value
        with self._hold():
            self.indicator.options = [(views.indicator_name(self.session, i), i) for i in ids]
            self.indicator.value = keep if keep in ids else (ids[0] if ids else None)

    def _on_area(self, change) -> None:
        if self._holding:
            return
        with self._hold():
            options = self._unit_options(change["new"])
            self.units.options = options
            self.units.value = (options[0][1],) if options else ()
            self._set_indicators()
        self.refresh()

    def _on_units(self, change) -> None:
        if self._holding:
            return
        self._set_indicators()
        self.refresh()

    def _on_change(self, change) -> None:
        if not self._holding:
            self.refresh()

    @property
    def selection(self) -> Selection:
        start, end = self.period.value
        return Selection(
            area=self.area.value,
            units=tuple(self.units.value),
            indicator=self.indicator.value or "",
            start=int(start),
            end=int(end),
            comparisons=tuple(k for k in COMPARISONS if k in self.comparison.value),
        )

    def _visible(self) -> set[str]:
        index = self.tabs.selected_index
        return set(TABS[index][1]) if index is not None else set()

    def refresh(self) -> None:
        """Render every output whose part of the selection changed (a chart only while its
        tab is open), then warm the cache for the likely next change."""
        began = time.perf_counter()
        sel, visible = self.selection, self._visible()
        with self.session.busy():
            for name, (_view, part) in VIEWS.items():
                key = part(sel)
                if self._shown.get(name) == key or (name in LAZY and name not in visible):
                    continue
                self.outputs[name].value = self._render_view(name, sel)
                self._shown[name] = key
            self.seconds = time.perf_counter() - began
            self._update_static()
            self.session.warm(sel, self._preparations(sel, visible))

    def _render_view(self, name: str, sel: Selection) -> str:
        """The view's HTML for the selection: kept (or being prepared by the warm-up, then
        waited for), else rendered now; a view that fails shows its error and is not kept."""
        try:
            return self._prepared(name, sel)
        except Exception as exc:  # noqa: BLE001 - shown in the output instead of a silent log
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            return f'<pre class="kit-explore-error">{escape(detail)}</pre>'

    def _prepared(self, name: str, sel: Selection) -> str:
        view, part = VIEWS[name]
        return self._kept.get((name, part(sel)), lambda: view(self.session, sel))

    # -- the likely next selections, prepared while the analyst reads ------------------------
    def _preparations(self, sel: Selection, visible: set[str]) -> list[Callable[[], object]]:
        """Tasks for the warm-up thread, each one view of a likely next selection (`_likely`),
        of the views in sight: what a change shows is then ready when it is made. One view
        per task, so that an update waits for at most one view being drawn."""
        shown = [name for name in VIEWS if name not in LAZY or name in visible]
        return [
            lambda make=make, name=name: self._prepare(name, make)
            for make in self._likely(sel)
            for name in shown
        ]

    def _prepare(self, name: str, make: Callable[[], Selection | None]) -> None:
        sel = make()  # in the warm-up thread: the scorecards it needs may be computed here
        if sel is not None:
            self._prepared(name, sel)

    def _likely(self, sel: Selection) -> list[Callable[[], Selection | None]]:
        """The selections the analyst likely makes next, most likely first (`likely_selections`)."""
        return likely_selections(self.session, sel)

    # -- the briefing button -------------------------------------------------------------------
    def render(self, _button=None) -> Rendered | None:
        """Make the current unit's briefing through the batch (the button does this) and show
        a link to the page; returns what was made."""
        lang, sel = self.session.lang, self.selection
        if not sel.unit:
            self.render_status.value = escape(tr("explore_pick_unit", lang))
            return None
        folder = self.session.data.folder
        name = str(self.session.names[sel.unit])
        if folder is None:
            self.render_status.value = escape(tr("explore_render_needs_folder", lang))
            return None
        self.render_status.value = escape(tr("explore_rendering", lang, unit=name))
        self.render_button.disabled = True
        try:
            self.rendered = render_briefing(folder, sel.unit, year=sel.end, lang=lang, out=self.out)
        finally:
            self.render_button.disabled = False
        if self.rendered.ok:
            link = link_html(self.rendered.page, self.rendered.page.name)
            self.render_status.value = f"{escape(tr('explore_rendered', lang, unit=name))} {link}"
        else:
            error = tr("explore_render_failed", lang, unit=name, error=self.rendered.error)
            self.render_status.value = f'<span class="kit-explore-error">{escape(error)}</span>'
        return self.rendered

    # -- display -------------------------------------------------------------------------------
    def static_html(self, *, complete: bool = True) -> str:
        """The current selection's outputs as one static HTML fragment; `complete` also draws
        the charts of the closed tabs, else only what is drawn already is shown."""
        sel, outputs = self.selection, {}
        for name, (_view, part) in VIEWS.items():
            if self._shown.get(name) == part(sel):
                outputs[name] = self.outputs[name].value
            elif complete:
                outputs[name] = self._render_view(name, sel)
        return views.static_html(self.session, sel, outputs)

    def static_bundle(self, *, complete: bool = True) -> dict[str, str]:
        return {"text/html": self.static_html(complete=complete),
                "text/plain": views.selection_title(self.session, self.selection)}  # fmt: skip

    def snapshot(self):
        """The current selection as static HTML, for a cell of its own: it stays in the
        notebook (and its HTML export) after the widgets are gone."""
        from IPython.display import HTML

        return HTML(self.static_html())

    def _ipython_display_(self) -> None:
        """Two outputs: the live app, and a static copy of its selection, kept up to date on
        every change (without the charts of closed tabs). A notebook exported to HTML shows
        the copy, since widgets render blank without their kernel (or the internet); where
        the app is live, the copy's own style rule hides it (see views.static_html)."""
        from IPython.display import display

        display(self.widget)
        handle = display(self.static_bundle(), raw=True, display_id=True)
        if handle is not None:
            self._displays.append(handle.display_id)

    def _update_static(self) -> None:
        if not self._displays:
            return
        from IPython.display import update_display

        bundle = self.static_bundle(complete=False)
        for display_id in self._displays:
            update_display(bundle, raw=True, display_id=display_id)

    def close(self) -> None:
        """Stop the background warm-up (the outputs stay as they are)."""
        self.session.close()


def explore(
    data: KitData | Path | str | None = "",
    *,
    unit_id: str = "",
    indicator_id: str = "",
    year: int = 0,
    start: int = 0,
    lang: str = "",
    out: Path | str | None = "",
    warm: bool = True,
) -> Explorer:
    """An interactive explorer of a data folder (a path, or data from `load_data`; empty for
    the embedded sample), for JupyterLab: display the returned app.

    `unit_id`, `indicator_id`, `year` (the results year, default the latest) and `start` (the
    first year shown) choose what it opens on; `lang` the language of its words (default:
    kit.toml's); `out` the folder its briefing button writes to (default output/briefings).
    `warm` computes the service area's scorecards in the background, so that the next
    change answers at once.
    """
    kit = data if isinstance(data, KitData) else load_data(data or sample_folder())
    session = Session(kit, lang=lang, warm=warm)
    try:
        return Explorer(session, unit_id=unit_id, indicator_id=indicator_id, year=year, start=start, out=out)
    except BaseException:
        session.close()
        raise
