#!/usr/bin/env python3
"""Write the sample data folder of the fictional "Fjordvik kommune" (data/sample/).

Usage: ``python data/make_sample.py [--out DIR]``. The output is byte-identical on every run.

Read ``sample_design.py`` first: it describes the sample (units, indicators with their
levels, noise and targets, the stories behind its gaps) as tables. ``sample_figures.py``
draws the figures from it and ``sample_words.py`` holds its texts; this script writes them,
with the units, the indicators and the units' comments, as the folder's files.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pandas as pd
from sample_design import AREA_ROWS, KIT_TOML, MUNICIPALITY, SEASONAL, UNITS, YEARLY_FIGURE, YEARS
from sample_figures import SPECS, benchmark_rows, fmt, target_rows, value_rows
from sample_words import COMMENTS, DATA_DATES, NUMBER_WORDS

from kitlib.analysis.rounding import round_half_up
from kitlib.data.atomic import write_atomic

AREA_ROW_OF = {area: unit_id for unit_id, _, area in AREA_ROWS}


def indicator_rows() -> list[dict]:
    return [
        dict(indicator_id=s["id"], name=s["name"], service_area=s["area"], perspective=s["persp"],
             source=s["source"], indicator_type=s["type"], unit=s["unit"], direction=s["direction"],
             influenceable=s["infl"], definition=s["definition"], success_factor=s["sf"],
             decimals=str(s["dec"]), data_date=DATA_DATES.get(s["source"], ""),
             yearly_figure=YEARLY_FIGURE.get(s["id"], ""), seasonal="yes" if s["id"] in SEASONAL else "")
        for s in SPECS
    ]  # fmt: skip


def unit_rows() -> list[dict]:
    """The result units, each under its service area's row, then the service areas' rows."""
    units = [
        dict(unit_id=u[0], name=u[1], service_area=u[2], parent_id=AREA_ROW_OF[u[2]],
             municipality=MUNICIPALITY, level="enhet")
        for u in UNITS
    ]  # fmt: skip
    areas = [
        dict(unit_id=i, name=n, service_area=a, parent_id="", municipality=MUNICIPALITY,
             level="tjenesteomrade")
        for i, n, a in AREA_ROWS
    ]  # fmt: skip
    return units + areas


class Shown:
    """The fields of a comment's text (see COMMENTS): its unit's figures as its note shows them."""

    def __init__(self, figures: dict, unit_id: str, indicator_id: str, year: int):
        self.figures, self.unit_id, self.indicator_id, self.year = figures, unit_id, indicator_id, year

    def __getitem__(self, field: str) -> str:
        if field.startswith("year"):
            return str(self.year + int(field[4:] or 0))
        if field == "pupils":  # the share of the comment's indicator, counted in its respondents
            row = self.figures[(self.unit_id, self.indicator_id, str(self.year))]
            return NUMBER_WORDS[round(float(row["value"]) * int(row["n"]) / 100)]
        iid, _, when = field.partition("@")
        period = f"{self.year}{when}" if when[:1] in ("T", "M") else str(self.year + int(when or 0))
        row = self.figures.get((self.unit_id, iid, period))
        if row is None:  # a tertial (monthly) indicator's year: the mean of its tertials (months)
            of_year = [r for (u, i, p), r in self.figures.items() if (u, i) == (self.unit_id, iid)
                       and p[:4] == period and len(p) > 4]  # fmt: skip
            parts = [float(r["value"]) for r in of_year]
            return fmt(round_half_up(sum(parts) / len(parts), 1), 1).replace(".", ",")
        return row["value"].replace(".", ",")


def comment_rows(values: list[dict]) -> list[dict]:
    """comments.csv: the units' own words about their figures in `values`, for the results year."""
    year = YEARS[-1]
    figures = {(r["unit_id"], r["indicator_id"], r["period"]): r for r in values}
    return [
        dict(
            unit_id=u,
            period=str(year),
            indicator_id=i,
            kind=k,
            text=text.format_map(Shown(figures, u, i, year)),
        )
        for u, i, k, text in COMMENTS
    ]


def to_csv(rows: list[dict], sort: list[str] | None) -> str:
    frame = pd.DataFrame(rows, dtype=str)
    if sort:
        frame = frame.sort_values(sort, kind="mergesort").reset_index(drop=True)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Generate the Fjordvik sample data folder.")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "sample")
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    key = ["unit_id", "indicator_id", "period"]
    values = value_rows()
    files = {
        "indicators.csv": to_csv(indicator_rows(), None),
        "units.csv": to_csv(unit_rows(), None),
        "values.csv": to_csv(values, key),
        "targets.csv": to_csv(target_rows(values), [*key, "service_area"]),
        "benchmarks.csv": to_csv(benchmark_rows(), ["indicator_id", "period", "group"]),
        "comments.csv": to_csv(comment_rows(values), None),
        "kit.toml": KIT_TOML,
    }
    for name, text in files.items():
        write_atomic(out / name, text)
    print(f"wrote {len(files)} files to {out}")


if __name__ == "__main__":
    main()
