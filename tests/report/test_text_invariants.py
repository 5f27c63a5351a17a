"""No text a reader sees holds a placeholder, an empty slot or a wrong decimal mark.

Every sample unit's briefing is made in-process in nb, da and en: the sections' HTML
text, the alt texts and every text drawn in the charts (titles, labels, ticks), the run
index and the scorecard CSV. Edge-case scorecards check that the narrative still reads
as correct sentences when nothing is met, nothing has a target, everything is missing.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from kitlib import load_data, sample_folder
from kitlib.analysis.nameable import MOVING, nameable_trends
from kitlib.analysis.scorecard import prepared_values, scorecard
from kitlib.batch.plan import UnitResult
from kitlib.batch.run import make_plan
from kitlib.batch.run_report import render_index
from kitlib.batch.unit_runner import scorecard_csv
from kitlib.data.periods import parse_period
from kitlib.report import briefing as briefing_module
from kitlib.report import charts
from kitlib.report.briefing.figures import ChartSections
from kitlib.report.formatting import format_indicator_value, format_period
from kitlib.report.i18n import tr, trend_label
from kitlib.report.narrative import summary_sentences

LANGS = ("nb", "da", "en")
PLACEHOLDER = re.compile(r"\b(?:nan|NaN|NaT|inf|Infinity)\b|\bNone\b(?! of)|<NA>|\{\w*\}")
EMPTY_SLOT = re.compile(r"\S {2,}\S|\s[.,:;]|\(\s*\)|\(\s*[–-]\s*\)")
# The unit leader's comments are their own words (Norwegian decimals in an English note
# are theirs to write): the kit's text around them is checked, their text is not.
USERS_OWN_WORDS = re.compile(r'<(p|div) class="comment comment-\w+">.*?</\1>', re.S)
WRONG_DECIMAL = {
    "nb": re.compile(r"\d\.\d"),  # 4,5 and 1 234 in Norwegian
    "da": re.compile(r"\d\.\d{1,2}(?!\d)|\d\.\d{4,}"),  # 4,5 and 1.234 in Danish
    "en": re.compile(r"\d,\d{1,2}(?!\d)|\d,\d{4,}"),  # 4.5 and 1,234 in English
}


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes and alt/title/aria-label attributes."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(data)


def visible_texts(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(p.split()) if "\n" in p else p.strip() for p in parser.parts]


def problems(texts: list[str], lang: str) -> list[str]:
    found = []
    for text in texts:
        for rule in (PLACEHOLDER, EMPTY_SLOT, WRONG_DECIMAL[lang]):
            if rule.search(text):
                found.append(f"{rule.search(text).group(0)!r} in {text!r}")
    return found


@pytest.fixture(scope="module")
def sample():
    data = load_data(sample_folder())
    return data, prepared_values(data)


def _chart_texts(monkeypatch) -> list[str]:
    """Collect every text drawn in the charts instead of encoding PNGs (the slow part)."""
    drawn: list[str] = []

    def texts_only(fig, alt, caption=""):
        for ax in fig.axes:
            labels = [ax.get_title(loc=loc) for loc in ("left", "center", "right")]
            labels += [ax.get_xlabel(), ax.get_ylabel()]
            labels += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
            labels += [t.get_text() for t in ax.texts]
            legend = ax.get_legend()
            if legend is not None:
                labels += [t.get_text() for t in legend.get_texts()]
            drawn.extend(label for label in labels if label)
        drawn.extend(t.get_text() for t in fig.texts if t.get_text())  # a figure's title and notes
        return f'<figure class="chart"><img alt="{alt}"></figure>'

    monkeypatch.setattr(charts, "figure_html", texts_only)
    return drawn


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_every_sample_briefing_reads_without_placeholders(sample, lang, monkeypatch):
    data, values = sample
    drawn = _chart_texts(monkeypatch)
    year = data.latest_year
    found, charted = {}, 0
    for unit_id in data.units["unit_id"]:
        card = scorecard(data, unit_id, year, values=values)
        note = briefing_module.Briefing(data, data.unit(unit_id), year, lang, card, values)
        html = "".join(section.html for section in note.sections())
        html = USERS_OWN_WORDS.sub("", html)
        texts = visible_texts(html) + drawn
        charted += len(drawn)
        drawn.clear()
        assert texts, unit_id
        bad = problems(texts, lang)
        if bad:
            found[unit_id] = bad[:5]
        csv = scorecard_csv(card)
        assert not re.search(r"(?:^|,)(?:nan|None|NaT|<NA>|inf)(?:,|$)", csv, re.M), unit_id
    # a note that reached figure_html other than through the package would leave the charts unread
    assert charted, "no chart text collected: the notes did not call charts.figure_html"
    assert not found, found


@pytest.mark.parametrize("lang", LANGS)
def test_the_run_index_reads_without_placeholders(lang):
    plan = make_plan(lang=lang)
    results = [UnitResult(job.unit_id, counts={"met": 2, "near": 1}) for job in plan.units]
    results[0] = UnitResult(plan.units[0].unit_id, status="failed", error="ValueError: boom", failed_cell=3)
    texts = visible_texts(render_index(plan, results))
    assert problems(texts, lang) == []
    assert any(plan.units[1].name in t for t in texts)


# ------------------------------------------------------------- edge-case scorecards


@pytest.fixture(scope="module")
def base_card(sample):
    data, values = sample
    return scorecard(data, "skole-nordby", data.latest_year, values=values)


def _sentences(card: pd.DataFrame, lang: str) -> list[str]:
    sentences = summary_sentences(card, 2025, lang, "KOSTRA-gruppe 13", min_respondents=5)
    assert sentences, "the summary never is empty"
    assert problems(sentences, lang) == []
    for sentence in sentences:
        assert not sentence[0].islower() and sentence.endswith("."), sentence
    return sentences


@pytest.mark.parametrize("lang", LANGS)
def test_every_target_met(base_card, lang):
    card = base_card.assign(status=np.where(base_card["status"] == "no_target", "no_target", "met"))
    card["trend"] = "stable"
    text = " ".join(_sentences(card, lang))
    total = int((card["status"] == "met").sum())
    assert {"nb": f"Alle {total} mål er nådd", "da": f"Alle {total} mål er nået",
            "en": f"All {total} targets were met"}[lang] in text  # fmt: skip
    assert "Ingen indikator" not in text and "No indicator" not in text  # "all met" says it once


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_improving_and_nothing_failing(base_card, lang):
    card = base_card.assign(trend="stable", status="met")
    card.loc[card.index[0], "status"] = "near"
    sentences = _sentences(card, lang)
    assert not any(
        s.startswith(("Størst forbedring", "Største forbedring", "Largest improvements")) for s in sentences
    )
    assert any(s.startswith(("Ingen indikator", "No indicator")) for s in sentences)


@pytest.mark.parametrize("lang", LANGS)
def test_nothing_with_a_target(base_card, lang):
    card = base_card.assign(status="no_target", target=np.nan)
    first = _sentences(card, lang)[0]
    assert first == {"nb": "Ingen av indikatorene har mål for 2025.",
                     "da": "Ingen af indikatorerne har mål for 2025.",
                     "en": "None of the indicators has a target for 2025."}[lang]  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
def test_every_value_missing(base_card, lang):
    card = base_card.assign(value=np.nan, value_status="..", trend="insufficient_data", peer_group_gap=np.nan)
    card["status"] = np.where(card["target"].notna(), "no_data", "no_target")
    sentences = _sentences(card, lang)
    assert not any("forbedring" in s or "bekymring" in s or "Largest" in s for s in sentences)
    # every value is ".." (not yet available): said so, not "figures are missing"
    assert sentences[-1].startswith(("Tall for", "Tal for", "Figures for"))
    assert sentences[-1].endswith(
        ("ikke tilgjengelige ennå.", "ikke tilgængelige endnu.", "not available yet.")
    )


@pytest.mark.parametrize("lang", LANGS)
def test_one_indicator_only(base_card, lang):
    card = (
        base_card[base_card["target"].notna() & base_card["value"].notna()].head(1).assign(status="not_met")
    )
    assert len(card) == 1
    sentences = _sentences(card, lang)
    assert sentences[0].startswith(("0 av 1", "0 af 1", "0 of 1"))


@pytest.mark.parametrize("lang", LANGS)
def test_all_suppressed(base_card, lang):
    card = base_card.assign(value=np.nan, value_status=":", suppressed=True, trend="insufficient_data",
                            peer_group_gap=np.nan)  # fmt: skip
    card["status"] = np.where(card["target"].notna(), "no_data", "no_target")
    sentences = _sentences(card, lang)
    # hidden for privacy, not missing: said as such, and not listed as "figures are missing"
    assert any(s.startswith(("Færre enn 5 svarte på", "Færre end 5 svarede på", "Fewer than 5 answered"))
               for s in sentences)  # fmt: skip
    assert not any(s.startswith(("Tall mangler", "Tal mangler", "Figures are missing")) for s in sentences)


# ------------------------------------------- chart titles, alt texts, captions: trends


def _phrase(key: str, lang: str) -> str:
    """The catalogue's phrase `key` as a pattern, any placeholder matching any text."""
    parts = re.split(r"\{\w+\}", tr(key, lang))
    return ".+?".join(re.escape(part) for part in parts)


def _trend_naming(lang: str) -> re.Pattern:
    """The words with which a chart names a trend: its title's movements and the arrows."""
    phrases = [_phrase(k, lang) for k in ("msg_up_since", "msg_down_since", "msg_run_up", "msg_run_down")]
    phrases += [re.escape(trend_label(code, lang)) for code in MOVING]
    return re.compile("|".join(phrases), re.I)


def _charted(monkeypatch) -> tuple[list, list]:
    """Every chart panel of the unit notes with its scorecard row and alt text, and every
    figure's alt text and caption, recorded as the notes make them."""
    panels, figures = [], []
    made = ChartSections._panel

    def panel(self, row, *args, **kwargs):
        out = made(self, row, *args, **kwargs)
        if out:
            panels.append((row, *out))
        return out

    def figure_html(fig, alt, caption=""):
        figures.append((alt, caption))
        return f'<figure class="chart"><img alt="{alt}"><figcaption>{caption}</figcaption></figure>'

    monkeypatch.setattr(ChartSections, "_panel", panel)
    monkeypatch.setattr(charts, "figure_html", figure_html)
    return panels, figures


def _compared_periods(alt: str, history: pd.DataFrame, lang: str) -> tuple[str, str] | None:
    """The two periods an alt text compares ("3. tertial 2023–3. tertial 2025: ..."), as
    the history writes them."""
    shown = {format_period(p, lang): str(p) for p in history["period"]}
    for first, a in shown.items():
        for last, b in shown.items():
            if f"{first}–{last}:" in alt:
                return a, b
    return None


def _chart_trend_faults(row, panel, alt: str, lang: str) -> list[str]:
    faults = []
    named = _trend_naming(lang)
    if (named.search(panel.message) or named.search(alt)) and not nameable_trends(pd.DataFrame([row])).iat[0]:
        faults.append(f"names a trend no text may name: {alt!r}")
    compared = _compared_periods(alt, panel.history, lang)
    if compared is None:
        return faults + [f"says not which periods it compares: {alt!r}"]
    first, last = (parse_period(p) for p in compared)
    if (first.freq, first.sub) != (last.freq, last.sub):
        faults.append(f"compares {compared[0]} with {compared[1]}, not like with like: {alt!r}")
    if last.freq != "Y" and str(row["period"]) != compared[1] and not pd.isna(row["value"]):
        year = f"{format_period(row['period'], lang)}: {format_indicator_value(row['value'], row, lang)}"
        if year not in alt:  # a tertial is not the year: the year's figure said as such
            faults.append(f"gives not the year's figure {year!r}: {alt!r}")
    return faults


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_chart_titles_alt_texts_and_captions_name_only_nameable_trends(sample, lang, monkeypatch):
    """Issue 24 items 1 and 3: a chart's title, alt text and caption keep the rule of every
    sentence (kitlib.analysis.nameable) and compare like with like."""
    data, values = sample
    panels, figures = _charted(monkeypatch)
    found = {}
    for unit_id in data.units["unit_id"]:
        card = scorecard(data, unit_id, data.latest_year, values=values)
        note = briefing_module.Briefing(data, data.unit(unit_id), data.latest_year, lang, card, values)
        html = "".join(section.html for section in note.sections())
        for row, panel, alt in panels:
            assert alt.startswith(panel.message) and alt in html, alt  # the title, then the figures
            faults = _chart_trend_faults(row, panel, alt, lang)
            if faults:
                found.setdefault(unit_id, []).extend(faults)
        drawn = {alt for _, _, alt in panels}
        for alt, caption in figures:  # figures of no one row (distance, variation) name no trend
            others = functools.reduce(lambda text, a: text.replace(a, ""), drawn, f"{alt} {caption}")
            if _trend_naming(lang).search(others):
                found.setdefault(unit_id, []).append(f"a figure names a trend: {others[:200]!r}")
        panels.clear(), figures.clear()
    assert not found, found


@pytest.mark.parametrize("lang", LANGS)
def test_a_title_never_names_a_trend_its_latest_change_went_against(lang):
    row = pd.Series(dict(
        indicator_id="frist", name="Innen frist", indicator_type="prioritering", unit_of_measure="%",
        direction="higher", period="2025", value=84.8, target=92.0, status="not_met", trend="worsening",
        trend_change=-4.9, trend_from_period="2021", trend_from_value=89.7, last_change=1.9,
        previous_period="2024", decimals=1,
    ))  # fmt: skip
    assert not nameable_trends(pd.DataFrame([row])).iat[0]
    title = charts.chart_message(row, None, lang)
    assert not _trend_naming(lang).search(title), title
    assert format_period("2024", lang) in title and "2025" in title  # the latest change, said as such
    # the change from one tertial to the next is a season: not told at all
    tertial = charts.chart_message(
        pd.Series({**row, "previous_period": "2025T2", "period": "2025T3"}), None, lang
    )
    assert not re.search(_phrase("msg_last_up", lang), tertial), tertial
    # the same row whose latest change went the trend's way names its trend
    assert _trend_naming(lang).search(
        charts.chart_message(pd.Series({**row, "last_change": -0.5}), None, lang)
    )
