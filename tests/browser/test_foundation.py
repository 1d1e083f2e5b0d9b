"""The foundation in a real browser: sign in with TOTP, switch to Arabic, right-to-left."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_with_totp_and_switches_to_arabic(world, page, sign_in):
    sign_in(page, world.coordinator.email)
    assert page.url.endswith("/dashboard/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("html").get_attribute("lang") == "de"

    # The URL stays /dashboard/, so wait for the navigation itself, not for the URL.
    with page.expect_navigation():
        page.select_option("#language-select", "ar")
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"
    nav = page.locator("nav.main-nav")
    assert nav.is_visible()
    assert nav.locator("a").count() >= 2  # organisations and audit trail for a coordinator
    # Logical properties put the brand at the right edge in RTL.
    brand = page.locator(".brand").bounding_box()
    viewport = page.viewport_size
    assert brand is not None and viewport is not None
    assert brand["x"] > viewport["width"] / 2
    screenshot(page, "coordinator-dashboard-ar")

    # The choice is remembered on the account: a fresh session shows Arabic again.
    page.context.clear_cookies()
    sign_in(page, world.coordinator.email)
    assert page.url.endswith("/dashboard/"), page.url
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.console_errors == []  # no CSP violations or script errors
