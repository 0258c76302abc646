"""Translated names for the core's codes: use cases, verdicts, licences, languages.

Tables hold ``QT_TRANSLATE_NOOP`` markers so lupdate finds the strings; the functions
translate them at call time, so a change of language needs no restart of this module.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# The use cases the core knows (wizard_app.core.catalog.schema.USE_CASES), in the order
# the wizard lists them, each with a one-line description.
USE_CASES: dict[str, Any] = {
    "chat": (
        QT_TRANSLATE_NOOP("UseCase", "Chat and everyday questions"),
        QT_TRANSLATE_NOOP("UseCase", "An assistant for questions, advice, planning and writing."),
    ),
    "coding": (
        QT_TRANSLATE_NOOP("UseCase", "Coding"),
        QT_TRANSLATE_NOOP("UseCase", "Write, explain and review code."),
    ),
    "math": (
        QT_TRANSLATE_NOOP("UseCase", "Maths"),
        QT_TRANSLATE_NOOP("UseCase", "Step-by-step calculations and word problems."),
    ),
    "medical": (
        QT_TRANSLATE_NOOP("UseCase", "Medical questions"),
        QT_TRANSLATE_NOOP(
            "UseCase", "Health information for reading up; never a replacement for a doctor."
        ),
    ),
    "summarize": (
        QT_TRANSLATE_NOOP("UseCase", "Summarising"),
        QT_TRANSLATE_NOOP("UseCase", "Turn long texts, notes and articles into short ones."),
    ),
    "creative": (
        QT_TRANSLATE_NOOP("UseCase", "Creative writing"),
        QT_TRANSLATE_NOOP("UseCase", "Stories, poems and playful text."),
    ),
    "reasoning": (
        QT_TRANSLATE_NOOP("UseCase", "Reasoning and puzzles"),
        QT_TRANSLATE_NOOP("UseCase", "Logic, planning and problems that need thinking through."),
    ),
    "multilingual": (
        QT_TRANSLATE_NOOP("UseCase", "Other languages and translation"),
        QT_TRANSLATE_NOOP("UseCase", "Work in or between languages other than English."),
    ),
    "research": (
        QT_TRANSLATE_NOOP("UseCase", "Research and other domains"),
        QT_TRANSLATE_NOOP("UseCase", "Comparing approaches, planning studies, specialist topics."),
    ),
}

VERDICTS: dict[str, Any] = {
    "gpu": (
        QT_TRANSLATE_NOOP("Verdict", "Fits on GPU"),
        QT_TRANSLATE_NOOP("Verdict", "The whole model fits in GPU memory: the fastest way."),
    ),
    "split": (
        QT_TRANSLATE_NOOP("Verdict", "Split GPU/CPU"),
        QT_TRANSLATE_NOOP(
            "Verdict", "Part of the model runs on the GPU, the rest from system memory."
        ),
    ),
    "cpu": (
        QT_TRANSLATE_NOOP("Verdict", "CPU only"),
        QT_TRANSLATE_NOOP("Verdict", "Runs from system memory on the processor."),
    ),
    "no_fit": (
        QT_TRANSLATE_NOOP("Verdict", "Too big"),
        QT_TRANSLATE_NOOP("Verdict", "Needs more memory than this machine has available."),
    ),
}

COMMERCIAL: dict[str, Any] = {
    "yes": QT_TRANSLATE_NOOP("Licence", "Commercial use allowed"),
    "restricted": QT_TRANSLATE_NOOP("Licence", "Commercial use with restrictions"),
    "no": QT_TRANSLATE_NOOP("Licence", "No commercial use"),
}

LICENCE_CHOICES: dict[str, Any] = {
    "any": QT_TRANSLATE_NOOP("Licence", "Any licence (personal use)"),
    "commercial": QT_TRANSLATE_NOOP("Licence", "Must allow commercial use"),
    "unrestricted": QT_TRANSLATE_NOOP("Licence", "Commercial use without restrictions"),
}

OPENNESS: dict[str, Any] = {
    "training_data": QT_TRANSLATE_NOOP("Openness", "Training data"),
    "weights": QT_TRANSLATE_NOOP("Openness", "Weights"),
    "evaluation_code": QT_TRANSLATE_NOOP("Openness", "Evaluation code"),
    "finetuning_code": QT_TRANSLATE_NOOP("Openness", "Fine-tuning code"),
    "training_metrics": QT_TRANSLATE_NOOP("Openness", "Training metrics"),
}

PRIORITIES: dict[str, Any] = {
    "speed": QT_TRANSLATE_NOOP("Priority", "Speed"),
    "balanced": QT_TRANSLATE_NOOP("Priority", "Balanced"),
    "quality": QT_TRANSLATE_NOOP("Priority", "Quality"),
}

GPU_VENDORS: dict[str, Any] = {
    "none": QT_TRANSLATE_NOOP("Gpu", "No GPU"),
    "nvidia": QT_TRANSLATE_NOOP("Gpu", "NVIDIA"),
    "amd": QT_TRANSLATE_NOOP("Gpu", "AMD"),
    "apple": QT_TRANSLATE_NOOP("Gpu", "Apple Silicon (unified memory)"),
    "intel": QT_TRANSLATE_NOOP("Gpu", "Intel"),
}

LANGUAGES: dict[str, Any] = {
    "en": QT_TRANSLATE_NOOP("Language", "English"),
    "nl": QT_TRANSLATE_NOOP("Language", "Dutch"),
    "de": QT_TRANSLATE_NOOP("Language", "German"),
    "fr": QT_TRANSLATE_NOOP("Language", "French"),
    "es": QT_TRANSLATE_NOOP("Language", "Spanish"),
    "it": QT_TRANSLATE_NOOP("Language", "Italian"),
    "pt": QT_TRANSLATE_NOOP("Language", "Portuguese"),
    "ja": QT_TRANSLATE_NOOP("Language", "Japanese"),
    "zh": QT_TRANSLATE_NOOP("Language", "Chinese"),
    "ko": QT_TRANSLATE_NOOP("Language", "Korean"),
    "ru": QT_TRANSLATE_NOOP("Language", "Russian"),
    "ar": QT_TRANSLATE_NOOP("Language", "Arabic"),
    "hi": QT_TRANSLATE_NOOP("Language", "Hindi"),
    "pl": QT_TRANSLATE_NOOP("Language", "Polish"),
    "tr": QT_TRANSLATE_NOOP("Language", "Turkish"),
    "vi": QT_TRANSLATE_NOOP("Language", "Vietnamese"),
    "id": QT_TRANSLATE_NOOP("Language", "Indonesian"),
    "uk": QT_TRANSLATE_NOOP("Language", "Ukrainian"),
    "cs": QT_TRANSLATE_NOOP("Language", "Czech"),
    "sv": QT_TRANSLATE_NOOP("Language", "Swedish"),
    # the other languages catalog models list (names as in core.languages)
    "bn": QT_TRANSLATE_NOOP("Language", "Bengali"),
    "bg": QT_TRANSLATE_NOOP("Language", "Bulgarian"),
    "ca": QT_TRANSLATE_NOOP("Language", "Catalan"),
    "hr": QT_TRANSLATE_NOOP("Language", "Croatian"),
    "da": QT_TRANSLATE_NOOP("Language", "Danish"),
    "et": QT_TRANSLATE_NOOP("Language", "Estonian"),
    "fil": QT_TRANSLATE_NOOP("Language", "Filipino"),
    "fi": QT_TRANSLATE_NOOP("Language", "Finnish"),
    "el": QT_TRANSLATE_NOOP("Language", "Greek"),
    "gu": QT_TRANSLATE_NOOP("Language", "Gujarati"),
    "he": QT_TRANSLATE_NOOP("Language", "Hebrew"),
    "hu": QT_TRANSLATE_NOOP("Language", "Hungarian"),
    "is": QT_TRANSLATE_NOOP("Language", "Icelandic"),
    "kn": QT_TRANSLATE_NOOP("Language", "Kannada"),
    "lv": QT_TRANSLATE_NOOP("Language", "Latvian"),
    "lt": QT_TRANSLATE_NOOP("Language", "Lithuanian"),
    "ml": QT_TRANSLATE_NOOP("Language", "Malayalam"),
    "mr": QT_TRANSLATE_NOOP("Language", "Marathi"),
    "no": QT_TRANSLATE_NOOP("Language", "Norwegian"),
    "fa": QT_TRANSLATE_NOOP("Language", "Persian"),
    "pa": QT_TRANSLATE_NOOP("Language", "Punjabi"),
    "ro": QT_TRANSLATE_NOOP("Language", "Romanian"),
    "sr": QT_TRANSLATE_NOOP("Language", "Serbian"),
    "sk": QT_TRANSLATE_NOOP("Language", "Slovak"),
    "sl": QT_TRANSLATE_NOOP("Language", "Slovenian"),
    "sw": QT_TRANSLATE_NOOP("Language", "Swahili"),
    "ta": QT_TRANSLATE_NOOP("Language", "Tamil"),
    "te": QT_TRANSLATE_NOOP("Language", "Telugu"),
    "th": QT_TRANSLATE_NOOP("Language", "Thai"),
    "ur": QT_TRANSLATE_NOOP("Language", "Urdu"),
    "zu": QT_TRANSLATE_NOOP("Language", "Zulu"),
}


def _t(context: str, text: object) -> str:
    return QCoreApplication.translate(context, str(text))


def use_case_label(key: str) -> str:
    pair = USE_CASES.get(key)
    return _t("UseCase", pair[0]) if pair else key


def use_case_description(key: str) -> str:
    pair = USE_CASES.get(key)
    return _t("UseCase", pair[1]) if pair else ""


def verdict_label(verdict: str) -> str:
    pair = VERDICTS.get(verdict)
    return _t("Verdict", pair[0]) if pair else verdict


def verdict_description(verdict: str) -> str:
    pair = VERDICTS.get(verdict)
    return _t("Verdict", pair[1]) if pair else ""


def commercial_label(code: str) -> str:
    return _t("Licence", COMMERCIAL[code]) if code in COMMERCIAL else code


def licence_choice_label(code: str) -> str:
    return _t("Licence", LICENCE_CHOICES[code])


def openness_label(criterion: str) -> str:
    return _t("Openness", OPENNESS.get(criterion, criterion))


def priority_label(code: str) -> str:
    return _t("Priority", PRIORITIES.get(code, code))


def gpu_label(code: str) -> str:
    return _t("Gpu", GPU_VENDORS.get(code, code))


def language_name(code: str) -> str:
    text = LANGUAGES.get(code)
    return _t("Language", text) if text else code
