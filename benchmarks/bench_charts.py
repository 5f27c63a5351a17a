"""Milliseconds per chart: `charts.panel_figure` and `charts.distance_figure` (lay out and
draw) and `charts.figure_html` (encode as embedded SVG), on the figures the sample's notes and
the explorer really make.

The inputs are collected once from the notes of a few units (every figure of their trend,
distance, sick-leave and budget sections) and from the explorer's trend chart of each unit
(one panel, and two units side by side); each figure is then made `--repeat` times and the
median CPU time kept, so that the figures compare variants of kitlib.report.charts run on the
same machine. "recycled" is the layout as a batch worker draws it, on the figure and Axes of
an earlier note (kitlib.report.charts.recycle); "svg" writes a figure again, with its texts'
measures kept from the first time, as a worker keeps them from note to note:

    python benchmarks/bench_charts.py [--repeat 7] [--units skole-nordby shj-berg-dal ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from unittest import mock

from kitlib import load_data, prepare_briefing, sample_folder
from kitlib.explorer import views
from kitlib.explorer.session import COMPARISONS, Selection, Session
from kitlib.report import charts
from kitlib.report.charts.recycle import recycled_figures

UNITS = ("skole-nordby", "shj-berg-dal", "bhg-lia", "hjt-nord", "bygg-ost")


def note_figures(units) -> list[tuple[str, str, tuple]]:
    """(where, kind, arguments) of every figure the units' notes draw: kind "panel" for
    `charts.panel_figure(panels, lang)`, "distance" for `charts.distance_figure(card, lang)`."""
    found = []
    real_panels, real_distance = charts.panel_figure, charts.distance_figure

    def panels_spy(panels, lang="nb", **kws):
        found.append((where, "panel", (list(panels), lang)))
        return real_panels(panels, lang, **kws)

    def distance_spy(card, lang="nb", **kws):
        found.append((where, "distance", (card, lang)))
        return real_distance(card, lang, **kws)

    with mock.patch.object(charts, "panel_figure", panels_spy), \
            mock.patch.object(charts, "distance_figure", distance_spy):  # fmt: skip
        for unit in units:
            briefing = prepare_briefing(sample_folder(), unit)
            for name in ("trend_charts_section", "distance_section", "sick_leave_section", "budget_section"):
                where = f"note {unit} {name.removesuffix('_section')}"
                getattr(briefing, name)()
    return found


def explorer_figures(units) -> list[tuple[str, str, tuple]]:
    """(where, "panel", (panels, lang)) of the explorer's trend chart: each unit alone, and pairs."""
    session = Session(load_data(sample_folder()), warm=False)
    found = []
    for i, unit in enumerate(units):
        area = session.result_units.set_index("unit_id").at[unit, "service_area"]
        ids = session.indicators_of([unit], session.years[-1])
        pair = (unit, session.units_of(area)[1 if session.units_of(area)[0] == unit else 0])
        for chosen in ((unit,), pair):
            sel = Selection(area, chosen, ids[i % len(ids)], session.years[-7], session.years[-1],
                            tuple(COMPARISONS))  # fmt: skip
            panels = [p for p, _ in filter(None, (views.trend_panel(session, sel, u) for u in chosen))]
            if panels:
                where = f"explorer {'+'.join(chosen)} {sel.indicator}"
                found.append((where, "panel", (panels, session.lang)))
    return found


def timed(function, repeat: int) -> float:
    """The median CPU seconds of `function` (on a shared machine the wall clock adds the
    waits for other processes; the CPU time is what the chart costs)."""
    seconds = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        seconds.append(time.process_time() - start)
    return statistics.median(seconds)


def _recycled(make, arguments) -> None:
    """The figure made as a batch worker makes it: on a figure of an earlier note (recycle.py)."""
    with recycled_figures():
        make(*arguments)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--units", nargs="*", default=list(UNITS))
    args = parser.parse_args()

    figures = note_figures(args.units) + explorer_figures(args.units)
    make = {"panel": charts.panel_figure, "distance": charts.distance_figure}
    for _where, kind, arguments in figures[:3]:  # warm fonts, caches and imports
        charts.figure_html(make[kind](*arguments), "")
    header = f"{'figure':<52} {'axes':>5} {'layout ms':>10} {'recycled':>9} {'svg ms':>8} {'total ms':>9}"
    print(f"{header}  (CPU)")
    totals: dict[str, list] = {}
    for where, kind, arguments in figures:
        layout = timed(lambda k=kind, a=arguments: make[k](*a), args.repeat)
        recycled = timed(lambda k=kind, a=arguments: _recycled(make[k], a), args.repeat)
        fig = make[kind](*arguments)
        svg = timed(lambda f=fig: charts.figure_html(f, ""), args.repeat)
        group = f"{where.split()[0]} {kind}"
        was = totals.setdefault(group, [0, 0.0, 0.0, 0.0])
        totals[group] = [was[0] + 1, was[1] + layout, was[2] + recycled, was[3] + svg]
        print(f"{where[:52]:<52} {len(fig.axes):>5} {layout * 1e3:>10.1f} {recycled * 1e3:>9.1f} "
              f"{svg * 1e3:>8.1f} {(layout + svg) * 1e3:>9.1f}")  # fmt: skip
    for group, (n, layout, recycled, svg) in totals.items():
        print(f"\n{group}: {n} figures, mean per figure {layout / n * 1e3:.1f} ms layout "
              f"({recycled / n * 1e3:.1f} recycled) + {svg / n * 1e3:.1f} ms SVG = "
              f"{(layout + svg) / n * 1e3:.1f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
