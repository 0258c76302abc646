"""``model-wizard``: the core engine, headless.

Without a subcommand it opens the desktop app. Every subcommand takes ``--json`` for
scripting; ``--data-dir DIR`` (or ``MODEL_WIZARD_DATA_DIR``) keeps all state in one folder.
Problems the user can fix print one line and exit 2; there is no traceback.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence

from wizard_app import __version__, commands
from wizard_app.core.errors import WizardError
from wizard_app.core.paths import DATA_DIR_ENV

log = logging.getLogger(__name__)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\nRun '{self.prog} --help' for the options.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="model-wizard",
        description="Choose, download and try an open-weight LLM that fits your machine. "
        "Without a command, the desktop app opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"keep all data, settings, caches, logs and models under DIR (env: {DATA_DIR_ENV})",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    modules = [
        importlib.import_module(f"{commands.__name__}.{info.name}")
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    ]
    for module in sorted(modules, key=lambda m: getattr(m, "ORDER", 50)):
        module.register(sub)
    return parser


def _global_only(argv: list[str]) -> argparse.Namespace | None:
    """The global options when no subcommand is given (the app opens), else None.

    Checked before the full parser is built, so opening the app imports no command modules.
    """
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--data-dir")
    pre.add_argument("-v", "--verbose", action="store_true")
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
    gui_args = _global_only(argv)
    if gui_args is not None:
        return _open_gui(gui_args)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        return _open_gui(args)
    from wizard_app.commands._common import CliContext

    ctx = CliContext(data_dir=args.data_dir, verbose=args.verbose)
    try:
        ctx.setup_logging()
        return int(args.handler(args, ctx) or 0)
    except WizardError as exc:
        log.info("command failed: %s", exc)
        print(f"model-wizard: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("model-wizard: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        ctx.close()


def _open_gui(args: argparse.Namespace) -> int:
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
