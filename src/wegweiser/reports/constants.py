"""Closed vocabularies of reports: the sections of the status report and the pathway funnel."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    MEMBERS = "members", _("Members")
    EVENTS = "events", _("Events")
    AMBASSADORS = "ambassadors", _("Ambassadors and social media")
    OFFERS = "offers", _("Offers")
    PLACEMENTS = "placements", _("Placements")
    ACTION_ITEMS = "action_items", _("Open action items")


class FunnelStage(models.TextChoices):
    ARRIVAL = "arrival", _("Arrived in Germany")
    COUNSELLING = "counselling", _("Counselling")
    LANGUAGE = "language", _("Language")
    RECOGNITION = "recognition", _("Recognition")
    TRAINING_OR_JOB = "training_or_job", _("Training or job")
    EMPLOYED_6_MONTHS = "employed_6_months", _("Still employed after 6 months")


# Which built-in milestone types (participants' MilestoneType.key) reach which funnel stage.
FUNNEL_MILESTONES: dict[str, frozenset[str]] = {
    FunnelStage.ARRIVAL: frozenset({"arrival"}),
    FunnelStage.COUNSELLING: frozenset({"counselling_started"}),
    FunnelStage.LANGUAGE: frozenset({"language_course_started", "b1_reached"}),
    FunnelStage.RECOGNITION: frozenset({"recognition_applied", "recognition_decided"}),
    FunnelStage.TRAINING_OR_JOB: frozenset({"apprenticeship_started", "job_started"}),
    FunnelStage.EMPLOYED_6_MONTHS: frozenset({"employed_after_6_months"}),
}
TRAINING_START = "apprenticeship_started"
JOB_START = "job_started"
EMPLOYED_6_MONTHS = "employed_after_6_months"
LEFT_PROGRAMME = "left_programme"

# Counts derived from participants between 1 and this bound minus one are shown as "<5".
SUPPRESS_BELOW = 5
SUPPRESSED = "<5"

# Longest period a report may cover, and most recipients of one sending.
MAX_PERIOD_DAYS = 366
MAX_RECIPIENTS = 20
NOTE_MAX_LENGTH = 5000
# How many months the dashboard's time series show.
DASHBOARD_MONTHS = 12
