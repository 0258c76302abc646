"""The model library (import, scan other tools' folders, remove) and remote GGUF peeks."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.hub_server import Hub, write_test_gguf
from wizard_app.core.download.hub import HubClient
from wizard_app.core.errors import InputError
from wizard_app.core.gguf.header import shape_of
from wizard_app.core.gguf.info import parse_header
from wizard_app.core.gguf.parser import NeedMore
from wizard_app.core.gguf.reader import read_local_header, shape_from_gguf
from wizard_app.core.gguf.remote import peek_remote
from wizard_app.core.library.installed import Library
from wizard_app.core.library.scan import ScanRoots, ScanSkipped, scan
from wizard_app.core.storage.database import Database


@pytest.fixture(scope="module")
def gguf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_test_gguf(tmp_path_factory.mktemp("gguf") / "tiny.gguf")


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = Database(tmp_path / "w.sqlite3")
    yield database
    database.close()


@pytest.fixture
def library(db: Database, tmp_path: Path) -> Library:
    return Library(db, tmp_path / "models")


# ---- GGUF headers ------------------------------------------------------------------------
def test_the_header_says_what_the_writer_wrote(gguf_file: Path) -> None:
    info = read_local_header(gguf_file)
    assert info.architecture == "llama"
    assert info.name == "Tiny Test Model"
    header = info.header
    assert header is not None  # a whole model: its checked header comes with the listing
    assert (header.block_count, header.context_length, header.embedding_length) == (2, 4096, 64)
    assert (header.head_count, header.head_count_kv, header.key_length) == (4, 2, 16)
    assert header.vocab_size == 3000
    facts = info.summary()  # the same, as the library stores them
    assert (facts["block_count"], facts["head_count_kv"], facts["vocab_size"]) == (2, 2, 3000)
    assert info.quant == "Q8_0"
    types = {t.name: t.ggml_type for t in info.tensors}
    assert types["token_embd.weight"] == "F32"
    assert types["blk.0.attn_q.weight"] == "F16"
    assert types["blk.1.ffn_up.weight"] == "Q8_0"
    sizes = {t.name: t.n_bytes for t in info.tensors}
    assert sizes["token_embd.weight"] == 3000 * 64 * 4
    assert sizes["blk.0.attn_q.weight"] == 64 * 64 * 2
    assert sizes["blk.0.ffn_up.weight"] == 64 * 64 // 32 * 34
    last = max(info.tensors, key=lambda t: t.offset)
    assert last.offset + last.n_bytes <= gguf_file.stat().st_size


def test_the_parser_agrees_with_gguf_reader(gguf_file: Path) -> None:
    from gguf import GGUFReader

    info = read_local_header(gguf_file)
    reader = GGUFReader(gguf_file)
    assert info.data_offset == reader.data_offset
    assert [(t.name, t.ggml_type, t.n_elements, t.n_bytes, t.offset) for t in info.tensors] == [
        (t.name, t.tensor_type.name, int(t.n_elements), int(t.n_bytes), int(t.data_offset))
        for t in reader.tensors
    ]
    assert parse_header(gguf_file.read_bytes()[:200_000]) == info


def test_a_partial_header_says_how_many_bytes_it_needs(gguf_file: Path) -> None:
    data = gguf_file.read_bytes()
    with pytest.raises(NeedMore) as short:
        parse_header(data[:16_384])
    assert 16_384 < short.value.need <= read_local_header(gguf_file).data_offset


def test_peek_reads_a_remote_header_with_growing_ranges(hub: Hub, gguf_file: Path) -> None:
    hub.add_file("acme/Tiny-GGUF", "tiny.gguf", gguf_file)
    info = peek_remote(HubClient(hub.url), "acme/Tiny-GGUF", "tiny.gguf", initial=16 * 1024)
    assert info == read_local_header(gguf_file)
    gets = hub.requests("cdn", "GET")
    assert len(gets) >= 2  # 16 KiB was not enough: the header is ~90 KiB
    assert gets[0].headers["range"] == "bytes=0-16383"
    assert all("authorization" not in g.headers for g in gets)
    assert hub.bytes_sent() < gguf_file.stat().st_size  # never the whole file
    assert info.data_offset < hub.bytes_sent()


def test_peek_copes_with_a_server_that_ignores_range(hub: Hub, gguf_file: Path) -> None:
    hub.add_file("acme/Tiny-GGUF", "tiny.gguf", gguf_file)
    hub.fail("ignore_range", count=5)
    info = peek_remote(HubClient(hub.url), "acme/Tiny-GGUF", "tiny.gguf", initial=16 * 1024)
    assert info.tensor_bytes == read_local_header(gguf_file).tensor_bytes


def test_a_peeked_header_gives_the_exact_local_shape(hub: Hub, gguf_file: Path) -> None:
    hub.add_file("acme/Tiny-GGUF", "tiny.gguf", gguf_file)
    info = peek_remote(HubClient(hub.url), "acme/Tiny-GGUF", "tiny.gguf", initial=16 * 1024)
    assert info.header is not None
    assert info.header.file_bytes == gguf_file.stat().st_size
    assert shape_of(info.header) == shape_from_gguf(gguf_file)
    assert hub.bytes_sent() < gguf_file.stat().st_size


def test_peek_refuses_what_is_not_gguf(hub: Hub) -> None:
    hub.add_file("acme/Tiny-GGUF", "page.gguf", b"<html>Access denied</html>" * 100)
    with pytest.raises(InputError, match="not a GGUF"):
        peek_remote(HubClient(hub.url), "acme/Tiny-GGUF", "page.gguf")


def test_peek_stops_at_its_limit(hub: Hub, gguf_file: Path) -> None:
    hub.add_file("acme/Tiny-GGUF", "tiny.gguf", gguf_file)
    with pytest.raises(InputError, match="larger than"):
        peek_remote(HubClient(hub.url), "acme/Tiny-GGUF", "tiny.gguf", initial=4096,
                    limit=32 * 1024)  # fmt: skip


def test_a_truncated_file_is_reported(tmp_path: Path, gguf_file: Path) -> None:
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(gguf_file.read_bytes()[:50_000])
    with pytest.raises(InputError, match="ends inside its own header"):
        read_local_header(cut)


# ---- import and remove ----------------------------------------------------------------
def test_import_in_place_registers_and_remove_leaves_the_file(
    library: Library, gguf_file: Path, tmp_path: Path
) -> None:
    entry = library.import_file(gguf_file)
    assert entry.path == gguf_file.resolve()
    assert not entry.owned
    assert entry.source == "import"
    assert entry.architecture == "llama"
    assert entry.quant == "Q8_0"
    assert entry.header["context_length"] == 4096
    assert entry.size_bytes == gguf_file.stat().st_size
    assert library.import_file(gguf_file).id == entry.id  # importing again: same entry
    library.touch(entry.id)
    assert library.get(entry.id).last_used_at is not None
    result = library.remove(entry.id)
    assert not result.file_deleted
    assert "stays" in result.note
    assert gguf_file.exists()
    assert library.entries() == []


def test_import_with_copy_owns_the_copy(library: Library, gguf_file: Path) -> None:
    entry = library.import_file(gguf_file, copy=True)
    assert entry.owned
    assert entry.path.parent == library.models_dir / "imported"
    assert entry.sha256 == hashlib.sha256(gguf_file.read_bytes()).hexdigest()
    result = library.remove(entry.id)
    assert result.file_deleted
    assert not entry.path.exists()
    assert gguf_file.exists()


def test_import_refuses_what_it_cannot_use(library: Library, tmp_path: Path) -> None:
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(b"version https://git-lfs.github.com/spec/v1\noid sha256:abc\n")
    with pytest.raises(InputError, match="not a GGUF"):
        library.import_file(junk)
    with pytest.raises(InputError, match="is not a file"):
        library.import_file(tmp_path / "nowhere.gguf")
    second = tmp_path / "m-00002-of-00003.gguf"
    second.write_bytes(b"GGUF")
    with pytest.raises(InputError, match="shard 2"):
        library.import_file(second)
    with pytest.raises(InputError, match="No model with id 99"):
        library.remove(99)


# ---- other tools' folders --------------------------------------------------------------
def _copy(src: Path, dest: Path) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(src.read_bytes())
    return dest


def make_tool_folders(root: Path, gguf: Path) -> dict[str, Path]:
    """The layouts the four tools really use, with our small GGUF in each."""
    data = gguf.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    out: dict[str, Path] = {}
    # Hugging Face cache: snapshots hold symlinks into blobs named by sha256.
    hf = root / "hf" / "hub" / "models--acme--Tiny-GGUF"
    blob = _copy(gguf, hf / "blobs" / sha)
    snap = hf / "snapshots" / ("c" * 40)
    snap.mkdir(parents=True)
    (snap / "tiny.Q8_0.gguf").symlink_to(os.path.relpath(blob, snap))
    (snap / "README.md").write_text("not a model")
    out["hf"] = snap / "tiny.Q8_0.gguf"
    # LM Studio: <publisher>/<repo>/<file>.gguf, plus a vision projector to skip.
    out["lmstudio"] = _copy(gguf, root / "lms" / "lmstudio-community" / "Tiny-GGUF" / "t.gguf")
    write_test_gguf(root / "lms" / "lmstudio-community" / "Tiny-GGUF" / "mmproj-t.gguf",
                    arch="clip")  # fmt: skip
    # GPT4All: a flat folder.
    out["gpt4all"] = _copy(gguf, root / "gpt4all" / "tiny-chat.gguf")
    (root / "gpt4all" / "broken.gguf").write_bytes(b"<html>oops</html>")
    # Ollama: a manifest names the model layer, whose blob has no .gguf suffix.
    ollama = root / "ollama" / "models"
    blob = _copy(gguf, ollama / "blobs" / f"sha256-{sha}")
    manifest = ollama / "manifests" / "registry.ollama.ai" / "library" / "tiny" / "latest"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(json.dumps({
        "schemaVersion": 2,
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                   "digest": "sha256:" + "1" * 64, "size": 10},
        "layers": [
            {"mediaType": "application/vnd.ollama.image.model", "digest": f"sha256:{sha}",
             "size": len(data)},
            {"mediaType": "application/vnd.ollama.image.template", "digest": "sha256:" + "2" * 64,
             "size": 5},
        ],
    }))  # fmt: skip
    out["ollama"] = blob
    return out


def roots_for(root: Path) -> ScanRoots:
    return ScanRoots(
        huggingface=(root / "hf" / "hub",),
        lmstudio=(root / "lms",),
        gpt4all=(root / "gpt4all",),
        ollama=(root / "ollama" / "models",),
    )


def test_scan_finds_every_tool_and_registers_without_copying(
    library: Library, gguf_file: Path, tmp_path: Path
) -> None:
    files = make_tool_folders(tmp_path / "tools", gguf_file)
    report = library.scan_and_register(roots_for(tmp_path / "tools"))
    by_source = {e.source: e for e in report.added}
    assert set(by_source) == {"huggingface", "lmstudio", "gpt4all", "ollama"}
    for source, key in (("huggingface", "hf"), ("lmstudio", "lmstudio"), ("gpt4all", "gpt4all"),
                        ("ollama", "ollama")):  # fmt: skip
        entry = by_source[source]
        assert entry.path == files[key]  # registered where it is
        assert not entry.owned
        assert entry.architecture == "llama"
        assert entry.size_bytes == gguf_file.stat().st_size
    sha = hashlib.sha256(gguf_file.read_bytes()).hexdigest()
    hf = by_source["huggingface"]
    assert (hf.repo, hf.filename, hf.revision, hf.sha256) == (
        "acme/Tiny-GGUF", "tiny.Q8_0.gguf", "c" * 40, sha)  # fmt: skip
    assert by_source["lmstudio"].repo == "lmstudio-community/Tiny-GGUF"
    assert by_source["ollama"].display_name == "tiny:latest"
    assert by_source["ollama"].sha256 == sha
    assert not any(e.sha256_verified for e in report.added)
    reasons = {s.path.name: s.reason for s in report.skipped}
    assert "vision projector" in reasons["mmproj-t.gguf"]
    assert "not a GGUF" in reasons["broken.gguf"]
    assert not list((tmp_path / "models").rglob("*.gguf"))  # nothing copied
    again = library.scan_and_register(roots_for(tmp_path / "tools"))
    assert again.added == []
    assert len(again.known) == 4


def test_foreign_stores_are_never_deleted(
    library: Library, gguf_file: Path, tmp_path: Path
) -> None:
    files = make_tool_folders(tmp_path / "tools", gguf_file)
    report = library.scan_and_register(roots_for(tmp_path / "tools"))
    by_source = {e.source: e for e in report.added}
    with pytest.raises(InputError, match="ollama rm"):
        library.remove(by_source["ollama"].id, delete_file=True)
    assert files["ollama"].exists()
    gpt = library.remove(by_source["gpt4all"].id, delete_file=True)
    assert gpt.file_deleted
    assert not files["gpt4all"].exists()


def test_scan_yields_without_touching_the_database(gguf_file: Path, tmp_path: Path) -> None:
    make_tool_folders(tmp_path / "tools", gguf_file)
    items = list(scan(roots_for(tmp_path / "tools")))
    found = [i for i in items if not isinstance(i, ScanSkipped)]
    assert len(found) == 4
    assert not list(tmp_path.rglob("*.sqlite3"))


def test_split_models_are_found_once_with_their_total_size(
    library: Library, gguf_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "tools" / "gpt4all"
    first = _copy(gguf_file, folder / "big-00001-of-00002.gguf")
    (folder / "big-00002-of-00002.gguf").write_bytes(b"\0" * 1000)
    report = library.scan_and_register(ScanRoots(gpt4all=(folder,)))
    assert [e.path for e in report.added] == [first]
    assert report.added[0].size_bytes == first.stat().st_size + 1000
    assert "later shard" in report.skipped[0].reason


def test_default_roots_follow_the_environment_and_the_platform(tmp_path: Path) -> None:
    home = tmp_path / "home"
    linux = ScanRoots.default(env={}, home=home, platform="linux")
    assert linux.huggingface == (home / ".cache" / "huggingface" / "hub",)
    assert home / ".lmstudio" / "models" in linux.lmstudio
    assert home / ".cache" / "lm-studio" / "models" in linux.lmstudio
    assert linux.gpt4all == (home / ".local" / "share" / "nomic.ai" / "GPT4All",)
    assert linux.ollama == (home / ".ollama" / "models",)
    env = {"HF_HOME": "/x/hf", "OLLAMA_MODELS": "/y/ollama"}
    assert ScanRoots.default(env=env, home=home, platform="linux").huggingface == (
        Path("/x/hf/hub"),)  # fmt: skip
    env["HF_HUB_CACHE"] = "/z/hub"
    custom = ScanRoots.default(env=env, home=home, platform="linux")
    assert custom.huggingface == (Path("/z/hub"),)
    assert custom.ollama == (Path("/y/ollama"),)
    mac = ScanRoots.default(env={}, home=home, platform="darwin")
    assert mac.gpt4all == (home / "Library" / "Application Support" / "nomic.ai" / "GPT4All",)
    win = ScanRoots.default(env={"LOCALAPPDATA": "C:/Users/u/AppData/Local"}, home=home,
                            platform="win32")  # fmt: skip
    assert win.gpt4all == (Path("C:/Users/u/AppData/Local") / "nomic.ai" / "GPT4All",)


def test_prepare_import_reports_progress_and_a_cancelled_copy_leaves_nothing(
    gguf_file: Path, tmp_path: Path
) -> None:
    from wizard_app.core.cancel import CancelToken
    from wizard_app.core.library.importing import ImportProgress, ImportReady, prepare_import

    models = tmp_path / "models"
    events = list(prepare_import(gguf_file, models, copy=True))
    assert isinstance(events[-1], ImportReady)
    assert events[-1].owned
    assert isinstance(events[0], ImportProgress)
    assert events[-2] == ImportProgress(gguf_file.stat().st_size, gguf_file.stat().st_size)
    (models / "imported" / gguf_file.name).unlink()
    cancel = CancelToken()
    for event in prepare_import(gguf_file, models, copy=True, cancel=cancel):
        assert not isinstance(event, ImportReady)
        cancel.cancel()
    assert list((models / "imported").iterdir()) == []


def test_a_truncated_gguf_is_not_imported(
    gguf_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the header is whole, the tensor data is cut off: fit and run would refuse it later
    from tests.cli_helpers import cli
    from wizard_app.core.gguf.reader import read_local_header

    header_end = read_local_header(gguf_file).data_offset
    whole = gguf_file.read_bytes()
    cut = tmp_path / "cut.gguf"
    cut.write_bytes(whole[: header_end + (len(whole) - header_end) // 2])
    code, out, err = cli(capsys, tmp_path / "data", "library", "import", str(cut), "--json")
    assert code == 2
    assert "cut.gguf is truncated: its tensor data ends at byte" in json.loads(out)["message"]
    code, out, _ = cli(capsys, tmp_path / "data", "library", "--json")
    assert code == 0
    assert "cut.gguf" not in out
    code, _, err = cli(capsys, tmp_path / "data", "library", "import", str(gguf_file))
    assert code == 0, err  # the whole file is
