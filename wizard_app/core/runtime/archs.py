"""Which model architectures the installed llama.cpp can run.

``KNOWN_ARCHITECTURES`` is the list compiled into the pinned llama-cpp-python (0.3.36): the
app checks a model against it before a download and before a load, without loading
llama.cpp in its own process. The worker reads the same list from the library itself
(``architectures_from_library``), and a unit test keeps the two equal, so an upgrade of
llama-cpp-python that adds or drops architectures fails the tests until this list follows.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable

from wizard_app.core.errors import InputError

KNOWN_ARCHITECTURES: frozenset[str] = frozenset(
    """
    afmoe apertus arcee arctic arwkv7 baichuan bailingmoe bailingmoe2 bailingmoe3 bert
    bitnet bloom chameleon chatglm clip codeshell cogvlm cohere2 cohere2moe command-r dbrx
    deci deepseek deepseek2 deepseek2-ocr deepseek32 deepseek4 dflash dots1 dots3note dream
    eagle3 ernie4_5 ernie4_5-moe eurobert exaone exaone-moe exaone4 falcon falcon-h1 gemma
    gemma-embedding gemma2 gemma3 gemma3n gemma4 gemma4-assistant glm-dsa glm4 glm4moe
    glm5-next gpt-oss gpt2 gptj gptneox granite granite_swa granitehybrid granitemoe
    graniteswitch grok grovemoe hrm_text hunyuan-dense hunyuan-moe hunyuan_vl hy_v3 hy_v4
    internlm2 jais jais2 jamba jina-bert-v2 jina-bert-v3 kimi-k3 kimi-linear laguna lfm2
    lfm2moe llada llada-moe llama llama-embed llama4 maincoder mamba mamba2 maple mellum
    mimo2 minicpm minicpm3 minimax-01 minimax-m2 minimax-m3 mistral3 mistral4 modern-bert
    mpt muse-glimmer nanbeige nemotron nemotron_h nemotron_h_moe neo-bert nomic-bert
    nomic-bert-moe olmo olmo2 olmoe openelm orion paddleocr pangu-embedded phi2 phi3 phimoe
    plamo plamo2 plamo3 plm pockettts qwen qwen2 qwen2moe qwen2vl qwen3 qwen35 qwen35moe
    qwen3moe qwen3next qwen3tts qwen3vl qwen3vlmoe qwen4exp refact rnd1 rwkv6 rwkv6qwen2
    rwkv7 seed_oss smallthinker smollm3 spark2_5 stablelm starcoder starcoder2 step35 t5
    t5encoder talkie wavtokenizer-dec xverse
    """.split()  # noqa: SIM905  (a word list reads better than 153 quoted strings)
)

# Architectures llama.cpp loads but that do not generate chat text.
NOT_TEXT_GENERATION: dict[str, str] = {
    "clip": "a vision projector (mmproj) that goes with a language model",
    "bert": "an embedding model",
    "nomic-bert": "an embedding model",
    "nomic-bert-moe": "an embedding model",
    "jina-bert-v2": "an embedding model",
    "jina-bert-v3": "an embedding model",
    "modern-bert": "an embedding model",
    "neo-bert": "an embedding model",
    "eurobert": "an embedding model",
    "gemma-embedding": "an embedding model",
    "llama-embed": "an embedding model",
    "t5encoder": "an encoder-only model",
    "wavtokenizer-dec": "an audio decoder",
    "pockettts": "a text-to-speech model",
    "eagle3": "a draft head for speculative decoding",
    "dflash": "a draft model for speculative decoding",
}

# llm_arch_name(llm_arch) in libllama: a C++ function with C-compatible arguments, exported
# by the Linux and macOS builds (Itanium name mangling). Unknown enum values map to
# "unknown" and the last value, LLM_ARCH_UNKNOWN, to "(unknown)".
_ARCH_NAME_SYMBOL = "_Z13llm_arch_name8llm_arch"


def architectures_from_library(lib: ctypes.CDLL, limit: int = 1024) -> frozenset[str] | None:
    """The architecture names compiled into a loaded libllama, or None if not readable."""
    try:
        fn = lib[_ARCH_NAME_SYMBOL]
    except (AttributeError, KeyError):
        return None
    fn.restype = ctypes.c_char_p
    fn.argtypes = [ctypes.c_int]
    names: set[str] = set()
    for value in range(limit):
        raw = fn(value)
        name = raw.decode("utf-8", errors="replace") if raw else ""
        if name == "(unknown)":
            break
        if name and name != "unknown":
            names.add(name)
    return frozenset(names) if names else None


def check_architecture(
    arch: str, supported: Iterable[str] | None = None, *, what: str = ""
) -> None:
    """Raise ``InputError`` unless llama.cpp can run ``arch`` as a text model."""
    known = KNOWN_ARCHITECTURES if supported is None else frozenset(supported)
    subject = what or "This model"
    if arch not in known:
        near = sorted(a for a in known if a.startswith(arch[:4]))[:5] if arch else []
        if near:
            raise InputError.from_code(
                "runtime.unsupported_arch.near", subject=subject, arch=arch, near=", ".join(near)
            )
        raise InputError.from_code("runtime.unsupported_arch", subject=subject, arch=arch)
    if arch in NOT_TEXT_GENERATION:
        raise InputError(
            f"{subject} is {NOT_TEXT_GENERATION[arch]} ('{arch}'), not a model that "
            "generates text.",
            "Choose a chat or instruct model.",
        )
