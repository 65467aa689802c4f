from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from tilsyn.accounts.models import Role
from tilsyn.cases.selectors import case_counts_by_kind

# Roles that look at the whole country; the others see their own office.
NATIONAL_ROLES = {Role.NATIONAL, Role.ANALYST, Role.ADMINISTRATOR}


@login_required
def home(request):
    year = timezone.localdate().year
    national = request.user.role in NATIONAL_ROLES or request.user.office is None
    office = None if national else request.user.office
    counts = case_counts_by_kind(year=year, office=office)
    return render(request, "web/home.html", {"counts": counts, "year": year, "office": office})
