"""Links on a participant's record page that higher apps contribute.

Participants sits below matching (and reports); those apps register a link in their
`AppConfig.ready()`, guarded by their own policy, and the record page shows it to the owning
project's case workers. Participants itself imports none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class RecordLink:
    key: str
    label: str | Promise
    url_name: str  # reversed with the participant's id
    visible: Callable[[Any, Any], bool]  # (user, participant) -> bool
    order: int = 100


@dataclass(frozen=True)
class ShownLink:
    key: str
    label: str | Promise
    url: str


_REGISTRY: dict[str, RecordLink] = {}


def register_record_link(link: RecordLink) -> None:
    """Register (or replace, by key) a link for the participant's record page."""
    _REGISTRY[link.key] = link


def record_links_for(user: Any, participant: Any) -> list[ShownLink]:
    return [
        ShownLink(link.key, link.label, reverse(link.url_name, args=[participant.pk]))
        for link in sorted(_REGISTRY.values(), key=lambda item: (item.order, item.key))
        if link.visible(user, participant)
    ]
