"""Errors of the newsletter; every message is safe to show."""

from __future__ import annotations


class NewsletterError(Exception):
    """A change to a subscription or an issue that cannot be made."""


class LinkInvalid(NewsletterError):
    """A confirmation or unsubscribe link that was tampered with, expired or already used."""


class IssueFrozen(NewsletterError):
    """The issue is being sent or was sent; it cannot change any more."""
