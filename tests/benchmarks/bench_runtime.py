"""Benchmarks of the inference worker, run on demand; prints its figures.

    python tests/benchmarks/bench_runtime.py [--only speed,cancel,memory,realmemory,
        prediction,residual] [--dir DIR]

* speed: generation tokens/s through the worker against a bare llama-cpp-python loop on
  the same 0.5-1 GB generated model and thread count (memory-bound like a real model);
  target >= 95 %.
* ttft: time to first token seen by the app minus the bare loop's; target <= 30 ms.
* cancel: time from CancelToken.cancel() to the Done event, during generation and during a
  long prompt evaluation; target < 200 ms.
* memory: the fit estimate from the GGUF header against the worker's measured peak
  resident memory, with llama.cpp's own buffer sizes per term, for generated models from
  100 MB to 2 GB; target within 10 %.
* realmemory: the same on the real models (tests/real_models.py) at 2k, 8k and 32k tokens
  (each up to the model's trained context); target within 10 %.
* prediction: predicted generation speed (fit estimate with the machine profile measured
  first, as the hardware page does) against the first measured run, and the prediction
  corrected by that run against the next runs, on generated and real models; targets
  within 30 % and within 10 %.
* residual (not run by default): peak memory beyond llama.cpp's reported buffers against
  context, with and without flash attention: the evidence for the compute-buffer note.

Models are generated once into --dir (default: the system temp folder) and reused.
Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import io
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.gguf_models import build_model_of_size, spec_for_size  # noqa: E402
from wizard_app.core.cancel import CancelToken  # noqa: E402
from wizard_app.core.fit import estimate  # noqa: E402
from wizard_app.core.gguf.header import shape_of  # noqa: E402
from wizard_app.core.gguf.reader import read_header  # noqa: E402
from wizard_app.core.hardware.profile import HardwareProfile  # noqa: E402
from wizard_app.core.runtime import protocol as p  # noqa: E402
from wizard_app.core.runtime.client import RuntimeClient  # noqa: E402

MiB = 1024**2
PROMPT = "Once upon a time, in a land far away, there lived a model that wrote stories. "
SAMPLING = {"temperature": 0.8, "top_k": 40, "top_p": 0.95, "min_p": 0.05, "repeat_penalty": 1.1}
CTX = 4096


def model(dir_: Path, size_mb: int) -> Path:
    path = dir_ / f"bench-{size_mb}mb.gguf"
    if not path.exists():
        t0 = time.perf_counter()
        build_model_of_size(path, size_mb * 1_000_000)
        print(f"  built {path.name}: {path.stat().st_size / MiB:,.0f} MiB in "
              f"{time.perf_counter() - t0:.1f} s", flush=True)  # fmt: skip
    return path


def physical_cores() -> int:
    import psutil

    return psutil.cpu_count(logical=False) or 1


# --- the bare loop ----------------------------------------------------------------------
_quiet_log = None


def bare_llama(path: Path, threads: int):  # type: ignore[no-untyped-def]
    import llama_cpp

    global _quiet_log
    if _quiet_log is None:  # llama.cpp's log would drown the figures
        _quiet_log = llama_cpp.llama_log_callback(lambda *_: None)
        llama_cpp.llama_log_set(_quiet_log, ctypes.c_void_p(0))
    with contextlib.redirect_stderr(io.StringIO()):  # its prints of metadata and system info
        return llama_cpp.Llama(
            model_path=str(path), n_ctx=CTX, n_threads=threads, n_threads_batch=threads,
            n_batch=512, n_ubatch=512, verbose=True,
        )  # fmt: skip


def bare_run(llm, prompt: str, n: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(ttft s, generation tok/s) of llama-cpp-python's own token loop."""
    t0 = time.perf_counter()
    tokens = llm.tokenize(prompt.encode(), add_bos=True, special=False)
    llm.reset()
    got = 0
    t_first = t_last = 0.0
    gen = llm.generate(
        tokens, temp=SAMPLING["temperature"], top_k=SAMPLING["top_k"], top_p=SAMPLING["top_p"],
        min_p=SAMPLING["min_p"], repeat_penalty=SAMPLING["repeat_penalty"],
    )  # fmt: skip
    for _tok in gen:
        now = time.perf_counter()
        got += 1
        if got == 1:
            t_first = now
        t_last = now
        if got >= n:
            break
    gen.close()
    return t_first - t0, (got - 1) / (t_last - t_first)


def worker_run(client: RuntimeClient, prompt: str, n: int) -> p.RunMetrics:
    req = p.Generate(prompt=prompt, max_tokens=n, ignore_eos=True, reuse_cache=False, **SAMPLING)  # type: ignore[arg-type]
    done = [e for e in client.generate(req) if isinstance(e, p.Done)][-1]
    return done.metrics


# --- sections ---------------------------------------------------------------------------
def bench_speed_and_ttft(path: Path, threads: int, rounds: int, n: int) -> dict[str, float]:
    print(f"\n== generation speed and time to first token: {path.name}, {threads} threads, "
          f"{n} tokens, {rounds} rounds (bare and worker alternate) ==")  # fmt: skip
    bare_tps, bare_ttft, w_tps, w_ttft = [], [], [], []
    with RuntimeClient() as client:
        list(client.load(p.Load(path=str(path), n_ctx=CTX, n_threads=threads)))
        llm = bare_llama(path, threads)
        bare_run(llm, PROMPT, 8)  # warm the page cache and the code paths
        worker_run(client, PROMPT, 8)
        for r in range(rounds):
            ttft, tps = bare_run(llm, PROMPT, n)
            bare_ttft.append(ttft)
            bare_tps.append(tps)
            m = worker_run(client, PROMPT, n)
            assert m.gen_tok_per_s is not None
            w_ttft.append(m.ttft_s)
            w_tps.append(m.gen_tok_per_s)
            print(f"  round {r + 1}: bare {tps:6.2f} tok/s ttft {ttft * 1000:6.1f} ms | "
                  f"worker {m.gen_tok_per_s:6.2f} tok/s ttft {m.ttft_s * 1000:6.1f} ms "
                  f"(in worker {m.ttft_worker_s * 1000:.1f} ms, prompt {m.prompt_tokens} "
                  "tokens)", flush=True)  # fmt: skip
        llm.close()
    ratio = statistics.median(w_tps) / statistics.median(bare_tps)
    overhead_ms = (statistics.median(w_ttft) - statistics.median(bare_ttft)) * 1000
    print(
        f"  median: bare {statistics.median(bare_tps):.2f} tok/s, worker "
        f"{statistics.median(w_tps):.2f} tok/s -> {ratio:.1%} of bare (target >= 95%)"
    )
    print(f"  median time to first token: bare {statistics.median(bare_ttft) * 1000:.1f} ms, "
          f"worker {statistics.median(w_ttft) * 1000:.1f} ms -> overhead {overhead_ms:+.1f} ms "
          "(target <= 30 ms)")  # fmt: skip
    return {"speed_ratio": ratio, "ttft_overhead_ms": overhead_ms}


def _timed_cancel(
    client: RuntimeClient, req: p.Generate, trigger: Callable[[p.Token | None, float], bool]
) -> tuple[float, p.RunMetrics]:
    token = CancelToken()
    t_cancel: list[float] = []

    def fire() -> None:
        t_cancel.append(time.perf_counter())
        token.cancel()

    t0 = time.perf_counter()
    timer: threading.Timer | None = None
    if trigger(None, 0.0):  # a time-based trigger arms a timer
        timer = threading.Timer(trigger.delay, fire)  # type: ignore[attr-defined]
        timer.start()
    done = None
    for event in client.generate(req, token):
        if isinstance(event, p.Token) and not t_cancel and trigger(event, time.perf_counter() - t0):
            fire()
        if isinstance(event, p.Done):
            done = event
    t_done = time.perf_counter()
    if timer is not None:
        timer.cancel()
    assert done is not None, "no Done event"
    assert t_cancel, "nothing was cancelled"
    return t_done - t_cancel[0], done.metrics


def bench_cancel(path: Path, threads: int, trials: int) -> dict[str, float]:
    print(f"\n== cancel latency: {path.name}, CancelToken.cancel() -> Done received ==")
    during_gen, during_prompt = [], []
    with RuntimeClient() as client:
        list(client.load(p.Load(path=str(path), n_ctx=CTX, n_threads=threads)))
        for i in range(trials):

            def after_tokens(ev: p.Token | None, _t: float, k: int = 5 + 3 * i) -> bool:
                return ev is not None and ev.index + 1 >= k

            req = p.Generate(prompt=PROMPT, max_tokens=2000, ignore_eos=True, reuse_cache=False)
            lat, m = _timed_cancel(client, req, after_tokens)
            assert m.stop_reason == "cancelled"
            during_gen.append(lat)
        long_prompt = PROMPT * 50  # ~3,700 tokens: several seconds of evaluation
        for i in range(trials):

            def timed(ev: p.Token | None, _t: float) -> bool:
                return ev is None

            timed.delay = 0.4 + 0.17 * i  # type: ignore[attr-defined]
            req = p.Generate(prompt=long_prompt, max_tokens=4, reuse_cache=False)
            lat, m = _timed_cancel(client, req, timed)
            assert m.stop_reason == "cancelled", m
            assert m.gen_tokens == 0, m
            during_prompt.append(lat)
        # and the model is still usable
        m = worker_run(client, PROMPT, 4)
        assert m.stop_reason == "length"
    for name, xs in (("during generation", during_gen), ("during prompt eval", during_prompt)):
        print(f"  {name}: median {statistics.median(xs) * 1000:.1f} ms, "
              f"max {max(xs) * 1000:.1f} ms over {len(xs)} (target < 200 ms)")  # fmt: skip
    return {"cancel_gen_max_ms": max(during_gen) * 1000,
            "cancel_prompt_max_ms": max(during_prompt) * 1000}  # fmt: skip


def bench_memory(dir_: Path, sizes_mb: list[int], threads: int) -> dict[str, float]:
    print(f"\n== peak memory: fit estimate (from the GGUF header) vs measured, ctx {CTX} ==")
    hw = HardwareProfile(ram_total_bytes=64 * 1024**3, ram_available_bytes=60 * 1024**3)
    worst = 0.0
    # The estimate is for a full context: the attention scores (the largest compute tensor)
    # grow with the cells in use, so fill ~95% of it to reach the peak it predicts.
    long_prompt = PROMPT * 51  # ~3,800 tokens of the 4,096
    head = (f"  {'model':>14} | {'weights est/llama':>17} | {'KV est/llama':>13} | "
            f"{'compute est/llama':>17} | {'overhead est/rest':>17} | "
            f"{'total est':>9} {'measured':>9} {'error':>7}")  # fmt: skip
    print(head)
    for size in sizes_mb:
        path = model(dir_, size)
        header = read_header(path)
        e = estimate(shape_of(header), hw, CTX, with_curve=False)
        with RuntimeClient() as client:  # a fresh process per model: a clean peak
            info = [ev for ev in client.load(p.Load(path=str(path), n_ctx=CTX, n_threads=threads))
                    if isinstance(ev, p.Loaded)][-1].info  # fmt: skip
            m = worker_run(client, long_prompt, 16)
        mem = info.memory
        buffers = mem.weights_bytes + mem.kv_bytes + mem.compute_bytes + mem.output_bytes
        measured_overhead = m.peak_rss_bytes - buffers
        err = (e.total_bytes - m.peak_rss_bytes) / m.peak_rss_bytes
        worst = max(worst, abs(err))
        print(f"  {path.name:>14} | {e.weights_bytes / MiB:7.0f}/{mem.weights_bytes / MiB:<9.0f} | "
              f"{e.kv_bytes / MiB:5.0f}/{mem.kv_bytes / MiB:<7.0f} | "
              f"{e.compute_bytes / MiB:7.0f}/{mem.compute_bytes / MiB:<9.0f} | "
              f"{e.overhead_bytes / MiB:7.0f}/{measured_overhead / MiB:<9.0f} | "
              f"{e.total_bytes / MiB:7.0f}M {m.peak_rss_bytes / MiB:7.0f}M {err:+7.1%}",
              flush=True)  # fmt: skip
        spec = spec_for_size(size * 1_000_000)
        print(f"  {'':>14}   worker before load {mem.rss_before_load_bytes / MiB:.0f} MiB; "
              f"prompt {m.prompt_tokens} tokens; E={spec.embedding}, {spec.layers} layers, "
              f"{spec.heads}/{spec.kv_heads} heads, vocab {spec.vocab_size}")  # fmt: skip
        gc.collect()
    print(f"  worst error {worst:.1%} (target within 10%)")
    print("  'rest' = measured peak minus llama.cpp's reported buffers: the process itself and,")
    print("  without flash attention, ggml's CPU work buffer (an f16 copy of the attention")
    print("  scores) that the 'compute buffer size' line leaves out; see --only residual.")
    return {"memory_worst_error": worst}


def _real_models() -> list[Path]:
    from tests.real_models import GEMMA3_270M, SMOLLM2, fetch

    return [fetch(SMOLLM2), fetch(GEMMA3_270M)]


def bench_real_memory(threads: int, contexts: list[int]) -> dict[str, float]:
    """The real models (tests/real_models.py) with ~95% of each context filled."""
    print("\n== peak memory on the real models: estimate vs measured, context ~95% full ==")
    hw = HardwareProfile(ram_total_bytes=64 * 1024**3, ram_available_bytes=60 * 1024**3)
    worst = 0.0
    for path in _real_models():
        header = read_header(path)
        for ctx in contexts:
            if ctx > header.context_length:
                continue
            e = estimate(shape_of(header), hw, ctx, with_curve=False)
            with RuntimeClient() as client:
                load = p.Load(path=str(path), n_ctx=ctx, n_threads=threads)
                info = [ev for ev in client.load(load) if isinstance(ev, p.Loaded)][-1].info
                # fill the context: the tokenizer decides how many repeats that takes
                probe = worker_run(client, PROMPT * 4, 1)
                reps = max(1, int(ctx * 0.95 / (probe.prompt_tokens / 4)) - 1)
                m = worker_run(client, PROMPT * reps, 4)
            err = (e.total_bytes - m.peak_rss_bytes) / m.peak_rss_bytes
            worst = max(worst, abs(err))
            mem = info.memory
            print(f"  {path.name:>34} ctx {ctx:6}: estimate {e.total_bytes / MiB:6.0f} MiB "
                  f"(KV {e.kv_bytes / MiB:.0f}, llama.cpp {mem.kv_bytes / MiB:.0f}), measured "
                  f"{m.peak_rss_bytes / MiB:6.0f} MiB, prompt {m.prompt_tokens} tokens: "
                  f"{err:+.1%}", flush=True)  # fmt: skip
    print(f"  worst error {worst:.1%} (target within 10%)")
    return {"real_memory_worst_error": worst}


def bench_prediction(dir_: Path, threads: int, rounds: int) -> dict[str, float]:
    """Predicted against measured generation speed, before any run and after one.

    The first prediction uses only the machine profile (measured now, as the hardware page
    does); "after one run" scales it with the calibration of that first run, as the app
    does for the next run of the same model (runtime.calibration).
    """
    from wizard_app.core.hardware.probe import detect
    from wizard_app.core.runtime.calibration import Measurement, corrected
    from wizard_app.core.runtime.machine_profile import measure
    from wizard_app.core.runtime.synthetic import build_gguf, spec_for_size

    print(f"\n== speed prediction against measurement, {threads} threads ==")
    hw = detect(dir_)
    with RuntimeClient() as client:
        prof = measure(client, dir_ / "profile", hw, threads=threads)
    print(f"  machine profile ({prof.took_s:.0f} s): {prof.bandwidth_gbs} GB/s, "
          f"{prof.seconds_per_layer * 1e6:.0f} us/layer, "
          f"{prof.seconds_per_vocab * 1e12:.0f} us per million vocabulary entries, "
          f"{prof.seconds_per_token * 1e3:.2f} ms/token, {prof.matmul_gflops} GFLOP/s")  # fmt: skip
    hw = hw.model_copy(update={"compute": prof})
    models = [model(dir_, 100), model(dir_, 500)]
    for weights, mb in (("q8_0", 300),):
        path = dir_ / f"bench-{weights}-{mb}mb.gguf"
        if not path.exists():
            build_gguf(path, spec_for_size(mb * 1_000_000, weights=weights))
        models.append(path)
    models += _real_models()
    first_err, after_err = [], []
    for path in models:
        e = estimate(shape_of(read_header(path)), hw, 2048, with_curve=False)
        assert e.tokens_per_s
        with RuntimeClient() as client:
            list(client.load(p.Load(path=str(path), n_ctx=2048, n_threads=threads)))
            worker_run(client, PROMPT, 8)  # warm the page cache and the code paths
            runs = [worker_run(client, PROMPT, 64).gen_tok_per_s or 0 for _ in range(rounds)]
        first, second = runs[0], statistics.median(runs[1:])
        seen = Measurement(path.name, e.weights_bytes, 2048, 0, e.cpu_bytes, e.cpu_bytes,
                           e.tokens_per_s, first)  # fmt: skip
        after = corrected(e, [seen]).tokens_per_s or 0
        first_err.append(e.tokens_per_s / first - 1)
        after_err.append(after / second - 1)
        print(f"  {path.name:>34}: predicted {e.tokens_per_s:7.1f} tok/s, first run "
              f"{first:7.1f} ({first_err[-1]:+.0%}); after it predicted {after:7.1f}, "
              f"measured {second:7.1f} ({after_err[-1]:+.0%})", flush=True)  # fmt: skip
    worst_first = max(abs(x) for x in first_err)
    worst_after = max(abs(x) for x in after_err)
    print(f"  worst first prediction {worst_first:.0%} (target 30%), after one run "
          f"{worst_after:.0%} (target 10%)")  # fmt: skip
    return {"prediction_first_worst": worst_first, "prediction_after_run_worst": worst_after}


def bench_residual(path: Path, threads: int) -> dict[str, float]:
    """Peak memory beyond llama.cpp's buffers against context, flash attention off and on."""
    print(f"\n== what llama.cpp's buffer figures leave out: {path.name} ==")
    header = read_header(path)
    heads = header.head_count
    for ctx in (2048, 4096, 8192):
        reps = int(ctx * 0.93 / 74)  # the prompt fills ~93% of the context
        row = []
        for fa in (False, True):
            with RuntimeClient() as client:
                load = p.Load(path=str(path), n_ctx=ctx, flash_attn=fa, n_threads=threads)
                info = [e for e in client.load(load) if isinstance(e, p.Loaded)][-1].info
                req = p.Generate(prompt=PROMPT * reps, max_tokens=4, ignore_eos=True)
                m = [e for e in client.generate(req) if isinstance(e, p.Done)][-1].metrics
            mem = info.memory
            buffers = mem.weights_bytes + mem.kv_bytes + mem.compute_bytes + mem.output_bytes
            row.append((m.peak_rss_bytes - buffers) / MiB)
        kq_f16 = 512 * ctx * heads * 2 / MiB
        print(f"  ctx {ctx:5}: rest {row[0]:6.1f} MiB without flash attention, {row[1]:6.1f} MiB "
              f"with; difference {row[0] - row[1]:6.1f} MiB; ubatch x ctx x heads x 2 bytes "
              f"= {kq_f16:.0f} MiB")  # fmt: skip
    return {}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "omw-bench-models")
    ap.add_argument("--only", default="speed,cancel,memory,realmemory,prediction")
    ap.add_argument("--real-contexts", default="2048,8192,32768")
    ap.add_argument("--threads", type=int, default=physical_cores())
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--speed-model-mb", type=int, default=700)
    ap.add_argument("--sizes-mb", default="100,250,500,1000,2000")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    only = set(args.only.split(","))
    figures: dict[str, float] = {}
    if only & {"speed", "ttft", "cancel"}:
        speed_model = model(args.dir, args.speed_model_mb)
    if only & {"speed", "ttft"}:
        figures |= bench_speed_and_ttft(speed_model, args.threads, args.rounds, args.tokens)
    if "cancel" in only:
        figures |= bench_cancel(speed_model, args.threads, trials=6)
    if "memory" in only:
        sizes = [int(s) for s in args.sizes_mb.split(",")]
        figures |= bench_memory(args.dir, sizes, args.threads)
    if "realmemory" in only:
        contexts = [int(c) for c in args.real_contexts.split(",")]
        figures |= bench_real_memory(args.threads, contexts)
    if "prediction" in only:
        figures |= bench_prediction(args.dir, args.threads, rounds=4)
    if "residual" in only:
        figures |= bench_residual(model(args.dir, 1000), args.threads)
    checks = {
        "speed_ratio": lambda v: v >= 0.95,
        "ttft_overhead_ms": lambda v: v <= 30,
        "cancel_gen_max_ms": lambda v: v < 200,
        "cancel_prompt_max_ms": lambda v: v < 200,
        "memory_worst_error": lambda v: v <= 0.10,
        "real_memory_worst_error": lambda v: v <= 0.10,
        "prediction_first_worst": lambda v: v <= 0.30,
        "prediction_after_run_worst": lambda v: v <= 0.10,
    }
    print("\n== summary ==")
    ok = True
    for key, value in figures.items():
        passed = checks[key](value)
        ok &= passed
        print(f"  {key:>22}: {value:10.3f}  {'ok' if passed else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
