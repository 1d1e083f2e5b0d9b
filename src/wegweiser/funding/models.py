"""Funded projects, their participants' ESF Plus records and the aggregates released to funders.

An `EsfRecord` holds one participant's entry questionnaire, results at exit and six-month
follow-up for one project; the unique constraint makes a participant count once per project.
It stores the age band at entry, never the date of birth.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import TimeStampedModel
from wegweiser.funding.constants import (
    SHORT_CONTACT_HOURS,
    AgeBand,
    Answer,
    Education,
    EmploymentStatus,
    Programme,
    Sex,
)


class FundedProject(TimeStampedModel):
    network = models.ForeignKey(
        "network.Network", verbose_name=_("network"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    programme = models.CharField(
        _("programme"), max_length=20, choices=Programme.choices, default=Programme.ESF_PLUS
    )
    funding_reference = models.CharField(_("funding reference"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    organisations = models.ManyToManyField(
        "network.Organisation", verbose_name=_("run by"), related_name="funded_projects"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("funded project")
        verbose_name_plural = _("funded projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="funded_project_period"
            ),
            models.UniqueConstraint(
                fields=["programme", "funding_reference"], name="funded_project_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class EsfRecord(TimeStampedModel):
    project = models.ForeignKey(FundedProject, on_delete=models.PROTECT, related_name="records")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("counselling project"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Entry questionnaire
    entry_on = models.DateField(_("entry date"))
    contact_hours = models.DecimalField(
        _("hours of support"),
        max_digits=6,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(9999))],
    )
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices, blank=True)
    age_band = models.CharField(
        _("age band at entry"), max_length=10, choices=AgeBand.choices, blank=True
    )
    employment_status = models.CharField(
        _("employment status at entry"),
        max_length=24,
        choices=EmploymentStatus.choices,
        blank=True,
    )
    education = models.CharField(
        _("education (ISCED)"), max_length=12, choices=Education.choices, blank=True
    )
    disability = models.CharField(
        _("disability"), max_length=10, choices=Answer.choices, blank=True
    )
    third_country_national = models.CharField(
        _("third-country national"), max_length=10, choices=Answer.choices, blank=True
    )
    foreign_background = models.CharField(
        _("foreign background"), max_length=10, choices=Answer.choices, blank=True
    )
    homeless = models.CharField(
        _("homeless or affected by housing exclusion"),
        max_length=10,
        choices=Answer.choices,
        blank=True,
    )
    rural = models.CharField(_("rural area"), max_length=10, choices=Answer.choices, blank=True)
    entry_completed_at = models.DateTimeField(_("entry completed"), null=True, blank=True)
    # Results at exit
    exit_on = models.DateField(_("exit date"), null=True, blank=True)
    result_education = models.BooleanField(
        _("in education or training upon leaving"), default=False
    )
    result_qualification = models.BooleanField(_("gained a qualification"), default=False)
    result_employment = models.BooleanField(
        _("in employment, including self-employment, upon leaving"), default=False
    )
    result_job_searching = models.BooleanField(_("job searching upon leaving"), default=False)
    # Six months after leaving
    follow_up_due_on = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_employment = models.BooleanField(
        _("in employment six months after leaving"), default=False
    )
    follow_up_improved = models.BooleanField(
        _("improved labour market situation six months after leaving"), default=False
    )
    follow_up_done_at = models.DateTimeField(_("follow-up recorded"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["entry_on", "id"]
        verbose_name = _("ESF Plus record")
        verbose_name_plural = _("ESF Plus records")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "participant"], name="esf_record_once_per_project"
            ),
            models.CheckConstraint(
                condition=Q(exit_on__isnull=True) | Q(exit_on__gte=models.F("entry_on")),
                name="esf_record_exit_after_entry",
            ),
            models.CheckConstraint(
                condition=Q(exit_on__isnull=True) | Q(entry_completed_at__isnull=False),
                name="esf_record_exit_needs_entry",
            ),
        ]
        indexes = [models.Index(fields=["project", "entry_on"])]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.participant_id}"

    @property
    def is_short_contact(self) -> bool:
        return self.contact_hours < SHORT_CONTACT_HOURS

    @property
    def is_entry_complete(self) -> bool:
        return self.entry_completed_at is not None

    @property
    def has_left(self) -> bool:
        return self.exit_on is not None


class ReleasedCell(models.Model):
    """One aggregate shown to a funder: what later reports are checked against (differencing)."""

    project = models.ForeignKey(FundedProject, on_delete=models.CASCADE, related_name="+")
    indicator = models.CharField(max_length=40)
    starts_on = models.DateField()
    ends_on = models.DateField()
    value = models.PositiveIntegerField()
    released_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    released_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["released_at", "id"]
        indexes = [models.Index(fields=["project", "indicator"])]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.indicator} {self.starts_on}–{self.ends_on}"
