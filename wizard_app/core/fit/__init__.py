"""Will this model run here? Memory and speed estimate for (model, quant, context, hardware).

The estimate follows how llama.cpp allocates:

* weights: the GGUF tensors (the file size), split per layer between GPU and CPU;
* KV cache: per layer, context x KV heads x (key + value head dimension) x bytes of the
  cache type; sliding-window layers keep only the window plus one batch of cells;
* compute buffer: the peak of llama.cpp's graph for one micro-batch (the attention scores
  without flash attention, or the logits), plus the feed-forward activations;
* fixed overhead: the runtime itself, and a device context on a GPU.

Layers are placed on the GPU from the top while they fit under a safety margin (llama.cpp's
own ``--fit`` keeps 1 GiB free per device), the rest stay in system RAM.

Generation speed is memory-bound: every token reads the active weights and the KV cache
once, so tokens/s ~ efficiency x bandwidth / bytes read per token; prompts are bound by
the matrix throughput.

The package: ``shape`` (what is known about a model), ``memory`` (the memory terms),
``speed`` (generation and prompt speed), ``placement`` (layers on one or several GPUs or
the CPU: ``place``) and ``estimate`` (the ``FitEstimate`` a person reads).
"""

from __future__ import annotations

from wizard_app.core.fit.estimate import (
    CONTEXT_STEPS,
    VERDICT_TEXT,
    ContextPoint,
    FitEstimate,
    estimate,
    largest_fitting_context,
    speed_assumption,
)
from wizard_app.core.fit.memory import (
    CACHE_TYPE_BYTES,
    CPU_OVERHEAD_BYTES,
    DEFAULT_UBATCH,
    GPU_CONTEXT_BYTES,
    GPU_MARGIN_BYTES,
    GPU_MARGIN_SHARE,
    RAM_MARGIN_BYTES,
    MiB,
    compute_buffer_bytes,
    gpu_margin_bytes,
    kv_cache_bytes,
    process_overhead_bytes,
    repacked_on,
)
from wizard_app.core.fit.placement import Placement, Verdict, place
from wizard_app.core.fit.shape import SWA_PERIOD, ModelShape, shape_from_variant, with_weights
from wizard_app.core.fit.speed import (
    CPU_EFFICIENCY,
    GPU_ALU_OPS_PER_WEIGHT,
    GPU_EFFICIENCY,
    GPU_EFFICIENCY_F16,
    GPU_SECONDS_PER_MOE_LAYER,
    GPU_SECONDS_PER_TOKEN,
    GPU_VENDOR_EFFICIENCY,
    MIN_SECONDS_PER_TOKEN,
    PROMPT_EFFICIENCY,
    cpu_seconds_per_token,
    gpu_bandwidth,
    gpu_efficiency,
    gpu_tflops,
    prompt_flops_per_token,
    prompt_tokens_per_s,
    tokens_per_s,
)

__all__ = [
    "CACHE_TYPE_BYTES",
    "CONTEXT_STEPS",
    "CPU_EFFICIENCY",
    "CPU_OVERHEAD_BYTES",
    "DEFAULT_UBATCH",
    "GPU_ALU_OPS_PER_WEIGHT",
    "GPU_CONTEXT_BYTES",
    "GPU_EFFICIENCY",
    "GPU_EFFICIENCY_F16",
    "GPU_MARGIN_BYTES",
    "GPU_MARGIN_SHARE",
    "GPU_SECONDS_PER_MOE_LAYER",
    "GPU_SECONDS_PER_TOKEN",
    "GPU_VENDOR_EFFICIENCY",
    "MIN_SECONDS_PER_TOKEN",
    "PROMPT_EFFICIENCY",
    "RAM_MARGIN_BYTES",
    "SWA_PERIOD",
    "VERDICT_TEXT",
    "ContextPoint",
    "FitEstimate",
    "MiB",
    "ModelShape",
    "Placement",
    "Verdict",
    "compute_buffer_bytes",
    "cpu_seconds_per_token",
    "estimate",
    "gpu_bandwidth",
    "gpu_efficiency",
    "gpu_margin_bytes",
    "gpu_tflops",
    "kv_cache_bytes",
    "largest_fitting_context",
    "place",
    "process_overhead_bytes",
    "prompt_flops_per_token",
    "prompt_tokens_per_s",
    "repacked_on",
    "shape_from_variant",
    "speed_assumption",
    "tokens_per_s",
    "with_weights",
]
