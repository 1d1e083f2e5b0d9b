"""The advisory map: public search, list, map, detail and exports; maintenance for members."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wegweiser.accounts.selectors import signed_in_user
from wegweiser.core.htmx import render_page_or_partial
from wegweiser.core.listing import paginate_sorted
from wegweiser.directory import policy, selectors, services
from wegweiser.directory.constants import IMPORT_HELP_COLUMNS, ServiceStatus
from wegweiser.directory.exceptions import DirectoryError
from wegweiser.directory.exports import geojson_document, hsds_document
from wegweiser.directory.forms import ServiceForm, ServiceImportForm, ServiceSearchForm
from wegweiser.directory.hours import Slot, format_opening_hours
from wegweiser.directory.models import Service

MAP_MARKER_LIMIT = 1000


def _search_from(form: ServiceSearchForm) -> selectors.ServiceSearch | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    origin = data.get("plz")
    return selectors.ServiceSearch(
        topic=data.get("topic") or "",
        language=data.get("language") or "",
        audience=data.get("audience") or "",
        origin=origin,
        radius_km=float(data["radius"]) if origin is not None else None,
    )


def _map_data(
    hits: list[selectors.ServiceHit], search: selectors.ServiceSearch | None
) -> dict[str, Any]:
    origin = search.origin if search else None
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "attribution": "GeoNames (CC BY 4.0)",
        "origin": [origin.latitude, origin.longitude] if origin else None,
        "radiusKm": search.radius_km if search and origin else None,
        "markers": [
            {
                "name": h.service.name,
                "organisation": h.service.organisation.name,
                "lat": h.service.latitude,
                "lon": h.service.longitude,
                "url": reverse("directory:public_service_detail", args=[h.service.pk]),
                "distance": round(h.distance_km, 1) if h.distance_km is not None else None,
            }
            for h in hits[:MAP_MARKER_LIMIT]
        ],
    }


@login_not_required
@require_GET
def public_map(request: HttpRequest) -> HttpResponse:
    """The advisory map: filters, a list (works without JavaScript) and a map."""
    form = ServiceSearchForm(request.GET or None)
    search = _search_from(form) if request.GET else selectors.ServiceSearch()
    hits = selectors.service_search(search) if search is not None else []
    listing = paginate_sorted(
        request, hits, sort_fields={"distance": ()}, default_sort="distance", page_size=20
    )
    export_query = request.GET.copy()
    for key in ("page", "sort"):
        export_query.pop(key, None)
    response = render_page_or_partial(
        request,
        "directory/service_search.html",
        {
            "form": form,
            "listing": listing,
            "total": len(hits),
            "search": search,
            "map_data": _map_data(hits, search),
            "export_query": export_query.urlencode(),
            "can_maintain": policy.can_maintain_any_service(request.user),
        },
        partial="results",
    )
    if search is None:
        response.status_code = 400
    return response


@login_not_required
@require_GET
def public_service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    access = selectors.access_service_by_id(actor=request.user, service_id=service_id)
    service = access.service
    hit = selectors.ServiceHit(service, None)
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "can_manage": access.can_manage,
            "map_data": _map_data([hit], None),
            "hours": list(service.opening_hours.all()),
        },
    )


def _export_hits(request: HttpRequest) -> list[selectors.ServiceHit] | JsonResponse:
    form = ServiceSearchForm(request.GET or None)
    search = _search_from(form) if request.GET else selectors.ServiceSearch()
    if search is None:
        errors = {name: [str(e) for e in errs] for name, errs in form.errors.items()}
        return JsonResponse({"detail": errors}, status=400)
    return selectors.service_search(search)


@login_not_required
@require_GET
def public_export_hsds(request: HttpRequest) -> HttpResponse:
    hits = _export_hits(request)
    if isinstance(hits, JsonResponse):
        return hits
    response = JsonResponse(hsds_document(hits), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="beratungsstellen.hsds.json"'
    return response


@login_not_required
@require_GET
def public_export_geojson(request: HttpRequest) -> HttpResponse:
    hits = _export_hits(request)
    if isinstance(hits, JsonResponse):
        return hits
    document = geojson_document(
        hits,
        detail_url=lambda s: request.build_absolute_uri(
            reverse("directory:public_service_detail", args=[s.pk])
        ),
    )
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False), content_type="application/geo+json"
    )
    response["Content-Disposition"] = 'inline; filename="beratungsstellen.geojson"'
    return response


# --- Maintenance -----------------------------------------------------------------------------


def service_manage_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_maintain_any_service(request.user):
        raise Http404
    status = request.GET.get("status", "")
    services_qs = selectors.service_list_for_maintainer(actor=request.user, status=status)
    listing = paginate_sorted(
        request,
        services_qs,
        sort_fields={
            "name": ["name"],
            "organisation": ["organisation__name", "name"],
            "city": ["city", "name"],
            "status": ["status", "name"],
            "updated": ["updated_at"],
        },
        default_sort="name",
    )
    return render_page_or_partial(
        request,
        "directory/service_manage_list.html",
        {
            "listing": listing,
            "status": status,
            "statuses": ServiceStatus.choices,
            "can_import": policy.can_import_services(request.user),
        },
        partial="results",
    )


def service_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_maintain_any_service(request.user):
        raise Http404
    organisations = selectors.organisations_maintained_by(actor=request.user)
    form = ServiceForm(
        request.POST or None,
        organisations=organisations,
        initial={"organisation": organisations.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            service = services.service_create(
                actor=signed_in_user(request),
                organisation=form.cleaned_data["organisation"],
                data=form.service_input(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The service was saved."))
            return redirect("directory:public_service_detail", service_id=service.pk)
    return render(
        request,
        "directory/service_form.html",
        {"form": form, "service": None},
        status=400 if form.errors else 200,
    )


def _initial(service: Service) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(service, name) for name in services.SERVICE_EDITABLE_FIELDS
    }
    initial |= {
        "organisation": service.organisation,
        "topics": service.topics,
        "audiences": service.audiences,
        "languages": service.languages,
        "opening_hours": format_opening_hours(
            [Slot(h.weekday, h.opens_at, h.closes_at) for h in service.opening_hours.all()]
        ).replace("; ", "\n"),
    }
    return initial


def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    access = selectors.access_service_by_id(
        actor=request.user, service_id=service_id, purpose="manage"
    )
    service = access.service
    form = ServiceForm(
        request.POST or None,
        organisations=selectors.organisations_maintained_by(actor=request.user),
        fixed_organisation=True,
        initial=_initial(service),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.service_update(
                actor=signed_in_user(request), service=service, data=form.service_input()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The service was saved."))
            return redirect("directory:public_service_detail", service_id=service.pk)
    return render(
        request,
        "directory/service_form.html",
        {"form": form, "service": service},
        status=400 if form.errors else 200,
    )


@require_POST
def service_archive(request: HttpRequest, service_id: int) -> HttpResponse:
    access = selectors.access_service_by_id(
        actor=request.user, service_id=service_id, purpose="manage"
    )
    try:
        services.service_archive(actor=signed_in_user(request), service=access.service)
    except DirectoryError:
        messages.info(request, _("The service was already archived."))
    else:
        messages.success(request, _("The service was archived and is no longer on the map."))
    return redirect("directory:public_service_detail", service_id=service_id)


@require_POST
def service_restore(request: HttpRequest, service_id: int) -> HttpResponse:
    access = selectors.access_service_by_id(
        actor=request.user, service_id=service_id, purpose="manage"
    )
    try:
        services.service_restore(actor=signed_in_user(request), service=access.service)
    except DirectoryError:
        messages.info(request, _("The service is already on the map."))
    else:
        messages.success(request, _("The service is back on the map."))
    return redirect("directory:public_service_detail", service_id=service_id)


def service_import(request: HttpRequest) -> HttpResponse:
    if not policy.can_import_services(request.user):
        raise Http404
    form = ServiceImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = services.services_import_csv(
            actor=signed_in_user(request), content=form.cleaned_data["file"]
        )
    return render(
        request,
        "directory/service_import.html",
        {"form": form, "report": report, "columns": IMPORT_HELP_COLUMNS},
        status=400 if form.errors else 200,
    )
