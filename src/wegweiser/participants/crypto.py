"""Field-level encryption (AES-256-GCM) and keyed blind indexes for participants' data.

Keys come from `settings.FIELD_ENCRYPTION_KEY` (the current key) and
`settings.FIELD_ENCRYPTION_KEYS_OLD` (still readable until `rotate_field_key` ran). Each
configured secret is stretched with HKDF-SHA256 into an encryption key and a separate
blind-index key, so neither is used for two jobs.

Stored form of an encrypted value (ASCII, fits a text column)::

    v1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>

The key id is the first 12 hex digits of SHA-256 over the derived encryption key: it names
the key without revealing it. The associated data binds a ciphertext to its column, so a
value copied into another column does not decrypt.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "v1"
_NONCE_BYTES = 12


class DecryptionError(ValueError):
    """A stored value could not be decrypted (unknown key or tampered data)."""


@dataclass(frozen=True)
class FieldKey:
    key_id: str
    aead: AESGCM
    index_key: bytes


def _secret_bytes(secret: str) -> bytes:
    text = secret.strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except ValueError:
        raw = b""
    # Anything shorter than 16 bytes is not a key someone generated on purpose.
    if len(raw) < 16:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be at least 16 random bytes, urlsafe-base64 encoded."
        )
    return raw


def _derive(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret)


@lru_cache(maxsize=16)
def _key_from_secret(secret: str) -> FieldKey:
    raw = _secret_bytes(secret)
    enc = _derive(raw, b"wegweiser.participants.field-encryption.v1")
    idx = _derive(raw, b"wegweiser.participants.blind-index.v1")
    key_id = hashlib.sha256(enc).hexdigest()[:12]
    return FieldKey(key_id=key_id, aead=AESGCM(enc), index_key=idx)


def current_key() -> FieldKey:
    secret = settings.FIELD_ENCRYPTION_KEY
    if not secret:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is not set.")
    return _key_from_secret(secret)


def known_keys() -> dict[str, FieldKey]:
    keys = [current_key()]
    keys += [_key_from_secret(s) for s in settings.FIELD_ENCRYPTION_KEYS_OLD if s]
    return {k.key_id: k for k in reversed(keys)} | {keys[0].key_id: keys[0]}


def encrypt(plaintext: str, *, context: str) -> str:
    key = current_key()
    nonce = os.urandom(_NONCE_BYTES)
    data = key.aead.encrypt(nonce, plaintext.encode("utf-8"), context.encode("utf-8"))
    token = base64.urlsafe_b64encode(nonce + data).decode("ascii").rstrip("=")
    return f"{PREFIX}:{key.key_id}:{token}"


def is_ciphertext(value: str) -> bool:
    return value.startswith(f"{PREFIX}:") and value.count(":") == 2


def key_id_of(value: str) -> str:
    return value.split(":", 2)[1] if is_ciphertext(value) else ""


def decrypt(value: str, *, context: str) -> str:
    if not is_ciphertext(value):
        raise DecryptionError("not an encrypted value")
    _prefix, key_id, token = value.split(":", 2)
    key = known_keys().get(key_id)
    if key is None:
        raise DecryptionError(f"unknown key id {key_id}")
    blob = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    try:
        plain = key.aead.decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], context.encode())
    except InvalidTag as error:
        raise DecryptionError("tampered value or wrong column") from error
    return plain.decode("utf-8")


def normalise(text: str) -> str:
    """Case, accents, spacing and punctuation do not make two names different."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = [c for c in decomposed if unicodedata.category(c)[0] in {"L", "N"}]
    return "".join(kept).replace("ß", "ss")


def blind_index(*parts: str, context: str) -> str:
    """A keyed HMAC of the normalised parts: equal inputs give equal indexes, and without
    the key nobody can test guesses against it."""
    message = "\x1f".join([context, *(normalise(p) for p in parts)]).encode("utf-8")
    return hmac.new(current_key().index_key, message, hashlib.sha256).hexdigest()
