"""The try-matching form: a candidate profile entered by hand (nothing of it is stored)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import OccupationField
from wegweiser.core.places import validate_plz
from wegweiser.jobs.constants import MAX_RADIUS_KM, GermanLevel, Licence, OfferType, WorkingTime
from wegweiser.jobs.geo import coordinates_for_plz
from wegweiser.matching.adapter import CandidateInput, Permission
from wegweiser.matching.constants import DeclineReason, Recipient, SuggestionStatus

PERMISSION_CHOICES = [
    (Permission.ALLOWED, _("Allowed to work")),
    (Permission.NEEDS_PERMISSION, _("Needs approval by the immigration office")),
    (Permission.NOT_ALLOWED, _("Not allowed to work")),
]


class TryMatchingForm(forms.Form):
    occupation_1 = OccupationField(label=_("Wanted occupation"))
    occupation_2 = OccupationField(label=_("Second occupation"), required=False, help_text="")
    occupation_3 = OccupationField(label=_("Third occupation"), required=False, help_text="")
    plz = forms.CharField(
        label=_("Postcode of the place of residence"),
        max_length=5,
        validators=[validate_plz],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    radius_km = forms.IntegerField(
        label=_("Travel radius in km"), min_value=1, max_value=MAX_RADIUS_KM, initial=25
    )
    german = forms.ChoiceField(
        label=_("German level"),
        required=False,
        choices=[("", _("No German yet")), *GermanLevel.choices],
    )
    licences = forms.MultipleChoiceField(
        label=_("Licences held"),
        required=False,
        choices=Licence.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.ChoiceField(
        label=_("Available for"), choices=WorkingTime.choices, initial=WorkingTime.BOTH
    )
    earliest_start = forms.DateField(
        label=_("Can start from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty when the person can start now."),
    )
    permission = forms.ChoiceField(label=_("Work permission"), choices=PERMISSION_CHOICES)
    no_shifts = forms.BooleanField(label=_("Cannot work shifts (e.g. childcare)"), required=False)
    offer_types = forms.MultipleChoiceField(
        label=_("Types of offer looked for"),
        required=False,
        choices=OfferType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every type."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        plz = data.get("plz")
        if plz:
            coordinates = coordinates_for_plz(plz)
            if coordinates is None:
                self.add_error(
                    "plz",
                    _(
                        "We have no coordinates for this postcode yet. "
                        "Try the postcode of a larger town nearby."
                    ),
                )
            data["coordinates"] = coordinates
        return data

    def profile(self) -> CandidateInput:
        data = self.cleaned_data
        codes = [data.get(f"occupation_{n}") for n in (1, 2, 3)]
        latitude, longitude = data["coordinates"]
        return CandidateInput(
            latitude=latitude,
            longitude=longitude,
            occupations=tuple(dict.fromkeys(code for code in codes if code)),
            german=data.get("german", ""),
            licences=tuple(data.get("licences", ())),
            radius_km=float(data["radius_km"]),
            availability=data["availability"],
            earliest_start=data.get("earliest_start"),
            permission=data["permission"],
            no_shifts=bool(data.get("no_shifts")),
            offer_types=tuple(data.get("offer_types", ())),
        )


class TransitionForm(forms.Form):
    """Move a suggestion on. The choices offered are the ones the user may take now."""

    to = forms.ChoiceField(label=_("New status"), choices=SuggestionStatus.choices)
    recipient = forms.ChoiceField(
        label=_("Send to"),
        choices=[("", "—"), *Recipient.choices],
        required=False,
        help_text=_("Only when sending."),
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "—"), *DeclineReason.choices],
        required=False,
        help_text=_("Only when declining."),
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args: Any, targets: frozenset[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if targets is not None:
            to = self.fields["to"]
            assert isinstance(to, forms.ChoiceField)
            to.choices = [
                (value, label) for value, label in SuggestionStatus.choices if value in targets
            ]
            if SuggestionStatus.SENT not in targets:
                del self.fields["recipient"]
            if SuggestionStatus.DECLINED not in targets:
                del self.fields["reason"]
                del self.fields["note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to") == SuggestionStatus.SENT and not data.get("recipient"):
            self.add_error("recipient", _("Choose whom to send the suggestion to."))
        if data.get("to") == SuggestionStatus.DECLINED and not data.get("reason"):
            self.add_error("reason", _("Give the reason why the suggestion was declined."))
        return data
