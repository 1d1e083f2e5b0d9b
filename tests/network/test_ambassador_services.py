"""Ambassador terms, handover, slots (planning, swap, skip, re-planning, reminders), news."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from wegweiser.core.models import AuditEntry
from wegweiser.network import selectors, services
from wegweiser.network.constants import SLOT_DAYS, MembershipStatus, SlotStatus
from wegweiser.network.exceptions import ImageRejected, NetworkError
from wegweiser.network.models import AmbassadorNews, AmbassadorTerm, Membership, SocialMediaSlot
from wegweiser.network.rotation import rotation_violations

from .conftest import jpeg_upload, png_upload

pytestmark = pytest.mark.django_db


def _appoint(world, organisation, *, start, end=None, network=None):
    return services.ambassador_appoint(
        actor=world.coordinator,
        organisation=organisation,
        network=network or world.region,
        region="Sachsen-Anhalt",
        starts_on=start,
        ends_on=end,
    )


# --- Terms ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2026, 1, 1), date(2026, 8, 31)),
        (date(2026, 6, 30), date(2027, 2, 27)),  # no 30 February: last day of the month
        (date(2025, 12, 15), date(2026, 8, 14)),
    ],
)
def test_term_lasts_eight_months_by_default(world, start, end):
    assert _appoint(world, world.company, start=start).ends_on == end


def test_only_current_members_can_be_appointed(world):
    Membership.objects.filter(organisation=world.company).update(status=MembershipStatus.PAUSED)
    with pytest.raises(NetworkError):
        _appoint(world, world.company, start=date(2026, 1, 1))
    with pytest.raises(NetworkError):  # a member of another federation
        _appoint(world, world.foreign, start=date(2026, 1, 1))


def test_a_member_of_a_region_can_be_appointed_for_the_national_network(world):
    term = _appoint(world, world.company, start=date(2026, 1, 1), network=world.national)
    assert term.network == world.national


def test_overlapping_terms_of_one_organisation_are_refused(world):
    _appoint(world, world.company, start=date(2026, 1, 1))
    with pytest.raises(NetworkError):
        _appoint(world, world.company, start=date(2026, 5, 1))
    assert AmbassadorTerm.objects.count() == 1


def test_extend_rules(world):
    today = timezone.localdate()
    term = _appoint(world, world.company, start=today - timedelta(days=10))
    with pytest.raises(NetworkError):
        services.ambassador_term_extend(actor=world.coordinator, term=term, until=term.ends_on)
    longer = term.ends_on + timedelta(days=60)
    term = services.ambassador_term_extend(actor=world.coordinator, term=term, until=longer)
    assert term.ends_on == longer
    assert AuditEntry.objects.filter(action="ambassador.extend").count() == 1
    past = _appoint(
        world,
        world.counselling,
        start=today - timedelta(days=300),
        end=today - timedelta(days=1),
    )
    with pytest.raises(NetworkError):
        services.ambassador_term_extend(actor=world.coordinator, term=past, until=today)


def test_extension_cannot_run_into_the_successor(world):
    today = timezone.localdate()
    term = _appoint(world, world.company, start=today - timedelta(days=10))
    successor = services.ambassador_handover(
        actor=world.coordinator,
        term=term,
        successor=world.other_company,
        starts_on=term.ends_on + timedelta(days=1),
    )
    term.refresh_from_db()
    with pytest.raises(NetworkError):
        services.ambassador_term_extend(
            actor=world.coordinator, term=term, until=successor.starts_on
        )


def test_handover_ends_the_term_and_passes_region_topics_and_notes(world):
    today = timezone.localdate()
    term = services.ambassador_appoint(
        actor=world.coordinator,
        organisation=world.company,
        network=world.region,
        region="Halle",
        topics="Pflege, Handwerk",
        starts_on=today - timedelta(days=100),
    )
    successor = services.ambassador_handover(
        actor=world.coordinator,
        term=term,
        successor=world.other_company,
        starts_on=today,
        notes="Bitte die Werkstatt im Mai übernehmen.",
    )
    term.refresh_from_db()
    assert term.ends_on == today - timedelta(days=1)
    assert successor.predecessor == term
    assert (successor.region, successor.topics) == ("Halle", "Pflege, Handwerk")
    assert successor.handover_notes.startswith("Bitte")
    assert successor.ends_on == services.default_term_end(today)
    with pytest.raises(NetworkError):  # only one successor
        services.ambassador_handover(
            actor=world.coordinator, term=term, successor=world.counselling, starts_on=today
        )


@pytest.mark.parametrize("offset", [-200, 400])
def test_handover_date_must_fall_in_the_term(world, offset):
    today = timezone.localdate()
    term = _appoint(world, world.company, start=today - timedelta(days=100))
    with pytest.raises(NetworkError):
        services.ambassador_handover(
            actor=world.coordinator,
            term=term,
            successor=world.other_company,
            starts_on=today + timedelta(days=offset),
        )
    term.refresh_from_db()
    assert term.ends_on == services.default_term_end(today - timedelta(days=100))
    assert not AmbassadorTerm.objects.filter(predecessor=term).exists()


def test_handover_to_oneself_is_refused(world):
    today = timezone.localdate()
    term = _appoint(world, world.company, start=today - timedelta(days=100))
    with pytest.raises(NetworkError):
        services.ambassador_handover(
            actor=world.coordinator, term=term, successor=world.company, starts_on=today
        )


def test_end_term_rules(world):
    today = timezone.localdate()
    term = _appoint(world, world.company, start=today - timedelta(days=10))
    with pytest.raises(NetworkError):
        services.ambassador_term_end(
            actor=world.coordinator, term=term, on=today - timedelta(days=11)
        )
    term = services.ambassador_term_end(actor=world.coordinator, term=term, on=today)
    assert term.ends_on == today


# --- Slots ----------------------------------------------------------------------------------


def _three_ambassadors(world):
    today = timezone.localdate()
    return [
        _appoint(world, org, start=today - timedelta(days=5))
        for org in (world.company, world.counselling, world.other_company)
    ]


def test_slot_plan_rotates_without_overlap_and_continues(world):
    _three_ambassadors(world)
    first = services.slot_plan(actor=world.coordinator, network=world.national, periods=4)
    second = services.slot_plan(actor=world.coordinator, network=world.national, periods=5)
    slots = list(SocialMediaSlot.objects.filter(network=world.national).order_by("starts_on"))
    assert len(first) + len(second) == len(slots) == 9
    for before, after in itertools.pairwise(slots):
        assert after.starts_on == before.ends_on + timedelta(days=1)
        assert (before.ends_on - before.starts_on).days == SLOT_DAYS - 1
    keys = [s.term.organisation_id for s in slots]
    assert len(set(keys[:3])) == 3
    assert len(set(keys[3:6])) == 3
    assert len(set(keys[6:9])) == 3
    eligible = {s.starts_on: set(keys) for s in slots}
    assert (
        rotation_violations([(s.starts_on, s.term.organisation_id) for s in slots], eligible) == []
    )
    assert AuditEntry.objects.filter(action="slot.plan").count() == 2


def test_slot_plan_limits(world):
    with pytest.raises(NetworkError):
        services.slot_plan(actor=world.coordinator, network=world.national, periods=0)
    # No ambassador: nothing is planned, nothing breaks.
    assert services.slot_plan(actor=world.coordinator, network=world.national, periods=3) == []


def test_slots_of_another_federation_are_not_mixed(world):
    _three_ambassadors(world)
    services.ambassador_appoint(
        actor=None,
        organisation=world.foreign,
        network=world.other_network,
        region="Bayern",
        starts_on=timezone.localdate() - timedelta(days=5),
    )
    slots = services.slot_plan(actor=world.coordinator, network=world.national, periods=6)
    assert world.foreign.pk not in {s.term.organisation_id for s in slots}


def test_ending_a_term_replans_its_later_slots(world):
    terms = _three_ambassadors(world)
    services.slot_plan(actor=world.coordinator, network=world.national, periods=9)
    services.ambassador_term_end(actor=world.coordinator, term=terms[0], on=timezone.localdate())
    slots = list(SocialMediaSlot.objects.filter(network=world.national).order_by("starts_on"))
    assert len(slots) == 9
    assert all(s.term_id != terms[0].pk for s in slots)
    for before, after in itertools.pairwise(slots):
        assert after.starts_on == before.ends_on + timedelta(days=1)


def test_swap_exchanges_two_future_slots(world):
    _three_ambassadors(world)
    a, b, *_ = services.slot_plan(actor=world.coordinator, network=world.national, periods=3)
    owner_a, owner_b = a.term_id, b.term_id
    services.slot_swap(actor=world.coordinator, slot=a, other=b)
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.term_id, b.term_id) == (owner_b, owner_a)
    assert AuditEntry.objects.filter(action="slot.swap").count() == 1


def test_swap_refuses_a_slot_of_someone_out_of_office(world):
    today = timezone.localdate()
    _appoint(world, world.company, start=today - timedelta(days=5))
    short = _appoint(
        world, world.counselling, start=today - timedelta(days=5), end=today + timedelta(45)
    )
    slots = services.slot_plan(actor=world.coordinator, network=world.national, periods=6)
    mine = next(s for s in slots if s.term_id == short.pk)
    late = slots[-1]
    with pytest.raises(NetworkError):
        services.slot_swap(actor=world.coordinator, slot=mine, other=late)


def test_started_slots_cannot_be_swapped_or_skipped(world):
    _three_ambassadors(world)
    a, b, _c = services.slot_plan(
        actor=world.coordinator,
        network=world.national,
        periods=3,
        start=timezone.localdate() - timedelta(days=1),
    )
    with pytest.raises(NetworkError):
        services.slot_skip(actor=world.coordinator, slot=a)
    with pytest.raises(NetworkError):
        services.slot_swap(actor=world.coordinator, slot=a, other=b)


def test_skip_marks_the_slot_and_counts_as_a_turn(world):
    _three_ambassadors(world)
    slots = services.slot_plan(actor=world.coordinator, network=world.national, periods=1)
    services.slot_skip(actor=world.coordinator, slot=slots[0])
    slots[0].refresh_from_db()
    assert slots[0].status == SlotStatus.SKIPPED
    with pytest.raises(NetworkError):
        services.slot_skip(actor=world.coordinator, slot=slots[0])
    more = services.slot_plan(actor=world.coordinator, network=world.national, periods=2)
    assert slots[0].term_id not in {s.term_id for s in more}


def test_reminders_go_once_to_the_ambassadors_contacts(world, django_capture_on_commit_callbacks):
    _three_ambassadors(world)
    today = timezone.localdate()
    slot = services.slot_plan(
        actor=world.coordinator, network=world.national, periods=1, start=today + timedelta(2)
    )[0]
    mail.outbox.clear()
    assert services.slot_reminders_due(today=today - timedelta(days=5)) == []
    with django_capture_on_commit_callbacks(execute=True):
        due = services.slot_reminders_due(today=today)
    assert [s.pk for s in due] == [slot.pk]
    assert services.slot_reminders_due(today=today) == []  # nothing twice
    recipients = sorted(m.to[0] for m in mail.outbox)
    organisation = slot.term.organisation
    expected = sorted(
        r.user.email
        for r in organisation.roles.select_related("user")
        if r.kind in ("org_admin", "staff")
    )
    assert recipients == expected
    assert all("/network/slots/" in m.body for m in mail.outbox)


# --- News -----------------------------------------------------------------------------------


def test_news_with_png_and_jpeg_images_is_stored(world, settings):
    term = _appoint(world, world.company, start=timezone.localdate())
    for upload, content_type in ((png_upload(), "image/png"), (jpeg_upload(), "image/jpeg")):
        news = services.news_create(
            actor=world.org_admin,
            term=term,
            title="Bericht",
            text="Text",
            image=upload,
            image_alt="Ein Foto",
        )
        assert news.image_type == content_type
        assert news.image.path.startswith(str(settings.MEDIA_ROOT))
        assert (news.image.name or "").startswith("network/news/")


@pytest.mark.parametrize(
    "content",
    [
        b"GIF89a" + b"\x00" * 50,
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"\x89PNG\r\n\x1a\n" + b"not really a png",
        b"",
    ],
)
def test_news_image_is_checked_by_content(world, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    term = _appoint(world, world.company, start=timezone.localdate())
    upload = SimpleUploadedFile("photo.png", content, content_type="image/png")
    with pytest.raises(ImageRejected):
        services.news_create(
            actor=world.org_admin, term=term, title="T", text="T", image=upload, image_alt="x"
        )
    assert not AmbassadorNews.objects.exists()


def test_news_image_larger_than_two_megabytes_is_refused(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    term = _appoint(world, world.company, start=timezone.localdate())
    big = png_upload().read() + b"\x00" * (2 * 1024 * 1024)
    with pytest.raises(ImageRejected):
        services.news_create(
            actor=world.org_admin,
            term=term,
            title="T",
            text="T",
            image=SimpleUploadedFile("big.png", big),
            image_alt="x",
        )


def test_ambassador_news_between(world):
    term = _appoint(world, world.company, start=timezone.localdate())
    news = services.news_create(actor=world.org_admin, term=term, title="A", text="B")
    today = timezone.localdate()
    found = list(
        selectors.ambassador_news_between([world.national.pk], today - timedelta(days=1), today)
    )
    assert found == [news]
    assert not selectors.ambassador_news_between([world.other_network.pk], today, today)
    assert not selectors.ambassador_news_between(
        [world.national.pk], today + timedelta(days=1), today + timedelta(days=30)
    )
