"""KldB 2010 occupations: shipped data, search, and the picker field."""

from __future__ import annotations

import pytest
from django import forms

from wegweiser.core.forms import OccupationField
from wegweiser.core.models import Occupation
from wegweiser.core.occupations import read_kldb_rows
from wegweiser.core.selectors import occupation_search

pytestmark = pytest.mark.django_db


def test_the_whole_classification_is_loaded_with_padded_codes():
    assert Occupation.objects.count() == len(read_kldb_rows()) == 2195
    assert Occupation.objects.filter(level=5).count() == 1301
    military = Occupation.objects.get(code="01104")
    assert military.level == 5
    assert Occupation.objects.get(code="011").level == 3
    assert Occupation.objects.get(code="26212").requirement_level == 2


def test_search_by_words_and_by_code():
    titles = [o.title for o in occupation_search(query="Bauelektrik fachlich")]
    assert titles == ["Berufe in der Bauelektrik – fachlich ausgerichtete Tätigkeiten"]
    assert {o.code for o in occupation_search(query="2621")} == {"26212", "26213"}
    assert occupation_search(query="") == []


def test_search_view_returns_options_for_signed_in_people(world, client_for):
    html = client_for(world.staff).get("/occupations/", {"q": "Bauelektrik"}).content.decode()
    assert '<option value="26212 Berufe in der Bauelektrik' in html
    assert client_for(None).get("/occupations/", {"q": "Bau"}).status_code == 302


class _Form(forms.Form):
    occupation = OccupationField()


@pytest.mark.parametrize(
    ("value", "valid", "code"),
    [
        ("26212", True, "26212"),
        ("26212 Berufe in der Bauelektrik – fachlich", True, "26212"),
        ("2621", False, None),
        ("99999", False, None),
        ("Elektriker", False, None),
        ("011", False, None),
    ],
)
def test_picker_field_accepts_only_existing_five_digit_codes(value, valid, code):
    form = _Form({"occupation": value})
    assert form.is_valid() is valid
    if valid:
        assert form.cleaned_data["occupation"] == code
    else:
        assert "KldB" in str(form.errors["occupation"])
