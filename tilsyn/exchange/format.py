"""The exchange format's kind blocks, declared once: validation, import and export all read this table.

Case fields, parties, assessments and the journal are few and fixed, so the code names them directly. The ten
kind blocks differ in many small ways; each field here has a type that says how it is checked (codes against
which vocabulary), stored (which column or many-to-many table) and written back (what its default is, since
the canonical form leaves defaults out). The order of the fields is the order of the keys in the canonical
form, the order docs/exchange-format.md lists them in. docs/case.schema.json says the same in JSON Schema;
tests/test_exchange_roundtrip.py checks that the two agree.
"""
import hashlib
import uuid
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal

from django.apps import apps

# uuid5 namespace for system ids derived from external ids, so that importing the same file twice into two
# empty databases gives the same Noark system ids. Never change it.
SYSTEM_ID_NAMESPACE = uuid.UUID("6f1b7c2e-3f0a-5d8e-9c41-7a2d0e5b8f13")




def derived_case_system_id(external_id: str) -> str:
    return uuid5(external_id)


def derived_journal_system_id(external_id: str, number: int) -> str:
    return uuid5(f"{external_id}/{number}")


def uuid5(name: str) -> str:
    """str(uuid.uuid5(SYSTEM_ID_NAMESPACE, name)), in a third of the time: it runs for every journal entry."""
    # SHA-1 because RFC 4122 defines version 5 so; an identifier, not a security function.
    digest = bytearray(hashlib.sha1(SYSTEM_ID_NAMESPACE.bytes + name.encode(), usedforsecurity=False).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# Field types.
TEXT = "text"            # string, default ""
CHOICE = "choice"        # string from a fixed list (the schema holds the list), default "" or as given
DATE = "date"            # YYYY-MM-DD, default null
INT = "int"              # integer or null
BOOL = "bool"            # default false
NULL_BOOL = "null_bool"  # true, false or null (not yet decided)
DECIMAL = "decimal"      # number with one decimal, default 0
TERM = "term"            # code in the vocabulary `vocabulary` (reference.Term)
TERMS = "terms"          # list of such codes, stored as a many-to-many
OFFICE = "office"        # office code
OFFICES = "offices"      # list of office codes, many-to-many
PROVISION = "provision"  # provision code from the catalogue `vocabulary`
CASE_REF = "case_ref"    # external id of another case (in the file or in the database)
REACTIONS = "reactions"  # the supervision case's list of reactions, handled by name

MANY = {TERMS, OFFICES}
FOREIGN_KEYS = {TERM, OFFICE, PROVISION, CASE_REF}

DEFAULTS = {TEXT: "", CHOICE: "", BOOL: False, DECIMAL: Decimal("0"), TERMS: [], OFFICES: [], REACTIONS: []}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    vocabulary: str = ""  # TERM/TERMS: the Term vocabulary; PROVISION: the catalogue
    default: object = None  # when it differs from the type's default

    @property
    def empty(self):
        """The value an absent field stands for, and that the canonical form leaves out."""
        return self.default if self.default is not None else DEFAULTS.get(self.type)


# Where a kind of case may be handled.
ANY_OFFICE = "any"
NATIONAL = "national"
COUNTY_GOVERNOR = "county_governor"


@dataclass(frozen=True)
class Block:
    kind: str
    model_label: str
    at: str
    fields: tuple[Field, ...]

    @property
    def model(self):
        return apps.get_model(self.model_label)

    def field(self, name: str) -> Field:
        return self._by_name[name]

    @cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


BLOCKS = {
    block.kind: block
    for block in [
        Block("supervision_case", "supervision.SupervisionCase", ANY_OFFICE, (
            Field("handling_method", INT),
            Field("sources", TERMS, "source"),
            Field("themes", TERMS, "theme"),
            Field("user_involvement", CHOICE, default="not_assessed"),
            Field("user_involvement_date", DATE),
            Field("result", CHOICE),
            Field("forwarded_to_helsetilsynet", DATE),
            Field("correction_ordered", DATE),
            Field("breach_follow_up_closed", DATE),
            Field("started_at", CHOICE, default="county_governor"),
            Field("referred_by", OFFICE),
            Field("non_reaction_outcome", TERM, "non_reaction_outcome"),
            Field("suspended", DATE),
            Field("voluntary_surrender", DATE),
            Field("police_report", DATE),
            Field("reactions", REACTIONS),
        )),
        Block("rights_complaint", "complaints.RightsComplaint", COUNTY_GOVERNOR, (
            Field("complaint_type", CHOICE),
            Field("service_decision_date", DATE),
            Field("first_instance_received", DATE),
            Field("first_instance_forwarded", DATE),
            Field("rejected", BOOL),
            Field("rejection_reason", TEXT),
        )),
        Block("incident_notification", "notifications.IncidentNotification", NATIONAL, (
            Field("notifier_type", TERM, "notifier_type"),
            Field("service_type", TERM, "incident_service_type"),
            Field("incident_date", DATE),
            Field("duplicate_of", CASE_REF),
            Field("initial_investigation_completed", DATE),
            Field("routing", CHOICE),
            Field("routing_date", DATE),
            Field("forwarded_to", OFFICE),
            Field("follow_up_method", CHOICE),
            Field("assessment_summary", TEXT),
        )),
        Block("coercion_ch9_emergency", "coercion.Ch9EmergencyDecision", COUNTY_GOVERNOR, (
            Field("decided", DATE),
            Field("measure", TERM, "coercion_measure_ch9"),
        )),
        Block("coercion_ch9_vedtak", "coercion.Ch9Vedtak", COUNTY_GOVERNOR, (
            Field("vedtak_date", DATE),
            Field("valid_from", DATE),
            Field("valid_to", DATE),
            Field("measures", TERMS, "coercion_measure_ch9"),
            Field("approved", NULL_BOOL),
            Field("personnel_count", INT),
            Field("on_site_inspection", DATE),
        )),
        Block("coercion_ch9_dispensation", "coercion.Ch9Dispensation", COUNTY_GOVERNOR, (
            Field("persons_applied_for", INT),
            Field("persons_granted", INT),
        )),
        Block("coercion_4a_vedtak", "coercion.Ch4AVedtak", COUNTY_GOVERNOR, (
            Field("vedtak_date", DATE),
            Field("valid_to", DATE),
            Field("measures", TERMS, "coercion_measure_4a"),
            Field("outcome", CHOICE),
            Field("follow_up_outcome", CHOICE),
            Field("lasts_over_three_months", BOOL),
            Field("follow_up_due", DATE),
            Field("follow_up_done", DATE),
        )),
        Block("cw_coercion_protocol", "coercion.CwCoercionProtocol", COUNTY_GOVERNOR, (
            Field("used", DATE),
            Field("provision", PROVISION, "cwi-coercion-complaint"),
            Field("child_complained", BOOL),
        )),
        Block("planned_inspection", "inspections.PlannedInspection", ANY_OFFICE, (
            Field("method", TERM, "inspection_method"),
            Field("scope", TERM, "inspection_scope"),
            Field("service_level", TERM, "service_level"),
            Field("theme", TEXT),
            Field("activity_points", DECIMAL),
            Field("joint_with", OFFICES),
            Field("joint_with_dsb", BOOL),
            Field("statutory", BOOL),
            Field("performed", DATE),
            Field("closing_meeting", DATE),
            Field("preliminary_report_sent", DATE),
            Field("final_report_sent", DATE),
            Field("breaches_found", INT),
            Field("states_failure_in_practice", NULL_BOOL),
            Field("states_consequence_for_users", NULL_BOOL),
            Field("states_management_failure", NULL_BOOL),
            Field("children_present", INT),
            Field("children_offered_conversation", INT),
            Field("children_talked_with", INT),
            Field("regulation_area", CHOICE),
            Field("units_interviewed", INT),
            Field("units_interviewed_digitally", INT),
            Field("units_document_inspection", INT),
        )),
        Block("authorisation_application", "applications.AuthorisationApplication", NATIONAL, (
            Field("application_type", CHOICE),
            Field("decision", CHOICE),
        )),
        Block("access_request", "applications.AccessRequest", ANY_OFFICE, (
            Field("requested_reference", TEXT),
            Field("is_appeal", BOOL),
            Field("appealed_office", OFFICE),
            Field("decision", CHOICE),
        )),
    ]
}

REACTION_FIELDS = ("party", "type", "decided", "revocation_reasons", "imi_notified")

# The keys of a line, in canonical order; the kind block comes last.
CASE_FIELDS = (
    "external_id", "system_id", "kind", "office", "sector", "case_number", "title", "summary", "status",
    "priority", "municipality", "origin", "received", "deadline", "closed", "synthetic", "parties",
    "assessments", "journal",
)
PARTY_FIELDS = (
    "ref", "role", "name", "national_id", "org_number", "object_type", "profession", "service_level", "address",
    "postal_code", "postal_place", "municipality",
)
# The vocabulary of each coded field of a party.
PARTY_VOCABULARIES = {"object_type": "supervised_object_type", "profession": "profession",
                      "service_level": "service_level"}
ASSESSMENT_FIELDS = ("provision", "party", "outcome")
JOURNAL_FIELDS = (
    "number", "type", "title", "public_title", "correspondent", "document_date", "registered", "screened",
    "screening_basis", "system_id",
)

# Provision catalogue of a supervision case, by sector. Public health and EMA cases have no catalogue of their
# own in the annual report, so they cannot carry assessments (see docs/exchange-format.md).
SUPERVISION_CATALOGUE = {
    "health": "health-supervision",
    "social": "social-supervision",
    "child_welfare": "cw-supervision",
}
SUPERVISION_OUTCOMES = {"breach", "no_breach"}
COMPLAINT_OUTCOMES = {"upheld", "changed", "quashed"}
