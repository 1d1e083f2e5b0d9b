"""Funded projects: indicator tables, ESF Plus questionnaires, exports and the funder's view."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wegweiser.accounts.selectors import signed_in_user
from wegweiser.core.exports import spreadsheet_safe
from wegweiser.core.listing import paginate_sorted
from wegweiser.funding import policy, selectors, services
from wegweiser.funding.exceptions import FundingError
from wegweiser.funding.forms import EntryForm, ExitForm, FollowUpForm, PeriodForm, ProjectForm
from wegweiser.funding.indicators import FOLLOW_UP_FLAGS, RESULT_FLAGS, Period, find_period
from wegweiser.network.constants import OrganisationType
from wegweiser.network.models import Membership, Network, Organisation
from wegweiser.network.policy import actor_for
from wegweiser.participants import selectors as participant_selectors


def _status(form: Any) -> int:
    return 400 if form.errors else 200


def project_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_use_funding(request.user):
        raise Http404
    projects = selectors.project_list_for(actor=request.user)
    listing = paginate_sorted(
        request,
        projects,
        sort_fields={"name": ["name"], "starts": ["starts_on"]},
        default_sort="-starts",
    )
    return render(
        request,
        "funding/project_list.html",
        {"listing": listing, "can_create": actor_for(request.user).is_coordinator},
    )


def project_create(request: HttpRequest) -> HttpResponse:
    coordinated = actor_for(request.user).coordinated_network_ids
    if not coordinated:
        raise Http404
    networks = Network.objects.filter(pk__in=coordinated)
    organisations = Organisation.objects.filter(
        org_type=OrganisationType.COUNSELLING_PROJECT,
        pk__in=Membership.objects.filter(network_id__in=coordinated).values("organisation_id"),
    ).order_by("name")
    form = ProjectForm(request.POST or None, networks=networks, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.project_create(
                actor=signed_in_user(request),
                network=data["network"],
                data=data,
                organisations=data["organisations"],
            )
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The funded project was set up."))
            return redirect("funding:project_detail", project_id=project.pk)
    return render(
        request,
        "funding/simple_form.html",
        {"form": form, "title": _("New funded project"), "back": None},
        status=_status(form),
    )


def _chosen_period(request: HttpRequest, grid: list[Period]) -> tuple[PeriodForm, Period | None]:
    form = PeriodForm(request.GET or {"period": grid[0].key}, grid=grid)
    if not form.is_valid():
        return form, None
    return form, find_period(form.cleaned_data["period"], grid)


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    access = selectors.access_project_by_id(actor=request.user, project_id=project_id)
    project = access.project
    grid = selectors.period_grid(project=project)
    form, period = _chosen_period(request, grid)
    table = None
    if period is not None:
        if access.is_funder:
            table = services.aggregates_release(
                actor=signed_in_user(request), project=project, period=period
            )
        else:
            table = selectors.indicator_table(project=project, period=period)
    context: dict[str, Any] = {
        "access": access,
        "project": project,
        "organisations": selectors.project_organisations(project=project),
        "form": form,
        "period": period,
        "table": table,
        "can_record": bool(policy.case_organisation_ids(request.user) & access.organisation_ids),
    }
    if access.sees_personal_data:
        context["records"] = selectors.record_list_for(actor=request.user, access=access)
        context["follow_ups"] = selectors.due_follow_ups_for(actor=request.user, access=access)
        context["today"] = timezone.localdate()
    return render(
        request, "funding/project_detail.html", context, status=400 if form.errors else 200
    )


def _export_data(request: HttpRequest, project_id: int) -> tuple[Any, Period, list[list[str]]]:
    access = selectors.access_project_by_id(
        actor=request.user, project_id=project_id, purpose="export"
    )
    grid = selectors.period_grid(project=access.project)
    _form, period = _chosen_period(request, grid)
    if period is None:
        raise Http404
    rows = selectors.export_rows(actor=request.user, access=access, period=period)
    return access.project, period, rows


def _filename(project: Any, period: Period, ext: str) -> str:
    return f"esf-plus-{project.pk}-{period.key}.{ext}"


@require_GET
def export_csv(request: HttpRequest, project_id: int) -> HttpResponse:
    project, period, rows = _export_data(request, project_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(project, period, "csv")}"'
    writer = csv.writer(response)
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in row])
    return response


@require_GET
def export_xlsx(request: HttpRequest, project_id: int) -> HttpResponse:
    from openpyxl import Workbook

    project, period, rows = _export_data(request, project_id)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("ESF Plus")
    for row in rows:
        sheet.append([spreadsheet_safe(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(project, period, "xlsx")}"'
    return response


# --- Questionnaires ---------------------------------------------------------------------------


def _entry_data(form: Any) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k not in ("participant", "complete")}


def record_create(request: HttpRequest, project_id: int) -> HttpResponse:
    access = selectors.access_project_by_id(
        actor=request.user, project_id=project_id, purpose="record"
    )
    candidates = selectors.enrolable_participants(actor=request.user, access=access)
    form = EntryForm(request.POST or None, participants=candidates)
    if request.method == "POST" and form.is_valid():
        participant = participant_selectors.access_participant_by_id(
            actor=request.user, participant_id=int(form.cleaned_data["participant"]), purpose="edit"
        )
        try:
            record = services.record_create(
                actor=signed_in_user(request),
                project=access.project,
                access=participant,
                data=_entry_data(form),
                complete=form.cleaned_data["complete"],
            )
        except FundingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The entry questionnaire was saved."))
            return redirect("funding:record_edit", record_id=record.pk)
    return render(
        request,
        "funding/simple_form.html",
        {"form": form, "title": _("Enter a participant"), "project": access.project},
        status=_status(form),
    )


def record_edit(request: HttpRequest, record_id: int) -> HttpResponse:
    found = selectors.access_record_by_id(actor=request.user, record_id=record_id, purpose="edit")
    record = found.record
    initial = {name: getattr(record, name) for name in services.ENTRY_FIELDS}
    initial["complete"] = record.is_entry_complete
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_update(
                actor=signed_in_user(request),
                record=record,
                access=found.participant,
                data=_entry_data(form),
                complete=form.cleaned_data["complete"],
            )
        except FundingError as error:
            form.add_error(None, str(error))
            record.refresh_from_db()
        else:
            messages.success(request, _("The entry questionnaire was saved."))
            return redirect("funding:record_edit", record_id=record.pk)
    return render(
        request,
        "funding/record_detail.html",
        {
            "form": form if not record.has_left else None,
            "record": record,
            "participant": found.participant.participant,
            "project": record.project,
            "missing": services.missing_core_data(record),
            "result_flags": [(label, getattr(record, k)) for k, label in RESULT_FLAGS.items()],
            "follow_up_flags": [
                (label, getattr(record, k)) for k, label in FOLLOW_UP_FLAGS.items()
            ],
        },
        status=_status(form),
    )


def record_exit(request: HttpRequest, record_id: int) -> HttpResponse:
    found = selectors.access_record_by_id(actor=request.user, record_id=record_id, purpose="edit")
    record = found.record
    form = ExitForm(request.POST or None, initial={"contact_hours": record.contact_hours})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.exit_record(
                actor=signed_in_user(request),
                record=record,
                exit_on=data["exit_on"],
                results={k: data.get(k, False) for k in RESULT_FLAGS},
                contact_hours=data["contact_hours"],
            )
        except FundingError as error:
            form.add_error(None, str(error))
            record.refresh_from_db()
        else:
            messages.success(
                request,
                _("The exit was recorded. The follow-up is due on %(date)s.")
                % {"date": record.follow_up_due_on},
            )
            return redirect("funding:record_edit", record_id=record.pk)
    return render(
        request,
        "funding/simple_form.html",
        {"form": form, "title": _("Record the exit"), "record": record},
        status=_status(form),
    )


def record_follow_up(request: HttpRequest, record_id: int) -> HttpResponse:
    found = selectors.access_record_by_id(actor=request.user, record_id=record_id, purpose="edit")
    record = found.record
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(
                actor=signed_in_user(request),
                record=record,
                employment=form.cleaned_data["follow_up_employment"],
                improved=form.cleaned_data["follow_up_improved"],
            )
        except FundingError as error:
            form.add_error(None, str(error))
            record.refresh_from_db()
        else:
            messages.success(request, _("The follow-up was recorded."))
            return redirect("funding:record_edit", record_id=record.pk)
    return render(
        request,
        "funding/simple_form.html",
        {"form": form, "title": _("Six-month follow-up"), "record": record},
        status=_status(form),
    )
