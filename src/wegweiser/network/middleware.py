"""Holders of roles that reach personal data must set up two-factor authentication first."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from wegweiser.network.policy import requires_mfa

# Pages a person without MFA may still open: setting MFA up, signing out, switching language.
_ALLOWED_PREFIXES = ("/accounts/", "/account/language/", "/static/", "/health/", "/i18n/")


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and requires_mfa(user)
            and not is_mfa_enabled(user)
        ):
            if request.path.startswith("/api/"):
                return HttpResponse(
                    '{"detail": "Two-factor authentication must be set up first."}',
                    status=403,
                    content_type="application/json",
                )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
