"""GGUF quantisation types and their average bits per weight.

Figures are llama.cpp's own, as printed by ``llama-quantize --help`` (for LLaMA 7B) and
listed in ``examples/quantize/README.md`` upstream; an average over a whole model, so the
file size of a real model is within a few percent of params x bpw / 8.

MXFP4 (OCP microscaling FP4, the format gpt-oss was trained for) stores blocks of 32 E2M1
values with one shared 8-bit E8M0 scale: ``block_mxfp4`` in ggml's ``ggml-common.h`` is
17 bytes per 32 weights, 4.25 bits. GGUFs named MXFP4 keep only the expert weights in it
(attention and embeddings stay at 8 or 16 bits), so their files are a little larger.
"""

from __future__ import annotations

# quant type -> bits per weight
BITS_PER_WEIGHT: dict[str, float] = {
    "F32": 32.0,
    "F16": 16.0,
    "BF16": 16.0,
    "Q8_0": 8.5,
    "Q6_K": 6.56,
    "Q5_K_M": 5.69,
    "Q5_K_S": 5.54,
    "Q5_1": 6.0,
    "Q5_0": 5.5,
    "Q4_K_M": 4.89,
    "Q4_K_S": 4.58,
    "Q4_1": 5.0,
    "Q4_0": 4.5,
    "IQ4_NL": 4.5,
    "IQ4_XS": 4.25,
    "MXFP4": 4.25,
    "Q3_K_L": 4.27,
    "Q3_K_M": 3.91,
    "Q3_K_S": 3.5,
    "IQ3_M": 3.66,
    "IQ3_XS": 3.3,
    "IQ3_XXS": 3.06,
    "Q2_K": 3.35,
    "Q2_K_S": 2.97,
    "IQ2_M": 2.7,
    "IQ2_S": 2.5,
    "IQ2_XS": 2.31,
    "IQ2_XXS": 2.06,
    "IQ1_M": 1.75,
    "IQ1_S": 1.56,
}

# Preference order from best quality to smallest, for picking "the best quant that fits".
QUALITY_ORDER: list[str] = sorted(BITS_PER_WEIGHT, key=lambda q: -BITS_PER_WEIGHT[q])

# Below this the quality loss is large enough that we say so in the reasons.
LOW_QUALITY_BPW = 3.5


def is_known(quant: str) -> bool:
    return quant.upper() in BITS_PER_WEIGHT


def bits_per_weight(quant: str) -> float:
    return BITS_PER_WEIGHT[quant.upper()]
