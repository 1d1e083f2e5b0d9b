"""Settings of the newsletter, each with a default (override in config/settings.py or the env)."""

from __future__ import annotations

from django.conf import settings

from wegweiser.comms import constants


def confirm_valid_days() -> int:
    return int(getattr(settings, "NEWSLETTER_CONFIRM_VALID_DAYS", constants.CONFIRM_VALID_DAYS))


def send_batch_size() -> int:
    return max(1, int(getattr(settings, "NEWSLETTER_BATCH_SIZE", constants.SEND_BATCH_SIZE)))
