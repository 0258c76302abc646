"""Issue 10, downloads and the database: Windows paths, a crash after the rename, files
left by a failure, two processes on one file, a full disk, a damaged database."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath

import pytest

from tests.cli_helpers import cli
from tests.hub_server import Hub, write_test_gguf
from wizard_app.core.download.destination import destination
from wizard_app.core.download.errors import DiskSpaceError, DownloadError
from wizard_app.core.download.fetcher import fetch
from wizard_app.core.download.hub import HubClient
from wizard_app.core.download.options import FetchOptions
from wizard_app.core.download.partfile import part_paths
from wizard_app.core.download.queue import DownloadManager
from wizard_app.core.download.request import DownloadRequest
from wizard_app.core.download.status import StateChanged
from wizard_app.core.errors import InputError
from wizard_app.core.storage.database import Database

ROOT = Path(__file__).parents[2]
MiB = 1 << 20
REPO = "acme/Faults-GGUF"


def _start(data: Path, hub: Hub, filename: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "wizard_app", "--data-dir", str(data), "download", "--repo", REPO,
         "--file", filename, "--endpoint", hub.url, "--json"],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _state(data: Path) -> list[tuple[str, str | None]]:
    """The queue rows' states, read as another process would ([] before the tables)."""
    path = data / "data" / "wizard.sqlite3"
    if not path.exists():
        return []
    con = sqlite3.connect(path, timeout=10)
    try:
        return list(con.execute('SELECT state, "commit" FROM downloads ORDER BY id'))
    except sqlite3.OperationalError:
        return []
    finally:
        con.close()


def _wait(condition: object, proc: subprocess.Popen[str] | None, what: str, s: float = 30) -> None:
    deadline = time.monotonic() + s
    while not condition():  # type: ignore[operator]
        if proc is not None:
            assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, what
        time.sleep(0.01)


# ---- item 3: Windows paths -----------------------------------------------------------
@pytest.mark.parametrize(
    ("repo", "filename"),
    [
        ("acme/x", "C:evil.gguf"),
        ("C:/x", "m.gguf"),
        ("acme/x", "sub/D:evil.gguf"),
        ("acme/x", "..\\..\\evil.gguf"),
        ("acme/x", "CON.gguf"),
        ("acme/x", "sub/nul"),
        ("acme/x", "trailing.gguf."),
        ("acme/x", "a|b.gguf"),
    ],
)
def test_windows_names_never_leave_the_models_folder(repo: str, filename: str) -> None:
    """Before: ``C:evil.gguf`` joined to a Windows folder named a file on drive C:."""
    models = PureWindowsPath("D:/Users/me/Models")
    with pytest.raises(InputError):
        destination(models, repo, filename)


def test_windows_destination_of_a_good_name() -> None:
    models = PureWindowsPath("D:/Users/me/Models")
    dest = destination(models, "acme/x", "sub/model-Q4_K_M.gguf")
    assert dest == PureWindowsPath("D:/Users/me/Models/acme/x/sub/model-Q4_K_M.gguf")
    assert dest.drive == "D:"


# ---- items 4 and 5: a kill between the rename and the database -----------------------
def test_a_kill_after_the_rename_is_repaired_without_fetching_again(
    hub: Hub, tmp_path: Path
) -> None:
    """The killed process holds the database's write lock (as a slow disk would) from
    just before the rename: the file is renamed, the library and the queue never hear
    of it. Before: the next run fetched the whole file again (no Hub hash) and the
    library never got it (``"model_id": null``)."""
    gguf = write_test_gguf(tmp_path / "src" / "tiny.gguf", vocab=20000)
    served = hub.add_file(REPO, "tiny.gguf", gguf, lfs=False)  # no sha256 from the Hub
    hub.per_connection_rate = served.size // 3  # about three seconds
    data = tmp_path / "data"
    dest = data / "models" / REPO / "tiny.gguf"
    proc = _start(data, hub, "tiny.gguf")
    try:
        want = [("downloading", hub.repo(REPO).commit)]
        _wait(lambda: _state(data) == want, proc, "the download never got going")
        con = sqlite3.connect(data / "data" / "wizard.sqlite3", timeout=10)
        con.execute("BEGIN IMMEDIATE")  # the child's next write waits
        _wait(dest.exists, proc, "the file was never renamed")
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=10)
        con.rollback()
        con.close()
    finally:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
    assert _state(data)[0][0] == "downloading"
    hub.per_connection_rate = 0
    hub.reset_log()
    proc = _start(data, hub, "tiny.gguf")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    result = json.loads(out)["files"][0]
    assert result["fetched_bytes"] == 0
    assert hub.bytes_sent("hub") == 0  # one HEAD, no body
    assert result["model_id"] is not None
    assert result["sha256_verified"] is False  # complete, but nothing to compare with
    assert not any(p.exists() for p in part_paths(dest))


def test_a_verified_file_missing_from_the_library_is_added_back(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state an older version left when killed between its two writes: the queue row
    verified, no library row. Before: downloading again said ``"model_id": null`` and
    ``library scan`` did not add it."""
    gguf = write_test_gguf(tmp_path / "src" / "tiny.gguf")
    served = hub.add_file(REPO, "tiny.gguf", gguf)
    args = ("download", "--repo", REPO, "--file", "tiny.gguf", "--endpoint", hub.url, "--json")
    code, out, err = cli(capsys, tmp_path, *args)
    assert code == 0, err
    db_path = tmp_path / "data" / "wizard.sqlite3"

    def lose_library_row() -> None:
        con = sqlite3.connect(db_path)
        con.execute("DELETE FROM installed_models")
        con.commit()
        con.close()

    lose_library_row()
    code, out, err = cli(capsys, tmp_path, *args)
    assert code == 0, err
    result = json.loads(out)["files"][0]
    assert result["model_id"] is not None
    assert result["sha256_verified"] is True  # the row says it was checked against the Hub
    code, out, _ = cli(capsys, tmp_path, "library", "--json")
    (entry,) = json.loads(out)
    assert (entry["repo"], entry["sha256"], entry["sha256_verified"]) == (
        REPO, served.sha256, True,
    )  # fmt: skip
    lose_library_row()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no other tool's folders
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "home" / "hf"))
    code, out, err = cli(capsys, tmp_path, "library", "scan", "--json")
    assert code == 0, err
    assert [e["path"] for e in json.loads(out)["added"]] == [result["path"]]


# ---- item 7: what a failure leaves, and a second process -----------------------------
def test_a_failure_before_any_byte_leaves_no_empty_files(hub: Hub, tmp_path: Path) -> None:
    """Before: empty ``.part``, ``.part.json`` and ``.part.lock`` stayed behind."""
    hub.add_random(REPO, "f.gguf", 2 * MiB)
    client = HubClient(hub.url)
    remote = client.metadata(REPO, "f.gguf")
    dest = tmp_path / "models" / "f.gguf"
    no_room = FetchOptions(free_space=lambda _p: 1000)
    with pytest.raises(DiskSpaceError):
        list(fetch(client, remote, dest, options=no_room))
    assert list(dest.parent.iterdir()) == []
    hub.fail("status", status=403, count=10)  # the CDN refuses
    with pytest.raises(DownloadError):
        list(fetch(client, remote, dest, options=FetchOptions(disk_margin=0, retries=0)))
    assert list(dest.parent.iterdir()) == []


def test_a_second_download_does_not_mark_the_running_one_failed(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the second process queued the first one's row again, lost the part's
    lock, and marked the row "failed" while the first was still downloading."""
    served = hub.add_random(REPO, "shared.gguf", 6 * MiB, seed=21)
    hub.per_connection_rate = 2 * MiB
    data = tmp_path / "data"
    part = part_paths(data / "models" / REPO / "shared.gguf")[0]
    first = _start(data, hub, "shared.gguf")
    try:
        _wait(lambda: part.exists() and part.stat().st_size >= MiB, first, "no start")
        code, out, err = cli(capsys, data, "download", "--repo", REPO, "--file",
                             "shared.gguf", "--endpoint", hub.url, "--json")  # fmt: skip
        assert code == 2
        assert "being downloaded by another Open Model Wizard process" in json.loads(out)["message"]
        assert _state(data)[0][0] == "downloading"
        hub.per_connection_rate = 0
        out, err = first.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            first.kill()
    assert first.returncode == 0, err
    assert json.loads(out)["files"][0]["sha256"] == served.sha256
    assert _state(data)[0][0] == "verified"


# ---- item 8: a full disk under the data folder ---------------------------------------
def test_a_full_disk_while_recording_a_failure_shows_the_download_message(
    hub: Hub, tmp_path: Path
) -> None:
    """The part file fills the disk and the database cannot record the failure either
    (here: SQLite refuses writes, as it does on a full disk). Before: an
    ``OperationalError`` traceback from ``_set_state``."""
    from sqlalchemy import event

    hub.add_random(REPO, "big.gguf", 3 * MiB, seed=22)
    db = Database(tmp_path / "data" / "w.sqlite3")

    def disk_fills(pos: int, _n: int) -> None:
        if pos >= MiB:
            db.engine.dispose()  # from now on, every new connection can only read
            event.listen(db.engine, "connect", read_only)
            raise OSError(errno.ENOSPC, "No space left on device")

    def read_only(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")  # type: ignore[attr-defined]

    options = FetchOptions(disk_margin=0, connections=1, write_hook=disk_fills)
    manager = DownloadManager(db, tmp_path / "models", lambda url: HubClient(url),
                              options=options)  # fmt: skip
    download_id = manager.enqueue(DownloadRequest(repo=REPO, filename="big.gguf", endpoint=hub.url))
    events = list(manager.run([download_id]))
    failed = [e for e in events if isinstance(e, StateChanged) and e.state == "failed"]
    assert len(failed) == 1
    assert failed[0].code == "download.disk_full"
    assert failed[0].reason is not None
    assert "is full" in failed[0].reason
    assert "kept in big.gguf.part" in failed[0].reason
    assert "Not recorded: The database" in failed[0].reason
    db.close()


def _can_mount() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real tmpfs (root on Linux only): what the issue's reproduction used."""
    mount = tmp_path / "small"
    mount.mkdir()
    if not _can_mount():
        pytest.skip("needs root on Linux to mount a tmpfs")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=160m", "tmpfs", str(mount)],
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_data_disk_during_a_download_says_so(hub: Hub, small_disk: Path) -> None:
    """The disk fills up while the part grows (another program takes the rest): the part
    and the database both hit ENOSPC. Before: an ``OperationalError: database or disk is
    full`` traceback from ``queue.py`` ``_set_state``."""
    hub.add_random(REPO, "big.gguf", 8 * MiB, seed=23)
    hub.per_connection_rate = 2 * MiB
    part = part_paths(small_disk / "models" / REPO / "big.gguf")[0]
    proc = _start(small_disk, hub, "big.gguf")
    try:
        _wait(lambda: part.exists() and part.stat().st_size >= MiB, proc, "no start")
        with (small_disk / "filler").open("wb", buffering=0) as f:  # all that is left
            with contextlib.suppress(OSError):
                while True:
                    f.write(b"\0" * MiB)
                    f.flush()
            with contextlib.suppress(OSError):
                while True:
                    f.write(b"\0" * 512)
                    f.flush()
        out, err = proc.communicate(timeout=60)
    finally:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    error = json.loads(out)
    assert error["code"] == "download.disk_full"
    assert "is full" in error["message"]
    assert "kept in big.gguf.part" in error["message"]


# ---- item 9: the library comes back from the models folder ---------------------------
def test_a_damaged_database_is_moved_aside_and_the_library_rebuilt(
    hub: Hub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: a traceback in ``library`` for garbage; for an empty file, all rows gone
    silently and ``library scan`` did not re-add the app's own downloads."""
    gguf = write_test_gguf(tmp_path / "src" / "tiny.gguf")
    hub.add_file(REPO, "tiny.gguf", gguf)
    args = ("download", "--repo", REPO, "--file", "tiny.gguf", "--endpoint", hub.url, "--json")
    code, out, err = cli(capsys, tmp_path, *args)
    assert code == 0, err
    path = json.loads(out)["files"][0]["path"]
    db_path = tmp_path / "data" / "wizard.sqlite3"
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    damaged = os.urandom(4096) + db_path.read_bytes()[4096:]
    db_path.write_bytes(damaged)
    code, out, err = cli(capsys, tmp_path, "library", "--json")
    assert code == 0, err
    (entry,) = json.loads(out)
    assert (entry["path"], entry["repo"], entry["filename"]) == (path, REPO, "tiny.gguf")
    assert entry["sha256_verified"] is False  # the proof went with the old database
    assert "was damaged" in err
    assert "1 model(s) from the models folder are in the library again" in err
    (aside,) = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert aside.read_bytes() == damaged
    assert str(aside) in err
    # an emptied file: the same, and nothing silently dropped
    db_path.write_bytes(b"")
    code, out, err = cli(capsys, tmp_path, "library", "--json")
    assert code == 0, err
    assert [e["path"] for e in json.loads(out)] == [path]
    assert "the file is empty" in err
