"""Small but real GGUF models, written with the ``gguf`` package.

Random weights, a few layers, a real tokenizer: llama.cpp loads and runs them like any
downloaded model (they just talk nonsense, often bytes that are not valid UTF-8). The
machine profile (``machine_profile``) times llama.cpp on them, and the tests and
benchmarks use them (``tests/gguf_models.py``); ``build_gguf(path, spec)`` makes a shape.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from gguf import GGMLQuantizationType, GGUFWriter, LlamaFileType, TokenType
from gguf.quants import quantize

WeightType = Literal["f32", "f16", "q8_0"]

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

# Words for the SentencePiece vocab beyond the byte tokens, so prompts tokenize into
# whole pieces and not only bytes.
_WORDS = (  # noqa: SIM905
    "the a an and of to in is it you that he was for on are with as I his they be at one "
    "have this from or had by hot word but what some we can out other were all there when "
    "up use your how said each she which do their time if will way about many then them "
    "write would like so these her long make thing see him two has look more day could go "
    "come did number sound no most people my over know water than call first who may down "
    "side been now find any new work part take get place made live where after back little "
    "only round man year came show every good me give our under name very through just form "
    "hello world model test tell story once upon"
).split()


@dataclass(frozen=True)
class ModelSpec:
    """Shape and format of a generated model."""

    name: str = "tiny-llama"
    arch: str = "llama"
    tokenizer: Literal["spm", "bpe"] = "spm"
    vocab_size: int = 512  # at least the special + byte tokens (259 SPM, 257 BPE)
    embedding: int = 64
    heads: int = 4
    kv_heads: int = 2
    layers: int = 2
    feed_forward: int = 128
    context: int = 4096
    weights: WeightType = "f16"
    chat_template: str | None = None
    tied_output: bool = False
    qkv_bias: bool = False  # qwen2 has biases on q, k, v
    seed: int = 0
    # Fill big tensors by tiling one random block instead of drawing every value: the
    # same distribution at a fraction of the time, for the 0.5-2 GB benchmark models.
    tile_random: bool = False

    @property
    def head_dim(self) -> int:
        return self.embedding // self.heads

    @property
    def kv_dim(self) -> int:
        return self.kv_heads * self.head_dim

    def with_(self, **changes: object) -> ModelSpec:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


# The fixtures' models: every one loads in llama.cpp in well under a second.
TINY_SPM = ModelSpec()
TINY_BPE = ModelSpec(name="tiny-qwen2-bpe", arch="qwen2", tokenizer="bpe", qkv_bias=True)
TINY_GQA = ModelSpec(name="tiny-gqa", heads=8, kv_heads=2, embedding=128, feed_forward=256)
TINY_Q8 = ModelSpec(name="tiny-q8_0", weights="q8_0")
TINY_CHAT = ModelSpec(name="tiny-chat", chat_template=CHATML_TEMPLATE, tied_output=True)


def _bytes_to_unicode() -> dict[int, str]:
    """GPT-2's reversible byte -> printable character map (BPE vocab alphabet)."""
    bs = list(range(ord("!"), ord("~") + 1))
    bs += list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs, strict=True)}


def _spm_vocab(spec: ModelSpec) -> tuple[list[str], list[float], list[int], dict[str, int]]:
    tokens = ["<unk>", "<s>", "</s>"]
    types = [TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL]
    if spec.chat_template:
        tokens += ["<|im_start|>", "<|im_end|>"]
        types += [TokenType.CONTROL, TokenType.CONTROL]
    tokens += [f"<0x{b:02X}>" for b in range(256)]
    types += [TokenType.BYTE] * 256
    extra = [f"▁{w}" for w in _WORDS] + list("abcdefghijklmnopqrstuvwxyz") + ["▁"]
    seen = set(tokens)
    i = 0
    while len(tokens) < spec.vocab_size:
        piece = extra[i] if i < len(extra) else f"▁w{i}"
        i += 1
        if piece in seen:
            continue
        seen.add(piece)
        tokens.append(piece)
        types.append(TokenType.NORMAL)
    scores = [0.0 if t != TokenType.NORMAL else -float(k) for k, t in enumerate(types)]
    ids = {"bos": 1, "eos": tokens.index("<|im_end|>") if spec.chat_template else 2, "unk": 0}
    return tokens, scores, [int(t) for t in types], ids


def _bpe_vocab(spec: ModelSpec) -> tuple[list[str], list[int], list[str], dict[str, int]]:
    alphabet = _bytes_to_unicode()
    tokens = [alphabet[b] for b in range(256)]
    types = [TokenType.NORMAL] * 256
    merges: list[str] = []
    space = alphabet[ord(" ")]
    seen = set(tokens)
    for w in _WORDS:
        # One merge per word prefix keeps the merge table consistent: "Ġt h" -> "Ġth"...
        piece = space + w[0]
        if piece not in seen:
            merges.append(f"{space} {w[0]}")
            tokens.append(piece)
            seen.add(piece)
            types.append(TokenType.NORMAL)
        for ch in w[1:]:
            nxt = piece + ch
            if nxt not in seen:
                merges.append(f"{piece} {ch}")
                tokens.append(nxt)
                seen.add(nxt)
                types.append(TokenType.NORMAL)
            piece = nxt
        if len(tokens) >= spec.vocab_size - 3:
            break
    specials = ["<|endoftext|>"]
    if spec.chat_template:
        specials += ["<|im_start|>", "<|im_end|>"]
    i = 0
    while len(tokens) < spec.vocab_size - len(specials):
        tokens.append(f"<|unused{i}|>")
        types.append(TokenType.UNUSED)
        i += 1
    first_special = len(tokens)
    tokens += specials
    types += [TokenType.CONTROL] * len(specials)
    eos = tokens.index("<|im_end|>") if spec.chat_template else first_special
    return tokens, [int(t) for t in types], merges, {"bos": first_special, "eos": eos}


class _Weights:
    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        self.rng = np.random.default_rng(spec.seed)
        self._block = self.rng.standard_normal(1 << 20, dtype=np.float32) * 0.02

    def random(self, rows: int, cols: int) -> np.ndarray:
        n = rows * cols
        if self.spec.tile_random and n > self._block.size:
            reps = math.ceil(n / self._block.size)
            flat = np.tile(self._block, reps)[:n]
            # Shift every tile so rows are not identical copies of each other.
            return np.roll(flat, int(self.rng.integers(0, 1 << 20))).reshape(rows, cols)
        return (self.rng.standard_normal((rows, cols), dtype=np.float32) * 0.02).astype(np.float32)

    def add(self, w: GGUFWriter, name: str, rows: int, cols: int) -> None:
        data = self.random(rows, cols)
        kind = self.spec.weights
        if kind == "f32":
            w.add_tensor(name, data)
        elif kind == "f16":
            w.add_tensor(name, data.astype(np.float16))
        else:
            q = quantize(data, GGMLQuantizationType.Q8_0)
            w.add_tensor(name, q, raw_dtype=GGMLQuantizationType.Q8_0)


def _write_hparams(w: GGUFWriter, spec: ModelSpec) -> None:
    a = spec.arch
    w.add_name(spec.name)
    w.add_uint32(f"{a}.context_length", spec.context)
    w.add_uint32(f"{a}.embedding_length", spec.embedding)
    w.add_uint32(f"{a}.block_count", spec.layers)
    w.add_uint32(f"{a}.feed_forward_length", spec.feed_forward)
    w.add_uint32(f"{a}.attention.head_count", spec.heads)
    w.add_uint32(f"{a}.attention.head_count_kv", spec.kv_heads)
    w.add_float32(f"{a}.attention.layer_norm_rms_epsilon", 1e-5)
    w.add_uint32(f"{a}.rope.dimension_count", spec.head_dim)
    w.add_float32(f"{a}.rope.freq_base", 10000.0)
    file_type = {
        "f32": LlamaFileType.ALL_F32,
        "f16": LlamaFileType.MOSTLY_F16,
        "q8_0": LlamaFileType.MOSTLY_Q8_0,
    }[spec.weights]
    w.add_file_type(int(file_type))
    if spec.weights == "q8_0":
        w.add_quantization_version(2)


def _write_tokenizer(w: GGUFWriter, spec: ModelSpec) -> int:
    """The vocabulary, its special tokens and chat template; returns the vocabulary size."""
    if spec.tokenizer == "spm":
        tokens, scores, types, ids = _spm_vocab(spec)
        w.add_tokenizer_model("llama")
        w.add_token_list(tokens)
        w.add_token_scores(scores)
        w.add_token_types(types)
        w.add_unk_token_id(ids["unk"])
        w.add_add_bos_token(True)
    else:
        tokens, types, merges, ids = _bpe_vocab(spec)
        w.add_tokenizer_model("gpt2")
        w.add_tokenizer_pre("qwen2" if spec.arch == "qwen2" else "default")
        w.add_token_list(tokens)
        w.add_token_types(types)
        w.add_token_merges(merges)
        w.add_add_bos_token(False)
    w.add_bos_token_id(ids["bos"])
    w.add_eos_token_id(ids["eos"])
    if spec.chat_template:
        w.add_chat_template(spec.chat_template)
    return len(tokens)


def _write_tensors(w: GGUFWriter, spec: ModelSpec, vocab: int) -> None:
    weights = _Weights(spec)
    e, f, kv = spec.embedding, spec.feed_forward, spec.kv_dim
    # numpy order: (rows = outputs, cols = inputs); GGUF stores the reverse.
    weights.add(w, "token_embd.weight", vocab, e)
    w.add_tensor("output_norm.weight", np.ones(e, dtype=np.float32))
    if not spec.tied_output:
        weights.add(w, "output.weight", vocab, e)
    for i in range(spec.layers):
        p = f"blk.{i}"
        w.add_tensor(f"{p}.attn_norm.weight", np.ones(e, dtype=np.float32))
        weights.add(w, f"{p}.attn_q.weight", e, e)
        weights.add(w, f"{p}.attn_k.weight", kv, e)
        weights.add(w, f"{p}.attn_v.weight", kv, e)
        if spec.qkv_bias:
            for part, n in (("q", e), ("k", kv), ("v", kv)):
                w.add_tensor(f"{p}.attn_{part}.bias", np.zeros(n, dtype=np.float32))
        weights.add(w, f"{p}.attn_output.weight", e, e)
        w.add_tensor(f"{p}.ffn_norm.weight", np.ones(e, dtype=np.float32))
        weights.add(w, f"{p}.ffn_gate.weight", f, e)
        weights.add(w, f"{p}.ffn_up.weight", f, e)
        weights.add(w, f"{p}.ffn_down.weight", e, f)


def build_gguf(path: Path, spec: ModelSpec) -> Path:
    """Write ``spec`` as a GGUF file at ``path`` and return the path."""
    if spec.embedding % spec.heads or spec.heads % spec.kv_heads:
        raise ValueError("embedding must divide by heads and heads by kv_heads")
    if spec.weights == "q8_0" and (spec.embedding % 32 or spec.feed_forward % 32):
        raise ValueError("Q8_0 needs rows that are a multiple of 32")
    path.parent.mkdir(parents=True, exist_ok=True)
    w = GGUFWriter(str(path), spec.arch)
    _write_hparams(w, spec)
    vocab = _write_tokenizer(w, spec)
    _write_tensors(w, spec, vocab)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def spec_for_size(target_bytes: int, *, weights: WeightType = "f16", **kw: object) -> ModelSpec:
    """A llama-shaped spec whose file is close to ``target_bytes`` (benchmarks: 0.1-2 GB).

    Realistic proportions (GQA 4:1, FFN 2.75x, 32k vocab) so KV cache, compute buffer and
    output head weigh what they weigh in a real model of that size.
    """
    bytes_per_weight = {"f32": 4.0, "f16": 2.0, "q8_0": 34 / 32}[weights]
    vocab = 32000
    best: ModelSpec | None = None
    for e in (512, 768, 1024, 1536, 2048, 2560, 3072):
        heads = e // 64
        kv_heads = max(1, heads // 4)
        while heads % kv_heads:
            kv_heads -= 1
        ff = int(e * 2.75) // 64 * 64
        per_layer = 2 * e * e + 2 * e * (kv_heads * 64) + 3 * e * ff
        fixed = 2 * vocab * e
        layers = round((target_bytes / bytes_per_weight - fixed) / per_layer)
        if 2 <= layers <= 4 * e // 64:
            spec = ModelSpec(
                name=f"bench-{target_bytes // 1_000_000}mb",
                embedding=e,
                heads=heads,
                kv_heads=kv_heads,
                feed_forward=ff,
                layers=layers,
                vocab_size=vocab,
                weights=weights,
                tile_random=True,
                context=32768,
            )
            if best is None or abs(layers - e / 64) < abs(best.layers - best.embedding / 64):
                best = spec
    if best is None:
        raise ValueError(f"no llama shape found for {target_bytes} bytes")
    return best.with_(**kw) if kw else best


def build_model_of_size(path: Path, target_bytes: int, **kw: object) -> Path:
    """A 0.1-2 GB model for the benchmarks (built in seconds, tiled random weights)."""
    return build_gguf(path, spec_for_size(target_bytes, **kw))  # type: ignore[arg-type]
