"""Numbers as people read them, in the user's locale and language."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

GiB = 1024**3
GB = 1000**3


# lupdate finds calls spelled translate("Context", "literal"), so the calls below keep
# that spelling instead of going through a helper.
translate = QCoreApplication.translate


def number(value: float, decimals: int = 1) -> str:
    return QLocale().toString(float(value), "f", decimals)


def gib(n: float | None, decimals: int = 1) -> str:
    """Memory sizes: binary units, as the OS reports RAM."""
    if n is None:
        return translate("Format", "unknown")
    return translate("Format", "%1 GiB").replace("%1", number(n / GiB, decimals))


def gb(n: float | None, decimals: int = 1) -> str:
    """File sizes: decimal units, as the Hub prints them."""
    if n is None:
        return translate("Format", "unknown")
    if n < 100 * 1000**2:
        return translate("Format", "%1 MB").replace("%1", number(n / 1000**2, decimals))
    return translate("Format", "%1 GB").replace("%1", number(n / GB, decimals))


def rate(bytes_per_s: float) -> str:
    if bytes_per_s >= 1000**3:
        return translate("Format", "%1 GB/s").replace("%1", number(bytes_per_s / 1000**3, 2))
    if bytes_per_s >= 1000**2:
        return translate("Format", "%1 MB/s").replace("%1", number(bytes_per_s / 1000**2, 1))
    return translate("Format", "%1 kB/s").replace("%1", number(bytes_per_s / 1000, 0))


def tokens_per_s(tps: float | None) -> str:
    if not tps:
        return translate("Format", "speed unknown")
    return translate("Format", "≈ %1 tokens/s").replace("%1", number(tps, 1 if tps < 10 else 0))


def tokens(n: int) -> str:
    return translate("Format", "%Ln tokens", None, n)


def duration(seconds: float | None) -> str:
    if seconds is None:
        return translate("Format", "unknown")
    s = round(seconds)
    if s < 60:
        return translate("Format", "%n s", None, s)
    if s < 3600:
        return (
            translate("Format", "%1 min %2 s")
            .replace("%1", str(s // 60))
            .replace("%2", str(s % 60))
        )
    return (
        translate("Format", "%1 h %2 min")
        .replace("%1", str(s // 3600))
        .replace("%2", str(s % 3600 // 60))
    )


def seconds(value: float | None) -> str:
    if value is None:
        return translate("Format", "unknown")
    if value < 1:
        return translate("Format", "%1 ms").replace("%1", number(value * 1000, 0))
    return translate("Format", "%1 s").replace("%1", number(value, 2))


def when(moment: datetime | None) -> str:
    """A moment in the user's time zone and short date format."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # SQLite gives back naive datetimes; the app stores UTC
        moment = moment.replace(tzinfo=timezone.utc)
    qt = QDateTime.fromMSecsSinceEpoch(int(moment.timestamp() * 1000))
    return QLocale().toString(qt, QLocale.FormatType.ShortFormat)
