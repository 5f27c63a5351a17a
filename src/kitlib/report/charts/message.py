"""The message of a chart: its title, which says in the note's language what the figures say
("Ned tre år på rad, men fortsatt over målet"), built from the scorecard row and claiming
no more than the row does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kitlib.analysis.codes import JUDGED, Status, Trend
from kitlib.analysis.nameable import nameable_trends
from kitlib.analysis.status import better_sign
from kitlib.data.periods import YEARLY, PeriodError, parse_period
from kitlib.report.formatting import format_period, format_value
from kitlib.report.i18n import tr


def _count(n: int, lang: str) -> str:
    words = tr("number_words", lang).split(",")
    return words[n] if 0 <= n < len(words) else str(n)


def run_length(yearly: pd.DataFrame, decimals: int = 1) -> int:
    """How many of the latest yearly changes went the same way in a row (no gap between the
    years, each change visible at `decimals`); signed: negative for falls."""
    if yearly is None or yearly.empty:
        return 0
    years = pd.to_numeric(yearly["period"].astype(str).str[:4], errors="coerce").to_numpy()
    values = yearly["value"].to_numpy(dtype=float)
    run, sign = 0, 0
    for i in range(len(values) - 1, 0, -1):
        if years[i] - years[i - 1] != 1 or np.isnan(values[i]) or np.isnan(values[i - 1]):
            break
        step = np.sign(round(values[i] - values[i - 1], decimals))
        if step == 0 or (sign and step != sign):
            break
        sign, run = step, run + 1
    return int(sign * run)


def _is_budget_share(row) -> bool:
    return (
        row.get("indicator_type") == "okonomi" and row.get("unit_of_measure") == "%" and row["target"] == 100
    )


def chart_message(row, yearly: pd.DataFrame | None, lang: str = "nb") -> str:
    """The chart's title: what the figures say, in the note's language, without the name (the
    subtitle carries it): "Ned tre år på rad, men fortsatt over målet", "Stabil og over målet".

    Built from the scorecard row (status, trend, trend_change, last_change, value, target)
    and the unit's yearly values (for "n years in a row"). It claims only what the row
    claims: a movement only where the trend is beyond noise, a run only where every change
    in it went the trend's way, and no trend that kitlib.analysis.nameable says no text may
    name (its latest change went the other way): then only that latest change.
    """
    decimals = 1 if pd.isna(row.get("decimals")) else int(row["decimals"])
    period = str(row.get("period") or "")
    if pd.isna(row["value"]):
        return tr("msg_no_data", lang, period=period)
    movement, m_valence = _movement(row, yearly, decimals, period, lang)
    position, p_valence = _position(row, decimals, lang)
    text = _joined(movement, m_valence, position, p_valence, period, lang)
    if not text:
        shown = format_value(row["value"], row.get("unit_of_measure", ""), decimals, lang)
        text = tr("msg_value", lang, value=shown, period=period)
    return text[:1].upper() + text[1:]


def _movement(row, yearly: pd.DataFrame | None, decimals: int, period: str, lang: str) -> tuple[str, int]:
    """What the trend says ("ned tre år på rad", "stabil", or nothing when it is noise), and
    its valence: 1 for better, -1 for worse, 0 for neither."""
    trend, change = row.get("trend"), row.get("trend_change")
    if trend in (Trend.IMPROVING, Trend.WORSENING, Trend.RISING, Trend.FALLING) and not pd.isna(change):
        up = change > 0
        since = str(row.get("trend_from_period") or "")
        last = row.get("last_change")
        if not nameable_trends(pd.DataFrame([row])).iat[0]:
            # a trend no text may name (kitlib.analysis.nameable): its latest change went the
            # other way, or the figures that would tell it are missing. Only the latest
            # change is told, and only year against year (never one tertial against the one
            # before: a season), better or worse as the direction says.
            previous = str(row.get("previous_period") or "")
            if pd.isna(last) or round(last, decimals) == 0 or not _yearly(previous, period):
                return "", 0
            key = "msg_last_up" if last > 0 else "msg_last_down"
            sign = better_sign(str(row.get("direction") or ""))
            valence = 0 if pd.isna(sign) else int(np.sign(last) * sign)
            shown = {"previous": format_period(previous, lang), "period": format_period(period, lang)}
            return tr(key, lang, **shown), valence
        run = run_length(yearly, decimals)
        if abs(run) >= 3 and (run > 0) == up:
            key = "msg_run_up" if up else "msg_run_down"
            movement = tr(key, lang, count=_count(abs(run), lang))
        else:
            movement = tr("msg_up_since" if up else "msg_down_since", lang, period=since)
        return movement, {Trend.IMPROVING: 1, Trend.WORSENING: -1}.get(trend, 0)
    if trend == Trend.STABLE:
        return tr("msg_stable", lang), 0
    return "", 0


def _yearly(*periods: str) -> bool:
    """Every one of `periods` is a year (a comparison of like with like, not of seasons)."""
    try:
        return all(parse_period(p).freq == YEARLY for p in periods)
    except PeriodError:
        return False


def _position(row, decimals: int, lang: str) -> tuple[str, int]:
    """Where the value stands against its target or budget ("like over målet"), when the
    status judges it, and its valence: 1 for met, -1 for near or not met, 0 for uncertain."""
    status = row.get("status")
    if status not in JUDGED or pd.isna(row["target"]):
        return "", 0
    ref = tr("msg_ref_budget" if _is_budget_share(row) else "msg_ref_target", lang)
    diff = round(float(row["value"]) - float(row["target"]), decimals)
    side = "above" if diff > 0 else "below" if diff < 0 else "on"
    if status == Status.NEAR and side != "on":
        position, valence = tr(f"msg_just_{side}", lang, ref=ref), -1
    else:
        position = tr(f"msg_{side}", lang, ref=ref)
        valence = {Status.MET: 1, Status.NOT_MET: -1, Status.NEAR: -1}.get(status, 0)
    if status == Status.UNCERTAIN:
        position = tr("msg_uncertain", lang, position=position)
    return position, valence


def _joined(movement: str, m_valence: int, position: str, p_valence: int, period: str, lang: str) -> str:
    """Movement and position in one sentence, joined by "men" where they pull different ways
    (or the movement says nothing of better or worse and the position is bad), else by "og";
    empty when there is neither."""
    if movement and position:
        if m_valence * p_valence < 0:
            return tr("msg_but_still", lang, movement=movement, position=position)
        if m_valence == 0 and p_valence < 0:
            return tr("msg_but", lang, movement=movement, position=position)
        return tr("msg_and", lang, movement=movement, position=position)
    if position:
        return tr("msg_in_period", lang, position=position, period=period)
    return movement
