from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "wegweiser.network"
    label = "network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from wegweiser.core.dashboard import Panel, register_panel
        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.network import policy, selectors

        register_nav_item(
            NavItem(
                "organisations",
                _("Organisations"),
                "network:organisation_list",
                policy.can_use_directory,
                order=20,
            )
        )
        register_nav_item(
            NavItem(
                "audit",
                _("Audit trail"),
                "network:audit_trail",
                policy.can_view_audit_trail,
                order=90,
            )
        )

        def network_panel(user: Any) -> Panel | None:
            if not policy.actor_for(user).is_coordinator:
                return None
            return Panel(
                _("Your networks"),
                "network/panels/network_summary.html",
                {"summaries": selectors.network_summaries_for(actor=user)},
                order=10,
            )

        def organisations_panel(user: Any) -> Panel | None:
            organisations = list(selectors.organisations_of(actor=user))
            if not organisations:
                return None
            return Panel(
                _("Your organisations"),
                "network/panels/my_organisations.html",
                {"organisations": organisations},
                order=20,
            )

        register_panel("network.summary", network_panel)
        register_panel("network.organisations", organisations_panel)
        self._register_members_and_ambassadors()

    def _register_members_and_ambassadors(self) -> None:
        from wegweiser.core.dashboard import Panel, register_panel
        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.network import policy, selectors
        from wegweiser.network.constants import EngagementStage
        from wegweiser.network.engagement import register_engagement_signal

        for stage, provider in (
            (EngagementStage.PROSPECT, selectors.engagement_prospects),
            (EngagementStage.MEMBER, selectors.engagement_members),
            (EngagementStage.PROJECT, selectors.engagement_project_runners),
            (EngagementStage.AMBASSADOR, selectors.engagement_ambassadors),
            (EngagementStage.OFFERS_PLACES, selectors.engagement_place_sponsors),
        ):
            register_engagement_signal(stage, provider, key=f"network.{provider.__name__}")

        for key, label, url_name, visible, order, public in (
            ("members", _("Member directory"), "network:public_directory", _always, 15, True),
            ("growth", _("Growth"), "network:growth", policy.can_view_growth, 25, False),
            (
                "projects",
                _("Projects and sponsorships"),
                "network:project_list",
                policy.can_read_members_content,
                30,
                False,
            ),
            (
                "ambassadors",
                _("Ambassadors"),
                "network:ambassador_list",
                policy.can_read_members_content,
                35,
                False,
            ),
        ):
            register_nav_item(NavItem(key, label, url_name, visible, order=order, public=public))

        def growth_panel(user: Any) -> Panel | None:
            if not policy.can_view_growth(user):
                return None
            return Panel(
                _("Growth and social-media slots"),
                "network/panels/growth.html",
                {"summary": selectors.coordinator_panel_for(actor=user)},
                order=12,
            )

        register_panel("network.growth", growth_panel)


def _always(_user: Any) -> bool:
    return True
