"""The app's side of the inference worker: start it, send requests, iterate its events.

``RuntimeClient.load`` and ``.generate`` are generators of protocol events, in the house
style of long core operations: iterate them from a worker thread and pass a
``CancelToken`` (or call ``cancel()`` from any thread). When the worker process dies -
llama.cpp aborted, the OS killed it for memory, someone sent SIGKILL - the running
generator raises ``WorkerDied`` with what is known about why, and a fresh worker is started
straight away; the app itself is never affected. The errors and the words for a death are
in ``deaths``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from multiprocessing.connection import Connection

from wizard_app.core.cancel import CancelToken
from wizard_app.core.errors import Param, render
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.cpu_policy import SafetyMemory, build_key
from wizard_app.core.runtime.deaths import (
    RunError,
    WorkerDied,
    crash_name,
    worker_died,
    worker_hung,
)
from wizard_app.core.runtime.launch import worker_command, worker_env
from wizard_app.core.runtime.spawn import OUTPUT_TAIL, cannot_talk, kill, start_worker

log = logging.getLogger(__name__)

POLL_S = 0.02  # how often a waiting generator looks at its CancelToken
# A busy worker sends something at least every second (tokens, load progress, heartbeats
# from llama.cpp's abort callback); silence this long means it hangs (stopped, deadlocked).
WATCHDOG_S = 60.0
_TERMINAL = (p.Loaded, p.Done, p.Unloaded, p.StatsReport, p.Error)


class RuntimeClient:
    """Owns one worker process at a time; not safe for two requests at once."""

    def __init__(
        self,
        *,
        command: Sequence[str] | None = None,
        env: dict[str, str] | None = None,
        start_timeout_s: float = 60.0,
        log_level: int | None = None,
        restart_on_death: bool = True,
        safety: SafetyMemory | None = None,
        watchdog_s: float = WATCHDOG_S,
    ) -> None:
        self._command = list(command) if command else worker_command()
        self._env = env if env is not None else worker_env()
        self._start_timeout_s = start_timeout_s
        self._log_level = log_level
        self._restart_on_death = restart_on_death
        self.safety = safety if safety is not None else SafetyMemory()
        self.watchdog_s = watchdog_s
        self._heard_at = time.monotonic()
        self._proc: subprocess.Popen[bytes] | None = None
        self._control: Connection | None = None
        self._events: Connection | None = None
        self._send_lock = threading.Lock()
        self._output: deque[str] = deque(maxlen=OUTPUT_TAIL)
        self._output_thread: threading.Thread | None = None
        self._next_id = 0
        self._current: int | None = None
        self.hello: p.Hello | None = None
        self.model: p.ModelInfo | None = None
        self.loaded_with: p.Load | None = None  # the request that loaded ``model``
        self.deaths = 0
        self._starting = False  # a death while starting is not answered with another start

    # --- process ------------------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def is_alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> p.Hello:
        """Start the worker if it is not running; return its Hello."""
        if self.is_alive() and self.hello is not None:
            return self.hello
        self._starting = True
        try:
            return self._start()
        except WorkerDied as died:  # it died before saying hello: no fresh one is ready
            raise RunError(
                f"The model process did not start. {died.message}",
                "Reinstall the app; the log file has details.",
                "worker_died",
                died.details,
            ) from None
        finally:
            self._starting = False

    def _start(self) -> p.Hello:
        self._cleanup()
        level = self._log_level if self._log_level is not None else logging.getLogger().level
        started = start_worker(self._command, self._env, level, self._start_timeout_s)
        self._proc, self._output = started.proc, started.output
        self._output_thread = started.output_thread
        self._control, self._events = started.control, started.events
        try:
            hello = self._recv_until(lambda e: isinstance(e, p.Hello), self._start_timeout_s)
        except (OSError, EOFError) as exc:
            self._kill()
            raise cannot_talk(exc) from exc
        assert isinstance(hello, p.Hello)
        self.hello = hello
        self.model = None
        log.info(
            "model process %d ready: llama-cpp-python %s, GPU offload %s",
            hello.pid,
            hello.llama_cpp_version,
            "yes" if hello.supports_gpu_offload else "no",
        )
        return hello

    def stop(self, timeout_s: float = 5.0) -> None:
        """Ask the worker to close its model and exit; kill it if it does not."""
        proc = self._proc
        if proc is None:
            return
        if proc.poll() is None:
            with contextlib.suppress(OSError, ValueError, RunError):
                self._send(p.Shutdown())
            try:
                proc.wait(timeout_s)
            except subprocess.TimeoutExpired:
                log.warning("model process %d did not exit; killing it", proc.pid)
        self._kill()

    def restart(self) -> p.Hello:
        self.stop()
        return self.start()

    def _kill(self) -> None:
        if self._proc is not None:
            kill(self._proc, None)
        self._cleanup()

    def _cleanup(self) -> None:
        for conn in (self._control, self._events):
            if conn is not None:
                with contextlib.suppress(OSError):
                    conn.close()
        self._control = self._events = None
        if self._output_thread is not None:
            self._output_thread.join(timeout=2)
            self._output_thread = None
        if self._proc is not None and self._proc.poll() is not None:
            self._proc = None
        self.hello = None
        self.model = None
        self.loaded_with = None
        self._current = None

    def __enter__(self) -> RuntimeClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # --- messaging ----------------------------------------------------------------------
    def _send(self, msg: p.Request) -> None:
        conn = self._control
        if conn is None:
            raise RunError("The model process is not running.", "", "worker_died")
        with self._send_lock:
            try:
                conn.send(msg)
            except (OSError, ValueError) as exc:
                raise self._died() from exc

    def _died(self) -> WorkerDied:
        proc = self._proc
        rc = None
        if proc is not None:
            try:
                rc = proc.wait(3)
            except subprocess.TimeoutExpired:
                rc = None
        if self._output_thread is not None:
            self._output_thread.join(timeout=1)
        died = worker_died(rc, list(self._output))
        log.error("%s", died.message)
        self._replace_worker()
        return died

    def _replace_worker(self) -> None:
        """Count the loss, make sure the old process is gone, start a fresh one."""
        self.deaths += 1
        self._kill()
        if self._restart_on_death and not self._starting:
            try:
                self.start()
            except RunError as exc:
                log.error("could not start a fresh model process: %s", exc)

    def _hung(self) -> WorkerDied:
        """Silence past the watchdog: kill the worker, start a fresh one, say what happened."""
        seconds = round(self.watchdog_s)
        log.error("model process %s sent nothing for %d s; killing it", self.pid, seconds)
        self._replace_worker()
        return worker_hung(seconds)

    def _recv(self, timeout_s: float) -> p.Event | None:
        conn = self._events
        if conn is None:
            raise RunError("The model process is not running.", "", "worker_died")
        try:
            if not conn.poll(timeout_s):
                if self._proc is not None and self._proc.poll() is not None:
                    raise self._died()
                return None
            event = conn.recv()
        except (EOFError, OSError) as exc:
            raise self._died() from exc
        self._heard_at = time.monotonic()
        if isinstance(event, p.LogLine):
            logging.getLogger(event.logger).log(event.level, "%s", event.message)
            return None
        if isinstance(event, p.Heartbeat):
            return None
        return event  # type: ignore[no-any-return]

    def _recv_until(self, done: Callable[[p.Event], bool], timeout_s: float) -> p.Event:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            event = self._recv(min(POLL_S * 5, max(0.0, deadline - time.monotonic())))
            if event is not None and done(event):
                return event
        raise RunError("The model process did not answer in time.", "", "worker_died")

    def _request(self, msg: p.Request) -> int:
        self.start()
        self._next_id += 1
        rid = self._next_id
        self._send(replace(msg, request_id=rid))
        self._current = rid
        return rid

    def _events_for(self, rid: int, token: CancelToken | None) -> Iterator[p.Event]:
        """Events of request ``rid`` up to its terminal one; cancels it if abandoned."""
        cancel_sent = False
        finished = False
        self._heard_at = time.monotonic()
        try:
            while True:
                if time.monotonic() - self._heard_at > self.watchdog_s:
                    raise self._hung()
                if token is not None and token.is_set() and not cancel_sent:
                    self._send(p.Cancel(rid))
                    cancel_sent = True
                event = self._recv(POLL_S)
                if event is None or getattr(event, "request_id", rid) != rid:
                    continue
                if isinstance(event, p.Error):
                    finished = True
                    if event.kind == "cancelled":
                        return
                    raise RunError(
                        event.message,
                        event.remedy,
                        event.kind,
                        event.details,
                        code=event.code or None,
                        params=event.params,
                    )
                if isinstance(event, _TERMINAL):
                    finished = True
                    yield event
                    return
                yield event
        finally:
            if not finished and self.is_alive() and self._current == rid:
                with contextlib.suppress(RunError):
                    self._send(p.Cancel(rid))
            if self._current == rid:
                self._current = None

    def cancel(self) -> None:
        """Cancel the running request (from any thread); harmless when idle."""
        rid = self._current
        if rid is not None and self.is_alive():
            with contextlib.suppress(RunError):
                self._send(p.Cancel(rid))

    # --- requests -----------------------------------------------------------------------
    def extra_buffers_for(self, hello: p.Hello) -> bool:
        """Extra weight buffers here: what this machine learned, else the CPU's default."""
        return self.safety.extra_buffers_for(hello.llama_cpp_version, hello.system_info)

    def load(
        self, request: p.Load, token: CancelToken | None = None
    ) -> Iterator[p.LoadProgress | p.Loaded]:
        """Load a model; yields progress, then ``Loaded``. A cancelled load just ends.

        A worker that crashes in native code while loading or warming up with extra weight
        buffers is retried once without them, and this machine remembers that choice.
        """
        self.model = None
        self.loaded_with = None
        hello = self.start()
        resolved = request
        if request.extra_buffers is None:
            resolved = replace(request, extra_buffers=self.extra_buffers_for(hello))
        try:
            yield from self._load_once(request, resolved, token)
        except WorkerDied as exc:
            crashed = crash_name(exc.returncode)
            if crashed is None or not resolved.extra_buffers or not self._restart_on_death:
                raise
            name = os.path.basename(request.path)
            log.warning(
                "%s crashed llama.cpp (%s) with extra buffers; retrying without", name, crashed
            )
            self.safety.remember_crash(
                build_key(hello.llama_cpp_version, hello.system_info), name, crashed
            )
            params: dict[str, Param] = {"signal": crashed, "name": name}
            note, _ = render("runtime.safe_retry", params)
            yield p.LoadProgress(0, 0.0, note)
            yield from self._load_once(
                request,
                replace(resolved, extra_buffers=False),
                token,
                ("runtime.safe_retry", params),
            )

    def _load_once(
        self,
        request: p.Load,
        resolved: p.Load,
        token: CancelToken | None,
        note: tuple[str, dict[str, Param]] | None = None,
    ) -> Iterator[p.LoadProgress | p.Loaded]:
        rid = self._request(resolved)
        for event in self._events_for(rid, token):
            if isinstance(event, p.Loaded):
                if note is not None:
                    event = replace(event, info=event.info.with_note(*note))
                self.model = event.info
                self.loaded_with = replace(request, request_id=0)
            if isinstance(event, p.LoadProgress | p.Loaded):
                yield event

    def generate(
        self, request: p.Generate, token: CancelToken | None = None
    ) -> Iterator[p.Token | p.Done]:
        """Generate; yields ``Token`` events as they come, then ``Done`` with the metrics.

        ``Done.metrics.ttft_s`` is measured here, from sending the request to receiving
        the first token, so it includes everything the user waits for.
        """
        t_sent = time.perf_counter()
        rid = self._request(request)
        t_first: float | None = None
        for event in self._events_for(rid, token):
            if isinstance(event, p.Token):
                if t_first is None:
                    t_first = time.perf_counter()
                yield event
            elif isinstance(event, p.Done):
                ttft = (t_first if t_first is not None else time.perf_counter()) - t_sent
                yield replace(event, metrics=replace(event.metrics, ttft_s=ttft))

    def unload(self) -> None:
        if not self.is_alive():
            self.model = None
            self.loaded_with = None
            return
        rid = self._request(p.Unload())
        for _ in self._events_for(rid, None):
            pass
        self.model = None
        self.loaded_with = None

    def stats(self) -> p.StatsReport:
        rid = self._request(p.Stats())
        for event in self._events_for(rid, None):
            if isinstance(event, p.StatsReport):
                return event
        raise RunError("The model process sent no statistics.", "", "worker_died")
