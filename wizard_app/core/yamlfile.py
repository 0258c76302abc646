"""Reading YAML: libyaml's C loader where PyYAML was built with it, and a parsed cache.

The catalog is about 35 files. PyYAML's pure-Python safe loader took 0.6 s for them on a
2-core Xeon, the C loader 0.08 s (its constructor is still Python); reading the same data
back as JSON takes under 0.01 s. So a caller that reads the same files on every start
(every command reads the catalog) passes a cache folder: each file's parsed data is kept
there as JSON, keyed by the file's name and a hash of its text, so a changed file is
parsed again and nothing stale is ever used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


class YAMLError(Exception):
    """Text that is not valid YAML: PyYAML's message, and where it is when known.

    PyYAML itself is imported only when a text is parsed: a start whose files are all in
    the cache never loads it.
    """

    def __init__(self, original: Exception) -> None:
        super().__init__(str(original))
        self.problem_mark = getattr(original, "problem_mark", None)
        self.problem: str | None = getattr(original, "problem", None)


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available; raises ``YAMLError``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader: plain data only
    except yaml.YAMLError as exc:
        raise YAMLError(exc) from exc


# Where the parsed data of the app's own YAML files (rules, tables) is kept: set once by
# the entry point to the data folder's cache; None (tests, scripts) parses every time.
DEFAULT_CACHE: Path | None = None


def load_yaml_file(path: Path) -> Any:
    """A bundled YAML file's data, through ``DEFAULT_CACHE`` (raises OSError, YAMLError)."""
    return load_yaml_cached(path.name, path.read_text(encoding="utf-8"), DEFAULT_CACHE)


def load_yaml_cached(name: str, text: str, cache: Path | None) -> Any:
    """``load_yaml(text)``, from ``cache`` when this exact text was parsed before.

    ``name`` (a file name) keeps one entry per file: writing a new one removes the old.
    A cache that cannot be read or written is skipped; the text is then parsed.
    """
    if cache is None:
        return load_yaml(text)
    stem = Path(name).name
    entry = cache / f"{stem}.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:24]}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(entry.read_text(encoding="utf-8"), object_hook=_decode)
    data = load_yaml(text)
    try:
        encoded = json.dumps(data, default=_encode, ensure_ascii=False)
    except (TypeError, ValueError):  # a value JSON cannot hold: not cached
        return data
    with contextlib.suppress(OSError):
        replace_entry(entry, encoded, old=cache.glob(f"{stem}.*.json"))
    return data


def replace_entry(entry: Path, text: str, old: Any) -> None:
    """Write ``entry`` atomically and remove the stale entries in ``old`` (an iterable)."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    for stale in list(old):
        if stale != entry:
            stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, entry)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _encode(value: object) -> object:
    # YAML's timestamps: the only safe-loader values JSON has no type for (besides binary
    # and sets, which the catalog never uses and which then go uncached)
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"not cached: {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> object:
    if len(obj) == 1:
        if "$date" in obj:
            return dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return dt.datetime.fromisoformat(obj["$datetime"])
    return obj
