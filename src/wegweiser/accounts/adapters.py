"""allauth adapter: nobody signs up on their own; people join by invitation."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Organisations invite their people (see network.services.invitation_accept);
        # an open sign-up form would only invite spam and enumeration.
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return str(super().get_login_redirect_url(request))

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        super().send_mail(template_prefix, email, context)
