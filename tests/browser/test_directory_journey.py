"""The advisory map in a real browser, in Farsi (RTL): find a service that speaks Dari within
20 km of a postcode, on the map and in the list, under the Content Security Policy; then take
the trade vocabulary flyer along."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot
from tests.directory.conftest import SAMPLE, service_input
from wegweiser.core.services import postal_codes_load
from wegweiser.directory.services import service_create
from wegweiser.knowledge.services import vocabulary_import

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def services(world):
    postal_codes_load(path=SAMPLE)
    for name, plz, languages in (
        ("Lotsenhaus Dari Halle", "06108", ["de", "prs"]),  # in Halle
        ("Sprechstunde Dari Leipzig", "04109", ["de", "prs"]),  # about 32 km away
        ("Treffpunkt Arabisch Halle", "06108", ["de", "ar"]),  # near, but no Dari
    ):
        service_create(
            actor=None,
            organisation=world.counselling,
            data=service_input(name=name, plz=plz, languages=languages, topics=["recognition"]),
        )


def test_find_a_dari_speaking_service_in_farsi(page, services):
    page.goto("/directory/")
    with page.expect_navigation():
        page.select_option("#language-select", "fa")
    html = page.locator("html")
    assert html.get_attribute("lang") == "fa"
    assert html.get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "نقشهٔ مراکز مشاوره"
    # Leaflet's stylesheet comes from our static files, not from a CDN.
    sheets = page.evaluate("Array.from(document.styleSheets).map(s => s.href || '')")
    assert any(s.endswith("/static/directory/vendor/leaflet/leaflet.css") for s in sheets)

    page.fill("#id_plz", "06108")
    page.fill("#id_radius", "20")
    page.select_option("#id_language", "prs")
    page.get_by_role("button", name="جستجو").click()
    results = page.locator(".service-list")
    expect(results.locator("> li")).to_have_count(1)  # htmx swapped in the new results
    assert "Lotsenhaus Dari Halle" in results.inner_text()
    assert "Leipzig" not in results.inner_text()
    assert "Arabisch" not in results.inner_text()
    assert "06108" in page.url and "language=prs" in page.url  # htmx pushed the search URL
    # The map drew one marker for the one result (no tile server configured: no tiles).
    page.locator(".directory-map .leaflet-marker-icon").first.wait_for()
    assert page.locator(".directory-map .leaflet-marker-icon").count() == 1
    assert page.locator(".directory-map .leaflet-tile").count() == 0
    # Any language: two services in Halle; the back button restores the Dari search (htmx
    # history) and the map is drawn again.
    page.select_option("#id_language", "")
    page.get_by_role("button", name="جستجو").click()
    expect(results.locator("> li")).to_have_count(2)
    expect(page.locator(".directory-map .leaflet-marker-icon")).to_have_count(2)
    page.go_back()
    expect(results.locator("> li")).to_have_count(1)
    expect(page.locator(".directory-map .leaflet-marker-icon")).to_have_count(1)
    # axe last: it leaves empty style attributes behind, which htmx's history would restore.
    assert serious_violations(page) == []
    screenshot(page, "directory-search-fa")

    with page.expect_navigation():
        results.get_by_role("link", name="Lotsenhaus Dari Halle").click()
    assert page.locator("h1").inner_text() == "Lotsenhaus Dari Halle"
    assert "دری" in page.locator("dl.details").inner_text()  # Dari
    page.locator(".directory-map .leaflet-marker-icon").first.wait_for()
    assert serious_violations(page) == []
    screenshot(page, "directory-detail-fa")
    # Back to the results page: the list and its one marker are there again.
    page.go_back()
    assert page.locator("header.site-header").count() == 1  # the whole page, not a cached partial
    expect(page.locator(".service-list > li")).to_have_count(1)
    expect(page.locator(".directory-map .leaflet-marker-icon")).to_have_count(1)

    # Before the appointment: the electrical-engineering vocabulary flyer, German and Farsi.
    vocabulary_import()
    page.goto("/knowledge/vocabulary/")
    with page.expect_navigation():
        page.get_by_role("link", name="Elektrotechnik").first.click()
    page.goto("/knowledge/vocabulary/elektrotechnik/flyer/fa/")
    cell = page.locator("td[lang=fa]").first
    assert cell.get_attribute("dir") == "rtl"
    assert "جریان برق" in cell.inner_text()  # "der Strom"
    screenshot(page, "directory-journey-flyer-fa")
    # No CSP violation or script error on the way.
    assert page.console_errors == []


def test_the_list_works_without_javascript(browser, live_server, services):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/directory/?plz=06108&radius=20&language=prs")
    items = page.locator(".service-list > li")
    assert items.count() == 1
    assert "Lotsenhaus Dari Halle" in items.first.inner_text()
    assert not page.locator(".directory-map").is_visible()  # the map needs JavaScript
    page.goto("/directory/?plz=99999&radius=20")
    assert "99999" in page.locator("main").inner_text()
    context.close()
