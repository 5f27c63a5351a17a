#!/usr/bin/env python3
"""Generate the fictional sample municipality "Fjordvik kommune" (data/sample/).

Usage: ``python data/make_sample.py [--out DIR]``. The output is byte-identical on every run.

The model, in short
-------------------
Every result unit has a *level* ``q`` (-1 weak .. +1 strong) and a *trend* ``t``
(-1 slipping, 0 stable, +1 improving). For an indicator with direction higher/lower
(sign ``s`` = +1/-1) the value of a unit in period ``x`` (a year, tertials as fractions) is

    mid + s*spread*(0.7*q + 0.5*z) + s*0.2*spread*t*(x - 2022) + noise*e

where ``z`` is a fixed draw per unit and indicator and ``e`` a fresh draw per period.
Indicators without direction wander around ``mid``. Money grows with ``growth`` a year.
Figures of ``scope="kommune"`` (KOSTRA prioritering, coverage of the population) are
municipal figures: they belong to the service area's own row in units.csv (level
``tjenesteomrade``), not to any unit, and each unit's note shows them as context.
Indicators marked ``area_total`` also get the service area's own figure, the area as a
whole: the units' figures weighted by their size (survey answers by respondents). With
them every area has KOSTRA figures in all four of seed 004's dimensions (prioritering,
dekningsgrad, produktivitet, kvalitet) with the KOSTRA group and the country beside them.
Sick leave is tertial, with a seasonal pattern (T1 high, T2 low) and the 2022 covid wave.
Survey items carry the number of respondents ``n`` and, for scores, the spread ``sd``.
Targets for every unit (``*``) sit a little better than ``mid`` and tighten each year;
a few units have their own targets. Typed missing values follow real causes (a survey
not run, KOSTRA figures not yet published, no 7th grade at a lower secondary school,
results suppressed for tiny groups). Each random draw comes from its own stream,
seeded by (SEED, crc32 of a key), so adding a row does not disturb the others.
Context figures (indicator_type ``kontekst``) give every unit its size (children, pupils,
places, users, cases), FTEs and budget, derived from its survey base and staff in UNITS.
A few units comment on their results year in comments.csv, about the figures made here.
"""

from __future__ import annotations

import argparse
import io
import math
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from kitlib.analysis.rounding import round_half_up
from kitlib.data.atomic import write_atomic

SEED = 20260215
YEARS = list(range(2019, 2026))  # 2025 is the results year
TARGET_YEARS = list(range(2020, 2027))  # 2026 = next year's targets
MUNICIPALITY = "Fjordvik kommune"
PEER, NATIONAL = "KOSTRA-gruppe 13", "Landet uten Oslo"
SIGN = {"higher": 1, "lower": -1, "none": 0}

# unit_id, name, service area, survey base (users), staff, level q, trend t
UNITS = [
    ("bhg-solsikken", "Solsikken barnehage", "Barnehage", 60, 16, 0.8, 0),
    ("bhg-tusenfryd", "Tusenfryd barnehage", "Barnehage", 80, 20, 0.2, 1),
    ("bhg-fjordglimt", "Fjordglimt barnehage", "Barnehage", 70, 18, -0.6, 1),
    ("bhg-lia", "Lia barnehage", "Barnehage", 45, 12, 0.0, -1),
    ("bhg-maurtua", "Maurtua barnehage", "Barnehage", 50, 14, -0.9, 0),
    ("bhg-trollskogen", "Trollskogen naturbarnehage", "Barnehage", 35, 9, 0.5, 0),
    ("bhg-bakketun", "Bakketun barnehage", "Barnehage", 14, 6, 0.1, -1),
    ("skole-nordby", "Nordby skole", "Skole", 70, 38, 0.7, 1),
    ("skole-sentrum", "Fjordvik sentrum skole", "Skole", 90, 45, -0.3, -1),
    ("skole-haugen", "Haugen skole", "Skole", 55, 30, 0.3, 0),
    ("skole-lia", "Lia skole", "Skole", 50, 26, -0.8, 1),
    ("skole-stranda", "Stranda oppvekstsenter", "Skole", 11, 9, 0.0, 0),
    ("skole-fjordvik-us", "Fjordvik ungdomsskole", "Skole", 100, 48, -0.2, 0),
    ("shj-berg-dal", "Berg & Dal bo- og behandlingssenter", "Sykehjem", 60, 70, -0.7, -1),
    ("shj-fjordtun", "Fjordtun sykehjem", "Sykehjem", 45, 52, 0.6, 0),
    ("shj-solbakken", "Solbakken sykehjem", "Sykehjem", 35, 40, 0.0, 1),
    ("shj-haugtun", "Haugtun omsorgssenter", "Sykehjem", 25, 30, 0.9, 0),
    ("hjt-nord", "Hjemmetjenesten nord", "Hjemmetjenester", 70, 45, 0.4, -1),
    ("hjt-sentrum", "Hjemmetjenesten sentrum", "Hjemmetjenester", 90, 60, -0.5, 0),
    ("hjt-sor", "Hjemmetjenesten sør", "Hjemmetjenester", 60, 40, 0.2, 1),
    ("bv-mottak", "Barneverntjenesten, mottak og undersøkelse", "Barnevern", 16, 11, -0.4, 1),
    ("bv-tiltak", "Barneverntjenesten, tiltak og omsorg", "Barnevern", 14, 9, 0.3, -1),
    ("bygg-ost", "Byggesak øst", "Byggesak", 30, 7, -0.6, -1),
    ("bygg-vest", "Byggesak vest", "Byggesak", 25, 6, 0.5, 1),
]
UNIT_KEYS = ("id", "name", "area", "size", "staff", "q", "t")
# One row per service area (units.csv level "tjenesteomrade") holds the area's KOSTRA
# figures (prioritering, dekningsgrad): the municipality's, not any unit's result.
AREA_ROWS = [
    ("omr-barnehage", "Barnehagene samlet", "Barnehage"),
    ("omr-skole", "Skolene samlet", "Skole"),
    ("omr-sykehjem", "Sykehjemmene samlet", "Sykehjem"),
    ("omr-hjemmetjenester", "Hjemmetjenestene samlet", "Hjemmetjenester"),
    ("omr-barnevern", "Barneverntjenesten samlet", "Barnevern"),
    ("omr-byggesak", "Byggesak samlet", "Byggesak"),
]
AREA_ROW_OF = {area: unit_id for unit_id, _, area in AREA_ROWS}


def ind(iid, name, area, persp, source, itype, unit, direction, infl, definition, sf="", dec=1, **model):
    """One indicator: its contract fields plus the model parameters in `model`."""
    spec = dict(
        id=iid,
        name=name,
        area=area,
        persp=persp,
        source=source,
        type=itype,
        unit=unit,
        direction=direction,
        infl=infl,
        definition=definition,
        sf=sf,
        dec=dec,
        mid=0.0,
        spread=0.0,
        noise=0.0,
        lo=-math.inf,
        hi=math.inf,
        growth=0.0,
        scope="unit",
        survey="",
        bench=False,
        target=direction != "none",
        tol=None,
        step=None,
        only=(),
        tertial=False,
        late=False,
        area_total=False,
    )
    spec.update(model)
    return spec


BU, EU = "Brukerundersøkelse (bedrekommune.no)", "Elevundersøkelse 7. trinn (bedrekommune.no)"
MU, KOSTRA = "Medarbeiderundersøkelse (bedrekommune.no)", "KOSTRA (SSB)"
SCORE = dict(spread=0.3, noise=0.12, lo=3.8, hi=5.6, bench=True, tol=0.1)


def bruker(iid, area, name, question, mid, source=BU, **model):
    """A user-survey question, scale 1-6."""
    return ind(
        iid,
        name,
        area,
        "brukere",
        source,
        "opplevd_kvalitet",
        "score 1-6",
        "higher",
        "ja",
        f"Gjennomsnitt av svarene på «{question}», skala 1-6 der 6 er best.",
        "Fornøyde brukere",
        mid=mid,
        survey="bruker",
        **(SCORE | model),
    )


def kroner(iid, area, name, itype, direction, definition, mid, **model):
    """A KOSTRA figure in kroner (grows with prices)."""
    return ind(
        iid,
        name,
        area,
        "okonomi",
        KOSTRA,
        itype,
        "NOK",
        direction,
        "delvis" if itype == "produktivitet" else "nei",
        definition,
        "God ressursutnyttelse",
        0,
        mid=mid,
        spread=0.06 * mid,
        noise=0.02 * mid,
        growth=0.045,
        bench=True,
        target=False,
        **model,
    )


INDICATORS = [
    # Every unit (service area *)
    ind(
        "sykefravaer",
        "Sykefravær",
        "*",
        "medarbeidere",
        "Lønnssystemet",
        "medarbeider",
        "%",
        "lower",
        "delvis",
        "Legemeldt og egenmeldt fravær i prosent av avtalte dagsverk.",
        "Friske medarbeidere",
        tertial=True,
        spread=1.3,
        noise=0.45,
        lo=4,
        hi=14,
        tol=0.5,
        mid={
            "Barnehage": 8.6,
            "Skole": 5.8,
            "Sykehjem": 10.2,
            "Hjemmetjenester": 9.6,
            "Barnevern": 6.6,
            "Byggesak": 4.9,
        },
        target=(7.5, -0.1),
    ),
    ind(
        "medarb_trivsel",
        "Trivsel på arbeidsplassen",
        "*",
        "medarbeidere",
        MU,
        "medarbeider",
        "score 1-6",
        "higher",
        "ja",
        "Gjennomsnitt av svarene på «Alt i alt, hvor fornøyd er du med å jobbe her?», skala 1-6.",
        "Engasjerte medarbeidere",
        mid=4.7,
        survey="medarb",
        **SCORE,
    ),
    ind(
        "medarb_leder",
        "Tilfredshet med nærmeste leder",
        "*",
        "medarbeidere",
        MU,
        "medarbeider",
        "score 1-6",
        "higher",
        "ja",
        "Gjennomsnitt av spørsmålene om nærmeste leder, skala 1-6.",
        "God ledelse",
        mid=4.6,
        survey="medarb",
        **SCORE,
    ),
    ind(
        "forbruk_budsjett",
        "Forbruk i prosent av budsjett",
        "*",
        "okonomi",
        "Regnskapet",
        "okonomi",
        "%",
        "lower",
        "ja",
        "Netto driftsutgifter i prosent av justert netto driftsbudsjett; målet er høyst 100 %.",
        "Budsjettdisiplin",
        mid=99.4,
        spread=2.6,
        noise=1.4,
        lo=92,
        hi=108,
        target=(100, 0),
        tol=1.0,
    ),
    # Barnehage
    bruker(
        "bhg_bu_helhet",
        "Barnehage",
        "Foreldrenes tilfredshet totalt",
        "Alt i alt, hvor fornøyd er du med barnehagen?",
        5.0,
        area_total=True,
    ),
    bruker("bhg_bu_trivsel", "Barnehage", "Barnets trivsel", "Barnet mitt trives i barnehagen", 5.2),
    bruker(
        "bhg_bu_medvirkning",
        "Barnehage",
        "Informasjon og medvirkning",
        "Jeg får god informasjon og kan påvirke hverdagen i barnehagen",
        4.6,
    ),
    ind(
        "bhg_laerere",
        "Andel barnehagelærere",
        "Barnehage",
        "tjenester",
        "BASIL / KOSTRA (SSB)",
        "ressurs",
        "%",
        "higher",
        "delvis",
        "Andel ansatte i basisvirksomheten med barnehagelærerutdanning per 15. desember.",
        "Kompetente ansatte",
        mid=46,
        spread=7,
        noise=2.5,
        lo=25,
        hi=70,
        bench=True,
        step=1,
    ),
    kroner(
        "bhg_kostnad_barn",
        "Barnehage",
        "Korrigerte brutto driftsutgifter per barn",
        "produktivitet",
        "lower",
        "Brutto driftsutgifter per heltidsbarn, korrigert for alder og oppholdstid.",
        215000,
        late=True,
        area_total=True,
    ),
    kroner(
        "bhg_netto_innb",
        "Barnehage",
        "Netto driftsutgifter per innbygger 1-5 år",
        "prioritering",
        "none",
        "Kommunens netto driftsutgifter til barnehage per innbygger 1-5 år. Kommunetall.",
        176000,
        scope="kommune",
    ),
    ind(
        "bhg_dekning",
        "Andel barn 1-5 år med barnehageplass",
        "Barnehage",
        "samfunn",
        KOSTRA,
        "dekningsgrad",
        "%",
        "none",
        "nei",
        "Barn 1-5 år i barnehage i prosent av innbyggere 1-5 år. Kommunetall.",
        "Plass til alle",
        mid=92.5,
        spread=1.2,
        noise=0.6,
        hi=99,
        scope="kommune",
        bench=True,
    ),
    # Skole
    bruker(
        "skole_bu_foreldre",
        "Skole",
        "Foreldrenes tilfredshet totalt",
        "Alt i alt, hvor fornøyd er du med skolen?",
        4.8,
    ),
    bruker("skole_trivsel7", "Skole", "Trivsel 7. trinn", "Trives du på skolen?", 5.0, EU),
    ind(
        "skole_mobbing7",
        "Andel elever som opplever mobbing, 7. trinn",
        "Skole",
        "brukere",
        EU,
        "opplevd_kvalitet",
        "%",
        "lower",
        "ja",
        "Andel elever som svarer at de er mobbet 2-3 ganger i måneden eller oftere.",
        "Trygt læringsmiljø",
        mid=7,
        spread=2.5,
        noise=1.2,
        lo=1,
        hi=16,
        survey="andel",
        bench=True,
        tol=1.0,
    ),
    ind(
        "skole_np_lesing5",
        "Nasjonale prøver lesing 5. trinn",
        "Skole",
        "tjenester",
        "Udir",
        "malt_kvalitet",
        "skalapoeng",
        "higher",
        "delvis",
        "Gjennomsnittlig skalapoeng, nasjonalt snitt 50.",
        "Godt læringsutbytte",
        0,
        mid=50,
        spread=2,
        noise=1,
        lo=40,
        hi=60,
        bench=True,
        area_total=True,
        survey="trinn",  # n: the pupils of the grade who sat the test (Udir publishes it)
    ),
    ind(
        "skole_grunnskolepoeng",
        "Grunnskolepoeng",
        "Skole",
        "tjenester",
        "Udir",
        "malt_kvalitet",
        "poeng",
        "higher",
        "delvis",
        "Gjennomsnitt av standpunkt- og eksamenskarakterer ganger ti, 10. trinn.",
        "Godt læringsutbytte",
        mid=41.5,
        spread=1.5,
        noise=0.7,
        bench=True,
        only=("skole-fjordvik-us",),
    ),
    ind(
        "skole_kompetanse",
        "Andel lærere med godkjent utdanning",
        "Skole",
        "tjenester",
        "GSI / KOSTRA (SSB)",
        "ressurs",
        "%",
        "higher",
        "delvis",
        "Andel lærere som oppfyller kompetansekravene for undervisning i fagene de underviser i.",
        "Kompetente ansatte",
        mid=93,
        spread=3,
        noise=1.5,
        hi=100,
        bench=True,
        step=0.5,
    ),
    kroner(
        "skole_kostnad_elev",
        "Skole",
        "Korrigerte brutto driftsutgifter per elev",
        "produktivitet",
        "lower",
        "Brutto driftsutgifter til grunnskole per elev, korrigert for skyss og spesialskoler.",
        118000,
        late=True,
        area_total=True,
    ),
    kroner(
        "skole_netto_innb",
        "Skole",
        "Netto driftsutgifter per innbygger 6-15 år",
        "prioritering",
        "none",
        "Kommunens netto driftsutgifter til grunnskole per innbygger 6-15 år. Kommunetall.",
        124000,
        scope="kommune",
    ),
    ind(
        "skole_sfo",
        "Andel elever 1.-4. trinn i SFO",
        "Skole",
        "samfunn",
        "GSI",
        "dekningsgrad",
        "%",
        "none",
        "delvis",
        "Elever i SFO i prosent av elever på 1.-4. trinn.",
        "Trygg skoledag",
        mid=62,
        spread=9,
        noise=3,
        lo=30,
        hi=95,
        bench=True,
        area_total=True,
    ),
    # Sykehjem
    bruker(
        "shj_bu_helhet",
        "Sykehjem",
        "Tilfredshet totalt (beboere og pårørende)",
        "Alt i alt, hvor fornøyd er du med sykehjemmet?",
        4.9,
        area_total=True,
    ),
    bruker(
        "shj_bu_respekt",
        "Sykehjem",
        "Respektfull behandling",
        "Blir du (beboeren) behandlet med respekt?",
        5.2,
    ),
    bruker("shj_bu_maltider", "Sykehjem", "Måltidene", "Hvor fornøyd er du med måltidene?", 4.7),
    ind(
        "shj_legemiddelavvik",
        "Legemiddelavvik per 1000 liggedøgn",
        "Sykehjem",
        "tjenester",
        "Avvikssystemet",
        "malt_kvalitet",
        "per 1000 liggedøgn",
        "lower",
        "ja",
        "Meldte avvik i legemiddelhåndteringen per 1000 liggedøgn.",
        "Trygge tjenester",
        2,
        mid=1.6,
        spread=0.5,
        noise=0.25,
        lo=0.2,
        hi=4,
        tol=0.2,
        step=0.1,
    ),
    ind(
        "shj_ernaering",
        "Andel beboere vurdert for ernæringsmessig risiko",
        "Sykehjem",
        "tjenester",
        "Fagsystemet",
        "malt_kvalitet",
        "%",
        "higher",
        "ja",
        "Beboere med ernæringsvurdering siste 6 måneder i prosent av alle beboere.",
        "Trygge tjenester",
        mid=86,
        spread=6,
        noise=3,
        lo=55,
        hi=100,
        step=1,
    ),
    ind(
        "shj_legetimer",
        "Legetimer per uke per beboer",
        "Sykehjem",
        "tjenester",
        KOSTRA,
        "ressurs",
        "timer",
        "higher",
        "delvis",
        "Avtalte legetimer per uke delt på antall plasser.",
        "Kompetente ansatte",
        2,
        mid=0.6,
        spread=0.12,
        noise=0.04,
        lo=0.25,
        hi=1.2,
        bench=True,
        tol=0.05,
        step=0.05,
    ),
    ind(
        "shj_fagutdanning",
        "Andel årsverk med helsefagutdanning",
        "Sykehjem",
        "tjenester",
        "Personalsystemet / KOSTRA (SSB)",
        "ressurs",
        "%",
        "higher",
        "delvis",
        "Årsverk med helsefaglig utdanning i prosent av alle årsverk i brukerrettet tjeneste.",
        "Kompetente ansatte",
        mid=74,
        spread=5,
        noise=2,
        lo=55,
        hi=92,
        bench=True,
        step=1,
    ),
    kroner(
        "shj_kostnad_plass",
        "Sykehjem",
        "Korrigerte brutto driftsutgifter per plass",
        "produktivitet",
        "lower",
        "Brutto driftsutgifter til institusjon per plass, korrigert for kjøp og salg av plasser.",
        1350000,
        late=True,
        area_total=True,
    ),
    ind(
        "shj_dekning",
        "Andel innbyggere 80 år og over som bor på sykehjem",
        "Sykehjem",
        "samfunn",
        KOSTRA,
        "dekningsgrad",
        "%",
        "none",
        "nei",
        "Beboere 80 år og over i prosent av innbyggere 80 år og over. Kommunetall.",
        "Rett tjeneste til rett tid",
        mid=11.5,
        spread=0.8,
        noise=0.3,
        growth=-0.02,
        scope="kommune",
        bench=True,
    ),
    kroner(
        "shj_netto_innb80",
        "Sykehjem",
        "Netto driftsutgifter til sykehjem per innbygger 80 år og over",
        "prioritering",
        "none",
        "Kommunens netto driftsutgifter til institusjonstjenester per innbygger 80 år og over. Kommunetall.",
        190000,
        scope="kommune",
    ),
    # Hjemmetjenester
    bruker(
        "hjt_bu_helhet",
        "Hjemmetjenester",
        "Tilfredshet totalt",
        "Alt i alt, hvor fornøyd er du med hjemmetjenesten?",
        5.0,
        area_total=True,
    ),
    bruker(
        "hjt_bu_tid",
        "Hjemmetjenester",
        "Tjenesten kommer til avtalt tid",
        "Kommer hjemmetjenesten til avtalt tid?",
        4.6,
    ),
    ind(
        "hjt_avlyste",
        "Andel avlyste besøk",
        "Hjemmetjenester",
        "tjenester",
        "Fagsystemet",
        "malt_kvalitet",
        "%",
        "lower",
        "ja",
        "Avlyste planlagte besøk i prosent av alle planlagte besøk.",
        "Pålitelige tjenester",
        mid=1.8,
        spread=0.7,
        noise=0.35,
        lo=0.2,
        hi=5,
        tol=0.3,
    ),
    ind(
        "hjt_kontinuitet",
        "Antall ulike ansatte hos bruker per 14 dager",
        "Hjemmetjenester",
        "tjenester",
        "Fagsystemet",
        "malt_kvalitet",
        "count",
        "lower",
        "ja",
        "Gjennomsnittlig antall ulike ansatte som besøker en bruker i løpet av 14 dager.",
        "Kontinuitet",
        mid=13,
        spread=2.5,
        noise=1,
        lo=6,
        hi=22,
        step=0.5,
    ),
    ind(
        "hjt_brukertid",
        "Andel av arbeidstiden brukt hos bruker",
        "Hjemmetjenester",
        "okonomi",
        "Fagsystemet og turnusplan",
        "produktivitet",
        "%",
        "higher",
        "ja",
        "Registrert tid hos bruker i prosent av planlagt arbeidstid.",
        "God ressursutnyttelse",
        mid=55,
        spread=4,
        noise=1.5,
        lo=40,
        hi=70,
        step=1,
    ),
    ind(
        "hjt_dekning",
        "Andel innbyggere 80 år og over som mottar hjemmetjenester",
        "Hjemmetjenester",
        "samfunn",
        KOSTRA,
        "dekningsgrad",
        "%",
        "none",
        "nei",
        "Mottakere 80 år og over i distriktet i prosent av innbyggere 80 år og over der.",
        "Rett tjeneste til rett tid",
        mid=30,
        spread=3,
        noise=1,
        bench=True,
        area_total=True,
    ),
    ind(
        "hjt_prioritet",
        "Pleie og omsorg, andel av netto driftsutgifter",
        "Hjemmetjenester",
        "okonomi",
        KOSTRA,
        "prioritering",
        "%",
        "none",
        "nei",
        "Netto driftsutgifter til pleie og omsorg i prosent av kommunens netto driftsutgifter. Kommunetall.",
        "God ressursutnyttelse",
        mid=31,
        spread=1,
        noise=0.4,
        scope="kommune",
        bench=True,
    ),
    kroner(
        "hjt_kostnad_mottaker",
        "Hjemmetjenester",
        "Korrigerte brutto driftsutgifter per mottaker av hjemmetjenester",
        "produktivitet",
        "lower",
        "Brutto driftsutgifter til hjemmetjenester per mottaker, korrigert for kjøp og salg av tjenester. "
        "Kommunetall.",
        265000,
        scope="kommune",
    ),
    # Barnevern
    bruker(
        "bv_bu_helhet",
        "Barnevern",
        "Tilfredshet totalt (foreldre)",
        "Alt i alt, hvor fornøyd er du med barneverntjenesten?",
        4.3,
    ),
    bruker(
        "bv_bu_medvirkning",
        "Barnevern",
        "Medvirkning i egen sak",
        "Opplever du at du blir hørt i saken?",
        4.1,
    ),
    ind(
        "bv_frist",
        "Andel undersøkelser med behandlingstid over 3 måneder",
        "Barnevern",
        "tjenester",
        "Fagsystemet / KOSTRA (SSB)",
        "malt_kvalitet",
        "%",
        "lower",
        "delvis",
        "Undersøkelser avsluttet etter mer enn tre måneder i prosent av alle avsluttede.",
        "Rask hjelp",
        mid=15,
        spread=7,
        noise=3,
        lo=0,
        hi=45,
        bench=True,
        area_total=True,
        tol=2,
        step=1,
    ),
    ind(
        "bv_plan",
        "Andel barn med tiltak som har tiltaksplan",
        "Barnevern",
        "tjenester",
        "Fagsystemet / KOSTRA (SSB)",
        "malt_kvalitet",
        "%",
        "higher",
        "ja",
        "Barn med hjelpetiltak og gyldig tiltaksplan i prosent av barn med hjelpetiltak.",
        "Planmessig arbeid",
        mid=88,
        spread=6,
        noise=3,
        lo=60,
        hi=100,
        bench=True,
        step=1,
    ),
    ind(
        "bv_per_aarsverk",
        "Barn med undersøkelse eller tiltak per årsverk",
        "Barnevern",
        "okonomi",
        KOSTRA,
        "produktivitet",
        "count",
        "none",
        "delvis",
        "Barn med undersøkelse eller tiltak i løpet av året per fagårsverk.",
        "God ressursutnyttelse",
        mid=17,
        spread=2,
        noise=1,
        bench=True,
        area_total=True,
    ),
    ind(
        "bv_dekning",
        "Andel barn 0-17 år med barneverntiltak",
        "Barnevern",
        "samfunn",
        KOSTRA,
        "dekningsgrad",
        "%",
        "none",
        "nei",
        "Barn med barneverntiltak i prosent av innbyggere 0-17 år. Kommunetall.",
        "Rett hjelp til rett tid",
        mid=3.6,
        spread=0.3,
        noise=0.15,
        growth=-0.02,
        scope="kommune",
        bench=True,
    ),
    kroner(
        "bv_netto_innb",
        "Barnevern",
        "Netto driftsutgifter til barnevern per innbygger 0-17 år",
        "prioritering",
        "none",
        "Kommunens netto driftsutgifter til barnevern per innbygger 0-17 år. Kommunetall.",
        9800,
        scope="kommune",
    ),
    # Byggesak
    bruker(
        "bygg_bu_helhet",
        "Byggesak",
        "Tilfredshet totalt (søkere)",
        "Alt i alt, hvor fornøyd er du med byggesaksbehandlingen?",
        4.3,
    ),
    bruker(
        "bygg_bu_service",
        "Byggesak",
        "Service og tilgjengelighet",
        "Hvor fornøyd er du med service og tilgjengelighet?",
        4.5,
    ),
    ind(
        "bygg_tid_3uker",
        "Saksbehandlingstid søknader med 3 ukers frist",
        "Byggesak",
        "tjenester",
        "Sakssystemet",
        "malt_kvalitet",
        "days",
        "lower",
        "delvis",
        "Gjennomsnittlig antall dager fra komplett søknad til vedtak; lovens frist er 21 dager.",
        "Rask saksbehandling",
        0,
        mid=20,
        spread=5,
        noise=2.5,
        lo=8,
        hi=40,
        target=(21, 0),
        tol=2,
    ),
    ind(
        "bygg_tid_ramme",
        "Saksbehandlingstid rammesøknader",
        "Byggesak",
        "tjenester",
        "Sakssystemet / KOSTRA (SSB)",
        "malt_kvalitet",
        "days",
        "lower",
        "delvis",
        "Gjennomsnittlig antall dager fra komplett rammesøknad til vedtak (frist 12 uker).",
        "Rask saksbehandling",
        0,
        mid=42,
        spread=9,
        noise=4,
        lo=20,
        hi=70,
        bench=True,
        area_total=True,
        target=(50, -1),
        tol=3,
    ),
    ind(
        "bygg_innen_frist",
        "Andel saker behandlet innen lovpålagt frist",
        "Byggesak",
        "tjenester",
        "Sakssystemet",
        "malt_kvalitet",
        "%",
        "higher",
        "delvis",
        "Vedtak fattet innen fristen i plan- og bygningsloven i prosent av alle vedtak.",
        "Rask saksbehandling",
        mid=90,
        spread=5,
        noise=2.5,
        lo=65,
        hi=100,
        step=1,
    ),
    ind(
        "bygg_omgjort",
        "Andel klagesaker omgjort av statsforvalteren",
        "Byggesak",
        "tjenester",
        "Sakssystemet",
        "malt_kvalitet",
        "%",
        "lower",
        "delvis",
        "Klagesaker omgjort eller opphevet av statsforvalteren i prosent av avgjorte klagesaker.",
        "Riktige vedtak",
        mid=8,
        spread=4,
        noise=3,
        lo=0,
        hi=30,
        target=False,
    ),
    ind(
        "bygg_saker_aarsverk",
        "Behandlede byggesaker per årsverk",
        "Byggesak",
        "okonomi",
        "Sakssystemet",
        "produktivitet",
        "count",
        "higher",
        "ja",
        "Vedtak i byggesaker i løpet av året per saksbehandlerårsverk.",
        "God ressursutnyttelse",
        0,
        mid=85,
        spread=12,
        noise=6,
        lo=50,
        hi=130,
        step=5,
    ),
    kroner(
        "bygg_netto_innb",
        "Byggesak",
        "Netto driftsutgifter til byggesak per innbygger",
        "prioritering",
        "none",
        "Kommunens netto driftsutgifter til byggesaksbehandling per innbygger; gebyrene dekker det meste. "
        "Kommunetall.",
        95,
        scope="kommune",
    ),
    ind(
        "bygg_soknader_innb",
        "Byggesøknader per 1000 innbyggere",
        "Byggesak",
        "samfunn",
        KOSTRA,
        "dekningsgrad",
        "per 1000 innbyggere",
        "none",
        "nei",
        "Behandlede søknader om tiltak etter plan- og bygningsloven per 1000 innbyggere. Kommunetall.",
        "Rett tjeneste til rett tid",
        mid=9.5,
        spread=1.0,
        noise=0.4,
        lo=4,
        hi=16,
        scope="kommune",
        bench=True,
    ),
    kroner(
        "bygg_kostnad_sak",
        "Byggesak",
        "Brutto driftsutgifter per behandlet byggesak",
        "produktivitet",
        "lower",
        "Brutto driftsutgifter til byggesaksbehandling delt på antall behandlede byggesaker. Kommunetall.",
        24000,
        scope="kommune",
    ),
]

# Context figures (indicator_type kontekst): what each unit is, shown in the title block of
# its note and never judged. Per service area: what is counted (id, name, unit, definition,
# source), how many per user of the unit's survey base in UNITS, and the net budget per one
# in the results year's kroner (wages and prices grow BUDGET_GROWTH a year before that).
CONTEXT = "kontekst"
SIZE = {
    "Barnehage": ("bhg_barn", "Barn i barnehagen", "barn",
                  "Barn med plass i barnehagen per 15. desember.", "BASIL", 1.0, 205_000),
    "Skole": ("skole_elever", "Elever", "elever",
              "Elever i grunnskolen per 1. oktober.", "GSI", 5.0, 112_000),
    "Sykehjem": ("shj_plasser", "Plasser", "plasser",
                 "Plasser i institusjon per 31. desember.", "Fagsystemet", 1.0, 1_250_000),
    "Hjemmetjenester": ("hjt_brukere", "Brukere", "brukere",
                        "Brukere med vedtak om hjemmetjenester per 31. desember.", "Fagsystemet",
                        3.0, 150_000),
    "Barnevern": ("bv_barn", "Barn i barnevernet", "barn",
                  "Barn med undersøkelse eller tiltak i løpet av året.", "Fagsystemet", 9.0, 240_000),
    "Byggesak": ("bygg_saker", "Behandlede byggesaker", "saker",
                 "Byggesaker avgjort i løpet av året.", "Sakssystemet", 18.0, 9_000),
}  # fmt: skip
FTE_PER_EMPLOYEE = 0.85  # many work part time
BUDGET_GROWTH = 0.04
INDICATORS += [
    ind(iid, name, area, "brukere", source, CONTEXT, unit, "none", "nei", definition, "", 0, target=False)
    for area, (iid, name, unit, definition, source, _, _) in SIZE.items()
] + [
    ind("aarsverk", "Årsverk", "*", "medarbeidere", "Personalsystemet", CONTEXT, "årsverk", "none", "nei",
        "Avtalte årsverk per 1. desember, faste og midlertidige stillinger.", "", 1, target=False),
    ind("budsjett", "Budsjett", "*", "okonomi", "Regnskapet", CONTEXT, "NOK", "none", "nei",
        "Justert netto driftsbudsjett (vedtatt budsjett med endringer), i løpende kroner.", "", 0,
        target=False),
]  # fmt: skip

# Typed missing values, each with a real-world cause.
SURVEY_NOT_RUN = {
    ("medarb", "*", 2020),
    ("bruker", "Sykehjem", 2020),
    ("bruker", "Hjemmetjenester", 2020),
}  # pandemic year: not run ("..")
NOT_APPLICABLE = {
    ("skole-fjordvik-us", i) for i in ("skole_trivsel7", "skole_mobbing7", "skole_np_lesing5", "skole_sfo")
}
SUPPRESSED = {("skole-stranda", "skole_np_lesing5", y) for y in (2020, 2022, 2024)} | {
    ("bygg-vest", "bygg_omgjort", 2021),
    ("bygg-vest", "bygg_omgjort", 2023),
}
FORCED_N = {
    ("bhg-bakketun", "bruker", 2022): 4,
    ("bv-tiltak", "bruker", 2025): 4,
    ("skole-stranda", "bruker", 2023): 3,
    ("bygg-vest", "medarb", 2021): 4,
}
# Unit-specific target overrides: (unit ids, indicator, (target in 2020, change per year), years)
# Targets set for every unit of one service area (targets.csv's service_area): care work
# has higher sick leave everywhere, so nursing homes and home care get a target of their own.
AREA_TARGETS = [(("Sykehjem", "Hjemmetjenester"), "sykefravaer", (9.0, -0.1), TARGET_YEARS)]
OVERRIDES = [
    (["bhg-bakketun"], "bhg_laerere", (40, 0), [2024, 2025, 2026]),
    (["bygg-ost"], "bygg_tid_ramme", (55, 0), [2025, 2026]),
]
SEASON = {"T1": 1.0, "T2": -0.8, "T3": -0.2}
SHOCKS = {"2020T1": 0.6, "2022T1": 1.8, "2022T2": 0.6}  # covid waves in sick leave

KIT_TOML = f"""\
municipality = "{MUNICIPALITY}"
language = "nb"
data_date = "2026-02-15"

[perspectives]  # order matters: this is the scorecard order
brukere = {{ nb = "Brukere", da = "Borgere og brugere", en = "Users" }}
tjenester = {{ nb = "Tjenestekvalitet", da = "Kvalitet", en = "Service quality" }}
medarbeidere = {{ nb = "Medarbeidere", da = "Medarbejdere", en = "Employees" }}
okonomi = {{ nb = "Økonomi", da = "Økonomi", en = "Finances" }}
samfunn = {{ nb = "Samfunn", da = "Samfund", en = "Community" }}

[benchmarks]
peer_group = "{PEER}"
national = "{NATIONAL}"

[thresholds]
min_respondents = 5

[budget]
underspend_warning = 96     # spending below 96 % of budget is worth a question

[deflator]                  # municipal price index (2019 = 100): kroner compared in fixed prices
2019 = 100.0
2020 = 102.6
2021 = 105.8
2022 = 111.6
2023 = 118.7
2024 = 124.7
2025 = 129.9
"""
DATA_DATES = {BU: "2025-11-30", EU: "2025-11-30", MU: "2025-11-30", "Lønnssystemet": "2026-01-31"}


def stream(key: str) -> np.random.Generator:
    """An independent random stream for `key`, the same on every run."""
    return np.random.default_rng([SEED, zlib.crc32(key.encode("utf-8"))])


def fmt(value: float, dec: int) -> str:
    text = f"{value:.{dec}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def series(unit: dict, spec) -> list[tuple[int, str, float]]:
    """The modelled (year, period, value) of one indicator for one unit."""
    municipal, area = spec["scope"] == "kommune", unit["area"]
    rng = stream(f"{area if municipal else unit['id']}/{spec['id']}")
    s, spread = SIGN[spec["direction"]], spec["spread"]
    q, t = (0.0, 0.0) if municipal else (unit["q"], unit["t"])
    z, drift = rng.normal(), 0.15 * spread * rng.normal()
    mid = spec["mid"][area] if isinstance(spec["mid"], dict) else spec["mid"]
    level = mid + (s * spread * (0.7 * q + 0.5 * z) if s else spread * z)
    parts = [f"T{k}" for k in (1, 2, 3)] if spec["tertial"] else [""]
    out = []
    for year, part in ((y, p) for y in YEARS for p in parts):
        x = year + (int(part[1]) - 2) / 3 if part else year  # tertials as fractions of a year
        v = level + s * 0.2 * spread * t * (x - 2022) + (0 if s else drift * (x - 2019))
        v += spec["noise"] * rng.normal()
        if part:
            v += SEASON[part] + SHOCKS.get(f"{year}{part}", 0.0)
        v *= (1 + spec["growth"]) ** (year - 2019)
        out.append((year, f"{year}{part}", min(max(v, spec["lo"]), spec["hi"])))
    return out


def missing_status(unit: dict, spec, year: int) -> str:
    if (unit["id"], spec["id"]) in NOT_APPLICABLE:
        return "."
    if (unit["id"], spec["id"], year) in SUPPRESSED:
        return ":"
    survey_area = "*" if spec["survey"] == "medarb" else unit["area"]
    if (spec["survey"], survey_area, year) in SURVEY_NOT_RUN or (spec["late"] and year == YEARS[-1]):
        return ".."
    return ""


def respondents(unit: dict, kind: str, year: int) -> int:
    """Respondents of one unit's survey in one year (shared by the survey's questions)."""
    if (unit["id"], kind, year) in FORCED_N:
        return FORCED_N[(unit["id"], kind, year)]
    base, rate = (unit["staff"], 0.8) if kind == "medarb" else (unit["size"], 0.55)
    return max(int(stream(f"{unit['id']}/{kind}/{year}").binomial(base, rate)), 5)


def pupils_tested(unit: dict, year: int) -> int:
    """Pupils of one grade (of seven in a barneskole) who sat a national test: nearly all."""
    return max(round(unit_size(unit, year) / 7 * 0.95), 1)


def comment_rows(values: list[dict]) -> list[dict]:
    """comments.csv: a few units' own assessments (vurdering) and planned measures (tiltak) for
    the results year, as their leaders would write them about the figures in `values`."""
    year = YEARS[-1]
    figures = {(r["unit_id"], r["indicator_id"], r["period"]): r for r in values}

    def fig(unit_id: str, indicator_id: str, period: int | str = year) -> str:
        """A figure as the note shows it, '12,9' (a tertial indicator's year: the tertials' mean)."""
        row = figures.get((unit_id, indicator_id, str(period)))
        if row is None:
            parts = [float(figures[(unit_id, indicator_id, f"{period}T{k}")]["value"]) for k in (1, 2, 3)]
            return fmt(round_half_up(sum(parts) / 3, 1), 1).replace(".", ",")
        return row["value"].replace(".", ",")

    bullied = figures[("skole-sentrum", "skole_mobbing7", str(year))]
    words = "null én to tre fire fem seks sju åtte ni ti elleve tolv".split()
    pupils = words[round(float(bullied["value"]) * int(bullied["n"]) / 100)]  # as a leader writes it
    comments = [
        ("shj-berg-dal", "", "vurdering",
         f"{year} har vært et krevende år. Sykefraværet har ligget på "
         f"{fig('shj-berg-dal', 'sykefravaer')} %, og mange vakter er dekket med vikarer og overtid. "
         "Det merkes hos beboerne: de og de pårørende gir "
         f"oss {fig('shj-berg-dal', 'shj_bu_helhet')} av 6 i tilfredshet, og det er vi ikke fornøyd med. "
         f"Økonomien er nær balanse ({fig('shj-berg-dal', 'forbruk_budsjett')} % av budsjettet)."),
        ("shj-berg-dal", "sykefravaer", "vurdering",
         f"Fraværet var høyest i første tertial ({fig('shj-berg-dal', 'sykefravaer', f'{year}T1')} %) og "
         f"lavest i tredje ({fig('shj-berg-dal', 'sykefravaer', f'{year}T3')} %). Det meste er "
         "langtidsfravær, og mye av det knytter de ansatte til tunge løft og ubesatte nattevakter."),
        ("shj-berg-dal", "sykefravaer", "tiltak",
         "Fra februar 2026 er to avdelinger med i et nærværsprosjekt med NAV Arbeidslivssenter, med "
         "månedlige møter mellom avdelingsleder, tillitsvalgt og verneombud."),
        ("shj-berg-dal", "sykefravaer", "tiltak",
         "Vi lyser ut tre faste hele stillinger på natt, slik at færre vakter må dekkes med ekstravakter "
         "og overtid."),
        ("shj-berg-dal", "shj_ernaering", "vurdering",
         f"Bare {fig('shj-berg-dal', 'shj_ernaering')} % av beboerne har fått ernæringsvurdering siste "
         f"halvår, mot {fig('shj-berg-dal', 'shj_ernaering', year - 2)} % i {year - 2}. Rutinen har ikke "
         "fulgt med da mange nye vikarer kom inn."),
        ("shj-berg-dal", "shj_ernaering", "tiltak",
         "Ernæringsscreening blir en fast del av innkomstsamtalen, og fagsykepleier går gjennom listen "
         "hver måned."),
        ("skole-sentrum", "skole_mobbing7", "vurdering",
         f"{fig('skole-sentrum', 'skole_mobbing7')} % av elevene på 7. trinn svarer at de blir mobbet, mot "
         f"{fig('skole-sentrum', 'skole_mobbing7', year - 1)} % året før. Det er rundt {pupils} elever, og "
         "hver av dem er én for mange. Elevene forteller om utestenging i friminuttene og i sosiale medier."),
        ("skole-sentrum", "skole_mobbing7", "tiltak",
         "Alle kontaktlærere på mellomtrinnet har en samtale om trivsel med hver elev før vinterferien, "
         "og hver sak følges opp med en aktivitetsplan etter opplæringsloven kapittel 12."),
        ("skole-sentrum", "skole_mobbing7", "tiltak",
         "Fra januar er det tre voksne ute i hvert friminutt i stedet for to, og elevrådet starter med "
         "trivselsledere på 5.-7. trinn."),
        ("bhg-maurtua", "forbruk_budsjett", "vurdering",
         f"Merforbruket ({fig('bhg-maurtua', 'forbruk_budsjett')} % av budsjettet) skyldes i hovedsak "
         "vikarer ved sykefravær og ekstra bemanning for to barn med særskilte behov, som budsjettet ikke "
         "var justert for."),
        ("bhg-maurtua", "forbruk_budsjett", "tiltak",
         "Vi har søkt om budsjettjustering for den ekstra bemanningen. Fra 1. februar 2026 setter vi inn "
         "vikar først når bemanningen den dagen krever det, ikke fast fra første fraværsdag."),
        ("bhg-solsikken", "", "vurdering",
         f"Et godt år: foreldrene gir oss {fig('bhg-solsikken', 'bhg_bu_helhet')} av 6, og vi holdt "
         f"budsjettet ({fig('bhg-solsikken', 'forbruk_budsjett')} %). Sykefraværet "
         f"({fig('bhg-solsikken', 'sykefravaer')} %) er fortsatt for høyt, særlig om vinteren."),
        ("bhg-solsikken", "sykefravaer", "tiltak",
         "Vi prøver ut faste vikarer som kjenner barna, delt med Tusenfryd barnehage, fra mars 2026."),
    ]  # fmt: skip
    return [dict(unit_id=u, period=str(year), indicator_id=i, kind=k, text=t) for u, i, k, t in comments]


def unit_size(unit: dict, year: int) -> int:
    """What the unit counts in `year` (children, pupils, places ...): places stay, the rest vary."""
    _, _, counted, _, _, per_user, _ = SIZE[unit["area"]]
    base = unit["size"] * per_user
    if counted == "plasser":
        return round(base)
    return round(base * (1 + 0.04 * stream(f"{unit['id']}/size/{year}").normal()))


def context_values(unit: dict, spec) -> list[dict]:
    """A unit's context figure, one a year: its size, its FTEs or its budget."""
    rows = []
    for year in YEARS:
        rng = stream(f"{unit['id']}/{spec['id']}/{year}")
        size = unit_size(unit, year)
        if spec["id"] == "aarsverk":
            value = unit["staff"] * FTE_PER_EMPLOYEE * (1 + 0.03 * rng.normal())
        elif spec["id"] == "budsjett":
            per_one = SIZE[unit["area"]][-1] * (1 + BUDGET_GROWTH) ** (year - YEARS[-1])
            value = round(size * per_one * (1 + 0.02 * rng.normal()), -3)
        else:
            value = size
        value = fmt(value, spec["dec"])
        rows.append(dict(unit_id=unit["id"], indicator_id=spec["id"], period=str(year), value=value,
                         status="", n="", sd=""))  # fmt: skip
    return rows


def value_rows() -> list[dict]:
    rows = []
    area_rows = [dict(id=i, name=n, area=a, size=0, staff=0, q=0.0, t=0.0, level="tjenesteomrade")
                 for i, n, a in AREA_ROWS]  # fmt: skip
    for unit in [dict(zip(UNIT_KEYS, u), level="enhet") for u in UNITS] + area_rows:
        for spec in INDICATORS:
            if spec["area"] not in ("*", unit["area"]) or (spec["only"] and unit["id"] not in spec["only"]):
                continue
            if (spec["scope"] == "kommune") != (unit["level"] == "tjenesteomrade"):
                continue  # municipal figures on the area's row only, and nothing else there
            if spec["type"] == CONTEXT:
                rows += context_values(unit, spec)
                continue
            for year, period, v in series(unit, spec):
                row = dict(
                    unit_id=unit["id"],
                    indicator_id=spec["id"],
                    period=period,
                    value=fmt(v, spec["dec"]),
                    status="",
                    n="",
                    sd="",
                )
                row["status"] = missing_status(unit, spec, year)
                if row["status"]:
                    row["value"] = ""
                elif spec["survey"] == "trinn":
                    row["n"] = str(pupils_tested(unit, year))
                elif spec["survey"]:
                    kind = "medarb" if spec["survey"] == "medarb" else "bruker"
                    row["n"] = str(respondents(unit, kind, year))
                    if spec["unit"] == "score 1-6":
                        e = stream(f"{unit['id']}/{spec['id']}/{year}/sd").normal()
                        row["sd"] = fmt(min(max(1.0 - 0.35 * (v - 4.7) + 0.1 * e, 0.6), 1.4), 2)
                rows.append(row)
    return rows + area_total_rows(rows)


def area_total_rows(unit_rows: list[dict]) -> list[dict]:
    """The service area's own figure of each ``area_total`` indicator, per period: its units'
    published figures weighted by their size (a survey's by respondents, with all of them
    counted and the answers' spread pooled). A period no unit has a figure for yet is ".."."""
    units = {u[0]: dict(zip(UNIT_KEYS, u)) for u in UNITS}
    out = []
    for spec in (s for s in INDICATORS if s["area_total"]):
        for area_id, _, area in AREA_ROWS:
            of_area = [r for r in unit_rows if r["unit_id"] in units and units[r["unit_id"]]["area"] == area]
            mine = [r for r in of_area if r["indicator_id"] == spec["id"]]
            for period in dict.fromkeys(r["period"] for r in mine):
                rows = [r for r in mine if r["period"] == period]
                shown = [r for r in rows if r["value"]]
                row = dict(unit_id=area_id, indicator_id=spec["id"], period=period, value="", status="",
                           n="", sd="")  # fmt: skip
                if not shown:
                    if any(r["status"] == ".." for r in rows):
                        out.append(dict(row, status=".."))
                    continue
                values = np.array([float(r["value"]) for r in shown])
                if spec["survey"]:
                    weights = np.array([float(r["n"]) for r in shown])
                    row["n"] = str(int(weights.sum()))
                else:
                    year = int(period[:4])
                    weights = np.array([float(unit_size(units[r["unit_id"]], year)) for r in shown])
                mean = float(np.average(values, weights=weights))
                row["value"] = fmt(mean, spec["dec"])
                if spec["survey"] and spec["unit"] == "score 1-6":
                    sds = np.array([float(r["sd"]) for r in shown])
                    pooled = math.sqrt(float(np.average(sds**2 + (values - mean) ** 2, weights=weights)))
                    row["sd"] = fmt(min(max(pooled, 0.6), 1.4), 2)
                out.append(row)
    return out


def target_value(spec, year: int) -> str:
    if isinstance(spec["target"], tuple):
        start, per_year = spec["target"]
        return fmt(start + per_year * (year - 2020), spec["dec"])
    s, spread = SIGN[spec["direction"]], spec["spread"]
    v = (spec["mid"] + s * spread * (0.1 + 0.05 * (year - 2020))) * (1 + spec["growth"]) ** (year - 2019)
    step = spec["step"] or 10 ** -spec["dec"]
    return fmt(round(v / step) * step, spec["dec"])


def target_rows(values: list[dict]) -> list[dict]:
    rows = []
    for spec in INDICATORS:
        if spec["direction"] == "none" or spec["target"] is False:
            continue
        tol = "" if spec["tol"] is None else fmt(spec["tol"], spec["dec"])
        for unit_id in spec["only"] or ["*"]:
            rows += [
                dict(
                    unit_id=unit_id,
                    indicator_id=spec["id"],
                    period=str(y),
                    target=target_value(spec, y),
                    tolerance=tol,
                    service_area="",
                )
                for y in TARGET_YEARS
            ]
    by_id = {spec["id"]: spec for spec in INDICATORS}
    for areas, iid, target, years in AREA_TARGETS:
        spec = dict(by_id[iid], target=target)
        tol = "" if spec["tol"] is None else fmt(spec["tol"], spec["dec"])
        rows += [
            dict(unit_id="*", indicator_id=iid, period=str(y), target=target_value(spec, y), tolerance=tol,
                 service_area=area)
            for area in areas
            for y in years
        ]  # fmt: skip
    for unit_ids, iid, target, years in OVERRIDES:
        spec = dict(by_id[iid], target=target)
        tol = "" if spec["tol"] is None else fmt(spec["tol"], spec["dec"])
        rows += [
            dict(
                unit_id=u,
                indicator_id=iid,
                period=str(y),
                target=target_value(spec, y),
                tolerance=tol,
                service_area="",
            )
            for u in unit_ids
            for y in years
        ]
    return rows + careful_targets(values, rows)


# Next year's targets were set after the SMART check, as a careful municipality would: the
# common target where it suits the unit; a unit that already meets it, or that stands
# further from it than it has ever moved in a year, gets a target of its own, its latest
# figure one step better (half the indicator's year-to-year noise, at least one shown digit).
CAREFUL_YEAR = TARGET_YEARS[-1]


def careful_targets(values: list[dict], rows: list[dict]) -> list[dict]:
    """The units' own targets for CAREFUL_YEAR, where the common target does not suit them."""
    area_of = {u[0]: u[2] for u in UNITS} | {row[0]: row[2] for row in AREA_ROWS}
    set_for = {(r["unit_id"], r["service_area"], r["indicator_id"]): float(r["target"])
               for r in rows if r["period"] == str(CAREFUL_YEAR)}  # fmt: skip
    parts: dict[tuple[str, str, int], list[float]] = {}
    for v in values:
        if v["value"] and v["unit_id"] in area_of:
            parts.setdefault((v["unit_id"], v["indicator_id"], int(v["period"][:4])), []).append(
                float(v["value"])
            )
    yearly: dict[tuple[str, str], dict[int, float]] = {}
    for (unit_id, iid, year), figures in parts.items():
        if len(figures) in (1, 3):  # a yearly figure, or the mean of a complete year of tertials
            yearly.setdefault((unit_id, iid), {})[year] = sum(figures) / len(figures)
    by_id = {spec["id"]: spec for spec in INDICATORS}
    own = []
    for (unit_id, iid), by_year in yearly.items():
        spec, latest_year = by_id[iid], max(by_year)
        if (unit_id, "", iid) in set_for or spec["type"] == "okonomi" or latest_year < CAREFUL_YEAR - 1:
            continue  # the unit's own target already, a budget limit, or no recent figure
        common = set_for.get(("*", area_of[unit_id], iid), set_for.get(("*", "", iid)))
        if common is None:
            continue
        s, latest = SIGN[spec["direction"]], by_year[latest_year]
        moves = [s * (by_year[y] - by_year[y - 1]) for y in by_year if y - 1 in by_year]
        if 0 < s * (common - latest) <= max(moves, default=0.0):
            continue  # the common target suits the unit: a step it has made before
        step = spec["step"] or 10 ** -spec["dec"]
        wanted = latest + s * max(spec["noise"] / 2, 10 ** -spec["dec"])
        target = (math.ceil if s > 0 else math.floor)(round(wanted / step, 6)) * step
        target = min(max(target, spec["lo"]), spec["hi"])
        if s * (target - latest) <= 0:
            continue  # at the top of the scale: the common target stays
        tol = "" if spec["tol"] is None else fmt(spec["tol"], spec["dec"])
        own.append(dict(unit_id=unit_id, indicator_id=iid, period=str(CAREFUL_YEAR),
                        target=fmt(target, spec["dec"]), tolerance=tol, service_area=""))  # fmt: skip
    return own


def benchmark_rows() -> list[dict]:
    """Peer-group and national figures near the model's mid, each with its own offset."""
    rows = []
    for spec in (s for s in INDICATORS if s["bench"]):
        rng = stream(f"bench/{spec['id']}")
        offset = {PEER: 0.5 * rng.normal(), NATIONAL: 0.3 * rng.normal()}
        for year in YEARS:
            for group in (PEER, NATIONAL):
                v = spec["mid"] + spec["spread"] * (offset[group] + 0.15 * rng.normal())
                v = min(max(v * (1 + spec["growth"]) ** (year - 2019), spec["lo"]), spec["hi"])
                late = spec["late"] and year == YEARS[-1]
                rows.append(
                    dict(
                        indicator_id=spec["id"],
                        period=str(year),
                        group=group,
                        value="" if late else fmt(v, spec["dec"]),
                        status=".." if late else "",
                    )
                )
    return rows


def indicator_rows() -> list[dict]:
    return [
        dict(
            indicator_id=s["id"],
            name=s["name"],
            service_area=s["area"],
            perspective=s["persp"],
            source=s["source"],
            indicator_type=s["type"],
            unit=s["unit"],
            direction=s["direction"],
            influenceable=s["infl"],
            definition=s["definition"],
            success_factor=s["sf"],
            decimals=str(s["dec"]),
            data_date=DATA_DATES.get(s["source"], ""),
        )
        for s in INDICATORS
    ]


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
