from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "wegweiser.participants"
    label = "participants"
    verbose_name = _("Participants")
    # What participants read, measured for PARTICIPANT_LANGUAGES:
    # the portal, the consent form and the portal invitation.
    participant_facing_sources = (
        "templates/participants/portal/",
        "templates/participants/pdf/consent_form.html",
        "templates/participants/mail/portal_invitation",
        "constants.py",
    )

    def ready(self) -> None:
        from wegweiser.core.dashboard import Panel, register_panel
        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.network.policy import actor_for
        from wegweiser.participants import policy, selectors

        def has_portal(user: Any) -> bool:
            # Portal users hold no organisation role; staff never need the extra query.
            if actor_for(user).is_staff_member:
                return False
            return hasattr(user, "participant") and user.participant is not None

        register_nav_item(
            NavItem(
                "participants",
                _("Participants"),
                "participants:list",
                policy.can_use_participants,
                order=30,
            )
        )
        register_nav_item(
            NavItem(
                "referral_overrides",
                _("Referral overrides"),
                "participants:referral_list",
                lambda user: (
                    policy.can_review_overrides(user) and not policy.can_use_participants(user)
                ),
                order=85,
            )
        )
        register_nav_item(
            NavItem(
                "milestone_types",
                _("Milestone types"),
                "participants:milestone_types",
                policy.can_manage_milestone_types,
                order=86,
            )
        )
        register_nav_item(NavItem("portal", _("My overview"), "portal:home", has_portal, order=5))

        def tasks_panel(user: Any) -> Panel | None:
            if not policy.can_use_participants(user):
                return None
            tasks = selectors.open_tasks_for(actor=user)
            if not tasks:
                return None
            return Panel(
                _("My open follow-up tasks"),
                "participants/panels/tasks.html",
                {"tasks": tasks},
                order=30,
            )

        def referrals_panel(user: Any) -> Panel | None:
            if not policy.can_use_participants(user):
                return None
            referrals = selectors.pending_referrals_for(actor=user)
            if not referrals:
                return None
            return Panel(
                _("Referrals waiting for your decision"),
                "participants/panels/referrals.html",
                {"referrals": referrals},
                order=31,
            )

        register_panel("participants.tasks", tasks_panel)
        register_panel("participants.referrals", referrals_panel)
