"""The advisory map: counselling services (HSDS-like) with their place, hours and vocabularies.

Open Referral HSDS splits organisation → service → service_at_location → location. Here a
service has exactly one place, so the location's fields live on the service; the export writes
the HSDS shape (see docs/adr/0080-advisory-map-data-model.md).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import TimeStampedModel
from wegweiser.core.places import plz_field
from wegweiser.directory.constants import (
    Audience,
    Language,
    ServiceStatus,
    Taxonomy,
    Topic,
    Weekday,
)
from wegweiser.network.models import Organisation


class Service(TimeStampedModel):
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="directory_services",
    )
    external_id = models.CharField(
        _("external id"),
        max_length=80,
        unique=True,
        help_text=_("A stable identifier; CSV imports update the service with the same id."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    status = models.CharField(
        _("status"), max_length=10, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    # Contact
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    remote = models.BooleanField(_("counselling by phone or online"), default=False)
    # Opening hours (the weekly slots are `OpeningHours` rows)
    by_appointment_only = models.BooleanField(_("by appointment only"), default=False)
    hours_note = models.CharField(_("note on opening hours"), max_length=200, blank=True)
    # Location
    location_name = models.CharField(_("building or room"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    plz = plz_field()
    city = models.CharField(_("city"), max_length=100)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    # Accessibility
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("counselling service")
        verbose_name_plural = _("counselling services")
        indexes = [
            models.Index(fields=["status", "latitude", "longitude"], name="service_status_geo"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="service_coordinates_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=ServiceStatus.ACTIVE, archived_at__isnull=True)
                | Q(status=ServiceStatus.ARCHIVED, archived_at__isnull=False),
                name="service_archived_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == ServiceStatus.ACTIVE

    def codes(self, taxonomy: str) -> list[str]:
        """The service's codes of one taxonomy (uses prefetched attributes)."""
        return sorted(a.code for a in self.attributes.all() if a.taxonomy == taxonomy)

    @property
    def topics(self) -> list[str]:
        return self.codes(Taxonomy.TOPIC)

    @property
    def audiences(self) -> list[str]:
        return self.codes(Taxonomy.AUDIENCE)

    @property
    def languages(self) -> list[str]:
        return self.codes(Taxonomy.LANGUAGE)

    def labels(self, taxonomy: str) -> list[str]:
        choices = {Taxonomy.TOPIC: Topic, Taxonomy.AUDIENCE: Audience, Taxonomy.LANGUAGE: Language}
        vocabulary = choices[Taxonomy(taxonomy)]
        return [str(vocabulary(c).label) for c in self.codes(taxonomy) if c in vocabulary.values]

    @property
    def topic_labels(self) -> list[str]:
        return self.labels(Taxonomy.TOPIC)

    @property
    def audience_labels(self) -> list[str]:
        return self.labels(Taxonomy.AUDIENCE)

    @property
    def language_labels(self) -> list[str]:
        return self.labels(Taxonomy.LANGUAGE)


class ServiceAttribute(models.Model):
    """A term of a taxonomy (topic, audience, language) attached to a service (HSDS attribute)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy = models.CharField(_("taxonomy"), max_length=10, choices=Taxonomy.choices)
    code = models.CharField(_("code"), max_length=30)

    class Meta:
        ordering = ["taxonomy", "code"]
        verbose_name = _("service attribute")
        verbose_name_plural = _("service attributes")
        indexes = [models.Index(fields=["taxonomy", "code"], name="service_attribute_term")]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "taxonomy", "code"], name="service_attribute_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.taxonomy}:{self.code}"


class OpeningHours(models.Model):
    """One weekly opening slot (HSDS schedule with freq WEEKLY)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="opening_hours_order"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="opening_hours_weekday"),
            models.UniqueConstraint(
                fields=["service", "weekday", "opens_at"], name="opening_hours_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
