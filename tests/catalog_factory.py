"""Synthetic catalogs for the recommender's tests and benchmarks.

These are test inputs, not model facts: shapes follow real architectures, names say "Synth".
"""

from __future__ import annotations

import random
from typing import Any

from wizard_app.core.catalog.loader import Catalog, CatalogEntry
from wizard_app.core.catalog.schema import Variant

SRC = {"url": "https://example.org/synthetic", "read": "2026-11-26"}
SHAPES = [  # params_b, layers, embedding, heads, kv_heads, ff, vocab
    (0.5, 24, 896, 14, 2, 4864, 151936),
    (1.5, 28, 1536, 12, 2, 8960, 151936),
    (3.0, 36, 2048, 16, 2, 11008, 151936),
    (7.0, 32, 4096, 32, 8, 14336, 32000),
    (8.0, 32, 4096, 32, 8, 14336, 128256),
    (14.0, 48, 5120, 40, 8, 13824, 152064),
    (32.0, 64, 5120, 40, 8, 27648, 152064),
    (70.0, 80, 8192, 64, 8, 28672, 128256),
]
QUANTS = {"Q4_K_M": 4.89, "Q5_K_M": 5.69, "Q8_0": 8.5, "Q3_K_M": 3.91, "Q6_K": 6.56}
USE = ["chat", "coding", "math", "medical", "summarize", "creative", "reasoning"]
BENCH = {"chat": "MMLU", "coding": "HumanEval", "math": "GSM8K", "medical": "MedQA",
         "reasoning": "GPQA", "summarize": "IFEval", "creative": "MT-Bench"}  # fmt: skip


def variant_dict(i: int, rng: random.Random) -> dict[str, Any]:
    p, layers, emb, heads, kv, ff, vocab = rng.choice(SHAPES)
    commercial = rng.choice(["yes", "restricted", "no"])
    open_all = rng.random() < 0.2
    strengths = rng.sample(USE, k=rng.randint(0, 2))
    evidence = []
    for case in rng.sample(USE, k=rng.randint(0, 3)):
        scale = 10.0 if BENCH[case] == "MT-Bench" else 100.0
        evidence.append(
            {
                "use_case": case,
                "benchmark": BENCH[case],
                "score": round(rng.uniform(0.2, 0.9) * scale, 1),
                "scale_max": scale,
                "source": SRC,
            }
        )
    quants = rng.sample(sorted(QUANTS), k=rng.randint(1, 4))
    return {
        "id": f"synth-{i}",
        "name": f"Synth {i} {p}B",
        "instruct": rng.random() > 0.1,
        "parameters": {"total_b": p},
        "architecture": {
            "arch": "llama", "layers": layers, "embedding": emb, "heads": heads,
            "kv_heads": kv, "context": rng.choice([4096, 8192, 32768, 131072]),
            "vocab": vocab, "feed_forward": ff, "source": SRC,
        },
        "license": {"name": "Synth", "url": "https://example.org/l", "commercial": commercial,
                    "gated": rng.random() < 0.3},
        "openness": {"training_data": open_all, "weights": True,
                     "evaluation_code": open_all or None, "finetuning_code": open_all,
                     "training_metrics": open_all, "source": SRC},
        "languages": sorted({"en", *rng.sample(["nl", "ja", "de", "fr"], k=rng.randint(0, 2))}),
        "strengths": strengths,
        "evidence": evidence,
        "artifacts": [
            {"repo": f"synth/Synth-{i}-GGUF", "file": f"synth-{i}.{q}.gguf", "quant": q,
             "size_bytes": int(p * 1e9 * QUANTS[q] / 8), "source": SRC}
            for q in quants
        ],
    }  # fmt: skip


def synthetic_catalog(n: int, seed: int = 0) -> Catalog:
    rng = random.Random(seed)
    return Catalog(
        [
            CatalogEntry(Variant.model_validate(variant_dict(i, rng)), "Synth", "Synth", "synth")
            for i in range(n)
        ]
    )
