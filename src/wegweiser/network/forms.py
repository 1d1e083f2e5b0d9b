from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from wegweiser.core.places import Bundesland
from wegweiser.network.constants import (
    MembershipStatus,
    OrganisationType,
    RoleKind,
    Sector,
    SizeBand,
    SponsorshipKind,
)
from wegweiser.network.models import (
    AmbassadorTerm,
    MemberProject,
    Network,
    Organisation,
    SocialMediaSlot,
    Sponsorship,
)
from wegweiser.network.services import ORGANISATION_EDITABLE_FIELDS


def _with_all(choices: Any, label: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=100, help_text=_("Name, city or postcode")
    )
    bundesland = forms.ChoiceField(
        label=_("Federal state"),
        required=False,
        choices=_with_all(Bundesland.choices, _("All states")),
    )
    org_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=_with_all(OrganisationType.choices, _("All types"))
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=_with_all(Sector.choices, _("All sectors"))
    )
    size_band = forms.ChoiceField(
        label=_("Size"), required=False, choices=_with_all(SizeBand.choices, _("All sizes"))
    )


class OrganisationForm(forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ORGANISATION_EDITABLE_FIELDS


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, allowed_roles: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed_roles is not None:
            role_field = self.fields["role"]
            assert isinstance(role_field, forms.ChoiceField)
            role_field.choices = [c for c in RoleKind.choices if c[0] in allowed_roles]


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=_("At least 12 characters; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Repeat password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    def __init__(self, *args: Any, email: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords do not match."))
        elif password1:
            try:
                password_validation.validate_password(password1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


# --- Members and ambassadors ----------------------------------------------------------------


class DirectoryFilterForm(OrganisationFilterForm):
    """The directory's filters plus district (and, for coordinators, membership status)."""

    district = forms.ChoiceField(label=_("District"), required=False, choices=[])
    status = forms.ChoiceField(
        label=_("Membership"),
        required=False,
        choices=_with_all(MembershipStatus.choices, _("All statuses")),
    )

    def __init__(
        self,
        *args: Any,
        districts: list[str] | None = None,
        with_status: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        district_field = self.fields["district"]
        assert isinstance(district_field, forms.ChoiceField)
        district_field.choices = _with_all([(d, d) for d in districts or []], _("All districts"))
        if not with_status:
            del self.fields["status"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MembershipCreateForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (MembershipStatus.MEMBER, MembershipStatus.MEMBER.label),
            (MembershipStatus.PROSPECT, MembershipStatus.PROSPECT.label),
        ],
    )
    joined_on = forms.DateField(label=_("Joined"), required=False, widget=DateInput())

    def __init__(self, *args: Any, networks: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network_field = self.fields["network"]
        assert isinstance(network_field, forms.ModelChoiceField)
        network_field.queryset = networks if networks is not None else Network.objects.none()


class MembershipStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=MembershipStatus.choices)
    on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=DateInput(),
        help_text=_("Joining or leaving date; today if empty."),
    )


class ProjectForm(forms.ModelForm[MemberProject]):
    class Meta:
        model = MemberProject
        fields = ("title", "summary", "status", "starts_on", "ends_on")
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class SponsorshipForm(forms.ModelForm[Sponsorship]):
    class Meta:
        model = Sponsorship
        fields = (
            "kind",
            "description",
            "places",
            "places_filled",
            "starts_on",
            "ends_on",
            "status",
        )
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class NetworkChoiceForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())

    def __init__(self, *args: Any, networks: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        network_field = self.fields["network"]
        assert isinstance(network_field, forms.ModelChoiceField)
        network_field.queryset = networks if networks is not None else Network.objects.none()


class WorkFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[])

    def __init__(self, *args: Any, statuses: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = _with_all(statuses, _("All statuses"))


class SponsorshipFilterForm(WorkFilterForm):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_with_all(SponsorshipKind.choices, _("All kinds"))
    )


class AppointForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Member organisation"), queryset=Organisation.objects.none()
    )
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    region = forms.CharField(label=_("Region"), max_length=100)
    topics = forms.CharField(
        label=_("Topics"),
        max_length=300,
        required=False,
        help_text=_("Separate topics with commas."),
    )
    starts_on = forms.DateField(label=_("Term starts"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Term ends"),
        required=False,
        widget=DateInput(),
        help_text=_("Eight months after the start if empty."),
    )

    def __init__(
        self, *args: Any, organisations: Any = None, networks: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (("organisation", organisations), ("network", networks)):
            choice_field = self.fields[name]
            assert isinstance(choice_field, forms.ModelChoiceField)
            choice_field.queryset = queryset


class ExtendForm(forms.Form):
    until = forms.DateField(label=_("New end of term"), widget=DateInput())


class EndTermForm(forms.Form):
    on = forms.DateField(label=_("Last day of the term"), widget=DateInput())


class HandoverForm(forms.Form):
    successor = forms.ModelChoiceField(label=_("Successor"), queryset=Organisation.objects.none())
    starts_on = forms.DateField(label=_("Successor starts"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Successor's term ends"),
        required=False,
        widget=DateInput(),
        help_text=_("Eight months after the start if empty."),
    )
    notes = forms.CharField(
        label=_("Handover notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_("What the successor should know: contacts, plans, open promises."),
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        successor_field = self.fields["successor"]
        assert isinstance(successor_field, forms.ModelChoiceField)
        successor_field.queryset = organisations


class HandoverNotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Handover notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
    )


class SlotPlanForm(forms.Form):
    periods = forms.IntegerField(
        label=_("Number of 14-day slots"), min_value=1, max_value=52, initial=6
    )
    start = forms.DateField(
        label=_("First slot starts"),
        required=False,
        widget=DateInput(),
        help_text=_("Only used when the calendar is empty; otherwise slots follow the last one."),
    )


class SlotChoiceField(forms.ModelChoiceField[SocialMediaSlot]):
    def label_from_instance(self, obj: SocialMediaSlot) -> str:
        return f"{obj.starts_on:%d.%m.%Y} – {obj.ends_on:%d.%m.%Y}: {obj.term.organisation.name}"


class TermChoiceField(forms.ModelChoiceField[AmbassadorTerm]):
    def label_from_instance(self, obj: AmbassadorTerm) -> str:
        return f"{obj.organisation.name} – {obj.region}"


class SlotSwapForm(forms.Form):
    other = SlotChoiceField(label=_("Swap with"), queryset=SocialMediaSlot.objects.none())

    def __init__(self, *args: Any, slots: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        other_field = self.fields["other"]
        assert isinstance(other_field, forms.ModelChoiceField)
        other_field.queryset = slots


class NewsForm(forms.Form):
    term = TermChoiceField(label=_("As ambassador"), queryset=AmbassadorTerm.objects.none())
    title = forms.CharField(
        label=_("Title"), max_length=150, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    text = forms.CharField(
        label=_("Report"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_("A short report from practice, at most 3,000 characters."),
    )
    image = forms.FileField(
        label=_("Image"),
        required=False,
        help_text=_("Optional: PNG or JPEG, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    image_alt = forms.CharField(
        label=_("Image description"),
        max_length=200,
        required=False,
        help_text=_("Needed with an image: what it shows, for people who cannot see it."),
    )

    def __init__(self, *args: Any, terms: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        term_field = self.fields["term"]
        assert isinstance(term_field, forms.ModelChoiceField)
        term_field.queryset = terms
