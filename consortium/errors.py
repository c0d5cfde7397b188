"""The exceptions mutualis raises; the CLI turns each into one line and exit code 1."""

from __future__ import annotations

__all__ = ["MutualisError", "NotFound", "AlreadyExists", "InvalidInput", "RowError"]


class MutualisError(Exception):
    """Base of every error meant for the user: its message is one clear line."""


class NotFound(MutualisError):
    """A code (member, employee, request...) that is not in the database."""


class AlreadyExists(MutualisError):
    """A code that is already taken."""


class InvalidInput(MutualisError):
    """Input that breaks a rule of the domain (bad SIRET, end before start...)."""


class RowError(InvalidInput):
    """One or more bad rows in an imported file: every problem as `FILE:ROW: column COL: what`."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "no rows"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more)
