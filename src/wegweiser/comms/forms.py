"""Forms of the newsletter (rendered through the core form renderer)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegweiser.comms.constants import SOURCE_LANGUAGE, Audience, Section
from wegweiser.comms.selectors import default_period
from wegweiser.network.constants import RoleKind
from wegweiser.network.models import Network

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
VARIANT_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=settings.LANGUAGES)


class ComposeForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    period_start = forms.DateField(label=_("News from"), widget=DATE_WIDGET)
    period_end = forms.DateField(label=_("News until"), widget=DATE_WIDGET)
    audience = forms.ChoiceField(
        label=_("Audience"), choices=Audience.choices, initial=Audience.PUBLIC
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        required=False,
        help_text=_("Leave empty for a subject made from the network and the period."),
    )

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        start, end = default_period()
        kwargs.setdefault("initial", {"period_start": start, "period_end": end})
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = networks
        if networks.count() == 1:
            field.initial = networks.first()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end on or after its first day."))
        return data


class SubjectForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)


class ItemForm(forms.Form):
    section = forms.ChoiceField(label=_("Section"), choices=Section.choices, initial=Section.OTHER)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), max_length=5000, required=False, widget=forms.Textarea)
    link = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, name in VARIANT_LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": name},
                max_length=200,
                required=False,
            )
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Text in %(language)s") % {"language": name},
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Optional. Empty: the German text is shown."),
            )

    @staticmethod
    def initial_for(item: Any) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "section": item.section,
            "title": item.title,
            "text": item.text,
            "link": item.link,
        }
        for code, _name in VARIANT_LANGUAGES:
            variant = (item.variants or {}).get(code) or {}
            initial[f"title_{code}"] = variant.get("title", "")
            initial[f"text_{code}"] = variant.get("text", "")
        return initial

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        variants = {
            code: {"title": data.get(f"title_{code}", ""), "text": data.get(f"text_{code}", "")}
            for code, _name in VARIANT_LANGUAGES
        }
        return {
            "section": data["section"],
            "title": data["title"],
            "text": data.get("text", ""),
            "link": data.get("link", ""),
            "variants": variants,
        }


INVITABLE_ROLES = [(kind.value, kind.label) for kind in RoleKind if kind not in (RoleKind.FUNDER,)]


class InviteForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    kind = forms.ChoiceField(label=_("Everyone holding the role"), choices=INVITABLE_ROLES)

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = networks
