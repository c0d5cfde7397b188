"""Tender files in YAML or JSON parsed into the domain; every problem names the file and the field.

XLSX tender files are read in `integrations/consortium_service.py` (pandas lives at the edges) into the
same nested mapping and validated here with `tender_from_mapping`.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from sharing.errors import InvalidInput

from .base import describe_validation_error
from .processes import Taxonomy, standard_taxonomy
from .tender import Tender

__all__ = ["read_tender_file", "tender_from_mapping", "tender_to_yaml"]


def tender_from_mapping(data: object, source: str, taxonomy: Taxonomy | None = None) -> Tender:
    """Validate a nested mapping into a Tender; InvalidInput `SOURCE: field lots.0.due_week: what`."""
    if not isinstance(data, dict):
        raise InvalidInput(f"{source}: a tender is a mapping with code, buyer, lots..., not {type(data).__name__}")
    try:
        tender = Tender.model_validate(data)
    except ValidationError as exc:
        lines = describe_validation_error(exc, source)
        more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
        raise InvalidInput(lines[0] + more) from None
    problems = tender.problems(taxonomy or standard_taxonomy())
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidInput(f"{source}: {problems[0]}{more}")
    return tender


def read_tender_file(path: str | Path, taxonomy: Taxonomy | None = None) -> Tender:
    """Read a `.yaml`/`.yml` or `.json` tender file."""
    path = Path(path)
    text = read_text_file(path)
    suffix = path.suffix.lower()
    try:
        if suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text)
        elif suffix == ".json":
            data = json.loads(text)
        else:
            raise InvalidInput(f"{path}: a tender file is .yaml, .yml, .json or .xlsx, not {suffix or 'no suffix'}")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise InvalidInput(f"{path}: {where}not valid YAML ({getattr(exc, 'problem', exc)})") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    return tender_from_mapping(data, str(path), taxonomy)


def read_text_file(path: Path) -> str:
    """The UTF-8 text of `path`; InvalidInput naming the file when it is missing, unreadable or not text."""
    if path.is_dir():
        raise InvalidInput(f"{path}: it is a folder, not a file")
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"{path}: cannot be read ({error.strerror or type(error).__name__})") from None
    if b"\0" in raw:
        raise InvalidInput(f"{path}: not a text file (binary content)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}; "
                           "save it as UTF-8)") from None


def tender_to_yaml(tender: Tender) -> str:
    """The YAML form of a tender (what `read_tender_file` reads back)."""
    return yaml.safe_dump(tender.model_dump(mode="json", exclude_none=True), sort_keys=False, allow_unicode=True)
