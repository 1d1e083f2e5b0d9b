"""Background tasks of the reports app: send a status report as a PDF attachment."""

from __future__ import annotations

from django.http import Http404
from django.tasks import task
from django.utils import timezone, translation

from wegweiser.core.mail import mail_render_and_send
from wegweiser.reports.models import ReportSending


@task(queue_name="mail")
def status_report_mail_send(*, sending_id: int) -> int:
    """Render the report in the sender's language and mail it to each recipient."""
    from wegweiser.reports import pdf, selectors

    sending = (
        ReportSending.objects.select_related("report__network", "sent_by")
        .filter(pk=sending_id, sent_at__isnull=True)
        .first()
    )
    if sending is None or sending.sent_by is None:
        return 0
    report = sending.report
    period = selectors.Period(report.period_start, report.period_end)
    with translation.override(sending.language):
        try:
            data = selectors.status_report_for(
                actor=sending.sent_by, network=report.network, period=period
            )
        except Http404:  # the sender no longer coordinates the network
            return 0
    context = {"data": data, "report": report}
    document = pdf.status_report_pdf(context, language=sending.language)
    filename = f"statusbericht-{report.period_start:%Y-%m-%d}-{report.period_end:%Y-%m-%d}.pdf"
    for recipient in sending.recipients:
        mail_render_and_send(
            to=recipient,
            template="reports/mail/report",
            context=context,
            language=sending.language,
            attachments=[(filename, document, "application/pdf")],
        )
    ReportSending.objects.filter(pk=sending.pk).update(sent_at=timezone.now())
    return len(sending.recipients)
