from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from tilsyn.cases.access import visible_cases
from tilsyn.cases.forms import WorkQueueFilter
from tilsyn.cases.kinds import case_details, case_panel_template
from tilsyn.cases.models import Case
from tilsyn.cases.selectors import case_page, work_queue

PAGE_SIZE = 50


@login_required
def queue(request):
    form = WorkQueueFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = work_queue(
        cases=visible_cases(request.user),
        kind=filters.get("kind", ""),
        sector=filters.get("sector", ""),
        status=filters.get("status") or "open",
        caseworker=request.user if filters.get("mine") else None,
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "cases/queue.html", {"form": form, "page": page, "today": timezone.localdate()})


@login_required
def detail(request, case_id: int):
    try:
        case = case_page(case_id=case_id, cases=visible_cases(request.user))
    except Case.DoesNotExist:
        # The same answer whether the case does not exist or is not for this user: no probing.
        raise Http404
    return render(request, "cases/detail.html", {"case": case, "details": case_details(case),
                                                 "panel_template": case_panel_template(case.kind),
                                                 "today": timezone.localdate()})
