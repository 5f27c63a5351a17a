"""The briefing note of one service area: all its units side by side, section by section.

For the dialogue seminar, where politicians, the chief executive and the unit leaders set
priorities: which targets the units meet (a status heatmap, symbol and colour), how they
rank per indicator against the median, the KOSTRA group and the country, how far apart they
are, which units most need attention and why, the area as a whole in KOSTRA's four
dimensions (seed 004: prioritering, dekningsgrad, produktivitet, kvalitet), and the
indicators the service is usually discussed by (national tests, staff qualifications,
processing time against the statutory limit) where the data folder has them.

As in kitlib.report.briefing, the notebook (notebooks/service_area.py) calls one
``*_section`` method per cell and shows the `Section` it returns; the figures come from
kitlib.analysis.area, every word from kitlib.report.i18n.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kitlib.analysis import area as analysis
from kitlib.analysis.cached import cached_scorecards, cached_values
from kitlib.analysis.codes import JUDGED, Status, Trend
from kitlib.analysis.scorecard import benchmark_groups
from kitlib.data.contract import NOT_APPLICABLE, NOT_YET_AVAILABLE, SUPPRESSED, SURVEY_TYPE
from kitlib.data.load import KitData, load_data
from kitlib.data.resources import sample_folder
from kitlib.errors import KitlibError
from kitlib.report import charts, plot
from kitlib.report.briefing import key_figures_line, scrolling, section, title_block
from kitlib.report.charts import INK, LABEL_SIZE, MESSAGE_SIZE, MUTED, NAME_SIZE, NOTE_SIZE, PALETTE, styled
from kitlib.report.formatting import (
    format_gap,
    format_indicator_value,
    format_number,
    format_period,
    format_text,
    unit_text,
)
from kitlib.report.i18n import STATUS_SYMBOL, TREND_SYMBOL, check_language, tr
from kitlib.report.narrative import in_sentence, names_its_unit
from kitlib.report.tables import notes_table
from kitlib.report.views import Section, SectionedNote, markdown_list, sentence_list

MAX_PANELS = 6  # ranking panels to a figure: one page of A4
MAX_NAMED = 3  # indicators named in one sentence or bullet before "and n more"

# Reference lines of a ranking: line colour, dashes ("" = solid), label ink (4.5:1 on white).
REFERENCES = {
    "median": ("#5b6770", (1.5, 1.5), "#4a545c"),
    "target": (PALETTE["target"], (4, 2), INK),
    "limit": ("#D55E00", "", "#a33f00"),
    "peer_group": (PALETTE["peer_group"], (5, 1.5, 1.5, 1.5), "#00704f"),
    "national": (PALETTE["national"], (4, 2), "#9c4479"),
}

# The indicators a service is usually discussed by, found by their names (data, not ids).
NATIONAL_TESTS = re.compile(r"nasjonale prøver|nationale test|national test", re.I)
QUALIFICATION = re.compile(
    r"lærer|pedagog|pædagog|fagutdann|faguddann|godkjent utdanning|uddannede|qualified|qualification", re.I
)
WITHIN_LIMIT = re.compile(r"innen\b.*\bfrist|inden for\b.*\bfrist|within\b.*\b(deadline|limit)", re.I)
_WEEKS = re.compile(r"(\d+)\s*(?:ukers?|uger?s?|weeks?)\b", re.I)
_DAYS = re.compile(
    r"frist\w*\D{0,12}?(\d+)\s*(?:dager|dage|days)\b|(\d+)\s*(?:dager|dage|days)\W{0,3}frist", re.I
)
DAY_UNITS = {"dager", "dage", "days", "døgn"}


def statutory_limit(name: str, definition: str = "") -> float | None:
    """The statutory processing limit in days, as an indicator states it: '3 ukers frist' (21),
    '(frist 12 uker)' (84), 'lovens frist er 21 dager' (21); None where it states none."""
    for text in (str(name), str(definition or "")):
        if not re.search(r"frist|deadline|limit", text, re.I):
            continue
        weeks = _WEEKS.search(text)
        if weeks:
            return 7.0 * int(weeks.group(1))
        days = _DAYS.search(text)
        if days:
            return float(days.group(1) or days.group(2))
    return None


def _name(name, lang: str) -> str:
    """An indicator's name inside a sentence: lower case, en dashes in ranges, thousands marks."""
    return in_sentence(format_text(str(name), lang))


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("summary_and", lang) + items[-1]


def _some(items: list[str], lang: str, limit: int = MAX_NAMED) -> str:
    """Up to `limit` items joined, then 'n til'."""
    shown = items[:limit] + ([tr("summary_more", lang, n=len(items) - limit)] if len(items) > limit else [])
    return _join(shown, lang)


def _decimals(row) -> int:
    return 1 if pd.isna(row["decimals"]) else int(row["decimals"])


def _figure(value, row, lang: str) -> str:
    """A figure of `row` in a sentence: with its unit unless the name already says it."""
    return format_indicator_value(value, row, lang, with_unit=not names_its_unit(row, lang))


def _unit_label(unit: str, lang: str) -> str:
    """The unit of measure shown beside a chart's name: 'dager', '%', 'score 1–6'."""
    word = unit_text(unit, lang)
    if not word and str(unit or "").lower().startswith("score"):
        word = format_text(str(unit), lang)
    return word


# -- the ranking chart ------------------------------------------------------------------------------


@dataclass
class RankingPanel:
    """One indicator's units, best first: `rows` has ``label`` (the unit, with its status
    symbol), ``value`` (NaN: missing), ``status``, ``ci_low``/``ci_high`` and ``missing`` (the
    words shown in place of a missing figure). `references` are (kind, label, value) for the
    vertical lines: the median, the target, the statutory limit, the KOSTRA group, the country."""

    rows: pd.DataFrame
    name: str
    message: str = ""
    unit: str = ""
    decimals: int = 1
    references: list = field(default_factory=list)
    coloured: bool = True  # dots coloured by status; False: the unit's colour (a listing)


def _dot_colours(panel: RankingPanel) -> list[str]:
    if not panel.coloured:
        return [PALETTE["unit"]] * len(panel.rows)
    return [PALETTE.get(s, PALETTE["unit"]) for s in panel.rows["status"]]


def row_layout(labels, name_width: float) -> tuple[list[str], np.ndarray, float]:
    """The units' names wrapped to `name_width` points, the height (in points, from the bottom)
    of each row's centre, best on top, and the rows' total height: a row is as tall as its name."""
    names = ["\n".join(plot.wrap(charts.plain(t), name_width, charts.TICK_SIZE)) for t in labels]
    heights = np.array([(n.count("\n") + 1) * charts.TICK_SIZE * plot.LINE_HEIGHT + 5.0 for n in names])
    total = float(heights.sum())
    centres = total - (np.cumsum(heights) - heights / 2)
    return names, centres, total


def ranking_chart(panel: RankingPanel, *, ax, lang: str = "nb", name_width: float = 110.0):
    """The units of one indicator as dots on one value axis, best on top, each named on the
    left (with its status symbol) and its figure at the right of the dot; a survey's interval as
    a whisker; the references as vertical lines named above the plot (`reference_labels`). A
    unit without a figure keeps its row, with the reason where the dot would be."""
    rows = panel.rows.reset_index(drop=True)
    names, y, total = row_layout(rows["label"], name_width)
    data = rows.assign(y=y)
    known = [*rows["value"], *rows["ci_low"], *rows["ci_high"], *(v for _, _, v in panel.references)]
    ax.set_xlim(*plot.value_limits(known, pad=0.06))
    ax.set_ylim(0, total)
    colours = _dot_colours(panel)
    for kind, _, value in panel.references:
        colour, dashes, _ = REFERENCES[kind]
        line = ax.axvline(value, color=colour, linewidth=1.1, zorder=1.5, label=kind)
        if dashes:
            line.set_dashes(dashes)
    plot.intervals(data, x="y", low="ci_low", high="ci_high", ax=ax, orient="h", color=colours,
                   linewidth=1.2, alpha=0.7)  # fmt: skip
    present = data["value"].notna().to_numpy()
    if present.any():
        ax.scatter(data["value"][present], data["y"][present], s=38, c=np.array(colours)[present],
                   edgecolors="white", linewidths=0.8, zorder=3, label="units")  # fmt: skip
    ax.set_yticks(y, names)
    plot.nice_ticks(ax, "x", bins=4)
    ax.xaxis.set_major_formatter(charts.NumberFormatter(lang))
    plot.tidy(ax, grid="x")
    ax.tick_params(axis="y", labelsize=charts.TICK_SIZE, labelcolor=INK)
    return ax


def _value_labels(panel: RankingPanel, ax, lang: str, name_width: float) -> None:
    """Each unit's figure right of its dot (or its whisker), or the reason for none at the left
    edge; the x limits widen until every label fits inside the plot."""
    rows = panel.rows.reset_index(drop=True)
    _, y, _ = row_layout(rows["label"], name_width)
    texts = [
        format_number(v, panel.decimals, lang) if not pd.isna(v) else str(m)
        for v, m in zip(rows["value"], rows["missing"])
    ]
    ends = np.fmax(rows["value"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float))
    widths = np.array([plot.text_width(t, LABEL_SIZE) + 9 for t in texts])
    low, high = ax.get_xlim()
    span_points = plot.points_per_unit(ax, "x") * (high - low)  # the plot's width in points
    # the right limit at which each label ends inside the plot: end + w * (high - low) / P <= high
    fits = (ends * span_points - low * widths) / np.maximum(span_points - widths, 1.0)
    ax.set_xlim(low, float(np.nanmax(np.append(fits, high))))
    for text, value, end, yi in zip(texts, rows["value"], ends, y):
        missing = pd.isna(value)
        ax.annotate(
            text, (low if missing else end, yi), xytext=(2 if missing else 5, 0), textcoords="offset points",
            ha="left", va="center", fontsize=LABEL_SIZE, color=MUTED if missing else INK,
            fontstyle="italic" if missing else "normal", annotation_clip=False, zorder=4,
            bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        )  # fmt: skip


def _reference_labels(panel: RankingPanel, ax, lang: str) -> None:
    """The references' names and figures above the plot, one to a line of text, each at its
    line (left-aligned on the left half, right-aligned on the right), so none overlap."""
    low, high = ax.get_xlim()
    count = len(panel.references)
    for i, (kind, label, value) in enumerate(panel.references):
        at = (value - low) / (high - low)
        text = f"{label} {format_number(value, panel.decimals, lang)}"
        ax.annotate(
            charts.plain(text), (value, 1.0), xycoords=("data", "axes fraction"),
            xytext=(0, 3 + (count - 1 - i) * LABEL_SIZE * plot.LINE_HEIGHT), textcoords="offset points",
            ha="left" if at < 0.5 else "right", va="bottom", fontsize=LABEL_SIZE,
            color=REFERENCES[kind][2], annotation_clip=False,
        )  # fmt: skip


def _title_lines(panel: RankingPanel, width: float, lang: str) -> tuple[list[str], list[str]]:
    unit = _unit_label(panel.unit, lang)
    name = panel.name if not unit or unit.casefold() in panel.name.casefold() else f"{panel.name} · {unit}"
    names = plot.wrap(charts.plain(name), width, NAME_SIZE)
    messages = plot.wrap(charts.plain(panel.message), width, MESSAGE_SIZE, "bold") if panel.message else []
    return messages, names


def ranking_figure(
    panels: list[RankingPanel], lang: str = "nb", *, width: float = 7.0, note: str = ""
) -> Figure:
    """Small multiples of `ranking_chart`, two to a row (one alone), laid out by measuring their
    texts: the message in bold and the indicator's name above each panel, the references'
    names under them, the units' names on the left. `note` goes under the figure."""
    n = len(panels)
    ncols = 1 if n == 1 else 2
    nrows = math.ceil(n / ncols)
    col_gap, row_gap = 18.0, 12.0
    with styled():
        fig = Figure(figsize=(width, 3.0))
        cell_w = (width * 72 - (ncols - 1) * col_gap) / ncols
        name_cap = min(120.0, 0.42 * cell_w)
        labels = [
            plot.wrap(charts.plain(t), name_cap, charts.TICK_SIZE) for p in panels for t in p.rows["label"]
        ]
        name_w = max(
            (plot.text_width(line, charts.TICK_SIZE) for lines in labels for line in lines), default=0
        )
        name_w = min(name_w, name_cap) + 6
        plot_w = cell_w - name_w - 6
        heights = []
        for p in panels:
            messages, names = _title_lines(p, cell_w, lang)
            title = (
                4
                + len(names) * NAME_SIZE * plot.LINE_HEIGHT
                + (len(messages) * MESSAGE_SIZE * plot.LINE_HEIGHT + 2 if messages else 0)
            )
            refs = len(p.references) * LABEL_SIZE * plot.LINE_HEIGHT + (5 if p.references else 2)
            heights.append((title, refs, row_layout(p.rows["label"], name_cap)[2]))
        tick_h = charts.TICK_SIZE * plot.LINE_HEIGHT + 6
        grid = []
        for r in range(nrows):
            cells = heights[r * ncols : (r + 1) * ncols]
            grid.append(tuple(max(c[k] for c in cells) for k in range(3)))
        note_h = (
            NOTE_SIZE * plot.LINE_HEIGHT * len(plot.wrap(note, width * 72 - 8, NOTE_SIZE)) + 6 if note else 2
        )
        total = 4 + sum(t + f + p + tick_h for t, f, p in grid) + row_gap * (nrows - 1) + note_h
        fig.set_size_inches(width, total / 72)
        top = total - 4
        for r, (title_h, refs_h, plot_h) in enumerate(grid):
            bottom = top - title_h - refs_h - plot_h
            for c in range(ncols):
                i = r * ncols + c
                if i >= n:
                    continue
                panel = panels[i]
                x0 = c * (cell_w + col_gap)
                own_h = heights[i][2]
                ax = fig.add_axes(((x0 + name_w) / (width * 72), (bottom + plot_h - own_h) / total,
                                   plot_w / (width * 72), own_h / total))  # fmt: skip
                ranking_chart(panel, ax=ax, lang=lang, name_width=name_cap)
                _value_labels(panel, ax, lang, name_cap)
                _reference_labels(panel, ax, lang)
                plot.settle(ax)
                messages, names = _title_lines(panel, cell_w, lang)
                y_text = top / total
                if messages:
                    fig.text(x0 / (width * 72), y_text, "\n".join(messages), ha="left", va="top",
                             fontsize=MESSAGE_SIZE, fontweight="bold", color=INK)  # fmt: skip
                    y_text -= (len(messages) * MESSAGE_SIZE * plot.LINE_HEIGHT + 2) / total
                fig.text(x0 / (width * 72), y_text, "\n".join(names), ha="left", va="top", fontsize=NAME_SIZE,
                         color=MUTED)  # fmt: skip
            top = bottom - tick_h - row_gap
        if note:
            fig.text(4 / (width * 72), 3 / total, "\n".join(plot.wrap(note, width * 72 - 8, NOTE_SIZE)),
                     ha="left", va="bottom", fontsize=NOTE_SIZE, color=MUTED)  # fmt: skip
    return fig


def _figure_block(fig, alt: str) -> str:
    """A ranking figure as the page shows it: at the column's full width on paper too (the
    units' names and figures must stay readable), kept whole on one page."""
    return f'<div class="area-figure">{charts.figure_html(fig, alt)}</div>'


# -- the note ------------------------------------------------------------------------------------------


@dataclass
class AreaBriefing(SectionedNote):
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
    def attention(self) -> pd.DataFrame:
        return analysis.attention(self.cards, self.min_n)

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
        return {p: cfg.perspective_label(p, self.lang) for p in self.own["perspective"].unique()}

    def _fmt(self, value, row) -> str:
        return format_indicator_value(value, row, self.lang)

    def _national_in_sentence(self) -> str:
        """The country's benchmark group inside a sentence: 'landet uten Oslo' in Norwegian and
        Danish; a name from the data stays as written in English."""
        name = self.groups.get("national") or tr("national", self.lang)
        return name if self.lang == "en" else in_sentence(name)

    # -- sections ------------------------------------------------------------------------------
    SECTIONS = (
        "title", "summary", "heatmap", "attention", "kostra", "service", "rankings", "spread", "notes",
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

    # -- Kort fortalt -----------------------------------------------------------------------------
    def summary_sentences(self) -> list[str]:
        """Up to seven sentences for a reader with two minutes: targets met across the units, targets
        most units miss, the unit with the most met, those most in need of attention, the widest
        spread, and the area's spending against the KOSTRA group; then figures not shown."""
        lang, own = self.lang, self.own
        sentences = [self._count_sentence()]
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

    # -- the status heatmap -------------------------------------------------------------------------
    @section
    def heatmap_section(self) -> Section:
        """Units (columns) × indicators with a target (rows, by perspective): in every cell the
        status as symbol, word and colour, and the figure."""
        matrix = analysis.status_matrix(self.cards)
        if matrix.empty or not len(matrix.columns):
            return ""
        html = self._h2("heatmap", year=self.year) + scrolling(self._heatmap_table(matrix))
        return Section(html, frame=matrix)

    def _heatmap_table(self, matrix: pd.DataFrame) -> str:
        lang = self.lang
        own = self.own.set_index(["indicator_id", "unit_id"])
        names = self.units.set_index("unit_id")["name"]
        head = f'<th scope="col" class="indicator">{escape(tr("indicator", lang))}</th>' + "".join(
            f'<th scope="col" class="unit" data-unit="{escape(u)}">{escape(str(names[u]))}</th>'
            for u in matrix.index
        )
        perspectives = self._perspective_names()
        first = self.own.drop_duplicates("indicator_id").set_index("indicator_id")
        bodies, current, lines = [], None, []
        for indicator_id in matrix.columns:
            info = first.loc[indicator_id]
            if info["perspective"] != current:
                if lines:
                    bodies.append(f"<tbody>{''.join(lines)}</tbody>")
                current = info["perspective"]
                label = escape(perspectives.get(current, current))
                lines = [f'<tr class="perspective"><th colspan="{len(matrix.index) + 1}" scope="rowgroup">'
                         f"{label}</th></tr>"]  # fmt: skip
            spread_row = self._info(indicator_id)
            if spread_row["targets_differ"]:
                target = tr("area_targets_differ", lang)
            elif not pd.isna(spread_row["target"]):
                target = f"{tr('target', lang).lower()} {self._fmt(spread_row['target'], info)}"
            else:
                target = ""
            target_html = f'<br><small class="target-note">{escape(target)}</small>' if target else ""
            name = escape(format_text(str(info["name"]), lang))
            cells = [f'<th scope="row" class="indicator">{name}{target_html}</th>']
            for unit_id in matrix.index:
                key = (indicator_id, unit_id)
                cells.append(self._heat_cell(own.loc[key] if key in own.index else None, unit_id))
            lines.append(f'<tr data-indicator="{escape(indicator_id)}">{"".join(cells)}</tr>')
        bodies.append(f"<tbody>{''.join(lines)}</tbody>")
        legend = f'<caption class="legend">{escape(tr("area_heatmap_legend", lang, n=self.min_n))}</caption>'
        return (
            f'<table class="kit-table area-heatmap" id="heatmap">{legend}'
            f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table>"
        )

    def _heat_cell(self, row, unit_id: str) -> str:
        """Symbol and word on the status's colour, the figure under them."""
        lang = self.lang
        attrs = f'data-unit="{escape(unit_id)}"'
        if row is None or row["value_status"] == NOT_APPLICABLE:
            word, symbol, status, figure = tr("heat_not_applicable", lang), "", "not_applicable", ""
        elif bool(row["suppressed"]) and pd.isna(row["value"]):
            word, symbol, status = tr("heat_suppressed", lang), STATUS_SYMBOL[Status.NO_DATA], "suppressed"
            figure = tr("too_few", lang, n=self.min_n)
        else:
            status = row["status"]
            word, symbol = tr(f"heat_{status}", lang), STATUS_SYMBOL[status]
            figure = "" if pd.isna(row["value"]) else self._fmt(row["value"], row)
            if pd.isna(row["value"]) and row["value_status"] == NOT_YET_AVAILABLE:
                figure = tr("missing_..", lang)
        css = {"suppressed": "no_data", "not_applicable": "no_target"}.get(status, status)
        figure_html = f'<span class="heat-value">{escape(figure)}</span>' if figure else ""
        return (
            f'<td class="heat status status-{css}" {attrs}><span class="heat-status">'
            f"{escape(symbol) + '&nbsp;' if symbol else ''}{escape(word)}</span>{figure_html}</td>"
        )

    # -- the units that most need attention -----------------------------------------------------------
    @section
    def attention_section(self) -> Section:
        lang = self.lang
        found = self.attention
        html = [self._h2("attention")]
        if found.empty:
            html.append(f'<p class="empty">{escape(tr("area_attention_none", lang))}</p>')
            return Section("".join(html), frame=found)
        html.append(self._note(tr("area_attention_note", lang)))
        html.append('<ol class="attention">')
        markdown = []
        for _, rows in found.groupby("priority", sort=True):
            name = rows["unit_name"].iat[0]
            bullets = self._attention_bullets(rows)
            items = "".join(f"<li>{escape(b)}</li>" for b in bullets)
            html.append(f'<li class="attention-unit"><strong>{escape(name)}</strong><ul>{items}</ul></li>')
            markdown.append(f"{name}: " + "; ".join(bullets))
        html.append("</ol>")
        return Section("".join(html), frame=found, markdown=markdown_list(markdown))

    def _attention_bullets(self, rows: pd.DataFrame) -> list[str]:
        lang, out = self.lang, []
        for _, r in rows[rows["reason"] == analysis.Reason.MOST_NOT_MET].iterrows():
            out.append(tr("area_reason_not_met", lang, symbol=STATUS_SYMBOL[Status.NOT_MET],
                          count=int(r["count"]), total=int(r["total"])))  # fmt: skip
        worse = rows[rows["reason"] == analysis.Reason.WORSENING]
        if len(worse):
            items = []
            for _, r in worse.iterrows():
                info = self._info(r["indicator_id"])
                items.append(tr(
                    "area_moved", lang, name=_name(r["name"], lang),
                    start=_figure(r["trend_from_value"], info, lang),
                    start_period=format_period(r["trend_from_period"], lang),
                    value=_figure(r["value"], info, lang), period=format_period(r["period"], lang),
                ))  # fmt: skip
            out.append(tr("area_reason_worsening", lang, symbol=TREND_SYMBOL[Trend.WORSENING],
                          items=_some(items, lang)))  # fmt: skip
        below = rows[rows["reason"] == analysis.Reason.BELOW_MEDIAN]
        if len(below):
            items = []
            for _, r in below.iterrows():
                info = self._info(r["indicator_id"])
                value, median = _figure(r["value"], info, lang), _figure(r["median"], info, lang)
                name = _name(r["name"], lang)
                items.append(tr("area_against_median", lang, name=name, value=value, median=median))
            out.append(tr("area_reason_below_median", lang, items=_some(items, lang)))
        return out

    # -- KOSTRA's four dimensions -----------------------------------------------------------------------
    @section
    def kostra_section(self) -> Section:
        """The area as a whole in seed 004's four dimensions, each named as the seed names it, with
        the KOSTRA group and the country; a dimension the data has no figure for says so."""
        frame = self.kostra
        lang = self.lang
        groups = self.groups
        head = [tr("area_dimension", lang), tr("indicator", lang), tr("area_value", lang)]
        head += [
            groups.get("peer_group") or tr("peer_group", lang),
            groups.get("national") or tr("national", lang),
        ]
        head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
        lines = []
        for dimension in analysis.DIMENSIONS:
            rows = frame[frame["dimension"] == dimension]
            label = (
                f'<th scope="rowgroup" rowspan="{len(rows)}" class="dimension">'
                f'{escape(tr(f"area_dim_{dimension}", lang))}<br><small class="dimension-note">'
                f"{escape(tr(f'area_dim_{dimension}_note', lang))}</small></th>"
            )
            for i, (_, row) in enumerate(rows.iterrows()):
                first = label if i == 0 else ""
                if pd.isna(row["indicator_id"]):
                    text = tr("area_no_dimension", lang, dimension=tr(f"area_dim_{dimension}", lang).lower())
                    lines.append(f'<tr>{first}<td colspan="4" class="empty">{escape(text)}</td></tr>')
                    continue
                period = (
                    f' <span class="period">{escape(format_period(row["period"], lang))}</span>'
                    if str(row["period"]) != str(self.year)
                    else ""
                )
                lines.append(
                    f'<tr data-indicator="{escape(str(row["indicator_id"]))}">{first}'
                    f'<td class="indicator">{escape(format_text(str(row["name"]), lang))}</td>'
                    f'<td class="num">{escape(self._fmt(row["value"], row))}{period}</td>'
                    f'<td class="num">{self._kostra_benchmark(row, "peer_group")}</td>'
                    f'<td class="num">{self._kostra_benchmark(row, "national")}</td></tr>'
                )
        table = (
            f'<table class="kit-table kostra" id="kostra"><thead><tr>{head_html}</tr></thead>'
            f"<tbody>{''.join(lines)}</tbody></table>"
        )
        notes = [tr("area_kostra_note", lang)]
        late = frame[(frame["year_status"] == NOT_YET_AVAILABLE) & frame["value"].notna()]
        if len(late):
            names = [_name(n, lang) for n in late["name"]]
            notes.append(tr("area_kostra_late", lang, year=self.year, items=_some(names, lang)))
        html = self._h2("kostra") + scrolling(table) + "".join(self._note(n) for n in notes)
        return Section(html, frame=frame)

    def _kostra_benchmark(self, row, role: str) -> str:
        """The benchmark, and in brackets how far the area lies from it: '(−4 %, bedre)'."""
        value = row[f"{role}_value"]
        if pd.isna(value):
            return ""
        lang, diff = self.lang, row[f"{role}_diff"]
        unit = str(row["unit_of_measure"]).strip().lower()
        if unit in ("nok", "kr", "dkk") and value:  # kroner: in per cent of the benchmark
            share = 100 * diff / abs(value)
            number = format_number(share, 0 if abs(share) >= 10 else 1, lang)
            sign = "+" if number.strip("0,.−") and not number.startswith("−") else ""
            shown = f"{sign}{number}\u00a0%" if lang != "en" else f"{sign}{number}%"
        elif unit == "%":  # shares: in percentage points
            shown = format_gap(diff, "%", _decimals(row), lang)
        else:  # the figure beside it says the unit
            shown = format_gap(diff, "", _decimals(row), lang)
        gap = row[f"{role}_gap"]
        rounded = round(float(diff), _decimals(row))
        verdict = ""
        if not pd.isna(gap) and rounded != 0:
            verdict = tr("better" if gap > 0 else "worse", lang)
        inside = ", ".join(x for x in (shown if rounded != 0 else tr("area_same", lang), verdict) if x)
        return f'{escape(self._fmt(value, row))} <span class="gap">({escape(inside)})</span>'

    # -- what the service is usually discussed by -----------------------------------------------------------
    @section
    def service_section(self) -> Section:
        """National tests (schools), staff qualifications, processing time against the statutory
        limit (building permits): each where the area's indicators have them, as the service
        discusses them."""
        parts, frames, figures = [], [], []
        for view in (self._national_tests, self._qualification, self._processing_time):
            for html, frame, figure in view():
                parts.append(html)
                frames.append(frame)
                figures += figure
        if not parts:
            return ""
        frame = pd.concat(frames, ignore_index=True) if frames else None
        return Section("".join(parts), frame=frame, figures=tuple(figures))

    def _indicators_matching(self, pattern: re.Pattern, unit: str | None = None) -> list[pd.Series]:
        first = self.own.drop_duplicates("indicator_id")
        found = []
        for _, row in first.iterrows():
            if not pattern.search(str(row["name"])):
                continue
            if unit is not None and str(row["unit_of_measure"]).strip() != unit:
                continue
            if row["indicator_id"] in set(
                self.spread.loc[self.spread["units_with_figure"] > 0, "indicator_id"]
            ):
                found.append(row)
        return found

    def _benchmark_years(self, indicator_id: str, years: list[int]) -> dict[str, dict[int, float]]:
        bench = self.data.benchmarks
        out = {}
        for role, group in self.groups.items():
            mine = bench[(bench["group"] == group) & (bench["indicator_id"] == indicator_id)]
            out[role] = {
                int(y): v for y, v in zip(mine["year"], mine["value"]) if int(y) in years and not pd.isna(v)
            }
        return out

    def _national_tests(self):
        """Per school the last three years and their mean against the country: small year groups
        make one year's result swing, so the three years say more than the last alone."""
        lang = self.lang
        for row in self._indicators_matching(NATIONAL_TESTS):
            years = list(range(self.year - 2, self.year + 1))
            units = self.units["unit_id"]
            recent = analysis.recent_values(self.values, units, row["indicator_id"], self.year, len(years))
            applies = ~recent[[f"status_{y}" for y in years]].eq(NOT_APPLICABLE).all(axis=1)
            hidden = (recent[[f"status_{y}" for y in years]] == SUPPRESSED).sum(axis=1)
            recent = recent[applies & (recent["years_with_figure"] + hidden > 0)]
            recent = recent.assign(name=recent["unit_id"].map(self.units.set_index("unit_id")["name"]))
            recent = recent.sort_values("mean", ascending=False, na_position="last", kind="stable")
            bench = self._benchmark_years(row["indicator_id"], years)
            national = bench.get("national", {})
            head = [tr("area_school", lang), *map(str, years), tr("area_mean_years", lang, n=len(years))]
            compare = bool(national)
            if compare:
                group = self._national_in_sentence()
                head.append(tr("area_against", lang, group=group))
            lines = []
            for _, r in recent.iterrows():
                cells = [f'<th scope="row">{escape(str(r["name"]))}</th>']
                for y in years:
                    cells.append(
                        f'<td class="num">{self._year_cell(r[f"value_{y}"], r[f"status_{y}"], row)}</td>'
                    )
                mean = f"<strong>{escape(self._fmt(r['mean'], row))}</strong>"
                counted = int(r["years_with_figure"])
                if 0 < counted < len(years):  # a mean of fewer years says so
                    few = tr("area_years_of", lang, n=counted, total=len(years))
                    mean += f' <small class="unit-ref">({escape(few)})</small>'
                cells.append(f'<td class="num">{mean}</td>')
                if compare:
                    # the country over the same years as the school's figures
                    same = [national[y] for y in years if y in national and not pd.isna(r[f"value_{y}"])]
                    ref = np.mean(same) if same else np.nan
                    cells.append(f'<td class="num">{self._signed(r["mean"] - ref, row)}</td>')
                lines.append(f"<tr>{''.join(cells)}</tr>")
            for role in ("peer_group", "national"):
                figures = bench.get(role, {})
                if not figures:
                    continue
                label = self.groups.get(role) or tr(role, lang)
                cells = [f'<th scope="row" class="benchmark">{escape(label)}</th>']
                cells += [
                    f'<td class="num">{escape(self._fmt(figures.get(y, np.nan), row))}</td>' for y in years
                ]
                mean = np.mean(list(figures.values())) if figures else np.nan
                cells.append(
                    f'<td class="num">{escape(self._fmt(mean, row))}</td>' + ("<td></td>" if compare else "")
                )
                lines.append(f'<tr class="benchmark-row">{"".join(cells)}</tr>')
            head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
            table = (
                f'<table class="kit-table national-tests" data-indicator="{escape(row["indicator_id"])}">'
                f"<thead><tr>{head_html}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
            )
            text = [tr("area_tests_note", lang)]
            this_year = recent[f"value_{self.year}"]
            if self.year in national and this_year.notna().any():
                ref = national[self.year]
                places = _decimals(row)
                above = int((this_year.round(places) > round(ref, places)).sum())
                text.insert(0, tr("area_tests_above", lang, above=above, n=int(this_year.notna().sum()),
                                  group=self._national_in_sentence(),
                                  value=self._fmt(ref, row), year=self.year))  # fmt: skip
            heading = escape(format_text(row["name"], lang))
            html = (
                f'<h2 id="area-tests-{escape(row["indicator_id"])}">{heading}</h2>'
                + "".join(self._note(t) for t in text)
                + scrolling(table)
            )
            yield html, recent.assign(indicator_id=row["indicator_id"]), []

    def _year_cell(self, value, status, row) -> str:
        if pd.isna(value):
            known = status in (NOT_YET_AVAILABLE, SUPPRESSED, NOT_APPLICABLE)
            reason = tr(f"missing_{status}", self.lang) if known else tr("no_data", self.lang)
            return f'<span class="missing">{escape(reason)}</span>'
        return escape(self._fmt(value, row))

    def _signed(self, diff, row) -> str:
        if pd.isna(diff):
            return ""
        return escape(format_gap(diff, row["unit_of_measure"], _decimals(row), self.lang))

    def _qualification(self):
        """Staff qualifications: the share per unit, its change since last year, the target, and
        the KOSTRA group and the country below; the sentence counts units below the country."""
        lang = self.lang
        for row in self._indicators_matching(QUALIFICATION, unit="%"):
            indicator_id = row["indicator_id"]
            recent = analysis.recent_values(self.values, self.units["unit_id"], indicator_id, self.year, 2)
            ranks = self.ranks[self.ranks["indicator_id"] == indicator_id].set_index("unit_id")
            recent = recent.assign(
                name=recent["unit_id"].map(self.units.set_index("unit_id")["name"]),
                status=recent["unit_id"].map(ranks["status"]),
                target=recent["unit_id"].map(ranks["target"]),
                position=recent["unit_id"].map(ranks["position"]),
            ).sort_values("position", kind="stable")
            now, before = f"value_{self.year}", f"value_{self.year - 1}"
            head = [tr("unit", lang), str(self.year), tr("area_change_since", lang, year=self.year - 1),
                    tr("target", lang), tr("status", lang)]  # fmt: skip
            lines = []
            for _, r in recent.iterrows():
                status = r["status"] if isinstance(r["status"], str) else Status.NO_TARGET
                label = f"{STATUS_SYMBOL[status]} {tr(status, lang)}"
                status_html = (
                    f'<td class="status status-{status}">{escape(label)}</td>'
                    if status != Status.NO_TARGET else "<td></td>"
                )  # fmt: skip
                lines.append(
                    f'<tr><th scope="row">{escape(str(r["name"]))}</th>'
                    f'<td class="num">{self._year_cell(r[now], r[f"status_{self.year}"], row)}</td>'
                    f'<td class="num">{self._signed(r[now] - r[before], row)}</td>'
                    f'<td class="num">{escape(self._fmt(r["target"], row))}</td>{status_html}</tr>'
                )
            bench = self._benchmark_years(indicator_id, [self.year - 1, self.year])
            for role in ("peer_group", "national"):
                figures = bench.get(role, {})
                if self.year not in figures:
                    continue
                label = self.groups.get(role) or tr(role, lang)
                change = figures[self.year] - figures.get(self.year - 1, np.nan)
                lines.append(
                    f'<tr class="benchmark-row"><th scope="row" class="benchmark">{escape(label)}</th>'
                    f'<td class="num">{escape(self._fmt(figures[self.year], row))}</td>'
                    f'<td class="num">{self._signed(change, row)}</td><td></td><td></td></tr>'
                )
            head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
            table = (
                f'<table class="kit-table qualification" data-indicator="{escape(indicator_id)}">'
                f"<thead><tr>{head_html}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
            )
            text = []
            national = bench.get("national", {}).get(self.year)
            shown = recent[now].dropna()
            if national is not None and len(shown):
                places = _decimals(row)
                below = int((shown.round(places) < round(national, places)).sum())
                group = self._national_in_sentence()
                text.append(tr("area_qualification_below", lang, below=below, n=len(shown), group=group,
                               name=_name(row["name"], lang), value=self._fmt(national, row)))  # fmt: skip
            title = tr("area_qualification_title", lang, name=_name(row["name"], lang))
            html = (
                f'<h2 id="area-qualification-{escape(indicator_id)}">{escape(title)}</h2>'
                + "".join(self._note(t) for t in text)
                + scrolling(table)
            )
            yield html, recent.assign(indicator_id=indicator_id), []

    @functools.cached_property
    def _timed(self) -> list[tuple[pd.Series, float]]:
        """The units' processing times in days with the statutory limit their indicator states."""
        definitions = self.data.indicators.set_index("indicator_id")["definition"]
        timed = []
        for _, row in self.own.drop_duplicates("indicator_id").iterrows():
            if str(row["unit_of_measure"]).strip().lower() not in DAY_UNITS:
                continue
            limit = statutory_limit(row["name"], definitions.get(row["indicator_id"], ""))
            shown = self.ranks.loc[self.ranks["indicator_id"] == row["indicator_id"], "shown"]
            if limit is not None and shown.notna().any():
                timed.append((row, limit))
        return timed

    def _processing_time(self):
        """Processing time in days against the statutory limit the indicator states, per unit
        (a chart with the limit as a line, and a table with the days over or under it), and the
        share decided within the limit: an average within the limit can hide cases beyond it."""
        lang = self.lang
        timed = self._timed
        if not timed:
            return
        within = [r for r in self._indicators_matching(WITHIN_LIMIT, unit="%")]
        panels, alts, lines_of = [], [], {}
        head = [tr("unit", lang)]
        for row, limit in timed:
            head.append(format_text(row["name"], lang))
            panel, alt = self._ranking_panel(row["indicator_id"], limit=limit)
            panels.append(panel)
            alts.append(alt)
        head += [format_text(r["name"], lang) for r in within]
        names = self.units.set_index("unit_id")["name"]
        for unit_id in self.units["unit_id"]:
            cells = [f'<th scope="row">{escape(str(names[unit_id]))}</th>']
            for row, limit in timed:
                rank = self.ranks[
                    (self.ranks["indicator_id"] == row["indicator_id"]) & (self.ranks["unit_id"] == unit_id)
                ]
                cells.append(f'<td class="num">{self._limit_cell(rank, row, limit)}</td>')
            for r in within:
                rank = self.ranks[
                    (self.ranks["indicator_id"] == r["indicator_id"]) & (self.ranks["unit_id"] == unit_id)
                ]
                value = rank["shown"].iat[0] if len(rank) else np.nan
                cells.append(f'<td class="num">{escape(self._fmt(value, r))}</td>')
            lines_of[unit_id] = f"<tr>{''.join(cells)}</tr>"
        head_html = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
        table = (
            f'<table class="kit-table processing-time"><thead><tr>{head_html}</tr></thead>'
            f"<tbody>{''.join(lines_of.values())}</tbody></table>"
        )
        text = []
        for row, limit in timed:
            shown = self.ranks[(self.ranks["indicator_id"] == row["indicator_id"])]["shown"].dropna()
            inside = int((shown.round(_decimals(row)) <= limit).sum())
            text.append(tr("area_time_within", lang, name=format_text(row["name"], lang), inside=inside,
                           n=len(shown), limit=format_number(limit, 0, lang)))  # fmt: skip
        if within:
            text.append(tr("area_time_share_note", lang, name=_name(within[0]["name"], lang)))
        fig = ranking_figure(panels, lang)
        html = (
            self._h2("processing_time")
            + "".join(self._note(t) for t in text)
            + _figure_block(fig, " ".join(alts))
            + scrolling(table)
        )
        frame = self.ranks[self.ranks["indicator_id"].isin([r["indicator_id"] for r, _ in timed])]
        yield html, frame, [fig]

    def _limit_cell(self, rank: pd.DataFrame, row, limit: float) -> str:
        if rank.empty:
            return ""
        value = rank["shown"].iat[0]
        if pd.isna(value):
            return self._year_cell(value, rank["value_status"].iat[0], row)
        days = round(float(value), _decimals(row)) - limit
        status = Status.MET if days <= 0 else Status.NOT_MET
        key = "area_days_under" if days < 0 else "area_days_over" if days > 0 else "area_days_on"
        key = key.replace("days", "day") if abs(days) == 1 else key
        words = tr(key, self.lang, days=format_number(abs(days), _decimals(row), self.lang))
        return (
            f'{escape(self._fmt(value, row))}<br><small class="limit status-{status}">'
            f"{escape(STATUS_SYMBOL[status])} {escape(words)}</small>"
        )

    # -- the rankings ----------------------------------------------------------------------------------
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
            inside = int((shown.round(_decimals(info)) <= limit).sum())
            message = tr("area_msg_within_limit", lang, inside=inside, total=len(shown))
        elif judged:
            met, uncertain = int(info["met"]), int((rows["status"] == Status.UNCERTAIN).sum())
            key = "area_msg_all_met" if met == judged else "area_msg_met_uncertain" if uncertain else (
                "area_msg_none_met" if met == 0 else "area_msg_met"
            )  # fmt: skip
            key = "area_msg_both_met" if key == "area_msg_all_met" and judged == 2 else key
            message = tr(key, lang, met=met, total=judged, uncertain=uncertain)
        elif ranked:
            best = rows["unit_name"].iat[0]
            message = tr("area_msg_best", lang, unit=best) if info["units_with_figure"] >= 2 else ""
        else:
            message = tr("area_msg_listed", lang)
        name = format_text(str(info["name"]), lang)
        panel = RankingPanel(frame, name=name, message=message, unit=str(info["unit_of_measure"]),
                             decimals=_decimals(info), references=refs, coloured=judged > 0)  # fmt: skip
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

    # -- the spread --------------------------------------------------------------------------------------
    @section
    def spread_section(self) -> Section:
        lang = self.lang
        rows = self.spread[self.spread["units_with_figure"] > 0]
        if rows.empty:
            return ""
        names = self.units.set_index("unit_id")["name"]
        heads = ["indicator", "area_units_with_figure", "area_lowest", "median", "area_highest",
                 "area_middle_half", "peer_group", "national"]  # fmt: skip
        words = [tr(h, lang) for h in heads]
        head = "".join(f'<th scope="col">{escape(w[:1].upper() + w[1:])}</th>' for w in words)
        lines = []
        for _, r in rows.iterrows():

            def fig(value, row=r):
                return escape(self._fmt(value, row))

            def with_unit(value, unit_id):
                return (
                    f'{fig(value)}<br><small class="unit-ref">{escape(str(names.get(unit_id, "")))}</small>'
                )

            low = format_number(r["q1"], _decimals(r), lang)
            middle = f"{low}–{self._fmt(r['q3'], r)}" if not pd.isna(r["q1"]) else ""
            counted = (
                f"{format_number(r['units_with_figure'], 0, lang)} / {format_number(r['units'], 0, lang)}"
            )
            lines.append(
                f'<tr data-indicator="{escape(r["indicator_id"])}">'
                f'<th scope="row" class="indicator">{escape(format_text(str(r["name"]), lang))}</th>'
                f'<td class="num">{counted}</td>'
                f'<td class="num">{with_unit(r["min"], r["lowest_unit"])}</td>'
                f'<td class="num">{fig(r["median"])}</td>'
                f'<td class="num">{with_unit(r["max"], r["highest_unit"])}</td>'
                f'<td class="num">{escape(middle)}</td><td class="num">{fig(r["peer_group_value"])}</td>'
                f'<td class="num">{fig(r["national_value"])}</td></tr>'
            )
        table = (
            f'<table class="kit-table spread" id="spread"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(lines)}</tbody></table>"
        )
        note = tr("area_spread_note", lang, median=analysis.MIN_UNITS_FOR_MEDIAN,
                  quartiles=analysis.MIN_UNITS_FOR_QUARTILES)  # fmt: skip
        return Section(self._h2("spread") + scrolling(table) + self._note(note), frame=rows)

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
