"""A saved status report: a network, a period and the coordinator's notes on it.

The numbers are never stored; they are computed from the other apps whenever the report is
opened, so a reopened report shows the current state of the records of that period.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import TimeStampedModel
from wegweiser.network.models import Network


class StatusReport(TimeStampedModel):
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="+"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    summary = models.TextField(_("summary"), blank=True, max_length=5000)
    # One note per section (keys: reports.constants.Section values).
    notes = models.JSONField(_("notes per section"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "period_start", "period_end"], name="status_report_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="status_report_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"


class ReportSending(TimeStampedModel):
    """One sending of a report by e-mail; the task marks it sent."""

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="sendings")
    recipients = models.JSONField(_("recipients"), default=list)
    language = models.CharField(_("language"), max_length=10)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("sending of a report")
        verbose_name_plural = _("sendings of reports")
