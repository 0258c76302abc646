"""The one retry policy every download connection uses."""

from __future__ import annotations

import pytest

from wizard_app.core.download.errors import TransientError
from wizard_app.core.download.options import FetchOptions, MiB
from wizard_app.core.download.retry import PROGRESS_RESETS, Attempts, backoff


def test_attempts_give_up_after_the_retries_in_a_row() -> None:
    attempts = Attempts(FetchOptions(retries=2, backoff_base=1.0, backoff_max=60.0))
    lost = TransientError("lost")
    assert attempts.failed(0, lost) == pytest.approx(1.0, rel=0.25)
    assert attempts.failed(0, lost) == pytest.approx(2.0, rel=0.25)
    assert attempts.failed(0, lost) is None  # the third failure in a row: give up
    assert attempts.count == 3


def test_progress_or_success_starts_the_count_again() -> None:
    attempts = Attempts(FetchOptions(retries=1))
    lost = TransientError("lost")
    assert attempts.failed(0, lost) is not None
    assert attempts.failed(PROGRESS_RESETS, lost) is not None  # it moved a MiB: attempt 1
    assert attempts.count == 1
    attempts.succeeded()
    assert attempts.failed(PROGRESS_RESETS - 1, lost) is not None
    assert attempts.failed(0, lost) is None
    assert MiB == PROGRESS_RESETS


def test_the_servers_retry_after_is_honoured_up_to_the_ceiling() -> None:
    options = FetchOptions(backoff_max=30.0)
    assert backoff(options, 1, retry_after=7.0) == 7.0
    assert backoff(options, 1, retry_after=600.0) == 30.0
    assert backoff(options, 20) <= 30.0 * 1.25
