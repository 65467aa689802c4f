"""The `tilsyn` command wraps Django's management commands."""
import subprocess
import sys


def run_tilsyn(*args, cwd):
    return subprocess.run([sys.executable, "-m", "tilsyn.cli", *args], capture_output=True, text=True, cwd=cwd)


def test_help_lists_the_projects_own_commands(tmp_path):
    result = run_tilsyn("help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    for command in ["import", "export", "load_reference", "demo", "migrate"]:
        assert command in result.stdout


def test_it_names_itself_tilsyn_in_usage(tmp_path):
    result = run_tilsyn("help", "load_reference", cwd=tmp_path)
    assert result.stdout.startswith("usage: tilsyn load_reference")
