"""Cache memory of models whose blocks are not alike (fit/state, catalog schema fields).

The figures are worked by hand from the formulas llama.cpp uses, so a wrong count of
layers, heads or state values fails here rather than in a recommendation.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from wizard_app.core.catalog import load_catalog
from wizard_app.core.catalog.schema import Architecture
from wizard_app.core.fit import kv_cache_bytes, shape_from_variant
from wizard_app.core.fit.state import layout_of

SRC = {"url": "https://example.org/config.json"}
MiB = 1024**2


def _arch(**extra: object) -> Architecture:
    base: dict[str, object] = {
        "arch": "x", "layers": 40, "embedding": 1536, "heads": 12, "kv_heads": 4,
        "head_dim": 128, "context": 131072, "source": SRC,
    }  # fmt: skip
    return Architecture.model_validate({**base, **extra})


def _variant(vid: str):
    return load_catalog().get(vid).variant


def test_alike_blocks_have_no_layout_and_keep_the_old_formula() -> None:
    assert layout_of(_arch()) is None
    shape = shape_from_variant(_variant("granite-4.0-micro"), "Q4_K_M")
    assert shape.layout is None
    # 40 layers x 8 KV heads x (64 + 64) x 2 bytes = 80 KiB a token
    assert kv_cache_bytes(shape, 8192) == 40 * 8 * 128 * 2 * 8192


def test_a_mamba2_hybrid_caches_only_its_attention_blocks_plus_a_fixed_state() -> None:
    shape = shape_from_variant(_variant("granite-4.0-h-tiny"), "Q4_K_M")
    assert shape.layout is not None
    assert shape.layout.attention_layers == 4
    # per recurrent block: (4 - 1) x (3072 + 2 x 1 x 128) conv + 128 x 3072 state, f32
    state = 36 * ((4 - 1) * (3072 + 2 * 128) + 128 * 3072) * 4
    assert shape.layout.recurrent_bytes == state
    for context in (4096, 131072):
        kv = 4 * 4 * (128 + 128) * 2 * context
        assert kv_cache_bytes(shape, context) == kv + state
    # the state does not grow with the context; the 4 attention blocks do
    growth = kv_cache_bytes(shape, 8192) - kv_cache_bytes(shape, 4096)
    assert growth == 4 * 4 * 256 * 2 * 4096
    # q8_0 shrinks the KV part only: the recurrent state stays f32
    assert kv_cache_bytes(shape, 4096, "q8_0") == int(4 * 4 * 256 * 34 / 32 * 4096) + state


def test_the_hybrid_needs_a_tenth_of_the_cache_a_plain_transformer_would() -> None:
    hybrid = shape_from_variant(_variant("granite-4.0-h-micro"), "Q4_K_M")
    dense = shape_from_variant(_variant("granite-4.0-micro"), "Q4_K_M")
    ratio = kv_cache_bytes(hybrid, 131072) / kv_cache_bytes(dense, 131072)
    assert 0.09 < ratio < 0.12


def test_windowed_and_full_blocks_with_their_own_head_sizes_and_shared_blocks() -> None:
    # Gemma 4 E4B's published shape: 42 blocks, the last 18 reuse earlier caches, one
    # full-attention block in every 6 (head size 512), the rest windowed at 512 (head 256)
    arch = _arch(
        layers=42, embedding=2560, heads=8, kv_heads=2, head_dim=256, sliding_window=512,
        full_attention_every=6, global_head_dim=512, kv_shared_layers=18,
    )  # fmt: skip
    layout = layout_of(arch)
    assert layout is not None
    assert (layout.attention_layers, layout.full_layers) == (24, 4)
    from dataclasses import replace

    shape = replace(shape_from_variant(_variant("granite-4.0-micro"), "Q4_K_M"),
                    kv_heads=2, head_dim_k=256, head_dim_v=256, sliding_window=512,
                    layout=layout)  # fmt: skip
    context = 32768
    full = 4 * 2 * (512 + 512) * 2 * context
    windowed = 20 * 2 * (256 + 256) * 2 * (512 + 512)
    assert kv_cache_bytes(shape, context) == full + windowed
    # a context shorter than the window keeps only the context
    assert kv_cache_bytes(shape, 256) == 4 * 2 * 1024 * 2 * 256 + 20 * 2 * 512 * 2 * 256


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"full_attention_every": 6}, "needs the sliding_window"),
        ({"kv_shared_layers": 40}, "leave no block with a cache"),
        (
            {"recurrent": {"layers": 40, "conv_kernel": 4, "inner_size": 3072, "state_size": 128}},
            "leave no block with a cache",
        ),
        (
            {"recurrent": {"layers": 36, "conv_kernel": 1, "inner_size": 3072, "state_size": 128}},
            "greater than 1",
        ),
    ],
)
def test_impossible_layouts_are_refused_with_a_reason(extra: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _arch(**extra)


def test_a_mamba_hybrid_of_the_catalog_has_mamba2s_inner_size() -> None:
    """Mamba-2 expands the hidden size twice (mamba_expand 2): a copied figure that breaks
    that, or attention and recurrent blocks that do not add up, fail."""
    checked = 0
    for entry in load_catalog():
        arch = entry.variant.architecture
        if arch is None or arch.recurrent is None:
            continue
        if arch.arch == "granitehybrid":
            assert arch.recurrent.inner_size == 2 * arch.embedding, entry.id
            assert arch.recurrent.layers < arch.layers, entry.id
            checked += 1
    assert checked >= 3
    assert layout_of(_arch()) is None
    assert kv_cache_bytes(shape_from_variant(_variant("granite-4.0-h-small"), "Q4_K_M"), 8192) < (
        300 * MiB
    )


@pytest.mark.parametrize(
    ("vid", "own", "full"),
    [
        ("gemma-3n-e2b-it", 20, 4),  # 30 blocks, the last 10 shared, one global in 5
        ("gemma-3n-e4b-it", 20, 4),  # 35 blocks, the last 15 shared
        ("gemma-4-e2b-it", 15, 3),  # 35 blocks, the last 20 shared
        ("gemma-4-e4b-it", 24, 4),  # 42 blocks, the last 18 shared, one global in 6
        ("gemma-4-31b-it", 60, 10),  # nothing shared
    ],
)
def test_shared_caches_leave_the_blocks_the_reference_implementation_caches(
    vid: str, own: int, full: int
) -> None:
    layout = shape_from_variant(_variant(vid), "Q4_K_M").layout
    assert layout is not None
    assert (layout.attention_layers, layout.full_layers) == (own, full)


def test_gemma_4_31b_counts_its_wide_global_heads_and_its_window() -> None:
    shape = shape_from_variant(_variant("gemma-4-31b-it"), "Q4_K_M")
    context = 32768
    glob = 10 * 4 * (512 + 512) * 2 * context  # 10 global blocks, 4 KV heads of 512
    local = 50 * 16 * (256 + 256) * 2 * (1024 + 512)  # 50 windowed blocks, 16 KV heads
    assert kv_cache_bytes(shape, context) == glob + local
