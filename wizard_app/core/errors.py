"""Errors the user can act on: each carries what went wrong and what to do.

An error may also carry a stable ``code`` with its ``params``; its English message and
remedy then come from ``TEMPLATES`` through ``WizardError.from_code``, so the text (CLI,
logs, tests) and the code (for a translated UI) can never disagree. Errors without a
code stay English everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from wizard_app.core.translatable import QT_TRANSLATE_NOOP

Param = str | int | float
_E = TypeVar("_E", bound="WizardError")

# code -> (message, remedy), English, with ``{named}`` placeholders; the UI translates them
# under the context "Error" (core/translatable.py).
TEMPLATES: dict[str, tuple[str, str]] = {
    "download.gated": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{repo} is a gated model: it needs a Hugging Face account that accepted its licence "
            "({status}).",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Open {page}, accept the licence while logged in, then put a Hugging Face access "
            "token (https://huggingface.co/settings/tokens) in the HF_TOKEN environment variable "
            "or run `huggingface-cli login` (`hf auth login`).",
        ),
    ),
    "download.gated.token": (
        QT_TRANSLATE_NOOP(
            "Error", "{repo} is a gated model: the token in use has no access to it ({status})."
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Open {page} while logged in, accept the licence, and make sure the token in use "
            "(HF_TOKEN, or the one saved by `huggingface-cli login`) belongs to that account.",
        ),
    ),
    "download.repo_not_found": (
        QT_TRANSLATE_NOOP("Error", "The repository {repo} was not found on {where}."),
        QT_TRANSLATE_NOOP(
            "Error",
            "Check the name. If the repository is private, put a Hugging Face access token "
            "(https://huggingface.co/settings/tokens) in the HF_TOKEN environment variable or run "
            "`huggingface-cli login` (`hf auth login`).",
        ),
    ),
    "download.repo_not_found.token": (
        QT_TRANSLATE_NOOP("Error", "The repository {repo} was not found on {where}."),
        QT_TRANSLATE_NOOP(
            "Error", "Check the name. If the repository is private, use a token with access."
        ),
    ),
    "download.revision_not_found": (
        QT_TRANSLATE_NOOP("Error", "The revision {revision} of {repo} was not found on {where}."),
        QT_TRANSLATE_NOOP(
            "Error", "Check the revision, or see the branches and commits at {page}."
        ),
    ),
    "download.file_not_found": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The file {filename} was not found in {repo} at revision {revision} on {where}.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Check the file name against the list at {page}/tree/{revision}."
        ),
    ),
    "download.no_space": (
        QT_TRANSLATE_NOOP(
            "Error",
            "Not enough free space in {folder}: {filename} needs {need} (with a {margin} margin) "
            "and {free} is free.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Free at least {missing} or choose another data folder with --data-dir."
        ),
    ),
    "download.disk_full": (
        QT_TRANSLATE_NOOP(
            "Error", "The disk holding {folder} is full: {kept} of {filename} are kept in {part}."
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Free at least {need} and run the download again; it resumes where it stopped."
        ),
    ),
    "download.checksum": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{filename} is corrupt: its sha256 is {digest}, expected {expected}. "
            "The downloaded file was deleted.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Run the download again; if it happens again, the file on the server or the "
            "catalog's checksum is wrong.",
        ),
    ),
    "download.checksum.hub": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The Hub's {filename} (commit {commit}) has sha256 {hub_sha}, but {expected} was "
            "expected: the repository changed since the catalog was written.",
        ),
        QT_TRANSLATE_NOOP("Error", "Download a pinned revision, or update the catalog entry."),
    ),
    "download.gave_up": (
        QT_TRANSLATE_NOOP(
            "Error",
            "Gave up on {filename} after {attempts} attempts: {cause} {kept} are kept in {part}.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Check the connection and run the download again; it resumes where it stopped."
        ),
    ),
    "download.gave_up.total": (
        QT_TRANSLATE_NOOP(
            "Error",
            "Gave up on {filename} after {attempts} attempts: {cause} {kept} of {total} are kept "
            "in {part}.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Check the connection and run the download again; it resumes where it stopped."
        ),
    ),
    "gguf.not_gguf": (
        QT_TRANSLATE_NOOP("Error", "{name} is not a GGUF file (its first bytes are not 'GGUF')."),
        "",
    ),
    "gguf.truncated": (
        QT_TRANSLATE_NOOP("Error", "{name} ends inside its own header."),
        "",
    ),
    "runtime.unsupported_arch": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{subject} uses the architecture '{arch}', which the installed llama.cpp "
            "(llama-cpp-python) does not support.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Choose another model, or a newer version of the app once llama.cpp supports it.",
        ),
    ),
    "runtime.load_unsupported_arch": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{name} uses the architecture '{arch}', which the installed llama.cpp does not "
            "support.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Choose another model, or a newer version of the app once llama.cpp supports it.",
        ),
    ),
    "runtime.load_out_of_memory": (
        QT_TRANSLATE_NOOP(
            "Error", "Not enough memory to load {name} with a context of {context:,} tokens."
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Choose a smaller context, a smaller quant, or close other programs."
        ),
    ),
    "runtime.load_failed": (
        QT_TRANSLATE_NOOP("Error", "llama.cpp could not load {name}: {error}"),
        QT_TRANSLATE_NOOP("Error", "The file may be corrupt or incomplete: download it again."),
    ),
    "runtime.prompt_too_long": (
        QT_TRANSLATE_NOOP(
            "Error", "The prompt is {tokens:,} tokens but the context holds {context:,}."
        ),
        QT_TRANSLATE_NOOP("Error", "Shorten the prompt or load the model with a larger context."),
    ),
    "runtime.worker_killed": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The model process was killed ({signal}); the system may have run out of memory.",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "The app is fine and a fresh model process is ready: load the model again, or try a "
            "smaller model, quant or context if it happens again.",
        ),
    ),
    "runtime.worker_killed.words": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The model process was killed ({signal}); the system may have run out of memory. "
            "Its last words: {words}",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "The app is fine and a fresh model process is ready: load the model again, or try a "
            "smaller model, quant or context if it happens again.",
        ),
    ),
    "runtime.worker_crashed": (
        QT_TRANSLATE_NOOP("Error", "The model process crashed ({signal}) inside llama.cpp."),
        QT_TRANSLATE_NOOP(
            "Error",
            "The app is fine and a fresh model process is ready. If it happens again with this "
            "file, the file may be damaged: download it again.",
        ),
    ),
    "runtime.worker_hung": (
        QT_TRANSLATE_NOOP(
            "Error", "The model process stopped answering for {seconds} s and was stopped."
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "The app is fine and a fresh model process is ready: run it again. If it keeps "
            "happening, the machine may be swapping: choose a smaller model or context.",
        ),
    ),
    "runtime.plan.no_offload": (
        QT_TRANSLATE_NOOP(
            "Error", "This llama.cpp build cannot offload to a GPU; every layer runs on the CPU."
        ),
        "",
    ),
    "runtime.plan.auto_cpu_build": (
        QT_TRANSLATE_NOOP(
            "Error", "GPU layers auto: 0, this llama.cpp build cannot offload to a GPU."
        ),
        "",
    ),
    "runtime.plan.auto_no_gpu": (
        QT_TRANSLATE_NOOP("Error", "GPU layers auto: 0, llama.cpp found no GPU."),
        "",
    ),
    "runtime.plan.ctx_memory": (
        QT_TRANSLATE_NOOP(
            "Error", "Context reduced from {old:,} to {new:,} tokens to fit in memory."
        ),
        "",
    ),
    "runtime.plan.ctx_gpu": (
        QT_TRANSLATE_NOOP(
            "Error",
            "Context reduced from {old:,} to {new:,} tokens to keep more layers on the GPU.",
        ),
        "",
    ),
    "runtime.plan.auto_gpu": (
        QT_TRANSLATE_NOOP(
            "Error",
            "GPU layers auto: {layers} of {total} on the GPU ({free} GiB free, {used} GiB used).",
        ),
        "",
    ),
    "runtime.plan.auto_gpus": (
        QT_TRANSLATE_NOOP(
            "Error",
            "GPU layers auto: {layers} of {total} on {count} GPUs, {split} layers split by free "
            "memory ({free} GiB free, {used} GiB used).",
        ),
        "",
    ),
    "runtime.plan.no_fit": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The estimate says this needs about {gib} GiB and does not fit; loading may fail.",
        ),
        "",
    ),
    "runtime.safe_retry": (
        QT_TRANSLATE_NOOP(
            "Error",
            "llama.cpp crashed ({signal}) with its repacked weight layout on this CPU; {name} was "
            "loaded again without it, as every model will be on this machine.",
        ),
        "",
    ),
    "runtime.chat_fallback": (
        QT_TRANSLATE_NOOP(
            "Error",
            "The file has no chat template; using the {format} format, chosen from its "
            "architecture and vocabulary.",
        ),
        "",
    ),
    "runtime.unsupported_arch.near": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{subject} uses the architecture '{arch}', which the installed llama.cpp "
            "(llama-cpp-python) does not support (close names it knows: {near}).",
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Choose another model, or a newer version of the app once llama.cpp supports it.",
        ),
    ),
    # remote runtimes (core/remote): servers speaking the OpenAI-compatible API
    "remote.unreachable": (
        QT_TRANSLATE_NOOP("Error", "Cannot connect to {name} at {url}: {cause}."),
        QT_TRANSLATE_NOOP(
            "Error", "Check that the server is running and the address and port are right."
        ),
    ),
    "remote.connect_timeout": (
        QT_TRANSLATE_NOOP(
            "Error", "{name} at {url} did not accept the connection within {seconds} s."
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Check the address, the port and any firewall between here and the server."
        ),
    ),
    "remote.timeout": (
        QT_TRANSLATE_NOOP("Error", "{name} sent nothing for {seconds} s."),
        QT_TRANSLATE_NOOP(
            "Error",
            "The server may be overloaded or still loading the model: try again, or raise the "
            "timeout with --timeout.",
        ),
    ),
    "remote.timeout.after": (
        QT_TRANSLATE_NOOP("Error", "{name} sent nothing for {seconds} s after {tokens} token(s)."),
        QT_TRANSLATE_NOOP(
            "Error",
            "The server may be overloaded or still loading the model: try again, or raise the "
            "timeout with --timeout.",
        ),
    ),
    "remote.dropped": (
        QT_TRANSLATE_NOOP(
            "Error",
            "{name} closed the answer stream after {tokens} token(s), before it was complete.",
        ),
        QT_TRANSLATE_NOOP(
            "Error", "The server may have stopped or restarted: check it and run the prompt again."
        ),
    ),
    "remote.tls": (
        QT_TRANSLATE_NOOP(
            "Error", "The TLS certificate of {name} at {url} could not be verified: {cause}."
        ),
        QT_TRANSLATE_NOOP(
            "Error",
            "Use the server's proper certificate, or, only for a server you trust on your own "
            "network, add the endpoint again with --insecure.",
        ),
    ),
    "remote.unauthorized": (
        QT_TRANSLATE_NOOP("Error", "{name} refused the API key (HTTP {status})."),
        QT_TRANSLATE_NOOP(
            "Error", "Set the right key with 'model-wizard endpoints add {name} URL --api-key KEY'."
        ),
    ),
    "remote.unauthorized.no_key": (
        QT_TRANSLATE_NOOP("Error", "{name} needs an API key (HTTP {status})."),
        QT_TRANSLATE_NOOP(
            "Error", "Add it with 'model-wizard endpoints add {name} URL --api-key KEY'."
        ),
    ),
    "remote.model_not_found": (
        QT_TRANSLATE_NOOP("Error", "{name} has no model '{model}'. It serves: {available}."),
        QT_TRANSLATE_NOOP(
            "Error", "Choose one of those (see 'model-wizard endpoints check {name}')."
        ),
    ),
    "remote.no_models": (
        QT_TRANSLATE_NOOP("Error", "{name} lists no models."),
        QT_TRANSLATE_NOOP("Error", "Load a model on the server first."),
    ),
    "remote.http_error": (
        QT_TRANSLATE_NOOP("Error", "{name} answered HTTP {status}: {detail}"),
        QT_TRANSLATE_NOOP("Error", "Check the server's log."),
    ),
    "remote.server_error": (
        QT_TRANSLATE_NOOP("Error", "{name} reported an error while answering: {detail}"),
        QT_TRANSLATE_NOOP(
            "Error", "Check the server's log; the prompt may be too long for its context."
        ),
    ),
    "remote.bad_response": (
        QT_TRANSLATE_NOOP(
            "Error", "{name} sent an answer that is not the OpenAI-compatible format ({detail})."
        ),
        QT_TRANSLATE_NOOP(
            "Error", "Check that the URL points at an OpenAI-compatible server (its /v1 API)."
        ),
    ),
    "remote.unknown_endpoint": (
        QT_TRANSLATE_NOOP("Error", "There is no endpoint named '{name}'."),
        QT_TRANSLATE_NOOP(
            "Error",
            "Add it with 'model-wizard endpoints add {name} URL', or see 'model-wizard endpoints "
            "list'.",
        ),
    ),
    "remote.bad_url": (
        QT_TRANSLATE_NOOP("Error", "'{url}' is not an http:// or https:// address."),
        QT_TRANSLATE_NOOP(
            "Error", "Give the server's address, for example http://192.168.1.20:8080."
        ),
    ),
}


def render(code: str, params: Mapping[str, Param]) -> tuple[str, str]:
    """The English (message, remedy) for ``code`` with ``params``."""
    message, remedy = TEMPLATES[code]
    return message.format(**params), remedy.format(**params)


class WizardError(Exception):
    """A problem caused by input or environment, reported as one clear line.

    ``remedy`` says what the user can do about it; the CLI prints both and exits 2.
    ``code`` and ``params`` (optional) let a UI show the same error in its own language.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        remedy: str = "",
        *,
        code: str | None = None,
        params: Mapping[str, Param] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.remedy = remedy
        self.code = code
        self.params: dict[str, Param] = dict(params or {})

    @classmethod
    def from_code(cls: type[_E], code: str, /, **params: Param) -> _E:
        """The error for ``code``: message and remedy rendered from ``TEMPLATES``."""
        message, remedy = render(code, params)
        return cls(message, remedy, code=code, params=params)

    def __str__(self) -> str:
        return f"{self.message} {self.remedy}".strip() if self.remedy else self.message


class CatalogError(WizardError):
    """A catalog file is missing, malformed or breaks the schema."""


class InputError(WizardError):
    """A value the user gave is out of range or unknown."""


class StorageError(WizardError):
    """The data folder or database cannot be used."""
