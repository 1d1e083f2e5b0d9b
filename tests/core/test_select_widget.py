"""The inline select template renders exactly what Django's own template renders."""

from __future__ import annotations

import re

from django import forms
from django.forms.renderers import DjangoTemplates

from wegweiser.core.forms import FormRenderer


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_select_matches_django_markup_with_groups_selection_and_escaping():
    widget = forms.Select(
        attrs={"id": "id_district", "aria-describedby": "hint"},
        choices=[
            ("", "— all —"),
            ("Magdeburg", "Magdeburg"),
            ("Sachsen", [("Leipzig", "Leipzig"), ("Chemnitz & Umland", 'Chemnitz "Süd"')]),
        ],
    )
    ours = widget.render("district", "Chemnitz & Umland", renderer=FormRenderer())
    django = widget.render("district", "Chemnitz & Umland", renderer=DjangoTemplates())
    assert squeeze(ours) == squeeze(django)
    assert 'value="Chemnitz &amp; Umland" selected' in ours


def test_multiple_select_marks_every_chosen_option():
    widget = forms.SelectMultiple(choices=[("a", "A"), ("b", "B"), ("c", "C")])
    ours = widget.render("x", ["a", "c"], renderer=FormRenderer())
    assert squeeze(ours) == squeeze(widget.render("x", ["a", "c"], renderer=DjangoTemplates()))
    assert ours.count(" selected") == 2
