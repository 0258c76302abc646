"""Coded messages of remote runtimes: OpenAI-compatible servers and endpoints."""

from __future__ import annotations

from wizard_app.core.translatable import QT_TRANSLATE_NOOP

REMOTE: dict[str, tuple[str, str]] = {
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
