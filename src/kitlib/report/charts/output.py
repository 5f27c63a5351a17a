"""A finished figure as the note embeds it: an <img> of SVG (or PNG) data in a <figure>, with
alt text and an optional caption, the same bytes in every run.
"""

from __future__ import annotations

import base64
import io
from html import escape

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
            fig.savefig(buffer, format="svg", metadata={"Date": None})
            mime = "image/svg+xml"
        else:
            fig.savefig(buffer, format="png", metadata={"Software": None})
            mime = "image/png"
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    cap = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="chart"><img src="data:{mime};base64,{data}" alt="{escape(alt)}">{cap}</figure>'
