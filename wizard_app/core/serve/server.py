"""Start, watch and stop one local OpenAI-compatible server for a downloaded model.

The server is a child process (``launcher``) bound to 127.0.0.1 only. Its output goes to
a log file; when it exits before it answers, the last lines of that log say why. Unless
``keep_running`` was asked for, it belongs to this process: ``stop()`` ends it, and so
does the app on quit. A kept server runs in its own session and outlives the app.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx2

from wizard_app.core.cancel import CancelToken
from wizard_app.core.errors import WizardError
from wizard_app.core.runtime.launch import worker_env
from wizard_app.core.serve.chat import ServedChat, from_log
from wizard_app.core.serve.launcher import API_KEY_ENV

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
LAUNCHER_FLAG = "--serve-model"  # a frozen app started as the server process (cli.main)
READY_TIMEOUT_S = 180.0
_DETACHED: list[subprocess.Popen[bytes]] = []


class ServeError(WizardError):
    """The server could not be started (port taken, model failed to load, ...)."""


@dataclass(frozen=True)
class ServeSettings:
    path: Path
    model_id: str  # what clients put in "model"
    port: int = 0  # 0: a free port
    api_key: str = field(default="", repr=False)
    n_ctx: int = 4096
    n_gpu_layers: int = 0
    # layers per GPU, in llama.cpp's device order, where several share the model (the
    # plan's split; llama.cpp's own default splits by each device's free memory)
    tensor_split: tuple[int, ...] = ()
    n_threads: int = 0  # 0: physical cores
    extra_buffers: str = "auto"  # auto (cpu_policy), on, off
    keep_running: bool = False


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex((HOST, port)) == 0


def new_api_key() -> str:
    return "sk-local-" + secrets.token_urlsafe(18)


def launcher_command(settings: ServeSettings, port: int, safety: Path | None) -> list[str]:
    head = (
        [sys.executable, LAUNCHER_FLAG]
        if getattr(sys, "frozen", False)
        else [sys.executable, "-m", "wizard_app.core.serve.launcher"]
    )
    return [
        *head,
        "--model", str(settings.path),
        "--alias", settings.model_id,
        "--host", HOST,
        "--port", str(port),
        "--n-ctx", str(settings.n_ctx),
        "--n-gpu-layers", str(settings.n_gpu_layers),
        "--tensor-split", ",".join(str(n) for n in settings.tensor_split),
        "--n-threads", str(settings.n_threads),
        "--extra-buffers", settings.extra_buffers,
        "--safety", str(safety or ""),
        # a server that is not kept running stops with this process, however it ends
        "--parent", "0" if settings.keep_running else str(os.getpid()),
    ]  # fmt: skip


class LocalServer:
    """One running server; ``start`` blocks until it answers (or fails, or is cancelled)."""

    def __init__(self, settings: ServeSettings, log_dir: Path, safety: Path | None = None) -> None:
        self.settings = settings
        self.port = settings.port or free_port()
        self.log_path = log_dir / f"serve-{self.port}.log"
        self._safety = safety
        self._proc: subprocess.Popen[bytes] | None = None
        self.served_chat: ServedChat | None = None  # its chat format, read once it answers

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc else None

    def chat(self) -> ServedChat | None:
        """The chat format the server prompts in (``serve.chat``), once it has chosen."""
        try:
            return from_log(self.log_path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return None

    def is_running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(
        self,
        token: CancelToken | None = None,
        timeout_s: float = READY_TIMEOUT_S,
        on_wait: Callable[[float], None] | None = None,
    ) -> None:
        if not self.settings.path.is_file():
            raise ServeError(f"No model file at {self.settings.path}.", "Download the model again.")
        if port_in_use(self.port):
            raise ServeError(
                f"Port {self.port} on {HOST} is already in use.",
                "Choose another port with --port, or stop the program using it.",
            )
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = worker_env()
        env.pop(API_KEY_ENV, None)
        if self.settings.api_key:
            env[API_KEY_ENV] = self.settings.api_key
        command = launcher_command(self.settings, self.port, self._safety)
        log.info("starting the model server on port %d for %s", self.port, self.settings.path)
        with open(self.log_path, "wb") as out:
            try:
                self._proc = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    env=env,
                    start_new_session=self.settings.keep_running,
                )
            except OSError as exc:
                raise ServeError(
                    f"Cannot start the model server: {exc}.", "Reinstall the app."
                ) from exc
        self._wait_ready(token, timeout_s, on_wait)

    def _wait_ready(
        self,
        token: CancelToken | None,
        timeout_s: float,
        on_wait: Callable[[float], None] | None,
    ) -> None:
        t0 = time.monotonic()
        headers = (
            {"Authorization": f"Bearer {self.settings.api_key}"} if self.settings.api_key else {}
        )
        with httpx2.Client(timeout=2.0, headers=headers) as http:
            while True:
                proc = self._proc
                assert proc is not None
                if proc.poll() is not None:
                    self._proc = None
                    raise ServeError(
                        f"The model server stopped while starting (exit code {proc.returncode}). "
                        f"Its last words: {self.last_words()}",
                        f"The full log is {self.log_path}.",
                    )
                with contextlib.suppress(httpx2.TransportError):
                    if http.get(f"{self.url}/models").status_code == 200:
                        log.info("model server ready at %s (pid %d)", self.url, proc.pid)
                        self.served_chat = self.chat()
                        return
                waited = time.monotonic() - t0
                if on_wait is not None:
                    on_wait(waited)
                if token is not None and token.is_set():
                    self.stop()
                    return
                if waited > timeout_s:
                    self.stop()
                    raise ServeError(
                        f"The model server did not answer within {timeout_s:.0f} s.",
                        f"The log is {self.log_path}.",
                    )
                time.sleep(0.2)

    def last_words(self, lines: int = 3) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        kept = [line for line in text.splitlines() if line.strip()]
        return " | ".join(kept[-lines:]) or "(nothing)"

    def stop(self, timeout_s: float = 5.0) -> None:
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(5)
        log.info("model server on port %d stopped", self.port)

    def detach(self) -> None:
        """Leave the process running (a server asked to keep running), in its own session."""
        if self._proc is not None:
            _DETACHED.append(self._proc)  # never collected, so never warned about
        self._proc = None

    def wait(self) -> int:
        """Block until the server exits (the CLI in the foreground)."""
        proc = self._proc
        return proc.wait() if proc is not None else 0


def snippets(url: str, model_id: str, api_key: str) -> dict[str, str]:
    """Copy-paste ways to use the server: curl, the openai Python client, other tools."""
    key = api_key or "none"
    auth = f' \\\n  -H "Authorization: Bearer {api_key}"' if api_key else ""
    return {
        "curl": (
            f"curl {url}/chat/completions{auth} \\\n"
            '  -H "Content-Type: application/json" \\\n'
            f'  -d \'{{"model": "{model_id}", "messages": '
            '[{"role": "user", "content": "Hello"}]}\''
        ),
        "python": (
            "from openai import OpenAI\n\n"
            f'client = OpenAI(base_url="{url}", api_key="{key}")\n'
            "reply = client.chat.completions.create(\n"
            f'    model="{model_id}", messages=[{{"role": "user", "content": "Hello"}}]\n'
            ")\n"
            "print(reply.choices[0].message.content)"
        ),
        # The official OpenAI SDKs (Python, Node) read these two variables.
        "environment": f"export OPENAI_BASE_URL={url}\nexport OPENAI_API_KEY={key}",
        "tools": (
            "In an editor or tool with an 'OpenAI-compatible' provider (Continue, Zed, "
            f"Open WebUI, ...): base URL {url}, model {model_id}, API key {key}."
        ),
    }
