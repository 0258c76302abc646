"""The user's named endpoints, kept in ``endpoints.json`` in the config folder.

The file is readable by the user only, like the settings file that keeps the Hub token;
an API key never appears in a ``repr``, a log line or the CLI's output.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from wizard_app.core.errors import InputError
from wizard_app.core.remote.errors import RemoteError

log = logging.getLogger(__name__)

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class Endpoint:
    """A server speaking the OpenAI-compatible API."""

    name: str
    base_url: str  # as given, e.g. http://host:8080 or http://host:11434/v1
    api_key: str = field(default="", repr=False)
    verify_tls: bool = True

    @property
    def root(self) -> str:
        """The server's root: the base URL without a trailing ``/v1``."""
        url = self.base_url.rstrip("/")
        return url[: -len("/v1")] if url.endswith("/v1") else url

    @property
    def api_base(self) -> str:
        """Where the OpenAI routes are (``.../v1``)."""
        return self.root + "/v1"

    def public(self) -> dict[str, object]:
        """What may be shown or printed: everything but the key."""
        return {
            "name": self.name,
            "base_url": self.base_url,
            "api_key": "set (hidden)" if self.api_key else "",
            "verify_tls": self.verify_tls,
        }


def check_url(url: str) -> str:
    """The URL without surrounding spaces; an error for what is not http(s)://host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RemoteError.of("remote.bad_url", url=url)
    return url.rstrip("/")


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise InputError(
            f"'{name}' cannot name an endpoint.",
            "Use letters, digits, '.', '_' or '-' (up to 64), starting with a letter or digit.",
        )
    return name


FILE_NAME = "endpoints.json"


class EndpointStore:
    """Read and write the endpoints file; every change is written at once."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_config(cls, config_dir: Path) -> EndpointStore:
        """The file the CLI and the app share, in the config folder."""
        return cls(config_dir / FILE_NAME)

    def all(self) -> list[Endpoint]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            log.warning("endpoints file %s unreadable (%s); no endpoints", self.path, exc)
            return []
        found: list[Endpoint] = []
        for item in data.get("endpoints", []) if isinstance(data, dict) else []:
            if not isinstance(item, dict):
                continue
            name, url = item.get("name"), item.get("base_url")
            if not isinstance(name, str) or not isinstance(url, str):
                continue
            key = item.get("api_key", "")
            found.append(
                Endpoint(
                    name,
                    url,
                    key if isinstance(key, str) else "",
                    item.get("verify_tls", True) is not False,
                )
            )
        return found

    def get(self, name: str) -> Endpoint:
        for endpoint in self.all():
            if endpoint.name == name:
                return endpoint
        raise RemoteError.of("remote.unknown_endpoint", name=name)

    def add(self, endpoint: Endpoint) -> Endpoint:
        """Add or replace the endpoint with this name."""
        endpoint = replace(
            endpoint, name=check_name(endpoint.name), base_url=check_url(endpoint.base_url)
        )
        others = [e for e in self.all() if e.name != endpoint.name]
        self._write([*others, endpoint])
        return endpoint

    def remove(self, name: str) -> None:
        kept = [e for e in self.all() if e.name != name]
        if len(kept) == len(self.all()):
            raise RemoteError.of("remote.unknown_endpoint", name=name)
        self._write(kept)

    def _write(self, endpoints: list[Endpoint]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        rows = [
            {
                "name": e.name,
                "base_url": e.base_url,
                "api_key": e.api_key,
                "verify_tls": e.verify_tls,
            }
            for e in endpoints
        ]
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"endpoints": rows}, f, indent=2)
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)
