"""Vocabularies of the advisory map (HSDS taxonomies)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    RECOGNITION = "recognition", _("Recognition of qualifications")
    LANGUAGE_COURSES = "language_courses", _("Language courses")
    JOB_SEARCH = "job_search", _("Job search and training")
    RESIDENCE_LAW = "residence_law", _("Residence law")
    EMPLOYER_ADVICE = "employer_advice", _("Advice for employers")
    FUNDING = "funding", _("Funding and grants")
    SOCIAL_COUNSELLING = "social_counselling", _("Social counselling")


class Audience(models.TextChoices):
    REFUGEES = "refugees", _("Refugees")
    IMMIGRANTS = "immigrants", _("Immigrants")
    EMPLOYERS = "employers", _("Employers")
    WOMEN = "women", _("Women")
    YOUNG_PEOPLE = "young_people", _("Young people")


class Language(models.TextChoices):
    """Languages spoken in counselling (ISO 639-1, Dari as ISO 639-3 `prs`)."""

    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    DARI = "prs", _("Dari")
    FARSI = "fa", _("Farsi")
    PASHTO = "ps", _("Pashto")
    TIGRINYA = "ti", _("Tigrinya")
    UKRAINIAN = "uk", _("Ukrainian")
    RUSSIAN = "ru", _("Russian")
    TURKISH = "tr", _("Turkish")
    KURDISH = "ku", _("Kurdish")
    FRENCH = "fr", _("French")
    SOMALI = "so", _("Somali")


class Taxonomy(models.TextChoices):
    TOPIC = "topic", _("Topic")
    AUDIENCE = "audience", _("Audience")
    LANGUAGE = "language", _("Language")


TAXONOMY_CHOICES: dict[str, type[models.TextChoices]] = {
    Taxonomy.TOPIC: Topic,
    Taxonomy.AUDIENCE: Audience,
    Taxonomy.LANGUAGE: Language,
}


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ARCHIVED = "archived", _("Archived")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# HSDS / iCalendar BYDAY codes, in weekday order.
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

RADIUS_MIN_KM = 1
RADIUS_MAX_KM = 200
RADIUS_DEFAULT_KM = 25

# The CSV import's columns: (column, what it holds, allowed codes), shown on the import page.
IMPORT_HELP_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("external_id", _("required; a stable id, the same id updates the service"), ""),
    ("organisation", _("required; the organisation's short name (slug)"), ""),
    ("name", _("required"), ""),
    ("description", _("optional"), ""),
    ("topics", _("codes separated by semicolons"), ", ".join(Topic.values)),
    ("audiences", _("codes separated by semicolons"), ", ".join(Audience.values)),
    ("languages", _("codes separated by semicolons"), ", ".join(Language.values)),
    ("location_name, street", _("optional"), ""),
    ("plz", _("required; five digits"), ""),
    ("city", _("optional; the postcode's place when empty"), ""),
    ("latitude, longitude", _("optional; the postcode's centre when empty"), ""),
    ("phone, email, website", _("optional"), ""),
    ("remote, by_appointment_only, step_free_access, accessible_toilet", _("yes or no"), ""),
    ("opening_hours", _("e.g. Mon 09:00-12:00; Wed 14:00-18:00"), ""),
    ("hours_note", _("optional"), ""),
)  # type: ignore[assignment]
