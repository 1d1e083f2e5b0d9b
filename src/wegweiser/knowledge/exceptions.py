class KnowledgeError(Exception):
    """A request the knowledge base refuses; the message is safe to show."""


class TransitionNotAllowed(KnowledgeError):
    """The article's workflow does not allow this step from its current status."""


class AttachmentRefused(KnowledgeError):
    """An upload that is too large or not a PDF, PNG or JPEG by its content."""
