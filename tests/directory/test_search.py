"""Distance search: the bounding-box prefilter plus haversine equals a brute-force scan."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegweiser.core.models import PostalCode
from wegweiser.core.places import distance_km
from wegweiser.directory.constants import Language, Topic
from wegweiser.directory.models import Service
from wegweiser.directory.selectors import ServiceSearch, service_search
from wegweiser.directory.services import ServiceInput, service_create

pytestmark = pytest.mark.django_db


def _spread_services(organisation, count: int = 120) -> list[Service]:
    """Services at random places in and around Germany, with random topics and languages."""
    rng = random.Random(7)
    made = []
    for n in range(count):
        made.append(
            service_create(
                actor=None,
                organisation=organisation,
                data=ServiceInput(
                    fields={"name": f"Dienst {n}", "plz": "10115", "city": "Ort"},
                    topics=tuple(rng.sample(Topic.values, rng.randint(1, 3))),
                    languages=tuple(rng.sample(Language.values, rng.randint(1, 4))),
                    latitude=rng.uniform(47.2, 55.1),
                    longitude=rng.uniform(5.8, 15.1),
                ),
            )
        )
    return made


def test_radius_search_equals_brute_force_haversine(world, postcodes):
    services = _spread_services(world.counselling)
    # Archived services never show up.
    archived = services[0]
    Service.objects.filter(pk=archived.pk).update(
        status="archived", archived_at="2026-01-01T00:00Z"
    )
    active = list(Service.objects.filter(status="active").prefetch_related("attributes"))
    plzs = list(PostalCode.objects.values_list("plz", flat=True))

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        plz=st.sampled_from(plzs),
        radius=st.integers(min_value=1, max_value=200) | st.floats(min_value=1, max_value=200),
        topic=st.sampled_from(["", *Topic.values]),
        language=st.sampled_from(["", *Language.values]),
    )
    def check(plz, radius, topic, language):
        origin = PostalCode.objects.get(plz=plz)
        hits = service_search(
            ServiceSearch(origin=origin, radius_km=radius, topic=topic, language=language)
        )
        expected = {
            s.pk
            for s in active
            if distance_km(origin, s) <= radius
            and (not topic or topic in s.topics)
            and (not language or language in s.languages)
        }
        assert {h.service.pk for h in hits} == expected
        distances = [h.distance_km or 0.0 for h in hits]
        assert distances == sorted(distances)
        for hit in hits:
            assert hit.distance_km == pytest.approx(distance_km(origin, hit.service))

    check()


def test_search_without_postcode_lists_everything_by_name(world, make_service):
    make_service(world.counselling, name="Zeta")
    make_service(world.counselling, name="Alpha")
    hits = service_search(ServiceSearch())
    assert [h.service.name for h in hits] == ["Alpha", "Zeta"]
    assert all(h.distance_km is None for h in hits)


def test_language_and_topic_filters_combine(world, make_service):
    make_service(
        world.counselling, name="Dari Anerkennung", languages=["prs"], topics=["recognition"]
    )
    make_service(
        world.counselling, name="Dari Sprache", languages=["prs"], topics=["language_courses"]
    )
    make_service(world.counselling, name="Arabisch", languages=["ar"], topics=["recognition"])
    names = {
        h.service.name for h in service_search(ServiceSearch(language="prs", topic="recognition"))
    }
    assert names == {"Dari Anerkennung"}


def test_search_query_count_is_fixed(world, make_service, django_assert_num_queries):
    origin = PostalCode.objects.get(plz="39104") if PostalCode.objects.exists() else None
    make_service(world.counselling)
    with django_assert_num_queries(3):
        service_search(ServiceSearch(origin=origin, radius_km=50))
    for _ in range(6):
        make_service(world.counselling, plz="06108")
    with django_assert_num_queries(3):
        hits = service_search(ServiceSearch(origin=origin, radius_km=100))
        for hit in hits:
            _ = (
                hit.service.organisation.name,
                hit.service.topics,
                list(hit.service.opening_hours.all()),
            )
    assert len(hits) == 7
