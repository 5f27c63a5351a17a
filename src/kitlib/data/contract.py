"""The data contract: which files a data folder holds and what each column means.

data/README.md documents the same tables for people; a test keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass

# SSB's table symbols for a figure that is missing, and why (status column of values.csv).
NOT_YET_AVAILABLE, NOT_APPLICABLE, SUPPRESSED = "..", ".", ":"
MISSING_SYMBOLS = {
    NOT_YET_AVAILABLE: "not yet available",
    NOT_APPLICABLE: "not applicable",
    SUPPRESSED: "suppressed",
}
ALL_UNITS = "*"  # in targets.csv: every unit of the indicator's (or the row's) service area
# indicators.csv `yearly_figure`: how sub-year figures make a year (analysis.yearly). Spending
# against budget in % per month is not the mean of its months: such an indicator says none.
YEARLY_FIGURES = ("mean", "sum", "none")
# indicators.csv `seasonal`: its sub-year series has a season (sick leave: high in winter, low
# in summer), so its XmR reading uses seasonally adjusted figures. Written yes/no (ja/nei in
# Norwegian, ja/nej in Danish); empty is no. Loaded as a bool column, False where not given.
SEASONAL = {"yes": True, "no": False, "ja": True, "nei": False, "nej": False}
ALL_SERVICE_AREAS = "*"  # in indicators.csv: the indicator applies to every unit
# units.csv `level`: whose figures a row holds. A unit's results are ranked among units;
# a service area's or the municipality's figures (KOSTRA prioritering, dekningsgrad) are
# context for the units, compared with the KOSTRA group and the country, never ranked.
UNIT_LEVEL, AREA_LEVEL, MUNICIPALITY_LEVEL = "enhet", "tjenesteomrade", "kommune"
LEVELS = (UNIT_LEVEL, AREA_LEVEL, MUNICIPALITY_LEVEL)
# indicators.csv `indicator_type` of a context figure (users, pupils or places; FTEs; the
# budget in kroner): shown in the title block of the unit's note, never judged against a
# target, ranked or counted among its results (its direction is always none).
CONTEXT_TYPE = "kontekst"
# indicators.csv `indicator_type` of a user-survey item (a mean or share from respondents).
SURVEY_TYPE = "opplevd_kvalitet"
# comments.csv `kind`: the unit leader's assessment, a measure the unit plans, or a question
# for the dialogue meeting that the analyst writes in place of (or besides) the kit's
# drafts (the same codes in Danish folders).
ASSESSMENT, MEASURE, QUESTION = "vurdering", "tiltak", "sporsmal"
COMMENT_KINDS = {
    ASSESSMENT: "the unit's assessment",
    MEASURE: "a planned measure",
    QUESTION: "a question for the dialogue meeting",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, number, integer, period, choice
    required: bool
    meaning: str
    example: str


@dataclass(frozen=True)
class FileSpec:
    name: str
    required: bool
    key: tuple[str, ...]
    columns: tuple[Column, ...]

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


INDICATORS = FileSpec(
    "indicators.csv",
    True,
    ("indicator_id",),
    (
        Column("indicator_id", "text", True, "stable id used by the other files", "sykefravaer"),
        Column("name", "text", True, "the indicator as readers see it", "Sykefravær"),
        Column("service_area", "text", True, "service area, or * for every unit", "Barnehage"),
        Column("perspective", "text", True, "scorecard perspective (key in kit.toml)", "medarbeidere"),
        Column("source", "text", True, "where the figure comes from", "Lønnssystemet"),
        Column("indicator_type", "choice", True, "kind of indicator, see the list below", "medarbeider"),
        Column("unit", "text", True, "unit of measure: %, NOK, score 1-6, days, count", "%"),
        Column("direction", "choice", True, "higher, lower (is better) or none", "lower"),
        Column("influenceable", "choice", True, "can staff influence it: ja, delvis, nei", "delvis"),
        Column("definition", "text", True, "how the figure is measured", "Legemeldt og egenmeldt ..."),
        Column("success_factor", "text", False, "critical success factor", "Friske medarbeidere"),
        Column("decimals", "integer", False, "decimals to show, 0 to 6 (default 1)", "1"),
        Column("data_date", "text", False, "date the figures were taken out (ISO)", "2025-02-15"),
        Column(
            "yearly_figure",
            "choice",
            False,
            "how a year's figure is made from its months, quarters or tertials when the file gives "
            "none: mean (the default), sum, or none (only a yearly figure in the file counts)",
            "mean",
        ),  # fmt: skip
        Column(
            "seasonal",
            "choice",
            False,
            "its months, quarters or tertials have a season (sick leave), so variation over time is "
            "read on seasonally adjusted figures: yes or no (ja/nei, ja/nej; empty: no)",
            "yes",
        ),  # fmt: skip
    ),
)
UNITS = FileSpec(
    "units.csv",
    True,
    ("unit_id",),
    (
        Column("unit_id", "text", True, "stable id of the result unit", "bhg-solsikken"),
        Column("name", "text", True, "the unit's name", "Solsikken barnehage"),
        Column("service_area", "text", True, "the unit's service area", "Barnehage"),
        Column("parent_id", "text", False, "unit_id of the unit above it", "oppvekst"),
        Column("municipality", "text", False, "municipality or city district", "Fjordvik"),
        Column(
            "level",
            "choice",
            False,
            "enhet (a result unit, the default), tjenesteomrade (a service area) or kommune",
            "enhet",
        ),  # fmt: skip
    ),
)
VALUES = FileSpec(
    "values.csv",
    True,
    ("unit_id", "indicator_id", "period"),
    (
        Column("unit_id", "text", True, "a unit_id of units.csv", "bhg-solsikken"),
        Column("indicator_id", "text", True, "an indicator_id of indicators.csv", "sykefravaer"),
        Column("period", "period", True, "2024, 2024T1, 2024K1 or 2024M01", "2024T2"),
        Column("value", "number", True, "the figure; empty only with a missing status", "7,4"),
        Column("status", "choice", False, ".. not yet available, . not applicable, : suppressed", ".."),
        Column("n", "integer", False, "number of respondents behind a survey figure", "23"),
        Column("sd", "number", False, "standard deviation of the answers", "0,9"),
        Column(
            "population",
            "integer",
            False,
            "number of people asked (employees of the unit, parents, pupils), at least 1",
            "26",
        ),  # fmt: skip
    ),
)
TARGETS = FileSpec(
    "targets.csv",
    False,
    # service_area tells apart only `*` rows (one target per service area); a unit's own row
    # is for its own area, so there it counts as empty (validate.py, importers/folder.py)
    ("unit_id", "indicator_id", "period", "service_area"),
    (
        Column("unit_id", "text", True, "a unit_id, or * for every unit of the service area", "*"),
        Column("indicator_id", "text", True, "an indicator_id with direction higher or lower", "sykefravaer"),
        Column("period", "period", True, "the period the target is for", "2025"),
        Column("target", "number", True, "the target value", "6,5"),
        Column(
            "tolerance", "number", False, "absolute margin counted as near (default 5 % of |target|)", "0,5"
        ),
        Column(
            "service_area", "text", False, "with unit_id *: the service area whose units it is for", "Skole"
        ),
    ),
)
BENCHMARKS = FileSpec(
    "benchmarks.csv",
    False,
    ("indicator_id", "period", "group"),
    (
        Column("indicator_id", "text", True, "an indicator_id of indicators.csv", "bhg_dekning"),
        Column("period", "period", True, "the period of the figure", "2024"),
        Column("group", "text", True, "the comparison group", "KOSTRA-gruppe 13"),
        Column("value", "number", True, "the group's figure; empty only with a missing status", "93,1"),
        Column("status", "choice", False, "missing symbol as in values.csv", ".."),
    ),
)
COMMENTS = FileSpec(
    "comments.csv",
    False,
    # several assessments and measures per unit and indicator; only the same row twice is an error
    ("unit_id", "period", "indicator_id", "kind", "text"),
    (
        Column("unit_id", "text", True, "a unit_id of units.csv", "shj-fjordtun"),
        Column("period", "period", True, "the year the comment is about (or a tertial of it)", "2025"),
        Column("indicator_id", "text", True, "an indicator_id; empty: about the whole unit", "sykefravaer"),
        Column("kind", "choice", True, "vurdering (the unit's assessment) or tiltak (a measure)", "tiltak"),
        Column("text", "text", True, "the comment, plain text (no HTML or Markdown)", "Vi innfører ..."),
    ),
)
FILES = (INDICATORS, UNITS, VALUES, TARGETS, BENCHMARKS, COMMENTS)
