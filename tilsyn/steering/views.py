"""The steering panel: the national view, an office's view, the backlog on any date, and the cases behind a
figure. The figures are aggregates, read from the daily aggregates (or computed by the engine for a chosen
date), so every logged-in role may see them; the case lists show only cases the user may see."""
import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tilsyn.audit.services import Action, audit_record
from tilsyn.reference.models import Office
from tilsyn.security import rls
from tilsyn.statistics.backlogs import AGE_BANDS
from tilsyn.statistics.exports import download
from tilsyn.steering import selectors
from tilsyn.steering.display import backlogs_shown, targets_shown
from tilsyn.steering.exports import backlogs_table, targets_table, trend_table
from tilsyn.steering.forms import DateForm, DrillDownForm, YearForm

PAGE_SIZE = 50


@login_required
@rls.aggregates_view
def panel(request):
    form = YearForm(request.GET, years=selectors.panel_years())
    year = form.year()
    targets = selectors.target_rows(year) if year else []
    backlogs = selectors.backlog_rows(year) if year else []
    end = _end_day(targets, backlogs)
    exported = download_of(request, f"styring-{year}", lambda: [
        targets_table(year, targets), trend_table(year, targets), backlogs_table(year, backlogs, end)])
    if exported:
        return exported
    return render(request, "steering/panel.html", {
        "form": form, "year": year, "last_year": (year or 0) - 1, "targets_shown": targets_shown(targets),
        "backlogs_shown": backlogs_shown(backlogs), "end": end,
        "offices": selectors.county_governors(), "refresh": selectors.latest_refresh(),
        "home_office": selectors.home_office(request.user), "charts": _charts(year, targets, backlogs),
        "query": request.GET.urlencode()})


@login_required
@rls.aggregates_view
def office(request, code):
    office = get_object_or_404(Office, code=code)
    form = YearForm(request.GET, years=selectors.panel_years())
    year = form.year()
    targets = selectors.target_rows(year, office) if year else []
    backlogs = selectors.backlog_rows(year, office) if year else []
    today = timezone.localdate()
    end = _end_day(targets, backlogs) or (min(today, datetime.date(year, 12, 31)) if year else today)
    series = selectors.series_for(office)
    chosen = next((b for b in series if b.code == request.GET.get("serie")), series[0])
    flows = selectors.weekly_flows(year, office, chosen.code) if year else []
    exported = download_of(request, f"styring-{code}-{year}", lambda: [
        targets_table(year, targets, office), trend_table(year, targets), backlogs_table(year, backlogs, end)])
    if exported:
        return exported
    oldest = list(selectors.oldest_open_cases(request.user, office, end))
    due_soon = list(selectors.cases_due_soon(request.user, office, end))
    paused = selectors.cases_paused(request.user, office, end).count()
    audit_record(request=request, action=Action.LIST, cases={case.pk: case for case in due_soon + oldest}.values())
    return render(request, "steering/office.html", {
        "form": form, "year": year, "last_year": (year or 0) - 1, "office": office,
        "targets_shown": targets_shown(targets, office), "backlogs_shown": backlogs_shown(backlogs, office),
        "end": end,
        "series": series, "chosen": chosen, "flows": flows, "flows_chart": _flows_chart(flows),
        "age_bands": selectors.age_bands(office, end), "band_labels": [label for label, _limit in AGE_BANDS],
        "oldest": oldest, "due_soon": due_soon, "paused": paused,
        "paused_in_queue": office.pk == request.user.office_id,  # the work queue lists the user's own office
        "refresh": selectors.latest_refresh(), "charts": _charts(year, targets, backlogs),
        "query": request.GET.urlencode()})


@login_required
@rls.aggregates_view
def backlog(request):
    form = DateForm(request.GET)
    day = form.day(timezone.localdate())
    return render(request, "steering/backlog.html", {
        "form": form, "day": day, "rows": selectors.backlog_on(day), "offices": selectors.county_governors()})


@login_required
def cases(request):
    form = DrillDownForm(request.GET)
    if not form.is_valid():
        raise Http404
    result = selectors.drill_down(request.user, form.spec())
    page = Paginator(result.cases, PAGE_SIZE).get_page(request.GET.get("side"))
    audit_record(request=request, action=Action.LIST, cases=page)
    return render(request, "steering/cases.html", {"result": result, "page": page, "spec": form.spec(),
                                                   "today": timezone.localdate()})


def _end_day(targets, backlogs):
    days = [row.day for row in targets if row.day]
    return max(days) if days else None


def _charts(year, targets, backlogs) -> dict:
    """The data the charts draw (the same numbers as the tables beside them)."""
    months = [str(label) for label in selectors.MONTH_LABELS]
    return {"months": months, "year": year, "last": (year or 0) - 1, "goal_label": _("Mål"),
            "targets": {row.target.code: {"unit": row.unit, "goal": row.office.goal if row.office else row.goal,
                                          "this": row.this_year,
                                          "last": row.last_year} for row in targets},
            "backlogs": {row.code: {"unit": "antall", "this": row.this_year, "last": row.last_year}
                         for row in backlogs}}


def _flows_chart(flows) -> dict:
    return {"weeks": [f"{week['week']:%d.%m.}" for week in flows], "inflow": [week["inflow"] for week in flows],
            "closures": [week["closures"] for week in flows],
            "labels": {"inflow": str(_("Nye")), "closures": str(_("Avsluttede"))}}


def download_of(request, filename: str, tables):
    """The tables as CSV or Excel when the query asks for one (?format=csv|xlsx), else None."""
    wanted = request.GET.get("format")
    return download(tables(), wanted, filename) if wanted in ("csv", "xlsx") else None
