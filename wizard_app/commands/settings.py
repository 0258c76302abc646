"""``model-wizard settings``: show or change the settings the desktop app also uses."""

from __future__ import annotations

import argparse
from dataclasses import asdict, fields
from pathlib import Path

from wizard_app.commands._common import CliContext, add_json_flag, print_json
from wizard_app.core.errors import InputError

ORDER = 80
# the context a recommendation accepts (RecommendRequest)
MIN_CONTEXT, MAX_CONTEXT = 256, 10_000_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "settings",
        help="show or change settings (models folder, Hub endpoint, token, threads, context)",
    )
    p.add_argument("action", nargs="?", choices=["show", "set"], default="show")
    p.add_argument("key", nargs="?", help="with 'set': the setting to change")
    p.add_argument("value", nargs="?", help="with 'set': the new value ('' resets it)")
    add_json_flag(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    from wizard_app.core.settings import AppSettings

    settings = ctx.settings
    if args.action == "set":
        names = {f.name: f.type for f in fields(AppSettings)}
        if args.key not in names:
            raise InputError(
                f"Unknown setting {args.key!r}.", f"Choose one of: {', '.join(names)}."
            )
        if args.value is None:
            raise InputError(f"No value given for {args.key}.", "Add the value after the key.")
        current = getattr(settings, args.key)
        if isinstance(current, int):
            try:
                value: object = int(args.value or 0)
            except ValueError:
                raise InputError(f"{args.key} takes a whole number, not {args.value!r}.") from None
            if value < 0:  # type: ignore[operator]
                raise InputError(f"{args.key} cannot be negative.", "Give 0 for the default.")
        else:
            value = args.value
        _check(args.key, value)
        if args.key == "models_dir" and value:
            value = str(Path(str(value)).expanduser().absolute())  # the same from any folder
        if args.key == "hub_endpoint" and value:
            from wizard_app.core.download.hub import resolve_endpoint

            value = resolve_endpoint(str(value))  # rejects what is not an http(s) URL
        setattr(settings, args.key, value)
        settings.save(ctx.paths.settings_file)
    shown = asdict(settings)
    if shown.get("hub_token"):
        shown["hub_token"] = "set (hidden)"
    if args.json:
        print_json(shown)
    else:
        for key, value in shown.items():
            print(f"{key:<16} {value if value not in ('', 0) else '(default)'}")
    return 0


def _check(key: str, value: object) -> None:
    """Refuse a value the app cannot use later (0 and "" mean the default)."""
    from wizard_app.core.settings import LANGUAGES, usable_folder

    if key == "models_dir" and value:
        folder = Path(str(value)).expanduser()
        why = usable_folder(folder)
        if why is not None:
            raise InputError(
                f"The folder {folder} cannot be created or written to ({why}).",
                'Choose a folder you can write to, or give "" for the default.',
            )
    if key == "default_context" and value and not MIN_CONTEXT <= int(str(value)) <= MAX_CONTEXT:
        raise InputError(
            f"A default context of {value} tokens is out of range.",
            f"Give {MIN_CONTEXT} to {MAX_CONTEXT:,} tokens (e.g. 8192), or 0 for the default.",
        )
    if key == "language" and value and value not in LANGUAGES:
        raise InputError(
            f"The app is not translated into {value!r}.",
            f'Choose one of: {", ".join(LANGUAGES)}, or "" for the system\'s language.',
        )
