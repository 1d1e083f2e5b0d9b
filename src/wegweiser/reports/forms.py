"""Forms of the reports app: choose network and period, annotate, send."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegweiser.network.models import Network
from wegweiser.reports.constants import MAX_PERIOD_DAYS, MAX_RECIPIENTS, NOTE_MAX_LENGTH, Section
from wegweiser.reports.selectors import Period, last_month, month_period

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodForm(forms.Form):
    """A network and either a month (YYYY-MM) or a period from–until; default: last month."""

    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    month = forms.CharField(
        label=_("Month"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("Or choose a period below."),
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = networks
        field.empty_label = None

    def clean_month(self) -> str:
        value: str = self.cleaned_data.get("month") or ""
        if value:
            match = _MONTH.match(value)
            if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
                raise ValidationError(_("Enter a month as YYYY-MM."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end, month = data.get("start"), data.get("end"), data.get("month")
        if month:
            year, number = (int(p) for p in month.split("-"))
            data["period"] = month_period(year, number)
        elif start or end:
            if not (start and end):
                raise ValidationError(_("Give both the start and the end of the period."))
            if end < start:
                raise ValidationError(_("The period must end after it starts."))
            if (end - start).days + 1 > MAX_PERIOD_DAYS:
                raise ValidationError(_("A report covers at most one year."))
            data["period"] = Period(start, end)
        elif not self.errors:
            data["period"] = last_month()
        return data


def period_query(network: Network, period: Period) -> str:
    return f"network={network.pk}&start={period.start:%Y-%m-%d}&end={period.end:%Y-%m-%d}"


class AnnotationForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in Section:
            self.fields[f"note_{section.value}"] = forms.CharField(
                label=_("Note on “%(section)s”") % {"section": section.label},
                required=False,
                max_length=NOTE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def initial_for(summary: str, notes: dict[str, str]) -> dict[str, str]:
        return {"summary": summary} | {f"note_{k}": v for k, v in notes.items()}

    def notes(self) -> dict[str, str]:
        return {s.value: self.cleaned_data.get(f"note_{s.value}", "") for s in Section}


class SendForm(forms.Form):
    recipients = forms.CharField(
        label=_("E-mail addresses"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One or more addresses, separated by commas or line breaks."),
    )

    def clean_recipients(self) -> list[str]:
        raw: str = self.cleaned_data["recipients"]
        if "\x00" in raw:
            raise ValidationError(_("Enter valid e-mail addresses."))
        addresses = [a.strip() for a in re.split(r"[,;\s]+", raw) if a.strip()]
        if not addresses:
            raise ValidationError(_("Enter at least one e-mail address."))
        if len(addresses) > MAX_RECIPIENTS:
            raise ValidationError(
                _("Send to at most %(n)d addresses at once.") % {"n": MAX_RECIPIENTS}
            )
        bad = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                bad.append(address[:80])
        if bad:
            raise ValidationError(
                _("These are not valid e-mail addresses: %(list)s") % {"list": ", ".join(bad)}
            )
        return addresses
