"""The sample's words: what indicators.csv says about each indicator, and what the units'
leaders write in comments.csv. Norwegian (bokmål), as a municipality in Norway writes them;
the design they describe is in sample_design.py."""

BU, EU = "Brukerundersøkelse (bedrekommune.no)", "Elevundersøkelse 7. trinn (bedrekommune.no)"
MU, KOSTRA = "Medarbeiderundersøkelse (bedrekommune.no)", "KOSTRA (SSB)"
# When the figures of a source were taken out (indicators.csv's data_date); others: empty.
DATA_DATES = {BU: "2025-11-30", EU: "2025-11-30", MU: "2025-11-30", "Lønnssystemet": "2026-01-31"}


def asked(name: str, question: str, source: str = BU) -> tuple[str, str, str, str, str]:
    """The words of a user-survey question, scale 1-6."""
    definition = f"Gjennomsnitt av svarene på «{question}», skala 1-6 der 6 er best."
    return name, source, "ja", "Fornøyde brukere", definition


# indicator_id: (name, source, influenceable, success factor, definition), in any order
# fmt: off
WORDS = {
    "sykefravaer": (
        "Sykefravær", "Lønnssystemet", "delvis", "Friske medarbeidere",
        "Legemeldt og egenmeldt fravær i prosent av avtalte dagsverk.",
    ),
    "medarb_trivsel": (
        "Trivsel på arbeidsplassen", MU, "ja", "Engasjerte medarbeidere",
        "Gjennomsnitt av svarene på «Alt i alt, hvor fornøyd er du med å jobbe her?», skala 1-6.",
    ),
    "medarb_leder": (
        "Tilfredshet med nærmeste leder", MU, "ja", "God ledelse",
        "Gjennomsnitt av spørsmålene om nærmeste leder, skala 1-6.",
    ),
    "forbruk_budsjett": (
        "Forbruk i prosent av budsjett", "Regnskapet", "ja", "Budsjettdisiplin",
        "Netto driftsutgifter i prosent av justert netto driftsbudsjett; målet er høyst 100 %. "
        "En måneds tall er månedens forbruk i prosent av månedens periodiserte budsjett; året er "
        "årets forbruk i prosent av årets budsjett, ikke snittet av månedene.",
    ),
    "bhg_bu_helhet": asked("Foreldrenes tilfredshet totalt", "Alt i alt, hvor fornøyd er du med barnehagen?"),
    "bhg_bu_trivsel": asked("Barnets trivsel", "Barnet mitt trives i barnehagen"),
    "bhg_bu_medvirkning": asked(
        "Informasjon og medvirkning",
        "Jeg får god informasjon og kan påvirke hverdagen i barnehagen",
    ),
    "bhg_laerere": (
        "Andel barnehagelærere", "BASIL / KOSTRA (SSB)", "delvis", "Kompetente ansatte",
        "Andel ansatte i basisvirksomheten med barnehagelærerutdanning per 15. desember.",
    ),
    "bhg_kostnad_barn": (
        "Korrigerte brutto driftsutgifter per barn", KOSTRA, "delvis", "God ressursutnyttelse",
        "Brutto driftsutgifter per heltidsbarn, korrigert for alder og oppholdstid.",
    ),
    "bhg_netto_innb": (
        "Netto driftsutgifter per innbygger 1-5 år", KOSTRA, "nei", "God ressursutnyttelse",
        "Kommunens netto driftsutgifter til barnehage per innbygger 1-5 år. Kommunetall.",
    ),
    "bhg_dekning": (
        "Andel barn 1-5 år med barnehageplass", KOSTRA, "nei", "Plass til alle",
        "Barn 1-5 år i barnehage i prosent av innbyggere 1-5 år. Kommunetall.",
    ),
    "skole_bu_foreldre": asked("Foreldrenes tilfredshet totalt", "Alt i alt, hvor fornøyd er du med skolen?"),
    "skole_trivsel7": asked("Trivsel 7. trinn", "Trives du på skolen?", EU),
    "skole_mobbing7": (
        "Andel elever som opplever mobbing, 7. trinn", EU, "ja", "Trygt læringsmiljø",
        "Andel elever som svarer at de er mobbet 2-3 ganger i måneden eller oftere.",
    ),
    "skole_np_lesing5": (
        "Nasjonale prøver lesing 5. trinn", "Udir", "delvis", "Godt læringsutbytte",
        "Gjennomsnittlig skalapoeng, nasjonalt snitt 50.",
    ),
    "skole_grunnskolepoeng": (
        "Grunnskolepoeng", "Udir", "delvis", "Godt læringsutbytte",
        "Gjennomsnitt av standpunkt- og eksamenskarakterer ganger ti, 10. trinn.",
    ),
    "skole_kompetanse": (
        "Andel lærere med godkjent utdanning", "GSI / KOSTRA (SSB)", "delvis", "Kompetente ansatte",
        "Andel lærere som oppfyller kompetansekravene for undervisning i fagene de underviser i.",
    ),
    "skole_kostnad_elev": (
        "Korrigerte brutto driftsutgifter per elev", KOSTRA, "delvis", "God ressursutnyttelse",
        "Brutto driftsutgifter til grunnskole per elev, korrigert for skyss og spesialskoler.",
    ),
    "skole_netto_innb": (
        "Netto driftsutgifter per innbygger 6-15 år", KOSTRA, "nei", "God ressursutnyttelse",
        "Kommunens netto driftsutgifter til grunnskole per innbygger 6-15 år. Kommunetall.",
    ),
    "skole_sfo": (
        "Andel elever 1.-4. trinn i SFO", "GSI", "delvis", "Trygg skoledag",
        "Elever i SFO i prosent av elever på 1.-4. trinn.",
    ),
    "shj_bu_helhet": asked(
        "Tilfredshet totalt (beboere og pårørende)",
        "Alt i alt, hvor fornøyd er du med sykehjemmet?",
    ),
    "shj_bu_respekt": asked("Respektfull behandling", "Blir du (beboeren) behandlet med respekt?"),
    "shj_bu_maltider": asked("Måltidene", "Hvor fornøyd er du med måltidene?"),
    "shj_legemiddelavvik": (
        "Legemiddelavvik per 1000 liggedøgn", "Avvikssystemet", "ja", "Trygge tjenester",
        "Meldte avvik i legemiddelhåndteringen per 1000 liggedøgn.",
    ),
    "shj_ernaering": (
        "Andel beboere vurdert for ernæringsmessig risiko", "Fagsystemet", "ja", "Trygge tjenester",
        "Beboere med ernæringsvurdering siste 6 måneder i prosent av alle beboere.",
    ),
    "shj_legetimer": (
        "Legetimer per uke per beboer", KOSTRA, "delvis", "Kompetente ansatte",
        "Avtalte legetimer per uke delt på antall plasser.",
    ),
    "shj_fagutdanning": (
        "Andel årsverk med helsefagutdanning",
        "Personalsystemet / KOSTRA (SSB)", "delvis", "Kompetente ansatte",
        "Årsverk med helsefaglig utdanning i prosent av alle årsverk i brukerrettet tjeneste.",
    ),
    "shj_kostnad_plass": (
        "Korrigerte brutto driftsutgifter per plass", KOSTRA, "delvis", "God ressursutnyttelse",
        "Brutto driftsutgifter til institusjon per plass, korrigert for kjøp og salg av plasser.",
    ),
    "shj_dekning": (
        "Andel innbyggere 80 år og over som bor på sykehjem", KOSTRA, "nei", "Rett tjeneste til rett tid",
        "Beboere 80 år og over i prosent av innbyggere 80 år og over. Kommunetall.",
    ),
    "shj_netto_innb80": (
        "Netto driftsutgifter til sykehjem per innbygger 80 år og over",
        KOSTRA, "nei", "God ressursutnyttelse",
        "Kommunens netto driftsutgifter til institusjonstjenester per innbygger 80 år og over. Kommunetall.",
    ),
    "hjt_bu_helhet": asked("Tilfredshet totalt", "Alt i alt, hvor fornøyd er du med hjemmetjenesten?"),
    "hjt_bu_tid": asked("Tjenesten kommer til avtalt tid", "Kommer hjemmetjenesten til avtalt tid?"),
    "hjt_avlyste": (
        "Andel avlyste besøk", "Fagsystemet", "ja", "Pålitelige tjenester",
        "Avlyste planlagte besøk i prosent av alle planlagte besøk.",
    ),
    "hjt_kontinuitet": (
        "Antall ulike ansatte hos bruker per 14 dager", "Fagsystemet", "ja", "Kontinuitet",
        "Gjennomsnittlig antall ulike ansatte som besøker en bruker i løpet av 14 dager.",
    ),
    "hjt_brukertid": (
        "Andel av arbeidstiden brukt hos bruker", "Fagsystemet og turnusplan", "ja", "God ressursutnyttelse",
        "Registrert tid hos bruker i prosent av planlagt arbeidstid.",
    ),
    "hjt_dekning": (
        "Andel innbyggere 80 år og over som mottar hjemmetjenester",
        KOSTRA, "nei", "Rett tjeneste til rett tid",
        "Mottakere 80 år og over i distriktet i prosent av innbyggere 80 år og over der.",
    ),
    "hjt_prioritet": (
        "Pleie og omsorg, andel av netto driftsutgifter", KOSTRA, "nei", "God ressursutnyttelse",
        "Netto driftsutgifter til pleie og omsorg i prosent av kommunens netto driftsutgifter. Kommunetall.",
    ),
    "hjt_kostnad_mottaker": (
        "Korrigerte brutto driftsutgifter per mottaker av hjemmetjenester",
        KOSTRA, "delvis", "God ressursutnyttelse",
        "Brutto driftsutgifter til hjemmetjenester per mottaker, korrigert for kjøp og salg av tjenester. "
        "Kommunetall.",
    ),
    "bv_bu_helhet": asked(
        "Tilfredshet totalt (foreldre)",
        "Alt i alt, hvor fornøyd er du med barneverntjenesten?",
    ),
    "bv_bu_medvirkning": asked("Medvirkning i egen sak", "Opplever du at du blir hørt i saken?"),
    "bv_frist": (
        "Andel undersøkelser med behandlingstid over 3 måneder",
        "Fagsystemet / KOSTRA (SSB)", "delvis", "Rask hjelp",
        "Undersøkelser avsluttet etter mer enn tre måneder i prosent av alle avsluttede.",
    ),
    "bv_plan": (
        "Andel barn med tiltak som har tiltaksplan", "Fagsystemet / KOSTRA (SSB)", "ja", "Planmessig arbeid",
        "Barn med hjelpetiltak og gyldig tiltaksplan i prosent av barn med hjelpetiltak.",
    ),
    "bv_per_aarsverk": (
        "Barn med undersøkelse eller tiltak per årsverk", KOSTRA, "delvis", "God ressursutnyttelse",
        "Barn med undersøkelse eller tiltak i løpet av året per fagårsverk.",
    ),
    "bv_dekning": (
        "Andel barn 0-17 år med barneverntiltak", KOSTRA, "nei", "Rett hjelp til rett tid",
        "Barn med barneverntiltak i prosent av innbyggere 0-17 år. Kommunetall.",
    ),
    "bv_netto_innb": (
        "Netto driftsutgifter til barnevern per innbygger 0-17 år", KOSTRA, "nei", "God ressursutnyttelse",
        "Kommunens netto driftsutgifter til barnevern per innbygger 0-17 år. Kommunetall.",
    ),
    "bygg_bu_helhet": asked(
        "Tilfredshet totalt (søkere)",
        "Alt i alt, hvor fornøyd er du med byggesaksbehandlingen?",
    ),
    "bygg_bu_service": asked(
        "Service og tilgjengelighet",
        "Hvor fornøyd er du med service og tilgjengelighet?",
    ),
    "bygg_tid_3uker": (
        "Saksbehandlingstid søknader med 3 ukers frist", "Sakssystemet", "delvis", "Rask saksbehandling",
        "Gjennomsnittlig antall dager fra komplett søknad til vedtak; lovens frist er 21 dager.",
    ),
    "bygg_tid_ramme": (
        "Saksbehandlingstid rammesøknader", "Sakssystemet / KOSTRA (SSB)", "delvis", "Rask saksbehandling",
        "Gjennomsnittlig antall dager fra komplett rammesøknad til vedtak (frist 12 uker).",
    ),
    "bygg_innen_frist": (
        "Andel saker behandlet innen lovpålagt frist", "Sakssystemet", "delvis", "Rask saksbehandling",
        "Vedtak fattet innen fristen i plan- og bygningsloven i prosent av alle vedtak.",
    ),
    "bygg_omgjort": (
        "Andel klagesaker omgjort av statsforvalteren", "Sakssystemet", "delvis", "Riktige vedtak",
        "Klagesaker omgjort eller opphevet av statsforvalteren i prosent av avgjorte klagesaker.",
    ),
    "bygg_saker_aarsverk": (
        "Behandlede byggesaker per årsverk", "Sakssystemet", "ja", "God ressursutnyttelse",
        "Vedtak i byggesaker i løpet av året per saksbehandlerårsverk.",
    ),
    "bygg_netto_innb": (
        "Netto driftsutgifter til byggesak per innbygger", KOSTRA, "nei", "God ressursutnyttelse",
        "Kommunens netto driftsutgifter til byggesaksbehandling per innbygger; gebyrene dekker det meste. "
        "Kommunetall.",
    ),
    "bygg_soknader_innb": (
        "Byggesøknader per 1000 innbyggere", KOSTRA, "nei", "Rett tjeneste til rett tid",
        "Behandlede søknader om tiltak etter plan- og bygningsloven per 1000 innbyggere. Kommunetall.",
    ),
    "bygg_kostnad_sak": (
        "Brutto driftsutgifter per behandlet byggesak", KOSTRA, "delvis", "God ressursutnyttelse",
        "Brutto driftsutgifter til byggesaksbehandling delt på antall behandlede byggesaker. Kommunetall.",
    ),
    "bhg_barn": (
        "Barn i barnehagen", "BASIL", "nei", "",
        "Barn med plass i barnehagen per 15. desember.",
    ),
    "skole_elever": (
        "Elever", "GSI", "nei", "",
        "Elever i grunnskolen per 1. oktober.",
    ),
    "shj_plasser": (
        "Plasser", "Fagsystemet", "nei", "",
        "Plasser i institusjon per 31. desember.",
    ),
    "hjt_brukere": (
        "Brukere", "Fagsystemet", "nei", "",
        "Brukere med vedtak om hjemmetjenester per 31. desember.",
    ),
    "bv_barn": (
        "Barn i barnevernet", "Fagsystemet", "nei", "",
        "Barn med undersøkelse eller tiltak i løpet av året.",
    ),
    "bygg_saker": (
        "Behandlede byggesaker", "Sakssystemet", "nei", "",
        "Byggesaker avgjort i løpet av året.",
    ),
    "aarsverk": (
        "Årsverk", "Personalsystemet", "nei", "",
        "Avtalte årsverk per 1. desember, faste og midlertidige stillinger.",
    ),
    "budsjett": (
        "Budsjett", "Regnskapet", "nei", "",
        "Justert netto driftsbudsjett (vedtatt budsjett med endringer), i løpende kroner.",
    ),
}
# fmt: on

# comments.csv, all for the results year: (unit_id, indicator_id or "" for the whole unit, kind,
# text). In the text {indicator} is the unit's figure as its note shows it ("12,9"; a tertial or
# monthly indicator's: the year's mean), {indicator@T1} a tertial's, {indicator@M02} a month's,
# {indicator@-2} that of two years before; {year}, {year-2} the results year and one before it;
# {pupils} the pupils a share of the comment's indicator stands for, in words, as a leader writes it.
COMMENTS = [
    ("shj-berg-dal", "", "vurdering",
     "{year} har vært et krevende år. Sykefraværet har ligget på {sykefravaer} %, og mange vakter er "
     "dekket med vikarer og overtid. Det merkes hos beboerne: de og de pårørende gir oss "
     "{shj_bu_helhet} av 6 i tilfredshet, og det er vi ikke fornøyd med. Vi har brukt "
     "{forbruk_budsjett} % av budsjettet og har gått over budsjett hver måned, mest til vikarer og "
     "overtid og til beboere som trenger én til én-bemanning."),
    ("shj-berg-dal", "sykefravaer", "vurdering",
     "Fraværet var høyest i februar ({sykefravaer@M02} %) og lavest i juli ({sykefravaer@M07} %), "
     "og fra mai har det ligget høyere enn årstiden tilsier. Det meste er langtidsfravær, og mye av "
     "det knytter de ansatte til tunge løft og ubesatte nattevakter."),
    ("shj-berg-dal", "sykefravaer", "tiltak",
     "Fra februar 2026 er to avdelinger med i et nærværsprosjekt med NAV Arbeidslivssenter, slik "
     "Solbakken har vært siden mars 2025, med månedlige møter mellom avdelingsleder, tillitsvalgt "
     "og verneombud."),
    ("shj-berg-dal", "sykefravaer", "tiltak",
     "Vi lyser ut tre faste hele stillinger på natt, slik at færre vakter må dekkes med ekstravakter "
     "og overtid."),
    ("shj-berg-dal", "shj_ernaering", "vurdering",
     "Bare {shj_ernaering} % av beboerne har fått ernæringsvurdering siste halvår, mot "
     "{shj_ernaering@-2} % i {year-2}. Rutinen har ikke fulgt med da mange nye vikarer kom inn."),
    ("shj-berg-dal", "shj_ernaering", "tiltak",
     "Ernæringsscreening blir en fast del av innkomstsamtalen, og fagsykepleier går gjennom listen "
     "hver måned."),
    ("skole-sentrum", "skole_mobbing7", "vurdering",
     "{skole_mobbing7} % av elevene på 7. trinn svarer at de blir mobbet, mot {skole_mobbing7@-1} % "
     "året før. Det er rundt {pupils} elever, og hver av dem er én for mange. Elevene forteller om "
     "utestenging i friminuttene og i sosiale medier."),
    ("skole-sentrum", "skole_mobbing7", "tiltak",
     "Alle kontaktlærere på mellomtrinnet har en samtale om trivsel med hver elev før vinterferien, "
     "og hver sak følges opp med en aktivitetsplan etter opplæringsloven kapittel 12."),
    ("skole-sentrum", "skole_mobbing7", "tiltak",
     "Fra januar er det tre voksne ute i hvert friminutt i stedet for to, og elevrådet starter med "
     "trivselsledere på 5.-7. trinn."),
    ("bhg-maurtua", "forbruk_budsjett", "vurdering",
     "Merforbruket ({forbruk_budsjett} % av budsjettet) skyldes i hovedsak vikarer ved sykefravær og "
     "ekstra bemanning for to barn med særskilte behov, som budsjettet ikke var justert for."),
    ("bhg-maurtua", "forbruk_budsjett", "tiltak",
     "Vi har søkt om budsjettjustering for den ekstra bemanningen. Fra 1. februar 2026 setter vi inn "
     "vikar først når bemanningen den dagen krever det, ikke fast fra første fraværsdag."),
    ("bhg-solsikken", "", "vurdering",
     "Et godt år: foreldrene gir oss {bhg_bu_helhet} av 6, og vi holdt budsjettet "
     "({forbruk_budsjett} %). Sykefraværet ({sykefravaer} %) er fortsatt for høyt, særlig om vinteren."),
    ("bhg-solsikken", "sykefravaer", "tiltak",
     "Vi prøver ut faste vikarer som kjenner barna, delt med Tusenfryd barnehage, fra mars 2026."),
]  # fmt: skip
NUMBER_WORDS = "null én to tre fire fem seks sju åtte ni ti elleve tolv".split()
