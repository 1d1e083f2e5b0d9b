"""Who may see and do what with participants' records. Pure decisions, no queries.

- Counsellors, staff and organisation admins of the owning counselling project see and
  work on their participants.
- A partner project sees a participant only through an accepted referral, and only the
  fields the participant consented to (or an approved override passed on) while that
  consent is valid.
- Coordinators see aggregates only, unless they also hold a case role in the owning project.
- Employers and funders never see participants' records here.
- The participant sees their own record in the portal.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from wegweiser.network.constants import RoleKind
from wegweiser.network.policy import actor_for
from wegweiser.participants.constants import (
    ALL_FIELDS,
    ALWAYS_VISIBLE,
    CASE_ROLES,
    FIELDS_BY_GROUP,
    ConsentPurpose,
    FieldGroup,
    ParticipantStatus,
    ReferralStatus,
)
from wegweiser.participants.models import Consent, Participant, Referral

# An approved override lets the receiver see what was passed on for this long.
OVERRIDE_VALID_DAYS = 30


def case_organisation_ids(user: Any) -> frozenset[int]:
    """Organisations in which the user works on cases."""
    return actor_for(user).organisations_with(*CASE_ROLES)


def expand_groups(groups: Iterable[str]) -> frozenset[str]:
    fields: set[str] = set()
    for group in groups:
        fields.update(FIELDS_BY_GROUP.get(group, ()))
    return frozenset(fields)


def is_owner_staff(user: Any, participant: Participant) -> bool:
    return participant.organisation_id in case_organisation_ids(user)


def is_portal_self(user: Any, participant: Participant) -> bool:
    return (
        getattr(user, "is_authenticated", False)
        and participant.portal_user_id is not None
        and participant.portal_user_id == user.pk
    )


def can_create_participant(user: Any, organisation_id: int) -> bool:
    return organisation_id in case_organisation_ids(user)


def can_edit_participant(user: Any, participant: Participant) -> bool:
    return is_owner_staff(user, participant) and not participant.is_erased


def can_manage_consents(user: Any, participant: Participant) -> bool:
    return can_edit_participant(user, participant)


def can_refer(user: Any, participant: Participant) -> bool:
    return (
        can_edit_participant(user, participant) and participant.status == ParticipantStatus.ACTIVE
    )


def can_export(user: Any, participant: Participant) -> bool:
    return is_owner_staff(user, participant)


def can_erase(user: Any, participant: Participant) -> bool:
    """Erasure on request: the owning project's admin or a counsellor."""
    actor = actor_for(user)
    return not participant.is_erased and (
        actor.has_role(RoleKind.ORG_ADMIN, participant.organisation_id)
        or actor.has_role(RoleKind.COUNSELLOR, participant.organisation_id)
    )


def consent_fields(
    consents: Iterable[Consent], *, purpose: str, organisation_id: int | None, at: datetime
) -> frozenset[str]:
    """The fields covered by the consents that are valid at `at` for purpose and receiver."""
    groups: set[str] = set()
    for consent in consents:
        if consent.purpose != purpose or not consent.is_valid_at(at):
            continue
        if consent.recipient_id is not None and consent.recipient_id != organisation_id:
            continue
        groups.update(consent.scope)
    return expand_groups(groups)


def referral_fields(
    referral: Referral, consents: Iterable[Consent], *, at: datetime
) -> frozenset[str]:
    """What the receiving project of an accepted referral may see now."""
    if referral.status != ReferralStatus.ACCEPTED:
        return frozenset()
    passed_on = expand_groups(referral.field_groups)
    if referral.is_override:
        approved = referral.override_decided_at
        if approved is None or at > approved + timedelta(days=OVERRIDE_VALID_DAYS):
            return frozenset()
        return passed_on
    consented = consent_fields(
        consents,
        purpose=ConsentPurpose.SHARE_CASE,
        organisation_id=referral.to_organisation_id,
        at=at,
    )
    return passed_on & consented


def partner_access(
    user: Any,
    participant: Participant,
    referrals: Iterable[Referral],
    consents: Iterable[Consent],
    *,
    at: datetime | None = None,
) -> tuple[int, frozenset[str], Referral] | None:
    """(receiving organisation, visible fields, referral) for the best accepted referral to
    one of the user's projects, or None when consent no longer reaches."""
    at = at or timezone.now()
    if participant.is_erased:
        return None
    mine = case_organisation_ids(user)
    consents = list(consents)
    best: tuple[int, frozenset[str], Referral] | None = None
    for referral in referrals:
        if referral.to_organisation_id not in mine:
            continue
        fields = referral_fields(referral, consents, at=at)
        if fields and (best is None or len(fields) > len(best[1])):
            best = (referral.to_organisation_id, fields | ALWAYS_VISIBLE, referral)
    return best


def owner_fields() -> frozenset[str]:
    return ALL_FIELDS


def pathway_circle(
    participant: Participant,
    referrals: Iterable[Referral],
    consents: Iterable[Consent],
    *,
    at: datetime,
) -> frozenset[int]:
    """Projects whose milestones may be shown to each other: the owner and every receiving
    project whose accepted referral currently carries the pathway."""
    circle = {participant.organisation_id}
    consents = list(consents)
    for referral in referrals:
        if "pathway" in referral_fields(referral, consents, at=at):
            circle.add(referral.to_organisation_id)
    return frozenset(circle)


def visible_milestone_orgs(
    viewer_organisation_id: int | None, circle: frozenset[int]
) -> frozenset[int] | None:
    """Organisations whose milestones the viewer sees (None: all, for the participant)."""
    if viewer_organisation_id is None:
        return None
    if viewer_organisation_id in circle:
        return circle
    return frozenset({viewer_organisation_id})


def can_decide_referral(user: Any, referral: Referral) -> bool:
    return (
        referral.status == ReferralStatus.SENT
        and referral.to_organisation_id in case_organisation_ids(user)
    )


def can_withdraw_referral(user: Any, referral: Referral) -> bool:
    return referral.status in (
        ReferralStatus.AWAITING_APPROVAL,
        ReferralStatus.SENT,
        ReferralStatus.ACCEPTED,
    ) and referral.from_organisation_id in case_organisation_ids(user)


def can_approve_override(user: Any, referral: Referral, network_ids: Iterable[int]) -> bool:
    """A second person: a coordinator of a network the sending project belongs to."""
    actor = actor_for(user)
    return (
        referral.status == ReferralStatus.AWAITING_APPROVAL
        and referral.sent_by_id != actor.user_id
        and bool(set(network_ids) & set(actor.coordinated_network_ids))
    )


def can_review_overrides(user: Any) -> bool:
    return actor_for(user).is_coordinator


def can_use_participants(user: Any) -> bool:
    """The participants area is for people with a case role somewhere."""
    return bool(case_organisation_ids(user))


def can_manage_milestone_types(user: Any) -> bool:
    return actor_for(user).is_coordinator


def groups_for_fields(fields: frozenset[str]) -> list[str]:
    return [g for g in FieldGroup.values if set(FIELDS_BY_GROUP[g]) <= fields]


# --- The applicant exchange ------------------------------------------------------------------

# Roles of a company that may see candidate profiles (consented, anonymous) for its offers.
EMPLOYER_PROFILE_ROLES = (RoleKind.EMPLOYER_CONTACT, RoleKind.ORG_ADMIN)
# Shown to an employer only after the participant agreed to a contact with that employer.
CONTACT_FIELDS = frozenset({"first_name", "last_name", "email", "phone"})
# Never part of an employer's profile, whatever the consent says (identity shows only through
# a contact agreement; the address, date of birth and constraints never).
NEVER_TO_EMPLOYERS = expand_groups([FieldGroup.IDENTITY, FieldGroup.CONTACT]) | frozenset(
    {"childcare_constraints"}
)


def can_view_candidate_profiles(user: Any, organisation_id: int) -> bool:
    """Employer contacts and admins of the receiving organisation."""
    actor = actor_for(user)
    return any(actor.has_role(kind, organisation_id) for kind in EMPLOYER_PROFILE_ROLES)


def employer_profile_fields(consented: frozenset[str], *, contact_agreed: bool) -> frozenset[str]:
    """What an employer sees of a candidate: the consented fields minus identity and contact,
    plus name and contact once the participant agreed to a contact with this employer."""
    fields = (consented - NEVER_TO_EMPLOYERS) | ALWAYS_VISIBLE
    if contact_agreed:
        fields |= CONTACT_FIELDS
    return fields
