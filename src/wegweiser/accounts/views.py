"""Personal settings: language, security (MFA), API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts import selectors, services
from wegweiser.accounts.forms import ApiTokenForm, LanguageForm
from wegweiser.accounts.selectors import signed_in_user


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered in a cookie and, when signed in, on the user."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if form.is_valid():
        language = form.cleaned_data["language"]
        if request.user.is_authenticated:
            services.user_set_language(actor=signed_in_user(request), language=language)
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            samesite="Lax",
            httponly=False,
        )
    return response


def settings_page(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    tokens = selectors.api_token_list_for(actor=user)
    return render(
        request,
        "accounts/settings.html",
        {"tokens": tokens, "token_form": ApiTokenForm(), "new_secret": None},
    )


@require_POST
def api_token_create(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ApiTokenForm(request.POST)
    new_secret = None
    if form.is_valid():
        issued = services.api_token_create(
            actor=user,
            name=form.cleaned_data["name"],
            scope=form.cleaned_data["scope"],
            valid_days=form.cleaned_data["valid_days"],
        )
        new_secret = issued.secret
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
        form = ApiTokenForm()
    return render(
        request,
        "accounts/settings.html",
        {
            "tokens": selectors.api_token_list_for(actor=user),
            "token_form": form,
            "new_secret": new_secret,
        },
        status=200 if new_secret or not form.errors else 400,
    )


@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = signed_in_user(request)
    token = selectors.api_token_get_for(actor=user, token_id=token_id)
    if token is None:
        raise Http404
    services.api_token_revoke(actor=user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:settings")
