"""Which llama.cpp CPU settings are safe on this machine, and the choices it remembers.

llama.cpp can put weights in "extra buffer types": copies repacked for a faster CPU
kernel (``CPU_REPACK``) or for Intel's AMX tiles (``AMX``). Measured with llama-cpp-python
0.3.36 (the pin):

* On a Xeon with AMX (``AMX_INT8 = 1`` in llama.cpp's system info), every Q4_0, Q4_1,
  Q8_0, Q4_K, Q5_K, Q6_K or IQ4_XS model crashes with SIGSEGV at its first decode.
  ggml's AMX code asks Linux for the tile-data permission on the loading thread only,
  while the compute threads run the tile instructions (ggml-org/llama.cpp#26954, open;
  the same crash as #20824 and ollama#17006). Without extra buffers the same files run.
* Under mmap the repacked tensors are a second copy beside the mapped file: an f16 file
  of 504 MB peaked at 1,018 MiB with extra buffers and 562 MiB without, at the same speed.

So the app turns extra buffers off on x86 (AMX crashes, and elsewhere the copy doubles
the memory that "will it fit" promised) and keeps them on ARM, where ggml's Q4_0 repacks
are the known speed win (their copy is counted by the fit estimate). Whatever the
default, a worker that dies in its first decode is retried once without them and that
choice is remembered for this machine and llama.cpp build (``SafetyMemory``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import platform
import re
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from wizard_app.core.fit.repack import is_arm

log = logging.getLogger(__name__)


def build_has_amx(system_info: str) -> bool:
    """llama.cpp's own system info says its AMX kernels are compiled in and usable."""
    return re.search(r"\bAMX_INT8\s*=\s*1\b", system_info) is not None


@dataclass(frozen=True)
class ExtraBuffers:
    """Whether llama.cpp may use extra buffer types, and why (a code for the UI)."""

    enabled: bool
    reason: str  # runtime.extra_buffers.<reason>: amx, x86_copy, arm_repack, crashed


def default_extra_buffers(system_info: str, machine: str | None = None) -> ExtraBuffers:
    """The choice before anything has been learned on this machine (module docstring)."""
    if build_has_amx(system_info):
        return ExtraBuffers(False, "amx")
    if is_arm(machine):
        return ExtraBuffers(True, "arm_repack")
    return ExtraBuffers(False, "x86_copy")


def build_key(llama_cpp_version: str, system_info: str) -> str:
    """Identifies this machine's CPU and this llama.cpp build."""
    text = f"{platform.node()}|{platform.machine()}|{llama_cpp_version}|{system_info.strip()}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class SafetyMemory:
    """Settings learned from crashes, per machine and llama.cpp build, in one JSON file.

    ``path=None`` keeps them for the life of the process only (tests, one-off runs).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._memory: dict[str, dict[str, object]] = {}

    def _read(self) -> dict[str, dict[str, object]]:
        if self.path is None:
            return self._memory
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable %s: %s", self.path, exc)
            return {}
        return data if isinstance(data, dict) else {}

    def extra_buffers(self, key: str) -> bool | None:
        """What was learned for this build: False after a crash, None if nothing."""
        with self._lock:
            entry = self._read().get(key)
        if isinstance(entry, dict) and isinstance(entry.get("extra_buffers"), bool):
            return bool(entry["extra_buffers"])
        return None

    def extra_buffers_for(self, llama_cpp_version: str, system_info: str) -> bool:
        """Extra weight buffers for this build: what this machine learned, else the
        CPU's default."""
        learned = self.extra_buffers(build_key(llama_cpp_version, system_info))
        if learned is not None:
            return learned
        return default_extra_buffers(system_info).enabled

    def remember_crash(self, key: str, model: str, signal_name: str) -> None:
        """The worker died in its first decode with extra buffers on: never again here."""
        entry: dict[str, object] = {
            "extra_buffers": False,
            "reason": f"{model} crashed ({signal_name}) in its first decode",
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        with self._lock:
            data = self._read()
            data[key] = entry
            if self.path is None:
                self._memory = data
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".safety-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(data, fh, indent=2)
                os.replace(tmp, self.path)
            except OSError as exc:
                log.warning("could not remember the safe settings in %s: %s", self.path, exc)
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
