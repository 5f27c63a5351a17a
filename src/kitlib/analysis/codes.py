"""The analysis's vocabulary: the status and trend codes every layer above reads.

The codes are plain strings (a `StrEnum` compares equal to its value), so scorecards,
CSV files and tests hold ``"met"`` or ``"improving"``; code names them through these
classes, so that a typo is an AttributeError instead of a silently empty filter.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Where a figure stands against its target."""

    MET = "met"
    NEAR = "near"  # within the tolerance of the target
    UNCERTAIN = "uncertain"  # short of the target, but the target lies inside the survey's interval
    NOT_MET = "not_met"
    NO_DATA = "no_data"  # a target, but no figure: never counted as not met
    NO_TARGET = "no_target"  # no target, direction none, or not applicable to the unit


# The statuses that judge a figure against a target, best first.
JUDGED = (Status.MET, Status.NEAR, Status.UNCERTAIN, Status.NOT_MET)


class Trend(StrEnum):
    """Which way a figure moved over the last periods, honest about noise."""

    IMPROVING = "improving"
    WORSENING = "worsening"
    STABLE = "stable"  # the change is smaller than the noise
    INSUFFICIENT = "insufficient_data"
    RISING = "rising"  # for indicators where neither way is better
    FALLING = "falling"
