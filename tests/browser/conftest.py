"""Browser tests: Playwright driving Debian's Chromium against the live test server, with axe-core.

scripts/setup installs Chromium (apt) and axe-core (npm); Playwright's own browser download is never used.
"""
import os
import re
import shutil
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import totp_code
from playwright.sync_api import expect, sync_playwright

from tilsyn.accounts.models import User
from tilsyn.accounts.services import user_totp_device_ensure
from tilsyn.audit.models import Action, AuditEntry

# Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests make are still
# ordinary synchronous calls, so Django's guard against ORM use in async code does not apply to them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    # axe-core goes in as an init script, which the browser runs outside the page's Content-Security-Policy:
    # the application's CSP (no inline script) stays on and is what the tests see.
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A/AA violations axe-core finds on the page as it is now."""
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in result["violations"]]


def no_violations(page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{where}: {violations}"


def language_choose(page, language: str) -> None:
    """The language setting in the header, as a user changes it (bokmål is where everyone starts)."""
    if language != "nb":
        page.get_by_label("Språk").select_option(language)
        page.get_by_role("button", name="Bytt").click()
        expect(page.locator("html")).to_have_attribute("lang", language)


def submit(page, button: str) -> None:
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()


def log_in(page, username: str, password: str) -> None:
    """Both login steps, as a user with an authenticator app: password, then the code the app shows."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        user_totp_device_ensure(user=user)
    page.goto("/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    # The next page, not the one still showing (on a busy machine the click returns before it comes): the code
    # step, or the login page again saying why not.
    page.locator("input[name=code], [role=alert]").first.wait_for()
    if user is not None and "/logg-inn/kode/" in page.url:
        page.get_by_label("Engangskode").fill(totp_code(user))
        page.get_by_role("button", name="Bekreft").click()
        page.wait_for_url(re.compile(r"^(?!.*/logg-inn/)"))


# A case page, or an API read of one case or of something of it (its timeline, a complaint's likely duplicates).
CASE_READ = re.compile(r"/saker/(\d+)/|/api/(?:saker|klager|tilsynssaker|varsler)/(\d+)(?:/[\w-]+)?")


class CaseReads:
    """Every case page and API read of a case the browser got (GET, 200), counted by path, to check that the
    audit log recorded each one."""

    def __init__(self, page):
        self.visits = Counter()
        page.on("response", self.seen)

    def seen(self, response) -> None:
        url = urlsplit(response.url)
        match = CASE_READ.fullmatch(url.path)
        if match and response.request.method == "GET" and response.status == 200:
            path = url.path + (f"?{url.query}" if url.query else "")
            self.visits[(int(match[1] or match[2]), path)] += 1

    def unrecorded(self) -> list[tuple[int, str, int]]:
        """(case id, path, reads) for every path the log has fewer read entries of than the browser made."""
        return [(case_id, path, reads) for (case_id, path), reads in self.visits.items()
                if AuditEntry.objects.filter(action=Action.READ, case_id=case_id, path=path).count() < reads]


@pytest.fixture
def case_reads(page) -> CaseReads:
    return CaseReads(page)
