"""Errors of a remote runtime, each with a stable code (``remote.*``) and its params.

The English text lives here, beside the codes, so the core's error table stays the one
for local problems; ``RemoteError.from_code`` renders it the same way.
"""

from __future__ import annotations

from collections.abc import Mapping

from wizard_app.core.errors import Param, WizardError

# code -> (message, remedy), English, with ``{named}`` placeholders.
TEMPLATES: dict[str, tuple[str, str]] = {
    "remote.unreachable": (
        "Cannot connect to {name} at {url}: {cause}.",
        "Check that the server is running and the address and port are right.",
    ),
    "remote.connect_timeout": (
        "{name} at {url} did not accept the connection within {seconds} s.",
        "Check the address, the port and any firewall between here and the server.",
    ),
    "remote.timeout": (
        "{name} sent nothing for {seconds} s{during}.",
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
    message, remedy = TEMPLATES[code]
    return message.format(**params), remedy.format(**params)


class RemoteError(WizardError):
    """A remote server could not be used: unreachable, refused, slow, broken stream."""

    @classmethod
    def of(cls, code: str, /, **params: Param) -> RemoteError:
        message, remedy = render(code, params)
        return cls(message, remedy, code=code, params=params)
