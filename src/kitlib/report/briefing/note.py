"""The unit's note assembled: its data and the rows every section shares, the sections of
text and tables (title, summary, overview, questions, scorecard, context, survey, notes)
and `prepare_briefing`; the comments and the charts come from their own modules (the bases)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from kitlib.analysis.cached import cached_scorecard, cached_values
from kitlib.analysis.scorecard import TOTAL, benchmark_groups, status_overview
from kitlib.data.contract import CONTEXT_TYPE, QUESTION, SURVEY_TYPE
from kitlib.data.load import KitData, load_data
from kitlib.data.resources import sample_folder
from kitlib.report.briefing.blocks import key_figures_line, scrolling, section, title_block
from kitlib.report.briefing.comments import CommentsSection
from kitlib.report.briefing.figures import ChartSections
from kitlib.report.briefing.variation import VariationSection
from kitlib.report.dialogue import Question, draft_questions
from kitlib.report.i18n import check_language, perspective_name, tr
from kitlib.report.narrative import summary_sentences
from kitlib.report.tables import (
    CONTEXT_HEADERS,
    SCORECARD_HEADERS,
    notes_table,
    overview_table,
    scorecard_table,
    survey_table,
)
from kitlib.report.views import Section, SectionedNote, markdown_list, sentence_list


@dataclass
class Briefing(CommentsSection, VariationSection, ChartSections, SectionedNote):
    """One unit's note for one year; the comments and chart sections come from their own
    modules (the bases)."""

    data: KitData
    unit: pd.Series
    year: int
    lang: str
    card: pd.DataFrame
    values: pd.DataFrame

    # -- helpers ---------------------------------------------------------------
    @property
    def min_n(self) -> int:
        return self.data.config.thresholds.min_respondents

    @property
    def data_date(self) -> str:
        if self.data.config.data_date:
            return self.data.config.data_date
        dates = self.card["data_date"].dropna().astype(str)
        return max(dates) if len(dates) else ""

    @property
    def own(self) -> pd.DataFrame:
        """The unit's own results: the rows that are judged, ranked and told as its story (a
        copy: selected once per note, read by every section)."""
        return self._own.copy()

    @property
    def context(self) -> pd.DataFrame:
        """Figures of the unit's service area or the municipality, shown beside its results."""
        return self._context.copy()

    @functools.cached_property
    def _own(self) -> pd.DataFrame:
        return self.card[(self.card["level"] == self.unit["level"]) & ~self._is_key_figure]

    @functools.cached_property
    def _context(self) -> pd.DataFrame:
        return self.card[(self.card["level"] != self.unit["level"]) & ~self._is_key_figure]

    @property
    def _is_key_figure(self) -> pd.Series:
        return self.card["indicator_type"] == CONTEXT_TYPE

    @property
    def key_figures(self) -> pd.DataFrame:
        """The unit's own context figures of the year (indicator_type kontekst: users, pupils or
        places, FTEs, budget): shown in the title block, never judged, ranked or counted."""
        card = self.card
        return card[self._is_key_figure & (card["level"] == self.unit["level"]) & card["value"].notna()]

    @property
    def _unit_comments(self) -> pd.DataFrame:
        c = self.data.comments
        return c[(c["unit_id"] == self.unit["unit_id"]) & (c["year"] == self.year)]

    @property
    def comments(self) -> pd.DataFrame:
        """The unit's own assessments and planned measures (comments.csv) for the briefing's year."""
        c = self._unit_comments
        return c[c["kind"] != QUESTION]

    @property
    def questions(self) -> list[Question]:
        """3-5 questions for the dialogue meeting: the analyst's own (comments.csv, kind
        sporsmal) and drafts from the unit's results (kitlib.report.dialogue)."""
        c = self._unit_comments
        peer = benchmark_groups(self.data)["peer_group"]
        return draft_questions(self.own, self.lang, peer_group=peer, own=c[c["kind"] == QUESTION])

    def _h2(self, key: str) -> str:
        return f'<h2 id="{key}">{escape(tr(key, self.lang))}</h2>'

    def _perspective_names(self) -> dict[str, str]:
        cfg = self.data.config
        return {p: perspective_name(p, self.lang, cfg) for p in self.card["perspective"].unique()}

    # -- sections --------------------------------------------------------------
    SECTIONS = (
        "title", "summary", "overview", "questions", "scorecard", "comments", "context", "trend_charts",
        "distance", "survey", "variation", "sick_leave", "budget", "notes",
    )  # fmt: skip

    @section
    def title_section(self) -> Section:
        cfg = self.data.config
        kicker = " · ".join(x for x in (tr("briefing_for", self.lang), cfg.municipality) if x)
        facts = [
            f"{tr('service_area', self.lang)}: {self.unit['service_area']}",
            f"{tr('year', self.lang)}: {self.year}",
        ]
        html = title_block(
            kicker, str(self.unit["name"]), facts, self.lang, self.data_date,
            key_figures_line(self.key_figures, self.lang),
        )  # fmt: skip
        return Section(html, frame=self.key_figures)

    @section
    def summary_section(self) -> Section:
        peer = benchmark_groups(self.data)["peer_group"]
        sentences = summary_sentences(
            self.own, self.year, self.lang, peer, self.data.config.setting("budget.underspend_warning"),
            self.min_n,
        )  # fmt: skip
        return sentence_list(self._h2("summary"), tr("summary", self.lang), sentences)

    @section
    def overview_section(self) -> Section:
        """The first page's status overview: per perspective, how many indicators are met, near,
        within the uncertainty, not met or without figures; symbol and word in every header."""
        counts = status_overview(self.own)
        if counts.empty:
            return ""
        labels = {**self._perspective_names(), TOTAL: tr("total", self.lang)}
        counts = counts.rename(index=labels)
        return Section(self._h2("overview") + scrolling(overview_table(counts, self.lang)), frame=counts)

    @section(css="detail-start")
    def scorecard_section(self) -> Section:
        # "Andre enheter" only where some indicator has enough other units to compare with
        compared = self.own["peer_median"].notna().any()
        headers = SCORECARD_HEADERS if compared else tuple(h for h in SCORECARD_HEADERS if h != "units")
        table = scorecard_table(
            self.own, self._perspective_names(), self.lang, min_n=self.min_n, commented=self._commented,
            headers=headers,
        )  # fmt: skip
        return Section(self._h2("scorecard") + scrolling(table), frame=self.own)

    @property
    def _commented(self) -> set[str]:
        """Indicators the unit has commented on this year (marked in the scorecard)."""
        return set(self.comments["indicator_id"]) - {""}

    @section
    def questions_section(self) -> Section:
        """Questions for the dialogue meeting, each starting from a fact of the note."""
        questions = self.questions
        items = "".join(f"<li>{escape(q.text)}</li>" for q in questions)
        note = f'<p class="note">{escape(tr("questions_note", self.lang))}</p>'
        html = f'{self._h2("questions")}{note}<ol class="questions">{items}</ol>'
        frame = pd.DataFrame([vars(q) for q in questions], columns=["text", "indicator_id", "source"])
        markdown = f"## {tr('questions', self.lang)}\n\n{markdown_list(frame['text'], numbered=True)}"
        return Section(html, frame=frame, markdown=markdown)

    @section
    def context_section(self) -> Section:
        """Service area and municipality figures (KOSTRA prioritering, dekningsgrad): context
        compared with the KOSTRA group and the country, never ranked among units."""
        if self.context.empty:
            return ""
        table = scorecard_table(
            self.context, self._perspective_names(), self.lang, table_id="context", min_n=self.min_n,
            headers=CONTEXT_HEADERS, commented=self._commented, legend=False,  # explained above
        )  # fmt: skip
        note = f'<p class="note">{escape(tr("context_note", self.lang))}</p>'
        return Section(self._h2("context") + note + scrolling(table), frame=self.context)

    @section
    def survey_section(self) -> Section:
        rows = self.own[self.own["indicator_type"] == SURVEY_TYPE]
        html = self._h2("survey") + scrolling(survey_table(rows, self.lang, min_n=self.min_n))
        return Section(html, frame=rows)

    @section
    def notes_section(self) -> Section:
        table = notes_table(self.with_variation_definitions(self.card), self.lang, data_date=self.data_date)
        about = ["indicator_id", "name", "definition", "source", "data_date", "unit_of_measure", "direction"]
        frame = self.card[[c for c in about if c in self.card.columns]]
        return Section(self._h2("notes") + scrolling(table) + self._prices_note(), frame=frame)

    def _prices_note(self) -> str:
        """Whether kroner figures were compared over time in fixed prices (kit.toml's deflator)."""
        fixed = pd.concat([self.own, self.context])["fixed_prices"].dropna()  # not the title's budget
        if fixed.empty:
            return ""
        key = "fixed_kroner" if fixed.all() else "nominal_kroner"
        return f'<p class="note">{escape(tr(key, self.lang, year=self.year))}</p>'


def prepare_briefing(data_dir: str | Path = "", unit_id: str = "", year: int = 0, lang: str = "") -> Briefing:
    """Load the data and compute the unit's scorecard; empty arguments take the defaults:
    the embedded sample, its first unit, the latest year, the folder's language."""
    data = load_data(data_dir or sample_folder())
    unit = data.unit(unit_id or data.units["unit_id"].iat[0])
    year = int(year) or data.latest_year
    lang = check_language(lang or data.config.language)
    values = cached_values(data)  # computed once per folder state (a batch hands them over)
    card = cached_scorecard(data, unit["unit_id"], year, values=values)
    return Briefing(data, unit, year, lang, card, values)
