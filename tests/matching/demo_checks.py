"""What the matching demo must hold (checked by tests/demo/test_demo_load.py after one load)."""

from __future__ import annotations

from wegweiser.matching.constants import SuggestionStatus
from wegweiser.matching.models import Suggestion


def check_matching_demo() -> None:
    """Suggestions in every state of the workflow."""
    states = set(Suggestion.objects.values_list("status", flat=True))
    assert states == set(SuggestionStatus.values)
