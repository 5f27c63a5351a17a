"""Words of the briefing in Norwegian bokmål (default), Danish and English."""

from __future__ import annotations

from kitlib.data.config import LANGUAGES

# Status and trend are always shown as symbol *and* word: never colour alone.
STATUS_SYMBOL = {"met": "✔", "near": "◐", "not_met": "✘", "no_data": "–", "no_target": "·"}
TREND_SYMBOL = {
    "improving": "↗", "worsening": "↘", "stable": "→", "insufficient_data": "–",
    "rising": "↑", "falling": "↓",
}  # fmt: skip

TEXT: dict[str, dict[str, str]] = {
    "nb": {
        "met": "nådd", "near": "nesten", "not_met": "ikke nådd", "no_data": "mangler tall",
        "no_target": "uten mål", "improving": "bedre", "worsening": "svakere", "stable": "stabil",
        "insufficient_data": "for få tall", "rising": "økende", "falling": "synkende",
        "summary": "Kort fortalt", "scorecard": "Målekart", "charts": "Utvikling over tid",
        "distance": "Avstand til mål", "survey": "Brukerundersøkelser",
        "sick_leave": "Sykefravær per tertial", "budget": "Forbruk mot budsjett",
        "notes": "Om indikatorene", "indicator": "Indikator", "value": "Resultat",
        "target": "Mål", "status": "Status", "trend": "Trend", "peer_group": "KOSTRA-gruppe",
        "national": "Landet", "units": "Andre enheter", "next_target": "Mål neste år",
        "period": "Periode", "question": "Spørsmål", "respondents": "Antall svar",
        "definition": "Definisjon", "source": "Kilde", "data_date": "Data per",
        "service_area": "Tjenesteområde", "year": "År", "unit": "Enhet",
        "too_few": "færre enn {n} svar", "rank": "nr. {rank} av {count}", "median": "median",
        "missing_..": "ikke tilgjengelig ennå", "missing_.": "ikke aktuelt", "missing_:": "skjult",
        "target_line": "Mål", "this_unit": "Denne enheten", "other_units": "Median andre enheter",
        "budget_line": "Budsjett (100 %)", "share_of_target": "Avstand til mål (positiv = bedre)",
        "nothing_to_chart": "Alle mål er nådd og ingen indikator svekkes: ingen kurver å vise.",
        "no_survey": "Ingen brukerundersøkelse for enheten dette året.",
        "no_data_section": "Ingen tall for enheten.",
        "better": "bedre", "worse": "svakere",
        "legend": "✔ nådd · ◐ nesten (innenfor toleransen) · ✘ ikke nådd · – mangler tall · "
                  "↗ bedre · ↘ svakere · → stabil (endringen er mindre enn usikkerheten)",
        "briefing_for": "Styringsnotat", "generated_from": "Tall per {date}",
    },
    "da": {
        "met": "nået", "near": "næsten", "not_met": "ikke nået", "no_data": "mangler tal",
        "no_target": "uden mål", "improving": "bedre", "worsening": "svagere", "stable": "stabil",
        "insufficient_data": "for få tal", "rising": "stigende", "falling": "faldende",
        "summary": "Kort fortalt", "scorecard": "Målkort", "charts": "Udvikling over tid",
        "distance": "Afstand til mål", "survey": "Brugerundersøgelser",
        "sick_leave": "Sygefravær per tertial", "budget": "Forbrug mod budget",
        "notes": "Om indikatorerne", "indicator": "Indikator", "value": "Resultat",
        "target": "Mål", "status": "Status", "trend": "Tendens", "peer_group": "Sammenligningsgruppe",
        "national": "Landsgennemsnit", "units": "Andre enheder", "next_target": "Mål næste år",
        "period": "Periode", "question": "Spørgsmål", "respondents": "Antal svar",
        "definition": "Definition", "source": "Kilde", "data_date": "Data pr.",
        "service_area": "Område", "year": "År", "unit": "Enhed",
        "too_few": "færre end {n} svar", "rank": "nr. {rank} af {count}", "median": "median",
        "missing_..": "ikke tilgængelig endnu", "missing_.": "ikke relevant", "missing_:": "skjult",
        "target_line": "Mål", "this_unit": "Denne enhed", "other_units": "Median andre enheder",
        "budget_line": "Budget (100 %)", "share_of_target": "Afstand til mål (positiv = bedre)",
        "nothing_to_chart": "Alle mål er nået, og ingen indikator falder: ingen kurver at vise.",
        "no_survey": "Ingen brugerundersøgelse for enheden i år.",
        "no_data_section": "Ingen tal for enheden.",
        "better": "bedre", "worse": "svagere",
        "legend": "✔ nået · ◐ næsten (inden for tolerancen) · ✘ ikke nået · – mangler tal · "
                  "↗ bedre · ↘ svagere · → stabil (ændringen er mindre end usikkerheden)",
        "briefing_for": "Ledelsesnotat", "generated_from": "Tal pr. {date}",
    },
    "en": {
        "met": "met", "near": "near", "not_met": "not met", "no_data": "no data",
        "no_target": "no target", "improving": "improving", "worsening": "worsening",
        "stable": "stable", "insufficient_data": "too few figures", "rising": "rising",
        "falling": "falling", "summary": "In short", "scorecard": "Scorecard",
        "charts": "Development over time", "distance": "Distance to target",
        "survey": "User surveys", "sick_leave": "Sick leave per tertial",
        "budget": "Spending against budget", "notes": "About the indicators",
        "indicator": "Indicator", "value": "Result", "target": "Target", "status": "Status",
        "trend": "Trend", "peer_group": "KOSTRA group", "national": "National",
        "units": "Other units", "next_target": "Next year's target", "period": "Period",
        "question": "Question", "respondents": "Respondents", "definition": "Definition",
        "source": "Source", "data_date": "Data as of", "service_area": "Service area",
        "year": "Year", "unit": "Unit", "too_few": "fewer than {n} answers",
        "rank": "no. {rank} of {count}", "median": "median", "missing_..": "not yet available",
        "missing_.": "not applicable", "missing_:": "suppressed", "target_line": "Target",
        "this_unit": "This unit", "other_units": "Median of other units",
        "budget_line": "Budget (100 %)", "share_of_target": "Distance to target (positive = better)",
        "nothing_to_chart": "Every target is met and nothing is worsening: no curves to show.",
        "no_survey": "No user survey for this unit this year.",
        "no_data_section": "No figures for this unit.",
        "better": "better", "worse": "worse",
        "legend": "✔ met · ◐ near (within tolerance) · ✘ not met · – no data · "
                  "↗ improving · ↘ worsening · → stable (change smaller than the uncertainty)",
        "briefing_for": "Briefing note", "generated_from": "Figures as of {date}",
    },
}  # fmt: skip


def check_language(lang: str) -> str:
    if lang not in TEXT:
        from kitlib.errors import KitlibError

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
