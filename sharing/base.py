"""Re-export of the domain base, which lives beside the members so that both packages share it."""

from consortium.base import (CODE_LENGTH, CODE_PATTERN, MONEY_DIGITS, MONEY_PLACES, NAME_LENGTH, TEXT_LENGTH, Domain,
                             Level, Money, Name, Text, check_code, describe_validation_error)

__all__ = [
    "CODE_LENGTH", "CODE_PATTERN", "MONEY_DIGITS", "MONEY_PLACES", "NAME_LENGTH", "TEXT_LENGTH", "Domain", "Level",
    "Money", "Name", "Text", "check_code", "describe_validation_error",
]
