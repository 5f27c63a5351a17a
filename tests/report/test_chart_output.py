"""charts.figure_html writes a figure's SVG through its own canvas, which keeps the texts'
measures from figure to figure: the bytes must be matplotlib's own savefig's."""

from __future__ import annotations

import base64
import io

from matplotlib.figure import Figure

from kitlib import prepare_briefing
from kitlib.report import charts


def savefig_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    with charts.styled():
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def embedded_bytes(html: str) -> bytes:
    return base64.b64decode(html.split("base64,", 1)[1].split('"', 1)[0])


def test_figure_html_writes_what_matplotlib_writes():
    note = prepare_briefing("", "shj-berg-dal", 2025, "en")
    figures = [*note.trend_charts_section().figures, *note.distance_section().figures]
    constrained = Figure(figsize=(4, 3), layout="constrained")
    ax = constrained.add_subplot()
    ax.plot([1, 2, 3], [2, 1, 3])
    ax.set_title("Sykefravær 7,1 %", loc="left")
    for fig in [*figures, constrained]:
        canvas = fig.canvas
        twice = [embedded_bytes(charts.figure_html(fig, "")) for _ in range(2)]  # measures kept
        assert twice[0] == twice[1] == savefig_bytes(fig)
        assert fig.canvas is canvas


def test_a_text_is_measured_in_its_own_font_properties():
    # the same words at two sizes and weights, placed by their measures (right, top aligned)
    figures = []
    for size, weight in ((8, "normal"), (14, "bold"), (8, "bold")):
        fig = Figure(figsize=(3, 1))
        fig.text(0.9, 0.9, "Sykefravær 7,1 %", ha="right", va="top", fontsize=size, fontweight=weight)
        figures.append(fig)
    written = [embedded_bytes(charts.figure_html(fig, "")) for fig in figures]
    assert written == [savefig_bytes(fig) for fig in figures]
    assert len(set(written)) == 3
