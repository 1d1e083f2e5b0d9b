from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "wegweiser.funding"
    label = "funding"
    verbose_name = _("Funding and ESF Plus reporting")

    def ready(self) -> None:
        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.funding import policy

        register_nav_item(
            NavItem(
                "funding",
                _("ESF Plus"),
                "funding:project_list",
                policy.can_use_funding,
                order=70,
            )
        )
