"""A fit estimate as text, for 'fit' and 'download --fit'."""

from __future__ import annotations

from wizard_app.core.fit import FitEstimate
from wizard_app.core.hardware.profile import GB, GiB


def fit_text(label: str, e: FitEstimate) -> str:
    def gib(n: int) -> str:
        return f"{n / GiB:6.2f} GiB"

    speed = f"about {e.tokens_per_s:g} tokens/s" if e.tokens_per_s else "no estimate"
    pps = e.prompt_tokens_per_s
    prompt = f"about {pps:g} tokens/s (pp512)" if pps else "no estimate"
    lines = [
        f"{label} at {e.context} tokens ({e.cache_type} KV cache), from {e.source}:",
        f"  weights        {gib(e.weights_bytes)}  ({e.weights_bytes / GB:.2f} GB)",
        f"  KV cache       {gib(e.kv_bytes)}",
        f"  compute buffer {gib(e.compute_bytes)}",
        f"  overhead       {gib(e.overhead_bytes)}",
        f"  total          {gib(e.total_bytes)}",
        f"  GPU layers     {e.gpu_layers} of {e.layers}"
        + (
            f"  (GPU {gib(e.gpu_bytes).strip()} of {gib(e.gpu_budget_bytes).strip()})"
            if e.gpu_budget_bytes
            else "  (no usable GPU)"
        ),
        f"  RAM budget     {gib(e.ram_budget_bytes)}",
        f"  verdict        {e.verdict_text}, headroom {e.headroom_bytes / GiB:.1f} GiB",
        f"  speed          {speed}",
        f"  prompt speed   {prompt}",
        f"                 ({e.speed_assumption})",
    ]
    lines.extend(f"  note: {n}" for n in e.notes)
    if e.curve:
        lines.append("  memory by context:")
        lines.extend(
            f"    {p.context:>7} tokens  {gib(p.total_bytes)}  {p.verdict.replace('_', ' ')}"
            for p in e.curve
        )
    return "\n".join(lines)
