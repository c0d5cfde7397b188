"""The small YAML files an administrator writes for a pull (work-centre and employee mappings)."""

from __future__ import annotations

from pathlib import Path

import yaml

from consortium.tender_file import read_text_file
from consortium.errors import InvalidInput

__all__ = ["read_yaml_mapping"]


def read_yaml_mapping(path: str | Path, expected: str) -> dict:
    """The mapping in ``path``; InvalidInput naming the file when it is unreadable, not text or not a mapping."""
    try:
        data = yaml.safe_load(read_text_file(Path(path))) or {}
    except yaml.YAMLError as exc:
        raise InvalidInput(f"{path}: not a YAML mapping ({str(exc).splitlines()[0]}); "
                           f"expected '{expected}' lines") from None
    if not isinstance(data, dict):
        raise InvalidInput(f"{path}: expected '{expected}' lines")
    return data
