from __future__ import annotations

import pytest

from wegweiser.demo.loader import demo_load
from wegweiser.jobs.models import Offer
from wegweiser.network.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_offers_are_varied_and_loaded_once():
    demo_load()
    count = Offer.objects.count()
    assert 100 <= count <= 140
    demo_load()
    assert Offer.objects.count() == count
    funkenflug = Organisation.objects.get(name="Elektrotechnik Funkenflug GmbH")
    assert Offer.objects.filter(organisation=funkenflug, status="published").exists()
    assert Offer.objects.filter(is_public=True, status="published").count() >= 20
    assert Offer.objects.values("offer_type").distinct().count() == 5
    assert not Offer.objects.filter(latitude__isnull=True).exists()
