"""What the participants demo must hold (checked by tests/demo/test_demo_load.py)."""

from __future__ import annotations

from wegweiser.participants.constants import ParticipantStatus
from wegweiser.participants.demo import PORTAL_EMAIL
from wegweiser.participants.models import Participant, Referral


def check_participants_demo() -> None:
    """About sixty participants in several projects, one who left, a portal login."""
    assert 55 <= Participant.objects.count() <= 65
    assert Participant.objects.filter(status=ParticipantStatus.LEFT).exists()
    assert Referral.objects.filter(status="accepted").exists()
    assert Participant.objects.filter(portal_user__email=PORTAL_EMAIL).exists()
    assert Participant.objects.values("organisation").distinct().count() >= 4
