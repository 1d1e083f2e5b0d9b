class AccountError(Exception):
    """A request about an account that cannot be carried out."""
