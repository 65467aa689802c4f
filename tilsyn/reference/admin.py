"""Administrators read the reference data here; changes are made in the data files and loaded on migrate."""
from django.contrib import admin

from tilsyn.reference.models import ActivityPointTarget, Municipality, Office, Provision, Target, Term


class ReadOnlyAdmin(admin.ModelAdmin):
    # The data files are the single source: an edit here would be overwritten by the next load.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Office)
class OfficeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "report_order"]


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "county_name", "office"]
    list_filter = ["office", "county_name"]
    search_fields = ["number", "name"]


@admin.register(Provision)
class ProvisionAdmin(ReadOnlyAdmin):
    list_display = ["code", "catalogue", "section", "label", "active"]
    list_filter = ["catalogue", "law", "active"]
    search_fields = ["code", "label", "section"]


@admin.register(Term)
class TermAdmin(ReadOnlyAdmin):
    list_display = ["vocabulary", "code", "label", "label_nn", "active"]
    list_filter = ["vocabulary", "active"]
    search_fields = ["code", "label"]


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["year", "code", "label", "measure", "target_share", "within_weeks", "within_months"]
    list_filter = ["year", "owner", "measure"]


@admin.register(ActivityPointTarget)
class ActivityPointTargetAdmin(ReadOnlyAdmin):
    list_display = ["year", "office", "sector", "target_points"]
    list_filter = ["year", "sector"]
