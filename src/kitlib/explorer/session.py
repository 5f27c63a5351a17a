"""The explorer's data, built once: the loaded folder, its prepared values, and every
scorecard and indicator history the views ask for, computed once and kept.

Why: a scorecard or an indicator's history costs tenths of a second (two cores), so an
explorer that recomputed them on every change could not answer in under 0.3 s. A `Session`
makes every unit's cards of a year in one pass (analysis.scorecard.scorecards) and every
history in one (analysis.history.histories) when the first is asked for, keeps each one per
(unit, year) and (unit, indicator),
and a background thread (`Warmer`) computes the ones the analyst is likely to ask for
next (the other units of the service area) while they read the current ones. The explorer
also has that thread draw the views of the likely next selections (`Prepared`): a chart
costs about a tenth of a second, and a unit's change shows four views.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

import pandas as pd

from kitlib.analysis.audit import audit_indicators
from kitlib.analysis.frequent import frequent_series
from kitlib.analysis.history import histories
from kitlib.analysis.scorecard import benchmark_groups, prepared_values, result_units, scorecard, scorecards
from kitlib.data.contract import UNIT_LEVEL
from kitlib.data.load import KitData
from kitlib.data.periods import YEARLY
from kitlib.report.i18n import check_language

# The comparisons a trend chart and a ranking can show: key -> the history's column.
COMPARISONS = {"peers": "peer_median", "peer_group": "peer_group_value", "national": "national_value"}


@dataclass(frozen=True)
class Selection:
    """What the analyst has chosen: one service area, its units (the first is the current
    one: its scorecard, sentences and briefing), one indicator, a range of years (the last
    is the results year) and the comparisons to draw."""

    area: str
    units: tuple[str, ...]
    indicator: str
    start: int
    end: int
    comparisons: tuple[str, ...] = tuple(COMPARISONS)

    @property
    def unit(self) -> str:
        return self.units[0] if self.units else ""


class Warmer:
    """One daemon thread that runs the latest list of warm-up tasks, in order.

    `replace` drops the tasks not yet started (the analyst moved on); a task that fails is
    ignored here: the view that needs its result computes it again and reports the error.
    While the explorer updates (`paused`) and for `quiet` seconds after, no task starts: two
    threads share one interpreter lock, so a warm-up would slow the update it runs beside.
    A daemon thread, so that a kernel (or papermill) never waits for it at exit. The
    explorers of one kernel share one (`shared_warmer`): a notebook run again warms only
    its newest app, and an idle warmer holds no session."""

    def __init__(self, quiet: float = 0.3) -> None:
        self._tasks: deque[Callable[[], object]] = deque()
        self._owner: object = None  # whose tasks are waiting
        self._cv = threading.Condition()
        self._busy = False
        self._pauses = 0
        self._quiet = quiet
        self._start_after = 0.0  # time.monotonic() before which no task starts
        self._thread = threading.Thread(target=self._run, name="kitlib-explore-warmer", daemon=True)
        self._thread.start()

    @contextmanager
    def paused(self):
        with self._cv:
            self._pauses += 1
        try:
            yield
        finally:
            with self._cv:
                self._pauses -= 1
                self._start_after = time.monotonic() + self._quiet
                self._cv.notify_all()

    def replace(self, tasks: Iterable[Callable[[], object]], owner: object = None) -> None:
        with self._cv:
            self._tasks.clear()
            self._tasks.extend(tasks)
            self._owner = owner if self._tasks else None
            self._cv.notify_all()

    def drop(self, owner: object) -> None:
        """Drop the tasks not yet started, if they are `owner`'s."""
        with self._cv:
            if self._owner is owner:
                self._tasks.clear()
                self._owner = None
                self._cv.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every task has run; False when `timeout` seconds passed first."""
        with self._cv:
            return self._cv.wait_for(lambda: not (self._tasks or self._busy), timeout)

    def _next(self) -> Callable[[], object]:
        """The next task, once there is one and no update runs or has just run."""
        with self._cv:
            while True:
                if not self._tasks or self._pauses:
                    self._cv.wait()
                    continue
                wait = self._start_after - time.monotonic()
                if wait <= 0:
                    break
                self._cv.wait(timeout=wait)
            task = self._tasks.popleft()
            if not self._tasks:
                self._owner = None
            self._busy = True
            return task

    def _run(self) -> None:
        while True:
            task = self._next()
            try:
                task()
            except Exception:  # noqa: BLE001 - the view computes it again and shows the error
                pass
            finally:
                del task  # holds its session: not kept while idle
                with self._cv:
                    self._busy = False
                    self._cv.notify_all()


class Prepared:
    """Values by key, each computed once by whichever thread asks first (the others wait for
    it), the latest `kept` kept: the explorer's rendered views, which the warm-up thread
    prepares for the likely next selection while the analyst reads the current one. A
    computation that fails is not kept: asked again, it runs again."""

    def __init__(self, kept: int = 200) -> None:
        self._kept = kept
        self._store: OrderedDict[tuple, Future] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, compute: Callable[[], object]):
        with self._lock:
            future = self._store.get(key)
            mine = future is None
            if mine:
                future = self._store[key] = Future()
                while len(self._store) > self._kept:
                    self._store.popitem(last=False)
            else:
                self._store.move_to_end(key)
        if mine:
            try:
                future.set_result(compute())
            except BaseException as exc:
                with self._lock:
                    if self._store.get(key) is future:
                        del self._store[key]
                future.set_exception(exc)
        return future.result()

    def __contains__(self, key: tuple) -> bool:
        """Whether `key`'s value is computed (not only under way) and kept."""
        future = self._store.get(key)
        return future is not None and future.done() and future.exception() is None


_SHARED: list[Warmer] = []
_SHARED_LOCK = threading.Lock()


def shared_warmer() -> Warmer:
    """The kernel's warm-up thread, started by the first explorer that asks."""
    with _SHARED_LOCK:
        if not _SHARED:
            _SHARED.append(Warmer())
        return _SHARED[0]


class Session:
    """A data folder opened for exploring: choices for the selectors, and cached analyses."""

    def __init__(
        self, data: KitData, *, lang: str = "", values: pd.DataFrame | None = None, warm: bool = True
    ):
        self.data = data
        self.values = prepared_values(data) if values is None else values
        self.lang = check_language(lang or data.config.language)
        self.groups = benchmark_groups(data)
        self.result_units = result_units(data)
        self.names = dict(zip(data.units["unit_id"], data.units["name"]))
        self.indicators = data.indicators.set_index("indicator_id", drop=False)
        self._store: dict[tuple, Future] = {}
        self._lock = threading.Lock()
        self._warmer = shared_warmer() if warm else None

    # -- choices ---------------------------------------------------------------------------
    @property
    def years(self) -> list[int]:
        return self.data.years

    def areas(self) -> list[str]:
        """Service areas that have result units, in units.csv's order."""
        return list(dict.fromkeys(self.result_units["service_area"]))

    def units_of(self, area: str) -> list[str]:
        """The result units of `area`, in units.csv's order."""
        units = self.result_units
        return list(units.loc[units["service_area"] == area, "unit_id"])

    def indicators_of(self, units: Iterable[str], year: int) -> list[str]:
        """The indicators the units report on themselves (their own rows of the scorecard, not
        their service area's or the municipality's), in the scorecard's order."""
        found: dict[str, None] = {}
        for unit in units:
            found.update(dict.fromkeys(self.own(unit, year)["indicator_id"]))
        return list(found)

    # -- cached analyses -------------------------------------------------------------------
    def _cached(self, key: tuple, compute: Callable[[], object]):
        """The value of `key`, computed once by whichever thread asks first; the others wait."""
        with self._lock:
            future = self._store.get(key)
            mine = future is None
            if mine:
                future = self._store[key] = Future()
        if mine:
            try:
                future.set_result(compute())
            except BaseException as exc:
                with self._lock:
                    self._store.pop(key, None)  # not kept: asked again, it is computed again
                future.set_exception(exc)
        return future.result()

    def computed(self, *key) -> bool:
        """Whether ("card", unit, year), ("history", unit, indicator) or ("audit", year) is
        computed and kept."""
        future = self._store.get(key)
        return future is not None and future.done() and future.exception() is None

    def card(self, unit_id: str, year: int) -> pd.DataFrame:
        """The unit's scorecard for `year` (kitlib.analysis.scorecard), computed once."""

        def compute():
            # every unit's card in one pass (about what one unit's costs), kept for the others
            cards = self._cached(
                ("cards", int(year)), lambda: scorecards(self.data, int(year), values=self.values)
            )
            if unit_id in cards:
                return cards[unit_id]
            return scorecard(self.data, unit_id, int(year), values=self.values)  # says which units exist

        return self._cached(("card", unit_id, int(year)), compute)

    def own(self, unit_id: str, year: int) -> pd.DataFrame:
        """The unit's own rows of its scorecard: its results and key figures, not its service
        area's or the municipality's figures shown beside them."""

        def compute():
            card = self.card(unit_id, year)
            return card[card["level"] == UNIT_LEVEL]

        return self._cached(("own", unit_id, int(year)), compute)

    def rows(self, unit_id: str, year: int) -> dict[str, pd.Series]:
        """The unit's own scorecard rows for `year` by indicator, in the scorecard's order."""
        return self._cached(
            ("rows", unit_id, int(year)),
            lambda: {r["indicator_id"]: r for _, r in self.own(unit_id, year).iterrows()},
        )

    def row(self, unit_id: str, year: int, indicator_id: str) -> pd.Series | None:
        """The unit's own scorecard row of the indicator for `year`, or None."""
        return self.rows(unit_id, year).get(indicator_id)

    def history(self, unit_id: str, indicator_id: str) -> pd.DataFrame:
        """The indicator's yearly history for the unit (kitlib.analysis.history), computed
        once: seasons are not trends, so sick leave shows the years' means of its tertials.
        Without yearly figures, the unit's most recent frequency."""

        def compute():
            freq = YEARLY if len(self._yearly(unit_id, indicator_id)) else None
            every = self._cached(("histories",), lambda: histories(self.data, self.values))
            return every.of(unit_id, indicator_id, freq)

        return self._cached(("history", unit_id, indicator_id), compute)

    def _yearly(self, unit_id: str, indicator_id: str) -> pd.DataFrame:
        def compute():
            v = self.values
            mine = v[(v["unit_id"] == unit_id) & (v["indicator_id"] == indicator_id) & (v["freq"] == YEARLY)]
            return mine.sort_values("period_index")[["period", "value", "year"]]

        return self._cached(("yearly", unit_id, indicator_id), compute)

    def frequent(self, unit_id: str) -> dict[str, pd.DataFrame]:
        """indicator_id -> the unit's series below a year (its most recent frequency: months
        after tertials), in period order, for every indicator that has one, however old."""

        def compute():
            v = self.values
            mine = v[(v["unit_id"] == unit_id) & (v["freq"] != YEARLY)]
            return {
                indicator: frequent_series(rows, int(rows["year"].max())).reset_index(drop=True)
                for indicator, rows in mine.groupby("indicator_id", sort=False)
            }

        return self._cached(("frequent", unit_id), compute)

    def audit(self, indicator_id: str, year: int) -> pd.Series | None:
        """The indicator's audit on KS's seven tests for `year` (kitlib.analysis.audit), or
        None where it is not audited (context figures); the whole audit is computed once a year."""

        def compute():
            audit = audit_indicators(self.data, int(year), values=self.values)
            return audit.set_index("indicator_id", drop=False)

        audit = self._cached(("audit", int(year)), compute)
        return audit.loc[indicator_id] if indicator_id in audit.index else None

    def yearly(self, unit_id: str, indicator_id: str, year: int) -> pd.DataFrame:
        """The unit's yearly values up to `year`, in period order: for a chart's "n years in a row"."""
        every = self._yearly(unit_id, indicator_id)
        return every[every["year"] <= year][["period", "value"]]

    # -- warming ---------------------------------------------------------------------------
    def warm(self, selection: Selection, prepare: Iterable[Callable[[], object]] = ()) -> None:
        """Compute in the background what the next change is likely to need: the scorecards
        of the service area's units for the year and their histories of the indicator, the
        year's audit, then the `prepare` tasks (the explorer's views of the likely next
        selections, which need those), what another service area opens on (its first unit's
        scorecard and history), every other unit's scorecard for the year, then the area's
        scorecards and the audits of the other years."""
        if self._warmer is None:
            return
        end, area = selection.end, self.units_of(selection.area)
        others = [u for u in self.result_units["unit_id"] if u not in set(area)]
        years = [y for y in self.years if y != end]
        tasks = [lambda u=u: self.card(u, end) for u in area]
        if selection.indicator:
            tasks += [lambda u=u: self.history(u, selection.indicator) for u in area]
        tasks.append(lambda: self.audit("", end))
        tasks += list(prepare)
        firsts = [self.units_of(a)[0] for a in self.areas() if a != selection.area]
        tasks += [lambda u=u: self._opening(u, end, selection.indicator) for u in firsts]
        tasks += [lambda u=u: self.card(u, end) for u in others]
        nearest = sorted(years, key=lambda y: abs(y - end))
        tasks += [lambda u=u, y=y: self.card(u, y) for y in nearest for u in area]
        tasks += [lambda y=y: self.audit("", y) for y in years]
        self._warmer.replace(tasks, owner=self)

    def _opening(self, unit_id: str, year: int, indicator_id: str) -> None:
        """What the explorer shows on choosing another service area: its first unit with the
        indicator chosen now, or the unit's first."""
        ids = self.indicators_of([unit_id], year)
        if ids:
            self.history(unit_id, indicator_id if indicator_id in ids else ids[0])

    def busy(self):
        """A context in which no warm-up task starts (the explorer is updating)."""
        return nullcontext() if self._warmer is None else self._warmer.paused()

    def wait_warm(self, timeout: float | None = None) -> bool:
        """Wait until the background warm-up is done (benchmarks and tests)."""
        return True if self._warmer is None else self._warmer.wait_idle(timeout)

    def close(self) -> None:
        """Drop this session's warm-up tasks not yet started (the cached results stay usable)."""
        if self._warmer is not None:
            self._warmer.drop(self)
