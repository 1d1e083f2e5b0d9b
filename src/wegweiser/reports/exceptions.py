class ReportError(Exception):
    """A report could not be saved or sent; the message is shown to the person."""
