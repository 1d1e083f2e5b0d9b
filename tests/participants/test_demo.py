"""The demo participants load once, quickly, and a second run changes nothing."""

from __future__ import annotations

import pytest

from wegweiser.demo.loader import demo_load
from wegweiser.participants.constants import ParticipantStatus
from wegweiser.participants.demo import PORTAL_EMAIL
from wegweiser.participants.models import Consent, Milestone, Participant, Referral

pytestmark = pytest.mark.django_db


def test_demo_participants_load_idempotently():
    demo_load()
    counts = (
        Participant.objects.count(),
        Consent.objects.count(),
        Referral.objects.count(),
        Milestone.objects.count(),
    )
    assert 55 <= counts[0] <= 65
    assert Participant.objects.filter(status=ParticipantStatus.LEFT).exists()
    assert Referral.objects.filter(status="accepted").exists()
    assert Participant.objects.filter(portal_user__email=PORTAL_EMAIL).exists()
    assert Participant.objects.values("organisation").distinct().count() >= 4
    demo_load()
    assert counts == (
        Participant.objects.count(),
        Consent.objects.count(),
        Referral.objects.count(),
        Milestone.objects.count(),
    )
