"""Byte counts for people: ``human_bytes(1536) == "1.5 KiB"``."""

from __future__ import annotations


def human_bytes(n: float) -> str:
    """``n`` bytes in binary units, one decimal above a KiB."""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")
