"""Knowledge base pages: search, articles and their workflow, translations, vocabulary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts.selectors import signed_in_user
from wegweiser.core.htmx import render_page_or_partial
from wegweiser.core.listing import paginate_sorted
from wegweiser.knowledge import pdf, policy, selectors, services
from wegweiser.knowledge.constants import (
    RTL_LANGUAGES,
    SOURCE_LANGUAGE,
    ArticleLanguage,
    VocabularyLanguage,
)
from wegweiser.knowledge.exceptions import KnowledgeError
from wegweiser.knowledge.forms import (
    ArticleForm,
    ArticleSearchForm,
    AttachmentForm,
    ReturnForm,
    TranslationForm,
    TranslatorProfileForm,
)
from wegweiser.knowledge.models import ArticleText, Attachment, Term, TermTranslation
from wegweiser.network.constants import RoleKind
from wegweiser.network.models import Organisation
from wegweiser.network.policy import actor_for

# --- Articles ------------------------------------------------------------------------------


@login_not_required
def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    query = data.get("q", "")
    hits = selectors.article_search(
        actor=request.user,
        query=query,
        topic=data.get("topic", ""),
        audience=data.get("audience", ""),
        kind=data.get("kind", ""),
    )
    listing = paginate_sorted(
        request, hits, sort_fields={"relevance": []}, default_sort="relevance", page_size=20
    )
    return render_page_or_partial(
        request,
        "knowledge/article_list.html",
        {
            "form": form,
            "listing": listing,
            "query": query,
            "can_create": policy.can_create_article(request.user),
            "mine": selectors.articles_of_my_organisations(actor=request.user)[:20]
            if policy.can_create_article(request.user)
            else [],
        },
        partial="results",
    )


def _writable_organisations(request: HttpRequest) -> list[tuple[int, str]]:
    actor = actor_for(request.user)
    ids = actor.organisations_with(RoleKind.ORG_ADMIN, RoleKind.COORDINATOR)
    return list(Organisation.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


def article_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_create_article(request.user):
        raise Http404
    organisations = _writable_organisations(request)
    form = ArticleForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = Organisation.objects.get(pk=data["organisation"])
        try:
            article = services.article_create(
                actor=signed_in_user(request),
                organisation=organisation,
                kind=data["kind"],
                visibility=data["visibility"],
                topics=data["topics"],
                audiences=data["audiences"],
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
            )
        except (KnowledgeError, ValidationError) as error:
            form.add_error(
                None, str(error.messages[0] if isinstance(error, ValidationError) else error)
            )
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("knowledge:public_article_detail", article_id=article.pk)
    return render(
        request,
        "knowledge/article_form.html",
        {"form": form, "article": None},
        status=400 if form.errors else 200,
    )


@login_not_required
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    language = request.GET.get("lang", "") or (get_language() or SOURCE_LANGUAGE)
    detail = selectors.article_get_for(actor=request.user, article_id=article_id, language=language)
    return render(
        request,
        "knowledge/article_detail.html",
        {
            "detail": detail,
            "article": detail.article,
            "text": detail.text,
            "rtl": detail.text.language in RTL_LANGUAGES,
            "return_form": ReturnForm(),
            "attachment_form": AttachmentForm(),
            "can_attach": policy.can_manage_attachments(request.user, detail.article),
        },
    )


def article_edit(request: HttpRequest, article_id: int) -> HttpResponse:
    detail = selectors.article_get_for(actor=request.user, article_id=article_id)
    if not detail.can_edit:
        raise Http404
    article, source = detail.article, detail.source
    initial = {
        "kind": article.kind,
        "visibility": article.visibility,
        "topics": [t.topic for t in article.topics.all()],
        "audiences": [a.audience for a in article.audiences.all()],
        "title": source.title,
        "summary": source.summary,
        "body": source.body,
    }
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.article_update(
                actor=signed_in_user(request), article=article, data=form.cleaned_data
            )
        except (KnowledgeError, ValidationError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The article was saved."))
            return redirect("knowledge:public_article_detail", article_id=article.pk)
    return render(
        request,
        "knowledge/article_form.html",
        {"form": form, "article": article},
        status=400 if form.errors else 200,
    )


def _workflow_step(request: HttpRequest, article_id: int, step: str) -> HttpResponse:
    detail = selectors.article_get_for(actor=request.user, article_id=article_id)
    article = detail.article
    allowed = {
        "submit": detail.can_submit,
        "publish": detail.can_review,
        "return": detail.can_review,
    }[step]
    if not allowed:
        raise Http404
    try:
        if step == "submit":
            services.article_submit(actor=signed_in_user(request), article=article)
            messages.success(request, _("The article was sent for review."))
        elif step == "publish":
            services.article_publish(actor=signed_in_user(request), article=article)
            messages.success(request, _("The article was published."))
        else:
            form = ReturnForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            services.article_return(actor=signed_in_user(request), article=article, note=note)
            messages.success(request, _("The article was sent back to draft."))
    except KnowledgeError as error:
        messages.error(request, str(error))
    return redirect("knowledge:public_article_detail", article_id=article.pk)


@require_POST
def article_submit(request: HttpRequest, article_id: int) -> HttpResponse:
    return _workflow_step(request, article_id, "submit")


@require_POST
def article_publish(request: HttpRequest, article_id: int) -> HttpResponse:
    return _workflow_step(request, article_id, "publish")


@require_POST
def article_return(request: HttpRequest, article_id: int) -> HttpResponse:
    return _workflow_step(request, article_id, "return")


def article_history(request: HttpRequest, article_id: int) -> HttpResponse:
    detail = selectors.article_get_for(actor=request.user, article_id=article_id)
    if not detail.can_history:
        raise Http404
    language = request.GET.get("lang", SOURCE_LANGUAGE)
    if language not in ArticleLanguage.values:
        raise Http404
    versions = selectors.article_versions(article=detail.article, language=language)
    diff = None
    old = new = None
    try:
        old_number = int(request.GET.get("old", "0"))
        new_number = int(request.GET.get("new", "0"))
    except ValueError:
        old_number = new_number = 0
    if not old_number and len(versions) >= 2:
        new_number, old_number = versions[0].number, versions[1].number
    if old_number and new_number:
        old, new = selectors.version_pair(
            article=detail.article,
            language=language,
            old_number=old_number,
            new_number=new_number,
        )
        diff = selectors.version_diff(old, new)
    return render(
        request,
        "knowledge/article_history.html",
        {
            "detail": detail,
            "article": detail.article,
            "language": language,
            "history_languages": sorted(detail.texts),
            "versions": versions,
            "diff": diff,
            "old": old,
            "new": new,
        },
    )


def article_translate(request: HttpRequest, article_id: int, language: str) -> HttpResponse:
    detail = selectors.article_get_for(actor=request.user, article_id=article_id)
    if not policy.can_translate_article(request.user, detail.article, language):
        raise Http404
    existing = detail.texts.get(language)
    initial = (
        {"title": existing.title, "summary": existing.summary, "body": existing.body}
        if existing
        else {}
    )
    form = TranslationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                actor=signed_in_user(request),
                article=detail.article,
                language=language,
                **form.cleaned_data,
            )
        except (KnowledgeError, ValidationError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The translation was saved."))
            return redirect(f"{_article_url(detail.article.pk)}?lang={language}")
    return render(
        request,
        "knowledge/article_translate.html",
        {
            "detail": detail,
            "article": detail.article,
            "language": language,
            "language_label": ArticleLanguage(language).label,
            "rtl": language in RTL_LANGUAGES,
            "existing": existing,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _article_url(article_id: int) -> str:
    return reverse("knowledge:public_article_detail", args=[article_id])


@require_POST
def translation_confirm(request: HttpRequest, article_id: int, language: str) -> HttpResponse:
    detail = selectors.article_get_for(actor=request.user, article_id=article_id)
    text: ArticleText | None = detail.texts.get(language)
    if text is None or not policy.can_translate_article(request.user, detail.article, language):
        raise Http404
    try:
        services.translation_confirm(actor=signed_in_user(request), text=text)
    except KnowledgeError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The translation is confirmed."))
    return redirect(f"{_article_url(article_id)}?lang={language}")


# --- Attachments ---------------------------------------------------------------------------


@require_POST
def attachment_add(request: HttpRequest, article_id: int) -> HttpResponse:
    detail = selectors.article_get_for(actor=request.user, article_id=article_id)
    if not policy.can_manage_attachments(request.user, detail.article):
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        try:
            services.attachment_add(
                actor=signed_in_user(request),
                article=detail.article,
                upload=form.cleaned_data["file"],
            )
        except KnowledgeError as refused:
            error = str(refused)
    else:
        error = " ".join(str(m) for messages_ in form.errors.values() for m in messages_)
    if error:
        return render(
            request,
            "knowledge/attachment_refused.html",
            {"article": detail.article, "error": error, "form": form},
            status=400,
        )
    messages.success(request, _("The file was attached."))
    return redirect("knowledge:public_article_detail", article_id=article_id)


@login_not_required
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    """Stream an attachment after `can_view_article`; files are never served directly."""
    attachment: Attachment = selectors.attachment_get_for(
        actor=request.user, attachment_id=attachment_id
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def attachment_delete(request: HttpRequest, attachment_id: int) -> HttpResponse:
    attachment = selectors.attachment_get_for(actor=request.user, attachment_id=attachment_id)
    if not policy.can_manage_attachments(request.user, attachment.article):
        raise Http404
    article_id = attachment.article_id
    services.attachment_delete(actor=signed_in_user(request), attachment=attachment)
    messages.success(request, _("The file was removed."))
    return redirect("knowledge:public_article_detail", article_id=article_id)


# --- Translators ---------------------------------------------------------------------------


def translation_tasks(request: HttpRequest) -> HttpResponse:
    if not policy.can_have_translator_profile(request.user):
        raise Http404
    tasks = selectors.translation_tasks_for(actor=request.user)
    listing = paginate_sorted(request, tasks, sort_fields={"state": []}, default_sort="state")
    return render(
        request,
        "knowledge/translation_tasks.html",
        {"listing": listing, "my_languages": policy.translator_languages(request.user)},
    )


def translator_profile(request: HttpRequest) -> HttpResponse:
    if not policy.can_have_translator_profile(request.user):
        raise Http404
    form = TranslatorProfileForm(
        request.POST or None,
        initial={"languages": list(policy.translator_languages(request.user))},
    )
    if request.method == "POST" and form.is_valid():
        services.translator_profile_update(
            actor=signed_in_user(request), languages=form.cleaned_data["languages"]
        )
        messages.success(request, _("Your translation languages were saved."))
        return redirect("knowledge:translation_tasks")
    return render(
        request,
        "knowledge/translator_profile.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# --- Vocabulary ----------------------------------------------------------------------------


@login_not_required
def vocabulary_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "knowledge/vocabulary_index.html",
        {"lists": selectors.vocabulary_lists(), "vocabulary_languages": VocabularyLanguage.choices},
    )


@login_not_required
def vocabulary_detail(request: HttpRequest, slug: str) -> HttpResponse:
    vocabulary = selectors.vocabulary_get(slug=slug)
    language = request.GET.get("lang", "")
    if language not in VocabularyLanguage.values:
        current = get_language() or ""
        language = current if current in VocabularyLanguage.values else "en"
    return render(
        request,
        "knowledge/vocabulary_detail.html",
        {
            "vocabulary": vocabulary,
            "flyer": selectors.flyer_for(slug=slug, language=language),
            "vocabulary_languages": VocabularyLanguage.choices,
            "can_review": policy.can_review_term_translation(request.user, language),
        },
    )


@login_not_required
def vocabulary_flyer(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    """The flyer as a web page (what the PDF shows), with a link to the PDF."""
    flyer = selectors.flyer_for(slug=slug, language=language)
    return render(
        request,
        "knowledge/flyer_page.html",
        {"flyer": flyer, "vocabulary_languages": VocabularyLanguage.choices},
    )


@login_not_required
def vocabulary_flyer_pdf(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    flyer = selectors.flyer_for(slug=slug, language=language)
    response = HttpResponse(pdf.flyer_pdf(flyer), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="vokabeln-{slug}-{language}.pdf"'
    return response


@login_not_required
def term_image(request: HttpRequest, term_id: int) -> FileResponse:
    term = Term.objects.filter(pk=term_id).exclude(image="").first()
    if term is None:
        raise Http404
    name = term.image.name or ""
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    return FileResponse(term.image.open("rb"), content_type=content_type)


@require_POST
def term_translation_confirm(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = (
        TermTranslation.objects.select_related("term__vocabulary_list")
        .filter(pk=translation_id)
        .first()
    )
    if translation is None or not policy.can_review_term_translation(
        request.user, translation.language
    ):
        raise Http404
    services.term_translation_confirm(actor=signed_in_user(request), translation=translation)
    messages.success(request, _("Thank you: the translation is confirmed."))
    slug = translation.term.vocabulary_list.slug
    return redirect(
        f"{reverse('knowledge:public_vocabulary_detail', args=[slug])}?lang={translation.language}"
    )
