"""Participants' records for counselling projects (/participants/)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts.models import User
from wegweiser.accounts.selectors import signed_in_user
from wegweiser.core.htmx import render_page_or_partial
from wegweiser.core.listing import paginate_sorted
from wegweiser.network.models import Network
from wegweiser.participants import policy, selectors, services
from wegweiser.participants.constants import (
    CASE_ROLES,
    KLDB_SOURCE,
    ConsentPurpose,
    FieldGroup,
)
from wegweiser.participants.exceptions import ParticipantError
from wegweiser.participants.forms import (
    ConsentForm,
    DeclineForm,
    EraseForm,
    MilestoneForm,
    MilestoneTypeForm,
    NoteForm,
    ParticipantFilterForm,
    ParticipantForm,
    PortalAcceptForm,
    PortalProfileForm,
    QualificationForm,
    ReferralForm,
    TaskForm,
)
from wegweiser.participants.pdf import render_pdf
from wegweiser.participants.record_links import portal_sections_for, record_links_for


def _status(form: Any) -> int:
    return 400 if form.errors else 200


def participant_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_use_participants(request.user):
        raise Http404
    form = ParticipantFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ParticipantFilters(**data)
    participants = selectors.participant_list_for(actor=request.user, filters=filters)
    listing = paginate_sorted(
        request,
        participants,
        sort_fields={
            "code": ["code"],
            "enrolled": ["enrolled_on"],
            "status": ["status"],
            "german": ["german_level"],
        },
        default_sort="-enrolled",
    )
    rows = selectors.participant_rows(actor=request.user, participants=listing.page.object_list)
    can_create = selectors.case_organisations_for(actor=request.user).exists()
    return render_page_or_partial(
        request,
        "participants/participant_list.html",
        {"form": form, "listing": listing, "rows": rows, "can_create": can_create},
        partial="results",
    )


def _participant_data(form: ParticipantForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("organisation", None)
    return data


def participant_create(request: HttpRequest) -> HttpResponse:
    organisations = selectors.case_organisations_for(actor=request.user)
    if not organisations.exists():
        raise Http404
    form = ParticipantForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_create(
                actor=signed_in_user(request),
                organisation=form.cleaned_data["organisation"],
                data=_participant_data(form),
            )
        except ParticipantError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The participant was enrolled."))
            return redirect("participants:detail", participant_id=participant.pk)
    return render(
        request, "participants/participant_form.html", {"form": form}, status=_status(form)
    )


def participant_detail(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="view"
    )
    detail = selectors.participant_detail(access=access)
    return render(
        request,
        "participants/participant_detail.html",
        {
            "access": access,
            "participant": access.participant,
            "detail": detail,
            "kldb_source": KLDB_SOURCE,
            "field_groups": policy.groups_for_fields(access.fields),
            "record_links": (
                record_links_for(request.user, access.participant) if access.is_owner else []
            ),
        },
    )


def _initial(participant: Any) -> dict[str, Any]:
    names = [n for n in ParticipantForm.base_fields if n != "desired_occupations"]
    initial = {name: getattr(participant, name) for name in names}
    initial["desired_occupations"] = ", ".join(
        participant.desired_occupations.values_list("code", flat=True)
    )
    return initial


def participant_edit(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="edit"
    )
    participant = access.participant
    form = ParticipantForm(request.POST or None, initial=_initial(participant))
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                actor=signed_in_user(request), participant=participant, data=_participant_data(form)
            )
        except ParticipantError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The record was saved."))
            return redirect("participants:detail", participant_id=participant.pk)
    return render(
        request,
        "participants/participant_form.html",
        {"form": form, "participant": participant},
        status=_status(form),
    )


def qualification_add(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="edit"
    )
    form = QualificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.qualification_add(
            actor=signed_in_user(request), participant=access.participant, data=form.cleaned_data
        )
        messages.success(request, _("The qualification was added."))
        return redirect("participants:detail", participant_id=participant_id)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": access.participant, "title": _("Add a qualification")},
        status=_status(form),
    )


# --- Consent --------------------------------------------------------------------------------


def consent_add(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="consents"
    )
    participant = access.participant
    staff = User.objects.filter(
        roles__organisation_id=participant.organisation_id, roles__kind__in=CASE_ROLES
    ).distinct()
    form = ConsentForm(
        request.POST or None,
        request.FILES or None,
        recipients=selectors.referral_targets_for(participant=participant),
        staff=staff,
        initial={"witnessed_by": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_give(
                actor=signed_in_user(request),
                participant=participant,
                purpose=data["purpose"],
                recipient=data.get("recipient"),
                scope=data["scope"],
                method=data["method"],
                valid_from=data["valid_from"],
                valid_until=data.get("valid_until"),
                witnessed_by=data.get("witnessed_by"),
                form_file=data.get("form_file"),
                form_content_type=getattr(form, "content_type", ""),
            )
        except ParticipantError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect("participants:detail", participant_id=participant_id)
    return render(
        request,
        "participants/simple_form.html",
        {
            "form": form,
            "participant": participant,
            "title": _("Record a consent"),
            "multipart": True,
        },
        status=_status(form),
    )


@require_POST
def consent_withdraw(request: HttpRequest, participant_id: int, consent_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="consents"
    )
    consent = selectors.access_consent(access=access, consent_id=consent_id)
    try:
        services.consent_withdraw(actor=signed_in_user(request), consent=consent)
    except ParticipantError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The consent was withdrawn. It has no effect from now on."))
    return redirect("participants:detail", participant_id=participant_id)


def consent_file(request: HttpRequest, participant_id: int, consent_id: int) -> FileResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="file"
    )
    consent = selectors.access_consent(access=access, consent_id=consent_id)
    if not consent.form_file:
        raise Http404
    return FileResponse(
        consent.form_file.open("rb"),
        content_type=consent.form_content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"consent-{consent.pk}",
    )


def consent_form_pdf(request: HttpRequest, participant_id: int) -> HttpResponse:
    """A printable consent form in German and the participant's language."""
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="consents"
    )
    language = request.GET.get("language", "")
    offered = [code for code, _name in settings.LANGUAGES if code != "de"]
    languages = [code for code in offered if code in access.participant.languages]
    if language not in ("de", *offered):
        language = languages[0] if languages else "en"
    pdf = render_pdf(
        "participants/pdf/consent_form.html",
        {
            "participant": access.participant,
            "purposes": ConsentPurpose.choices,
            "groups": FieldGroup.choices,
            "today": timezone.localdate(),
            "easy": request.GET.get("easy") == "1",
        },
        languages=["de", language] if language != "de" else ["de"],
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="consent-{access.participant.code}.pdf"'
    return response


# --- Pathway --------------------------------------------------------------------------------


def milestone_add(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="milestone"
    )
    participant = access.participant
    if participant.is_erased or access.organisation_id is None:
        raise Http404
    form = MilestoneForm(
        request.POST or None,
        request.FILES or None,
        types=selectors.milestone_types_for(participant=participant),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.milestone_record(
                actor=signed_in_user(request),
                participant=participant,
                organisation_id=access.organisation_id,
                milestone_type=data["milestone_type"],
                occurred_on=data["occurred_on"],
                note=data.get("note", ""),
                leave_reason=data.get("leave_reason", ""),
                evidence=data.get("evidence"),
                evidence_content_type=getattr(form, "content_type", ""),
            )
        except ParticipantError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The milestone was recorded."))
            return redirect("participants:detail", participant_id=participant_id)
    return render(
        request,
        "participants/simple_form.html",
        {
            "form": form,
            "participant": participant,
            "title": _("Record a milestone"),
            "multipart": True,
        },
        status=_status(form),
    )


def milestone_evidence(
    request: HttpRequest, participant_id: int, milestone_id: int
) -> FileResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="file"
    )
    milestone = selectors.access_milestone(access=access, milestone_id=milestone_id)
    if not milestone.evidence:
        raise Http404
    return FileResponse(
        milestone.evidence.open("rb"),
        content_type=milestone.evidence_content_type or "application/octet-stream",
        as_attachment=True,
        filename=f"evidence-{milestone.pk}",
    )


def milestone_type_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_manage_milestone_types(request.user):
        raise Http404
    from wegweiser.network.policy import actor_for

    networks = Network.objects.filter(
        pk__in=actor_for(request.user).coordinated_network_ids, parent__isnull=True
    ).order_by("name")
    network = networks.first()
    form = MilestoneTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and network is not None:
        data = form.cleaned_data
        try:
            services.milestone_type_create(
                actor=signed_in_user(request),
                network=network,
                key=data["key"],
                labels={"de": data["label_de"], "en": data["label_en"]},
                order=data["order"],
            )
        except ParticipantError as error:
            form.add_error("key", str(error.message))
        else:
            messages.success(request, _("The milestone type was added."))
            return redirect("participants:milestone_types")
    from wegweiser.participants.models import MilestoneType

    types = MilestoneType.objects.select_related("network")
    return render(
        request,
        "participants/milestone_types.html",
        {"form": form, "types": types, "network": network},
        status=_status(form),
    )


# --- Referrals ------------------------------------------------------------------------------


def referral_add(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="refer"
    )
    participant = access.participant
    form = ReferralForm(
        request.POST or None, targets=selectors.referral_targets_for(participant=participant)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = services.referral_send(
                actor=signed_in_user(request),
                participant=participant,
                to_organisation=data["to_organisation"],
                field_groups=data["field_groups"],
                summary=data.get("summary", ""),
                override_reason=data.get("override_reason", ""),
            )
        except ParticipantError as error:
            form.add_error(None, str(error.message))
        else:
            if referral.is_override:
                messages.info(request, _("The override now waits for a coordinator's approval."))
            else:
                messages.success(request, _("The referral was sent."))
            return redirect("participants:detail", participant_id=participant_id)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": participant, "title": _("Refer to another project")},
        status=_status(form),
    )


def referral_list(request: HttpRequest) -> HttpResponse:
    if not (policy.can_use_participants(request.user) or policy.can_review_overrides(request.user)):
        raise Http404
    referrals = selectors.referral_list_for(actor=request.user)
    listing = paginate_sorted(
        request,
        referrals,
        sort_fields={"date": ["created_at"], "status": ["status"]},
        default_sort="-date",
    )
    return render(
        request,
        "participants/referral_list.html",
        {
            "listing": listing,
            "mine": policy.case_organisation_ids(request.user),
            "overrides": list(selectors.override_requests_for(actor=request.user)),
        },
    )


def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    access = selectors.access_referral_by_id(actor=request.user, referral_id=referral_id)
    return render(
        request,
        "participants/referral_detail.html",
        {
            "ra": access,
            "referral": access.referral,
            "decline_form": DeclineForm(),
            "groups": dict(FieldGroup.choices),
        },
    )


@require_POST
def referral_accept(request: HttpRequest, referral_id: int) -> HttpResponse:
    access = selectors.access_referral_by_id(
        actor=request.user, referral_id=referral_id, purpose="decide"
    )
    services.referral_accept(actor=signed_in_user(request), referral=access.referral)
    messages.success(request, _("You accepted the referral."))
    return redirect("participants:referral_detail", referral_id=referral_id)


def referral_decline(request: HttpRequest, referral_id: int) -> HttpResponse:
    access = selectors.access_referral_by_id(
        actor=request.user, referral_id=referral_id, purpose="decide"
    )
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.referral_decline(
            actor=signed_in_user(request),
            referral=access.referral,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("You declined the referral."))
        return redirect("participants:referral_list")
    return render(
        request,
        "participants/referral_detail.html",
        {
            "ra": access,
            "referral": access.referral,
            "decline_form": form,
            "groups": dict(FieldGroup.choices),
        },
        status=_status(form) if request.method == "POST" else 200,
    )


@require_POST
def referral_withdraw(request: HttpRequest, referral_id: int) -> HttpResponse:
    access = selectors.access_referral_by_id(
        actor=request.user, referral_id=referral_id, purpose="withdraw"
    )
    services.referral_withdraw(actor=signed_in_user(request), referral=access.referral)
    messages.success(request, _("The referral was withdrawn."))
    return redirect("participants:detail", participant_id=access.referral.participant_id)


@require_POST
def referral_override(request: HttpRequest, referral_id: int) -> HttpResponse:
    access = selectors.access_referral_by_id(
        actor=request.user, referral_id=referral_id, purpose="approve"
    )
    approve = request.POST.get("decision") == "approve"
    reason = request.POST.get("reason", "")[:2000]
    if not approve and not reason.strip():
        messages.error(request, _("Give a reason for refusing the override."))
        return redirect("participants:referral_detail", referral_id=referral_id)
    services.referral_override_decide(
        actor=signed_in_user(request), referral=access.referral, approve=approve, reason=reason
    )
    messages.success(request, _("Your decision was recorded."))
    return redirect("participants:referral_list")


# --- Notes and tasks ------------------------------------------------------------------------


def note_add(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="notes"
    )
    if not access.is_owner or access.organisation_id is None:
        raise Http404
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.note_add(
            actor=signed_in_user(request),
            participant=access.participant,
            organisation_id=access.organisation_id,
            body=form.cleaned_data["body"],
        )
        messages.success(request, _("The note was saved."))
        return redirect("participants:detail", participant_id=participant_id)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": access.participant, "title": _("Add a case note")},
        status=_status(form),
    )


def task_add(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="tasks"
    )
    if not access.is_owner or access.organisation_id is None:
        raise Http404
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.task_create(
            actor=signed_in_user(request),
            participant=access.participant,
            organisation_id=access.organisation_id,
            title=form.cleaned_data["title"],
            due_on=form.cleaned_data["due_on"],
        )
        messages.success(request, _("The task was added."))
        return redirect("participants:detail", participant_id=participant_id)
    return render(
        request,
        "participants/simple_form.html",
        {"form": form, "participant": access.participant, "title": _("Add a follow-up task")},
        status=_status(form),
    )


@require_POST
def task_done(request: HttpRequest, task_id: int) -> HttpResponse:
    task = selectors.access_task(actor=request.user, task_id=task_id)
    try:
        services.task_complete(actor=signed_in_user(request), task=task)
    except ParticipantError as error:
        messages.error(request, str(error.message))
    return redirect("participants:detail", participant_id=task.participant_id)


# --- Rights and lifecycle -------------------------------------------------------------------


def participant_export_json(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="export"
    )
    if not access.can_export:
        raise Http404
    data = selectors.participant_export(access=access)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{access.participant.code}.json"'
    return response


def participant_export_pdf(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="export"
    )
    if not access.can_export:
        raise Http404
    data = selectors.participant_export(access=access)
    pdf = render_pdf(
        "participants/pdf/export.html",
        {"data": data, "pretty": json.dumps(data, ensure_ascii=False, indent=2)},
        languages=[get_language() or "de"],
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{access.participant.code}.pdf"'
    return response


def participant_erase(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="erase"
    )
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.participant_erase(
            actor=signed_in_user(request),
            participant=access.participant,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("The record was erased."))
        return redirect("participants:list")
    return render(
        request,
        "participants/erase.html",
        {"form": form, "participant": access.participant},
        status=_status(form),
    )


@require_POST
def portal_invite(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = selectors.access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="invite"
    )
    language = request.POST.get("language", "de")
    if language not in ("de", "en", "ar", "fa", "uk"):
        language = "de"
    try:
        services.portal_invite(
            actor=signed_in_user(request), participant=access.participant, language=language
        )
    except ParticipantError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The invitation to the portal is on its way."))
    return redirect("participants:detail", participant_id=participant_id)


def occupation_search(request: HttpRequest) -> HttpResponse:
    """KldB search for the forms (not personal data)."""
    if not policy.can_use_participants(request.user):
        raise Http404
    occupations = selectors.occupation_search(q=request.GET.get("q", ""))
    return render(
        request,
        "participants/occupation_search.html",
        {
            "occupations": occupations,
            "q": request.GET.get("q", "")[:100],
            "kldb_source": KLDB_SOURCE,
        },
    )


# --- Participant portal (/portal/) ----------------------------------------------------------


def _easy_language(request: HttpRequest) -> bool:
    """Whether the participant asked for easy language (`?easy=1`), remembered for the visit."""
    if "easy" in request.GET:
        request.session["easy_language"] = request.GET["easy"] == "1"
    return bool(request.session.get("easy_language", False))


def portal_home(request: HttpRequest) -> HttpResponse:
    access = selectors.portal_access_for(actor=request.user)
    detail = selectors.participant_detail(access=access)
    return render(
        request,
        "participants/portal/home.html",
        {
            "access": access,
            "participant": access.participant,
            "detail": detail,
            "easy": _easy_language(request),
            "sections": portal_sections_for(request.user, access.participant),
        },
    )


def portal_profile(request: HttpRequest) -> HttpResponse:
    access = selectors.portal_access_for(actor=request.user)
    participant = access.participant
    initial = {name: getattr(participant, name) for name in services.PORTAL_FIELDS}
    form = PortalProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                actor=signed_in_user(request),
                participant=participant,
                data=form.cleaned_data,
                allowed=services.PORTAL_FIELDS,
                action="participant.portal_correct",
            )
        except ParticipantError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Your details were saved."))
            return redirect("portal:home")
    return render(request, "participants/portal/profile.html", {"form": form}, status=_status(form))


@require_POST
def portal_consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    access = selectors.portal_access_for(actor=request.user)
    consent = selectors.access_consent(access=access, consent_id=consent_id)
    try:
        services.consent_withdraw(actor=signed_in_user(request), consent=consent)
    except ParticipantError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You withdrew your consent. It has no effect from now on."))
    return redirect("portal:home")


@login_not_required
def portal_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.portal_participant_from_token(token)
    except ParticipantError:
        return render(request, "participants/portal/invalid.html", status=404)
    form = PortalAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.portal_accept(
                token=token,
                password=form.cleaned_data["password1"],
                language=get_language() or "de",
            )
        except ParticipantError:
            return render(request, "participants/portal/invalid.html", status=404)
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(request, _("Welcome! This is your overview."))
        return redirect("portal:home")
    return render(request, "participants/portal/accept.html", {"form": form}, status=_status(form))
