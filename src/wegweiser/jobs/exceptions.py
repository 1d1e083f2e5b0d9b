"""Errors of the jobs app; every message is safe to show."""

from __future__ import annotations


class OfferError(Exception):
    """A change to an offer that cannot be made."""


class ImportDisabled(OfferError):
    """The BA Jobsuche import is switched off in the settings."""


class UnknownResponseShape(OfferError):
    """The BA Jobsuche answered with something this adapter does not understand."""
