"""Writes of the suggestion workflow: one transaction, one audit entry each, mails after commit.

Permission checks happen in the selectors and policy that hand out the objects; the services
check the domain rules (allowed transitions, consent, reasons).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import User
from wegweiser.core.services import audit_entry_create
from wegweiser.jobs.constants import OfferStatus
from wegweiser.jobs.models import Offer
from wegweiser.matching import policy
from wegweiser.matching.constants import (
    HIRED_MILESTONE_BY_OFFER_TYPE,
    TRANSITIONS,
    DeclineReason,
    Recipient,
    SuggestionStatus,
)
from wegweiser.matching.exceptions import MatchingError
from wegweiser.matching.models import ContactAgreement, Suggestion
from wegweiser.matching.tasks import suggestion_notify
from wegweiser.network.models import Membership, Organisation
from wegweiser.participants import selectors as participant_selectors
from wegweiser.participants import services as participant_services
from wegweiser.participants.constants import ConsentPurpose
from wegweiser.participants.models import Participant


def _network_id(organisation_id: int) -> int | None:
    return (
        Membership.objects.filter(organisation_id=organisation_id)
        .order_by("pk")
        .values_list("network_id", flat=True)
        .first()
    )


def _audit(actor: Any, action: str, obj: Any, organisation_id: int, fields: list[str]) -> None:
    audit_entry_create(
        actor=actor,
        action=action,
        obj=obj,
        changed_fields=fields,
        network_id=_network_id(organisation_id),
        organisation_id=organisation_id,
    )


def _shares_profile(participant: Participant, employer_id: int | None) -> bool:
    return bool(
        participant_selectors.consented_fields(
            participant, ConsentPurpose.EMPLOYER_PROFILE, employer_id
        )
    )


def suggestion_create(
    *, actor: User, participant: Participant, offer: Offer, score: float = 0.0
) -> Suggestion:
    """Note an offer as a suggestion for a participant (status "suggested")."""
    if participant.status != "active":
        raise MatchingError(_("Only active participants receive suggestions."))
    if offer.status != OfferStatus.PUBLISHED:
        raise MatchingError(_("Only published offers can be suggested."))
    try:
        with transaction.atomic():
            suggestion = Suggestion.objects.create(
                participant=participant,
                offer=offer,
                organisation_id=participant.organisation_id,
                score=float(score),
                created_by=actor,
                status_changed_at=timezone.now(),
            )
            _audit(
                actor,
                "suggestion.create",
                suggestion,
                participant.organisation_id,
                ["participant", "offer", "status"],
            )
    except IntegrityError as error:
        raise MatchingError(_("This offer was already suggested to the participant.")) from error
    return suggestion


def suggestion_transition(
    *,
    actor: User,
    suggestion: Suggestion,
    to: str,
    recipient: str = "",
    reason: str = "",
    note: str = "",
) -> Suggestion:
    """Move a suggestion on: suggested → sent → interested → interview → hired, or declined
    (with a reason) from any open status. Sending to the employer needs the participant's valid
    consent to show the profile; "hired" records a pathway milestone of the participant."""
    if to not in SuggestionStatus.values:
        raise MatchingError(_("Unknown status."))
    if to == SuggestionStatus.DECLINED and reason not in DeclineReason.values:
        raise MatchingError(_("Give the reason why the suggestion was declined."))
    if to == SuggestionStatus.SENT and recipient not in Recipient.values:
        raise MatchingError(_("Choose whom to send the suggestion to."))
    with transaction.atomic():
        suggestion = (
            Suggestion.objects.select_for_update().select_related("offer").get(pk=suggestion.pk)
        )
        if to not in TRANSITIONS[suggestion.status]:
            raise MatchingError(
                _("A suggestion cannot go from “%(old)s” to “%(new)s”.")
                % {
                    "old": SuggestionStatus(suggestion.status).label,
                    "new": SuggestionStatus(to).label,
                }
            )
        if to not in policy.allowed_targets(actor, suggestion):
            raise MatchingError(_("You may not change this suggestion this way."))
        participant = Participant.objects.get(pk=suggestion.participant_id)
        changed = ["status", "status_changed_at"]
        now = timezone.now()
        if to == SuggestionStatus.SENT:
            if recipient == Recipient.EMPLOYER and not _shares_profile(
                participant, suggestion.offer.organisation_id
            ):
                raise MatchingError(
                    _(
                        "The participant has not consented to showing their profile to "
                        "employers, so it cannot be sent to the employer."
                    )
                )
            if recipient == Recipient.EMPLOYER and suggestion.offer.organisation_id is None:
                raise MatchingError(_("Imported offers have no employer in the network."))
            suggestion.recipient = recipient
            suggestion.sent_at = now
            changed += ["recipient", "sent_at"]
        if to == SuggestionStatus.DECLINED:
            suggestion.decline_reason = reason
            suggestion.decline_note = note[:500]
            changed += ["decline_reason", "decline_note"]
        suggestion.status = to
        suggestion.status_changed_at = now
        suggestion.save(update_fields=[*changed, "updated_at"])
        if to == SuggestionStatus.HIRED:
            _record_hire(actor, suggestion, participant)
        _audit(actor, f"suggestion.{to}", suggestion, suggestion.organisation_id, changed)
        if to == SuggestionStatus.SENT:
            transaction.on_commit(partial(suggestion_notify.enqueue, suggestion_id=suggestion.pk))
    return suggestion


def _record_hire(actor: User, suggestion: Suggestion, participant: Participant) -> None:
    key = HIRED_MILESTONE_BY_OFFER_TYPE.get(suggestion.offer.offer_type, "job_started")
    milestone_type = participant_selectors.milestone_type_by_key(key)
    if milestone_type is None:
        raise MatchingError(_("The pathway milestone for a new job is missing."))
    participant_services.milestone_record(
        actor=actor,
        participant=participant,
        organisation_id=participant.organisation_id,
        milestone_type=milestone_type,
        occurred_on=timezone.localdate(),
    )


def contact_agree(
    *, actor: User, participant: Participant, employer: Organisation, offer: Offer | None = None
) -> ContactAgreement:
    """Record that the participant agreed to a contact with the employer: from now on the
    employer sees their name and contact. Needs the consent to show the profile."""
    if not _shares_profile(participant, employer.pk):
        raise MatchingError(
            _("The participant has not consented to showing their profile to employers.")
        )
    with transaction.atomic():
        agreement, created = ContactAgreement.objects.get_or_create(
            participant=participant,
            employer=employer,
            defaults={"offer": offer, "recorded_by": actor},
        )
        if not created:
            raise MatchingError(
                _("The participant already agreed to a contact with this employer.")
            )
        _audit(
            actor,
            "contact_agreement.record",
            agreement,
            participant.organisation_id,
            ["participant", "employer", "offer"],
        )
    return agreement
