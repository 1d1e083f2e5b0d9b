"""The network's demo data: members over two years, work, ambassadors, slots, news; once."""

from __future__ import annotations

import random

import pytest
from django.core.management import call_command

from wegweiser.network import demo
from wegweiser.network.models import (
    AmbassadorNews,
    AmbassadorTerm,
    MemberProject,
    Membership,
    SocialMediaSlot,
    Sponsorship,
)
from wegweiser.network.rotation import rotation_violations

pytestmark = pytest.mark.django_db


def _counts() -> list[int]:
    models = (Membership, MemberProject, Sponsorship, AmbassadorTerm, SocialMediaSlot)
    return [m.objects.count() for m in (*models, AmbassadorNews)]


def test_demo_loads_once_with_a_fair_slot_calendar(capsys):
    demo.load(random.Random(1))
    first = _counts()
    assert all(first)
    demo.load(random.Random(2))
    assert _counts() == first
    joined = sorted(d for d in Membership.objects.values_list("joined_on", flat=True) if d)
    assert (joined[-1] - joined[0]).days > 600  # two years of growth
    slots = list(SocialMediaSlot.objects.select_related("term"))
    turns = [(s.starts_on, s.term.organisation_id) for s in slots]
    everyone = {s.term.organisation_id for s in slots}
    assert rotation_violations(turns, {s.starts_on: everyone for s in slots}) == []
    assert AmbassadorTerm.objects.exclude(handover_notes="").exists()
    assert AmbassadorNews.objects.exclude(image="").exists()
    call_command("network_slot_reminders")
    assert "Reminders queued" in capsys.readouterr().out
