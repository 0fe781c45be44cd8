"""Errors whose message is written for the user: shown as-is, never as a traceback."""


class UserFacingError(Exception):
    """Something went wrong that the user can understand and act on."""
