"""What an XmR chart says, in one or two sentences with periods and figures, in the terms
analysts know in each language (nb *naturlig* and *spesiell variasjon*, *kontrollgrenser*;
da *tilfældig* and *ikke-tilfældig variation*; en *common* and *special cause*):

    "Sykefravær har ligget under snittet (9,1 %) i 8 måneder på rad siden mars 2025: en varig
    forbedring. Med dagens variasjon (6,8–11,4 %) nås målet på 7,0 % bare enkelte måneder."

The figures come from kitlib.analysis.variation.variation_summary.
"""

from __future__ import annotations

import math

import pandas as pd

from kitlib.analysis.variation import EarlierSignal, Limits, Signal, Variation, VariationSummary
from kitlib.data.periods import PeriodError, parse_period
from kitlib.report.formatting import format_number, format_period, format_value
from kitlib.report.i18n import tr


def variation_sentences(
    summary: VariationSummary,
    *,
    name: str,
    unit: str = "",
    decimals: int = 1,
    lang: str = "nb",
    target: float | None = None,
    value: float | None = None,
    earlier: EarlierSignal | None = None,
) -> list[str]:
    """The variation now, then the special cause before it that the chart shows (`earlier`,
    from analysis.variation.earlier_signal), then (with a target) whether the process meets
    it; `value` is the latest figure, for a point beyond the limits. Never a placeholder:
    without limits, the sentence says why."""
    if summary.limits == Limits.TOO_FEW or summary.variation == Variation.NONE:
        return [tr("xmr_too_few", lang, name=name)]

    def fig(number: float) -> str:
        return format_value(float(number), unit, decimals, lang)

    fields = _fields(summary, name, unit, decimals, lang, target)
    assured = bool(summary.assurance) and target is not None and not math.isnan(float(target))
    if assured and summary.variation == Variation.COMMON_CAUSE:  # the limits follow in the next sentence
        sentences = [tr("xmr_common_short", lang, **fields)]
    else:
        sentences = [_now(summary, fields, fig, value, lang)]
    if earlier is not None:
        sentences.append(earlier_sentence(earlier, lang))
    if summary.limits == Limits.PROVISIONAL:
        sentences.append(tr("xmr_provisional", lang))
    if assured:
        sentences.append(tr(f"xmr_{summary.assurance}", lang, **fields, target=fig(target)))
    return sentences


def earlier_sentence(earlier: EarlierSignal, lang: str = "nb") -> str:
    """'Tidligere spesiell variasjon: et punkt over øvre kontrollgrense i januar 2025.'"""
    rule = Signal.SHIFT.value if earlier.signal == Signal.LONG_RUN.value else earlier.signal
    what = tr(f"xmr_earlier_{rule}_{'up' if earlier.side > 0 else 'down'}", lang)
    when = tr(f"xmr_earlier_when_{'run' if earlier.run else 'point'}", lang,
              period=format_period(earlier.period, lang))  # fmt: skip
    return tr("xmr_earlier", lang, what=what, when=when)


def _now(summary: VariationSummary, fields: dict, fig, value, lang: str) -> str:
    """The sentence of the latest point's reading."""
    if summary.variation == Variation.COMMON_CAUSE:
        return tr("xmr_common", lang, **fields)
    run = summary.signal in (Signal.SHIFT, Signal.TREND, Signal.LONG_RUN)
    meaning = tr(f"xmr_{'meaning' if run else 'point'}_{summary.variation}", lang)
    if run:
        key = "xmr_trend" if summary.signal == Signal.TREND else "xmr_shift"
        return tr(key, lang, clause=_run_clause(summary, fields, lang), meaning=meaning)
    if summary.signal == Signal.OUTSIDE and value is not None:
        return tr("xmr_outside", lang, **fields, value=fig(value), meaning=meaning)
    limit = tr("xmr_upper_limit" if summary.side > 0 else "xmr_lower_limit", lang)
    return tr("xmr_two_of_three", lang, **fields, side_limit=limit, meaning=meaning)


def _run_clause(summary: VariationSummary, fields: dict, lang: str, form: str = "clause") -> str:
    """The run as a clause with its subject (`form` "clause") or as a list item without ("item")."""
    if summary.signal == Signal.TREND:
        way = tr("xmr_up" if summary.side > 0 else "xmr_down", lang)
        return tr(f"xmr_{form}_trend", lang, **fields, way=way)
    side = tr("xmr_above" if summary.side > 0 else "xmr_below", lang)
    return tr(f"xmr_{form}_shift", lang, **fields, side=side)


def run_clause(
    summary: VariationSummary, *, name: str, unit: str = "", decimals: int = 1, lang: str = "nb"
) -> str:
    """'sykefravær har ligget under snittet (9,1 %) i 8 måneder på rad siden mars 2025': the
    run a shift or trend signal found, as a clause for a summary sentence; empty for any other
    reading (a single point is not a trend)."""
    if summary.signal not in (Signal.SHIFT, Signal.TREND, Signal.LONG_RUN) or not summary.points:
        return ""
    return _run_clause(summary, _fields(summary, name, unit, decimals, lang), lang)


def run_item(summary: VariationSummary, *, unit: str = "", decimals: int = 1, lang: str = "nb") -> str:
    """'over snittet (12,3 %) i 8 måneder på rad siden mai 2025': the run without a subject,
    for a list of units; empty for any reading that is not a run."""
    if summary.signal not in (Signal.SHIFT, Signal.TREND, Signal.LONG_RUN) or not summary.points:
        return ""
    return _run_clause(summary, _fields(summary, "", unit, decimals, lang), lang, form="item")


def variation_message(summary: VariationSummary, *, lang: str = "nb", target=None) -> str:
    """The XmR chart's title: what the latest point shows, and whether the target is met
    ("Varig forbedring siden mars 2025; målet nås bare enkelte måneder"); empty without limits."""
    if summary.limits == Limits.TOO_FEW or summary.variation == Variation.NONE:
        return ""
    fields = {"since": format_period(summary.since, lang) if summary.since else "",
              "period": format_period(summary.period, lang),
              "periods": tr(f"xmr_periods_{_freq(summary.period)}", lang)}  # fmt: skip
    if summary.variation == Variation.COMMON_CAUSE:
        text = tr("xmr_msg_common", lang)
    elif summary.signal in (Signal.SHIFT, Signal.TREND, Signal.LONG_RUN):
        text = tr(f"xmr_msg_{summary.variation}", lang, **fields)
    else:
        text = tr(f"xmr_msg_point_{summary.variation}", lang, **fields)
    if summary.assurance and target is not None and not math.isnan(float(target)):
        text = tr(
            "xmr_msg_joined",
            lang,
            variation=text,
            assurance=tr(f"xmr_msg_{summary.assurance}", lang, **fields),
        )
    return text


def _fields(summary: VariationSummary, name: str, unit: str, decimals: int, lang: str, target=None) -> dict:
    def fig(number: float, shown: int = decimals) -> str:
        return format_value(float(number), unit, shown, lang)

    limits = limit_decimals(summary.lower, summary.upper, target, decimals)
    return {
        "name": name, "centre": fig(summary.centre), "lower": format_number(summary.lower, limits, lang),
        "upper": fig(summary.upper, limits), "periods": tr(f"xmr_periods_{_freq(summary.period)}", lang),
        "since": format_period(summary.since, lang) if summary.since else "",
        "period": format_period(summary.period, lang), "n": summary.points,
    }  # fmt: skip


def seasonal_definition(names: str, period: str, lang: str = "nb") -> str:
    """How the season was taken out of a series whose periods are like `period` ("2025M03":
    months, "2025T1": tertials), in words a reader follows."""
    return tr("xmr_seasonal_definition", lang, names=names, part=tr(f"xmr_part_{_freq(period)}", lang))


def limit_decimals(lower: float, upper: float, target, decimals: int) -> int:
    """The decimals to show the limits with: the figure's, or more where a limit would show as
    the target it is not ("7,0–8,9 %" against a target of 7,0 %, whose lower limit is 7,05: the
    target is beyond it, and the reader must see that it is)."""
    if target is None or pd.isna(target):
        return decimals
    for shown in range(decimals, decimals + 3):
        if all(
            round(float(limit), shown) != round(float(target), shown)
            for limit in (lower, upper)
            if not pd.isna(limit) and float(limit) != float(target)
        ):
            return shown
    return decimals + 2


def _freq(period: str) -> str:
    try:
        return parse_period(period).freq
    except PeriodError:
        return "M"
