"""Production mode refuses to start with debug on or without its own secret key."""
import os
import subprocess
import sys


def run_check(tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "TILSYN_ENV"}}
    environment.update(env)
    return subprocess.run([sys.executable, "-m", "tilsyn.cli", "check", "--deploy"], capture_output=True,
                          text=True, cwd=tmp_path, env=environment)


def test_production_without_a_secret_key_refuses_to_start(tmp_path):
    result = run_check(tmp_path, TILSYN_ENV="production")
    assert result.returncode != 0
    assert "krever DEBUG av og en egen SECRET_KEY" in result.stderr


def test_production_with_debug_on_refuses_to_start(tmp_path):
    result = run_check(tmp_path, TILSYN_ENV="production", DEBUG="1", SECRET_KEY="k" * 60)
    assert result.returncode != 0


def test_production_with_its_own_key_starts(tmp_path):
    result = run_check(tmp_path, TILSYN_ENV="production", SECRET_KEY="k" * 60)
    assert "krever" not in result.stderr
