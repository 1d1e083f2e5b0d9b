from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import ApiTokenScope


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=2000)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “CRM sync”.")
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=ApiTokenScope.choices)
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=730, initial=365
    )
