"""Field values the way Odoo 17's fields convert them on write and present them on read.

Only what the ORM itself would reject is rejected (an unknown selection key, a string for a
number or a many2one, a malformed date); char fields take anything, as ``pycompat.to_text`` does.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

__all__ = ["X2MANY", "default_value", "convert", "x2many_commands"]

X2MANY = ("one2many", "many2many")
_DATE, _DATETIME = "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"


def default_value(field: dict) -> Any:
    """What ``read`` shows for a field that was never set."""
    ftype = field["type"]
    if ftype in X2MANY:
        return []
    if ftype in ("integer", "many2one_reference"):
        return 0
    if ftype in ("float", "monetary"):
        return 0.0
    return False


def _wrong(label: str, value: Any) -> ValueError:
    return ValueError(f"Wrong value for {label}: {value!r}")


def convert(label: str, field: dict, value: Any) -> Any:
    """The stored form of ``value`` for ``field`` (``label`` is ``model.field``); raise like Odoo.

    x2many values are handled by :func:`x2many_commands`; this only validates scalars.
    """
    ftype = field["type"]
    if ftype in ("integer", "many2one_reference"):
        return int(value or 0)
    if ftype in ("float", "monetary"):
        return float(value or 0.0)
    if ftype == "boolean":
        return bool(value)
    if value is None or value is False:
        return False
    if ftype in ("char", "text", "html"):
        return value.decode() if isinstance(value, bytes) else str(value)
    if ftype == "selection":
        keys = [key for key, _label in field.get("selection") or []]
        if keys and value not in keys:
            raise _wrong(label, value)
        return value
    if ftype == "many2one":
        if isinstance(value, bool) or not isinstance(value, int):
            raise _wrong(label, value)
        return value
    if ftype == "date":
        return datetime.strptime(value[:10], _DATE).date().isoformat()
    if ftype == "datetime":
        text = value[:19]
        if len(text) == 10:
            text += " 00:00:00"
        return datetime.strptime(text, _DATETIME).strftime(_DATETIME)
    return value


def x2many_commands(label: str, value: Any) -> list[tuple]:
    """Normalise an x2many write value into command tuples (a plain id list means 'set')."""
    if value is False or value is None:
        return [(5, 0, 0)]
    if not isinstance(value, (list, tuple)):
        raise _wrong(label, value)
    if all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return [(6, 0, list(value))]
    commands = []
    for command in value:
        if not isinstance(command, (list, tuple)) or not command or command[0] not in range(7):
            raise _wrong(label, value)
        padded = list(command) + [0] * (3 - len(command))
        commands.append(tuple(padded[:3]))
    return commands
