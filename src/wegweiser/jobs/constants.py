"""Closed vocabularies of offers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OfferType(models.TextChoices):
    JOB = "job", _("Job")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
    INTERNSHIP = "internship", _("Internship")
    EQ = "eq", _("Entry qualification (EQ)")
    HELPER_JOB = "helper_job", _("Helper job")


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    FILLED = "filled", _("Filled")
    EXPIRED = "expired", _("Expired")


# Status changes a person may make by hand; "expired" is set by the expiry task only.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    OfferStatus.DRAFT: frozenset({OfferStatus.PUBLISHED}),
    OfferStatus.PUBLISHED: frozenset({OfferStatus.DRAFT, OfferStatus.FILLED}),
    OfferStatus.FILLED: frozenset({OfferStatus.PUBLISHED}),
    OfferStatus.EXPIRED: frozenset({OfferStatus.DRAFT}),
}


class OfferSource(models.TextChoices):
    OWN = "own", _("Posted in the network")
    BA = "ba", _("Federal Employment Agency (Jobsuche)")


class GermanLevel(models.TextChoices):
    """CEFR levels; an empty value means no German is required (or none is spoken)."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


GERMAN_ORDER = ("", "A1", "A2", "B1", "B2", "C1", "C2")


class Licence(models.TextChoices):
    B = "B", _("Car (B)")
    BE = "BE", _("Car with trailer (BE)")
    C1 = "C1", _("Light truck (C1)")
    C = "C", _("Truck (C)")
    CE = "CE", _("Truck with trailer (CE)")
    D = "D", _("Bus (D)")
    FORKLIFT = "FORKLIFT", _("Forklift licence")


class WorkingTime(models.TextChoices):
    FULL = "full", _("Full time")
    PART = "part", _("Part time")
    BOTH = "both", _("Full or part time")


DEFAULT_RADIUS_KM = 25
MAX_RADIUS_KM = 300
