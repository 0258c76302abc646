"""The chat format for a GGUF file that carries no ``tokenizer.chat_template``.

llama-cpp-python guesses and falls back to Llama 2's format; llama.cpp's server assumes
ChatML. Both are wrong for many files: a Gemma file prompted as ChatML answers with
nothing. The format follows from the architecture and from the special tokens the
vocabulary has (a model trained on a turn format has its markers as single tokens).
Each format is a small Jinja template in the style of the family's official one, rendered
by llama-cpp-python's sandboxed formatter like a template from the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# A system prompt the format has no place for is folded into the first user turn.
_FOLD_SYSTEM = (
    "{% set ns = namespace(sys='') %}"
    "{% for m in messages %}{% if m['role'] == 'system' %}"
    "{% set ns.sys = ns.sys + m['content'] + '\\n\\n' %}{% endif %}{% endfor %}"
)

TEMPLATES: dict[str, str] = {
    # Gemma 1-3: user/model turns, no system role (google/gemma-3-*-it tokenizer_config)
    "gemma": "{{ bos_token }}"
    + _FOLD_SYSTEM
    + "{% set first = namespace(done=false) %}{% for m in messages %}"
    "{% if m['role'] != 'system' %}<start_of_turn>"
    "{{ 'model' if m['role'] == 'assistant' else 'user' }}\n"
    "{% if m['role'] == 'user' and not first.done %}{{ ns.sys }}"
    "{% set first.done = true %}{% endif %}"
    "{{ m['content'] | trim }}<end_of_turn>\n{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}",
    # Llama 3.x headers (meta-llama/Llama-3.1-8B-Instruct)
    "llama-3": "{{ bos_token }}{% for m in messages %}"
    "<|start_header_id|>{{ m['role'] }}<|end_header_id|>\n\n"
    "{{ m['content'] | trim }}<|eot_id|>{% endfor %}"
    "{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n"
    "{% endif %}",
    # ChatML (Qwen, SmolLM, OLMo 2 instruct, many fine-tunes)
    "chatml": "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}"
    "<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}",
    # Phi-3 / Phi-3.5 (microsoft/Phi-3-mini-4k-instruct)
    "phi-3": "{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}<|end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|assistant|>\n{% endif %}",
    # Mistral / Llama 2 [INST] turns (mistralai/Mistral-7B-Instruct-v0.2)
    "mistral-instruct": "{{ bos_token }}"
    + _FOLD_SYSTEM
    + "{% set first = namespace(done=false) %}{% for m in messages %}"
    "{% if m['role'] == 'user' %}[INST] {% if not first.done %}{{ ns.sys }}"
    "{% set first.done = true %}{% endif %}{{ m['content'] | trim }} [/INST]"
    "{% elif m['role'] == 'assistant' %}{{ m['content'] | trim }}{{ eos_token }}"
    "{% endif %}{% endfor %}",
}

# The markers that show a vocabulary was trained on a format, checked in this order.
_MARKERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gemma", ("<start_of_turn>", "<end_of_turn>")),
    ("llama-3", ("<|start_header_id|>", "<|eot_id|>")),
    ("chatml", ("<|im_start|>", "<|im_end|>")),
    ("phi-3", ("<|assistant|>", "<|end|>")),
    ("mistral-instruct", ("[INST]", "[/INST]")),
)
# Without markers in the vocabulary: what the architecture was released with.
_BY_ARCH: dict[str, str] = {
    "gemma": "gemma",
    "gemma2": "gemma",
    "gemma3": "gemma",
    "gemma3n": "gemma",
    "qwen2": "chatml",
    "qwen2moe": "chatml",
    "qwen3": "chatml",
    "qwen3moe": "chatml",
    "olmo2": "chatml",
    "phi3": "phi-3",
    "mistral": "mistral-instruct",
    "mistral3": "mistral-instruct",
}
DEFAULT = "chatml"  # what llama.cpp's server assumes without a template


@dataclass(frozen=True)
class ChatFormat:
    name: str
    template: str
    reason: str  # why this one: shown beside the model's figures


def choose(arch: str, tokenizer_model: str, is_single_token: Callable[[str], bool]) -> ChatFormat:
    """The format for a file without a template; ``is_single_token`` asks its vocabulary."""
    for name, markers in _MARKERS:
        if all(is_single_token(m) for m in markers):
            return ChatFormat(name, TEMPLATES[name], f"its vocabulary has {markers[0]}")
    by_arch = _BY_ARCH.get(arch)
    if by_arch is not None:
        return ChatFormat(by_arch, TEMPLATES[by_arch], f"the {arch} architecture")
    if arch == "llama" and tokenizer_model == "llama":
        # A SentencePiece Llama without chat markers: Llama 2's [INST] convention.
        return ChatFormat(
            "mistral-instruct", TEMPLATES["mistral-instruct"], "a SentencePiece Llama vocabulary"
        )
    return ChatFormat(DEFAULT, TEMPLATES[DEFAULT], "no sign of another format")
