"""llama-cpp-python as the worker uses it: every private or low-level part in one place.

llama-cpp-python's ``Llama`` class covers loading and sampling, but the worker also needs
what it does not expose: a load progress callback that can abort, the extra-buffer switch
(``use_extra_bufts``), the abort callback of a context, token pieces without a Python
detokenise per token, the model's training context, parameter count and size, and ggml's
device list. Those reach into ``llama_cpp.llama_cpp`` and the ``_model``/``_ctx`` internals;
an upgrade of llama-cpp-python that moves them breaks this module only.
"""

from __future__ import annotations

import contextlib
import ctypes
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from wizard_app.core.runtime import protocol as p

# ggml_type of the KV cache, by the names the protocol uses (checked against this build).
CACHE_TYPES = {
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


@dataclass(frozen=True)
class ModelFacts:
    """What llama.cpp knows of a loaded model."""

    n_ctx: int
    n_ctx_train: int
    n_layers: int
    n_vocab: int
    n_params: int
    size_bytes: int
    arch: str
    sliding_window: str | None


class LlamaCpp:
    """The loaded llama-cpp-python library (imported only inside the worker process)."""

    def __init__(self) -> None:
        import llama_cpp
        import llama_cpp.llama_cpp as lowlevel

        self.module = llama_cpp
        self._lowlevel = lowlevel
        self.lib = lowlevel._lib
        self.version = str(getattr(llama_cpp, "__version__", "unknown"))
        self.supports_gpu_offload = bool(llama_cpp.llama_supports_gpu_offload())
        self.system_info = llama_cpp.llama_print_system_info().decode(errors="replace").strip()
        self._log_cb: Any = None

    def set_log_callback(self, callback: Callable[[int, bytes | None, object], None]) -> None:
        # Keep the ctypes function referenced for the life of the process.
        self._log_cb = self.module.llama_log_callback(callback)
        self.module.llama_log_set(self._log_cb, ctypes.c_void_p(0))

    @contextlib.contextmanager
    def load_params(
        self, on_progress: Callable[[float], bool], extra_buffers: bool
    ) -> Iterator[None]:
        """Give the next ``Llama()`` a progress callback that can abort, and the buffer switch.

        ``Llama()`` builds its model parameters from ``llama_model_default_params()`` and
        offers no hook, so the defaults are wrapped for the duration of one load. The same
        wrap sets ``use_extra_bufts`` (``cpu_policy`` says why it matters).
        """
        lowlevel = self._lowlevel
        original = getattr(lowlevel, "llama_model_default_params")  # noqa: B009
        callback = lowlevel.llama_progress_callback(
            lambda fraction, _data: bool(on_progress(float(fraction)))
        )

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

    def open(self, path: str, **params: Any) -> Any:
        """A ``llama_cpp.Llama``; its own prints go to our log (``verbose=True`` keeps fds)."""
        return self.module.Llama(model_path=path, verbose=True, **params)

    def set_abort_callback(self, llm: Any, check: Callable[[object], bool]) -> Any:
        """Install llama.cpp's between-nodes abort check; keep the returned object alive."""
        callback = self.module.ggml_abort_callback(check)
        self.module.llama_set_abort_callback(llm._ctx.ctx, callback, None)
        return callback

    def clear_abort_callback(self, llm: Any) -> None:
        with contextlib.suppress(Exception):
            self.module.llama_set_abort_callback(llm._ctx.ctx, None, None)

    def facts(self, llm: Any) -> ModelFacts:
        arch = str(llm.metadata.get("general.architecture", ""))
        return ModelFacts(
            n_ctx=int(llm.n_ctx()),
            n_ctx_train=int(llm._model.n_ctx_train()),
            n_layers=int(self.module.llama_model_n_layer(llm.model)),
            n_vocab=int(llm.n_vocab()),
            n_params=int(llm._model.n_params()),
            size_bytes=int(llm._model.size()),
            arch=arch,
            sliding_window=llm.metadata.get(f"{arch}.attention.sliding_window"),
        )

    def token_text(self, llm: Any, token: int) -> str:
        return str(llm._model.token_get_text(token)) if token >= 0 else ""

    def token_piece(self, llm: Any, token: int, buf: Any) -> bytes:
        """The bytes of one token, into a reused buffer (grown when a piece is longer)."""
        vocab = llm._model.vocab
        n = self.module.llama_token_to_piece(vocab, token, buf, len(buf), 0, False)
        if n < 0:
            bigger = ctypes.create_string_buffer(-n)
            n = self.module.llama_token_to_piece(vocab, token, bigger, -n, 0, False)
            return bytes(bigger.raw[:n])
        return bytes(buf.raw[:n])

    def end_of_generation(self, llm: Any) -> Callable[[int], bool]:
        vocab = llm._model.vocab
        is_eog = self.module.llama_vocab_is_eog
        return lambda token: bool(is_eog(vocab, token))

    def devices(self) -> tuple[p.DeviceInfo, ...]:
        """ggml's backend devices with their free and total memory (plain C exports)."""
        lib = self.lib
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
        return tuple(_device(lib, lib.ggml_backend_dev_get(i)) for i in range(int(count_fn())))


def _device(lib: Any, dev: Any) -> p.DeviceInfo:
    free, total = ctypes.c_size_t(), ctypes.c_size_t()
    lib.ggml_backend_dev_memory(dev, ctypes.byref(free), ctypes.byref(total))
    return p.DeviceInfo(
        name=(lib.ggml_backend_dev_name(dev) or b"").decode(errors="replace"),
        description=(lib.ggml_backend_dev_description(dev) or b"").decode(errors="replace"),
        kind=_DEV_KIND.get(int(lib.ggml_backend_dev_type(dev)), "other"),  # type: ignore[arg-type]
        free_bytes=int(free.value),
        total_bytes=int(total.value),
    )


def memory_from_log(lines: list[tuple[int, str]]) -> p.MemoryBreakdown:
    """The buffer sizes llama.cpp logged while loading, summed by kind."""
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
