"""Hostile input in newsletter items and sign-ups: markup, bidi controls, zero-width, 10k text."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegweiser.comms import services
from wegweiser.comms.exceptions import NewsletterError
from wegweiser.comms.models import IssueItem, Subscriber

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    "\u202eevil\u202c Bericht",
    "Zero\u200bwidth\u200dtitle",
    "خبر جديد <b>bold</b>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_item_text_is_stored_and_escaped(world, client_for, text):
    issue = services.issue_compose(actor=world.coordinator, network=world.national)
    client = client_for(world.coordinator)
    response = client.post(
        reverse("comms:item_create", args=[issue.pk]),
        {"section": "other", "title": text, "text": text * 3, "title_ar": text},
    )
    assert response.status_code == 302
    item = IssueItem.objects.get(issue=issue, source="free")
    assert item.title == text
    for language in ("de", "ar"):
        page = client.get(reverse("comms:issue_preview", args=[issue.pk, language]))
        content = page.content.decode()
        assert "<script>alert(1)</script>" not in content
        assert "<b>bold</b>" not in content


def test_ten_thousand_characters_are_refused_cleanly(world, client_for):
    issue = services.issue_compose(actor=world.coordinator, network=world.national)
    before = IssueItem.objects.count()
    response = client_for(world.coordinator).post(
        reverse("comms:item_create", args=[issue.pk]),
        {"section": "other", "title": "x" * 10_000, "text": "y" * 10_000},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"title", "text"}
    assert IssueItem.objects.count() == before


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(email=st.text(max_size=300), language=st.text(max_size=12))
def test_signup_service_never_half_writes(world, email, language):
    before = Subscriber.objects.count()
    try:
        services.subscription_request(network=world.national, email=email, language=language)
    except NewsletterError:
        assert Subscriber.objects.count() == before
