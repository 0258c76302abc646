"""What the worker's request handlers share: the connection, the cancel state, the library."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from wizard_app.core.errors import Param, render
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.worker.channel import CancelState, NativeLog, Sender
from wizard_app.core.runtime.worker.llama import LlamaCpp

HEARTBEAT_S = 1.0  # while llama.cpp computes, the app hears from the worker this often


@dataclass
class Context:
    send: Sender
    cancel: CancelState
    native: NativeLog
    cpp: LlamaCpp
    _last_beat: float = field(default=0.0, repr=False)

    def between_nodes(self, _data: object) -> bool:
        """llama.cpp's abort callback: stop when cancelled; meanwhile say we are alive."""
        now = time.monotonic()
        if now - self._last_beat >= HEARTBEAT_S:
            self._last_beat = now
            rid = self.cancel.current
            if rid is not None:
                self.send.quietly(p.Heartbeat(rid))
        return self.cancel.event.is_set()


@dataclass
class Loaded:
    llm: Any
    info: p.ModelInfo
    formatter: Any  # llama_chat_format.Jinja2ChatFormatter or None (fallback format)
    abort_cb: Any  # the ctypes callback: kept referenced while the context lives
    reuse_ok: bool = True  # the KV cache can continue from an earlier prompt's prefix


def coded(
    rid: int, kind: p.ErrorKind, code: str, details: tuple[str, ...] = (), **params: Param
) -> p.Error:
    """An ``Error`` whose message and remedy come from ``wizard_app.core.errors.TEMPLATES``."""
    message, remedy = render(code, params)
    return p.Error(rid, kind, message, remedy, details, code, params)
