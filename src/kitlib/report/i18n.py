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
        "index_failed_n": "feilet",
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
        "msg_mixed": "Opp og ned siden {period}", "msg_stable": "Stabil",
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
        "index_failed_n": "fejlede",
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
        "msg_mixed": "Op og ned siden {period}", "msg_stable": "Stabil",
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
        "msg_mixed": "Up and down since {period}", "msg_stable": "Stable",
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
