"""The service-area note's rankings: per indicator the units best first (small multiples)."""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.codes import JUDGED, Status
from kitlib.analysis.status import better_sign
from kitlib.data.contract import NOT_APPLICABLE, NOT_YET_AVAILABLE, SUPPRESSED
from kitlib.report.area.ranking_chart import RankingPanel, _figure_block, ranking_figure
from kitlib.report.area.wording import MAX_PANELS
from kitlib.report.briefing import section
from kitlib.report.formatting import (
    format_indicator_value,
    format_text,
    row_decimals,
)
from kitlib.report.i18n import STATUS_SYMBOL, tr
from kitlib.report.views import Section


class RankingsSection:
    """The service-area note's rankings: per indicator the units best first (small multiples)."""

    def _ranking_panel(self, indicator_id: str, limit: float | None = None) -> tuple[RankingPanel, str]:
        """The panel of one indicator and its alt text."""
        lang = self.lang
        info = self._info(indicator_id)
        rows = self.ranks[self.ranks["indicator_id"] == indicator_id].sort_values("position")
        ranked = bool(info["ranked"])
        statuses = rows["status"].where(rows["status"].isin(JUDGED), Status.NO_TARGET)
        labels = [
            f"{STATUS_SYMBOL[s]} {n}" if s in JUDGED else str(n) for s, n in zip(statuses, rows["unit_name"])
        ]
        missing = [self._missing_reason(r) for _, r in rows.iterrows()]
        frame = pd.DataFrame({
            "label": labels, "value": rows["shown"].to_numpy(dtype=float), "status": statuses.to_numpy(),
            "ci_low": rows["ci_low"].to_numpy(dtype=float), "ci_high": rows["ci_high"].to_numpy(dtype=float),
            "missing": missing,
        })  # fmt: skip
        refs = []
        if limit is not None:
            refs.append(("limit", tr("area_limit_line", lang), float(limit)))
        if not pd.isna(info["target"]) and (limit is None or info["target"] != limit):
            refs.append(("target", tr("target_line", lang), float(info["target"])))
        if not pd.isna(info["median"]):
            refs.append(("median", tr("area_median_line", lang), float(info["median"])))
        for role in ("peer_group", "national"):
            if not pd.isna(info[f"{role}_value"]):
                refs.append((role, tr(role, lang), float(info[f"{role}_value"])))
        judged = int(info["judged"])
        if limit is not None:  # the statutory limit, not the target, is what the chart is about
            shown = frame["value"].dropna()
            inside = int((shown.round(row_decimals(info)) <= limit).sum())
            message = tr("area_msg_within_limit", lang, inside=inside, total=len(shown))
        elif judged:
            met, uncertain = int(info["met"]), int((rows["status"] == Status.UNCERTAIN).sum())
            key = "area_msg_all_met" if met == judged else "area_msg_met_uncertain" if uncertain else (
                "area_msg_none_met" if met == 0 else "area_msg_met"
            )  # fmt: skip
            key = "area_msg_both_met" if key == "area_msg_all_met" and judged == 2 else key
            key = "area_msg_none_met_one" if key == "area_msg_none_met" and judged == 1 else key
            better = _on_the_good_side(rows[rows["status"] == Status.UNCERTAIN], info)
            if key == "area_msg_met_uncertain" and better:  # uncertain is not short of the target
                key = "area_msg_met_uncertain_better"
            message = tr(key, lang, met=met, total=judged, uncertain=uncertain, better=better)
        elif ranked:
            best = rows["unit_name"].iat[0]
            message = tr("area_msg_best", lang, unit=best) if info["units_with_figure"] >= 2 else ""
        else:
            message = tr("area_msg_listed", lang)
        name = format_text(str(info["name"]), lang)
        panel = RankingPanel(frame, name=name, message=message, unit=str(info["unit_of_measure"]),
                             decimals=row_decimals(info), references=refs, coloured=judged > 0)  # fmt: skip
        listed = "; ".join(
            f"{n} {format_indicator_value(v, info, lang)}" if not pd.isna(v) else f"{n} {m}"
            for n, v, m in zip(rows["unit_name"], frame["value"], frame["missing"])
        )
        order = tr("area_alt_best_first" if ranked else "area_alt_by_value", lang)
        alt = f"{message}. {name}, {order}: {listed}." if message else f"{name}, {order}: {listed}."
        refs_text = "; ".join(f"{label} {format_indicator_value(v, info, lang)}" for _, label, v in refs)
        return panel, alt + (f" {refs_text}." if refs_text else "")

    def _missing_reason(self, r) -> str:
        """Why a unit's figure is not in its ranking: too few answered, hidden, not yet, not applicable."""
        lang = self.lang
        if not pd.isna(r["shown"]):
            return ""
        if bool(r["suppressed"]) or not pd.isna(r["value"]):  # hidden here: too few respondents
            return tr("too_few", lang, n=self.min_n)
        if r["value_status"] in (SUPPRESSED, NOT_YET_AVAILABLE, NOT_APPLICABLE):
            return tr(f"missing_{r['value_status']}", lang)
        return tr("no_data", lang)

    @section(css="detail-start")
    def rankings_section(self) -> Section:
        """Per indicator that at least two units have figures for, the units best first (small
        multiples, six to a figure); processing times are drawn against their limit above."""
        lang = self.lang
        drawn = {row["indicator_id"] for row, _ in self._timed}
        chosen = self.spread[
            (self.spread["units_with_figure"] >= 2) & ~self.spread["indicator_id"].isin(drawn)
        ]
        if chosen.empty:
            return ""
        html, figures = [self._h2("rankings"), self._note(tr("area_rankings_note", lang))], []
        pairs = [self._ranking_panel(i) for i in chosen["indicator_id"]]
        for start in range(0, len(pairs), MAX_PANELS):
            chunk = pairs[start : start + MAX_PANELS]
            intervals = any(p.rows["ci_low"].notna().any() for p, _ in chunk)
            note = tr("area_interval_note", lang) if intervals else ""
            figures.append(ranking_figure([p for p, _ in chunk], lang, note=note))
            html.append(_figure_block(figures[-1], " ".join(alt for _, alt in chunk)))
        return Section("".join(html), frame=self.ranks, figures=tuple(figures))


def _on_the_good_side(rows: pd.DataFrame, info) -> int:
    """How many of `rows` (figures inside their uncertainty) are at or past their target, on
    the figures as shown: 'within the margin of error' is not 'short of the target'."""
    sign, places = better_sign(info["direction"]), row_decimals(info)
    if pd.isna(sign) or rows.empty:
        return 0
    value, target = rows["shown"].astype(float).round(places), rows["target"].astype(float).round(places)
    return int((sign * (value - target) >= 0).sum())
