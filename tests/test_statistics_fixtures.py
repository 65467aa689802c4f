"""Small hand-built cases for the statistics tests (no tests here): each builder makes one case through the ORM
with just the facts a table counts."""
import datetime
import itertools

from tilsyn.cases.models import Assessment, Case, Party
from tilsyn.complaints.models import RightsComplaint
from tilsyn.reference.models import Office, Provision, Term
from tilsyn.supervision.models import Reaction, SupervisionCase

_sequence = itertools.count(1)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def make_case(kind: str, office: str, *, sector: str = "health", received="2024-01-10", closed="2024-02-01",
              origin: Case | None = None) -> Case:
    number = next(_sequence)
    received, closed = day(received), day(closed) if closed else None
    return Case.objects.create(
        external_id=f"T-{number}", kind=kind, office=Office.objects.get(code=office), sector=sector,
        case_year=received.year, case_sequence=number, title="Testsak", received=received, closed=closed,
        status="closed" if closed else "open", origin=origin)


def make_supervision(office="SFVL", *, method=1, sector="health", objects=(), result="", started_at=None,
                     referred_by=None, **dates) -> Case:
    case = make_case("supervision_case", office, sector=sector, **dates)
    SupervisionCase.objects.create(case=case, handling_method=method, result=result,
                                   started_at=started_at or "county_governor",
                                   referred_by=Office.objects.get(code=referred_by) if referred_by else None)
    for object_type in objects:
        add_party(case, "supervised", object_type=object_type)
    return case


def make_complaint(office="SFVL", *, complaint_type="health", sector="health", outcomes=(), rejected=False,
                   **dates) -> Case:
    """A rights complaint with one assessment per (provision code, outcome)."""
    case = make_case("rights_complaint", office, sector=sector, **dates)
    RightsComplaint.objects.create(case=case, complaint_type=complaint_type, rejected=rejected)
    for provision, outcome in outcomes:
        assess(case, provision, outcome)
    return case


def assess(case: Case, provision: str, outcome: str = "") -> Assessment:
    return Assessment.objects.create(case=case, provision=Provision.objects.get(code=provision), outcome=outcome)


def add_party(case: Case, role: str, *, object_type=None, profession=None, national_id="") -> Party:
    return Party.objects.create(
        case=case, role=role, name="Part", national_id=national_id,
        object_type=Term.objects.get(vocabulary="supervised_object_type", code=object_type) if object_type else None,
        profession=Term.objects.get(vocabulary="profession", code=profession) if profession else None)


def add_reaction(case: Case, reaction_type: str, *, profession="doctor", decided="2024-06-01", reasons=()):
    person = add_party(case, "supervised", object_type="health_personnel", profession=profession)
    reaction = Reaction.objects.create(case=case, party=person, decided=day(decided),
                                       type=Term.objects.get(vocabulary="reaction_type", code=reaction_type))
    reaction.revocation_reasons.set(Term.objects.filter(vocabulary="revocation_reason", code__in=reasons))
    return reaction


def row(table: dict, label: str, section: str | None = None) -> dict:
    """A computed table's row values by label (and section)."""
    for printed in table["rows"]:
        if printed["label"] == label and printed.get("section") == section:
            return printed["values"]
    raise KeyError(label)
