from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.utils import timezone

from tilsyn.accounts.models import Role
from tilsyn.accounts.services import user_language_set
from tilsyn.cases.selectors import case_counts_by_kind
from tilsyn.security import rls

# Roles that look at the whole country; the others see their own office.
NATIONAL_ROLES = {Role.NATIONAL, Role.ANALYST, Role.ADMINISTRATOR}


@login_required
def home(request):
    year = timezone.localdate().year
    national = request.user.role in NATIONAL_ROLES or request.user.office is None
    office = None if national else request.user.office
    with rls.unrestricted():  # counts only: the overview shows no case
        counts = case_counts_by_kind(year=year, office=office)
    return render(request, "web/home.html", {"counts": counts, "year": year, "office": office})


@login_required
@require_POST
def language_set(request):
    try:
        user_language_set(user=request.user, language=request.POST.get("language", ""))
    except ValueError:
        return HttpResponseBadRequest("Ukjent språk.")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return redirect(next_url)
