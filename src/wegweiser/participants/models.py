"""Participants, their consents, pathway, referrals, notes and follow-up tasks.

Identity and special-category fields are encrypted at rest (fields.py); the duplicate check
works on a keyed blind index of the normalised name, date of birth and postcode.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import Occupation, TimeStampedModel
from wegweiser.core.places import plz_field
from wegweiser.participants.constants import (
    Availability,
    ConsentMethod,
    ConsentPurpose,
    ConsentState,
    ConsentStatus,
    GermanLevel,
    LeaveReason,
    ParticipantStatus,
    RecognitionStatus,
    ReferralStatus,
    ResidenceStatus,
    TaskKind,
    WorkPermission,
)
from wegweiser.participants.fields import (
    EncryptedCharField,
    EncryptedDateField,
    EncryptedJSONListField,
    EncryptedTextField,
)

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_participant_code() -> str:
    """A pseudonymous code like TN-4KX7-Q2MB (no I, O, 0, 1 to avoid misreading)."""
    chars = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"TN-{chars[:4]}-{chars[4:]}"


class Participant(TimeStampedModel):
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("counselling project"),
        on_delete=models.PROTECT,
        related_name="participants",
    )
    code = models.CharField(
        _("pseudonymous code"), max_length=20, unique=True, default=new_participant_code
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.ACTIVE,
        db_index=True,
    )
    enrolled_on = models.DateField(_("enrolled on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    leave_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=LeaveReason.choices, blank=True
    )
    # Identity and contact (encrypted)
    first_name = EncryptedCharField(_("first name"), max_length=100, blank=True)
    last_name = EncryptedCharField(_("last name"), max_length=100, blank=True)
    date_of_birth = EncryptedDateField(_("date of birth"), null=True, blank=True)
    email = EncryptedCharField(_("e-mail address"), max_length=254, blank=True)
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    address = EncryptedTextField(_("address"), blank=True, max_length=300)
    # Languages and origin (languages and origin can reveal ethnic origin: encrypted)
    languages = EncryptedJSONListField(_("languages spoken"), blank=True, default=list)
    german_level = models.CharField(
        _("German level (CEFR)"), max_length=2, choices=GermanLevel.choices, blank=True
    )
    german_certificate = models.CharField(_("German certificate"), max_length=120, blank=True)
    german_certificate_on = models.DateField(_("certificate date"), null=True, blank=True)
    country_of_origin = EncryptedCharField(_("country of origin"), max_length=100, blank=True)
    # Residence (encrypted); the work permission it implies stays queryable for matching
    residence_status = EncryptedCharField(
        _("residence status"), max_length=20, choices=ResidenceStatus.choices, blank=True
    )
    residence_valid_until = EncryptedDateField(
        _("residence permit valid until"), null=True, blank=True
    )
    work_permission = models.CharField(
        _("work permission"),
        max_length=20,
        choices=WorkPermission.choices,
        default=WorkPermission.UNKNOWN,
    )
    # Mobility and availability
    plz = plz_field(blank=True)
    travel_radius_km = models.PositiveSmallIntegerField(
        _("travel radius (km)"), default=25, validators=[MaxValueValidator(500)]
    )
    driving_licences = models.JSONField(_("driving licences"), default=list, blank=True)
    availability = models.CharField(
        _("availability"), max_length=10, choices=Availability.choices, blank=True
    )
    childcare_constraints = EncryptedTextField(
        _("childcare and other constraints"), blank=True, max_length=1000
    )
    desired_occupations = models.ManyToManyField(
        Occupation, verbose_name=_("desired occupations"), blank=True, related_name="+"
    )
    # Sign-in to the participant portal (no organisation role, so no MFA).
    portal_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
    )
    portal_invited_at = models.DateTimeField(_("portal invitation sent"), null=True, blank=True)
    portal_nonce = models.CharField(max_length=32, blank=True, editable=False)
    # Keyed HMAC of normalised (name, date of birth, postcode): the duplicate check.
    dedupe_key = models.CharField(max_length=64, blank=True, editable=False)
    # Keyed HMACs of the normalised names, for exact-name search without plaintext.
    first_name_index = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    last_name_index = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_on", "-id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="participant_unique_person_per_project",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("enrolled_on")),
                name="participant_left_after_enrolled",
            ),
            models.CheckConstraint(
                condition=~Q(status=ParticipantStatus.LEFT) | Q(left_on__isnull=False),
                name="participant_left_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.code

    @property
    def is_erased(self) -> bool:
        return self.status == ParticipantStatus.ERASED


class Qualification(TimeStampedModel):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="qualifications"
    )
    title = EncryptedCharField(_("qualification"), max_length=200)
    country = EncryptedCharField(_("country where obtained"), max_length=100, blank=True)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("reference occupation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recognition_status = models.CharField(
        _("recognition"),
        max_length=20,
        choices=RecognitionStatus.choices,
        default=RecognitionStatus.NOT_STARTED,
    )
    recognition_decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")


def _upload_path(instance: Any, filename: str) -> str:
    # A random name: the original file name may itself be personal data.
    return f"participants/{instance.participant_id}/{secrets.token_hex(16)}"


class Consent(TimeStampedModel):
    """A participant's consent to one purpose (for share_case: towards one organisation)."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    recipient = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("receiving organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    scope = models.JSONField(_("what it covers"), default=list, blank=True)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    method = models.CharField(_("how it was given"), max_length=20, choices=ConsentMethod.choices)
    witnessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given in person to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    form_file = models.FileField(_("signed form"), upload_to=_upload_path, blank=True)
    form_content_type = models.CharField(max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ConsentStatus.choices, default=ConsentStatus.GIVEN
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="consent_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(status=ConsentStatus.GIVEN, withdrawn_at__isnull=True)
                | Q(status=ConsentStatus.WITHDRAWN, withdrawn_at__isnull=False),
                name="consent_withdrawal_consistent",
            ),
            models.CheckConstraint(
                condition=~Q(purpose=ConsentPurpose.SHARE_CASE) | Q(recipient__isnull=False),
                name="consent_share_names_recipient",
            ),
        ]
        indexes = [models.Index(fields=["participant", "purpose", "status"])]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.purpose}"

    def state_at(self, at: datetime | None = None) -> str:
        at = at or timezone.now()
        if self.status == ConsentStatus.WITHDRAWN and self.withdrawn_at and self.withdrawn_at <= at:
            return ConsentState.WITHDRAWN
        day = timezone.localdate(at)
        if day < self.valid_from:
            return ConsentState.PENDING
        if self.valid_until is not None and day > self.valid_until:
            return ConsentState.EXPIRED
        return ConsentState.VALID

    def is_valid_at(self, at: datetime | None = None) -> bool:
        return self.state_at(at) == ConsentState.VALID

    @property
    def state(self) -> str:
        return self.state_at()

    def get_state_display(self) -> str:
        return str(ConsentState(self.state).label)


class MilestoneType(models.Model):
    """A kind of pathway milestone. Defined as data; networks add their own."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    labels = models.JSONField(_("names by language"), default=dict)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    network = models.ForeignKey(
        "network.Network",
        verbose_name=_("added by network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_exit = models.BooleanField(_("marks leaving the programme"), default=False)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("milestone type")
        verbose_name_plural = _("milestone types")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        language = (get_language() or "de").split("-")[0]
        labels: dict[str, str] = self.labels or {}
        return labels.get(language) or labels.get("en") or labels.get("de") or self.key


class Milestone(TimeStampedModel):
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="milestones"
    )
    milestone_type = models.ForeignKey(
        MilestoneType, verbose_name=_("milestone"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("recorded by project"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    occurred_on = models.DateField(_("date"))
    note = EncryptedTextField(_("note"), blank=True, max_length=1000)
    leave_reason = models.CharField(
        _("reason for leaving"), max_length=20, choices=LeaveReason.choices, blank=True
    )
    evidence = models.FileField(_("evidence"), upload_to=_upload_path, blank=True)
    evidence_content_type = models.CharField(max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["occurred_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")


class Referral(TimeStampedModel):
    """Passing a case from one project to another, with what is passed on."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("receiving organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    field_groups = models.JSONField(_("what is passed on"), default=list)
    summary = EncryptedTextField(_("handover summary"), blank=True, max_length=4000)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    consent = models.ForeignKey(
        Consent, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_reason = models.TextField(_("reason for the override"), blank=True, max_length=2000)
    override_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    override_decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decline_reason = models.TextField(_("reason"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")),
                name="referral_to_another_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.DECLINED) | ~Q(decline_reason=""),
                name="referral_decline_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.from_organisation_id} → {self.to_organisation_id}"

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)


class CaseNote(TimeStampedModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notes")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = EncryptedTextField(_("note"), max_length=10000)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")


class FollowUpTask(TimeStampedModel):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="tasks")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(max_length=12, choices=TaskKind.choices, default=TaskKind.MANUAL)
    title = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "kind", "due_on"],
                condition=Q(kind=TaskKind.SIX_MONTH),
                name="followup_six_month_once",
            )
        ]

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()
