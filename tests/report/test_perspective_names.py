"""Perspective headings are readers' words (issue 24 item 7): kit.toml's names where it gives
them, else the catalogues' default names for the kit's known keys, else the key made
readable; never a raw key such as "okonomi". And a legend explains only what its table shows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from test_text_invariants import LANGS, USERS_OWN_WORDS, problems, visible_texts

from kitlib import load_data, sample_folder
from kitlib.analysis import area as area_analysis
from kitlib.analysis.scorecard import prepared_values, scorecard
from kitlib.data.config import KitConfig
from kitlib.report import area as area_report
from kitlib.report import briefing as briefing_module
from kitlib.report.i18n import perspective_name, readable_key, tr
from kitlib.report.legend import heatmap_legend, legend_caption, scorecard_legend
from kitlib.report.municipality import prepare_municipality_briefing
from kitlib.report.tables import SCORECARD_HEADERS

ROWGROUP = re.compile(r'scope="rowgroup">([^<]*)</th>')
UNKNOWN_KEY = "laering_og_trivsel"
UNITS = ("shj-berg-dal", "skole-lia", "bygg-ost")  # tertials, surveys, a small area


def _without_perspectives(folder: Path) -> Path:
    """The sample without [perspectives] and [benchmarks] in kit.toml, without benchmarks.csv,
    and with one perspective renamed to a key the kit does not know."""
    toml = folder / "kit.toml"
    text = re.sub(r"\[(perspectives|benchmarks)\][^\[]*", "", toml.read_text(encoding="utf-8"))
    toml.write_text(text, encoding="utf-8")
    (folder / "benchmarks.csv").unlink()
    indicators = folder / "indicators.csv"
    frame = pd.read_csv(indicators, dtype=str, keep_default_na=False)
    frame.loc[frame["perspective"] == "samfunn", "perspective"] = UNKNOWN_KEY
    frame.to_csv(indicators, index=False)
    return folder


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    folder = _without_perspectives(
        Path(shutil.copytree(sample_folder(), tmp_path_factory.mktemp("bare") / "s"))
    )
    data = load_data(folder)
    assert not data.config.perspectives and not data.config.peer_group
    return folder, data, prepared_values(data)


def _unit_note(data, values, unit_id: str, lang: str) -> briefing_module.Briefing:
    card = scorecard(data, unit_id, data.latest_year, values=values)
    return briefing_module.Briefing(data, data.unit(unit_id), data.latest_year, lang, card, values)


def _keys(data) -> set[str]:
    return set(data.indicators["perspective"])


def _assert_readable(headings: list[str], data, lang: str) -> None:
    assert headings, "no perspective heading rendered"
    keys = _keys(data)
    assert not keys & set(headings), headings  # no raw key shown as a heading
    assert set(headings) <= {perspective_name(k, lang, data.config) for k in keys}
    assert all(h[:1].isupper() for h in headings), headings


# ----------------------------------------------------------------- the function


def test_kit_toml_names_win_over_the_defaults():
    config = load_data(sample_folder()).config
    for lang in LANGS:
        for key, names in config.perspectives.items():
            assert perspective_name(key, lang, config) == names[lang]
    # the sample calls it "Finances"; the catalogue's default is another word
    assert perspective_name("okonomi", "en", config) != perspective_name("okonomi", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_known_keys_have_a_default_name_in_every_language(lang):
    for key in load_data(sample_folder()).config.perspectives:
        name = perspective_name(key, lang, KitConfig())
        assert name == tr(f"perspective_{key}", lang) and name != key and name[0].isupper()
    assert perspective_name("okonomi", lang).startswith(("Økonomi", "Finance"))


def test_an_unknown_key_is_made_readable():
    assert readable_key(UNKNOWN_KEY) == "Laering og trivsel"
    assert readable_key("  kvalitet__ute ") == "Kvalitet ute"
    for lang in LANGS:
        assert perspective_name(UNKNOWN_KEY, lang) == "Laering og trivsel"


def test_a_name_in_another_language_comes_before_the_bare_key():
    config = KitConfig(perspectives={UNKNOWN_KEY: {"nb": "Læring og trivsel"}})
    assert perspective_name(UNKNOWN_KEY, "en", config) == "Læring og trivsel"
    assert perspective_name("brukere", "en", KitConfig(perspectives={"brukere": {"nb": "Innbyggere"}})) == (
        tr("perspective_brukere", "en")
    )


# ------------------------------------------------------ every level, every language


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGS)
def test_unit_notes_without_perspectives_have_readable_headings(bare, lang):
    _, data, values = bare
    seen = set()
    for unit_id in UNITS:
        note = _unit_note(data, values, unit_id, lang)
        html = "".join(section.html for section in note.sections())
        headings = ROWGROUP.findall(html)
        _assert_readable(headings, data, lang)
        seen |= set(headings)
        assert problems(visible_texts(USERS_OWN_WORDS.sub("", html)), lang) == []
    assert readable_key(UNKNOWN_KEY) in seen  # the renamed perspective is shown, readable


@pytest.mark.parametrize("lang", LANGS)
def test_the_area_note_without_perspectives_has_readable_headings(bare, lang):
    _, data, values = bare
    cards = area_analysis.area_cards(data, "Sykehjem", data.latest_year, values)
    note = area_report.AreaBriefing(data, "Sykehjem", data.latest_year, lang, cards, values)
    _assert_readable(ROWGROUP.findall(note.heatmap_section().html), data, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_the_municipality_note_without_perspectives_has_readable_headings(bare, lang):
    folder, data, _ = bare
    note = prepare_municipality_briefing(folder, lang=lang)
    html = USERS_OWN_WORDS.sub("", "".join(section.html for section in note.sections()))
    rows = re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', note.overview_section().html)
    assert not _keys(data) & set(rows), rows
    assert {perspective_name(k, lang, data.config) for k in _keys(data)} & set(rows)
    assert problems(visible_texts(html), lang) == []


# ----------------------------------------------------------------------- legends


def _legend(html: str) -> str:
    found = re.search(r'<caption class="legend">([^<]*)</caption>', html)
    return found.group(1) if found else ""


@pytest.mark.parametrize("lang", LANGS)
def test_without_benchmarks_the_legend_explains_no_benchmark_or_rank(bare, lang):
    _, data, values = bare
    for unit_id in UNITS:
        note = _unit_note(data, values, unit_id, lang)
        legend = _legend(note.scorecard_section().html)
        assert legend, unit_id
        for key in ("legend_gap", "legend_gap_plain", "legend_gap_unclear"):
            assert tr(key, lang) not in legend, (unit_id, key)


@pytest.mark.parametrize("lang", LANGS)
def test_with_benchmarks_the_legend_explains_them(lang):
    data = load_data(sample_folder())
    values = prepared_values(data)
    note = _unit_note(data, values, "skole-lia", lang)
    card = note.own
    assert card["peer_group_value"].notna().any()  # the sample's school has KOSTRA figures
    assert tr("legend_gap", lang) in _legend(note.scorecard_section().html)


def test_a_legend_has_an_entry_only_for_what_its_table_shows():
    data = load_data(sample_folder())
    note = _unit_note(data, prepared_values(data), "skole-lia", "nb")
    card = note.own
    met = card.assign(
        status="met", trend="stable", peer_group_value=float("nan"), national_value=float("nan")
    )
    met = met.assign(ci_low=float("nan"), ci_high=float("nan"), peer_rank=float("nan"))
    assert scorecard_legend(met, SCORECARD_HEADERS, "nb") == [tr("legend_met"), tr("legend_stable")]
    # a table without the status column explains no status
    assert tr("legend_met") not in scorecard_legend(met, ("indicator", "value", "trend"), "nb")
    assert legend_caption([]) == ""
    entries = heatmap_legend(["met", "not_applicable"], "nb", figures=False)
    assert entries == [tr("legend_heat_met"), tr("legend_heat_not_applicable")]
    assert tr("legend_heat_suppressed", n=5) in heatmap_legend(["suppressed"], "nb", min_n=5)


def test_the_batch_workbook_names_perspectives_for_readers(bare, tmp_path):
    """The batch's scorecard workbook (batch.unit_runner) uses the same names."""
    import openpyxl

    from kitlib.batch.plan import UnitResult
    from kitlib.batch.run import make_plan
    from kitlib.batch.unit_runner import UnitRunner

    folder, data, _ = bare
    plan = make_plan(folder, out=tmp_path, units=["shj-berg-dal"], level="unit", lang="en", warm_kernel=False)
    plan.out.mkdir(parents=True, exist_ok=True)
    runner = UnitRunner(plan)
    try:
        job = plan.units[0]
        runner._write_scorecard(job, UnitResult(job.unit_id))
    finally:
        runner.close()
    sheet = openpyxl.load_workbook(plan.out / job.files.workbook).active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert not _keys(data) & cells
    assert {perspective_name("okonomi", "en"), readable_key(UNKNOWN_KEY)} <= cells
