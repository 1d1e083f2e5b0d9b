"""The dashboard registry: each app contributes panels for the roles it serves.

A panel provider receives the request user and returns a `Panel` (or None when it has
nothing for that user); the dashboard page renders what comes back, in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelProvider = Callable[[Any], Panel | None]
_PROVIDERS: dict[str, PanelProvider] = {}


def register_panel(key: str, provider: PanelProvider) -> None:
    _PROVIDERS[key] = provider


def panels_for(user: Any) -> list[Panel]:
    panels = [p for provider in _PROVIDERS.values() if (p := provider(user)) is not None]
    return sorted(panels, key=lambda p: p.order)
