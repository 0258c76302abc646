"""What the estimate knows about one GGUF model: its shape, from the catalog or a header."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from wizard_app.core.catalog.quants import bits_per_weight
from wizard_app.core.catalog.schema import Variant
from wizard_app.core.errors import InputError
from wizard_app.core.fit.state import CacheLayout, layout_of

# Architectures whose sliding-window layers llama.cpp runs with a window-sized cache:
# arch -> period; in each period of layers all but one use the window. gpt-oss alternates
# a 128-token window with full attention (config.json layer_types, as summarised in
# https://github.com/EchoCog/gpt-oss-20b/blob/main/docs/gpt-oss-20b-architecture.md).
SWA_PERIOD: dict[str, int] = {
    "gemma2": 2,
    "gemma3": 6,
    "cohere2": 4,
    "gemma3n": 5,
    "gpt-oss": 2,
}


@dataclass(frozen=True)
class ModelShape:
    """What the estimate needs to know about one GGUF model."""

    arch: str
    layers: int
    embedding: int
    heads: int
    kv_heads: int
    head_dim_k: int
    head_dim_v: int
    trained_context: int
    weights_bytes: int
    sliding_window: int | None = None
    vocab: int | None = None
    feed_forward: int | None = None
    layer_bytes: tuple[int, ...] | None = None  # per block, exact from a GGUF header
    output_bytes: int | None = None  # output head (goes to the GPU with the last layer)
    active_fraction: float = 1.0  # mixture of experts: share of weights read per token
    source: str = "catalog"
    quant: str | None = None  # the file's quant label (Q4_K_M...)
    params_per_token: int | None = None  # exact from a GGUF header
    total_params: int | None = None  # from the catalog: a mixture of experts' shapes hide it
    layout: CacheLayout | None = None  # blocks not all alike (fit/state)

    @property
    def bytes_per_token(self) -> int:
        """Weights one generated token reads: every block and the output head, but of the
        token embeddings only one row (unless the head is tied to them)."""
        if self.layer_bytes is not None and self.output_bytes is not None:
            return sum(self.layer_bytes) + self.output_bytes
        return self.weights_bytes - self.non_layer_bytes() // 2

    @property
    def is_float(self) -> bool:
        return (self.quant or "").upper() in ("F16", "BF16", "F32")

    @property
    def weights_per_token(self) -> float:
        """Weights (not bytes) one generated token multiplies: a CPU's compute is per weight."""
        if self.params_per_token:
            return self.params_per_token
        try:
            bpw = bits_per_weight(self.quant or "")
        except KeyError:
            bpw = 8 * self.weights_bytes / max(1, self._param_guess())
        return self.bytes_per_token * 8 / bpw

    @property
    def swa_layers(self) -> int:
        if not self.sliding_window:
            return 0
        period = SWA_PERIOD.get(self.arch)
        if period is None:
            return 0
        return self.layers - self.layers // period

    def per_layer_weights(self) -> tuple[int, ...]:
        if self.layer_bytes is not None:
            return self.layer_bytes
        return (self.uniform_layer_bytes,) * self.layers

    @cached_property
    def uniform_layer_bytes(self) -> int:
        """Weights of one block when only the total is known."""
        return max(0, self.weights_bytes - self.non_layer_bytes()) // self.layers

    @cached_property
    def default_output_bytes(self) -> int:
        if self.output_bytes is not None:
            return self.output_bytes
        return self.non_layer_bytes() // 2

    def non_layer_bytes(self) -> int:
        """Token embeddings and output head."""
        if self.layer_bytes is not None:
            return max(0, self.weights_bytes - sum(self.layer_bytes))
        if self.vocab is None:
            return 0
        bpw = 8 * self.weights_bytes / max(1, self._param_guess())
        return int(2 * self.vocab * self.embedding * bpw / 8)

    def _param_guess(self) -> int:
        """Parameter count implied by the shapes (for the share of embeddings)."""
        if self.total_params:
            return self.total_params
        attn = self.embedding * (self.heads * self.head_dim_k) * 2 + self.embedding * (
            self.kv_heads * (self.head_dim_k + self.head_dim_v)
        )
        ffn = 3 * self.embedding * (self.feed_forward or 4 * self.embedding)
        return self.layers * (attn + ffn) + 2 * (self.vocab or 0) * self.embedding


def shape_from_variant(variant: Variant, quant: str) -> ModelShape:
    """The shape from catalog facts, before anything is downloaded."""
    arch = variant.architecture
    if arch is None:
        raise InputError(
            f"{variant.id} has no architecture facts in the catalog, so its memory cannot "
            "be estimated.",
            f"{variant.no_gguf_reason or ''} Try {variant.alternative or 'another model'}.",
        )
    artifact = variant.artifact(quant)
    if artifact is None:
        known = ", ".join(a.quant for a in variant.artifacts) or "none"
        raise InputError(
            f"{variant.id} has no {quant.upper()} file in the catalog.",
            f"Choose one of: {known}.",
        )
    size = artifact.approx_size_bytes
    if size is None:
        size = int(variant.parameters.total_b * 1e9 * bits_per_weight(artifact.quant) / 8)
    params = variant.parameters
    active = params.active_b / params.total_b if params.active_b else 1.0
    head_dim = arch.effective_head_dim
    return ModelShape(
        arch=arch.arch,
        layers=arch.layers,
        embedding=arch.embedding,
        heads=arch.heads,
        kv_heads=arch.kv_heads,
        head_dim_k=head_dim,
        head_dim_v=head_dim,
        trained_context=arch.context,
        weights_bytes=size,
        sliding_window=arch.sliding_window,
        vocab=arch.vocab,
        feed_forward=arch.feed_forward,
        active_fraction=active,
        source="catalog",
        quant=artifact.quant,
        total_params=int(params.total_b * 1e9),
        layout=layout_of(arch),
    )


def with_weights(shape: ModelShape, weights_bytes: int) -> ModelShape:
    return replace(shape, weights_bytes=weights_bytes)
