"""The municipality note assembled: its data, the helpers every section shares, the title
section, and `prepare_municipality_briefing`."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from kitlib.analysis.audit import audit_indicators, scorecard_load
from kitlib.analysis.cached import cached_scorecards, cached_values
from kitlib.analysis.challenges import (
    area_status,
    challenge_rows,
    municipal_scorecards,
    rank_challenges,
    top_challenges,
)
from kitlib.analysis.scorecard import benchmark_groups
from kitlib.analysis.smart import check_targets
from kitlib.data.contract import ALL_SERVICE_AREAS, CONTEXT_TYPE, UNIT_LEVEL
from kitlib.data.load import KitData, load_data
from kitlib.data.resources import sample_folder
from kitlib.report.briefing import section, title_block
from kitlib.report.formatting import format_text
from kitlib.report.i18n import check_language, tr
from kitlib.report.municipality.areas import AreasSection
from kitlib.report.municipality.audit import AuditSection
from kitlib.report.municipality.challenge_text import ChallengeText
from kitlib.report.municipality.challenges import ChallengesSection
from kitlib.report.municipality.overview import OverviewSection
from kitlib.report.municipality.smart import SmartSection
from kitlib.report.municipality.summary import SummarySection
from kitlib.report.municipality.variation import MunicipalityVariationSection
from kitlib.report.narrative import sentence_name
from kitlib.report.views import Section, SectionedNote


@dataclass
class MunicipalityBriefing(
    SummarySection,
    OverviewSection,
    AreasSection,
    MunicipalityVariationSection,
    ChallengesSection,
    ChallengeText,
    AuditSection,
    SmartSection,
    SectionedNote,
):
    """The municipality's note; each section's methods come from its own module (the bases)."""

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
    SECTIONS = ("title", "summary", "overview", "areas", "variation", "challenges", "audit", "smart")

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
