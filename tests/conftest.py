"""Shared, seeded fixtures: small data folders written as the contract's CSV files."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from kitlib import load_data, sample_folder

INDICATOR_HEADER = (
    "indicator_id,name,service_area,perspective,source,indicator_type,unit,direction,influenceable,definition"
)


def write_folder(folder: Path, **files: str) -> Path:
    """Write CSV texts (keyword = file stem) into `folder`, dedenting each line."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in files.items():
        name = stem if "." in stem else f"{stem}.csv"
        lines = [line.strip() for line in text.strip().splitlines()]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def alna_folder(tmp_path) -> Path:
    """Bydel Alna's real scorecard figures 2006-2008 (seed 004 of the domain brief)."""
    return write_folder(
        tmp_path / "alna",
        indicators=f"""
            {INDICATOR_HEADER}
            brukertilfredshet,Brukertilfredshet,*,brukere,Brukerundersøkelse,opplevd_kvalitet,score 1-6,higher,delvis,Snitt 1-6
            sykefravaer,Sykefravær,*,medarbeidere,Lønnssystemet,medarbeider,%,lower,delvis,Legemeldt og egenmeldt
            forbruk,Forbruk av budsjett,*,okonomi,Regnskap,okonomi,%,lower,ja,Regnskap i prosent av budsjett
        """,
        units="""
            unit_id,name,service_area
            alna,Bydel Alna,Bydel
        """,
        values="""
            unit_id,indicator_id,period,value,status
            alna,brukertilfredshet,2006,4.89,
            alna,brukertilfredshet,2007,4.70,
            alna,brukertilfredshet,2008,,..
            alna,sykefravaer,2006,11.6,
            alna,sykefravaer,2007,10.35,
            alna,sykefravaer,2008,10.06,
            alna,forbruk,2006,97.24,
            alna,forbruk,2007,95.93,
            alna,forbruk,2008,97,
        """,
        targets="""
            unit_id,indicator_id,period,target
            *,brukertilfredshet,2008,4.5
            *,sykefravaer,2008,9.9
            *,forbruk,2008,100
            *,sykefravaer,2009,9.9
        """,
    )


@pytest.fixture
def synthetic_folder(tmp_path) -> Path:
    """Six kindergartens, three indicators, 2019-2024, seeded; one survey with n and sd."""
    rng = np.random.default_rng(20261122)
    units = ["bhg-a", "bhg-b", "bhg-c", "bhg-d", "bhg-e", "bhg-f"]
    rows = ["unit_id,indicator_id,period,value,status,n,sd"]
    for u, unit in enumerate(units):
        for year in range(2019, 2025):
            survey = 4.2 + 0.1 * u + rng.normal(0, 0.05)
            rows.append(f"{unit},tilfredshet,{year},{survey:.2f},,{20 + 5 * u},0.9")
            rows.append(f"{unit},laerere,{year},{40 + 5 * u + (year - 2019) * (u - 1.5):.1f},,,")
            for tertial in (1, 2, 3):
                leave = 8 + u - 0.3 * (year - 2019) + rng.normal(0, 0.2)
                rows.append(f"{unit},sykefravaer,{year}T{tertial},{leave:.2f},,,")
    return write_folder(
        tmp_path / "synthetic",
        indicators=f"""
            {INDICATOR_HEADER}
            tilfredshet,Foreldretilfredshet,Barnehage,brukere,Foreldreundersøkelsen,opplevd_kvalitet,score 1-6,higher,delvis,Snitt
            laerere,Andel barnehagelærere,Barnehage,tjenester,Egen registrering,ressurs,%,higher,ja,Andel
            sykefravaer,Sykefravær,*,medarbeidere,Lønnssystemet,medarbeider,%,lower,delvis,Fravær
        """,
        units="unit_id,name,service_area\n"
        + "\n".join(f"{u},Barnehage {u[-1].upper()},Barnehage" for u in units),
        values="\n".join(rows),
        targets="""
            unit_id,indicator_id,period,target,tolerance
            *,tilfredshet,2024,4.5,
            *,laerere,2024,45,1
            bhg-a,laerere,2024,42,
            *,sykefravaer,2024,7,
            *,sykefravaer,2025,6.5,
        """,
        benchmarks="""
            indicator_id,period,group,value
            laerere,2024,KOSTRA-gruppe 13,44
            laerere,2024,Landet uten Oslo,46
        """,
    )


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """A writable copy of the embedded sample, for breaking on purpose."""
    return Path(shutil.copytree(sample_folder(), tmp_path / "sample"))


@pytest.fixture(scope="session")
def sample_data():
    return load_data(sample_folder())


def write_cost_folder(folder: Path, *, growth: float, budget_use: float) -> Path:
    """One kindergarten 2019-2025: spending per child growing by `growth` a year (NOK) and
    spending against budget near `budget_use` %, with a budget target of 100 %."""
    rows = ["unit_id,indicator_id,period,value"]
    for year in range(2019, 2026):
        rows.append(f"bhg,kostnad,{year},{200000 * (1 + growth) ** (year - 2019):.0f}")
        rows.append(f"bhg,forbruk,{year},{budget_use + (year % 2) * 0.3}")
    return write_folder(
        folder,
        indicators=f"""
            {INDICATOR_HEADER}
            kostnad,Brutto driftsutgifter per barn,*,okonomi,KOSTRA,produktivitet,NOK,lower,delvis,Kroner
            forbruk,Forbruk i prosent av budsjett,*,okonomi,Regnskap,okonomi,%,lower,ja,Prosent
        """,
        units="unit_id,name,service_area\nbhg,Lia barnehage,Barnehage",
        values="\n".join(rows),
        targets="unit_id,indicator_id,period,target\n*,forbruk,2025,100",
    )
