"""Forms of the participants app. Each lists its fields; uploads are checked on content."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import User
from wegweiser.core.forms import OccupationField
from wegweiser.core.models import Occupation
from wegweiser.core.places import validate_plz
from wegweiser.network.models import Organisation
from wegweiser.participants.constants import (
    MAX_UPLOAD_BYTES,
    Availability,
    ConsentMethod,
    ConsentPurpose,
    DrivingLicence,
    FieldGroup,
    GermanLevel,
    LanguageCode,
    LeaveReason,
    ParticipantStatus,
    RecognitionStatus,
    ResidenceStatus,
    WorkPermission,
)
from wegweiser.participants.models import MilestoneType

_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def sniff_upload(upload: UploadedFile[Any]) -> str:
    """The content type by the file's first bytes; refuses anything but PDF, PNG, JPEG."""
    if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in _SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    raise ValidationError(_("Upload a PDF, PNG or JPEG file."))


def _clean_text(value: str) -> str:
    # Zero-width and bidi control characters carry no meaning in a name or note.
    return "".join(
        c for c in value if c not in "\u200b\u200c\u200d\u2060\ufeff\u202e\u202d"
    ).strip()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ParticipantForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address = forms.CharField(
        label=_("Address"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LanguageCode.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    german_level = forms.ChoiceField(
        label=_("German level (CEFR)"), choices=[("", "–"), *GermanLevel.choices], required=False
    )
    german_certificate = forms.CharField(
        label=_("German certificate"), max_length=120, required=False
    )
    german_certificate_on = forms.DateField(
        label=_("Certificate date"), required=False, widget=DateInput()
    )
    country_of_origin = forms.CharField(
        label=_("Country of origin"), max_length=100, required=False
    )
    residence_status = forms.ChoiceField(
        label=_("Residence status"), choices=[("", "–"), *ResidenceStatus.choices], required=False
    )
    residence_valid_until = forms.DateField(
        label=_("Residence permit valid until"), required=False, widget=DateInput()
    )
    work_permission = forms.ChoiceField(
        label=_("Work permission"),
        choices=[("", _("As the residence status implies")), *WorkPermission.choices],
        required=False,
    )
    plz = forms.CharField(
        label=_("Postcode"), max_length=5, required=False, validators=[validate_plz]
    )
    travel_radius_km = forms.IntegerField(
        label=_("Travel radius (km)"), min_value=0, max_value=500, initial=25
    )
    driving_licences = forms.MultipleChoiceField(
        label=_("Driving licences"),
        choices=DrivingLicence.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.ChoiceField(
        label=_("Availability"), choices=[("", "–"), *Availability.choices], required=False
    )
    childcare_constraints = forms.CharField(
        label=_("Childcare and other constraints"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    desired_occupations = forms.CharField(
        label=_("Desired occupations (KldB codes)"),
        required=False,
        max_length=200,
        help_text=_("Five-digit KldB 2010 codes separated by commas, e.g. 29302, 52122."),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[Organisation] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Counselling project"), queryset=organisations, empty_label=None
            )
            self.order_fields(["organisation"])

    def clean_first_name(self) -> str:
        return _clean_text(self.cleaned_data["first_name"])

    def clean_last_name(self) -> str:
        value = _clean_text(self.cleaned_data["last_name"])
        if not value:
            raise ValidationError(_("Enter the last name."))
        return value

    def clean_date_of_birth(self) -> Any:
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise ValidationError(_("The date of birth cannot lie in the future."))
        return value

    def clean_desired_occupations(self) -> list[str]:
        raw = self.cleaned_data.get("desired_occupations") or ""
        codes = sorted({c.strip() for c in raw.replace(";", ",").split(",") if c.strip()})
        if len(codes) > 10:
            raise ValidationError(_("Choose at most ten occupations."))
        known = set(
            Occupation.objects.filter(code__in=codes, level=5).values_list("code", flat=True)
        )
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise ValidationError(
                _("Unknown KldB occupation codes: %(codes)s") % {"codes": ", ".join(unknown)}
            )
        return codes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("work_permission"):
            data.pop("work_permission", None)
        return data


class PortalProfileForm(forms.Form):
    first_name = ParticipantForm.base_fields["first_name"]
    last_name = ParticipantForm.base_fields["last_name"]
    email = ParticipantForm.base_fields["email"]
    phone = ParticipantForm.base_fields["phone"]
    address = ParticipantForm.base_fields["address"]
    languages = ParticipantForm.base_fields["languages"]
    plz = ParticipantForm.base_fields["plz"]
    travel_radius_km = ParticipantForm.base_fields["travel_radius_km"]
    driving_licences = ParticipantForm.base_fields["driving_licences"]
    availability = ParticipantForm.base_fields["availability"]
    childcare_constraints = ParticipantForm.base_fields["childcare_constraints"]

    clean_first_name = ParticipantForm.clean_first_name
    clean_last_name = ParticipantForm.clean_last_name


class QualificationForm(forms.Form):
    title = forms.CharField(label=_("Qualification"), max_length=200)
    country = forms.CharField(label=_("Country where obtained"), max_length=100, required=False)
    occupation = OccupationField(label=_("Reference occupation (KldB)"), required=False)
    recognition_status = forms.ChoiceField(
        label=_("Recognition"), choices=RecognitionStatus.choices
    )
    recognition_decided_on = forms.DateField(
        label=_("Decided on"), required=False, widget=DateInput()
    )

    def clean_occupation(self) -> Occupation | None:
        code = self.cleaned_data.get("occupation") or ""
        return Occupation.objects.filter(code=code, level=5).first() if code else None


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    recipient = forms.ModelChoiceField(
        label=_("Receiving organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Needed when the case is shared with a named organisation."),
    )
    scope = forms.MultipleChoiceField(
        label=_("What it covers"), choices=FieldGroup.choices, widget=forms.CheckboxSelectMultiple
    )
    valid_from = forms.DateField(
        label=_("Valid from"), widget=DateInput(), initial=timezone.localdate
    )
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())
    method = forms.ChoiceField(
        label=_("How it was given"),
        choices=[
            (ConsentMethod.SIGNED_FORM, ConsentMethod.SIGNED_FORM.label),
            (ConsentMethod.IN_PERSON, ConsentMethod.IN_PERSON.label),
        ],
    )
    witnessed_by = forms.ModelChoiceField(
        label=_("Given in person to"), queryset=User.objects.none(), required=False
    )
    form_file = forms.FileField(
        label=_("Signed form (PDF, PNG or JPEG, up to 5 MB)"), required=False
    )

    def __init__(
        self,
        *args: Any,
        recipients: QuerySet[Organisation],
        staff: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients  # type: ignore[attr-defined]
        self.fields["witnessed_by"].queryset = staff  # type: ignore[attr-defined]

    def clean_form_file(self) -> Any:
        upload = self.cleaned_data.get("form_file")
        if upload:
            self.content_type = sniff_upload(upload)
        return upload


class MilestoneForm(forms.Form):
    milestone_type = forms.ModelChoiceField(
        label=_("Milestone"), queryset=MilestoneType.objects.none(), empty_label=None
    )
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    leave_reason = forms.ChoiceField(
        label=_("Reason for leaving"),
        choices=[("", "–"), *LeaveReason.choices],
        required=False,
        help_text=_("Only when the participant leaves the programme."),
    )
    note = forms.CharField(
        label=_("Note"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = forms.FileField(label=_("Evidence (PDF, PNG or JPEG, up to 5 MB)"), required=False)

    def __init__(self, *args: Any, types: QuerySet[MilestoneType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestone_type"].queryset = types  # type: ignore[attr-defined]

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload:
            self.content_type = sniff_upload(upload)
        return upload


class ReferralForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Receiving organisation"), queryset=Organisation.objects.none()
    )
    field_groups = forms.MultipleChoiceField(
        label=_("What to pass on"), choices=FieldGroup.choices, widget=forms.CheckboxSelectMultiple
    )
    summary = forms.CharField(
        label=_("Handover summary"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    override_reason = forms.CharField(
        label=_("Reason for an override (only without consent)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A coordinator must approve an override. Both steps are logged."),
    )

    def __init__(self, *args: Any, targets: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = targets  # type: ignore[attr-defined]


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Task"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=DateInput())


class EraseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the erasure"), max_length=500)


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label=_("Code or exact name"), max_length=100, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("All")),
            (ParticipantStatus.ACTIVE, ParticipantStatus.ACTIVE.label),
            (ParticipantStatus.LEFT, ParticipantStatus.LEFT.label),
        ],
        required=False,
    )
    german_level = forms.ChoiceField(
        label=_("German level"), choices=[("", _("All")), *GermanLevel.choices], required=False
    )


class MilestoneTypeForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=60)
    label_de = forms.CharField(label=_("Name in German"), max_length=120)
    label_en = forms.CharField(label=_("Name in English"), max_length=120)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, initial=200)


class PortalAcceptForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput, min_length=12, max_length=128
    )
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput, max_length=128
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            raise ValidationError(_("The two passwords differ."))
        if data.get("password1"):
            from django.contrib.auth.password_validation import validate_password

            validate_password(data["password1"])
        return data
