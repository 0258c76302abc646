"""Errors from the core in the user's language.

A ``WizardError`` with a ``code`` carries its ``params``. Its message and remedy are the
core's English templates (``wizard_app.core.errors.TEMPLATES``, the one source) translated
under the context "Error" (lupdate reads the core's file, see ``core/translatable.py``),
with the same ``{named}`` placeholders. An error without a code, or with a code this
version does not know, is shown in English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication

from wizard_app.core.errors import TEMPLATES, Param, WizardError
from wizard_app.ui.reasons import _LocaleFormatter


def _t(text: object) -> str:
    return QCoreApplication.translate("Error", str(text))


def error_text(code: str | None, params: Mapping[str, Param], fallback: str) -> str:
    """The error for ``code`` in the UI's language; ``fallback`` (English) if it has none."""
    templates = TEMPLATES.get(code or "")
    if templates is None:
        return fallback
    try:
        message, remedy = (_LocaleFormatter().format(_t(t), **params) for t in templates)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return fallback
    return f"{message} {remedy}".strip() if remedy else message


def notice_text(parts: Sequence[tuple[str, Mapping[str, Param]]], fallback: str) -> str:
    """Coded sentences (a database notice) in the UI's language, the remedies last;
    ``fallback`` (English) if one has no template."""
    messages: list[str] = []
    remedies: list[str] = []
    for code, params in parts:
        templates = TEMPLATES.get(code)
        if templates is None:
            return fallback
        try:
            message, remedy = (
                _LocaleFormatter().format(_t(t), **params) if t else "" for t in templates
            )
        except (KeyError, IndexError, ValueError):
            return fallback
        messages.append(message)
        remedies += [remedy] if remedy else []
    return " ".join(messages + remedies)


def exception_text(exc: BaseException) -> str:
    """What to show for ``exc``: translated when it is a ``WizardError`` with a code."""
    english = str(exc) or exc.__class__.__name__
    if isinstance(exc, WizardError):
        return error_text(exc.code, exc.params, english)
    return english
