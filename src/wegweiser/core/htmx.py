"""htmx helpers: render a named partial for htmx requests, the whole page otherwise."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page_or_partial(
    request: HttpRequest, template: str, context: dict[str, Any], *, partial: str
) -> HttpResponse:
    """Full page for normal requests; only `template#partial` when htmx asks for it.

    The same URL answers with a partial or a whole page, so the response varies on HX-Request
    (else the browser's back button may show a cached partial); a history restore (the back
    button after an htmx cache miss) wants the whole page.
    """
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.boosted and not htmx.history_restore_request:
        response = render(request, f"{template}#{partial}", context)
    else:
        response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
