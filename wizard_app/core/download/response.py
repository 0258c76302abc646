"""What the Hub answers: ``RemoteFile`` (a file's metadata) and ``HubResponse`` (a body
still to be read, read in as few system calls as the speed allows)."""

from __future__ import annotations

import http.client
import re
import time
from dataclasses import dataclass
from email.message import Message

_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")


@dataclass(frozen=True)
class RemoteFile:
    """What the Hub says about one file before a byte of it is fetched."""

    repo: str
    filename: str
    revision: str
    url: str
    size: int | None
    sha256: str | None
    commit: str | None
    etag: str | None
    lfs: bool


class HubResponse:
    """A response whose body is still to be read; owns its connection."""

    def __init__(self, conn: http.client.HTTPConnection, resp: http.client.HTTPResponse, url: str):
        self._conn = conn
        self._resp = resp
        self.url = url
        self.status = resp.status
        self.reason = resp.reason
        self._pending: BaseException | None = None

    def header(self, name: str) -> str | None:
        return self._resp.getheader(name)

    @property
    def headers(self) -> Message:
        return self._resp.headers

    @property
    def length(self) -> int | None:
        value = self.header("Content-Length")
        return int(value) if value and value.isdigit() else None

    def content_range(self) -> tuple[int, int, int | None] | None:
        """``(first, last, total)`` of a 206 answer."""
        m = _CONTENT_RANGE.match((self.header("Content-Range") or "").strip())
        if not m:
            return None
        total = None if m.group(3) == "*" else int(m.group(3))
        return int(m.group(1)), int(m.group(2)), total

    def read1(self, n: int) -> bytes:
        """Whatever has arrived, at most ``n`` bytes, with at most one system call."""
        return self._resp.read1(n)

    def readinto_some(self, view: memoryview, budget_s: float = 0.05) -> int:
        """Fill ``view`` with what arrives within about ``budget_s`` (at least one read).

        Many reads per call keep the per-chunk work low at high speed, and the budget
        keeps cancel and progress responsive at low speed. A read error after some bytes
        arrived is kept for the next call, so no byte that reached us is lost. Returns 0
        at the end of the body.
        """
        if self._pending is not None:
            exc, self._pending = self._pending, None
            raise exc
        resp = self._resp
        fp = resp.fp
        if fp is None or resp.chunked or resp.length is None:
            data = resp.read1(len(view))
            view[: len(data)] = data
            return len(data)
        limit = min(len(view), resp.length)
        got = 0
        deadline = time.monotonic() + budget_s
        try:
            while got < limit:
                n = fp.readinto1(view[got:limit])
                if not n:
                    break
                got += n
                if time.monotonic() >= deadline:
                    break
        except (OSError, http.client.HTTPException) as exc:
            if not got:
                raise
            self._pending = exc
        resp.length -= got
        return got

    def read(self, n: int | None = None) -> bytes:
        return self._resp.read(n)

    def close(self) -> None:
        try:
            self._resp.close()
        finally:
            self._conn.close()

    def __enter__(self) -> HubResponse:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
