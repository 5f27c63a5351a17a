"""Seconds per update of the explorer (`kitlib.explore`), control by control, against the
plain way, on the same changes in the same run.

explorer, warm:  the app as an analyst uses it: data loaded once, scorecards and histories
                 kept, the area's next ones computed and the views of the likely next
                 selections drawn in the background while the analyst reads (the benchmark
                 waits for that warm-up before each change, as reading does)
explorer, cold:  the same app without the background warm-up: every unit, year and
                 indicator is new to it (the first visit)
plain:           per change, `prepare_briefing` (load the folder, compute the unit's
                 scorecard) and the same outputs drawn from scratch

and the same for the variation explorer (`kitlib.explorer.explore_variation`: a unit's
monthly or tertial series as an XmR chart), whose plain way is a fresh session per change
(load the folder, read the series, draw the chart).

Each figure is the median over the changes (wall clock around setting the selector's
value; everything the change sets off runs before that returns):

    python benchmarks/bench_explore.py [--data FOLDER] [--warm-only]

(`--warm-only` leaves out the cold and plain runs: the issue's bound is on the warm one.)

The analyst's explorer (kitlib.explorer.analyst_app: relationship and distribution) is timed
after it, each change a choice not drawn before (`--analysis-only` times it alone).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from kitlib import explore, sample_folder
from kitlib.data.load import load_data
from kitlib.explorer.app import TABS, VIEWS
from kitlib.explorer.session import COMPARISONS, Prepared, Session
from kitlib.explorer.variation_app import KEPT, explore_variation
from kitlib.explorer.views.variation import frequent_indicators, variation_html
from kitlib.report.briefing import prepare_briefing

BUDGET = 0.3  # seconds: the bound for an update after a change


def changes(app) -> list[tuple[str, object, list]]:
    """(name, widget, values to set in turn) for every control; each value differs from the one before."""
    s = app.session
    area = app.area.value
    units = s.units_of(area)
    unit = units[0]
    indicators = s.indicators_of([unit], app.period.value[1])[:6]
    first, last = s.years[0], s.years[-1]
    areas = [a for a in s.areas() if a != area][:4] + [area]
    return [
        ("unit", app.units, [(u,) for u in [*units[1:5], unit]]),
        ("units (two)", app.units, [(u, unit) for u in units[1:4]] + [(unit,)]),
        ("indicator", app.indicator, [*indicators[1:], indicators[0]]),
        ("period start", app.period, [(y, last) for y in (first + 1, first + 2, first + 3, first)]),
        ("period end (results year)", app.period, [(first, y) for y in (last - 1, last - 2, last)]),
        (
            "comparison",
            app.comparison,
            [("national",), ("peers", "national"), ("peer_group",), tuple(COMPARISONS)],
        ),
        ("service area", app.area, areas),
        ("tab: ranking, then indicator", app.indicator, [*indicators[1:4], indicators[0]]),
        ("tab: heatmap, then service area", app.area, areas),
    ]


def time_app(app, warm: bool) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall-clock and CPU seconds per change, per control. On a shared machine the CPU time
    is what the change costs; the wall clock adds the waits for the other processes."""
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    for name, widget, values in changes(app):
        app.tabs.selected_index = 2 if "ranking" in name else 3 if "heatmap" in name else 0
        wall[name], cpu[name] = [], []
        for value in values:
            if warm:
                app.session.wait_warm(timeout=600)
            start, start_cpu = time.perf_counter(), time.process_time()
            widget.value = value
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    return wall, cpu


def time_plain(app, folder: Path) -> dict[str, list[float]]:
    """The same changes (the selection after each), each drawn from scratch."""
    out: dict[str, list[float]] = {}
    for name, widget, values in changes(app):
        tab = 2 if "ranking" in name else 3 if "heatmap" in name else 0
        app.tabs.selected_index = tab
        shown = [n for n in VIEWS if n in {"sentences", "facts", "scorecard"} | set(TABS[tab][1])]
        seconds = []
        for value in values:
            widget.value = value
            sel = app.selection
            start = time.perf_counter()
            briefing = prepare_briefing(folder, sel.unit, sel.end, app.session.lang)
            fresh = Session(briefing.data, lang=app.session.lang, values=briefing.values, warm=False)
            for view in shown:
                VIEWS[view][0](fresh, sel)
            seconds.append(time.perf_counter() - start)
        out[name] = seconds
    return out


def variation_changes(app) -> list[tuple[str, object, list]]:
    """(name, widget, values) for every control of the variation explorer, starting on the
    unit with the most sub-year indicators so that the indicator control has choices."""
    units = [value for _, value in app.unit.options]
    app.unit.value = unit = max(units, key=lambda u: len(frequent_indicators(app.session, u)))
    indicators = [value for _, value in app.indicator.options]
    periods = [value for _, value in app.rebase.options]
    return [
        ("variation: unit", app.unit, [*[u for u in units if u != unit][:5], unit]),
        ("variation: indicator", app.indicator, [*indicators[1:], indicators[0]][: 2 * len(indicators) - 2]),
        ("variation: rebase", app.rebase, [(periods[-9],), (periods[-13],), (periods[-9], periods[-4]), ()]),
        ("variation: seasonal", app.seasonal, [not app.seasonal.value, app.seasonal.value] * 2),
        ("variation: target", app.target, [False, True] * 2),
    ]


def time_variation(folder: Path, plain: bool) -> dict[str, tuple[list[float], list[float], list[float]]]:
    """Per control of the variation explorer: (wall s, CPU s, plain s) for each change; the
    plain way draws the same choice from a folder loaded afresh (empty without `plain`).
    Every change is timed as a first visit: the charts the app keeps are forgotten before it
    (going back to a choice shown before costs nothing and would flatter the median)."""
    app = explore_variation(folder)
    out = {}
    for name, widget, values in variation_changes(app):
        wall, cpu, fresh = [], [], []
        for value in values:
            app._kept = Prepared(KEPT)
            start, start_cpu = time.perf_counter(), time.process_time()
            widget.value = value
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            if plain:
                start = time.perf_counter()
                variation_html(Session(load_data(folder), lang=app.session.lang, warm=False), app.choice)
                fresh.append(time.perf_counter() - start)
        if values:
            out[name] = (wall, cpu, fresh or [float("nan")])
    return out


def analysis_changes(app) -> list[tuple[str, object, list]]:
    """(name, widget, values) for each control of the analyst's explorer; every value is new."""
    ids = [value for _label, value in app.x.options]
    years = [value for _label, value in app.pair_year.options][1:5]
    return [
        ("relationship: x", app.x, [i for i in ids[2:8] if i != app.y.value]),
        ("relationship: y", app.y, [i for i in ids[8:14] if i != app.x.value]),
        ("relationship: year", app.pair_year, years),
        ("distribution: indicator", app.indicator, ids[1:7]),
        ("distribution: unit", app.unit, [value for _label, value in app.unit.options][1:6]),
        ("distribution: year", app.spread_year, years),
    ]


def time_analysis(folder: Path) -> float:
    """Print the median seconds per change of the analyst's explorer; return the slowest."""
    from kitlib.explorer.analyst_app import explore_analysis

    start = time.perf_counter()
    app = explore_analysis(folder)
    print(f"\nexplore_analysis({folder.name}): ready in {time.perf_counter() - start:.1f} s")
    medians = {}
    for name, widget, values in analysis_changes(app):
        seconds = []
        for value in values:
            start = time.perf_counter()
            widget.value = value
            seconds.append(time.perf_counter() - start)
        medians[name] = statistics.median(seconds)
        print(f"{name:<32} {len(seconds):>7} {medians[name]:>7.3f}")
    worst = max(medians.values())
    verdict = "under" if worst < BUDGET else "OVER"
    print(f"slowest control (median): {worst:.3f} s: {verdict} the {BUDGET} s bound")
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: the embedded sample)")
    parser.add_argument("--warm-only", action="store_true", help="time the warm explorer only")
    parser.add_argument("--analysis-only", action="store_true", help="time the analyst's explorer only")
    args = parser.parse_args()
    folder = args.data or sample_folder()
    if args.analysis_only:
        time_analysis(folder)
        return 0

    start = time.perf_counter()
    app = explore(folder)
    print(f"explore({folder.name}): ready in {time.perf_counter() - start:.1f} s", flush=True)
    start = time.perf_counter()
    app.session.wait_warm(timeout=600)
    print(f"background warm-up of the first service area and year: {time.perf_counter() - start:.1f} s")
    warm, warm_cpu = time_app(app, warm=True)
    app.close()

    if args.warm_only:
        cold = plain = {name: [float("nan")] for name in warm}
    else:
        cold, _ = time_app(explore(folder, warm=False), warm=False)
        plain = time_plain(explore(folder, warm=False), folder)

    # the variation explorer has no background warm-up: each change is timed as a first
    # visit, so its warm and cold columns are one
    for name, (wall, cpu, fresh) in time_variation(folder, plain=not args.warm_only).items():
        warm[name], warm_cpu[name], cold[name], plain[name] = wall, cpu, wall, fresh

    columns = ("changes", 7), ("warm s", 7), ("(cpu s)", 8), ("cold s", 7), ("plain s", 8), ("plain/warm", 10)
    print(f"\n{'control':<32} " + " ".join(f"{title:>{width}}" for title, width in columns))
    for name in warm:
        w, u, c, p = (statistics.median(x[name]) for x in (warm, warm_cpu, cold, plain))
        print(f"{name:<32} {len(warm[name]):>7} {w:>7.3f} {u:>8.3f} {c:>7.3f} {p:>8.3f} {p / w:>10.1f}")
    worst = max(statistics.median(v) for v in warm.values())
    worst_cpu = max(statistics.median(v) for v in warm_cpu.values())
    verdict = "under" if worst < BUDGET else "OVER"
    print(f"\nslowest control (warm, median): {worst:.3f} s wall, {worst_cpu:.3f} s cpu: {verdict} the "
          f"{BUDGET} s bound (wall clock)")  # fmt: skip
    time_analysis(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
