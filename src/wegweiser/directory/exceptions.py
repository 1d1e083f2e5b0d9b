class DirectoryError(Exception):
    """A rule of the advisory map was broken."""
