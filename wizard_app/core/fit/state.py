"""Cache memory of models whose blocks are not all alike: recurrent blocks, per-kind heads.

Three designs need more than one head size and one KV-head count:

* hybrids whose recurrent blocks (Mamba-2 in Granite 4.0 H, Gated DeltaNet in Qwen3.5)
  keep a fixed-size state instead of a KV cache. llama.cpp keeps, per sequence and block,
  (d_conv - 1) x (d_inner + 2 x groups x d_state) convolution values and d_state x d_inner
  state values, in f32 whatever the KV cache type (``llama_hparams::n_embd_r``/``n_embd_s``);
* Gemma 4, whose full-attention blocks have other head sizes and KV heads than its
  sliding-window ones, in a period that differs between sizes;
* Gemma 3n and 4, whose last blocks reuse an earlier block's cache and keep none of their own.

``layout_of`` reads these facts from the catalog; ``layout_cache_bytes`` is what
``memory.kv_cache_bytes`` returns for a shape that has a layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wizard_app.core.catalog.schema import Architecture
    from wizard_app.core.fit.shape import ModelShape

RECURRENT_STATE_BYTES = 4  # f32: llama.cpp's recurrent state type
UBATCH = 512  # memory.DEFAULT_UBATCH: a windowed layer keeps the window plus one batch


@dataclass(frozen=True)
class CacheLayout:
    """How a model's blocks divide between cache kinds."""

    layers: int
    recurrent_layers: int = 0
    recurrent_values: int = 0  # f32 values one recurrent block keeps per sequence
    shared_layers: int = 0  # the last blocks, reusing an earlier block's cache
    full_every: int | None = None  # one full-attention block in every N (the rest windowed)
    global_head_dim: int | None = None
    global_kv_heads: int | None = None

    @property
    def attention_layers(self) -> int:
        """Blocks with a KV cache of their own."""
        return self.layers - self.recurrent_layers - self.shared_layers

    @property
    def full_layers(self) -> int:
        """Of those, the ones that attend to the whole context."""
        if self.full_every is None:
            return self.attention_layers
        # the pattern runs from the first block; shared blocks are the last ones
        return self.attention_layers // self.full_every

    @property
    def recurrent_bytes(self) -> int:
        return self.recurrent_layers * self.recurrent_values * RECURRENT_STATE_BYTES


def layout_of(arch: Architecture) -> CacheLayout | None:
    """The layout the catalog describes, or None for a model of alike blocks."""
    rec = arch.recurrent
    special = (arch.full_attention_every, arch.kv_shared_layers, arch.global_head_dim)
    if rec is None and arch.global_kv_heads is None and all(v is None for v in special):
        return None
    values = 0
    if rec is not None:
        conv = (rec.conv_kernel - 1) * (rec.inner_size + 2 * rec.group_count * rec.state_size)
        values = conv + rec.state_size * rec.inner_size
    return CacheLayout(
        layers=arch.layers,
        recurrent_layers=rec.layers if rec else 0,
        recurrent_values=values,
        shared_layers=arch.kv_shared_layers or 0,
        full_every=arch.full_attention_every,
        global_head_dim=arch.global_head_dim,
        global_kv_heads=arch.global_kv_heads,
    )


def layout_cache_bytes(shape: ModelShape, context: int, cell_bytes: float) -> int:
    """KV cache plus recurrent state of ``shape`` (which has a layout) at ``context``.

    ``cell_bytes``: bytes of one cached value in the KV cache type (f16 = 2).
    """
    layout = shape.layout
    assert layout is not None  # memory.kv_cache_bytes calls this only for a layout
    full = layout.full_layers
    windowed = layout.attention_layers - full
    local = shape.kv_heads * (shape.head_dim_k + shape.head_dim_v)
    glob_dims = 2 * layout.global_head_dim if layout.global_head_dim else local // shape.kv_heads
    glob = (layout.global_kv_heads or shape.kv_heads) * glob_dims
    window_cells = min(context, (shape.sliding_window or context) + UBATCH)
    kv = cell_bytes * (glob * full * context + local * windowed * window_cells)
    return int(kv) + layout.recurrent_bytes
