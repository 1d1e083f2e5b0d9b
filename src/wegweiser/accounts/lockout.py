"""How django-axes finds the login name in allauth's credentials."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def username_from_credentials(request: HttpRequest | None, credentials: dict[str, Any]) -> str:
    for key in ("email", "username", "login"):
        value = credentials.get(key)
        if value:
            return str(value).strip().lower()
    if request is not None and request.method == "POST":
        return str(request.POST.get("login", "")).strip().lower()
    return ""
