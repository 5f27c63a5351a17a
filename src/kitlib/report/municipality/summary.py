"""The municipality note's 'Kort fortalt': targets met, the largest challenges, the best and
worst service area, the trends, and how many survey results are hidden."""

from __future__ import annotations

from kitlib.analysis.codes import JUDGED, Status, Trend
from kitlib.report.briefing import section
from kitlib.report.formatting import format_text
from kitlib.report.i18n import tr
from kitlib.report.narrative import _join
from kitlib.report.views import Section, sentence_list


class SummarySection:
    """The municipality note's 'Kort fortalt', a sentence per finding."""

    def summary_sentences(self) -> list[str]:
        """Kort fortalt: targets met across the units, the largest challenges, the areas, the
        trends, the frequent series by variation and assurance, and how many survey results are hidden."""
        if self.own.empty:
            return [tr("summary_no_targets", self.lang, year=self.year)]
        steps = (self._top_sentence(), self._areas_sentence(), self._trends_sentence(),
                 self.variation_sentence() or None, self._hidden_sentence())  # fmt: skip
        return [self._count_sentence(), *(s for s in steps if s is not None)]

    def _count_sentence(self) -> str:
        """'Enhetene når 40 av 120 mål i 2025, 21 er nesten nådd, og 44 er ikke nådd.'"""
        lang, own = self.lang, self.own
        counts = own["status"].value_counts()
        total = int(sum(counts.get(s, 0) for s in (*JUDGED, Status.NO_DATA)))  # as the unit note counts
        if total == 0:
            return tr("summary_no_targets", lang, year=self.year)
        rest = [
            tr(f"summary_{code}", lang, n=int(counts[code]))
            for code in (Status.NEAR, Status.UNCERTAIN, Status.NOT_MET, Status.NO_DATA)
            if counts.get(code)
        ]
        # the others follow as clauses of their own: ', 21 er nesten nådd, og 44 er ikke nådd'
        others = ", ".join(["", *rest[:-1]]) + tr("summary_and_clauses", lang) + rest[-1] if rest else ""
        units = own["unit_id"].nunique()
        met = int(counts.get(Status.MET, 0))
        key = "muni_count" if units > 1 else "summary_count"  # one unit: as its own note says it
        return tr(key, lang, units=units, met=met, total=total, year=self.year, rest=others)

    def _top_sentence(self) -> str | None:
        """The three largest challenges, by their indicators."""
        top = self.challenges.head(3)
        if not len(top):
            return None
        return tr("muni_top", self.lang, items=_join([self._label(r) for _, r in top.iterrows()], self.lang))

    def _areas_sentence(self) -> str | None:
        """The service areas that meet the largest and the smallest share of their targets."""
        judged = self.areas[self.areas["targets"] > 0]
        if len(judged) < 2:
            return None
        share = judged["met"] / judged["targets"]
        best, worst = judged.loc[share.idxmax()], judged.loc[share.idxmin()]
        if not share.max() > share.min():
            return None
        lang = self.lang
        return tr("muni_best_area", lang, best=format_text(best["service_area"], lang),
                  best_met=int(best["met"]), best_total=int(best["targets"]),
                  worst=format_text(worst["service_area"], lang), worst_met=int(worst["met"]),
                  worst_total=int(worst["targets"]))  # fmt: skip

    def _trends_sentence(self) -> str | None:
        """How many results improve and how many worsen over the trend's years."""
        improving = int((self.own["trend"] == Trend.IMPROVING).sum())
        worsening = int((self.own["trend"] == Trend.WORSENING).sum())
        if not (improving or worsening):
            return None
        years = self.data.config.thresholds.trend_periods
        return tr("muni_trends", self.lang, years=years, improving=improving, worsening=worsening)

    def _hidden_sentence(self) -> str | None:
        """How many survey results are hidden for too few respondents."""
        own = self.own
        hidden = int((own["suppressed"].fillna(False).astype(bool) & own["value"].isna()).sum())
        if not hidden:
            return None
        return tr("muni_suppressed", self.lang, n=self.min_n, count=hidden, year=self.year)

    @section
    def summary_section(self) -> Section:
        return sentence_list(self._h2("summary"), tr("summary", self.lang), self.summary_sentences())
