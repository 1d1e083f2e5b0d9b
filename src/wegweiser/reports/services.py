"""Writes of the reports app: save a report's notes, send it. One transaction, one audit entry."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from wegweiser.core.services import audit_entry_create
from wegweiser.network.models import Network
from wegweiser.reports import policy
from wegweiser.reports.constants import MAX_PERIOD_DAYS, MAX_RECIPIENTS, NOTE_MAX_LENGTH, Section
from wegweiser.reports.exceptions import ReportError
from wegweiser.reports.models import ReportSending, StatusReport
from wegweiser.reports.selectors import Period
from wegweiser.reports.tasks import status_report_mail_send


def _too_long() -> str:
    return _("A note may have at most %(n)d characters.") % {"n": NOTE_MAX_LENGTH}


def _check_text(text: str) -> str:
    text = (text or "").strip()
    if "\x00" in text:
        raise ReportError(_("Notes must not contain NUL characters."))
    if len(text) > NOTE_MAX_LENGTH:
        raise ReportError(_too_long())
    return text


def _clean_notes(notes: dict[str, str]) -> dict[str, str]:
    cleaned = {}
    for key, text in notes.items():
        if key not in Section.values:
            raise ReportError(_("Unknown report section."))
        text = _check_text(text)
        if text:
            cleaned[key] = text
    return cleaned


def _check_period(period: Period) -> None:
    if period.end < period.start:
        raise ReportError(_("The period must end after it starts."))
    if period.days > MAX_PERIOD_DAYS:
        raise ReportError(_("A report covers at most one year."))


def status_report_save(
    *, actor: Any, network: Network, period: Period, summary: str, notes: dict[str, str]
) -> StatusReport:
    """Create the report of a network and period, or update its notes when it exists."""
    if not policy.can_edit_report(actor, network.pk):
        raise ReportError(_("You may not write reports for this network."))
    _check_period(period)
    summary = _check_text(summary)
    cleaned = _clean_notes(notes)
    with transaction.atomic():
        report, created = StatusReport.objects.select_for_update().get_or_create(
            network=network,
            period_start=period.start,
            period_end=period.end,
            defaults={"summary": summary, "notes": cleaned, "created_by": actor},
        )
        changed = ["summary", "notes"] if created else []
        if not created:
            if report.summary != summary:
                changed.append("summary")
            changed += [
                f"notes.{key}"
                for key in sorted(set(report.notes) | set(cleaned))
                if report.notes.get(key, "") != cleaned.get(key, "")
            ]
            report.summary, report.notes = summary, cleaned
            report.save(update_fields=["summary", "notes", "updated_at"])
        audit_entry_create(
            actor=actor,
            action="status_report.created" if created else "status_report.updated",
            obj=report,
            changed_fields=changed,
            network_id=network.pk,
        )
    return report


def status_report_send(
    *, actor: Any, report: StatusReport, recipients: list[str], language: str
) -> ReportSending:
    """Queue the report as a PDF attachment to each address (a background task sends it)."""
    if not policy.can_send_report(actor, report.network_id):
        raise ReportError(_("You may not send reports of this network."))
    unique = list(dict.fromkeys(r.strip().lower() for r in recipients if r.strip()))
    if not unique:
        raise ReportError(_("Enter at least one e-mail address."))
    if len(unique) > MAX_RECIPIENTS:
        raise ReportError(_("Send to at most %(n)d addresses at once.") % {"n": MAX_RECIPIENTS})
    with transaction.atomic():
        sending = ReportSending.objects.create(
            report=report, recipients=unique, language=language, sent_by=actor
        )
        audit_entry_create(
            actor=actor,
            action="status_report.sent",
            obj=report,
            changed_fields=["recipients"],
            network_id=report.network_id,
        )
        transaction.on_commit(partial(status_report_mail_send.enqueue, sending_id=sending.pk))
    return sending
