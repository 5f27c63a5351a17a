"""The service-area note (kitlib.report.area) as a reader meets it: a heatmap whose every cell
has symbol, word and colour, rankings drawn best first against the median, the KOSTRA group
and the country, the area's KOSTRA dimensions named as the seed names them, the service's
own indicators, and text without placeholders in nb, da and en."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from test_text_invariants import LANGS, problems, visible_texts

from kitlib import load_data, sample_folder
from kitlib.analysis import area as analysis
from kitlib.analysis.attention import attention
from kitlib.analysis.scorecard import prepared_values
from kitlib.errors import KitlibError
from kitlib.report import area as report
from kitlib.report import charts
from kitlib.report.formatting import format_indicator_value, format_number
from kitlib.report.i18n import STATUS_SYMBOL, tr
from kitlib.report.narrative import in_sentence

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
YEAR = 2025


@pytest.fixture(scope="module")
def sample():
    data = load_data(sample_folder())
    return data, prepared_values(data), {}


def note(sample, service_area: str, lang: str = "nb") -> report.AreaBriefing:
    """The area's note in `lang`; every unit's scorecard is computed once per area."""
    data, values, cards = sample
    if service_area not in cards:
        cards[service_area] = analysis.area_cards(data, service_area, YEAR, values)
    return report.AreaBriefing(data, service_area, YEAR, lang, cards[service_area], values)


class Cells(HTMLParser):
    """The heatmap's cells: (indicator, unit) -> (class, text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells: dict[tuple[str, str], list] = {}
        self.indicator = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            self.indicator = attrs.get("data-indicator")
        if tag == "td" and "data-unit" in attrs:
            self.cell = [attrs["class"], ""]
            self.cells[(self.indicator, attrs["data-unit"])] = self.cell

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data


def heat_cells(html: str) -> dict:
    parser = Cells()
    parser.feed(html)
    return parser.cells


# -- the heatmap ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("service_area", ["Barnehage", "Skole", "Barnevern"])
def test_every_heatmap_cell_has_symbol_word_and_colour(sample, service_area):
    b = note(sample, service_area)
    section = b.heatmap_section()
    matrix = section.frame
    cells = heat_cells(section.html)
    assert len(cells) == matrix.size and matrix.size > 0
    own = b.own.set_index(["indicator_id", "unit_id"])
    for indicator_id in matrix.columns:
        for unit_id in matrix.index:
            css, text = cells[(indicator_id, unit_id)]
            status = matrix.loc[unit_id, indicator_id]
            row = own.loc[(indicator_id, unit_id)] if (indicator_id, unit_id) in own.index else None
            if row is None or row["value_status"] == ".":  # not applicable to the unit: grey, no symbol
                assert "status-no_target" in css and text == tr("heat_not_applicable", "nb")
            elif row["suppressed"]:
                assert "status-no_data" in css
                assert text.startswith(f"{STATUS_SYMBOL['no_data']}\u00a0{tr('heat_suppressed', 'nb')}")
            else:
                assert f"status-{status}" in css.split()
                assert text.startswith(f"{STATUS_SYMBOL[status]}\u00a0{tr(f'heat_{status}', 'nb')}")
                if not np.isnan(row["value"]):
                    assert text.endswith(format_indicator_value(row["value"], row, "nb"))
    assert '<caption class="legend">' in section.html and "table-scroll" in section.html


def test_a_survey_figure_from_too_few_respondents_is_hidden_in_the_heatmap_and_the_ranking(sample):
    b = note(sample, "Barnevern")
    hidden = b.own[b.own["suppressed"] & (b.own["indicator_id"] == "bv_bu_helhet")]
    assert list(hidden["unit_id"]) == ["bv-tiltak"]  # four answered in 2025 (the sample's FORCED_N)
    css, text = heat_cells(b.heatmap_section().html)[("bv_bu_helhet", "bv-tiltak")]
    assert tr("heat_suppressed", "nb") in text and tr("too_few", "nb", n=5) in text
    ranks = b.ranks[b.ranks["indicator_id"] == "bv_bu_helhet"].set_index("unit_id")
    assert np.isnan(ranks.loc["bv-tiltak", "shown"]) and ranks["rank"].isna().loc["bv-tiltak"]
    # one unit with a figure is no ranking: no panel for it
    drawn = [t.get_text() for fig in b.rankings_section().figures for t in fig.texts]
    assert drawn and not any("Tilfredshet totalt (foreldre)" in t for t in drawn)
    assert not any("Medvirkning i egen sak" in t for t in drawn)  # hidden for bv-tiltak as well


# -- the ranking charts ---------------------------------------------------------------------------------


def _panel(b: report.AreaBriefing, section, indicator_id: str):
    """The Axes of `indicator_id` among the rankings: panels go in the spread's order, six to a figure."""
    drawn = {row["indicator_id"] for row, _ in b._timed}  # drawn against their limit elsewhere
    shown = [i for i in b.spread[b.spread["units_with_figure"] >= 2]["indicator_id"] if i not in drawn]
    i = shown.index(indicator_id)
    return section.figures[i // report.MAX_PANELS].axes[i % report.MAX_PANELS]


def test_the_ranking_chart_draws_the_units_best_first_with_labelled_references(sample):
    b = note(sample, "Barnehage")
    section = b.rankings_section()
    ranks = b.ranks[b.ranks["indicator_id"] == "sykefravaer"].sort_values("position")
    info = b.spread.set_index("indicator_id").loc["sykefravaer"]
    ax = _panel(b, section, "sykefravaer")
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    ticks = ax.get_yticks()
    top_down = [label for _, label in sorted(zip(ticks, labels), reverse=True)]
    expected = [f"{STATUS_SYMBOL[s]} {n}" for s, n in zip(ranks["status"], ranks["unit_name"])]
    assert top_down == expected
    assert ranks["shown"].is_monotonic_increasing  # lower is better: the lowest on top
    dots = next(c for c in ax.collections if isinstance(c, PathCollection) and c.get_label() == "units")
    offsets = np.asarray(dots.get_offsets())
    by_height = offsets[np.argsort(-offsets[:, 1])]
    assert np.allclose(by_height[:, 0], ranks["shown"].to_numpy())
    lines = {line.get_label(): line.get_xdata()[0] for line in ax.lines}
    assert lines["median"] == pytest.approx(info["median"]) and lines["target"] == pytest.approx(
        info["target"]
    )
    assert "peer_group" not in lines  # sick leave has no KOSTRA figure in the sample
    texts = [t.get_text() for t in ax.texts]
    assert f"{tr('area_median_line', 'nb')} {format_number(info['median'], 1, 'nb')}" in texts
    assert f"{tr('target_line', 'nb')} {format_number(info['target'], 1, 'nb')}" in texts
    for value in ranks["shown"]:
        assert format_number(value, 1, "nb") in texts
    survey = _panel(b, section, "bhg_bu_helhet")  # parents' satisfaction: KOSTRA group and country
    survey_lines = {line.get_label(): line.get_xdata()[0] for line in survey.lines}
    bench = b.spread.set_index("indicator_id").loc["bhg_bu_helhet"]
    assert survey_lines["peer_group"] == bench["peer_group_value"]
    assert survey_lines["national"] == bench["national_value"]


def test_an_indicator_without_a_better_direction_is_listed_not_ranked(sample):
    b = note(sample, "Skole")
    section = b.rankings_section()
    ranks = b.ranks[b.ranks["indicator_id"] == "skole_sfo"].sort_values("position")
    ax = _panel(b, section, "skole_sfo")
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(ranks["unit_name"])  # no status symbols: there is no target
    dots = next(c for c in ax.collections if isinstance(c, PathCollection))
    assert len({tuple(c) for c in dots.get_facecolors()}) == 1  # one colour: nobody is better
    texts = [t.get_text() for t in ax.texts]
    assert tr("missing_.", "nb") in texts  # the lower secondary school has no SFO: missing, not 0
    assert ranks["rank"].isna().all() and ranks["shown"].iloc[:-1].is_monotonic_decreasing
    assert tr("area_msg_listed", "nb") in section.html  # in the figure's alt text


# -- KOSTRA and the service's own indicators --------------------------------------------------------------


def test_the_kostra_table_names_the_four_dimensions_as_the_seed_does(sample):
    b = note(sample, "Barnehage")
    html = b.kostra_section().html
    names = re.findall(r'class="dimension">([^<]+)<', html)
    assert names == ["Prioritering", "Dekningsgrad", "Produktivitet", "Kvalitet"]
    text = b.kostra_section().text
    assert "260 850 kr 2024" in text  # cost per child: 2025 not published yet, 2024 shown with its year
    assert "Tall for 2025 er ikke tilgjengelige ennå for korrigerte brutto driftsutgifter per barn" in text


def test_an_area_without_figures_of_its_own_says_so_in_every_dimension(synthetic_folder):
    b = report.prepare_area_briefing(synthetic_folder, "Barnehage", 2024, "nb")
    text = b.kostra_section().text
    for dimension in ("prioritering", "dekningsgrad", "produktivitet", "kvalitet"):
        assert f"Tjenesteområdet har ikke tall for {dimension}." in text


def test_national_tests_per_school_over_three_years_against_the_country(sample):
    b = note(sample, "Skole")
    html = b.service_section().html
    assert '<h2 id="area-tests-skole_np_lesing5">Nasjonale prøver lesing 5. trinn</h2>' in html
    table = re.search(r'<table class="kit-table national-tests".*?</table>', html, re.S).group(0)
    assert "Fjordvik ungdomsskole" not in table  # no 5th grade: not applicable, not a missing school
    stranda = re.search(r"<tr><th scope=\"row\">Stranda oppvekstsenter</th>(.*?)</tr>", table).group(1)
    assert tr("missing_:", "nb") in stranda  # 2024 hidden: too few pupils
    assert "Landet uten Oslo" in table and "KOSTRA-gruppe 13" in table
    # a school of 8 pupils a year is no certain difference to the country; Nordby's 50 are
    frame = b.service_section().frame
    recent = frame[frame["indicator_id"] == "skole_np_lesing5"].set_index("unit_id")
    assert recent.loc["skole-stranda", "mean_noise"] > abs(recent.loc["skole-stranda", "mean"] - 50)
    assert stranda.endswith('<td class="num">≈</td>')
    nordby = re.search(r"<tr><th scope=\"row\">Nordby skole</th>(.*?)</tr>", table).group(1)
    assert (
        nordby.rsplit("<td", 1)[1] == ' class="num">2\xa0skalapoeng\xa0bedre</td>'
    )  # beyond the noise: in words, no sign
    this_year = recent["value_2025"].dropna()
    clear = int((this_year - 50 > recent.loc[this_year.index, "noise_2025"]).sum())
    above = int((this_year > 50).sum())
    assert (
        f"ligger {above} av {len(this_year)} skoler over landet uten Oslo (50\u00a0skalapoeng), {clear} av dem med mer"
        in html
    )
    assert 0 < clear < above  # the sample has both: clearly above, and above within the noise
    assert "Nasjonale prøver" not in note(sample, "Barnehage").service_section().html


def test_staff_qualifications_per_unit_with_change_target_and_benchmarks(sample):
    b = note(sample, "Barnehage")
    section = b.service_section()
    assert "Kompetanse: andel barnehagelærere" in section.html
    recent = section.frame[section.frame["indicator_id"] == "bhg_laerere"]
    assert recent["value_2025"].is_monotonic_decreasing  # the highest share first
    national = b.spread.set_index("indicator_id").loc["bhg_laerere", "national_value"]
    below = int((recent["value_2025"].round(1) < round(national, 1)).sum())
    assert f"{below} av 7 enheter ligger under landet uten Oslo" in section.text


def test_processing_time_against_the_statutory_limit(sample):
    b = note(sample, "Byggesak")
    section = b.service_section()
    assert "Saksbehandlingstid og lovens frist" in section.text
    ranks = b.ranks[b.ranks["indicator_id"] == "bygg_tid_3uker"].set_index("unit_id")["shown"]
    over = ranks["bygg-ost"] - 21
    assert over > 0 and f"{format_number(over, 0, 'nb')} dager over fristen" in section.text
    ax = section.figures[0].axes[0]
    limits = [line.get_xdata()[0] for line in ax.lines if line.get_label() == "limit"]
    assert limits == [21.0]
    assert any(t.get_text() == "Lovens frist 21" for t in ax.texts)
    ramme = section.figures[0].axes[1]
    assert [line.get_xdata()[0] for line in ramme.lines if line.get_label() == "limit"] == [84.0]
    # drawn against the limit here, and not again among the rankings
    assert not b.rankings_section().frame.empty
    assert "Lovens frist" not in " ".join(t.get_text() for f in b.rankings_section().figures for a in f.axes
                                           for t in a.texts)  # fmt: skip


@pytest.mark.parametrize(
    "name,definition,days",
    [
        ("Saksbehandlingstid søknader med 3 ukers frist", "", 21.0),
        ("Saksbehandlingstid rammesøknader", "Dager fra søknad til vedtak (frist 12 uker).", 84.0),
        ("Saksbehandlingstid", "Gjennomsnittlig antall dager; lovens frist er 21 dager.", 21.0),
        ("Sagsbehandlingstid", "Frist på 28 dage efter loven.", 28.0),
        ("Saksbehandlingstid", "Gjennomsnittlig antall dager fra søknad til vedtak.", None),
    ],
)
def test_the_statutory_limit_is_read_from_the_indicator(name, definition, days):
    assert report.statutory_limit(name, definition) == days


# -- the text ---------------------------------------------------------------------------------------------


def test_the_summary_names_area_wide_misses_and_the_units_to_follow_up(sample):
    b = note(sample, "Barnehage")
    sentences = b.summary_sentences()
    missed = analysis.widely_missed(b.cards).set_index("indicator_id").loc["sykefravaer"]
    assert (
        f"De fleste enhetene når ikke målet for sykefravær ({missed['not_met']} av {missed['judged']})."
        in (sentences)
    )
    first = b.attention[b.attention["priority"] == 1]["unit_name"].iat[0]
    assert any(s.startswith("Størst behov for oppfølging har " + first) for s in sentences)
    assert all(s[0].isupper() and s.endswith(".") for s in sentences)
    attention = b.attention_section()
    order = re.findall(r'<li class="attention-unit"><strong>([^<]+)</strong>', attention.html)
    assert order == list(dict.fromkeys(b.attention.sort_values("priority")["unit_name"]))


@pytest.mark.parametrize("service_area", ["Barnehage", "Skole", "Sykehjem"])
def test_a_unit_is_named_only_for_a_target_not_met_or_a_worsening_with_its_figures(sample, service_area):
    b = note(sample, service_area)
    units = re.findall(r'<li class="attention-unit">(.*?)</ul></li>', b.attention_section().html)
    assert units
    for unit in units:
        reasons = re.findall(r"<li>(.*?)</li>", unit)
        assert reasons[0].startswith(("✘ ", "↘ "))  # the ground it is named for comes first
        for reason in reasons:
            if reason.startswith("✘ "):
                assert re.search(
                    r"\d(\xa0\S+)? mot målet \d", reason
                )  # the figure and its target beside the name
    named = set(b.attention["unit_id"])
    grounds = b.attention[b.attention["reason"].isin(["not_met", "worsening"])]
    assert named == set(grounds["unit_id"])
    # none left out silently: every other unit with a ground is named after the list
    everyone = attention(b.cards, b.min_n, limit=len(b.units))
    text = b.attention_section().text
    for name in set(everyone["unit_name"]):
        assert name in text, name


def test_when_no_unit_stands_out_the_note_says_so(sample):
    b = note(sample, "Barnehage")
    b.__dict__["attention"] = attention(b.cards.iloc[0:0])  # as if nobody needed it
    assert b.attention.empty
    assert tr("area_attention_none", "nb") in b.attention_section().text
    assert not any(s.startswith("Størst behov for oppfølging") for s in b.summary_sentences())


def test_prepare_area_briefing_defaults_and_unknown_area():
    b = report.prepare_area_briefing()
    assert (b.service_area, b.year, b.lang) == ("Barnehage", 2025, "nb")
    with pytest.raises(KitlibError, match="Hjemmetjenester"):
        report.prepare_area_briefing("", "Bibliotek")


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_every_section_reads_without_placeholders(sample, lang, monkeypatch):
    """Every area's note in every language: the sections' text, alt texts and every text drawn
    in the charts, without nan, None, empty slots, ISO dates or the wrong decimal mark."""
    drawn: list[str] = []

    def texts_only(fig, alt, caption=""):
        for ax in fig.axes:
            drawn.extend(t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels() + ax.texts)
        drawn.extend(t.get_text() for t in fig.texts)
        return f'<figure class="chart"><img alt="{alt}"></figure>'

    monkeypatch.setattr(charts, "figure_html", texts_only)
    found, charted = {}, 0
    for service_area in analysis.service_areas(sample[0]):
        b = note(sample, service_area, lang)
        sections = b.sections()
        assert all(s.html for s in sections if s is not sections[5]), (
            service_area
        )  # only `service` may be empty
        texts = visible_texts("".join(s.html for s in sections)) + [t for t in drawn if t]
        charted += len(drawn)
        drawn.clear()
        bad = problems(texts, lang) + [f"ISO date in {t!r}" for t in texts if ISO_DATE.search(t)]
        if bad:
            found[service_area] = bad[:5]
    # a note that reached figure_html other than through the package would leave the charts unread
    assert charted, "no chart text collected: the notes did not call charts.figure_html"
    assert not found, found


def test_the_widest_spread_headline_is_never_a_survey_item_read_from_a_few_answers():
    """A survey share from six answers (an interval of 1-51 %) is noise, not a headline."""
    note = report.prepare_area_briefing("", "Skole", 0, "nb")
    surveys = note.spread.query("indicator_type == 'opplevd_kvalitet' and ranked")
    assert len(surveys), "the sample's schools have ranked survey items"
    headline = next(s for s in note.summary_sentences() if s.startswith("Størst forskjell"))
    assert not any(in_sentence(str(name)) in headline for name in surveys["name"])


def test_a_mean_of_fewer_years_than_the_header_says_so():
    note = report.prepare_area_briefing("", "Skole", 0, "nb")
    rows = [line for line in note.service_section().text.split("\n") if "skjult" in line]
    assert rows, "the sample has a school with a hidden national-test year"
    assert all("(2 av 3 år)" in line for line in rows)


def test_a_ranking_title_says_how_many_uncertain_figures_are_at_the_target_or_better(sample):
    b = note(sample, "Skole")
    panel, _ = b._ranking_panel("skole_mobbing7")  # bullying: lower is better
    rows = b.ranks[(b.ranks["indicator_id"] == "skole_mobbing7") & (b.ranks["status"] == "uncertain")]
    better = int((rows["shown"].round(1) <= rows["target"].round(1)).sum())
    assert 0 < better < len(rows)
    assert panel.message.endswith(
        f"{len(rows)} er innenfor feilmarginen, {better} av dem på målet eller bedre"
    )
    single, _ = b._ranking_panel("skole_grunnskolepoeng")  # one school: never 'Ingen av de 1 enhetene'
    assert "de 1 " not in single.message
