"""What every subcommand shares: the paths, the database, the catalog, JSON output."""

from __future__ import annotations

import json
import sys
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard_app.core.logs import setup_logging
from wizard_app.core.paths import AppPaths

if TYPE_CHECKING:
    from wizard_app.core.catalog import Catalog
    from wizard_app.core.catalog.update import CatalogStore
    from wizard_app.core.library.installed import ModelEntry
    from wizard_app.core.settings import AppSettings
    from wizard_app.core.storage.database import Database


class CliContext:
    """Built lazily: a command that needs no database never opens one."""

    def __init__(self, data_dir: str | None = None, verbose: bool = False) -> None:
        self._data_dir = data_dir
        self.verbose = verbose

    @cached_property
    def paths(self) -> AppPaths:
        from wizard_app.core import yamlfile

        paths = AppPaths.resolve(self._data_dir).ensure()
        yamlfile.DEFAULT_CACHE = paths.parsed_cache  # the rules and tables parse once
        return paths

    @cached_property
    def settings(self) -> AppSettings:
        """The settings the desktop app saves: models folder, Hub endpoint, token, ..."""
        from wizard_app.core.settings import AppSettings

        return AppSettings.load(self.paths.settings_file)

    @cached_property
    def models_dir(self) -> Path:
        from wizard_app.core.errors import StorageError
        from wizard_app.core.settings import usable_folder

        folder = self.settings.models_path(self.paths.models)
        why = usable_folder(folder)
        if why is not None:
            self.__dict__["library_rebuilt"] = []  # nothing to rebuild from; said once
            raise StorageError(
                f"The models folder {folder} cannot be used ({why}).",
                "Choose another with `model-wizard settings set models_dir PATH`, or go back "
                'to the default with `model-wizard settings set models_dir ""`.',
            )
        return folder

    @cached_property
    def db(self) -> Database:
        from wizard_app.core.storage.database import Database

        return Database(self.paths.database)

    def rebuild_library(self) -> list[ModelEntry]:
        """After the database was started afresh (first start, lost or damaged file), add
        the models folder's files back to the library, once per command."""
        if "library_rebuilt" in self.__dict__:
            return list(self.__dict__["library_rebuilt"])
        from wizard_app.core.library.installed import Library

        added: list[ModelEntry] = []
        if self.db.needs_library_rebuild:
            added = Library(self.db, self.models_dir).adopt_models_folder()
        self.__dict__["library_rebuilt"] = added
        return added

    @cached_property
    def catalog_store(self) -> CatalogStore:
        """Downloaded catalog updates, kept in the data folder."""
        from wizard_app.core.catalog.update import CatalogStore

        return CatalogStore(self.paths.data / "catalog")

    @cached_property
    def catalog(self) -> Catalog:
        """A verified catalog update if one is installed, else the bundled catalog."""
        return self.catalog_store.catalog()

    def setup_logging(self) -> None:
        setup_logging(self.paths.logs, to_stderr=self.verbose)

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.close()


def to_jsonable(obj: Any) -> Any:
    if hasattr(obj, "model_dump"):  # a pydantic model
        return obj.model_dump(mode="json")
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, Path):
        return str(obj)
    return obj


def print_json(obj: Any) -> None:
    json.dump(to_jsonable(obj), sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def add_json_flag(parser: Any) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
