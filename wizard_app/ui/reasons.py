"""The recommender's reasons in the user's language.

The core gives every sentence as a ``Reason``: a stable code, its parameters and the
English text. The code's template is the core's English (``core.recommend.reasons.
TEMPLATES``, the one source) translated under the context "Reason" (lupdate reads the
core's file, see ``core/translatable.py``), with the same ``{named}`` placeholders;
code-valued parameters (use case, language, verdict, ...) are put into
words with the UI's own labels, and numbers get the locale's decimal sign. A code this
table does not know (a newer core, an old saved result) falls back to the English text.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from wizard_app.ui import labels

if TYPE_CHECKING:  # the core's reasons bring pydantic: not needed for the first window
    from wizard_app.core.recommend.reasons import Reason

# Words for code-valued parameters that ``labels`` has no fitting form for.
_VERDICTS: dict[str, Any] = {
    "gpu": QT_TRANSLATE_NOOP("Reason", "fits on the GPU"),
    "split": QT_TRANSLATE_NOOP("Reason", "split between GPU and CPU"),
    "cpu": QT_TRANSLATE_NOOP("Reason", "runs on the CPU only"),
    "no_fit": QT_TRANSLATE_NOOP("Reason", "does not fit"),
}
_TERMS: dict[str, Any] = {
    "yes": QT_TRANSLATE_NOOP("Reason", "commercial use allowed"),
    "restricted": QT_TRANSLATE_NOOP("Reason", "commercial use with restrictions"),
    "no": QT_TRANSLATE_NOOP("Reason", "no commercial use"),
}
_COMMERCIAL: dict[str, Any] = {
    "yes": QT_TRANSLATE_NOOP("Reason", "yes"),
    "restricted": QT_TRANSLATE_NOOP("Reason", "restricted"),
    "no": QT_TRANSLATE_NOOP("Reason", "no"),
}
_REQUIRED: dict[str, Any] = {
    "commercial": QT_TRANSLATE_NOOP("Reason", "commercial use"),
    "unrestricted": QT_TRANSLATE_NOOP("Reason", "unrestricted use"),
}


def _t(text: object) -> str:
    return QCoreApplication.translate("Reason", str(text))


def _from(table: dict[str, Any]) -> Callable[[str], str]:
    return lambda code: _t(table[code]) if code in table else code


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def split_list(value: str) -> list[str]:
    from wizard_app.core.recommend.reasons import split_list

    return split_list(value)


_WORDS: dict[str, Callable[[str], str]] = {
    "use_case": lambda key: labels.use_case_label(key).lower(),
    "language": labels.language_name,
    "languages": lambda v: ", ".join(labels.language_name(c) for c in split_list(v)),
    "closed": lambda v: ", ".join(_lower_first(labels.openness_label(c)) for c in split_list(v)),
    "verdict": _from(_VERDICTS),
    "other_verdict": _from(_VERDICTS),
    "terms": _from(_TERMS),
    "commercial": _from(_COMMERCIAL),
    "required": _from(_REQUIRED),
    "priority": lambda code: labels.priority_label(code).lower(),
}


class _LocaleFormatter(string.Formatter):
    """``str.format`` with the locale's decimal sign for numbers."""

    def __init__(self) -> None:
        self.point = QLocale().decimalPoint()

    def format_field(self, value: Any, format_spec: str) -> str:
        text = format(value, format_spec)
        if isinstance(value, float) and self.point != ".":
            text = text.replace(".", self.point)
        return text


def reason_text(reason: Reason) -> str:
    """``reason`` in the UI's language; its English text for a code without a template."""
    from wizard_app.core.recommend.reasons import TEMPLATES

    template = TEMPLATES.get(reason.code)
    if template is None:
        return reason.text
    shown: dict[str, Any] = dict(reason.params)
    for key, value in reason.params.items():
        words = _WORDS.get(key)
        if words is not None:
            shown[key] = words(str(value))
    try:
        return _LocaleFormatter().format(_t(template), **shown)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return reason.text


def reason_texts(codes: Sequence[Reason], fallback: Sequence[str]) -> list[str]:
    """The translated reasons; ``fallback`` (English) when there are no codes (old results)."""
    if not codes:
        return list(fallback)
    return [reason_text(r) for r in codes]


def reason_or(code: Reason | None, fallback: str) -> str:
    return reason_text(code) if code is not None else fallback
