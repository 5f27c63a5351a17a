"""The challenge note's substance: the largest challenges across units and service areas.

Before the dialogue seminar the chief executive writes a challenge note (*utfordringsnotat*,
seed 001, slide 14) from the units' results. This module finds what it should be about,
from every result unit's scorecard of the year (each computed once, from one set of
``prepared_values``, so a survey figure from too few respondents is already hidden):

- **gap to target**: status not met, i.e. short of the target beyond its tolerance and,
  for a survey figure, beyond its 95 % interval (``uncertain`` is not a gap);
- **worsening**: a trend the noise test passed (``trend == worsening``) whose latest
  change does not go the other way, so that "has gone up from ... to ..." is true; for a
  monthly or tertial series with process limits, a run its XmR chart found on the bad side
  (``trend_basis == "variation"``), told as that run;
- **behind the KOSTRA group**: the figure is worse than the KOSTRA group's
  (``peer_group_gap < 0``) by more than its own uncertainty (``peer_group_gap_clear``).

A service area's or the municipality's own figure (a KOSTRA figure only the area reports)
is judged once, as that area's, never once per unit that shows it as context. Context
figures (children, FTEs, budget) and indicators without a direction are never challenges.
Direction-aware throughout (lower sick leave is better); a missing or suppressed figure
is no figure: it is neither a challenge nor counted among the units reporting.

How the challenges are ranked
-----------------------------
Every flagged figure gets a **severity**: how far it is off, in units of its own noise
(the change the figure's noise alone could make over the trend window, ``trend_noise``;
failing that the half-width of its survey interval; failing that 5 % of the target or
benchmark). A gap of 1 is as large as the noise, 3 is plainly real. Per figure:

- gap to target: the shortfall ``|target - value|`` in noise units;
- worsening: the change over the window in noise units; an XmR run counts XMR_RUN_SIZE (3):
  the chart's rules flag only what the process's own noise makes very unlikely;
- behind the KOSTRA group: the gap to the group in noise units.

Each is capped at SEVERITY_CAP (4): beyond that a gap is plainly large, and one unit's
extreme figure must not outweigh a problem many units share. A unit counts once per
indicator, at its largest severity.

One challenge is one indicator (at one level: units, or service areas), with every unit
it concerns: "sykefravær er over målet i 12 av 24 enheter". Its **score** is

    score = summed severity of the units affected / √(units reporting)
          = √(share of the units affected × mean severity  ×  summed severity),

the geometric mean of two plain rules that each fail alone. The share of the units with a
figure that have the problem, times how large it is where they have it, would put one of
two building-permit teams on a par with half of all 24 units; the summed severity would
let the largest service area always win. A challenge many units share therefore weighs
more than one unit's, but a small area's clear problem still reaches the note. Ties go to
the challenge that concerns more units. The note shows the first MIN_CHALLENGES (5), and
up to MAX_CHALLENGES (10) of those scoring at least SHOWN_SHARE (a quarter) of the largest.

Pure functions on DataFrames: no files, no words.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.codes import JUDGED, Status, Trend
from kitlib.analysis.frequent import VARIATION_BASIS
from kitlib.analysis.nameable import nameable_trends
from kitlib.analysis.scorecard import prepared_values, result_units, scorecards
from kitlib.analysis.status import better_sign
from kitlib.data.contract import AREA_LEVEL, CONTEXT_TYPE, MUNICIPALITY_LEVEL, UNIT_LEVEL
from kitlib.data.load import KitData

GAP, WORSENING, PEERS = "gap", "worsening", "peers"  # the kinds of challenge, in the note's order
KINDS = (GAP, WORSENING, PEERS)
SEVERITY_CAP = 4.0  # noise units: beyond this a gap is plainly large
FALLBACK_SHARE = 0.05  # the noise scale of a figure without a series or interval: 5 % of its reference
MIN_CHALLENGES, MAX_CHALLENGES = 5, 10
XMR_RUN_SIZE = 3.0  # noise units of a worsening an XmR chart found: plainly real, as its rules demand
SHOWN_SHARE = 0.25  # beyond the fifth, a challenge is shown if it scores this share of the largest

CHALLENGE_COLUMNS = [
    "rank", "indicator_id", "name", "service_area", "perspective", "indicator_type", "direction",
    "unit_of_measure", "decimals", "level", "kinds", "units_reporting", "units_affected", "gap_units",
    "worsening_units", "peers_units", "unit_ids", "score", "mean_severity", "worst_unit_id",
]  # fmt: skip
AREA_COLUMNS = [
    "service_area", "units", *[str(s) for s in JUDGED], str(Status.NO_DATA), "targets", "challenges",
    "top_indicator_id", "top_name",
]  # fmt: skip


def municipal_scorecards(
    data: KitData, year: int, values: pd.DataFrame | None = None, cards: dict[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """Every result unit's scorecard for `year`, one below the other, all computed in one pass
    (or taken from `cards`, as `scorecards` gives them).

    Added columns: ``unit_name`` and ``unit_service_area`` (the result unit's);
    ``figure_unit_id`` / ``figure_unit_name``: whose figure a row shows, the unit's own or,
    for a context row, its service area's or the municipality's (units.csv level); and
    ``indicator_service_area``: the indicator's service area in indicators.csv ('*' for all).
    """
    values = prepared_values(data) if values is None else values
    units = result_units(data)
    if cards is None:
        cards = scorecards(data, year, values=values, unit_ids=units["unit_id"])
    cards = [cards[unit_id] for unit_id in units["unit_id"]]
    if not cards:
        return pd.DataFrame()
    out = pd.concat(cards, ignore_index=True)
    names = dict(zip(data.units["unit_id"], data.units["name"]))
    areas = dict(zip(data.units["unit_id"], data.units["service_area"]))
    out["unit_name"] = out["unit_id"].map(names)
    out["unit_service_area"] = out["unit_id"].map(areas)
    out["figure_unit_id"] = [
        _figure_owner(data, unit_id, level) for unit_id, level in zip(out["unit_id"], out["level"])
    ]
    out["figure_unit_name"] = out["figure_unit_id"].map(names).fillna(out["unit_name"])
    indicator_areas = dict(zip(data.indicators["indicator_id"], data.indicators["service_area"]))
    out["indicator_service_area"] = out["indicator_id"].map(indicator_areas)
    return out


def _figure_owner(data: KitData, unit_id: str, level: str) -> str:
    """Whose figure a row of `unit_id`'s scorecard shows: the unit's own, or its area's or the
    municipality's (the first such row of units.csv)."""
    if level == UNIT_LEVEL or level not in (AREA_LEVEL, MUNICIPALITY_LEVEL):
        return unit_id
    units = data.units
    owners = units[units["level"] == level]
    if level == AREA_LEVEL:
        area = units.loc[units["unit_id"] == unit_id, "service_area"].iat[0]
        owners = owners[owners["service_area"] == area]
    return owners["unit_id"].iat[0] if len(owners) else unit_id


def judged_figures(cards: pd.DataFrame) -> pd.DataFrame:
    """The figures that can be challenges, one row per figure: each result unit's own (level
    enhet), and each service area's or municipality's own figure once; context figures
    (kontekst) and indicators without a direction left out; ``reported`` says whether the
    figure is there (not missing, not suppressed)."""
    if cards.empty:
        return cards.assign(reported=pd.Series(dtype=bool))
    rows = cards[(cards["indicator_type"] != CONTEXT_TYPE) & cards["direction"].isin(["higher", "lower"])]
    own = rows[rows["level"] == UNIT_LEVEL]
    shared = rows[rows["level"] != UNIT_LEVEL].drop_duplicates(["figure_unit_id", "indicator_id"])
    out = pd.concat([own, shared], ignore_index=True)
    suppressed = out["suppressed"].fillna(False).astype(bool)
    return out.assign(reported=(out["value"].notna() & ~suppressed).to_numpy())


def _noise_scale(rows: pd.DataFrame, reference: pd.Series) -> pd.Series:
    """A figure's noise: its trend noise, else its survey interval's half-width, else 5 % of `reference`."""
    noise = rows["trend_noise"].where(rows["trend_noise"] > 0)
    half = ((rows["ci_high"] - rows["ci_low"]) / 2).where(lambda s: s > 0)
    fallback = (reference.abs() * FALLBACK_SHARE).where(lambda s: s > 0)
    return noise.fillna(half).fillna(fallback)


def challenge_rows(cards: pd.DataFrame) -> pd.DataFrame:
    """One row per figure with at least one challenge: the scorecard row with the flags
    ``gap``, ``worsening`` and ``peers``, the ``shortfall`` from the target (in the figure's
    unit, positive; NaN without a gap), each one's size in noise units (``gap_size``,
    ``worsening_size``, ``peers_size``; NaN where not flagged) and the ``severity`` (the
    largest of the flagged sizes, capped at SEVERITY_CAP). A suppressed or missing figure
    is never one: only reported figures are read."""
    rows = judged_figures(cards)
    rows = rows[rows["reported"]].copy()
    sign = better_sign(rows["direction"])
    gap = (rows["status"] == Status.NOT_MET) & rows["target"].notna()
    worsening = nameable_trends(rows, Trend.WORSENING)  # the one rule for naming a trend
    charted = rows.get("trend_basis", pd.Series("", rows.index)) == VARIATION_BASIS
    clear = rows["peer_group_gap_clear"].fillna(False).astype(bool)
    peers = rows["peer_group_value"].notna() & (rows["peer_group_gap"] < 0) & clear
    rows["gap"], rows["worsening"], rows["peers"] = gap, worsening, peers

    rows["shortfall"] = (sign * (rows["target"] - rows["value"])).where(gap)
    rows["gap_size"] = rows["shortfall"] / _noise_scale(rows, rows["target"])
    change_noise = rows["trend_noise"].where(rows["trend_noise"] > 0)
    change_noise = change_noise.fillna(_noise_scale(rows, rows["value"]))
    size = (rows["trend_change"].abs() / change_noise).where(~charted, XMR_RUN_SIZE)
    rows["worsening_size"] = size.where(worsening)
    rows["peers_size"] = (-rows["peer_group_gap"] / _noise_scale(rows, rows["peer_group_value"])).where(peers)
    sizes = rows[["gap_size", "worsening_size", "peers_size"]].clip(upper=SEVERITY_CAP)
    # a flagged figure whose size cannot be measured still counts, as large as its noise
    sizes = sizes.where(~rows[list(KINDS)].to_numpy() | sizes.notna(), 1.0)
    rows["severity"] = sizes.max(axis=1)
    flagged = rows[list(KINDS)].any(axis=1)
    return rows[flagged].reset_index(drop=True)


def _reporting(figures: pd.DataFrame) -> pd.Series:
    """Per (indicator, level): how many units (or areas) have a figure for it."""
    shown = figures[figures["reported"]]
    return shown.groupby(["indicator_id", "level"])["figure_unit_id"].nunique()


def rank_challenges(cards: pd.DataFrame) -> pd.DataFrame:
    """All challenges, largest first (see the module's docstring): one row per indicator and
    level, with the units affected per kind (``gap_units``, ``worsening_units``,
    ``peers_units``: lists of figure_unit_id, furthest off first in the figure's own unit:
    the shortfall, the change, the gap to the KOSTRA group), ``units_reporting``, the
    ``score`` and the ``worst_unit_id`` (the largest severity)."""
    rows = challenge_rows(cards)
    if rows.empty:
        return pd.DataFrame(columns=CHALLENGE_COLUMNS)
    reporting = _reporting(judged_figures(cards))
    out = []
    for (indicator, level), group in rows.groupby(["indicator_id", "level"], sort=False):
        group = group.sort_values("severity", ascending=False, kind="stable")
        first = group.iloc[0]
        total = int(reporting.get((indicator, level), len(group)))
        affected = group["figure_unit_id"].nunique()
        # per kind, the units furthest off first, in the figure's own unit: what a reader sees
        order = {
            GAP: group["shortfall"], WORSENING: group["trend_change"].abs(), PEERS: -group["peer_group_gap"],
        }  # fmt: skip
        units_of = {
            kind: list(group.assign(_by=order[kind]).sort_values("_by", ascending=False, kind="stable")
                       .loc[group[kind], "figure_unit_id"])
            for kind in KINDS
        }  # fmt: skip
        out.append(
            {
                "indicator_id": indicator, "name": first["name"],
                "service_area": first["indicator_service_area"],
                "perspective": first["perspective"], "indicator_type": first["indicator_type"],
                "direction": first["direction"], "unit_of_measure": first["unit_of_measure"],
                "decimals": first["decimals"], "level": level,
                "kinds": ";".join(k for k in KINDS if units_of[k]), "units_reporting": max(total, affected),
                "units_affected": affected, "gap_units": units_of[GAP],
                "worsening_units": units_of[WORSENING], "peers_units": units_of[PEERS],
                "unit_ids": list(group["figure_unit_id"]),
                "score": group["severity"].sum() / np.sqrt(max(total, affected)),
                "mean_severity": group["severity"].mean(), "worst_unit_id": first["figure_unit_id"],
            }
        )  # fmt: skip
    ranked = pd.DataFrame(out).sort_values(
        ["score", "units_affected", "indicator_id"], ascending=[False, False, True], kind="stable"
    )
    ranked["rank"] = range(1, len(ranked) + 1)
    return ranked.reset_index(drop=True).reindex(columns=CHALLENGE_COLUMNS)


def top_challenges(ranked: pd.DataFrame) -> pd.DataFrame:
    """The challenges for the note: the first MIN_CHALLENGES, then up to MAX_CHALLENGES of
    those scoring at least SHOWN_SHARE of the largest."""
    if ranked.empty:
        return ranked
    keep = (ranked["rank"] <= MIN_CHALLENGES) | (ranked["score"] >= SHOWN_SHARE * ranked["score"].max())
    return ranked[keep].head(MAX_CHALLENGES).reset_index(drop=True)


def area_status(cards: pd.DataFrame) -> pd.DataFrame:
    """Per service area (in the order of units.csv): its result units, their own indicators
    counted per status (met, near, uncertain, not met, no data; ``targets`` all five: the
    indicators with a target, with or without a figure),
    how many challenges concern the area's units, and the most pressing one (the largest
    challenge ranked among the area's units only; '' when there is none)."""
    if cards.empty:
        return pd.DataFrame(columns=AREA_COLUMNS)
    rows = []
    own = cards[(cards["level"] == UNIT_LEVEL) & (cards["indicator_type"] != CONTEXT_TYPE)]
    for area in dict.fromkeys(cards["unit_service_area"]):
        mine = own[own["unit_service_area"] == area]
        counts = mine["status"].value_counts()
        ranked = rank_challenges(cards[cards["unit_service_area"] == area])
        ranked = ranked[ranked["level"] == UNIT_LEVEL]
        top = ranked.iloc[0] if len(ranked) else None
        units = cards.loc[cards["unit_service_area"] == area, "unit_id"].nunique()
        row = {
            "service_area": area, "units": int(units),
            **{str(s): int(counts.get(s, 0)) for s in (*JUDGED, Status.NO_DATA)},
            "targets": int(sum(counts.get(s, 0) for s in (*JUDGED, Status.NO_DATA))),
            "challenges": len(ranked),
            "top_indicator_id": "" if top is None else top["indicator_id"],
            "top_name": "" if top is None else top["name"],
        }  # fmt: skip
        rows.append(row)
    return pd.DataFrame(rows, columns=AREA_COLUMNS)
