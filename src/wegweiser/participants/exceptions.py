"""Errors of the participants app. Each carries a message the person can act on."""

from __future__ import annotations

from django.utils.functional import Promise


class ParticipantError(Exception):
    def __init__(self, message: str | Promise, code: str = "invalid") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


class DuplicateParticipant(ParticipantError):
    def __init__(self, message: str | Promise, existing_code: str) -> None:
        super().__init__(message, code="duplicate")
        self.existing_code = existing_code


class ConsentMissing(ParticipantError):
    """A share was attempted without a valid consent that covers it."""


class InvalidTransition(ParticipantError):
    """The object is not in a state that allows this step."""


class PortalTokenInvalid(ParticipantError):
    pass
