"""Errors the user can act on: each carries what went wrong and what to do."""

from __future__ import annotations


class WizardError(Exception):
    """A problem caused by input or environment, reported as one clear line.

    ``remedy`` says what the user can do about it; the CLI prints both and exits 2.
    """

    exit_code = 2

    def __init__(self, message: str, remedy: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.remedy = remedy

    def __str__(self) -> str:
        return f"{self.message} {self.remedy}".strip() if self.remedy else self.message


class CatalogError(WizardError):
    """A catalog file is missing, malformed or breaks the schema."""


class InputError(WizardError):
    """A value the user gave is out of range or unknown."""


class StorageError(WizardError):
    """The data folder or database cannot be used."""
