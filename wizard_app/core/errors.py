"""Errors the user can act on: each carries what went wrong and what to do.

An error may also carry a stable ``code`` with its ``params``; its English message and
remedy then come from ``TEMPLATES`` through ``WizardError.from_code``, so the text (CLI,
logs, tests) and the code (for a translated UI) can never disagree. Errors without a
code stay English everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

Param = str | int | float
_E = TypeVar("_E", bound="WizardError")

# code -> (message, remedy), English, with ``{named}`` placeholders.
TEMPLATES: dict[str, tuple[str, str]] = {
    "download.gated": (
        "{repo} is a gated model: it needs a Hugging Face account that accepted its licence "
        "({status}).",
        "Open {page}, accept the licence while logged in, then put a Hugging Face access "
        "token (https://huggingface.co/settings/tokens) in the HF_TOKEN environment variable "
        "or run `huggingface-cli login` (`hf auth login`).",
    ),
    "download.gated.token": (
        "{repo} is a gated model: the token in use has no access to it ({status}).",
        "Open {page} while logged in, accept the licence, and make sure the token in use "
        "(HF_TOKEN, or the one saved by `huggingface-cli login`) belongs to that account.",
    ),
    "download.repo_not_found": (
        "The repository {repo} was not found on {where}.",
        "Check the name. If the repository is private, put a Hugging Face access token "
        "(https://huggingface.co/settings/tokens) in the HF_TOKEN environment variable or run "
        "`huggingface-cli login` (`hf auth login`).",
    ),
    "download.repo_not_found.token": (
        "The repository {repo} was not found on {where}.",
        "Check the name. If the repository is private, use a token with access.",
    ),
    "download.revision_not_found": (
        "The revision {revision} of {repo} was not found on {where}.",
        "Check the revision, or see the branches and commits at {page}.",
    ),
    "download.file_not_found": (
        "The file {filename} was not found in {repo} at revision {revision} on {where}.",
        "Check the file name against the list at {page}/tree/{revision}.",
    ),
    "download.no_space": (
        "Not enough free space in {folder}: {filename} needs {need} (with a {margin} margin) "
        "and {free} is free.",
        "Free at least {missing} or choose another data folder with --data-dir.",
    ),
    "download.disk_full": (
        "The disk holding {folder} is full: {kept} of {filename} are kept in {part}.",
        "Free at least {need} and run the download again; it resumes where it stopped.",
    ),
    "download.checksum": (
        "{filename} is corrupt: its sha256 is {digest}, expected {expected}. "
        "The downloaded file was deleted.",
        "Run the download again; if it happens again, the file on the server or the "
        "catalog's checksum is wrong.",
    ),
    "download.checksum.hub": (
        "The Hub's {filename} (commit {commit}) has sha256 {hub_sha}, but {expected} was "
        "expected: the repository changed since the catalog was written.",
        "Download a pinned revision, or update the catalog entry.",
    ),
    "download.gave_up": (
        "Gave up on {filename} after {attempts} attempts: {cause} {kept} are kept in {part}.",
        "Check the connection and run the download again; it resumes where it stopped.",
    ),
    "download.gave_up.total": (
        "Gave up on {filename} after {attempts} attempts: {cause} {kept} of {total} are kept "
        "in {part}.",
        "Check the connection and run the download again; it resumes where it stopped.",
    ),
    "gguf.not_gguf": ("{name} is not a GGUF file (its first bytes are not 'GGUF').", ""),
    "gguf.truncated": ("{name} ends inside its own header.", ""),
    "runtime.unsupported_arch": (
        "{subject} uses the architecture '{arch}', which the installed llama.cpp "
        "(llama-cpp-python) does not support.",
        "Choose another model, or a newer version of the app once llama.cpp supports it.",
    ),
    "runtime.load_unsupported_arch": (
        "{name} uses the architecture '{arch}', which the installed llama.cpp does not support.",
        "Choose another model, or a newer version of the app once llama.cpp supports it.",
    ),
    "runtime.load_out_of_memory": (
        "Not enough memory to load {name} with a context of {context:,} tokens.",
        "Choose a smaller context, a smaller quant, or close other programs.",
    ),
    "runtime.load_failed": (
        "llama.cpp could not load {name}: {error}",
        "The file may be corrupt or incomplete: download it again.",
    ),
    "runtime.prompt_too_long": (
        "The prompt is {tokens:,} tokens but the context holds {context:,}.",
        "Shorten the prompt or load the model with a larger context.",
    ),
    "runtime.worker_killed": (
        "The model process was killed ({signal}); the system may have run out of memory.",
        "The app is fine and a fresh model process is ready: load the model again, or try a "
        "smaller model, quant or context if it happens again.",
    ),
    "runtime.worker_killed.words": (
        "The model process was killed ({signal}); the system may have run out of memory. "
        "Its last words: {words}",
        "The app is fine and a fresh model process is ready: load the model again, or try a "
        "smaller model, quant or context if it happens again.",
    ),
    "runtime.worker_crashed": (
        "The model process crashed ({signal}) inside llama.cpp.",
        "The app is fine and a fresh model process is ready. If it happens again with this "
        "file, the file may be damaged: download it again.",
    ),
    "runtime.worker_hung": (
        "The model process stopped answering for {seconds} s and was stopped.",
        "The app is fine and a fresh model process is ready: run it again. If it keeps "
        "happening, the machine may be swapping: choose a smaller model or context.",
    ),
    "runtime.plan.no_offload": (
        "This llama.cpp build cannot offload to a GPU; every layer runs on the CPU.",
        "",
    ),
    "runtime.plan.auto_cpu_build": (
        "GPU layers auto: 0, this llama.cpp build cannot offload to a GPU.",
        "",
    ),
    "runtime.plan.auto_no_gpu": ("GPU layers auto: 0, llama.cpp found no GPU.", ""),
    "runtime.plan.ctx_memory": (
        "Context reduced from {old:,} to {new:,} tokens to fit in memory.",
        "",
    ),
    "runtime.plan.ctx_gpu": (
        "Context reduced from {old:,} to {new:,} tokens to keep more layers on the GPU.",
        "",
    ),
    "runtime.plan.auto_gpu": (
        "GPU layers auto: {layers} of {total} on the GPU ({free} GiB free, {used} GiB used).",
        "",
    ),
    "runtime.plan.auto_gpus": (
        "GPU layers auto: {layers} of {total} on {count} GPUs, {split} layers split by free "
        "memory ({free} GiB free, {used} GiB used).",
        "",
    ),
    "runtime.plan.no_fit": (
        "The estimate says this needs about {gib} GiB and does not fit; loading may fail.",
        "",
    ),
    "runtime.safe_retry": (
        "llama.cpp crashed ({signal}) with its repacked weight layout on this CPU; {name} was "
        "loaded again without it, as every model will be on this machine.",
        "",
    ),
    "runtime.chat_fallback": (
        "The file has no chat template; using the {format} format, chosen from its "
        "architecture and vocabulary.",
        "",
    ),
    "runtime.unsupported_arch.near": (
        "{subject} uses the architecture '{arch}', which the installed llama.cpp "
        "(llama-cpp-python) does not support (close names it knows: {near}).",
        "Choose another model, or a newer version of the app once llama.cpp supports it.",
    ),
    # remote runtimes (core/remote): servers speaking the OpenAI-compatible API
    "remote.unreachable": (
        "Cannot connect to {name} at {url}: {cause}.",
        "Check that the server is running and the address and port are right.",
    ),
    "remote.connect_timeout": (
        "{name} at {url} did not accept the connection within {seconds} s.",
        "Check the address, the port and any firewall between here and the server.",
    ),
    "remote.timeout": (
        "{name} sent nothing for {seconds} s.",
        "The server may be overloaded or still loading the model: try again, or raise the "
        "timeout with --timeout.",
    ),
    "remote.timeout.after": (
        "{name} sent nothing for {seconds} s after {tokens} token(s).",
        "The server may be overloaded or still loading the model: try again, or raise the "
        "timeout with --timeout.",
    ),
    "remote.dropped": (
        "{name} closed the answer stream after {tokens} token(s), before it was complete.",
        "The server may have stopped or restarted: check it and run the prompt again.",
    ),
    "remote.tls": (
        "The TLS certificate of {name} at {url} could not be verified: {cause}.",
        "Use the server's proper certificate, or, only for a server you trust on your own "
        "network, add the endpoint again with --insecure.",
    ),
    "remote.unauthorized": (
        "{name} refused the API key (HTTP {status}).",
        "Set the right key with 'model-wizard endpoints add {name} URL --api-key KEY'.",
    ),
    "remote.unauthorized.no_key": (
        "{name} needs an API key (HTTP {status}).",
        "Add it with 'model-wizard endpoints add {name} URL --api-key KEY'.",
    ),
    "remote.model_not_found": (
        "{name} has no model '{model}'. It serves: {available}.",
        "Choose one of those (see 'model-wizard endpoints check {name}').",
    ),
    "remote.no_models": (
        "{name} lists no models.",
        "Load a model on the server first.",
    ),
    "remote.http_error": (
        "{name} answered HTTP {status}: {detail}",
        "Check the server's log.",
    ),
    "remote.server_error": (
        "{name} reported an error while answering: {detail}",
        "Check the server's log; the prompt may be too long for its context.",
    ),
    "remote.bad_response": (
        "{name} sent an answer that is not the OpenAI-compatible format ({detail}).",
        "Check that the URL points at an OpenAI-compatible server (its /v1 API).",
    ),
    "remote.unknown_endpoint": (
        "There is no endpoint named '{name}'.",
        "Add it with 'model-wizard endpoints add {name} URL', or see 'model-wizard endpoints "
        "list'.",
    ),
    "remote.bad_url": (
        "'{url}' is not an http:// or https:// address.",
        "Give the server's address, for example http://192.168.1.20:8080.",
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
