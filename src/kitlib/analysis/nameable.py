"""Which trend a text may name: one rule for every sentence, question, list and challenge.

A trend is named only when the figures it would be told with say the same:
- a yearly trend (trend_basis ``years``) beyond its noise, with its first figure and its
  change, whose latest change did not go the other way ("har gått ned fra 89,7 % i 2021 til
  84,8 % i 2025" is never said when 2024 -> 2025 went up);
- a trend read from an XmR chart (trend_basis ``variation``): a run the chart's rules found
  (a shift or a trend), told as that run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Trend
from kitlib.analysis.frequent import VARIATION_BASIS

MOVING = (Trend.IMPROVING, Trend.WORSENING, Trend.RISING, Trend.FALLING)


def nameable_trends(rows: pd.DataFrame, code: str | None = None) -> pd.Series:
    """Per scorecard row: may a text name its trend (of `code`, or any that moves)?"""
    codes = [code] if code else [c.value for c in MOVING]
    moving = rows["trend"].isin(codes) & rows["value"].notna()
    chart = _column(rows, "trend_basis", "") == VARIATION_BASIS
    change, last = _number(rows, "trend_change"), _number(rows, "last_change")
    yearly = _number(rows, "trend_from_value").notna() & change.notna()
    # NaN's sign is NaN, never equal: an unknown latest change does not count against
    yearly &= np.sign(last) != -np.sign(change)
    run = chart & (_number(rows, "variation_points").fillna(0) > 0)
    return (moving & ((~chart & yearly) | run)).astype(bool)


def _number(rows: pd.DataFrame, name: str) -> pd.Series:
    return pd.to_numeric(_column(rows, name, np.nan), errors="coerce")


def _column(rows: pd.DataFrame, name: str, default) -> pd.Series:
    return rows[name] if name in rows else pd.Series(default, index=rows.index)
