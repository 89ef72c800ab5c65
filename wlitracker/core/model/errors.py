"""Errors the user can act on, kept apart from bugs.

Every ``WliError`` carries a message meant for a person: the field or thing
involved and what is allowed. Anything else that escapes is a bug.
"""

from __future__ import annotations


class WliError(Exception):
    """A problem the user can fix; the message says what and how."""


class ValidationError(WliError):
    """Input outside what is allowed (a rating off the scale, a future date...)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.detail = message


class NotFoundError(WliError):
    """A metric, experiment or check-in that does not exist."""


class ConflictError(WliError):
    """The request clashes with what is stored (a duplicate name, a non-empty database)."""


class DatabaseError(WliError):
    """The database cannot be used as it is (newer schema, locked, read-only, corrupt)."""


class InsufficientData(WliError):
    """Too few usable values to compute an estimate honestly."""


class Cancelled(WliError):
    """The person stopped long work (an import) before it finished; nothing was changed."""
