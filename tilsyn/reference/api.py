from ninja import Router, Schema

from tilsyn.reference.models import Office, Provision, Term

router = Router(tags=["referansedata"])


class OfficeOut(Schema):
    code: str
    kind: str
    name: str
    name_nn: str
    short_name: str


class ProvisionOut(Schema):
    code: str
    catalogue: str
    law: str
    section: str
    label: str
    complaint_group: str
    active: bool


class TermOut(Schema):
    code: str
    label: str
    label_nn: str
    active: bool


@router.get("/embeter", response=list[OfficeOut])
def offices(request):
    return Office.objects.order_by("report_order")


@router.get("/bestemmelser", response=list[ProvisionOut])
def provisions(request, catalogue: str = ""):
    rows = Provision.objects.all()
    return rows.filter(catalogue=catalogue) if catalogue else rows


@router.get("/kodeverk/{vocabulary}", response=list[TermOut])
def terms(request, vocabulary: str):
    return Term.objects.filter(vocabulary=vocabulary)
