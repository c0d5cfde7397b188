"""Re-export of the domain base, which lives beside the members so that both packages share it."""

from consortium.base import CODE_PATTERN, Domain, check_code, describe_validation_error

__all__ = ["CODE_PATTERN", "Domain", "check_code", "describe_validation_error"]
