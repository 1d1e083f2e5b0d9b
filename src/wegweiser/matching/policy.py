"""Who may use the matching pages. Pure decisions over the network's `Actor` snapshot."""

from __future__ import annotations

from typing import Any

from wegweiser.jobs.constants import OfferSource
from wegweiser.jobs.models import Offer
from wegweiser.matching.constants import TRANSITIONS, Recipient, SuggestionStatus
from wegweiser.matching.models import Suggestion
from wegweiser.network.constants import RoleKind
from wegweiser.network.policy import actor_for

MATCHING_ROLES = (RoleKind.COORDINATOR, RoleKind.COUNSELLOR, RoleKind.STAFF)


def can_try_matching(user: Any) -> bool:
    """Counsellors, member-project staff and coordinators try profiles against the offers."""
    actor = actor_for(user)
    return actor.is_superuser or bool(actor.organisations_with(*MATCHING_ROLES))


# --- Suggestions and candidates ----------------------------------------------------------------

# Company roles that see the candidates for their own offers (anonymous, consented profiles).
CANDIDATE_ROLES = (RoleKind.EMPLOYER_CONTACT, RoleKind.ORG_ADMIN)
# Project roles that work on suggestions for their participants.
CASE_ROLES = (RoleKind.ORG_ADMIN, RoleKind.STAFF, RoleKind.COUNSELLOR)
# What the company may answer to a suggestion sent to it.
EMPLOYER_TARGETS = frozenset(
    {
        SuggestionStatus.INTERESTED,
        SuggestionStatus.INTERVIEW,
        SuggestionStatus.HIRED,
        SuggestionStatus.DECLINED,
    }
)


def is_case_worker(user: Any, organisation_id: int) -> bool:
    return organisation_id in actor_for(user).organisations_with(*CASE_ROLES)


def can_see_candidates(user: Any, offer: Offer) -> bool:
    """Employer contacts and admins of the company that posted the offer."""
    if offer.source != OfferSource.OWN or offer.organisation_id is None:
        return False
    actor = actor_for(user)
    return any(actor.has_role(kind, offer.organisation_id) for kind in CANDIDATE_ROLES)


def can_use_candidates(user: Any) -> bool:
    return bool(actor_for(user).organisations_with(*CANDIDATE_ROLES))


def employer_sees(user: Any, suggestion: Suggestion) -> bool:
    """The company sees a suggestion once it was sent to it."""
    return (
        suggestion.recipient == Recipient.EMPLOYER
        and suggestion.status != SuggestionStatus.SUGGESTED
        and can_see_candidates(user, suggestion.offer)
    )


def allowed_targets(user: Any, suggestion: Suggestion) -> frozenset[str]:
    """The statuses this user may move the suggestion to now."""
    possible = TRANSITIONS.get(suggestion.status, frozenset())
    if is_case_worker(user, suggestion.organisation_id):
        return possible
    if employer_sees(user, suggestion):
        return possible & EMPLOYER_TARGETS
    return frozenset()


def can_suggest(user: Any, participant_organisation_id: int) -> bool:
    return is_case_worker(user, participant_organisation_id)
