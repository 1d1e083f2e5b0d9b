from django.utils.translation import gettext_lazy as _


class NetworkError(Exception):
    """A change to the network that cannot be made; the message is safe to show."""

    def __init__(self, message: object = "", *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class InvitationInvalid(NetworkError):
    """The invitation link is unknown, used, revoked or expired."""


class ImageRejected(NetworkError):
    """An uploaded image is too large, not an image, or not PNG/JPEG."""

    def __init__(self, message: object = "") -> None:
        super().__init__(message or _("Please upload a PNG or JPEG image."), field="image")
