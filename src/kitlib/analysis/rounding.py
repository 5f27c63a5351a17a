"""Rounding as readers round by hand: half away from zero, on the number as written.

Python's round() is half-to-even and works on the binary float, so round(0.45, 1) is 0.5
but round(2.675, 2) is 2.67. A figure shown as ``4,5`` must be the figure that decides
its status, so the analysis and the formatting both round here.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import numpy as np


def round_half_up(value: float, decimals: int) -> float:
    """`value` rounded to `decimals` places, half away from zero; NaN and inf stay as they are."""
    if value is None or not math.isfinite(value):
        return value
    step = Decimal(1).scaleb(-max(int(decimals), 0))
    return float(Decimal(repr(float(value))).quantize(step, ROUND_HALF_UP))


def round_half_up_array(values, decimals) -> np.ndarray:
    """Element-wise `round_half_up` of two aligned sequences (values, decimals)."""
    values = np.asarray(values, dtype=float)
    decimals = np.broadcast_to(np.asarray(decimals), values.shape)
    return np.array([round_half_up(v, d) for v, d in zip(values.ravel(), decimals.ravel())]).reshape(
        values.shape
    )
