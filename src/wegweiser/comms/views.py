"""Newsletter: public sign-up, confirmation and one-click unsubscribe; the coordinators' editor,
preview, sending and progress."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wegweiser.accounts.selectors import signed_in_user
from wegweiser.comms import mailing, policy, selectors, services
from wegweiser.comms.exceptions import LinkInvalid, NewsletterError
from wegweiser.comms.forms import (
    ComposeForm,
    InviteForm,
    ItemForm,
    LanguageForm,
    SubjectForm,
    SubscribeForm,
)
from wegweiser.comms.models import Issue
from wegweiser.core.forms import error_text
from wegweiser.core.htmx import render_page_or_partial
from wegweiser.network.selectors import coordinated_networks


def _require_newsletter(request: HttpRequest) -> None:
    if not policy.can_use_newsletter(request.user):
        raise Http404


# --- Public: sign-up, confirmation, preferences, unsubscribe -----------------------------------


@login_not_required
def subscribe(request: HttpRequest, network_slug: str) -> HttpResponse:
    network = selectors.network_for_signup(network_slug)
    initial = {"language": translation.get_language() or settings.LANGUAGE_CODE}
    form = SubscribeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_request(
                network=network,
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
            )
        except NewsletterError as error:
            form.add_error(None, str(error))
        else:
            # The same answer whether the address was new, waiting or already subscribed.
            return render(request, "comms/subscribe_done.html", {"network": network})
    return render(request, "comms/subscribe.html", {"network": network, "form": form})


@login_not_required
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners that open links subscribe nobody); POST confirms."""
    if request.method == "POST":
        try:
            subscriber = services.subscription_confirm(token=token)
        except LinkInvalid as error:
            return render(request, "comms/link_invalid.html", {"message": str(error)}, status=400)
        return render(request, "comms/confirm_done.html", {"subscriber": subscriber})
    try:
        selectors.confirmation_check(token)
    except LinkInvalid as error:
        return render(request, "comms/link_invalid.html", {"message": str(error)}, status=400)
    return render(request, "comms/confirm.html", {"token": token})


@login_not_required
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = selectors.subscriber_by_link(token)
    except LinkInvalid as error:
        return render(request, "comms/link_invalid.html", {"message": str(error)}, status=400)
    form = LanguageForm(request.POST or None, initial={"language": subscriber.language})
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_language_set(
                subscriber=subscriber, language=form.cleaned_data["language"]
            )
        except NewsletterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your newsletter language was changed."))
            return redirect("comms:public_preferences", token=token)
    return render(
        request,
        "comms/preferences.html",
        {"subscriber": subscriber, "form": form, "token": token},
    )


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" without a session
@login_not_required
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """POST unsubscribes at once (one click, no login); GET shows the button to do it."""
    try:
        subscriber = selectors.subscriber_by_link(token)
    except LinkInvalid as error:
        return render(request, "comms/link_invalid.html", {"message": str(error)}, status=400)
    if request.method == "POST":
        subscriber = services.subscription_cancel(subscriber=subscriber)
        return render(request, "comms/unsubscribe_done.html", {"subscriber": subscriber})
    return render(request, "comms/unsubscribe.html", {"subscriber": subscriber, "token": token})


# --- Coordinators: issues ------------------------------------------------------------------------


def issue_list(request: HttpRequest) -> HttpResponse:
    _require_newsletter(request)
    networks = list(coordinated_networks(actor=request.user))
    counts = selectors.subscriber_counts([n.pk for n in networks])
    return render(
        request,
        "comms/issue_list.html",
        {
            "issues": selectors.issue_list_for(actor=request.user)[:50],
            "networks": [(n, counts.get(n.pk, {})) for n in networks],
        },
    )


def issue_compose(request: HttpRequest) -> HttpResponse:
    _require_newsletter(request)
    form = ComposeForm(request.POST or None, networks=coordinated_networks(actor=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issue = services.issue_compose(
                actor=signed_in_user(request),
                network=data["network"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                audience=data["audience"],
                subject=data.get("subject", ""),
            )
        except (NewsletterError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The draft holds the period's news. Check and edit it."))
            return redirect("comms:issue_detail", issue_id=issue.pk)
    return render(request, "comms/issue_compose.html", {"form": form})


def _editor_context(issue: Issue, **extra: Any) -> dict[str, Any]:
    return {
        "issue": issue,
        "sections": selectors.issue_sections(issue),
        "preview_languages": settings.LANGUAGES,
        "progress": selectors.delivery_progress(issue),
        **extra,
    }


def issue_detail(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.access_issue_by_id(actor=request.user, issue_id=issue_id)
    form = SubjectForm(request.POST or None, initial={"subject": issue.subject})
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_update(
                actor=signed_in_user(request), issue=issue, subject=form.cleaned_data["subject"]
            )
        except NewsletterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The subject was saved."))
            return redirect("comms:issue_detail", issue_id=issue.pk)
    return render(
        request,
        "comms/issue_detail.html",
        _editor_context(issue, subject_form=form, failures=selectors.failed_deliveries(issue)),
    )


@require_POST
def item_move(request: HttpRequest, issue_id: int, item_id: int) -> HttpResponse:
    issue = selectors.access_issue_by_id(actor=request.user, issue_id=issue_id)
    item = selectors.access_item_by_id(issue=issue, item_id=item_id)
    try:
        services.item_move(
            actor=signed_in_user(request), item=item, direction=request.POST.get("direction", "")
        )
    except NewsletterError as error:
        messages.error(request, str(error))
    if getattr(request, "htmx", None):
        return render(request, "comms/issue_detail.html#items", _editor_context(issue))
    return redirect("comms:issue_detail", issue_id=issue.pk)


@require_POST
def item_delete(request: HttpRequest, issue_id: int, item_id: int) -> HttpResponse:
    issue = selectors.access_issue_by_id(actor=request.user, issue_id=issue_id)
    item = selectors.access_item_by_id(issue=issue, item_id=item_id)
    try:
        services.item_delete(actor=signed_in_user(request), item=item)
    except NewsletterError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The item was removed."))
    return redirect("comms:issue_detail", issue_id=issue.pk)


def item_create(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.access_issue_by_id(actor=request.user, issue_id=issue_id)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_create(
                actor=signed_in_user(request), issue=issue, data=form.service_data()
            )
        except (NewsletterError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The item was added."))
            return redirect("comms:issue_detail", issue_id=issue.pk)
    return render(request, "comms/item_form.html", {"issue": issue, "form": form, "item": None})


def item_edit(request: HttpRequest, issue_id: int, item_id: int) -> HttpResponse:
    issue = selectors.access_issue_by_id(actor=request.user, issue_id=issue_id)
    item = selectors.access_item_by_id(issue=issue, item_id=item_id)
    form = ItemForm(request.POST or None, initial=ItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(actor=signed_in_user(request), item=item, data=form.service_data())
        except (NewsletterError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The item was saved."))
            return redirect("comms:issue_detail", issue_id=issue.pk)
    return render(request, "comms/item_form.html", {"issue": issue, "form": form, "item": item})


def issue_preview(request: HttpRequest, issue_id: int, language: str) -> HttpResponse:
    """The issue as a subscriber with this language will read it."""
    issue = selectors.access_issue_by_id(actor=request.user, issue_id=issue_id)
    if language not in services.LANGUAGE_CODES:
        raise Http404
    with translation.override(language):
        body = render_to_string(
            "comms/issue_body.html",
            mailing.issue_context(issue, language),
            request=request,
        )
    return render(
        request,
        "comms/issue_preview.html",
        {
            "issue": issue,
            "body": mark_safe(body),  # noqa: S308 - our own template, autoescaped
            "language": language,
            "bidi": language in settings.LANGUAGES_BIDI,
            "preview_languages": settings.LANGUAGES,
        },
    )


@require_POST
def issue_send(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.access_issue_by_id(actor=request.user, issue_id=issue_id)
    try:
        count = services.issue_send(actor=signed_in_user(request), issue=issue)
    except NewsletterError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The issue is being sent to %(count)s subscribers.") % {"count": count}
        )
    return redirect("comms:issue_detail", issue_id=issue.pk)


def issue_progress(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = selectors.access_issue_by_id(actor=request.user, issue_id=issue_id)
    return render_page_or_partial(
        request, "comms/issue_detail.html", _editor_context(issue), partial="progress"
    )


def role_invite(request: HttpRequest) -> HttpResponse:
    _require_newsletter(request)
    form = InviteForm(request.POST or None, networks=coordinated_networks(actor=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            result = services.role_invite(
                actor=signed_in_user(request),
                network=form.cleaned_data["network"],
                kind=form.cleaned_data["kind"],
            )
        except NewsletterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "%(invited)s people were asked to confirm; %(skipped)s were skipped "
                    "(already subscribed, unsubscribed, or asked a moment ago)."
                )
                % {"invited": result.invited, "skipped": result.skipped},
            )
            return redirect("comms:issue_list")
    return render(request, "comms/invite.html", {"form": form})
