"""The service-area note's 'Kort fortalt': up to seven sentences for a reader with two minutes."""

from __future__ import annotations

from html import escape

import pandas as pd

from kitlib.analysis import area as analysis
from kitlib.analysis.codes import JUDGED, Status
from kitlib.data.contract import NOT_YET_AVAILABLE, SURVEY_TYPE
from kitlib.report.area.wording import (
    _figure,
    _join,
    _name,
    _some,
)
from kitlib.report.briefing import section
from kitlib.report.formatting import (
    format_period,
    format_text,
)
from kitlib.report.i18n import tr
from kitlib.report.views import Section, sentence_list


class SummarySection:
    """The service-area note's 'Kort fortalt': up to seven sentences for a reader with two minutes."""

    def summary_sentences(self) -> list[str]:
        """Up to seven sentences for a reader with two minutes: targets met across the units, targets
        most units miss, the frequent series by variation and assurance, the unit with the most met,
        those most in need of attention, the widest
        spread, and the area's spending against the KOSTRA group; then figures not shown."""
        lang, own = self.lang, self.own
        sentences = [self._count_sentence()]
        if self.variation_sentence():
            sentences.append(self.variation_sentence())
        missed = analysis.widely_missed(self.cards)
        if len(missed):
            items = [
                tr("area_of", lang, name=_name(r["name"], lang), n=int(r["not_met"]), total=int(r["judged"]))
                for _, r in missed.iterrows()
            ]
            sentences.append(tr("area_summary_widely_missed", lang, items=_some(items, lang)))
        judged = own[own["status"].isin(JUDGED)]
        if judged["unit_id"].nunique() >= 2:
            met = judged.assign(m=judged["status"] == Status.MET).groupby("unit_id", sort=False)["m"]
            counts = pd.DataFrame({"met": met.sum(), "total": met.size()})
            share = counts["met"] / counts["total"]
            best = counts[share == share.max()]
            if share.max() > 0 and len(best) == 1:
                unit_id = best.index[0]
                met, total = int(best["met"].iat[0]), int(best["total"].iat[0])
                name = self._unit_name(unit_id)
                sentences.append(tr("area_summary_best", lang, unit=name, met=met, total=total))
        if len(self.attention):
            names = list(dict.fromkeys(self.attention["unit_name"]))
            sentences.append(tr("area_summary_attention", lang, units=_join(names, lang)))
        widest = self._widest_spread()
        if widest is not None:
            sentences.append(widest)
        kostra = self._kostra_sentence()
        if kostra:
            sentences.append(kostra)
        sentences += self._gap_sentences()
        return sentences[:7]

    def _unit_name(self, unit_id: str) -> str:
        return str(self.units.set_index("unit_id").loc[unit_id, "name"])

    def _count_sentence(self) -> str:
        lang, own = self.lang, self.own
        judged = own[own["status"] != Status.NO_TARGET]
        if judged.empty:
            return tr("area_summary_no_targets", lang, year=self.year)
        counts = judged["status"].value_counts()
        total, met = len(judged), int(counts.get(Status.MET, 0))
        if met == total:
            return tr("area_summary_all_met", lang, total=total, year=self.year)
        rest = [
            tr(f"summary_{code}", lang, n=int(counts[code]))
            for code in (Status.NEAR, Status.UNCERTAIN, Status.NOT_MET, Status.NO_DATA)
            if counts.get(code)
        ]
        # the others follow as clauses of their own: ', 2 er nesten nådd, og 1 er ikke nådd'
        others = ", ".join(["", *rest][:-1]) + tr("summary_and_clauses", lang) + rest[-1] if rest else ""
        return tr("area_summary_count", lang, met=met, total=total, year=self.year, rest=others)

    def _widest_spread(self) -> str | None:
        """The ranked indicator on which the units lie furthest apart, relative to their median.
        Survey items are left out: from a few dozen answers per unit their extremes are mostly
        sampling noise (the table shows them with their intervals), not worth a headline."""
        spread = self.spread
        surveyed = spread["indicator_type"] == SURVEY_TYPE
        rows = spread[spread["ranked"] & (spread["units_with_figure"] >= 3) & ~surveyed]
        rows = rows[rows["median"].abs() > 0]
        if rows.empty:
            return None
        relative = (rows["max"] - rows["min"]) / rows["median"].abs()
        row = rows.loc[relative.idxmax()]
        if relative.max() <= 0:
            return None
        return tr(
            "area_summary_spread", self.lang, name=_name(row["name"], self.lang),
            low=_figure(row["min"], row, self.lang), low_unit=self._unit_name(row["lowest_unit"]),
            high=_figure(row["max"], row, self.lang), high_unit=self._unit_name(row["highest_unit"]),
        )  # fmt: skip

    def _kostra_sentence(self) -> str:
        """The area's prioritering (what the municipality spends on the service) against the KOSTRA group."""
        rows = self.kostra[(self.kostra["dimension"] == "prioritering") & self.kostra["value"].notna()]
        rows = rows[rows["peer_group_value"].notna()]
        group = self.groups.get("peer_group", "")
        if rows.empty or not group:
            return ""
        row = rows.iloc[0]
        return tr(
            "area_summary_kostra", self.lang, name=format_text(str(row["name"]), self.lang),
            value=_figure(row["value"], row, self.lang), period=format_period(row["period"], self.lang),
            peer=_figure(row["peer_group_value"], row, self.lang), group=group,
        )  # fmt: skip

    def _gap_sentences(self) -> list[str]:
        lang, own = self.lang, self.own
        out = []
        suppressed = own["suppressed"].fillna(False).astype(bool) & own["value"].isna()
        if suppressed.any():
            out.append(tr("area_summary_suppressed", lang, count=int(suppressed.sum()), n=self.min_n))
        nobody = self.spread[self.spread["units_with_figure"] == 0]
        if len(nobody):
            statuses = own[own["indicator_id"].isin(nobody["indicator_id"])]
            later = set(statuses.loc[statuses["value_status"] == NOT_YET_AVAILABLE, "indicator_id"])
            ids_of = {
                "summary_not_yet": [i for i in nobody["indicator_id"] if i in later],
                "summary_missing": [i for i in nobody["indicator_id"] if i not in later],
            }
            for key, ids in ids_of.items():
                names = [_name(n, lang) for n in nobody.set_index("indicator_id").loc[ids, "name"]]
                if names:
                    out.append(tr(key, lang, items=_some(names, lang)))
        return out

    @section
    def summary_section(self) -> Section:
        title = tr("summary", self.lang)
        return sentence_list(f'<h2 id="summary">{escape(title)}</h2>', title, self.summary_sentences())
