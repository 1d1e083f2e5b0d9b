"""Forms of the advisory map: search, service editing and CSV import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import PostalCode
from wegweiser.core.places import validate_plz
from wegweiser.core.selectors import postal_code_lookup
from wegweiser.directory.constants import (
    RADIUS_DEFAULT_KM,
    RADIUS_MAX_KM,
    RADIUS_MIN_KM,
    Audience,
    Language,
    Topic,
)
from wegweiser.directory.hours import Slot, parse_opening_hours
from wegweiser.directory.services import ServiceInput
from wegweiser.network.models import Organisation

MAX_IMPORT_BYTES = 2 * 1024 * 1024
# RADIUS_MIN_KM and RADIUS_MAX_KM, spelled out so the message stays translatable.
_RADIUS_MESSAGE = _("Choose a radius between 1 and 200 km.")


def _with_all(choices: Any, label: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


def _plz_input() -> forms.TextInput:
    return forms.TextInput(
        attrs={"inputmode": "numeric", "autocomplete": "postal-code", "dir": "ltr", "size": 6}
    )


class ServiceSearchForm(forms.Form):
    plz = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=5,
        validators=[validate_plz],
        widget=_plz_input(),
        error_messages={"max_length": _("Enter a postcode of five digits, e.g. 10115.")},
    )
    radius = forms.IntegerField(
        label=_("Radius (km)"),
        required=False,
        initial=RADIUS_DEFAULT_KM,
        validators=[MinValueValidator(RADIUS_MIN_KM), MaxValueValidator(RADIUS_MAX_KM)],
        error_messages={
            "invalid": _RADIUS_MESSAGE,
            "min_value": _RADIUS_MESSAGE,
            "max_value": _RADIUS_MESSAGE,
        },
        widget=forms.NumberInput(attrs={"min": RADIUS_MIN_KM, "max": RADIUS_MAX_KM, "dir": "ltr"}),
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=_with_all(Topic.choices, _("All topics"))
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        choices=_with_all(Language.choices, _("All languages")),
    )
    audience = forms.ChoiceField(
        label=_("For"), required=False, choices=_with_all(Audience.choices, _("Everyone"))
    )

    def clean_plz(self) -> PostalCode | None:
        plz = (self.cleaned_data.get("plz") or "").strip()
        if not plz:
            return None
        found = postal_code_lookup(plz)
        if found is None:
            raise ValidationError(
                _("We do not know the postcode %(plz)s. Please check it."),
                code="unknown_plz",
                params={"plz": plz},
            )
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("plz") is not None
            and data.get("radius") is None
            and "radius" not in self.errors
        ):
            data["radius"] = RADIUS_DEFAULT_KM
        return data


class ServiceForm(forms.Form):
    """Every field a maintainer may set; nothing else is read from the request."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.MultipleChoiceField(
        label=_("For whom"),
        required=False,
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=Language.choices, widget=forms.CheckboxSelectMultiple
    )
    location_name = forms.CharField(label=_("Building or room"), required=False, max_length=200)
    street = forms.CharField(label=_("Street and number"), required=False, max_length=200)
    plz = forms.CharField(
        label=_("Postcode"), max_length=5, validators=[validate_plz], widget=_plz_input()
    )
    city = forms.CharField(
        label=_("City"),
        required=False,
        max_length=100,
        help_text=_("Leave empty to use the postcode's place."),
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=_("One slot per line, e.g. Mon 09:00-12:00 (German day names work too)."),
    )
    by_appointment_only = forms.BooleanField(label=_("By appointment only"), required=False)
    hours_note = forms.CharField(label=_("Note on opening hours"), required=False, max_length=200)
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"), required=False, widget=forms.EmailInput(attrs={"dir": "ltr"})
    )
    website = forms.URLField(
        label=_("Website"), required=False, widget=forms.URLInput(attrs={"dir": "ltr"})
    )
    remote = forms.BooleanField(label=_("Counselling by phone or online"), required=False)
    step_free_access = forms.BooleanField(label=_("Step-free access"), required=False)
    accessible_toilet = forms.BooleanField(label=_("Accessible toilet"), required=False)

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        fixed_organisation: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        if fixed_organisation:
            field.disabled = True
        for name in ("name", "description", "location_name", "street", "city", "hours_note"):
            self.fields[name].widget.attrs["dir"] = "auto"

    def clean_plz(self) -> str:
        plz: str = self.cleaned_data["plz"]
        if postal_code_lookup(plz) is None:
            raise ValidationError(
                _("We do not know the postcode %(plz)s. Please check it."),
                code="unknown_plz",
                params={"plz": plz},
            )
        return plz

    def clean_opening_hours(self) -> list[Slot]:
        return parse_opening_hours(self.cleaned_data.get("opening_hours") or "")

    def service_input(self) -> ServiceInput:
        data = self.cleaned_data
        return ServiceInput(
            fields={
                name: data[name]
                for name in (
                    "name",
                    "description",
                    "location_name",
                    "street",
                    "plz",
                    "city",
                    "by_appointment_only",
                    "hours_note",
                    "phone",
                    "email",
                    "website",
                    "remote",
                    "step_free_access",
                    "accessible_toilet",
                )
            },
            topics=tuple(data["topics"]),
            audiences=tuple(data["audiences"]),
            languages=tuple(data["languages"]),
            hours=tuple(data["opening_hours"]),
        )


class ServiceImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, comma or semicolon separated, at most 2 MB. See the column list below."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."), code="too_large")
        raw = upload.read(MAX_IMPORT_BYTES + 1)
        if b"\x00" in raw:
            raise ValidationError(_("This is not a CSV text file."), code="not_text")
        try:
            return str(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise ValidationError(
                _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."),
                code="encoding",
            ) from None
