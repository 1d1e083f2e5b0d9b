"""The network, its member organisations, and the people who hold roles in them."""

from __future__ import annotations

import secrets
import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import TimeStampedModel
from wegweiser.core.places import Bundesland, plz_field
from wegweiser.network.constants import (
    MembershipStatus,
    NetworkKind,
    OrganisationType,
    ProjectStatus,
    RoleKind,
    Sector,
    SizeBand,
    SlotStatus,
    SponsorshipKind,
    SponsorshipStatus,
)


class Network(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=NetworkKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regions",
    )
    bundesland = models.CharField(
        _("federal state"), max_length=2, choices=Bundesland.choices, blank=True
    )
    office = models.ForeignKey(
        "Organisation",
        verbose_name=_("network office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_networks",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name


class Organisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=100, unique=True)
    org_type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    size_band = models.CharField(_("size"), max_length=10, choices=SizeBand.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    plz = plz_field()
    city = models.CharField(_("city"), max_length=100)
    bundesland = models.CharField(_("federal state"), max_length=2, choices=Bundesland.choices)
    district = models.CharField(_("district"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    public_listing = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("Show this organisation in the public member directory."),
    )
    networks = models.ManyToManyField(Network, through="Membership", related_name="organisations")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["bundesland", "org_type"])]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    """An organisation's membership of a network, with its dates and status."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.MEMBER,
    )
    joined_on = models.DateField(_("joined"), null=True, blank=True)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["network__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "network"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"


class Role(TimeStampedModel):
    """A person's role in an organisation. A coordinator's role sits in the network office."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)

    class Meta:
        ordering = ["organisation__name", "kind"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "kind"], name="role_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()} – {self.organisation}"


def _new_nonce() -> str:
    return secrets.token_hex(16)


class Invitation(TimeStampedModel):
    """An invitation to join an organisation in a role. The link is signed, not stored."""

    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nonce = models.CharField(max_length=32, default=_new_nonce, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


# --- What members do: projects and sponsorships ---------------------------------------------


class MemberProject(TimeStampedModel):
    """An integration initiative a member runs itself."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="projects"
    )
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=5000)
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("member project")
        verbose_name_plural = _("member projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Sponsorship(TimeStampedModel):
    """A binding commitment of a member (Patenschaft): mentors, places, language support."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="sponsorships"
    )
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="sponsorships")
    kind = models.CharField(_("kind"), max_length=20, choices=SponsorshipKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    places = models.PositiveSmallIntegerField(
        _("places or people promised"), default=1, help_text=_("How many the member promises.")
    )
    places_filled = models.PositiveSmallIntegerField(
        _("fulfilled so far"), default=0, help_text=_("How many of them are filled or delivered.")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=SponsorshipStatus.choices,
        default=SponsorshipStatus.PROMISED,
    )

    class Meta:
        ordering = ["-starts_on", "kind"]
        verbose_name = _("sponsorship")
        verbose_name_plural = _("sponsorships")
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="sponsorship_places_positive"),
            models.CheckConstraint(
                condition=Q(places_filled__lte=models.F("places")),
                name="sponsorship_filled_within_promise",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="sponsorship_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.organisation}"

    @property
    def fulfilment_percent(self) -> int:
        return round(100 * self.places_filled / self.places) if self.places else 0


# --- Ambassadors, their social-media slots and their news -----------------------------------


class AmbassadorTerm(TimeStampedModel):
    """A member appointed regional ambassador for a term; a successor's term links back."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ambassador_terms"
    )
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="ambassador_terms")
    region = models.CharField(_("region"), max_length=100)
    topics = models.CharField(
        _("topics"), max_length=300, blank=True, help_text=_("Separate topics with commas.")
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    predecessor = models.OneToOneField(
        "self",
        verbose_name=_("predecessor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successor",
    )
    handover_notes = models.TextField(
        _("handover notes"),
        blank=True,
        max_length=10000,
        help_text=_("Written by the predecessor for the successor."),
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("ambassador term")
        verbose_name_plural = _("ambassador terms")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.region}"

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.split(",") if t.strip()]

    def is_active_on(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class SocialMediaSlot(TimeStampedModel):
    """A 14-day slot on the network's social-media channels, held by one ambassador."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="social_slots")
    term = models.ForeignKey(
        AmbassadorTerm,
        verbose_name=_("ambassador"),
        on_delete=models.PROTECT,
        related_name="slots",
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=SlotStatus.choices, default=SlotStatus.PLANNED
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("social-media slot")
        verbose_name_plural = _("social-media slots")
        constraints = [
            models.UniqueConstraint(fields=["network", "starts_on"], name="slot_unique_start"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.starts_on:%Y-%m-%d}"


def news_image_path(_instance: AmbassadorNews, filename: str) -> str:
    extension = ".png" if filename.lower().endswith(".png") else ".jpg"
    return f"network/news/{uuid.uuid4().hex}{extension}"


class AmbassadorNews(TimeStampedModel):
    """A short report from an ambassador for the newsletter and the monthly report."""

    term = models.ForeignKey(
        AmbassadorTerm, verbose_name=_("ambassador"), on_delete=models.PROTECT, related_name="news"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(_("text"), max_length=3000)
    image = models.FileField(_("image"), upload_to=news_image_path, blank=True, max_length=200)
    image_type = models.CharField(max_length=20, blank=True, editable=False)
    image_alt = models.CharField(
        _("image description"),
        max_length=200,
        blank=True,
        help_text=_("A short description of the image for people who cannot see it."),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ambassador news")
        verbose_name_plural = _("ambassador news")

    def __str__(self) -> str:
        return self.title
