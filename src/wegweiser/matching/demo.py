"""Fictional demo suggestions: a few consented demo participants of one counselling project with
offers suggested to them, in every state of the workflow. Loading twice changes nothing."""

from __future__ import annotations

import random

from wegweiser.accounts.models import User
from wegweiser.jobs.constants import OfferSource, OfferStatus
from wegweiser.jobs.models import Offer
from wegweiser.matching import selectors, services
from wegweiser.matching.constants import DeclineReason, Recipient, SuggestionStatus
from wegweiser.matching.models import Suggestion
from wegweiser.network.constants import RoleKind
from wegweiser.participants.constants import ConsentPurpose
from wegweiser.participants.selectors import (
    access_participant_by_id,
    participants_with_valid_consent,
)

PROJECT = "Brückenschlag Plus"
# The path each demo suggestion takes (after "suggested").
PATHS: list[list[tuple[str, str]]] = [
    [],
    [(SuggestionStatus.SENT, Recipient.PARTICIPANT)],
    [(SuggestionStatus.SENT, Recipient.EMPLOYER)],
    [(SuggestionStatus.SENT, Recipient.EMPLOYER), (SuggestionStatus.INTERESTED, "")],
    [
        (SuggestionStatus.SENT, Recipient.EMPLOYER),
        (SuggestionStatus.INTERESTED, ""),
        (SuggestionStatus.INTERVIEW, ""),
    ],
    [
        (SuggestionStatus.SENT, Recipient.EMPLOYER),
        (SuggestionStatus.INTERESTED, ""),
        (SuggestionStatus.INTERVIEW, ""),
        (SuggestionStatus.HIRED, ""),
    ],
    [(SuggestionStatus.SENT, Recipient.PARTICIPANT), (SuggestionStatus.DECLINED, "")],
]


def load(rng: random.Random) -> None:
    if Suggestion.objects.exists():
        return
    participants = list(
        participants_with_valid_consent(ConsentPurpose.EMPLOYER_PROFILE)
        .filter(organisation__name=PROJECT)
        .order_by("pk")[: len(PATHS)]
    )
    if not participants:
        return
    counsellor = (
        User.objects.filter(
            roles__organisation_id=participants[0].organisation_id,
            roles__kind=RoleKind.COUNSELLOR,
        )
        .order_by("pk")
        .first()
    )
    fallback = list(
        Offer.objects.filter(status=OfferStatus.PUBLISHED, source=OfferSource.OWN).order_by("pk")
    )
    if counsellor is None or not fallback:
        return
    used: set[int] = set()
    for participant, path in zip(participants, PATHS, strict=False):
        access = access_participant_by_id(
            actor=counsellor, participant_id=participant.pk, purpose="suggest"
        )
        matches = selectors.offers_for_participant(actor=counsellor, access=access)
        ranked = [
            s.offer
            for s in (matches.result.suggestions if matches.result else ())
            if s.offer.source == OfferSource.OWN
        ]
        offer = next((o for o in ranked if o.pk not in used), None) or rng.choice(fallback)
        used.add(offer.pk)
        suggestion = services.suggestion_create(
            actor=counsellor,
            participant=participant,
            offer=offer,
            score=selectors.score_for_offer(access=access, offer=offer),
        )
        for status, recipient in path:
            suggestion = services.suggestion_transition(
                actor=counsellor,
                suggestion=suggestion,
                to=status,
                recipient=recipient,
                reason=DeclineReason.PARTICIPANT_NOT_INTERESTED
                if status == SuggestionStatus.DECLINED
                else "",
            )
