"""Choices and fixed rules of ESF Plus reporting (Regulation (EU) 2021/1057, Annex I)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Contacts below this many hours are short contacts: counted, not in the indicator tables.
SHORT_CONTACT_HOURS = Decimal(8)
# Cells with 1 to this many people are suppressed for funders (0 stays visible).
MIN_CELL = 5
FOLLOW_UP_MONTHS = 6


class Programme(models.TextChoices):
    ESF_PLUS = "esf_plus", _("ESF Plus")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NON_BINARY = "non_binary", _("Non-binary")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18_TO_29 = "18_29", _("18 to 29")
    FROM_30_TO_54 = "30_54", _("30 to 54")
    FROM_55 = "55_plus", _("55 and over")


class EmploymentStatus(models.TextChoices):
    UNEMPLOYED = "unemployed", _("Unemployed (not long-term)")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed")
    INACTIVE = "inactive", _("Inactive")
    EMPLOYED = "employed", _("Employed, including self-employed")


class Education(models.TextChoices):
    ISCED_0_2 = "isced_0_2", _("ISCED 0–2 (up to lower secondary)")
    ISCED_3_4 = "isced_3_4", _("ISCED 3–4 (upper secondary, post-secondary)")
    ISCED_5_8 = "isced_5_8", _("ISCED 5–8 (tertiary)")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    DECLINED = "declined", _("Declined to answer")


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Calendar quarter")
    YEAR = "year", _("Calendar year")
    TO_DATE = "to_date", _("Project to date")


# The mandatory core data: a questionnaire without it cannot be completed (field → label).
CORE_FIELDS: dict[str, Promise] = {
    "sex": _("sex"),
    "age_band": _("date of birth (age band)"),
    "employment_status": _("employment status at entry"),
    "education": _("education (ISCED)"),
    "rural": _("rural area"),
}
