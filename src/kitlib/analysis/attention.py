"""The units of a service area that most need attention, and why.

A unit is named only for what the dialogue meeting can act on: a target it did not meet
(status ``not_met``: beyond the tolerance and, for a survey, with the target outside the
figure's interval, so never for a figure inside its uncertainty) or a result that has become
worse beyond its noise (trend ``worsening``, analysis.trend). For a unit named for one of
those, an indicator where it lies furthest below the area's median, by more than the middle
half of the units spans and (for a survey) more than the figure's uncertainty, is given
beside them; it is never a ground of its own, since some unit is always last.

Pure functions on the area's scorecards (analysis.area.area_cards); the words are made by
kitlib.report.area.attention.
"""

from __future__ import annotations

from enum import StrEnum

import pandas as pd

from kitlib.analysis.area import MIN_UNITS_FOR_QUARTILES, own_results, rankings, spread
from kitlib.analysis.codes import JUDGED, Status, Trend
from kitlib.analysis.frequent import VARIATION_COLUMNS
from kitlib.analysis.nameable import nameable_trends
from kitlib.analysis.status import better_sign

ATTENTION_LIMIT = 3  # units named as most in need of attention


class Reason(StrEnum):
    """Why a unit is named as needing attention, or (below_median) what is said beside it."""

    NOT_MET = "not_met"  # a target not met, beyond tolerance and uncertainty
    WORSENING = "worsening"  # a trend beyond noise, the wrong way
    BELOW_MEDIAN = "below_median"  # the furthest below the area's median: beside, never alone


ATTENTION_COLUMNS = [
    "priority", "unit_id", "unit_name", "reason", "indicator_id", "name", "count", "total", "value",
    "target", "median", "gap", "trend_from_value", "trend_from_period", "period", *VARIATION_COLUMNS,
]  # fmt: skip


def attention(cards: pd.DataFrame, min_respondents: int | None = None, limit: int = ATTENTION_LIMIT):
    """The units that most need attention, and why: one row per unit and reason (`Reason`).

    - ``not_met``: per target the unit did not meet, with its ``value``, ``target`` and
      ``period``; ``count`` of ``total`` are the unit's targets not met of those judged;
    - ``worsening``: per indicator whose trend is worsening (beyond the noise), with the
      trend's first figure and period;
    - ``below_median``: for a unit named for one of those, per ranked indicator where it is
      the furthest below the median of at least `MIN_UNITS_FOR_QUARTILES` units, by more
      than their interquartile range and (for a survey) with the median outside the unit's
      interval; ``gap`` is the shortfall.

    Units are ordered by how many concerns they have (not met, worsening, below the median),
    most first; ``priority`` 1 is the unit most in need. At most `limit` units; none without
    a target not met or a worsening.
    """
    own = own_results(cards)
    found = [*_not_met(own), *_worsening(own)]
    named = {r["unit_id"] for r in found}
    found += [r for r in _below_median(cards, min_respondents) if r["unit_id"] in named]
    if not found:
        return pd.DataFrame(columns=ATTENTION_COLUMNS)
    return _prioritised(own, pd.DataFrame(found), limit)


def _not_met(own: pd.DataFrame) -> list[dict]:
    reasons = []
    for unit_id, rows in own.groupby("unit_id", sort=False):
        judged = rows[rows["status"].isin(JUDGED)]
        missed = judged[judged["status"] == Status.NOT_MET]
        reasons += [
            {"unit_id": unit_id, "reason": Reason.NOT_MET, "indicator_id": row["indicator_id"],
             "count": len(missed), "total": len(judged), "value": row["value"], "target": row["target"],
             "period": row["period"]}
            for _, row in missed.iterrows()
        ]  # fmt: skip
    return reasons


def _worsening(own: pd.DataFrame) -> list[dict]:
    """Per result worsening beyond its noise: the yearly trend's first figure, or (trend_basis
    ``variation``) the XmR chart's run, for the words to tell it."""
    chart = [c for c in VARIATION_COLUMNS if c in own]
    return [
        {"unit_id": row["unit_id"], "reason": Reason.WORSENING, "indicator_id": row["indicator_id"],
         "value": row["value"], "trend_from_value": row["trend_from_value"],
         "trend_from_period": row["trend_from_period"], "period": row["period"],
         **{c: row[c] for c in chart}}
        for _, row in own[nameable_trends(own, Trend.WORSENING)].iterrows()
    ]  # fmt: skip


def _below_median(cards: pd.DataFrame, min_respondents: int | None) -> list[dict]:
    reasons = []
    table = spread(cards, min_respondents).set_index("indicator_id")
    for indicator_id, rows in rankings(cards, min_respondents).groupby("indicator_id", sort=False):
        info = table.loc[indicator_id]
        if not info["ranked"] or info["units_with_figure"] < MIN_UNITS_FOR_QUARTILES:
            continue
        worst = rows.dropna(subset=["shown"]).iloc[-1]
        shortfall = better_sign(info["direction"]) * (info["median"] - worst["shown"])
        inside = not pd.isna(worst["ci_low"]) and worst["ci_low"] <= info["median"] <= worst["ci_high"]
        if shortfall > 0 and shortfall > info["iqr"] and not inside:
            reasons.append({
                "unit_id": worst["unit_id"], "reason": Reason.BELOW_MEDIAN, "indicator_id": indicator_id,
                "value": worst["shown"], "median": info["median"], "gap": -shortfall,
                "period": info["period"],
            })  # fmt: skip
    return reasons


def _prioritised(own: pd.DataFrame, found: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The `limit` units with the most concerns, most first, each with its reasons in order."""
    concerns = found.groupby(["unit_id", "reason"], sort=False).size().unstack(fill_value=0)
    concerns = concerns.reindex(columns=list(Reason), fill_value=0)
    order = own.drop_duplicates("unit_id").set_index("unit_id")["unit_order"]
    chosen = concerns.assign(score=concerns.sum(axis=1), order=order.reindex(concerns.index))
    chosen = chosen.sort_values(
        ["score", Reason.NOT_MET, "order"], ascending=[False, False, True], kind="stable"
    )
    priority = {unit_id: i + 1 for i, unit_id in enumerate(chosen.index[:limit])}
    found = found[found["unit_id"].isin(priority)].assign(priority=lambda f: f["unit_id"].map(priority))
    found["unit_name"] = found["unit_id"].map(
        own.drop_duplicates("unit_id").set_index("unit_id")["unit_name"]
    )
    names = own.drop_duplicates("indicator_id").set_index("indicator_id")["name"]
    found["name"] = found["indicator_id"].map(names).fillna("")
    found = found.assign(_r=found["reason"].map({r: i for i, r in enumerate(Reason)}))
    found = found.sort_values(["priority", "_r"], kind="stable").drop(columns="_r")
    return found.reindex(columns=ATTENTION_COLUMNS).reset_index(drop=True)
