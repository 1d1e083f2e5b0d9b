"""Opening hours text and the demo services."""

from __future__ import annotations

import contextlib
import random
from datetime import time

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from wegweiser.directory import demo
from wegweiser.directory.hours import Slot, format_opening_hours, parse_opening_hours
from wegweiser.directory.models import Service


def test_parse_german_and_english_day_names():
    slots = parse_opening_hours("Mo 9:00-12:00\nmittwoch 14.00–18.00; Fri 08:30-10:00")
    assert slots == [
        Slot(0, time(9), time(12)),
        Slot(2, time(14), time(18)),
        Slot(4, time(8, 30), time(10)),
    ]


@pytest.mark.parametrize(
    "text", ["Funday 09:00-10:00", "Mo 09:00", "Mo 25:00-26:00", "Mo 10:00-09:00"]
)
def test_parse_rejects_unreadable_entries(text):
    with pytest.raises(ValidationError):
        parse_opening_hours(text)


slots = st.builds(
    lambda day, start, length: Slot(
        day, time(start // 60, start % 60), time((start + length) // 60, (start + length) % 60)
    ),
    st.integers(0, 6),
    st.integers(0, 22 * 60),
    st.integers(1, 60),
)


@given(st.lists(slots, max_size=10))
def test_format_and_parse_round_trip(values):
    assert parse_opening_hours(format_opening_hours(values)) == sorted(set(values))


@given(st.text(max_size=200))
def test_parse_never_crashes_on_hostile_text(text):
    with contextlib.suppress(ValidationError):
        parse_opening_hours(text)


@pytest.mark.django_db
def test_demo_services_load_once(world):
    demo.load(random.Random(1))
    count = Service.objects.count()
    assert count == demo.SERVICE_COUNT
    languages = {
        code for s in Service.objects.prefetch_related("attributes") for code in s.languages
    }
    assert {"ar", "prs", "fa", "ps", "ti", "uk", "ru", "tr", "en"} <= languages
    demo.load(random.Random(2))
    assert Service.objects.count() == count
