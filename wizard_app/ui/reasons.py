"""The recommender's reasons in the user's language.

The core gives every sentence as a ``Reason``: a stable code, its parameters and the
English text. Here each code has a translatable template with the same ``{named}``
placeholders; code-valued parameters (use case, language, verdict, ...) are put into
words with the UI's own labels, and numbers get the locale's decimal sign. A code this
table does not know (a newer core, an old saved result) falls back to the English text.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from wizard_app.core.recommend.reasons import Reason, split_list
from wizard_app.ui import labels

# The same templates as wizard_app.core.recommend.reasons.TEMPLATES (a test keeps them equal).
TEMPLATES: dict[str, Any] = {
    "exclude.no_gguf": QT_TRANSLATE_NOOP(
        "Reason",
        "No GGUF file to run: {why}",
    ),
    "exclude.no_gguf.alternative": QT_TRANSLATE_NOOP(
        "Reason",
        "No GGUF file to run: {why} Run {alternative} instead.",
    ),
    "exclude.licence.commercial": QT_TRANSLATE_NOOP(
        "Reason",
        "Licence {licence} does not allow commercial use (commercial use: {commercial}).",
    ),
    "exclude.licence.unrestricted": QT_TRANSLATE_NOOP(
        "Reason",
        "Licence {licence} does not allow unrestricted use (commercial use: {commercial}).",
    ),
    "exclude.licence": QT_TRANSLATE_NOOP(
        "Reason",
        "Licence {licence} does not allow {required} (commercial use: {commercial}).",
    ),
    "exclude.not_fully_open": QT_TRANSLATE_NOOP(
        "Reason",
        "Not fully open: {closed} not public.",
    ),
    "exclude.weights_closed": QT_TRANSLATE_NOOP(
        "Reason",
        "Weights are not openly available.",
    ),
    "exclude.language": QT_TRANSLATE_NOOP(
        "Reason",
        "Does not list {language} among its languages ({languages}).",
    ),
    "exclude.context": QT_TRANSLATE_NOOP(
        "Reason",
        "Trained for {trained} tokens of context; you asked for {context}.",
    ),
    "exclude.too_slow": QT_TRANSLATE_NOOP(
        "Reason",
        "Too slow here: about {tokens_per_s:.1f} tokens/s at {quant}, below the"
        " {min_speed:g} tokens/s a {priority} choice needs.",
    ),
    "exclude.too_slow.quality_hint": QT_TRANSLATE_NOOP(
        "Reason",
        "Too slow here: about {tokens_per_s:.1f} tokens/s at {quant}, below the"
        " {min_speed:g} tokens/s a {priority} choice needs. Choose the quality "
        "priority to include it.",
    ),
    "exclude.too_big": QT_TRANSLATE_NOOP(
        "Reason",
        "Too big for this machine: even {quant} needs about {need_gib:.1f} GiB "
        "at {context} tokens of context; {ram_gib:.1f} GiB of RAM usable.",
    ),
    "exclude.too_big.gpu": QT_TRANSLATE_NOOP(
        "Reason",
        "Too big for this machine: even {quant} needs about {need_gib:.1f} GiB "
        "at {context} tokens of context; {ram_gib:.1f} GiB of RAM and "
        "{gpu_gib:.1f} GiB of GPU memory usable.",
    ),
    "exclude.disk": QT_TRANSLATE_NOOP(
        "Reason",
        "Not enough disk space: {files}; {limit_gb:.1f} GB available for models.",
    ),
    "pick.evidence.direct": QT_TRANSLATE_NOOP(
        "Reason",
        "Published results for {use_case}: {scores}.",
    ),
    "pick.evidence.related": QT_TRANSLATE_NOOP(
        "Reason",
        "No published score for {use_case}; judged from related results: {scores}.",
    ),
    "pick.evidence.size_prior": QT_TRANSLATE_NOOP(
        "Reason",
        "No published score for {use_case} in the catalog: quality is judged "
        "from its size ({size_b:g}B), below models with good results.",
    ),
    "pick.strength": QT_TRANSLATE_NOOP(
        "Reason",
        "Made for {use_case}.",
    ),
    "pick.base_model": QT_TRANSLATE_NOOP(
        "Reason",
        "A base model, not tuned to follow instructions.",
    ),
    "pick.fit": QT_TRANSLATE_NOOP(
        "Reason",
        "{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at "
        "{context} tokens: {verdict}.",
    ),
    "pick.fit.speed": QT_TRANSLATE_NOOP(
        "Reason",
        "{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at "
        "{context} tokens: {verdict}, about {tokens_per_s:g} tokens/s.",
    ),
    "pick.fit.split": QT_TRANSLATE_NOOP(
        "Reason",
        "{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at "
        "{context} tokens: {verdict} ({gpu_layers} of {layers} layers on the "
        "GPU).",
    ),
    "pick.fit.split.speed": QT_TRANSLATE_NOOP(
        "Reason",
        "{quant} ({file_gb:.1f} GB file) needs about {memory_gib:.1f} GiB at "
        "{context} tokens: {verdict} ({gpu_layers} of {layers} layers on the "
        "GPU), about {tokens_per_s:g} tokens/s.",
    ),
    "pick.quant_tradeoff.gpu": QT_TRANSLATE_NOOP(
        "Reason",
        "{quant} fits wholly on the GPU: about {tokens_per_s:g} tokens/s instead of "
        "{other_tps:g} for {other_quant} ({other_verdict}).",
    ),
    "pick.quant_tradeoff": QT_TRANSLATE_NOOP(
        "Reason",
        "{quant} rather than {other_quant}: about {tokens_per_s:g} tokens/s instead of "
        "{other_tps:g}, for a small loss in quality.",
    ),
    "pick.below_floor": QT_TRANSLATE_NOOP(
        "Reason",
        "{quant} is below {floor}, used because no {floor} or larger file fits here at "
        "a usable speed.",
    ),
    "pick.below_floor.gpu": QT_TRANSLATE_NOOP(
        "Reason",
        "{quant} runs wholly on the GPU, which no {floor} or larger file does: about "
        "{tokens_per_s:g} tokens/s instead of {other_tps:g} for {other_quant} "
        "({other_verdict}).",
    ),
    "pick.low_quant": QT_TRANSLATE_NOOP(
        "Reason",
        "{quant} is a strong compression; answers lose some quality.",
    ),
    "pick.licence": QT_TRANSLATE_NOOP(
        "Reason",
        "Licence {licence}: {terms}.",
    ),
    "pick.licence.gated": QT_TRANSLATE_NOOP(
        "Reason",
        "Licence {licence}: {terms}; accept the licence on Hugging Face before downloading.",
    ),
    "pick.fully_open": QT_TRANSLATE_NOOP(
        "Reason",
        "Fully open: training data, code and metrics are public.",
    ),
    "pick.language": QT_TRANSLATE_NOOP(
        "Reason",
        "Lists {language} among its languages.",
    ),
    "pick.limited_context": QT_TRANSLATE_NOOP(
        "Reason",
        "Limited to {context} tokens of context (trained length), less than the"
        " {wanted} assumed for this use.",
    ),
    "upgrade": QT_TRANSLATE_NOOP(
        "Reason",
        "For about {price:g} USD, {option} runs {model} at {quant} ({verdict}).",
    ),
    "upgrade.speed": QT_TRANSLATE_NOOP(
        "Reason",
        "For about {price:g} USD, {option} runs {model} at {quant} ({verdict}, "
        "about {tokens_per_s:g} tokens/s).",
    ),
    "assume.memory": QT_TRANSLATE_NOOP(
        "Reason",
        "Memory is estimated at {context} tokens of context with an f16 KV cache.",
    ),
    "assume.speed": QT_TRANSLATE_NOOP(
        "Reason",
        "Speed is estimated from memory bandwidth (generation is memory-bound);"
        " it is calibrated by real runs on this machine.",
    ),
    "assume.ram_given": QT_TRANSLATE_NOOP(
        "Reason",
        "RAM was given, not measured: part of it is kept for the operating system.",
    ),
    "assume.not_detected": QT_TRANSLATE_NOOP(
        "Reason",
        "Not detected: {details}.",
    ),
    "assume.overridden": QT_TRANSLATE_NOOP(
        "Reason",
        "Given by you instead of detected: {fields}.",
    ),
    "assume.planned": QT_TRANSLATE_NOOP(
        "Reason",
        "Planning another machine: only the figures you gave are used, nothing of this one.",
    ),
    "assume.detected": QT_TRANSLATE_NOOP(
        "Reason",
        "Detected on this machine: {fields}.",
    ),
    "assume.gpu_bandwidth": QT_TRANSLATE_NOOP(
        "Reason",
        "GPU memory bandwidth of {gpu}: {gbs:g} GB/s, published ({source}).",
    ),
    "assume.gpu_bandwidth_unknown": QT_TRANSLATE_NOOP(
        "Reason",
        "No published memory bandwidth is known for {gpu}: speed assumes {gbs:g} GB/s; "
        "give --gpu-name or --gpu-bandwidth-gbs.",
    ),
    "assume.gpu_split": QT_TRANSLATE_NOOP(
        "Reason",
        "{count} GPUs share each model: whole layers split by free memory, as llama.cpp "
        "does; each card keeps its own context, compute buffer and margin.",
    ),
    "assume.laptop": QT_TRANSLATE_NOOP(
        "Reason",
        "A laptop: upgrades leave out desktop graphics cards and memory kits.",
    ),
}

# Words for code-valued parameters that ``labels`` has no fitting form for.
_VERDICTS: dict[str, Any] = {
    "gpu": QT_TRANSLATE_NOOP("Reason", "fits on the GPU"),
    "split": QT_TRANSLATE_NOOP("Reason", "split between GPU and CPU"),
    "cpu": QT_TRANSLATE_NOOP("Reason", "runs on the CPU only"),
    "no_fit": QT_TRANSLATE_NOOP("Reason", "does not fit"),
}
_TERMS: dict[str, Any] = {
    "yes": QT_TRANSLATE_NOOP("Reason", "commercial use allowed"),
    "restricted": QT_TRANSLATE_NOOP("Reason", "commercial use with restrictions"),
    "no": QT_TRANSLATE_NOOP("Reason", "no commercial use"),
}
_COMMERCIAL: dict[str, Any] = {
    "yes": QT_TRANSLATE_NOOP("Reason", "yes"),
    "restricted": QT_TRANSLATE_NOOP("Reason", "restricted"),
    "no": QT_TRANSLATE_NOOP("Reason", "no"),
}
_REQUIRED: dict[str, Any] = {
    "commercial": QT_TRANSLATE_NOOP("Reason", "commercial use"),
    "unrestricted": QT_TRANSLATE_NOOP("Reason", "unrestricted use"),
}


def _t(text: object) -> str:
    return QCoreApplication.translate("Reason", str(text))


def _from(table: dict[str, Any]) -> Callable[[str], str]:
    return lambda code: _t(table[code]) if code in table else code


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


_WORDS: dict[str, Callable[[str], str]] = {
    "use_case": lambda key: labels.use_case_label(key).lower(),
    "language": labels.language_name,
    "languages": lambda v: ", ".join(labels.language_name(c) for c in split_list(v)),
    "closed": lambda v: ", ".join(_lower_first(labels.openness_label(c)) for c in split_list(v)),
    "verdict": _from(_VERDICTS),
    "other_verdict": _from(_VERDICTS),
    "terms": _from(_TERMS),
    "commercial": _from(_COMMERCIAL),
    "required": _from(_REQUIRED),
    "priority": lambda code: labels.priority_label(code).lower(),
}


class _LocaleFormatter(string.Formatter):
    """``str.format`` with the locale's decimal sign for numbers."""

    def __init__(self) -> None:
        self.point = QLocale().decimalPoint()

    def format_field(self, value: Any, format_spec: str) -> str:
        text = format(value, format_spec)
        if isinstance(value, float) and self.point != ".":
            text = text.replace(".", self.point)
        return text


def reason_text(reason: Reason) -> str:
    """``reason`` in the UI's language; its English text for a code without a template."""
    template = TEMPLATES.get(reason.code)
    if template is None:
        return reason.text
    shown: dict[str, Any] = dict(reason.params)
    for key, value in reason.params.items():
        words = _WORDS.get(key)
        if words is not None:
            shown[key] = words(str(value))
    try:
        return _LocaleFormatter().format(_t(template), **shown)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return reason.text


def reason_texts(codes: Sequence[Reason], fallback: Sequence[str]) -> list[str]:
    """The translated reasons; ``fallback`` (English) when there are no codes (old results)."""
    if not codes:
        return list(fallback)
    return [reason_text(r) for r in codes]


def reason_or(code: Reason | None, fallback: str) -> str:
    return reason_text(code) if code is not None else fallback
