from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.knowledge.constants import (
    TRANSLATION_LANGUAGES,
    ArticleKind,
    ArticleLanguage,
    Audience,
    Topic,
    Visibility,
)


def _with_all(choices: Any, label: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class ArticleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in German, e.g. Ausbildung or Anerkennung"),
    )
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=_with_all(Topic.choices, _("All topics"))
    )
    audience = forms.ChoiceField(
        label=_("For"), required=False, choices=_with_all(Audience.choices, _("Everyone"))
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_with_all(ArticleKind.choices, _("All kinds"))
    )


class ArticleForm(forms.Form):
    """Settings and German text of an article (the organisation only when it is created)."""

    organisation = forms.TypedChoiceField(label=_("Published by"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind"), choices=ArticleKind.choices)
    visibility = forms.ChoiceField(
        label=_("Visible to"), choices=Visibility.choices, initial=Visibility.MEMBERS
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.MultipleChoiceField(
        label=_("Written for"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 16, "dir": "auto"}),
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )

    def __init__(
        self, *args: Any, organisations: list[tuple[int, str]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        title = self.fields["title"]
        title.widget.attrs["dir"] = "auto"
        if organisations is None:
            del self.fields["organisation"]
        else:
            field = self.fields["organisation"]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = organisations


class TranslationForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    body = forms.CharField(
        label=_("Text"), max_length=50_000, widget=forms.Textarea(attrs={"rows": 16, "dir": "auto"})
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What should be changed?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )


class TranslatorProfileForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("I translate into"),
        required=False,
        choices=[(c, ArticleLanguage(c).label) for c in TRANSLATION_LANGUAGES],
        widget=forms.CheckboxSelectMultiple,
    )
