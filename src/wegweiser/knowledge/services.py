"""Writes of the knowledge base: one transaction and one audit entry each.

The SQLite search index is updated here, inside the same transaction as the article texts
(see `search.index_article`); there are no signals.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.services import audit_entry_create
from wegweiser.knowledge import policy, search
from wegweiser.knowledge.constants import (
    ATTACHMENT_MAX_BYTES,
    SOURCE_LANGUAGE,
    TRANSLATION_LANGUAGES,
    ArticleKind,
    ArticleStatus,
    AttachmentType,
    Audience,
    ReviewStatus,
    TermOrigin,
    Topic,
    TranslationStatus,
    Visibility,
    VocabularyLanguage,
)
from wegweiser.knowledge.exceptions import AttachmentRefused, KnowledgeError, TransitionNotAllowed
from wegweiser.knowledge.models import (
    Article,
    ArticleAudience,
    ArticleText,
    ArticleTopic,
    ArticleVersion,
    Attachment,
    Term,
    TermTranslation,
    TranslatorProfile,
    VocabularyList,
    VocabularyOccupation,
)
from wegweiser.network.models import Organisation

TEXT_FIELDS = ("title", "summary", "body")
VOCABULARY_DIR = Path(__file__).resolve().parent / "data" / "vocabulary"
_MAGIC = (
    (b"%PDF-", AttachmentType.PDF),
    (b"\x89PNG\r\n\x1a\n", AttachmentType.PNG),
    (b"\xff\xd8\xff", AttachmentType.JPEG),
)


def _network_id_of(organisation: Organisation) -> int | None:
    membership = organisation.memberships.order_by("pk").first()
    return membership.network_id if membership else None


def _audit(actor: User | None, action: str, article: Article, fields: Iterable[str]) -> None:
    audit_entry_create(
        actor=actor,
        action=action,
        obj=article,
        changed_fields=fields,
        network_id=article.network_id,
        organisation_id=article.organisation_id,
    )


def _check_choices(values: Iterable[str], allowed: Iterable[str], what: str) -> list[str]:
    values = list(dict.fromkeys(values))
    allowed_set = set(allowed)
    if any(v not in allowed_set for v in values):
        raise KnowledgeError(_("Unknown %(what)s.") % {"what": what})
    return values


def _add_version(*, actor: User | None, article: Article, text: ArticleText) -> ArticleVersion:
    last = ArticleVersion.objects.filter(article=article, language=text.language).aggregate(
        n=Max("number")
    )["n"]
    return ArticleVersion.objects.create(
        article=article,
        language=text.language,
        number=(last or 0) + 1,
        title=text.title,
        summary=text.summary,
        body=text.body,
        source_revision=text.based_on_revision,
        author=actor,
    )


def _set_tags(article: Article, topics: list[str], audiences: list[str]) -> None:
    ArticleTopic.objects.filter(article=article).exclude(topic__in=topics).delete()
    existing = set(article.topics.values_list("topic", flat=True))
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article=article, topic=t) for t in topics if t not in existing
    )
    ArticleAudience.objects.filter(article=article).exclude(audience__in=audiences).delete()
    existing = set(article.audiences.values_list("audience", flat=True))
    ArticleAudience.objects.bulk_create(
        ArticleAudience(article=article, audience=a) for a in audiences if a not in existing
    )


def article_create(
    *,
    actor: User | None,
    organisation: Organisation,
    kind: str,
    visibility: str,
    title: str,
    body: str,
    summary: str = "",
    topics: Iterable[str] = (),
    audiences: Iterable[str] = (),
) -> Article:
    """A new draft, owned by `organisation`, with its German text as version 1."""
    if actor is not None and not policy.can_write_for_organisation(actor, organisation.pk):
        raise KnowledgeError(_("You cannot write articles for this organisation."))
    topic_list = _check_choices(topics, Topic.values, "topic")
    audience_list = _check_choices(audiences, Audience.values, "audience")
    with transaction.atomic():
        article = Article(
            organisation=organisation,
            network_id=_network_id_of(organisation),
            kind=kind,
            visibility=visibility,
            created_by=actor,
        )
        article.full_clean()
        article.save()
        text = ArticleText(
            article=article,
            language=SOURCE_LANGUAGE,
            title=title.strip(),
            summary=summary.strip(),
            body=body.strip(),
            based_on_revision=article.source_revision,
            updated_by=actor,
        )
        text.full_clean()
        text.save()
        _set_tags(article, topic_list, audience_list)
        _add_version(actor=actor, article=article, text=text)
        search.index_article(article.pk)
        _audit(
            actor,
            "article.create",
            article,
            ["organisation", "kind", "visibility", "topics", "audiences", *TEXT_FIELDS],
        )
    return article


def article_update(*, actor: User | None, article: Article, data: dict[str, Any]) -> Article:
    """Change the article's settings and its German text.

    A changed German text is a new revision: a new version is kept and every translation made
    from an older revision becomes outdated.
    """
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        changed: list[str] = []
        for name, choices in (("kind", ArticleKind.values), ("visibility", Visibility.values)):
            if name in data and data[name] != getattr(article, name):
                if data[name] not in choices:
                    raise KnowledgeError(_("Unknown %(what)s.") % {"what": name})
                setattr(article, name, data[name])
                changed.append(name)
        if "topics" in data or "audiences" in data:
            topics = _check_choices(data.get("topics", []), Topic.values, "topic")
            audiences = _check_choices(data.get("audiences", []), Audience.values, "audience")
            before = (
                set(article.topics.values_list("topic", flat=True)),
                set(article.audiences.values_list("audience", flat=True)),
            )
            if before != (set(topics), set(audiences)):
                _set_tags(article, topics, audiences)
                changed.append("topics")
        source = ArticleText.objects.get(article=article, language=SOURCE_LANGUAGE)
        new_text = {
            name: str(data[name]).strip()
            for name in TEXT_FIELDS
            if name in data and str(data[name]).strip() != getattr(source, name)
        }
        if new_text:
            article.source_revision += 1
            changed.extend(new_text)
            for name, value in new_text.items():
                setattr(source, name, value)
            source.based_on_revision = article.source_revision
            source.updated_by = actor
            source.full_clean()
            source.save()
            _add_version(actor=actor, article=article, text=source)
            ArticleText.objects.filter(
                article=article, based_on_revision__lt=article.source_revision
            ).exclude(language=SOURCE_LANGUAGE).update(
                status=TranslationStatus.OUTDATED, updated_at=timezone.now()
            )
        if not changed:
            return article
        article.full_clean()
        article.save()
        if new_text:
            search.index_article(article.pk)
        _audit(actor, "article.update", article, changed)
    return article


def _transition(
    *,
    actor: User | None,
    article: Article,
    allowed_from: tuple[str, ...],
    to: str,
    action: str,
    note: str = "",
) -> Article:
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.status not in allowed_from:
            raise TransitionNotAllowed(_("This step is not possible in the article's status."))
        article.status = to
        fields = ["status"]
        if to == ArticleStatus.PUBLISHED:
            article.published_at = timezone.now()
            article.review_note = ""
            fields += ["published_at"]
        elif to == ArticleStatus.DRAFT:
            article.published_at = None
            article.review_note = note[:1000]
            fields += ["review_note"]
        article.save()
        _audit(actor, action, article, fields)
    return article


def article_submit(*, actor: User, article: Article) -> Article:
    """Draft → review, by a writer of the article."""
    if not policy.can_edit_article(actor, article):
        raise KnowledgeError(_("You cannot submit this article."))
    return _transition(
        actor=actor,
        article=article,
        allowed_from=(ArticleStatus.DRAFT,),
        to=ArticleStatus.REVIEW,
        action="article.submit",
    )


def article_publish(*, actor: User, article: Article) -> Article:
    """Review → published, by a coordinator of the article's network."""
    if not policy.can_review_article(actor, article):
        raise KnowledgeError(_("Only the network's coordinators publish articles."))
    return _transition(
        actor=actor,
        article=article,
        allowed_from=(ArticleStatus.REVIEW,),
        to=ArticleStatus.PUBLISHED,
        action="article.publish",
    )


def article_return(*, actor: User, article: Article, note: str = "") -> Article:
    """Review or published → draft, with a note for the writers (a coordinator's step)."""
    if not policy.can_review_article(actor, article):
        raise KnowledgeError(_("Only the network's coordinators review articles."))
    return _transition(
        actor=actor,
        article=article,
        allowed_from=(ArticleStatus.REVIEW, ArticleStatus.PUBLISHED),
        to=ArticleStatus.DRAFT,
        action="article.return",
        note=note,
    )


# --- Translations --------------------------------------------------------------------------


def translation_save(
    *,
    actor: User | None,
    article: Article,
    language: str,
    title: str,
    body: str,
    summary: str = "",
    machine: bool = False,
) -> ArticleText:
    """Write the text in one language, made from the German source's current revision.

    A person's translation is current; `machine=True` marks it machine-translated and not
    reviewed until a translator saves or confirms it.
    """
    if language not in TRANSLATION_LANGUAGES:
        raise KnowledgeError(_("Translations are made into another language than German."))
    if actor is not None and not policy.can_translate_article(actor, article, language):
        raise KnowledgeError(_("You do not translate into this language."))
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        text = ArticleText.objects.filter(article=article, language=language).first()
        created = text is None
        if text is None:
            text = ArticleText(article=article, language=language)
        text.title, text.summary, text.body = title.strip(), summary.strip(), body.strip()
        text.status = TranslationStatus.MACHINE if machine else TranslationStatus.CURRENT
        text.based_on_revision = article.source_revision
        text.updated_by = actor
        text.full_clean()
        text.save()
        _add_version(actor=actor, article=article, text=text)
        search.index_article(article.pk)
        _audit(
            actor,
            "article.translation_create" if created else "article.translation_update",
            article,
            [f"{language}.{name}" for name in (*TEXT_FIELDS, "status")],
        )
    return text


def translation_confirm(*, actor: User, text: ArticleText) -> ArticleText:
    """A translator checked a machine translation of the current revision: it is current."""
    if not policy.can_translate_article(actor, text.article, text.language):
        raise KnowledgeError(_("You do not translate into this language."))
    with transaction.atomic():
        text = ArticleText.objects.select_for_update().select_related("article").get(pk=text.pk)
        if text.status != TranslationStatus.MACHINE:
            raise TransitionNotAllowed(_("Only a machine translation can be confirmed."))
        if text.based_on_revision != text.article.source_revision:
            raise TransitionNotAllowed(_("The German text changed since; please update it."))
        text.status = TranslationStatus.CURRENT
        text.updated_by = actor
        text.save(update_fields=["status", "updated_by", "updated_at"])
        _audit(actor, "article.translation_confirm", text.article, [f"{text.language}.status"])
    return text


def translator_profile_update(*, actor: User, languages: Iterable[str]) -> TranslatorProfile:
    """The person sets the languages they translate into (for themselves only)."""
    if not policy.can_have_translator_profile(actor):
        raise KnowledgeError(_("Only people with a role in the network translate."))
    chosen = _check_choices(languages, TRANSLATION_LANGUAGES, "language")
    with transaction.atomic():
        profile, _created = TranslatorProfile.objects.select_for_update().get_or_create(user=actor)
        profile.languages = sorted(chosen)
        profile.save()
        audit_entry_create(
            actor=actor,
            action="translator_profile.update",
            obj=profile,
            changed_fields=["languages"],
        )
    policy.forget_translator_languages(actor)
    return profile


# --- Attachments ---------------------------------------------------------------------------


def sniff_content_type(head: bytes) -> str | None:
    """PDF, PNG or JPEG by the file's first bytes; None for anything else."""
    for magic, content_type in _MAGIC:
        if head.startswith(magic):
            return str(content_type)
    return None


def attachment_add(*, actor: User, article: Article, upload: UploadedFile[bytes]) -> Attachment:
    """Store a PDF or image of an article after checking its size and its content."""
    if not policy.can_manage_attachments(actor, article):
        raise KnowledgeError(_("You cannot add files to this article."))
    size = upload.size or 0
    if size > ATTACHMENT_MAX_BYTES:
        raise AttachmentRefused(
            _("The file is larger than %(max)s MB.") % {"max": ATTACHMENT_MAX_BYTES // 2**20}
        )
    if size == 0:
        raise AttachmentRefused(_("The file is empty."))
    upload.seek(0)
    content_type = sniff_content_type(upload.read(16))
    upload.seek(0)
    if content_type is None:
        raise AttachmentRefused(_("Only PDF, PNG and JPEG files can be attached."))
    name = PurePath(str(upload.name or "file")).name[:200] or "file"
    with transaction.atomic():
        attachment = Attachment(
            article=article,
            original_name=name,
            content_type=content_type,
            size=size,
            uploaded_by=actor,
        )
        attachment.file.save(name, upload, save=False)
        stored_name = attachment.file.name
        try:
            attachment.save()
            _audit(actor, "article.attachment_add", article, ["attachments"])
        except Exception:
            if stored_name:
                attachment.file.storage.delete(stored_name)
            raise
    return attachment


def attachment_delete(*, actor: User, attachment: Attachment) -> None:
    article = attachment.article
    if not policy.can_manage_attachments(actor, article):
        raise KnowledgeError(_("You cannot remove files from this article."))
    storage, name = attachment.file.storage, attachment.file.name
    with transaction.atomic():
        attachment.delete()
        _audit(actor, "article.attachment_delete", article, ["attachments"])
        if name:
            transaction.on_commit(lambda: storage.delete(name))


# --- Vocabulary ----------------------------------------------------------------------------


def term_translation_confirm(*, actor: User, translation: TermTranslation) -> TermTranslation:
    """A native speaker (translator into the language) confirms a vocabulary translation."""
    if not policy.can_review_term_translation(actor, translation.language):
        raise KnowledgeError(_("You do not translate into this language."))
    with transaction.atomic():
        translation = TermTranslation.objects.select_for_update().get(pk=translation.pk)
        if translation.review_status == ReviewStatus.CONFIRMED:
            return translation
        translation.review_status = ReviewStatus.CONFIRMED
        translation.reviewed_by = actor
        translation.reviewed_at = timezone.now()
        translation.save(
            update_fields=["review_status", "reviewed_by", "reviewed_at", "updated_at"]
        )
        audit_entry_create(
            actor=actor,
            action="vocabulary.translation_confirm",
            obj=translation,
            changed_fields=["review_status", "reviewed_by", "reviewed_at"],
        )
    return translation


@dataclass
class VocabularyImport:
    lists: int = 0
    terms_created: int = 0
    translations_created: int = 0
    translations_updated: int = 0


def _read_terms(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="|"))
    for number, row in enumerate(rows, start=2):
        if row.get("article") not in ("der", "die", "das") or not row.get("word"):
            raise KnowledgeError(f"{path.name}:{number}: article and term are required")
    return rows


def vocabulary_import(
    *, actor: User | None = None, data_dir: Path | None = None
) -> VocabularyImport:
    """Load the trade vocabulary shipped in `data/vocabulary/` (idempotent).

    Creates what is missing and updates unreviewed translations whose text changed in the
    file; a confirmed translation is never overwritten. One audit entry per list changed.
    """
    data_dir = data_dir or VOCABULARY_DIR
    meta = json.loads((data_dir / "lists.json").read_text(encoding="utf-8"))
    result = VocabularyImport()
    languages = VocabularyLanguage.values
    with transaction.atomic():
        for position, entry in enumerate(meta["lists"]):
            rows = _read_terms(data_dir / entry["file"])
            vocabulary, list_created = VocabularyList.objects.get_or_create(
                slug=entry["slug"],
                defaults={
                    "title": entry["title"],
                    "title_en": entry["title_en"],
                    "description": entry.get("description", ""),
                    "position": position,
                },
            )
            changed = list_created
            for occupation in entry["occupations"]:
                code = str(occupation["kldb_group"])
                if len(code) != 3 or not code.isdigit():
                    raise KnowledgeError(f"{entry['slug']}: KldB group {code!r} is not 3 digits")
                _occ, occ_created = VocabularyOccupation.objects.get_or_create(
                    kldb_group=code,
                    defaults={"vocabulary_list": vocabulary, "title": occupation["title"]},
                )
                changed |= occ_created
            terms = {t.word: t for t in vocabulary.terms.all()}
            new_terms = [
                Term(
                    vocabulary_list=vocabulary,
                    position=index,
                    article=row["article"],
                    word=row["word"].strip(),
                    plural=row.get("plural", "").strip(),
                    example=row.get("example", "").strip(),
                )
                for index, row in enumerate(rows)
                if row["word"].strip() not in terms
            ]
            if new_terms:
                Term.objects.bulk_create(new_terms)
                result.terms_created += len(new_terms)
                changed = True
                terms = {t.word: t for t in vocabulary.terms.all()}
            existing = {
                (tr.term_id, tr.language): tr
                for tr in TermTranslation.objects.filter(term__vocabulary_list=vocabulary)
            }
            to_create, to_update = [], []
            for row in rows:
                term = terms[row["word"].strip()]
                for language in languages:
                    text = (row.get(language) or "").strip()
                    if not text:
                        continue
                    current = existing.get((term.pk, language))
                    if current is None:
                        to_create.append(
                            TermTranslation(
                                term=term, language=language, text=text, origin=TermOrigin.MACHINE
                            )
                        )
                    elif current.review_status == ReviewStatus.UNREVIEWED and current.text != text:
                        current.text = text
                        to_update.append(current)
            TermTranslation.objects.bulk_create(to_create)
            TermTranslation.objects.bulk_update(to_update, ["text"])
            result.translations_created += len(to_create)
            result.translations_updated += len(to_update)
            result.lists += 1
            if changed or to_create or to_update:
                audit_entry_create(
                    actor=actor,
                    action="vocabulary.import",
                    obj=vocabulary,
                    changed_fields=["terms", "translations"],
                )
    return result


def validation_message(error: ValidationError) -> str:
    return "; ".join(error.messages)
