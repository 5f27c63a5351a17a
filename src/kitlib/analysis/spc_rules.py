"""The rules that tell special-cause variation from common-cause variation in a series of
observed points: the four of NHS England's *Making Data Count* (as NHSRplotthedots applies
them to an XmR chart) and Jacob Anhøj's two run-chart rules (as qicharts2 applies them).

Each function takes the observed points of one segment in period order (missing points left
out: a gap neither breaks nor makes a run) and returns, per point, the side of the centre the
rule found it on (+1 above or rising, -1 below or falling, 0 not flagged).

XmR rules (kitlib.analysis.variation decides which one names a point when several apply):

- ``outside``: beyond a process limit (strictly: a point on the limit is inside);
- ``shift``: part of a run of RUN_LENGTH or more consecutive points on one side of the
  centre (a point on the centre breaks the run);
- ``trend``: part of a run of RUN_LENGTH or more points each higher, or each lower, than
  the one before (an equal neighbour breaks the run; a peak belongs to the run after it);
- ``two_of_three``: two or three of three consecutive points beyond two thirds of the way
  from the centre to the limit on the same side; the points beyond are flagged.

Anhøj's run-chart rules, on the median as centre, with n the points not on the median:

- ``long_run``: a run on one side longer than round(log2(n)) + 3 points;
- ``few_crossings``: fewer crossings of the median than the lower 5 % quantile of
  Binomial(n - 1, 0.5); the whole series is flagged, since no point is the odd one out.
"""

from __future__ import annotations

import math

import numpy as np

RUN_LENGTH = 7  # points in a run that chance alone rarely makes (NHS: 7 for shifts and trends)
CLOSE_SHARE = 2 / 3  # "two thirds of the way to a limit": two sigma of three


def _runs(keys: np.ndarray) -> list[tuple[int, int, int]]:
    """(start, stop, key) of each run of equal, non-zero keys."""
    runs, start = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            if keys[start] != 0:
                runs.append((start, i, int(keys[start])))
            start = i
    return runs


def outside(y: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    return np.where(y > upper, 1, np.where(y < lower, -1, 0))


def shift(y: np.ndarray, centre: np.ndarray, length: int = RUN_LENGTH) -> np.ndarray:
    side = np.sign(y - centre).astype(int)
    flagged = np.zeros(len(y), dtype=int)
    for start, stop, key in _runs(side):
        if stop - start >= length:
            flagged[start:stop] = key
    return flagged


def trend(y: np.ndarray, length: int = RUN_LENGTH) -> np.ndarray:
    """Points in a run of `length` or more each higher (+1), or each lower (-1), than the one
    before; a run of n points is n - 1 steps of one sign."""
    flagged = np.zeros(len(y), dtype=int)
    steps = np.sign(np.diff(y)).astype(int)
    for start, stop, key in reversed(_runs(steps)):  # a peak or trough: the later run wins
        if stop - start + 1 >= length:
            flagged[start : stop + 1] = key
    return flagged


def two_of_three(y: np.ndarray, centre: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    above = y - centre > CLOSE_SHARE * (upper - centre)
    below = centre - y > CLOSE_SHARE * (centre - lower)
    flagged = np.zeros(len(y), dtype=int)
    for side, close in ((1, above), (-1, below)):
        for start in range(max(len(y) - 2, 0)):
            window = close[start : start + 3]
            if window.sum() >= 2:
                flagged[start : start + 3][window] = side
    return flagged


def anhoej(y: np.ndarray, centre: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(long_run, few_crossings) per point: the side of an unusually long run; and, where the
    series crosses its median too seldom, 1 for every point (the series as a whole)."""
    side = np.sign(y - centre).astype(int)
    useful = side[side != 0]
    n = len(useful)
    long_run = np.zeros(len(y), dtype=int)
    few = np.zeros(len(y), dtype=int)
    if n < 2:
        return long_run, few
    longest_allowed = round(math.log2(n)) + 3
    positions = np.flatnonzero(side != 0)
    for start, stop, key in _runs(useful):
        if stop - start > longest_allowed:
            long_run[positions[start] : positions[stop - 1] + 1] = np.where(
                side[positions[start] : positions[stop - 1] + 1] != 0, key, 0
            )
    crossings = int((useful[1:] != useful[:-1]).sum())
    if crossings < fewest_crossings(n):
        few[:] = 1
    return long_run, few


def fewest_crossings(n: int) -> int:
    """The lower 5 % quantile of Binomial(n - 1, 0.5): fewer crossings than this signal."""
    from scipy.stats import binom  # imported here: importing kitlib stays light

    return int(binom.ppf(0.05, n - 1, 0.5))
