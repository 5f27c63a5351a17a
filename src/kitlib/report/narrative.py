""" "Kort fortalt": a few generated sentences with numbers, for a reader with two minutes."""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.codes import Status, Trend
from kitlib.analysis.status import better_sign
from kitlib.report.formatting import format_indicator_value
from kitlib.report.i18n import check_language, tr


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("summary_and", lang) + items[-1]


def _moved(row, lang: str) -> str:
    """'Sykefravær har gått ned til 7,9 %': where the figure went, in plain words."""
    verb = tr("summary_up" if row["trend_change"] > 0 else "summary_down", lang)
    value = format_indicator_value(row["value"], row, lang)
    return tr("summary_moved", lang, name=row["name"], verb=verb, value=value)


def summary_sentences(card: pd.DataFrame, year: int, lang: str = "nb", peer_group: str = "") -> list[str]:
    """3-6 sentences: targets met, the largest improvements and concerns, peers, gaps in data."""
    check_language(lang)
    counts = card["status"].value_counts()
    with_target = card[card["status"] != Status.NO_TARGET]
    sentences = []
    if with_target.empty:
        sentences.append(tr("summary_no_targets", lang, year=year))
    else:
        rest = [
            tr(f"summary_{code}", lang, n=counts[code])
            for code in (Status.NEAR, Status.NOT_MET, Status.NO_DATA)
            if counts.get(code)
        ]
        rest_text = (", " + _join(rest, lang)) if rest else ""
        met = counts.get(Status.MET, 0)
        sentences.append(
            tr("summary_count", lang, met=met, total=len(with_target), year=year, rest=rest_text)
        )

    sign = better_sign(card["direction"])
    scale = card["value"].abs().where(card["value"].abs() > 0)
    improving = card[card["trend"] == Trend.IMPROVING].assign(_size=(card["trend_change"].abs() / scale))
    items = [
        _moved(row, lang) for _, row in improving.sort_values("_size", ascending=False).head(2).iterrows()
    ]
    if items:
        sentences.append(tr("summary_better", lang, items=_join(items, lang)))

    shortfall = sign * (card["value"] - card["target"]) / card["target"].abs()
    concerns = card[card["status"] == Status.NOT_MET].assign(_size=shortfall)
    worsening = card[(card["trend"] == Trend.WORSENING) & (card["status"] != Status.NOT_MET)]
    items = [
        tr(
            "summary_short",
            lang,
            name=row["name"],
            value=format_indicator_value(row["value"], row, lang),
            target=format_indicator_value(row["target"], row, lang),
        )
        for _, row in concerns.sort_values("_size").head(2).iterrows()
    ]
    items += [_moved(row, lang) for _, row in worsening.head(max(0, 2 - len(items))).iterrows()]
    worse = tr("summary_worse", lang, items=_join(items, lang)) if items else tr("summary_all_fine", lang)
    sentences.append(worse)

    gaps = card["peer_group_gap"].dropna()
    if peer_group and len(gaps) >= 2:
        sentences.append(
            tr("summary_peers", lang, group=peer_group, better=int((gaps > 0).sum()), total=len(gaps))
        )

    missing = card[card["value"].isna()]["name"].tolist()
    if missing:
        shown = missing[:3] + ([f"+{len(missing) - 3}"] if len(missing) > 3 else [])
        sentences.append(tr("summary_missing", lang, items=_join(shown, lang)))
    return sentences[:6]
