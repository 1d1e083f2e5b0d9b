from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    NETWORK_MEETING = "network_meeting", _("Network meeting")
    REGIONAL_MEETING = "regional_meeting", _("Regional meeting")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    WERKSTATT = "werkstatt", _("Company workshop (Betriebliche Werkstatt)")
    FIRESIDE_TALK = "fireside_talk", _("Fireside talk")
    MARKET = "market", _("Market of opportunities")
    DEVELOPMENT_FORUM = "development_forum", _("Development forum")


class EventFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On site")
    HYBRID = "hybrid", _("Hybrid")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")


class Recurrence(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    BIMONTHLY = "bimonthly", _("Every two months")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Every six months")
    ANNUAL = "annual", _("Yearly")


RECURRENCE_MONTHS = {
    Recurrence.MONTHLY: 1,
    Recurrence.BIMONTHLY: 2,
    Recurrence.QUARTERLY: 3,
    Recurrence.SEMIANNUAL: 6,
    Recurrence.ANNUAL: 12,
}


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class HostChoice(models.TextChoices):
    ROTATION = "rotation", _("Chosen by rotation")
    COORDINATOR = "coordinator", _("Chosen by the coordinator")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    OFFER_EXPIRED = "offer_expired", _("Offer expired")


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SlotKind(models.TextChoices):
    WELCOME = "welcome", pgettext_lazy("agenda item", "Welcome")
    TALK = "talk", _("Talk")
    PRACTICE_REPORT = "practice_report", _("Report from practice")
    DISCUSSION = "discussion", _("Discussion")
    BREAK = "break", _("Break")
    OTHER = "other", _("Other")


class ActionItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTION_ITEM_STATUSES = (ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS)

# A waiting-list offer is valid this long (but never beyond the start of the event).
OFFER_VALID_HOURS = 48
# Reminders go out this long before an event starts.
REMINDER_HOURS_BEFORE = 24
