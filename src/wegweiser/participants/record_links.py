"""Links on a participant's record page and sections of the portal that higher apps contribute.

Participants sits below matching (and reports); those apps register a link or a portal section
in their `AppConfig.ready()`, guarded by their own policy: the record page shows the links to the
owning project's case workers, the portal overview shows the sections to the participant.
Participants itself imports none of them.
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


# --- Sections of the participant portal ------------------------------------------------------


@dataclass(frozen=True)
class PortalSection:
    key: str
    template: str
    # (the signed-in participant's user, their participant record) -> context, or None to hide
    context: Callable[[Any, Any], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class ShownSection:
    key: str
    template: str
    context: dict[str, Any]


_PORTAL_SECTIONS: dict[str, PortalSection] = {}


def register_portal_section(section: PortalSection) -> None:
    """Register (or replace, by key) a section of the participant's portal overview."""
    _PORTAL_SECTIONS[section.key] = section


def portal_sections_for(user: Any, participant: Any) -> list[ShownSection]:
    shown = []
    for section in sorted(_PORTAL_SECTIONS.values(), key=lambda item: (item.order, item.key)):
        context = section.context(user, participant)
        if context is not None:
            shown.append(ShownSection(section.key, section.template, context))
    return shown
