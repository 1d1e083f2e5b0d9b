"""The newsletter in a real browser: compose from activity, reorder, preview in Arabic, send."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot
from tests.comms.conftest import subscribe_confirmed
from tests.events.conftest import make_event
from wegweiser.comms import services
from wegweiser.comms.constants import IssueStatus
from wegweiser.comms.models import Issue
from wegweiser.events.constants import Visibility
from wegweiser.network.models import AmbassadorNews, AmbassadorTerm, Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_composes_reorders_previews_and_sends(world, page, sign_in, settings):
    # Sending is queued, not run at once: the test plays the worker, so the page must poll.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "mail"],
        }
    }
    today = timezone.localdate()
    Membership.objects.filter(organisation=world.company).update(
        joined_on=today - timedelta(days=10)
    )
    make_event(
        world,
        title="Offenes Netzwerktreffen",
        visibility=Visibility.PUBLIC,
        starts_at=timezone.now() + timedelta(days=12),
    )
    term = AmbassadorTerm.objects.create(
        organisation=world.company,
        network=world.region,
        region="Halle",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=200),
    )
    AmbassadorNews.objects.create(term=term, title="Erster Praxisbericht", text="Ausbildung läuft.")
    AmbassadorNews.objects.create(term=term, title="Zweiter Praxisbericht", text="Neue Paten.")
    subscribe_confirmed(world, "leserin@example.org", "de")
    subscribe_confirmed(world, "qari@example.org", "ar")

    # The coordinator composes a draft from the last two months.
    sign_in(page, world.coordinator.email)
    page.goto("/newsletter/issues/new/")
    page.select_option("#id_network", str(world.national.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Entwurf zusammenstellen").click()
    issue = Issue.objects.get()
    assert page.url.endswith(f"/newsletter/issues/{issue.pk}/")
    items = page.locator("#items")
    for title in ("Backstube Test", "Offenes Netzwerktreffen", "Erster Praxisbericht"):
        assert items.get_by_role("heading", name=title).count() == 1

    # Moving an item down swaps it with the next one (htmx, no page load).
    page.get_by_role("button", name=re.compile(r"^Nach unten\s*:\s*Erster Praxisbericht$")).click()
    page.wait_for_function(
        "() => { const t = document.querySelector('#items').innerText;"
        " return t.indexOf('Zweiter Praxisbericht') < t.indexOf('Erster Praxisbericht'); }"
    )
    titles = list(
        issue.items.filter(section="ambassadors")
        .order_by("position")
        .values_list("title", flat=True)
    )
    assert titles == ["Zweiter Praxisbericht", "Erster Praxisbericht"]

    # The Arabic preview: frame translated, right to left.
    with page.expect_navigation():
        page.get_by_role("link", name="Arabisch").first.click()
    preview = page.locator("article[lang=ar][dir=rtl]")
    assert preview.count() == 1
    # The frame follows the Arabic catalogue (strings not yet translated fall back to German).
    assert "Guten Tag," not in preview.inner_text()
    assert "Zweiter Praxisbericht" in preview.inner_text()  # no variant: German item text
    assert serious_violations(page) == []
    screenshot(page, "newsletter-preview-ar")

    # Send, then watch the progress while the worker (this test) delivers.
    with page.expect_navigation():
        page.get_by_role("link", name="Zurück zur Bearbeitung").click()
    with page.expect_navigation():
        page.get_by_role("button", name="An alle Abonnent/innen senden").click()
    assert "Wartend: 2" in page.get_by_test_id("count-waiting").inner_text()
    assert page.locator("progress").count() == 1
    assert serious_violations(page) == []

    mail.outbox.clear()
    result = services.deliveries_process(issue_id=issue.pk)
    assert result.sent == 2
    page.wait_for_function(
        "() => document.querySelector('[data-testid=send-state]')"
        ".innerText.includes('Alles versendet')",
        timeout=10_000,
    )
    assert "Gesendet: 2" in page.get_by_test_id("count-sent").inner_text()
    assert "Fehlgeschlagen: 0" in page.get_by_test_id("count-failed").inner_text()
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    assert sorted(m.to[0] for m in mail.outbox) == ["leserin@example.org", "qari@example.org"]
    screenshot(page, "newsletter-sent")
    assert page.console_errors == []
