"""The design of the fictional sample municipality "Fjordvik kommune" (data/sample/): start here.

This file only describes the sample, as tables: its units, its indicators with their levels,
noise and targets, and the stories behind its gaps and odd figures. ``make_sample.py`` turns
it into the files (``python data/make_sample.py [--out DIR]``, byte-identical on every run);
``sample_figures.py`` draws the figures, ``sample_words.py`` holds the texts (indicator names
and definitions, the units' comments).

The model, in short
-------------------
Every result unit has a *level* ``q`` (-1 weak .. +1 strong) and a *trend* ``t``
(-1 slipping, 0 stable, +1 improving). For an indicator with direction higher/lower
(sign ``s`` = +1/-1) the value of a unit in period ``x`` (a year, tertials as fractions) is

    mid + s*spread*(0.7*q + 0.5*z) + s*0.2*spread*t*(x - 2022) + noise*e

where ``z`` is a fixed draw per unit and indicator and ``e`` a fresh draw per period.
Indicators without direction wander around ``mid``. Money grows with ``growth`` a year.
Figures flagged ``kommune`` (KOSTRA prioritering, coverage of the population) are
municipal figures: they belong to the service area's own row in units.csv (level
``tjenesteomrade``), not to any unit, and each unit's note shows them as context.
Indicators flagged ``total`` also get the service area's own figure, the area as a
whole: the units' figures weighted by their size (survey answers by respondents). With
them every area has KOSTRA figures in all four of seed 004's dimensions (prioritering,
dekningsgrad, produktivitet, kvalitet) with the KOSTRA group and the country beside them.
Sick leave is tertial, with a seasonal pattern (T1 high, T2 low) and the 2022 covid wave.
In January 2023 the payroll system moved to monthly figures: the nursing homes and the
kindergartens report sick leave per month from 2023M01 (their 2019-2022 stay tertials; the
other units still report tertials), and their year is the mean of its twelve months.
Building cases' processing days and the nursing homes' spending against budget come per
month from 2023 too, beside their yearly rows (see MONTHS: the months' stories).
Survey items carry the number of respondents ``n`` and, for scores, the spread ``sd``.
Targets for every unit (``*``) sit a little better than ``mid`` and tighten each year;
a few units have their own targets. Typed missing values follow real causes (a survey
not run, KOSTRA figures not yet published, no 7th grade at a lower secondary school,
results suppressed for tiny groups). Each random draw comes from its own stream,
seeded by (SEED, crc32 of a key), so adding a row does not disturb the others.
Context figures (indicator_type ``kontekst``) give every unit its size (children, pupils,
places, users, cases), FTEs and budget, derived from its survey base and staff in UNITS.
A few units comment on their results year in comments.csv, about the figures made here.

The tables INDICATORS, MODEL and TARGETS are text, one row per indicator and ``|`` between
the columns (``-``: none; a line starting with ``#`` is a comment), so that a row reads
across; the order of INDICATORS is the order of indicators.csv.
"""

SEED = 20260215
YEARS = list(range(2019, 2026))  # 2025 is the results year
TARGET_YEARS = list(range(2020, 2027))  # 2026 = next year's targets
MUNICIPALITY = "Fjordvik kommune"
PEER, NATIONAL = "KOSTRA-gruppe 13", "Landet uten Oslo"

# --- Units --------------------------------------------------------------------------------

# The result units: unit_id, name, service area, survey base (users), staff, level q
# (-1 weak .. +1 strong), trend t (-1 slipping, 0 stable, +1 improving).
UNIT_KEYS = ("id", "name", "area", "size", "staff", "q", "t")
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

# --- Indicators ---------------------------------------------------------------------------

# What each indicator is (indicators.csv; its name, source and definition are in
# sample_words.py): the service area it is for (* every unit), its perspective in the
# scorecard, its indicator_type, unit, direction and decimals.
INDICATORS = """
id                    | area            | perspective  | type             | unit                | dir    | dec
sykefravaer           | *               | medarbeidere | medarbeider      | %                   | lower  | 1
medarb_trivsel        | *               | medarbeidere | medarbeider      | score 1-6           | higher | 1
medarb_leder          | *               | medarbeidere | medarbeider      | score 1-6           | higher | 1
forbruk_budsjett      | *               | okonomi      | okonomi          | %                   | lower  | 1

bhg_bu_helhet         | Barnehage       | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
bhg_bu_trivsel        | Barnehage       | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
bhg_bu_medvirkning    | Barnehage       | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
bhg_laerere           | Barnehage       | tjenester    | ressurs          | %                   | higher | 1
bhg_kostnad_barn      | Barnehage       | okonomi      | produktivitet    | NOK                 | lower  | 0
bhg_netto_innb        | Barnehage       | okonomi      | prioritering     | NOK                 | none   | 0
bhg_dekning           | Barnehage       | samfunn      | dekningsgrad     | %                   | none   | 1

skole_bu_foreldre     | Skole           | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
skole_trivsel7        | Skole           | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
skole_mobbing7        | Skole           | brukere      | opplevd_kvalitet | %                   | lower  | 1
skole_np_lesing5      | Skole           | tjenester    | malt_kvalitet    | skalapoeng          | higher | 0
skole_grunnskolepoeng | Skole           | tjenester    | malt_kvalitet    | poeng               | higher | 1
skole_kompetanse      | Skole           | tjenester    | ressurs          | %                   | higher | 1
skole_kostnad_elev    | Skole           | okonomi      | produktivitet    | NOK                 | lower  | 0
skole_netto_innb      | Skole           | okonomi      | prioritering     | NOK                 | none   | 0
skole_sfo             | Skole           | samfunn      | dekningsgrad     | %                   | none   | 1

shj_bu_helhet         | Sykehjem        | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
shj_bu_respekt        | Sykehjem        | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
shj_bu_maltider       | Sykehjem        | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
shj_legemiddelavvik   | Sykehjem        | tjenester    | malt_kvalitet    | per 1000 liggedøgn  | lower  | 2
shj_ernaering         | Sykehjem        | tjenester    | malt_kvalitet    | %                   | higher | 1
shj_legetimer         | Sykehjem        | tjenester    | ressurs          | timer               | higher | 2
shj_fagutdanning      | Sykehjem        | tjenester    | ressurs          | %                   | higher | 1
shj_kostnad_plass     | Sykehjem        | okonomi      | produktivitet    | NOK                 | lower  | 0
shj_dekning           | Sykehjem        | samfunn      | dekningsgrad     | %                   | none   | 1
shj_netto_innb80      | Sykehjem        | okonomi      | prioritering     | NOK                 | none   | 0

hjt_bu_helhet         | Hjemmetjenester | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
hjt_bu_tid            | Hjemmetjenester | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
hjt_avlyste           | Hjemmetjenester | tjenester    | malt_kvalitet    | %                   | lower  | 1
hjt_kontinuitet       | Hjemmetjenester | tjenester    | malt_kvalitet    | count               | lower  | 1
hjt_brukertid         | Hjemmetjenester | okonomi      | produktivitet    | %                   | higher | 1
hjt_dekning           | Hjemmetjenester | samfunn      | dekningsgrad     | %                   | none   | 1
hjt_prioritet         | Hjemmetjenester | okonomi      | prioritering     | %                   | none   | 1
hjt_kostnad_mottaker  | Hjemmetjenester | okonomi      | produktivitet    | NOK                 | lower  | 0

bv_bu_helhet          | Barnevern       | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
bv_bu_medvirkning     | Barnevern       | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
bv_frist              | Barnevern       | tjenester    | malt_kvalitet    | %                   | lower  | 1
bv_plan               | Barnevern       | tjenester    | malt_kvalitet    | %                   | higher | 1
bv_per_aarsverk       | Barnevern       | okonomi      | produktivitet    | count               | none   | 1
bv_dekning            | Barnevern       | samfunn      | dekningsgrad     | %                   | none   | 1
bv_netto_innb         | Barnevern       | okonomi      | prioritering     | NOK                 | none   | 0

bygg_bu_helhet        | Byggesak        | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
bygg_bu_service       | Byggesak        | brukere      | opplevd_kvalitet | score 1-6           | higher | 1
bygg_tid_3uker        | Byggesak        | tjenester    | malt_kvalitet    | days                | lower  | 0
bygg_tid_ramme        | Byggesak        | tjenester    | malt_kvalitet    | days                | lower  | 0
bygg_innen_frist      | Byggesak        | tjenester    | malt_kvalitet    | %                   | higher | 1
bygg_omgjort          | Byggesak        | tjenester    | malt_kvalitet    | %                   | lower  | 1
bygg_saker_aarsverk   | Byggesak        | okonomi      | produktivitet    | count               | higher | 0
bygg_netto_innb       | Byggesak        | okonomi      | prioritering     | NOK                 | none   | 0
bygg_soknader_innb    | Byggesak        | samfunn      | dekningsgrad     | per 1000 innbyggere | none   | 1
bygg_kostnad_sak      | Byggesak        | okonomi      | produktivitet    | NOK                 | lower  | 0

# context figures (kontekst): what a unit is, never judged; see SIZE
bhg_barn              | Barnehage       | brukere      | kontekst         | barn                | none   | 0
skole_elever          | Skole           | brukere      | kontekst         | elever              | none   | 0
shj_plasser           | Sykehjem        | brukere      | kontekst         | plasser             | none   | 0
hjt_brukere           | Hjemmetjenester | brukere      | kontekst         | brukere             | none   | 0
bv_barn               | Barnevern       | brukere      | kontekst         | barn                | none   | 0
bygg_saker            | Byggesak        | brukere      | kontekst         | saker               | none   | 0
aarsverk              | *               | medarbeidere | kontekst         | årsverk             | none   | 1
budsjett              | *               | okonomi      | kontekst         | NOK                 | none   | 0
"""

# How its figures are drawn (see the model above). mid: the level around which the units
# lie; spread: how far a strong or weak unit lies from it; noise: the year-to-year scatter
# (spread and noise as a % are that share of mid); lo, hi: the figure stays inside; growth:
# the change a year (kroner grow with wages and prices).
# survey: where n comes from: bruker the user survey, medarb the employee survey, andel a
# share of the user survey's respondents, trinn the pupils of a grade who sat the test.
# flags: kommune (a municipal figure, on the service area's row), bench (KOSTRA group and
# country figures in benchmarks.csv), total (the service area's own figure too), tertial
# (three figures a year). Context figures (kontekst) are not drawn here: see SIZE.
MODEL = """
id                    | mid     | spread | noise | lo   | hi   | growth | survey | flags
sykefravaer           | by area | 1.3    | 0.45  | 4    | 14   | -      | -      | tertial
medarb_trivsel        | 4.7     | 0.3    | 0.12  | 3.8  | 5.6  | -      | medarb | bench
medarb_leder          | 4.6     | 0.3    | 0.12  | 3.8  | 5.6  | -      | medarb | bench
forbruk_budsjett      | 99.4    | 2.6    | 1.4   | 92   | 108  | -      | -      | -

bhg_bu_helhet         | 5.0     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench total
bhg_bu_trivsel        | 5.2     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
bhg_bu_medvirkning    | 4.6     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
bhg_laerere           | 46      | 7      | 2.5   | 25   | 70   | -      | -      | bench
bhg_kostnad_barn      | 215000  | 6%     | 2%    | -    | -    | 4.5%   | -      | bench total
bhg_netto_innb        | 176000  | 6%     | 2%    | -    | -    | 4.5%   | -      | kommune bench
bhg_dekning           | 92.5    | 1.2    | 0.6   | -    | 99   | -      | -      | kommune bench

skole_bu_foreldre     | 4.8     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
skole_trivsel7        | 5.0     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
skole_mobbing7        | 7       | 2.5    | 1.2   | 1    | 16   | -      | andel  | bench
skole_np_lesing5      | 50      | 2      | 1     | 40   | 60   | -      | trinn  | bench total
skole_grunnskolepoeng | 41.5    | 1.5    | 0.7   | -    | -    | -      | -      | bench
skole_kompetanse      | 93      | 3      | 1.5   | -    | 100  | -      | -      | bench
skole_kostnad_elev    | 118000  | 6%     | 2%    | -    | -    | 4.5%   | -      | bench total
skole_netto_innb      | 124000  | 6%     | 2%    | -    | -    | 4.5%   | -      | kommune bench
skole_sfo             | 62      | 9      | 3     | 30   | 95   | -      | -      | bench total

shj_bu_helhet         | 4.9     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench total
shj_bu_respekt        | 5.2     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
shj_bu_maltider       | 4.7     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
shj_legemiddelavvik   | 1.6     | 0.5    | 0.25  | 0.2  | 4    | -      | -      | -
shj_ernaering         | 86      | 6      | 3     | 55   | 100  | -      | -      | -
shj_legetimer         | 0.6     | 0.12   | 0.04  | 0.25 | 1.2  | -      | -      | bench
shj_fagutdanning      | 74      | 5      | 2     | 55   | 92   | -      | -      | bench
shj_kostnad_plass     | 1350000 | 6%     | 2%    | -    | -    | 4.5%   | -      | bench total
shj_dekning           | 11.5    | 0.8    | 0.3   | -    | -    | -2%    | -      | kommune bench
shj_netto_innb80      | 190000  | 6%     | 2%    | -    | -    | 4.5%   | -      | kommune bench

hjt_bu_helhet         | 5.0     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench total
hjt_bu_tid            | 4.6     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
hjt_avlyste           | 1.8     | 0.7    | 0.35  | 0.2  | 5    | -      | -      | -
hjt_kontinuitet       | 13      | 2.5    | 1     | 6    | 22   | -      | -      | -
hjt_brukertid         | 55      | 4      | 1.5   | 40   | 70   | -      | -      | -
hjt_dekning           | 30      | 3      | 1     | -    | -    | -      | -      | bench total
hjt_prioritet         | 31      | 1      | 0.4   | -    | -    | -      | -      | kommune bench
hjt_kostnad_mottaker  | 265000  | 6%     | 2%    | -    | -    | 4.5%   | -      | kommune bench

bv_bu_helhet          | 4.3     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
bv_bu_medvirkning     | 4.1     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
bv_frist              | 15      | 7      | 3     | 0    | 45   | -      | -      | bench total
bv_plan               | 88      | 6      | 3     | 60   | 100  | -      | -      | bench
bv_per_aarsverk       | 17      | 2      | 1     | -    | -    | -      | -      | bench total
bv_dekning            | 3.6     | 0.3    | 0.15  | -    | -    | -2%    | -      | kommune bench
bv_netto_innb         | 9800    | 6%     | 2%    | -    | -    | 4.5%   | -      | kommune bench

bygg_bu_helhet        | 4.3     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
bygg_bu_service       | 4.5     | 0.3    | 0.12  | 3.8  | 5.6  | -      | bruker | bench
bygg_tid_3uker        | 20      | 5      | 2.5   | 8    | 40   | -      | -      | -
bygg_tid_ramme        | 42      | 9      | 4     | 20   | 70   | -      | -      | bench total
bygg_innen_frist      | 90      | 5      | 2.5   | 65   | 100  | -      | -      | -
bygg_omgjort          | 8       | 4      | 3     | 0    | 30   | -      | -      | -
bygg_saker_aarsverk   | 85      | 12     | 6     | 50   | 130  | -      | -      | -
bygg_netto_innb       | 95      | 6%     | 2%    | -    | -    | 4.5%   | -      | kommune bench
bygg_soknader_innb    | 9.5     | 1.0    | 0.4   | 4    | 16   | -      | -      | kommune bench
bygg_kostnad_sak      | 24000   | 6%     | 2%    | -    | -    | 4.5%   | -      | kommune bench
"""
MID_BY_AREA = {  # sick leave: care work has more of it
    "sykefravaer": {"Barnehage": 8.6, "Skole": 5.8, "Sykehjem": 10.2, "Hjemmetjenester": 9.6,
                    "Barnevern": 6.6, "Byggesak": 4.9},
}  # fmt: skip

# --- Targets ------------------------------------------------------------------------------

# The target every unit (*) has, one a year of TARGET_YEARS; an indicator not in the table
# has none. 2020, per year: the target in 2020 and its change a year; model: a little
# better than mid (by 0.1 spread in 2020, 0.05 spread more each year), rounded to step
# (else to the shown decimals). tolerance: the margin counted as near (- : 5 % of the
# target). An indicator only some units have (ONLY_AT) has its target set for them.
TARGETS = """
id                    | 2020    | per year | tolerance | step
sykefravaer           | 7.5     | -0.1     | 0.5       | -
medarb_trivsel        | model   | -        | 0.1       | -
medarb_leder          | model   | -        | 0.1       | -
forbruk_budsjett      | 100     | 0        | 1.0       | -

bhg_bu_helhet         | model   | -        | 0.1       | -
bhg_bu_trivsel        | model   | -        | 0.1       | -
bhg_bu_medvirkning    | model   | -        | 0.1       | -
bhg_laerere           | model   | -        | -         | 1

skole_bu_foreldre     | model   | -        | 0.1       | -
skole_trivsel7        | model   | -        | 0.1       | -
skole_mobbing7        | model   | -        | 1.0       | -
skole_np_lesing5      | model   | -        | -         | -
skole_grunnskolepoeng | model   | -        | -         | -
skole_kompetanse      | model   | -        | -         | 0.5

shj_bu_helhet         | model   | -        | 0.1       | -
shj_bu_respekt        | model   | -        | 0.1       | -
shj_bu_maltider       | model   | -        | 0.1       | -
shj_legemiddelavvik   | model   | -        | 0.2       | 0.1
shj_ernaering         | model   | -        | -         | 1
shj_legetimer         | model   | -        | 0.05      | 0.05
shj_fagutdanning      | model   | -        | -         | 1

hjt_bu_helhet         | model   | -        | 0.1       | -
hjt_bu_tid            | model   | -        | 0.1       | -
hjt_avlyste           | model   | -        | 0.3       | -
hjt_kontinuitet       | model   | -        | -         | 0.5
hjt_brukertid         | model   | -        | -         | 1

bv_bu_helhet          | model   | -        | 0.1       | -
bv_bu_medvirkning     | model   | -        | 0.1       | -
bv_frist              | model   | -        | 2         | 1
bv_plan               | model   | -        | -         | 1

bygg_bu_helhet        | model   | -        | 0.1       | -
bygg_bu_service       | model   | -        | 0.1       | -
bygg_tid_3uker        | 21      | 0        | 2         | -
bygg_tid_ramme        | 50      | -1       | 3         | -
bygg_innen_frist      | model   | -        | -         | 1
bygg_saker_aarsverk   | model   | -        | -         | 5
"""
# Targets set for every unit of one service area (targets.csv's service_area): care work
# has higher sick leave everywhere, so nursing homes and home care get a target of their own.
# (service areas, indicator, (target in 2020, change per year), years)
AREA_TARGETS = [(("Sykehjem", "Hjemmetjenester"), "sykefravaer", (9.0, -0.1), TARGET_YEARS)]
# Unit-specific target overrides: (unit ids, indicator, (target in 2020, change per year), years)
OVERRIDES = [
    (["bhg-bakketun"], "bhg_laerere", (40, 0), [2024, 2025, 2026]),
    (["bygg-ost"], "bygg_tid_ramme", (55, 0), [2025, 2026]),
]
# Next year's targets were set after the SMART check, as a careful municipality would: the
# common target where it suits the unit; a unit that already meets it, or that stands
# further from it than it has ever moved in a year, gets a target of its own, its latest
# figure one step better (half the indicator's year-to-year noise, at least one shown digit).
CAREFUL_YEAR = TARGET_YEARS[-1]

# --- Context figures ----------------------------------------------------------------------

# Context figures (indicator_type kontekst): what each unit is, shown in the title block of
# its note and never judged. Per service area: the figure that counts its users, how many
# per user of the unit's survey base in UNITS (places stay the same every year, the other
# counts vary), and the net budget per one in the results year's kroner (wages and prices
# grow BUDGET_GROWTH a year before that). Every unit also has its FTEs (aarsverk: staff
# times FTE_PER_EMPLOYEE) and its budget (budsjett).
SIZE = {
    "Barnehage": ("bhg_barn", 1.0, 205_000),
    "Skole": ("skole_elever", 5.0, 112_000),
    "Sykehjem": ("shj_plasser", 1.0, 1_250_000),
    "Hjemmetjenester": ("hjt_brukere", 3.0, 150_000),
    "Barnevern": ("bv_barn", 9.0, 240_000),
    "Byggesak": ("bygg_saker", 18.0, 9_000),
}
FTE_PER_EMPLOYEE = 0.85  # many work part time
BUDGET_GROWTH = 0.04

# --- Stories ------------------------------------------------------------------------------

# Typed missing values, each with a real-world cause.
SURVEY_NOT_RUN = {
    ("medarb", "*", 2020),
    ("bruker", "Sykehjem", 2020),
    ("bruker", "Hjemmetjenester", 2020),
}  # pandemic year: not run ("..")
# KOSTRA's corrected unit costs come out after the figures were taken out: the results year's
# are not yet available (".."), for the units and the benchmark groups alike.
NOT_YET_PUBLISHED = {"bhg_kostnad_barn", "skole_kostnad_elev", "shj_kostnad_plass"}
NOT_APPLICABLE = {
    ("skole-fjordvik-us", i) for i in ("skole_trivsel7", "skole_mobbing7", "skole_np_lesing5", "skole_sfo")
}  # a lower secondary school has no 5th, 7th or 1st-4th grade (".")
ONLY_AT = {"skole_grunnskolepoeng": ("skole-fjordvik-us",)}  # only a lower secondary school has it
SUPPRESSED = {("skole-stranda", "skole_np_lesing5", y) for y in (2020, 2022, 2024)} | {
    ("bygg-vest", "bygg_omgjort", 2021),
    ("bygg-vest", "bygg_omgjort", 2023),
}  # too few pupils or appeals to publish (":")
# Small surveys: (unit, survey, year) with this many respondents, below min_respondents (5).
FORCED_N = {
    ("bhg-bakketun", "bruker", 2022): 4,
    ("bv-tiltak", "bruker", 2025): 4,
    ("skole-stranda", "bruker", 2023): 3,
    ("bygg-vest", "medarb", 2021): 4,
}
SEASON = {"T1": 1.0, "T2": -0.8, "T3": -0.2}  # sick leave by tertial
SHOCKS = {"2020T1": 0.6, "2022T1": 1.8, "2022T2": 0.6}  # covid waves in sick leave

# --- Monthly series ------------------------------------------------------------------------

# From MONTHS_FROM on, these units report these indicators per month (2023M01..2025M12: 36
# months, enough for final XmR limits and for a seasonal adjustment, which needs two years).
# Sick leave: the payroll system gives months from 2023 (the years before stay tertials); a
# year is the mean of its twelve months (yearly_figure mean), and the indicator is marked
# seasonal, so its months are read seasonally adjusted. Processing days for building cases
# and spending against budget keep their yearly rows (a yearly figure in the file wins): a
# year's processing days are the months' mean, rounded; a year's spending is the spending in
# % of the budget over the year, the months weighted by their budgets (MONTH_BUDGET: June
# holds the holiday pay, July the holiday stand-ins), which is why spending says
# yearly_figure none: the plain mean of the months' percentages is not the year's figure.
#
# A month's figure: level + trend + season (sick leave) + shift (from its month on) + spike
# (its month only) + noise * a fresh draw (the stream "<unit>/<indicator>/months").
# level: model (the unit's level and trend of the yearly model above, going on from its
# 2022 figures) or a number (the months' level, flat: a story); noise: the month-to-month
# scatter; shift and from, spike and at: the stories (- none).
# The stories, each read with kitlib's xmr and variation_summary at the latest month,
# 2025M12, against the unit's 2025 target, sick leave seasonally adjusted (it is seasonal):
# tests/data/test_sample_months.py checks each of them.
#  a) improvement: Solbakken (shj-solbakken) joined a presence project (nærværsprosjekt with
#     NAV Arbeidslivssenter) in March 2025: sick leave 0.9 points lower from then on; below
#     the centre from February, May beyond the lower limit, a shift of 7 months since June;
#  b) concern: Berg & Dal's (shj-berg-dal) long-term sick leave rises from May 2025 (heavy
#     lifts, unfilled night shifts): a shift above the centre of 8 months since May;
#  c) outlier: the influenza wave of January 2025 hit Maurtua (bhg-maurtua) 1.3 points beyond
#     the winter peak: 2025M01 lies above the upper limit, the only month beyond them; and
#     Byggesak øst's (bygg-ost) backlog month: July 2024, the office half-staffed over the
#     holidays, 14 days beyond its usual processing time and above the upper limit;
#  d) common cause only: Byggesak vest's (bygg-vest) processing days wander around 18 days:
#     no signal at any month;
#  e) a target the process cannot meet: Berg & Dal spends above budget every month (more
#     residents needing one-to-one care, stand-ins for sick leave): its lower limit lies
#     above the target of 100 %, so the assurance is fail;
#  f) a target it always meets: Haugtun (shj-haugtun) spends 96-98 % of its budget every
#     month, its upper limit below 100 %: pass;
#  s) seasons are not signals: Solsikken's (bhg-solsikken) and Haugtun's sick leave swing
#     about 3 points from February to July every year; read raw, the season alone makes
#     points beyond the limits and shifts (Haugtun's latest months even read as an
#     improvement); seasonally adjusted, neither has a signal at any month.
# (A flat level, not the model's, where a story needs the months' level to hold still. Months
# stay inside MODEL's lo and hi like every figure: Berg & Dal's Februaries meet its 14 %.)
MONTHS_FROM = 2023
MONTHS = """
indicator        | unit            | level | noise | shift | from    | spike | at      | story
sykefravaer      | shj-berg-dal    | 12.6  | 0.45  | 0.8   | 2025M05 | -     | -       | b
sykefravaer      | shj-fjordtun    | model | 0.45  | -     | -       | -     | -       | -
sykefravaer      | shj-solbakken   | 10.4  | 0.40  | -0.9  | 2025M03 | -     | -       | a
sykefravaer      | shj-haugtun     | model | 0.55  | -     | -       | -     | -       | s
sykefravaer      | bhg-solsikken   | model | 0.40  | -     | -       | -     | -       | s
sykefravaer      | bhg-tusenfryd   | model | 0.50  | -     | -       | -     | -       | -
sykefravaer      | bhg-fjordglimt  | model | 0.50  | -     | -       | -     | -       | -
sykefravaer      | bhg-lia         | model | 0.60  | -     | -       | -     | -       | -
sykefravaer      | bhg-maurtua     | model | 0.45  | -     | -       | 1.3   | 2025M01 | c
sykefravaer      | bhg-trollskogen | model | 0.70  | -     | -       | -     | -       | -
sykefravaer      | bhg-bakketun    | model | 0.90  | -     | -       | -     | -       | -
bygg_tid_3uker   | bygg-ost        | model | 2.5   | -     | -       | 14    | 2024M07 | c
bygg_tid_3uker   | bygg-vest       | 18.5  | 2.0   | -     | -       | -     | -       | d
forbruk_budsjett | shj-berg-dal    | 104.2 | 0.8   | -     | -       | -     | -       | e
forbruk_budsjett | shj-fjordtun    | model | 1.0   | -     | -       | -     | -       | -
forbruk_budsjett | shj-solbakken   | model | 1.0   | -     | -       | -     | -       | -
forbruk_budsjett | shj-haugtun     | 96.9  | 0.5   | -     | -       | -     | -       | f
"""
# indicators.csv's yearly_figure and seasonal, where not the default (mean; not seasonal).
YEARLY_FIGURE = {"forbruk_budsjett": "none"}  # a year's spending is not the mean of its months' %
SEASONAL = {"sykefravaer"}  # its months are read seasonally adjusted
# Sick leave by month (their means per tertial are SEASON's): high January-March, lowest in July.
SEASON_MONTH = {1: 1.3, 2: 1.5, 3: 0.9, 4: 0.3, 5: -0.2, 6: -0.8, 7: -1.8, 8: -0.4,
                9: -0.5, 10: -0.3, 11: -0.1, 12: 0.1}  # fmt: skip
# A month's share of the year's budget, relative (spending's yearly figure weighs its months so).
MONTH_BUDGET = {m: 1.5 if m == 6 else 1.15 if m == 7 else 1.0 for m in range(1, 13)}

# --- Settings (kit.toml) ------------------------------------------------------------------

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
