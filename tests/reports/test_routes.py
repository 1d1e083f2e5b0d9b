"""Pages, PDF, CSV, notes and sending of reports, and who may open them."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from tests.conftest import make_user
from tests.reports.conftest import Dataset
from wegweiser.core.models import AuditEntry
from wegweiser.network.constants import RoleKind
from wegweiser.reports import selectors
from wegweiser.reports.models import ReportSending, StatusReport

pytestmark = pytest.mark.django_db


def _query(dataset: Dataset, network: Any = None) -> str:
    network = network or dataset.world.national
    p = dataset.period
    return f"?network={network.pk}&start={p.start:%Y-%m-%d}&end={p.end:%Y-%m-%d}"


def _save(client: Any, dataset: Dataset, **notes: str) -> Any:
    data = {"summary": notes.pop("summary", "Ein guter Monat.")} | {
        f"note_{k}": v for k, v in notes.items()
    }
    return client.post(reverse("reports:status_report") + _query(dataset), data)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


# --- Permissions ------------------------------------------------------------------------------


def test_only_coordinators_open_reports(dataset: Dataset, client_for: Any) -> None:
    w = dataset.world
    report = StatusReport.objects.create(
        network=w.national, period_start=dataset.period.start, period_end=dataset.period.end
    )
    urls = [
        reverse("reports:dashboard"),
        reverse("reports:dashboard_csv", args=["funnel"]),
        reverse("reports:status_report") + _query(dataset),
        reverse("reports:status_report_preview_pdf") + _query(dataset),
        reverse("reports:status_report_list"),
        reverse("reports:status_report_detail", args=[report.pk]),
        reverse("reports:status_report_pdf", args=[report.pk]),
    ]
    for user in (w.org_admin, w.staff, w.counsellor, w.employer, w.funder, w.outsider):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user.email, url)
        response = client.post(
            reverse("reports:status_report_send", args=[report.pk]), {"recipients": "a@b.de"}
        )
        assert response.status_code == 404
    anonymous = client_for(None)
    for url in urls:
        assert anonymous.get(url).status_code == 302
    coordinator = client_for(w.coordinator)
    for url in urls:
        # The period of a saved report leads to that report.
        assert coordinator.get(url).status_code in (200, 302), url
    assert not ReportSending.objects.exists()


def test_a_coordinator_of_another_network_gets_404(dataset: Dataset, client_for: Any) -> None:
    w = dataset.world
    w.grant(w.foreign_admin, w.foreign, RoleKind.COORDINATOR)  # foreign is not any office
    other = w.grant(make_user(), w.foreign, RoleKind.ORG_ADMIN)
    w.other_network.office = w.foreign
    w.other_network.save()
    report = StatusReport.objects.create(
        network=w.national, period_start=dataset.period.start, period_end=dataset.period.end
    )
    client = client_for(w.foreign_admin)
    assert client.get(reverse("reports:dashboard")).status_code == 200
    assert client.get(reverse("reports:status_report_detail", args=[report.pk])).status_code == 404
    assert client.get(reverse("reports:status_report_pdf", args=[report.pk])).status_code == 404
    response = client.get(reverse("reports:status_report") + _query(dataset))
    assert response.status_code == 400  # the national network is not among the choices
    assert client_for(other).get(reverse("reports:dashboard")).status_code == 404
    # The foreign coordinator's dashboard shows nothing of the national network.
    board = selectors.dashboard_for(actor=w.foreign_admin)
    assert [row[0] for row in board.outcomes.rows] == ["Fremde Firma"]


def test_navigation_and_dashboard_panel_for_coordinators(dataset: Dataset, client_for: Any) -> None:
    w = dataset.world
    page = client_for(w.coordinator).get(reverse("core:dashboard")).content.decode()
    assert reverse("reports:dashboard") in page
    assert reverse("reports:status_report") in page
    other = client_for(w.org_admin).get(reverse("core:dashboard")).content.decode()
    assert reverse("reports:dashboard") not in other


# --- Dashboard --------------------------------------------------------------------------------


def test_dashboard_in_german_with_tables_and_csv_links(dataset: Dataset, client_for: Any) -> None:
    response = client_for(dataset.world.coordinator).get(reverse("reports:dashboard"))
    page = response.content.decode()
    assert "Weg der Teilnehmenden" in page
    assert "als Tabelle" in page
    assert "<svg" in page
    assert "&lt;5" in page
    for key in ("members", "events", "attendance", "funnel", "placements", "offers", "outcomes"):
        assert reverse("reports:dashboard_csv", args=[key]) in page


def test_csv_has_the_numbers_of_the_table(dataset: Dataset, client_for: Any) -> None:
    client = client_for(dataset.world.coordinator)
    board = selectors.dashboard_for(actor=dataset.world.coordinator)
    for series in board.series:
        response = client.get(reverse("reports:dashboard_csv", args=[series.key]))
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[1:] == [[str(label), str(value)] for label, value in series.rows]
    response = client.get(reverse("reports:dashboard_csv", args=["outcomes"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ["Beratung Test", "9", "<5", "7", "<5", "0"]
    funnel = client.get(reverse("reports:dashboard_csv", args=["funnel"])).content.decode()
    assert "Ankunft in Deutschland,9" in funnel
    assert client.get(reverse("reports:dashboard_csv", args=["nothing"])).status_code == 404


def test_dashboard_query_count_is_fixed(
    dataset: Dataset, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(dataset.world.coordinator)
    client.get(reverse("reports:dashboard"))  # warm caches (sessions, content types)
    with django_assert_max_num_queries(40) as first:
        client.get(reverse("reports:dashboard"))
    from tests.reports.conftest import milestone, register

    # Ten times more data: the same number of queries.
    w = dataset.world
    for p in dataset.participants:
        milestone(p, "recognition_decided", dataset.period.start)
    from wegweiser.participants.models import Participant

    for _i in range(10):
        milestone(
            Participant.objects.create(organisation=w.company), "arrival", dataset.period.start
        )
    from wegweiser.events.models import Event

    for event in Event.objects.all():
        register(event, w.other_company, attended=True)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("reports:dashboard"))


# --- Status report: page, PDF, notes, sending -------------------------------------------------


def test_report_defaults_to_last_month(dataset: Dataset, client_for: Any) -> None:
    response = client_for(dataset.world.coordinator).get(reverse("reports:status_report"))
    assert response.status_code == 200
    data = response.context["data"]
    assert data.period == dataset.previous
    assert data.network == dataset.world.national


def test_report_page_in_german(dataset: Dataset, client_for: Any) -> None:
    response = client_for(dataset.world.coordinator).get(
        reverse("reports:status_report") + _query(dataset)
    )
    page = response.content.decode()
    assert "Statusbericht" in page
    assert "Neu im Monat" in page
    assert "Werkstatt Ost" in page
    assert "Vermittlungen" in page


def test_bad_period_is_refused_with_a_message(dataset: Dataset, client_for: Any) -> None:
    client = client_for(dataset.world.coordinator)
    url = reverse("reports:status_report")
    n = dataset.world.national.pk
    for query in (
        f"?network={n}&month=2026-13",
        f"?network={n}&start=2026-05-01&end=2026-04-01",
        f"?network={n}&start=2024-01-01&end=2026-01-01",
        f"?network={n}&start=2026-05-01",
        "?network=999999",
        f"?network={n}&start=kaputt&end=2026-01-01",
    ):
        response = client.get(url + query)
        assert response.status_code == 400, query
        page = response.content.decode()
        assert "field__errors" in page or "form-errors" in page, query
    assert client.get(url + f"?network={n}&month=2026-02").context["data"].period.end.day == 28


def test_pdf_has_charts_and_the_numbers(dataset: Dataset, client_for: Any) -> None:
    client = client_for(dataset.world.coordinator)
    _save(client, dataset, members="Zwei Neue begrüßt.")
    report = StatusReport.objects.get()
    response = client.get(reverse("reports:status_report_pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = _pdf_text(response.content)
    assert "Statusbericht" in text
    assert "Bundesnetz" in text
    assert "Ein guter Monat." in text
    assert "Zwei Neue begrüßt." in text
    assert "Neu im Monat" in text
    assert "Werkstatt Ost" in text
    # The attendance chart draws the event titles once more beside the table's rows.
    assert text.count("Werkstatt Ost") == 2
    assert "<5" in text


def test_annotate_and_reopen(dataset: Dataset, client_for: Any) -> None:
    client = client_for(dataset.world.coordinator)
    response = _save(client, dataset, members="Zwei Neue.", events="Gut besucht.")
    report = StatusReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:status_report_detail", args=[report.pk])
    assert report.notes == {"members": "Zwei Neue.", "events": "Gut besucht."}
    assert (report.period_start, report.period_end) == (dataset.period.start, dataset.period.end)
    # Opening the same period again leads to the saved report.
    again = client.get(reverse("reports:status_report") + _query(dataset))
    assert again.status_code == 302 and again["Location"].endswith(f"/{report.pk}/")
    page = client.get(again["Location"]).content.decode()
    assert "Gut besucht." in page and "Ein guter Monat." in page
    # Edit: the summary changes, one note is removed.
    response = client.post(
        reverse("reports:status_report_detail", args=[report.pk]),
        {"summary": "Neu gefasst.", "note_members": "Zwei Neue."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.summary == "Neu gefasst."
    assert report.notes == {"members": "Zwei Neue."}
    entries = list(
        AuditEntry.objects.filter(object_type="reports.statusreport").order_by("created_at", "id")
    )
    assert [e.action for e in entries] == ["status_report.created", "status_report.updated"]
    assert entries[1].changed_fields == ["notes.events", "summary"]
    assert entries[1].network_id == dataset.world.national.pk
    assert StatusReport.objects.count() == 1


def test_too_long_note_writes_nothing(dataset: Dataset, client_for: Any) -> None:
    client = client_for(dataset.world.coordinator)
    response = _save(client, dataset, members="x" * 5001)
    assert response.status_code == 400
    assert not StatusReport.objects.exists()
    assert not AuditEntry.objects.filter(object_type="reports.statusreport").exists()


def test_send_queues_a_mail_with_the_pdf(
    dataset: Dataset, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(dataset.world.coordinator)
    _save(client, dataset)
    report = StatusReport.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("reports:status_report_send", args=[report.pk]),
            {"recipients": "vorstand@example.org, Foerderer@example.org\nvorstand@example.org"},
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["foerderer@example.org", "vorstand@example.org"]
    message = mail.outbox[0]
    assert "Statusbericht" in message.subject
    ((name, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf" and name.endswith(".pdf")
    assert "Bundesnetz" in _pdf_text(content)
    sending = ReportSending.objects.get()
    assert sending.sent_at is not None
    assert (
        AuditEntry.objects.filter(action="status_report.sent", object_id=str(report.pk)).count()
        == 1
    )


def test_send_refuses_bad_addresses_and_sends_nothing(
    dataset: Dataset, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(dataset.world.coordinator)
    _save(client, dataset)
    report = StatusReport.objects.get()
    mail.outbox.clear()
    url = reverse("reports:status_report_send", args=[report.pk])
    for recipients in (
        "",
        "kein-adresse",
        "a@b.de\r\nBcc: x@y.de",
        ",".join(f"p{i}@x.de" for i in range(21)),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"recipients": recipients})
        assert response.status_code == 400, recipients
    assert mail.outbox == []
    assert not ReportSending.objects.exists()
    assert "Geben Sie" in response.content.decode() or "höchstens" in response.content.decode()
