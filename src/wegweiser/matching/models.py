"""Suggestions between participants and offers, and participants' agreements to a contact."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import TimeStampedModel
from wegweiser.matching.constants import DeclineReason, Recipient, SuggestionStatus


class Suggestion(TimeStampedModel):
    """A counsellor's suggestion of one offer for one participant, and how it went."""

    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="+"
    )
    offer = models.ForeignKey("jobs.Offer", on_delete=models.CASCADE, related_name="suggestions")
    # The counselling project that made it (the participant's project).
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.SUGGESTED,
        db_index=True,
    )
    recipient = models.CharField(_("sent to"), max_length=12, choices=Recipient.choices, blank=True)
    score = models.FloatField(_("score when suggested"), default=0.0)
    decline_reason = models.CharField(
        _("reason"), max_length=12, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.CharField(_("note"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "offer"], name="suggestion_once_per_offer"
            ),
            models.CheckConstraint(
                condition=~Q(status=SuggestionStatus.DECLINED) | ~Q(decline_reason=""),
                name="suggestion_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=SuggestionStatus.SUGGESTED)
                | ~Q(recipient="")
                | Q(status=SuggestionStatus.DECLINED),
                name="suggestion_sent_has_recipient",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SuggestionStatus.values), name="suggestion_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.offer_id}: {self.status}"


class ContactAgreement(TimeStampedModel):
    """The participant agreed that an employer organisation may learn their name and contact
    (recorded by their counsellor, for one employer, on the occasion of one offer)."""

    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="+"
    )
    employer = models.ForeignKey("network.Organisation", on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(
        "jobs.Offer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("contact agreement")
        verbose_name_plural = _("contact agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "employer"], name="contact_agreement_once_per_employer"
            )
        ]
