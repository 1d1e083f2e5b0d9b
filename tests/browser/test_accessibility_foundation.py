"""axe-core over the foundation's pages, in German and in Arabic: no serious or critical violations.
Keyboard: the skip link is the first stop and moves focus to the main content."""

from __future__ import annotations

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/dashboard/", "/network/organisations/", "/account/settings/"]


@pytest.mark.parametrize("language", ["de", "ar"])
def test_foundation_pages_have_no_serious_violations(world, page, sign_in, language):
    page.goto("/accounts/login/")
    assert serious_violations(page) == []
    world.coordinator.preferred_language = language
    world.coordinator.save(update_fields=["preferred_language"])
    sign_in(page, world.coordinator.email)
    organisation = f"/network/organisations/{world.company.pk}/"
    for path in [
        *PAGES,
        organisation,
        organisation + "edit/",
        organisation + "people/",
        "/network/audit/",
    ]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        assert serious_violations(page) == [], path
    screenshot(page, f"audit-trail-{language}")


def test_keyboard_skip_link_and_narrow_screen(world, page, sign_in):
    sign_in(page, world.org_admin.email)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/network/organisations/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Nothing forces horizontal scrolling of the page at 320 px (tables scroll inside their box).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(page, "organisations-320px")
