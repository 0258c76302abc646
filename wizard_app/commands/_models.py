"""What several commands share: numbers from the command line, installed models, servers."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard_app.commands._common import CliContext
from wizard_app.core.errors import InputError

if TYPE_CHECKING:
    from wizard_app.core.library.installed import Library, ModelEntry
    from wizard_app.core.runtime.placement import GpuLayers


def positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def gpu_layers_option(text: str) -> GpuLayers:
    """``--gpu-layers`` as given: a count, ``all`` or ``auto``."""
    from wizard_app.core.runtime.placement import parse_gpu_layers

    try:
        return parse_gpu_layers(text)
    except ValueError:
        raise InputError(
            f"--gpu-layers {text!r} is not a number.", "Give N, 'all' or 'auto'."
        ) from None


def installed_model(spec: str, ctx: CliContext, library: Library) -> ModelEntry:
    """The one installed model that ``spec`` names: a library id, a catalog id (or
    ``id:quant``), a display name or a file name."""
    if spec.isdigit():
        return library.get(int(spec))
    cid, _, quant = spec.partition(":")
    found = [
        e
        for e in library.entries()
        if (quant and e.catalog_id == cid and (e.quant or "").upper() == quant.upper())
        or (not quant and spec in (e.catalog_id, e.display_name, e.filename))
    ]
    if not found and cid in ctx.catalog:
        raise InputError(
            f"{spec} is in the catalog but not downloaded yet.",
            f"Run 'model-wizard download {spec}' first, or give a .gguf path.",
        )
    if len(found) != 1:
        what = f"matches {len(found)} installed models" if found else "is not installed"
        raise InputError(
            f"'{spec}' is not a .gguf file and {what}.",
            "Give a .gguf path, a catalog id:quant, or a numeric id from 'model-wizard library'.",
        )
    return found[0]


def resolve_model(spec: str, ctx: CliContext) -> tuple[Path, int | None, str | None]:
    """A path, or an installed model's path with its library id and name."""
    path = Path(spec).expanduser()
    if path.is_file() or spec.lower().endswith(".gguf"):
        if not path.is_file():
            raise InputError(f"No file at {path}.", "Check the path to the .gguf file.")
        return path, None, None
    from wizard_app.core.library.installed import Library

    entry = installed_model(spec, ctx, Library(ctx.db, ctx.models_dir))
    if not entry.present:
        raise InputError(
            f"Installed model {entry.id} ({entry.display_name}) is missing from {entry.path}.",
            "Download it again, or remove it with 'model-wizard library remove'.",
        )
    return entry.path, entry.id, entry.display_name


def endpoint_store(ctx: CliContext) -> Any:
    from wizard_app.core.remote.endpoints import EndpointStore

    return EndpointStore.in_config(ctx.paths.config)
