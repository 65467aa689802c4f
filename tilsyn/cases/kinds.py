"""Each kind of case: the model holding its own details, which offices handle it, and the outcomes its
assessments can have.

Seams for the kinds' own packages, so that the common case page and services need no edit per kind:
* `<app>/case_panel.html` (e.g. `complaints/case_panel.html`): included on the case page for cases of the kinds
  in that app, with `case`, `details` and `today` in the context (`case_panel_template`).
* `provision_catalogue` on the detail model: the catalogue (`reference.Provision.catalogue`) the case's
  assessments are taken from; without it any active provision may be assessed (`provisions_assessable`).
* the URL named `<app>:register`: the registration form for a new case of the kind, linked from the work queue
  for users at an office that handles the kind (`registration_links`).
* `assessment_problems()` on the detail model: reasons no provision can be assessed in the case now (e.g. a
  supervision case not investigated by the office itself); the services refuse, the case page offers no form
  (`assessment_problems`).
* `closing_problems()` on the detail model: reasons the case cannot be closed yet (see transitions.py).
* `facts_in_panel = True` on the detail model: the kind's panel shows its details, so the case page leaves out
  the generic list of them.
"""
from dataclasses import dataclass
from functools import lru_cache

from django.apps import apps
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse

from tilsyn.cases.models import COMPLAINT_OUTCOMES, SUPERVISION_OUTCOMES, Kind, Outcome
from tilsyn.reference.models import Provision

ANY_OFFICE = "any"
NATIONAL = "national"
COUNTY_GOVERNOR = "county_governor"


@dataclass(frozen=True)
class KindSpec:
    kind: str
    model_label: str
    handled_at: str
    outcomes: frozenset[str] = frozenset()

    @property
    def app_label(self) -> str:
        return self.model_label.split(".")[0]

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def accessor(self) -> str:
        """The name of the one-to-one relation from Case to the details (`case.supervision`, …)."""
        return self.model._meta.get_field("case").remote_field.related_name

    def handled_by(self, office) -> bool:
        return self.handled_at == ANY_OFFICE or self.handled_at == office.kind


KINDS = {
    spec.kind: spec
    for spec in [
        KindSpec(Kind.SUPERVISION_CASE, "supervision.SupervisionCase", ANY_OFFICE, frozenset(SUPERVISION_OUTCOMES)),
        KindSpec(Kind.RIGHTS_COMPLAINT, "complaints.RightsComplaint", COUNTY_GOVERNOR, frozenset(COMPLAINT_OUTCOMES)),
        KindSpec(Kind.INCIDENT_NOTIFICATION, "notifications.IncidentNotification", NATIONAL),
        KindSpec(Kind.COERCION_CH9_EMERGENCY, "coercion.Ch9EmergencyDecision", COUNTY_GOVERNOR),
        KindSpec(Kind.COERCION_CH9_VEDTAK, "coercion.Ch9Vedtak", COUNTY_GOVERNOR),
        KindSpec(Kind.COERCION_CH9_DISPENSATION, "coercion.Ch9Dispensation", COUNTY_GOVERNOR),
        KindSpec(Kind.COERCION_4A_VEDTAK, "coercion.Ch4AVedtak", COUNTY_GOVERNOR),
        KindSpec(Kind.CW_COERCION_PROTOCOL, "coercion.CwCoercionProtocol", COUNTY_GOVERNOR),
        KindSpec(Kind.PLANNED_INSPECTION, "inspections.PlannedInspection", ANY_OFFICE),
        KindSpec(Kind.AUTHORISATION_APPLICATION, "applications.AuthorisationApplication", NATIONAL),
        KindSpec(Kind.ACCESS_REQUEST, "applications.AccessRequest", ANY_OFFICE),
    ]
}


def case_details(case):
    """The kind-specific details of `case` (a SupervisionCase, a RightsComplaint, …), or None."""
    spec = KINDS[case.kind]
    return getattr(case, spec.accessor, None)


@lru_cache(maxsize=None)
def case_panel_template(kind: str) -> str | None:
    """`<app>/case_panel.html` of the kind's package when that template exists, else None."""
    name = f"{KINDS[kind].app_label}/case_panel.html"
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return None
    return name


def provisions_assessable(case):
    """The active provisions an assessment in `case` may name: the catalogue its details name, or all."""
    provisions = Provision.objects.filter(active=True)
    catalogue = getattr(case_details(case), "provision_catalogue", None)
    return provisions.filter(catalogue=catalogue) if catalogue else provisions


def assessment_problems(case) -> list[str]:
    """Why no provision can be assessed in `case` now, as its kind's details say (messages for the user)."""
    details = case_details(case)
    return details.assessment_problems() if hasattr(details, "assessment_problems") else []


def outcome_choices(case) -> list[tuple[str, str]]:
    """The outcomes an assessment in `case` can have, in the order of `Outcome`."""
    allowed = KINDS[case.kind].outcomes
    return [(value, label) for value, label in Outcome.choices if value in allowed]


def registration_links(user) -> list[tuple[str, str]]:
    """(label, url) of the registration form of every kind `user`'s office handles and that has one."""
    from tilsyn.cases.access import reads_cases

    if not reads_cases(user):
        return []
    links = []
    for spec in KINDS.values():
        if spec.handled_by(user.office):
            try:
                links.append((Kind(spec.kind).label, reverse(f"{spec.app_label}:register")))
            except NoReverseMatch:
                continue
    return links
