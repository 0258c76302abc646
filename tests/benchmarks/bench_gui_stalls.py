"""Event-loop stalls while the app works (target: every gap < 50 ms).

Run on demand: QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_gui_stalls.py [--why]

A heartbeat timer ticks every 5 ms in the GUI thread; a stall is the longest time between
two ticks, less the interval. Measured through the real wizard pages while they
(1) probe the hardware and rank the catalog (several runs), (2) download a 300 MB file from
the local Hub look-alike at full speed, with its sha256 checked, and (3) stream a 2,000-token
answer from a generated GGUF in the real worker process.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWizard

TARGET_MS = 50.0
INTERVAL_MS = 5


class Watchdog:
    """With ``--why``: prints the GUI thread's stack whenever a tick is 40 ms late."""

    def __init__(self, beat: Heartbeat) -> None:
        import threading

        self.beat, self.stop = beat, threading.Event()
        self.main = threading.main_thread().ident
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        import traceback

        reported = 0.0
        while not self.stop.wait(0.01):
            last = self.beat.ticks[-1] if self.beat.ticks else time.perf_counter()
            if time.perf_counter() - last > 0.04 and last != reported:
                reported = last
                frame = sys._current_frames().get(self.main)
                stack = "".join(traceback.format_stack(frame, limit=12)) if frame else ""
                print(
                    f"--- GUI thread late by {(time.perf_counter() - last) * 1000:.0f} ms:\n"
                    f"{stack}",
                    flush=True,
                )


class Heartbeat:
    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self._tick)
        self.ticks: list[float] = []
        self.cpu: list[float] = []  # the GUI thread's own CPU time at each tick

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())
        self.cpu.append(time.thread_time())

    def __enter__(self) -> Heartbeat:
        self.ticks, self.cpu = [time.perf_counter()], [time.thread_time()]
        self.timer.start()
        self.watchdog = Watchdog(self) if "--why" in sys.argv else None
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.stop()
        if self.watchdog is not None:
            self.watchdog.stop.set()
        self._tick()

    def report(self, what: str) -> bool:
        pairs = list(zip(self.ticks, self.ticks[1:], strict=False))
        gaps = sorted((b - a) * 1000 - INTERVAL_MS for a, b in pairs)
        worst = max(gaps)
        i = max(range(len(pairs)), key=lambda k: pairs[k][1] - pairs[k][0])
        busy = (self.cpu[i + 1] - self.cpu[i]) * 1000
        p99 = gaps[int(len(gaps) * 0.99)]
        seconds = self.ticks[-1] - self.ticks[0]
        print(
            f"{what}: longest stall {worst:.1f} ms (the GUI thread's own work in it: "
            f"{busy:.1f} ms), p99 {p99:.1f} ms, median {statistics.median(gaps):.1f} ms "
            f"over {seconds:.1f} s  (target < {TARGET_MS:g} ms)"
        )
        return worst < TARGET_MS


def wait(cond: Callable[[], bool], timeout: float = 120.0) -> None:
    """Run the event loop (no processEvents busy loop) until ``cond`` holds."""
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(10)
    deadline = time.monotonic() + timeout

    def poll() -> None:
        if cond() or time.monotonic() > deadline:
            loop.quit()

    check.timeout.connect(poll)
    check.start()
    loop.exec()
    check.stop()
    if not cond():
        raise TimeoutError("the app did not get there in time")


def main() -> int:
    import wizard_app.core.hardware.probe as probe
    from tests.gguf_models import TINY_CHAT, build_gguf
    from tests.gui.conftest import laptop
    from tests.hub_server import Hub
    from wizard_app.core.paths import AppPaths
    from wizard_app.core.settings import AppSettings
    from wizard_app.ui.services import Services
    from wizard_app.ui.wizard.wizard import ModelWizard

    _app = QApplication.instance() or QApplication([])  # kept alive for the run
    load = os.getloadavg()[0]
    print(
        f"load average {load:.1f} on {os.cpu_count()} cores (other work on the machine "
        "delays the GUI thread too)"
    )
    tmp = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    machine = laptop()
    probe.detect = lambda *_a, **_k: machine.model_copy(deep=True)  # type: ignore[assignment]
    hub = Hub(tmp / "hub")
    paths = AppPaths.under(tmp / "app").ensure()
    services = Services(paths, QThreadPool(), AppSettings(hub_endpoint=hub.url))
    services.start()  # as the app starts: catalog, database and warm imports in the pool
    wait(lambda: services.is_ready)
    wizard = ModelWizard(services)
    wizard.resize(1200, 800)
    wizard.show()
    nxt = wizard.button(QWizard.WizardButton.NextButton)
    back = wizard.button(QWizard.WizardButton.BackButton)
    ok = True

    # 1. hardware probe and recommendations, five times with other answers
    with Heartbeat() as beat:
        nxt.click()
        wizard.currentPage().select_use_case("coding")  # type: ignore[attr-defined]
        nxt.click()
        wait(wizard.currentPage().isComplete)
        nxt.click()
        for budget in (0, 500, 1000, 2000, 3000):
            wizard.currentPage().money.setValue(budget)  # type: ignore[attr-defined]
            nxt.click()
            rec = wizard.currentPage()
            wait(lambda: not rec.busy)  # type: ignore[attr-defined]  # noqa: B023
            if budget != 3000:
                back.click()
    # The target is for downloads and generation (issue 6); this phase includes five page
    # changes driven by clicks on the GUI thread, so it is reported, not judged.
    beat.report("recommendation (probe + 5 rankings and page changes; informational)")

    # 2. a 300 MB download at full speed
    choice = wizard.state.choice
    assert choice is not None
    big = tmp / "big.bin"
    with big.open("wb") as f:
        for _ in range(300):
            f.write(os.urandom(1 << 20))
    served = hub.add_file(choice.repo, choice.files[0], big)
    choice.artifact = choice.artifact.model_copy(
        update={"sha256": served.sha256, "revision": None, "size_bytes": served.size}
    )
    choice.size_bytes = served.size
    with Heartbeat() as beat:
        started = time.perf_counter()
        nxt.click()
        wait(wizard.currentPage().isComplete, 300)
        took = time.perf_counter() - started
    ok &= beat.report(f"download (300 MB at {300 / took:.0f} MB/s, verified)")

    # 3. streaming a long answer from the worker process
    model = build_gguf(tmp / "tiny-chat.gguf", TINY_CHAT)
    wizard.state.model_path = model
    nxt.click()
    panel = wizard.currentPage().panel  # type: ignore[attr-defined]
    panel.max_tokens.setValue(2000)
    panel.ignore_eos = True
    with Heartbeat() as beat:
        panel.run.click()
        wait(lambda: panel.last_result is not None and not panel.running, 300)
    m = panel.last_result.metrics
    ok &= beat.report(
        f"generation ({m.gen_tokens} tokens at {m.gen_tok_per_s:.0f} tokens/s, "
        "worker start and load included)"
    )
    wizard.close()
    services.shutdown()
    hub.close()
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
