"""Form rendering (one accessible field template) and the fields every app shares."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import Occupation


class FormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class OccupationInput(forms.TextInput):
    """A text input that suggests KldB occupations while typing (htmx fills a datalist)."""

    template_name = "core/forms/widgets/occupation.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["search_url"] = reverse("core:occupation_search")
        return context

    def format_value(self, value: Any) -> str | None:
        if value and isinstance(value, str) and value.isdigit() and len(value) == 5:
            occupation = Occupation.objects.filter(code=value).first()
            if occupation:
                return f"{occupation.code} {occupation.title}"
        formatted: str | None = super().format_value(value)
        return formatted


class OccupationField(forms.CharField):
    """Accepts "26212", or "26212 Berufe in der Bauelektrik …" as chosen from the suggestions;
    cleans to the five-digit KldB code of an existing occupation."""

    widget = OccupationInput
    default_error_messages = {
        "invalid": _(
            "Choose an occupation from the suggestions or enter its five-digit KldB code."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault(
            "help_text", _("Type a job title, e.g. “Elektro”, and choose from the suggestions.")
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = str(super().clean(value) or "").strip()
        if not text:
            return ""
        code = text.split()[0]
        if not (len(code) == 5 and code.isdigit()):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not Occupation.objects.filter(code=code, level=5).exists():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return code


def error_text(error: Exception) -> str:
    """A service's refusal as one line for a form: all messages of a ValidationError."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
