"""Values that passed validation and then crashed or garbled a briefing render correctly."""

from __future__ import annotations

import io
import warnings

import pandas as pd
import pytest
from conftest import INDICATOR_HEADER, write_folder

from kitlib import prepare_briefing
from kitlib.report import charts


@pytest.fixture
def awkward_folder(tmp_path):
    return write_folder(
        tmp_path / "awkward",
        indicators=f"""
            {INDICATOR_HEADER}
            avvik,Avvik $x^2$ per 1000,*,2,Avvikssystem,malt_kvalitet,antall,lower,delvis,Antall $ avvik
            sykefravaer,Sykefravær,*,2,Lønnssystemet,medarbeider,%,lower,delvis,Legemeldt
        """,
        units="""
            unit_id,name,service_area
            alna,Bydel $Alna$,Bydel
        """,
        values="""
            unit_id,indicator_id,period,value,status
            alna,avvik,2006,3,
            alna,avvik,2007,2,
            alna,avvik,2008,1,
            alna,sykefravaer,2006,11.6,
            alna,sykefravaer,2007,10.35,
            alna,sykefravaer,2008,10.06,
        """,
        targets="""
            unit_id,indicator_id,period,target
            *,avvik,2008,0
            *,sykefravaer,2008,9.9
        """,
    )


def test_a_zero_target_a_number_as_perspective_and_dollars_in_names_render(awkward_folder):
    note = prepare_briefing(awkward_folder, "alna", 2008, "nb")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a division by the zero target warned, then drew garbage
        sections = [note.title_section().html, note.summary_section().html, note.scorecard_section().html,
                    note.trend_charts_section().html, note.distance_section().html, note.notes_section().html]  # fmt: skip
    html = "".join(sections)
    assert "Avvik $x^2$ per 1\u00a0000" in html  # names are text, never math (1 000 as written)
    assert "Bydel $Alna$" in html
    card = note.card.set_index("indicator_id")
    assert card.loc["avvik", "status"] == "not_met"  # 1 against a target of 0 (lower is better)
    # a percentage of a zero target does not exist: the distance chart leaves it out
    assert list(charts.distance_rows(note.card)["indicator_id"]) == ["sykefravaer"]


def test_chart_titles_show_dollar_signs_literally():
    history = pd.DataFrame({"period": ["2007", "2008"], "value": [2.0, 1.0], "target": [0.0, 0.0]})
    with charts.briefing_figure() as (fig, ax):
        charts.trend_chart(history, ax=ax, name="Avvik $x^2$", unit="antall", lang="nb")
    assert ax.get_title(loc="left") == r"Avvik \$x^2\$"  # escaped: matplotlib draws it as typed
    fig.savefig(io.BytesIO(), format="png")  # a lone or paired '$' must not break the drawing
