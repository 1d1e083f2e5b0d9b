"""Choices and fixed rules of the suggestion workflow."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.jobs.constants import OfferType


class SuggestionStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    SENT = "sent", _("Sent")
    INTERESTED = "interested", _("Interested")
    INTERVIEW = "interview", _("Interview")
    HIRED = "hired", _("Hired")
    DECLINED = "declined", _("Declined")


# The only status changes there are; "hired" and "declined" are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    SuggestionStatus.SUGGESTED: frozenset({SuggestionStatus.SENT, SuggestionStatus.DECLINED}),
    SuggestionStatus.SENT: frozenset({SuggestionStatus.INTERESTED, SuggestionStatus.DECLINED}),
    SuggestionStatus.INTERESTED: frozenset({SuggestionStatus.INTERVIEW, SuggestionStatus.DECLINED}),
    SuggestionStatus.INTERVIEW: frozenset({SuggestionStatus.HIRED, SuggestionStatus.DECLINED}),
    SuggestionStatus.HIRED: frozenset(),
    SuggestionStatus.DECLINED: frozenset(),
}


class Recipient(models.TextChoices):
    PARTICIPANT = "participant", _("The participant (portal and e-mail)")
    EMPLOYER = "employer", _("The employer (anonymous profile)")


class DeclineReason(models.TextChoices):
    PARTICIPANT_NOT_INTERESTED = "participant", _("The participant is not interested")
    EMPLOYER_NOT_INTERESTED = "employer", _("The employer is not interested")
    OFFER_FILLED = "filled", _("The offer is filled or gone")
    NOT_SUITABLE = "not_suitable", _("Not suitable after all")
    OTHER = "other", _("Other reason")


# The pathway milestone that "hired" records, by the offer's type.
HIRED_MILESTONE_BY_OFFER_TYPE: dict[str, str] = {
    OfferType.JOB: "job_started",
    OfferType.HELPER_JOB: "job_started",
    OfferType.APPRENTICESHIP: "apprenticeship_started",
    OfferType.INTERNSHIP: "internship_or_eq_started",
    OfferType.EQ: "internship_or_eq_started",
}
