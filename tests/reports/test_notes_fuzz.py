"""Notes accept any text a person may type (markup, RTL marks, zero-width characters) or refuse
it with a message; a refused note leaves the saved report as it was."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegweiser.reports import services
from wegweiser.reports.exceptions import ReportError
from wegweiser.reports.models import StatusReport
from wegweiser.reports.selectors import last_month

pytestmark = pytest.mark.django_db

TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "\u202eتقرير\u202c",
            "a\u200bb\u200dc\ufeff",
            "x" * 10_000,
            "{{ secret }} {% debug %}",
        ]
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(summary=TEXT, note=TEXT)
def test_notes_are_saved_verbatim_or_refused(world: Any, summary: str, note: str) -> None:
    period = last_month()
    before = StatusReport.objects.filter(network=world.national).values_list("summary", "notes")
    snapshot = list(before)
    try:
        report = services.status_report_save(
            actor=world.coordinator,
            network=world.national,
            period=period,
            summary=summary,
            notes={"events": note},
        )
    except ReportError:
        assert list(before) == snapshot
        too_long = len(summary.strip()) > 5000 or len(note.strip()) > 5000
        assert too_long or "\x00" in summary + note
    else:
        report.refresh_from_db()
        assert report.summary == summary.strip()
        assert report.notes.get("events", "") == note.strip()
