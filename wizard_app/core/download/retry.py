"""The one retry policy of a download, used by the main connection and every extra one.

What counts as transient (a lost connection, a stall, a 5xx or 429 from ``hub``) raises
``TransientError``; ``Attempts`` counts such failures in a row per connection and says
how long to wait before the next attempt, or that it is time to give up. A connection
that moved at least ``PROGRESS_RESETS`` bytes since its last failure counts from one
again, so a long download over a flaky line is not given up on while it advances.
"""

from __future__ import annotations

import http.client
import random
import time

from wizard_app.core.download.errors import TransientError
from wizard_app.core.download.options import FetchOptions, MiB
from wizard_app.core.download.response import HubResponse

PROGRESS_RESETS = MiB


class Attempts:
    """Failures in a row of one connection, and the back-off before the next attempt."""

    def __init__(self, options: FetchOptions) -> None:
        self.opt = options
        self.count = 0

    def succeeded(self) -> None:
        self.count = 0

    def failed(self, progressed: int, exc: TransientError) -> float | None:
        """Count a failure after ``progressed`` bytes; the delay before the next attempt,
        or None when the attempts are used up."""
        if progressed >= PROGRESS_RESETS:
            self.count = 0
        self.count += 1
        if self.count > self.opt.retries:
            return None
        return backoff(self.opt, self.count, exc.retry_after)


def backoff(options: FetchOptions, attempt: int, retry_after: float | None = None) -> float:
    """Seconds to wait before ``attempt`` (1-based): the server's Retry-After, else an
    exponential delay with jitter (so many clients do not retry at the same moment)."""
    if retry_after is not None:
        return min(options.backoff_max, retry_after)
    delay = min(options.backoff_max, options.backoff_base * (2.0 ** (attempt - 1)))
    return delay * (0.75 + random.random() / 2)


class StallWatch:
    """Raises ``TransientError`` when a window of ``timeout`` seconds brings too few bytes."""

    def __init__(self, timeout: float, min_bytes: int) -> None:
        self.timeout, self.min_bytes = timeout, min_bytes
        self.start, self.bytes = time.monotonic(), 0

    def add(self, n: int) -> None:
        now = time.monotonic()
        self.bytes += n
        if now - self.start >= self.timeout:
            if self.bytes < self.min_bytes:
                raise TransientError(
                    f"The download stalled: {self.bytes} bytes in {self.timeout:g} s."
                )
            self.start, self.bytes = now, 0


def read_into(resp: HubResponse, view: memoryview, stall_timeout: float) -> int:
    """Read what arrives into ``view``; a timeout or a lost connection is transient."""
    try:
        return resp.readinto_some(view)
    except TimeoutError as exc:
        raise TransientError(f"The download stalled: no data for {stall_timeout:g} s.") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise TransientError(f"The connection was lost ({exc.__class__.__name__}).") from exc
