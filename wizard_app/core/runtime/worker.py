"""The inference worker: a separate process that owns one llama.cpp model.

llama.cpp aborts the whole process on some bad files and the OS kills a process that runs
out of memory; living in its own process, neither takes the app down. The app starts it
with ``launch.worker_command()`` and talks to it through ``protocol`` messages over two
authenticated local connections: requests in, events out.

Threads: the main thread loads and generates; a reader thread receives requests, so a
``Cancel`` is seen at once. It sets an event that the generation loop checks between
tokens and that llama.cpp's abort callback checks between graph nodes, which also stops
a long prompt evaluation. llama.cpp's log goes through its log callback into Python
logging and on to the app (``LogLine`` events); ``verbose=True`` keeps llama-cpp-python
from redirecting file descriptors.
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import gc
import io
import json
import logging
import os
import queue
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, Listener
from pathlib import Path
from typing import Any, TextIO

from wizard_app.core.errors import Param, render
from wizard_app.core.runtime import chat_formats
from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.cpu_policy import default_extra_buffers
from wizard_app.core.runtime.metrics import peak_rss_bytes, reset_peak_rss, rss_bytes
from wizard_app.core.runtime.retry import gpu_layer_attempts, looks_out_of_memory
from wizard_app.core.runtime.textstream import TextStream

log = logging.getLogger("wizard_app.worker")


def _coded(
    rid: int, kind: p.ErrorKind, code: str, details: tuple[str, ...] = (), **params: Param
) -> p.Error:
    """An ``Error`` whose message and remedy come from ``wizard_app.core.errors.TEMPLATES``."""
    message, remedy = render(code, params)
    return p.Error(rid, kind, message, remedy, details, code, params)


ADDRESS_PREFIX = "WIZARD-RUNTIME-WORKER "
HEARTBEAT_S = 1.0  # while llama.cpp computes, the app hears from the worker this often
# Fault injection for the tests of the crash retry on CPUs where llama.cpp does not crash.
FAULT_ENV = "MODEL_WIZARD_WORKER_FAULT"
FALLBACK_CHAT_FORMAT = "chatml"  # what llama.cpp's server assumes without a template

# ggml_log_level (NONE, DEBUG, INFO, WARN, ERROR, CONT: checked against this build) ->
# logging level; CONT continues the previous record. llama-cpp-python's own shim still
# uses an older order, which is one reason to install our own callback.
_LOG_LEVELS = {0: logging.INFO, 1: logging.DEBUG, 2: logging.INFO, 3: logging.WARNING}
_LOG_LEVELS[4] = logging.ERROR
_CACHE_TYPES = {
    "f32": 0,
    "f16": 1,
    "q4_0": 2,
    "q4_1": 3,
    "q5_0": 6,
    "q5_1": 7,
    "q8_0": 8,
    "bf16": 30,
}
_BUFFER_LINE = re.compile(
    r"(?P<dev>[\w.:-]+)\s+(?P<what>model|KV|compute|output)\s+buffer size\s*=\s*"
    r"(?P<mib>[\d.]+)\s*MiB"
)
_DEV_KIND = {0: "cpu", 1: "gpu", 2: "igpu", 3: "accel"}


class _ParentGone(Exception):
    """The app closed its end of the connection."""


class _Sender:
    """Sends events from any thread (the main thread, log records from the reader)."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.broken = False

    def __call__(self, event: p.Event) -> None:
        if self.broken:
            raise _ParentGone
        with self._lock:
            try:
                self._conn.send(event)
            except (OSError, EOFError, ValueError) as exc:
                self.broken = True
                raise _ParentGone from exc


class _EventLogHandler(logging.Handler):
    """Forwards the worker's log records to the app, which writes the one log file."""

    def __init__(self, send: _Sender) -> None:
        super().__init__()
        self._send = send

    def emit(self, record: logging.LogRecord) -> None:
        if self._send.broken:
            return
        with contextlib.suppress(_ParentGone):
            self._send(p.LogLine(record.levelno, record.name, record.getMessage()))


class _LogStream:
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


class _NativeLog:
    """llama.cpp's log callback: whole lines into logging, the recent ones kept."""

    def __init__(self, quiet: Callable[[], bool] = lambda: False) -> None:
        self.logger = logging.getLogger("llama_cpp")
        self._quiet = quiet  # True while a cancel we asked for makes llama.cpp complain
        self._buf = ""
        self._level = logging.INFO
        self._capture: list[tuple[int, str]] | None = None
        self.recent: deque[tuple[int, str]] = deque(maxlen=60)

    def __call__(self, level: int, text: bytes | None, _user_data: object) -> None:
        self._level = self._level if level == 5 else _LOG_LEVELS.get(level, logging.INFO)
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


class _CancelState:
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


@dataclass
class _Loaded:
    llm: Any
    info: p.ModelInfo
    formatter: Any  # llama_chat_format.Jinja2ChatFormatter or None (fallback format)
    abort_cb: Any  # the ctypes callback: kept referenced while the context lives
    reuse_ok: bool = True  # the KV cache can continue from an earlier prompt's prefix


def _device_infos(lib: Any) -> tuple[p.DeviceInfo, ...]:
    """ggml's backend devices with their free and total memory (plain C exports)."""
    try:
        count_fn = lib.ggml_backend_dev_count
    except AttributeError:
        return ()
    count_fn.restype = ctypes.c_size_t
    lib.ggml_backend_dev_get.restype = ctypes.c_void_p
    lib.ggml_backend_dev_get.argtypes = [ctypes.c_size_t]
    for name in ("ggml_backend_dev_name", "ggml_backend_dev_description"):
        getattr(lib, name).restype = ctypes.c_char_p
        getattr(lib, name).argtypes = [ctypes.c_void_p]
    lib.ggml_backend_dev_type.restype = ctypes.c_int
    lib.ggml_backend_dev_type.argtypes = [ctypes.c_void_p]
    size_p = ctypes.POINTER(ctypes.c_size_t)
    lib.ggml_backend_dev_memory.argtypes = [ctypes.c_void_p, size_p, size_p]
    devices = []
    for i in range(int(count_fn())):
        dev = lib.ggml_backend_dev_get(i)
        free, total = ctypes.c_size_t(), ctypes.c_size_t()
        lib.ggml_backend_dev_memory(dev, ctypes.byref(free), ctypes.byref(total))
        devices.append(
            p.DeviceInfo(
                name=(lib.ggml_backend_dev_name(dev) or b"").decode(errors="replace"),
                description=(lib.ggml_backend_dev_description(dev) or b"").decode(errors="replace"),
                kind=_DEV_KIND.get(int(lib.ggml_backend_dev_type(dev)), "other"),  # type: ignore[arg-type]
                free_bytes=int(free.value),
                total_bytes=int(total.value),
            )
        )
    return tuple(devices)


def _memory_from_log(lines: list[tuple[int, str]]) -> p.MemoryBreakdown:
    totals = {"model": 0, "model_gpu": 0, "KV": 0, "compute": 0, "output": 0}
    for _level, line in lines:
        m = _BUFFER_LINE.search(line)
        if m is None:
            continue
        size = int(float(m.group("mib")) * 1024 * 1024)
        what, dev = m.group("what"), m.group("dev")
        totals[what] += size
        on_host = dev.startswith("CPU") or dev.endswith("_Host")
        if what == "model" and not on_host:
            totals["model_gpu"] += size
    return p.MemoryBreakdown(
        weights_bytes=totals["model"],
        weights_gpu_bytes=totals["model_gpu"],
        kv_bytes=totals["KV"],
        compute_bytes=totals["compute"],
        output_bytes=totals["output"],
    )


def _error_lines(lines: list[tuple[int, str]]) -> tuple[str, ...]:
    bad = [text for level, text in lines if level >= logging.WARNING]
    return tuple(bad[-6:])


def _physical_cores() -> int:
    import psutil

    return psutil.cpu_count(logical=False) or os.cpu_count() or 1


class Worker:
    """Owns the model; ``serve`` runs until the app says Shutdown or goes away."""

    def __init__(self, send: _Sender) -> None:
        import llama_cpp
        import llama_cpp.llama_cpp as lowlevel

        from wizard_app.core.runtime.archs import KNOWN_ARCHITECTURES, architectures_from_library

        self._lc = llama_cpp
        self._send = send
        self._cancel = _CancelState()
        self._native = _NativeLog(self._cancel.event.is_set)
        # Keep the ctypes function referenced for the life of the process.
        self._log_cb = llama_cpp.llama_log_callback(self._native)
        llama_cpp.llama_log_set(self._log_cb, ctypes.c_void_p(0))
        self._lib = lowlevel._lib
        self._requests: queue.Queue[p.Request | None] = queue.Queue()
        self._model: _Loaded | None = None
        self._progress_sent = -1.0
        self._load_id = 0
        self._last_beat = 0.0
        archs = architectures_from_library(self._lib)
        self.architectures = archs if archs is not None else KNOWN_ARCHITECTURES
        self.supports_gpu_offload = bool(llama_cpp.llama_supports_gpu_offload())
        self.system_info = llama_cpp.llama_print_system_info().decode(errors="replace").strip()

    # --- plumbing -----------------------------------------------------------------------
    def hello(self) -> p.Hello:
        return p.Hello(
            pid=os.getpid(),
            llama_cpp_version=str(getattr(self._lc, "__version__", "unknown")),
            supports_gpu_offload=self.supports_gpu_offload,
            devices=_device_infos(self._lib),
            architectures=tuple(sorted(self.architectures)),
            system_info=self.system_info,
        )

    def _read_requests(self, control: Connection) -> None:
        while True:
            try:
                msg = control.recv()
            except (EOFError, OSError):
                msg = p.Shutdown()
            if isinstance(msg, p.Cancel):
                self._cancel.cancel(msg.target_id)
                continue
            if isinstance(msg, p.Shutdown):
                self._cancel.cancel_all()
                self._requests.put(None)
                return
            self._requests.put(msg)

    def serve(self, control: Connection) -> None:
        self._send(self.hello())
        reader = threading.Thread(
            target=self._read_requests, args=(control,), name="requests", daemon=True
        )
        reader.start()
        while True:
            req = self._requests.get()
            if req is None:
                return
            self._cancel.begin(req.request_id)
            try:
                self._dispatch(req)
            except _ParentGone:
                return
            except Exception as exc:  # report, stay alive for the next request
                log.exception("request %r failed", req)
                kind: p.ErrorKind = (
                    "load_failed" if isinstance(req, p.Load) else "generation_failed"
                )
                self._send(p.Error(req.request_id, kind, f"Internal error: {exc}"))
            finally:
                self._cancel.end()

    def _dispatch(self, req: p.Request) -> None:
        if isinstance(req, p.Load):
            self._load(req)
        elif isinstance(req, p.Generate):
            self._generate(req)
        elif isinstance(req, p.Unload):
            self.unload()
            self._send(p.Unloaded(req.request_id))
        elif isinstance(req, p.Stats):
            info = self._model.info if self._model else None
            self._send(p.StatsReport(req.request_id, rss_bytes(), peak_rss_bytes(), info))
        else:
            self._send(p.Error(req.request_id, "bad_request", f"Unknown request {req!r}."))

    def unload(self) -> None:
        model, self._model = self._model, None
        if model is not None:
            with contextlib.suppress(Exception):
                self._lc.llama_set_abort_callback(model.llm._ctx.ctx, None, None)
            model.llm.close()
            log.info("unloaded %s", model.info.path)

    # --- load ---------------------------------------------------------------------------
    @contextlib.contextmanager
    def _progress_callback(self, request_id: int, extra_buffers: bool) -> Iterator[None]:
        """Give the next Llama() a load progress callback that can also abort the load.

        Llama() builds its model parameters from ``llama_model_default_params()`` and offers
        no hook, so the defaults are wrapped for the duration of one load. The same wrap
        sets ``use_extra_bufts`` (``cpu_policy`` says why it matters).
        """
        lowlevel = self._lc.llama_cpp
        original = getattr(lowlevel, "llama_model_default_params")  # noqa: B009
        self._progress_sent = -1.0
        self._load_id = request_id

        def on_progress(fraction: float, _data: object) -> bool:
            if fraction - self._progress_sent >= 0.05 or fraction >= 1.0 > self._progress_sent:
                self._progress_sent = fraction
                with contextlib.suppress(_ParentGone):
                    self._send(p.LoadProgress(self._load_id, float(fraction), "loading weights"))
            return not self._cancel.event.is_set()

        callback = lowlevel.llama_progress_callback(on_progress)

        def with_progress() -> Any:
            params = original()
            params.progress_callback = callback
            params.progress_callback_user_data = None
            params.use_extra_bufts = extra_buffers
            return params

        setattr(lowlevel, "llama_model_default_params", with_progress)  # noqa: B010
        try:
            yield
        finally:
            setattr(lowlevel, "llama_model_default_params", original)  # noqa: B010

    def _load(self, req: p.Load) -> None:
        rid = req.request_id
        path = Path(req.path)
        if not path.is_file():
            self._send(p.Error(rid, "bad_request", f"No model file at {path}."))
            return
        for which, cache in (("K", req.cache_type_k), ("V", req.cache_type_v)):
            if cache not in _CACHE_TYPES:
                self._send(p.Error(rid, "bad_request", f"Unknown {which} cache type {cache!r}."))
                return
        if req.cache_type_v not in ("f32", "f16", "bf16") and not req.flash_attn:
            self._send(
                p.Error(
                    rid,
                    "bad_request",
                    f"A {req.cache_type_v} V cache needs flash attention in llama.cpp.",
                    "Turn flash attention on, or use an f16 V cache.",
                )
            )
            return
        self.unload()
        self._send(p.LoadProgress(rid, 0.0, "opening"))
        reset_peak_rss()
        rss_before = rss_bytes()
        threads = req.n_threads or _physical_cores()
        offload = self.supports_gpu_offload and req.n_gpu_layers != 0
        attempts = (
            gpu_layer_attempts(req.n_gpu_layers)
            if offload and req.retry_fewer_gpu_layers
            else [req.n_gpu_layers if offload else 0]
        )
        notes: list[str] = []
        if req.n_gpu_layers and not self.supports_gpu_offload:
            notes.append(
                "This llama.cpp build cannot offload to a GPU; every layer runs on the CPU."
            )
        llm: Any = None
        load_s = 0.0
        n_gpu = attempts[0]
        extra = (
            req.extra_buffers
            if req.extra_buffers is not None
            else default_extra_buffers(self.system_info).enabled
        )
        for i, n_gpu in enumerate(attempts):
            load_error = ""
            with self._native.capture() as lines, self._progress_callback(rid, extra):
                t0 = time.perf_counter()
                try:
                    llm = self._lc.Llama(
                        model_path=str(path),
                        n_ctx=req.n_ctx,
                        n_gpu_layers=n_gpu,
                        n_threads=threads,
                        n_threads_batch=threads,
                        n_batch=req.n_batch,
                        n_ubatch=req.n_ubatch,
                        flash_attn=req.flash_attn,
                        type_k=_CACHE_TYPES[req.cache_type_k],
                        type_v=_CACHE_TYPES[req.cache_type_v],
                        use_mmap=req.use_mmap,
                        swa_full=req.swa_full,
                        verbose=True,
                    )
                    if req.warmup:
                        self._warmup(llm, extra)
                    load_s = time.perf_counter() - t0
                except (ValueError, RuntimeError, OSError) as exc:
                    load_error = str(exc)
            if llm is not None:
                break
            gc.collect()  # free what the failed attempt allocated before the next one
            if self._cancel.event.is_set():
                self._send(p.Error(rid, "cancelled", "Loading was cancelled."))
                return
            text = "\n".join(line for _lvl, line in lines)
            details = _error_lines(lines)
            if looks_out_of_memory(text) and i + 1 < len(attempts):
                nxt = attempts[i + 1]
                note = (
                    f"Not enough memory with {n_gpu if n_gpu >= 0 else 'all'} GPU layers; "
                    f"retrying with {nxt}."
                )
                notes.append(note)
                log.warning("%s", note)
                self._send(p.LoadProgress(rid, 0.0, note))
                continue
            self._send(self._load_error(rid, path, load_error, text, details, req))
            return
        assert llm is not None
        memory = _memory_from_log(lines)
        memory = replace(memory, rss_before_load_bytes=rss_before, rss_after_load_bytes=rss_bytes())
        abort_cb = self._lc.ggml_abort_callback(self._between_nodes)
        self._lc.llama_set_abort_callback(llm._ctx.ctx, abort_cb, None)
        formatter, chat_format, chat_note = self._chat_formatter(llm)
        note_codes: tuple[tuple[str, tuple[tuple[str, Param], ...]], ...] = ()
        if chat_note:
            notes.append(chat_note)
            if chat_format.startswith("fallback:") and "chat template does not" not in chat_note:
                note_codes = (("runtime.chat_fallback", (("format", chat_format[9:]),)),)
        n_layers = int(self._lc.llama_model_n_layer(llm.model))
        info = p.ModelInfo(
            path=str(path),
            arch=str(llm.metadata.get("general.architecture", "")),
            n_ctx=int(llm.n_ctx()),
            n_ctx_train=int(llm._model.n_ctx_train()),
            n_gpu_layers=n_layers if n_gpu < 0 else min(n_gpu, n_layers),
            n_layers=n_layers,
            n_threads=threads,
            n_vocab=int(llm.n_vocab()),
            n_params=int(llm._model.n_params()),
            size_bytes=int(llm._model.size()),
            chat_format=chat_format,
            load_s=load_s,
            memory=memory,
            notes=tuple(notes),
            extra_buffers=extra,
            swa_full=req.swa_full,
            note_codes=note_codes,
        )
        # A window-sized cache has dropped old cells: a cached prefix cannot be trusted.
        window = llm.metadata.get(f"{info.arch}.attention.sliding_window")
        reuse_ok = req.swa_full or not window
        self._model = _Loaded(llm, info, formatter, abort_cb, reuse_ok)
        log.info("loaded %s in %.2f s (ctx %d, %d threads)", path.name, load_s, info.n_ctx, threads)
        self._send(p.LoadProgress(rid, 1.0, "ready"))
        self._send(p.Loaded(rid, info))

    def _load_error(
        self, rid: int, path: Path, error: str, text: str, details: tuple[str, ...], req: p.Load
    ) -> p.Error:
        arch = re.search(r"unknown model architecture: '([^']*)'", text)
        if arch:
            return _coded(
                rid,
                "unsupported_arch",
                "runtime.load_unsupported_arch",
                details,
                name=path.name,
                arch=arch.group(1),
            )
        if looks_out_of_memory(text):
            return _coded(
                rid,
                "out_of_memory",
                "runtime.load_out_of_memory",
                details,
                name=path.name,
                context=req.n_ctx,
            )
        last = details[-1] if details else error
        return _coded(
            rid, "load_failed", "runtime.load_failed", details, name=path.name, error=last
        )

    def _chat_formatter(self, llm: Any) -> tuple[Any, str, str]:
        from llama_cpp import llama_chat_format

        template = llm.metadata.get("tokenizer.chat_template")
        kind = "gguf-template"
        note = ""
        if not template:
            arch = str(llm.metadata.get("general.architecture", ""))
            tokenizer = str(llm.metadata.get("tokenizer.ggml.model", ""))
            chosen = chat_formats.choose(arch, tokenizer, lambda text: _single_token(llm, text))
            template, kind = chosen.template, f"fallback:{chosen.name}"
            note = render("runtime.chat_fallback", {"format": chosen.name})[0]
            log.info("no chat template: %s format, from %s", chosen.name, chosen.reason)
        eos = llm.token_eos()
        bos = llm.token_bos()
        try:
            formatter = llama_chat_format.Jinja2ChatFormatter(
                template=template,
                eos_token=llm._model.token_get_text(eos) if eos >= 0 else "",
                bos_token=llm._model.token_get_text(bos) if bos >= 0 else "",
                stop_token_ids=[eos] if eos >= 0 else None,
            )
        except Exception as exc:  # a template that does not compile
            log.warning("chat template does not compile: %s", exc)
            return (
                None,
                f"fallback:{FALLBACK_CHAT_FORMAT}",
                f"The model's chat template does not work here ({exc}); using "
                f"{FALLBACK_CHAT_FORMAT}.",
            )
        return formatter, kind, note

    def _between_nodes(self, _data: object) -> bool:
        """llama.cpp's abort callback: stop when cancelled; meanwhile say we are alive."""
        now = time.monotonic()
        if now - self._last_beat >= HEARTBEAT_S:
            self._last_beat = now
            rid = self._cancel.current
            if rid is not None:
                with contextlib.suppress(_ParentGone):
                    self._send(p.Heartbeat(rid))
        return self._cancel.event.is_set()

    def _warmup(self, llm: Any, extra_buffers: bool) -> None:
        """Decode a few tokens once, as llama.cpp's own tools do before the first prompt.

        A kernel that crashes on this CPU then crashes here, while the app knows it was a
        load (and can retry with safe settings), not in the middle of the user's answer.
        """
        if extra_buffers and os.environ.get(FAULT_ENV) == "crash-with-extra-buffers":
            os.kill(os.getpid(), signal.SIGSEGV)  # the tests' stand-in for a broken kernel
        tokens = llm.tokenize(b"Hello, warm-up.", add_bos=True, special=False)[:8]
        llm.eval(tokens)
        llm.reset()

    # --- generate -----------------------------------------------------------------------
    def _render(self, model: _Loaded, req: p.Generate) -> tuple[list[int], list[str]]:
        from llama_cpp import llama_chat_format

        llm = model.llm
        stop = list(req.stop)
        if req.prompt is not None and not req.messages:
            text = f"{req.system}\n\n{req.prompt}" if req.system else req.prompt
            return llm.tokenize(text.encode("utf-8"), add_bos=True, special=False), stop
        messages: list[dict[str, str]] = [
            {"role": m.role, "content": m.content} for m in req.messages
        ]
        if req.system and not any(m["role"] == "system" for m in messages):
            messages.insert(0, {"role": "system", "content": req.system})
        result = None
        if model.formatter is not None:
            for attempt in (messages, _merge_system(messages)):
                try:
                    result = model.formatter(messages=attempt)
                    break
                except Exception as exc:  # e.g. a template that refuses a system role
                    log.info("chat template failed (%s); trying without a system role", exc)
        if result is None:
            result = llama_chat_format.format_chatml(messages=messages)
        extra = result.stop if isinstance(result.stop, list) else [result.stop]
        stop += [s for s in extra if s]
        tokens = llm.tokenize(
            result.prompt.encode("utf-8"), add_bos=not result.added_special, special=True
        )
        return tokens, stop

    def _piece(self, llm: Any, token: int, buf: Any) -> bytes:
        n = self._lc.llama_token_to_piece(llm._model.vocab, token, buf, len(buf), 0, False)
        if n < 0:
            bigger = ctypes.create_string_buffer(-n)
            n = self._lc.llama_token_to_piece(llm._model.vocab, token, bigger, -n, 0, False)
            return bytes(bigger.raw[:n])
        return bytes(buf.raw[:n])

    def _generate(self, req: p.Generate) -> None:
        rid = req.request_id
        t_start = time.perf_counter()
        model = self._model
        if model is None:
            self._send(p.Error(rid, "not_loaded", "No model is loaded.", "Load a model first."))
            return
        if not req.messages and req.prompt is None:
            self._send(p.Error(rid, "bad_request", "Nothing to generate from: no prompt."))
            return
        llm = model.llm
        tokens, stop = self._render(model, req)
        n_ctx = model.info.n_ctx
        if len(tokens) >= n_ctx:
            self._send(
                _coded(
                    rid,
                    "prompt_too_long",
                    "runtime.prompt_too_long",
                    tokens=len(tokens),
                    context=n_ctx,
                )
            )
            return
        max_new = min(req.max_tokens, n_ctx - len(tokens)) if req.max_tokens > 0 else 0
        limit_reason: p.StopReason = "length" if max_new == req.max_tokens else "context"
        reuse = 0
        if not req.reuse_cache or not model.reuse_ok:
            llm.reset()
        if llm.n_tokens > 0:
            for a, b in zip(llm.input_ids[: llm.n_tokens], tokens, strict=False):
                if a != b:
                    break
                reuse += 1
            reuse = min(reuse, len(tokens) - 1)
        llm.set_seed(req.seed if req.seed is not None else int.from_bytes(os.urandom(4), "little"))
        stream = TextStream(stop)
        buf = ctypes.create_string_buffer(64)
        vocab = llm._model.vocab
        is_eog: Callable[[Any, int], bool] = self._lc.llama_vocab_is_eog
        cancel = self._cancel.event
        sampled = 0
        emitted = 0
        t_first = t_last = 0.0
        reason: p.StopReason = limit_reason
        gen = llm.generate(
            tokens,
            top_k=req.top_k,
            top_p=req.top_p,
            min_p=req.min_p,
            temp=req.temperature,
            repeat_penalty=req.repeat_penalty,
            reset=True,
        )
        try:
            if max_new == 0:
                reason = "length"
            else:
                for token in gen:
                    now = time.perf_counter()
                    sampled += 1
                    if sampled == 1:
                        t_first = now
                    t_last = now
                    if cancel.is_set():
                        reason = "cancelled"
                        break
                    if is_eog(vocab, token) and not req.ignore_eos:
                        reason = "eos"
                        break
                    chunk = stream.push(self._piece(llm, token, buf))
                    emitted += 1
                    # One event per token, text or not (held back or not UTF-8 yet):
                    # the app counts tokens and times the first one from these.
                    self._send(p.Token(rid, chunk.text, emitted - 1))
                    if chunk.stopped:
                        reason = "stop"
                        break
                    if emitted >= max_new:
                        break
        except RuntimeError as exc:
            llm.reset()  # the aborted batch left the cache behind the token list
            if not cancel.is_set():
                log.error("generation failed: %s", exc)
                self._send(
                    p.Error(
                        rid,
                        "generation_failed",
                        f"llama.cpp failed while generating: {exc}.",
                        "Try a smaller context or prompt; if it persists, reload the model.",
                        _error_lines(list(self._native.recent)),
                    )
                )
                return
            reason = "cancelled"
            if sampled == 0:
                t_first = t_last = time.perf_counter()
        finally:
            gen.close()
        tail = stream.flush()
        t_end = time.perf_counter()
        if sampled == 0:
            t_first = t_last = t_end
        prompt_eval_tokens = len(tokens) - reuse
        prompt_eval_s = t_first - t_start
        gen_s = t_last - t_first
        metrics = p.RunMetrics(
            load_s=model.info.load_s,
            prompt_tokens=len(tokens),
            prompt_eval_tokens=prompt_eval_tokens if sampled else 0,
            prompt_eval_s=prompt_eval_s,
            prompt_tok_per_s=(prompt_eval_tokens / prompt_eval_s)
            if sampled and prompt_eval_s > 0
            else None,
            ttft_s=prompt_eval_s,
            ttft_worker_s=prompt_eval_s,
            gen_tokens=emitted,
            gen_s=gen_s,
            gen_tok_per_s=((sampled - 1) / gen_s) if sampled > 1 and gen_s > 0 else None,
            peak_rss_bytes=peak_rss_bytes(),
            rss_bytes=rss_bytes(),
            stop_reason=reason,
            n_ctx=n_ctx,
            n_threads=model.info.n_threads,
            n_gpu_layers=model.info.n_gpu_layers,
        )
        self._send(p.Done(rid, metrics, stream.text, tail.text))


def _single_token(llm: Any, text: str) -> bool:
    """The vocabulary has ``text`` as one (special) token."""
    try:
        return len(llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)) == 1
    except (RuntimeError, ValueError):
        return False


def _merge_system(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """The system prompt folded into the first user message (for templates without one)."""
    system = "\n\n".join(m["content"] for m in messages if m["role"] == "system")
    rest = [dict(m) for m in messages if m["role"] != "system"]
    if system:
        for m in rest:
            if m["role"] == "user":
                m["content"] = f"{system}\n\n{m['content']}"
                break
        else:
            rest.insert(0, {"role": "user", "content": system})
    return rest


def _connect(stdin: TextIO, stdout: TextIO) -> tuple[Connection, Connection, int]:
    """Handshake: read the key from stdin, listen, announce the address, accept twice."""
    hello = json.loads(stdin.readline() or "{}")
    authkey = bytes.fromhex(hello["authkey"])
    listener = Listener(authkey=authkey)
    try:
        stdout.write(ADDRESS_PREFIX + json.dumps({"address": listener.address}) + "\n")
        stdout.flush()
        control = listener.accept()
        events = listener.accept()
    finally:
        listener.close()
    return control, events, int(hello.get("log_level", logging.INFO))


def main() -> int:
    """Entry point of the worker process (``--runtime-worker``)."""
    # A crash in native code prints the Python stack to the real stderr, which the app
    # reads and quotes when it reports the worker's death.
    if sys.__stderr__ is not None:
        faulthandler.enable(file=sys.__stderr__)
    control, events, level = _connect(sys.stdin, sys.stdout)
    send = _Sender(events)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(_EventLogHandler(send))
    root.setLevel(level)
    # llama-cpp-python prints (system info, metadata) with print(); make those records.
    sys.stdout = _LogStream(logging.getLogger("llama_cpp.python"))
    sys.stderr = _LogStream(logging.getLogger("llama_cpp.python"))
    worker: Worker | None = None
    try:
        worker = Worker(send)
        worker.serve(control)
    except _ParentGone:
        pass
    finally:
        if worker is not None:
            worker.unload()
        for conn in (control, events):
            with contextlib.suppress(OSError):
                conn.close()
    return 0
