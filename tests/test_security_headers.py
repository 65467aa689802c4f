"""Security headers and CSP on every response, no inline script or style, CSRF everywhere, production checks."""
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

import tilsyn
from conftest import VerifiedClient

pytestmark = pytest.mark.django_db
PACKAGE = Path(tilsyn.__file__).resolve().parent


@pytest.mark.parametrize("path", ["/logg-inn/", "/", "/saker/", "/api/saker/", "/api/openapi.json", "/finnes-ikke/",
                                  "/konto/"])
def test_every_response_has_the_security_headers(client, caseworker_a, path):
    client.force_login(caseworker_a)
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"
    assert "camera=()" in response["Permissions-Policy"]


def test_anonymous_responses_have_them_too():
    response = Client().get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]


INLINE = [re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
          re.compile(r"\sstyle=\"", re.I), re.compile(r"<style", re.I), re.compile(r"\son[a-z]+=\"", re.I),
          re.compile(r"javascript:", re.I)]


def test_no_template_has_inline_script_style_or_event_handlers():
    offenders = []
    for template in PACKAGE.rglob("templates/**/*.html"):
        text = template.read_text()
        offenders += [f"{template.relative_to(PACKAGE)}: {p.pattern}" for p in INLINE if p.search(text)]
    assert offenders == []


def test_a_form_post_without_the_csrf_token_is_refused(caseworker_a):
    client = VerifiedClient(enforce_csrf_checks=True)
    client.force_login(caseworker_a)
    assert client.post("/sprak/", {"language": "nn"}).status_code == 403
    assert client.post("/konto/logg-ut-overalt/").status_code == 403


def test_an_api_write_without_the_csrf_token_is_refused(caseworker_a):
    client = VerifiedClient(enforce_csrf_checks=True)
    client.force_login(caseworker_a)
    assert client.post("/api/saker/1/avslutt", {}, content_type="application/json").status_code == 403


def test_the_login_form_is_csrf_protected():
    assert Client(enforce_csrf_checks=True).post("/logg-inn/", {"username": "x", "password": "y"}).status_code == 403


def deploy_check(**env) -> subprocess.CompletedProcess:
    clean = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")} | env
    return subprocess.run([sys.executable, "-m", "tilsyn.cli", "check", "--deploy", "--fail-level", "WARNING"],
                          env=clean, capture_output=True, text=True, cwd="/tmp")


def test_check_deploy_passes_cleanly_in_production_with_its_own_key():
    result = deploy_check(TILSYN_ENV="production", SECRET_KEY=secrets.token_urlsafe(60),
                          ALLOWED_HOSTS="tilsyn.example.no")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("env", [{}, {"SECRET_KEY": "kort"}, {"SECRET_KEY": "x" * 60, "DEBUG": "1"}])
def test_check_deploy_fails_in_production_without_a_key_or_with_debug(env):
    result = deploy_check(TILSYN_ENV="production", ALLOWED_HOSTS="tilsyn.example.no", **env)
    assert result.returncode != 0
    assert "TILSYN_ENV=production krever" in result.stderr


def test_production_cookies_are_secure_and_host_bound():
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings as s; import django; django.setup(); "
         "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_NAME, s.SECURE_SSL_REDIRECT, "
         "s.SECURE_HSTS_SECONDS)"],
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "tilsyn.settings", "TILSYN_ENV": "production",
             "SECRET_KEY": secrets.token_urlsafe(60)}, capture_output=True, text=True, cwd="/tmp")
    assert result.stdout.split() == ["True", "True", "__Host-sessionid", "True", "31536000"], result.stderr
