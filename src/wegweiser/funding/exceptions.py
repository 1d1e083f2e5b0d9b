class FundingError(Exception):
    """A request the funding app refuses; the message is translated and shown as is."""
