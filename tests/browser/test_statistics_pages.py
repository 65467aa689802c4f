"""An analyst reads the official statistics in the browser: the table list and a table, accessible."""
import pytest

from conftest import PASSWORD
from tests.browser.conftest import axe_violations, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analyst_opens_a_published_table_and_the_pages_are_accessible(page, analyst):
    log_in(page, analyst.username, PASSWORD)
    page.goto("/statistikk/?year=2024")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Vedlegg tabell 28", exact=False).first.click()
    assert page.get_by_role("table").first.is_visible()
    assert "Agder" in page.get_by_role("table").first.inner_text()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/stat-table.png", full_page=True)
