from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommsConfig(AppConfig):
    name = "wegweiser.comms"
    label = "comms"
    verbose_name = _("Comms")
    # What participants read, measured for PARTICIPANT_LANGUAGES: sign-up, links, e-mails.
    participant_facing_sources = (
        "templates/comms/subscribe",
        "templates/comms/confirm",
        "templates/comms/unsubscribe",
        "templates/comms/preferences.html",
        "templates/comms/link_invalid.html",
        "templates/comms/issue_body.html",
        "templates/comms/mail/",
    )

    def ready(self) -> None:
        from wegweiser.comms import policy, selectors
        from wegweiser.core.dashboard import Panel, register_panel
        from wegweiser.core.navigation import NavItem, register_nav_item

        register_nav_item(
            NavItem(
                "newsletter",
                _("Newsletter"),
                "comms:issue_list",
                policy.can_use_newsletter,
                order=75,
            )
        )

        def newsletter_panel(user: Any) -> Panel | None:
            if not policy.can_use_newsletter(user):
                return None
            return Panel(
                _("Newsletter"),
                "comms/panels/newsletter.html",
                {"issues": list(selectors.issue_list_for(actor=user)[:3])},
                order=60,
            )

        register_panel("comms.newsletter", newsletter_panel)
