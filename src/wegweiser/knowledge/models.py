"""Articles with translations and versions, their attachments, translators and trade vocabulary."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import TimeStampedModel
from wegweiser.knowledge.constants import (
    SOURCE_LANGUAGE,
    ArticleKind,
    ArticleLanguage,
    ArticleStatus,
    AttachmentType,
    Audience,
    GrammaticalArticle,
    ReviewStatus,
    TermOrigin,
    Topic,
    TranslationStatus,
    Visibility,
    VocabularyLanguage,
)
from wegweiser.network.models import Network, Organisation


class Article(TimeStampedModel):
    """A guide, concept, case story, legal briefing or examiner's answer.

    The texts live in `ArticleText`, one per language; German (`de`) is the source. Every
    change of the German text raises `source_revision`, and translations made from an older
    revision count as outdated.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ArticleKind.choices)
    visibility = models.CharField(
        _("visible to"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    source_revision = models.PositiveIntegerField(_("revision of the German text"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    review_note = models.CharField(_("note from the review"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "visibility"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ArticleStatus.PUBLISHED, published_at__isnull=False)
                | ~Q(status=ArticleStatus.PUBLISHED),
                name="article_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ArticleKind.values), name="article_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="article_visibility_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values), name="article_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class ArticleTopic(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)

    class Meta:
        ordering = ["topic"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["article", "topic"], name="article_topic_unique"),
        ]
        indexes = [models.Index(fields=["topic"])]

    def __str__(self) -> str:
        return self.get_topic_display()


class ArticleAudience(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="audiences")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)

    class Meta:
        ordering = ["audience"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        constraints = [
            models.UniqueConstraint(fields=["article", "audience"], name="article_audience_unique"),
        ]
        indexes = [models.Index(fields=["audience"])]

    def __str__(self) -> str:
        return self.get_audience_display()


class ArticleText(TimeStampedModel):
    """The text of an article in one language: the German source or a translation."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=ArticleLanguage.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text"), max_length=50_000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TranslationStatus.choices,
        default=TranslationStatus.CURRENT,
    )
    based_on_revision = models.PositiveIntegerField(_("made from revision"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["language"]
        verbose_name = _("article text")
        verbose_name_plural = _("article texts")
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="article_text_unique"),
            # The German source is never outdated or machine-made.
            models.CheckConstraint(
                condition=~Q(language=SOURCE_LANGUAGE) | Q(status=TranslationStatus.CURRENT),
                name="article_text_source_current",
            ),
            models.CheckConstraint(
                condition=Q(status__in=TranslationStatus.values),
                name="article_text_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    @property
    def is_source(self) -> bool:
        return self.language == SOURCE_LANGUAGE


class ArticleVersion(models.Model):
    """One saved state of one language of an article (append-only history)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=10, choices=ArticleLanguage.choices)
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    body = models.TextField(_("text"))
    source_revision = models.PositiveIntegerField(_("revision of the German text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        ordering = ["language", "-number"]
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "number"], name="article_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {self.language} v{self.number}"


def _attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is random: the original name is kept in the row, never in the path.
    suffix = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}.get(
        instance.content_type, ""
    )
    return str(PurePosixPath("knowledge", "attachments", f"{uuid.uuid4().hex}{suffix}"))


class Attachment(TimeStampedModel):
    """A PDF or image of an article, stored under MEDIA_ROOT and served after a permission check."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40, choices=AttachmentType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class TranslatorProfile(TimeStampedModel):
    """The languages a person translates into. Only people with a role count as translators."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator_profile"
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)

    class Meta:
        verbose_name = _("translator profile")
        verbose_name_plural = _("translator profiles")

    def __str__(self) -> str:
        return f"{self.user_id}: {', '.join(self.languages)}"


# --- Trade vocabulary ---------------------------------------------------------------------


class VocabularyList(TimeStampedModel):
    """The vocabulary of one trade, printable as a flyer per language."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    title = models.CharField(_("trade (German)"), max_length=120)
    title_en = models.CharField(_("trade (English)"), max_length=120)
    description = models.CharField(_("description (German)"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("vocabulary list")
        verbose_name_plural = _("vocabulary lists")

    def __str__(self) -> str:
        return self.title


class VocabularyOccupation(models.Model):
    """A KldB 2010 occupation group (Berufsgruppe, 3 digits) a vocabulary list serves."""

    vocabulary_list = models.ForeignKey(
        VocabularyList, on_delete=models.CASCADE, related_name="occupations"
    )
    kldb_group = models.CharField(_("KldB 2010 occupation group"), max_length=3, unique=True)
    title = models.CharField(_("title of the group"), max_length=200)

    class Meta:
        ordering = ["kldb_group"]
        verbose_name = _("occupation group")
        verbose_name_plural = _("occupation groups")

    def __str__(self) -> str:
        return f"{self.kldb_group} {self.title}"


def _term_image_path(instance: Term, filename: str) -> str:
    suffix = ".png" if filename.lower().endswith(".png") else ".jpg"
    return str(PurePosixPath("knowledge", "terms", f"{uuid.uuid4().hex}{suffix}"))


class Term(TimeStampedModel):
    vocabulary_list = models.ForeignKey(
        VocabularyList, on_delete=models.CASCADE, related_name="terms"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    article = models.CharField(_("article"), max_length=3, choices=GrammaticalArticle.choices)
    word = models.CharField(_("term"), max_length=120)
    plural = models.CharField(_("plural"), max_length=120, blank=True)
    example = models.CharField(_("example sentence"), max_length=300, blank=True)
    image = models.FileField(_("image"), upload_to=_term_image_path, blank=True, max_length=200)

    class Meta:
        ordering = ["vocabulary_list", "position", "word"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["vocabulary_list", "word"], name="term_unique"),
            models.CheckConstraint(
                condition=Q(article__in=GrammaticalArticle.values), name="term_article_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} {self.word}"


class TermTranslation(TimeStampedModel):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=5, choices=VocabularyLanguage.choices)
    text = models.CharField(_("translation"), max_length=200)
    origin = models.CharField(
        _("origin"), max_length=10, choices=TermOrigin.choices, default=TermOrigin.MACHINE
    )
    review_status = models.CharField(
        _("review"),
        max_length=12,
        choices=ReviewStatus.choices,
        default=ReviewStatus.UNREVIEWED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["language"]
        verbose_name = _("term translation")
        verbose_name_plural = _("term translations")
        constraints = [
            models.UniqueConstraint(fields=["term", "language"], name="term_translation_unique"),
            models.CheckConstraint(
                condition=Q(review_status=ReviewStatus.UNREVIEWED) | Q(reviewed_at__isnull=False),
                name="term_translation_confirmed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.text}"
