"""The navigation registry: each app contributes its entries, guarded by its own policy.

Core knows nothing of roles; an app registers a `NavItem` in its `AppConfig.ready()` with a
`visible` predicate from its policy module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

Predicate = Callable[[Any], bool]


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    visible: Predicate
    order: int = 100
    public: bool = False


_REGISTRY: dict[str, NavItem] = {}


def register_nav_item(item: NavItem) -> None:
    _REGISTRY[item.key] = item


@dataclass(frozen=True)
class NavLink:
    key: str
    label: str | Promise
    url: str
    active: bool


def nav_links_for(request: HttpRequest) -> list[NavLink]:
    user = request.user
    links = []
    for item in sorted(_REGISTRY.values(), key=lambda i: (i.order, i.key)):
        if not user.is_authenticated and not item.public:
            continue
        if not item.visible(user):
            continue
        url = reverse(item.url_name)
        links.append(
            NavLink(
                key=item.key,
                label=item.label,
                url=url,
                active=request.path == url or (url != "/" and request.path.startswith(url)),
            )
        )
    return links


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context processor: the entries the current user may see."""
    return {"nav_links": nav_links_for(request)}
