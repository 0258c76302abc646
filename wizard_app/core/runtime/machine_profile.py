"""A few seconds of llama.cpp on generated models: this CPU's speed, for the predictions.

Memory bandwidth alone predicts a small model's speed badly: on two cores a 270M model
with a 262k vocabulary is held back by per-layer overhead and by its output layer, not by
reading 240 MB. So the app times the real engine, through the worker, on four generated
models (``synthetic``) that each isolate one term of a generated token's time:

* ``bandwidth`` and ``bandwidth-f16``: about 290 MB of Q8_0 and of f16 weights (beyond the
  CPU caches): weights and bytes per second, whichever binds (on two cores the dot
  products do: 12 G quantised weights/s but only 9.5 G f16 weights/s on the Xeon here);
* ``layers-4`` and ``layers-64``: tiny layers that live in the cache: the slope is the
  cost of one layer (graph nodes, thread synchronisation), the rest the fixed cost;
* ``vocab``: the tiny model with a 131,072-token vocabulary: logits and sampling per entry;
* prompt processing of 256 tokens on the bandwidth model: the matrix throughput.

The result is a ``ComputeProfile`` cached as JSON for this CPU, thread count and llama.cpp
build; ``fit`` uses it for the speed of CPU layers. The models are built once (about 10 s)
into the cache folder and reused.

A figure taken while other programs load the CPU is worse than none: llama.cpp's threads
wait on each other, and one such run once gave 0.66 GB/s on a CPU that reads 16, which
left a 23 GiB machine with a 135M model to recommend. So the timing has a budget
(``BUDGET_S``, about 15 times what it takes on an idle 2-core Xeon) and a floor
(``MIN_BANDWIDTH_GBS``); past either it raises a coded error and keeps nothing. It does
not start at all on a processor whose load average is above twice its cores plus one.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard_app.core.cancel import CancelToken, DeadlineToken
from wizard_app.core.errors import WizardError
from wizard_app.core.hardware.profile import ComputeProfile, HardwareProfile

if TYPE_CHECKING:  # the light part (attach, load_cached) is on every command's start
    from wizard_app.core.runtime import protocol as p
    from wizard_app.core.runtime.client import RuntimeClient
    from wizard_app.core.runtime.synthetic import ModelSpec

log = logging.getLogger(__name__)

PROFILE_FILE = "machine-profile.json"
MODELS_FOLDER = "profile-models"
_VERSION = 2  # bump when the models or the method change: older profiles are re-measured
BUDGET_S = 180.0
# below any memory system llama.cpp runs a model on (single-channel DDR3 reads 12.8 GB/s)
MIN_BANDWIDTH_GBS = 1.0


@cache
def specs() -> dict[str, ModelSpec]:
    """The generated models the measurement times, by what each one isolates."""
    from wizard_app.core.runtime.synthetic import ModelSpec

    tiny = ModelSpec(name="profile-tiny", embedding=64, heads=4, kv_heads=2, feed_forward=128)
    bandwidth = ModelSpec(
        name="profile-bandwidth",
        embedding=1024,
        heads=16,
        kv_heads=4,
        feed_forward=2816,
        layers=24,
        weights="q8_0",
        tile_random=True,
    )
    return {
        "bandwidth": bandwidth,
        "bandwidth-f16": bandwidth.with_(name="profile-bandwidth-f16", layers=12, weights="f16"),
        "layers-4": tiny.with_(name="profile-layers-4", layers=4),
        "layers-64": tiny.with_(name="profile-layers-64", layers=64),
        "vocab": tiny.with_(name="profile-vocab", layers=4, vocab_size=131072),
    }


GEN_TOKENS = 48
PROMPT_TOKENS = 256


def profile_path(cache: Path) -> Path:
    return cache / PROFILE_FILE


def load_cached(
    cache: Path, hw: HardwareProfile, threads: int | None = None
) -> ComputeProfile | None:
    """The saved profile if it was measured on this CPU (model and thread count), else None."""
    try:
        data = json.loads(profile_path(cache).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return None
    try:
        prof = ComputeProfile.model_validate(data["profile"])
    except (KeyError, ValueError):
        return None
    wanted = threads or hw.cpu.physical_cores
    if prof.cpu_model != hw.cpu.model or (wanted and prof.threads != wanted):
        return None
    return prof


def attach(hw: HardwareProfile, cache: Path) -> HardwareProfile:
    """``hw`` with this machine's measured profile; a planned machine gets none of it."""
    if hw.planned or hw.overridden or hw.compute is not None:
        return hw
    prof = load_cached(cache, hw)
    return hw.model_copy(update={"compute": prof}) if prof else hw


def _models(folder: Path) -> dict[str, Path]:
    from wizard_app.core.runtime.synthetic import build_gguf

    paths = {}
    for key, spec in specs().items():
        path = folder / f"{spec.name}.gguf"
        if not path.is_file():
            tmp = path.with_suffix(".tmp")
            build_gguf(tmp, spec)
            tmp.replace(path)
        paths[key] = path
    return paths


def _done(events: Iterable[object], limit: DeadlineToken, user: CancelToken | None) -> Any:
    """The ``Done`` event's metrics; the reason it stopped when the run was cut short."""
    from wizard_app.core.runtime import protocol as p

    done = [e for e in events if isinstance(e, p.Done)]
    _check(limit, user)
    if done:
        return done[-1].metrics
    raise WizardError("llama.cpp gave no timing for a test model.", "Measure the speed again.")


def _check_idle(hw: HardwareProfile) -> None:
    """Refuse to time a processor that is heavily loaded already (a load average above
    twice its logical cores plus one: llama.cpp's threads would wait on the others'). A
    lighter load is left to the budget and the floor: the test suite itself, running
    models on a 2-core machine, keeps the load near 2."""
    cores = hw.cpu.logical_cores or os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows has no load average
        return
    if load > 2 * cores + 1:
        raise WizardError.from_code("runtime.profile_busy", load=round(load, 1), cores=cores)


def _check(limit: DeadlineToken, user: CancelToken | None) -> None:
    """Stop the timing when the user cancelled it or its budget ran out."""
    if user is not None and user.is_set():
        raise InterruptedError("measurement cancelled")
    if limit.is_set():
        raise WizardError.from_code("runtime.profile_slow", seconds=round(BUDGET_S))


def _seconds_per_token(
    client: RuntimeClient, path: Path, threads: int, limit: DeadlineToken, user: CancelToken | None
) -> tuple[float, p.RunMetrics]:
    """The best of three 48-token generations after a warm-up (the least disturbed run)."""
    from wizard_app.core.runtime import protocol as p

    list(client.load(p.Load(path=str(path), n_ctx=512, n_threads=threads), limit))
    _check(limit, user)
    best: p.RunMetrics | None = None
    for max_tokens in (8, GEN_TOKENS, GEN_TOKENS, GEN_TOKENS):
        req = p.Generate(prompt="Once upon a time", max_tokens=max_tokens, ignore_eos=True,
                         seed=1, reuse_cache=False)  # fmt: skip
        m = _done(client.generate(req, limit), limit, user)
        if (
            max_tokens == GEN_TOKENS
            and m.gen_tok_per_s
            and (best is None or m.gen_tok_per_s > (best.gen_tok_per_s or 0))
        ):
            best = m
    assert best is not None
    assert best.gen_tok_per_s
    return 1 / best.gen_tok_per_s, best


def _prompt_tokens_per_s(
    client: RuntimeClient, path: Path, threads: int, limit: DeadlineToken, user: CancelToken | None
) -> float:
    """Prompt evaluation speed of the bandwidth model on ~260 tokens."""
    from wizard_app.core.runtime import protocol as p

    prompt = " ".join(["once upon a time there was a model"] * 8)  # ~260 tokens
    req = p.Generate(prompt=prompt, max_tokens=1, seed=1, reuse_cache=False)
    list(client.load(p.Load(path=str(path), n_ctx=1024, n_threads=threads), limit))
    _check(limit, user)
    pp = _done(client.generate(req, limit), limit, user)
    client.unload()
    return float(pp.prompt_tok_per_s or 0.0)


def _fit(
    times: dict[str, float], paths: dict[str, Path], prompt_tok_per_s: float
) -> dict[str, float]:
    """The profile's constants from the timings: per layer, per vocabulary entry, fixed
    per token, then bandwidth and dot-product rates with those costs taken off."""
    from wizard_app.core.gguf.reader import read_header

    tiny4, tiny64 = times["layers-4"], times["layers-64"]
    per_layer = max(0.0, (tiny64 - tiny4) / 60)
    fixed = max(0.0, tiny4 - 4 * per_layer)

    def rates(key: str) -> tuple[float, float]:
        """(bytes/s, weights/s) of a bandwidth model, its per-token fixed costs taken off."""
        header = read_header(paths[key])
        spent = times[key] - fixed - specs()[key].layers * per_layer
        read = sum(header.layer_bytes) + header.output_bytes
        bytes_per_weight = 34 / 32 if specs()[key].weights == "q8_0" else 2.0
        return read / max(spent, 1e-6), read / bytes_per_weight / max(spent, 1e-6)

    q_bytes, q_weights = rates("bandwidth")
    f_bytes, f_weights = rates("bandwidth-f16")
    tiny = specs()["layers-4"]
    vocab_extra = specs()["vocab"].vocab_size - tiny.vocab_size
    # the vocab model also multiplies its bigger f16 output matrix: V x E weights
    extra = vocab_extra * tiny.embedding / f_weights
    params = sum(read_header(paths["bandwidth"]).layer_bytes) * 32 / 34  # Q8_0 blocks
    return {
        "bandwidth_gbs": round(max(q_bytes, f_bytes) / 1e9, 2),  # memory gives at least that
        "weights_per_s": q_weights,
        "weights_per_s_f16": f_weights,
        "seconds_per_layer": per_layer,
        "seconds_per_vocab": max(0.0, (times["vocab"] - tiny4 - extra) / vocab_extra),
        "seconds_per_token": fixed,
        "matmul_gflops": round(2 * params * prompt_tok_per_s / 1e9, 1),
    }


def _save(cache: Path, prof: ComputeProfile) -> None:
    path = profile_path(cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        json.dumps({"version": _VERSION, "profile": prof.model_dump()}, indent=2), encoding="utf-8"
    )
    tmp.replace(path)


def measure(
    client: RuntimeClient,
    cache: Path,
    hw: HardwareProfile,
    threads: int | None = None,
    progress: Callable[[str], None] = lambda _s: None,
    token: CancelToken | None = None,
) -> ComputeProfile:
    """Time the four models (module docstring), save and return the profile.

    Raises ``WizardError`` (and keeps nothing) when the timing runs past ``BUDGET_S`` or
    gives a figure below ``MIN_BANDWIDTH_GBS``: the machine was too busy for it.
    """
    t0 = time.perf_counter()
    n = threads or hw.cpu.physical_cores or 1
    _check_idle(hw)
    progress("preparing the test models")
    paths = _models(cache / MODELS_FOLDER)
    hello = client.start()
    limit = DeadlineToken(BUDGET_S, token)
    times: dict[str, float] = {}
    for key, path in paths.items():
        if token is not None and token.is_set():
            raise InterruptedError("measurement cancelled")
        progress(f"timing {key}")
        times[key], _ = _seconds_per_token(client, path, n, limit, token)
    prompt_rate = _prompt_tokens_per_s(client, paths["bandwidth"], n, limit, token)
    figures = _fit(times, paths, prompt_rate)
    if figures["bandwidth_gbs"] < MIN_BANDWIDTH_GBS:
        raise WizardError.from_code("runtime.profile_implausible", gbs=figures["bandwidth_gbs"])
    prof = ComputeProfile(
        threads=n,
        **figures,
        cpu_model=hw.cpu.model,
        llama_cpp_version=hello.llama_cpp_version,
        system_info=hello.system_info,
        measured_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        took_s=round(time.perf_counter() - t0, 1),
    )
    _save(cache, prof)
    log.info("machine profile: %s", prof)
    return prof
