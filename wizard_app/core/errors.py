"""Errors the user can act on: each carries what went wrong and what to do.

An error may also carry a stable ``code`` with its ``params``; its English message and
remedy then come from ``TEMPLATES`` through ``WizardError.from_code``, so the text (CLI,
logs, tests) and the code (for a translated UI) can never disagree. Errors without a
code stay English everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from wizard_app.core.error_templates.cluster import CLUSTER
from wizard_app.core.error_templates.download import DOWNLOAD
from wizard_app.core.error_templates.gguf import GGUF
from wizard_app.core.error_templates.remote import REMOTE
from wizard_app.core.error_templates.runtime import RUNTIME
from wizard_app.core.error_templates.storage import STORAGE

Param = str | int | float
_E = TypeVar("_E", bound="WizardError")

# code -> (message, remedy), English, with ``{named}`` placeholders; one module per domain
# in core/error_templates, translated by the UI under the context "Error".
TEMPLATES: dict[str, tuple[str, str]] = {
    **DOWNLOAD,
    **GGUF,
    **RUNTIME,
    **REMOTE,
    **CLUSTER,
    **STORAGE,
}


def render(code: str, params: Mapping[str, Param]) -> tuple[str, str]:
    """The English (message, remedy) for ``code`` with ``params``."""
    message, remedy = TEMPLATES[code]
    return message.format(**params), remedy.format(**params)


class WizardError(Exception):
    """A problem caused by input or environment, reported as one clear line.

    ``remedy`` says what the user can do about it; the CLI prints both and exits 2.
    ``code`` and ``params`` (optional) let a UI show the same error in its own language.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        remedy: str = "",
        *,
        code: str | None = None,
        params: Mapping[str, Param] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.remedy = remedy
        self.code = code
        self.params: dict[str, Param] = dict(params or {})

    @classmethod
    def from_code(cls: type[_E], code: str, /, **params: Param) -> _E:
        """The error for ``code``: message and remedy rendered from ``TEMPLATES``."""
        message, remedy = render(code, params)
        return cls(message, remedy, code=code, params=params)

    def __str__(self) -> str:
        return f"{self.message} {self.remedy}".strip() if self.remedy else self.message


class CatalogError(WizardError):
    """A catalog file is missing, malformed or breaks the schema."""


class InputError(WizardError):
    """A value the user gave is out of range or unknown."""


class StorageError(WizardError):
    """The data folder or database cannot be used."""
