from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "wegweiser.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.matching import policy

        register_nav_item(
            NavItem(
                "matching.try",
                _("Try matching"),
                "matching:matching_try",
                policy.can_try_matching,
                order=45,
            )
        )
