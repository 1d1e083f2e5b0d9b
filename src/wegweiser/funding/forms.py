from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.funding.constants import Answer, Education, EmploymentStatus, Sex
from wegweiser.funding.indicators import FOLLOW_UP_FLAGS, RESULT_FLAGS, Period
from wegweiser.network.models import Network, Organisation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    name = forms.CharField(label=_("Name"), max_length=200)
    funding_reference = forms.CharField(label=_("Funding reference"), max_length=100)
    starts_on = forms.DateField(label=_("Funding starts"), widget=DateInput())
    ends_on = forms.DateField(label=_("Funding ends"), widget=DateInput())
    organisations = forms.ModelMultipleChoiceField(
        label=_("Run by (counselling projects)"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self,
        *args: Any,
        networks: QuerySet[Network],
        organisations: QuerySet[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        network_field = self.fields["network"]
        organisation_field = self.fields["organisations"]
        assert isinstance(network_field, forms.ModelChoiceField)
        assert isinstance(organisation_field, forms.ModelMultipleChoiceField)
        network_field.queryset = networks
        organisation_field.queryset = organisations

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The funding period must end after it starts."))
        return data


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args: Any, grid: list[Period], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(p.key, p.label) for p in grid]


def _answer(label: Any, required_hint: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, choices=[("", _("Not asked yet")), *Answer.choices]
    )


class EntryForm(forms.Form):
    participant = forms.ChoiceField(label=_("Participant (pseudonymous code)"))
    entry_on = forms.DateField(
        label=_("Entry date"), widget=DateInput(), initial=timezone.localdate
    )
    contact_hours = forms.DecimalField(
        label=_("Hours of support so far"),
        min_value=0,
        max_value=9999,
        decimal_places=1,
        initial=0,
        help_text=_("Contacts under 8 hours count as short contacts, not in the indicators."),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), required=False, choices=[("", _("Not asked yet")), *Sex.choices]
    )
    employment_status = forms.ChoiceField(
        label=_("Employment status at entry"),
        required=False,
        choices=[("", _("Not asked yet")), *EmploymentStatus.choices],
    )
    education = forms.ChoiceField(
        label=_("Education (ISCED)"),
        required=False,
        choices=[("", _("Not asked yet")), *Education.choices],
    )
    rural = _answer(_("Lives in a rural area"))
    disability = _answer(_("Disability"))
    third_country_national = _answer(_("Third-country national"))
    foreign_background = _answer(_("Foreign background"))
    homeless = _answer(_("Homeless or affected by housing exclusion"))
    complete = forms.BooleanField(
        label=_("The entry questionnaire is complete"),
        required=False,
        help_text=_(
            "Sex, date of birth, employment status, education and rural area are required."
        ),
    )

    def __init__(self, *args: Any, participants: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if participants is None:
            del self.fields["participant"]
        else:
            field = self.fields["participant"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "–"), *((str(p.pk), p.code) for p in participants)]


class ExitForm(forms.Form):
    exit_on = forms.DateField(label=_("Exit date"), widget=DateInput(), initial=timezone.localdate)
    contact_hours = forms.DecimalField(
        label=_("Hours of support in total"), min_value=0, max_value=9999, decimal_places=1
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in RESULT_FLAGS.items():
            self.fields[key] = forms.BooleanField(label=label, required=False)


class FollowUpForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in FOLLOW_UP_FLAGS.items():
            self.fields[key] = forms.BooleanField(label=label, required=False)
