"""Errors of the events app; every message is safe to show."""

from __future__ import annotations


class EventError(Exception):
    """A change to an event that cannot be made."""


class RegistrationClosed(EventError):
    """The event is cancelled, has started, or its deadline has passed."""


class AlreadyRegistered(EventError):
    """The person already holds a seat or a place on the waiting list."""


class OfferNotOpen(EventError):
    """The waiting-list offer was used, withdrawn or has expired."""


class NoHostAvailable(EventError):
    """No willing organisation is left to host the event."""
