"""What the newsletter demo must hold (checked by tests/demo/test_demo_load.py after one load)."""

from __future__ import annotations

from wegweiser.comms.constants import IssueStatus, SubscriberStatus
from wegweiser.comms.models import Issue, Subscriber


def check_comms_demo() -> None:
    """Confirmed fictional subscribers and one draft issue with items."""
    subscribers = Subscriber.objects.all()
    assert subscribers.count() >= 3
    assert all(s.status == SubscriberStatus.CONFIRMED for s in subscribers)
    assert all(s.email.endswith("@demo.wegweiser.invalid") for s in subscribers)
    issue = Issue.objects.get()
    assert issue.status == IssueStatus.DRAFT
    assert issue.items.count() >= 2
