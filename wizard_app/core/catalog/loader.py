"""Load and validate the catalog files in ``models/``."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from wizard_app.core.catalog.schema import Family, Variant
from wizard_app.core.errors import CatalogError
from wizard_app.core.paths import bundled_dir
from wizard_app.core.yamlfile import YAMLError, load_yaml_cached, replace_entry


@dataclass(frozen=True)
class CatalogEntry:
    """A variant with the family it belongs to."""

    variant: Variant
    family: str
    publisher: str
    file: str

    @property
    def id(self) -> str:
        return self.variant.id


@dataclass
class Catalog:
    entries: list[CatalogEntry] = field(default_factory=list)
    # "bundled", or "update <date>" for a verified downloaded catalog (see ``update``)
    origin: str = "bundled"

    def __post_init__(self) -> None:
        self._by_id = {e.id: e for e in self.entries}

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[CatalogEntry]:
        return iter(self.entries)

    def get(self, variant_id: str) -> CatalogEntry:
        try:
            return self._by_id[variant_id]
        except KeyError:
            close = [i for i in self._by_id if variant_id.lower() in i][:5]
            hint = f" Did you mean: {', '.join(close)}?" if close else ""
            raise CatalogError(
                f"No model with id '{variant_id}' in the catalog.{hint}",
                "Run 'model-wizard catalog' to list the ids.",
            ) from None

    def __contains__(self, variant_id: object) -> bool:
        return variant_id in self._by_id


def _format_location(loc: Iterable[object], data: object) -> str:
    """Turn a pydantic location like ('variants', 2, 'license') into 'variants[2](id).license'."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and 0 <= item < len(node):
                node = node[item]
                if isinstance(node, dict) and "id" in node:
                    label = f"[{item}]({node['id']})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return "".join(parts) or "(top level)"


def load_family_file(path: Path, cache: Path | None = None) -> Family:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"{path.name}: cannot be read ({exc.strerror or exc}).") from exc
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{path.name}: is not UTF-8 text ({exc.reason}).") from exc
    return load_family_text(path.name, text, cache)


def load_family_text(name: str, text: str, cache: Path | None = None) -> Family:
    """Parse and validate one catalog file's text; ``name`` is used in the messages.

    With ``cache``, the parsed data of a text seen before is read from there (yamlfile).
    """
    try:
        data = load_yaml_cached(name, text, cache)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogError(
            f"{name}: is not valid YAML{where}: {problem}.",
            "Fix the syntax in that file.",
        ) from exc
    if not isinstance(data, dict):
        raise CatalogError(f"{name}: expected a mapping with 'family' and 'variants'.")
    try:
        return Family.model_validate(data)
    except ValidationError as exc:
        lines = [
            f"{name}: {_format_location(err['loc'], data)}: {err['msg']}" for err in exc.errors()
        ]
        raise CatalogError("\n".join(lines), "Fix the fields named above.") from exc


def catalog_files(folder: Path | None = None) -> list[Path]:
    folder = folder or bundled_dir("models")
    return sorted(folder.glob("*.yaml"))


def load_catalog(folder: Path | None = None, cache: Path | None = None) -> Catalog:
    """All families in ``folder`` (default: the bundled ``models/``), checked as a whole.

    ``cache`` keeps, between runs, each file's parsed data (``yamlfile.load_yaml_cached``)
    and the validated families of the whole set as one JSON file, keyed by a hash of all
    the files: pydantic reads that back in one pass, faster than validating 37 files.
    """
    paths = catalog_files(folder)
    if not paths:
        raise CatalogError(f"No catalog files (*.yaml) found in {folder or 'models/'}.")
    whole = _whole_entry(paths, cache) if cache is not None else None
    if whole is not None:
        with contextlib.suppress(OSError, ValueError):  # missing or unreadable: validate
            families = _FAMILIES.validate_json(whole.read_bytes())
            return build_catalog(
                [(p.name, partial(_given, f)) for p, f in zip(paths, families, strict=True)]
            )
    parsed: list[Family] = []

    def load(path: Path) -> Family:
        family = load_family_file(path, cache)
        parsed.append(family)
        return family

    catalog = build_catalog([(p.name, partial(load, p)) for p in paths])
    if whole is not None:
        with contextlib.suppress(OSError):
            replace_entry(
                whole, _FAMILIES.dump_json(parsed).decode(), whole.parent.glob("_validated.*.json")
            )
    return catalog


_FAMILIES: TypeAdapter[list[Family]] = TypeAdapter(list[Family])


def _given(family: Family) -> Family:
    return family


def _whole_entry(paths: list[Path], cache: Path) -> Path | None:
    """The validated catalog's cache file for these files' names and bytes."""
    h = hashlib.sha256()
    try:
        for p in paths:
            h.update(p.name.encode())
            h.update(p.read_bytes())
    except OSError:
        return None
    return cache / f"_validated.{h.hexdigest()[:24]}.json"


def build_catalog(
    families: Iterable[tuple[str, Callable[[], Family]]], origin: str = "bundled"
) -> Catalog:
    """Check files (name, parser) as a whole: every file parses, ids are unique, references
    resolve. All problems are reported at once."""
    entries: list[CatalogEntry] = []
    problems: list[str] = []
    for name, parse in families:
        try:
            fam = parse()
        except CatalogError as exc:
            problems.append(exc.message)
            continue
        entries.extend(CatalogEntry(v, fam.family, fam.publisher, name) for v in fam.variants)
    seen: dict[str, str] = {}
    for e in entries:
        if e.id in seen:
            problems.append(f"{e.file}: duplicate id '{e.id}' (also in {seen[e.id]})")
        seen.setdefault(e.id, e.file)
    for e in entries:
        alt = e.variant.alternative
        if alt is not None and alt not in seen:
            problems.append(f"{e.file}: {e.id}.alternative: unknown catalog id '{alt}'")
    if problems:
        raise CatalogError("\n".join(problems), "Fix the catalog files named above.")
    if not entries:
        raise CatalogError("The catalog has no models.")
    return Catalog(entries, origin=origin)
