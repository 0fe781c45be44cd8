"""Errors whose message is written for the user: shown as-is, never as a traceback."""


class UserFacingError(Exception):
    """Something went wrong that the user can understand and act on."""


class Cancelled(Exception):
    """The user (or a closing window) asked a long task to stop. Raised from its progress
    callback, between files and batches, so the task's open transaction rolls back whole."""
