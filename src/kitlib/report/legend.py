"""Legends that explain only what their table shows: an entry for a status, trend, bracket
or rank appears only when some row of the table shows it (issue 24 item 7). A legend that
explains a KOSTRA difference or a rank the note does not have sends the reader looking
for it."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from html import escape

import numpy as np
import pandas as pd

from kitlib.analysis.codes import Status, Trend
from kitlib.report.i18n import tr, trend_label

# the order the entries are read in: statuses, trends, then the brackets
_STATUS_ENTRIES = (Status.MET, Status.NEAR, Status.UNCERTAIN, Status.NOT_MET, Status.NO_DATA)
_TREND_ENTRIES = (Trend.IMPROVING, Trend.WORSENING, Trend.STABLE)
_PLAIN_TRENDS = (Trend.RISING, Trend.FALLING)  # their word says all: symbol and word only
_BENCHMARK_ROLES = ("peer_group", "national")


def _present(value) -> bool:
    return value is not None and not pd.isna(value)


def _shows_benchmark(row, role: str) -> bool:
    return _present(row.get(f"{role}_value")) and _present(row.get("value"))


def _unclear(row, role: str) -> bool:
    """The benchmark lies inside the survey's interval: the cell shows (≈), as tables._benchmark."""
    clear = row.get(f"{role}_gap_clear")
    return clear is False or clear is np.False_


def _shows_interval(row) -> bool:
    if row.get("suppressed", False) or not _present(row.get("value")):
        return False
    return _present(row.get("ci_low")) and _present(row.get("ci_high"))


def _shows_rank(row) -> bool:
    return all(_present(row.get(c)) for c in ("peer_median", "peer_rank", "value"))


def _bracket_keys(card: pd.DataFrame, headers: Collection[str]) -> list[str]:
    """The legend keys for the brackets and ranks some row of the table shows."""
    roles = [r for r in _BENCHMARK_ROLES if r in headers]
    found: set[str] = set()
    for _, row in card.iterrows():
        for role in roles:
            if not _shows_benchmark(row, role):
                continue
            if _unclear(row, role):
                found.add("legend_gap_unclear")
            else:
                found.add("legend_gap" if row.get("direction") != "none" else "legend_gap_plain")
        if "units" in headers and _shows_rank(row):
            found.add("legend_rank")
        if "value" in headers and _shows_interval(row):
            found.add("legend_interval")
    order = ("legend_gap", "legend_gap_plain", "legend_gap_unclear", "legend_rank", "legend_interval")
    return [key for key in order if key in found]


def scorecard_legend(card: pd.DataFrame, headers: Collection[str], lang: str = "nb") -> list[str]:
    """The entries explaining the scorecard's symbols and brackets that `card` shows."""
    entries = []
    if "status" in headers:
        shown = set(card["status"])
        entries += [tr(f"legend_{code}", lang) for code in _STATUS_ENTRIES if code in shown]
    if "trend" in headers:
        shown = set(card["trend"])
        entries += [tr(f"legend_{code}", lang) for code in _TREND_ENTRIES if code in shown]
        entries += [trend_label(code, lang) for code in _PLAIN_TRENDS if code in shown]
    entries += [tr(key, lang) for key in _bracket_keys(card, headers)]
    return entries


def heatmap_legend(
    kinds: Iterable[str], lang: str = "nb", *, min_n: int = 5, figures: bool = True
) -> list[str]:
    """The entries for the area heatmap's cell kinds (a status, 'suppressed', 'not_applicable')
    that it shows; `figures`: some cell shows a figure under its symbol."""
    kinds = set(kinds)
    entries = [tr(f"legend_heat_{code}", lang) for code in _STATUS_ENTRIES if code in kinds]
    if "suppressed" in kinds:
        entries.append(tr("legend_heat_suppressed", lang, n=min_n))
    if "not_applicable" in kinds:
        entries.append(tr("legend_heat_not_applicable", lang))
    if figures:
        entries.append(tr("legend_heat_value", lang))
    return entries


def legend_caption(entries: list[str], lang: str = "nb") -> str:
    """The entries as one caption line, '' when the table shows nothing to explain."""
    if not entries:
        return ""
    return f'<caption class="legend">{escape(" · ".join(entries))}</caption>'
