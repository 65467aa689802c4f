"""Every user-facing string has a nynorsk translation (språklova: both written standards, in full)."""
import shutil
import subprocess
import sys
from pathlib import Path

import tilsyn

PACKAGE = Path(tilsyn.__file__).resolve().parent
CATALOG = Path("locale") / "nn" / "LC_MESSAGES" / "django.po"


def untranslated(po_text: str) -> list[str]:
    """msgids whose translation is empty or marked fuzzy, as gettext's own msgattrib reads them."""
    found = []
    for flag in ["--untranslated", "--only-fuzzy"]:
        result = subprocess.run(["msgattrib", flag, "--no-wrap", "-"], input=po_text, capture_output=True,
                                text=True, check=True)
        found += [line[7:-1] for line in result.stdout.splitlines()
                  if line.startswith('msgid "') and line != 'msgid ""']
    return sorted(set(found))


def test_every_string_in_code_and_templates_is_translated(tmp_path):
    # Extract afresh from a copy of the package, merging into a copy of the catalog: a string added to the
    # code or a template but not to the catalog shows up here as untranslated.
    copy = tmp_path / "tilsyn"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "vendor", "*.mo"))
    (tmp_path / "i18n_settings.py").write_text(
        f"from tilsyn.settings import *\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n")
    subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "nn", "--no-obsolete"], cwd=tmp_path,
                   check=True, capture_output=True, env={"DJANGO_SETTINGS_MODULE": "i18n_settings",
                                                         "PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    missing = untranslated((copy / CATALOG).read_text())
    assert missing == [], f"{len(missing)} untranslated; run `tilsyn makemessages -l nn` and translate: {missing[:8]}"


def test_the_check_notices_an_untranslated_and_a_fuzzy_string():
    po = 'msgid ""\nmsgstr ""\n\nmsgid "Saker"\nmsgstr ""\n\n#, fuzzy\nmsgid "Frist"\nmsgstr "Fristar"\n'
    assert untranslated(po) == ["Frist", "Saker"]
