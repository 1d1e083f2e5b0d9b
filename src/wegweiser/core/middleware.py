"""Request hygiene that no view should have to repeat."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL = b"\x00"


def carries_nul(raw: str) -> bool:
    """True when a path or query string holds a NUL character, percent-encoded or not."""
    return NUL in unquote_to_bytes(raw)


class RejectNulCharactersMiddleware:
    """Answer 400 to a path or query string with a NUL character.

    PostgreSQL text cannot hold NUL, so such a value would fail deep inside a lookup as a
    server error; no legitimate link carries one. Form and JSON bodies are checked where
    they are parsed (form fields and the API parser)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if carries_nul(request.path) or carries_nul(request.META.get("QUERY_STRING", "")):
            message = _("The address contains a character that is not allowed (NUL).")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)
