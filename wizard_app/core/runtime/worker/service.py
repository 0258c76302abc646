"""The worker's request loop: one model, requests in, events out, until Shutdown."""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import os
import queue
import sys
import threading
from multiprocessing.connection import Connection

from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.metrics import peak_rss_bytes, rss_bytes
from wizard_app.core.runtime.worker import generation, loading
from wizard_app.core.runtime.worker.channel import (
    CancelState,
    EventLogHandler,
    LogStream,
    NativeLog,
    ParentGone,
    Sender,
    connect,
)
from wizard_app.core.runtime.worker.llama import LlamaCpp
from wizard_app.core.runtime.worker.state import Context, Loaded

log = logging.getLogger("wizard_app.worker")


class Worker:
    """Owns the model; ``serve`` runs until the app says Shutdown or goes away."""

    def __init__(self, send: Sender) -> None:
        from wizard_app.core.runtime.archs import KNOWN_ARCHITECTURES, architectures_from_library

        cancel = CancelState()
        native = NativeLog(cancel.event.is_set)
        cpp = LlamaCpp()
        cpp.set_log_callback(native)
        self._ctx = Context(send, cancel, native, cpp)
        self._requests: queue.Queue[p.Request | None] = queue.Queue()
        self._model: Loaded | None = None
        archs = architectures_from_library(cpp.lib)
        self.architectures = archs if archs is not None else KNOWN_ARCHITECTURES

    def hello(self) -> p.Hello:
        cpp = self._ctx.cpp
        return p.Hello(
            pid=os.getpid(),
            llama_cpp_version=cpp.version,
            supports_gpu_offload=cpp.supports_gpu_offload,
            devices=cpp.devices(),
            architectures=tuple(sorted(self.architectures)),
            system_info=cpp.system_info,
        )

    def _read_requests(self, control: Connection) -> None:
        cancel = self._ctx.cancel
        while True:
            try:
                msg = control.recv()
            except (EOFError, OSError):
                msg = p.Shutdown()
            if isinstance(msg, p.Cancel):
                cancel.cancel(msg.target_id)
                continue
            if isinstance(msg, p.Shutdown):
                cancel.cancel_all()
                self._requests.put(None)
                return
            self._requests.put(msg)

    def serve(self, control: Connection) -> None:
        send, cancel = self._ctx.send, self._ctx.cancel
        send(self.hello())
        reader = threading.Thread(
            target=self._read_requests, args=(control,), name="requests", daemon=True
        )
        reader.start()
        while True:
            req = self._requests.get()
            if req is None:
                return
            cancel.begin(req.request_id)
            try:
                self._dispatch(req)
            except ParentGone:
                return
            except Exception as exc:  # report, stay alive for the next request
                log.exception("request %r failed", req)
                kind: p.ErrorKind = (
                    "load_failed" if isinstance(req, p.Load) else "generation_failed"
                )
                send(p.Error(req.request_id, kind, f"Internal error: {exc}"))
            finally:
                cancel.end()

    def _dispatch(self, req: p.Request) -> None:
        send = self._ctx.send
        if isinstance(req, p.Load):
            problem = loading.check(req)
            if problem is not None:
                send(problem)
                return
            self.unload()
            self._model = loading.load(self._ctx, req)
        elif isinstance(req, p.Generate):
            generation.generate(self._ctx, self._model, req)
        elif isinstance(req, p.Unload):
            self.unload()
            send(p.Unloaded(req.request_id))
        elif isinstance(req, p.Stats):
            info = self._model.info if self._model else None
            send(p.StatsReport(req.request_id, rss_bytes(), peak_rss_bytes(), info))
        else:
            send(p.Error(req.request_id, "bad_request", f"Unknown request {req!r}."))

    def unload(self) -> None:
        model, self._model = self._model, None
        if model is not None:
            self._ctx.cpp.clear_abort_callback(model.llm)
            model.llm.close()
            log.info("unloaded %s", model.info.path)


def main() -> int:
    """Entry point of the worker process (``--runtime-worker``)."""
    # A crash in native code prints the Python stack to the real stderr, which the app
    # reads and quotes when it reports the worker's death.
    if sys.__stderr__ is not None:
        faulthandler.enable(file=sys.__stderr__)
    control, events, level = connect(sys.stdin, sys.stdout)
    send = Sender(events)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(EventLogHandler(send))
    root.setLevel(level)
    # llama-cpp-python prints (system info, metadata) with print(); make those records.
    sys.stdout = LogStream(logging.getLogger("llama_cpp.python"))
    sys.stderr = LogStream(logging.getLogger("llama_cpp.python"))
    worker: Worker | None = None
    try:
        worker = Worker(send)
        worker.serve(control)
    except ParentGone:
        pass
    finally:
        if worker is not None:
            worker.unload()
        for conn in (control, events):
            with contextlib.suppress(OSError):
                conn.close()
    return 0
