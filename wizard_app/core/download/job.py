"""A download's job: resolve the file on the Hub, fetch it, read its header.

Network and disk only, never the database: every outcome is yielded as a
``status.WorkerEvent`` (an error too), for the download manager to record.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from wizard_app.core.cancel import CancelToken
from wizard_app.core.download.errors import BusyError
from wizard_app.core.download.events import DownloadVerified
from wizard_app.core.download.fetcher import fetch
from wizard_app.core.download.hub import HubClient
from wizard_app.core.download.options import FetchOptions
from wizard_app.core.download.status import Done, Failed, Resolved, Stopped, WorkerEvent, WorkerJob
from wizard_app.core.errors import InputError, WizardError
from wizard_app.core.gguf.reader import read_local_header

log = logging.getLogger(__name__)

ClientFactory = Callable[[str], HubClient]


def download_job(
    client_for: ClientFactory,
    options: FetchOptions,
    endpoint: str,
    repo: str,
    filename: str,
    revision: str,
    dest: Path,
    expected: str | None,
) -> WorkerJob:
    """A download's work: network and disk only, never the database."""

    def job(token: CancelToken) -> Iterator[WorkerEvent]:
        try:
            client = client_for(endpoint)
            remote = client.metadata(repo, filename, revision)
            yield Resolved(remote)
            done: DownloadVerified | None = None
            for event in fetch(
                client, remote, dest, expected_sha256=expected, cancel=token,
                options=options,
            ):  # fmt: skip
                if isinstance(event, DownloadVerified):
                    done = event
                else:
                    yield event
            if done is None:
                yield Stopped()
                return
            info = None
            with contextlib.suppress(InputError):
                info = read_local_header(done.path)
            yield Done(done, info)
        except BusyError as exc:
            yield Failed(str(exc), exc.code, exc.params, busy=True)
        except WizardError as exc:
            yield Failed(str(exc), exc.code, exc.params)
        except Exception as exc:  # the reason reaches the user, not a dead thread
            log.exception("download of %s failed", filename)
            yield Failed(f"Unexpected error: {exc!r}.")

    return job


def run_in_thread(
    download_id: int, job: WorkerJob, post: Callable[[int, WorkerEvent], None]
) -> tuple[CancelToken, threading.Thread]:
    """Run ``job`` on a daemon thread of its own, handing each event to ``post``."""
    token = CancelToken()

    def run() -> None:
        for event in job(token):
            post(download_id, event)

    thread = threading.Thread(target=run, name=f"download-{download_id}", daemon=True)
    thread.start()
    return token, thread
