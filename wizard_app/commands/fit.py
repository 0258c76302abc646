"""``model-wizard fit``: will a model run here, how much memory, how fast."""

from __future__ import annotations

import argparse
from pathlib import Path

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.commands._fit_text import fit_text
from wizard_app.commands._hardware_args import add_hardware_override_args
from wizard_app.commands._machine import hardware_from_args
from wizard_app.core.errors import InputError
from wizard_app.core.fit import (
    CACHE_TYPE_BYTES,
    ModelShape,
    estimate,
    shape_from_variant,
)

ORDER = 20


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "fit",
        help="estimate memory and speed of a catalog model or a GGUF file on this machine",
    )
    p.add_argument("model", help="a catalog id (see 'model-wizard catalog') or a .gguf file")
    p.add_argument("--quant", default=None, help="quant type for a catalog id (e.g. Q4_K_M)")
    p.add_argument("--ctx", type=int, default=4096, metavar="N", help="context length, tokens")
    p.add_argument("--cache-type", default="f16", choices=sorted(CACHE_TYPE_BYTES))
    p.add_argument("--flash-attn", action="store_true", help="assume flash attention")
    p.add_argument("--gpu-layers", default="auto", help="N layers on the GPU, or 'auto'")
    add_hardware_override_args(p)
    add_json_flag(p)
    p.set_defaults(handler=run)


def _shape(args: argparse.Namespace, ctx: CliContext) -> tuple[ModelShape, str]:
    model = args.model
    if model.lower().endswith(".gguf") or Path(model).is_file():
        from wizard_app.core.gguf.reader import shape_from_gguf

        path = Path(model).expanduser()
        if not path.exists():  # a folder or an odd file is named by the header reader
            raise InputError(f"No such file: {path}.", "Check the path to the .gguf file.")
        return shape_from_gguf(path), path.name
    entry = ctx.catalog.get(model)
    variant = entry.variant
    quant = (args.quant or "").upper()
    if not quant:
        quant = (
            "Q4_K_M"
            if variant.artifact("Q4_K_M")
            else (variant.artifacts[0].quant if variant.artifacts else "Q4_K_M")
        )
    return shape_from_variant(variant, quant), f"{variant.name} {quant}"


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.gpu_layers == "auto":
        gpu_layers = None
    else:
        try:
            gpu_layers = int(args.gpu_layers)
        except ValueError:
            raise InputError(
                f"--gpu-layers {args.gpu_layers!r} is not a number.", "Give N or 'auto'."
            ) from None
    shape, label = _shape(args, ctx)
    hw = hardware_from_args(args, ctx)
    est = estimate(
        shape,
        hw,
        args.ctx,
        cache_type=args.cache_type,
        flash_attention=args.flash_attn,
        gpu_layers=gpu_layers,
    )
    if args.json:
        print_json({"model": label, "shape_source": shape.source, **est.model_dump(mode="json")})
    else:
        print(fit_text(label, est))
    return 0
