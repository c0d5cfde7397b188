"""Tender files in YAML or JSON parsed into the domain; every problem names the file and the field.

XLSX tender files are read in `integrations/services/consortium.py` (pandas lives at the edges) into the
same nested mapping and validated here with `tender_from_mapping`.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import yaml
from pydantic import ValidationError

from consortium.errors import InvalidInput, RowError

from .base import describe_validation_error
from .processes import Taxonomy, standard_taxonomy
from .tender import Item, Lot, Milestone, PricingTerms, RoutingStep, TeamRules, Tender

__all__ = ["read_tender_file", "tender_from_mapping", "tender_to_yaml"]


_KINDS = {list: "a list", str: "a text", int: "a number", float: "a number", bool: "true or false"}


def _known_fields() -> list[str]:
    models = (Tender, Lot, Item, RoutingStep, Milestone, TeamRules, PricingTerms)
    return sorted({name for model in models for name in model.model_fields})


def _problem_lines(exc: ValidationError, source: str) -> list[str]:
    """One line per problem; an unknown key is named, with the known field it most looks like."""
    known = _known_fields()
    lines = []
    for err, described in zip(exc.errors(), describe_validation_error(exc, source), strict=False):
        line = described
        if err["type"] == "extra_forbidden" and err["loc"]:
            key = str(err["loc"][-1])
            close = difflib.get_close_matches(key, known, n=1)
            line += f" {key!r}" + (f" (did you mean {close[0]}?)" if close else "")
        lines.append(line)
    return lines


def tender_from_mapping(data: object, source: str, taxonomy: Taxonomy | None = None) -> Tender:
    """Validate a nested mapping into a Tender; RowError with every problem, one line each
    (`SOURCE: field lots.0.due_wek: unknown field 'due_wek' (did you mean due_week?)`)."""
    if data is None:
        raise InvalidInput(f"{source}: the file is empty: a tender has code, buyer, lots...")
    if not isinstance(data, dict):
        what = _KINDS.get(type(data), type(data).__name__)
        raise InvalidInput(f"{source}: a tender is a mapping of fields (code, buyer, lots...), not {what}")
    try:
        tender = Tender.model_validate(data)
    except ValidationError as exc:
        raise RowError(_problem_lines(exc, source)) from None
    problems = tender.problems(taxonomy or standard_taxonomy())
    if problems:
        raise RowError([f"{source}: {p}" for p in problems])
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
