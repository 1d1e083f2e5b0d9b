"""The try-matching page: a counsellor enters a profile by hand and sees explained offers."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from wegweiser.matching import policy, selectors
from wegweiser.matching.forms import TryMatchingForm


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
