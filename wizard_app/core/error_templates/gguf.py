"""Coded messages about GGUF files that cannot be read."""

from __future__ import annotations

from wizard_app.core.translatable import QT_TRANSLATE_NOOP

GGUF: dict[str, tuple[str, str]] = {
    "gguf.not_gguf": (
        QT_TRANSLATE_NOOP("Error", "{name} is not a GGUF file (its first bytes are not 'GGUF')."),
        "",
    ),
    "gguf.truncated": (
        QT_TRANSLATE_NOOP("Error", "{name} ends inside its own header."),
        "",
    ),
}
