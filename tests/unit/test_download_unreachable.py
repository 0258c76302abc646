"""A Hub that cannot be reached is a coded, retryable error with a remedy."""

from __future__ import annotations

import socket

import pytest

from wizard_app.core.download.errors import TransientError
from wizard_app.core.download.hub import HubClient
from wizard_app.core.errors import render


def test_an_unreachable_hub_is_coded_with_a_remedy() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    where = f"http://127.0.0.1:{port}"
    with pytest.raises(TransientError) as err:
        HubClient(where, timeout=2).metadata("a/b", "x.gguf")
    exc = err.value
    assert exc.code == "download.unreachable"
    assert exc.params["where"] == where
    assert exc.message == f"Cannot reach {where}: {exc.params['cause']}."
    assert "Hub mirror in Settings" in exc.remedy
    assert (exc.message, exc.remedy) == render(exc.code, exc.params)
    assert exc.retry_after is None  # still retried like any connection failure
