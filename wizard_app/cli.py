"""``model-wizard``: the core engine, headless.

Without a subcommand it opens the desktop app. Every subcommand takes ``--json`` for
scripting; ``--data-dir DIR`` (or ``MODEL_WIZARD_DATA_DIR``) keeps all state in one folder.
Problems the user can fix print one line and exit 2; there is no traceback. With
``--json`` the same problem is also a JSON object on stdout,
``{"ok": false, "code", "message", "hint"}``, so a script can read it; the exit code is
the same.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import pkgutil
import re
import sys
from collections.abc import Sequence
from typing import Any

from wizard_app import __version__, commands
from wizard_app.core.errors import WizardError
from wizard_app.core.paths import DATA_DIR_ENV

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    json_errors = False  # set by main() when --json is on the command line

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        hint = f"Run '{self.prog} --help' for the options."
        if _Parser.json_errors:
            _json_error("usage", message[:1].upper() + message[1:] + ".", hint)
        self.exit(2, f"{self.prog}: error: {message}\n{hint}\n")


def build_parser(
    command: str | None = None, *, commands_too: bool = True
) -> argparse.ArgumentParser:
    """The full parser; with ``command``, one that knows only that subcommand (faster)."""
    parser = _Parser(
        prog="model-wizard",
        description="Choose, download and try an open-weight LLM that fits your machine. "
        "Without a command, the desktop app opens.",
    )
    from wizard_app.core.runtime.build_info import describe_build

    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__} ({describe_build()})"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation (window, catalog, database, a model run) and exit",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep all data, settings, caches, logs and models under DIR (env: {DATA_DIR_ENV})",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in _command_modules(command) if commands_too else ():
        module.register(sub)
    if command is not None and command not in sub.choices:  # its module has another name
        return build_parser(None, commands_too=commands_too)
    return parser


def _command_modules(command: str | None) -> list[Any]:
    """The modules that add subcommands, in display order.

    A run of one command imports only its own module (``commands/<name>.py``, dashes as
    underscores), so each command pays for its own imports and no other's; ``--help``
    and a command defined in a module of another name import them all.
    """
    names = [
        info.name
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    ]
    own = command.replace("-", "_") if command else None
    if own in names:
        names = [own]
    modules = [importlib.import_module(f"{commands.__name__}.{name}") for name in names]
    return sorted(modules, key=lambda m: getattr(m, "ORDER", 50))


def _command_name(argv: list[str]) -> str | None:
    """The subcommand named on the command line, if any (before the full parser exists)."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--data-dir")
    pre.add_argument("-v", "--verbose", action="store_true")
    try:
        _known, rest = pre.parse_known_args(argv)
    except SystemExit:
        return None
    return rest[0] if rest and not rest[0].startswith("-") else None


def _global_only(argv: list[str]) -> argparse.Namespace | None:
    """The global options when no subcommand is given (the app opens), else None.

    Checked before the full parser is built, so opening the app imports no command modules.
    """
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--data-dir")
    pre.add_argument("-v", "--verbose", action="store_true")
    pre.add_argument("--self-test", action="store_true")
    try:
        known, rest = pre.parse_known_args(argv)
    except SystemExit:
        return None
    return known if not rest else None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--runtime-worker"]:  # a frozen app started as its own model process
        from wizard_app.core.runtime.worker import main as worker_main

        return worker_main()
    if argv[:1] == ["--serve-model"]:  # a frozen app started as a model server (core/serve)
        from wizard_app.core.serve.launcher import main as serve_main

        return serve_main(argv[1:])
    # The app's models are its own: no third-party pydantic plugin hooks into them, and
    # pydantic skips scanning every installed package's entry points for plugins at the
    # first model (about 12 ms of each command's start on a 2-core Xeon).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gui_args = _global_only(argv)
    if gui_args is not None and gui_args.self_test:
        from wizard_app.selftest import main as self_test

        return self_test()
    if gui_args is not None:
        return _open_gui(gui_args)
    command = _command_name(argv)
    # --version alone needs no command module at all
    parser = build_parser(command, commands_too=command is not None or "--version" not in argv)
    _Parser.json_errors = "--json" in argv
    args = parser.parse_args(argv)
    if args.command is None:
        return _open_gui(args)
    from wizard_app.commands._common import CliContext

    ctx = CliContext(data_dir=args.data_dir, verbose=args.verbose)
    as_json = bool(getattr(args, "json", False))
    try:
        ctx.setup_logging()
        return int(args.handler(args, ctx) or 0)
    except WizardError as exc:
        log.info("command failed: %s", exc)
        print(f"model-wizard: {exc}", file=sys.stderr)
        if as_json:
            _json_error(error_code(exc), exc.message, exc.remedy)
        return exc.exit_code
    except KeyboardInterrupt:
        print("model-wizard: interrupted.", file=sys.stderr)
        if as_json:
            _json_error("interrupted", "Interrupted.", "Run the same command again.")
        return 130
    except BrokenPipeError:
        return 0
    finally:
        _database_notice(ctx)
        ctx.close()


def error_code(exc: WizardError) -> str:
    """A stable code for scripts: the error's own, else one named after its class
    (``InputError`` -> ``input``, ``DiskSpaceError`` -> ``disk_space``)."""
    if exc.code:
        return exc.code
    kind = getattr(exc, "kind", None)  # a classified database problem
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()
    base = name.removesuffix("_error") or "error"
    if base == "wizard":
        base = "error"
    return f"storage.{kind}" if isinstance(kind, str) else base


def _json_error(code: str, message: str, hint: str) -> None:
    obj: dict[str, Any] = {"ok": False, "code": code, "message": message, "hint": hint or None}
    try:
        json.dump(obj, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        pass


def _database_notice(ctx: Any) -> None:
    """What opening the database repaired (a damaged file moved aside, a new database
    with models already in the folder), said once, after the library is rebuilt."""
    if ctx.__dict__.get("db") is None:
        return
    try:
        added = ctx.rebuild_library()
    except WizardError as exc:
        print(f"model-wizard: the library could not be rebuilt: {exc}", file=sys.stderr)
        added = []
    db = ctx.db
    notice = db.notice
    if notice is None and db.created and added:
        notice = f"A new database was started at {db.path}."
    if notice:
        if added:
            notice += f" {len(added)} model(s) from the models folder are in the library again."
        print(f"model-wizard: note: {notice}", file=sys.stderr)


def _open_gui(args: argparse.Namespace) -> int:
    from wizard_app.ui.platform_check import problem

    blocked = problem()
    if blocked:  # Qt would abort with "could not load the Qt platform plugin"
        print(f"model-wizard: {blocked}", file=sys.stderr)
        return 2
    try:
        app = importlib.import_module("wizard_app.app")
    except ModuleNotFoundError as exc:
        if exc.name != "wizard_app.app":
            raise
        build_parser().print_help()
        return 0
    return int(app.main(data_dir=args.data_dir))


if __name__ == "__main__":
    raise SystemExit(main())
