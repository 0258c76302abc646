"""Read the header of a GGUF file on the Hub with a few Range requests.

The header (metadata and tensor table) sits at the start of the file and is rarely more
than a few MiB even with a large vocabulary, so the exact architecture and the size of
every tensor are known before a byte of weights is fetched. ``peek_remote`` works with
any client that resolves a file's URL and opens a byte range of it
(``wizard_app.core.download.hub.HubClient`` is one); it raises ``InputError`` for what is
not a GGUF this app reads.
"""

from __future__ import annotations

from typing import Protocol

from wizard_app.core.errors import InputError
from wizard_app.core.gguf.info import GGUFInfo, parse_header
from wizard_app.core.gguf.parser import NeedMore
from wizard_app.core.units import human_bytes

PEEK_INITIAL = 2 << 20
PEEK_LIMIT = 64 << 20


class RangeResponse(Protocol):
    """The part of an HTTP response the peek reads (``HubResponse`` has it)."""

    status: int
    url: str

    @property
    def length(self) -> int | None: ...

    def read(self, n: int | None = None) -> bytes: ...

    def read1(self, n: int) -> bytes: ...

    def content_range(self) -> tuple[int, int, int | None] | None: ...

    def __enter__(self) -> RangeResponse: ...

    def __exit__(self, *exc: object) -> None: ...


class RangeClient(Protocol):
    """What the peek needs of a Hub client (``HubClient`` has it)."""

    def resolve_url(self, repo: str, filename: str, revision: str = "main") -> str: ...

    def open_range(
        self,
        url: str,
        start: int = 0,
        end: int | None = None,
        *,
        timeout: float | None = None,
        context: tuple[str, str, str] | None = None,
    ) -> RangeResponse: ...


def peek_remote(
    client: RangeClient,
    repo: str,
    filename: str,
    revision: str = "main",
    *,
    initial: int = PEEK_INITIAL,
    limit: int = PEEK_LIMIT,
) -> GGUFInfo:
    """The header of ``filename`` in ``repo`` at ``revision``, read from the Hub.

    Fetches the first ``initial`` bytes, more (doubling, up to ``limit``) while the header
    goes on; nothing past the header is fetched. ``result.header`` (None for a split part
    or what is not a language model) gives the exact fit estimate input through
    ``header.shape_of``. Raises ``InputError`` when the bytes are not a GGUF this app
    reads, and the client's own errors (``HubError``) for HTTP trouble.
    """
    url = client.resolve_url(repo, filename, revision)
    ctx = (repo, filename, revision)
    buf = bytearray()
    want = min(initial, limit)
    while True:
        with client.open_range(url, len(buf), want - 1, context=ctx) as resp:
            if resp.status == 200:  # a server that ignores Range: read only what we need
                while len(buf) < want:
                    chunk = resp.read1(1 << 20)
                    if not chunk:
                        break
                    buf += chunk
                del buf[want:]
                # the body cannot be continued after we stop reading; ask again if needed
            else:
                buf += resp.read()
            url = resp.url  # the CDN's signed URL: later ranges skip the redirect
            total = _total(resp)
        try:
            return parse_header(bytes(buf), name=filename, file_bytes=total)
        except NeedMore as more:
            if total is not None and len(buf) >= total:
                raise InputError(f"{filename} ends inside its own header.") from None
            if more.need > limit:
                raise InputError(
                    f"The header of {filename} is larger than {human_bytes(limit)}; "
                    "it is not a GGUF this app can read."
                ) from None
            want = min(limit, max(more.need + (64 << 10), 2 * len(buf)))
            if total is not None:
                want = min(want, total)
            if resp.status == 200:
                buf.clear()  # start over with a plain request that reads further


def _total(resp: RangeResponse) -> int | None:
    got = resp.content_range()
    if got is not None:
        return got[2]
    return resp.length if resp.status == 200 else None
