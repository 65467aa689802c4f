from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tilsyn.cases.access import reads_cases
from tilsyn.cases.kinds import KINDS
from tilsyn.cases.models import Kind
from tilsyn.complaints.forms import ComplaintForm
from tilsyn.complaints.selectors import complaint_duplicates_of
from tilsyn.complaints.services import complaint_register


def may_register(user) -> bool:
    return reads_cases(user) and KINDS[Kind.RIGHTS_COMPLAINT].handled_by(user.office)


@login_required
def register(request):
    if not may_register(request.user):
        raise PermissionDenied
    office = request.user.office
    status = 200
    if request.method != "POST":
        form = ComplaintForm(office=office, user=request.user, initial=request.GET.dict())
    elif "bytt_type" in request.POST:
        # Another type of complaint chosen: the same form again with that type's provisions, nothing saved.
        kept = {key: value for key, value in request.POST.items() if key not in ("provisions", "csrfmiddlewaretoken")}
        form = ComplaintForm(office=office, user=request.user, initial=kept)
    else:
        form = ComplaintForm(request.POST, office=office, user=request.user)
        if form.is_valid():
            try:
                case = complaint_register(office=office, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Klagen er registrert som sak %(number)s.") % {"number": case.case_number})
                duplicates = [c.case_number for c in complaint_duplicates_of(case)]
                if duplicates:
                    messages.warning(request, _("Mulig dobbeltregistrering: samme person og tjeneste i sak %(cases)s.")
                                     % {"cases": ", ".join(duplicates)})
                return redirect("cases:detail", case.pk)
        status = 400
    return render(request, "complaints/register.html", {"form": form}, status=status)
