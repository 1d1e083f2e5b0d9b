"""CSV import: per-row error report, the good rows imported, re-running changes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wegweiser.core.models import AuditEntry
from wegweiser.directory.exceptions import DirectoryError
from wegweiser.directory.models import Service
from wegweiser.directory.services import service_as_csv_row, services_import_csv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


HEADER = (
    "external_id,organisation,name,topics,languages,plz,opening_hours,by_appointment_only,"
    "latitude,longitude\n"
)


def _csv(world, *rows: str) -> str:
    return HEADER + "".join(
        r.format(org=world.counselling.slug, foreign=world.foreign.slug) + "\n" for r in rows
    )


GOOD_1 = "svc-1,{org},Lotsenhaus,recognition;job_search,de;prs,06108,Mo 09:00-12:00,no,,"
GOOD_2 = 'svc-2,{org},"Treff, am Markt",language_courses,fa,39104,,yes,52.1,11.6'
BAD_ROWS = [
    ("svc-3,{org},Ohne PLZ,recognition,de,,,no,,", "plz"),
    ("svc-4,{org},Falsche PLZ,recognition,de,99999,,no,,", "99999"),
    ("svc-5,{org},Thema,astrology,de,39104,,no,,", "astrology"),
    ("svc-6,{org},Zeiten,recognition,de,39104,Mo 9-12,no,,", "opening_hours"),
    ("svc-7,{org},Flag,recognition,de,39104,,vielleicht,,", "by_appointment_only"),
    ("svc-8,keine-org,Org,recognition,de,39104,,no,,", "organisation"),
    ("svc-9,{foreign},Fremd,recognition,de,80331,,no,,", "organisation"),
    ("svc-1,{org},Doppelt,recognition,de,39104,,no,,", "twice"),
    (",{org},Ohne Id,recognition,de,39104,,no,,", "external_id"),
    ("svc-10,{org},Koordinaten,recognition,de,39104,,no,95,11", "latitude"),
    ("svc-11,{org},Halb,recognition,de,39104,,no,52.1,", "both"),
    ("svc-12,{org},,recognition,de,39104,,no,,", "name"),
]


def test_import_reports_bad_rows_and_imports_good_ones(world, postcodes):
    content = _csv(world, GOOD_1, *[r for r, _ in BAD_ROWS], GOOD_2)
    report = services_import_csv(actor=world.coordinator, content=content)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    lines = dict(report.errors)
    assert sorted(lines) == list(range(3, 3 + len(BAD_ROWS)))
    for offset, (_row, word) in enumerate(BAD_ROWS):
        assert word in lines[3 + offset], (offset, lines[3 + offset])
    assert set(Service.objects.values_list("external_id", flat=True)) == {"svc-1", "svc-2"}
    lotsenhaus = Service.objects.get(external_id="svc-1")
    assert lotsenhaus.languages == ["de", "prs"]
    assert lotsenhaus.city == "Halle"
    treff = Service.objects.get(external_id="svc-2")
    assert (treff.latitude, treff.longitude, treff.name) == (52.1, 11.6, "Treff, am Markt")
    assert treff.by_appointment_only


def test_reimport_changes_nothing_and_update_is_an_upsert(world, postcodes):
    content = _csv(world, GOOD_1, GOOD_2)
    services_import_csv(actor=world.coordinator, content=content)
    before = list(Service.objects.order_by("pk").values())
    audits = AuditEntry.objects.count()
    report = services_import_csv(actor=world.coordinator, content=content)
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 0, 2, [])
    assert list(Service.objects.order_by("pk").values()) == before
    assert AuditEntry.objects.count() == audits
    changed = _csv(
        world, GOOD_1.replace("Lotsenhaus", "Lotsenhaus Neu").replace("de;prs", "de;prs;ps"), GOOD_2
    )
    report = services_import_csv(actor=world.coordinator, content=changed)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    service = Service.objects.get(external_id="svc-1")
    assert service.name == "Lotsenhaus Neu"
    assert service.languages == ["de", "prs", "ps"]
    assert Service.objects.count() == 2
    entry = AuditEntry.objects.filter(action="service.import").latest("pk")
    assert set(entry.changed_fields) == {"name", "attributes"}


def test_export_row_reimports_unchanged(world, make_service, postcodes):
    service = make_service(
        world.counselling, external_id="round-trip", hours="Tue 10:00-12:00; Thu 14:00-16:30"
    )
    service = (
        Service.objects.prefetch_related("attributes", "opening_hours")
        .select_related("organisation")
        .get(pk=service.pk)
    )
    row = service_as_csv_row(service)
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    report = services_import_csv(actor=world.coordinator, content=out.getvalue())
    assert (report.unchanged, report.errors) == (1, [])


def test_semicolon_csv_with_bom_and_missing_columns(world, postcodes):
    content = (
        "\ufeffexternal_id;organisation;name;topics;languages;plz\n"
        "svc-1;{org};Treff;recognition;de;39104\n"
    )
    report = services_import_csv(
        actor=world.coordinator, content=content.format(org=world.counselling.slug)
    )
    assert report.created == 1
    report = services_import_csv(actor=world.coordinator, content="external_id,name\nx,y\n")
    assert report.errors
    assert report.errors[0][0] == 1
    assert "organisation" in report.errors[0][1]
    assert "plz" in report.errors[0][1]


def test_existing_id_of_another_organisation_is_not_taken_over(world, make_service, postcodes):
    make_service(world.foreign, external_id="shared-id")
    content = _csv(world, "shared-id,{org},Übernahme,recognition,de,39104,,no,,")
    report = services_import_csv(actor=world.coordinator, content=content)
    assert report.created == 0
    assert report.errors
    assert Service.objects.get(external_id="shared-id").organisation == world.foreign


def test_only_coordinators_may_import(world, postcodes):
    with pytest.raises(DirectoryError):
        services_import_csv(actor=world.org_admin, content=_csv(world, GOOD_1))
    assert not Service.objects.exists()


def test_import_view_shows_the_report(world, client_for, postcodes):
    upload = SimpleUploadedFile(
        "services.csv", _csv(world, GOOD_1, BAD_ROWS[1][0]).encode(), "text/csv"
    )
    response = client_for(world.coordinator).post(
        reverse("directory:service_import"), {"file": upload}
    )
    assert response.status_code == 200
    report = response.context["report"]
    assert report.created == 1
    assert report.errors[0][0] == 3
    assert "99999" in response.content.decode()


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (b"\xff\xfe\x00b\x00a", "not_text"),
        ("café".encode("latin-1"), "encoding"),
        (b"a" * (2 * 1024 * 1024 + 1), "too_large"),
    ],
)
def test_import_view_rejects_bad_files(world, client_for, postcodes, payload, code):
    upload = SimpleUploadedFile("services.csv", payload, "text/csv")
    response = client_for(world.coordinator).post(
        reverse("directory:service_import"), {"file": upload}
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("file", code)
    assert not Service.objects.exists()
