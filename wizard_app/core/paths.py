"""Where the app keeps its data, config, cache, logs and model files.

By default the platform's conventional folders (platformdirs). ``--data-dir DIR`` or the
``MODEL_WIZARD_DATA_DIR`` environment variable puts everything under one folder, for tests
and portable installs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from wizard_app.core.errors import StorageError

APP_NAME = "OpenModelWizard"
APP_AUTHOR = "OpenModelWizard"
DATA_DIR_ENV = "MODEL_WIZARD_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    cache: Path
    logs: Path
    models: Path

    @property
    def database(self) -> Path:
        return self.data / "wizard.sqlite3"

    @property
    def parsed_cache(self) -> Path:
        """The parsed data of the bundled YAML files, by content hash (core.yamlfile)."""
        return self.data / "catalog" / "parsed"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def runtime_safety(self) -> Path:
        """llama.cpp settings learned from crashes on this machine (runtime.cpu_policy)."""
        return self.data / "runtime-safety.json"

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        root = Path(root).expanduser().resolve()
        return cls(
            data=root / "data",
            config=root / "config",
            cache=root / "cache",
            logs=root / "logs",
            models=root / "models",
        )

    @classmethod
    def from_platformdirs(cls) -> AppPaths:
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
        data = Path(dirs.user_data_dir)
        return cls(
            data=data,
            config=Path(dirs.user_config_dir),
            cache=Path(dirs.user_cache_dir),
            logs=Path(dirs.user_log_dir),
            models=data / "models",
        )

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        """``data_dir`` if given, else the environment variable, else platform folders."""
        chosen = data_dir if data_dir is not None else os.environ.get(DATA_DIR_ENV) or None
        return cls.under(Path(chosen)) if chosen is not None else cls.from_platformdirs()

    def ensure(self) -> AppPaths:
        """Create the folders, or explain why they cannot be created."""
        for folder in (self.data, self.config, self.cache, self.logs, self.models):
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"Cannot create the folder {folder}: {exc.strerror or exc}.",
                    f"Choose a writable folder with --data-dir or {DATA_DIR_ENV}.",
                ) from exc
            if not os.access(folder, os.W_OK | os.X_OK):
                raise StorageError(
                    f"The folder {folder} is not writable.",
                    f"Fix its permissions or choose another with --data-dir or {DATA_DIR_ENV}.",
                )
        return self


def bundled_dir(name: str) -> Path:
    """A folder shipped with the app: ``models`` or ``resources``.

    In a wheel they sit in ``wizard_app/_bundled``; in a source checkout (editable
    install, tests) at the top of the repository.
    """
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "_bundled" / name, package.parent / name):
        if candidate.is_dir():
            return candidate
    raise StorageError(
        f"The bundled folder '{name}' is missing from the installation ({package}).",
        "Reinstall Open Model Wizard.",
    )
