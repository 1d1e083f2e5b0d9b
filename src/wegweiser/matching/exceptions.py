"""Errors of the suggestion workflow: the message is translated and shown as it is."""

from __future__ import annotations

from typing import Any


class MatchingError(Exception):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message
