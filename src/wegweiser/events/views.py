"""Events, series, registrations, attendance, minutes, action items and calendar feeds."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts.models import User
from wegweiser.accounts.selectors import signed_in_user
from wegweiser.core.exports import spreadsheet_safe
from wegweiser.core.forms import error_text
from wegweiser.core.htmx import render_page_or_partial
from wegweiser.core.listing import paginate_sorted
from wegweiser.events import ical, policy, selectors, services
from wegweiser.events.exceptions import EventError
from wegweiser.events.forms import (
    ActionItemForm,
    ActionItemProgressForm,
    AgendaSlotForm,
    EventFilterForm,
    EventForm,
    HostAssignForm,
    MinutesForm,
    PlanForm,
    RegistrationForm,
    SeriesEditForm,
    SeriesEventForm,
    SeriesForm,
    SeriesHostForm,
)
from wegweiser.events.models import ActionItem, AgendaSlot
from wegweiser.network.models import Network
from wegweiser.network.policy import actor_for


def _coordinated_networks(request: HttpRequest) -> Any:
    return Network.objects.filter(pk__in=actor_for(request.user).coordinated_network_ids)


# --- Events -------------------------------------------------------------------------------------


@login_not_required
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.EventFilters(
        when=data.get("when") or "upcoming",
        event_type=data.get("event_type", ""),
        q=data.get("q", ""),
    )
    events = selectors.event_list_for(actor=request.user, filters=filters)
    listing = paginate_sorted(
        request,
        events,
        sort_fields={"date": ["starts_at"], "title": ["title"], "type": ["event_type"]},
        default_sort="-date" if filters.when == "past" else "date",
    )
    return render_page_or_partial(
        request,
        "events/event_list.html",
        {
            "form": form,
            "listing": listing,
            "can_create": policy.can_create_events(request.user),
        },
        partial="results",
    )


@login_not_required
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id)
    if selectors.offers_due(access.event):
        services.waitlist_refresh(event=access.event)  # the lazy expiry check on access
        access = selectors.access_event_by_id(actor=request.user, event_id=event_id)
    return render(
        request,
        "events/event_detail.html",
        {
            "access": access,
            "event": access.event,
            "form": RegistrationForm(event=access.event) if access.can_register else None,
        },
    )


def event_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_create_events(request.user):
        raise Http404
    form = EventForm(request.POST or None, networks=_coordinated_networks(request))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=signed_in_user(request),
                network=form.cleaned_data["network"],
                data=form.cleaned_data,
            )
        except (EventError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The event was created."))
            return redirect("events:public_event_detail", event_id=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": None},
        status=400 if form.errors else 200,
    )


def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="manage")
    event = access.event
    form = EventForm(request.POST or None, instance=event, networks=_coordinated_networks(request))
    if request.method == "POST" and form.is_valid():
        event.refresh_from_db()
        try:
            services.event_update(
                actor=signed_in_user(request), event=event, data=form.cleaned_data
            )
        except (EventError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:public_event_detail", event_id=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@require_POST
def event_cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="manage")
    services.event_cancel(actor=signed_in_user(request), event=access.event)
    messages.success(request, _("The event was cancelled; everyone registered is told."))
    return redirect("events:public_event_detail", event_id=event_id)


# --- Registration ---------------------------------------------------------------------------------


@require_POST
def registration_create(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id)
    if not access.can_register:
        raise Http404
    form = RegistrationForm(request.POST, event=access.event)
    if form.is_valid():
        try:
            registration = services.registration_create(
                actor=signed_in_user(request), event=access.event, **form.cleaned_data
            )
        except (EventError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            if registration.status == "confirmed":
                messages.success(request, _("Your seat is confirmed."))
            else:
                messages.success(
                    request,
                    _("The event is fully booked; you are on the waiting list."),
                )
            return redirect("events:public_event_detail", event_id=event_id)
    return render(
        request,
        "events/event_detail.html",
        {"access": access, "event": access.event, "form": form},
        status=400,
    )


@require_POST
def registration_cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id)
    registration = selectors.my_active_registration(actor=request.user, event=access.event)
    try:
        services.registration_cancel(actor=signed_in_user(request), registration=registration)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect("events:public_event_detail", event_id=event_id)


@require_POST
def offer_accept(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id)
    offer = selectors.my_open_offer(actor=request.user, event=access.event)
    try:
        services.offer_accept(actor=signed_in_user(request), offer=offer)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You took the seat. Your seat is confirmed."))
    return redirect("events:public_event_detail", event_id=event_id)


def registration_list(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="manage")
    registrations = selectors.registration_list_for(actor=request.user, access=access)
    return render(
        request,
        "events/registration_list.html",
        {"access": access, "event": access.event, "registrations": registrations},
    )


@require_POST
def attendance_set(request: HttpRequest, event_id: int, registration_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="manage")
    registration = selectors.access_registration_by_id(
        actor=request.user, access=access, registration_id=registration_id
    )
    try:
        services.attendance_set(
            actor=signed_in_user(request),
            registration=registration,
            present=request.POST.get("present") == "1",
        )
    except EventError as error:
        messages.error(request, str(error))
    return redirect("events:registration_list", event_id=event_id)


def registration_export(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="manage")
    registrations = selectors.registration_list_for(actor=request.user, access=access)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event_id}-attendance.csv"'
    response.write("\ufeff")  # spreadsheet programs read UTF-8 with a byte order mark
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Name"),
            _("E-mail"),
            _("Organisation"),
            _("Status"),
            _("Checked in"),
            _("Accessibility needs"),
            _("Dietary wishes"),
            _("Language"),
        ]
    )
    for r in registrations:
        writer.writerow(
            [
                spreadsheet_safe(r.user.get_full_name()),
                spreadsheet_safe(r.user.email),
                spreadsheet_safe(r.organisation.name if r.organisation else ""),
                r.get_status_display(),
                timezone.localtime(r.checked_in_at).strftime("%Y-%m-%d %H:%M")
                if r.checked_in_at
                else "",
                spreadsheet_safe(r.accessibility_needs),
                spreadsheet_safe(r.dietary_wishes),
                r.language,
            ]
        )
    return response


# --- Agenda and hosting --------------------------------------------------------------------------


def agenda_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="agenda")
    organisations = selectors.organisations_of_networks([access.event.network_id])
    form = AgendaSlotForm(
        request.POST or None,
        organisations=organisations,
        initial={"position": len(access.slots) + 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_slot_create(
                actor=signed_in_user(request), event=access.event, data=form.cleaned_data
            )
        except (EventError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The agenda slot was added."))
            return redirect("events:agenda_edit", event_id=event_id)
    host_form = (
        HostAssignForm(
            organisations=organisations, initial={"organisation": access.event.host_organisation_id}
        )
        if access.can_manage
        else None
    )
    return render(
        request,
        "events/agenda_edit.html",
        {"access": access, "event": access.event, "form": form, "host_form": host_form},
        status=400 if form.errors else 200,
    )


@require_POST
def agenda_slot_delete(request: HttpRequest, event_id: int, slot_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="agenda")
    slot = AgendaSlot.objects.filter(pk=slot_id, event=access.event).select_related("event").first()
    if slot is None:
        raise Http404
    services.agenda_slot_delete(actor=signed_in_user(request), slot=slot)
    messages.success(request, _("The agenda slot was removed."))
    return redirect("events:agenda_edit", event_id=event_id)


@require_POST
def host_assign(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="manage")
    form = HostAssignForm(
        request.POST, organisations=selectors.organisations_of_networks([access.event.network_id])
    )
    if not form.is_valid():
        messages.error(request, _("Choose a member organisation."))
    else:
        services.event_host_assign(
            actor=signed_in_user(request),
            event=access.event,
            organisation=form.cleaned_data["organisation"],
        )
        messages.success(request, _("The host was assigned."))
    return redirect("events:agenda_edit", event_id=event_id)


@require_POST
def host_decline(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="agenda")
    try:
        event = services.event_host_decline(actor=signed_in_user(request), event=access.event)
    except EventError as error:
        messages.error(request, str(error))
        return redirect("events:public_event_detail", event_id=event_id)
    if event.host_organisation is None:
        messages.warning(request, _("No willing host is left; the coordinator will decide."))
    else:
        messages.success(
            request,
            _("Hosting passed to %(name)s.") % {"name": event.host_organisation.name},
        )
    if policy.can_edit_agenda(request.user, event):
        return redirect("events:agenda_edit", event_id=event_id)
    return redirect("events:public_event_detail", event_id=event_id)


# --- Minutes and action items ------------------------------------------------------------------


def minutes_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="manage")
    initial = {"text": access.minutes.text} if access.minutes else {}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.minutes_save(
            actor=signed_in_user(request), event=access.event, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The minutes were saved."))
        return redirect("events:public_event_detail", event_id=event_id)
    return render(
        request,
        "events/minutes_form.html",
        {"access": access, "event": access.event, "form": form},
        status=400 if form.errors else 200,
    )


def _action_item_form(request: HttpRequest, network_id: int, **kwargs: Any) -> ActionItemForm:
    return ActionItemForm(
        request.POST or None,
        organisations=selectors.organisations_of_networks([network_id]),
        people=User.objects.filter(
            roles__organisation__in=selectors.organisations_of_networks([network_id])
        )
        .distinct()
        .order_by("last_name", "first_name"),
        plans=selectors.plan_list_for(actor=request.user).filter(network_id=network_id),
        **kwargs,
    )


def action_item_create(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id, purpose="manage")
    form = _action_item_form(request, access.event.network_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_item_create(
                actor=signed_in_user(request),
                network=access.event.network,
                event=access.event,
                data=form.cleaned_data,
            )
        except (EventError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The action item was added."))
            return redirect("events:public_event_detail", event_id=event_id)
    return render(
        request,
        "events/action_item_form.html",
        {"form": form, "event": access.event, "item": None},
        status=400 if form.errors else 200,
    )


def action_item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = selectors.access_action_item_by_id(actor=request.user, item_id=item_id, purpose="report")
    if not policy.can_manage_network_events(request.user, item.network_id):
        return _action_item_progress(request, item)
    form = _action_item_form(request, item.network_id, instance=item)
    if request.method == "POST" and form.is_valid():
        item.refresh_from_db()
        try:
            services.action_item_update(
                actor=signed_in_user(request), item=item, data=form.cleaned_data
            )
        except (EventError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The action item was saved."))
            if item.event_id:
                return redirect("events:public_event_detail", event_id=item.event_id)
            return redirect("events:plan_list")
    return render(
        request,
        "events/action_item_form.html",
        {"form": form, "event": item.event, "item": item},
        status=400 if form.errors else 200,
    )


def _action_item_progress(request: HttpRequest, item: ActionItem) -> HttpResponse:
    """The owner's page: report status and progress of an item a coordinator assigned."""
    form = ActionItemProgressForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        item.refresh_from_db()
        try:
            services.action_item_report_progress(
                actor=signed_in_user(request),
                item=item,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
            )
        except ValidationError as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("Your progress report was saved."))
            return redirect("core:dashboard")
    return render(
        request,
        "events/action_item_form.html",
        {"form": form, "event": item.event, "item": item, "reporting": True},
        status=400 if form.errors else 200,
    )


def plan_list(request: HttpRequest) -> HttpResponse:
    if not actor_for(request.user).is_staff_member:
        raise Http404
    plans = selectors.plan_list_for(actor=request.user)
    listing = paginate_sorted(
        request,
        plans,
        sort_fields={"start": ["starts_on"], "title": ["title"]},
        default_sort="-start",
    )
    form = (
        PlanForm(request.POST or None, networks=_coordinated_networks(request))
        if policy.can_create_events(request.user)
        else None
    )
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                actor=signed_in_user(request),
                network=form.cleaned_data["network"],
                title=form.cleaned_data["title"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except (EventError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            return redirect("events:plan_detail", plan_id=plan.pk)
    return render(
        request,
        "events/plan_list.html",
        {"listing": listing, "form": form},
        status=400 if form is not None and form.errors else 200,
    )


def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    result = selectors.access_plan_by_id(actor=request.user, plan_id=plan_id)
    return render(
        request,
        "events/plan_detail.html",
        {
            "result": result,
            "can_manage": policy.can_manage_network_events(request.user, result.plan.network_id),
        },
    )


# --- Series ------------------------------------------------------------------------------------


def series_list(request: HttpRequest) -> HttpResponse:
    if not actor_for(request.user).is_staff_member:
        raise Http404
    listing = paginate_sorted(
        request,
        selectors.series_list_for(actor=request.user),
        sort_fields={"title": ["title"], "type": ["event_type"]},
        default_sort="title",
    )
    return render(
        request,
        "events/series_list.html",
        {"listing": listing, "can_create": policy.can_create_events(request.user)},
    )


def series_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_create_events(request.user):
        raise Http404
    form = SeriesForm(request.POST or None, networks=_coordinated_networks(request))
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(
                actor=signed_in_user(request),
                network=form.cleaned_data["network"],
                data=form.cleaned_data,
            )
        except (EventError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The series was created."))
            first = form.cleaned_data.get("first_starts_at")
            if first:
                try:
                    services.series_event_create(
                        actor=signed_in_user(request), series=series, data={"starts_at": first}
                    )
                except (EventError, ValidationError) as error:
                    messages.error(request, error_text(error))
            return redirect("events:series_detail", series_id=series.pk)
    return render(
        request, "events/series_form.html", {"form": form}, status=400 if form.errors else 200
    )


def series_edit(request: HttpRequest, series_id: int) -> HttpResponse:
    access = selectors.access_series_by_id(
        actor=request.user, series_id=series_id, purpose="manage"
    )
    series = access.series
    form = SeriesEditForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        series.refresh_from_db()
        try:
            services.series_update(
                actor=signed_in_user(request), series=series, data=form.cleaned_data
            )
        except (EventError, ValidationError) as error:
            form.add_error(None, error_text(error))
        else:
            messages.success(request, _("The series was saved."))
            return redirect("events:series_detail", series_id=series.pk)
    return render(
        request,
        "events/series_form.html",
        {"form": form, "series": series},
        status=400 if form.errors else 200,
    )


def series_detail(request: HttpRequest, series_id: int) -> HttpResponse:
    access = selectors.access_series_by_id(actor=request.user, series_id=series_id)
    organisations = selectors.organisations_of_networks([access.series.network_id])
    return render(
        request,
        "events/series_detail.html",
        {
            "access": access,
            "series": access.series,
            "host_form": SeriesHostForm(organisations=organisations) if access.can_manage else None,
            "event_form": SeriesEventForm() if access.can_manage else None,
        },
    )


@require_POST
def series_host_add(request: HttpRequest, series_id: int) -> HttpResponse:
    access = selectors.access_series_by_id(
        actor=request.user, series_id=series_id, purpose="manage"
    )
    form = SeriesHostForm(
        request.POST, organisations=selectors.organisations_of_networks([access.series.network_id])
    )
    if form.is_valid():
        services.series_host_set(
            actor=signed_in_user(request),
            series=access.series,
            organisation=form.cleaned_data["organisation"],
            willing=request.POST.get("willing", "1") == "1",
        )
        messages.success(request, _("The list of willing hosts was updated."))
    else:
        messages.error(request, _("Choose a member organisation."))
    return redirect("events:series_detail", series_id=series_id)


@require_POST
def series_event_create(request: HttpRequest, series_id: int) -> HttpResponse:
    access = selectors.access_series_by_id(
        actor=request.user, series_id=series_id, purpose="manage"
    )
    form = SeriesEventForm(request.POST)
    if form.is_valid():
        try:
            event = services.series_event_create(
                actor=signed_in_user(request), series=access.series, data=form.cleaned_data
            )
        except (EventError, ValidationError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The next event of the series was created."))
            return redirect("events:public_event_detail", event_id=event.pk)
    else:
        messages.error(request, _("Please check the date and the link."))
    return redirect("events:series_detail", series_id=series_id)


# --- Calendar feeds ------------------------------------------------------------------------------


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_not_required
def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    access = selectors.access_event_by_id(actor=request.user, event_id=event_id)
    content = ical.calendar_for([(access.event, access.is_confirmed)], name=access.event.title)
    return _ics(content, f"event-{event_id}.ics")


@login_not_required
def series_ics(request: HttpRequest, series_id: int) -> HttpResponse:
    series, events = selectors.series_events_for_feed(actor=request.user, series_id=series_id)
    confirmed = (
        {e.pk for e, ok in selectors.feed_events_for_user(user=request.user) if ok}
        if request.user.is_authenticated
        else set()
    )
    content = ical.calendar_for([(e, e.pk in confirmed) for e in events], name=series.title)
    return _ics(content, f"series-{series_id}.ics")


@login_not_required
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = services.feed_user_for_secret(token[:100])
    if user is None:
        raise Http404
    content = ical.calendar_for(selectors.feed_events_for_user(user=user), name=_("My events"))
    return _ics(content, "my-events.ics")


def feed_settings(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    feed_url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.feed_token_revoke(actor=user)
            messages.success(request, _("Your calendar link no longer works."))
            return redirect("events:feed_settings")
        _token, secret = services.feed_token_create(actor=user)
        feed_url = request.build_absolute_uri(reverse("events:public_personal_feed", args=[secret]))
    has_feed = selectors.feed_is_active_for(actor=user)
    return render(
        request,
        "events/feed_settings.html",
        {"feed_url": feed_url, "has_feed": has_feed},
    )
