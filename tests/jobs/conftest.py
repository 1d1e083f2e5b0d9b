from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from wegweiser.jobs import services
from wegweiser.jobs.models import Offer
from wegweiser.network.models import Organisation

MAGDEBURG = (52.1315, 11.6399)
HALLE = (51.4825, 11.9697)
MUENCHEN = (48.1372, 11.5756)


def make_offer(
    organisation: Organisation,
    *,
    publish: bool = True,
    coordinates: tuple[float, float] | None = MAGDEBURG,
    **data: Any,
) -> Offer:
    fields = {
        "offer_type": "apprenticeship",
        "title": "Ausbildung Elektroniker/in",
        "occupation": "26212",
        "plz": "39104",
        "city": "Magdeburg",
        "working_time": "full",
        "german_min": "B1",
    } | data
    return services.offer_create(
        actor=None,
        organisation=organisation,
        data=fields,
        publish=publish,
        coordinates=coordinates,
    )


@pytest.fixture
def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)
