"""The municipality's note for the dialogue seminar, section by section: the whole picture
and the draft of the chief executive's challenge note (*utfordringsnotat*, seed 001).

Like the unit note (kitlib.report.briefing), the notebook calls one ``*_section`` method per
cell and shows the `Section` it returns: the page's HTML, and the objects behind it
(``.frame``, ``.markdown``). The challenge note's ``.markdown`` is the draft the chief
executive copies and edits. What the challenges are and how they are ranked is decided in
kitlib.analysis.challenges; here they are told in words, in the chosen language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from kitlib.analysis.audit import audit_indicators, scorecard_load
from kitlib.analysis.cached import cached_scorecards, cached_values
from kitlib.analysis.challenges import (
    GAP,
    KINDS,
    PEERS,
    WORSENING,
    area_status,
    challenge_rows,
    municipal_scorecards,
    rank_challenges,
    top_challenges,
)
from kitlib.analysis.codes import JUDGED, Status, Trend
from kitlib.analysis.scorecard import TOTAL, benchmark_groups, status_overview
from kitlib.analysis.smart import MET_YEARS, SMART_CHECKS, check_targets
from kitlib.data.contract import ALL_SERVICE_AREAS, CONTEXT_TYPE, UNIT_LEVEL
from kitlib.data.load import KitData, load_data
from kitlib.data.periods import parse_period
from kitlib.data.resources import sample_folder
from kitlib.report.audit_tables import audit_findings, frame_html, reasons_text
from kitlib.report.briefing import scrolling, section, title_block
from kitlib.report.formatting import format_number, format_period, format_text
from kitlib.report.i18n import STATUS_SYMBOL, check_language, tr
from kitlib.report.narrative import figure_text, sentence_name
from kitlib.report.tables import overview_table
from kitlib.report.views import Section, SectionedNote, markdown_list, sentence_list

WITH_FIGURES = 4  # units named with their figures in one sentence; more: three, and the rest by name
NAMED = 10  # units named at most in "it also applies to ..."
NUM = ' class="num"'


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _md(text: str) -> str:
    """Text for Markdown, its special characters escaped (as markdown_list does)."""
    return markdown_list([text])[2:]


def _is_true(flag) -> bool:
    return flag is not None and not pd.isna(flag) and bool(flag)


def _join(items: list[str], lang: str) -> str:
    """'a, b og c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("summary_and", lang) + items[-1]


@dataclass
class MunicipalityBriefing(SectionedNote):
    data: KitData
    year: int
    lang: str
    values: pd.DataFrame
    cards: pd.DataFrame  # every result unit's scorecard (analysis.challenges.municipal_scorecards)
    ranked: pd.DataFrame  # every challenge, largest first (analysis.challenges.rank_challenges)
    rows: pd.DataFrame  # the figures behind the challenges (analysis.challenges.challenge_rows)
    areas: pd.DataFrame  # per service area: status counts and its largest challenge
    audit: pd.DataFrame  # KS's seven tests per indicator (analysis.audit.audit_indicators)
    load: pd.DataFrame  # indicators per unit against KS's advice (analysis.audit.scorecard_load)
    check: pd.DataFrame  # the SMART check of the targets of `target_year` (analysis.smart)
    target_year: int

    # -- helpers ---------------------------------------------------------------
    @property
    def municipality(self) -> str:
        """kit.toml's name, else units.csv's municipality column, else the folder's name."""
        if self.data.config.municipality:
            return self.data.config.municipality
        if "municipality" in self.data.units:
            named = self.data.units["municipality"].dropna().astype(str).str.strip()
            if (named != "").any():
                return named[named != ""].iat[0]
        return self.data.folder.name if self.data.folder else ""

    @property
    def data_date(self) -> str:
        if self.data.config.data_date:
            return self.data.config.data_date
        dates = self.cards["data_date"].dropna().astype(str) if len(self.cards) else pd.Series(dtype=str)
        return max(dates) if len(dates) else ""

    @property
    def own(self) -> pd.DataFrame:
        """Every result unit's own results (context figures and area figures left out)."""
        cards = self.cards
        if cards.empty:
            return cards
        return cards[(cards["level"] == UNIT_LEVEL) & (cards["indicator_type"] != CONTEXT_TYPE)]

    @property
    def challenges(self) -> pd.DataFrame:
        """The challenges the note tells: the 5-10 largest (analysis.challenges.top_challenges)."""
        return top_challenges(self.ranked)

    @property
    def peer_group(self) -> str:
        return benchmark_groups(self.data)["peer_group"]

    @property
    def min_n(self) -> int:
        return self.data.config.thresholds.min_respondents

    def _units_text(self, n: int) -> str:
        """'7 enheter', '1 enhet'."""
        return tr("muni_area_unit", self.lang) if n == 1 else tr("muni_area_units", self.lang, n=n)

    def _h2(self, key: str, **fields) -> str:
        return f'<h2 id="{escape(key)}">{escape(tr(key, self.lang, **fields))}</h2>'

    def _area_label(self, area: str) -> str:
        return (
            tr("audit_all_units", self.lang)
            if area == ALL_SERVICE_AREAS
            else format_text(str(area), self.lang)
        )

    def _ambiguous(self, name: str) -> bool:
        """Whether two indicators share the name (one per service area): then the area is said."""
        return int((self.data.indicators["name"] == name).sum()) > 1

    def _label(self, challenge) -> str:
        """A challenge's indicator inside a sentence, with its area where the name is shared."""
        name = sentence_name(challenge["name"], self.lang)
        if self._ambiguous(challenge["name"]) and challenge["service_area"] != ALL_SERVICE_AREAS:
            name += f" ({format_text(str(challenge['service_area']), self.lang)})"
        return name

    # -- sections --------------------------------------------------------------
    SECTIONS = ("title", "summary", "overview", "areas", "challenges", "audit", "smart")

    @section
    def title_section(self) -> Section:
        units = self.cards["unit_id"].nunique() if len(self.cards) else 0
        areas = self.cards["unit_service_area"].nunique() if len(self.cards) else 0
        # "24 enheter i 6 tjenesteområder"; one area (a city district's own note): "6 enheter"
        scope = (
            tr("muni_scope", self.lang, units=units, areas=areas) if areas > 1 else self._units_text(units)
        )
        facts = [f"{tr('year', self.lang)}: {self.year}", scope]
        kicker = tr("muni_briefing", self.lang)
        html = title_block(kicker, self.municipality, facts, self.lang, self.data_date)
        frame = pd.DataFrame({"units": [units], "service_areas": [areas], "year": [self.year]})
        return Section(html, frame=frame)

    def summary_sentences(self) -> list[str]:
        """Kort fortalt: targets met across the units, the largest challenges, the areas, the
        trends, and how many survey results are hidden."""
        lang, own = self.lang, self.own
        if own.empty:
            return [tr("summary_no_targets", lang, year=self.year)]
        counts = own["status"].value_counts()
        total = int(sum(counts.get(s, 0) for s in (*JUDGED, Status.NO_DATA)))  # as the unit note counts
        if total == 0:
            sentences = [tr("summary_no_targets", lang, year=self.year)]
        else:
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
            sentences = [tr(key, lang, units=units, met=met, total=total, year=self.year, rest=others)]
        top = self.challenges.head(3)
        if len(top):
            sentences.append(
                tr("muni_top", lang, items=_join([self._label(r) for _, r in top.iterrows()], lang))
            )
        judged = self.areas[self.areas["targets"] > 0]
        if len(judged) >= 2:
            share = judged["met"] / judged["targets"]
            best, worst = judged.loc[share.idxmax()], judged.loc[share.idxmin()]
            if share.max() > share.min():
                sentences.append(
                    tr("muni_best_area", lang, best=format_text(best["service_area"], lang),
                       best_met=int(best["met"]), best_total=int(best["targets"]),
                       worst=format_text(worst["service_area"], lang), worst_met=int(worst["met"]),
                       worst_total=int(worst["targets"]))
                )  # fmt: skip
        improving = int((own["trend"] == Trend.IMPROVING).sum())
        worsening = int((own["trend"] == Trend.WORSENING).sum())
        if improving or worsening:
            years = self.data.config.thresholds.trend_periods
            sentences.append(tr("muni_trends", lang, years=years, improving=improving, worsening=worsening))
        hidden = int((own["suppressed"].fillna(False).astype(bool) & own["value"].isna()).sum())
        if hidden:
            sentences.append(tr("muni_suppressed", lang, n=self.min_n, count=hidden, year=self.year))
        return sentences

    @section
    def summary_section(self) -> Section:
        return sentence_list(self._h2("summary"), tr("summary", self.lang), self.summary_sentences())

    @section
    def overview_section(self) -> Section:
        """Every unit's own indicators with a target, counted per perspective (the folder's
        perspectives, in kit.toml's order) and status; symbol and word in every header."""
        counts = status_overview(self.own)
        if counts.empty:
            return ""
        cfg = self.data.config
        labels = {p: cfg.perspective_label(p, self.lang) for p in counts.index if p != TOTAL}
        counts = counts.rename(index={**labels, TOTAL: tr("total", self.lang)})
        note = f'<p class="note">{escape(tr("muni_overview_note", self.lang))}</p>'
        return Section(
            self._h2("overview") + note + scrolling(overview_table(counts, self.lang)), frame=counts
        )

    def area_lines(self) -> list[tuple[str, str, str]]:
        """(area, its units, its line) per service area: 'Barnehage', '7 enheter', '✔ 12 av 56
        mål nådd · ◐ 5 nesten · ... · størst utfordring: sykefravær'."""
        lang, lines = self.lang, []
        for _, area in self.areas.iterrows():
            units = self._units_text(int(area["units"]))
            parts = []
            if area["targets"]:
                met = tr("muni_area_met", lang, met=int(area["met"]), total=int(area["targets"]))
                parts.append(f"{STATUS_SYMBOL[Status.MET]} {met}")
                for code in (Status.NEAR, Status.UNCERTAIN, Status.NOT_MET, Status.NO_DATA):
                    if area[str(code)]:
                        count = format_number(area[str(code)], 0, lang)
                        parts.append(f"{STATUS_SYMBOL[code]} {count} {tr(code, lang)}")
            else:
                parts.append(tr("summary_no_targets", lang, year=self.year).rstrip("."))
            top = area["top_name"]
            parts.append(
                tr("muni_area_top", lang, name=sentence_name(top, lang))
                if top
                else tr("muni_area_none", lang)
            )
            lines.append((format_text(str(area["service_area"]), lang), units, " · ".join(parts)))
        return lines

    @section
    def areas_section(self) -> Section:
        lines = self.area_lines()
        if not lines:
            return ""
        items = "".join(
            f"<li><strong>{escape(name)}</strong> ({escape(units)}): {escape(text)}</li>"
            for name, units, text in lines
        )
        markdown = "\n".join(f"- **{_md(name)}** ({_md(units)}): {_md(text)}" for name, units, text in lines)
        html = f'{self._h2("muni_areas")}<ul class="area-lines">{items}</ul>'
        return Section(html, frame=self.areas, markdown=f"## {tr('muni_areas', self.lang)}\n\n{markdown}")

    # -- the challenge note ----------------------------------------------------
    def _figures(self, challenge) -> pd.DataFrame:
        """The flagged figures of one challenge, by figure_unit_id."""
        rows = self.rows
        mine = rows[
            (rows["indicator_id"] == challenge["indicator_id"]) & (rows["level"] == challenge["level"])
        ]
        return mine.drop_duplicates("figure_unit_id").set_index("figure_unit_id")

    def _listed(self, ids: list[str], figures: pd.DataFrame, item) -> tuple[list[str], list[str]]:
        """The units of one kind as (named with figures, named only): all with figures up to
        WITH_FIGURES, else the first three, and the rest by name."""
        shown = ids if len(ids) <= WITH_FIGURES else ids[:3]
        with_figures = [f"{figures.at[u, 'figure_unit_name']} ({item(figures.loc[u])})" for u in shown]
        rest = [str(figures.at[u, "figure_unit_name"]) for u in ids[len(shown) :]]
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
        """The slots of a worsening trend: verb (up or down), start and where it started."""
        verb = tr("summary_up" if row["trend_change"] > 0 else "summary_down", self.lang)
        start_period = format_period(row["trend_from_period"], self.lang)
        return {"verb": verb, "start": self._start(row), "start_period": start_period}

    def challenge_text(self, challenge) -> str:
        """The paragraph about one challenge: the gap to target, the worsening trend and the
        gap to the KOSTRA group, each with its figures and the units concerned. One unit's
        challenge is told as that unit's figure; one shared by several units, kind by kind."""
        figures = self._figures(challenge)
        level_unit = challenge["level"] == UNIT_LEVEL
        fields = {
            "name": _capital(format_text(str(challenge["name"]), self.lang)),
            "total": int(challenge["units_reporting"]),
            "units": tr("muni_ch_units" if level_unit else "muni_ch_areas", self.lang),
            "at": tr("muni_ch_at_unit" if level_unit else "muni_ch_at_area", self.lang),
            "group": self.peer_group,
        }
        lower = challenge["direction"] == "lower"
        gap_side = tr("muni_ch_over" if lower else "muni_ch_under", self.lang)
        peers_side = tr("muni_ch_higher" if lower else "muni_ch_lower", self.lang)
        ids = {kind: [u for u in challenge[f"{kind}_units"] if u in figures.index] for kind in KINDS}
        if len(figures) == 1:
            return self._one_unit(figures.iloc[0], ids, fields, gap_side, peers_side)
        lang, sentences = self.lang, []
        items = {
            GAP: lambda row: tr(
                "muni_ch_item_gap", lang, value=self._fig(row, "value"), target=self._fig(row, "target")
            ),
            WORSENING: lambda row: tr(
                "muni_ch_item_moved",
                lang,
                **self._moved(row),
                value=self._fig(row, "value"),
                period=format_period(row["period"], lang),
            ),  # fmt: skip
            PEERS: lambda row: self._fig(row, "value"),
        }
        keys = {GAP: "muni_ch_gap", WORSENING: "muni_ch_worse", PEERS: "muni_ch_peers"}
        for kind in KINDS:
            if not ids[kind]:
                continue
            first = figures.loc[ids[kind][0]]
            extra = {
                GAP: {"side": gap_side},
                WORSENING: {"verb": self._moved(first)["verb"]},
                PEERS: {"side": peers_side, "other": self._fig(first, "peer_group_value")},
            }[kind]
            with_figures, rest = self._listed(ids[kind], figures, items[kind])
            form = "one" if len(ids[kind]) == 1 else "many"
            text = tr(f"{keys[kind]}_{form}", lang, **fields, **extra, n=len(ids[kind]),
                      items=_join(with_figures, lang))  # fmt: skip
            sentences.append(text + self._also(rest))
        return " ".join(sentences)

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
        if ids[WORSENING]:
            text += " " + tr("muni_ch_single_moved", lang, **self._moved(row))
        return text

    def challenge_items(self) -> list[tuple[str, str, str]]:
        """(indicator, service area, paragraph) per challenge, largest first."""
        return [
            (_capital(format_text(str(c["name"]), self.lang)), self._area_label(c["service_area"]),
             self.challenge_text(c))
            for _, c in self.challenges.iterrows()
        ]  # fmt: skip

    @section
    def challenges_section(self) -> Section:
        """The draft challenge note: 5-10 numbered challenges in prose the chief executive can
        edit (``.markdown``); ``.frame`` holds the ranked challenges behind it."""
        items = self.challenge_items()
        if not items:
            note = tr("muni_challenges_none", self.lang, year=self.year)
            html = f'{self._h2("muni_challenges")}<p class="empty">{escape(note)}</p>'
            return Section(
                html, frame=self.challenges, markdown=f"## {tr('muni_challenges', self.lang)}\n\n{note}"
            )
        note = tr("muni_challenges_note", self.lang, n=len(items), year=self.year)
        listed = "".join(
            f'<li><h3 class="challenge-name">{escape(name)} '
            f'<span class="challenge-area">({escape(area)})</span></h3><p>{escape(text)}</p></li>'
            for name, area, text in items
        )
        html = (
            f'{self._h2("muni_challenges")}<p class="note">{escape(note)}</p>'
            f'<ol class="challenges">{listed}</ol>'
        )
        # a numbered list, each item a bold heading and its paragraph: the draft to copy and edit
        markdown = "\n\n".join(
            f"{i}. **{_md(name)}** ({_md(area)})\n\n   {_md(text)}"
            for i, (name, area, text) in enumerate(items, 1)
        )
        heading = tr("muni_challenges", self.lang)
        return Section(html, frame=self.challenges, markdown=f"## {heading}\n\n{_md(note)}\n\n{markdown}")

    # -- the indicator audit and the SMART check ---------------------------------
    @section
    def audit_section(self) -> Section:
        """KS's seven tests: the indicators with findings, and the units whose scorecards hold
        more or fewer indicators than KS advises; the whole audit is in ``.frame``."""
        lang, audit, load = self.lang, self.audit, self.load
        flagged = audit[audit["failed"] > 0]
        parts = [
            self._h2("audit_title", year=self.year),
            f"<p>{escape(tr('audit_summary', lang, flagged=len(flagged), total=len(audit)))}</p>",
        ]
        if len(flagged):
            columns = [tr("indicator", lang), tr("service_area", lang), tr("audit_passed", lang),
                       tr("audit_findings", lang)]  # fmt: skip
            rows = [
                [format_text(str(r["name"]), lang), self._area_label(r["service_area"]),
                 tr("audit_passed_n", lang, passed=int(r["passed"]), judged=int(r["judged"])),
                 audit_findings(r, lang)]
                for _, r in flagged.iterrows()
            ]  # fmt: skip
            table = frame_html(pd.DataFrame(rows, columns=columns), table_id="audit", css_class="audit")
            parts.append(scrolling(table))
        units = load[load["flags"] != ""]
        parts.append(f'<h3 id="audit-load">{escape(tr("load_title", lang, year=self.year))}</h3>')
        summary = tr("muni_load_summary", lang, flagged=len(units), total=len(load))
        parts.append(f"<p>{escape(tr('load_advice', lang))} {escape(summary)}</p>")
        if len(units):
            parts.append(
                scrolling(frame_html(self.load_findings(), table_id="audit-load", css_class="audit-load"))
            )
        return Section("".join(parts), frame=audit)

    def load_findings(self) -> pd.DataFrame:
        """Per finding of the indicators-per-unit check, the units that have it: 'færre enn 3
        indikatorer på målt kvalitet (17)' | 'Solsikken barnehage, Tusenfryd barnehage, ...'."""
        lang, found = self.lang, {}
        for name, flags in zip(self.load["name"], self.load["flags"]):
            for flag in (f for f in str(flags).split(";") if f):
                found.setdefault(flag, []).append(format_text(str(name), lang))
        rows = [
            [f"{_capital(reasons_text(flag, lang))} ({format_number(len(names), 0, lang)})", ", ".join(names)]
            for flag, names in sorted(found.items(), key=lambda item: -len(item[1]))
        ]
        return pd.DataFrame(rows, columns=[tr("audit_findings", lang), tr("explore_units", lang)])

    def smart_per_unit(self) -> pd.DataFrame:
        """Per unit with targets for `target_year` (in the order of units.csv): how many, how
        many with findings, and per reason how many targets fail a check for it (a column per
        reason that occurs, most frequent first, headed by the reader's words)."""
        lang, check = self.lang, self.check
        order = {u: i for i, u in enumerate(self.data.units["unit_id"])}
        counted = []
        for unit_id, targets in check.groupby("unit_id", sort=False):
            reasons: Counter = Counter()
            for _, row in targets.iterrows():
                failed = set()
                for c in SMART_CHECKS:
                    verdict = row[str(c)]
                    if verdict is pd.NA or pd.isna(verdict) or bool(verdict):
                        continue
                    failed.update(code for code in str(row[f"{c}_reason"]).split(";") if code)
                reasons.update(failed)
            counted.append((order.get(unit_id, len(order)), targets.iloc[0], len(targets), targets, reasons))
        counted.sort(key=lambda item: item[0])
        total: Counter = sum((item[4] for item in counted), Counter())
        codes = [code for code, _ in total.most_common()]
        rows = []
        for _, first, n, targets, reasons in counted:
            rows.append([
                format_text(str(first["unit_name"] or first["unit_id"]), lang),
                self._area_label(first["service_area"]), n, int(targets["flagged"].sum()),
                *[reasons.get(code, 0) for code in codes],
            ])  # fmt: skip
        columns = [tr("unit", lang), tr("service_area", lang), tr("target", lang),
                   tr("muni_with_findings", lang),
                   *[_capital(reasons_text(code, lang, n=MET_YEARS)) for code in codes]]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    @section
    def smart_section(self) -> Section:
        """The SMART check of the targets, per unit: how many of its targets have findings, and
        for which reasons; every target with its checks is in ``.frame``."""
        lang, check = self.lang, self.check
        heading = self._h2("smart_title", year=self.target_year)
        if check.empty:
            empty = tr("smart_nothing", lang, year=self.target_year)
            return Section(f'{heading}<p class="empty">{escape(empty)}</p>', frame=check)
        summary = tr("smart_summary", lang, flagged=int(check["flagged"].sum()), total=len(check))
        lead = f"<p>{escape(tr('smart_intro', lang))} {escape(summary)}</p>"
        table = _count_table(self.smart_per_unit(), first_count=2, table_id="smart-units", lang=lang)
        return Section(heading + lead + scrolling(table), frame=check)


def _count_table(frame: pd.DataFrame, *, first_count: int, table_id: str, lang: str) -> str:
    """A table of names then counts: the first column as row headers, the counts from column
    `first_count` right-aligned in the language's digits, a zero shown pale."""
    head = "".join(
        f'<th scope="col"{NUM if i >= first_count else ""}>{escape(str(c))}</th>'
        for i, c in enumerate(frame.columns)
    )
    lines = []
    for values in frame.itertuples(index=False):
        cells = [f'<th scope="row">{escape(str(values[0]))}</th>']
        for i, value in enumerate(values[1:], 1):
            if i < first_count:
                cells.append(f"<td>{escape(str(value))}</td>")
            else:
                zero = " zero" if value == 0 else ""
                cells.append(f'<td class="num{zero}">{format_number(value, 0, lang)}</td>')
        lines.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table class="kit-table counts" id="{escape(table_id)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(lines)}</tbody></table>"
    )


def prepare_municipality_briefing(
    data_dir: str | Path = "", year: int = 0, lang: str = ""
) -> MunicipalityBriefing:
    """Load the data and compute every result unit's scorecard once, the challenges, the
    indicator audit and the SMART check; empty arguments take the defaults: the embedded
    sample, the latest year, the folder's language. The targets checked are next year's
    where targets.csv has them (the seminar sets priorities for next year), else the year's."""
    data = load_data(data_dir or sample_folder())
    year = int(year) or data.latest_year
    lang = check_language(lang or data.config.language)
    values = cached_values(data)  # computed once per folder state (a batch hands them over)
    cards = municipal_scorecards(data, year, values=values, cards=cached_scorecards(data, year, values))
    target_year = year + 1 if (data.targets["year"] == year + 1).any() else year
    return MunicipalityBriefing(
        data=data, year=year, lang=lang, values=values, cards=cards,
        ranked=rank_challenges(cards), rows=challenge_rows(cards), areas=area_status(cards),
        audit=audit_indicators(data, year, values=values), load=scorecard_load(data, year, values=values),
        check=check_targets(data, target_year, values=values), target_year=target_year,
    )  # fmt: skip
