"""The paragraph that tells one challenge of the challenge note: the gap to target, the
worsening trend and the gap to the KOSTRA group, each with its figures and the units concerned.
What the challenges are and how they are ranked is decided in kitlib.analysis.challenges."""

from __future__ import annotations

import pandas as pd

from kitlib.analysis.challenges import GAP, KINDS, PEERS, WORSENING
from kitlib.analysis.frequent import VARIATION_BASIS
from kitlib.data.contract import UNIT_LEVEL
from kitlib.data.periods import parse_period
from kitlib.report.formatting import format_period, format_text
from kitlib.report.i18n import tr
from kitlib.report.municipality.wording import _capital
from kitlib.report.narrative import _is_true, _join, figure_text, variation_clause, variation_item

WITH_FIGURES = 4  # units named with their figures in one sentence; more: three, the rest with the value
NAMED = 10  # units named at most in "it also applies to ..."
KIND_KEYS = {GAP: "muni_ch_gap", WORSENING: "muni_ch_worse", PEERS: "muni_ch_peers"}


class ChallengeText:
    """The words of one challenge: a paragraph, told unit by unit or kind by kind."""

    def challenge_text(self, challenge) -> str:
        """The paragraph about one challenge: the gap to target, the worsening trend and the
        gap to the KOSTRA group, each with its figures and the units concerned. One unit's
        challenge is told as that unit's figure; one shared by several units, kind by kind."""
        figures = self._figures(challenge)
        fields = self._challenge_fields(challenge)
        lower = challenge["direction"] == "lower"
        gap_side = tr("muni_ch_over" if lower else "muni_ch_under", self.lang)
        peers_side = tr("muni_ch_higher" if lower else "muni_ch_lower", self.lang)
        ids = {kind: [u for u in challenge[f"{kind}_units"] if u in figures.index] for kind in KINDS}
        if len(figures) == 1:
            return self._one_unit(figures.iloc[0], ids, fields, gap_side, peers_side)
        sides = {GAP: {"side": gap_side}, WORSENING: {}, PEERS: {"side": peers_side}}
        return " ".join(
            self._kind_sentence(kind, ids[kind], figures, {**fields, **sides[kind]})
            for kind in KINDS
            if ids[kind]
        )

    def _challenge_fields(self, challenge) -> dict:
        """The slots every sentence of a challenge shares: its name, how many units report it,
        whether they are units or areas, and the KOSTRA group."""
        level_unit = challenge["level"] == UNIT_LEVEL
        return {
            "name": _capital(format_text(str(challenge["name"]), self.lang)),
            "total": int(challenge["units_reporting"]),
            "units": tr("muni_ch_units" if level_unit else "muni_ch_areas", self.lang),
            "at": tr("muni_ch_at_unit" if level_unit else "muni_ch_at_area", self.lang),
            "group": self.peer_group,
        }

    def _kind_sentence(self, kind: str, ids: list[str], figures: pd.DataFrame, fields: dict) -> str:
        """The sentence of one kind of a challenge shared by several units: the units with
        their figures, then those named only ('Det gjelder også ...')."""
        first = figures.loc[ids[0]]
        if kind == WORSENING:
            fields = {**fields, "verb": self._verb(first)}
        elif kind == PEERS:
            fields = {**fields, "other": self._fig(first, "peer_group_value")}
        with_figures, rest = self._listed(ids, figures, lambda row: self._item(kind, row))
        form = "one" if len(ids) == 1 else "many"
        text = tr(f"{KIND_KEYS[kind]}_{form}", self.lang, **fields, n=len(ids),
                  items=_join(with_figures, self.lang))  # fmt: skip
        return text + self._also(rest)

    def _item(self, kind: str, row) -> str:
        """One unit's figures in the list of its kind: value and target, the trend, or the value."""
        if kind == GAP:
            return tr("muni_ch_item_gap", self.lang, value=self._fig(row, "value"),
                      target=self._fig(row, "target"))  # fmt: skip
        if kind == WORSENING and _charted(row):
            return variation_item(row, self.lang)
        if kind == WORSENING:
            return tr("muni_ch_item_moved", self.lang, **self._moved(row), value=self._fig(row, "value"),
                      period=format_period(row["period"], self.lang))  # fmt: skip
        return self._fig(row, "value")

    def _one_unit(self, row, ids: dict, fields: dict, gap_side: str, peers_side: str) -> str:
        """'Saksbehandlingstid rammesøknader ved Byggesak øst er 70 dager i 2025, over målet på
        55 dager og høyere enn i KOSTRA-gruppe 13 (43 dager). Tallet har gått opp fra 52 dager
        i 2021, mer enn tilfeldig variasjon kan forklare.'"""
        lang, clauses = self.lang, []
        if ids[GAP]:
            clauses.append(tr("muni_ch_single_gap", lang, side=gap_side, target=self._fig(row, "target")))
        if ids[PEERS]:
            other = self._fig(row, "peer_group_value")
            clauses.append(
                tr("muni_ch_single_peers", lang, side=peers_side, group=fields["group"], other=other)
            )
        text = tr(
            "muni_ch_single", lang, name=fields["name"], at=fields["at"], unit=row["figure_unit_name"],
            value=self._fig(row, "value"), period=format_period(row["period"], lang),
            clauses=", " + _join(clauses, lang) if clauses else "",
        )  # fmt: skip
        if ids[WORSENING] and _charted(row):
            run = variation_clause(row, lang, name=tr("muni_ch_the_figure", lang))
            text += " " + tr("muni_ch_single_run", lang, run=run)
        elif ids[WORSENING]:
            text += " " + tr("muni_ch_single_moved", lang, **self._moved(row))
        return text

    def _figures(self, challenge) -> pd.DataFrame:
        """The flagged figures of one challenge, by figure_unit_id."""
        rows = self.rows
        mine = rows[
            (rows["indicator_id"] == challenge["indicator_id"]) & (rows["level"] == challenge["level"])
        ]
        return mine.drop_duplicates("figure_unit_id").set_index("figure_unit_id")

    def _listed(self, ids: list[str], figures: pd.DataFrame, item) -> tuple[list[str], list[str]]:
        """The units of one kind as (named with their figures, named with the figure only): all
        in full up to WITH_FIGURES, else the first three, and the rest with their figure alone,
        so that no unit is named without the reason beside it."""
        shown = ids if len(ids) <= WITH_FIGURES else ids[:3]
        with_figures = [f"{figures.at[u, 'figure_unit_name']} ({item(figures.loc[u])})" for u in shown]
        rest = [
            f"{figures.at[u, 'figure_unit_name']} ({self._fig(figures.loc[u], 'value')})"
            for u in ids[len(shown) :]
        ]
        return with_figures, rest

    def _also(self, rest: list[str]) -> str:
        if not rest:
            return ""
        named = rest[:NAMED]
        if len(rest) > NAMED:
            named.append(tr("summary_more", self.lang, n=len(rest) - NAMED))
        return " " + tr("muni_ch_also", self.lang, items=_join(named, self.lang))

    def _fig(self, row, column: str) -> str:
        return figure_text(row[column], row, self.lang)

    def _start(self, row) -> str:
        """A trend's first figure; kroner compared in fixed prices say so."""
        start = self._fig(row, "trend_from_value")
        if _is_true(row.get("fixed_prices")):
            prices = tr("summary_fixed_prices", self.lang, year=parse_period(row["period"]).year)
            start += f" ({prices})"
        return start

    def _moved(self, row) -> dict[str, str]:
        """The slots of a worsening yearly trend: verb (up or down), start and where it started."""
        start_period = format_period(row["trend_from_period"], self.lang)
        return {"verb": self._verb(row), "start": self._start(row), "start_period": start_period}

    def _verb(self, row) -> str:
        """Up or down: the yearly change, or the side of the XmR chart's run."""
        up = row["variation_side"] > 0 if _charted(row) else row["trend_change"] > 0
        return tr("summary_up" if up else "summary_down", self.lang)


def _charted(row) -> bool:
    """A trend read from the XmR chart: told as its run, never as a yearly change."""
    return row.get("trend_basis") == VARIATION_BASIS
