"""Checks an uploaded image by its content: PNG or JPEG, at most 2 MB, a sane size.

With Pillow installed the file is opened and verified; without it only the magic bytes of
PNG and JPEG are accepted. The name and the browser's content type are never trusted.
"""

from __future__ import annotations

from typing import IO

from django.utils.translation import gettext_lazy as _

from wegweiser.network.constants import NEWS_IMAGE_MAX_BYTES
from wegweiser.network.exceptions import ImageRejected

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
MAX_PIXELS = 40_000_000
_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def _size_of(file: IO[bytes]) -> int:
    file.seek(0, 2)
    size = file.tell()
    file.seek(0)
    return size


def _type_by_magic(head: bytes) -> str | None:
    if head.startswith(PNG_MAGIC):
        return "image/png"
    if head.startswith(JPEG_MAGIC):
        return "image/jpeg"
    return None


def _type_by_pillow(file: IO[bytes]) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(file) as image:
            fmt = image.format or ""
            width, height = image.size
            if width * height > MAX_PIXELS:
                return None
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(0)
    return _FORMATS.get(fmt)


def image_validate(file: IO[bytes]) -> str:
    """The content type of an acceptable image; raises ImageRejected otherwise."""
    if _size_of(file) > NEWS_IMAGE_MAX_BYTES:
        raise ImageRejected(_("The image is larger than 2 MB."))
    head = file.read(16)
    file.seek(0)
    magic_type = _type_by_magic(head)
    if magic_type is None:
        raise ImageRejected
    try:
        import PIL  # noqa: F401
    except ImportError:  # pragma: no cover - Pillow is installed where the tests run
        return magic_type
    content_type = _type_by_pillow(file)
    if content_type is None or content_type != magic_type:
        raise ImageRejected
    return content_type
