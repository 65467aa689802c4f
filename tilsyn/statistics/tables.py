"""Every case-derived table of the annual report, declared once.

The rules (what a figure counts) are named first, so that a figure printed in several tables — tabell 1 draws
on the appendix, vedlegg 35 repeats vedlegg 32–34 year by year — is the same rule wherever it appears. Then one
declaration per table: id and title as published (years as `{y}`, `{y-2}` … of the table's year), columns,
rows. docs/statistics.md explains each table's choices and the places where the published tables disagree.
"""
from django.db.models import Exists, FloatField, OuterRef, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from tilsyn.cases.deadlines import month_days
from tilsyn.cases.models import Assessment, Case
from tilsyn.statistics import sources as s
from tilsyn.statistics.axes import (choice_columns, choices, offices, provisions, term_columns, terms, year_rows,
                                    year_template, years)
from tilsyn.statistics.engine import (AVERAGE, EMPTY, POINTS, Added, Average, Col, Count_, Members,
                                      ProcessingMonths, Ratio, Row, Sum_, Table, share, share_of_total,
                                      within)
from tilsyn.statistics.targets import result_targets

# ---------------------------------------------------------------------------------------------- the rules

HEALTH, SOCIAL, CHILD_WELFARE = "health", "social", "child_welfare"
MUNICIPAL_CW = ("municipal_child_welfare",)
INSTITUTION, CARE_CENTRE = ("child_welfare_institution",), ("care_centre",)
INSTITUTIONS = ("child_welfare_institution", "care_centre", "parent_child_centre")
ONE_MONTH, THREE_MONTHS = month_days(1), month_days(3)

# Supervision cases closed in the year.
HEALTH_CASES = Count_(s.supervision_cases(HEALTH))
SOCIAL_CASES = Count_(s.supervision_cases(SOCIAL))
CW_CASES = Count_(s.supervision_cases(CHILD_WELFARE))
HTIL_CASES = Count_(s.supervision_cases(None, s.NATIONAL))
HTIL_NEW_CASES = Count_(s.supervision_cases(None, s.NATIONAL, date="received"))
HEALTH_INVESTIGATED = HEALTH_CASES.narrowed(Q(supervision__handling_method=5))
HEALTH_OTHERWISE = HEALTH_CASES.narrowed(Q(supervision__handling_method__in=[1, 2, 3, 4]))
CW_CASES_EXCEPT_BUFETAT = CW_CASES.narrowed(s.has_object("pk")(MUNICIPAL_CW + INSTITUTIONS))
CW_CASES_MUNICIPAL = CW_CASES.narrowed(s.has_object("pk")(MUNICIPAL_CW))
CW_CASES_INSTITUTIONS = CW_CASES.narrowed(s.has_object("pk")(INSTITUTIONS))

# Assessments in the supervision cases closed in the year (only handling method 5 assesses provisions).
HEALTH_ASSESSMENTS = Count_(s.supervision_assessments(HEALTH))
# A case sent to Helsetilsynet is sent for its breaches: its assessments without a breach are not counted.
HEALTH_BREACHES = HEALTH_ASSESSMENTS.narrowed(Q(outcome="breach"))
SOCIAL_ASSESSMENTS = Count_(s.supervision_assessments(SOCIAL))
CW_ASSESSMENTS = Count_(s.supervision_assessments(CHILD_WELFARE), Q(case__supervision__handling_method=5))

# Rights complaints closed in the year and treated on their merits (rejected ones left out).
HEALTH_COMPLAINTS = Count_(s.complaints(("health",)))
SOCIAL_COMPLAINTS = Count_(s.complaints(("social",)))
SOCIAL_COMPLAINTS_RECEIVED = Count_(s.complaints(("social",), date="received", substantive=False))
CW_COMPLAINTS = Count_(s.complaints(("child_welfare",)))
CWI_COMPLAINTS = Count_(s.complaints(("cwi_rights", "cwi_coercion")))
CW_ALL_COMPLAINTS = Count_(s.complaints(("child_welfare", "cwi_rights", "cwi_coercion")))
CH4A_COMPLAINTS = Count_(s.complaints(("coercion_4a",)))
CH4A_COMPLAINTS_RECEIVED = Count_(s.complaints(("coercion_4a",), date="received", substantive=False))
CW_COMPLAINTS_SUCCEEDING = share(CW_COMPLAINTS, Q(Exists(
    Assessment.objects.filter(case=OuterRef("pk"), outcome="changed"))))


def complaint_assessments(*types: str) -> Count_:
    return Count_(s.complaint_assessments(types))


HEALTH_COMPLAINT_ASSESSMENTS = complaint_assessments("health")
SOCIAL_COMPLAINT_ASSESSMENTS = complaint_assessments("social")
# «Medhold» (helt eller delvis): in complaints about child welfare the decision changed; in health and social
# services complaints changed or quashed (vedlegg 31 and 22 print exactly the changed + quashed of vedlegg 30, 20).
CHANGED = Q(outcome="changed")
CHANGED_OR_QUASHED = Q(outcome__in=["changed", "quashed"])

# Helsetilsynet: reactions decided in the year, revocation reasons, notifications.
REACTIONS = Count_(s.reactions())
REVOCATIONS = REACTIONS.narrowed(Q(type__code="revocation"))
OTHER_PERSONNEL_REACTIONS = REACTIONS.narrowed(
    Q(type__code__in=["professional_order", "prescribing_rights_revocation", "limitation"]))
PERSONNEL_REACTION_TYPES = ["warning", "professional_order", "revocation", "prescribing_rights_revocation",
                            "specialist_approval_revocation", "limitation"]
REVOCATION_REASONS = Count_(s.revocation_reasons())
NOTIFICATIONS = Count_(s.notifications())
INCIDENTS = Count_(s.incident_routing())
OWN_FOLLOW_UP = INCIDENTS.narrowed(Q(notification__routing="own_follow_up"))
COVERED_ENTERPRISE_INCIDENTS = Count_(s.notifications(incidents_only=True), Q(
    notification__notifier_type__code="enterprise") & ~Q(notification__routing="not_covered"))

# Coercion.
CH9_EMERGENCY = Count_(s.coercion_cases("coercion_ch9_emergency", "received"))
PERSON = Q(parties__role="person")
CH9_EMERGENCY_PERSONS = CH9_EMERGENCY.of("parties__national_id", isolated=True).narrowed(PERSON)
CH9_REVIEWED = Count_(s.coercion_cases("coercion_ch9_vedtak"), Q(ch9_vedtak__approved__isnull=False))
CH9_APPROVED = CH9_REVIEWED.narrowed(Q(ch9_vedtak__approved=True))
CH9_NOT_APPROVED = CH9_REVIEWED.narrowed(Q(ch9_vedtak__approved=False))
CH9_PERSONS_IN_FORCE = Count_(s.ch9_in_force()).of("parties__national_id", isolated=True).narrowed(PERSON)
CH9_ON_SITE = Count_(s.coercion_cases("coercion_ch9_vedtak", "ch9_vedtak__on_site_inspection"))
CH9_WITH_DISPENSATION = CH9_APPROVED.narrowed(Q(Exists(Case.objects.filter(
    origin=OuterRef("pk"), kind="coercion_ch9_dispensation", ch9_dispensation__persons_granted__gt=0))))
CH9_MEASURES = Count_(s.ch9_measures())
CH4A_RECEIVED = Count_(s.coercion_cases("coercion_4a_vedtak", "received"))
CH4A_DECIDED = Count_(s.coercion_cases("coercion_4a_vedtak"))
REVIEWED_OUTCOMES = ["taken_into_account", "quashed", "changed"]
CH4A_REVIEWED = CH4A_DECIDED.narrowed(Q(ch4a_vedtak__outcome__in=REVIEWED_OUTCOMES))
CH4A_FOLLOW_UPS = Count_(s.coercion_cases("coercion_4a_vedtak", "ch4a_vedtak__follow_up_done"))
CH4A_FOLLOWED_UP = CH4A_FOLLOW_UPS.narrowed(Q(ch4a_vedtak__follow_up_outcome__in=REVIEWED_OUTCOMES))

# Planned supervision, in the year performed. Each office taking part in a joint inspection registers it as a
# case of its own (`joint_with` names the others), so an office's cases are its registrations. The on-site
# inspections of coercion measures (hol. kap. 9) are counted from the vedtak, not among the planned inspections.
CW_INSPECTIONS = Count_(s.inspections(CHILD_WELFARE))
CW_STATUTORY = Count_(s.inspections(CHILD_WELFARE, date="statutory_year"), Q(inspection__statutory=True))
NOT_COERCION_VISIT = ~Q(origin__kind="coercion_ch9_vedtak")


def registrations(sector: str, service_level: str | None = None, system_audit: bool | None = None) -> Count_:
    where = NOT_COERCION_VISIT
    if service_level:
        where &= Q(inspection__service_level__code=service_level)
    if system_audit is not None:
        audit = Q(inspection__method__code="system_audit")
        where &= audit if system_audit else ~audit
    return Count_(s.inspections(sector), where)


def points(sector: str, service_level: str | None = None) -> Sum_:
    where = NOT_COERCION_VISIT & (Q(inspection__service_level__code=service_level) if service_level else Q())
    return Sum_(s.inspections(sector), "inspection__activity_points", where, unit=POINTS)


def point_target(sector: str) -> Sum_:
    return Sum_(s.point_targets(sector), "target_points", unit=POINTS)


NATIONAL_SOCIAL_TARGET = Sum_(s.national_point_target("sf-activity-social"),
                              Cast(KT("details__target_points"), FloatField()), unit=POINTS, per_row=False)

# ---------------------------------------------------------------------------------------------- row labels

METHODS_T4 = {1: "1. Avslutning med veiledning", 2: "2. Oversendelse til virksomheten",
              3: "3. Virksomheten følger opp og rapporterer", 4: "4. Møte med virksomhet og barn/foreldre",
              5: "5. Statsforvalteren utreder og avgjør"}
METHODS_V3 = {0: "0. Gammel veileder", **METHODS_T4}
METHODS_T7 = {1: "Behandlingsmåte 1 Statsforvalteren gir veiledning og avslutter saken",
              2: "Behandlingsmåte 2 Henvendelsen oversendes virksomheten for oppfølging",
              3: "Behandlingsmåte 3 Virksomheten følger opp henvendelsen og rapporterer til statsforvalteren",
              4: "Behandlingsmåte 4 Møte med virksomheter og bruker",
              5: "Behandlingsmåte 5 Statsforvalteren utreder og avgjør saken"}
METHODS_V17 = {1: "1 – Avslutning med veiledning", 2: "2 – Oversendelse til virksomheten",
               3: "3 – Virksomheten følger opp og rapporterer", 4: "4 – Møte med virksomhet og bruker",
               5: "5 – Statsforvalteren utreder og avgjør"}
METHODS_V28 = {**METHODS_V17, 2: "2 – Oversendelse til virksomheten / helsepersonellet",
               4: "4 – Møte med virksomhet og pasient / bruker"}
REGULATION_AREAS = {"blood": "Blod", "cells_tissue": "Celler og vev", "organs": "Organer"}
ROUTINGS = {"closed_after_initial": "Avsluttet etter innledende undersøkelser",
            "forwarded_to_county_governor": "Oversendt til statsforvalteren for vurdering av tilsynsmessig oppfølging",
            "own_follow_up": "Tilsynsmessig oppfølging ved Helsetilsynet",
            "not_covered": "Ikke varslingspliktig/-berettiget eller utgår",
            "": "Saker under arbeid"}
PROFESSIONS_V40 = ["Leger", "Tannleger", "Psykologer", "Sykepleiere", "Fysioterapeuter", "Vernepleiere",
                   "Hjelpepleiere / omsorgsarbeidere / helsefagarbeidere", "Annet autorisert helsepersonell"]
PROFESSIONS_V41 = ["Leger", "Tannleger", "Psykologer", "Sykepleiere", "Jordmødre", "Fysioterapeuter",
                   "Vernepleiere", "Hjelpepleiere/omsorgsarbeidere/ helsefagarbeidere",
                   "Annet autorisert helsepersonell"]
PROFESSION_GROUPS_T14 = ["Leger", "Sykepleiere", "Hjelpepleiere, omsorgsarbeidere og helsefagarbeidere", "Andre"]
REACTIONS_V40 = ["Faglig pålegg", "Begrenset autorisasjon eller lisens", "Tilbakekall av autorisasjon eller lisens",
                 "Tilbakekall av rekvireringsrett helt/delvis"]
REACTION_CODES_V42 = ("revocation", "limitation", "prescribing_rights_revocation", "professional_order",
                      "breach_noted")
STARTED_ELSEWHERE = [("Statens helsetilsyn", ("HTIL",)), ("Utenlandsk tilsynsmyndighet", ("FOREIGN",))]
CATCH_UP_ROW = "I tillegg: Saker avsluttet med råd/veiledning til den som har klagd, eller oversendt for " \
               "behandling hos påklagd virksomhet eller helsepersonell."


def distinct_cases(measure: Count_) -> Count_:
    return measure.of("case")


def ch9_categories(ctx):
    """Each hol. kap. 9 category with the measures the reference data files under it."""
    from tilsyn.reference.models import Term

    measures = Term.objects.filter(vocabulary="coercion_measure_ch9", active=True)
    return [(category.label, None, tuple(m.code for m in measures if m.extra.get("category") == category.code)
             or None)
            for category in Term.objects.filter(vocabulary="coercion_category_ch9", active=True)]


# ---------------------------------------------------------------------------------------------- the tables

HTIL, SF = "Statens helsetilsyn", "Statsforvalterne"

TABLES = [
    Table(
        "tabell-01", "Tabell 1 Utvalgte nøkkeltall {y-2}–{y} – tilsyn og klagebehandling",
        counts=_("Nøkkeltall fra de andre tabellene, hvert år beregnet fra sakene med samme regel som der."),
        columns=years(-2),
        rows=(
            Row("Tilsynssaker med helsepersonell/virksomhet avsluttet av Statens helsetilsyn", HTIL,
                measure=HTIL_CASES),
            Row("Tilbakekalte autorisasjoner (helsepersonell)", HTIL, measure=REVOCATIONS),
            Row("Faglig pålegg, tap av rekvireringsrett og begrensninger i autorisasjon/lisens", HTIL,
                measure=OTHER_PERSONNEL_REACTIONS),
            Row("Antall mottatte varsler om alvorlige hendelser", HTIL, measure=NOTIFICATIONS),
            Row("Tilsynsmessig oppfølging ved Helsetilsynet etter varsel", HTIL, measure=OWN_FOLLOW_UP),
            Row("Antall tilsyn med håndtering av blod, celler, vev og organer", HTIL,
                measure=Count_(s.inspections(None, s.NATIONAL), ~Q(inspection__regulation_area=""))),
            Row("Tilsyn med barneverninstitusjoner", SF,
                measure=CW_INSPECTIONS.narrowed(s.has_object("pk")(INSTITUTION))),
            Row("Tilsyn med kommunale barneverntjenester", SF,
                measure=CW_INSPECTIONS.narrowed(s.has_object("pk")(MUNICIPAL_CW))),
            Row("Avsluttede tilsynssaker innen barnevernet", SF, measure=CW_CASES_EXCEPT_BUFETAT),
            Row("Avsluttede rettighetsklager innen barneverntjenester og -institusjoner", SF,
                measure=CW_ALL_COMPLAINTS),
            Row("Forebyggende tilsynsaktiviteter med sosiale tjenester i Nav", SF, measure=registrations(SOCIAL)),
            Row("Avsluttede tilsynssaker innen sosiale tjenester i Nav", SF, measure=SOCIAL_CASES),
            Row("Avsluttede rettighetsklager innen sosiale tjenester i Nav", SF, measure=SOCIAL_COMPLAINTS),
            Row("Forebyggende tilsynsaktiviteter med kommunale helse- og omsorgstjenester", SF,
                measure=Added(registrations(HEALTH, "municipal"), CH9_ON_SITE)),
            Row("Forebyggende tilsynsaktiviteter med spesialisthelsetjenesten", SF,
                measure=registrations(HEALTH, "specialist")),
            Row("Avsluttede tilsynssaker innen helse- og omsorgstjenester", SF, measure=HEALTH_CASES),
            Row("Avsluttede rettighetsklager innen helse- og omsorgstjenester", SF, measure=HEALTH_COMPLAINTS),
            Row("Gjennomgåtte meldinger om skadeavvergende tiltak i nødssituasjoner", SF, measure=CH9_EMERGENCY),
            Row("Overprøvde vedtak om bruk av tvang/makt overfor personer med utviklingshemming", SF,
                measure=CH9_REVIEWED),
            Row("Gjennomgåtte/overprøvde vedtak om bruk av tvang overfor personer uten samtykkekompetanse", SF,
                measure=CH4A_REVIEWED),
        ),
    ),
    Table(
        "tabell-03", "Tabell 3 Resultatmål for Helsetilsynet og for statsforvalterne i {y}",
        counts=_("Resultatmålene for året (referansedata) med resultatet beregnet fra sakene: andel innen fristen "
                 "og hvor mange av de ti statsforvalterne som nådde målet, medianer, aktivitetspoeng."),
        columns=(Col("Resultatmål {y}"), Col("Resultat {y}"), Col("Vurdering/Kommentar")),
        rows=(), compute=result_targets,
    ),
    Table(
        "tabell-04", "Tabell 4 Fordeling av tilsynssaker etter behandlingsmåter og tilsynsobjekt i {y}",
        counts=_("Avsluttede tilsynssaker i barnevernet etter behandlingsmåte 1–5 og tilsynsobjekt."),
        columns=(term_columns("supervised_object_type", "object_type", CW_CASES, table_id="tabell-04"),),
        rows=(choices("handling_method", METHODS_T4, total="Totalt"),),
    ),
    Table(
        "tabell-06", "Tabell 6 antall tilsynssaker behandlet av hver statsforvalter i {y}",
        counts=_("Avsluttede tilsynssaker om sosiale tjenester i Nav per statsforvalter."),
        columns=(Col("Antall tilsynssaker", SOCIAL_CASES),),
        rows=(offices("Hele landet"),),
    ),
    Table(
        "tabell-07", "Tabell 7 Tilsynssaker fordelt på behandlingsmåte",
        counts=_("Avsluttede tilsynssaker om sosiale tjenester i Nav etter behandlingsmåte."),
        columns=(Col("Antall saker", SOCIAL_CASES),),
        rows=(choices("handling_method", METHODS_T7, total="Til sammen"),),
    ),
    Table(
        "tabell-08", "Tabell 8 Antall mottatte klagesaker hos statsforvalterne, på landsbasis",
        counts=_("Mottatte klager etter sosialtjenesteloven (også de som senere ble avvist), per år."),
        columns=(Col("Antall klagesaker", SOCIAL_COMPLAINTS_RECEIVED),),
        rows=tuple(year_rows(-4)),
    ),
    Table(
        "tabell-09", "Tabell 9 Antall felles tilsyn mellom Helsetilsynet og DSB om kommunal beredskapsplikt og "
                     "helseberedskap",
        counts=_("Gjennomførte planlagte tilsyn merket som felles med DSB, per år."),
        columns=years(-4, measure=Count_(s.inspections(None, None), Q(inspection__joint_with_dsb=True))),
        rows=(Row("Antall felles tilsyn"),),
    ),
    Table(
        "tabell-10", "Tabell 10 Helse- og omsorgstjenester – tilsyn etter blodforskriften, forskrift om håndtering "
                     "av humane celler og vev og forskrift om humane organer til transplantasjon i {y}",
        counts=_("Helsetilsynets gjennomførte tilsyn med blod, celler og vev, organer: sum av enheter og avvik."),
        columns=tuple(Col(label, Sum_(s.inspections(None, s.NATIONAL), f"inspection__{field}")) for label, field in [
            ("Antall intervjuede avdelinger/enheter", "units_interviewed"),
            ("Antall avdelinger/enheter intervjuet digitalt", "units_interviewed_digitally"),
            ("Antall avdelinger/enheter med dokumenttilsyn", "units_document_inspection"),
            ("Antall avvik", "breaches_found")]),
        rows=(choices("regulation_area", REGULATION_AREAS, total="Totalt"),),
    ),
    Table(
        "tabell-11", "Tabell 11 Helse- og omsorgstjenester – klagesaker om manglende oppfyllelse av rettigheter "
                     "etter helse- og omsorgstjenestelovgivningen behandlet av statsforvalterne {y-2}–{y}",
        counts=_("Realitetsbehandlede rettighetsklager (helse og omsorg) avsluttet i året, per statsforvalter."),
        columns=years(-2, label="Antall saker {y}", measure=HEALTH_COMPLAINTS),
        rows=(offices("Landet", extra=[("Nasjonalt restanseprosjekt, 2021-2022", None)]),),
    ),
    Table(
        "tabell-12", "Tabell 12 Helse- og omsorgstjenester – tvang overfor pasienter uten samtykkekompetanse som "
                     "motsetter seg helsehjelp {y-2}-{y}",
        counts=_("Vedtak etter pbrl. kap. 4A: mottatt (mottaksdato), gjennomgått ved innkomst etter utfall "
                 "(avslutningsdato), og klager mottatt."),
        columns=years(-2),
        rows=(
            Row("Antall vedtak mottatt hos statsforvalteren", measure=CH4A_RECEIVED),
            Row("Antall vedtak tatt til etterretning",
                measure=CH4A_DECIDED.narrowed(Q(ch4a_vedtak__outcome="taken_into_account"))),
            Row("Antall opphevede vedtak", measure=CH4A_DECIDED.narrowed(Q(ch4a_vedtak__outcome="quashed"))),
            Row("Antall endrede vedtak", measure=CH4A_DECIDED.narrowed(Q(ch4a_vedtak__outcome="changed"))),
            Row("Uaktuelt å gjennomgå", measure=CH4A_DECIDED.narrowed(Q(ch4a_vedtak__outcome="not_relevant"))),
            Row("Antall vedtak som varer mer enn 3 måneder",
                measure=CH4A_DECIDED.narrowed(Q(ch4a_vedtak__lasts_over_three_months=True))),
            Row("Antall mottatte klager på vedtak", measure=CH4A_COMPLAINTS_RECEIVED),
        ),
    ),
    Table(
        "tabell-13", "Tabell 13 Helse- og omsorgstjenester – årsaker for tilbakekall av autorisasjon/lisens "
                     "{y-2}–{y}",
        counts=_("Årsaker registrert på tilbakekall vedtatt i året (flere per tilbakekall), tilbakekall og "
                 "personer."),
        columns=years(-2, measure=REVOCATION_REASONS),
        rows=(
            terms("revocation_reason", "reason", table_id="tabell-13", total="Sum årsaker"),
            Row("Antall tilbakekalte autorisasjoner", measure=REVOCATIONS),
            Row("Antall helsepersonell", measure=REVOCATIONS.of("party")),
        ),
    ),
    Table(
        "tabell-14", "Tabell 14 Helse- og omsorgstjenester – Årsaker til tilbakekall av autorisasjon/lisens {y} "
                     "fordelt på helsepersonellgrupper",
        counts=_("Årsaker til tilbakekall vedtatt i året etter helsepersonellgruppe (yrke på den som mistet "
                 "autorisasjonen)."),
        columns=(term_columns("profession", "profession", REVOCATION_REASONS, table_id="tabell-14",
                              labels=PROFESSION_GROUPS_T14), Col("Sum", REVOCATION_REASONS)),
        rows=(
            terms("revocation_reason", "reason", table_id="tabell-14", total="Sum årsaker"),
            Row("Antall tilbakekalte autorisasjoner", measure=REVOCATIONS),
        ),
    ),
    Table(
        "tabell-15", "Tabell 15 Innsynsbegjæringer til Statens helsetilsyn {y-6}–{y}",
        counts=_("Innsynsbegjæringer og klager på avslag behandlet (avsluttet) hos Helsetilsynet, per år."),
        columns=(
            Col("Antall behandlede innsynsbegjæringer",
                Count_(s.access_requests(), Q(access_request__is_appeal=False))),
            Col("Behandlede klager på Helsetilsynets vedtak",
                Count_(s.access_requests(), Q(access_request__is_appeal=True,
                                               access_request__appealed_office__code="HTIL"))),
            Col("Behandlede klager på statsforvalternes vedtak",
                Count_(s.access_requests(), Q(access_request__is_appeal=True,
                                               access_request__appealed_office__kind="county_governor"))),
        ),
        rows=tuple(year_rows(-6)),
    ),
    # ------------------------------------------------------------------------------------------ barnevern
    Table(
        "vedlegg-01", "Vedlegg tabell 1 Samlet oversikt i {y}; tilsynsaktiviteter rettet mot kommunal "
                      "barnevernstjeneste",
        counts=_("Avsluttede tilsynssaker mot kommunal barnevernstjeneste og realitetsbehandlede klager på vedtak "
                 "i kommunal barnevernstjeneste, per statsforvalter."),
        columns=(Col("Tilsynssaker", CW_CASES_MUNICIPAL), Col("Klagesaker", CW_COMPLAINTS)),
        rows=(offices("Totalt", spelling=1),),
    ),
    Table(
        "vedlegg-02", "Vedlegg tabell 2 Samlet oversikt i {y}; tilsynsaktiviteter rettet mot "
                      "barnevernsinstitusjoner, omsorgssentre og sentre for foreldre og barn",
        counts=_("Gjennomførte tilsyn, avsluttede tilsynssaker, mottatte tvangsprotokoller og realitetsbehandlede "
                 "klager om institusjoner, omsorgssentre og sentre for foreldre og barn."),
        columns=(
            Col("Utførte stedlige tilsyn", CW_INSPECTIONS.narrowed(s.has_object("pk")(INSTITUTIONS))),
            Col("Tilsynssaker", CW_CASES_INSTITUTIONS),
            Col("Kontroll av protokoller (tvangsprotokoll)", Count_(s.protocols())),
            Col("Klagesaker", CWI_COMPLAINTS),
        ),
        rows=(offices("Totalt", spelling=1),),
    ),
    Table(
        "vedlegg-03", "Vedlegg tabell 3 Utvikling i antall tilsynssaker fordelt på behandlingsmåter {y-2}-{y}",
        counts=_("Avsluttede tilsynssaker i barnevernet (alle tilsynsobjekter) etter behandlingsmåte, per år."),
        columns=years(-2, measure=CW_CASES),
        rows=(choices("handling_method", METHODS_V3, total="Totalt"),),
    ),
    Table(
        "vedlegg-04", "Vedlegg tabell 4 Tema i tilsynssaker fordelt på tilsynsobjektene",
        counts=_("Temaer registrert i avsluttede tilsynssaker i barnevernet (flere per sak) etter tilsynsobjekt."),
        columns=(term_columns("supervised_object_type", "object_type", Count_(s.themes()), table_id="vedlegg-04",
                              labels=["Kommunal barnevernstjeneste", "Bufetat",
                                      "Barnevernsinstitusjon, omsorgssenter"]),),
        rows=(terms("theme", "theme"),),
    ),
    Table(
        "vedlegg-05", "Vedlegg tabell 5 Antall vurderinger på utvalgte bestemmelser og utfall i tilsynssaker med "
                      "behandlingsmåte 5, fordelt på tilsynsobjekt",
        counts=_("Vurderinger i avsluttede tilsynssaker (barnevern, behandlingsmåte 5) per bestemmelse, og de med "
                 "lovbrudd."),
        columns=(Col("Antall ganger vurdert", CW_ASSESSMENTS),
                 Col("herav med påpekt lovbrudd", CW_ASSESSMENTS.narrowed(Q(outcome="breach")))),
        rows=(provisions("cw-supervision", "vedlegg-05"),),
    ),
    Table(
        "vedlegg-06", "Vedlegg tabell 6 Utvikling av klagesaker rettet mot kommunal barnevernstjeneste med "
                      "medholdprosent",
        counts=_("Realitetsbehandlede klager på kommunal barnevernstjeneste, og andelen av dem (per klage) der minst "
                 "én vurdering ga klageren medhold (endret)."),
        columns=years(-4),
        rows=(Row("Antall klager", measure=CW_COMPLAINTS),
              Row("Medhold i prosent", measure=CW_COMPLAINTS_SUCCEEDING)),
    ),
    Table(
        "vedlegg-07", "Vedlegg tabell 7 Saksbehandlingstid for avsluttede klager på kommunal barnevernstjeneste",
        counts=_("Realitetsbehandlede klager på kommunal barnevernstjeneste: antall, gjennomsnittlig "
                 "saksbehandlingstid og andel avsluttet innen én måned."),
        columns=(Col("Avsluttede klager", CW_COMPLAINTS),
                 Col("Gjennomsnittlig saksbehandlingstid i antall måneder",
                     ProcessingMonths(s.complaints(("child_welfare",)), mean=True)),
                 Col("Avsluttede klager innen 1 måned", within(CW_COMPLAINTS, ONE_MONTH))),
        rows=(Row("Kommunal barnevernstjeneste"),),
    ),
    Table(
        "vedlegg-08", "Vedlegg tabell 8 Vurderte bestemmelser og utfall av klager på vedtak i kommunal "
                      "barnevernstjeneste i {y}",
        counts=_("Vurderinger i realitetsbehandlede klager på kommunal barnevernstjeneste per bestemmelse, og de "
                 "med medhold (endret)."),
        columns=(Col("Antall ganger vurdert", complaint_assessments("child_welfare")),
                 Col("Helt eller delvis medhold", complaint_assessments("child_welfare").narrowed(CHANGED))),
        rows=(provisions("cw-complaint", "vedlegg-08"),),
    ),
    Table(
        "vedlegg-09", "Vedlegg tabell 9 Tilsyn med barnevernsinstitusjoner og omsorgssentre i {y}",
        counts=_("Lovpålagte og gjennomførte tilsyn med institusjoner og omsorgssentre, og barna som bodde der, "
                 "fikk tilbud om samtale og snakket med statsforvalteren (antall institusjoner er ikke i sakene)."),
        columns=(Col("Barnevernsinstitusjon", where={"object_type": INSTITUTION}),
                 Col("Omsorgssenter", where={"object_type": CARE_CENTRE})),
        rows=(
            Row("Antall institusjoner", measure=EMPTY),  # the register of approved institutions is not in the cases
            Row("Lovpålagte tilsyn", measure=CW_STATUTORY),
            Row("Utførte tilsyn", measure=CW_INSPECTIONS),
            Row("Antall barn boende på tilsynstidspunktene",
                measure=Sum_(s.inspections(CHILD_WELFARE), "inspection__children_present")),
            Row("Antall barn som fikk tilbud om samtale på tilsynstidspunktene",
                measure=Sum_(s.inspections(CHILD_WELFARE), "inspection__children_offered_conversation")),
            Row("Antall gjennomførte samtaler",
                measure=Sum_(s.inspections(CHILD_WELFARE), "inspection__children_talked_with")),
        ),
    ),
    Table(
        "vedlegg-10", "Vedlegg tabell 10 Utvikling i antall registrerte tvangsprotokoller, klager og unike barn "
                      "{y-4}-{y}",
        counts=_("Mottatte tvangsprotokoller, realitetsbehandlede klager fra barn på institusjon, og ulike barn "
                 "(fødselsnummer) i protokollene, per år."),
        columns=years(-4),
        rows=(Row("Antall tvangsprotokoller", measure=Count_(s.protocols())),
              Row("Klager", measure=CWI_COMPLAINTS),
              Row("Antall unike barn", measure=Count_(s.protocols()).of("parties__national_id", isolated=True)
                  .narrowed(Q(parties__role="child")))),
    ),
    Table(
        "vedlegg-11", "Vedlegg tabell 11 Vurderte bestemmelser og utfall i klager vedørende barns rettigheter og "
                      "institusjonens omsorgsansvar på barnevernsinstitusjoner i {y}",
        counts=_("Vurderinger i realitetsbehandlede klager om rettigheter på institusjon, og de med medhold."),
        columns=(Col("Antall ganger vurdert", complaint_assessments("cwi_rights")),
                 Col("Helt eller delvis medhold", complaint_assessments("cwi_rights").narrowed(CHANGED))),
        rows=(provisions("cwi-rights-complaint", "vedlegg-11"),),
    ),
    Table(
        "vedlegg-12", "Vedlegg tabell 12 Vurderte bestemmelser og utfall i klager vedrørende tvangsbruk på "
                      "barnevernsinstitusjoner i {y}",
        counts=_("Mottatte tvangsprotokoller per bestemmelse, og vurderinger i realitetsbehandlede klager på "
                 "tvangsbruk med medhold."),
        columns=(Col("Antall tvangsprotokoller", Count_(s.protocols())),
                 Col("Antall ganger vurdert", complaint_assessments("cwi_coercion")),
                 Col("Helt eller delvis medhold i klage", complaint_assessments("cwi_coercion").narrowed(CHANGED))),
        rows=(provisions("cwi-coercion-complaint", "vedlegg-12"),),
    ),
    Table(
        "vedlegg-13", "Vedlegg tabell 13 Saksbehandlingstid for avsluttede klager på barnevernsinstitusjoner og "
                      "omsorgssentre i {y}",
        counts=_("Realitetsbehandlede klager fra barn på institusjon og omsorgssenter: antall, gjennomsnittlig "
                 "saksbehandlingstid og andel avsluttet innen én måned."),
        columns=(Col("Avsluttet", CWI_COMPLAINTS),
                 Col("Gjennomsnittlig saksbehandlingstid i antall måneder",
                     ProcessingMonths(s.complaints(("cwi_rights", "cwi_coercion")), mean=True)),
                 Col("Avsluttede klager innen 1 måned", within(CWI_COMPLAINTS, ONE_MONTH))),
        rows=(Row("Barnevernsinstitusjon", where={"object_type": INSTITUTION}),
              Row("Omsorgssenter", where={"object_type": CARE_CENTRE})),
    ),
    # ------------------------------------------------------------------------------------------ sosiale tjenester
    Table(
        "vedlegg-14", "Vedlegg tabell 14 Sosiale tjenester – statsforvalternes systemrevisjoner etter "
                      "sosialtjenesteloven {y-2}–{y}",
        counts=_("Gjennomførte systemrevisjoner om sosiale tjenester, per statsforvalter."),
        columns=years(-2, label="antall i {y}", measure=registrations(SOCIAL, system_audit=True)),
        rows=(offices("Hele landet"),),
    ),
    Table(
        "vedlegg-15", "Vedlegg tabell 15 Sosiale tjenester – statsforvalternes tilsyn med andre metoder etter "
                      "sosialtjenesteloven {y-2}–{y}",
        counts=_("Gjennomførte tilsyn med andre metoder enn systemrevisjon om sosiale tjenester, per statsforvalter."),
        columns=years(-2, label="antall i {y}", measure=registrations(SOCIAL, system_audit=False)),
        rows=(offices("Hele landet"),),
    ),
    Table(
        "vedlegg-16", "Vedlegg tabell 16 Sosiale tjenester – statsforvalternes måloppnåelse på poenggivende "
                      "tilsynsaktiviteter {y-2}–{y}",
        counts=_("Aktivitetspoeng i prosent av resultatkravet; embetenes krav er ikke publisert (tomme), landet "
                 "mot kravet i tabell 3."),
        columns=years(-2, measure=Ratio(points(SOCIAL), point_target("social"))),
        rows=(offices("Hele landet", total_cells={
            year_template("{y}", offset): Ratio(points(SOCIAL), NATIONAL_SOCIAL_TARGET) for offset in (-2, -1, 0)}),),
    ),
    Table(
        "vedlegg-17", "Vedlegg tabell 17 Sosiale tjenester – avgjorte tilsynssaker i {y} fordelt etter "
                      "behandlingsmåter",
        counts=_("Avsluttede tilsynssaker om sosiale tjenester per statsforvalter og behandlingsmåte; siste rad "
                 "teller tilsynsobjektene (virksomhetene) i sakene."),
        columns=(*choice_columns("handling_method", METHODS_V17, SOCIAL_CASES), Col("I alt", SOCIAL_CASES)),
        rows=(offices("Landet"),
              Row("Antall virksomheter i sakene",
                  each=lambda m: m.of("parties", isolated=True).narrowed(Q(parties__role="supervised")))),
    ),
    Table(
        "vedlegg-18", "Vedlegg tabell 18 Sosiale tjenester – vurderte bestemmelser i tilsynssaker behandlet av "
                      "statsforvalterne etter sosialtjenesteloven i {y}",
        counts=_("Vurderinger i avsluttede tilsynssaker om sosiale tjenester per bestemmelse, og de med lovbrudd; "
                 "sumraden viser andelen med lovbrudd."),
        columns=(Col("Antall ganger vurdert", SOCIAL_ASSESSMENTS),
                 Col("herav med påpekt lovbrudd", SOCIAL_ASSESSMENTS.narrowed(Q(outcome="breach")))),
        rows=(provisions("social-supervision", "vedlegg-18", total="Sum vurderinger mot Nav-kontor", total_cells={
            "herav med påpekt lovbrudd": share(SOCIAL_ASSESSMENTS, Q(outcome="breach"))}),),
    ),
    Table(
        "vedlegg-19", "Vedlegg tabell 19 Sosiale tjenester – klagesaker behandlet av statsforvalterne etter "
                      "sosialtjenesteloven {y-2} - {y}",
        counts=_("Realitetsbehandlede klager etter sosialtjenesteloven avsluttet i året, per statsforvalter."),
        columns=years(-2, label="Antall behandlede saker {y}", measure=SOCIAL_COMPLAINTS),
        rows=(offices("Hele landet"),),
    ),
    Table(
        "vedlegg-20", "Vedlegg tabell 20 Sosiale tjenester – Utfall av statsforvalternes behandling av klagesaker "
                      "etter sosialtjenesteloven i {y}",
        counts=_("Vurderinger i realitetsbehandlede klager etter sosialtjenesteloven, og utfallene i prosent av "
                 "vurderingene (ikke av klagene)."),
        columns=(Col("Antall vurderinger", SOCIAL_COMPLAINT_ASSESSMENTS),
                 Col("Andel stadfestet", share(SOCIAL_COMPLAINT_ASSESSMENTS, Q(outcome="upheld"))),
                 Col("Andel endret", share(SOCIAL_COMPLAINT_ASSESSMENTS, Q(outcome="changed"))),
                 Col("Andel opphevet", share(SOCIAL_COMPLAINT_ASSESSMENTS, Q(outcome="quashed")))),
        rows=(offices("Hele landet"),),
    ),
    Table(
        "vedlegg-21", "Vedlegg tabell 21 Sosiale tjenester – måloppnåelse for statsforvalternes saksbehandlingstid "
                      "for klagesaker",
        counts=_("Realitetsbehandlede klager etter sosialtjenesteloven, og andelen avsluttet innen tre måneder "
                 "(91 dager) fra mottatt."),
        columns=(Col("Realitetsbehandlet", SOCIAL_COMPLAINTS),
                 Col("Realitetsbehandlet innen 3 md.", within(SOCIAL_COMPLAINTS, THREE_MONTHS))),
        rows=(offices("Hele landet"),),
    ),
    Table(
        "vedlegg-22", "Vedlegg tabell 22 Sosiale tjenester – vurderingene til statsforvalterne i klagesaker etter "
                      "sosialtjenesteloven i {y}",
        counts=_("Vurderinger i realitetsbehandlede klager etter sosialtjenesteloven per bestemmelse, og andelen "
                 "med medhold; siste rad teller klagene vurderingene står i."),
        columns=(Col("Antall ganger vurdert", SOCIAL_COMPLAINT_ASSESSMENTS),
                 Col("Herav helt eller delvis medhold for klageren",
                     share(SOCIAL_COMPLAINT_ASSESSMENTS, CHANGED_OR_QUASHED))),
        rows=(provisions("social-complaint", "vedlegg-22", total="Sum vurderingsgrunnlag"),
              Row("Antall saker vurderingene er fordelt på", each=distinct_cases,
                  cells={"Herav helt eller delvis medhold for klageren": EMPTY})),
    ),
    # ------------------------------------------------------------------------------------------ planlagt tilsyn, helse
    Table(
        "vedlegg-23", "Vedlegg tabell 23 Kommunale helse- og omsorgstjenester – statsforvalternes systemrevisjoner "
                      "og tilsyn med andre metoder {y-2}–{y}",
        counts=_("Gjennomførte systemrevisjoner og tilsyn med andre metoder med kommunale helse- og "
                 "omsorgstjenester, per statsforvalter (stedlige tilsyn med tvangstiltak telles fra vedtakene)."),
        columns=tuple(column for offset in (-2, -1, 0) for column in (
            Col(year_template("{y} | Antall systemrevisjoner", offset),
                registrations(HEALTH, "municipal", True), year=offset),
            Col(year_template("{y} | Antall tilsyn med andre metoder", offset),
                registrations(HEALTH, "municipal", False), year=offset))),
        rows=(offices("Sum"),),
    ),
    Table(
        "vedlegg-24", "Vedlegg tabell 24 Kommunale helse- og omsorgstjenester – statsforvalternes poenggivende "
                      "tilsynsaktiviteter {y}",
        counts=_("Resultatmål (referansedata), aktivitetspoeng fra gjennomførte tilsyn og måloppnåelse i prosent."),
        columns=(Col("Resultatmål (poeng)", point_target("municipal_health")),
                 Col("Statsf. poengfastsetting", points(HEALTH, "municipal")),
                 Col("Prosent måloppnåelse", Ratio(points(HEALTH, "municipal"), point_target("municipal_health")))),
        rows=(offices("Sum"),),
    ),
    Table(
        "vedlegg-25", "Vedlegg tabell 25 Spesialisthelsetjenester – Statsforvalternes systemrevisjoner og tilsyn "
                      "med andre metoder {y-2}-{y}",
        counts=_("Gjennomførte systemrevisjoner og tilsyn med andre metoder med spesialisthelsetjenesten, per "
                 "statsforvalter (registreringer: et felles tilsyn er registrert hos hver deltaker)."),
        columns=tuple(column for offset in (-2, -1, 0) for column in (
            Col(year_template("{y} | Antall systemrevisjoner", offset),
                registrations(HEALTH, "specialist", True), year=offset),
            Col(year_template("{y} | Antall tilsyn med andre metoder", offset),
                registrations(HEALTH, "specialist", False), year=offset))),
        rows=(offices("Sum"),),
    ),
    Table(
        "vedlegg-26", "Vedlegg tabell 26 Spesialisthelsetjenester – statsforvalternes poenggivende "
                      "tilsynsaktiviteter {y}",
        counts=_("Resultatmål (referansedata), aktivitetspoeng fra gjennomførte tilsyn og måloppnåelse i prosent."),
        columns=(Col("Resultatmål (poeng)", point_target("specialist_health")),
                 Col("Statsf. poengfastsetting", points(HEALTH, "specialist")),
                 Col("Prosent måloppnåelse",
                     Ratio(points(HEALTH, "specialist"), point_target("specialist_health")))),
        rows=(offices("Sum"),),
    ),
    # ------------------------------------------------------------------------------------------ tilsynssaker, helse
    Table(
        "vedlegg-27", "Vedlegg tabell 27 Helse- og omsorgstjenester – antall tilsynssaker som statsforvalterne har "
                      "utredet og avgjort, {y-2}-{y}",
        counts=_("Avsluttede tilsynssaker (helse og omsorg) med behandlingsmåte 5, per statsforvalter og år; siste "
                 "rad: behandlingsmåte 1–4."),
        columns=years(-2, label="Avgjorte saker {y}", measure=HEALTH_INVESTIGATED),
        rows=(offices("Sum"), Row(CATCH_UP_ROW, measure=HEALTH_OTHERWISE)),
    ),
    Table(
        "vedlegg-28", "Vedlegg tabell 28 Helse og omsorgstjenester – antall avsluttede tilsynssaker fordelt på "
                      "behandlingsmåter hos statsforvalterne i {y}",
        counts=_("Avsluttede tilsynssaker (helse og omsorg) per statsforvalter og behandlingsmåte."),
        columns=(*choice_columns("handling_method", METHODS_V28, HEALTH_CASES), Col("I alt", HEALTH_CASES)),
        rows=(offices("Sum"),),
    ),
    Table(
        "vedlegg-29", "Vedlegg tabell 29 Helse- og omsorgstjenester – vurderinger i tilsynssaker behandlet av "
                      "statsforvalterne {y-2}–{y} fordelt på lovbestemmelser",
        counts=_("Vurderinger i avsluttede tilsynssaker (helse og omsorg) per bestemmelse og år, og de med lovbrudd; "
                 "siste rad teller sakene."),
        columns=(*years(-2, label="Antall vurderinger {y}", measure=HEALTH_ASSESSMENTS),
                 Col("Konstatert lovbrudd / oversendt til Statens helsetilsyn {y}", HEALTH_BREACHES)),
        rows=(provisions("health-supervision", "vedlegg-29", total="Sum vurderinger"),
              Row("Antall saker vurderingene er fordelt på", each=distinct_cases)),
    ),
    Table(
        "vedlegg-30", "Vedlegg tabell 30 Helse- og omsorgstjenester – utfall av behandlingen av klagesaker om "
                      "manglende oppfyllelse av rettigheter etter helse- og omsorgstjenestelovgivningen behandlet "
                      "av statsforvalterne i {y}",
        counts=_("Vurderinger i realitetsbehandlede rettighetsklager (helse og omsorg), og utfallene i prosent av "
                 "vurderingene."),
        columns=(Col("Antall vurderinger", HEALTH_COMPLAINT_ASSESSMENTS),
                 Col("Andel stadfestet", share(HEALTH_COMPLAINT_ASSESSMENTS, Q(outcome="upheld"))),
                 Col("Andel endret", share(HEALTH_COMPLAINT_ASSESSMENTS, Q(outcome="changed"))),
                 Col("Andel opphevet", share(HEALTH_COMPLAINT_ASSESSMENTS, Q(outcome="quashed")))),
        rows=(offices("Landet"),),
    ),
    Table(
        "vedlegg-31", "Vedlegg tabell 31 Helse- og omsorgstjenester – vurderinger i klagesaker behandlet av "
                      "statsforvalterne {y-2}–{y} fordelt på lovbestemmelser og utfall av behandlingen i {y}",
        counts=_("Vurderinger i realitetsbehandlede rettighetsklager (helse og omsorg) per bestemmelse og år, og de "
                 "med medhold; siste rad teller klagene."),
        columns=(*years(-2, label="Antall vurderinger {y}", measure=HEALTH_COMPLAINT_ASSESSMENTS),
                 Col("Herav helt/delvis medhold for klager {y}",
                     HEALTH_COMPLAINT_ASSESSMENTS.narrowed(CHANGED_OR_QUASHED))),
        rows=(provisions("health-complaint", "vedlegg-31", total="Sum vurderingsgrunnlag"),
              Row("Antall saker vurderingene er fordelt på", each=distinct_cases)),
    ),
    # ------------------------------------------------------------------------------------------ tvang
    Table(
        "vedlegg-32", "Vedlegg tabell 32 Helse- og omsorgstjenester – meldte beslutninger om skadeavvergende "
                      "tvangstiltak i nødsituasjoner overfor personer med utviklingshemming {y} "
                      "(helse- og omsorgstjenesteloven kap. 9)",
        counts=_("Mottatte beslutninger om tvang i nødssituasjoner, og ulike personer (fødselsnummer) de gjaldt."),
        columns=(Col("Antall meldte beslutninger", CH9_EMERGENCY),
                 Col("Antall personer beslutningene gjaldt", CH9_EMERGENCY_PERSONS)),
        rows=(offices("Landet"),),
    ),
    Table(
        "vedlegg-33", "Vedlegg tabell 33 Helse- og omsorgstjenester – vedtak om tvang som skadeavvergende tiltak "
                      "og tiltak for å dekke grunnleggende behov i {y} (helse- og omsorgstjenesteloven kap. 9)",
        counts=_("Vedtak overprøvd i året (godkjent eller ikke), andel innen tre måneder fra mottatt, godkjente, "
                 "personer med godkjent vedtak som gjaldt ved årets slutt, og stedlige tilsyn med tiltakene."),
        columns=(Col("Antall overprøvde vedtak", CH9_REVIEWED),
                 Col("Andel overprøvd innen 3 md.", within(CH9_REVIEWED, THREE_MONTHS)),
                 Col("Antall godkjente vedtak", CH9_APPROVED),
                 Col("Antall personer med godkjente vedtak per 31.12.{y}", CH9_PERSONS_IN_FORCE),
                 Col("Antall stedlige tilsyn", CH9_ON_SITE)),
        rows=(offices("Hele landet"),),
    ),
    Table(
        "vedlegg-34", "Vedlegg tabell 34 Helse- og omsorgstjenester –omfang av personell som utførte tvangstiltak "
                      "overfor personer med utviklingshemming i {y}. Dispensasjon fra utdanningskrav.",
        counts=_("Godkjente vedtak: gjennomsnittlig antall personell, antall med innvilget dispensasjon, og "
                 "gjennomsnittlig antall personer søkt og innvilget dispensasjon for."),
        columns=(
            Col("Personell som skal gjennomføre tiltak, antall i gjennomsnitt per godkjent vedtak",
                Average(s.coercion_cases("coercion_ch9_vedtak"), "ch9_vedtak__personnel_count",
                        Q(ch9_vedtak__approved=True))),
            Col("Antall godkjente vedtak med innvilget dispensasjon fra utdanningskrav", CH9_WITH_DISPENSATION),
            Col("Vedtak med innvilget dispensasjon: gj.snitt antall personer søkt for",
                Average(s.ch9_dispensations_granted(), "ch9_dispensation__persons_applied_for")),
            Col("Vedtak med innvilget dispensasjon: gj.snitt antall personer innvilget for",
                Average(s.ch9_dispensations_granted(), "ch9_dispensation__persons_granted")),
        ),
        rows=(offices("Hele landet"),),
    ),
    Table(
        "vedlegg-35", "Vedlegg tabell 35 Helse- og omsorgstjenester – beslutninger og vedtak om tvang overfor "
                      "personer med utviklingshemming {y-10}–{y}",
        counts=_("Vedlegg 32–34 for hvert år: beslutninger og personer, godkjente og ikke godkjente vedtak, "
                 "personer med godkjent vedtak ved årets slutt, vedtak med dispensasjon, stedlige tilsyn."),
        columns=(
            Col("Melding om skadeavvergende tiltak i nødssituasjoner | Antall meldte beslutninger", CH9_EMERGENCY),
            Col("Melding om skadeavvergende tiltak i nødssituasjoner | Antall personer beslutningene gjaldt",
                CH9_EMERGENCY_PERSONS),
            Col("Statsforvalterens overprøving av vedtak | Antall vedtak godkjent", CH9_APPROVED),
            Col("Statsforvalterens overprøving av vedtak | Antall ikke godkjente vedtak", CH9_NOT_APPROVED),
            Col("Statsforvalterens overprøving av vedtak | Antall personer med godkjente vedtak per 31.12.",
                CH9_PERSONS_IN_FORCE),
            Col("Statsforvalterens overprøving av vedtak | Antall godkjente vedtak med minst én innvilget søknad "
                "om disp. fra utdanningskrav", CH9_WITH_DISPENSATION),
            Col("Antall stedlige tilsyn", CH9_ON_SITE),
        ),
        rows=tuple(year_rows(-10)),
    ),
    Table(
        "vedlegg-36", "Vedlegg tabell 36 Helse- og omsorgstjenester – tiltak i godkjente vedtak om tvang overfor "
                      "personer med utviklingshemming i {y}",
        counts=_("Godkjente vedtak (overprøvd i året) med hvert tiltak, i antall og i prosent av alle godkjente."),
        columns=(Col("Antall vedtak", CH9_MEASURES), Col("Andel av vedtakene", Ratio(CH9_MEASURES,
                                                                                       CH9_APPROVED.overall()))),
        rows=(
            terms("coercion_measure_ch9", "measure", total="Sum tiltak i godkjente vedtak",
                  total_cells={"Andel av vedtakene": EMPTY}),
            Row("Gjennomsnittlig antall tiltak per godkjente vedtak", cells={
                "Antall vedtak": Ratio(CH9_MEASURES, CH9_APPROVED, scale=1, decimals=1, unit=AVERAGE),
                "Andel av vedtakene": EMPTY}),
            Row("Antall godkjente vedtak", cells={"Antall vedtak": CH9_APPROVED, "Andel av vedtakene": EMPTY}),
        ),
    ),
    Table(
        "vedlegg-37", "Vedlegg tabell 37 Helse- og omsorgstjenester – kategorisering av tiltakene i godkjente "
                      "vedtak om tvang overfor personer med utviklingshemming i {y}",
        counts=_("Godkjente vedtak med minst ett tiltak i kategorien (tiltakets kategori etter referansedataene), "
                 "i antall og i prosent av alle godkjente."),
        columns=(Col("Antall vedtak med minst ett tiltak i kategorien", CH9_MEASURES.of("ch9vedtak")),
                 Col("Andel av vedtakene", Ratio(CH9_MEASURES.of("ch9vedtak"), CH9_APPROVED.overall()))),
        rows=(
            Members("measure", ch9_categories),
            Row("Antall godkjente vedtak", cells={"Antall vedtak med minst ett tiltak i kategorien": CH9_APPROVED,
                                                  "Andel av vedtakene": EMPTY}),
        ),
    ),
    Table(
        "vedlegg-38", "Vedlegg tabell 38 Helse- og omsorgstjenester – vedtak om tvang overfor pasienter uten "
                      "samtykkekompetanse som motsetter seg helsehjelp i {y} (pasient- og brukerrettighetsloven "
                      "kap. 4A)",
        counts=_("Vedtak gjennomgått ved innkomst og ved fornyet gjennomgang i året, andel opphevet eller endret, "
                 "og realitetsbehandlede klager på vedtak; siste rad: vedtak det var uaktuelt å gjennomgå."),
        columns=(
            Col("Gjennomgang ved innkomst | Antall", CH4A_REVIEWED),
            Col("Gjennomgang ved innkomst | Andel opphevet eller endret",
                share(CH4A_REVIEWED, Q(ch4a_vedtak__outcome__in=["quashed", "changed"]))),
            Col("Fornyet gjennomgang av vedtak som varer lenger enn 3 md. | Antall", CH4A_FOLLOWED_UP),
            Col("Fornyet gjennomgang av vedtak som varer lenger enn 3 md. | Andel opphevet eller endret",
                share(CH4A_FOLLOWED_UP, Q(ch4a_vedtak__follow_up_outcome__in=["quashed", "changed"]))),
            Col("Behandlede klager på vedtak | Antall", CH4A_COMPLAINTS),
        ),
        rows=(offices("Landet"),
              Row("I tillegg irrelevant å behandle", measure=EMPTY, cells={
                  "Gjennomgang ved innkomst | Antall": CH4A_DECIDED.narrowed(
                      Q(ch4a_vedtak__outcome="not_relevant")),
                  "Fornyet gjennomgang av vedtak som varer lenger enn 3 md. | Antall": CH4A_FOLLOW_UPS.narrowed(
                      Q(ch4a_vedtak__follow_up_outcome="not_relevant"))})),
    ),
    Table(
        "vedlegg-39", "Vedlegg tabell 39 Helse- og omsorgstjenester – tiltak i gjennomgåtte vedtak om tvang "
                      "overfor pasienter uten samtykkekompetanse som motsetter seg helsehjelp {y-2}–{y}",
        counts=_("Tiltak i vedtak gjennomgått ved innkomst i året (flere per vedtak), og antall slike vedtak."),
        columns=years(-2, measure=Count_(s.ch4a_measures())),
        rows=(terms("coercion_measure_4a", "measure", total="Sum tiltak i gjennomgåtte vedtak"),
              Row("Antall vedtak som tiltakene fordeler seg på", measure=CH4A_REVIEWED)),
    ),
    # ------------------------------------------------------------------------------------------ Helsetilsynet
    Table(
        "vedlegg-40", "Vedlegg tabell 40 Helse- og omsorgstjenester – typer reaksjoner fra Statens helsetilsyn til "
                      "helsepersonell fordelt på helsepersonellkategorier i {y}",
        counts=_("Reaksjoner til helsepersonell vedtatt i året etter type og yrke."),
        columns=(term_columns("reaction_type", "reaction_type", REACTIONS, table_id="vedlegg-40",
                              labels=REACTIONS_V40),
                 Col("SUM", REACTIONS, where={"reaction_type": ("professional_order", "limitation", "revocation",
                                                                "prescribing_rights_revocation")})),
        rows=(terms("profession", "profession", table_id="vedlegg-40", labels=PROFESSIONS_V40, total="SUM"),),
    ),
    Table(
        "vedlegg-41", "Vedlegg tabell 41 Helse- og omsorgstjenester – reaksjoner fra Statens helsetilsyn til "
                      "helsepersonell etter helsepersonellkategori {y-2}–{y}",
        counts=_("Reaksjoner til helsepersonell (advarsel, faglig pålegg, tilbakekall, begrensning) vedtatt i året, "
                 "per yrke."),
        columns=years(-2, measure=REACTIONS.narrowed(Q(type__code__in=PERSONNEL_REACTION_TYPES))),
        rows=(terms("profession", "profession", table_id="vedlegg-41", labels=PROFESSIONS_V41, total="Sum"),),
    ),
    Table(
        "vedlegg-42", "Vedlegg tabell 42 Helse- og omsorgstjenester – reaksjoner gitt av Statens helsetilsyn til "
                      "helsepersonell og virksomheter i {y} etter hvor sakene startet",
        counts=_("Helsetilsynets avsluttede tilsynssaker og reaksjoner vedtatt i året, etter hvor saken startet "
                 "(statsforvalteren som oversendte den, Helsetilsynet selv, utenlandsk myndighet)."),
        columns=(Col("Antall avsluttede saker", HTIL_CASES),
                 term_columns("reaction_type", "reaction_type", REACTIONS, table_id="vedlegg-42"),
                 Col("SUM", REACTIONS, where={"reaction_type": REACTION_CODES_V42})),
        rows=(offices("SUM", name="started", extra=STARTED_ELSEWHERE),),
    ),
    Table(
        "vedlegg-43", "Vedlegg tabell 43 Helse- og omsorgstjenester – reaksjoner gitt av Statens helsetilsyn til "
                      "helsepersonell og virksomheter i {y} i saker som startet hos statsforvalterne",
        counts=_("Som vedlegg 42, for sakene som startet hos en statsforvalter."),
        columns=(Col("Avsluttede saker {y}", HTIL_CASES),
                 term_columns("reaction_type", "reaction_type", REACTIONS, table_id="vedlegg-43"),
                 Col("Sum reaksjoner/ påpekte lovbrudd", REACTIONS, where={"reaction_type": REACTION_CODES_V42})),
        rows=(offices("Sum", name="started"),),
    ),
    Table(
        "vedlegg-44", "Vedlegg tabell 44 Helse- og omsorgstjenester – utfall som ikke kategoriseres som reaksjoner "
                      "i saker som startet hos statsforvalterne",
        counts=_("Helsetilsynets avsluttede tilsynssaker som startet hos en statsforvalter, og utfall som ikke er "
                 "reaksjoner."),
        columns=(Col("Avsluttede saker i {y}", HTIL_CASES),
                 term_columns("non_reaction_outcome", "non_reaction", HTIL_CASES),
                 Col("Sum utfall", HTIL_CASES.narrowed(Q(supervision__non_reaction_outcome__isnull=False)))),
        rows=(offices("Sum", name="started"),),
    ),
    Table(
        "vedlegg-45", "Vedlegg tabell 45 Varsler og operativt tilsyn – varsler fordelt på type helsetjeneste "
                      "{y-2}–{y}",
        counts=_("Hendelser varslet av virksomheter og ikke vurdert å være utenfor varselordningen, etter type "
                 "helsetjeneste, i antall og prosent."),
        columns=(*years(-2, label="Antall varsler mottatt | {y}", measure=COVERED_ENTERPRISE_INCIDENTS),
                 *years(-2, label="Andel varsler mottatt | {y}",
                        measure=share_of_total(COVERED_ENTERPRISE_INCIDENTS))),
        rows=(terms("incident_service_type", "service_type", total="Totalsum"),),
    ),
    Table(
        "vedlegg-46", "Vedlegg tabell 46 Varsler og operativt tilsyn – måten varslene ble fulgt opp på {y-2}–{y}",
        counts=_("Hendelser (gjentatte varsler om samme hendelse telt én gang) etter oppfølging, i antall og "
                 "prosent."),
        columns=(*years(-2, label="Antall varsler mottatt | {y}", measure=INCIDENTS),
                 *years(-2, label="Andel varsler mottatt | {y}", measure=share_of_total(INCIDENTS))),
        rows=(choices("routing", ROUTINGS, total="Totalsum"),),
    ),
    Table(
        "vedlegg-47", "Vedlegg tabell 47 Varsler og operativt tilsyn – median saksbehandlingstid for varsler med "
                      "stedlig tilsyn eller annen tilsynsmessig oppfølging ferdigbehandlet i {y-2}-{y}",
        counts=_("Varsler Helsetilsynet fulgte opp selv: median saksbehandlingstid for de avsluttet i året, og "
                 "åpne ved årets slutt."),
        columns=years(-3),
        rows=(Row("Median saksbehandlingstid (måneder)", measure=ProcessingMonths(s.own_follow_up())),
              Row("Antall restanser ved årets slutt", measure=Count_(s.own_follow_up(open_at_end=True)))),
    ),
]

BY_ID = {table.id: table for table in TABLES}
