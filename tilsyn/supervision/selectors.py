"""Reads and checks on supervision cases that the services, the case page and the API share."""
from django.utils.translation import gettext as _

from tilsyn.cases.models import Case, Outcome, Sector
from tilsyn.supervision.models import HandlingMethod, Result, SupervisionCase, UserInvolvement


def supervision_result_problems(*, case: Case, result: str) -> list[str]:
    """Why `result` does not fit the case's assessments (messages for the user); empty when it fits."""
    outcomes = list(case.assessments.values_list("outcome", flat=True))
    if "" in outcomes:
        return [_("Alle vurderingene må ha utfall før resultatet kan registreres.")]
    if result == Result.BREACH and Outcome.BREACH not in outcomes:
        return [_("Resultatet «lovbrudd» krever minst én vurdering med utfallet lovbrudd.")]
    if result == Result.NO_BREACH:
        if not outcomes:
            return [_("Resultatet «ikke lovbrudd» krever minst én vurdert bestemmelse.")]
        if Outcome.BREACH in outcomes:
            return [_("Saken har vurderinger med lovbrudd, så resultatet kan ikke være «ikke lovbrudd».")]
    return []


def supervision_forwarding_problems(*, case: Case, details: SupervisionCase) -> list[str]:
    """Why the case cannot go to Helsetilsynet for assessment of administrative reaction yet."""
    problems = []
    if case.office.is_national:
        return [_("Saken er allerede hos Statens helsetilsyn.")]
    if case.sector != Sector.HEALTH:
        problems.append(_("Bare saker om helse- og omsorgstjenester sendes Statens helsetilsyn for vurdering "
                          "av administrativ reaksjon."))
    if details.handling_method != HandlingMethod.INVESTIGATION:
        problems.append(_("Saken må være utredet av statsforvalteren (behandlingsmåte 5)."))
    problems += supervision_result_problems(case=case, result=Result.BREACH)
    return problems


def method_assesses(details: SupervisionCase, method: int | None) -> bool:
    """Whether a case handled by `method` assesses provisions: at a county governor only its own investigation
    (handling method 5) does (DOMAIN.md: «Only in BM 5 are vurderinger made»). Helsetilsynet's cases have no
    handling method, and their assessments are not bound by one."""
    return details.case.office.is_national or method == HandlingMethod.INVESTIGATION


def supervision_assessment_problems(details: SupervisionCase) -> list[str]:
    """Why no provision can be assessed in the case now (messages for the user); empty when one can."""
    if method_assesses(details, details.handling_method):
        return []
    if details.handling_method is None:
        return [_("Bestemmelser vurderes bare når statsforvalteren utreder saken selv (behandlingsmåte 5). "
                  "Velg behandlingsmåte 5 først.")]
    return [_("Bestemmelser vurderes bare når statsforvalteren utreder saken selv (behandlingsmåte 5), og saken "
              "har behandlingsmåte «%(method)s». Velg behandlingsmåte 5 først.")
            % {"method": HandlingMethod(details.handling_method).label}]


def supervision_closing_problems(details: SupervisionCase) -> list[str]:
    """What a supervision case still lacks before it can be closed, whichever page closes it."""
    case = details.case
    if case.office.is_national:
        return []
    problems = []
    if details.handling_method is None:
        problems.append(_("Velg behandlingsmåte."))
    if details.user_involvement == UserInvolvement.NOT_ASSESSED:
        problems.append(_("Dokumenter om pasienten eller brukeren ble tilbudt å medvirke (brukerinvolvering)."))
    if details.handling_method == HandlingMethod.INVESTIGATION and not details.result:
        problems.append(_("Registrer resultatet av utredningen."))
    return problems


def supervision_panel(*, case: Case) -> SupervisionCase | None:
    """The case's supervision details with what its panel shows, in one query."""
    return (SupervisionCase.objects.select_related("referred_by", "non_reaction_outcome", "case__origin__office")
            .prefetch_related("sources", "themes").filter(case=case).first())
