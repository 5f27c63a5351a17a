"""Every word a reader sees, in Norwegian bokmål (default), Danish and English: headings,
labels, the narrative's sentences, the run index, units of measure. The one home of
translations: other modules ask `tr()` and never hold words of their own.
"""

from __future__ import annotations

from kitlib.analysis.codes import Status, Trend
from kitlib.data.config import LANGUAGES
from kitlib.errors import KitlibError

# Status and trend are always shown as symbol *and* word: never colour alone.
STATUS_SYMBOL = {
    Status.MET: "✔", Status.NEAR: "◐", Status.UNCERTAIN: "≈", Status.NOT_MET: "✘",
    Status.NO_DATA: "–", Status.NO_TARGET: "·",
}  # fmt: skip
TREND_SYMBOL = {
    Trend.IMPROVING: "↗", Trend.WORSENING: "↘", Trend.STABLE: "→", Trend.INSUFFICIENT: "–",
    Trend.RISING: "↑", Trend.FALLING: "↓",
}  # fmt: skip

# Units of measure as written in indicators.csv -> the reader's word ("" = no word after the number).
UNIT_WORDS = {
    "dager": {"nb": "dager", "da": "dage", "en": "days"},
    "days": {"nb": "dager", "da": "dage", "en": "days"},
    "antall": {"nb": "", "da": "", "en": ""},
    "count": {"nb": "", "da": "", "en": ""},
    "nok": {"nb": "kr", "da": "kr", "en": "kr"},
    "kr": {"nb": "kr", "da": "kr", "en": "kr"},
    "dkk": {"nb": "kr", "da": "kr", "en": "kr"},
    "timer": {"nb": "timer", "da": "timer", "en": "hours"},
    "poeng": {"nb": "poeng", "da": "point", "en": "points"},
    "skalapoeng": {"nb": "skalapoeng", "da": "skalapoint", "en": "scale points"},
}
# What a context figure (indicator_type kontekst) counts, in Norwegian and Danish spellings.
# A figure in one of these units reads by itself in the title block ("72 barn", "16,5
# årsverk"); any other (kroner, %) comes after its name ("budsjett 18 400 000 kr").
COUNTED_UNITS = {
    "barn": {"nb": "barn", "da": "børn", "en": "children"},
    "børn": {"nb": "barn", "da": "børn", "en": "children"},
    "elever": {"nb": "elever", "da": "elever", "en": "pupils"},
    "plasser": {"nb": "plasser", "da": "pladser", "en": "places"},
    "pladser": {"nb": "plasser", "da": "pladser", "en": "places"},
    "brukere": {"nb": "brukere", "da": "brugere", "en": "users"},
    "brugere": {"nb": "brukere", "da": "brugere", "en": "users"},
    "beboere": {"nb": "beboere", "da": "beboere", "en": "residents"},
    "årsverk": {"nb": "årsverk", "da": "årsværk", "en": "FTEs"},
    "årsværk": {"nb": "årsverk", "da": "årsværk", "en": "FTEs"},
    "ansatte": {"nb": "ansatte", "da": "ansatte", "en": "employees"},
    "saker": {"nb": "saker", "da": "sager", "en": "cases"},
    "sager": {"nb": "saker", "da": "sager", "en": "cases"},
}
UNIT_WORDS |= COUNTED_UNITS

TEXT: dict[str, dict[str, str]] = {
    "nb": {
        "met": "nådd", "near": "nesten", "not_met": "ikke nådd", "no_data": "mangler tall",
        "no_target": "uten mål", "improving": "bedre", "worsening": "svakere", "stable": "stabil",
        "insufficient_data": "for få tall", "rising": "økende", "falling": "synkende",
        "summary": "Kort fortalt", "scorecard": "Målekart", "charts": "Utvikling over tid",
        "distance": "Avstand til mål", "survey": "Brukerundersøkelser",
        "sick_leave": "Sykefravær per tertial", "budget": "Forbruk mot budsjett",
        "notes": "Om indikatorene",
        # the unit's own words (comments.csv)
        "comments": "Enhetens vurdering og tiltak", "comments_unit": "Enheten som helhet",
        "comments_note": "Enhetens egen vurdering av resultatene i {year}, og tiltakene den planlegger.",
        "comments_none": "Enheten har ikke skrevet noen vurdering eller tiltak for {year}.",
        "comment_vurdering": "Vurdering", "comment_tiltak": "Tiltak",
        "comment_marker": "✎ Se enhetens kommentar",
        "context": "Tall for tjenesteområdet og kommunen",
        "context_note": (
            "Disse tallene gjelder hele tjenesteområdet eller kommunen, ikke enheten alene. De viser "
            "rammene enheten arbeider innenfor, og rangeres ikke mot andre enheter."
        ), "indicator": "Indikator", "value": "Resultat",
        "target": "Mål", "status": "Status", "trend": "Trend", "peer_group": "KOSTRA-gruppe",
        "national": "Landet", "units": "Andre enheter", "next_target": "Mål neste år",
        "period": "Periode", "question": "Spørsmål", "respondents": "Antall svar",
        "definition": "Definisjon", "source": "Kilde", "data_date": "Data per",
        "service_area": "Tjenesteområde", "year": "År", "unit": "Enhet",
        "too_few": "færre enn {n} svar", "rank": "nr. {rank} av {count}", "median": "median",
        "missing_..": "ikke tilgjengelig ennå", "missing_.": "ikke aktuelt", "missing_:": "skjult",
        "target_line": "Mål", "this_unit": "Denne enheten", "other_units": "Median andre enheter",
        "budget_line": "Budsjett (100 %)", "share_of_target": "Avstand til mål (positiv = bedre)",
        "nothing_to_chart": (
            "Ingen indikator er klart under målet eller svekkes, så det er ingen kurver å vise."
        ),
        "no_survey": "Ingen brukerundersøkelse for enheten dette året.",
        "no_data_section": "Ingen tall for enheten.",
        "better": "bedre", "worse": "svakere",
        "uncertain": "innenfor usikkerheten",
        "legend": "✔ nådd · ◐ nesten (innenfor toleransen) · ≈ innenfor usikkerheten (målet ligger i "
                  "undersøkelsens feilmargin) · ✘ ikke nådd · – mangler tall · "
                  "↗ bedre · ↘ svakere · → stabil (endringen er mindre enn usikkerheten) · "
                  "tall i parentes etter KOSTRA-gruppe og landet: avstanden dit, + betyr at enheten "
                  "ligger bedre an, − svakere · (≈) forskjellen er mindre enn usikkerheten · "
                  "nr. 1 av 6: enheten er best av 6 enheter med tall · "
                  "tall i parentes etter et resultat: 95 % usikkerhetsintervall",
        "briefing_for": "Styringsnotat", "generated_from": "Tall per {date}",
        # the run's index page
        "index_failed": "feilet", "index_cell": "celle", "index_units_n": "enheter",
        "index_failed_n": "feilet", "index_interrupted": "avbrutt", "index_interrupted_n": "avbrutt",
        "percentage_points": "prosentpoeng", "percentage_point": "prosentpoeng",
        # dates and periods (kitlib.report.formatting: format_date, format_period)
        "date": "{day}. {month} {year}",
        "months": "januar februar mars april mai juni juli august september oktober november desember",
        "period_T": "{n}. tertial {year}", "period_K": "{n}. kvartal {year}", "period_M": "{month} {year}",
        # "Kort fortalt": the narrative's sentences (kitlib.report.narrative)
        "summary_count": "{met} av {total} mål er nådd i {year}{rest}.",
        "summary_near": "{n} er nesten nådd", "summary_not_met": "{n} er ikke nådd",
        "summary_no_data": "{n} mangler tall",
        "summary_no_targets": "Ingen av indikatorene har mål for {year}.",
        "summary_better": "Størst forbedring: {items}.", "summary_worse": "Størst bekymring: {items}.",
        "summary_moved": "{name} {verb} fra {start} i {start_period} til {value} i {period}",
        "summary_up": "har gått opp",
        "summary_down": "har gått ned",
        "summary_short": "{name} er {value} mot målet {target}",
        "summary_peers": (
            "Sammenlignet med {group} ligger enheten bedre an på {better} og svakere an på {worse} av "
            "{total} indikatorer{unclear}."
        ),
        "summary_peers_unclear": "; på {n} er forskjellen mindre enn usikkerheten",
        "summary_peers_better_only": (
            "Sammenlignet med {group} ligger enheten bedre an på {better} av {total} indikatorer og "
            "svakere an på ingen{unclear}."
        ),
        "summary_peers_worse_only": (
            "Sammenlignet med {group} ligger enheten svakere an på {worse} av {total} indikatorer og "
            "bedre an på ingen{unclear}."
        ),
        "summary_peers_even": (
            "Sammenlignet med {group} ligger enheten verken klart bedre eller svakere an på noen av "
            "{total} indikatorer{unclear}."
        ),
        "summary_suppressed": "Færre enn {n} svarte på {items}, så resultatet vises ikke.",
        "summary_and": " og ", "summary_missing": "Tall mangler for {items}.",
        "summary_and_clauses": ", og ",  # "og" between two main clauses takes a comma
        "summary_all_fine": "Ingen indikator er klart under målet, og ingen svekkes.",
        "summary_all_met": "Alle {total} mål er nådd i {year}.",
        "summary_uncertain": "{n} er innenfor usikkerheten", "summary_more": "{n} til",
        "change": "Endring siden forrige", "no_clear_change": "ingen sikker endring",
        "summary_underspend": "{name} er {value}: et mindreforbruk som er verdt et spørsmål (under {limit})",
        "summary_fixed_prices": "i faste {year}-kroner",
        "nominal_kroner": "Kronebeløp er i løpende kroner og ikke justert for prisvekst.",
        "fixed_kroner": "Utviklingen i kronebeløp er regnet i faste {year}-kroner.",
        "interval": "95 % usikkerhetsintervall",
        # chart titles that state the message (kitlib.report.charts.chart_message)
        "msg_up_since": "Opp siden {period}", "msg_down_since": "Ned siden {period}",
        "msg_run_up": "Opp {count} år på rad", "msg_run_down": "Ned {count} år på rad",
        "msg_mixed": "{movement} ({turn} i {period})",
        "msg_turn_up": "opp", "msg_turn_down": "ned",
        "msg_stable": "Stabil",
        "msg_above": "over {ref}", "msg_below": "under {ref}", "msg_on": "på {ref}",
        "msg_just_above": "like over {ref}", "msg_just_below": "like under {ref}",
        "msg_uncertain": "{position}, men innenfor feilmarginen",
        "msg_ref_target": "målet", "msg_ref_budget": "budsjett",
        "msg_and": "{movement} og {position}", "msg_but": "{movement}, men {position}",
        "msg_but_still": "{movement}, men fortsatt {position}",
        "msg_in_period": "{position} i {period}", "msg_value": "{value} i {period}",
        "msg_no_data": "Mangler tall for {period}",
        "msg_targets_met": "{met} av {total} mål er nådd",
        "number_words": "null,ett,to,tre,fire,fem,seks,sju,åtte,ni,ti,elleve,tolv",
        "distance_pp": "Andeler: avstand til målet i prosentpoeng",
        "distance_pct": "Andre indikatorer: avstand i prosent av målet",
        "interval_note": "Loddrette streker: 95 % usikkerhetsintervall for undersøkelsen",
        "charts_below": "Det som ikke er nådd eller svekkes, vises i egne avsnitt nedenfor.",
        "distance_note": (
            "Gult felt: toleransen, der målet regnes som nesten nådd. Strek: 95 % usikkerhetsintervall."
        ),
        "overview": "Status i korte trekk", "total": "Alle", "perspective": "Perspektiv",
        # the scorecard workbook's headers (kitlib.report.workbook)
        "xlsx_perspective": "Perspektiv",
        "xlsx_indicator": "Indikator",
        "xlsx_period": "Periode",
        "xlsx_value": "Resultat",
        "xlsx_ci_low": "Nedre grense (95 %)",
        "xlsx_ci_high": "Øvre grense (95 %)",
        "xlsx_target": "Mål",
        "xlsx_status": "Status",
        "xlsx_trend": "Trend",
        "xlsx_peer_group": "KOSTRA-gruppe",
        "xlsx_national": "Landet",
        "xlsx_other_units_median": "Median andre enheter",
        "xlsx_rank": "Rangering (1 = best)",
        "xlsx_units_compared": "Enheter sammenlignet",
        "xlsx_next_target": "Mål neste år",
        "xlsx_unit_of_measure": "Måleenhet",
        "xlsx_source": "Kilde",
        "xlsx_definition": "Definisjon",
        "index_all_units": "Hele kommunen", "index_totals": "Sum",
        "contents": "Innhold", "index_pack": "Alle notatene i én PDF (for utskrift)",
        "summary_not_yet": "Tall for {items} er ikke tilgjengelige ennå.",
        # the municipality's note and the challenge note (kitlib.report.municipality)
        "muni_briefing": "Styringsnotat for hele kommunen",
        "muni_scope": "{units} enheter i {areas} tjenesteområder",
        "muni_count": "I de {units} enhetene er {met} av {total} mål nådd i {year}{rest}.",
        "muni_top": "Størst utfordringer på tvers av enhetene: {items}.",
        "muni_trends": (
            "De siste {years} årene har {improving} resultater blitt klart bedre og {worsening} klart "
            "svakere; de andre har ingen sikker endring eller for få tall."
        ),
        "muni_best_area": (
            "Størst andel mål nådd: {best} ({best_met} av {best_total}); minst: {worst} ({worst_met} av "
            "{worst_total})."
        ),
        "muni_suppressed": "Resultater med færre enn {n} svar vises ikke ({count} i {year}).",
        "muni_overview_note": (
            "Indikatorer med mål i alle enhetene, talt per perspektiv og status. «Innenfor "
            "usikkerheten» betyr at målet ligger innenfor feilmarginen til et resultat fra få svar: "
            "det er verken sikkert nådd eller sikkert ikke nådd."
        ),
        "muni_areas": "Tjenesteområdene", "muni_area_units": "{n} enheter", "muni_area_unit": "1 enhet",
        "muni_area_met": "{met} av {total} mål nådd",
        "muni_area_top": "størst utfordring: {name}", "muni_area_none": "ingen klare utfordringer",
        "muni_challenges": "Utfordringsnotat",
        "muni_challenges_note": (
            "Utkast til kommunedirektørens utfordringsnotat for dialogseminaret: de {n} største "
            "utfordringene i {year} på tvers av enheter og tjenesteområder. De er rangert etter hvor mange "
            "enheter de gjelder og hvor langt tallene er fra målet, fra egen utvikling og fra "
            "KOSTRA-gruppen, målt mot usikkerheten i tallene. Teksten er ment å redigeres."
        ),
        "muni_challenges_none": (
            "Ingen indikator er klart under målet, klart svakere over tid eller klart svakere enn "
            "KOSTRA-gruppen i {year}."
        ),
        "muni_ch_gap_many": (
            "{name} er {side} målet, utenfor toleransen, i {n} av {total} {units}, lengst unna {at} "
            "{items}."
        ),
        "muni_ch_gap_one": "{name} er {side} målet {at} {items}.",
        "muni_ch_item_gap": "{value} mot målet {target}", "muni_ch_over": "over", "muni_ch_under": "under",
        "muni_ch_worse_many": (
            "{name} {verb} i {n} av {total} {units}, mer enn tilfeldig variasjon kan forklare: {items}."
        ),
        "muni_ch_worse_one": "{name} {verb} {at} {items}, mer enn tilfeldig variasjon kan forklare.",
        "muni_ch_item_moved": "fra {start} i {start_period} til {value} i {period}",
        "muni_ch_peers_many": "{name} er {side} enn i {group} ({other}) i {n} av {total} {units}: {items}.",
        "muni_ch_peers_one": "{name} er {side} enn i {group} ({other}) {at} {items}.",
        "muni_ch_higher": "høyere", "muni_ch_lower": "lavere", "muni_ch_also": "Det gjelder også {items}.",
        "muni_ch_units": "enheter", "muni_ch_areas": "tjenesteområder",
        "muni_ch_at_unit": "ved", "muni_ch_at_area": "for",
        "muni_load_summary": (
            "{flagged} av {total} enheter har flere eller færre indikatorer enn KS anbefaler."
        ),
        "muni_with_findings": "Med funn",
        "muni_ch_single": "{name} {at} {unit} er {value} i {period}{clauses}.",
        "muni_ch_single_gap": "{side} målet på {target}",
        "muni_ch_single_peers": "{side} enn i {group} ({other})",
        "muni_ch_single_moved": (
            "Tallet {verb} fra {start} i {start_period}, mer enn tilfeldig variasjon kan forklare."
        ),
        "index_municipality_note": "Kommunens notat: helheten og de største utfordringene",
        "index_area_note": "Tjenesteområdets notat: alle enhetene side om side",
        # draft questions for the dialogue meeting (kitlib.report.dialogue)
        "questions": "Spørsmål til dialogmøtet",
        "questions_note": "Utkast laget ut fra enhetens resultater, som grunnlag for samtalen i dialogmøtet.",
        "q_gap": "{name} er {value} mot målet {target}", "q_gap_worsening": "{moved}, og målet er {target}",
        "q_ask_gap": "Hva skal til for å nå målet, og når kan det skje?",
        "q_ask_causes": "Hva er årsakene, og hvilke tiltak har enheten?",
        "q_ask_learn": "Hva har enheten gjort, og hva kan andre enheter lære av det?",
        "q_peers_last": "{name} er {value}, svakest av {count} enheter (medianen er {median})",
        "q_ask_units": "Hva gjør de andre enhetene annerledes?",
        "q_peers_group": "{name} er {value} mot {other} i {group}",
        "q_ask_group": "Hva forklarer forskjellen, og bør den lukkes?",
        "q_general_targets": "Hvilke av enhetens mål er viktigst neste år, og er målene riktige?",
        "q_general_support": "Hva trenger enheten fra kommunens ledelse for å nå målene sine?",
        "q_general_priorities": "Hva er enhetens viktigste utfordring neste år, og hva bør prioriteres?",
        # the indicator audit and the SMART check of targets (kitlib.report.audit_tables)
        "audit_title": "Indikatorrevisjon {year}: KS' sju krav til en god indikator",
        "audit_legend": "✔ oppfylt · ✘ ikke oppfylt · – kan ikke vurderes ut fra tallene",
        "audit_relevant": "Relevant", "audit_influenceable": "Påvirkbar", "audit_reliable": "Pålitelig",
        "audit_stable": "Stabil", "audit_comparable": "Sammenliknbar", "audit_interpretable": "Tolkningsbar",
        "audit_documented": "Dokumentert", "audit_yes": "ja", "audit_not_judged": "kan ikke vurderes",
        "audit_passed": "Krav oppfylt", "audit_passed_n": "{passed} av {judged}",
        "audit_findings": "Funn", "audit_no_findings": "alt i orden", "audit_all_units": "alle enheter",
        "audit_summary": "{flagged} av {total} indikatorer har funn.",
        "audit_units": "Enheter med tall", "audit_median_n": "Antall svar (median)",
        "audit_series_years": "Sammenhengende år",
        "why_no_definition": "mangler definisjon",
        "why_no_direction": "uklart om høyere eller lavere er bedre",
        "why_few_respondents": "for få svar til sikre tall", "why_suppressed_figures": "mange tall skjult",
        "why_missing_periods": "mange år uten tall", "why_short_series": "kortere tidsserie enn tre år",
        "why_no_benchmark": "tall for KOSTRA-gruppen og landet mangler",
        "why_not_influenceable": "de ansatte kan ikke påvirke den", "why_no_target": "uten mål",
        "why_no_perspective": "uten perspektiv i målekartet", "why_context_figure": "kontekst for enhetene",
        "why_no_figures": "mangler tall", "why_no_unit": "mangler måleenhet",
        "why_no_period": "mangler periode",
        "why_met_for_years": "allerede nådd hvert av de siste {n} årene",
        "why_already_met": "siste resultat er allerede klart bedre",
        "why_inside_noise": "innenfor usikkerheten rundt siste resultat",
        "why_beyond_best": "bedre enn det beste sammenlignbare resultatet",
        "why_large_step": "en større forbedring på ett år enn noen sammenlignbar enhet har klart",
        "why_no_history": "mangler tall fra før",
        "why_budget_limit": "en budsjettgrense, ikke et ambisjonsmål",
        "why_too_many_indicators": "flere enn {limit} indikatorer",
        "why_too_many_survey_items": "flere enn {limit} spørsmål fra brukerundersøkelser",
        "why_too_many_measured_quality": "flere enn {limit} indikatorer på målt kvalitet",
        "why_too_many_employee_items": "flere enn {limit} indikatorer for medarbeidere",
        "why_few_survey_items": "færre enn {limit} spørsmål fra brukerundersøkelser",
        "why_few_measured_quality": "færre enn {limit} indikatorer på målt kvalitet",
        "load_title": "Indikatorer per enhet {year}",
        "load_advice": (
            "KS anbefaler per tjeneste 2–3 spørsmål om opplevd kvalitet, 3–5 indikatorer på målt kvalitet, "
            "2–3 spørsmål til medarbeiderne og sykefravær: få, relevante mål."
        ),
        "load_indicators": "Indikatorer", "load_survey": "Brukerundersøkelser",
        "load_measured": "Målt kvalitet",
        "load_employee": "Medarbeidere", "load_with_target": "Med mål",
        "smart_title": "SMART-sjekk av målene for {year}",
        "smart_intro": (
            "Målene er holdt opp mot enhetens egne tall, usikkerheten i dem og de beste sammenlignbare "
            "resultatene. Om målet er akseptert, kan tallene ikke si: det avklares i dialogmøtet."
        ),
        "smart_specific": "Spesifikt", "smart_measurable": "Målbart",
        "smart_realistic": "Realistisk, men ambisiøst", "smart_time_bound": "Tidsbestemt",
        "smart_target_for": "Målet gjelder", "smart_for_unit": "enheten",
        "smart_for_service_area": "tjenesteområdet",
        "smart_for_all": "alle enheter", "smart_current": "Siste resultat",
        "smart_current_period": "Siste periode",
        "smart_noise": "Usikkerhet (±)", "smart_best": "Beste sammenlignbare", "smart_best_by": "Beste hos",
        "smart_summary": "{flagged} av {total} mål har funn.",
        "smart_nothing": "Det finnes ikke mål for {year}.",
        "audit_sheet": "Indikatorrevisjon", "load_sheet": "Indikatorer per enhet",
        "smart_sheet": "SMART-sjekk",
        # the analysts' explorer (kitlib.explore)
        "explore_title": "Utforsker", "explore_units": "Enheter", "explore_compare": "Sammenlign med",
        "explore_ranking": "Rangering", "explore_heatmap": "Varmekart",
        "explore_render": "Lag notatet", "explore_rendering": "Lager notatet for {unit} …",
        "explore_rendered": "Notatet for {unit} er klart:",
        "explore_render_failed": "Notatet for {unit} kunne ikke lages: {error}",
        "explore_render_needs_folder": "Notatet lages fra en datamappe: åpne utforskeren med mappens navn.",
        "explore_pick_unit": "Velg minst én enhet.",
        "explore_no_indicator": "Enheten har ingen indikatorer med tall.",
        "explore_no_figures": "Ingen enhet i {area} har tall for dette i {year}.",
        "explore_direction": "Retning",
        "explore_higher": "Høyere er bedre", "explore_lower": "Lavere er bedre",
        "explore_none": "Verken høyere eller lavere er bedre", "explore_measure": "Måleenhet",
        "explore_influenceable": "Kan enheten påvirke den",
        "explore_influence_ja": "ja", "explore_influence_delvis": "delvis", "explore_influence_nei": "nei",
        "explore_ranked_best": "Enhetene i {area} i {year}, best først",
        "explore_ranked_value": "Enhetene i {area} i {year}, etter verdi (ingen retning er bedre)",
        "explore_median_units": "Median for enhetene",
        "explore_heatmap_title": "Status mot mål i {area}, {year}",
        "explore_static_note": "Et statisk bilde av utvalget slik det var da notatboken ble kjørt.",
        # the service-area note (kitlib.report.area)
        "area_briefing_for": "Styringsnotat for tjenesteområdet",
        "area_units_n": "{n} enheter",
        "area_units_1": "{n} enhet",
        "area_of": "{name} ({n} av {total})",
        "area_summary_count": "Enhetene har nådd {met} av {total} mål i {year}{rest}.",
        "area_summary_all_met": "Enhetene har nådd alle {total} mål i {year}.",
        "area_summary_no_targets": "Ingen av enhetenes indikatorer har mål for {year}.",
        "area_summary_widely_missed": "De fleste enhetene når ikke målet for {items}.",
        "area_summary_best": "Best måloppnåelse har {unit}, med {met} av {total} mål nådd.",
        "area_summary_attention": "Størst behov for oppfølging har {units}.",
        "area_summary_spread": (
            "Størst forskjell mellom enhetene er det på {name}: fra {low} ved {low_unit} til {high} ved "
            "{high_unit}."
        ),
        "area_summary_kostra": "{name} var {value} i {period}, mot {peer} i {group}.",
        "area_summary_suppressed": (
            "Resultater fra undersøkelser der færre enn {n} svarte, vises ikke ({count} i alt)."
        ),
        "area_heatmap": "Måloppnåelse per enhet i {year}",
        "area_targets_differ": "målene er ulike",
        "area_heatmap_legend": (
            "✔ nådd · ◐ nesten (innenfor toleransen) · ≈ usikkert (målet ligger innenfor undersøkelsens "
            "feilmargin) · ✘ ikke nådd · – mangler tall, eller skjult fordi færre enn {n} svarte. Grå "
            "celle uten symbol: ikke aktuelt for enheten. Under symbolet står enhetens resultat."
        ),
        "heat_met": "nådd",
        "heat_near": "nesten",
        "heat_uncertain": "usikkert",
        "heat_not_met": "ikke nådd",
        "heat_no_data": "mangler",
        "heat_no_target": "uten mål",
        "heat_suppressed": "skjult",
        "heat_not_applicable": "ikke aktuelt",
        "area_attention": "Enheter som trenger oppfølging",
        "area_attention_note": (
            "Enhetene med flest mål som ikke er nådd, med resultater som er blitt klart svakere (mer enn "
            "usikkerheten), og med resultater langt under medianen for området (mer enn den midtre "
            "halvdelen av enhetene spenner over). Den som trenger det mest, står først."
        ),
        "area_attention_none": (
            "Ingen enhet skiller seg ut med mange mål som gjenstår å nå, resultater som blir klart svakere "
            "eller resultater langt under medianen."
        ),
        "area_reason_not_met": "{symbol} {count} av {total} mål er ikke nådd",
        "area_reason_worsening": "{symbol} Svakere: {items}",
        "area_moved": "{name} fra {start} i {start_period} til {value} i {period}",
        "area_reason_below_median": "Langt svakere enn medianen: {items}",
        "area_against_median": "{name} {value} mot median {median}",
        "area_kostra": "Tjenesteområdet i KOSTRA: fire dimensjoner",
        "area_dimension": "Dimensjon",
        "area_value": "Tjenesteområdet",
        "area_dim_prioritering": "Prioritering",
        "area_dim_prioritering_note": "hva kommunen bruker på tjenesten",
        "area_dim_dekningsgrad": "Dekningsgrad",
        "area_dim_dekningsgrad_note": "hvor stor del av målgruppen som får tjenesten",
        "area_dim_produktivitet": "Produktivitet",
        "area_dim_produktivitet_note": "kostnad per bruker eller per tjeneste (enhetskostnad)",
        "area_dim_kvalitet": "Kvalitet",
        "area_dim_kvalitet_note": "brukernes tilfredshet og målt kvalitet",
        "area_no_dimension": "Tjenesteområdet har ikke tall for {dimension}.",
        "area_kostra_note": (
            "Tallene gjelder tjenesteområdet som helhet, ikke enkeltenhetene. I parentes: hvor mye "
            "tjenesteområdet ligger over (+) eller under (−) sammenligningen, kronebeløp i prosent, og "
            "«bedre» eller «svakere» der det er klart hvilken vei som er best."
        ),
        "area_kostra_late": (
            "Tall for {year} er ikke tilgjengelige ennå for {items}: det siste tallet vises, med "
            "årstallet."
        ),
        "area_same": "likt",
        "area_school": "Skole",
        "area_mean_years": "Snitt {n} år", "area_years_of": "{n} av {total} år",
        "area_against": "Mot {group}",
        "area_tests_above": "I {year} ligger {above} av {n} skoler over {group} ({value}).",
        "area_tests_note": (
            "Små trinn gir store svingninger fra år til år, så snittet over flere år sier mer enn ett "
            "enkelt år. Et resultat fra for få elever vises ikke."
        ),
        "area_qualification_title": "Kompetanse: {name}",
        "area_qualification_below": "{below} av {n} enheter ligger under {group} ({value}) på {name}.",
        "area_change_since": "Endring fra {year}",
        "area_processing_time": "Saksbehandlingstid og lovens frist",
        "area_msg_both_met": "Begge enhetene når målet",
        "area_msg_within_limit": "{inside} av {total} enheter holder fristen i snitt",
        "area_time_within": (
            "{name}: {inside} av {n} enheter holder seg i snitt innenfor lovens frist på {limit} dager."
        ),
        "area_time_share_note": (
            "Et snitt innenfor fristen betyr ikke at hver sak er det: {name} viser hvor mange saker som "
            "ble avgjort i tide."
        ),
        "area_days_under": "{days} dager under fristen",
        "area_days_over": "{days} dager over fristen",
        "area_day_under": "{days} dag under fristen",
        "area_day_over": "{days} dag over fristen",
        "area_days_on": "på fristen",
        "area_limit_line": "Lovens frist",
        "area_median_line": "Median",
        "area_rankings": "Enhetene rangert per indikator",
        "area_rankings_note": (
            "Den beste enheten står øverst. Symbolet foran navnet er status mot målet. De loddrette "
            "strekene viser målet, medianen for enhetene, KOSTRA-gruppen og landet, der de finnes. Der "
            "verken høyere eller lavere er bedre, og for forbruk mot budsjett, står enhetene etter verdi, "
            "høyest øverst, og rangeres ikke."
        ),
        "area_msg_met": "{met} av {total} enheter når målet",
        "area_msg_all_met": "Alle {total} enheter når målet",
        "area_msg_none_met": "Ingen av de {total} enhetene når målet",
        "area_msg_met_uncertain": "{met} av {total} når målet, {uncertain} er innenfor feilmarginen",
        "area_msg_best": "{unit} ligger best an",
        "area_msg_listed": "Etter verdi: ingen retning er bedre",
        "area_alt_best_first": "best først",
        "area_alt_by_value": "etter verdi",
        "area_interval_note": "Vannrette streker: 95 % usikkerhetsintervall for undersøkelsen.",
        "area_spread": "Spredning mellom enhetene",
        "area_units_with_figure": "Enheter med tall",
        "area_lowest": "Lavest",
        "area_highest": "Høyest",
        "area_middle_half": "Midtre halvdel",
        "area_spread_note": (
            "Medianen er den midterste enheten; den vises når minst {median} enheter har tall. Midtre "
            "halvdel: halvparten av enhetene ligger mellom disse verdiene; den vises når minst {quartiles} "
            "enheter har tall."
        ),
    },
    "da": {
        "met": "nået", "near": "næsten", "not_met": "ikke nået", "no_data": "mangler tal",
        "no_target": "uden mål", "improving": "bedre", "worsening": "svagere", "stable": "stabil",
        "insufficient_data": "for få tal", "rising": "stigende", "falling": "faldende",
        "summary": "Kort fortalt", "scorecard": "Målkort", "charts": "Udvikling over tid",
        "distance": "Afstand til mål", "survey": "Brugerundersøgelser",
        "sick_leave": "Sygefravær per tertial", "budget": "Forbrug mod budget",
        "notes": "Om indikatorerne",
        # the unit's own words (comments.csv)
        "comments": "Enhedens vurdering og tiltag", "comments_unit": "Enheden som helhed",
        "comments_note": "Enhedens egen vurdering af resultaterne i {year} og de tiltag, den planlægger.",
        "comments_none": "Enheden har ikke skrevet nogen vurdering eller tiltag for {year}.",
        "comment_vurdering": "Vurdering", "comment_tiltak": "Tiltag",
        "comment_marker": "✎ Se enhedens kommentar",
        "context": "Tal for området og kommunen",
        "context_note": (
            "Disse tal gælder hele området eller kommunen, ikke enheden alene. De viser de rammer, "
            "enheden arbejder inden for, og rangeres ikke mod andre enheder."
        ), "indicator": "Indikator", "value": "Resultat",
        "target": "Mål", "status": "Status", "trend": "Tendens", "peer_group": "Sammenligningsgruppe",
        "national": "Landsgennemsnit", "units": "Andre enheder", "next_target": "Mål næste år",
        "period": "Periode", "question": "Spørgsmål", "respondents": "Antal svar",
        "definition": "Definition", "source": "Kilde", "data_date": "Data pr.",
        "service_area": "Område", "year": "År", "unit": "Enhed",
        "too_few": "færre end {n} svar", "rank": "nr. {rank} af {count}", "median": "median",
        "missing_..": "ikke tilgængelig endnu", "missing_.": "ikke relevant", "missing_:": "skjult",
        "target_line": "Mål", "this_unit": "Denne enhed", "other_units": "Median andre enheder",
        "budget_line": "Budget (100 %)", "share_of_target": "Afstand til mål (positiv = bedre)",
        "nothing_to_chart": (
            "Ingen indikator ligger klart under målet eller bliver svagere, så der er ingen kurver at vise."
        ),
        "no_survey": "Ingen brugerundersøgelse for enheden i år.",
        "no_data_section": "Ingen tal for enheden.",
        "better": "bedre", "worse": "svagere",
        "uncertain": "inden for usikkerheden",
        "legend": "✔ nået · ◐ næsten (inden for tolerancen) · ≈ inden for usikkerheden (målet ligger i "
                  "undersøgelsens fejlmargin) · ✘ ikke nået · – mangler tal · "
                  "↗ bedre · ↘ svagere · → stabil (ændringen er mindre end usikkerheden) · "
                  "tal i parentes efter sammenligningsgruppe og landsgennemsnit: afstanden dertil, + betyder "
                  "at enheden klarer sig bedre, − svagere · (≈) forskellen er mindre end usikkerheden · "
                  "nr. 1 af 6: enheden er bedst af 6 enheder med tal · "
                  "tal i parentes efter et resultat: 95 % usikkerhedsinterval",
        "briefing_for": "Ledelsesnotat", "generated_from": "Tal pr. {date}",
        # the run's index page
        "index_failed": "fejlede", "index_cell": "celle", "index_units_n": "enheder",
        "index_failed_n": "fejlede", "index_interrupted": "afbrudt", "index_interrupted_n": "afbrudt",
        "percentage_points": "procentpoint", "percentage_point": "procentpoint",
        # dates and periods (kitlib.report.formatting: format_date, format_period)
        "date": "{day}. {month} {year}",
        "months": "januar februar marts april maj juni juli august september oktober november december",
        "period_T": "{n}. tertial {year}", "period_K": "{n}. kvartal {year}", "period_M": "{month} {year}",
        # "Kort fortalt": the narrative's sentences (kitlib.report.narrative)
        "summary_count": "{met} af {total} mål er nået i {year}{rest}.",
        "summary_near": "{n} er næsten nået", "summary_not_met": "{n} er ikke nået",
        "summary_no_data": "{n} mangler tal",
        "summary_no_targets": "Ingen af indikatorerne har mål for {year}.",
        "summary_better": "Største forbedring: {items}.", "summary_worse": "Største bekymring: {items}.",
        "summary_moved": "{name} {verb} fra {start} i {start_period} til {value} i {period}",
        "summary_up": "er steget", "summary_down": "er faldet",
        "summary_short": "{name} er {value} mod målet {target}",
        "summary_peers": (
            "Sammenlignet med {group} klarer enheden sig bedre på {better} og svagere på {worse} af "
            "{total} indikatorer{unclear}."
        ),
        "summary_peers_unclear": "; på {n} er forskellen mindre end usikkerheden",
        "summary_peers_better_only": (
            "Sammenlignet med {group} klarer enheden sig bedre på {better} af {total} indikatorer og "
            "svagere på ingen{unclear}."
        ),
        "summary_peers_worse_only": (
            "Sammenlignet med {group} klarer enheden sig svagere på {worse} af {total} indikatorer og "
            "bedre på ingen{unclear}."
        ),
        "summary_peers_even": (
            "Sammenlignet med {group} klarer enheden sig hverken klart bedre eller svagere på nogen af "
            "{total} indikatorer{unclear}."
        ),
        "summary_suppressed": "Færre end {n} svarede på {items}, så resultatet vises ikke.",
        "summary_and": " og ", "summary_missing": "Tal mangler for {items}.",
        "summary_and_clauses": ", og ",  # "og" between two main clauses takes a comma
        "summary_all_fine": "Ingen indikator ligger klart under målet, og ingen bliver svagere.",
        "summary_all_met": "Alle {total} mål er nået i {year}.",
        "summary_uncertain": "{n} er inden for usikkerheden", "summary_more": "{n} flere",
        "change": "Ændring siden sidst", "no_clear_change": "ingen sikker ændring",
        "summary_underspend": (
            "{name} er {value}: et mindreforbrug, der er værd at spørge til (under {limit})"
        ),
        "summary_fixed_prices": "i faste {year}-kroner",
        "nominal_kroner": "Kronebeløb er i løbende kroner og ikke justeret for prisudvikling.",
        "fixed_kroner": "Udviklingen i kronebeløb er regnet i faste {year}-kroner.",
        "interval": "95 % usikkerhedsinterval",
        # chart titles that state the message (kitlib.report.charts.chart_message)
        "msg_up_since": "Op siden {period}", "msg_down_since": "Ned siden {period}",
        "msg_run_up": "Op {count} år i træk", "msg_run_down": "Ned {count} år i træk",
        "msg_mixed": "{movement} ({turn} i {period})",
        "msg_turn_up": "op", "msg_turn_down": "ned",
        "msg_stable": "Stabil",
        "msg_above": "over {ref}", "msg_below": "under {ref}", "msg_on": "på {ref}",
        "msg_just_above": "lige over {ref}", "msg_just_below": "lige under {ref}",
        "msg_uncertain": "{position}, men inden for fejlmarginen",
        "msg_ref_target": "målet", "msg_ref_budget": "budget",
        "msg_and": "{movement} og {position}", "msg_but": "{movement}, men {position}",
        "msg_but_still": "{movement}, men stadig {position}",
        "msg_in_period": "{position} i {period}", "msg_value": "{value} i {period}",
        "msg_no_data": "Mangler tal for {period}",
        "msg_targets_met": "{met} af {total} mål er nået",
        "number_words": "nul,et,to,tre,fire,fem,seks,syv,otte,ni,ti,elleve,tolv",
        "distance_pp": "Andele: afstand til målet i procentpoint",
        "distance_pct": "Øvrige indikatorer: afstand i procent af målet",
        "interval_note": "Lodrette streger: 95 % usikkerhedsinterval for undersøgelsen",
        "charts_below": "Det, der ikke er nået eller bliver svagere, vises i egne afsnit nedenfor.",
        "distance_note": (
            "Gult felt: tolerancen, hvor målet regnes som næsten nået. Streg: 95 % usikkerhedsinterval."
        ),
        "overview": "Status kort fortalt", "total": "Alle", "perspective": "Perspektiv",
        # the scorecard workbook's headers (kitlib.report.workbook)
        "xlsx_perspective": "Perspektiv",
        "xlsx_indicator": "Indikator",
        "xlsx_period": "Periode",
        "xlsx_value": "Resultat",
        "xlsx_ci_low": "Nedre grænse (95 %)",
        "xlsx_ci_high": "Øvre grænse (95 %)",
        "xlsx_target": "Mål",
        "xlsx_status": "Status",
        "xlsx_trend": "Tendens",
        "xlsx_peer_group": "Sammenligningsgruppe",
        "xlsx_national": "Landsgennemsnit",
        "xlsx_other_units_median": "Median andre enheder",
        "xlsx_rank": "Placering (1 = bedst)",
        "xlsx_units_compared": "Enheder sammenlignet",
        "xlsx_next_target": "Mål næste år",
        "xlsx_unit_of_measure": "Måleenhed",
        "xlsx_source": "Kilde",
        "xlsx_definition": "Definition",
        "index_all_units": "Hele kommunen", "index_totals": "I alt",
        "contents": "Indhold", "index_pack": "Alle notaterne i én PDF (til udskrift)",
        "summary_not_yet": "Tal for {items} er ikke tilgængelige endnu.",
        # the municipality's note and the challenge note (kitlib.report.municipality)
        "muni_briefing": "Ledelsesnotat for hele kommunen",
        "muni_scope": "{units} enheder i {areas} områder",
        "muni_count": "I de {units} enheder er {met} af {total} mål nået i {year}{rest}.",
        "muni_top": "De største udfordringer på tværs af enhederne: {items}.",
        "muni_trends": (
            "I de seneste {years} år er {improving} resultater blevet klart bedre og {worsening} klart "
            "svagere; de øvrige har ingen sikker ændring eller for få tal."
        ),
        "muni_best_area": (
            "Største andel mål nået: {best} ({best_met} af {best_total}); mindste: {worst} ({worst_met} af "
            "{worst_total})."
        ),
        "muni_suppressed": "Resultater med færre end {n} svar vises ikke ({count} i {year}).",
        "muni_overview_note": (
            "Indikatorer med mål i alle enheder, talt pr. perspektiv og status. «Inden for "
            "usikkerheden» betyder, at målet ligger inden for fejlmarginen på et resultat fra få svar: "
            "det er hverken sikkert nået eller sikkert ikke nået."
        ),
        "muni_areas": "Områderne", "muni_area_units": "{n} enheder", "muni_area_unit": "1 enhed",
        "muni_area_met": "{met} af {total} mål nået",
        "muni_area_top": "største udfordring: {name}", "muni_area_none": "ingen klare udfordringer",
        "muni_challenges": "Udfordringsnotat",
        "muni_challenges_note": (
            "Udkast til kommunaldirektørens udfordringsnotat til dialogseminaret: de {n} største "
            "udfordringer i {year} på tværs af enheder og områder. De er rangeret efter, hvor mange enheder "
            "de gælder, og hvor langt tallene er fra målet, fra egen udvikling og fra sammenligningsgruppen, "
            "målt mod usikkerheden i tallene. Teksten er ment til at blive redigeret."
        ),
        "muni_challenges_none": (
            "Ingen indikator ligger klart under målet, bliver klart svagere eller ligger klart under "
            "sammenligningsgruppen i {year}."
        ),
        "muni_ch_gap_many": (
            "{name} er {side} målet, uden for tolerancen, i {n} af {total} {units}, længst fra målet "
            "{at} {items}."
        ),
        "muni_ch_gap_one": "{name} er {side} målet {at} {items}.",
        "muni_ch_item_gap": "{value} mod målet {target}", "muni_ch_over": "over", "muni_ch_under": "under",
        "muni_ch_worse_many": (
            "{name} {verb} i {n} af {total} {units}, mere end tilfældig variation kan forklare: {items}."
        ),
        "muni_ch_worse_one": "{name} {verb} {at} {items}, mere end tilfældig variation kan forklare.",
        "muni_ch_item_moved": "fra {start} i {start_period} til {value} i {period}",
        "muni_ch_peers_many": "{name} er {side} end i {group} ({other}) i {n} af {total} {units}: {items}.",
        "muni_ch_peers_one": "{name} er {side} end i {group} ({other}) {at} {items}.",
        "muni_ch_higher": "højere", "muni_ch_lower": "lavere", "muni_ch_also": "Det gælder også {items}.",
        "muni_ch_units": "enheder", "muni_ch_areas": "områder",
        "muni_ch_at_unit": "hos", "muni_ch_at_area": "for",
        "muni_load_summary": (
            "{flagged} af {total} enheder har flere eller færre indikatorer, end KS anbefaler."
        ),
        "muni_with_findings": "Med fund",
        "muni_ch_single": "{name} {at} {unit} er {value} i {period}{clauses}.",
        "muni_ch_single_gap": "{side} målet på {target}",
        "muni_ch_single_peers": "{side} end i {group} ({other})",
        "muni_ch_single_moved": (
            "Tallet {verb} fra {start} i {start_period}, mere end tilfældig variation kan forklare."
        ),
        "index_municipality_note": "Kommunens notat: helheden og de største udfordringer",
        "index_area_note": "Serviceområdets notat: alle enhederne side om side",
        # draft questions for the dialogue meeting (kitlib.report.dialogue)
        "questions": "Spørgsmål til dialogmødet",
        "questions_note": "Udkast ud fra enhedens resultater, som grundlag for samtalen i dialogmødet.",
        "q_gap": "{name} er {value} mod målet {target}", "q_gap_worsening": "{moved}, og målet er {target}",
        "q_ask_gap": "Hvad skal der til for at nå målet, og hvornår kan det ske?",
        "q_ask_causes": "Hvad er årsagerne, og hvilke tiltag har enheden?",
        "q_ask_learn": "Hvad har enheden gjort, og hvad kan andre enheder lære af det?",
        "q_peers_last": "{name} er {value}, den svageste af {count} enheder (medianen er {median})",
        "q_ask_units": "Hvad gør de andre enheder anderledes?",
        "q_peers_group": "{name} er {value} mod {other} i {group}",
        "q_ask_group": "Hvad forklarer forskellen, og bør den lukkes?",
        "q_general_targets": "Hvilke af enhedens mål er vigtigst næste år, og er målene de rigtige?",
        "q_general_support": "Hvad har enheden brug for fra kommunens ledelse for at nå sine mål?",
        "q_general_priorities": "Hvad er enhedens vigtigste udfordring næste år, og hvad bør prioriteres?",
        # the indicator audit and the SMART check of targets (kitlib.report.audit_tables)
        "audit_title": "Indikatorgennemgang {year}: KS' syv krav til en god indikator",
        "audit_legend": "✔ opfyldt · ✘ ikke opfyldt · – kan ikke vurderes ud fra tallene",
        "audit_relevant": "Relevant", "audit_influenceable": "Påvirkelig", "audit_reliable": "Pålidelig",
        "audit_stable": "Stabil", "audit_comparable": "Sammenlignelig", "audit_interpretable": "Fortolkelig",
        "audit_documented": "Dokumenteret", "audit_yes": "ja", "audit_not_judged": "kan ikke vurderes",
        "audit_passed": "Krav opfyldt", "audit_passed_n": "{passed} af {judged}",
        "audit_findings": "Fund", "audit_no_findings": "alt i orden", "audit_all_units": "alle enheder",
        "audit_summary": "{flagged} af {total} indikatorer har fund.",
        "audit_units": "Enheder med tal", "audit_median_n": "Antal svar (median)",
        "audit_series_years": "Sammenhængende år",
        "why_no_definition": "mangler definition",
        "why_no_direction": "uklart om højere eller lavere er bedre",
        "why_few_respondents": "for få svar til sikre tal", "why_suppressed_figures": "mange tal skjult",
        "why_missing_periods": "mange år uden tal", "why_short_series": "kortere tidsserie end tre år",
        "why_no_benchmark": "tal for sammenligningsgruppen og landet mangler",
        "why_not_influenceable": "medarbejderne kan ikke påvirke den", "why_no_target": "uden mål",
        "why_no_perspective": "uden perspektiv i målkortet", "why_context_figure": "kontekst for enhederne",
        "why_no_figures": "mangler tal", "why_no_unit": "mangler måleenhed",
        "why_no_period": "mangler periode",
        "why_met_for_years": "allerede nået i hvert af de seneste {n} år",
        "why_already_met": "seneste resultat er allerede klart bedre",
        "why_inside_noise": "inden for usikkerheden omkring seneste resultat",
        "why_beyond_best": "bedre end det bedste sammenlignelige resultat",
        "why_large_step": "en større forbedring på ét år, end nogen sammenlignelig enhed har opnået",
        "why_no_history": "mangler tal fra før", "why_budget_limit": "en budgetgrænse, ikke et ambitionsmål",
        "why_too_many_indicators": "flere end {limit} indikatorer",
        "why_too_many_survey_items": "flere end {limit} spørgsmål fra brugerundersøgelser",
        "why_too_many_measured_quality": "flere end {limit} indikatorer på målt kvalitet",
        "why_too_many_employee_items": "flere end {limit} indikatorer for medarbejdere",
        "why_few_survey_items": "færre end {limit} spørgsmål fra brugerundersøgelser",
        "why_few_measured_quality": "færre end {limit} indikatorer på målt kvalitet",
        "load_title": "Indikatorer pr. enhed {year}",
        "load_advice": (
            "KS anbefaler pr. ydelse 2–3 spørgsmål om oplevet kvalitet, 3–5 indikatorer på målt kvalitet, "
            "2–3 spørgsmål til medarbejderne og sygefravær: få, relevante mål."
        ),
        "load_indicators": "Indikatorer", "load_survey": "Brugerundersøgelser",
        "load_measured": "Målt kvalitet",
        "load_employee": "Medarbejdere", "load_with_target": "Med mål",
        "smart_title": "SMART-tjek af målene for {year}",
        "smart_intro": (
            "Målene er holdt op mod enhedens egne tal, usikkerheden i dem og de bedste sammenlignelige "
            "resultater. Om målet er accepteret, kan tallene ikke sige: det afklares i dialogmødet."
        ),
        "smart_specific": "Specifikt", "smart_measurable": "Målbart",
        "smart_realistic": "Realistisk, men ambitiøst", "smart_time_bound": "Tidsafgrænset",
        "smart_target_for": "Målet gælder", "smart_for_unit": "enheden", "smart_for_service_area": "området",
        "smart_for_all": "alle enheder", "smart_current": "Seneste resultat",
        "smart_current_period": "Seneste periode",
        "smart_noise": "Usikkerhed (±)", "smart_best": "Bedste sammenlignelige",
        "smart_best_by": "Bedste hos",
        "smart_summary": "{flagged} af {total} mål har fund.",
        "smart_nothing": "Der findes ikke mål for {year}.",
        "audit_sheet": "Indikatorgennemgang", "load_sheet": "Indikatorer pr. enhed",
        "smart_sheet": "SMART-tjek",
        # the analysts' explorer (kitlib.explore)
        "explore_title": "Udforsker", "explore_units": "Enheder", "explore_compare": "Sammenlign med",
        "explore_ranking": "Rangering", "explore_heatmap": "Varmekort",
        "explore_render": "Lav notatet", "explore_rendering": "Laver notatet for {unit} …",
        "explore_rendered": "Notatet for {unit} er klar:",
        "explore_render_failed": "Notatet for {unit} kunne ikke laves: {error}",
        "explore_render_needs_folder": "Notatet laves fra en datamappe: åbn udforskeren med mappens navn.",
        "explore_pick_unit": "Vælg mindst én enhed.",
        "explore_no_indicator": "Enheden har ingen indikatorer med tal.",
        "explore_no_figures": "Ingen enhed i {area} har tal for dette i {year}.",
        "explore_direction": "Retning",
        "explore_higher": "Højere er bedre", "explore_lower": "Lavere er bedre",
        "explore_none": "Hverken højere eller lavere er bedre", "explore_measure": "Måleenhed",
        "explore_influenceable": "Kan enheden påvirke den",
        "explore_influence_ja": "ja", "explore_influence_delvis": "delvist", "explore_influence_nei": "nej",
        "explore_ranked_best": "Enhederne i {area} i {year}, bedst først",
        "explore_ranked_value": "Enhederne i {area} i {year}, efter værdi (ingen retning er bedre)",
        "explore_median_units": "Median for enhederne",
        "explore_heatmap_title": "Status mod mål i {area}, {year}",
        "explore_static_note": "Et statisk billede af udvalget, som det var, da notesbogen blev kørt.",
        # the service-area note (kitlib.report.area)
        "area_briefing_for": "Ledelsesnotat for serviceområdet",
        "area_units_n": "{n} enheder",
        "area_units_1": "{n} enhed",
        "area_of": "{name} ({n} af {total})",
        "area_summary_count": "Enhederne har nået {met} af {total} mål i {year}{rest}.",
        "area_summary_all_met": "Enhederne har nået alle {total} mål i {year}.",
        "area_summary_no_targets": "Ingen af enhedernes indikatorer har mål for {year}.",
        "area_summary_widely_missed": "De fleste enheder når ikke målet for {items}.",
        "area_summary_best": "Bedst målopfyldelse har {unit}, med {met} af {total} mål nået.",
        "area_summary_attention": "Størst behov for opfølgning har {units}.",
        "area_summary_spread": (
            "Størst forskel mellem enhederne er der på {name}: fra {low} i {low_unit} til {high} i "
            "{high_unit}."
        ),
        "area_summary_kostra": "{name} var {value} i {period}, mod {peer} i {group}.",
        "area_summary_suppressed": (
            "Resultater fra undersøgelser, hvor færre end {n} svarede, vises ikke ({count} i alt)."
        ),
        "area_heatmap": "Målopfyldelse pr. enhed i {year}",
        "area_targets_differ": "målene er forskellige",
        "area_heatmap_legend": (
            "✔ nået · ◐ næsten (inden for tolerancen) · ≈ usikkert (målet ligger inden for undersøgelsens "
            "fejlmargin) · ✘ ikke nået · – mangler tal, eller skjult fordi færre end {n} svarede. Grå "
            "celle uden symbol: ikke relevant for enheden. Under symbolet står enhedens resultat."
        ),
        "heat_met": "nået",
        "heat_near": "næsten",
        "heat_uncertain": "usikkert",
        "heat_not_met": "ikke nået",
        "heat_no_data": "mangler",
        "heat_no_target": "uden mål",
        "heat_suppressed": "skjult",
        "heat_not_applicable": "ikke relevant",
        "area_attention": "Enheder der har brug for opfølgning",
        "area_attention_note": (
            "Enhederne med flest mål, der ikke er nået, med resultater der er blevet klart svagere (mere "
            "end usikkerheden), og med resultater langt under områdets median (mere end den midterste "
            "halvdel af enhederne spænder over). Den, der har mest brug for det, står først."
        ),
        "area_attention_none": (
            "Ingen enhed skiller sig ud med mange mål, der mangler at blive nået, resultater der bliver "
            "klart svagere eller resultater langt under medianen."
        ),
        "area_reason_not_met": "{symbol} {count} af {total} mål er ikke nået",
        "area_reason_worsening": "{symbol} Svagere: {items}",
        "area_moved": "{name} fra {start} i {start_period} til {value} i {period}",
        "area_reason_below_median": "Langt svagere end medianen: {items}",
        "area_against_median": "{name} {value} mod median {median}",
        "area_kostra": "Serviceområdet i nøgletal: fire dimensioner",
        "area_dimension": "Dimension",
        "area_value": "Serviceområdet",
        "area_dim_prioritering": "Prioritering",
        "area_dim_prioritering_note": "hvad kommunen bruger på ydelsen",
        "area_dim_dekningsgrad": "Dækningsgrad",
        "area_dim_dekningsgrad_note": "hvor stor en del af målgruppen der får ydelsen",
        "area_dim_produktivitet": "Produktivitet",
        "area_dim_produktivitet_note": "udgift pr. bruger eller pr. ydelse (enhedsudgift)",
        "area_dim_kvalitet": "Kvalitet",
        "area_dim_kvalitet_note": "brugernes tilfredshed og målt kvalitet",
        "area_no_dimension": "Serviceområdet har ikke tal for {dimension}.",
        "area_kostra_note": (
            "Tallene gælder serviceområdet som helhed, ikke de enkelte enheder. I parentes: hvor meget "
            "serviceområdet ligger over (+) eller under (−) sammenligningen, kronebeløb i procent, og "
            "«bedre» eller «svagere» hvor det er klart, hvilken vej der er bedst."
        ),
        "area_kostra_late": (
            "Tal for {year} er ikke tilgængelige endnu for {items}: det seneste tal vises, med årstallet."
        ),
        "area_same": "ens",
        "area_school": "Skole",
        "area_mean_years": "Gennemsnit {n} år", "area_years_of": "{n} af {total} år",
        "area_against": "Mod {group}",
        "area_tests_above": "I {year} ligger {above} af {n} skoler over {group} ({value}).",
        "area_tests_note": (
            "Små årgange giver store udsving fra år til år, så gennemsnittet over flere år siger mere end "
            "et enkelt år. Et resultat fra for få elever vises ikke."
        ),
        "area_qualification_title": "Kompetence: {name}",
        "area_qualification_below": "{below} af {n} enheder ligger under {group} ({value}) på {name}.",
        "area_change_since": "Ændring fra {year}",
        "area_processing_time": "Sagsbehandlingstid og lovens frist",
        "area_msg_both_met": "Begge enheder når målet",
        "area_msg_within_limit": "{inside} af {total} enheder holder fristen i gennemsnit",
        "area_time_within": (
            "{name}: {inside} af {n} enheder holder sig i gennemsnit inden for lovens frist på {limit} "
            "dage."
        ),
        "area_time_share_note": (
            "Et gennemsnit inden for fristen betyder ikke, at hver sag er det: {name} viser, hvor mange "
            "sager der blev afgjort i tide."
        ),
        "area_days_under": "{days} dage under fristen",
        "area_days_over": "{days} dage over fristen",
        "area_day_under": "{days} dag under fristen",
        "area_day_over": "{days} dag over fristen",
        "area_days_on": "på fristen",
        "area_limit_line": "Lovens frist",
        "area_median_line": "Median",
        "area_rankings": "Enhederne rangeret pr. indikator",
        "area_rankings_note": (
            "Den bedste enhed står øverst. Symbolet foran navnet er status i forhold til målet. De "
            "lodrette streger viser målet, enhedernes median, sammenligningsgruppen og landsgennemsnittet, "
            "hvor de findes. Hvor hverken højere eller lavere er bedre, og for forbrug mod budget, står "
            "enhederne efter værdi, højest øverst, og rangeres ikke."
        ),
        "area_msg_met": "{met} af {total} enheder når målet",
        "area_msg_all_met": "Alle {total} enheder når målet",
        "area_msg_none_met": "Ingen af de {total} enheder når målet",
        "area_msg_met_uncertain": "{met} af {total} når målet, {uncertain} er inden for fejlmarginen",
        "area_msg_best": "{unit} ligger bedst",
        "area_msg_listed": "Efter værdi: ingen retning er bedre",
        "area_alt_best_first": "bedst først",
        "area_alt_by_value": "efter værdi",
        "area_interval_note": "Vandrette streger: 95 % usikkerhedsinterval for undersøgelsen.",
        "area_spread": "Spredning mellem enhederne",
        "area_units_with_figure": "Enheder med tal",
        "area_lowest": "Lavest",
        "area_highest": "Højest",
        "area_middle_half": "Midterste halvdel",
        "area_spread_note": (
            "Medianen er den midterste enhed; den vises, når mindst {median} enheder har tal. Midterste "
            "halvdel: halvdelen af enhederne ligger mellem disse værdier; den vises, når mindst "
            "{quartiles} enheder har tal."
        ),
    },
    "en": {
        "met": "met", "near": "near", "not_met": "not met", "no_data": "no data",
        "no_target": "no target", "improving": "improving", "worsening": "worsening",
        "stable": "stable", "insufficient_data": "too few figures", "rising": "rising",
        "falling": "falling", "summary": "In short", "scorecard": "Scorecard",
        "charts": "Development over time", "distance": "Distance to target",
        "survey": "User surveys", "sick_leave": "Sick leave per tertial",
        "budget": "Spending against budget", "notes": "About the indicators",
        # the unit's own words (comments.csv)
        "comments": "The unit's assessment and measures", "comments_unit": "The unit as a whole",
        "comments_note": "The unit's own assessment of its results in {year}, and the measures it plans.",
        "comments_none": "The unit has written no assessment or measures for {year}.",
        "comment_vurdering": "Assessment", "comment_tiltak": "Measures",
        "comment_marker": "✎ See the unit's comment",
        "context": "Figures for the service area and the municipality",
        "context_note": (
            "These figures are for the whole service area or municipality, not the unit alone. They "
            "show the setting the unit works in and are not ranked against other units."
        ),
        "indicator": "Indicator", "value": "Result", "target": "Target", "status": "Status",
        "trend": "Trend", "peer_group": "KOSTRA group", "national": "National",
        "units": "Other units", "next_target": "Next year's target", "period": "Period",
        "question": "Question", "respondents": "Respondents", "definition": "Definition",
        "source": "Source", "data_date": "Data as of", "service_area": "Service area",
        "year": "Year", "unit": "Unit", "too_few": "fewer than {n} answers",
        "rank": "no. {rank} of {count}", "median": "median", "missing_..": "not yet available",
        "missing_.": "not applicable", "missing_:": "suppressed", "target_line": "Target",
        "this_unit": "This unit", "other_units": "Median of other units",
        "budget_line": "Budget (100%)", "share_of_target": "Distance to target (positive = better)",
        "nothing_to_chart": (
            "No indicator is clearly short of its target or worsening, so there are no curves to show."
        ),
        "no_survey": "No user survey for this unit this year.",
        "no_data_section": "No figures for this unit.",
        "better": "better", "worse": "worse",
        "uncertain": "within the uncertainty",
        "legend": "✔ met · ◐ near (within tolerance) · ≈ within the uncertainty (the target lies in "
                  "the survey's margin of error) · ✘ not met · – no data · "
                  "↗ improving · ↘ worsening · → stable (change smaller than the uncertainty) · "
                  "figures in brackets after the KOSTRA group and the national figure: the distance to "
                  "it, + means the unit does better, − worse · (≈) the difference is smaller than the "
                  "uncertainty · no. 1 of 6: the best of 6 units with figures · "
                  "range in brackets after a result: 95% confidence interval",
        "briefing_for": "Briefing note", "generated_from": "Figures as of {date}",
        # the run's index page
        "index_failed": "failed", "index_cell": "cell", "index_units_n": "units", "index_failed_n": "failed",
        "index_interrupted": "interrupted", "index_interrupted_n": "interrupted",
        "percentage_points": "percentage points", "percentage_point": "percentage point",
        # dates and periods (kitlib.report.formatting: format_date, format_period)
        "date": "{day} {month} {year}",
        "months": "January February March April May June July August September October November December",
        "period_T": "T{n} {year}", "period_K": "Q{n} {year}", "period_M": "{month} {year}",
        # "Kort fortalt": the narrative's sentences (kitlib.report.narrative)
        "summary_count": "{met} of {total} targets were met in {year}{rest}.",
        "summary_near": "{n} nearly met", "summary_not_met": "{n} not met",
        "summary_no_data": "{n} without figures",
        "summary_no_targets": "None of the indicators has a target for {year}.",
        "summary_better": "Largest improvements: {items}.", "summary_worse": "Largest concerns: {items}.",
        "summary_moved": "{name} {verb} from {start} in {start_period} to {value} in {period}",
        "summary_up": "rose", "summary_down": "fell",
        "summary_short": "{name} is {value} against a target of {target}",
        "summary_peers": (
            "Compared with {group}, the unit does better on {better} and worse on {worse} of "
            "{total} indicators{unclear}."
        ),
        "summary_peers_unclear": "; on {n} the difference is smaller than the uncertainty",
        "summary_peers_better_only": (
            "Compared with {group}, the unit does better on {better} of {total} indicators and worse "
            "on none{unclear}."
        ),
        "summary_peers_worse_only": (
            "Compared with {group}, the unit does worse on {worse} of {total} indicators and better "
            "on none{unclear}."
        ),
        "summary_peers_even": (
            "Compared with {group}, the unit does neither clearly better nor clearly worse on any of "
            "{total} indicators{unclear}."
        ),
        "summary_suppressed": "Fewer than {n} answered {items}, so the result is not shown.",
        "summary_and": " and ", "summary_missing": "Figures are missing for {items}.",
        "summary_and_clauses": ", and ",
        "summary_all_fine": "No indicator is clearly short of its target, and none is worsening.",
        "summary_all_met": "All {total} targets were met in {year}.",
        "summary_uncertain": "{n} within the uncertainty", "summary_more": "{n} more",
        "change": "Change since last", "no_clear_change": "no clear change",
        "summary_underspend": "{name} is {value}: an underspend worth a question (below {limit})",
        "summary_fixed_prices": "in fixed {year} kroner",
        "nominal_kroner": "Kroner figures are nominal, not adjusted for price growth.",
        "fixed_kroner": "Changes in kroner figures are in fixed {year} kroner.",
        "interval": "95% confidence interval",
        # chart titles that state the message (kitlib.report.charts.chart_message)
        "msg_up_since": "Up since {period}", "msg_down_since": "Down since {period}",
        "msg_run_up": "Up {count} years in a row", "msg_run_down": "Down {count} years in a row",
        "msg_mixed": "{movement} ({turn} in {period})",
        "msg_turn_up": "up", "msg_turn_down": "down",
        "msg_stable": "Stable",
        "msg_above": "above {ref}", "msg_below": "below {ref}", "msg_on": "on {ref}",
        "msg_just_above": "just above {ref}", "msg_just_below": "just below {ref}",
        "msg_uncertain": "{position}, but within the margin of error",
        "msg_ref_target": "target", "msg_ref_budget": "budget",
        "msg_and": "{movement} and {position}", "msg_but": "{movement}, but {position}",
        "msg_but_still": "{movement}, but still {position}",
        "msg_in_period": "{position} in {period}", "msg_value": "{value} in {period}",
        "msg_no_data": "No figure for {period}",
        "msg_targets_met": "{met} of {total} targets met",
        "number_words": "zero,one,two,three,four,five,six,seven,eight,nine,ten,eleven,twelve",
        "distance_pp": "Shares: distance to target in percentage points",
        "distance_pct": "Other indicators: distance in per cent of the target",
        "interval_note": "Vertical bars: 95% confidence interval of the survey",
        "charts_below": "What is not met or worsening is shown in its own section below.",
        "distance_note": (
            "Yellow band: the tolerance, within which a target counts as near. "
            "Line: 95% confidence interval."
        ),
        "overview": "Status at a glance", "total": "All", "perspective": "Perspective",
        # the scorecard workbook's headers (kitlib.report.workbook)
        "xlsx_perspective": "Perspective",
        "xlsx_indicator": "Indicator",
        "xlsx_period": "Period",
        "xlsx_value": "Result",
        "xlsx_ci_low": "Lower bound (95 %)",
        "xlsx_ci_high": "Upper bound (95 %)",
        "xlsx_target": "Target",
        "xlsx_status": "Status",
        "xlsx_trend": "Trend",
        "xlsx_peer_group": "KOSTRA group",
        "xlsx_national": "National",
        "xlsx_other_units_median": "Median of other units",
        "xlsx_rank": "Rank (1 = best)",
        "xlsx_units_compared": "Units compared",
        "xlsx_next_target": "Next year's target",
        "xlsx_unit_of_measure": "Unit of measure",
        "xlsx_source": "Source",
        "xlsx_definition": "Definition",
        "index_all_units": "The whole municipality", "index_totals": "Total",
        "contents": "Contents", "index_pack": "All the notes in one PDF (for printing)",
        "summary_not_yet": "Figures for {items} are not available yet.",
        # the municipality's note and the challenge note (kitlib.report.municipality)
        "muni_briefing": "Briefing note for the whole municipality",
        "muni_scope": "{units} units in {areas} service areas",
        "muni_count": "Across the {units} units, {met} of {total} targets were met in {year}{rest}.",
        "muni_top": "The largest challenges across the units: {items}.",
        "muni_trends": (
            "Over the last {years} years {improving} results have clearly improved and {worsening} have "
            "clearly worsened; the others show no certain change or have too few figures."
        ),
        "muni_best_area": (
            "Largest share of targets met: {best} ({best_met} of {best_total}); smallest: {worst} "
            "({worst_met} of {worst_total})."
        ),
        "muni_suppressed": "Results with fewer than {n} responses are not shown ({count} in {year}).",
        "muni_overview_note": (
            "Indicators with a target in all units, counted by perspective and status. 'Within the "
            "uncertainty' means the target lies inside the margin of error of a result from few "
            "responses: it is neither surely met nor surely missed."
        ),
        "muni_areas": "The service areas", "muni_area_units": "{n} units", "muni_area_unit": "1 unit",
        "muni_area_met": "{met} of {total} targets met",
        "muni_area_top": "largest challenge: {name}", "muni_area_none": "no clear challenges",
        "muni_challenges": "Challenge note",
        "muni_challenges_note": (
            "A draft of the chief executive's challenge note for the dialogue seminar: the {n} largest "
            "challenges of {year} across units and service areas, ranked by how many units they concern and "
            "how far the figures are from the target, from their own past and from the KOSTRA group, "
            "measured against the uncertainty in them. The text is meant to be edited."
        ),
        "muni_challenges_none": (
            "No indicator is clearly below its target, clearly worsening or clearly behind the KOSTRA group "
            "in {year}."
        ),
        "muni_ch_gap_many": (
            "{name} was {side} the target, beyond the tolerance, in {n} of {total} {units}, furthest off "
            "{at} {items}."
        ),
        "muni_ch_gap_one": "{name} was {side} the target {at} {items}.",
        "muni_ch_item_gap": "{value} against a target of {target}",
        "muni_ch_over": "above", "muni_ch_under": "below",
        "muni_ch_worse_many": (
            "{name} {verb} in {n} of {total} {units}, more than chance variation can explain: {items}."
        ),
        "muni_ch_worse_one": "{name} {verb} {at} {items}, more than chance variation can explain.",
        "muni_ch_item_moved": "from {start} in {start_period} to {value} in {period}",
        "muni_ch_peers_many": (
            "{name} was {side} than in {group} ({other}) in {n} of {total} {units}: {items}."
        ),
        "muni_ch_peers_one": "{name} was {side} than in {group} ({other}) {at} {items}.",
        "muni_ch_higher": "higher", "muni_ch_lower": "lower", "muni_ch_also": "It also applies to {items}.",
        "muni_ch_units": "units", "muni_ch_areas": "service areas",
        "muni_ch_at_unit": "at", "muni_ch_at_area": "for",
        "muni_load_summary": "{flagged} of {total} units have more or fewer indicators than KS advises.",
        "muni_with_findings": "With findings",
        "muni_ch_single": "{name} {at} {unit} was {value} in {period}{clauses}.",
        "muni_ch_single_gap": "{side} the target of {target}",
        "muni_ch_single_peers": "{side} than in {group} ({other})",
        "muni_ch_single_moved": (
            "The figure {verb} from {start} in {start_period}, more than chance variation can explain."
        ),
        "index_municipality_note": "The municipality's note: the whole picture and the main challenges",
        "index_area_note": "The service area's note: all its units side by side",
        # draft questions for the dialogue meeting (kitlib.report.dialogue)
        "questions": "Questions for the dialogue meeting",
        "questions_note": "Drafted from the unit's results, as a starting point for the dialogue meeting.",
        "q_gap": "{name} is {value} against a target of {target}",
        "q_gap_worsening": "{moved}, and the target is {target}",
        "q_ask_gap": "What will it take to reach the target, and by when?",
        "q_ask_causes": "What are the causes, and what is the unit doing about them?",
        "q_ask_learn": "What did the unit do, and what can other units learn from it?",
        "q_peers_last": "{name} is {value}, the weakest of {count} units (the median is {median})",
        "q_ask_units": "What do the other units do differently?",
        "q_peers_group": "{name} is {value}, against {other} in {group}",
        "q_ask_group": "What explains the difference, and should it be closed?",
        "q_general_targets": "Which of the unit's targets matter most next year, and are they right?",
        "q_general_support": "What does the unit need from the municipality's leaders to reach its targets?",
        "q_general_priorities": "What is the unit's main challenge in the coming year, and what comes first?",
        # the indicator audit and the SMART check of targets (kitlib.report.audit_tables)
        "audit_title": "Indicator audit {year}: KS's seven tests of a good indicator",
        "audit_legend": "✔ passed · ✘ failed · – cannot be judged from the figures",
        "audit_relevant": "Relevant", "audit_influenceable": "Influenceable", "audit_reliable": "Reliable",
        "audit_stable": "Stable", "audit_comparable": "Comparable", "audit_interpretable": "Interpretable",
        "audit_documented": "Documented", "audit_yes": "yes", "audit_not_judged": "cannot be judged",
        "audit_passed": "Tests passed", "audit_passed_n": "{passed} of {judged}",
        "audit_findings": "Findings", "audit_no_findings": "all in order", "audit_all_units": "all units",
        "audit_summary": "{flagged} of {total} indicators have findings.",
        "audit_units": "Units with figures", "audit_median_n": "Respondents (median)",
        "audit_series_years": "Unbroken years",
        "why_no_definition": "no definition", "why_no_direction": "unclear whether higher or lower is better",
        "why_few_respondents": "too few answers for firm figures",
        "why_suppressed_figures": "many figures hidden",
        "why_missing_periods": "many years without figures",
        "why_short_series": "series shorter than three years",
        "why_no_benchmark": "figures for the KOSTRA group and the country are missing",
        "why_not_influenceable": "staff cannot influence it", "why_no_target": "without a target",
        "why_no_perspective": "without a perspective in the scorecard",
        "why_context_figure": "context for the units",
        "why_no_figures": "figures missing", "why_no_unit": "unit of measure missing",
        "why_no_period": "period missing",
        "why_met_for_years": "already met in each of the last {n} years",
        "why_already_met": "the latest result is already clearly better",
        "why_inside_noise": "within the uncertainty of the latest result",
        "why_beyond_best": "better than the best comparable result",
        "why_large_step": "a larger improvement in one year than any comparable unit has made",
        "why_no_history": "earlier figures missing", "why_budget_limit": "a budget limit, not an ambition",
        "why_too_many_indicators": "more than {limit} indicators",
        "why_too_many_survey_items": "more than {limit} questions from user surveys",
        "why_too_many_measured_quality": "more than {limit} measured-quality indicators",
        "why_too_many_employee_items": "more than {limit} employee indicators",
        "why_few_survey_items": "fewer than {limit} questions from user surveys",
        "why_few_measured_quality": "fewer than {limit} measured-quality indicators",
        "load_title": "Indicators per unit {year}",
        "load_advice": (
            "KS advises per service 2–3 questions on experienced quality, 3–5 measured-quality indicators, "
            "2–3 employee questions and sick leave: few, relevant goals."
        ),
        "load_indicators": "Indicators", "load_survey": "User surveys", "load_measured": "Measured quality",
        "load_employee": "Employees", "load_with_target": "With target",
        "smart_title": "SMART check of the targets for {year}",
        "smart_intro": (
            "The targets are held against the unit's own figures, their uncertainty and the best comparable "
            "results. Whether a target is accepted, the figures cannot tell: that is settled in the "
            "dialogue meeting."
        ),
        "smart_specific": "Specific", "smart_measurable": "Measurable",
        "smart_realistic": "Realistic but ambitious", "smart_time_bound": "Time-bound",
        "smart_target_for": "Target set for", "smart_for_unit": "the unit",
        "smart_for_service_area": "the service area", "smart_for_all": "all units",
        "smart_current": "Latest result", "smart_current_period": "Latest period",
        "smart_noise": "Uncertainty (±)",
        "smart_best": "Best comparable", "smart_best_by": "Best at",
        "smart_summary": "{flagged} of {total} targets have findings.",
        "smart_nothing": "There are no targets for {year}.",
        "audit_sheet": "Indicator audit", "load_sheet": "Indicators per unit", "smart_sheet": "SMART check",
        # the analysts' explorer (kitlib.explore)
        "explore_title": "Explorer", "explore_units": "Units", "explore_compare": "Compare with",
        "explore_ranking": "Ranking", "explore_heatmap": "Heatmap",
        "explore_render": "Make the briefing", "explore_rendering": "Making the briefing for {unit} …",
        "explore_rendered": "The briefing for {unit} is ready:",
        "explore_render_failed": "The briefing for {unit} could not be made: {error}",
        "explore_render_needs_folder": (
            "Briefings are made from a data folder: open the explorer with its name."
        ),
        "explore_pick_unit": "Choose at least one unit.",
        "explore_no_indicator": "The unit has no indicators with figures.",
        "explore_no_figures": "No unit of {area} has figures for this in {year}.",
        "explore_direction": "Direction",
        "explore_higher": "Higher is better", "explore_lower": "Lower is better",
        "explore_none": "Neither higher nor lower is better", "explore_measure": "Unit of measure",
        "explore_influenceable": "Can the unit influence it",
        "explore_influence_ja": "yes", "explore_influence_delvis": "partly", "explore_influence_nei": "no",
        "explore_ranked_best": "The units of {area} in {year}, best first",
        "explore_ranked_value": "The units of {area} in {year}, by value (neither direction is better)",
        "explore_median_units": "Median of the units",
        "explore_heatmap_title": "Status against target in {area}, {year}",
        "explore_static_note": "A static picture of the selection as it was when the notebook ran.",
        # the service-area note (kitlib.report.area)
        "area_briefing_for": "Service area briefing note",
        "area_units_n": "{n} units",
        "area_units_1": "{n} unit",
        "area_of": "{name} ({n} of {total})",
        "area_summary_count": "The units met {met} of {total} targets in {year}{rest}.",
        "area_summary_all_met": "The units met all {total} targets in {year}.",
        "area_summary_no_targets": "None of the units' indicators has a target for {year}.",
        "area_summary_widely_missed": "Most units fall short of the target for {items}.",
        "area_summary_best": "{unit} met the largest share of its targets: {met} of {total}.",
        "area_summary_attention": "The units most in need of follow-up: {units}.",
        "area_summary_spread": (
            "The units differ most on {name}: from {low} at {low_unit} to {high} at {high_unit}."
        ),
        "area_summary_kostra": "{name} was {value} in {period}, against {peer} in {group}.",
        "area_summary_suppressed": (
            "Survey results with fewer than {n} respondents are not shown ({count} in all)."
        ),
        "area_heatmap": "Targets met per unit in {year}",
        "area_targets_differ": "targets differ",
        "area_heatmap_legend": (
            "✔ met · ◐ near (within the tolerance) · ≈ uncertain (the target lies within the survey's "
            "margin of error) · ✘ not met · – no data, or hidden because fewer than {n} answered. A grey "
            "cell without a symbol: not applicable to the unit. Under the symbol: the unit's result."
        ),
        "heat_met": "met",
        "heat_near": "near",
        "heat_uncertain": "uncertain",
        "heat_not_met": "not met",
        "heat_no_data": "missing",
        "heat_no_target": "no target",
        "heat_suppressed": "hidden",
        "heat_not_applicable": "not applicable",
        "area_attention": "Units that need follow-up",
        "area_attention_note": (
            "The units with the most targets not met, with results that have clearly worsened (by more "
            "than the uncertainty), and with results far below the area's median (by more than the middle "
            "half of the units spans). The one most in need comes first."
        ),
        "area_attention_none": (
            "No unit stands out with many targets still to reach, clearly worsening results or results far "
            "below the median."
        ),
        "area_reason_not_met": "{symbol} {count} of {total} targets not met",
        "area_reason_worsening": "{symbol} Worse: {items}",
        "area_moved": "{name} from {start} in {start_period} to {value} in {period}",
        "area_reason_below_median": "Far behind the median: {items}",
        "area_against_median": "{name} {value} against a median of {median}",
        "area_kostra": "The service area in KOSTRA: four dimensions",
        "area_dimension": "Dimension",
        "area_value": "Service area",
        "area_dim_prioritering": "Prioritering (priority)",
        "area_dim_prioritering_note": "what the municipality spends on the service",
        "area_dim_dekningsgrad": "Dekningsgrad (coverage)",
        "area_dim_dekningsgrad_note": "the share of the target group that receives the service",
        "area_dim_produktivitet": "Produktivitet (productivity)",
        "area_dim_produktivitet_note": "cost per user or per service (unit cost)",
        "area_dim_kvalitet": "Kvalitet (quality)",
        "area_dim_kvalitet_note": "users' satisfaction and measured quality",
        "area_no_dimension": "The service area has no figures for {dimension}.",
        "area_kostra_note": (
            "The figures are the service area's as a whole, not the single units'. In brackets: how far "
            "the service area lies above (+) or below (−) the comparison, kroner in per cent, and “better” "
            "or “worse” where it is clear which way is better."
        ),
        "area_kostra_late": (
            "Figures for {year} are not available yet for {items}: the latest figure is shown, with its "
            "year."
        ),
        "area_same": "equal",
        "area_school": "School",
        "area_mean_years": "Mean of {n} years", "area_years_of": "{n} of {total} years",
        "area_against": "Against {group}",
        "area_tests_above": "In {year}, {above} of {n} schools are above {group} ({value}).",
        "area_tests_note": (
            "Small year groups make results swing from year to year, so the mean over several years says "
            "more than a single year. A result from too few pupils is not shown."
        ),
        "area_qualification_title": "Qualifications: {name}",
        "area_qualification_below": "{below} of {n} units are below {group} ({value}) on {name}.",
        "area_change_since": "Change from {year}",
        "area_processing_time": "Processing time and the statutory limit",
        "area_msg_both_met": "Both units meet the target",
        "area_msg_within_limit": "{inside} of {total} units keep within the limit on average",
        "area_time_within": (
            "{name}: {inside} of {n} units stay within the statutory limit of {limit} days on average."
        ),
        "area_time_share_note": (
            "An average within the limit does not mean every case is: {name} shows how many cases were "
            "decided in time."
        ),
        "area_days_under": "{days} days under the limit",
        "area_days_over": "{days} days over the limit",
        "area_day_under": "{days} day under the limit",
        "area_day_over": "{days} day over the limit",
        "area_days_on": "at the limit",
        "area_limit_line": "Statutory limit",
        "area_median_line": "Median",
        "area_rankings": "The units ranked per indicator",
        "area_rankings_note": (
            "The best unit comes first. The symbol before its name is its status against the target. The "
            "vertical lines show the target, the units' median, the KOSTRA group and the country, where "
            "there are such figures. Where neither higher nor lower is better, and for spending against "
            "budget, the units are listed by value, highest first, not ranked."
        ),
        "area_msg_met": "{met} of {total} units meet the target",
        "area_msg_all_met": "All {total} units meet the target",
        "area_msg_none_met": "None of the {total} units meets the target",
        "area_msg_met_uncertain": "{met} of {total} meet the target, {uncertain} within the margin of error",
        "area_msg_best": "{unit} does best",
        "area_msg_listed": "By value: neither direction is better",
        "area_alt_best_first": "best first",
        "area_alt_by_value": "by value",
        "area_interval_note": "Horizontal lines: the survey's 95% confidence interval.",
        "area_spread": "How far apart the units are",
        "area_units_with_figure": "Units with figures",
        "area_lowest": "Lowest",
        "area_highest": "Highest",
        "area_middle_half": "Middle half",
        "area_spread_note": (
            "The median is the middle unit; it is shown when at least {median} units have figures. Middle "
            "half: half of the units lie between these values; shown when at least {quartiles} units have "
            "figures."
        ),
    },
}  # fmt: skip


def check_language(lang: str) -> str:
    if lang not in TEXT:
        raise KitlibError(f"language '{lang}' is not available; choose one of {', '.join(LANGUAGES)}")
    return lang


def tr(key: str, lang: str = "nb", **fields) -> str:
    """The phrase `key` in `lang`, with {fields} filled in."""
    phrase = TEXT[check_language(lang)][key]
    return phrase.format(**fields) if fields else phrase


def status_label(code: str, lang: str = "nb") -> str:
    return f"{STATUS_SYMBOL[code]} {tr(code, lang)}"


def trend_label(code: str, lang: str = "nb") -> str:
    return f"{TREND_SYMBOL[code]} {tr(code, lang)}"


def unit_word(unit: str, lang: str = "nb") -> str:
    """The reader's word for a unit of measure: ``%``, ``kr``, ``dager``; '' for scores and counts."""
    unit = (unit or "").strip()
    if unit == "%":
        return "%"
    if not unit or unit.lower().startswith("score"):
        return ""
    return UNIT_WORDS.get(unit.lower(), {}).get(lang, unit)
