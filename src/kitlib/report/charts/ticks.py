"""The axes' words and numbers in the note's language: value ticks with as many decimals as
their spacing needs, period ticks by their part of the year, and the unit over the value axis.
"""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import Formatter

from kitlib.data.periods import MONTHLY, YEARLY, parse_period
from kitlib.report.formatting import format_number, format_text
from kitlib.report.i18n import tr, unit_word


class NumberFormatter(Formatter):
    """Axis numbers in the note's language (``4,5`` and ``1 000`` in Norwegian), with as many
    decimals as the tick spacing needs and no more."""

    def __init__(self, lang: str):
        self.lang = lang
        self.decimals = 0

    def set_locs(self, locs):
        super().set_locs(locs)
        steps = np.diff(np.sort(np.asarray(locs, dtype=float)))
        step = float(steps[steps > 0].min()) if (steps > 0).any() else 1.0
        # as many decimals as the step has: 2,5 keeps its 5 (rounded to 3 it would mislabel)
        self.decimals = next(
            d for d in range(7) if abs(round(step, d) - step) <= 1e-9 * max(1, step) or d == 6
        )

    def __call__(self, x, pos=None):
        return format_number(x, self.decimals, self.lang)


def period_labels(periods, lang: str = "nb", every: int = 1) -> list[str]:
    """Tick labels: years as they are; a tertial or quarter by its part ("T2", "K3"), a month by
    its short name in the note's language ("mar"). With `every` > 1 only every `every`-th is
    labelled, counted back from the last (as plot.category_axis does), the others empty; the
    year goes under the first label shown and under the first shown of each later year, so that
    every year on the axis is named."""
    texts = list(map(str, periods))
    last, labels, year_named = len(texts) - 1, [], None
    for i, text in enumerate(texts):
        if (last - i) % every:
            labels.append("")
            continue
        try:
            period = parse_period(text)
        except ValueError:
            labels.append(text)
            continue
        if period.freq == YEARLY:
            labels.append(text)
            continue
        part = period_part(period, lang)
        labels.append(part if period.year == year_named else f"{part}\n{period.year}")
        year_named = period.year
    return labels


def period_part(period, lang: str = "nb") -> str:
    """The part of the year a period is: 'T2', 'K3', or a month's short name ('mar', 'Mar')."""
    if period.freq == MONTHLY:
        return tr("months", lang).split()[period.sub - 1][:3]
    return str(period)[4:]


def _axis_label(unit: str, lang: str) -> str:
    """The unit in the note's language ("dager", "kr", "%"); a score keeps its scale ("score 1-6")."""
    word = unit_word(unit, lang) or (unit if (unit or "").lower().startswith("score") else "")
    return format_text(word, lang)
