"""Offers of employers (internship, EQ, apprenticeship, job, helper job) and imported ones."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import Occupation, TimeStampedModel
from wegweiser.core.places import validate_plz
from wegweiser.jobs.constants import (
    GermanLevel,
    OfferSource,
    OfferStatus,
    OfferType,
    WorkingTime,
)
from wegweiser.network.models import Organisation


class Offer(TimeStampedModel):
    """One offer. Own offers belong to an organisation; imported ones name the employer as text."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
    )
    source = models.CharField(
        _("source"), max_length=10, choices=OfferSource.choices, default=OfferSource.OWN
    )
    external_ref = models.CharField(_("reference number"), max_length=64, blank=True)
    external_url = models.URLField(_("link to the original"), max_length=500, blank=True)
    import_scope = models.CharField(_("import search"), max_length=200, blank=True)
    vanished_at = models.DateTimeField(_("no longer at the source since"), null=True, blank=True)
    employer_name = models.CharField(_("employer"), max_length=200, blank=True)

    offer_type = models.CharField(_("type"), max_length=20, choices=OfferType.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation (KldB 2010)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": 5},
    )
    german_min = models.CharField(
        _("minimum German level"), max_length=2, choices=GermanLevel.choices, blank=True
    )
    licences = models.JSONField(_("required licences"), default=list, blank=True)
    plz = models.CharField(_("postcode"), max_length=5, validators=[validate_plz])
    city = models.CharField(_("place"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    working_time = models.CharField(
        _("working time"), max_length=4, choices=WorkingTime.choices, default=WorkingTime.FULL
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("Leave empty for “by arrangement”.")
    )
    end_date = models.DateField(
        _("offer ends on"),
        null=True,
        blank=True,
        help_text=_("The offer expires automatically after this day."),
    )
    shifts = models.BooleanField(_("shift work"), default=False)
    housing_help = models.BooleanField(_("help with housing"), default=False)
    open_to_refugees = models.BooleanField(_("open to refugees"), default=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT
    )
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Also show this offer to visitors who are not signed in."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        indexes = [
            models.Index(fields=["status", "offer_type"]),
            models.Index(fields=["status", "end_date"]),
            models.Index(fields=["latitude", "longitude"]),
            models.Index(fields=["source", "import_scope"]),
            # The lists show the newest published offers first and stop after one page.
            models.Index(fields=["status", "-published_at", "-id"], name="jobs_offer_newest_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(source=OfferSource.BA) | Q(organisation__isnull=False),
                name="offer_own_has_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(source=OfferSource.BA) | ~Q(external_ref=""),
                name="offer_import_has_reference",
            ),
            models.UniqueConstraint(
                fields=["source", "external_ref"],
                condition=~Q(external_ref=""),
                name="offer_reference_unique",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="offer_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="offer_coordinates_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=OfferStatus.values), name="offer_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def employer(self) -> str:
        return self.organisation.name if self.organisation_id else self.employer_name  # type: ignore[union-attr]

    @property
    def requirement_level(self) -> int | None:
        """The fifth digit of the KldB code (helper, skilled, specialist, expert)."""
        code = self.occupation_id
        return int(code[4]) if code and len(code) == 5 else None

    @property
    def occupation_code(self) -> str:
        return self.occupation_id or ""

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None
