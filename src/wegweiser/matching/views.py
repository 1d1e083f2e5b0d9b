"""Matching pages: try a profile, a participant's suggestions (counsellors), the candidates for
an offer (the offering company), and the suggestion workflow's actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wegweiser.core.listing import paginate_sorted
from wegweiser.jobs.selectors import access_offer_by_id
from wegweiser.matching import policy, selectors, services
from wegweiser.matching.exceptions import MatchingError
from wegweiser.matching.forms import TransitionForm, TryMatchingForm
from wegweiser.participants.selectors import access_participant_by_id


def matching_try(request: HttpRequest) -> HttpResponse:
    if not policy.can_try_matching(request.user):
        raise Http404
    form = TryMatchingForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = selectors.offers_for_profile(actor=request.user, profile=form.profile())
    return render(
        request,
        "matching/try.html",
        {"form": form, "result": result},
        status=400 if form.errors else 200,
    )


def _rows(request: HttpRequest, suggestions: list[Any]) -> list[tuple[Any, TransitionForm | None]]:
    rows = []
    for suggestion in suggestions:
        targets = policy.allowed_targets(request.user, suggestion)
        form = TransitionForm(targets=targets, prefix=f"s{suggestion.pk}") if targets else None
        rows.append((suggestion, form))
    return rows


def participant_suggestions(request: HttpRequest, participant_id: int) -> HttpResponse:
    """Offers for a participant, explained, and the suggestions made so far (case workers)."""
    access = access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="suggest"
    )
    matches = selectors.offers_for_participant(actor=request.user, access=access)
    suggestions = selectors.suggestions_for_participant(access=access)
    return render(
        request,
        "matching/participant_suggestions.html",
        {
            "participant": access.participant,
            "matches": matches,
            "rows": _rows(request, suggestions),
        },
    )


@require_POST
def suggestion_add(request: HttpRequest, participant_id: int) -> HttpResponse:
    access = access_participant_by_id(
        actor=request.user, participant_id=participant_id, purpose="suggest"
    )
    try:
        offer_id = int(request.POST.get("offer", ""))
    except ValueError as error:
        raise Http404 from error
    offer = access_offer_by_id(actor=request.user, offer_id=offer_id).offer
    try:
        services.suggestion_create(
            actor=request.user,  # type: ignore[arg-type]
            participant=access.participant,
            offer=offer,
            score=selectors.score_for_offer(access=access, offer=offer),
        )
    except MatchingError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _saved())
    return redirect("matching:participant_suggestions", participant_id)


def _saved() -> str:
    from django.utils.translation import gettext

    return gettext("Saved.")


@require_POST
def suggestion_transition(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    found = selectors.access_suggestion_by_id(actor=request.user, suggestion_id=suggestion_id)
    suggestion = found.suggestion
    targets = policy.allowed_targets(request.user, suggestion)
    form = TransitionForm(request.POST, targets=targets, prefix=f"s{suggestion.pk}")
    if not targets:
        messages.error(request, _not_allowed())
    elif not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        try:
            services.suggestion_transition(
                actor=request.user,  # type: ignore[arg-type]
                suggestion=suggestion,
                to=form.cleaned_data["to"],
                recipient=form.cleaned_data.get("recipient", ""),
                reason=form.cleaned_data.get("reason", ""),
                note=form.cleaned_data.get("note", ""),
            )
        except MatchingError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _saved())
    if found.is_counsellor:
        return redirect("matching:participant_suggestions", suggestion.participant_id)
    return redirect("matching:offer_candidates", suggestion.offer_id)


def _not_allowed() -> str:
    from django.utils.translation import gettext

    return gettext("You may not change this suggestion this way.")


@require_POST
def contact_agree(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """The counsellor records that the participant agrees to a contact with the employer."""
    found = selectors.access_suggestion_by_id(actor=request.user, suggestion_id=suggestion_id)
    if not found.is_counsellor or found.suggestion.offer.organisation is None:
        raise Http404
    access = access_participant_by_id(
        actor=request.user, participant_id=found.suggestion.participant_id, purpose="suggest"
    )
    try:
        services.contact_agree(
            actor=request.user,  # type: ignore[arg-type]
            participant=access.participant,
            employer=found.suggestion.offer.organisation,
            offer=found.suggestion.offer,
        )
    except MatchingError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _saved())
    return redirect("matching:participant_suggestions", access.participant.pk)


def candidate_offers(request: HttpRequest) -> HttpResponse:
    """The company's offers, each leading to its candidates."""
    if not policy.can_use_candidates(request.user):
        raise Http404
    listing = paginate_sorted(
        request,
        selectors.offers_for_candidates_of(actor=request.user),
        sort_fields={"published": ["published_at"], "title": ["title"]},
        default_sort="-published",
    )
    return render(request, "matching/candidate_offers.html", {"listing": listing})


def offer_candidates(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Consented, anonymous candidates for one offer, and the suggestions sent for it."""
    offer = access_offer_by_id(actor=request.user, offer_id=offer_id).offer
    if not policy.can_see_candidates(request.user, offer):
        raise Http404
    result = selectors.candidates_for_employer_offer(actor=request.user, offer=offer)
    sent = selectors.suggestions_for_offer(actor=request.user, offer=offer)
    forms = _rows(request, [item.suggestion for item in sent])
    rows = [(item, form) for item, (_suggestion, form) in zip(sent, forms, strict=True)]
    return render(
        request,
        "matching/offer_candidates.html",
        {"offer": offer, "result": result, "rows": rows},
    )
