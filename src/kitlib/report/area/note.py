"""The service-area note assembled: its data, the figures every section shares (computed once),
the title and notes sections, and `prepare_area_briefing`."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from kitlib.analysis import area as analysis
from kitlib.analysis.attention import ATTENTION_LIMIT, attention
from kitlib.analysis.cached import cached_scorecards, cached_values
from kitlib.analysis.scorecard import benchmark_groups
from kitlib.data.load import KitData, load_data
from kitlib.data.resources import sample_folder
from kitlib.errors import KitlibError
from kitlib.report.area.attention import AttentionSection
from kitlib.report.area.heatmap import HeatmapSection
from kitlib.report.area.kostra import KostraSection
from kitlib.report.area.national_tests import NationalTestsView
from kitlib.report.area.processing_time import ProcessingTimeView
from kitlib.report.area.qualification import QualificationView
from kitlib.report.area.rankings import RankingsSection
from kitlib.report.area.service import ServiceSection
from kitlib.report.area.spread import SpreadSection
from kitlib.report.area.summary import SummarySection
from kitlib.report.area.variation import AreaVariationSection
from kitlib.report.briefing import key_figures_line, scrolling, section, title_block
from kitlib.report.formatting import (
    format_indicator_value,
)
from kitlib.report.i18n import check_language, perspective_name, tr
from kitlib.report.narrative import in_sentence
from kitlib.report.tables import notes_table
from kitlib.report.views import Section, SectionedNote


@dataclass
class AreaBriefing(
    SummarySection,
    HeatmapSection,
    AttentionSection,
    AreaVariationSection,
    KostraSection,
    ServiceSection,
    NationalTestsView,
    QualificationView,
    ProcessingTimeView,
    RankingsSection,
    SpreadSection,
    SectionedNote,
):
    """One service area's note; each section's methods come from its own module (the bases)."""

    data: KitData
    service_area: str
    year: int
    lang: str
    cards: pd.DataFrame  # every unit's scorecard (kitlib.analysis.area.area_cards)
    values: pd.DataFrame

    # -- the figures (kitlib.analysis.area), computed once ---------------------------------
    @property
    def min_n(self) -> int:
        return self.data.config.thresholds.min_respondents

    @functools.cached_property
    def units(self) -> pd.DataFrame:
        return analysis.area_units(self.data, self.service_area)

    @functools.cached_property
    def own(self) -> pd.DataFrame:
        """The units' own results (not the area's figures, nor their size, FTEs and budget)."""
        return analysis.own_results(self.cards)

    @functools.cached_property
    def ranks(self) -> pd.DataFrame:
        return analysis.rankings(self.cards, self.min_n)

    @functools.cached_property
    def spread(self) -> pd.DataFrame:
        return analysis.spread(self.cards, self.min_n)

    @functools.cached_property
    def attention_all(self) -> pd.DataFrame:
        """Every unit with a target not met or a worsening, most in need first."""
        return attention(self.cards, self.min_n, limit=len(self.units))

    @functools.cached_property
    def attention(self) -> pd.DataFrame:
        """The ATTENTION_LIMIT units most in need, and why (the first of `attention_all`)."""
        found = self.attention_all
        return found[found["priority"] <= ATTENTION_LIMIT].reset_index(drop=True)

    @functools.cached_property
    def kostra(self) -> pd.DataFrame:
        return analysis.kostra_dimensions(self.data, self.service_area, self.year, self.values)

    @property
    def groups(self) -> dict[str, str]:
        return benchmark_groups(self.data)

    @property
    def data_date(self) -> str:
        if self.data.config.data_date:
            return self.data.config.data_date
        dates = self.cards["data_date"].dropna().astype(str) if "data_date" in self.cards else []
        return max(dates) if len(dates) else ""

    def _info(self, indicator_id: str) -> pd.Series:
        """The indicator's row of the spread: name, unit of measure, decimals, direction, median."""
        row = self._spread_by_id.loc[indicator_id].copy()
        row["indicator_id"] = indicator_id
        return row

    @functools.cached_property
    def _spread_by_id(self) -> pd.DataFrame:
        return self.spread.set_index("indicator_id")

    def _h2(self, key: str, **fields) -> str:
        return f'<h2 id="area-{key}">{escape(tr(f"area_{key}", self.lang, **fields))}</h2>'

    def _note(self, text: str) -> str:
        return f'<p class="note">{escape(text)}</p>'

    def _perspective_names(self) -> dict[str, str]:
        cfg = self.data.config
        return {p: perspective_name(p, self.lang, cfg) for p in self.own["perspective"].unique()}

    def _fmt(self, value, row) -> str:
        return format_indicator_value(value, row, self.lang)

    def _national_in_sentence(self) -> str:
        """The country's benchmark group inside a sentence: 'landet uten Oslo' in Norwegian and
        Danish; a name from the data stays as written in English."""
        name = self.groups.get("national") or tr("national", self.lang)
        return name if self.lang == "en" else in_sentence(name)

    # -- sections ------------------------------------------------------------------------------
    SECTIONS = (
        "title", "summary", "heatmap", "attention", "kostra", "service", "variation", "rankings", "spread",
        "notes",
    )  # fmt: skip

    @section
    def title_section(self) -> Section:
        cfg = self.data.config
        kicker = " · ".join(x for x in (tr("area_briefing_for", self.lang), cfg.municipality) if x)
        count = tr("area_units_1" if len(self.units) == 1 else "area_units_n", self.lang, n=len(self.units))
        facts = [count, f"{tr('year', self.lang)}: {self.year}"]
        # '350 barn · 80,9 årsverk · budsjett 71 576 000 kr': the units' sizes, FTEs and budgets summed
        totals = analysis.key_figure_totals(self.cards)
        figures = key_figures_line(totals, self.lang)
        html = title_block(kicker, self.service_area, facts, self.lang, self.data_date, figures)
        return Section(html, frame=totals)

    # -- notes ------------------------------------------------------------------------------------------
    @section
    def notes_section(self) -> Section:
        ids = list(dict.fromkeys([*self.spread["indicator_id"], *self.kostra["indicator_id"].dropna()]))
        indicators = self.data.indicators.set_index("indicator_id").loc[ids].reset_index()
        table = notes_table(indicators, self.lang, data_date=self.data_date)
        return Section(
            f'<h2 id="notes">{escape(tr("notes", self.lang))}</h2>' + scrolling(table), frame=indicators
        )


def prepare_area_briefing(
    data_dir: str | Path = "", service_area: str = "", year: int = 0, lang: str = ""
) -> AreaBriefing:
    """Load the data and compute every unit's scorecard of the area; empty arguments take the
    defaults: the embedded sample, its first service area, the latest year, the folder's language."""
    data = load_data(data_dir or sample_folder())
    areas = analysis.service_areas(data)
    if not areas:
        raise KitlibError("units.csv has no result units, so there is no service area to describe")
    service_area = service_area or areas[0]
    if service_area not in areas:
        raise KitlibError(
            f"no result units in service area '{service_area}'; the areas are {', '.join(areas)}"
        )
    year = int(year) or data.latest_year
    lang = check_language(lang or data.config.language)
    values = cached_values(data)  # computed once per folder state (a batch hands them over)
    cards = analysis.area_cards(data, service_area, year, values=values,
                                cards=cached_scorecards(data, year, values=values))  # fmt: skip
    return AreaBriefing(data, service_area, year, lang, cards, values)
