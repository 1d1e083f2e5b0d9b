from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "wegweiser.directory"
    label = "directory"
    verbose_name = _("Directory")
    # What participants read, measured for PARTICIPANT_LANGUAGES: the public advisory map.
    participant_facing_sources = (
        "templates/directory/service_search.html",
        "templates/directory/service_detail.html",
        "templates/directory/_map_assets.html",
        "constants.py",
    )

    def ready(self) -> None:
        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.directory import policy

        register_nav_item(
            NavItem(
                "advisory_map",
                _("Advisory map"),
                "directory:public_map",
                policy.can_view_map,
                order=30,
                public=True,
            )
        )
        register_nav_item(
            NavItem(
                "advisory_map_manage",
                _("Manage services"),
                "directory:service_manage_list",
                policy.can_maintain_any_service,
                order=31,
            )
        )
