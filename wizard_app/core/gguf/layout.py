"""Which blocks of a GGUF model keep no KV cache of their own, as llama.cpp reads them.

Two kinds, from the header alone (the catalog's own figures are in ``fit/state``):

* recurrent blocks (Mamba-2 in Granite 4.0 H, Gated DeltaNet in Qwen3-Next and Qwen3.5)
  keep a fixed f32 state instead: ``{arch}.attention.recurrent_layers`` when the file
  lists them; else a block whose ``head_count_kv`` is 0 (llama.cpp's rule for the
  hybrids it reads that way); else, for the Qwen3-Next and Qwen3.5 families, every block
  but each ``{arch}.full_attention_interval``-th (4 when the key is missing); a Mamba
  model has no attention at all. Per block and sequence llama.cpp keeps
  (d_conv - 1) x (d_inner + 2 x groups x d_state) + d_state x d_inner values
  (``llama_hparams::n_embd_r`` and ``n_embd_s``, from the ``{arch}.ssm.*`` keys);
* the last ``{arch}.attention.shared_kv_layers`` blocks (Gemma 3n and 4) reuse an
  earlier block's cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_INTERVAL_FAMILIES = ("qwen3next", "qwen35", "qwen35moe")
_ALL_RECURRENT = ("mamba", "mamba2")


@dataclass(frozen=True)
class BlockKinds:
    recurrent_layers: int = 0
    recurrent_values: int = 0  # f32 values one recurrent block keeps per sequence
    shared_kv_layers: int = 0


def block_kinds(
    get: Callable[[str], Any], arch: str, blocks: int, kv_heads: int | tuple[int, ...]
) -> BlockKinds:
    """The header's block kinds; ``get`` reads one metadata value (None when missing)."""
    shared = _int(get(f"{arch}.attention.shared_kv_layers"))
    conv, inner = _int(get(f"{arch}.ssm.conv_kernel")), _int(get(f"{arch}.ssm.inner_size"))
    state, groups = _int(get(f"{arch}.ssm.state_size")), _int(get(f"{arch}.ssm.group_count"))
    if not (inner and state):
        return BlockKinds(shared_kv_layers=min(shared, blocks))
    values = max(0, conv - 1) * (inner + 2 * groups * state) + state * inner
    return BlockKinds(_recurrent(get, arch, blocks, kv_heads), values, min(shared, blocks))


def _recurrent(
    get: Callable[[str], Any], arch: str, blocks: int, kv_heads: int | tuple[int, ...]
) -> int:
    listed = get(f"{arch}.attention.recurrent_layers")
    items = getattr(listed, "items", None)
    if items:
        return sum(1 for flag in items[:blocks] if flag)
    if isinstance(kv_heads, tuple) and 0 in kv_heads:
        return kv_heads.count(0)
    if arch in _INTERVAL_FAMILIES:
        interval = _int(get(f"{arch}.full_attention_interval")) or 4
        return sum(1 for i in range(blocks) if (i + 1) % interval)
    if arch in _ALL_RECURRENT:
        return blocks
    return 0


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
