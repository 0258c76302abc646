"""The fetcher against a misbehaving local Hub: every failure ends verified or explained."""

from __future__ import annotations

import errno
import hashlib
import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.hub_server import Hub
from wizard_app.core.cancel import CancelToken
from wizard_app.core.download.destination import destination
from wizard_app.core.download.errors import (
    AccessError,
    DiskSpaceError,
    DownloadError,
    IntegrityError,
    NotFoundError,
)
from wizard_app.core.download.events import (
    DownloadProgress,
    DownloadRetry,
    DownloadStarted,
    DownloadVerified,
)
from wizard_app.core.download.fetcher import fetch
from wizard_app.core.download.hub import HubClient
from wizard_app.core.download.options import FetchOptions
from wizard_app.core.download.partfile import Intervals, part_paths
from wizard_app.core.download.response import RemoteFile
from wizard_app.core.errors import InputError

MiB = 1 << 20
REPO = "acme/Model-GGUF"
FAST = {"backoff_base": 0.01, "backoff_max": 0.05, "disk_margin": 0, "connections": 1}


def opts(**kw: Any) -> FetchOptions:
    return FetchOptions(**{**FAST, **kw})


def run(
    client: HubClient,
    remote: RemoteFile,
    dest: Path,
    cancel: CancelToken | None = None,
    **kw: Any,
) -> list[Any]:
    return list(fetch(client, remote, dest, cancel=cancel, options=opts(**kw)))


def cdn_gets(hub: Hub) -> list[Any]:
    return hub.requests("cdn", "GET")


@pytest.fixture
def client(hub: Hub) -> HubClient:
    return HubClient(hub.url, timeout=5)


@pytest.fixture
def small(hub: Hub) -> Any:
    return hub.add_random(REPO, "small.gguf", 3 * MiB + 123, seed=1)


def test_a_plain_download_is_verified_and_renamed(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    remote = client.metadata(REPO, "small.gguf")
    dest = tmp_path / "m" / "small.gguf"
    events = run(client, remote, dest)
    assert isinstance(events[0], DownloadStarted)
    assert events[0].resumed_from == 0
    assert events[0].total == small.size
    done = events[-1]
    assert isinstance(done, DownloadVerified)
    assert done.sha256 == small.sha256 == remote.sha256
    assert done.fetched == small.size
    assert dest.read_bytes() == small.path.read_bytes()
    assert not any(p.exists() for p in part_paths(dest))
    progress = [e for e in events if isinstance(e, DownloadProgress)]
    assert progress
    assert progress[-1].done == small.size
    assert progress[-1].phase == "verifying"


def test_a_dropped_connection_resumes_with_range(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    hub.fail("drop", after=MiB + 5)
    events = run(client, client.metadata(REPO, "small.gguf"), tmp_path / "small.gguf")
    retries = [e for e in events if isinstance(e, DownloadRetry)]
    assert len(retries) == 1
    assert "closed early" in retries[0].reason
    gets = cdn_gets(hub)
    assert gets[1].headers["range"] == f"bytes={MiB + 5}-"
    assert hub.bytes_sent() == small.size  # nothing fetched twice
    assert isinstance(events[-1], DownloadVerified)


def test_503s_are_retried_with_backoff_honouring_retry_after(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    hub.fail("status", count=2, status=503)
    hub.fail("status", status=429, retry_after=0)
    events = run(client, client.metadata(REPO, "small.gguf"), tmp_path / "small.gguf")
    retries = [e for e in events if isinstance(e, DownloadRetry)]
    assert [r.attempt for r in retries] == [1, 2, 3]
    assert "503" in retries[0].reason
    assert "429" in retries[2].reason
    assert retries[2].delay_s == 0  # Retry-After: 0
    assert isinstance(events[-1], DownloadVerified)


def test_endless_5xx_gives_up_clearly_and_keeps_the_part(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    remote = client.metadata(REPO, "small.gguf")
    dest = tmp_path / "small.gguf"
    hub.fail("drop", after=MiB)
    hub.fail("status", count=10, status=502)
    with pytest.raises(DownloadError) as err:
        run(client, remote, dest, retries=3)
    msg = str(err.value)
    assert "Gave up on small.gguf after 4 attempts" in msg
    assert "502" in msg
    assert "1.0 MiB of 3.0 MiB are kept" in msg
    assert "resumes" in msg
    part = part_paths(dest)[0]
    assert part.stat().st_size == MiB
    assert not dest.exists()
    hub.clear_faults()
    events = run(client, remote, dest)
    assert events[0].resumed_from == MiB
    assert isinstance(events[-1], DownloadVerified)


def test_a_stall_is_detected_and_the_download_resumes(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    hub.fail("stall", after=2 * MiB, seconds=30)
    started = time.monotonic()
    events = run(client, client.metadata(REPO, "small.gguf"), tmp_path / "s.gguf",
                 stall_timeout=0.5)  # fmt: skip
    assert time.monotonic() - started < 10
    retries = [e for e in events if isinstance(e, DownloadRetry)]
    assert "no data for 0.5 s" in retries[0].reason
    assert cdn_gets(hub)[1].headers["range"] == f"bytes={2 * MiB}-"
    assert isinstance(events[-1], DownloadVerified)


def test_a_slow_trickle_counts_as_a_stall(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    hub.fail("trickle", after=MiB, rate=2000)  # 2 kB/s: bytes keep coming, too few
    events = run(client, client.metadata(REPO, "small.gguf"), tmp_path / "s.gguf",
                 stall_timeout=0.6, stall_min_bytes=64 * 1024)  # fmt: skip
    retries = [e for e in events if isinstance(e, DownloadRetry)]
    assert retries
    assert "stalled" in retries[0].reason
    assert isinstance(events[-1], DownloadVerified)


def test_a_server_that_ignores_range_makes_it_start_over(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    remote = client.metadata(REPO, "small.gguf")
    dest = tmp_path / "s.gguf"
    hub.fail("drop", after=MiB)
    hub.fail("ignore_range")
    events = run(client, remote, dest)
    gets = cdn_gets(hub)
    assert gets[1].headers["range"] == f"bytes={MiB}-"
    assert gets[1].status == 200
    assert hub.bytes_sent() == MiB + small.size
    assert isinstance(events[-1], DownloadVerified)
    assert dest.read_bytes() == small.path.read_bytes()  # not appended onto the old part


def test_corrupt_bytes_delete_the_file_and_say_so(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    hub.fail("corrupt", after=2 * MiB + 7)
    dest = tmp_path / "s.gguf"
    with pytest.raises(IntegrityError) as err:
        run(client, client.metadata(REPO, "small.gguf"), dest)
    assert "is corrupt" in str(err.value)
    assert "deleted" in str(err.value)
    assert small.sha256 in str(err.value)
    assert not dest.exists()
    assert not any(p.exists() for p in part_paths(dest))


def test_a_hub_hash_that_differs_from_the_catalog_stops_before_fetching(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    remote = client.metadata(REPO, "small.gguf")
    with pytest.raises(IntegrityError) as err:
        list(fetch(client, remote, tmp_path / "s.gguf", expected_sha256="0" * 64))
    assert "repository changed" in str(err.value)
    assert not cdn_gets(hub)


def test_a_lying_etag_is_caught_by_the_hash(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    small.advertised_sha256 = "f" * 64
    with pytest.raises(IntegrityError, match=r"expected f{64}"):
        run(client, client.metadata(REPO, "small.gguf"), tmp_path / "s.gguf")


def test_not_enough_disk_space_is_said_before_starting(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    remote = client.metadata(REPO, "small.gguf")
    with pytest.raises(DiskSpaceError) as err:
        run(client, remote, tmp_path / "s.gguf", disk_margin=MiB, free_space=lambda _: 2 * MiB)
    msg = str(err.value)
    assert "needs 4.0 MiB (with a 1.0 MiB margin) and 2.0 MiB is free" in msg
    assert "Free at least 2.0 MiB" in msg
    assert not cdn_gets(hub)


def test_a_disk_that_fills_up_leaves_a_resumable_part(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    limit = 2 * MiB + 1000

    def full_disk(offset: int, length: int) -> None:
        if offset + length > limit:
            raise OSError(errno.ENOSPC, "No space left on device")

    remote = client.metadata(REPO, "small.gguf")
    dest = tmp_path / "s.gguf"
    with pytest.raises(DiskSpaceError) as err:
        run(client, remote, dest, write_hook=full_disk, chunk_size=64 * 1024)
    assert "is full" in str(err.value)
    assert "resumes where it stopped" in str(err.value)
    part = part_paths(dest)[0].read_bytes()
    assert 0 < len(part) <= limit
    assert part == small.path.read_bytes()[: len(part)]
    events = run(client, remote, dest)
    assert events[0].resumed_from == len(part)
    assert cdn_gets(hub)[-1].headers["range"] == f"bytes={len(part)}-"
    assert dest.read_bytes() == small.path.read_bytes()


def test_cancel_keeps_the_part_and_the_next_run_hashes_it_first(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    hub.per_connection_rate = 4 * MiB
    remote = client.metadata(REPO, "small.gguf")
    dest = tmp_path / "s.gguf"
    cancel = CancelToken()
    for event in fetch(client, remote, dest, cancel=cancel, options=opts()):
        if isinstance(event, DownloadProgress) and event.done >= MiB:
            cancel.cancel()
    kept = part_paths(dest)[0].stat().st_size
    assert kept >= MiB
    assert not dest.exists()
    hub.per_connection_rate = 0
    events = run(client, remote, dest)
    assert events[0].resumed_from == kept
    phases = [e.phase for e in events if isinstance(e, DownloadProgress)]
    assert phases[0] == "checking"
    assert isinstance(events[-1], DownloadVerified)
    assert events[-1].fetched == small.size - kept


def test_a_part_of_another_file_version_is_not_resumed(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    dest = tmp_path / "s.gguf"
    part, meta, _, _ = part_paths(dest)
    part.write_bytes(b"x" * MiB)
    meta.write_text(json.dumps({"version": 1, "identity": {"sha256": "old"}}))
    events = run(client, client.metadata(REPO, "small.gguf"), dest)
    assert events[0].resumed_from == 0
    assert dest.read_bytes() == small.path.read_bytes()


def test_errors_from_the_hub_are_specific(hub: Hub, client: HubClient, small: Any) -> None:
    with pytest.raises(NotFoundError, match=r"The file missing\.gguf was not found in acme"):
        client.metadata(REPO, "missing.gguf")
    with pytest.raises(NotFoundError, match="The revision v9 of acme/Model-GGUF"):
        client.metadata(REPO, "small.gguf", "v9")
    hub.gate(REPO)
    with pytest.raises(AccessError, match="gated"):
        client.metadata(REPO, "small.gguf")


def test_a_file_outside_lfs_has_no_hash_claim_but_is_still_hashed(
    hub: Hub, client: HubClient, tmp_path: Path
) -> None:
    served = hub.add_file(REPO, "README.md", b"# hello\n" * 1000, lfs=False)
    remote = client.metadata(REPO, "README.md")
    assert remote.sha256 is None
    assert not remote.lfs
    assert remote.size == served.size
    done = run(client, remote, tmp_path / "README.md")[-1]
    assert done.sha256 == served.sha256
    assert not hub.requests("cdn")  # served by the Hub itself


def test_two_processes_never_write_the_same_part(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    hub.per_connection_rate = 2 * MiB
    remote = client.metadata(REPO, "small.gguf")
    dest = tmp_path / "s.gguf"
    first = fetch(client, remote, dest, options=opts())
    next(first)  # holds the lock now
    with pytest.raises(DownloadError, match="already being downloaded"):
        run(client, remote, dest)
    first.close()
    hub.per_connection_rate = 0
    assert isinstance(run(client, remote, dest)[-1], DownloadVerified)


def test_paths_cannot_escape_the_models_folder(tmp_path: Path) -> None:
    assert destination(tmp_path, "a/b", "sub/x.gguf") == tmp_path / "a" / "b" / "sub" / "x.gguf"
    for bad in ("../x.gguf", "/etc/passwd", "a/../../x.gguf", "a\\..\\x.gguf"):
        with pytest.raises(InputError):
            destination(tmp_path, "a/b", bad)


# ---- several connections -----------------------------------------------------------------
@pytest.fixture
def big(hub: Hub) -> Any:
    return hub.add_random(REPO, "big.gguf", 24 * MiB + 4321, seed=2)


def test_several_connections_split_the_file_without_fetching_twice(
    hub: Hub, client: HubClient, big: Any, tmp_path: Path
) -> None:
    hub.per_connection_rate = 8 * MiB
    dest = tmp_path / "b.gguf"
    events = run(client, client.metadata(REPO, "big.gguf"), dest, connections=4,
                 min_segment=2 * MiB)  # fmt: skip
    assert isinstance(events[-1], DownloadVerified)
    assert dest.read_bytes() == big.path.read_bytes()
    ranges = [r.headers.get("range") for r in cdn_gets(hub)]
    assert len(ranges) >= 4
    assert max(e.connections for e in events if isinstance(e, DownloadProgress)) >= 3
    # beyond the file, only what a shortened stream had already sent when it was closed
    assert hub.bytes_sent() <= big.size + len(ranges) * 512 * 1024
    assert events[-1].fetched == big.size
    assert not part_paths(dest)[2].exists()  # the range log is gone with the part


def test_connections_auto_adds_connections_only_when_measured_faster(
    hub: Hub, client: HubClient, big: Any, tmp_path: Path
) -> None:
    hub.per_connection_rate = 4 * MiB  # like a CDN that caps each connection
    events = run(client, client.metadata(REPO, "big.gguf"), tmp_path / "b.gguf", connections=0,
                 min_segment=MiB, probe_s=0.5)  # fmt: skip
    assert isinstance(events[-1], DownloadVerified)
    assert max(e.connections for e in events if isinstance(e, DownloadProgress)) >= 2
    assert events[-1].fetched == big.size


def test_a_multi_connection_part_resumes_from_its_range_log(
    hub: Hub, client: HubClient, big: Any, tmp_path: Path
) -> None:
    hub.per_connection_rate = 8 * MiB
    remote = client.metadata(REPO, "big.gguf")
    dest = tmp_path / "b.gguf"
    cancel = CancelToken()
    for event in fetch(client, remote, dest, cancel=cancel,
                       options=opts(connections=4, min_segment=2 * MiB)):  # fmt: skip
        if isinstance(event, DownloadProgress) and event.done >= 10 * MiB:
            cancel.cancel()
    part, _, ranges, _ = part_paths(dest)
    assert ranges.exists()
    assert part.exists()
    logged = Intervals()
    for line in ranges.read_text().split("\n"):
        if line:
            s, e = map(int, line.split())
            logged.add(s, e)
    data = big.path.read_bytes()
    on_disk = part.read_bytes()
    for s, e in logged.items():  # every logged range really holds the file's bytes
        assert on_disk[s:e] == data[s:e]
    sent_before = hub.bytes_sent()
    hub.per_connection_rate = 0
    events = run(client, remote, dest, connections=2, min_segment=2 * MiB)
    assert isinstance(events[-1], DownloadVerified)
    assert events[0].resumed_from == logged.total()
    assert hub.bytes_sent() - sent_before <= big.size - logged.total() + 2 * MiB
    assert dest.read_bytes() == data


def test_helper_connections_survive_drops(
    hub: Hub, client: HubClient, big: Any, tmp_path: Path
) -> None:
    hub.per_connection_rate = 16 * MiB
    for _ in range(3):
        hub.fail("drop", after=300_000)
    dest = tmp_path / "b.gguf"
    events = run(client, client.metadata(REPO, "big.gguf"), dest, connections=3,
                 min_segment=2 * MiB)  # fmt: skip
    assert len([e for e in events if isinstance(e, DownloadRetry)]) >= 3
    assert dest.read_bytes() == big.path.read_bytes()


def test_generator_close_stops_every_thread(
    hub: Hub, client: HubClient, big: Any, tmp_path: Path
) -> None:
    hub.per_connection_rate = 4 * MiB
    before = threading.active_count()
    gen = fetch(client, client.metadata(REPO, "big.gguf"), tmp_path / "b.gguf",
                               options=opts(connections=3, min_segment=2 * MiB))  # fmt: skip
    for event in gen:
        if isinstance(event, DownloadProgress) and event.connections >= 2:
            break
    gen.close()
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() <= before


@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 60)), max_size=25))
def test_intervals_match_a_set_of_bytes(spans: list[tuple[int, int]]) -> None:
    iv = Intervals()
    model: set[int] = set()
    for start, length in spans:
        iv.add(start, start + length)
        model.update(range(start, start + length))
    assert iv.total() == len(model)
    items = iv.items()
    assert all(a < b for a, b in items)
    assert all(items[i][1] < items[i + 1][0] for i in range(len(items) - 1))  # merged
    for pos in range(0, 262, 7):
        end = iv.contiguous_end(pos)
        assert all(b in model for b in range(pos, end))
        assert end not in model or end == pos


def test_hash_of_a_kept_part_uses_the_bytes_on_disk(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    """A part whose bytes were damaged on disk is caught at the end, and deleted."""
    remote = client.metadata(REPO, "small.gguf")
    dest = tmp_path / "s.gguf"
    hub.fail("drop", after=MiB)
    hub.fail("status", count=20, status=500)
    with pytest.raises(DownloadError):
        run(client, remote, dest, retries=0)
    hub.clear_faults()
    part = part_paths(dest)[0]
    damaged = bytearray(part.read_bytes())
    damaged[100] ^= 1
    part.write_bytes(bytes(damaged))
    with pytest.raises(IntegrityError):
        run(client, remote, dest)
    assert not part.exists()
    assert hashlib.sha256(small.path.read_bytes()).hexdigest() == small.sha256


def test_a_file_already_in_place_is_verified_not_fetched(
    hub: Hub, client: HubClient, small: Any, tmp_path: Path
) -> None:
    """Say the app stopped between the rename and the clean-up of the part's files."""
    dest = tmp_path / "s.gguf"
    dest.write_bytes(small.path.read_bytes())
    part_paths(dest)[1].write_text("{}")
    events = run(client, client.metadata(REPO, "small.gguf"), dest)
    assert isinstance(events[-1], DownloadVerified)
    assert events[-1].fetched == 0
    assert not cdn_gets(hub)
    assert not any(p.exists() for p in part_paths(dest))
    dest.write_bytes(b"\0" * small.size)  # the right size, the wrong bytes: fetched again
    events = run(client, client.metadata(REPO, "small.gguf"), dest)
    assert events[-1].fetched == small.size
    assert dest.read_bytes() == small.path.read_bytes()
