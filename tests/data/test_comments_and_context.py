"""comments.csv (the unit's own assessment and measures) and context figures (indicator_type
kontekst) are checked like every other part of the contract: each problem with file, line
and column, and loaded as typed tables."""

from __future__ import annotations

import pandas as pd
from conftest import write_folder

from kitlib import check_folder, load_data
from kitlib.data.importers import import_long

HEADER = "unit_id,period,indicator_id,kind,text"
SKOLE_INDICATOR = "mobbing,Mobbing,Skole,brukere,Elevundersøkelsen,opplevd_kvalitet,%,lower,ja,Andel"


def problems_of(folder) -> list[str]:
    return [str(p) for p in check_folder(folder, current_year=2026)[2]]


def add_line(path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text + "\n")


def test_comments_are_loaded_and_an_absent_file_gives_a_typed_empty_table(synthetic_folder):
    empty = load_data(synthetic_folder).comments
    assert list(empty.columns[:5]) == ["unit_id", "period", "indicator_id", "kind", "text"]
    assert empty.empty and str(empty["year"].dtype) == "Int64"
    write_folder(
        synthetic_folder,
        comments=f"""
            {HEADER}
            bhg-a,2024,,vurdering,Et godt år.
            bhg-a,2024,sykefravaer,tiltak,Tett oppfølging av sykmeldte.
            bhg-a,2024T2,sykefravaer,tiltak,Faste vikarer.
        """,
    )
    comments = load_data(synthetic_folder).comments
    assert list(comments["indicator_id"]) == ["", "sykefravaer", "sykefravaer"]
    assert list(comments["year"]) == [2024, 2024, 2024]
    assert list(comments["freq"]) == ["Y", "Y", "T"]


def test_every_problem_of_comments_csv_is_named_with_file_line_and_column(synthetic_folder):
    add_line(synthetic_folder / "indicators.csv", SKOLE_INDICATOR)
    write_folder(
        synthetic_folder,
        comments=f"""
            {HEADER}
            bhg-x,2024,,vurdering,Ukjent enhet.
            bhg-a,2024,ukjent,vurdering,Ukjent indikator.
            bhg-a,2024,mobbing,tiltak,Indikator for skolene.
            bhg-a,2024,sykefravaer,tiltag,Dansk stavemåte.
            bhg-a,2024,sykefravaer,kommentar,Ukjent slag.
            bhg-a,2024,sykefravaer,,Uten slag.
            bhg-a,2024,sykefravaer,tiltak,
            bhg-a,2024T4,,vurdering,Ingen slik periode.
            bhg-a,2031,,vurdering,Fra fremtiden.
            bhg-a,2024,,vurdering,To ganger.
            bhg-a,2024,,vurdering,To ganger.
        """,
    )
    kinds = "vurdering (the unit's assessment), tiltak (a planned measure), sporsmal (a question for the dialogue meeting)"
    assert problems_of(synthetic_folder) == [
        "comments.csv, line 2, column 'unit_id': unknown unit id 'bhg-x'; it is not in units.csv",
        "comments.csv, line 3, column 'indicator_id': unknown indicator id 'ukjent'; it is not in indicators.csv",
        "comments.csv, line 4, column 'indicator_id': indicator 'mobbing' belongs to service area 'Skole', "
        "but unit 'bhg-a' is in 'Barnehage'",
        f"comments.csv, line 5, column 'kind': 'tiltag' is not one of: {kinds}; did you mean 'tiltak'?",
        f"comments.csv, line 6, column 'kind': 'kommentar' is not one of: {kinds}",
        f"comments.csv, line 7, column 'kind': is empty; write one of: {kinds}",
        "comments.csv, line 8, column 'text': is empty; write the assessment, the measure or the question, or drop the row",
        "comments.csv, line 9, column 'period': '2024T4': tertial 1-3 expected after the year",
        "comments.csv, line 10, column 'period': period 2031 is after the current year 2026; fix the date",
        "comments.csv, line 12: duplicate row (unit_id=bhg-a, period=2024, kind=vurdering, text=To ganger.); "
        "it first appears on line 11",
    ]


def test_the_indicator_column_is_required_even_when_every_comment_is_about_the_whole_unit(synthetic_folder):
    write_folder(synthetic_folder, comments="unit_id,period,kind,text\nbhg-a,2024,vurdering,Et godt år.")
    assert problems_of(synthetic_folder) == [
        "comments.csv, line 1, column 'indicator_id': required column is missing from the header"
    ]


def test_a_comment_over_several_lines_is_located_at_its_first_line(synthetic_folder):
    text = '"Første avsnitt.\nAndre avsnitt, med en lang tekst som gjentas i filen."'
    (synthetic_folder / "comments.csv").write_text(
        f"{HEADER}\nbhg-a,2024,,vurdering,{text}\nbhg-a,2024,,vurdering,{text}\n", encoding="utf-8"
    )
    (problem,) = problems_of(synthetic_folder)
    assert problem.startswith(
        "comments.csv, line 4: duplicate row (unit_id=bhg-a, period=2024, kind=vurdering,"
    )
    assert "text=Første avsnitt. Andre avsnitt, med en...)" in problem  # one line, cut short
    assert problem.endswith("it first appears on line 2")
    (synthetic_folder / "comments.csv").write_text(
        f"{HEADER}\nbhg-a,2024,,vurdering,{text}\n", encoding="utf-8"
    )
    assert load_data(synthetic_folder).comments["text"].iat[0].splitlines() == [
        "Første avsnitt.",
        "Andre avsnitt, med en lang tekst som gjentas i filen.",
    ]


def test_a_context_figure_has_direction_none_and_no_target(synthetic_folder):
    add_line(
        synthetic_folder / "indicators.csv", "barn,Barn,Barnehage,brukere,BASIL,kontekst,barn,higher,nei,Barn"
    )
    add_line(
        synthetic_folder / "indicators.csv",
        "budsjett,Budsjett,*,okonomi,Regnskap,kontekst,NOK,none,nei,Budsjett",
    )
    add_line(synthetic_folder / "values.csv", "bhg-a,barn,2024,72,,,")
    add_line(synthetic_folder / "values.csv", "bhg-a,budsjett,2024,18400000,,,")
    add_line(synthetic_folder / "targets.csv", "*,budsjett,2024,18000000,")
    found = problems_of(synthetic_folder)
    assert found == [
        "indicators.csv, line 5, column 'direction': 'higher' for a context figure (indicator_type kontekst); "
        "such figures (users, FTEs, budget) are shown beside the unit's name and never judged, so the "
        "direction must be 'none'",
        "targets.csv, line 7, column 'indicator_id': indicator 'budsjett' is a context figure "
        "(indicator_type kontekst), shown beside the unit's name and never judged, so it cannot have a "
        "target; drop the row",
    ]


def test_an_import_shows_where_comments_go_and_keeps_the_units_own_order(synthetic_folder, tmp_path):
    source = tmp_path / "long.csv"
    source.write_text("enhet,indikator,periode,verdi\nbhg-a,laerere,2025,47\n", encoding="utf-8")
    columns = dict(unit="enhet", indicator="indikator", period="periode", value="verdi")
    import_long(source, synthetic_folder, **columns)
    assert (synthetic_folder / "comments.csv").read_text(encoding="utf-8") == HEADER + "\n"
    comments = f"{HEADER}\nbhg-b,2024,,vurdering,Først.\nbhg-a,2024,laerere,tiltak,Så dette.\n"
    (synthetic_folder / "comments.csv").write_text(comments, encoding="utf-8")
    source.write_text("enhet,indikator,periode,verdi\nbhg-a,laerere,2025,48\n", encoding="utf-8")
    import_long(source, synthetic_folder, **columns)
    assert (synthetic_folder / "comments.csv").read_text(encoding="utf-8") == comments


def test_the_sample_has_context_figures_for_every_unit_and_valid_comments(sample_data):
    data = sample_data
    units = data.units[data.units["level"] == "enhet"]
    context = data.indicators[data.indicators["indicator_type"] == "kontekst"]
    assert set(context["direction"]) == {"none"}
    assert not data.targets["indicator_id"].isin(context["indicator_id"]).any()
    figures = data.values[
        data.values["indicator_id"].isin(context["indicator_id"]) & (data.values["year"] == 2025)
    ]
    per_unit = figures.groupby("unit_id")["indicator_id"].nunique()
    assert set(per_unit.index) == set(units["unit_id"]) and (per_unit == 3).all()  # size, FTEs, budget
    budgets = figures[figures["indicator_id"] == "budsjett"]["value"]
    assert budgets.between(1e6, 2e8).all() and (budgets % 1000 == 0).all()
    comments = data.comments
    assert set(comments["kind"]) == {"vurdering", "tiltak"} and (comments["indicator_id"] == "").any()
    assert set(comments["year"]) == {2025}
    assert pd.Series(comments["unit_id"]).isin(units["unit_id"]).all()
