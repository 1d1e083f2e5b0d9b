"""Fixtures for the members-and-ambassadors tests: a network with work, terms, slots, news."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wegweiser.network import services
from wegweiser.network.constants import ProjectStatus, SponsorshipKind, SponsorshipStatus
from wegweiser.network.models import (
    AmbassadorNews,
    AmbassadorTerm,
    MemberProject,
    SocialMediaSlot,
    Sponsorship,
)


def png_upload(name: str = "photo.png", size: tuple[int, int] = (8, 8)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def jpeg_upload(name: str = "photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (30, 200, 30)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@dataclass
class Work:
    today: date
    project: MemberProject
    sponsorship: Sponsorship
    term: AmbassadorTerm  # company, in office
    old_term: AmbassadorTerm  # counselling, handed over to other_company
    successor: AmbassadorTerm  # other_company, in office, with handover notes
    slots: list[SocialMediaSlot]
    news: AmbassadorNews
    foreign_term: AmbassadorTerm


@pytest.fixture
def work(world: Any) -> Work:
    today = timezone.localdate()
    project = services.project_create(
        actor=world.org_admin,
        organisation=world.company,
        network=world.region,
        data={"title": "Backen lernen", "status": ProjectStatus.ACTIVE, "starts_on": today},
    )
    sponsorship = services.sponsorship_create(
        actor=world.org_admin,
        organisation=world.company,
        network=world.region,
        data={
            "kind": SponsorshipKind.TRAINING_PLACES,
            "places": 3,
            "places_filled": 1,
            "starts_on": today,
            "status": SponsorshipStatus.ACTIVE,
        },
    )
    term = services.ambassador_appoint(
        actor=world.coordinator,
        organisation=world.company,
        network=world.region,
        region="Sachsen-Anhalt",
        topics="Ausbildung, Sprache",
        starts_on=today - timedelta(days=30),
    )
    old_term = services.ambassador_appoint(
        actor=world.coordinator,
        organisation=world.counselling,
        network=world.region,
        region="Halle",
        starts_on=today - timedelta(days=400),
        ends_on=today - timedelta(days=100),
    )
    successor = services.ambassador_handover(
        actor=world.coordinator,
        term=old_term,
        successor=world.other_company,
        starts_on=today - timedelta(days=99),
        notes="Kontakt zur Kammer über Frau Beispiel.",
    )
    slots = services.slot_plan(
        actor=world.coordinator, network=world.national, periods=4, start=today + timedelta(2)
    )
    news = services.news_create(
        actor=world.org_admin, term=term, title="Erster Bericht", text="Es läuft gut."
    )
    foreign_term = services.ambassador_appoint(
        actor=None,
        organisation=world.foreign,
        network=world.other_network,
        region="Bayern",
        starts_on=today - timedelta(days=10),
    )
    return Work(today, project, sponsorship, term, old_term, successor, slots, news, foreign_term)
