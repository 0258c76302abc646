"""Turning generated token bytes into text that is safe to show as it streams.

Tokens end in the middle of UTF-8 characters and stop strings span tokens, so text is
held back until it can no longer turn into a stop string and until its bytes form whole
characters. Pure Python, used by the worker and tested on its own.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Chunk:
    text: str  # ready to show
    stopped: bool  # a stop string was found; nothing after it is shown


class TextStream:
    """Feed token bytes with ``push``; call ``flush`` at the end for the held-back rest."""

    def __init__(self, stop: Sequence[str] = ()) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._stop = tuple(s for s in stop if s)
        self._pending = ""
        self._stopped = False
        self.text = ""  # everything shown so far

    @property
    def stopped(self) -> bool:
        return self._stopped

    def push(self, data: bytes) -> Chunk:
        if self._stopped:
            return Chunk("", True)
        self._pending += self._decoder.decode(data)
        return self._release(final=False)

    def flush(self) -> Chunk:
        if self._stopped:
            return Chunk("", True)
        self._pending += self._decoder.decode(b"", final=True)
        return self._release(final=True)

    def _release(self, *, final: bool) -> Chunk:
        pending = self._pending
        cut = min((i for i in (pending.find(s) for s in self._stop) if i >= 0), default=-1)
        if cut >= 0:
            out = pending[:cut]
            self._pending = ""
            self._stopped = True
            self.text += out
            return Chunk(out, True)
        hold = 0 if final else self._held_back(pending)
        out = pending[: len(pending) - hold]
        self._pending = pending[len(pending) - hold :]
        self.text += out
        return Chunk(out, False)

    def _held_back(self, pending: str) -> int:
        """Length of the longest tail of ``pending`` that starts some stop string."""
        longest = 0
        for s in self._stop:
            for n in range(min(len(s) - 1, len(pending)), longest, -1):
                if pending.endswith(s[:n]):
                    longest = n
                    break
        return longest
