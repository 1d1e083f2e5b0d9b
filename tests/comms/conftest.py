"""Fixtures of the newsletter tests."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from tests.conftest import World
from wegweiser.comms import services
from wegweiser.comms.models import Subscriber


def confirm_path(message: Any) -> str:
    match = re.search(r"/newsletter/confirm/[^/\s]+/", message.body)
    assert match, message.body
    return match.group(0)


def subscribe_confirmed(
    world: World, email: str, language: str = "de", capture: Any = None
) -> Subscriber:
    """Sign up and confirm through the link of the confirmation e-mail."""
    from wegweiser.comms.tokens import confirm_token

    subscriber = services.subscription_request(
        network=world.national, email=email, language=language
    )
    return services.subscription_confirm(token=confirm_token(subscriber))


class FailingForOneBackend:
    """A mail backend that refuses one address and keeps the rest in the outbox."""

    failing = "broken@example.org"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.fail_silently = kwargs.get("fail_silently", False)

    def open(self) -> None:
        return None

    def close(self) -> None:
        return None

    def send_messages(self, messages: list[Any]) -> int:
        for message in messages:
            if self.failing in message.to:
                raise ConnectionRefusedError("550 mailbox unavailable")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def failing_mail(settings: Any) -> None:
    settings.MAILERS = {"default": {"BACKEND": "tests.comms.conftest.FailingForOneBackend"}}
