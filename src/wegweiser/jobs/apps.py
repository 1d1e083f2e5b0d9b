from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "wegweiser.jobs"
    label = "jobs"
    verbose_name = _("Jobs")

    def ready(self) -> None:
        from typing import Any

        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.jobs.selectors import organisations_offering_places
        from wegweiser.network.constants import EngagementStage
        from wegweiser.network.engagement import register_engagement_signal
        from wegweiser.network.policy import actor_for

        register_engagement_signal(
            EngagementStage.OFFERS_PLACES, organisations_offering_places, key="jobs.offers"
        )

        def members(user: Any) -> bool:
            actor = actor_for(user)
            return actor.is_staff_member or actor.is_superuser

        def visitors(user: Any) -> bool:
            return not getattr(user, "is_authenticated", False)

        register_nav_item(NavItem("jobs", _("Offers"), "jobs:offer_list", members, order=40))
        register_nav_item(
            NavItem(
                "jobs.public",
                _("Offers"),
                "jobs:public_offer_list",
                visitors,
                order=40,
                public=True,
            )
        )
