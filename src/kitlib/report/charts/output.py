"""A finished figure as the note embeds it: an <img> of SVG (or PNG) data in a <figure>, with
alt text and an optional caption, the same bytes in every run.
"""

from __future__ import annotations

import base64
import codecs
import io
from html import escape

from matplotlib import cbook
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG

from kitlib.report.charts.style import styled

FORMAT = "svg"  # see figure_html


def figure_html(fig, alt: str, caption: str = "") -> str:
    """The figure as an embedded image <figure> with alt text.

    SVG with its text as text in the fonts style.STYLE names (see FORMAT and the report's
    measurements): sharp on screen and on paper at any zoom, and byte-identical across runs
    (svg.hashsalt fixes the ids, the date is left out).
    """
    buffer = io.BytesIO()
    with styled():
        if FORMAT == "svg":
            canvas = fig.canvas
            try:
                _MeasuringOnce(fig).print_figure(buffer, format="svg", metadata={"Date": None})
            finally:
                fig.set_canvas(canvas)
            mime = "image/svg+xml"
        else:
            fig.savefig(buffer, format="png", metadata={"Software": None})
            mime = "image/png"
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="chart"><img src="data:{mime};base64,{data}" alt="{escape(alt)}">{cap}</figure>'


_MEASURED: dict = {}  # (text, FontProperties, ismath) -> width, height, descent in points
_MEASURED_MAX = 20_000


class _MeasuredSVG(RendererSVG):
    """matplotlib's SVG writer, measuring each text once per process: matplotlib keeps its
    measures per renderer, and a renderer lives for one figure, so every tick label and
    period of every chart was measured anew (a quarter of the time to write a chart's SVG).
    A measure depends only on the text, its font properties and whether it is mathtext."""

    def get_text_width_height_descent(self, s, prop, ismath):
        key = (s, prop, ismath)
        found = _MEASURED.get(key)
        if found is None:
            if len(_MEASURED) >= _MEASURED_MAX:
                _MEASURED.clear()
            found = super().get_text_width_height_descent(s, prop, ismath)
            _MEASURED[(s, prop.copy(), ismath)] = found
        return found


class _MeasuringOnce(FigureCanvasSVG):
    """FigureCanvasSVG writing through `_MeasuredSVG`; print_svg is matplotlib's own but for
    the renderer (matplotlib >= 3.8; tests/report/test_chart_output.py compares the bytes)."""

    def print_svg(self, filename, *, bbox_inches_restore=None, metadata=None, **_applied):
        # print_figure hands its dpi, facecolor ... to every writer; it has applied them
        with cbook.open_file_cm(filename, "w", encoding="utf-8") as fh:
            if not cbook.file_requires_unicode(fh):
                fh = codecs.getwriter("utf-8")(fh)
            dpi = self.figure.dpi
            self.figure.dpi = 72
            width, height = self.figure.get_size_inches()
            w, h = width * 72, height * 72
            renderer = MixedModeRenderer(
                self.figure,
                width,
                height,
                dpi,
                _MeasuredSVG(w, h, fh, image_dpi=dpi, metadata=metadata),
                bbox_inches_restore=bbox_inches_restore,
            )
            self.figure.draw(renderer)
            renderer.finalize()
