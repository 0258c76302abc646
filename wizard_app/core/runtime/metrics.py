"""Memory of the current process, measured the way each OS allows.

Peak resident memory is the high-water mark the kernel keeps (``VmHWM`` on Linux,
``ru_maxrss`` on macOS, the peak working set on Windows), so a short spike between two
samples is not missed. Linux lets a process reset its mark, which the worker does before
each load so the figure belongs to the model now loaded.
"""

from __future__ import annotations

import sys
from pathlib import Path

import psutil

_STATUS = Path("/proc/self/status")
_CLEAR_REFS = Path("/proc/self/clear_refs")


def rss_bytes() -> int:
    return int(psutil.Process().memory_info().rss)


def _linux_status_kb(key: str) -> int | None:
    try:
        text = _STATUS.read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return None


def peak_rss_bytes() -> int:
    """The highest resident memory of this process since start (or the last reset)."""
    if sys.platform.startswith("linux"):
        kb = _linux_status_kb("VmHWM")
        if kb is not None:
            return kb * 1024
    if sys.platform == "win32":
        info = psutil.Process().memory_info()
        return int(getattr(info, "peak_wset", info.rss))
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak if sys.platform == "darwin" else peak * 1024)


def reset_peak_rss() -> bool:
    """Restart the high-water mark at the current RSS (Linux only); True if it worked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        _CLEAR_REFS.write_text("5")
    except OSError:
        return False
    return True
