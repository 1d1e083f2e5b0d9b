"""Organisations, their people, invitations and the network's audit trail."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts.models import User
from wegweiser.accounts.selectors import signed_in_user
from wegweiser.core.htmx import render_page_or_partial
from wegweiser.core.listing import paginate_sorted
from wegweiser.core.selectors import audit_action_names, audit_entry_list
from wegweiser.network import engagement, policy, selectors, services
from wegweiser.network.constants import (
    MembershipStatus,
    ProjectStatus,
    RoleKind,
    SponsorshipStatus,
)
from wegweiser.network.exceptions import InvitationInvalid, NetworkError
from wegweiser.network.forms import (
    AcceptInvitationForm,
    AppointForm,
    DirectoryFilterForm,
    EndTermForm,
    ExtendForm,
    HandoverForm,
    HandoverNotesForm,
    InvitationForm,
    MembershipCreateForm,
    MembershipStatusForm,
    NetworkChoiceForm,
    NewsForm,
    OrganisationForm,
    ProjectForm,
    SlotPlanForm,
    SlotSwapForm,
    SponsorshipFilterForm,
    SponsorshipForm,
    WorkFilterForm,
)
from wegweiser.network.models import Role


def organisation_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_use_directory(request.user):
        raise Http404
    everything = selectors.organisation_list_for(
        actor=request.user, filters=selectors.OrganisationFilters()
    )
    form = DirectoryFilterForm(
        request.GET or None,
        districts=selectors.district_choices(everything),
        with_status=policy.actor_for(request.user).is_coordinator,
    )
    filters = selectors.OrganisationFilters(**(form.cleaned_data if form.is_valid() else {}))
    organisations = selectors.organisation_list_for(actor=request.user, filters=filters)
    listing = paginate_sorted(
        request,
        organisations,
        sort_fields={
            "name": ["name"],
            "city": ["city"],
            "type": ["org_type"],
            "state": ["bundesland", "city"],
        },
        default_sort="name",
    )
    stages = engagement.stages_for(selectors.visible_network_ids(request.user))
    rows = [
        (organisation, selectors.stage_label(stages.get(organisation.pk)))
        for organisation in listing.page.object_list
    ]
    return render_page_or_partial(
        request,
        "network/organisation_list.html",
        {"form": form, "listing": listing, "rows": rows},
        partial="results",
    )


def organisation_detail(request: HttpRequest, organisation_id: int) -> HttpResponse:
    access = selectors.access_organisation_by_id(
        actor=request.user, organisation_id=organisation_id
    )
    return render(
        request,
        "network/organisation_detail.html",
        {
            "access": access,
            "organisation": access.organisation,
            "work": selectors.organisation_work_for(actor=request.user, access=access),
        },
    )


def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    access = selectors.access_organisation_by_id(
        actor=request.user, organisation_id=organisation_id, purpose="edit"
    )
    organisation = access.organisation
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        # The form validated a copy of the data; the service applies and audits it.
        organisation.refresh_from_db()
        try:
            services.organisation_update(
                actor=signed_in_user(request), organisation=organisation, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("network:organisation_detail", organisation_id=organisation.pk)
    return render(
        request,
        "network/organisation_edit.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )


def _grantable_roles(request: HttpRequest, access: selectors.OrganisationAccess) -> list[str]:
    return [
        kind
        for kind in RoleKind.values
        if policy.can_grant_role(request.user, access.organisation, access.network_ids, kind)
    ]


def organisation_people(request: HttpRequest, organisation_id: int) -> HttpResponse:
    access = selectors.access_organisation_by_id(
        actor=request.user, organisation_id=organisation_id, purpose="people"
    )
    allowed = _grantable_roles(request, access)
    form = InvitationForm(
        request.POST or None,
        allowed_roles=allowed,
        initial={"language": signed_in_user(request).preferred_language},
    )
    if request.method == "POST" and form.is_valid():
        services.invitation_create(
            actor=signed_in_user(request),
            organisation=access.organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("The invitation is on its way."))
        return redirect("network:organisation_people", organisation_id=organisation_id)
    return render(
        request,
        "network/organisation_people.html",
        {
            "organisation": access.organisation,
            "roles": selectors.role_list_for_organisation(actor=request.user, access=access),
            "invitations": selectors.invitation_list_open(access=access),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def invitation_revoke(
    request: HttpRequest, organisation_id: int, invitation_id: int
) -> HttpResponse:
    access = selectors.access_organisation_by_id(
        actor=request.user, organisation_id=organisation_id, purpose="people"
    )
    invitation = selectors.invitation_get_open(access=access, invitation_id=invitation_id)
    services.invitation_revoke(actor=signed_in_user(request), invitation=invitation)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("network:organisation_people", organisation_id=organisation_id)


@require_POST
def role_revoke(request: HttpRequest, organisation_id: int, role_id: int) -> HttpResponse:
    access = selectors.access_organisation_by_id(
        actor=request.user, organisation_id=organisation_id, purpose="people"
    )
    role = (
        Role.objects.filter(pk=role_id, organisation=access.organisation)
        .select_related("user", "organisation")
        .first()
    )
    if role is None or not policy.can_grant_role(
        request.user, access.organisation, access.network_ids, role.kind
    ):
        raise Http404
    try:
        services.role_revoke(actor=signed_in_user(request), role=role)
    except NetworkError:
        messages.error(request, _("An organisation needs at least one admin."))
    else:
        messages.success(request, _("The role was removed."))
    return redirect("network:organisation_people", organisation_id=organisation_id)


@login_not_required
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_from_token(token)
    except InvitationInvalid:
        return render(request, "network/invitation_invalid.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).exists()
    if existing:
        if (
            not request.user.is_authenticated
            or signed_in_user(request).email.lower() != invitation.email
        ):
            return render(
                request,
                "network/invitation_sign_in.html",
                {"invitation": invitation, "next": request.get_full_path()},
            )
        if request.method == "POST":
            services.invitation_accept(invitation=invitation, user=signed_in_user(request))
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.name},
            )
            return redirect("core:dashboard")
        return render(
            request, "network/invitation_accept.html", {"invitation": invitation, "form": None}
        )
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                password=form.cleaned_data["password1"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
            )
        except InvitationInvalid:
            return render(request, "network/invitation_invalid.html", status=404)
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(request, _("Welcome! Please set up two-factor authentication now."))
        return redirect("core:dashboard")
    return render(
        request,
        "network/invitation_accept.html",
        {"invitation": invitation, "form": form},
        status=400 if form.errors else 200,
    )


def audit_trail(request: HttpRequest) -> HttpResponse:
    if not policy.can_view_audit_trail(request.user):
        raise Http404
    network_ids = policy.actor_for(request.user).coordinated_network_ids
    action = request.GET.get("action", "")[:80]
    entries = audit_entry_list(network_ids=network_ids, action=action)
    listing = paginate_sorted(
        request,
        entries,
        sort_fields={"time": ["created_at"], "action": ["action"]},
        default_sort="-time",
        page_size=50,
    )
    return render_page_or_partial(
        request,
        "network/audit_trail.html",
        {
            "listing": listing,
            "actions": audit_action_names(network_ids=network_ids),
            "action": action,
        },
        partial="results",
    )


# --- Members and growth ---------------------------------------------------------------------


def _form_error(form: forms.BaseForm, error: NetworkError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], form: forms.BaseForm | None
) -> HttpResponse:
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, template, context, status=status)


@login_not_required
def public_directory(request: HttpRequest) -> HttpResponse:
    """The public member directory: only members that opted in to being listed."""
    form = DirectoryFilterForm(request.GET or None, districts=selectors.public_district_choices())
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.OrganisationFilters(**data)
    listing = paginate_sorted(
        request,
        selectors.public_member_list(filters=filters),
        sort_fields={"name": ["name"], "city": ["city"], "state": ["bundesland", "city"]},
        default_sort="name",
    )
    return render_page_or_partial(
        request,
        "network/public_directory.html",
        {"form": form, "listing": listing},
        partial="results",
    )


def membership_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    access = selectors.access_organisation_by_id(
        actor=request.user, organisation_id=organisation_id
    )
    networks = selectors.coordinated_networks(actor=request.user).exclude(pk__in=access.network_ids)
    if not policy.actor_for(request.user).is_coordinator:
        raise Http404
    form = MembershipCreateForm(request.POST or None, networks=networks)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(
                actor=signed_in_user(request),
                organisation=access.organisation,
                network=form.cleaned_data["network"],
                status=form.cleaned_data["status"],
                joined_on=form.cleaned_data["joined_on"],
            )
        except NetworkError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The membership was added."))
            return redirect("network:organisation_detail", organisation_id=organisation_id)
    return _page(
        request,
        "network/membership_form.html",
        {"form": form, "organisation": access.organisation},
        form,
    )


def membership_status(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = selectors.access_membership_by_id(actor=request.user, membership_id=membership_id)
    form = MembershipStatusForm(request.POST or None, initial={"status": membership.status})
    if request.method == "POST" and form.is_valid():
        status, on = form.cleaned_data["status"], form.cleaned_data["on"]
        try:
            if status == MembershipStatus.LEFT:
                services.membership_leave(
                    actor=signed_in_user(request), membership=membership, on=on
                )
            else:
                services.membership_change_status(
                    actor=signed_in_user(request), membership=membership, status=status, on=on
                )
        except NetworkError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The membership was changed."))
            return redirect(
                "network:organisation_detail", organisation_id=membership.organisation_id
            )
    return _page(
        request,
        "network/membership_status.html",
        {"form": form, "membership": membership},
        form,
    )


def growth(request: HttpRequest) -> HttpResponse:
    if not policy.can_view_growth(request.user):
        raise Http404
    return render(
        request, "network/growth.html", {"growth": selectors.growth_for(actor=request.user)}
    )


# --- Member projects and sponsorships -------------------------------------------------------


def _member_work_access(request: HttpRequest, organisation_id: int) -> selectors.OrganisationAccess:
    access = selectors.access_organisation_by_id(
        actor=request.user, organisation_id=organisation_id
    )
    if not policy.can_manage_member_work(request.user, organisation_id):
        raise Http404
    return access


def project_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_read_members_content(request.user):
        raise Http404
    form = WorkFilterForm(request.GET or None, statuses=ProjectStatus.choices)
    data = form.cleaned_data if form.is_valid() else {}
    listing = paginate_sorted(
        request,
        selectors.project_list_for(actor=request.user, filters=selectors.WorkFilters(**data)),
        sort_fields={
            "title": ["title"],
            "organisation": ["organisation__name"],
            "start": ["starts_on"],
            "status": ["status"],
        },
        default_sort="-start",
    )
    return render_page_or_partial(
        request,
        "network/project_list.html",
        {"form": form, "listing": listing},
        partial="results",
    )


def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    access = selectors.access_project_by_id(actor=request.user, project_id=project_id)
    return render(request, "network/project_detail.html", {"project": access.obj, "access": access})


def project_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    access = _member_work_access(request, organisation_id)
    networks = selectors.member_networks_of(access.organisation)
    form = ProjectForm(request.POST or None)
    network_form = NetworkChoiceForm(
        request.POST or None, networks=networks, initial={"network": networks.first()}
    )
    if request.method == "POST" and form.is_valid() and network_form.is_valid():
        try:
            project = services.project_create(
                actor=signed_in_user(request),
                organisation=access.organisation,
                network=network_form.cleaned_data["network"],
                data=form.cleaned_data,
            )
        except NetworkError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The project was saved."))
            return redirect("network:project_detail", project_id=project.pk)
    return render(
        request,
        "network/work_form.html",
        {
            "form": form,
            "network_form": network_form,
            "organisation": access.organisation,
            "title": _("New project"),
        },
        status=400 if form.errors or network_form.errors else 200,
    )


def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    access = selectors.access_project_by_id(
        actor=request.user, project_id=project_id, purpose="edit"
    )
    project = access.obj
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        project.refresh_from_db()
        try:
            services.project_update(
                actor=signed_in_user(request), project=project, data=form.cleaned_data
            )
        except (NetworkError, ValidationError) as error:
            if isinstance(error, NetworkError):
                _form_error(form, error)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("The project was saved."))
            return redirect("network:project_detail", project_id=project.pk)
    return _page(
        request,
        "network/work_form.html",
        {"form": form, "organisation": project.organisation, "title": _("Edit project")},
        form,
    )


def sponsorship_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_read_members_content(request.user):
        raise Http404
    form = SponsorshipFilterForm(request.GET or None, statuses=SponsorshipStatus.choices)
    data = form.cleaned_data if form.is_valid() else {}
    listing = paginate_sorted(
        request,
        selectors.sponsorship_list_for(actor=request.user, filters=selectors.WorkFilters(**data)),
        sort_fields={
            "organisation": ["organisation__name"],
            "kind": ["kind"],
            "start": ["starts_on"],
            "status": ["status"],
        },
        default_sort="-start",
    )
    editable = policy.actor_for(request.user).organisations_with(RoleKind.ORG_ADMIN)
    return render_page_or_partial(
        request,
        "network/sponsorship_list.html",
        {"form": form, "listing": listing, "editable": editable},
        partial="results",
    )


def sponsorship_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    access = _member_work_access(request, organisation_id)
    networks = selectors.member_networks_of(access.organisation)
    form = SponsorshipForm(request.POST or None)
    network_form = NetworkChoiceForm(
        request.POST or None, networks=networks, initial={"network": networks.first()}
    )
    if request.method == "POST" and form.is_valid() and network_form.is_valid():
        try:
            services.sponsorship_create(
                actor=signed_in_user(request),
                organisation=access.organisation,
                network=network_form.cleaned_data["network"],
                data=form.cleaned_data,
            )
        except NetworkError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The sponsorship was saved."))
            return redirect("network:organisation_detail", organisation_id=organisation_id)
    return render(
        request,
        "network/work_form.html",
        {
            "form": form,
            "network_form": network_form,
            "organisation": access.organisation,
            "title": _("New sponsorship"),
        },
        status=400 if form.errors or network_form.errors else 200,
    )


def sponsorship_edit(request: HttpRequest, sponsorship_id: int) -> HttpResponse:
    access = selectors.access_sponsorship_by_id(
        actor=request.user, sponsorship_id=sponsorship_id, purpose="edit"
    )
    sponsorship = access.obj
    form = SponsorshipForm(request.POST or None, instance=sponsorship)
    if request.method == "POST" and form.is_valid():
        sponsorship.refresh_from_db()
        try:
            services.sponsorship_update(
                actor=signed_in_user(request), sponsorship=sponsorship, data=form.cleaned_data
            )
        except NetworkError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The sponsorship was saved."))
            return redirect(
                "network:organisation_detail", organisation_id=sponsorship.organisation_id
            )
    return _page(
        request,
        "network/work_form.html",
        {
            "form": form,
            "organisation": sponsorship.organisation,
            "title": _("Edit sponsorship"),
        },
        form,
    )


# --- Ambassadors ----------------------------------------------------------------------------


def ambassador_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_read_members_content(request.user):
        raise Http404
    when = request.GET.get("when", "current")
    if when not in ("current", "coming", "past", "all"):
        when = "current"
    listing = paginate_sorted(
        request,
        selectors.term_list_for(actor=request.user, when=when),
        sort_fields={
            "organisation": ["organisation__name"],
            "region": ["region"],
            "start": ["starts_on"],
            "end": ["ends_on"],
        },
        default_sort="region",
    )
    return render(
        request,
        "network/ambassador_list.html",
        {
            "listing": listing,
            "when": when,
            "can_appoint": policy.actor_for(request.user).is_coordinator,
        },
    )


def ambassador_appoint(request: HttpRequest) -> HttpResponse:
    if not policy.actor_for(request.user).is_coordinator:
        raise Http404
    form = AppointForm(
        request.POST or None,
        organisations=selectors.appointable_organisations(actor=request.user),
        networks=selectors.coordinated_networks(actor=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            term = services.ambassador_appoint(
                actor=signed_in_user(request),
                organisation=data["organisation"],
                network=data["network"],
                region=data["region"],
                topics=data["topics"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
            )
        except NetworkError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The ambassador was appointed."))
            return redirect("network:ambassador_detail", term_id=term.pk)
    return _page(
        request,
        "network/ambassador_form.html",
        {"form": form, "title": _("Appoint an ambassador")},
        form,
    )


def ambassador_detail(request: HttpRequest, term_id: int) -> HttpResponse:
    access = selectors.access_term_by_id(actor=request.user, term_id=term_id)
    return render(
        request,
        "network/ambassador_detail.html",
        {
            "access": access,
            "term": access.term,
            "extend_form": ExtendForm(),
            "end_form": EndTermForm(),
        },
    )


def _term_change(
    request: HttpRequest,
    term_id: int,
    form_class: type[forms.Form],
    title: Any,
    change: Any,
) -> HttpResponse:
    access = selectors.access_term_by_id(actor=request.user, term_id=term_id, purpose="manage")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            change(access.term, form.cleaned_data)
        except NetworkError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The term was changed."))
            return redirect("network:ambassador_detail", term_id=term_id)
    return _page(
        request,
        "network/ambassador_form.html",
        {"form": form, "title": title, "term": access.term},
        form,
    )


def ambassador_extend(request: HttpRequest, term_id: int) -> HttpResponse:
    return _term_change(
        request,
        term_id,
        ExtendForm,
        _("Extend the term"),
        lambda term, data: services.ambassador_term_extend(
            actor=signed_in_user(request), term=term, until=data["until"]
        ),
    )


def ambassador_end(request: HttpRequest, term_id: int) -> HttpResponse:
    return _term_change(
        request,
        term_id,
        EndTermForm,
        _("End the term"),
        lambda term, data: services.ambassador_term_end(
            actor=signed_in_user(request), term=term, on=data["on"]
        ),
    )


def ambassador_handover(request: HttpRequest, term_id: int) -> HttpResponse:
    access = selectors.access_term_by_id(actor=request.user, term_id=term_id, purpose="manage")
    form = HandoverForm(
        request.POST or None,
        organisations=selectors.appointable_organisations(actor=request.user).exclude(
            pk=access.term.organisation_id
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            successor = services.ambassador_handover(
                actor=signed_in_user(request),
                term=access.term,
                successor=data["successor"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                notes=data["notes"],
            )
        except NetworkError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The term was handed over."))
            return redirect("network:ambassador_detail", term_id=successor.pk)
    return _page(
        request,
        "network/ambassador_form.html",
        {"form": form, "title": _("Hand over to a successor"), "term": access.term},
        form,
    )


def handover_notes(request: HttpRequest, term_id: int) -> HttpResponse:
    access = selectors.access_term_by_id(
        actor=request.user, term_id=term_id, purpose="handover_notes"
    )
    form = HandoverNotesForm(request.POST or None, initial={"notes": access.term.handover_notes})
    if request.method == "POST" and form.is_valid():
        try:
            services.handover_notes_update(
                actor=signed_in_user(request), term=access.term, notes=form.cleaned_data["notes"]
            )
        except (NetworkError, ValidationError) as error:
            form.add_error("notes", str(getattr(error, "message", error)))
        else:
            messages.success(request, _("The handover notes were saved."))
            return redirect("network:ambassador_detail", term_id=term_id)
    return _page(
        request,
        "network/ambassador_form.html",
        {"form": form, "title": _("Handover notes"), "term": access.term},
        form,
    )


# --- Social-media slots ---------------------------------------------------------------------


def _month_param(value: str) -> date | None:
    try:
        year, month = (int(part) for part in value.split("-", 1))
        return date(year, month, 1)
    except (ValueError, TypeError):
        return None


def slot_calendar(request: HttpRequest) -> HttpResponse:
    if not policy.can_read_members_content(request.user):
        raise Http404
    network_param = request.GET.get("network", "")
    network_id = int(network_param) if network_param.isdigit() else None
    calendar = selectors.slot_calendar_for(
        actor=request.user, network_id=network_id, month=_month_param(request.GET.get("month", ""))
    )
    return render(
        request,
        "network/slot_calendar.html",
        {"calendar": calendar, "plan_form": SlotPlanForm() if calendar.can_manage else None},
    )


@require_POST
def slot_plan(request: HttpRequest, network_id: int) -> HttpResponse:
    if not policy.can_manage_slots(request.user, network_id):
        raise Http404
    network = selectors.coordinated_networks(actor=request.user).get(pk=network_id)
    form = SlotPlanForm(request.POST)
    if form.is_valid():
        try:
            slots = services.slot_plan(
                actor=signed_in_user(request),
                network=network,
                periods=form.cleaned_data["periods"],
                start=form.cleaned_data["start"],
            )
        except NetworkError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("%(count)d slots were planned.") % {"count": len(slots)})
            return redirect(f"{reverse_lazy('network:slot_calendar')}?network={network_id}")
    calendar = selectors.slot_calendar_for(actor=request.user, network_id=network_id)
    return render(
        request,
        "network/slot_calendar.html",
        {"calendar": calendar, "plan_form": form},
        status=400,
    )


def slot_swap(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = selectors.access_slot_by_id(actor=request.user, slot_id=slot_id)
    form = SlotSwapForm(request.POST or None, slots=selectors.swappable_slots(slot))
    if request.method == "POST" and form.is_valid():
        try:
            services.slot_swap(
                actor=signed_in_user(request), slot=slot, other=form.cleaned_data["other"]
            )
        except NetworkError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("The slots were swapped."))
            return redirect(
                f"{reverse_lazy('network:slot_calendar')}?network={slot.network_id}"
                f"&month={slot.starts_on:%Y-%m}"
            )
    return _page(request, "network/slot_swap.html", {"form": form, "slot": slot}, form)


@require_POST
def slot_skip(request: HttpRequest, slot_id: int) -> HttpResponse:
    slot = selectors.access_slot_by_id(actor=request.user, slot_id=slot_id)
    try:
        services.slot_skip(actor=signed_in_user(request), slot=slot)
    except NetworkError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The slot is skipped."))
    return redirect(
        f"{reverse_lazy('network:slot_calendar')}?network={slot.network_id}"
        f"&month={slot.starts_on:%Y-%m}"
    )


# --- Ambassador news ------------------------------------------------------------------------


def news_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_read_members_content(request.user):
        raise Http404
    listing = paginate_sorted(
        request,
        selectors.news_list_for(actor=request.user),
        sort_fields={"date": ["created_at"], "organisation": ["term__organisation__name"]},
        default_sort="-date",
        page_size=10,
    )
    return render(
        request,
        "network/news_list.html",
        {
            "listing": listing,
            "can_write": selectors.news_terms_for(actor=request.user).exists(),
        },
    )


def news_create(request: HttpRequest) -> HttpResponse:
    terms = selectors.news_terms_for(actor=request.user)
    if not terms.exists():
        raise Http404
    form = NewsForm(request.POST or None, request.FILES or None, terms=terms)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.news_create(
                actor=signed_in_user(request),
                term=data["term"],
                title=data["title"],
                text=data["text"],
                image=data["image"],
                image_alt=data["image_alt"],
            )
        except NetworkError as error:
            _form_error(form, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The news was published."))
            return redirect("network:news_list")
    return _page(request, "network/news_form.html", {"form": form}, form)


def news_image(request: HttpRequest, news_id: int) -> FileResponse:
    """The image of a news item, only for those who may read the news."""
    news = selectors.access_news_by_id(actor=request.user, news_id=news_id)
    if not news.image:
        raise Http404
    try:
        handle = news.image.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=news.image_type or "application/octet-stream")
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
