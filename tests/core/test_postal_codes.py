"""Postcode reference data: the loader, the lookup and the distance helpers."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from wegweiser.core.models import PostalCode
from wegweiser.core.places import Point, bounding_box, distance_km
from wegweiser.core.selectors import postal_code_lookup, postal_codes_in_box
from wegweiser.core.services import POSTAL_CODES_FILE, postal_codes_load

SAMPLE = Path(__file__).parent / "data" / "plz_sample.tsv"


@pytest.mark.django_db
def test_loader_is_idempotent_and_lookup_works():
    count = postal_codes_load(path=SAMPLE)
    assert count == PostalCode.objects.count() == 35
    before = list(PostalCode.objects.values_list("plz", "place", "latitude", "longitude"))
    assert postal_codes_load(path=SAMPLE) == count
    after = list(PostalCode.objects.values_list("plz", "place", "latitude", "longitude"))
    assert before == after
    hamburg = postal_code_lookup("20095")
    assert hamburg is not None
    assert (hamburg.place, hamburg.bundesland) == ("Hamburg", "HH")
    assert postal_code_lookup("99999") is None
    assert postal_code_lookup("1234") is None
    assert postal_code_lookup("abcde") is None


@pytest.mark.django_db
def test_management_command_loads_the_shipped_file(capsys):
    call_command("places_load")
    assert PostalCode.objects.count() > 8000
    assert "GeoNames" in capsys.readouterr().out
    # Every postcode of the demo network is known.
    for plz in (
        "20095",
        "24103",
        "30159",
        "28195",
        "26122",
        "49074",
        "29221",
        "39104",
        "06108",
        "06844",
        "01067",
        "04109",
        "10115",
        "14467",
        "99084",
        "80331",
        "90402",
        "70173",
        "68159",
        "60311",
        "50667",
        "44135",
    ):
        assert postal_code_lookup(plz) is not None, plz
    assert POSTAL_CODES_FILE.stat().st_size < 500_000


@pytest.mark.django_db
def test_management_command_rejects_a_broken_file(tmp_path):
    broken = tmp_path / "broken.tsv"
    broken.write_text("plz\tplace\n12345\tSomewhere\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("places_load", file=str(broken))
    with pytest.raises(CommandError):
        call_command("places_load", file=str(tmp_path / "missing.tsv"))
    assert PostalCode.objects.count() == 0


def test_known_distances():
    berlin = Point(52.5200, 13.4050)
    munich = Point(48.1351, 11.5820)
    assert distance_km(berlin, munich) == pytest.approx(504, abs=2)
    assert distance_km(berlin, berlin) == 0


@pytest.mark.django_db
def test_postal_codes_in_box_prefilters():
    postal_codes_load(path=SAMPLE)
    berlin = postal_code_lookup("10115")
    assert berlin is not None
    near = {p.plz for p in postal_codes_in_box(bounding_box(berlin, 40))}
    assert {"10115", "14467"} <= near  # Potsdam is about 27 km away
    assert "80331" not in near


latitudes = st.floats(min_value=-85, max_value=85, allow_nan=False)
longitudes = st.floats(min_value=-179, max_value=179, allow_nan=False)


@given(latitudes, longitudes, st.floats(min_value=0.1, max_value=500), latitudes, longitudes)
def test_bounding_box_holds_every_point_within_the_radius(lat, lon, radius, lat2, lon2):
    centre, other = Point(lat, lon), Point(lat2, lon2)
    if distance_km(centre, other) <= radius:
        assert bounding_box(centre, radius).contains(other)


@given(
    latitudes,
    longitudes,
    st.floats(min_value=0.1, max_value=500),
    st.floats(min_value=0, max_value=2 * math.pi),
)
def test_bounding_box_holds_points_on_the_circle(lat, lon, radius, bearing):
    # The point at exactly `radius` km in direction `bearing` (direct geodesic problem).
    centre = Point(lat, lon)
    d = radius / 6371.0088
    phi1, lam1 = math.radians(lat), math.radians(lon)
    phi2 = math.asin(
        math.sin(phi1) * math.cos(d) + math.cos(phi1) * math.sin(d) * math.cos(bearing)
    )
    lam2 = lam1 + math.atan2(
        math.sin(bearing) * math.sin(d) * math.cos(phi1),
        math.cos(d) - math.sin(phi1) * math.sin(phi2),
    )
    lon2 = (math.degrees(lam2) + 540) % 360 - 180
    assert bounding_box(centre, radius).contains(Point(math.degrees(phi2), lon2))
