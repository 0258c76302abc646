"""The worker's side of the connection to the app: handshake, events out, logs, cancel state.

Nothing here touches llama.cpp. Events go out from any thread through one ``Sender``;
when the app has gone, sending raises ``ParentGone`` and the worker winds down.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import threading
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, Listener
from typing import TextIO

from wizard_app.core.runtime import protocol as p

# ggml_log_level (NONE, DEBUG, INFO, WARN, ERROR, CONT: checked against this build) ->
# logging level; CONT continues the previous record. llama-cpp-python's own shim still
# uses an older order, which is one reason to install our own callback.
_LOG_LEVELS = {0: logging.INFO, 1: logging.DEBUG, 2: logging.INFO, 3: logging.WARNING}
_LOG_LEVELS[4] = logging.ERROR
_LOG_CONT = 5


class ParentGone(Exception):
    """The app closed its end of the connection."""


class Sender:
    """Sends events from any thread (the main thread, log records from the reader)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.broken = False

    def __call__(self, event: p.Event) -> None:
        if self.broken:
            raise ParentGone
        with self._lock:
            try:
                self._conn.send(event)
            except (OSError, EOFError, ValueError) as exc:
                self.broken = True
                raise ParentGone from exc

    def quietly(self, event: p.Event) -> None:
        """Send if the app is still there; for progress and heartbeats from callbacks."""
        with contextlib.suppress(ParentGone):
            self(event)


class EventLogHandler(logging.Handler):
    """Forwards the worker's log records to the app, which writes the one log file."""

    def __init__(self, send: Sender) -> None:
        super().__init__()
        self._send = send

    def emit(self, record: logging.LogRecord) -> None:
        if not self._send.broken:
            self._send.quietly(p.LogLine(record.levelno, record.name, record.getMessage()))


class LogStream:
    """Stands in for sys.stdout/sys.stderr so llama-cpp-python's prints become records."""

    def __init__(self, logger: logging.Logger) -> None:
        self._logger = logger
        self._buf = ""

    def write(self, text: str) -> int:
        self._buf += text
        while "\n" in self._buf:
            line, self._buf = self._buf.split("\n", 1)
            if line.strip():
                self._logger.debug("%s", line)
        return len(text)

    encoding = "utf-8"

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise io.UnsupportedOperation("a log stream has no file descriptor")


class NativeLog:
    """llama.cpp's log callback: whole lines into logging, the recent ones kept."""

    def __init__(self, quiet: Callable[[], bool] = lambda: False) -> None:
        self.logger = logging.getLogger("llama_cpp")
        self._quiet = quiet  # True while a cancel we asked for makes llama.cpp complain
        self._buf = ""
        self._level = logging.INFO
        self._capture: list[tuple[int, str]] | None = None
        self.recent: deque[tuple[int, str]] = deque(maxlen=60)

    def __call__(self, level: int, text: bytes | None, _user_data: object) -> None:
        self._level = self._level if level == _LOG_CONT else _LOG_LEVELS.get(level, logging.INFO)
        self._buf += (text or b"").decode("utf-8", errors="replace")
        while "\n" in self._buf:
            line, self._buf = self._buf.split("\n", 1)
            line = line.rstrip()
            if not line.strip(" ."):  # blank lines and load-progress dots
                continue
            level = min(self._level, logging.INFO) if self._quiet() else self._level
            self.logger.log(level, "%s", line)
            self.recent.append((level, line))
            if self._capture is not None:
                self._capture.append((self._level, line))

    @contextlib.contextmanager
    def capture(self) -> Iterator[list[tuple[int, str]]]:
        lines: list[tuple[int, str]] = []
        self._capture = lines
        try:
            yield lines
        finally:
            self._capture = None


def error_lines(lines: list[tuple[int, str]]) -> tuple[str, ...]:
    """The last warnings and errors llama.cpp logged: the details of an error event."""
    bad = [text for level, text in lines if level >= logging.WARNING]
    return tuple(bad[-6:])


class CancelState:
    """Which request is running and whether it has been cancelled.

    A ``Cancel`` can overtake the request it names (the reader thread is quicker than the
    main thread), so cancelled ids are remembered until that request has run.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled: set[int] = set()
        self._current: int | None = None
        self.event = threading.Event()

    def cancel(self, request_id: int) -> None:
        with self._lock:
            self._cancelled.add(request_id)
            if request_id == self._current:
                self.event.set()

    def cancel_all(self) -> None:
        with self._lock:
            if self._current is not None:
                self._cancelled.add(self._current)
            self.event.set()

    @property
    def current(self) -> int | None:
        return self._current

    def begin(self, request_id: int) -> None:
        with self._lock:
            self._current = request_id
            self.event.clear()
            if request_id in self._cancelled:
                self.event.set()

    def end(self) -> None:
        with self._lock:
            current = self._current
            self._current = None
            self._cancelled = {i for i in self._cancelled if current is None or i > current}
            self.event.clear()


def connect(stdin: TextIO, stdout: TextIO) -> tuple[Connection, Connection, int]:
    """Handshake: read the key from stdin, listen, announce the address, accept twice."""
    hello = json.loads(stdin.readline() or "{}")
    authkey = bytes.fromhex(hello["authkey"])
    listener = Listener(authkey=authkey)
    try:
        stdout.write(p.ADDRESS_PREFIX + json.dumps({"address": listener.address}) + "\n")
        stdout.flush()
        control = listener.accept()
        events = listener.accept()
    finally:
        listener.close()
    return control, events, int(hello.get("log_level", logging.INFO))
