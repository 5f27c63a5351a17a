"""Load a validated data folder into typed tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kitlib.data.config import KitConfig
from kitlib.data.contract import COMMENTS
from kitlib.data.periods import YEARLY
from kitlib.data.validate import LINE, check_folder, empty_table
from kitlib.errors import DataValidationError, UnknownUnitError


@dataclass
class KitData:
    """One municipality's data: the contract tables plus kit.toml's settings.

    `comments` (comments.csv) holds the units' own assessments and planned measures; like
    `targets` and `benchmarks` it is an empty table of the same columns when the file is absent.
    """

    indicators: pd.DataFrame
    units: pd.DataFrame
    values: pd.DataFrame
    targets: pd.DataFrame
    benchmarks: pd.DataFrame
    comments: pd.DataFrame = field(default_factory=lambda: empty_table(COMMENTS))
    config: KitConfig = field(default_factory=KitConfig)
    folder: Path | None = None

    def unit(self, unit_id: str) -> pd.Series:
        match = self.units[self.units["unit_id"] == unit_id]
        if match.empty:
            known = ", ".join(self.units["unit_id"].head(8))
            raise UnknownUnitError(f"no unit '{unit_id}' in units.csv; known units include {known}")
        return match.iloc[0]

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.values["year"].dropna().unique())

    @property
    def latest_year(self) -> int:
        """The results year: the latest year in which most units have yearly figures.

        "Most" is more than half of the units that have any yearly figure, so that one unit's
        stray figure for a later year does not move every briefing to that year. When no
        year has most units, the year with the most (the latest of a tie); without yearly
        figures, the latest year of any figure.
        """
        yearly = self.values[(self.values["freq"] == YEARLY) & self.values["value"].notna()]
        if yearly.empty:
            return int(self.values["year"].max())
        units_per_year = yearly.groupby("year")["unit_id"].nunique()
        most = units_per_year[units_per_year * 2 > yearly["unit_id"].nunique()]
        if most.empty:
            most = units_per_year[units_per_year == units_per_year.max()]
        return int(most.index.max())


def load_data(folder: Path | str) -> KitData:
    """Read and validate `folder`; raise DataValidationError listing every problem.

    A folder this process has read before, whose files have not changed since, is not read
    again: the caller gets its own copy of what was read (kitlib.data.cache)."""
    from kitlib.data import cache

    data = cache.load(folder, lambda: _read_folder(folder))
    data.folder = Path(folder)
    return data


def _read_folder(folder: Path | str) -> KitData:
    tables, config, problems = check_folder(folder)
    if problems:
        raise DataValidationError(problems, str(folder))
    tables = {name: frame.drop(columns=[LINE]).reset_index(drop=True) for name, frame in tables.items()}
    return KitData(**tables, config=config, folder=Path(folder))
