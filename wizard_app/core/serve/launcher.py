"""The server process: llama-cpp-python's OpenAI-compatible app, with our CPU policy.

``python -m llama_cpp.server`` builds ``Llama`` from its own settings, which have no way to
turn off llama.cpp's extra (repacked) weight buffers; on x86 with AMX those crash at the
first decode (``runtime.cpu_policy``). So this module builds the same FastAPI app from
``llama_cpp.server.app.create_app`` after wrapping ``llama_model_default_params`` - the
defaults ``Llama()`` starts from - to set ``use_extra_bufts`` as the worker does, and runs
it with uvicorn. A file without a chat template is prompted in the format the app's runs
choose for it (``serve.chat``), not llama-cpp-python's Llama 2 guess. The API key comes
from the environment (``API_KEY_ENV``), never the command line, where other users of the
machine could read it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

API_KEY_ENV = "WIZARD_SERVE_API_KEY"


def tensor_split(text: str) -> list[float] | None:
    """``40,24`` -> the shares llama.cpp takes; "" (one device, or the default) -> None."""
    shares = [float(x) for x in text.split(",") if x.strip()]
    return shares if len(shares) > 1 and sum(shares) > 0 else None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m wizard_app.core.serve.launcher")
    p.add_argument("--model", required=True)
    p.add_argument("--alias", required=True, help="the model id clients ask for")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--n-ctx", type=int, default=4096)
    p.add_argument("--n-gpu-layers", type=int, default=0)
    p.add_argument("--tensor-split", default="", help="layers per GPU: 40,24 (empty: default)")
    p.add_argument("--n-threads", type=int, default=0, help="0: physical cores")
    p.add_argument("--extra-buffers", choices=["auto", "on", "off"], default="auto")
    p.add_argument("--safety", default="", help="the runtime safety file (cpu_policy)")
    p.add_argument("--parent", type=int, default=0, help="exit when this process (the app) is gone")
    return p


def _watch_parent(pid: int) -> None:
    """Stop with the app even when it dies without stopping us (killed, crashed)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == pid:
            time.sleep(1.0)
        print("the app is gone; stopping", file=sys.stderr, flush=True)
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def extra_buffers_choice(choice: str, system_info: str, version: str, safety: str) -> bool:
    """The worker's rule: what was learned from a crash here, else the CPU's default."""
    from wizard_app.core.runtime.cpu_policy import SafetyMemory, build_key, default_extra_buffers

    if choice != "auto":
        return choice == "on"
    if safety:
        learned = SafetyMemory(Path(safety)).extra_buffers(build_key(version, system_info))
        if learned is not None:
            return learned
    return default_extra_buffers(system_info).enabled


def _set_extra_buffers(lowlevel: Any, enabled: bool) -> None:
    original = lowlevel.llama_model_default_params

    def with_policy() -> Any:
        params = original()
        params.use_extra_bufts = enabled
        return params

    setattr(lowlevel, "llama_model_default_params", with_policy)  # noqa: B010


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.parent:
        _watch_parent(args.parent)
    import llama_cpp
    import uvicorn
    from llama_cpp.server.app import create_app
    from llama_cpp.server.settings import ModelSettings, ServerSettings

    from wizard_app.core.runtime.offload import llama_cpp_gpu_layers

    info = llama_cpp.llama_print_system_info()
    system_info = info.decode("utf-8", "replace") if isinstance(info, bytes) else str(info)
    extra = extra_buffers_choice(
        args.extra_buffers, system_info, llama_cpp.__version__, args.safety
    )
    _set_extra_buffers(llama_cpp.llama_cpp, extra)
    print(f"extra buffers {'on' if extra else 'off'}", file=sys.stderr, flush=True)
    import psutil

    from wizard_app.core.serve import chat

    # a file without a chat template: the app's format, as its runs choose it (serve.chat)
    try:
        served = chat.choose(Path(args.model))
    except (ValueError, RuntimeError, OSError) as exc:  # llama-cpp-python's load says why
        print(f"cannot read the vocabulary: {exc}", file=sys.stderr, flush=True)
        served = chat.ServedChat(chat.TEMPLATE)
    chat_format = chat.register(served.name) if served.is_fallback else None
    print(chat.log_line(served), file=sys.stderr, flush=True)
    threads = args.n_threads or psutil.cpu_count(logical=False) or os.cpu_count() or 1
    server = ServerSettings(
        host=args.host, port=args.port, api_key=os.environ.get(API_KEY_ENV) or None
    )
    model = ModelSettings(
        model=args.model,
        model_alias=args.alias,
        n_ctx=args.n_ctx,
        n_gpu_layers=llama_cpp_gpu_layers(args.n_gpu_layers),  # the app counts blocks
        tensor_split=tensor_split(args.tensor_split),
        n_threads=threads,
        n_threads_batch=threads,
        chat_format=chat_format,
        verbose=True,
    )
    app = create_app(server_settings=server, model_settings=[model])
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
