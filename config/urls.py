from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView

from config.api import api


def _api_handles_its_own_auth(patterns: list[Any]) -> list[Any]:
    """Ninja authenticates every route itself (token or session), so the login redirect of
    LoginRequiredMiddleware must not answer API clients with an HTML login page."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _api_handles_its_own_auth(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return patterns


api_patterns, api_app, api_namespace = api.urls

urlpatterns = [
    path("", include("wegweiser.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("wegweiser.accounts.urls")),
    path("network/", include("wegweiser.network.urls")),
    path("events/", include("wegweiser.events.urls")),
    path("knowledge/", include("wegweiser.knowledge.urls")),
    path("jobs/", include("wegweiser.jobs.urls")),
    path("matching/", include("wegweiser.matching.urls")),
    path("directory/", include("wegweiser.directory.urls")),
    path("participants/", include("wegweiser.participants.urls")),
    path("portal/", include("wegweiser.participants.portal_urls")),
    path("funding/", include("wegweiser.funding.urls")),
    path("reports/", include("wegweiser.reports.urls")),
    path("newsletter/", include("wegweiser.comms.urls")),
    path(
        "api/v1/",
        include((_api_handles_its_own_auth(api_patterns), api_app), namespace=api_namespace),
    ),
    path("api/docs", login_not_required(RedirectView.as_view(url="/api/v1/docs")), name="api_docs"),
]
