"""The explorer (kitlib.explore): driven in-process by setting its selectors' values, as an
analyst's clicks would, and read back from its outputs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import nbformat
import pytest

from kitlib import load_data, sample_folder
from kitlib.analysis.scorecard import result_units, scorecard
from kitlib.errors import BriefingError, KitlibError, UnknownUnitError
from kitlib.explorer import app as app_module
from kitlib.explorer import views
from kitlib.explorer.app import Explorer, explore
from kitlib.explorer.session import Session
from kitlib.report.formatting import format_indicator_value
from kitlib.report.i18n import STATUS_SYMBOL

ROOT = Path(__file__).resolve().parents[2]
BERG_DAL = "Berg & Dal bo- og behandlingssenter"
NBSP = "\u00a0"


def text(html: str) -> str:
    """What a reader reads in an HTML fragment: tags gone, entities decoded, spaces single
    (no-break spaces stay: they are part of the figures)."""
    return re.sub(r"[ \t\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def labels(widget) -> list[str]:
    """The texts of every label in a widget tree: the selectors' names."""
    if hasattr(widget, "children"):
        return [t for child in widget.children for t in labels(child)]
    return [widget.value] if type(widget).__name__ == "Label" else []


def alt(html: str) -> str:
    """The alt texts of a fragment's charts: what a chart says in words."""
    return " ".join(unescape(a) for a in re.findall(r'alt="([^"]*)"', html))


@pytest.fixture(scope="module")
def session():
    """One session for the module: its cached scorecards make the tests quick; no warm-up thread."""
    return Session(load_data(sample_folder()), warm=False)


@pytest.fixture
def app(session):
    return Explorer(session, unit_id="shj-berg-dal", indicator_id="sykefravaer")


def figure(data, unit_id: str, year: int, indicator_id: str) -> str:
    """The unit's figure as the note writes it, from the scorecard itself."""
    card = scorecard(data, unit_id, year)
    row = card[card["indicator_id"] == indicator_id].iloc[0]
    return format_indicator_value(row["value"], row, "nb")


def test_it_opens_on_the_chosen_unit_and_shows_its_figures(app):
    sel = app.selection
    assert (sel.area, sel.units, sel.indicator, sel.start, sel.end) == (
        "Sykehjem", ("shj-berg-dal",), "sykefravaer", 2019, 2025,
    )  # fmt: skip
    out = {name: widget.value for name, widget in app.outputs.items()}
    assert f"Kort fortalt: {BERG_DAL}, 2025" in text(out["sentences"])
    assert f"Målekart: {BERG_DAL}, 2025" in text(out["scorecard"])
    assert f"13,2{NBSP}%" in text(out["scorecard"]) and f"104,5{NBSP}%" in text(out["scorecard"])
    facts = text(out["facts"])
    assert "Sykefravær" in facts and f"{BERG_DAL}: 13,2{NBSP}% · mål 8,5{NBSP}% · ✘ ikke nådd" in facts
    assert "Legemeldt og egenmeldt fravær i prosent av avtalte dagsverk." in facts
    assert "Lavere er bedre" in facts
    assert f"{BERG_DAL}, 2019–2025" in alt(out["trend"]) and f"13,2{NBSP}%" in alt(out["trend"])
    # the charts of the closed tabs wait until they are opened
    assert out["ranking"] == "" and out["heatmap"] == ""


def test_another_unit_updates_every_output_in_sight(app, sample_data):
    before = {name: widget.value for name, widget in app.outputs.items()}
    app.units.value = ("shj-fjordtun",)
    fjordtun = figure(sample_data, "shj-fjordtun", 2025, "sykefravaer")
    assert fjordtun != f"13,2{NBSP}%"
    for name in ("sentences", "scorecard", "facts", "trend"):
        shown = app.outputs[name].value
        assert shown != before[name], name
        assert "Fjordtun sykehjem" in text(shown) + alt(shown), name
        assert BERG_DAL not in text(shown) + alt(shown), name
    assert f"Fjordtun sykehjem: {fjordtun}" in text(app.outputs["facts"].value)
    assert fjordtun in alt(app.outputs["trend"].value)


def test_units_follow_the_area_and_indicators_follow_the_units(app, sample_data):
    app.area.value = "Skole"
    units = result_units(sample_data)
    school_units = list(units.loc[units["service_area"] == "Skole", "unit_id"])
    assert [value for _, value in app.units.options] == school_units
    assert app.units.value == (school_units[0],)
    indicators = sample_data.indicators.set_index("indicator_id")["service_area"]
    offered = [value for _, value in app.indicator.options]
    assert "skole_bu_foreldre" in offered and "sykefravaer" in offered
    assert {indicators[i] for i in offered} <= {"Skole", "*"}
    assert app.indicator.value == "sykefravaer"  # kept: the school reports it too
    assert "Nordby skole" in text(app.outputs["sentences"].value)

    app.area.value = "Barnehage"
    offered = [value for _, value in app.indicator.options]
    assert {indicators[i] for i in offered} <= {"Barnehage", "*"}
    assert any(indicators[i] == "Barnehage" for i in offered)


def test_several_units_are_drawn_side_by_side_and_the_first_is_the_current(app):
    app.units.value = ("shj-fjordtun", "shj-berg-dal")
    trend = alt(app.outputs["trend"].value)
    assert "Fjordtun sykehjem" in trend and BERG_DAL in trend
    assert "Kort fortalt: Fjordtun sykehjem" in text(app.outputs["sentences"].value)
    facts = text(app.outputs["facts"].value)
    assert "Fjordtun sykehjem:" in facts and f"{BERG_DAL}:" in facts


def test_without_a_unit_the_outputs_ask_for_one(app):
    app.units.value = ()
    assert app.indicator.options == () and app.indicator.value is None
    for name in ("sentences", "scorecard", "trend"):
        assert "Velg minst én enhet." in text(app.outputs[name].value), name
    assert app.render() is None and "Velg minst én enhet." in text(app.render_status.value)
    app.units.value = ("shj-haugtun",)  # and back: the unit's first indicator is chosen
    assert app.indicator.value == app.indicator.options[0][1]
    assert "Haugtun omsorgssenter" in text(app.outputs["sentences"].value)


def test_an_indicator_shows_its_name_definition_figures_and_audit(app):
    app.indicator.value = "forbruk_budsjett"
    facts = text(app.outputs["facts"].value)
    assert facts.lstrip().startswith("Forbruk i prosent av budsjett")
    assert "målet er høyst 100 %" in facts  # the definition, as written in indicators.csv
    assert f"{BERG_DAL}: 104,5{NBSP}%" in facts and "✘ ikke nådd" in facts
    assert "Indikatorrevisjon 2025: KS' sju krav til en god indikator" in facts
    assert "Dokumentert ✔ ja" in facts and "Krav oppfylt" in facts
    assert f"104,5{NBSP}%" in alt(app.outputs["trend"].value)
    assert '<tr data-indicator="forbruk_budsjett" class="chosen"' in app.outputs["scorecard"].value


def test_the_period_range_sets_the_trend_and_the_results_year(app):
    app.period.value = (2021, 2024)
    assert f"{BERG_DAL}, 2021–2024: " in alt(app.outputs["trend"].value)
    assert f"12,5{NBSP}%" in alt(app.outputs["trend"].value)  # the 2024 figure ends the line
    assert f"Kort fortalt: {BERG_DAL}, 2024" in text(app.outputs["sentences"].value)
    assert f"Målekart: {BERG_DAL}, 2024" in text(app.outputs["scorecard"].value)
    assert f"{BERG_DAL}: 12,5{NBSP}%" in text(app.outputs["facts"].value)


def test_comparisons_choose_what_is_drawn_and_named(app, session):
    app.indicator.value = "shj_bu_helhet"  # has a KOSTRA group and a national figure
    facts = text(app.outputs["facts"].value)
    assert "KOSTRA-gruppe 13 4,8" in facts and "Landet uten Oslo" in facts
    trend = app.outputs["trend"].value
    app.comparison.value = ("national",)
    facts = text(app.outputs["facts"].value)
    assert "KOSTRA-gruppe 13" not in facts and "Landet uten Oslo" in facts
    assert app.outputs["trend"].value != trend
    panel, _ = views.trend_panel(session, app.selection, "shj-berg-dal")
    assert "national_value" in panel.history and "peer_group_value" not in panel.history
    assert "peer_median" not in panel.history


def test_the_ranking_shows_every_unit_of_the_area_best_first(app, sample_data):
    app.area.value = "Skole"
    app.indicator.value = "sykefravaer"  # lower is better
    app.tabs.selected_index = 2
    units = result_units(sample_data)
    schools = units[units["service_area"] == "Skole"]
    values = {}
    for unit, name in zip(schools["unit_id"], schools["name"]):
        card = scorecard(sample_data, unit, 2025)
        values[name] = card.loc[card["indicator_id"] == "sykefravaer", "value"].iat[0]
    best_first = sorted(values, key=values.get)
    ranking = alt(app.outputs["ranking"].value)
    positions = [ranking.index(f"{i}. {name}:") for i, name in enumerate(best_first, start=1)]
    assert positions == sorted(positions)
    assert "best først" in ranking and "Median for enhetene" in ranking

    app.indicator.value = "skole_bu_foreldre"  # higher is better: the highest first
    rows = views.ranking_rows(app.session, app.selection)
    shown = rows["value"].dropna().tolist()
    assert shown == sorted(shown, reverse=True)
    assert "Foreldrenes tilfredshet totalt" in alt(app.outputs["ranking"].value)


def test_the_ranking_puts_units_without_a_figure_last(session):
    app = Explorer(session, unit_id="skole-fjordvik-us", indicator_id="skole_grunnskolepoeng")
    assert app.selection.indicator == "skole_grunnskolepoeng"  # only the lower secondary school has it
    rows = views.ranking_rows(session, app.selection)
    assert rows["value"].notna().sum() >= 1 and rows["value"].isna().sum() >= 1
    assert rows["value"].isna().tolist() == sorted(rows["value"].isna().tolist())
    assert rows.loc[rows["value"].isna(), "text"].str.startswith("–").all()


def test_the_heatmap_shows_a_symbol_and_figure_for_every_unit_and_indicator(app, session):
    app.tabs.selected_index = 3
    html = app.outputs["heatmap"].value
    assert "Status mot mål i Sykehjem, 2025" in text(html)
    # the sick-leave line, cell by cell in the order of units.csv
    line = re.search(r'<tr><th scope="row"[^>]*>Sykefravær</th>(.*?)</tr>', html).group(1)
    cells = [text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", line)]
    assert len(cells) == len(session.units_of("Sykehjem"))
    assert cells[0] == f"✘ 13,2{NBSP}%"  # Berg & Dal, the first unit
    assert re.search(
        r'<td class="status-not_met" style="background:#[0-9a-f]{6}[^"]*" title="✘ ikke nådd"', line
    )
    assert 'class="chosen"' in re.search(r'<th scope="row"[^>]*>Sykefravær', html).group(0)  # chosen
    rows = views.heatmap_rows(session, app.selection)
    for unit in session.units_of("Sykehjem"):
        card = scorecard(session.data, unit, 2025)
        own = card[(card["level"] == "enhet") & (card["indicator_type"] != "kontekst")]
        mine = rows[rows["column"] == unit].set_index("line")
        assert list(mine.index) == list(own["indicator_id"])
        assert mine["status"].tolist() == own["status"].tolist()
        # never colour alone: every cell starts with its status symbol
        assert all(t.startswith(STATUS_SYMBOL[s]) for t, s in zip(mine["text"], mine["status"]))
        assert session.names[unit] in text(html)
    app.area.value = "Skole"  # the open tab follows the area
    assert "Status mot mål i Skole, 2025" in text(app.outputs["heatmap"].value)


def static_section(html: str) -> str:
    match = re.search(r'<section class="kit-explore-static.*?</section>', html, re.S)
    assert match, "no static copy"
    return match.group(0)


def test_the_static_copy_shows_the_current_selection(app):
    app.units.value = ("shj-fjordtun",)
    html = static_section(app.static_html())
    assert "Fjordtun sykehjem" in text(html) and f"10,9{NBSP}%" in text(html)
    assert "Kort fortalt: Fjordtun sykehjem, 2025" in text(html)
    assert "Utforsker: Fjordtun sykehjem · Sykehjem · Sykefravær · 2019–2025" in text(html)
    # every output, also those of the closed tabs: trend and ranking charts, the heatmap
    assert html.count("data:image/svg+xml;base64,") == 2
    assert "Fjordtun sykehjem" in alt(html) and "Status mot mål i Sykehjem, 2025" in text(html)


def test_the_displayed_app_keeps_its_static_copy_up_to_date(app, monkeypatch):
    """Shown, the app is two outputs: the live widget and the static copy, updated on every
    change (a notebook saved after exploring exports what the analyst last saw)."""
    import IPython.display

    shown, updated = [], []

    class Handle:
        display_id = "copy-1"

    def display(obj, raw=False, display_id=None):
        shown.append(obj)
        return Handle() if display_id else None

    monkeypatch.setattr(IPython.display, "display", display)
    monkeypatch.setattr(IPython.display, "update_display", lambda obj, raw, display_id: updated.append(obj))
    app._ipython_display_()
    assert shown[0] is app.widget and "kit-explore-app" in app.widget._dom_classes
    assert "Berg &amp; Dal" in shown[1]["text/html"]
    app.units.value = ("shj-fjordtun",)
    assert updated and "Fjordtun sykehjem" in text(updated[-1]["text/html"])
    assert BERG_DAL not in text(static_section(updated[-1]["text/html"]))


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", ["In short", "Lower is better", "Ranking", "Units"]),
     ("da", ["Kort fortalt", "Lavere er bedre", "Varmekort", "Enheder"])],
)  # fmt: skip
def test_the_labels_are_in_the_chosen_language(sample_data, lang, words):
    app = explore(sample_data, unit_id="shj-berg-dal", indicator_id="sykefravaer", lang=lang, warm=False)
    shown = " ".join(
        [text(w.value) for w in app.outputs.values()] + list(app.tabs.titles) + labels(app.widget)
    )
    for word in words:
        assert word in shown, word


def test_what_cannot_be_explored_is_refused_with_the_reason(sample_data):
    with pytest.raises(UnknownUnitError, match="omr-skole"):
        explore(sample_data, unit_id="omr-skole", warm=False)  # a service area's row, not a unit
    with pytest.raises(BriefingError, match="1990"):
        explore(sample_data, year=1990, warm=False)
    with pytest.raises(KitlibError, match="sykefravær"):
        explore(sample_data, indicator_id="sykefravær", warm=False)  # the id is sykefravaer


def test_a_failing_view_shows_its_error_and_the_others_go_on(app, monkeypatch):
    def broken(session, sel):
        raise ValueError("no such figure")

    monkeypatch.setitem(app_module.VIEWS, "sentences", (broken, lambda s: (s.unit, s.end)))
    app.units.value = ("shj-fjordtun",)
    assert "ValueError: no such figure" in text(app.outputs["sentences"].value)
    assert "Fjordtun sykehjem" in text(app.outputs["scorecard"].value)


def test_the_warm_up_computes_the_areas_scorecards_in_the_background(sample_data):
    app = explore(sample_data, unit_id="bygg-ost", warm=True)
    try:
        assert app.session.wait_warm(timeout=300)
        for unit in app.session.units_of("Byggesak"):
            assert app.session.computed("card", unit, 2025)
        assert app.session.computed("audit", 2025)
    finally:
        app.close()


def test_importing_kitlib_loads_no_widgets_and_explore_stays_the_function():
    code = (
        "import sys, kitlib\n"
        "assert 'ipywidgets' not in sys.modules and 'kitlib.explorer' not in sys.modules\n"
        "import kitlib.explorer.app\n"
        "from kitlib import explore\n"
        "assert callable(explore) and explore is kitlib.explore is kitlib.explorer.app.explore\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_explorer_is_a_top_layer_beside_the_command_line(tmp_path):
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed")
    shutil.copytree(
        ROOT / "src" / "kitlib", tmp_path / "kitlib", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}

    def run() -> subprocess.CompletedProcess:
        return subprocess.run([str(lint), "--config", str(tmp_path / "pyproject.toml"), "--no-cache"],
                              cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)  # fmt: skip

    (tmp_path / "kitlib" / "batch" / "sneaky.py").write_text("from kitlib.explorer.app import explore\n")
    assert "Layers" in run().stdout and "BROKEN" in run().stdout
    (tmp_path / "kitlib" / "batch" / "sneaky.py").unlink()
    (tmp_path / "kitlib" / "cli" / "sneaky.py").write_text("import kitlib.explorer.app\n")
    assert "BROKEN" in run().stdout  # siblings: neither imports the other


@pytest.mark.slow
def test_the_button_makes_the_units_briefing_through_the_batch_and_links_it(sample_data, tmp_path):
    app = explore(sample_data, unit_id="bygg-vest", out=tmp_path / "notes", warm=False)
    app.render_button.click()
    assert app.rendered is not None and app.rendered.ok, app.rendered
    page = tmp_path / "notes" / "bygg-vest.html"
    assert app.rendered.page.resolve() == page.resolve() and page.is_file()
    assert "Byggesak vest" in page.read_text(encoding="utf-8")
    assert (tmp_path / "notes" / "manifest.json").is_file()  # the batch's own bookkeeping
    status = app.render_status.value
    assert "Notatet for Byggesak vest er klart:" in text(status)
    assert re.search(r'<a href="[^"]*bygg-vest\.html"', status)
    assert not app.render_button.disabled


@pytest.mark.slow
def test_the_notebook_runs_and_its_html_export_shows_the_selection(tmp_path):
    import papermill
    from nbconvert import HTMLExporter

    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "explore.ipynb"), str(out), kernel_name="python3", progress_bar=False,
        parameters={"unit_id": "shj-fjordtun", "indicator_id": "forbruk_budsjett"}, cwd=str(tmp_path),
    )  # fmt: skip
    executed = nbformat.read(out, as_version=4)
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type in ("error", "stream")]
    assert [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    # exported as `jupyter nbconvert --to html` does: without a kernel, the widget is blank
    # (papermill saved its state, so the page would fetch the widget scripts from the web)
    html, _ = HTMLExporter().from_notebook_node(executed)
    page = text(static_section(html))
    assert "Fjordtun sykehjem" in page and "Forbruk i prosent av budsjett" in page
    assert f"Fjordtun sykehjem: 98,7{NBSP}%" in page
    assert static_section(html).count("data:image/svg+xml;base64,") == 2
