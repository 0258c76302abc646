"""Why a model was picked or left out, as stable codes with parameters and English text.

Every sentence the recommender writes comes from ``TEMPLATES`` through ``reason``, so the
English text (CLI, JSON, tests) and the code with its parameters (for a translated UI) can
never disagree. Parameters hold names, numbers and codes (use-case keys, ISO language
codes, verdicts); ``words`` gives the English words for the code-valued ones, and a UI
gives its own translations for the same parameter names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import BaseModel

from wizard_app.core.languages import LANGUAGE_NAMES as ISO_LANGUAGE_NAMES
from wizard_app.core.translatable import QT_TRANSLATE_NOOP

Param = str | int | float

# code -> English template; the UI translates them under the context "Reason"
# (core/translatable.py).
TEMPLATES: dict[str, str] = {
    # --- left out ---
    "exclude.no_gguf": QT_TRANSLATE_NOOP("Reason", "No GGUF file to run: {why}"),
    "exclude.no_gguf.alternative": QT_TRANSLATE_NOOP(
        "Reason", "No GGUF file to run: {why} Run {alternative} instead."
    ),
    "exclude.licence.commercial": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Licence {licence} does not allow commercial use (commercial use: {commercial}).",
        )
    ),
    "exclude.licence.unrestricted": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Licence {licence} does not allow unrestricted use (commercial use: {commercial}).",
        )
    ),
    "exclude.licence": (
        QT_TRANSLATE_NOOP(
            "Reason", "Licence {licence} does not allow {required} (commercial use: {commercial})."
        )
    ),
    "exclude.not_fully_open": QT_TRANSLATE_NOOP("Reason", "Not fully open: {closed} not public."),
    "exclude.weights_closed": QT_TRANSLATE_NOOP("Reason", "Weights are not openly available."),
    "exclude.language": QT_TRANSLATE_NOOP(
        "Reason", "Does not list {language} among its languages ({languages})."
    ),
    "exclude.context": QT_TRANSLATE_NOOP(
        "Reason", "Trained for {trained} tokens of context; you asked for {context}."
    ),
    "exclude.too_slow": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Too slow here: about {tokens_per_s:.1f} tokens/s at {quant}, below the "
            "{min_speed:g} tokens/s a {priority} choice needs.",
        )
    ),
    "exclude.too_slow.quality_hint": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Too slow here: about {tokens_per_s:.1f} tokens/s at {quant}, below the "
            "{min_speed:g} tokens/s a {priority} choice needs. "
            "Choose the quality priority to include it.",
        )
    ),
    "exclude.too_big": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Too big for this machine: even {quant} needs about {need_gib:.1f} GiB at {context} "
            "tokens of context; {ram_gib:.1f} GiB of RAM usable.",
        )
    ),
    "exclude.too_big.gpu": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Too big for this machine: even {quant} needs about {need_gib:.1f} GiB at {context} "
            "tokens of context; {ram_gib:.1f} GiB of RAM and {gpu_gib:.1f} GiB of GPU memory "
            "usable.",
        )
    ),
    "exclude.disk": QT_TRANSLATE_NOOP(
        "Reason", "Not enough disk space: {files}; {limit_gb:.1f} GB available for models."
    ),
    # --- picked ---
    "pick.evidence.direct": QT_TRANSLATE_NOOP(
        "Reason", "Published results for {use_case}: {scores}."
    ),
    "pick.evidence.related": (
        QT_TRANSLATE_NOOP(
            "Reason", "No published score for {use_case}; judged from related results: {scores}."
        )
    ),
    "pick.evidence.size_prior": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "No published score for {use_case} in the catalog: quality is judged from its "
            "size ({size_b:g}B), below models with good results.",
        )
    ),
    "pick.strength": QT_TRANSLATE_NOOP("Reason", "Made for {use_case}."),
    "pick.base_model": QT_TRANSLATE_NOOP(
        "Reason", "A base model, not tuned to follow instructions."
    ),
    "pick.fit": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at {context} tokens: "
            "{verdict}.",
        )
    ),
    "pick.fit.speed": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at {context} tokens: "
            "{verdict}, about {tokens_per_s:g} tokens/s.",
        )
    ),
    "pick.fit.split": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at {context} tokens: "
            "{verdict} ({gpu_layers} of {layers} layers on the GPU).",
        )
    ),
    "pick.fit.split.speed": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at {context} tokens: "
            "{verdict} ({gpu_layers} of {layers} layers on the GPU), about {tokens_per_s:g} "
            "tokens/s.",
        )
    ),
    "pick.quant_tradeoff.gpu": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{quant} fits wholly on the GPU: about {tokens_per_s:g} tokens/s instead of "
            "{other_tps:g} for {other_quant} ({other_verdict}).",
        )
    ),
    "pick.quant_tradeoff.quality": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{quant} chosen for quality over speed: {faster_quant} would fit wholly on the GPU "
            "at about {faster_tps:g} tokens/s.",
        )
    ),
    "pick.quant_tradeoff": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{quant} rather than {other_quant}: about {tokens_per_s:g} tokens/s instead of "
            "{other_tps:g}, for a small loss in quality.",
        )
    ),
    "pick.below_floor": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{quant} is below {floor}, used because no {floor} or larger file fits here at a "
            "usable speed.",
        )
    ),
    "pick.below_floor.gpu": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{quant} runs wholly on the GPU, which no {floor} or larger file does: about "
            "{tokens_per_s:g} tokens/s instead of {other_tps:g} for {other_quant} "
            "({other_verdict}).",
        )
    ),
    "pick.low_quant": QT_TRANSLATE_NOOP(
        "Reason", "{quant} is a strong compression; answers lose some quality."
    ),
    "pick.licence": QT_TRANSLATE_NOOP("Reason", "Licence {licence}: {terms}."),
    "pick.licence.gated": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Licence {licence}: {terms}; accept the licence on Hugging Face before downloading.",
        )
    ),
    "pick.fully_open": QT_TRANSLATE_NOOP(
        "Reason", "Fully open: training data, code and metrics are public."
    ),
    "pick.language": QT_TRANSLATE_NOOP("Reason", "Lists {language} among its languages."),
    "pick.limited_context": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Limited to {context} tokens of context (trained length), "
            "less than the {wanted} assumed for this use.",
        )
    ),
    # --- upgrades ---
    "upgrade": QT_TRANSLATE_NOOP(
        "Reason", "For about {price:g} USD, {option} runs {model} at {quant} ({verdict})."
    ),
    "upgrade.speed": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "For about {price:g} USD, {option} runs {model} at {quant} "
            "({verdict}, about {tokens_per_s:g} tokens/s).",
        )
    ),
    # --- assumptions ---
    "assume.memory": QT_TRANSLATE_NOOP(
        "Reason", "Memory is estimated at {context} tokens of context with an f16 KV cache."
    ),
    "assume.speed": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Speed is estimated from memory bandwidth (generation is memory-bound); "
            "it is calibrated by real runs on this machine.",
        )
    ),
    "assume.speed.unmeasured": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Speed is estimated from memory bandwidth (generation is memory-bound) with "
            "typical figures for the CPU: no measurement of this CPU was used.",
        )
    ),
    "assume.speed.planned": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Speed is estimated from memory bandwidth (generation is memory-bound) and "
            "published figures: the planned machine has not been measured.",
        )
    ),
    "assume.ram_given": QT_TRANSLATE_NOOP(
        "Reason", "RAM was given, not measured: part of it is kept for the operating system."
    ),
    "assume.not_detected": QT_TRANSLATE_NOOP("Reason", "Not detected: {details}."),
    "assume.overridden": QT_TRANSLATE_NOOP("Reason", "Given by you instead of detected: {fields}."),
    "assume.planned": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "Planning another machine: only the figures you gave are used, nothing of this one.",
        )
    ),
    "assume.detected": QT_TRANSLATE_NOOP("Reason", "Detected on this machine: {fields}."),
    "assume.gpu_bandwidth": QT_TRANSLATE_NOOP(
        "Reason", "GPU memory bandwidth of {gpu}: {gbs:g} GB/s, published ({source})."
    ),
    "assume.gpu_bandwidth_unknown": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "No published memory bandwidth is known for {gpu}: speed assumes {gbs:g} GB/s; give "
            "--gpu-name or --gpu-bandwidth-gbs.",
        )
    ),
    "assume.gpu_split": (
        QT_TRANSLATE_NOOP(
            "Reason",
            "{count} GPUs share each model: whole layers split by free memory, as llama.cpp "
            "does; each card keeps its own context, compute buffer and margin.",
        )
    ),
    "assume.laptop": QT_TRANSLATE_NOOP(
        "Reason", "A laptop: upgrades leave out desktop graphics cards and memory kits."
    ),
}

# Parameters whose values are codes; their English words come from ``english_words``.
LANGUAGE_NAMES = ISO_LANGUAGE_NAMES  # every code the catalog may use

VERDICT_WORDS = {
    "gpu": "fits on the GPU",
    "split": "split between GPU and CPU",
    "cpu": "runs on the CPU only",
    "no_fit": "does not fit",
}
COMMERCIAL_WORDS = {
    "yes": "commercial use allowed",
    "restricted": "commercial use with restrictions",
    "no": "no commercial use",
}
REQUIRED_WORDS = {"commercial": "commercial use", "unrestricted": "unrestricted use"}
# Lists of codes are joined with this in ``params`` (e.g. ``languages="en,nl"``).
LIST_SEP = ","


class Reason(BaseModel):
    """One sentence of explanation: a stable ``code``, its ``params`` and the English ``text``."""

    code: str
    params: dict[str, Param] = {}
    text: str


def split_list(value: Param) -> list[str]:
    return [v for v in str(value).split(LIST_SEP) if v]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def english_words(params: Mapping[str, Param]) -> dict[str, str]:
    """English words for the code-valued parameters (all but ``use_case``, see ``reason``)."""
    out: dict[str, str] = {}
    for key, value in params.items():
        v = str(value)
        if key == "language":
            out[key] = language_name(v)
        elif key == "languages":
            out[key] = ", ".join(language_name(c) for c in split_list(v))
        elif key == "closed":
            out[key] = ", ".join(c.replace("_", " ") for c in split_list(v))
        elif key in ("verdict", "other_verdict") and v in VERDICT_WORDS:
            out[key] = VERDICT_WORDS[v]
        elif key == "terms" and v in COMMERCIAL_WORDS:
            out[key] = COMMERCIAL_WORDS[v]
        elif key == "required":
            out[key] = REQUIRED_WORDS.get(v, v)
    return out


def reason(code: str, words: Mapping[str, str] | None = None, **params: Param) -> Reason:
    """The ``Reason`` for ``code``; ``words`` overrides how code-valued params read in English.

    Built with ``model_construct``: the recommender makes one per exclusion, for every
    variant left out, and everything here is already typed.
    """
    shown: dict[str, Param] = {**params, **english_words(params), **(words or {})}
    return Reason.model_construct(code=code, params=params, text=TEMPLATES[code].format(**shown))


def texts(reasons: Iterable[Reason]) -> list[str]:
    return [r.text for r in reasons]
