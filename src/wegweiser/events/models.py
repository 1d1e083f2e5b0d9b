"""Events, series with rotating hosts, registrations with a waiting list, minutes, actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import TimeStampedModel
from wegweiser.core.places import validate_plz
from wegweiser.events.constants import (
    ActionItemStatus,
    EventFormat,
    EventStatus,
    EventType,
    HostChoice,
    OfferStatus,
    Recurrence,
    RegistrationStatus,
    SlotKind,
    Visibility,
)
from wegweiser.network.models import Network, Organisation


class EventSeries(TimeStampedModel):
    """A recurring format (a monthly webinar, the quarterly Werkstatt); may rotate its host."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="event_series"
    )
    title = models.CharField(_("title"), max_length=200)
    event_type = models.CharField(_("type"), max_length=30, choices=EventType.choices)
    recurrence = models.CharField(_("recurrence"), max_length=20, choices=Recurrence.choices)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    rotates_host = models.BooleanField(
        _("rotating host"),
        default=False,
        help_text=_("Each event is hosted by another willing member organisation."),
    )
    default_capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("duration in minutes"), default=90)
    meeting_url = models.URLField(_("meeting link"), blank=True)
    hosts = models.ManyToManyField(
        Organisation, through="SeriesHost", related_name="+", verbose_name=_("willing hosts")
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5), name="series_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(default_capacity__isnull=True) | Q(default_capacity__gte=1),
                name="series_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SeriesHost(TimeStampedModel):
    """A member organisation willing to host events of a series."""

    series = models.ForeignKey(EventSeries, on_delete=models.CASCADE, related_name="host_entries")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    willing = models.BooleanField(_("willing to host"), default=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("willing host")
        verbose_name_plural = _("willing hosts")
        constraints = [
            models.UniqueConstraint(fields=["series", "organisation"], name="series_host_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.series} – {self.organisation}"


class Event(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="events"
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    title = models.CharField(_("title"), max_length=200)
    event_type = models.CharField(_("type"), max_length=30, choices=EventType.choices)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    format = models.CharField(_("format"), max_length=10, choices=EventFormat.choices)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    plz = models.CharField(_("postcode"), max_length=5, blank=True, validators=[validate_plz])
    city = models.CharField(_("city"), max_length=100, blank=True)
    meeting_url = models.URLField(
        _("meeting link"),
        blank=True,
        help_text=_("Shown only to people with a confirmed seat."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    ask_accessibility = models.BooleanField(_("ask about accessibility needs"), default=True)
    ask_dietary = models.BooleanField(_("ask about dietary wishes"), default=False)
    ask_language = models.BooleanField(_("ask about language"), default=True)
    host_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_events",
    )
    host_chosen_by = models.CharField(
        _("host chosen by"), max_length=20, choices=HostChoice.choices, blank=True
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)  # iCalendar SEQUENCE
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["network", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="event_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(format=EventFormat.ONLINE) | ~Q(plz=""),
                name="event_on_site_has_postcode",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_on_site(self) -> bool:
        return self.format in (EventFormat.ON_SITE, EventFormat.HYBRID)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def registration_open(self) -> bool:
        now = timezone.now()
        if self.is_cancelled or self.starts_at <= now:
            return False
        return self.registration_deadline is None or self.registration_deadline > now


class HostDecline(TimeStampedModel):
    """An organisation declined to host one event; the rotation passes it over for that event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="host_declines")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("declined hosting")
        verbose_name_plural = _("declined hostings")
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="host_decline_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.organisation}"


class AgendaSlot(TimeStampedModel):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_slots")
    position = models.PositiveIntegerField(_("position"), default=0)
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    duration_minutes = models.PositiveIntegerField(_("minutes"), default=15)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=SlotKind.choices)
    speaker_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("presenting organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    speaker_name = models.CharField(_("speaker"), max_length=200, blank=True)

    class Meta:
        ordering = ["event", "position", "starts_at", "pk"]
        verbose_name = _("agenda slot")
        verbose_name_plural = _("agenda slots")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=SlotKind.PRACTICE_REPORT) | Q(speaker_organisation__isnull=False),
                name="practice_report_has_member",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=600),
                name="slot_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Registration(TimeStampedModel):
    """A person's registration for an event; personal data (name, e-mail, answers)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True, max_length=1000)
    dietary_wishes = models.CharField(_("dietary wishes"), blank=True, max_length=500)
    language = models.CharField(
        _("preferred language at the event"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(
                    status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
                ),
                name="registration_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status=RegistrationStatus.CONFIRMED),
                name="registration_checkin_needs_seat",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.user_id}"


class WaitlistOffer(TimeStampedModel):
    """A freed seat offered to the first person waiting, valid until `expires_at`; used once."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="offers")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="offers")
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.OPEN
    )
    expires_at = models.DateTimeField(_("valid until"))
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("waiting-list offer")
        verbose_name_plural = _("waiting-list offers")
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(status=OfferStatus.OPEN),
                name="offer_one_open_per_registration",
            ),
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(status=OfferStatus.ACCEPTED),
                name="offer_accepted_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} – {self.registration_id} ({self.status})"

    @property
    def is_valid(self) -> bool:
        return self.status == OfferStatus.OPEN and self.expires_at > timezone.now()


class Minutes(TimeStampedModel):
    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"), max_length=50000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return f"{self.event}"


class NetworkPlan(TimeStampedModel):
    """'Our results and ideas for the next 8 months': a list of action items with progress."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("network plan")
        verbose_name_plural = _("network plans")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="plan_ends_after"),
        ]

    def __str__(self) -> str:
        return self.title


class ActionItem(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="action_items"
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="action_items",
    )
    plan = models.ForeignKey(
        NetworkPlan,
        verbose_name=_("network plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="items",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owner (organisation)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    progress = models.PositiveSmallIntegerField(_("progress in %"), default=0)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_range"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_label(self) -> str:
        if self.owner_user is not None:
            return self.owner_user.display_name
        if self.owner_organisation is not None:
            return self.owner_organisation.name
        return ""


class CalendarFeedToken(TimeStampedModel):
    """A personal iCalendar feed; only a SHA-256 hash of the secret is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="feed_one_active"
            ),
        ]

    def __str__(self) -> str:
        return f"feed {self.pk}"
