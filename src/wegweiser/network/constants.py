from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkKind(models.TextChoices):
    NATIONAL = "national", _("National network")
    REGIONAL = "regional", _("Regional network")


class OrganisationType(models.TextChoices):
    COMPANY = "company", _("Company")
    CHAMBER = "chamber", _("Chamber (IHK, HWK)")
    JOB_CENTRE = "job_centre", _("Job centre")
    EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency")
    MUNICIPALITY = "municipality", _("Municipality")
    COUNSELLING_PROJECT = "counselling_project", _("Counselling project")
    EDUCATION_PROVIDER = "education_provider", _("Education provider")
    ASSOCIATION = "association", _("Association")
    OTHER = "other", _("Other")


class SizeBand(models.TextChoices):
    MICRO = "1-9", _("1–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 or more employees")


class Sector(models.TextChoices):
    CRAFTS = "crafts", _("Crafts and trades")
    MANUFACTURING = "manufacturing", _("Manufacturing and industry")
    CONSTRUCTION = "construction", _("Construction")
    LOGISTICS = "logistics", _("Transport and logistics")
    RETAIL = "retail", _("Retail and wholesale")
    HOSPITALITY = "hospitality", _("Hospitality and food")
    HEALTH_CARE = "health_care", _("Health and care")
    IT = "it", _("IT and communication")
    SERVICES = "services", _("Business services")
    PUBLIC = "public", _("Public administration")
    EDUCATION = "education", _("Education")
    SOCIAL = "social", _("Social work and counselling")
    OTHER = "other", _("Other")


class MembershipStatus(models.TextChoices):
    PROSPECT = "prospect", _("Prospect")
    MEMBER = "member", _("Member")
    PAUSED = "paused", _("Paused")
    LEFT = "left", _("Left")


class RoleKind(models.TextChoices):
    COORDINATOR = "coordinator", _("Network coordinator")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    STAFF = "staff", _("Staff")
    COUNSELLOR = "counsellor", _("Counsellor")
    EMPLOYER_CONTACT = "employer_contact", _("Employer contact")
    FUNDER = "funder", _("Funder (aggregates only)")


# Roles that can reach personal data: their holders must use two-factor authentication.
PERSONAL_DATA_ROLES = frozenset(
    {
        RoleKind.COORDINATOR,
        RoleKind.ORG_ADMIN,
        RoleKind.STAFF,
        RoleKind.COUNSELLOR,
        RoleKind.EMPLOYER_CONTACT,
    }
)


# --- Members and ambassadors ---------------------------------------------------------------

# Which status changes a coordinator may make; "left" is reached only through leaving.
MEMBERSHIP_TRANSITIONS: dict[str, frozenset[str]] = {
    MembershipStatus.PROSPECT: frozenset({MembershipStatus.MEMBER}),
    MembershipStatus.MEMBER: frozenset({MembershipStatus.PAUSED}),
    MembershipStatus.PAUSED: frozenset({MembershipStatus.MEMBER}),
    MembershipStatus.LEFT: frozenset({MembershipStatus.PROSPECT, MembershipStatus.MEMBER}),
}


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


class SponsorshipKind(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    TRAINING_PLACES = "training_places", _("Training places")
    INTERNSHIP_PLACES = "internship_places", _("Internship places")
    LANGUAGE_SUPPORT = "language_support", _("Language support")


# Sponsorships that put places on offer count as "offers places" on the engagement ladder.
PLACE_SPONSORSHIP_KINDS = frozenset(
    {SponsorshipKind.TRAINING_PLACES, SponsorshipKind.INTERNSHIP_PLACES}
)


class SponsorshipStatus(models.TextChoices):
    PROMISED = "promised", _("Promised")
    ACTIVE = "active", _("Active")
    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class EngagementStage(models.IntegerChoices):
    """The engagement ladder, lowest first. An organisation stands on the highest stage reached."""

    PROSPECT = 1, _("Prospect")
    MEMBER = 2, _("Member")
    PROJECT = 3, _("Runs a project")
    AMBASSADOR = 4, _("Ambassador")
    EVENT_HOST = 5, _("Hosted an event")
    OFFERS_PLACES = 6, _("Offers places")
    HIRED = 7, _("Hired someone")


class SlotStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SKIPPED = "skipped", _("Skipped")


AMBASSADOR_TERM_MONTHS = 8
SLOT_DAYS = 14
SLOT_REMINDER_DAYS = 3
NEWS_IMAGE_MAX_BYTES = 2 * 1024 * 1024
