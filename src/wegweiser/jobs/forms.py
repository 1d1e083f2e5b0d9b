"""Forms of the jobs app. Each lists its fields; the services check the rules again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import OccupationField
from wegweiser.core.places import validate_plz
from wegweiser.jobs.constants import (
    DEFAULT_RADIUS_KM,
    MAX_RADIUS_KM,
    GermanLevel,
    Licence,
    OfferStatus,
    OfferType,
    WorkingTime,
)
from wegweiser.jobs.models import Offer
from wegweiser.network.models import Organisation

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
GERMAN_CHOICES = [("", _("No German required")), *GermanLevel.choices]


class OfferForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    offer_type = forms.ChoiceField(label=_("Type"), choices=OfferType.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    occupation = OccupationField(label=_("Occupation (KldB 2010)"))
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea
    )
    german_min = forms.ChoiceField(
        label=_("Minimum German level"), required=False, choices=GERMAN_CHOICES
    )
    licences = forms.MultipleChoiceField(
        label=_("Required licences"),
        required=False,
        choices=Licence.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    plz = forms.CharField(
        label=_("Postcode of the workplace"),
        max_length=5,
        validators=[validate_plz],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    city = forms.CharField(label=_("Place"), required=False, max_length=100)
    working_time = forms.ChoiceField(label=_("Working time"), choices=WorkingTime.choices)
    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leave empty for “by arrangement”."),
    )
    end_date = forms.DateField(
        label=_("Offer ends on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("The offer expires automatically after this day."),
    )
    shifts = forms.BooleanField(label=_("Shift work"), required=False)
    housing_help = forms.BooleanField(label=_("Help with housing"), required=False)
    open_to_refugees = forms.BooleanField(label=_("Open to refugees"), required=False, initial=True)
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=40)
    is_public = forms.BooleanField(
        label=_("Public"),
        required=False,
        help_text=_("Also show this offer to visitors who are not signed in."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation] | None = None,
        instance: Offer | None = None,
        **kwargs: Any,
    ) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                name: getattr(instance, name)
                for name in self.base_fields
                if name not in ("organisation", "occupation")
            } | {"occupation": instance.occupation_id or ""}
        super().__init__(*args, **kwargs)
        if instance is not None or organisations is None:
            del self.fields["organisation"]
        else:
            field = self.fields["organisation"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = organisations
            if organisations.count() == 1:
                field.initial = organisations.first()
        self.fields["plz"].widget.attrs.setdefault("autocomplete", "postal-code")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The offer cannot end before the start date."))
        return data


class OfferStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s, label) for s, label in OfferStatus.choices if s != OfferStatus.EXPIRED]
    )


class OfferFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    offer_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *OfferType.choices]
    )
    occupation_group = forms.ChoiceField(label=_("Occupation group"), required=False)
    plz = forms.RegexField(
        label=_("Postcode"),
        required=False,
        regex=r"^\d{1,5}\Z",
        error_messages={"invalid": _("Enter a postcode (or its first digits).")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
    )
    radius_km = forms.IntegerField(
        label=_("Radius in km"),
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_KM,
        initial=DEFAULT_RADIUS_KM,
    )
    german_max = forms.ChoiceField(
        label=_("German level of the candidate"),
        required=False,
        choices=[("", _("Any")), *GermanLevel.choices],
        help_text=_("Shows offers that ask for this level or less."),
    )
    working_time = forms.ChoiceField(
        label=_("Working time"),
        required=False,
        choices=[("", _("Any")), ("full", _("Full time")), ("part", _("Part time"))],
    )

    def __init__(self, *args: Any, groups: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["occupation_group"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All occupations"))] + [
            (code, f"{code} {title}") for code, title in groups
        ]
