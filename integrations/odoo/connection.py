"""How to reach one Odoo server: a frozen value that never holds the secret itself.

The secret reference is ``env:NAME`` (an environment variable) or ``file:PATH`` (a file only its
owner may read); the secret is read when logging in and never printed or stored.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .errors import OdooConfigError

__all__ = ["PROTOCOLS", "OdooConnection", "Secret"]

PROTOCOLS = ("xmlrpc", "xmlrpcs", "jsonrpc", "jsonrpcs")
_SCHEMES = {"http": "xmlrpc", "https": "xmlrpcs", **{p: p for p in PROTOCOLS}}


class Secret:
    """A password or API key; ``repr`` and ``str`` hide it, ``reveal()`` hands it to odoolib."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself, for the login call only."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


@dataclass(frozen=True)
class OdooConnection:
    """One Odoo server: ``url`` (http[s]://host[:port]), database, login, protocol, secret reference.

    Examples
    --------
    >>> OdooConnection.from_url("https://erp.example.com/gecoord", login="sync", secret="env:ODOO_KEY").port
    443
    """

    name: str
    url: str
    database: str
    login: str
    protocol: str = "xmlrpc"
    secret: str = "env:ODOO_PASSWORD"

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise OdooConfigError(f"Odoo connection {self.name!r}: protocol must be one of "
                                  f"{', '.join(PROTOCOLS)}, not {self.protocol!r}")
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise OdooConfigError(f"Odoo connection {self.name!r}: url must look like https://host[:port],"
                                  f" not {self.url!r}")
        if parts.password:
            raise OdooConfigError(f"Odoo connection {self.name!r}: never put the password in the url;"
                                  " use secret='env:NAME' or secret='file:PATH'")
        if not self.database or not self.login:
            raise OdooConfigError(f"Odoo connection {self.name!r}: database and login are required")
        kind, _, ref = self.secret.partition(":")
        if kind not in ("env", "file") or not ref:
            raise OdooConfigError(f"Odoo connection {self.name!r}: secret must be 'env:NAME' or 'file:PATH',"
                                  f" not {self.secret!r}")

    @classmethod
    def from_url(cls, url: str, *, name: str = "odoo", database: str | None = None, login: str | None = None,
                 secret: str = "env:ODOO_PASSWORD", protocol: str | None = None) -> OdooConnection:
        """Parse ``scheme://[login@]host[:port][/database][?db=...]``.

        The scheme is ``http``/``https`` (XML-RPC) or a protocol name (``jsonrpcs://...``); a secure
        protocol is served over https. Explicit keyword arguments win over the URL.
        """
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _SCHEMES or not parts.hostname:
            raise OdooConfigError(f"Odoo connection {name!r}: cannot read the url {url!r}")
        if parts.password:
            raise OdooConfigError(f"Odoo connection {name!r}: never put the password in the url;"
                                  " use secret='env:NAME' or secret='file:PATH'")
        proto = protocol or _SCHEMES[scheme]
        secure = proto.endswith("s")
        try:
            port = parts.port
        except ValueError as exc:
            raise OdooConfigError(f"Odoo connection {name!r}: bad port in {url!r}") from exc
        if port is None:
            port = 443 if scheme == "https" else 80 if scheme == "http" else 8069
        db = database or parts.path.strip("/") or (parse_qs(parts.query).get("db") or [""])[0]
        base = f"{'https' if secure else 'http'}://{parts.hostname}:{port}"
        return cls(name=name, url=base, database=db, login=login or parts.username or "",
                   protocol=proto, secret=secret)

    @property
    def host(self) -> str:
        """The server's host name."""
        return urlsplit(self.url).hostname or ""

    @property
    def port(self) -> int:
        """The server's port (443/80 by scheme when the URL has none)."""
        parts = urlsplit(self.url)
        return parts.port or (443 if parts.scheme == "https" else 80)

    def read_secret(self) -> Secret:
        """Read the password or API key from its environment variable or owner-only file."""
        kind, _, ref = self.secret.partition(":")
        if kind == "env":
            value = os.environ.get(ref)
            if not value:
                raise OdooConfigError(f"Odoo connection {self.name!r}: environment variable {ref} is not set")
            return Secret(value)
        path = Path(ref).expanduser()
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            raise OdooConfigError(f"Odoo connection {self.name!r}: cannot read secret file {path}:"
                                  f" {exc.strerror}") from None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise OdooConfigError(f"Odoo connection {self.name!r}: secret file {path} is readable by others"
                                  f" (mode {stat.S_IMODE(mode):o}); run: chmod 600 {path}")
        try:
            value = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise OdooConfigError(f"Odoo connection {self.name!r}: cannot read secret file {path}:"
                                  f" {getattr(exc, 'strerror', None) or 'not UTF-8 text'}") from None
        if not value:
            raise OdooConfigError(f"Odoo connection {self.name!r}: secret file {path} is empty")
        return Secret(value)
