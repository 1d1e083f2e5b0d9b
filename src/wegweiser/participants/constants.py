"""Choices and fixed rules of the participants app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wegweiser.network.constants import RoleKind

# Roles of the owning (or receiving) counselling project that work with participants' records.
CASE_ROLES = frozenset({RoleKind.ORG_ADMIN, RoleKind.STAFF, RoleKind.COUNSELLOR})

KLDB_SOURCE = "Quelle: Statistik der Bundesagentur für Arbeit, KldB 2010 (Fassung 2020)"


class GermanLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


class ResidenceStatus(models.TextChoices):
    GESTATTUNG = (
        "gestattung",
        _("Permission to stay during the asylum procedure (Aufenthaltsgestattung)"),
    )
    DULDUNG = "duldung", _("Toleration (Duldung)")
    AE_PROTECTION = "ae_protection", _("Residence permit: protection (Aufenthaltserlaubnis §25)")
    AE_EMPLOYMENT = (
        "ae_employment",
        _("Residence permit: employment (Aufenthaltserlaubnis §18 ff.)"),
    )
    AE_EDUCATION = (
        "ae_education",
        _("Residence permit: training or study (Aufenthaltserlaubnis §16 ff.)"),
    )
    AE_FAMILY = "ae_family", _("Residence permit: family (Aufenthaltserlaubnis §27 ff.)")
    AE_OTHER = "ae_other", _("Residence permit: other purpose")
    TEMPORARY_PROTECTION = "p24", _("Temporary protection (§24 AufenthG)")
    SETTLEMENT = "settlement", _("Settlement permit (Niederlassungserlaubnis)")
    EU_CITIZEN = "eu", _("EU/EEA citizen")
    OTHER = "other", _("Other or unknown")


class WorkPermission(models.TextChoices):
    ALLOWED = "allowed", _("Work allowed")
    NEEDS_PERMISSION = "needs_permission", _("Needs the immigration office's permission")
    NOT_ALLOWED = "not_allowed", _("Work not allowed")
    UNKNOWN = "unknown", _("Not known")


# What each residence status usually implies; a counsellor can record the actual permission.
WORK_PERMISSION_BY_STATUS: dict[str, str] = {
    ResidenceStatus.GESTATTUNG: WorkPermission.NEEDS_PERMISSION,
    ResidenceStatus.DULDUNG: WorkPermission.NEEDS_PERMISSION,
    ResidenceStatus.AE_PROTECTION: WorkPermission.ALLOWED,
    ResidenceStatus.AE_EMPLOYMENT: WorkPermission.ALLOWED,
    ResidenceStatus.AE_EDUCATION: WorkPermission.NEEDS_PERMISSION,
    ResidenceStatus.AE_FAMILY: WorkPermission.ALLOWED,
    ResidenceStatus.AE_OTHER: WorkPermission.UNKNOWN,
    ResidenceStatus.TEMPORARY_PROTECTION: WorkPermission.ALLOWED,
    ResidenceStatus.SETTLEMENT: WorkPermission.ALLOWED,
    ResidenceStatus.EU_CITIZEN: WorkPermission.ALLOWED,
    ResidenceStatus.OTHER: WorkPermission.UNKNOWN,
}


class RecognitionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    APPLIED = "applied", _("Applied")
    FULL = "full", _("Fully recognised")
    PARTIAL = "partial", _("Partially recognised")
    REJECTED = "rejected", _("Rejected")


class DrivingLicence(models.TextChoices):
    AM = "AM", "AM"
    A = "A", "A"
    B = "B", "B"
    BE = "BE", "BE"
    C1 = "C1", "C1"
    C = "C", "C"
    CE = "CE", "CE"
    D = "D", "D"
    FORKLIFT = "forklift", _("Forklift licence")


class Availability(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")
    EITHER = "either", _("Full or part time")
    NOT_YET = "not_yet", _("Not available yet")


class ParticipantStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LEFT = "left", _("Left the programme")
    ERASED = "erased", _("Erased")


class LeaveReason(models.TextChoices):
    EMPLOYMENT = "employment", _("Started work")
    TRAINING = "training", _("Started training or study")
    MOVED = "moved", _("Moved away")
    OTHER_PROGRAMME = "other_programme", _("Moved to another programme")
    NO_CONTACT = "no_contact", _("No longer in contact")
    OWN_WISH = "own_wish", _("At their own wish")
    OTHER = "other", _("Other reason")


class ConsentPurpose(models.TextChoices):
    SHARE_CASE = "share_case", _("Share the case with a named organisation")
    EMPLOYER_PROFILE = "employer_profile", _("Show the profile to employers")
    ESF_REPORTING = "esf_reporting", _("ESF Plus reporting")
    PHOTOS = "photos", _("Photos")
    NEWSLETTER = "newsletter", _("Newsletter")


# Purposes that need a named receiving organisation.
PURPOSES_WITH_RECIPIENT = frozenset({ConsentPurpose.SHARE_CASE})


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Signed form (uploaded)")
    IN_PERSON = "in_person", _("Given in person to a staff member")
    PORTAL = "portal", _("Given in the participant portal")


class ConsentStatus(models.TextChoices):
    """The stored state. "Expired" is not stored: it follows from `valid_until`."""

    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", pgettext_lazy("consent", "Withdrawn")


class ConsentState(models.TextChoices):
    """The state at a point in time (what screens show)."""

    PENDING = "pending", _("Not yet valid")
    VALID = "valid", _("Valid")
    WITHDRAWN = "withdrawn", pgettext_lazy("consent", "Withdrawn")
    EXPIRED = "expired", _("Expired")


class FieldGroup(models.TextChoices):
    """What a consent may cover. Each group stands for a set of fields of the record."""

    IDENTITY = "identity", _("Name and date of birth")
    CONTACT = "contact", _("Contact details")
    LANGUAGES = "languages", _("Languages and German level")
    ORIGIN = "origin", _("Country of origin")
    RESIDENCE = "residence", _("Residence status and work permission")
    QUALIFICATIONS = "qualifications", _("Qualifications and recognition")
    OCCUPATIONS = "occupations", _("Desired occupations")
    MOBILITY = "mobility", _("Postcode, travel radius and driving licences")
    AVAILABILITY = "availability", _("Availability")
    PATHWAY = "pathway", _("Pathway milestones")


# The pseudonymous code is always visible to whoever may see the record at all.
ALWAYS_VISIBLE = frozenset({"code"})
FIELDS_BY_GROUP: dict[str, tuple[str, ...]] = {
    FieldGroup.IDENTITY: ("first_name", "last_name", "date_of_birth"),
    FieldGroup.CONTACT: ("email", "phone", "address"),
    FieldGroup.LANGUAGES: (
        "languages",
        "german_level",
        "german_certificate",
        "german_certificate_on",
    ),
    FieldGroup.ORIGIN: ("country_of_origin",),
    FieldGroup.RESIDENCE: ("residence_status", "residence_valid_until", "work_permission"),
    FieldGroup.QUALIFICATIONS: ("qualifications",),
    FieldGroup.OCCUPATIONS: ("desired_occupations",),
    FieldGroup.MOBILITY: ("plz", "travel_radius_km", "driving_licences"),
    FieldGroup.AVAILABILITY: ("availability", "childcare_constraints"),
    FieldGroup.PATHWAY: ("pathway",),
}
ALL_FIELDS = frozenset(f for fields in FIELDS_BY_GROUP.values() for f in fields) | ALWAYS_VISIBLE


class ReferralStatus(models.TextChoices):
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting a coordinator's approval")
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("consent", "Withdrawn")
    REJECTED = "rejected", _("Override refused")


OPEN_REFERRAL_STATUSES = frozenset({ReferralStatus.AWAITING_APPROVAL, ReferralStatus.SENT})


class TaskKind(models.TextChoices):
    MANUAL = "manual", _("Follow-up")
    SIX_MONTH = "six_month", _("Six-month follow-up after leaving")


class LanguageCode(models.TextChoices):
    """Languages spoken (ISO 639-1), the ones most often met in the networks' work."""

    DE = "de", _("German")
    EN = "en", _("English")
    AR = "ar", _("Arabic")
    FA = "fa", _("Persian (Dari/Farsi)")
    PS = "ps", _("Pashto")
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    TR = "tr", _("Turkish")
    KU = "ku", _("Kurdish")
    TI = "ti", _("Tigrinya")
    SO = "so", _("Somali")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    SQ = "sq", _("Albanian")
    SR = "sr", _("Serbian")
    UR = "ur", _("Urdu")


# Retention in days per kind of record. Override with settings.PARTICIPANT_RETENTION_DAYS.
RETENTION_DEFAULTS: dict[str, int] = {
    # the whole record is erased this long after the participant left the programme
    "participant_after_leaving": 3 * 365,
    # case notes are deleted this long after they were written
    "case_note": 3 * 365,
    # declined, withdrawn or refused referrals are deleted this long after the decision
    "closed_referral": 365,
    # uploaded consent forms of withdrawn or expired consents are deleted after this time
    "ended_consent_file": 3 * 365,
    # finished follow-up tasks are deleted this long after they were done
    "done_task": 365,
}


def retention_days() -> dict[str, int]:
    return RETENTION_DEFAULTS | dict(getattr(settings, "PARTICIPANT_RETENTION_DAYS", {}) or {})


ACCESS_PURPOSES = frozenset(
    {
        "view",
        "edit",
        "consents",
        "notes",
        "tasks",
        "milestone",
        "refer",
        "export",
        "erase",
        "invite",
        "file",
        "portal",
        "list",
        # the applicant exchange (matching): suggestions by the counsellor, employers' view
        "suggest",
        "employer_profile",
        "notify",
    }
)

# Largest accepted upload (signed consent forms, milestone evidence).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


# The person's record: what a counsellor enters and an export or the API shows.
RECORD_FIELDS = (
    "first_name",
    "last_name",
    "date_of_birth",
    "email",
    "phone",
    "address",
    "languages",
    "german_level",
    "german_certificate",
    "german_certificate_on",
    "country_of_origin",
    "residence_status",
    "residence_valid_until",
    "work_permission",
    "plz",
    "travel_radius_km",
    "driving_licences",
    "availability",
    "childcare_constraints",
)
