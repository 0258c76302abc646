"""Which llama.cpp backends this installation carries, read from llama-cpp-python's files.

llama-cpp-python is compiled when it is installed (``CMAKE_ARGS="-DGGML_CUDA=on"`` and the
like choose the GPU backend), and llama.cpp builds every backend as a library of its own
beside ``libllama``: ``libggml-cuda.so``, ``ggml-vulkan.dll``, ``libggml-metal.dylib``.
Reading the folder tells which build this is without loading llama.cpp, which would start
a GPU driver just to print a version. Whether the backend finds a device is the worker's
``Hello`` (``supports_gpu_offload``, ``devices``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path

# ggml library name part -> what a user knows the backend as, in display order
BACKEND_NAMES = {
    "cuda": "CUDA",
    "metal": "Metal",
    "vulkan": "Vulkan",
    "hip": "ROCm",
    "sycl": "SYCL",
    "opencl": "OpenCL",
    "musa": "MUSA",
    "cann": "CANN",
    "blas": "BLAS",
    "cpu": "CPU",
}
GPU_BACKENDS = frozenset({"CUDA", "Metal", "Vulkan", "ROCm", "SYCL", "OpenCL", "MUSA", "CANN"})
_LIBRARY = re.compile(r"^(?:lib)?ggml-([a-z0-9]+)(?:-[a-z0-9_]+)?\.(?:so|dylib|dll)", re.I)


def library_dir() -> Path | None:
    """Where llama-cpp-python loads its libraries from (``LLAMA_CPP_LIB_PATH`` first)."""
    override = os.environ.get("LLAMA_CPP_LIB_PATH")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller build
    if bundle is not None:
        return Path(bundle) / "llama_cpp" / "lib"
    try:
        spec = importlib.util.find_spec("llama_cpp")  # finds the package without importing
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent / "lib"


def compiled_backends(folder: Path | None = None) -> tuple[str, ...]:
    """The backends built into this llama.cpp, e.g. ``("Metal", "BLAS", "CPU")``; empty if
    llama-cpp-python is missing."""
    folder = folder if folder is not None else library_dir()
    if folder is None or not folder.is_dir():
        return ()
    found = set()
    for path in folder.iterdir():
        match = _LIBRARY.match(path.name)
        if match and match.group(1).lower() in BACKEND_NAMES:
            found.add(match.group(1).lower())
    names = [p.name.lower() for p in folder.iterdir()]
    if not found and any(n.startswith(("libllama", "llama.")) for n in names):
        found.add("cpu")  # a static ggml inside libllama (older builds): CPU at least
    return tuple(BACKEND_NAMES[key] for key in BACKEND_NAMES if key in found)


def describe_build(backends: tuple[str, ...] | None = None) -> str:
    """One line for ``--version`` and the settings: ``llama.cpp with CUDA + CPU``."""
    backends = compiled_backends() if backends is None else backends
    if not backends:
        return "llama.cpp not installed"
    return "llama.cpp with " + " + ".join(backends)


def has_gpu_backend(backends: tuple[str, ...] | None = None) -> bool:
    backends = compiled_backends() if backends is None else backends
    return any(b in GPU_BACKENDS for b in backends)
