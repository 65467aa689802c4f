"""The statistics pages: the list of tables for a year, and one table (live, or against a published edition).

Only aggregates are shown, never a case, so every logged-in role may see them.
"""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from tilsyn.statistics.engine import year_label
from tilsyn.statistics.exports import download
from tilsyn.statistics.forms import StatisticsFilterForm
from tilsyn.statistics.formatting import comparison_display, table_display
from tilsyn.statistics.models import Edition
from tilsyn.statistics.selectors import (edition_diff, edition_table, editions_for_year, statistics_table,
                                         statistics_tables, table_compute)


@login_required
def table_list(request):
    form = StatisticsFilterForm.from_query(request.GET)
    parameters = form.parameters()
    tables = [{"id": t.id, "title": year_label(t.title, parameters["year"]), "counts": t.counts}
              for t in statistics_tables()]
    return render(request, "statistics/table_list.html", {
        "form": form, "tables": tables, "editions": editions_for_year(parameters["year"]),
        "query": request.GET.urlencode()})


@login_required
def table_detail(request, table_id):
    table = statistics_table(table_id)
    if table is None:
        raise Http404
    form = StatisticsFilterForm.from_query(request.GET)
    parameters = form.parameters()
    edition = None
    if request.GET.get("edition"):
        edition = get_object_or_404(Edition, pk=request.GET["edition"], year=parameters["year"])
        parameters["office"] = None  # an edition holds the whole country's figures
    live = table_compute(table_id=table_id, **parameters)
    response = download([live], request.GET.get("format"), f"{table_id}-{parameters['year']}")
    if response:
        return response
    context = {"form": form, "declaration": table, "live": table_display(live), "edition": edition,
               "query": request.GET.urlencode(), "editions": editions_for_year(parameters["year"])}
    if edition:
        context.update(comparison_display(edition_table(edition, table_id), live, edition_diff(edition, live)))
    return render(request, "statistics/table_detail.html", context)
