"""The chat format a served model is prompted in: the one the app's own runs use.

A file with ``tokenizer.chat_template`` keeps it (llama-cpp-python's server applies it).
A file without one would get llama-cpp-python's last resort, Llama 2's format, and a Gemma
prompted that way answers with nothing; so the format is chosen as the worker chooses it
(``runtime.chat_formats.choose``, from the vocabulary's special tokens and the
architecture), and the server process renders the same template
(``register``), with the model's own BOS and EOS tokens.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from wizard_app.core.runtime import chat_formats

log = logging.getLogger(__name__)

HANDLER_PREFIX = "wizard-"  # the name the server knows the app's format by


def fallback_format(path: Path, has_template: bool) -> chat_formats.ChatFormat | None:
    """None when the file has its own template; else the worker's choice for it."""
    if has_template:
        return None
    import llama_cpp
    from llama_cpp._utils import suppress_stdout_stderr

    try:  # the vocabulary alone: no weights; llama.cpp's notes about it kept off the terminal
        with suppress_stdout_stderr(disable=False):
            llm = llama_cpp.Llama(model_path=str(path), vocab_only=True, verbose=False)
    except (ValueError, RuntimeError, OSError) as exc:
        log.warning("cannot read the vocabulary of %s: %s", path, exc)
        return chat_formats.choose("", "", lambda _text: False)
    try:
        arch = str(llm.metadata.get("general.architecture", ""))
        tokenizer = str(llm.metadata.get("tokenizer.ggml.model", ""))
        return chat_formats.choose(arch, tokenizer, lambda text: _single_token(llm, text))
    finally:
        llm.close()


def _single_token(llm: Any, text: str) -> bool:
    try:
        return len(llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)) == 1
    except (RuntimeError, ValueError):
        return False


def register(name: str) -> str:
    """Make the app's ``name`` format known to llama-cpp-python; returns its handler name."""
    from llama_cpp import llama_chat_format

    template = chat_formats.TEMPLATES[name]
    handlers: dict[int, Any] = {}  # one formatter per loaded model (its BOS and EOS)

    def handler(*, llama: Any, **kwargs: Any) -> Any:
        built = handlers.get(id(llama))
        if built is None:
            eos, bos = llama.token_eos(), llama.token_bos()
            built = llama_chat_format.Jinja2ChatFormatter(
                template=template,
                eos_token=_token_text(llama, eos),
                bos_token=_token_text(llama, bos),
                stop_token_ids=[eos] if eos >= 0 else None,
            ).to_chat_handler()
            handlers[id(llama)] = built
        return built(llama=llama, **kwargs)

    registered = HANDLER_PREFIX + name
    registry = llama_chat_format.LlamaChatCompletionHandlerRegistry()  # type: ignore[no-untyped-call]
    registry.register_chat_completion_handler(registered, handler, overwrite=True)
    return registered


def _token_text(llm: Any, token: int) -> str:
    return str(llm._model.token_get_text(token)) if token >= 0 else ""
