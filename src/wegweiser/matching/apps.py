from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "wegweiser.matching"
    label = "matching"
    verbose_name = _("Matching")
    # What participants read, measured for PARTICIPANT_LANGUAGES: portal section and e-mail.
    participant_facing_sources = (
        "templates/matching/portal/",
        "templates/matching/mail/suggestion_participant",
    )

    def ready(self) -> None:
        from typing import Any

        from wegweiser.core.navigation import NavItem, register_nav_item
        from wegweiser.matching import policy
        from wegweiser.matching.selectors import organisations_that_hired, suggestions_for_portal
        from wegweiser.network.constants import EngagementStage
        from wegweiser.network.engagement import register_engagement_signal
        from wegweiser.participants.record_links import (
            PortalSection,
            RecordLink,
            register_portal_section,
            register_record_link,
        )

        register_nav_item(
            NavItem(
                "matching.try",
                _("Try matching"),
                "matching:matching_try",
                policy.can_try_matching,
                order=45,
            )
        )
        register_nav_item(
            NavItem(
                "matching.candidates",
                _("Candidates"),
                "matching:candidate_offers",
                policy.can_use_candidates,
                order=46,
            )
        )
        register_engagement_signal(
            EngagementStage.HIRED, organisations_that_hired, key="matching.hired"
        )

        def suggests(user: Any, participant: Any) -> bool:
            return policy.can_suggest(user, participant.organisation_id)

        register_record_link(
            RecordLink(
                "matching.suggestions",
                _("Suggestions"),
                "matching:participant_suggestions",
                suggests,
                order=10,
            )
        )

        def portal_suggestions(user: Any, participant: Any) -> dict[str, Any] | None:
            found = suggestions_for_portal(participant_id=participant.pk)
            return {"suggestions": found} if found else None

        register_portal_section(
            PortalSection(
                "matching.suggestions", "matching/portal/suggestions.html", portal_suggestions
            )
        )
