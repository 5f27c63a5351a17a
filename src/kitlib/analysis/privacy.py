"""Small samples: survey figures from too few respondents are not shown."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.data.contract import SUPPRESSED


def suppress_small_samples(values: pd.DataFrame, min_respondents: int) -> pd.DataFrame:
    """Copy of `values` where figures with n < `min_respondents` are blanked.

    The value becomes missing with status ``:`` and ``suppressed`` is True; `n` is kept
    so that a reader can be told why ("fewer than 5 answers"). Rows without `n` are
    not survey figures and stay as they are.
    """
    out = values.copy()
    n = pd.to_numeric(out["n"], errors="coerce") if "n" in out else pd.Series(np.nan, out.index)
    small = (n < min_respondents).fillna(False).astype(bool)
    out["suppressed"] = small
    out.loc[small, "value"] = np.nan
    out.loc[small, "status"] = SUPPRESSED
    if "sd" in out:
        out.loc[small, "sd"] = np.nan
    return out
