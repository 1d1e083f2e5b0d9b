"""What the jobs demo must hold (checked by tests/demo/test_demo_load.py after one load)."""

from __future__ import annotations

from wegweiser.jobs.models import Offer
from wegweiser.network.models import Organisation


def check_jobs_demo() -> None:
    """Varied offers: every type, public ones, all placed on the map."""
    assert 100 <= Offer.objects.count() <= 140
    funkenflug = Organisation.objects.get(name="Elektrotechnik Funkenflug GmbH")
    assert Offer.objects.filter(organisation=funkenflug, status="published").exists()
    assert Offer.objects.filter(is_public=True, status="published").count() >= 20
    assert Offer.objects.values("offer_type").distinct().count() == 5
    assert not Offer.objects.filter(latitude__isnull=True).exists()
