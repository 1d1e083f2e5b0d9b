"""A counsellor opens a participant's suggestions, reads the explanation and sends one."""

from __future__ import annotations

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot
from tests.jobs.conftest import make_offer
from tests.matching.conftest import candidate
from wegweiser.core.models import AuditEntry
from wegweiser.matching.models import Suggestion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_counsellor_reads_the_explanation_and_sends_a_suggestion(world, page, sign_in):
    offer = make_offer(world.company, title="Ausbildung Elektronik", german_min="B2")
    person = candidate(world, german_level="B1")
    sign_in(page, world.counsellor.email)

    page.goto(f"/participants/{person.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Vorschläge").click()
    match = page.locator('[data-testid="match"]').first
    assert "Ausbildung Elektronik" in match.inner_text()
    assert "B1, wo B2 verlangt wird." in match.locator('[data-testid="reasons"]').inner_text()
    assert "Mit Deutsch B2" in page.locator('[data-testid="what-would-help"]').inner_text()
    assert serious_violations(page) == []
    screenshot(page, "suggestions-participant")

    with page.expect_navigation():
        match.get_by_role("button", name="Dieses Angebot vorschlagen").click()
    suggestion = Suggestion.objects.get(participant_id=person.pk, offer=offer)
    prefix = f"s{suggestion.pk}"
    made = page.locator('[data-testid="suggestion"]').first
    assert made.locator('[data-testid="status"]').inner_text() == "Vorgeschlagen"
    page.select_option(f"select[name={prefix}-to]", "sent")
    page.select_option(f"select[name={prefix}-recipient]", "participant")
    with page.expect_navigation():
        made.get_by_role("button", name="Status ändern").click()
    assert page.locator('[data-testid="suggestion"] [data-testid="status"]').first.inner_text() == (
        "Versendet"
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "sent" and suggestion.recipient == "participant"
    assert AuditEntry.objects.filter(action="suggestion.sent").count() == 1
    assert serious_violations(page) == []
    screenshot(page, "suggestions-sent")
    assert page.console_errors == []
