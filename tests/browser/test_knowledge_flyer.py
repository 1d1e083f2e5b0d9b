"""The electrical-engineering vocabulary flyer in Farsi, as the public sees it in a browser."""

from __future__ import annotations

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot
from wegweiser.knowledge.services import vocabulary_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_electrical_flyer_in_farsi(page):
    vocabulary_import()
    page.goto("/knowledge/vocabulary/")
    page.get_by_role("link", name="Elektrotechnik").first.click()
    page.goto("/knowledge/vocabulary/elektrotechnik/flyer/fa/")
    assert page.locator("h1").inner_text().startswith("Elektrotechnik")
    cell = page.locator("td[lang=fa]").first
    assert cell.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('td[lang=fa]')).direction") == (
        "rtl"
    )
    assert "جریان برق" in cell.inner_text()
    german = page.locator("tbody th").first.inner_text()
    assert german.startswith("der Strom")
    assert page.locator("tbody tr").count() >= 40
    assert serious_violations(page) == []
    assert page.console_errors == []
    screenshot(page, "knowledge-flyer-electrical-fa")
    # The PDF link answers with a PDF.
    href = page.locator("main a[href$='/pdf/']").first.get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
