"""The generated test models: ``wizard_app.core.runtime.synthetic`` writes them (the app
also times llama.cpp on such files for its machine profile); the fixtures in
``tests/conftest.py`` build the tiny ones once per session."""

from wizard_app.core.runtime.synthetic import (
    CHATML_TEMPLATE,
    TINY_BPE,
    TINY_CHAT,
    TINY_GQA,
    TINY_Q8,
    TINY_SPM,
    ModelSpec,
    WeightType,
    build_gguf,
    build_model_of_size,
    spec_for_size,
)

__all__ = [
    "CHATML_TEMPLATE",
    "TINY_BPE",
    "TINY_CHAT",
    "TINY_GQA",
    "TINY_Q8",
    "TINY_SPM",
    "ModelSpec",
    "WeightType",
    "build_gguf",
    "build_model_of_size",
    "spec_for_size",
]
