"""A marker for Qt's lupdate, so the UI translates the core's English without a copy of it.

The English of every coded message is written once, in the core (``error_templates``,
``recommend.reasons.TEMPLATES``). lupdate reads those files too and finds the strings by
this call's name; the UI looks each one up with ``QCoreApplication.translate`` under the
same context. The core itself never imports Qt: this returns the text unchanged.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text`` unchanged; ``context`` is the translation context the UI uses for it."""
    return text


# The files lupdate reads besides wizard_app/ui (paths from the package root).
TRANSLATED_CORE_FILES = (
    "core/error_templates/cluster.py",
    "core/error_templates/download.py",
    "core/error_templates/gguf.py",
    "core/error_templates/remote.py",
    "core/error_templates/runtime.py",
    "core/error_templates/storage.py",
    "core/recommend/reasons.py",
)
