"""Errors of a remote runtime, each with a stable code (``remote.*``) and its params.

The English text is in the core's table (``core.errors.TEMPLATES``), so the UI shows the
same errors in its own language (``ui.errors``).
"""

from __future__ import annotations

from wizard_app.core.errors import Param, WizardError


class RemoteError(WizardError):
    """A remote server could not be used: unreachable, refused, slow, broken stream."""

    @classmethod
    def of(cls, code: str, /, **params: Param) -> RemoteError:
        assert code.startswith("remote."), code
        return cls.from_code(code, **params)
