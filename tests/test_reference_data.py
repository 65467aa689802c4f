"""Reference data: loaded from the data files on migrate, idempotently, covering every municipality."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tilsyn.reference import loader
from tilsyn.reference.models import ActivityPointTarget, Municipality, Office, Provision, Target, Term

pytestmark = pytest.mark.django_db

REFERENCE_MODELS = [Office, Municipality, Provision, Term, Target, ActivityPointTarget]
SHARED_REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "arsrapport-2024"


def counts():
    return {model.__name__: model.objects.count() for model in REFERENCE_MODELS}


def test_migrate_loads_every_catalogue():
    assert counts() == {
        "Office": 11, "Municipality": 357, "Provision": 128, "Term": Term.objects.count(),
        "Target": Target.objects.count(), "ActivityPointTarget": ActivityPointTarget.objects.count(),
    }
    assert Term.objects.values("vocabulary").distinct().count() >= 15
    assert Target.objects.filter(year=2024).count() >= 18


def test_loading_twice_creates_no_duplicates():
    before = counts()
    loader.load_reference_data()
    loader.load_reference_data()
    assert counts() == before


def test_every_municipality_belongs_to_a_county_governor():
    assert not Municipality.objects.filter(office__kind=Office.Kind.NATIONAL).exists()
    governors = Office.objects.filter(kind=Office.Kind.COUNTY_GOVERNOR)
    assert governors.count() == 10
    for office in governors:
        assert office.municipalities.exists(), office.code
    assert Municipality.objects.get(number="0301").office.code == "SFOBOA"
    assert Municipality.objects.get(number="4601").office.code == "SFVL"
    assert Municipality.objects.get(number="5601").office.code == "SFTF"


def test_a_label_changed_in_the_file_is_updated_and_a_removed_entry_deactivated(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(loader.DATA_DIR, data)
    provisions = json.loads((data / "provisions.json").read_text())
    removed = provisions["items"].pop()
    provisions["items"][0]["label"] = "Ny ordlyd"
    (data / "provisions.json").write_text(json.dumps(provisions, ensure_ascii=False))
    monkeypatch.setattr(loader, "DATA_DIR", data)

    loader.load_reference_data()

    assert Provision.objects.get(code=provisions["items"][0]["code"]).label == "Ny ordlyd"
    assert Provision.objects.get(code=removed["code"]).active is False
    assert Provision.objects.count() == 128


def test_health_complaint_provisions_are_grouped_as_the_report_groups_them():
    groups = set(Provision.objects.filter(catalogue="health-complaint").values_list("complaint_group", flat=True))
    assert set(groups) == {"necessary_care", "patient_travel", "other"}
    assert Provision.objects.filter(complaint_group="patient_travel").count() == 1


@pytest.mark.skipif(not SHARED_REFERENCE.exists(), reason="the published tables are not beside the project")
def test_the_data_files_agree_with_the_published_tables():
    verify = loader.DATA_DIR / "verify.py"
    result = subprocess.run([sys.executable, str(verify), "--reference", str(SHARED_REFERENCE)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("verify: OK")
