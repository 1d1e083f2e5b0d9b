"""Demo newsletter: a few confirmed subscribers in several languages and one draft issue.

Addresses are fictional (`@demo.wegweiser.invalid`). Created once; a second run changes nothing.
"""

from __future__ import annotations

import random

from wegweiser.accounts.models import User
from wegweiser.comms import services
from wegweiser.comms.constants import Audience
from wegweiser.comms.models import Issue, Subscriber
from wegweiser.comms.tokens import confirm_token
from wegweiser.network.demo import NATIONAL_SLUG
from wegweiser.network.models import Network

COORDINATOR_EMAIL = "koordination@demo.wegweiser.invalid"
SUBSCRIBERS = [
    ("leser.de@demo.wegweiser.invalid", "de"),
    ("reader.en@demo.wegweiser.invalid", "en"),
    ("qari.ar@demo.wegweiser.invalid", "ar"),
    ("khanande.fa@demo.wegweiser.invalid", "fa"),
    ("chytach.uk@demo.wegweiser.invalid", "uk"),
]


def load(rng: random.Random) -> None:
    network = Network.objects.filter(slug=NATIONAL_SLUG).first()
    coordinator = User.objects.filter(email=COORDINATOR_EMAIL).first()
    if network is None or coordinator is None:
        return
    for email, language in SUBSCRIBERS:
        if Subscriber.objects.filter(network=network, email=email).exists():
            continue
        subscriber = services.subscription_request(network=network, email=email, language=language)
        services.subscription_confirm(token=confirm_token(subscriber))
    if not Issue.objects.filter(network=network).exists():
        issue = services.issue_compose(
            actor=coordinator, network=network, audience=Audience.MEMBERS
        )
        services.item_create(
            actor=coordinator,
            issue=issue,
            data={
                "title": "Save the date: Netzwerktreffen im Frühjahr",
                "text": "Merken Sie sich den Termin vor – die Einladung folgt.",
                "variants": {
                    "en": {
                        "title": "Save the date: network meeting in spring",
                        "text": "Keep the date free – the invitation follows.",
                    }
                },
            },
        )
