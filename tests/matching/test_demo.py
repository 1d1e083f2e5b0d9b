"""The demo suggestions load once, in every state, and a second run changes nothing."""

from __future__ import annotations

import pytest

from wegweiser.demo.loader import demo_load
from wegweiser.matching.constants import SuggestionStatus
from wegweiser.matching.models import Suggestion

pytestmark = pytest.mark.django_db


def test_demo_suggestions_load_idempotently():
    demo_load()
    states = set(Suggestion.objects.values_list("status", flat=True))
    assert states == set(SuggestionStatus.values)
    count = Suggestion.objects.count()
    demo_load()
    assert Suggestion.objects.count() == count
