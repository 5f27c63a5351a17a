""" "Kort fortalt": a few generated sentences with numbers, for a reader with two minutes."""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.status import better_sign
from kitlib.report.formatting import format_indicator_value
from kitlib.report.i18n import check_language

SENTENCES = {
    "nb": {
        "count": "{met} av {total} mål er nådd i {year}{rest}.",
        "near": "{n} er nesten nådd", "not_met": "{n} er ikke nådd", "no_data": "{n} mangler tall",
        "no_targets": "Ingen av indikatorene har mål for {year}.",
        "better": "Størst forbedring: {items}.", "worse": "Størst bekymring: {items}.",
        "moved": "{name} {verb} til {value}", "up": "har gått opp", "down": "har gått ned",
        "short": "{name} er {value} mot målet {target}",
        "peers": "Sammenlignet med {group} ligger enheten bedre an på {better} av {total} indikatorer.",
        "and": " og ", "missing": "Tall mangler for {items}.",
        "all_fine": "Ingen indikatorer har ikke nådd målet eller svekkes.",
    },
    "da": {
        "count": "{met} af {total} mål er nået i {year}{rest}.",
        "near": "{n} er næsten nået", "not_met": "{n} er ikke nået", "no_data": "{n} mangler tal",
        "no_targets": "Ingen af indikatorerne har mål for {year}.",
        "better": "Største forbedring: {items}.", "worse": "Største bekymring: {items}.",
        "moved": "{name} {verb} til {value}", "up": "er steget", "down": "er faldet",
        "short": "{name} er {value} mod målet {target}",
        "peers": "Sammenlignet med {group} klarer enheden sig bedre på {better} af {total} indikatorer.",
        "and": " og ", "missing": "Tal mangler for {items}.",
        "all_fine": "Ingen indikatorer har misset målet eller bliver svagere.",
    },
    "en": {
        "count": "{met} of {total} targets were met in {year}{rest}.",
        "near": "{n} nearly met", "not_met": "{n} not met", "no_data": "{n} without figures",
        "no_targets": "None of the indicators has a target for {year}.",
        "better": "Largest improvements: {items}.", "worse": "Largest concerns: {items}.",
        "moved": "{name} {verb} to {value}", "up": "rose", "down": "fell",
        "short": "{name} is {value} against a target of {target}",
        "peers": "Compared with {group} the unit does better on {better} of {total} indicators.",
        "and": " and ", "missing": "Figures are missing for {items}.",
        "all_fine": "No indicator misses its target or is worsening.",
    },
}  # fmt: skip


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + SENTENCES[lang]["and"] + items[-1]


def _moved(row, lang: str) -> str:
    """'Sykefravær har gått ned til 7,9 %': where the figure went, in plain words."""
    words = SENTENCES[lang]
    verb = words["up" if row["trend_change"] > 0 else "down"]
    return words["moved"].format(
        name=row["name"], verb=verb, value=format_indicator_value(row["value"], row, lang)
    )


def summary_sentences(card: pd.DataFrame, year: int, lang: str = "nb", peer_group: str = "") -> list[str]:
    """3-6 sentences: targets met, the largest improvements and concerns, peers, gaps in data."""
    words = SENTENCES[check_language(lang)]
    counts = card["status"].value_counts()
    with_target = card[card["status"] != "no_target"]
    sentences = []
    if with_target.empty:
        sentences.append(words["no_targets"].format(year=year))
    else:
        rest = [words[k].format(n=counts[k]) for k in ("near", "not_met", "no_data") if counts.get(k)]
        rest_text = (", " + _join(rest, lang)) if rest else ""
        sentences.append(
            words["count"].format(met=counts.get("met", 0), total=len(with_target), year=year, rest=rest_text)
        )

    sign = better_sign(card["direction"])
    scale = card["value"].abs().where(card["value"].abs() > 0)
    improving = card[card["trend"] == "improving"].assign(_size=(card["trend_change"].abs() / scale))
    items = [
        _moved(row, lang) for _, row in improving.sort_values("_size", ascending=False).head(2).iterrows()
    ]
    if items:
        sentences.append(words["better"].format(items=_join(items, lang)))

    shortfall = sign * (card["value"] - card["target"]) / card["target"].abs()
    concerns = card[card["status"] == "not_met"].assign(_size=shortfall)
    worsening = card[(card["trend"] == "worsening") & (card["status"] != "not_met")]
    items = [
        words["short"].format(
            name=row["name"],
            value=format_indicator_value(row["value"], row, lang),
            target=format_indicator_value(row["target"], row, lang),
        )
        for _, row in concerns.sort_values("_size").head(2).iterrows()
    ]
    items += [_moved(row, lang) for _, row in worsening.head(max(0, 2 - len(items))).iterrows()]
    sentences.append(words["worse"].format(items=_join(items, lang)) if items else words["all_fine"])

    gaps = card["peer_group_gap"].dropna()
    if peer_group and len(gaps) >= 2:
        sentences.append(
            words["peers"].format(group=peer_group, better=int((gaps > 0).sum()), total=len(gaps))
        )

    missing = card[card["value"].isna()]["name"].tolist()
    if missing:
        shown = missing[:3] + ([f"+{len(missing) - 3}"] if len(missing) > 3 else [])
        sentences.append(words["missing"].format(items=_join(shown, lang)))
    return sentences[:6]
