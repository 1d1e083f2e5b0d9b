"""Coordinators' dashboard (charts, tables, CSV) and the status report (PDF, notes, sending)."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts.selectors import signed_in_user
from wegweiser.core.listing import paginate_sorted
from wegweiser.network.models import Network
from wegweiser.reports import pdf, policy, selectors, services
from wegweiser.reports.exceptions import ReportError
from wegweiser.reports.forms import AnnotationForm, PeriodForm, SendForm, period_query
from wegweiser.reports.models import StatusReport
from wegweiser.reports.selectors import Period


def _require_coordinator(request: HttpRequest) -> None:
    if not policy.can_view_reports(request.user):
        raise Http404


# --- Dashboard ------------------------------------------------------------------------------


def dashboard(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    board = selectors.dashboard_for(actor=request.user)
    return render(request, "reports/dashboard.html", {"board": board})


def dashboard_csv(request: HttpRequest, key: str) -> HttpResponse:
    _require_coordinator(request)
    board = selectors.dashboard_for(actor=request.user)
    table = selectors.dashboard_table(dashboard=board, key=key)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.key}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(table.columns)
    writer.writerows(table.rows)
    return response


# --- Status report --------------------------------------------------------------------------


def _period_form(request: HttpRequest) -> PeriodForm:
    networks = selectors.reportable_networks_for(actor=request.user)
    data = request.GET if "network" in request.GET else None
    form = PeriodForm(data, networks=networks)
    if data is None:
        first = networks.first()
        form = PeriodForm(
            {"network": first.pk if first else ""},
            networks=networks,
        )
    return form


def _report_page(
    request: HttpRequest,
    *,
    network: Network,
    period: Period,
    report: StatusReport | None,
    form: PeriodForm | None,
    annotation: AnnotationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    data = selectors.status_report_for(actor=request.user, network=network, period=period)
    if annotation is None:
        annotation = AnnotationForm(
            initial=AnnotationForm.initial_for(report.summary, report.notes) if report else None
        )
    query = period_query(network, period)
    return render(
        request,
        "reports/status_report.html",
        {
            "data": data,
            "report": report,
            "form": form,
            "annotation": annotation,
            "send_form": SendForm() if report else None,
            "query": query,
            "save_url": reverse("reports:status_report_detail", args=[report.pk])
            if report
            else reverse("reports:status_report") + "?" + query,
            "pdf_url": reverse("reports:status_report_pdf", args=[report.pk])
            if report
            else reverse("reports:status_report_preview_pdf") + "?" + query,
        },
        status=status,
    )


def status_report(request: HttpRequest) -> HttpResponse:
    """Choose network and period; shows the report, and saves notes into a report record."""
    _require_coordinator(request)
    form = _period_form(request)
    if not form.is_valid():
        return render(
            request,
            "reports/status_report.html",
            {"form": form, "data": None},
            status=400 if request.GET else 200,
        )
    network: Network = form.cleaned_data["network"]
    period: Period = form.cleaned_data["period"]
    report = selectors.saved_report_for_period(network=network, period=period)
    if report is not None and request.method == "GET":
        return redirect("reports:status_report_detail", report_id=report.pk)
    if request.method == "POST":
        annotation = AnnotationForm(request.POST)
        if annotation.is_valid():
            try:
                report = services.status_report_save(
                    actor=signed_in_user(request),
                    network=network,
                    period=period,
                    summary=annotation.cleaned_data["summary"],
                    notes=annotation.notes(),
                )
            except ReportError as error:
                annotation.add_error(None, str(error))
            else:
                messages.success(request, _("The report was saved."))
                return redirect("reports:status_report_detail", report_id=report.pk)
        return _report_page(
            request,
            network=network,
            period=period,
            report=None,
            form=form,
            annotation=annotation,
            status=400,
        )
    return _report_page(request, network=network, period=period, report=None, form=form)


def status_report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    _require_coordinator(request)
    report = selectors.access_report_by_id(actor=request.user, report_id=report_id)
    period = Period(report.period_start, report.period_end)
    networks = selectors.reportable_networks_for(actor=request.user)
    form = PeriodForm(
        {
            "network": report.network_id,
            "start": report.period_start.isoformat(),
            "end": report.period_end.isoformat(),
        },
        networks=networks,
    )
    annotation = None
    if request.method == "POST":
        annotation = AnnotationForm(request.POST)
        if annotation.is_valid():
            try:
                services.status_report_save(
                    actor=signed_in_user(request),
                    network=report.network,
                    period=period,
                    summary=annotation.cleaned_data["summary"],
                    notes=annotation.notes(),
                )
            except ReportError as error:
                annotation.add_error(None, str(error))
            else:
                messages.success(request, _("The report was saved."))
                return redirect("reports:status_report_detail", report_id=report.pk)
    return _report_page(
        request,
        network=report.network,
        period=period,
        report=report,
        form=form,
        annotation=annotation,
        status=400 if annotation is not None else 200,
    )


def _pdf_response(
    request: HttpRequest, network: Network, period: Period, report: Any
) -> HttpResponse:
    data = selectors.status_report_for(actor=request.user, network=network, period=period)
    document = pdf.status_report_pdf(
        {"data": data, "report": report}, language=get_language() or "de"
    )
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="statusbericht-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}.pdf"'
    )
    return response


def status_report_pdf(request: HttpRequest, report_id: int) -> HttpResponse:
    _require_coordinator(request)
    report = selectors.access_report_by_id(actor=request.user, report_id=report_id)
    return _pdf_response(
        request, report.network, Period(report.period_start, report.period_end), report
    )


def status_report_preview_pdf(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = _period_form(request)
    if not form.is_valid():
        raise Http404
    network, period = form.cleaned_data["network"], form.cleaned_data["period"]
    report = selectors.saved_report_for_period(network=network, period=period)
    return _pdf_response(request, network, period, report)


@require_POST
def status_report_send(request: HttpRequest, report_id: int) -> HttpResponse:
    _require_coordinator(request)
    report = selectors.access_report_by_id(actor=request.user, report_id=report_id)
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            services.status_report_send(
                actor=signed_in_user(request),
                report=report,
                recipients=form.cleaned_data["recipients"],
                language=get_language() or "de",
            )
        except ReportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The report will be sent in a moment."))
            return redirect("reports:status_report_detail", report_id=report.pk)
    return _send_error_page(request, report, form)


def _send_error_page(request: HttpRequest, report: StatusReport, form: SendForm) -> HttpResponse:
    period = Period(report.period_start, report.period_end)
    data = selectors.status_report_for(actor=request.user, network=report.network, period=period)
    query = period_query(report.network, period)
    return render(
        request,
        "reports/status_report.html",
        {
            "data": data,
            "report": report,
            "form": None,
            "annotation": AnnotationForm(
                initial=AnnotationForm.initial_for(report.summary, report.notes)
            ),
            "send_form": form,
            "query": query,
            "save_url": reverse("reports:status_report_detail", args=[report.pk]),
            "pdf_url": reverse("reports:status_report_pdf", args=[report.pk]),
        },
        status=400,
    )


def status_report_list(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    listing = paginate_sorted(
        request,
        selectors.saved_reports_for(actor=request.user),
        sort_fields={"period": ["period_start", "period_end"], "network": ["network__name"]},
        default_sort="-period",
    )
    return render(request, "reports/status_report_list.html", {"listing": listing})
