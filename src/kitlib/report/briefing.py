"""The briefing note of one unit and year, section by section.

The notebook calls one ``*_section`` method per cell and displays the `Section` it returns:
the page's HTML for the reader, and the DataFrame, figures or Markdown behind it for the
analyst to reuse (kitlib.report.views). The batch renders the executed notebook.
Everything a politician reads is made here, in the chosen language.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from kitlib.analysis.cached import cached_histories, cached_scorecard, cached_values
from kitlib.analysis.codes import Status, Trend
from kitlib.analysis.history import Histories
from kitlib.analysis.scorecard import TOTAL, benchmark_groups, status_overview
from kitlib.data.contract import COMMENT_KINDS, CONTEXT_TYPE, QUESTION, SURVEY_TYPE
from kitlib.data.load import KitData, load_data
from kitlib.data.periods import MONTHLY, QUARTERLY, TERTIAL, YEARLY, parse_period
from kitlib.data.resources import sample_folder
from kitlib.report import charts
from kitlib.report.dialogue import Question, draft_questions
from kitlib.report.formatting import format_date, format_indicator_value, format_period, format_text
from kitlib.report.i18n import COUNTED_UNITS, check_language, status_label, tr, trend_label
from kitlib.report.narrative import in_sentence, summary_sentences
from kitlib.report.tables import (
    CONTEXT_HEADERS,
    SCORECARD_HEADERS,
    notes_table,
    overview_table,
    scorecard_table,
    survey_table,
)
from kitlib.report.views import Section, SectionedNote, markdown_list, sentence_list


def section(method=None, *, css: str = ""):
    """A section of the note as one block (a method returning its HTML, or a `Section` with
    the objects behind it). Its text is the data's, so JupyterLab must not typeset '$...$'
    in it as math (MathJax skips tex2jax_ignore / mathjax_ignore). `css` adds classes, e.g.
    ``detail-start``: on paper the detail begins on a new page."""
    if method is None:
        return functools.partial(section, css=css)
    classes = " ".join(filter(None, ("kit-section", css, "tex2jax_ignore mathjax_ignore")))

    @functools.wraps(method)
    def wrapper(self) -> Section:
        part = method(self)
        part = part if isinstance(part, Section) else Section(part)
        html = f'<div class="{classes}">{part.html}</div>' if part.html else ""
        return dataclasses.replace(part, html=html)

    return wrapper


def scrolling(table: str) -> str:
    """A table in its own box: on a phone it scrolls sideways there, never the page."""
    return f'<div class="table-scroll">{table}</div>'


@dataclass
class Briefing(SectionedNote):
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
        """The unit's own results: the rows that are judged, ranked and told as its story."""
        return self.card[(self.card["level"] == self.unit["level"]) & ~self._is_key_figure]

    @property
    def context(self) -> pd.DataFrame:
        """Figures of the unit's service area or the municipality, shown beside its results."""
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
        return {p: cfg.perspective_label(p, self.lang) for p in self.card["perspective"].unique()}

    def _history(self, indicator_id: str, freq: str | None = None) -> pd.DataFrame:
        return self._histories.of(self.unit["unit_id"], indicator_id, freq=freq)

    @functools.cached_property
    def _histories(self) -> Histories:
        """Every unit's history of every indicator, made once for all the charts (and, for data
        as load_data returned it, once per folder state: kitlib.analysis.cached)."""
        return cached_histories(self.data, self.values)

    @staticmethod
    def chart_periods(history: pd.DataFrame) -> int:
        """Seven years, or three years of tertials, quarters or months: enough to see a trend."""
        parts = {YEARLY: 7, TERTIAL: 9, QUARTERLY: 12, MONTHLY: 36}
        return parts[parse_period(history["period"].iat[-1]).freq] if len(history) else 0

    def _alt(self, row, history: pd.DataFrame) -> str:
        shown = history.dropna(subset=["value"])
        if shown.empty:
            return f"{row['name']}: {tr('no_data', self.lang)}"

        def fmt(v):
            return format_indicator_value(v, row, self.lang)

        first, last = shown.iloc[0], shown.iloc[-1]
        text = (
            f"{format_text(str(row['name']), self.lang)}, {format_period(first['period'], self.lang)}–"
            f"{format_period(last['period'], self.lang)}: {fmt(first['value'])} → {fmt(last['value'])}"
        )
        if not pd.isna(row["target"]):
            text += f"; {tr('target', self.lang).lower()} {fmt(row['target'])}"
        return f"{text}. {status_label(row['status'], self.lang)}, {trend_label(row['trend'], self.lang)}."

    # -- sections --------------------------------------------------------------
    SECTIONS = (
        "title", "summary", "overview", "questions", "scorecard", "comments", "context", "trend_charts",
        "distance", "survey", "sick_leave", "budget", "notes",
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
    def comments_section(self) -> Section:
        """The unit's own assessment and planned measures for the year, in its own words (escaped
        text, never HTML, Markdown or TeX): first about the whole unit, then per indicator in the
        scorecard's order. Empty when no unit has comments for the year."""
        comments = self.comments
        if comments.empty:
            c = self.data.comments
            if not ((c["year"] == self.year) & (c["kind"] != QUESTION)).any():
                return ""
            none = escape(tr("comments_none", self.lang, year=self.year))
            return f'{self._h2("comments")}<p class="empty">{none}</p>'
        order = list(dict.fromkeys([*self.card["indicator_id"], *self.data.indicators["indicator_id"]]))
        groups = [("", escape(tr("comments_unit", self.lang)), "")]
        names = dict(zip(self.data.indicators["indicator_id"], self.data.indicators["name"]))
        for indicator in sorted(set(comments["indicator_id"]) - {""}, key=order.index):
            name = format_text(str(names[indicator]), self.lang)
            groups.append((indicator, escape(name), self._comment_figure(indicator)))
        parts = [self._h2("comments")]
        parts.append(f'<p class="note">{escape(tr("comments_note", self.lang, year=self.year))}</p>')
        parts.append('<div class="comments tex2jax_ignore mathjax_ignore">')
        for indicator, name, figure in groups:
            rows = comments[comments["indicator_id"] == indicator]
            if rows.empty:
                continue
            anchor = f"comment-{indicator}" if indicator else "comments-unit"
            parts.append(f'<section class="comment-group"><h3 id="{escape(anchor)}">{name}</h3>{figure}')
            for kind in (k for k in COMMENT_KINDS if k != QUESTION):
                of_kind = rows[rows["kind"] == kind]
                # a tertial's (quarter's, month's) comment says which: the note is the year's
                texts = [
                    (
                        ""
                        if period == str(self.year)
                        else f'<span class="period">{escape(format_period(period, self.lang))}</span> '
                    )
                    + _plain_text(text)
                    for period, text in zip(of_kind["period"], of_kind["text"])
                ]
                label = f'<strong class="comment-kind">{escape(tr(f"comment_{kind}", self.lang))}:</strong>'
                if len(texts) == 1:
                    parts.append(f'<p class="comment comment-{kind}">{label} {texts[0]}</p>')
                elif texts:
                    items = "".join(f"<li>{t}</li>" for t in texts)
                    parts.append(f'<div class="comment comment-{kind}"><p>{label}</p><ul>{items}</ul></div>')
            parts.append("</section>")
        parts.append("</div>")
        return Section("".join(parts), frame=comments)

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

    def _comment_figure(self, indicator: str) -> str:
        """The figure a comment is about, to read without turning back: '10,9 % · mål 9,0 % · ✘ ikke nådd'."""
        rows = self.card[self.card["indicator_id"] == indicator]
        if rows.empty or pd.isna(rows["value"].iat[0]):
            return ""
        row = rows.iloc[0]
        parts = [format_indicator_value(row["value"], row, self.lang)]
        if not pd.isna(row["target"]):
            target = format_indicator_value(row["target"], row, self.lang)
            parts.append(f"{tr('target', self.lang).lower()} {target}")
            parts.append(status_label(row["status"], self.lang))
        return f'<p class="comment-figure">{escape(" · ".join(parts))}</p>'

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

    # -- charts (kitlib.report.charts): every indicator is drawn once ----------------------

    def _tertial_rows(self) -> pd.DataFrame:
        """The unit's indicators reported per tertial (sick leave): drawn in their own section."""
        values = self.values
        tertial = values[(values["unit_id"] == self.unit["unit_id"]) & (values["freq"] == TERTIAL)]
        return self.own[self.own["indicator_id"].isin(tertial["indicator_id"])]

    def _budget_rows(self) -> pd.DataFrame:
        """Spending (indicator_type okonomi): drawn in its own section."""
        return self.own[self.own["indicator_type"] == "okonomi"]

    def _yearly(self, indicator_id: str) -> pd.DataFrame:
        """The unit's yearly values up to the note's year: how a chart's title counts years in a row."""
        v = self.values
        mine = v[(v["unit_id"] == self.unit["unit_id"]) & (v["indicator_id"] == indicator_id)
                 & (v["freq"] == YEARLY) & (v["year"] <= self.year)]  # fmt: skip
        return mine.sort_values("period_index")[["period", "value"]]

    def _panel(self, row, freq: str | None = None, periods: int = 0, kind: str = "trend"):
        """(the indicator's chart panel, its alt text), or None when it has no figures to draw."""
        history = self._history(row["indicator_id"], freq=freq)
        history = history[history["year"] <= self.year]
        history = history.tail(periods or self.chart_periods(history))
        if history["value"].notna().sum() == 0:
            return None
        message = charts.chart_message(row, self._yearly(row["indicator_id"]), self.lang)
        decimals = 1 if pd.isna(row["decimals"]) else int(row["decimals"])
        name = format_text(str(row["name"]), self.lang)
        panel = charts.Panel(history, name=name, unit=row["unit_of_measure"], message=message,
                             decimals=decimals, kind=kind)  # fmt: skip
        return panel, f"{message}. {self._alt(row, history)}"

    def _figures(self, heading: str, panels, empty: str = "") -> Section:
        """The panels as figures under `heading`: those of one kind and frequency together as
        small multiples on a shared period axis (and a shared value axis where they have one
        unit and read well together), in the order of the scorecard, at most six to a figure
        (one page of A4; one figure leaves no empty cells between figures on paper). The
        section keeps the figures and the plotted rows (one per indicator and period) for
        the analyst; `empty` is said when there is nothing to draw."""
        groups: dict[tuple, list] = {}
        for panel, alt in panels:
            freq = parse_period(panel.history["period"].iat[-1]).freq
            groups.setdefault((panel.kind, freq), []).append((panel, alt))
        html, figures = [self._h2(heading)], []
        if empty and not panels:
            html.append(f'<p class="empty">{escape(tr(empty, self.lang))}</p>')
        for group in groups.values():
            for start in range(0, len(group), 6):
                chunk = group[start : start + 6]
                figures.append(charts.panel_figure([panel for panel, _ in chunk], self.lang))
                html.append(charts.figure_html(figures[-1], " ".join(alt for _, alt in chunk)))
        plotted = [panel.history.assign(indicator=panel.name) for panel, _ in panels]
        frame = pd.concat(plotted, ignore_index=True) if plotted else None
        return Section("".join(html), frame=frame, figures=tuple(figures))

    @section
    def trend_charts_section(self) -> Section:
        """A chart for every indicator that is not met or is worsening, except those with a
        section of their own (sick leave per tertial, spending): no chart is shown twice."""
        own = self.own
        rows = own[(own["status"] == Status.NOT_MET) | (own["trend"] == Trend.WORSENING)]
        elsewhere = set(self._tertial_rows()["indicator_id"]) | set(self._budget_rows()["indicator_id"])
        shown = rows[~rows["indicator_id"].isin(elsewhere)]
        panels = [p for p in (self._panel(row) for _, row in shown.iterrows()) if p]
        empty = "nothing_to_chart" if rows.empty else "charts_below" if shown.empty else "no_data_section"
        return self._figures("charts", panels, empty)

    @section
    def distance_section(self) -> Section:
        rows = charts.distance_rows(self.own)
        if rows.empty:
            return ""
        fig = charts.distance_figure(self.own, self.lang)
        alt = [
            tr("msg_targets_met", self.lang, met=int((rows["status"] == Status.MET).sum()), total=len(rows))
        ]
        for measure in ("pp", "pct"):
            chosen = rows[rows["measure"] == measure]
            if len(chosen):
                items = "; ".join(
                    f"{r['name']}: {status_label(r['status'], self.lang)} ({text})"
                    for (_, r), text in zip(chosen.iterrows(), charts.gap_texts(chosen, self.lang))
                )
                alt.append(f"{tr(f'distance_{measure}', self.lang)}: {items}")
        html = self._h2("distance") + charts.figure_html(fig, ". ".join(alt) + ".")
        return Section(html, frame=rows, figures=(fig,))

    @section
    def survey_section(self) -> Section:
        rows = self.own[self.own["indicator_type"] == SURVEY_TYPE]
        html = self._h2("survey") + scrolling(survey_table(rows, self.lang, min_n=self.min_n))
        return Section(html, frame=rows)

    @section
    def sick_leave_section(self) -> Section:
        """Indicators reported per tertial (sick leave), the last three years, as bars."""
        rows = self._tertial_rows()
        if rows.empty:
            return ""
        panels = [p for p in (self._panel(row, TERTIAL, 9, "bars") for _, row in rows.iterrows()) if p]
        return self._figures("sick_leave", panels, "no_data_section")

    @section
    def budget_section(self) -> Section:
        """Spending: a percentage of budget as dots around the budget line, kroner as lines."""
        rows = self._budget_rows()
        if rows.empty:
            return ""
        panels = []
        for _, row in rows.iterrows():
            kind = "budget" if row["unit_of_measure"] == "%" else "trend"
            panels.append(self._panel(row, YEARLY, 6, kind))
        return self._figures("budget", [p for p in panels if p], "no_data_section")

    @section
    def notes_section(self) -> Section:
        table = notes_table(self.card, self.lang, data_date=self.data_date)
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


def title_block(
    kicker: str, name: str, facts: list[str], lang: str, data_date: str = "", figures: str = ""
) -> str:
    """A note's title block: kicker, name, key figures (HTML), facts and the date of the data."""
    if data_date:
        facts = [*facts, tr("generated_from", lang, date=format_date(data_date, lang))]
    return (
        f'<header class="briefing-title"><p class="kicker">{escape(kicker)}</p>'
        f'<h1 class="unit-name">{escape(name)}</h1>{figures}'
        f'<p class="facts">{escape(" · ".join(facts))}</p></header>'
    )


def key_figures_line(rows: pd.DataFrame, lang: str) -> str:
    """'72 barn · 16,5 årsverk · budsjett 18 400 000 kr': a figure whose unit says what it
    counts reads by itself; any other (kroner, %) follows its name."""
    parts = []
    for _, row in rows.iterrows():
        shown = format_indicator_value(row["value"], row, lang)
        counted = str(row["unit_of_measure"]).strip().lower() in COUNTED_UNITS
        parts.append(shown if counted else f"{in_sentence(format_text(row['name'], lang))} {shown}")
    if not parts:
        return ""
    line = " · ".join(parts)
    return f'<p class="key-figures">{escape(line[0].upper() + line[1:])}</p>'


def _plain_text(text: str) -> str:
    """A text from the data folder as text: escaped, its line breaks kept."""
    return "<br>".join(escape(line.strip()) for line in str(text).splitlines())


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
