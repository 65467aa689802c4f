"""Each kind of case: the model holding its own details, and which offices handle it."""
from dataclasses import dataclass

from django.apps import apps

from tilsyn.cases.models import Kind

ANY_OFFICE = "any"
NATIONAL = "national"
COUNTY_GOVERNOR = "county_governor"


@dataclass(frozen=True)
class KindSpec:
    kind: str
    model_label: str
    handled_at: str

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
        KindSpec(Kind.SUPERVISION_CASE, "supervision.SupervisionCase", ANY_OFFICE),
        KindSpec(Kind.RIGHTS_COMPLAINT, "complaints.RightsComplaint", COUNTY_GOVERNOR),
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
