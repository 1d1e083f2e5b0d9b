"""The landing page, the dashboard, the about page and the health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from wegweiser.core.dashboard import panels_for
from wegweiser.core.selectors import occupation_search
from wegweiser.core.worker import worker_status


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


def dashboard(request: HttpRequest) -> HttpResponse:
    panels = [
        (panel, render_to_string(panel.template, panel.context, request=request))
        for panel in panels_for(request.user)
    ]
    return render(request, "core/dashboard.html", {"panels": panels})


def occupation_suggestions(request: HttpRequest) -> HttpResponse:
    """Suggestions for the occupation picker (an htmx partial of <option> elements)."""
    query = request.GET.get("q", "")
    # The picker sends the whole input; a chosen suggestion starts with its code.
    first = query.split()[0] if query.split() else ""
    if first.isdigit() and len(first) == 5:
        query = first
    occupations = occupation_search(query=query[:100], limit=20)
    return render(request, "core/components/occupation_options.html", {"occupations": occupations})


@login_not_required
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


@login_not_required
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 while the database answers; the worker's state is reported."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    worker = worker_status()
    return JsonResponse(
        {
            "status": "ok",
            "database": "ok",
            "worker": "ok" if worker["alive"] else "not running",
            "tasks_waiting": worker["waiting"],
        }
    )
