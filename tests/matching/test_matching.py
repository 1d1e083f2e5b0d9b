"""The matching adapter, the explanation sentences, the try page and its permissions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

import matching_engine as me
from tests.jobs.conftest import HALLE, MAGDEBURG, MUENCHEN, make_offer
from wegweiser.jobs.models import Offer
from wegweiser.matching import explain
from wegweiser.matching.adapter import CandidateInput, engine_offer, offer_matrix
from wegweiser.matching.selectors import candidates_for_offer, offers_for_profile

pytestmark = pytest.mark.django_db


def profile(**changes: Any) -> CandidateInput:
    data: dict[str, Any] = {
        "latitude": MAGDEBURG[0],
        "longitude": MAGDEBURG[1],
        "occupations": ("26212",),
        "german": "A2",
        "radius_km": 100.0,
    } | changes
    return CandidateInput(**data)


def test_offer_matrix_is_built_in_one_query_and_skips_unmatchable(world, django_assert_num_queries):
    make_offer(world.company, licences=["B", "CE"], start_date=None)
    make_offer(world.company, coordinates=None, plz="01067")  # no coordinates
    with django_assert_num_queries(1):
        matrix = offer_matrix(Offer.objects.all())
    assert len(matrix) == 1
    assert int(matrix.licences[0]) == int(me.Licence.B | me.Licence.CE)
    assert int(matrix.kldb[0]) == 26212
    assert int(matrix.german_min[0]) == int(me.GermanLevel.B1)


def test_offers_for_profile_ranks_explains_and_counts(world):
    near = make_offer(world.company, title="Nah", german_min="A2")
    far = make_offer(world.company, title="Halle", coordinates=HALLE, plz="06108")
    make_offer(world.company, title="Entwurf", publish=False)
    make_offer(world.foreign, title="Fremd", coordinates=MUENCHEN, plz="80331")
    with translation.override("en"):
        result = offers_for_profile(actor=world.counsellor, profile=profile(), top_k=5)
    assert [s.offer.pk for s in result.suggestions] == [near.pk, far.pk]
    first = result.suggestions[0]
    assert "Exactly the occupation asked for." in first.sentences
    assert "0 km" in first.sentences
    second = result.suggestions[1]
    assert "A2 where B1 is asked." in second.sentences
    assert "76 km" in second.sentences
    assert [c.factor for c in first.contributions] == list(me.FACTORS)
    assert result.considered == 2  # the draft and the foreign network's offer are not seen
    assert result.fitting == 1
    assert "With German B1, 1 more offer would fit." in result.what_would_help


def test_sentences_are_translated_to_german():
    reasons = [
        me.Reason(
            me.ReasonCode.OCCUPATION_SAME_GROUP,
            {"offer": "26212", "wanted": "26222", "group": "262"},
        ),
        me.Reason(
            me.ReasonCode.GERMAN_BELOW_MINIMUM, {"have": "B1", "need": "B2", "levels_below": 1}
        ),
        me.Reason(me.ReasonCode.DISTANCE_KM, {"km": 23, "radius_km": 25.0}),
        me.Reason(me.ReasonCode.PERMISSION_NEEDED, {}),
    ]
    suggestion = me.Suggestion(me.SuggestionCode.GERMAN_LEVEL, 14, {"level": "B2"})
    with translation.override("de"):
        sentences = [explain.reason_sentence(r) for r in reasons]
        help_text = explain.suggestion_sentence(suggestion)
    assert sentences == [
        "Gleiche Berufsgruppe (262).",
        "B1, wo B2 verlangt wird.",
        "23 km",
        "Die Arbeitserlaubnis muss von der Ausländerbehörde genehmigt werden.",
    ]
    assert help_text == "Mit Deutsch B2 würden 14 weitere Angebote passen."
    with translation.override("en"):
        assert explain.suggestion_sentence(suggestion) == (
            "With German B2, 14 more offers would fit."
        )


def test_every_reason_code_has_a_sentence():
    assert set(explain.SENTENCES) == set(me.ReasonCode)


def test_candidates_for_offer_uses_the_ids_given(world):
    offer = make_offer(world.company, german_min="")
    result = candidates_for_offer(
        offer=offer,
        candidates=[
            profile(id=7),
            profile(id=8, latitude=MUENCHEN[0], longitude=MUENCHEN[1]),  # beyond the radius
            profile(id=9, occupations=("29302",)),
        ],
    )
    assert [c.candidate.id for c in result] == [7, 9]
    assert engine_offer(offer).kldb == "26212"


MATRIX = {
    "coordinator": 200,
    "counsellor": 200,
    "staff": 200,
    "org_admin": 404,
    "employer": 404,
    "other_admin": 404,
    "foreign_admin": 404,
    "funder": 404,
    "outsider": 404,
}


@pytest.mark.parametrize("role", [*MATRIX, None])
def test_try_page_permissions(world, client_for, role):
    client = client_for(getattr(world, role) if role else None)
    response = client.get(reverse("matching:matching_try"))
    if role is None:
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == MATRIX[role]


def try_data(**changes):
    return {
        "occupation_1": "26212",
        "plz": "39104",
        "radius_km": "100",
        "german": "A2",
        "availability": "both",
        "permission": "needs_permission",
    } | changes


def test_try_page_shows_explained_offers(world, client_for):
    make_offer(world.company, title="Elektro-Ausbildung", german_min="A2")
    response = client_for(world.counsellor).post(
        reverse("matching:matching_try"), try_data(), HTTP_ACCEPT_LANGUAGE="de"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Elektro-Ausbildung" in content
    assert "Die Arbeitserlaubnis muss von der Ausländerbehörde genehmigt werden." in content


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"plz": "12"}, "plz"),
        ({"plz": "99999"}, "plz"),  # no coordinates known
        ({"occupation_1": "00000"}, "occupation_1"),
        ({"radius_km": "0"}, "radius_km"),
        ({"german": "X9"}, "german"),
    ],
)
def test_try_page_bad_input(world, client_for, changes, field):
    make_offer(world.company)
    response = client_for(world.counsellor).post(
        reverse("matching:matching_try"), try_data(**changes)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors


@pytest.mark.parametrize("count", [2, 9])
def test_try_page_has_a_fixed_query_count(world, client_for, django_assert_num_queries, count):
    for index in range(count):
        make_offer(world.company, title=f"Angebot {index}", start_date=dt.date(2099, 1, 1))
    client = client_for(world.counsellor)
    client.get(reverse("matching:matching_try"))
    with django_assert_num_queries(12):
        response = client.post(reverse("matching:matching_try"), try_data())
    assert len(response.context["result"].suggestions) == count
