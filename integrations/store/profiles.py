"""Named database URLs in `~/.config/mutualis/config.toml`, so that a member's desk need not type its URL.

    default = "ge"

    [profiles.ge]
    db = "postgresql+psycopg://chaumay@db.example/ge"

The URL used is `--db`, else `MUTUALIS_DB`, else the profile named by `MUTUALIS_PROFILE`, else the default
profile, else `mutualis.db` here. A profile never holds a password (PostgreSQL reads it from `~/.pgpass`).
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

from sqlalchemy.engine import make_url

from consortium.errors import InvalidInput, MutualisError, NotFound

__all__ = ["PROFILE_VAR", "config_path", "read_profiles", "add_profile", "remove_profile", "profile_url"]

PROFILE_VAR = "MUTUALIS_PROFILE"
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_-")


def config_path() -> Path:
    """`$XDG_CONFIG_HOME/mutualis/config.toml`, by default under `~/.config`."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "mutualis" / "config.toml"


def read_profiles() -> tuple[dict[str, str], str | None]:
    """`({name: url}, default name)` from the config file; empty when there is none."""
    path = config_path()
    if not path.exists():
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MutualisError(f"{path}: not a valid TOML file ({exc})") from None
    profiles = {name: str(entry.get("db", "")) for name, entry in data.get("profiles", {}).items()}
    return profiles, data.get("default")


def _write(profiles: dict[str, str], default: str | None) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"default = {json.dumps(default)}", ""] if default else []
    for name in sorted(profiles):
        lines += [f"[profiles.{name}]", f"db = {json.dumps(profiles[name], ensure_ascii=False)}", ""]
    path.touch(mode=0o600, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def add_profile(name: str, url: str, make_default: bool = False) -> None:
    """Remember `url` as profile `name` (replacing it), the default one when asked or when it is the first."""
    if not name or not set(name) <= _NAME_CHARS:
        raise InvalidInput(f"profile {name!r}: use lowercase letters, digits, - and _")
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy raises several kinds for a bad URL
        raise InvalidInput(f"profile {name}: {url!r} is not a database URL ({exc})") from None
    if parsed.password:
        raise InvalidInput(f"profile {name}: leave the password out of the URL (PostgreSQL reads ~/.pgpass)")
    profiles, default = read_profiles()
    profiles[name] = url
    _write(profiles, name if make_default or default is None else default)


def remove_profile(name: str) -> None:
    """Forget profile `name` (and that it was the default)."""
    profiles, default = read_profiles()
    if profiles.pop(name, None) is None:
        raise NotFound(f"no profile {name!r} in {config_path()}")
    _write(profiles, None if default == name else default)


def profile_url() -> str | None:
    """The URL of the profile named by `MUTUALIS_PROFILE`, else of the default profile, else None."""
    wanted = os.environ.get(PROFILE_VAR)
    profiles, default = read_profiles() if wanted or config_path().exists() else ({}, None)
    name = wanted or default
    if name is None:
        return None
    if name not in profiles:
        raise NotFound(f"no profile {name!r} in {config_path()} (mutualis profile list)")
    return profiles[name]
