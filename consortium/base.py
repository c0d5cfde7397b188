"""The base of every domain object (members and shared staff alike): frozen, strict, errors that name the field."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, ValidationError

__all__ = ["Domain", "CODE_PATTERN", "check_code", "describe_validation_error"]

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_.-]{0,31}$")


class Domain(BaseModel):
    """Frozen pydantic model that refuses unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def check_code(value: str, what: str = "code") -> str:
    """Upper-case a short human code (`ACIER`, `E012`) and check its shape."""
    code = str(value).strip().upper()
    if not CODE_PATTERN.match(code):
        raise ValueError(
            f"{what} {value!r} must be 1-32 letters, digits, '-', '_' or '.', starting with a letter or digit"
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
