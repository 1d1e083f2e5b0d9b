"""Fixtures of the advisory map tests: a small postcode table and a service factory."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wegweiser.core.services import postal_codes_load
from wegweiser.directory.hours import parse_opening_hours
from wegweiser.directory.models import Service
from wegweiser.directory.services import ServiceInput, service_create
from wegweiser.network.models import Organisation

SAMPLE = Path(__file__).resolve().parents[1] / "core" / "data" / "plz_sample.tsv"
_counter = itertools.count(1)


@pytest.fixture
def postcodes(db: Any) -> None:
    postal_codes_load(path=SAMPLE)


def service_input(**overrides: Any) -> ServiceInput:
    fields = {
        "name": overrides.pop("name", f"Beratung {next(_counter)}"),
        "plz": overrides.pop("plz", "39104"),
        "city": overrides.pop("city", ""),
        "by_appointment_only": overrides.pop("by_appointment_only", False),
        "step_free_access": overrides.pop("step_free_access", True),
    }
    return ServiceInput(
        fields=fields,
        topics=tuple(overrides.pop("topics", ("recognition",))),
        audiences=tuple(overrides.pop("audiences", ("refugees",))),
        languages=tuple(overrides.pop("languages", ("de", "ar"))),
        hours=tuple(parse_opening_hours(overrides.pop("hours", "Mon 09:00-12:00"))),
        latitude=overrides.pop("latitude", None),
        longitude=overrides.pop("longitude", None),
    )


@pytest.fixture
def make_service(postcodes: None) -> Callable[..., Service]:
    def make(organisation: Organisation, *, external_id: str = "", **overrides: Any) -> Service:
        return service_create(
            actor=None,
            organisation=organisation,
            data=service_input(**overrides),
            external_id=external_id,
        )

    return make
