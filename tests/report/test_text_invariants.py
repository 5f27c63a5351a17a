"""No text a reader sees holds a placeholder, an empty slot or a wrong decimal mark.

Every sample unit's briefing is made in-process in nb, da and en: the sections' HTML
text, the alt texts and every text drawn in the charts (titles, labels, ticks), the run
index and the scorecard CSV. Edge-case scorecards check that the narrative still reads
as correct sentences when nothing is met, nothing has a target, everything is missing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

from kitlib import load_data, sample_folder
from kitlib.analysis.scorecard import prepared_values, scorecard
from kitlib.batch.plan import UnitResult
from kitlib.batch.run import make_plan
from kitlib.batch.run_report import render_index
from kitlib.batch.unit_runner import scorecard_csv
from kitlib.report import briefing as briefing_module
from kitlib.report import charts
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
