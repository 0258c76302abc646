"""Starting the worker process: spawn it, give it its key, wait for its address, connect.

The worker listens on a local address of its own choosing, authenticated with a key the
client makes for each start and hands over on the worker's stdin (never on its command
line, where other users could read it). The worker prints the address on stdout; all its
other output (llama.cpp's native messages, a crash's last words) goes to the log and a
short tail kept for the death message.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Client, Connection
from typing import IO

from wizard_app.core.runtime import protocol as p
from wizard_app.core.runtime.deaths import RunError, death_message

OUTPUT_TAIL = 40  # lines of the worker's own output kept for a death message


@dataclass
class Started:
    """A worker that gave its address, with both connections open."""

    proc: subprocess.Popen[bytes]
    output: deque[str]
    output_thread: threading.Thread
    control: Connection
    events: Connection


def cannot_talk(exc: BaseException) -> RunError:
    return RunError(
        f"Cannot talk to the model process: {exc}.",
        "Restart the app; the log file has details.",
        "worker_died",
    )


def start_worker(
    command: Sequence[str], env: dict[str, str], log_level: int, timeout_s: float
) -> Started:
    """Spawn the worker and connect to it; on any failure it is killed and RunError raised."""
    authkey = os.urandom(32)
    proc = _popen(command, env)
    assert proc.stdin is not None
    assert proc.stdout is not None
    address_q: queue.Queue[str] = queue.Queue()
    output: deque[str] = deque(maxlen=OUTPUT_TAIL)
    thread = threading.Thread(
        target=read_output,
        args=(proc.stdout, address_q, output),
        name=f"worker-{proc.pid}-output",
        daemon=True,
    )
    thread.start()
    try:
        handshake = {"authkey": authkey.hex(), "log_level": log_level}
        proc.stdin.write((json.dumps(handshake) + "\n").encode())
        proc.stdin.close()
    except OSError:
        pass  # it died already; the wait below says so
    address = _wait_address(proc, address_q, timeout_s)
    if address is None:
        kill(proc, thread)
        what, _ = death_message(proc.returncode, list(output))
        raise RunError(
            f"The model process did not start. {what}",
            "Reinstall the app; the log file has details.",
            "worker_died",
        )
    try:
        control = Client(address, authkey=authkey)
        events = Client(address, authkey=authkey)
    except (OSError, EOFError) as exc:
        kill(proc, thread)
        raise cannot_talk(exc) from exc
    return Started(proc, output, thread, control, events)


def _popen(command: Sequence[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
    try:
        return subprocess.Popen(
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            creationflags=flags,
        )
    except OSError as exc:
        raise RunError(
            f"Cannot start the model process ({command[0]}): {exc}.",
            "Reinstall the app.",
            "worker_died",
        ) from exc


def _wait_address(
    proc: subprocess.Popen[bytes], address_q: queue.Queue[str], timeout_s: float
) -> str | None:
    """The address the worker printed; None if it died or did not print one in time."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            line = address_q.get(timeout=0.05)
        except queue.Empty:
            if proc.poll() is not None or time.monotonic() > deadline:
                return None
            continue
        address: str = json.loads(line)["address"]
        return address


def kill(proc: subprocess.Popen[bytes], thread: threading.Thread | None) -> None:
    """Kill ``proc`` if it runs, reap it, and let its output reader finish."""
    if proc.poll() is None:
        proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(5)
    if thread is not None:
        thread.join(timeout=2)


def read_output(stream: IO[bytes], address_q: queue.Queue[str], tail: deque[str]) -> None:
    """Native output of the worker (llama.cpp asserts, crashes) into the log."""
    out_log = logging.getLogger("wizard_app.worker.output")
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", errors="replace").rstrip()
        if line.startswith(p.ADDRESS_PREFIX):
            address_q.put(line[len(p.ADDRESS_PREFIX) :])
            continue
        if line:
            tail.append(line)
            out_log.warning("%s", line)
    with contextlib.suppress(OSError):
        stream.close()
