from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "wegweiser.events"
    label = "events"
    verbose_name = _("Events")
    # What participants read, measured for PARTICIPANT_LANGUAGES: the public event pages.
    participant_facing_sources = (
        "templates/events/event_list.html",
        "templates/events/event_detail.html",
    )

    def ready(self) -> None:
        from wegweiser.core.dashboard import Panel, register_panel
        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.events import policy, selectors
        from wegweiser.network.constants import EngagementStage
        from wegweiser.network.engagement import register_engagement_signal
        from wegweiser.network.policy import actor_for

        register_nav_item(
            NavItem(
                "events",
                _("Events"),
                "events:public_event_list",
                policy.can_use_events,
                order=30,
                public=True,
            )
        )

        def events_panel(user: Any) -> Panel | None:
            return Panel(
                _("Events"),
                "events/panels/upcoming.html",
                {
                    "events": selectors.upcoming_events_for(actor=user),
                    "registrations": list(selectors.my_registrations(actor=user)[:5]),
                },
                order=30,
            )

        def action_items_panel(user: Any) -> Panel | None:
            if not actor_for(user).is_coordinator:
                return None
            return Panel(
                _("Open action items"),
                "events/panels/action_items.html",
                {"items": selectors.open_action_items_for(actor=user)},
                order=35,
            )

        def my_action_items_panel(user: Any) -> Panel | None:
            if actor_for(user).is_coordinator:
                return None  # coordinators see every open item in the panel above
            items = selectors.action_items_owned_by(actor=user)
            if not items:
                return None
            return Panel(
                _("My action items"), "events/panels/action_items.html", {"items": items}, order=36
            )

        register_panel("events.upcoming", events_panel)
        register_panel("events.my_action_items", my_action_items_panel)
        register_panel("events.action_items", action_items_panel)
        register_engagement_signal(
            EngagementStage.EVENT_HOST, selectors.organisations_that_hosted, key="events.hosted"
        )
