"""Offers: browsing (network and public), posting and editing, status changes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wegweiser.accounts.selectors import signed_in_user
from wegweiser.core.htmx import render_page_or_partial
from wegweiser.core.listing import paginate_sorted
from wegweiser.core.occupations import KLDB_CREDIT
from wegweiser.jobs import policy, selectors, services
from wegweiser.jobs.constants import DEFAULT_RADIUS_KM, OfferStatus
from wegweiser.jobs.exceptions import OfferError
from wegweiser.jobs.forms import OfferFilterForm, OfferForm, OfferStatusForm
from wegweiser.network.models import Organisation
from wegweiser.network.policy import actor_for

SORT_FIELDS = {
    "published": ["published_at"],
    "title": ["title"],
    "place": ["plz"],
    "start": ["start_date"],
}


def _filters(form: OfferFilterForm) -> selectors.OfferFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.OfferFilters(
        offer_type=data.get("offer_type", ""),
        occupation_group=data.get("occupation_group", ""),
        plz=data.get("plz", ""),
        radius_km=data.get("radius_km") or DEFAULT_RADIUS_KM,
        german_max=data.get("german_max", ""),
        working_time=data.get("working_time", ""),
        q=data.get("q", ""),
    )


def _listing_page(
    request: HttpRequest, found: selectors.FilteredOffers, form: OfferFilterForm, **extra: Any
) -> HttpResponse:
    sort_fields = dict(SORT_FIELDS)
    if found.centre is not None:
        sort_fields["distance"] = ["distance_km"]
    listing = paginate_sorted(
        request,
        found.offers,
        sort_fields=sort_fields,
        default_sort="distance" if found.centre is not None else "-published",
    )
    return render_page_or_partial(
        request,
        "jobs/offer_list.html",
        {"form": form, "listing": listing, "found": found} | extra,
        partial="results",
    )


def offer_list(request: HttpRequest) -> HttpResponse:
    form = OfferFilterForm(request.GET or None, groups=selectors.occupation_groups())
    found = selectors.offer_list_for(actor=request.user, filters=_filters(form))
    return _listing_page(
        request,
        found,
        form,
        public=False,
        can_post=policy.can_post_any_offers(request.user),
        can_moderate=policy.can_moderate_offers(request.user),
    )


@login_not_required
def public_offer_list(request: HttpRequest) -> HttpResponse:
    form = OfferFilterForm(request.GET or None, groups=selectors.occupation_groups())
    found = selectors.public_offer_list(filters=_filters(form))
    return _listing_page(request, found, form, public=True, can_post=False, can_moderate=False)


def offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    access = selectors.access_offer_by_id(actor=request.user, offer_id=offer_id)
    return render(
        request,
        "jobs/offer_detail.html",
        {
            "offer": access.offer,
            "access": access,
            "public": False,
            "status_form": OfferStatusForm() if access.can_manage else None,
            "kldb_credit": KLDB_CREDIT,
        },
    )


@login_not_required
def public_offer_detail(request: HttpRequest, offer_id: int) -> HttpResponse:
    offer = selectors.public_offer_by_id(offer_id=offer_id)
    return render(
        request,
        "jobs/offer_detail.html",
        {"offer": offer, "access": None, "public": True, "kldb_credit": KLDB_CREDIT},
    )


def _organisations_for(request: HttpRequest) -> Any:
    actor = actor_for(request.user)
    ids = actor.organisations_with(*policy.OFFER_EDITOR_ROLES)
    return Organisation.objects.filter(pk__in=ids, org_type="company").order_by("name")


def _service_errors(form: OfferForm, error: Exception) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error))


def offer_create(request: HttpRequest) -> HttpResponse:
    organisations = _organisations_for(request)
    if not organisations.exists():
        raise Http404
    form = OfferForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = data.pop("organisation")
        publish = request.POST.get("publish") == "1"
        try:
            offer = services.offer_create(
                actor=signed_in_user(request), organisation=organisation, data=data, publish=publish
            )
        except (ValidationError, OfferError) as error:
            _service_errors(form, error)
        else:
            messages.success(
                request,
                _("The offer was published.") if publish else _("The offer was saved as a draft."),
            )
            return redirect("jobs:offer_detail", offer_id=offer.pk)
    return render(
        request,
        "jobs/offer_form.html",
        {"form": form, "offer": None, "kldb_credit": KLDB_CREDIT},
        status=400 if form.errors else 200,
    )


def offer_edit(request: HttpRequest, offer_id: int) -> HttpResponse:
    access = selectors.access_offer_by_id(actor=request.user, offer_id=offer_id, purpose="manage")
    offer = access.offer
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_update(
                actor=signed_in_user(request), offer=offer, data=form.cleaned_data
            )
        except (ValidationError, OfferError) as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The offer was saved."))
            return redirect("jobs:offer_detail", offer_id=offer.pk)
    return render(
        request,
        "jobs/offer_form.html",
        {"form": form, "offer": offer, "kldb_credit": KLDB_CREDIT},
        status=400 if form.errors else 200,
    )


@require_POST
def offer_status(request: HttpRequest, offer_id: int) -> HttpResponse:
    access = selectors.access_offer_by_id(actor=request.user, offer_id=offer_id, purpose="manage")
    form = OfferStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return redirect("jobs:offer_detail", offer_id=offer_id)
    try:
        services.offer_status_set(
            actor=signed_in_user(request), offer=access.offer, status=form.cleaned_data["status"]
        )
    except OfferError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The offer is now “%(status)s”.")
            % {"status": OfferStatus(form.cleaned_data["status"]).label},
        )
    return redirect("jobs:offer_detail", offer_id=offer_id)


def offer_manage_list(request: HttpRequest) -> HttpResponse:
    actor = actor_for(request.user)
    if not (policy.can_post_any_offers(request.user) or actor.is_coordinator or actor.is_superuser):
        raise Http404
    status = request.GET.get("status", "")
    if status not in OfferStatus.values:
        status = ""
    offers = selectors.offers_managed_by(actor=request.user, status=status)
    listing = paginate_sorted(
        request,
        offers,
        sort_fields={**SORT_FIELDS, "status": ["status"], "updated": ["updated_at"]},
        default_sort="-updated",
    )
    return render(
        request,
        "jobs/offer_manage_list.html",
        {
            "listing": listing,
            "status": status,
            "statuses": OfferStatus.choices,
            "can_post": policy.can_post_any_offers(request.user),
        },
    )
