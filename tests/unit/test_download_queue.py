"""The download manager: state in SQLite, pause/resume/cancel, a limit, restarts."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select

from tests.hub_server import GOOD_TOKEN, Hub
from wizard_app.core.cancel import CancelToken
from wizard_app.core.download.hub import HubClient
from wizard_app.core.download.options import FetchOptions
from wizard_app.core.download.partfile import part_paths
from wizard_app.core.download.queue import DownloadManager
from wizard_app.core.download.request import DownloadRequest
from wizard_app.core.download.status import Installed, ManagerEvent, Progress, StateChanged
from wizard_app.core.library.installed import Library
from wizard_app.core.storage.database import Database
from wizard_app.core.storage.download_tables import DownloadRow

MiB = 1 << 20
REPO = "acme/Queue-GGUF"


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = Database(tmp_path / "data" / "w.sqlite3")
    yield database
    database.close()


def manager(db: Database, tmp_path: Path, hub: Hub, **kw: Any) -> DownloadManager:
    token = kw.pop("token", None)
    options = FetchOptions(disk_margin=0, connections=1, backoff_base=0.01, backoff_max=0.05,
                           progress_interval=0.05)  # fmt: skip
    return DownloadManager(
        db, tmp_path / "models", lambda url: HubClient(url, token), options=options, **kw
    )


def request(hub: Hub, filename: str, **kw: Any) -> DownloadRequest:
    return DownloadRequest(repo=REPO, filename=filename, endpoint=hub.url, **kw)


def drain(m: DownloadManager, ids: list[int] | None = None, timeout: float = 30) -> list[Any]:
    events: list[ManagerEvent] = []
    deadline = time.monotonic() + timeout
    for event in m.run(ids):
        events.append(event)
        assert time.monotonic() < deadline, "the queue did not finish in time"
    return events


def test_queued_downloads_end_verified_and_in_the_library(
    db: Database, tmp_path: Path, hub: Hub
) -> None:
    a = hub.add_model(REPO, "a.gguf", 2 * MiB, seed=1)
    b = hub.add_model(REPO, "b.gguf", MiB + 3, seed=2)
    m = manager(db, tmp_path, hub, max_concurrent=1)
    ids = [m.enqueue(request(hub, "a.gguf")), m.enqueue(request(hub, "b.gguf"))]
    assert [d.state for d in m.entries()] == ["queued", "queued"]
    events = drain(m)
    states = [(e.id, e.state) for e in events if isinstance(e, StateChanged)]
    assert states == [(ids[0], "downloading"), (ids[0], "verified"),
                      (ids[1], "downloading"), (ids[1], "verified")]  # fmt: skip
    rows = {d.id: d for d in m.entries()}
    assert rows[ids[0]].sha256 == a.sha256
    assert rows[ids[1]].sha256 == b.sha256
    assert rows[ids[0]].bytes_done == a.size
    assert rows[ids[0]].commit == hub.repo(REPO).commit
    installed = [e for e in events if isinstance(e, Installed)]
    library = Library(db, tmp_path / "models")
    entries = library.entries()
    assert {e.id for e in entries} == {i.model_id for i in installed}
    assert all(e.owned and e.sha256_verified and e.source == "download" for e in entries)
    assert (tmp_path / "models" / REPO / "a.gguf").read_bytes() == a.path.read_bytes()
    progress = [e.progress for e in events if isinstance(e, Progress)]
    assert progress
    assert all(p.total in (a.size, b.size) and 0 <= p.done <= p.total for p in progress)
    assert any(p.bytes_per_s > 0 and p.eta_s is not None for p in progress)


def test_the_concurrency_limit_holds(db: Database, tmp_path: Path, hub: Hub) -> None:
    hub.per_connection_rate = 4 * MiB
    for i in range(4):
        hub.add_random(REPO, f"f{i}.gguf", MiB, seed=i)
    m = manager(db, tmp_path, hub, max_concurrent=2)
    for i in range(4):
        m.enqueue(request(hub, f"f{i}.gguf"))
    most = 0
    for _ in m.run():
        most = max(most, len(m.active))
    assert most == 2
    assert [d.state for d in m.entries()] == ["verified"] * 4


def test_pause_keeps_the_part_and_resume_continues_it(
    db: Database, tmp_path: Path, hub: Hub
) -> None:
    served = hub.add_random(REPO, "p.gguf", 4 * MiB, seed=4)
    hub.per_connection_rate = 2 * MiB
    m = manager(db, tmp_path, hub)
    did = m.enqueue(request(hub, "p.gguf"))
    for event in m.run([did]):
        if isinstance(event, Progress) and event.progress.done >= MiB:
            m.pause(did)
    info = m.get(did)
    assert info.state == "paused"
    part = part_paths(info.dest_path)[0]
    kept = part.stat().st_size
    assert kept >= MiB
    assert info.bytes_done > 0
    hub.per_connection_rate = 0
    drain(m, [did])  # a paused download does not start by itself
    assert m.get(did).state == "paused"
    m.resume(did)
    drain(m, [did])
    assert m.get(did).state == "verified"
    assert hub.requests("cdn", "GET")[-1].headers["range"] == f"bytes={kept}-"
    assert info.dest_path.read_bytes() == served.path.read_bytes()


def test_cancel_forgets_the_download_and_deletes_its_part(
    db: Database, tmp_path: Path, hub: Hub
) -> None:
    hub.add_random(REPO, "c.gguf", 4 * MiB, seed=5)
    hub.per_connection_rate = 2 * MiB
    m = manager(db, tmp_path, hub)
    did = m.enqueue(request(hub, "c.gguf"))
    dest = tmp_path / "models" / REPO / "c.gguf"
    events = []
    for event in m.run([did]):
        events.append(event)
        if isinstance(event, Progress) and event.progress.done >= MiB:
            m.cancel(did)
    assert StateChanged(did, "cancelled") in events
    assert m.entries() == []
    assert not any(p.exists() for p in part_paths(dest))
    assert not dest.exists()


def test_a_failure_is_kept_with_its_reason_and_can_be_retried(
    db: Database, tmp_path: Path, hub: Hub
) -> None:
    hub.add_random(REPO, "other.gguf", 10)
    m = manager(db, tmp_path, hub)
    did = m.enqueue(request(hub, "late.gguf"))
    drain(m, [did])
    info = m.get(did)
    assert info.state == "failed"
    assert info.reason is not None
    assert "late.gguf was not found" in info.reason
    hub.add_random(REPO, "late.gguf", 1000)
    m.resume(did)
    drain(m, [did])
    assert m.get(did).state == "verified"


def test_a_download_interrupted_by_a_crash_resumes_after_restart(
    db: Database, tmp_path: Path, hub: Hub
) -> None:
    served = hub.add_random(REPO, "r.gguf", 3 * MiB, seed=6)
    m = manager(db, tmp_path, hub)
    did = m.enqueue(request(hub, "r.gguf"))
    # What a crash leaves: the row says downloading, the part holds the first MiB.
    dest = tmp_path / "models" / REPO / "r.gguf"
    dest.parent.mkdir(parents=True)
    list(_fetch_first_mib(hub, dest))
    with db.session() as s:
        row = s.get(DownloadRow, did)
        assert row is not None
        row.state = "downloading"
        s.commit()
    restarted = manager(db, tmp_path, hub)
    assert restarted.get(did).state == "queued"
    hub.reset_log()
    drain(restarted)
    assert restarted.get(did).state == "verified"
    assert hub.requests("cdn", "GET")[0].headers["range"] == f"bytes={MiB}-"
    assert dest.read_bytes() == served.path.read_bytes()


def _fetch_first_mib(hub: Hub, dest: Path) -> Any:
    from wizard_app.core.download.events import DownloadProgress
    from wizard_app.core.download.fetcher import fetch

    client = HubClient(hub.url)
    cancel = CancelToken()
    hub.fail("drop", after=MiB)
    hub.fail("status", count=5, status=500)
    options = FetchOptions(disk_margin=0, retries=0, connections=1)
    try:
        for event in fetch(client, client.metadata(REPO, dest.name), dest, cancel=cancel,
                           options=options):  # fmt: skip
            if isinstance(event, DownloadProgress) and event.done >= MiB:
                cancel.cancel()
            yield event
    except Exception:  # the injected 500s end the first attempt: that is the point
        pass
    hub.clear_faults()
    assert part_paths(dest)[0].stat().st_size == MiB


def test_shutdown_leaves_running_downloads_queued_for_next_time(
    db: Database, tmp_path: Path, hub: Hub
) -> None:
    hub.add_random(REPO, "s.gguf", 4 * MiB, seed=7)
    hub.per_connection_rate = 2 * MiB
    m = manager(db, tmp_path, hub)
    did = m.enqueue(request(hub, "s.gguf"))
    cancel = CancelToken()
    for event in m.run([did], cancel):
        if isinstance(event, Progress) and event.progress.done > 0:
            cancel.cancel()
    assert m.get(did).state == "queued"
    assert not m.active


def test_no_token_is_ever_written_to_the_database(db: Database, tmp_path: Path, hub: Hub) -> None:
    hub.add_random(REPO, "t.gguf", 5000)
    hub.gate(REPO, GOOD_TOKEN)
    m = manager(db, tmp_path, hub, token=GOOD_TOKEN)
    drain(m, [m.enqueue(request(hub, "t.gguf"))])
    assert m.entries()[0].state == "verified"
    db.close()
    for path in (tmp_path / "data").iterdir():  # the database, its WAL and shared memory
        assert GOOD_TOKEN.encode() not in path.read_bytes()


def test_the_migration_matches_the_tables(db: Database) -> None:
    """0002 creates exactly what download_tables declares (columns, keys, indexes)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from wizard_app.core.storage.base import Base

    ours = {"downloads", "installed_models"}
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    mine = [d for d in diff if _table_of(d) in ours]
    assert mine == []
    tables = set(inspect(db.engine).get_table_names())
    assert ours <= tables
    with db.session() as s:
        assert s.scalars(select(DownloadRow)).all() == []


def _table_of(diff: Any) -> str | None:
    item = diff[0] if isinstance(diff, list) else diff
    for part in item[1:]:
        name = getattr(part, "name", None)
        table = getattr(part, "table", None)
        if table is not None:
            return str(table.name)
        if isinstance(part, str):
            return part
        if name is not None and hasattr(part, "columns"):
            return str(name)
    return None


def test_a_split_model_enters_the_library_once_all_shards_are_verified(
    db: Database, tmp_path: Path, hub: Hub
) -> None:
    first = hub.add_model(REPO, "Q8_0/m-00001-of-00002.gguf", MiB, seed=8)
    second = hub.add_random(REPO, "Q8_0/m-00002-of-00002.gguf", 2 * MiB, seed=9)
    m = manager(db, tmp_path, hub, max_concurrent=1)
    ids = [m.enqueue(request(hub, first.filename, catalog_id="m", quant="Q8_0")),
           m.enqueue(request(hub, second.filename, catalog_id="m", quant="Q8_0"))]  # fmt: skip
    installed = [e for e in drain(m, ids) if isinstance(e, Installed)]
    assert [i.model_id is None for i in installed] == [True, False]  # only when both are in
    entries = Library(db, tmp_path / "models").entries()
    assert len(entries) == 1
    entry = entries[0]
    assert entry.path == tmp_path / "models" / REPO / "Q8_0" / "m-00001-of-00002.gguf"
    assert entry.filename == "Q8_0/m-00001-of-00002.gguf"
    assert entry.size_bytes == first.size + second.size
    assert entry.sha256 == first.sha256
    assert (entry.catalog_id, entry.quant) == ("m", "Q8_0")
