"""The explorer prepares the views of the likely next selection while the analyst reads:
the change then shows what was prepared instead of drawing it, and shows the same thing.
The warm-up's tasks are run here in the test's thread, one after another, as the warm-up
thread would run them."""

from __future__ import annotations

import threading
import time

import matplotlib
import pytest

from kitlib import load_data, sample_folder
from kitlib.explorer.app import LAZY, VIEWS, Explorer
from kitlib.explorer.session import Prepared, Session
from kitlib.report import charts


@pytest.fixture(scope="module")
def session():
    return Session(load_data(sample_folder()), warm=False)


def count_charts(monkeypatch) -> list[int]:
    drawn: list[int] = []
    real = charts.panel_figure

    def counting(panels, *args, **kws):
        drawn.append(len(panels))
        return real(panels, *args, **kws)

    monkeypatch.setattr(charts, "panel_figure", counting)
    return drawn


def prepare(app: Explorer, wanted, first: int | None = None) -> list:
    """Run the warm-up's view tasks for the app's current selection: those of the likely
    selections `wanted` picks (among the `first` ones), to keep the test short; the
    selections prepared."""
    sel, visible = app.selection, app._visible()
    makers = app._likely(sel)
    shown = [name for name in VIEWS if name not in LAZY or name in visible]
    assert len(app._preparations(sel, visible)) == len(makers) * len(shown)  # one view per task
    chosen = [s for s in (make() for make in makers[:first]) if s is not None and wanted(s)]
    for likely in chosen:
        for name in shown:
            app._prepared(name, likely)
    return chosen


def test_the_next_unit_of_the_area_is_shown_without_drawing(session, monkeypatch):
    app = Explorer(session, unit_id="shj-berg-dal", indicator_id="sykefravaer")
    # the next unit of the area is the likeliest
    assert prepare(app, lambda s: s.units == ("shj-fjordtun",), first=1)
    drawn = count_charts(monkeypatch)
    app.units.value = ("shj-fjordtun",)
    assert drawn == []  # the chart was ready: nothing drawn on the change
    shown = app.outputs["trend"].value
    assert "Fjordtun sykehjem" in shown and 'alt="' in shown
    # and it is what drawing it now gives, byte for byte
    assert shown == VIEWS["trend"][0](session, app.selection)
    assert drawn == [1]


def test_another_indicator_and_another_area_are_prepared_too(session, monkeypatch):
    app = Explorer(session, unit_id="skole-nordby")
    ids = session.indicators_of(app.units.value, app.period.value[1])
    assert len(prepare(app, lambda s: s.indicator == ids[1] or s.area == "Byggesak")) == 2
    drawn = count_charts(monkeypatch)
    app.indicator.value = ids[1]  # the next indicator in the list
    assert drawn == []
    app.area.value = "Byggesak"  # another service area, as it opens
    assert drawn == []
    assert app.selection.units == ("bygg-ost",)
    assert session.names["bygg-ost"] in app.outputs["trend"].value


def test_without_preparation_the_change_draws(session, monkeypatch):
    app = Explorer(session, unit_id="bhg-lia")
    drawn = count_charts(monkeypatch)
    app.units.value = ("bhg-maurtua",)
    assert drawn == [1]  # the guard of the tests above: a change that was not prepared draws


def test_prepared_values_are_computed_once_and_failures_are_not_kept():
    store = Prepared(kept=2)
    calls: list[str] = []

    def slow(name):
        def compute():
            calls.append(name)
            time.sleep(0.05)
            return name.upper()

        return compute

    threads = [threading.Thread(target=store.get, args=(("a",), slow("a"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["a"] and ("a",) in store  # four threads asked, one computed
    with pytest.raises(ValueError):
        store.get(("b",), lambda: (_ for _ in ()).throw(ValueError("no")))
    assert ("b",) not in store
    assert store.get(("b",), lambda: "B") == "B"  # asked again, computed again
    store.get(("c",), lambda: "C")
    assert ("a",) not in store and ("b",) in store and ("c",) in store  # the latest two kept


def test_charts_drawn_in_two_threads_at_once_keep_the_style_and_the_bytes(session):
    app = Explorer(session, unit_id="shj-berg-dal", indicator_id="sykefravaer")
    sel = app.selection
    expected = VIEWS["trend"][0](session, sel)
    before = dict(matplotlib.rcParams)
    results: list[str] = []

    def draw():
        for _ in range(3):
            results.append(VIEWS["trend"][0](session, sel))

    threads = [threading.Thread(target=draw) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 6
    after = dict(matplotlib.rcParams)
    assert {k: v for k, v in after.items() if before[k] != v} == {}
