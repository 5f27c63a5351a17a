"""Reporting periods: years, tertials, quarters and months, as in Norwegian statistics.

A period is written ``2024`` (year), ``2024T1``..``2024T3`` (tertial),
``2024K1``..``2024K4`` (quarter) or ``2024M01``..``2024M12`` (month).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Frequencies, as the `freq` of a Period and the `freq` column of a loaded values table.
YEARLY, TERTIAL, QUARTERLY, MONTHLY = "Y", "T", "K", "M"

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:(?P<freq>[TKM])(?P<sub>\d{1,2}))?$")
_PARTS_PER_YEAR = {"Y": 1, "T": 3, "K": 4, "M": 12}


@dataclass(frozen=True, order=True)
class Period:
    """A parsed period; ordering follows time within one frequency."""

    year: int
    sub: int  # 1 for a year, else the tertial, quarter or month number
    freq: str  # "Y", "T", "K" or "M"

    def __str__(self) -> str:
        if self.freq == "Y":
            return str(self.year)
        if self.freq == "M":
            return f"{self.year}M{self.sub:02d}"
        return f"{self.year}{self.freq}{self.sub}"

    @property
    def index(self) -> int:
        """Consecutive integer within the frequency: neighbours differ by one."""
        return self.year * _PARTS_PER_YEAR[self.freq] + self.sub - 1

    def shift(self, steps: int) -> Period:
        """The period `steps` periods later (earlier when negative), same frequency."""
        parts = _PARTS_PER_YEAR[self.freq]
        idx = self.index + steps
        return Period(idx // parts, idx % parts + 1, self.freq)


class PeriodError(ValueError):
    """A text that is not a period in the kit's notation."""


def parse_period(text: str) -> Period:
    """Parse ``2024``, ``2024T2``, ``2024K3`` or ``2024M07``; raise PeriodError otherwise."""
    match = _PATTERN.match(str(text).strip())
    if not match:
        raise PeriodError(
            f"'{text}' is not a period: write a year (2024), a tertial (2024T1..2024T3), "
            "a quarter (2024K1..2024K4) or a month (2024M01..2024M12)"
        )
    year = int(match["year"])
    freq = match["freq"] or "Y"
    if freq == "Y":
        return Period(year, 1, "Y")
    sub_text = match["sub"]
    sub = int(sub_text)
    if freq == "M" and len(sub_text) != 2:
        raise PeriodError(f"'{text}': write months with two digits, e.g. {year}M0{sub}")
    if not 1 <= sub <= _PARTS_PER_YEAR[freq]:
        names = {"T": "tertial 1-3", "K": "quarter 1-4", "M": "month 01-12"}
        raise PeriodError(f"'{text}': {names[freq]} expected after the year")
    return Period(year, sub, freq)
