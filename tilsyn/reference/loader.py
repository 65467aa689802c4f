"""Load the versioned reference data files into the database.

Runs after every `tilsyn migrate` and by `tilsyn load_reference`. Loading is an upsert by natural key, so it
is idempotent; entries that disappeared from a file are kept but marked inactive (cases may point at them).
"""
import json
from pathlib import Path

from django.db import transaction

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data_file(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def _upsert(model, key: dict, values: dict) -> bool:
    """Create or update one row; returns True when something changed."""
    row = model.objects.filter(**key).first()
    if row is None:
        model.objects.create(**key, **values)
        return True
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
    return bool(changed)


def _deactivate_missing(model, seen_ids: set, **filters) -> None:
    model.objects.filter(**filters).exclude(pk__in=seen_ids).update(active=False)


def load_offices() -> dict:
    from tilsyn.reference.models import Office

    offices = {}
    for item in read_data_file("offices.json")["items"]:
        _upsert(
            Office,
            {"code": item["code"]},
            {
                "kind": item["kind"],
                "name": item["name"],
                "name_nn": item["name_nn"],
                "short_name": item["short_name"],
                "report_order": item["report_order"],
                "report_labels": item["report_labels"],
            },
        )
    for office in Office.objects.all():
        offices[office.code] = office
    return offices


def load_municipalities(offices: dict) -> None:
    from tilsyn.reference.models import Municipality

    for item in read_data_file("municipalities.json")["items"]:
        _upsert(
            Municipality,
            {"number": item["number"]},
            {
                "name": item["name"],
                "county_number": item["county_number"],
                "county_name": item["county_name"],
                "office": offices[item["office"]],
            },
        )


def load_provisions() -> None:
    from tilsyn.reference.models import Provision

    seen = set()
    for order, item in enumerate(read_data_file("provisions.json")["items"]):
        _upsert(
            Provision,
            {"code": item["code"]},
            {
                "catalogue": item["catalogue"],
                "law": item["law"],
                "section": item.get("section") or "",
                "label": item["label"],
                "table_ref": item["table_ref"],
                "complaint_group": item.get("complaint_group") or "",
                "sort_order": item.get("sort_order", order),
                "active": True,
            },
        )
        seen.add(item["code"])
    Provision.objects.exclude(code__in=seen).update(active=False)


TERM_FIELDS = {"code", "label", "label_nn"}


def load_terms() -> None:
    from tilsyn.reference.models import Term

    vocabularies = read_data_file("terms.json")["vocabularies"]
    for vocabulary, items in vocabularies.items():
        seen = set()
        for order, item in enumerate(items):
            _upsert(
                Term,
                {"vocabulary": vocabulary, "code": item["code"]},
                {
                    "label": item["label"],
                    "label_nn": item.get("label_nn") or "",
                    "extra": {k: v for k, v in item.items() if k not in TERM_FIELDS},
                    "sort_order": order,
                    "active": True,
                },
            )
            seen.add(item["code"])
        Term.objects.filter(vocabulary=vocabulary).exclude(code__in=seen).update(active=False)


TARGET_COLUMNS = {
    "target_share", "within_days", "within_weeks", "within_months", "target_median_months", "max_new_cases",
}


def load_targets(offices: dict) -> None:
    from tilsyn.reference.models import ActivityPointTarget, Target

    for item in read_data_file("targets.json")["items"]:
        columns = {name: item.get(name) for name in TARGET_COLUMNS}
        details = {
            k: v
            for k, v in item.items()
            if k not in TARGET_COLUMNS | {"year", "code", "owner", "label", "description", "measure", "applies_to"}
        }
        _upsert(
            Target,
            {"year": item["year"], "code": item["code"]},
            {
                "owner": item["owner"],
                "label": item["label"],
                "description": item.get("description") or "",
                "measure": item["measure"],
                "applies_to": item.get("applies_to") or {},
                "details": details,
                **columns,
            },
        )
    for item in read_data_file("activity_point_targets.json")["items"]:
        details = {k: v for k, v in item.items() if k not in {"year", "office", "sector", "target_points"}}
        _upsert(
            ActivityPointTarget,
            {"year": item["year"], "office": offices[item["office"]], "sector": item["sector"]},
            {"target_points": item.get("target_points"), "details": details},
        )


@transaction.atomic
def load_reference_data() -> None:
    offices = load_offices()
    load_municipalities(offices)
    load_provisions()
    load_terms()
    load_targets(offices)


def load_after_migrate(sender, using="default", plan=None, **kwargs) -> None:
    # Only when our own tables exist (migrate --plan, or a partial migrate to an older state, skip it).
    from django.db import connections

    tables = connections[using].introspection.table_names()
    if "reference_office" in tables and "reference_target" in tables:
        load_reference_data()
