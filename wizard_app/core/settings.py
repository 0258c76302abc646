"""The user's settings, kept as JSON in the config folder (``AppPaths.settings_file``).

The token is kept in the same file, readable by the user only; leaving it empty uses
``HF_TOKEN`` or the token ``huggingface-cli login`` stored, as the CLI does.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CONTEXT_CHOICES = (2048, 4096, 8192, 16384, 32768, 65536, 131072)


LANGUAGES = ("en", "nl")  # the languages the app is translated into


def usable_folder(folder: Path) -> str | None:
    """Why ``folder`` cannot hold models (it cannot be made, or written to), or None."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


@dataclass
class AppSettings:
    models_dir: str = ""  # empty: the data folder's models/
    hub_endpoint: str = ""  # empty: HF_ENDPOINT or https://huggingface.co
    hub_token: str = ""  # empty: HF_TOKEN or the Hugging Face CLI's login
    threads: int = 0  # 0: as many as physical cores
    default_context: int = 0  # 0: what the use case needs
    language: str = ""  # empty: the system's language
    catalog_url: str = ""  # empty: no catalog update address (see `catalog update --from`)

    @classmethod
    def load(cls, path: Path) -> AppSettings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        known = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        defaults = asdict(cls())
        for key, value in (data if isinstance(data, dict) else {}).items():
            if key in known and isinstance(value, type(defaults[key])):
                values[key] = value
        return cls(**values)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(self), f, indent=2)
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)

    def models_path(self, default: Path) -> Path:
        return Path(self.models_dir).expanduser() if self.models_dir else default
