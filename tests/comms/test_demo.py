"""The demo loader builds the newsletter demo once; a second run changes nothing."""

from __future__ import annotations

import pytest

from wegweiser.comms.constants import IssueStatus, SubscriberStatus
from wegweiser.comms.models import Issue, IssueItem, Subscriber
from wegweiser.demo.loader import demo_load

pytestmark = pytest.mark.django_db


def counts() -> list[int]:
    return [m.objects.count() for m in (Subscriber, Issue, IssueItem)]


def test_demo_has_confirmed_subscribers_and_a_draft_and_is_idempotent() -> None:
    demo_load()
    first = counts()
    demo_load()
    assert counts() == first
    subscribers = Subscriber.objects.all()
    assert subscribers.count() >= 3
    assert all(s.status == SubscriberStatus.CONFIRMED for s in subscribers)
    assert all(s.email.endswith("@demo.wegweiser.invalid") for s in subscribers)
    issue = Issue.objects.get()
    assert issue.status == IssueStatus.DRAFT
    assert issue.items.count() >= 2
