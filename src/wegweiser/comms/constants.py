"""Choices and defaults of the newsletter."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

# Defaults; each can be overridden in settings (see `comms.conf`).
CONFIRM_VALID_DAYS = 7
SEND_BATCH_SIZE = 50
MAX_ATTEMPTS = 3
RETRY_BASE_SECONDS = 300  # 5 min, then 20 min (base × 4 ** (attempt − 1))
PERIOD_MONTHS = 2
UPCOMING_MONTHS = 2
MIN_AGGREGATE_COUNT = 5  # milestone counts below this are left out (no small cells)
SOURCE_LANGUAGE = "de"


class SubscriberStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Subscribed")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")


class SubscriberSource(models.TextChoices):
    SIGNUP = "signup", _("Signed up")
    ROLE_INVITATION = "role_invitation", _("Invited by role")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Public (only public events)")
    MEMBERS = "members", _("Members (public and members-only events)")


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")


class Section(models.TextChoices):
    MEMBERS = "members", _("New members")
    EVENTS = "events", _("Upcoming events")
    AMBASSADORS = "ambassadors", _("News from the ambassadors")
    KNOWLEDGE = "knowledge", _("New in the knowledge base")
    MILESTONES = "milestones", _("Milestones reached")
    OTHER = "other", _("More news")


SECTION_ORDER = [s.value for s in Section]


class DeliveryStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
