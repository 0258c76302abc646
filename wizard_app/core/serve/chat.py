"""The chat format a served model is prompted in: the one the app's own runs use.

A file with ``tokenizer.chat_template`` keeps it (llama-cpp-python's server applies it).
A file without one would get llama-cpp-python's last resort, Llama 2's format, and a Gemma
prompted that way answers with nothing; so the server process chooses as the worker does
(``runtime.chat_formats.choose``, from the vocabulary's special tokens and the
architecture) and renders the same template (``register``), with the model's own BOS and
EOS tokens. llama.cpp reads the file only in that process, never in the app's. The choice
is one line of the server's log (``log_line``), which the app reads back (``from_log``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wizard_app.core.runtime import chat_formats

log = logging.getLogger(__name__)

HANDLER_PREFIX = "wizard-"  # the name the server knows the app's format by
LOG_PREFIX = "wizard chat format: "
TEMPLATE = "template"  # the file's own chat template


@dataclass(frozen=True)
class ServedChat:
    name: str  # a runtime.chat_formats name, or TEMPLATE
    reason: str = ""  # why that format (for a file without a template)

    @property
    def is_fallback(self) -> bool:
        return self.name != TEMPLATE


def choose(path: Path) -> ServedChat:
    """The file's template, or the worker's choice for a file without one (loads llama.cpp)."""
    import llama_cpp
    from llama_cpp._utils import suppress_stdout_stderr

    # the vocabulary alone, no weights; llama.cpp's notes about it kept out of the log
    with suppress_stdout_stderr(disable=False):
        llm = llama_cpp.Llama(model_path=str(path), vocab_only=True, verbose=False)
    try:
        if llm.metadata.get("tokenizer.chat_template"):
            return ServedChat(TEMPLATE)
        arch = str(llm.metadata.get("general.architecture", ""))
        tokenizer = str(llm.metadata.get("tokenizer.ggml.model", ""))
        chosen = chat_formats.choose(arch, tokenizer, lambda text: _single_token(llm, text))
        return ServedChat(chosen.name, chosen.reason)
    finally:
        llm.close()


def _single_token(llm: Any, text: str) -> bool:
    try:
        return len(llm.tokenize(text.encode("utf-8"), add_bos=False, special=True)) == 1
    except (RuntimeError, ValueError):
        return False


def log_line(chat: ServedChat) -> str:
    return f"{LOG_PREFIX}{chat.name}; {chat.reason}".rstrip("; ")


def from_log(text: str) -> ServedChat | None:
    """The choice the server wrote to its log, or None (not written yet, an older server)."""
    for line in text.splitlines():
        if line.startswith(LOG_PREFIX):
            name, _, reason = line[len(LOG_PREFIX) :].partition("; ")
            return ServedChat(name.strip(), reason.strip())
    return None


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
