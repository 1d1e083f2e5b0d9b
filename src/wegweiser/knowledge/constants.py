from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    CONCEPT = "concept", _("Concept")
    CASE_STORY = "case_story", _("Case story")
    LEGAL_BRIEFING = "legal_briefing", _("Legal briefing")
    FAQ = "faq", _("Ask the examiner")


class Topic(models.TextChoices):
    RECOGNITION = "recognition", _("Recognition of qualifications")
    LANGUAGE = "language", _("Language")
    RESIDENCE_LAW = "residence_law", _("Residence law")
    TRAINING = "training", _("Training")
    FUNDING = "funding", _("Funding")
    HIRING = "hiring", _("Hiring")
    SOCIAL_INTEGRATION = "social_integration", _("Social integration at work")


class Audience(models.TextChoices):
    EMPLOYERS = "employers", _("Employers")
    COUNSELLORS = "counsellors", _("Counsellors")
    PARTICIPANTS = "participants", _("Participants")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Network members")
    ORGANISATION = "organisation", _("Only our organisation")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


# The German source is "de"; "de-easy" is the easy-German variant beside it.
SOURCE_LANGUAGE = "de"
EASY_GERMAN = "de-easy"


class ArticleLanguage(models.TextChoices):
    DE = "de", _("German")
    DE_EASY = "de-easy", _("Easy German")
    EN = "en", _("English")
    AR = "ar", _("Arabic")
    FA = "fa", _("Dari/Farsi")
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    TR = "tr", _("Turkish")
    TI = "ti", _("Tigrinya")
    PS = "ps", _("Pashto")


# Languages a translator can take on: every language except the German source.
TRANSLATION_LANGUAGES = tuple(code for code in ArticleLanguage.values if code != SOURCE_LANGUAGE)
RTL_LANGUAGES = frozenset({"ar", "fa", "ps"})


class TranslationStatus(models.TextChoices):
    CURRENT = "current", _("Current")
    OUTDATED = "outdated", _("Outdated")
    MACHINE = "machine", _("Machine-translated, not reviewed")


class VocabularyLanguage(models.TextChoices):
    AR = "ar", _("Arabic")
    FA = "fa", _("Dari/Farsi")
    UK = "uk", _("Ukrainian")
    TI = "ti", _("Tigrinya")
    PS = "ps", _("Pashto")
    EN = "en", _("English")
    TR = "tr", _("Turkish")
    RU = "ru", _("Russian")


class GrammaticalArticle(models.TextChoices):
    DER = "der", "der"
    DIE = "die", "die"
    DAS = "das", "das"


class ReviewStatus(models.TextChoices):
    UNREVIEWED = "unreviewed", _("Not reviewed")
    CONFIRMED = "confirmed", _("Confirmed by a native speaker")


class TermOrigin(models.TextChoices):
    MACHINE = "machine", _("Machine-made")
    HUMAN = "human", _("Written by a person")


# Attachments: checked on their content, not on the name or the browser's content type.
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
IMAGE_MAX_BYTES = 2 * 1024 * 1024


class AttachmentType(models.TextChoices):
    PDF = "application/pdf", "PDF"
    PNG = "image/png", "PNG"
    JPEG = "image/jpeg", "JPEG"
