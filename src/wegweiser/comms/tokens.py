"""Signed links: confirmation (expires, works once) and the personal unsubscribe link."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.utils.translation import gettext as _

from wegweiser.comms.exceptions import LinkInvalid
from wegweiser.comms.models import Subscriber

_CONFIRM_SALT = "wegweiser.comms.confirm"
_LINK_SALT = "wegweiser.comms.link"


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(
        {"s": subscriber.pk, "n": subscriber.confirm_nonce}, salt=_CONFIRM_SALT, compress=False
    )


def confirm_token_read(token: str, *, max_age: timedelta) -> tuple[int, str]:
    """The subscriber id and nonce of a confirmation link; refuses expired or altered links."""
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkInvalid(
            _("This confirmation link has expired. Please sign up again to get a new one.")
        ) from error
    except signing.BadSignature as error:
        raise LinkInvalid(_("This confirmation link is not valid.")) from error
    if not isinstance(data, dict) or not isinstance(data.get("s"), int):
        raise LinkInvalid(_("This confirmation link is not valid."))
    return int(data["s"]), str(data.get("n", ""))


def link_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=_LINK_SALT).sign(subscriber.link_key)


def link_token_read(token: str) -> str:
    try:
        return signing.Signer(salt=_LINK_SALT).unsign(token)
    except signing.BadSignature as error:
        raise LinkInvalid(_("This link is not valid.")) from error
