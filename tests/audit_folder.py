"""A seeded data folder in which each indicator breaks (at most) one of KS's tests on purpose.

Six kindergartens and their service area, 2019-2025 (results year 2025):

=====================  =====================================================================
tilfredshet            a good survey indicator: passes all seven tests
udefinert              no definition                      -> documented fails
retning                direction none (so no target)      -> interpretable and relevant fail
upavirkbar             influenceable "nei"                -> influenceable fails
faa_svar               survey of 6-8 respondents          -> reliable fails (few_respondents)
hull                   no figures in 2021 and 2022        -> reliable fails (missing_periods)
kort                   figures for 2024 and 2025 only     -> stable fails
uten_sammenligning     no benchmark                       -> comparable fails
uten_maal              no target                          -> relevant fails
dekning                KOSTRA coverage, service area only -> audited as context
barn                   a context figure (kontekst)        -> not audited
=====================  =====================================================================
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from conftest import INDICATOR_HEADER, write_folder

UNITS = ["bhg-a", "bhg-b", "bhg-c", "bhg-d", "bhg-e", "bhg-f"]
YEARS = range(2019, 2026)
RESULTS_YEAR = 2025
# id, type, unit, direction, influenceable, definition
INDICATORS = [
    ("tilfredshet", "opplevd_kvalitet", "score 1-6", "higher", "ja", "Snitt av svarene på «Alt i alt»"),
    ("udefinert", "malt_kvalitet", "%", "higher", "ja", ""),
    ("retning", "produktivitet", "count", "none", "delvis", "Barn per årsverk"),
    ("upavirkbar", "malt_kvalitet", "%", "higher", "nei", "Andel barn med plass innen fristen"),
    ("faa_svar", "opplevd_kvalitet", "score 1-6", "higher", "ja", "Snitt av svarene fra de ansatte"),
    ("hull", "malt_kvalitet", "%", "higher", "ja", "Andel med gjennomført foreldresamtale"),
    ("kort", "malt_kvalitet", "%", "higher", "ja", "Andel med språkkartlegging"),
    ("uten_sammenligning", "malt_kvalitet", "%", "lower", "ja", "Andel avvik i tilsyn"),
    ("uten_maal", "ressurs", "%", "higher", "delvis", "Andel barnehagelærere"),
    ("dekning", "dekningsgrad", "%", "none", "nei", "Barn 1-5 år i barnehage i prosent av alle"),
    ("barn", "kontekst", "barn", "none", "nei", "Barn med plass"),
]
NO_BENCHMARK = {"uten_sammenligning", "barn"}
NO_TARGET = {"uten_maal", "retning", "dekning", "barn"}
SURVEYS = {"tilfredshet", "faa_svar"}


def write_audit_folder(folder: Path, seed: int = 20260601) -> Path:
    rng = np.random.default_rng(seed)
    lines = [INDICATOR_HEADER]
    for ind, kind, unit, direction, influence, definition in INDICATORS:
        perspective = "brukere" if kind == "opplevd_kvalitet" else "tjenester"
        lines.append(f"{ind},{ind.replace('_', ' ').title()},Barnehage,{perspective},Egen registrering,"
                     f"{kind},{unit},{direction},{influence},{definition}")  # fmt: skip
    values = ["unit_id,indicator_id,period,value,status,n,sd"]
    for u, unit in enumerate(UNITS):
        for year in YEARS:
            values.append(
                f"{unit},tilfredshet,{year},{4.4 + 0.1 * u + rng.normal(0, 0.05):.2f},,{25 + 3 * u},0.9"
            )
            values.append(f"{unit},faa_svar,{year},{4.2 + rng.normal(0, 0.2):.2f},,{6 + u % 3},1.0")
            for ind in ("udefinert", "upavirkbar", "uten_sammenligning", "uten_maal"):
                values.append(f"{unit},{ind},{year},{60 + 3 * u + rng.normal(0, 1):.1f},,,")
            values.append(f"{unit},retning,{year},{5 + rng.normal(0, 0.3):.1f},,,")
            if year in (2021, 2022):
                values.append(f"{unit},hull,{year},,..,,")
            else:
                values.append(f"{unit},hull,{year},{80 + rng.normal(0, 2):.1f},,,")
            if year >= 2024:
                values.append(f"{unit},kort,{year},{70 + rng.normal(0, 2):.1f},,,")
            values.append(f"{unit},barn,{year},{40 + u},,,")
    for year in YEARS:
        values.append(f"omr-bhg,dekning,{year},{92 + rng.normal(0, 0.5):.1f},,,")
    targets = ["unit_id,indicator_id,period,target"]
    benchmarks = ["indicator_id,period,group,value"]
    for ind, *_ in INDICATORS:
        for year in (RESULTS_YEAR, RESULTS_YEAR + 1):
            if ind not in NO_TARGET:
                targets.append(f"*,{ind},{year},{4.6 if ind in SURVEYS else 75}")
        for year in YEARS:
            if ind not in NO_BENCHMARK:
                for group in ("KOSTRA-gruppe 13", "Landet uten Oslo"):
                    benchmarks.append(f"{ind},{year},{group},{4.5 if ind in SURVEYS else 70}")
    units = ["unit_id,name,service_area,level"]
    units += [f"{u},Barnehage {u[-1].upper()},Barnehage,enhet" for u in UNITS]
    units.append("omr-bhg,Barnehagene samlet,Barnehage,tjenesteomrade")
    return write_folder(
        folder,
        indicators="\n".join(lines),
        units="\n".join(units),
        values="\n".join(values),
        targets="\n".join(targets),
        benchmarks="\n".join(benchmarks),
    )
