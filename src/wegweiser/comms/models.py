"""Subscribers (double opt-in, proof of consent), issues with their items, and deliveries."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.comms.constants import (
    SECTION_ORDER,
    SOURCE_LANGUAGE,
    Audience,
    DeliveryStatus,
    IssueStatus,
    Section,
    SubscriberSource,
    SubscriberStatus,
)
from wegweiser.core.models import TimeStampedModel
from wegweiser.network.models import Network


def new_nonce() -> str:
    return secrets.token_hex(16)


class Subscriber(TimeStampedModel):
    """One address on one network's list. Never deleted when it unsubscribes: the record keeps
    the address from being added again without a new confirmation."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=SubscriberStatus.choices,
        default=SubscriberStatus.PENDING,
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=SubscriberSource.choices,
        default=SubscriberSource.SIGNUP,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Confirmation links carry this nonce; confirming replaces it, so a link works once.
    confirm_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    # Unsubscribe and preference links carry this one; it never changes.
    link_key = models.CharField(max_length=32, default=new_nonce, editable=False, unique=True)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    consent_text = models.CharField(_("what was confirmed"), max_length=300, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        ordering = ["email"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(fields=["network", "email"], name="subscriber_unique_email"),
            models.CheckConstraint(
                condition=~Q(status=SubscriberStatus.CONFIRMED) | Q(confirmed_at__isnull=False),
                name="subscriber_confirmed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.email


class Issue(TimeStampedModel):
    """One edition of a network's newsletter: a draft until it is sent, then frozen."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    status = models.CharField(
        _("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="issue_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_draft(self) -> bool:
        return self.status == IssueStatus.DRAFT


class IssueItem(TimeStampedModel):
    """A piece of news in a section of an issue; German text with optional language variants."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=5000, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    # {"ar": {"title": "…", "text": "…"}, …}; a missing language falls back to German.
    variants = models.JSONField(_("language variants"), default=dict, blank=True)
    source = models.CharField(max_length=60, blank=True, editable=False)  # e.g. "event:12"

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("newsletter item")
        verbose_name_plural = _("newsletter items")

    def __str__(self) -> str:
        return self.title

    @property
    def section_index(self) -> int:
        return SECTION_ORDER.index(self.section)

    def title_in(self, language: str) -> str:
        if language != SOURCE_LANGUAGE:
            variant = (self.variants or {}).get(language) or {}
            if variant.get("title"):
                return str(variant["title"])
        return self.title

    def text_in(self, language: str) -> str:
        if language != SOURCE_LANGUAGE:
            variant = (self.variants or {}).get(language) or {}
            if variant.get("text"):
                return str(variant["text"])
        return self.text


class Delivery(TimeStampedModel):
    """One issue to one subscriber: its own attempts, error and outcome."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.PROTECT, related_name="deliveries")
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.WAITING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="delivery_unique"),
        ]
        indexes = [models.Index(fields=["issue", "status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.issue_id} → {self.subscriber_id}"
