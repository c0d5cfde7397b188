"""The base of every domain object (members and shared staff alike): frozen, strict, errors that name the field."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

__all__ = [
    "Domain", "CODE_LENGTH", "NAME_LENGTH", "TEXT_LENGTH", "MONEY_DIGITS", "MONEY_PLACES", "CODE_PATTERN", "Name",
    "Text", "Level", "Money", "check_code", "describe_validation_error",
]

# The longest text of each kind of field. The store sizes its columns from these (integrations/store/models.py),
# so that a value too long is refused here, naming the object and field (and the file row on an import),
# the same way on SQLite, which stores any length, and on PostgreSQL, which would refuse it at the end.
CODE_LENGTH = 32      # human codes: ACIER, E012, R-ACIER-0001; also certificate and skill levels
NAME_LENGTH = 200     # names: a member's legal name, a site, a skill, an employee's first and last names
TEXT_LENGTH = 4000    # free text: notes, addresses, a member's activity
MONEY_DIGITS = 12     # amounts, rates and coefficients: 12 digits in all...
MONEY_PLACES = 4      # ...of which 4 decimals (never rounded: more is refused)

CODE_PATTERN = re.compile(rf"^[A-Z0-9][A-Z0-9_.-]{{0,{CODE_LENGTH - 1}}}$")

Name = Annotated[str, StringConstraints(max_length=NAME_LENGTH)]
Text = Annotated[str, StringConstraints(max_length=TEXT_LENGTH)]
Level = Annotated[str, StringConstraints(max_length=CODE_LENGTH)]
Money = Annotated[Decimal, Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)]


class Domain(BaseModel):
    """Frozen pydantic model that refuses unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def check_code(value: str, what: str = "code") -> str:
    """Upper-case a short human code (`ACIER`, `E012`) and check its shape."""
    code = str(value).strip().upper()
    if not CODE_PATTERN.match(code):
        raise ValueError(
            f"{what} {value!r} must be 1-{CODE_LENGTH} letters, digits, '-', '_' or '.', "
            "starting with a letter or digit"
        )
    return code


def describe_validation_error(exc: ValidationError, subject: str | None = None) -> list[str]:
    """One line per problem: `Member ACIER: field siret: <what is wrong>`."""
    lines = []
    who = subject or exc.title
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        msg = err["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
        lines.append(f"{who}: field {loc}: {msg}" if loc else f"{who}: {msg}")
    return lines
